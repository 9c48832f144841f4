//! Extractors whose rejections are the API's JSON errors, and the session's actor.

use axum::extract::{FromRequest, FromRequestParts};
use axum::http::request::Parts;
use tower_sessions::Session;

use super::error::ApiError;
use app::backend::actor::SESSION_ACCOUNT_KEY;
use app::backend::service::auth;
use app::backend::{Actor, AppState};
use app::model::AppError;

#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// Query parameters. Unlike axum's `Query`, a value that is not UTF-8 once decoded is refused
/// (400) instead of being patched with replacement characters.
pub struct ApiQuery<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if !query_is_utf8(parts.uri.query().unwrap_or("")) {
            return Err(ApiError(AppError::Malformed("query".into())));
        }
        let axum::extract::Query(value) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(ApiQuery(value))
    }
}

/// Whether every percent-decoded query value is valid UTF-8.
pub fn query_is_utf8(query: &str) -> bool {
    let bytes = query.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        decoded.push(b);
                        i += 3;
                    }
                    None => {
                        decoded.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                decoded.push(b' ');
                i += 1;
            }
            b => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded).is_ok()
}

/// The client's address, when the server was started with connect info.
pub fn client_ip(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| app::backend::client_addr::client_ip(c.0.ip(), &parts.headers).to_string())
}

/// The account id the request's session is signed in as, if any.
async fn session_account(parts: &mut Parts, state: &AppState) -> Result<Option<i64>, ApiError> {
    let session = Session::from_request_parts(parts, state)
        .await
        .map_err(|_| ApiError(AppError::Internal))?;
    session
        .get(SESSION_ACCOUNT_KEY)
        .await
        .map_err(|_| ApiError(AppError::Internal))
}

/// The connection a public read uses ([`AppState::public_reader`]): the read replica for an
/// anonymous caller, the primary for a signed-in one.
pub struct PublicDb(pub sea_orm::DatabaseConnection);

impl FromRequestParts<AppState> for PublicDb {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let id = session_account(parts, state).await?;
        Ok(PublicDb(state.public_reader(id.is_some()).clone()))
    }
}

/// The signed-in actor, or `None`.
pub struct MaybeActor(pub Option<Actor>);

impl FromRequestParts<AppState> for MaybeActor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let id = session_account(parts, state).await?;
        match id {
            Some(id) => Ok(MaybeActor(
                auth::actor_for(&state.db, id, client_ip(parts)).await?,
            )),
            None => Ok(MaybeActor(None)),
        }
    }
}

/// The signed-in actor; 401 otherwise.
pub struct RequireActor(pub Actor);

impl FromRequestParts<AppState> for RequireActor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        MaybeActor::from_request_parts(parts, state)
            .await?
            .0
            .map(RequireActor)
            .ok_or(ApiError(AppError::Unauthenticated))
    }
}

/// The client's address, if known.
pub struct ClientIp(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts)))
    }
}

#[cfg(test)]
mod tests {
    use super::query_is_utf8;

    #[test]
    fn non_utf8_queries_are_spotted() {
        assert!(query_is_utf8("q=%E7%A4%BE%E5%8C%BA&page=2"));
        assert!(query_is_utf8("q=100%"));
        assert!(query_is_utf8(""));
        assert!(!query_is_utf8("q=%FF"));
        assert!(!query_is_utf8("q=%E7%A4"));
    }
}
