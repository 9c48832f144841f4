//! Hostile input (issue 14): files built to exhaust the server get a 4xx with a clear message,
//! and the server keeps serving.

use super::*;

/// Posts `file` as the rating workbook; returns the status and the message for the field `file`.
async fn import(app: &TestApp, hr: &reqwest::Client, file: Vec<u8>) -> (StatusCode, Value) {
    let r = hr
        .post(app.url("/api/v1/coordinators/ratings/import"))
        .body(file)
        .send()
        .await
        .expect("import");
    let (status, body) = json_of(r).await;
    (status, body["error"]["fields"]["file"].clone())
}

#[tokio::test]
async fn hostile_workbooks_are_refused_and_the_server_keeps_serving() {
    let _clock = app::backend::testing::suite_clock();
    use app::backend::testing::xlsx;
    for app in apps().await {
        let hr = app.login("sz_hr").await;
        let cell = |r: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>x</t></is></c>"#);
        // Cells only at A1 and XFD1048576: a declared grid of 17 billion cells in 2 KB.
        let far = xlsx(
            &format!(
                r#"<row r="1">{}</row><row r="1048576">{}</row>"#,
                cell("A1"),
                cell("XFD1048576")
            ),
            "A1:XFD1048576",
        );
        assert!(far.len() < 4096);
        // 40 MB of XML packed into a few kilobytes.
        let bomb = xlsx(&" ".repeat(40 * 1024 * 1024), "A1");
        assert!(bomb.len() < 200 * 1024);
        for (what, file) in [("far cell", far), ("zip bomb", bomb)] {
            let (status, key) = import(&app, &hr, file).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}");
            let message = key.as_str().unwrap_or_default();
            assert!(message.starts_with("文件超出可读取的范围"), "{what}: {key}");
            let (alive, _) = get(&app.client(), app.url("/healthz")).await;
            assert_eq!(alive, StatusCode::OK, "after the {what}");
        }
        app.db.cleanup().await;
    }
}

/// Every redirect target is a same-origin path: what a browser would read as another host
/// (a tab or newline it drops, `//`, a backslash) sends the visitor home instead.
#[tokio::test]
async fn redirects_never_leave_the_site() {
    let _clock = app::backend::testing::suite_clock();
    let hostile = [
        "/\t/evil.example/x",
        "/\n/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
    ];
    for app in apps().await {
        let c = app.client();
        for next in hostile {
            let r = c
                .get(app.url("/lang/en"))
                .query(&[("next", next)])
                .send()
                .await
                .expect("lang");
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next:?}");
            assert_eq!(r.headers()["location"], "/", "{next:?}");
            // The login form's `next`, signing in with the right password.
            let r = app
                .client()
                .post(app.url("/api/auth/login"))
                .header("accept", "text/html")
                .form(&[
                    ("username", "ns_street"),
                    ("password", seed::DEMO_PASSWORD),
                    ("next", next),
                ])
                .send()
                .await
                .expect("login");
            assert!(r.status().is_redirection(), "{next:?}: {}", r.status());
            // Not where `next` says: the street officer's own start page, on this site.
            assert_eq!(
                r.headers()["location"],
                app::domain::role::Role::StreetOfficer.start_page(),
                "{next:?}"
            );
        }
        // A local path is kept.
        let r = c
            .get(app.url("/lang/en"))
            .query(&[("next", "/verify")])
            .send()
            .await
            .expect("lang");
        assert_eq!(r.headers()["location"], "/verify");
        app.db.cleanup().await;
    }
}

/// Server functions answer bad input as REST does: 400 for arguments that do not parse, 413 for
/// a body beyond their limit, never 500; the body is the error, which the browser decodes.
#[tokio::test]
async fn server_functions_refuse_bad_input_with_4xx() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let c = app.client();
        let r = c
            .post(app.url("/api/notices/object"))
            .form(&[("application_id", "abc")])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let body: Value = r.json().await.expect("json");
        assert_eq!(body, json!({"Malformed": "arguments"}));

        let big = "x".repeat(3 * 1024 * 1024);
        let r = c
            .post(app.url("/api/notices/object"))
            .form(&[("application_id", "1"), ("input[text]", big.as_str())])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let body: Value = r.json().await.expect("json");
        assert_eq!(body, json!("TooLarge"));

        // Missing arguments are malformed too, before any sign-in is asked for.
        let r = c
            .post(app.url("/api/certification/investigate"))
            .form(&[("application_id", "1")])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let (alive, _) = get(&c, app.url("/healthz")).await;
        assert_eq!(alive, StatusCode::OK);
        app.db.cleanup().await;
    }
}

