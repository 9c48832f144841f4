//! What anyone reaches: areas, the registry search, certificate checks, server-rendered pages,
//! the OpenAPI document, and the cache of anonymous pages.

use super::{TestApp, apps, get};
use app::backend::RegistryCache;
use app::backend::seed;
use app::backend::testing::TestDb;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn areas_answer_and_refuse_bad_codes() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let c = app.client();
        let (s, body) = get(&c, app.url("/api/v1/areas/440305")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(body["name"], "南山区");
        assert_eq!(body["level"], "county");
        let (s, body) = get(&c, app.url("/api/v1/areas/440305001/children")).await;
        assert_eq!(s, StatusCode::OK);
        let kids = body.as_array().expect("array");
        assert!(
            kids.iter()
                .any(|k| k["name"] == "南头城社区居委会" && k["village_kind"] == "urban_community")
        );
        for (path, status, code) in [
            ("/api/v1/areas/12x", StatusCode::BAD_REQUEST, "malformed"),
            (
                "/api/v1/areas/4403050010011",
                StatusCode::BAD_REQUEST,
                "malformed",
            ),
            (
                "/api/v1/areas/%E5%8C%97%E4%BA%AC",
                StatusCode::BAD_REQUEST,
                "malformed",
            ),
            ("/api/v1/areas/%FF%FE", StatusCode::BAD_REQUEST, "malformed"),
            ("/api/v1/areas/650000", StatusCode::NOT_FOUND, "not_found"),
            (
                "/api/v1/areas/650000/children",
                StatusCode::NOT_FOUND,
                "not_found",
            ),
            ("/api/v1/nothing-here", StatusCode::NOT_FOUND, "not_found"),
        ] {
            let (s, body) = get(&c, app.url(path)).await;
            assert_eq!(s, status, "{path}");
            assert_eq!(body["error"]["code"], code, "{path}");
            assert!(
                body["error"]["message"]
                    .as_str()
                    .is_some_and(|m| !m.is_empty())
            );
        }
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn public_search_pages_filters_and_validates() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let c = app.client();
        let (s, body) = get(&c, app.url("/api/v1/public/communities?per_page=5&page=2")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(body["total"], 40);
        assert_eq!(body["page"], 2);
        assert_eq!(body["per_page"], 5);
        assert_eq!(body["items"].as_array().map(Vec::len), Some(5));

        let (_, body) = get(
            &c,
            app.url("/api/v1/public/communities?area=110101&per_page=100"),
        )
        .await;
        let items = body["items"].as_array().expect("items");
        assert!(!items.is_empty());
        assert!(items.iter().all(|i| {
            i["community_code"]
                .as_str()
                .is_some_and(|c| c.starts_with("110101"))
        }));

        let (_, body) = get(
            &c,
            app.url("/api/v1/public/communities?tier=provincial_star&per_page=100"),
        )
        .await;
        assert!(
            body["items"]
                .as_array()
                .expect("items")
                .iter()
                .all(|i| i["tier"] == "provincial_star")
        );

        let (_, body) = get(
            &c,
            app.url("/api/v1/public/communities?q=%E7%A4%BE%E5%8C%BA&per_page=100"),
        )
        .await;
        assert!(body["items"].as_array().expect("items").iter().all(|i| {
            i["community_name"]
                .as_str()
                .is_some_and(|n| n.contains("社区"))
        }));

        let long = "社".repeat(60);
        for (query, field) in [
            ("page=0".to_string(), "page"),
            ("page=abc".to_string(), "page"),
            ("per_page=1000".to_string(), "per_page"),
            ("area=12x".to_string(), "area"),
            ("area=650000".to_string(), "area"),
            ("tier=gold".to_string(), "tier"),
            (format!("q={long}"), "q"),
        ] {
            let (s, body) = get(&c, app.url(&format!("/api/v1/public/communities?{query}"))).await;
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
            assert_eq!(body["error"]["code"], "invalid");
            assert!(
                body["error"]["fields"][field].as_str().is_some(),
                "{query}: {body}"
            );
        }
        let (s, body) = get(&c, app.url("/api/v1/public/communities?q=%FF")).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(body["error"]["code"], "malformed");
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn certificates_verify_by_number() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let c = app.client();
        let (_, body) = get(&c, app.url("/api/v1/public/communities?per_page=1")).await;
        let number = body["items"][0]["certificate_no"]
            .as_str()
            .expect("number")
            .to_string();
        let (s, cert) = get(
            &c,
            app.url(&format!("/api/v1/public/certificates/{number}")),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(cert["certificate_no"], number);
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let stored = app::backend::entity::certification::Entity::find()
            .filter(app::backend::entity::certification::Column::CertificateNo.eq(&number))
            .one(&app.db.db)
            .await
            .expect("query")
            .expect("stored");
        assert_eq!(cert["status"], stored.status.as_str());
        assert_eq!(cert["is_demo"], true);
        let (s, body) = get(
            &c,
            app.url("/api/v1/public/certificates/XJ-2099-000000-0001"),
        )
        .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert_eq!(body["error"]["code"], "not_found");
        let (s, body) = get(&c, app.url("/api/v1/public/certificates/%3Cscript%3E")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["error"]["fields"]["number"].is_string());
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn pages_render_on_the_server() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let c = app.client();
        let r = c.get(app.url("/")).send().await.expect("home");
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.expect("text");
        assert!(html.contains("<html lang=\"zh-CN\""), "default language");
        assert!(html.contains("充分就业社区公示查询"));
        assert!(html.contains("共 40 条"));

        let r = c
            .get(app.url("/?area=110101"))
            .header("cookie", "lang=en")
            .send()
            .await
            .expect("en");
        let html = r.text().await.expect("text");
        assert!(html.contains("<html lang=\"en\""));
        assert!(html.contains("Certified full-employment communities"));

        let r = c
            .get(app.url("/lang/en?next=/areas"))
            .send()
            .await
            .expect("switch");
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            r.headers().get("location").and_then(|v| v.to_str().ok()),
            Some("/areas")
        );
        let r = c
            .get(app.url("/lang/en?next=//evil.example"))
            .send()
            .await
            .expect("switch");
        assert_eq!(
            r.headers().get("location").and_then(|v| v.to_str().ok()),
            Some("/")
        );

        let c = app.client();
        let r = c
            .get(app.url("/areas/440305001"))
            .send()
            .await
            .expect("areas");
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.expect("text").contains("南头城社区居委会"));
        let r = c
            .get(app.url("/areas/650000"))
            .send()
            .await
            .expect("unknown area");
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let r = c.get(app.url("/areas/12x")).send().await.expect("bad area");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let r = c
            .get(app.url("/verify/XJ-2099-000000-0001"))
            .send()
            .await
            .expect("verify");
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(r.text().await.expect("text").contains("查无此证书"));
        let r = c.get(app.url("/?page=0")).send().await.expect("bad page");
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = c.get(app.url("/no/such/page")).send().await.expect("404");
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn openapi_lists_every_endpoint() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let (s, doc) = get(&app.client(), app.url("/api/v1/openapi.json")).await;
        assert_eq!(s, StatusCode::OK);
        for path in [
            "/api/v1/areas/{code}",
            "/api/v1/areas/{code}/children",
            "/api/v1/public/communities",
            "/api/v1/public/certificates/{number}",
            "/api/v1/auth/login",
            "/api/v1/auth/logout",
            "/api/v1/me",
            "/api/v1/accounts",
            "/api/v1/calendar",
            "/api/v1/households",
            "/api/v1/targets",
            "/api/v1/targets/{id}/decisions",
            "/api/v1/people/{id}/card",
            "/api/v1/people/{id}/card/pdf",
            "/api/v1/people/{id}/history",
            "/api/v1/duplicates",
            "/api/v1/zero-cases/communities",
            "/api/v1/policies/assistance",
            "/api/v1/public/cards/{number}",
            "/api/v1/work",
            "/api/v1/households/{id}",
            "/api/v1/households/{id}/members",
            "/api/v1/households/{id}/visits",
            "/api/v1/households/{id}/versions/{version}",
            "/api/v1/people/{id}",
            "/api/v1/people/{id}/versions/{version}",
            "/api/v1/certification/standards",
            "/api/v1/certification/rounds",
            "/api/v1/certification/rounds/{id}/pipeline",
            "/api/v1/certification/rounds/{id}/export",
            "/api/v1/certification/applications",
            "/api/v1/certification/applications/{id}/decisions",
            "/api/v1/certification/applications/{id}/attachments",
            "/api/v1/certification/objections/{id}/investigation",
            "/api/v1/certification/certificates/{number}/inspections",
            "/api/v1/certification/communities/{code}/history",
            "/api/v1/certification/communities/{code}/file",
            "/api/v1/public/notices",
            "/api/v1/public/notices/{id}/objections",
            "/api/v1/public/certificates/{number}/pdf",
            "/api/v1/openapi.json",
            "/healthz",
        ] {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
        // Every documented operation is routed: with `x` for each path parameter and no
        // sign-in it is refused (400, 401, 405, 422 …) but never "no such route" (404).
        let c = app.client();
        let paths = doc["paths"].as_object().expect("paths");
        for (path, ops) in paths {
            let concrete: String = path
                .split('/')
                .map(|seg| if seg.starts_with('{') { "x" } else { seg })
                .collect::<Vec<_>>()
                .join("/");
            for method in ops.as_object().expect("ops").keys() {
                let m =
                    reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
                let r = c
                    .request(m, app.url(&concrete))
                    .json(&json!({}))
                    .send()
                    .await
                    .expect("request");
                assert_ne!(
                    r.status(),
                    StatusCode::NOT_FOUND,
                    "{method} {path} is not routed"
                );
            }
        }
        app.db.cleanup().await;
    }
}

