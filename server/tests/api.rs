//! The REST API and the server-rendered pages, over real HTTP, on SQLite and (when
//! TEST_DATABASE_URL is set) Postgres.

use app::backend::seed;
use app::backend::testing::TestDb;
use app::backend::{AppState, RegistryCache, SiteAssets};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::net::SocketAddr;

struct TestApp {
    base: String,
    db: TestDb,
    cache: RegistryCache,
}

impl TestApp {
    async fn start(db: TestDb) -> TestApp {
        TestApp::start_with(db, RegistryCache::disabled()).await
    }

    async fn start_with(db: TestDb, cache: RegistryCache) -> TestApp {
        TestApp::start_on_site(db, cache, "target/site", SiteAssets::default()).await
    }

    /// A server whose built site lies at `site_root`, named by `assets`.
    async fn start_on_site(
        db: TestDb,
        cache: RegistryCache,
        site_root: &str,
        assets: SiteAssets,
    ) -> TestApp {
        seed::seed_accounts(&db.db).await.expect("accounts");
        seed::seed_certifications(&db.db, &["440305", "110101"], 40, |_| {})
            .await
            .expect("certs");
        let options = leptos::config::LeptosOptions::builder()
            .output_name(assets.app.clone())
            .site_root(site_root)
            .build();
        let state = AppState {
            db: db.db.clone(),
            leptos_options: options,
            registry_cache: cache.clone(),
            assets,
            public_url: None,
        };
        let app = server::build_router(state, false);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            let _ = axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await;
        });
        TestApp {
            base: format!("http://{addr}"),
            db,
            cache,
        }
    }

    fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    async fn login(&self, username: &str) -> reqwest::Client {
        let c = self.client();
        let r = c
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({"username": username, "password": seed::DEMO_PASSWORD}))
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), StatusCode::OK, "login {username}");
        c
    }
}

async fn apps() -> Vec<TestApp> {
    let mut out = Vec::new();
    for t in TestDb::all().await.expect("dbs") {
        out.push(TestApp::start(t.with_areas().await.expect("areas")).await);
    }
    out
}

async fn json_of(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    let body = r.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}

async fn get(c: &reqwest::Client, url: String) -> (StatusCode, Value) {
    json_of(c.get(url).send().await.expect("get")).await
}

#[tokio::test]
async fn health_reports_the_database() {
    for app in apps().await {
        let (s, body) = get(&app.client(), app.url("/healthz")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(body["status"], "ok");
        assert_eq!(body["database"], app.db.kind.as_str());
        app.db.cleanup().await;
    }
}

/// A built site (under `site/` of the returned directory) as `.ci/site.mjs` writes it: hashed names, a brotli and a gzip copy beside each
/// (their bytes only need to differ from the plain file's here), and the manifest.
fn built_site() -> (tempfile::TempDir, SiteAssets) {
    let site = tempfile::tempdir().expect("tempdir");
    let pkg = site.path().join("site").join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg");
    // Beside the site root: what a path climbing out of pkg/ would reach.
    std::fs::write(site.path().join("outside.txt"), "outside-marker").expect("outside");
    let assets = SiteAssets {
        app: "jiceng-0123456789abcdef".into(),
        css: "jiceng-fedcba9876543210.css".into(),
    };
    for (name, body) in [
        ("jiceng-0123456789abcdef.js", "export default function(){}"),
        ("jiceng-0123456789abcdef_bg.wasm", "\0asm-plain"),
        ("jiceng-fedcba9876543210.css", "body{margin:0}"),
    ] {
        std::fs::write(pkg.join(name), body).expect("file");
        std::fs::write(pkg.join(format!("{name}.br")), format!("br:{body}")).expect("br");
        std::fs::write(pkg.join(format!("{name}.gz")), format!("gz:{body}")).expect("gz");
    }
    std::fs::write(
        pkg.join("assets.json"),
        r#"{"app":"jiceng-0123456789abcdef","css":"jiceng-fedcba9876543210.css"}"#,
    )
    .expect("manifest");
    (site, assets)
}

#[tokio::test]
async fn the_bundle_is_served_immutable_and_compressed_ahead_of_time() {
    let (site, assets) = built_site();
    let db = TestDb::sqlite()
        .await
        .expect("db")
        .with_areas()
        .await
        .expect("areas");
    let root = site
        .path()
        .join("site")
        .to_str()
        .expect("utf-8 path")
        .to_string();
    let app = TestApp::start_on_site(db, RegistryCache::disabled(), &root, assets).await;
    let c = app.client();

    // Pages name the hashed files.
    let page = c.get(app.url("/")).send().await.expect("page");
    let page_cache = page.headers().get("cache-control").cloned();
    let html = page.text().await.expect("html");
    assert!(
        html.contains("/pkg/jiceng-0123456789abcdef.js"),
        "script: {html}"
    );
    assert!(
        html.contains("/pkg/jiceng-0123456789abcdef_bg.wasm"),
        "wasm"
    );
    assert!(
        html.contains("/pkg/jiceng-fedcba9876543210.css"),
        "stylesheet"
    );
    assert_ne!(
        page_cache.as_ref().and_then(|v| v.to_str().ok()),
        Some(server::static_files::IMMUTABLE),
        "pages keep their own caching"
    );

    for (path, ctype) in [
        ("/pkg/jiceng-0123456789abcdef.js", "javascript"),
        ("/pkg/jiceng-0123456789abcdef_bg.wasm", "application/wasm"),
        ("/pkg/jiceng-fedcba9876543210.css", "text/css"),
    ] {
        for (accept, encoding, prefix) in [
            ("br, gzip", Some("br"), "br:"),
            ("gzip", Some("gzip"), "gz:"),
            ("identity", None, ""),
        ] {
            let r = c
                .get(app.url(path))
                .header("accept-encoding", accept)
                .send()
                .await
                .expect("get");
            assert_eq!(r.status(), StatusCode::OK, "{path} {accept}");
            let h = r.headers().clone();
            assert_eq!(
                h.get("cache-control").and_then(|v| v.to_str().ok()),
                Some("public, max-age=31536000, immutable"),
                "{path} {accept}"
            );
            assert_eq!(
                h.get("content-encoding").and_then(|v| v.to_str().ok()),
                encoding,
                "{path} {accept}"
            );
            assert!(
                h.get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|t| t.contains(ctype)),
                "{path}: {:?}",
                h.get("content-type")
            );
            assert!(
                h.get("vary")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")),
                "{path} varies by encoding"
            );
            let body = r.text().await.expect("body");
            assert!(
                body.starts_with(prefix),
                "{path} {accept}: the file written at build time, got {body:?}"
            );
        }
    }

    // Unhashed and missing names are never kept.
    for (path, status) in [
        ("/pkg/assets.json", StatusCode::OK),
        ("/pkg/jiceng-0000000000000000.js", StatusCode::NOT_FOUND),
    ] {
        let r = c.get(app.url(path)).send().await.expect("get");
        assert_eq!(r.status(), status, "{path}");
        assert_eq!(
            r.headers()
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-cache"),
            "{path}"
        );
    }
    // A path that climbs out of pkg/, sent as written (an HTTP client would tidy it first).
    let addr = app.base.trim_start_matches("http://").to_string();
    let answer = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut tcp = std::net::TcpStream::connect(addr).expect("connect");
        tcp.write_all(
            b"GET /pkg/../../outside.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        )
        .expect("send");
        let mut answer = Vec::new();
        tcp.read_to_end(&mut answer).expect("read");
        answer
    })
    .await
    .expect("raw request");
    let answer = String::from_utf8_lossy(&answer);
    let status = answer.split(' ').nth(1).unwrap_or_default();
    assert!(
        status.starts_with('4'),
        "no way out of pkg/: {}",
        answer.lines().next().unwrap_or_default()
    );
    assert!(
        !answer.contains("outside-marker"),
        "a file outside the site was sent"
    );
    app.db.cleanup().await;
}

