//! The server itself: health, and the browser bundle served immutable and precompressed.

use super::{TestApp, apps, get};
use app::backend::testing::TestDb;
use app::backend::{RegistryCache, SiteAssets};
use reqwest::StatusCode;

#[tokio::test]
async fn health_reports_the_database() {
    let _clock = app::backend::testing::suite_clock();
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
    let _clock = app::backend::testing::suite_clock();
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