async fn page_text(c: &reqwest::Client, url: String) -> String {
    c.get(url)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("text")
}

/// The total the registry page shows (`data-total` of the result count).
async fn page_total(c: &reqwest::Client, url: String) -> u64 {
    let html = page_text(c, url).await;
    let at = html.find("data-total=\"").expect("result count") + "data-total=\"".len();
    html[at..]
        .split('"')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("number")
}

#[tokio::test]
async fn anonymous_pages_are_kept_until_a_write_drops_them() {
    let _clock = app::backend::testing::suite_clock();
    for t in TestDb::all().await.expect("dbs") {
        let db = t.with_areas().await.expect("areas");
        let app =
            TestApp::start_with(db, RegistryCache::new(std::time::Duration::from_secs(600))).await;
        let anonymous = app.client();
        let before = page_total(&anonymous, app.url("/")).await;
        assert_eq!(before, 40);

        let added = seed::seed_certifications(&app.db.db, &["440304"], 60, |_| {})
            .await
            .expect("more titles");
        assert!(added > 0);
        // Anonymous visitors get the kept page; a signed-in one never does (it names them).
        assert_eq!(page_total(&anonymous, app.url("/")).await, before);
        let signed_in = app.login("ns_county").await;
        assert!(
            page_text(&signed_in, app.url("/"))
                .await
                .contains("南山区人社局（演示）")
        );
        assert!(
            !page_text(&anonymous, app.url("/"))
                .await
                .contains("南山区人社局（演示）")
        );

        app.cache.invalidate();
        assert_eq!(page_total(&anonymous, app.url("/")).await, before + added);
        app.db.cleanup().await;
    }
}