#[tokio::test]
async fn areas_answer_and_refuse_bad_codes() {
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
        assert!(cert["status"] == "valid" || cert["status"] == "revoked");
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
async fn login_me_logout_and_bad_bodies() {
    for app in apps().await {
        let c = app.client();
        let (s, body) = get(&c, app.url("/api/v1/me")).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        assert_eq!(body["error"]["code"], "unauthenticated");

        let r = c
            .post(app.url("/api/v1/auth/login"))
            .header("content-type", "application/json")
            .body("{nope")
            .send()
            .await
            .expect("post");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(body["error"]["code"], "malformed");
        let (s, body) = get(&c, app.url("/api/v1/auth/login")).await;
        assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(body["error"]["code"], "method_not_allowed");
        let r = c
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"username": "x"}))
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = c
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"username": "ns_street", "password": "wrong-one"}))
            .send()
            .await
            .expect("post");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["error"]["fields"]["credentials"].is_string());

        let r = c
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"username": "ns_street", "password": seed::DEMO_PASSWORD}))
            .send()
            .await
            .expect("post");
        let cookie = r
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        let (s, me) = json_of(r).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(me["role"], "street_officer");
        assert!(me.get("password_hash").is_none());
        let (s, me) = get(&c, app.url("/api/v1/me")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(me["username"], "ns_street");
        let r = c
            .post(app.url("/api/v1/auth/logout"))
            .send()
            .await
            .expect("logout");
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let (s, _) = get(&c, app.url("/api/v1/me")).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn login_is_throttled() {
    for app in apps().await {
        let c = app.client();
        for _ in 0..5 {
            let r = c
                .post(app.url("/api/v1/auth/login"))
                .json(&json!({"username": "sz_city", "password": "bad-password"}))
                .send()
                .await
                .expect("post");
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        }
        let r = c
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"username": "sz_city", "password": seed::DEMO_PASSWORD}))
            .send()
            .await
            .expect("post");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(body["error"]["code"], "too_many_attempts");
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    for app in apps().await {
        let c = app.client();
        let r = c
            .post(app.url("/api/v1/auth/login"))
            .header("origin", "http://evil.example")
            .json(&json!({"username": "ns_street", "password": seed::DEMO_PASSWORD}))
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // The same applies to server functions.
        let r = c
            .post(app.url("/api/auth/logout"))
            .header("origin", "http://evil.example")
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn errors_speak_the_callers_language() {
    for app in apps().await {
        let c = app.client();
        let r = c
            .get(app.url("/api/v1/areas/650000"))
            .header("accept-language", "en-US,en;q=0.9")
            .send()
            .await
            .expect("get");
        let (_, body) = json_of(r).await;
        assert_eq!(body["error"]["message"], "Not found.");
        let (_, body) = get(&c, app.url("/api/v1/areas/650000")).await;
        assert_eq!(body["error"]["message"], "未找到。");
        app.db.cleanup().await;
    }
}

/// Role × inside/outside area, for every endpoint that needs a sign-in.
#[tokio::test]
async fn scope_matrix_for_every_role() {
    // (username, an area inside its scope, an area outside it)
    let matrix = [
        ("admin", Some("110101"), None),
        ("ministry", Some("440305"), None),
        ("gd_province", Some("4403"), Some("11")),
        ("sz_city", Some("440305"), Some("110101")),
        ("sz_hr", Some("440305001"), Some("44")),
        ("ns_county", Some("440305001"), Some("440304")),
        ("ns_street", Some("440305001"), Some("440305")),
        ("ns_coordinator", None, Some("440305001")),
        ("bj_province", Some("110101"), Some("44")),
    ];
    for app in apps().await {
        for (user, inside, outside) in matrix {
            let c = app.login(user).await;
            let (s, me) = get(&c, app.url("/api/v1/me")).await;
            assert_eq!(s, StatusCode::OK, "{user}");
            let home = me["area_code"].as_str().map(str::to_string);
            let (s, list) = get(&c, app.url("/api/v1/accounts")).await;
            assert_eq!(s, StatusCode::OK, "{user}");
            let list = list.as_array().expect("list").clone();
            assert!(
                list.iter().any(|a| a["username"] == user),
                "{user} sees itself"
            );
            // Everything listed lies inside the home area.
            if let Some(home) = &home {
                let prefix = app::domain::area_code::AreaCode::parse(home)
                    .expect("code")
                    .prefix()
                    .to_string();
                for acc in &list {
                    let code = acc["area_code"].as_str().unwrap_or("");
                    assert!(code.starts_with(&prefix), "{user} saw {code}");
                }
            }
            if let Some(area) = inside {
                let (s, _) = get(&c, app.url(&format!("/api/v1/accounts?area={area}"))).await;
                assert_eq!(s, StatusCode::OK, "{user} inside {area}");
            }
            if let Some(area) = outside {
                let (s, body) = get(&c, app.url(&format!("/api/v1/accounts?area={area}"))).await;
                assert_eq!(s, StatusCode::FORBIDDEN, "{user} outside {area}");
                assert_eq!(body["error"]["code"], "out_of_scope");
            }
        }
        let (s, _) = get(&app.client(), app.url("/api/v1/accounts")).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn pages_render_on_the_server() {
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

#[tokio::test]
async fn the_ledger_over_rest_with_scope_versions_and_field_errors() {
    for app in apps().await {
        let anon = app.client();
        let r = anon
            .get(app.url("/api/v1/households"))
            .send()
            .await
            .expect("anon");
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

        let coordinator = app.login("ns_coordinator").await;
        // Field errors, localised, nothing written.
        let r = coordinator
            .post(app.url("/api/v1/households"))
            .json(&json!({"community_code": "440305001", "address": ""}))
            .send()
            .await
            .expect("bad");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["error"]["code"], "invalid");
        assert!(body["error"]["fields"]["community_code"].is_string());
        assert!(body["error"]["fields"]["address"].is_string());
        // Malformed JSON is a 400.
        let r = coordinator
            .post(app.url("/api/v1/households"))
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .expect("malformed");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);

        let r = coordinator
            .post(app.url("/api/v1/households"))
            .json(&json!({"community_code": "440305001001", "address": "南头城北街8号", "urban_hukou": true}))
            .send()
            .await
            .expect("create");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        let id = body["household"]["id"].as_i64().expect("id");
        let r = coordinator
            .post(app.url(&format!("/api/v1/households/{id}/members")))
            .json(&json!({
                "id_number": "11010519491231002X", "name": "王芳", "phone": "13800138000",
                "ability": "full", "wants_work": true, "status": "unemployed",
                "needs": ["job_referral", "training"]
            }))
            .send()
            .await
            .expect("member");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        let member = &body["members"][0];
        assert_eq!(member["id_number"], "1101**********002X");
        assert_eq!(member["phone"], "138****8000");
        let person = member["id"].as_i64().expect("person id");
        // The same number again: 409 with its own message.
        let r = coordinator
            .post(app.url(&format!("/api/v1/households/{id}/members")))
            .json(&json!({"id_number": "11010519491231002x", "name": "王芳", "ability": "full", "status": "unemployed"}))
            .send()
            .await
            .expect("again");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::CONFLICT);
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap_or("")
                .contains("台账")
        );

        // A stale version is refused.
        let update = |version: i64| json!({"community_code": "440305001001", "address": "南头城北街8号之一", "version": version});
        let r = coordinator
            .put(app.url(&format!("/api/v1/households/{id}")))
            .json(&update(1))
            .send()
            .await
            .expect("update");
        assert_eq!(r.status(), StatusCode::OK);
        let r = coordinator
            .put(app.url(&format!("/api/v1/households/{id}")))
            .json(&update(1))
            .send()
            .await
            .expect("stale");
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let (s, v1) = get(
            &coordinator,
            app.url(&format!("/api/v1/households/{id}/versions/1")),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            v1["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .any(|f| f["value"] == "南头城北街8号")
        );

        // Scope: another district's officer, a city reader, an HR manager.
        let beijing = app.login("bj_province").await;
        let (s, _) = get(&beijing, app.url(&format!("/api/v1/households/{id}"))).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = get(&beijing, app.url(&format!("/api/v1/people/{person}"))).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = get(&beijing, app.url("/api/v1/households?area=440305")).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let city = app.login("sz_city").await;
        let (s, list) = get(&city, app.url("/api/v1/households?area=440305001001")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(list["total"], 1);
        let (s, _) = get(&city, app.url(&format!("/api/v1/people/{person}"))).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "readers never unmask");
        let hr = app.login("sz_hr").await;
        let (s, _) = get(&hr, app.url("/api/v1/households")).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        // The coordinator unmasks, and the read is audited without the values.
        let (s, full) = get(&coordinator, app.url(&format!("/api/v1/people/{person}"))).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(full["id_number"], "11010519491231002X");
        let (s, _) = get(&coordinator, app.url("/api/v1/households/abc")).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        // The public card check: malformed 422, unknown 404, no sign-in needed.
        let (s, body) = get(&anon, app.url("/api/v1/public/cards/not-a-card")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["error"]["fields"]["number"].is_string());
        let (s, _) = get(&anon, app.url("/api/v1/public/cards/JY440305-2026-999999")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        app.db.cleanup().await;
    }
}

/// Surveys a household in 南头城社区 with one member; returns the household record.
async fn survey(app: &TestApp, c: &reqwest::Client, address: &str, member: Value) -> Value {
    let r = c
        .post(app.url("/api/v1/households"))
        .json(&json!({"community_code": "440305001001", "address": address, "urban_hukou": true}))
        .send()
        .await
        .expect("household");
    let (s, h) = json_of(r).await;
    assert_eq!(s, StatusCode::CREATED, "{h}");
    let id = h["household"]["id"].as_i64().expect("id");
    let r = c
        .post(app.url(&format!("/api/v1/households/{id}/members")))
        .json(&member)
        .send()
        .await
        .expect("member");
    let (s, h) = json_of(r).await;
    assert_eq!(s, StatusCode::CREATED, "{h}");
    h
}

#[tokio::test]
async fn targets_over_rest_follow_the_chain() {
    for app in apps().await {
        let coordinator = app.login("ns_coordinator").await;
        let member = json!({"id_number": "11010519491231002X", "name": "王芳", "ability": "full",
            "wants_work": true, "status": "unemployed", "unemployed_since": "2024-01-01"});
        let h = survey(&app, &coordinator, "南头城北街9号", member).await;
        let person = h["members"][0]["id"].as_i64().expect("person");
        let r = coordinator
            .post(app.url("/api/v1/targets"))
            .json(&json!({"person_id": person, "categories": []}))
            .send()
            .await
            .expect("apply");
        let (s, file) = json_of(r).await;
        assert_eq!(s, StatusCode::CREATED, "{file}");
        assert_eq!(file["target"]["step"], "community");
        let target = file["target"]["id"].as_i64().expect("target");
        let (s, queue) = get(&coordinator, app.url("/api/v1/targets/queue")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(queue.as_array().map(Vec::len), Some(1));
        // The county may not act for the community.
        let county = app.login("ns_county").await;
        let decide = |c: &reqwest::Client, body: Value| {
            c.post(app.url(&format!("/api/v1/targets/{target}/decisions")))
                .json(&body)
                .send()
        };
        let r = decide(&county, json!({"action": "approve", "version": 1}))
            .await
            .expect("county");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = decide(&coordinator, json!({"action": "approve", "version": 1}))
            .await
            .expect("ok");
        let (s, file) = json_of(r).await;
        assert_eq!(s, StatusCode::OK, "{file}");
        assert_eq!(file["target"]["step"], "street");
        let street = app.login("ns_street").await;
        let (_, queue) = get(&street, app.url("/api/v1/targets/queue")).await;
        assert_eq!(queue[0]["id"], target);
        let r = decide(&street, json!({"action": "send_back", "version": 2}))
            .await
            .expect("no reason");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["error"]["fields"]["reason"].is_string());

        // On to confirmation: the card, as JSON and as a business-card PDF.
        for (who, version) in [(&street, 2), (&county, 3), (&coordinator, 4)] {
            let r = decide(who, json!({"action": "approve", "version": version}))
                .await
                .expect("approve");
            assert_eq!(r.status(), StatusCode::OK);
        }
        let (s, card) = get(
            &coordinator,
            app.url(&format!("/api/v1/people/{person}/card")),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{card}");
        let r = coordinator
            .get(app.url(&format!("/api/v1/people/{person}/card/pdf")))
            .send()
            .await
            .expect("pdf");
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            r.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/pdf")
        );
        let pdf = r.bytes().await.expect("bytes");
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(
            String::from_utf8_lossy(&pdf).contains("/MediaBox[0 0 255.118"),
            "90 x 54 mm"
        );
        // Nobody outside the community's chain prints it, plans or records: another province's
        // officer (out of scope), the city's HR manager (no ledger role).
        let outsiders = [app.login("bj_province").await, app.login("sz_hr").await];
        for c in &outsiders {
            for path in [
                format!("/api/v1/people/{person}/card"),
                format!("/api/v1/people/{person}/card/pdf"),
                format!("/api/v1/targets/{target}/plan"),
            ] {
                let r = c.get(app.url(&path)).send().await.expect("get");
                assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
            }
            let r = c
                .post(app.url(&format!("/api/v1/targets/{target}/plan")))
                .json(&json!({"services": ["career_guidance"]}))
                .send()
                .await
                .expect("plan");
            assert_eq!(r.status(), StatusCode::FORBIDDEN);
            let r = c
                .post(app.url(&format!("/api/v1/targets/{target}/records")))
                .json(&json!({"service": "career_guidance", "served_on": "2026-01-05", "outcome": "provided"}))
                .send()
                .await
                .expect("record");
            assert_eq!(r.status(), StatusCode::FORBIDDEN);
        }
        let public = card["number"].as_str().expect("number");
        let (s, check) = get(
            &app.client(),
            app.url(&format!("/api/v1/public/cards/{public}")),
        )
        .await;
        assert_eq!((s, &check["valid"]), (StatusCode::OK, &json!(true)));
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn provinces_publish_policy_versions_over_rest() {
    for app in apps().await {
        let gd = app.login("gd_province").await;
        let today = app::backend::service::today()
            .format("%Y-%m-%d")
            .to_string();
        let mut numbers =
            serde_json::to_value(app::domain::policy::AssistancePolicy::default()).expect("json");
        numbers["street_review_days"] = json!(5);
        let body = json!({"area_code": "440000000000", "effective_from": today, "policy": numbers});
        // Not a coordinator's to publish; not for a day gone by; not with a zero time limit.
        let coordinator = app.login("ns_coordinator").await;
        let r = coordinator
            .post(app.url("/api/v1/policies/assistance"))
            .json(&body)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let mut bad = body.clone();
        bad["effective_from"] = json!("2020-01-01");
        bad["policy"]["notification_days"] = json!(0);
        let r = gd
            .post(app.url("/api/v1/policies/assistance"))
            .json(&bad)
            .send()
            .await
            .expect("post");
        let (s, err) = json_of(r).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            err["error"]["fields"]["effective_from"].is_string(),
            "{err}"
        );
        assert!(
            err["error"]["fields"]["policy.notification_days"].is_string(),
            "{err}"
        );
        // Every number must be given: a partial policy is refused, never filled with defaults.
        let partial = json!({"area_code": "440000000000", "effective_from": today,
            "policy": {"street_review_days": 5}});
        let r = gd
            .post(app.url("/api/v1/policies/assistance"))
            .json(&partial)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = gd
            .post(app.url("/api/v1/policies/assistance"))
            .json(&body)
            .send()
            .await
            .expect("post");
        let (s, v) = json_of(r).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(v["version"], format!("44-{today}"));
        let (s, list) = get(
            &coordinator,
            app.url("/api/v1/policies/assistance?area=440305001001"),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(list[0]["policy"]["street_review_days"], 5);
        assert_eq!(list[0]["in_force"], true);
        let (s, _) = get(
            &coordinator,
            app.url("/api/v1/policies/assistance?area=44x"),
        )
        .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        app.db.cleanup().await;
    }
}

/// The text of the shared strings of an xlsx workbook.
fn xlsx_strings(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut file = archive
        .by_name("xl/sharedStrings.xml")
        .expect("shared strings");
    let mut out = String::new();
    file.read_to_string(&mut out).expect("read");
    out
}

#[tokio::test]
async fn the_ledger_export_masks_for_readers_and_is_audited() {
    for app in apps().await {
        let coordinator = app.login("ns_coordinator").await;
        let member = json!({"id_number": "11010519491231002X", "name": "王芳", "phone": "13800138000",
            "ability": "full", "wants_work": true, "status": "unemployed"});
        survey(&app, &coordinator, "南头城北街10号", member).await;
        let download = |c: &reqwest::Client, query: &str| {
            c.get(app.url(&format!("/api/v1/households/export{query}")))
                .send()
        };
        // The coordinator works this ledger: full numbers.
        let r = download(&coordinator, "").await.expect("export");
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap_or("")
                .contains("spreadsheetml")
        );
        let text = xlsx_strings(&r.bytes().await.expect("bytes"));
        assert!(
            text.contains("王芳")
                && text.contains("11010519491231002X")
                && text.contains("13800138000")
        );
        // The city reads it masked.
        let city = app.login("sz_city").await;
        let text = xlsx_strings(
            &download(&city, "?area=440305")
                .await
                .expect("x")
                .bytes()
                .await
                .expect("b"),
        );
        assert!(
            text.contains("王芳")
                && text.contains("1101**********002X")
                && !text.contains("11010519491231002X")
        );
        assert!(text.contains("138****8000"));
        // Outsiders and HR are refused; both exports are in the audit log, without the values.
        let beijing = app.login("bj_province").await;
        assert_eq!(
            download(&beijing, "?area=440305")
                .await
                .expect("b")
                .status(),
            StatusCode::FORBIDDEN
        );
        let hr = app.login("sz_hr").await;
        assert_eq!(
            download(&hr, "").await.expect("h").status(),
            StatusCode::FORBIDDEN
        );
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let audits = app::backend::entity::audit_log::Entity::find()
            .filter(app::backend::entity::audit_log::Column::Action.eq("export"))
            .all(&app.db.db)
            .await
            .expect("audit");
        assert_eq!(audits.len(), 2);
        assert!(
            audits
                .iter()
                .any(|a| a.detail.as_deref().unwrap_or("").contains("masked=false"))
        );
        assert!(
            audits
                .iter()
                .all(|a| !a.detail.as_deref().unwrap_or("").contains("110105"))
        );
        app.db.cleanup().await;
    }
}

/// Moves a certification file's notice window into the past, as if its days had run.
async fn notice_has_run(db: &sea_orm::DatabaseConnection, id: i64) {
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    let a = app::backend::entity::cert_application::Entity::find_by_id(id)
        .one(db)
        .await
        .expect("read")
        .expect("file");
    let t = app::backend::service::today();
    let mut row = a.into_active_model();
    row.notice_from = Set(Some(t - chrono::Days::new(9)));
    row.notice_until = Set(Some(t - chrono::Days::new(1)));
    row.update(db).await.expect("move notice");
}

#[tokio::test]
async fn certification_over_rest_from_round_to_revocation() {
    use sea_orm::ActiveModelTrait;
    for app in apps().await {
        let db = &app.db.db;
        app::backend::service::certification::standards::seed_defaults(db)
            .await
            .expect("standards");
        app::backend::entity::platform::ActiveModel {
            area_code: sea_orm::Set("440305001001".into()),
            institution: sea_orm::Set(true),
            staff: sea_orm::Set(true),
            funding: sea_orm::Set(true),
            venue: sea_orm::Set(true),
            rules: sea_orm::Set(true),
            work: sea_orm::Set(true),
            updated_by: sea_orm::Set("fixture".into()),
            updated_at: sea_orm::Set(chrono::Utc::now()),
            version: sea_orm::Set(1),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("platform");
        let today = app::backend::service::today();
        let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
        let round = json!({
            "tier": "provincial_star", "area_code": "440000000000", "title": "广东省星级社区评定",
            "opens_on": day(today - chrono::Days::new(1)), "closes_on": day(today + chrono::Days::new(20)),
            "quotas": {"440300000000": 2}
        });
        let bj = app.login("bj_province").await;
        let r = bj
            .post(app.url("/api/v1/certification/rounds"))
            .json(&round)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let gd = app.login("gd_province").await;
        let (s, round) = json_of(
            gd.post(app.url("/api/v1/certification/rounds"))
                .json(&round)
                .send()
                .await
                .expect("post"),
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{round}");
        let round_id = round["id"].as_i64().expect("id");

        // The coordinator applies; the indicators come back with the file.
        let coordinator = app.login("ns_coordinator").await;
        let body = json!({"round_id": round_id, "community_code": "440305001001",
            "narrative": "社区就业服务站六到位，台账动态管理，零就业家庭及时清零。"});
        let (s, file) = json_of(
            coordinator
                .post(app.url("/api/v1/certification/applications"))
                .json(&body)
                .send()
                .await
                .expect("apply"),
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{file}");
        assert_eq!(file["item"]["step"], "street");
        assert_eq!(file["self_assessment"]["evaluation"]["pass"], true);
        let id = file["item"]["id"].as_i64().expect("id");

        // An attachment: its type is checked, its bytes come back, another province cannot read it.
        let png = b"\x89PNG\r\n\x1a\nnot really an image".to_vec();
        let r = coordinator
            .post(app.url(&format!(
                "/api/v1/certification/applications/{id}/attachments?name=站点照片.png"
            )))
            .header("content-type", "image/png")
            .body(png.clone())
            .send()
            .await
            .expect("attach");
        let (s, meta) = json_of(r).await;
        assert_eq!(s, StatusCode::CREATED, "{meta}");
        let r = coordinator
            .post(app.url(&format!(
                "/api/v1/certification/applications/{id}/attachments?name=a.exe"
            )))
            .header("content-type", "application/x-msdownload")
            .body(vec![1, 2, 3])
            .send()
            .await
            .expect("attach");
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let url = app.url(&format!(
            "/api/v1/certification/applications/{id}/attachments/{}",
            meta["id"]
        ));
        let r = coordinator.get(&url).send().await.expect("download");
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.bytes().await.expect("bytes").to_vec(), png);
        assert_eq!(
            bj.get(&url).send().await.expect("get").status(),
            StatusCode::FORBIDDEN
        );
        let (s, _) = get(
            &bj,
            app.url(&format!("/api/v1/certification/applications/{id}")),
        )
        .await;
        assert_eq!(s, StatusCode::FORBIDDEN);

        // Street, county, city; the city's scores and site visit.
        let decide = |c: &reqwest::Client, version: i64, extra: Value| {
            let mut body = json!({"action": "approve", "version": version});
            if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
                b.extend(e.clone());
            }
            c.post(app.url(&format!(
                "/api/v1/certification/applications/{id}/decisions"
            )))
            .json(&body)
            .send()
        };
        let county = app.login("ns_county").await;
        let r = decide(&county, 1, json!({})).await.expect("early");
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "the county cannot act before the street"
        );
        let street = app.login("ns_street").await;
        let (s, file) = json_of(decide(&street, 1, json!({})).await.expect("street")).await;
        assert_eq!(s, StatusCode::OK, "{file}");
        let (_, file) = json_of(
            decide(
                &county,
                file["item"]["version"].as_i64().expect("v"),
                json!({}),
            )
            .await
            .expect("county"),
        )
        .await;
        let city = app.login("sz_city").await;
        let scores = json!([
            {"code": "service_quality", "score": 30, "evidence": "服务台账"},
            {"code": "innovation", "score": 20, "evidence": "线上登记"},
            {"code": "example", "score": 15, "evidence": "经验材料"}
        ]);
        let version = file["item"]["version"].as_i64().expect("v");
        let (s, err) = json_of(
            decide(&city, version, json!({"qualitative": scores}))
                .await
                .expect("city"),
        )
        .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(err["error"]["fields"]["site_visit"].is_string(), "{err}");
        let (s, file) = json_of(decide(&city, version, json!({"qualitative": scores, "site_visit": "实地核查：窗口2个，专职3人，台账齐全。"})).await.expect("city")).await;
        assert_eq!(s, StatusCode::OK, "{file}");
        assert_eq!(file["item"]["step"], "notice");

        // 公示: public, objections throttled, investigated by the city.
        let public = app.client();
        let (s, notices) = get(&public, app.url("/api/v1/public/notices")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(notices[0]["application_id"], id);
        let object = |text: &str, contact: &str| {
            public
                .post(app.url(&format!("/api/v1/public/notices/{id}/objections")))
                .header("cookie", "lang=zh-CN")
                .json(&json!({"contact": contact, "text": text}))
                .send()
        };
        let (s, err) = json_of(
            object("联系方式填写错误的异议", "tomorrow")
                .await
                .expect("post"),
        )
        .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            err["error"]["fields"]["contact"]
                .as_str()
                .is_some_and(|m| m.contains("电话")),
            "{err}"
        );
        for n in 0..3 {
            let r = object(&format!("第{n}条：该社区就业数据与实际不符"), "13800138000")
                .await
                .expect("post");
            assert_eq!(r.status(), StatusCode::CREATED);
        }
        let r = object("第四条：短时间内再次提出", "13800138000")
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        let (s, pending) = get(&city, app.url("/api/v1/certification/objections")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(pending.as_array().map(Vec::len), Some(3));
        for o in pending.as_array().expect("list") {
            let r = city
                .post(app.url(&format!("/api/v1/certification/objections/{}/investigation", o["id"])))
                .json(&json!({"outcome": "unfounded", "investigation": "核对台账，数据一致", "version": o["version"]}))
                .send()
                .await
                .expect("investigate");
            assert_eq!(r.status(), StatusCode::OK);
        }
        // The pipeline and the round's workbook.
        let (_, pipeline) = get(
            &gd,
            app.url(&format!("/api/v1/certification/rounds/{round_id}/pipeline")),
        )
        .await;
        let notice = pipeline
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["stage"] == "notice")
            .cloned()
            .expect("notice row");
        assert_eq!(notice["files"], 1);
        let r = gd
            .get(app.url(&format!("/api/v1/certification/rounds/{round_id}/export")))
            .send()
            .await
            .expect("export");
        assert_eq!(r.status(), StatusCode::OK);
        assert!(xlsx_strings(&r.bytes().await.expect("bytes")).contains("南头城社区"));

        // After the notice the province certifies; the certificate is public and printable.
        let r = decide(&gd, file["item"]["version"].as_i64().expect("v"), json!({}))
            .await
            .expect("early");
        assert_eq!(
            r.status(),
            StatusCode::CONFLICT,
            "not while the notice runs"
        );
        notice_has_run(db, id).await;
        let (s, file) = json_of(
            decide(&gd, file["item"]["version"].as_i64().expect("v"), json!({}))
                .await
                .expect("certify"),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{file}");
        let number = file["item"]["certificate_no"]
            .as_str()
            .expect("number")
            .to_string();
        let (s, cert) = get(
            &public,
            app.url(&format!("/api/v1/public/certificates/{number}")),
        )
        .await;
        assert_eq!(
            (s, cert["status"].as_str()),
            (StatusCode::OK, Some("valid"))
        );
        let r = public
            .get(app.url(&format!("/api/v1/public/certificates/{number}/pdf")))
            .send()
            .await
            .expect("pdf");
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.bytes().await.expect("bytes").starts_with(b"%PDF-"));

        // A failed re-inspection revokes it publicly at once.
        let r = city
            .post(app.url(&format!(
                "/api/v1/certification/certificates/{number}/inspections"
            )))
            .json(&json!({"result": "fail", "findings": "复查：服务窗口撤并", "version": 1}))
            .send()
            .await
            .expect("inspect");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = gd
            .post(app.url(&format!(
                "/api/v1/certification/certificates/{number}/inspections"
            )))
            .json(&json!({"result": "fail", "findings": "复查：服务窗口撤并", "version": 1}))
            .send()
            .await
            .expect("inspect");
        assert_eq!(r.status(), StatusCode::CREATED);
        let (_, cert) = get(
            &public,
            app.url(&format!("/api/v1/public/certificates/{number}")),
        )
        .await;
        assert_eq!(cert["status"], "revoked");
        assert_eq!(cert["revoke_reason"], "复查：服务窗口撤并");
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn platforms_and_coordinators_over_rest_with_scope() {
    for app in apps().await {
        let db = &app.db.db;
        let (platforms, coordinators) = app::backend::seed::platforms::seed(db)
            .await
            .expect("demo platforms");
        assert!(
            platforms > 100 && coordinators >= 7,
            "{platforms} {coordinators}"
        );
        let street = app.login("ns_street").await;
        // A platform: read, saved with its version, a stale save refused with 409.
        let (status, p) = get(&street, app.url("/api/v1/platforms/440305001014")).await;
        assert_eq!(status, StatusCode::OK, "{p}");
        let version = p["version"].as_i64().expect("version");
        let mut record = p["record"].clone();
        record["windows"] = json!(3);
        let saved = street
            .put(app.url("/api/v1/platforms/440305001014"))
            .json(&json!({"record": record, "version": version}))
            .send()
            .await
            .expect("put");
        let (status, body) = json_of(saved).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["record"]["windows"], 3);
        let stale = street
            .put(app.url("/api/v1/platforms/440305001014"))
            .json(&json!({"record": record, "version": version}))
            .send()
            .await
            .expect("put");
        assert_eq!(stale.status(), StatusCode::CONFLICT);
        let (status, history) =
            get(&street, app.url("/api/v1/platforms/440305001014/history")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(history[0]["changes"], json!(["windows"]));
        // Another street's platform is out of scope.
        let (status, _) = get(&street, app.url("/api/v1/platforms/440305002003")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // Coverage: the street's units add up; the province is out of the street's scope.
        let (status, c) = get(
            &street,
            app.url("/api/v1/platforms/coverage?area=440305001000"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{c}");
        assert_eq!(c["total"]["streets"]["whole"], 1);
        assert_eq!(c["total"]["communities"]["whole"], 12);
        let (status, _) = get(
            &street,
            app.url("/api/v1/platforms/coverage?area=440000000000"),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let export = street
            .get(app.url("/api/v1/platforms/coverage/export?area=440305001000"))
            .send()
            .await
            .expect("export");
        assert_eq!(export.status(), StatusCode::OK);
        assert!(
            export.headers()["content-type"]
                .to_str()
                .unwrap_or("")
                .contains("spreadsheetml")
        );

        // Coordinators: Shenzhen's HR manager lists Shenzhen only, numbers masked.
        let hr = app.login("sz_hr").await;
        let (status, list) = get(&hr, app.url("/api/v1/coordinators?per_page=100")).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let names: Vec<&str> = list["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["name"].as_str())
            .collect();
        assert!(
            names.contains(&"陈晓梅") && !names.contains(&"孙京"),
            "{names:?}"
        );
        assert!(
            list["items"][0]["id_number"]
                .as_str()
                .unwrap_or("")
                .contains('*')
        );
        let (status, _) = get(&hr, app.url("/api/v1/coordinators?area=110000000000")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // The coordinator's own view.
        let own = app.login("mjl_coordinator").await;
        let (status, me) = get(&own, app.url("/api/v1/coordinators/me")).await;
        assert_eq!(status, StatusCode::OK, "{me}");
        assert_eq!(me["name"], "陈晓梅");
        assert_eq!(me["grade"], "second");
        let (status, _) = get(&own, app.url("/api/v1/coordinators")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // A bad field is a localised 422.
        let bad = hr
            .post(app.url("/api/v1/coordinators"))
            .header("accept-language", "en")
            .json(&json!({"name": "某", "id_number": "440305199001010021", "area_code": "440305001001", "employment": "full_time", "hired_on": "2020-01-01"}))
            .send()
            .await
            .expect("post");
        let (status, body) = json_of(bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.to_string().contains("id_number"), "{body}");
        // A workbook that is no workbook: 422 naming the file.
        let junk = hr
            .post(app.url("/api/v1/coordinators/ratings/import"))
            .body("not a workbook")
            .send()
            .await
            .expect("import");
        let (status, body) = json_of(junk).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.to_string().contains("file"), "{body}");
        // A promotion round for Shenzhen finds its candidates; Beijing's officer cannot see it.
        let opened = hr
            .post(app.url("/api/v1/promotion-rounds"))
            .json(&json!({"area_code": "440305000000", "title": "南山区晋升"}))
            .send()
            .await
            .expect("open");
        let (status, round) = json_of(opened).await;
        assert_eq!(status, StatusCode::CREATED, "{round}");
        let found: Vec<&str> = round["candidates"]
            .as_array()
            .expect("c")
            .iter()
            .filter_map(|c| c["name"].as_str())
            .collect();
        assert_eq!(found, ["陈晓梅", "王磊"]);
        let bj = app.login("bj_province").await;
        let (status, _) = get(
            &bj,
            app.url(&format!("/api/v1/promotion-rounds/{}", round["id"])),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, doc) = get(&hr, app.url("/api/v1/openapi.json")).await;
        assert_eq!(status, StatusCode::OK);
        for path in [
            "/api/v1/platforms/coverage",
            "/api/v1/coordinators/{id}",
            "/api/v1/promotion-rounds/{id}/close",
            "/api/v1/coordinators/ratings/import",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path}");
        }
        app.db.cleanup().await;
    }
}
