//! `/lang/{code}?next=…`: remembers the language in a cookie and goes back. A plain link, so it
//! works without JavaScript.

use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use app::domain::text::safe_local_path;
use app::i18n::{LANG_COOKIE, Locale};

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn switch(Path(code): Path<String>, Query(q): Query<Next>) -> Response {
    let Some(locale) = Locale::parse(&code) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let target = safe_local_path(q.next.as_deref());
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.code()
    );
    let mut resp = StatusCode::SEE_OTHER.into_response();
    if let (Ok(loc), Ok(c)) = (
        HeaderValue::from_str(&target),
        HeaderValue::from_str(&cookie),
    ) {
        resp.headers_mut().insert(header::LOCATION, loc);
        resp.headers_mut().insert(header::SET_COOKIE, c);
    }
    resp
}