/// The properties of a documented schema, following `$ref`s and arrays.
fn properties<'a>(doc: &'a serde_json::Value, schema: &'a serde_json::Value) -> Vec<String> {
    let mut s = schema;
    for _ in 0..4 {
        if let Some(r) = s["$ref"].as_str() {
            let name = r.trim_start_matches("#/components/schemas/");
            s = &doc["components"]["schemas"][name];
        } else if s["type"] == "array" {
            s = &s["items"];
        } else {
            break;
        }
    }
    s["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Types that share a Rust name (a round, a decision of certification, assistance and
/// promotions) are documented each under its own schema: the document describes the shape the
/// operation takes and gives.
#[tokio::test]
async fn each_operation_is_documented_with_its_own_shapes() {
    let _clock = app::backend::testing::suite_clock();
    let app = TestApp::start(
        TestDb::sqlite()
            .await
            .expect("db")
            .with_areas()
            .await
            .expect("areas"),
    )
    .await;
    let (s, doc) = get(&app.client(), app.url("/api/v1/openapi.json")).await;
    assert_eq!(s, StatusCode::OK);
    let body = |path: &str, method: &str| {
        properties(
            &doc,
            &doc["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"],
        )
    };
    let answer = |path: &str, method: &str, status: &str| {
        properties(
            &doc,
            &doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"],
        )
    };
    let has = |fields: &[String], wanted: &[&str], what: &str| {
        for w in wanted {
            assert!(
                fields.iter().any(|f| f == w),
                "{what}: no `{w}` in {fields:?}"
            );
        }
    };
    has(
        &body("/api/v1/targets/{id}/decisions", "post"),
        &["action", "reason", "version"],
        "target decision",
    );
    has(
        &answer("/api/v1/certification/rounds", "get", "200"),
        &["tier", "opens_on", "closes_on", "quotas"],
        "certification rounds",
    );
    has(
        &answer("/api/v1/certification/rounds/{id}", "get", "200"),
        &["tier", "opens_on", "closes_on", "quotas"],
        "certification round",
    );
    has(
        &body("/api/v1/certification/rounds", "post"),
        &["tier", "opens_on", "closes_on"],
        "certification round input",
    );
    has(
        &body(
            "/api/v1/promotion-rounds/{id}/candidates/{candidate}/decision",
            "post",
        ),
        &["approve", "reason", "version"],
        "promotion decision",
    );
    has(
        &body("/api/v1/promotion-rounds", "post"),
        &["area_code", "title"],
        "promotion round input",
    );
    app.db.cleanup().await;
}

/// With a read database (`READ_DATABASE_URL`), the public registry, the public certificate
/// check and its PDF read it; a signed-in user's own views and every write go to the primary.
#[tokio::test]
async fn public_reads_go_to_the_read_database_and_the_rest_to_the_primary() {
    let _clock = app::backend::testing::suite_clock();
    let replicas = TestDb::all().await.expect("dbs");
    for (app, replica) in apps().await.into_iter().zip(replicas) {
        let replica = replica.with_areas().await.expect("areas");
        let twin = app.twin_reading(&replica.db).await;
        let c = app.client();
        // The primary holds the titles the test app seeds; the read database none yet.
        let (status, primary) = get(&c, app.url("/api/v1/public/communities")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(primary["total"].as_u64() > Some(0), "{primary}");
        let (status, read) = get(&c, format!("{twin}/api/v1/public/communities")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(read["total"], 0, "{read}");
        let number = primary["items"][0]["certificate_no"]
            .as_str()
            .expect("number")
            .to_string();
        let (status, _) = get(&c, format!("{twin}/api/v1/public/certificates/{number}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // What reaches the read database is served there.
        seed::seed_certifications(&replica.db, &["440305"], 5, |_| {})
            .await
            .expect("titles on the read side");
        let (_, read) = get(&c, format!("{twin}/api/v1/public/communities")).await;
        assert_eq!(read["total"], 5, "{read}");
        // A signed-in reader's own view reads the primary (sessions and accounts live there).
        let officer = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        let r = officer
            .post(format!("{twin}/api/v1/auth/login"))
            .json(&json!({"username": "ns_street", "password": seed::DEMO_PASSWORD}))
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), StatusCode::OK);
        let (_, street) = get(&c, app.url("/api/v1/public/communities?area=440305001")).await;
        let code = street["items"][0]["community_code"]
            .as_str()
            .expect("a title under 南头街道 on the primary")
            .to_string();
        let (status, history) = get(
            &officer,
            format!("{twin}/api/v1/certification/communities/{code}/history"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{history}");
        assert!(
            !history["certificates"]
                .as_array()
                .expect("titles")
                .is_empty(),
            "{history}"
        );
        // Signed in, the public check reads the primary too (what one just revoked shows).
        let (status, title) = get(
            &officer,
            format!("{twin}/api/v1/public/certificates/{number}"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{title}");
        assert_eq!(title["certificate_no"], number.as_str());
        replica.cleanup().await;
        app.db.cleanup().await;
    }
}

/// The client connections to this database (Postgres backends, by process id): the pool's,
/// which both the test server and this query use.
async fn backends(db: &sea_orm::DatabaseConnection) -> std::collections::BTreeSet<i32> {
    use sea_orm::{ConnectionTrait, Statement};
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() \
         AND backend_type = 'client backend'",
    ))
    .await
    .expect("pg_stat_activity")
    .iter()
    .map(|r| r.try_get::<i32>("", "pid").expect("pid"))
    .collect()
}

/// The search page reads the registry once and to the end: on Postgres, pages one after
/// another are served by the pool's connections and none is opened anew (a read begun in a
/// render that was dropped half-way closed its connection, one per page).
#[tokio::test]
async fn the_search_page_keeps_the_pools_connections() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        if app.db.kind != app::backend::db::DbKind::Postgres {
            app.db.cleanup().await;
            continue;
        }
        let c = app.client();
        for _ in 0..3 {
            assert!(page_total(&c, app.url("/?area=44")).await > 0);
        }
        let before = backends(&app.db.db).await;
        assert!(!before.is_empty(), "the pool holds connections");
        for n in 0..10 {
            let url = if n % 2 == 0 { "/?area=44" } else { "/" };
            assert!(page_total(&c, app.url(url)).await > 0);
        }
        let after = backends(&app.db.db).await;
        let opened: Vec<&i32> = after.difference(&before).collect();
        assert!(
            opened.is_empty(),
            "after 10 pages, connections that were not there before: {opened:?} (before: {before:?})"
        );
        app.db.cleanup().await;
    }
}
