//! Server functions (`/api/…` outside `/api/v1`) answer bad input as the REST API does: a body
//! larger than [`MAX_BODY`] gets 413 before it is read in full, and an error gets its own status
//! (400 for arguments that do not parse, 403, 404, 409, 422 for field errors…) instead of the
//! 500 the server-function layer gives every error. The body stays the error as JSON, which the
//! browser's server-function client decodes whatever the status.

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;

use app::model::AppError;

/// The largest body a server function takes: forms of text (this system's default; files go
/// to the REST API and the upload forms, each with its own limit).
pub const MAX_BODY: usize = 1024 * 1024;

/// The largest error body read back to find its status.
const MAX_ERROR_BODY: usize = 256 * 1024;

fn is_server_fn(path: &str) -> bool {
    path.starts_with("/api/") && !path.starts_with("/api/v1/")
}

/// An error as a server function answers it: its status, the marker header, the JSON.
fn error_response(path: &str, err: &AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(err).unwrap_or_else(|_| "\"Internal\"".into());
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::HeaderName::from_static(SERVER_FN_ERROR_HEADER),
                path,
            ),
        ],
        body,
    )
        .into_response()
}

/// The middleware: bounds the body, then gives an error answer the error's own status.
pub async fn answer_like_rest(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if !is_server_fn(&path) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let declared_too_large = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > MAX_BODY as u64);
    if declared_too_large {
        return error_response(&path, &AppError::TooLarge);
    }
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return error_response(&path, &AppError::TooLarge);
    };
    let resp = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if resp.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !resp.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return error_response(&path, &AppError::Internal);
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_server_functions_are_touched() {
        assert!(is_server_fn("/api/auth/login"));
        assert!(is_server_fn("/api/certification/decide"));
        assert!(!is_server_fn("/api/v1/households"));
        assert!(!is_server_fn("/apis"));
        assert!(!is_server_fn("/ledger"));
    }

    #[test]
    fn an_error_answers_with_its_status_and_its_json() {
        let r = error_response("/api/x", &AppError::field("name", "text.too_long"));
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.headers()[SERVER_FN_ERROR_HEADER], "/api/x");
        assert_eq!(
            error_response("/api/x", &AppError::TooLarge).status(),
            StatusCode::PAYLOAD_TOO_LARGE
        );
    }
}
