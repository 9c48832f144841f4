//! The browser bundle under `/pkg`, as the build wrote it (`.ci/site.mjs`).
//!
//! A file whose name carries its content hash ([`is_hashed`]) is sent with `Cache-Control:
//! public, max-age=31536000, immutable`: a browser that has it never asks again, and a new build
//! has new names. Any other file, and every error, is `no-cache`. The brotli (`.br`) and gzip
//! (`.gz`) copies written at build time are sent to clients that accept them, so nothing here is
//! compressed per request.

use std::path::Path;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::services::ServeDir;

use app::backend::assets::is_hashed;

/// One year: the longest lifetime HTTP caches honour (RFC 9111 §5.2.2.1 advises no more).
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Serves the files of `dir` (the site's `pkg/`), to be nested at `/pkg`.
pub fn router(dir: &Path) -> Router {
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(middleware::from_fn(cache_control))
}

async fn cache_control(req: Request, next: Next) -> Response {
    let name = req.uri().path().rsplit('/').next().unwrap_or_default();
    let hashed = is_hashed(name);
    let mut resp = next.run(req).await;
    let kept = matches!(
        resp.status(),
        StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED
    );
    let value = if hashed && kept {
        IMMUTABLE
    } else {
        "no-cache"
    };
    let headers = resp.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    if kept && !headers.contains_key(header::VARY) {
        // The same address answers brotli, gzip or plain by the request's Accept-Encoding.
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    resp
}