/// Answers that may carry a person's data are never stored by the browser; pages carry a
/// Content-Security-Policy naming the nonce their inline scripts bear.
#[tokio::test]
async fn personal_data_is_not_cached_and_pages_carry_a_policy() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let street = app.login("ns_street").await;
        for path in [
            "/api/v1/households?page=1",
            "/api/v1/zero-cases/communities",
            "/ledger",
            "/work",
        ] {
            let r = street.get(app.url(path)).send().await.expect("get");
            assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
        }
        // The search page, twice: the second is the kept copy, with the same policy.
        for round in 0..2 {
            let r = app.client().get(app.url("/")).send().await.expect("page");
            let csp = r.headers()["content-security-policy"]
                .to_str()
                .expect("ascii")
                .to_string();
            let html = r.text().await.expect("html");
            let nonce = csp
                .split("'nonce-")
                .nth(1)
                .and_then(|rest| rest.split('\'').next())
                .expect("a nonce in the policy");
            assert!(
                html.contains(&format!("nonce=\"{nonce}\"")),
                "round {round}: the scripts bear the policy's nonce"
            );
            assert!(csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'none'"));
        }
        app.db.cleanup().await;
    }
}

/// A refused public form (an objection from someone not signed in) stores nothing in the
/// session table: the form waits in memory, found by a short-lived cookie.
#[tokio::test]
async fn anonymous_refusals_store_no_session() {
    let _clock = app::backend::testing::suite_clock();
    use app::backend::entity::session;
    use sea_orm::{EntityTrait, PaginatorTrait};
    for app in apps().await {
        let sessions = || session::Entity::find().count(&app.db.db);
        let before = sessions().await.expect("count");
        for _ in 0..5 {
            let r = app
                .client()
                .post(app.url("/api/notices/object"))
                .header("accept", "text/html")
                .form(&[
                    ("application_id", "999999"),
                    ("input[name]", "张三"),
                    ("input[contact]", "not a contact"),
                    ("input[text]", "我反映的情况"),
                ])
                .send()
                .await
                .expect("object");
            assert!(r.status().is_redirection(), "{}", r.status());
            let cookies: Vec<&str> = r
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect();
            assert!(
                cookies
                    .iter()
                    .any(|c| c.starts_with("jiceng_form=") && c.contains("Max-Age=600")),
                "{cookies:?}"
            );
            assert!(
                !cookies.iter().any(|c| c.starts_with("jiceng_session=")),
                "{cookies:?}"
            );
        }
        assert_eq!(sessions().await.expect("count"), before);
        app.db.cleanup().await;
    }
}

/// Two servers on one database share their throttles: failed sign-ins on one count on the
/// other, so a second instance does not double the limit.
#[tokio::test]
async fn two_servers_share_the_sign_in_throttle() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let other = app.twin().await;
        let c = app.client();
        let attempt = |base: &str, password: &'static str| {
            c.post(format!("{base}/api/v1/auth/login"))
                .json(&json!({"username": "sz_city", "password": password}))
                .send()
        };
        // Failures alternate between the two servers…
        for i in 0..app::backend::service::auth::FREE_FAILURES_PER_PAIR {
            let base = if i % 2 == 0 {
                app.base.clone()
            } else {
                other.clone()
            };
            let r = attempt(&base, "bad-password").await.expect("post");
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        }
        // …and both now hold the address back.
        for base in [app.base.clone(), other.clone()] {
            let r = attempt(&base, seed::DEMO_PASSWORD).await.expect("post");
            assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{base}");
        }
        app.db.cleanup().await;
    }
}
