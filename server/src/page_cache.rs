//! Public pages for anonymous visitors, sent again from memory for a few seconds.
//!
//! Only `GET` requests without a session cookie, for the public registry pages, are kept; the
//! key is the language and the address. Pages with a `Set-Cookie` or another status than 200
//! are never kept. The copies live in [`RegistryCache`], so a registry write drops them.
//! (No Content-Security-Policy relies on the per-response script nonce, so a kept page may
//! repeat its nonce.)

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::backend::AppState;
use app::backend::registry_cache::{NotKept, PublicPage};
use app::domain::text::cookie_value;
use app::i18n::Locale;

/// The session cookie's name (see the router).
pub const SESSION_COOKIE: &str = "jiceng_session";

/// The largest page kept.
const MAX_PAGE_BYTES: usize = 4 << 20;

/// Whether `path` is a public page that depends only on the registry and the areas.
pub fn is_public_page(path: &str) -> bool {
    path == "/"
        || path.starts_with("/communities/")
        || path.starts_with("/verify/")
        || path == "/areas"
        || path.starts_with("/areas/")
}

/// The key of a request's page, or `None` when it must not be served from memory.
pub fn cache_key(method: &Method, path_and_query: &str, cookie: Option<&str>) -> Option<String> {
    if method != Method::GET {
        return None;
    }
    let path = path_and_query.split('?').next().unwrap_or(path_and_query);
    if !is_public_page(path) {
        return None;
    }
    if cookie.is_some_and(|c| cookie_value(c, SESSION_COOKIE).is_some()) {
        return None;
    }
    let locale = Locale::from_headers(cookie);
    Some(format!("{}|{path_and_query}", locale.code()))
}

pub async fn serve(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let cookie = req
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok());
    let path_and_query = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let Some(key) = cache_key(req.method(), path_and_query, cookie) else {
        return next.run(req).await;
    };
    // The request goes into the making of the page; a response that is not kept comes back
    // through `own`. A request that waited for another's page, which was not kept, is run
    // here after all.
    let mut pending = Some((req, next));
    let mut own: Option<Response> = None;
    let kept = st
        .registry_cache
        .page_or(key, async {
            let (req, next) = pending.take().ok_or(NotKept)?;
            match keepable(next.run(req).await).await {
                Ok(page) => Ok(page),
                Err(response) => {
                    own = Some(response);
                    Err(NotKept)
                }
            }
        })
        .await;
    match (kept, own, pending) {
        (Ok(page), _, _) => sent(page),
        (Err(NotKept), Some(response), _) => response,
        (Err(NotKept), None, Some((req, next))) => next.run(req).await,
        (Err(NotKept), None, None) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A kept page as a response.
fn sent(page: PublicPage) -> Response {
    let mut resp = ([(header::CONTENT_TYPE, page.content_type)], page.body).into_response();
    if let Some(csp) = page
        .content_security_policy
        .and_then(|v| HeaderValue::from_str(&v).ok())
    {
        resp.headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    resp
}

/// The page to keep from a response, or the response as it goes out when it is not kept
/// (another status than 200, a cookie set) or cannot be (too large, a broken body: an error).
async fn keepable(response: Response) -> Result<PublicPage, Response> {
    let keep =
        response.status() == StatusCode::OK && !response.headers().contains_key(header::SET_COOKIE);
    if !keep {
        return Err(response);
    }
    let (parts, body) = response.into_parts();
    let bytes = match to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => bytes,
        // Too large to keep, or the body failed while streaming: nothing sensible is left to
        // send but an error.
        Err(_) => {
            return Err((
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"))],
                "page too large",
            )
                .into_response());
        }
    };
    match parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    {
        Some(content_type) => Ok(PublicPage {
            content_type: content_type.to_string(),
            content_security_policy: parts
                .headers
                .get(header::CONTENT_SECURITY_POLICY)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            body: bytes,
        }),
        None => Err(Response::from_parts(parts, Body::from(bytes))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_anonymous_gets_of_public_pages_are_kept() {
        let get = Method::GET;
        assert_eq!(
            cache_key(&get, "/?q=社区", None).as_deref(),
            Some("zh-CN|/?q=社区")
        );
        assert_eq!(
            cache_key(&get, "/verify/AB-1", Some("lang=en")).as_deref(),
            Some("en|/verify/AB-1")
        );
        assert_eq!(
            cache_key(&get, "/", Some("lang=en; jiceng_session=abc")),
            None
        );
        assert_eq!(cache_key(&Method::POST, "/", None), None);
        assert_eq!(cache_key(&get, "/account", None), None);
        assert_eq!(cache_key(&get, "/login?next=/", None), None);
        assert_eq!(cache_key(&get, "/api/v1/me", None), None);
        assert_eq!(cache_key(&get, "/verify", None), None);
    }
}
