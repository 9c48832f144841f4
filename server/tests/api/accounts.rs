//! Signing in and out, the login throttle, cross-site posts, errors in the caller's language,
//! and the scope of every role.

use super::{apps, get, json_of};
use app::backend::seed;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn login_me_logout_and_bad_bodies() {
    let _clock = app::backend::testing::suite_clock();
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
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let c = app.client();
        let attempt = |password: &'static str| {
            c.post(app.url("/api/v1/auth/login"))
                .json(&json!({"username": "sz_city", "password": password}))
                .send()
        };
        for _ in 0..app::backend::service::auth::FREE_FAILURES_PER_PAIR {
            let r = attempt("bad-password").await.expect("post");
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        }
        // From this address the account now waits a minute, even with the right password.
        let (s, body) = json_of(attempt(seed::DEMO_PASSWORD).await.expect("post")).await;
        assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(body["error"]["code"], "too_many_attempts");
        // A minute later it may sign in, and is told of the three failures.
        let _later =
            app::backend::clock::pin(app::backend::testing::at("2026-09-24T10:01:01+08:00"));
        let (s, me) = json_of(attempt(seed::DEMO_PASSWORD).await.expect("post")).await;
        assert_eq!(s, StatusCode::OK, "{me}");
        assert_eq!(me["failed_sign_ins"], 3);
        let (_, me) = get(&c, app.url("/api/v1/me")).await;
        assert_eq!(me["failed_sign_ins"], 3);
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let _clock = app::backend::testing::suite_clock();
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
    let _clock = app::backend::testing::suite_clock();
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
    let _clock = app::backend::testing::suite_clock();
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
