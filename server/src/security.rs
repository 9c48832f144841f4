//! Cross-site request protection and security headers.
//!
//! Session cookies are `SameSite=Lax` and `HttpOnly`; in addition every state-changing request
//! (anything but GET/HEAD/OPTIONS) from a browser must come from this site: its `Origin` must
//! match `Host`, and `Sec-Fetch-Site` must not say `cross-site`. Clients that send neither
//! header (curl, scripts) are not browsers and carry no ambient cookies of a victim.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, Request, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::rest::error::ApiError;
use app::model::AppError;

/// Whether a state-changing request carries browser evidence of another origin.
pub fn is_cross_site(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site == "cross-site"
    {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        host,
    ) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or(origin);
            origin_host != host
        }
        (Some(_), None) => true,
        (None, _) => false,
    }
}

pub async fn reject_cross_site(req: Request<Body>, next: Next) -> Response {
    if is_cross_site(req.method(), req.headers()) {
        return ApiError(AppError::Forbidden).into_response();
    }
    next.run(req).await
}

/// HSTS once the site is served over TLS (`SECURE_COOKIES=1`): a year, subdomains included.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Headers on every response. An answer that says nothing of caching gets `no-store`: pages
/// and API answers may carry a person's data, and on a shared phone neither the back button
/// nor the disk cache may show it after logout (the bundle and public files say their own
/// caching). `tls` adds HSTS.
pub async fn security_headers(
    axum::extract::State(tls): axum::extract::State<bool>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if tls {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn same_origin_and_non_browser_posts_pass() {
        let post = Method::POST;
        assert!(!is_cross_site(
            &post,
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://127.0.0.1:3000")
            ])
        ));
        assert!(!is_cross_site(
            &post,
            &headers(&[("host", "127.0.0.1:3000")])
        ));
        assert!(!is_cross_site(
            &Method::GET,
            &headers(&[("host", "a"), ("origin", "http://evil")])
        ));
    }

    #[test]
    fn cross_site_posts_are_refused() {
        let post = Method::POST;
        assert!(is_cross_site(
            &post,
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://evil.example")
            ])
        ));
        assert!(is_cross_site(
            &post,
            &headers(&[("host", "127.0.0.1:3000"), ("origin", "null")])
        ));
        assert!(is_cross_site(
            &post,
            &headers(&[("host", "a"), ("sec-fetch-site", "cross-site")])
        ));
    }
}
