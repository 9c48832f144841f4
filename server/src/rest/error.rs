//! REST errors: every one is `{"error":{"code","message","fields"}}` with its status, the
//! message in the caller's language (`Accept-Language: en`, or the `lang` cookie).

use axum::Json;
use axum::body::Body;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::i18n::Locale;
use app::model::{AppError, ErrorBody};

/// An `AppError` on its way out of a handler. The body is written by `localise_errors`,
/// which knows the request's language.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        // A Chinese body now; replaced by the caller's language in `localise_errors`.
        let body = ErrorBody::new(&self.0, Locale::ZhCn.code());
        let mut resp = (status, Json(body)).into_response();
        resp.extensions_mut().insert(self.0);
        resp
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        match r {
            JsonRejection::JsonDataError(_) => ApiError(AppError::field("body", "body.invalid")),
            _ => ApiError(AppError::Malformed("body".into())),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        ApiError(AppError::Malformed("path".into()))
    }
}

impl From<QueryRejection> for ApiError {
    fn from(_: QueryRejection) -> Self {
        ApiError(AppError::Malformed("query".into()))
    }
}

/// The language of a REST caller.
pub fn request_locale(headers: &HeaderMap) -> Locale {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let first = accept
        .split(',')
        .next()
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim();
    if first.to_ascii_lowercase().starts_with("en") {
        return Locale::En;
    }
    if first.to_ascii_lowercase().starts_with("zh") {
        return Locale::ZhCn;
    }
    Locale::from_headers(headers.get(header::COOKIE).and_then(|v| v.to_str().ok()))
}

/// Rewrites error bodies in the caller's language.
pub async fn localise_errors(req: Request<Body>, next: Next) -> Response {
    let locale = request_locale(req.headers());
    let mut resp = next.run(req).await;
    if let Some(err) = resp.extensions_mut().remove::<AppError>()
        && locale != Locale::ZhCn
    {
        let status = resp.status();
        let mut fresh = (status, Json(ErrorBody::new(&err, locale.code()))).into_response();
        for (k, v) in resp.headers() {
            if k != header::CONTENT_LENGTH && k != header::CONTENT_TYPE {
                fresh.headers_mut().append(k.clone(), v.clone());
            }
        }
        return fresh;
    }
    resp
}

pub async fn not_found() -> ApiError {
    ApiError(AppError::NotFound)
}

pub async fn method_not_allowed() -> ApiError {
    ApiError(AppError::MethodNotAllowed)
}

pub type ApiResult<T> = Result<T, ApiError>;
