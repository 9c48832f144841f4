//! What a server function needs from the request: the state, the session, the actor.

use axum::extract::ConnectInfo;
use leptos::prelude::use_context;
use std::net::SocketAddr;
use tower_sessions::Session;

use crate::backend::actor::SESSION_ACCOUNT_KEY;
use crate::backend::service::auth;
use crate::backend::{Actor, AppState};
use crate::model::AppError;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or(AppError::Internal)
}

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|_| AppError::Internal)
}

/// The client's address: the peer's, or behind a trusted proxy the address it forwarded
/// (`backend::client_addr`).
pub async fn client_ip() -> Option<String> {
    let peer = leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .ok()?
        .0
        .ip();
    let headers = use_context::<http::request::Parts>()
        .map(|p| p.headers)
        .unwrap_or_default();
    Some(crate::backend::client_addr::client_ip(peer, &headers).to_string())
}

/// The connection a public read uses ([`AppState::public_reader`]): the read replica for an
/// anonymous visitor, the primary for a signed-in user.
pub async fn public_db() -> Result<sea_orm::DatabaseConnection, AppError> {
    let st = state()?;
    let signed_in = session()
        .await?
        .get::<i64>(SESSION_ACCOUNT_KEY)
        .await
        .map_err(|_| AppError::Internal)?
        .is_some();
    Ok(st.public_reader(signed_in).clone())
}

/// The signed-in actor, if any.
pub async fn actor() -> Result<Option<Actor>, AppError> {
    let st = state()?;
    let session = session().await?;
    let id: Option<i64> = session
        .get(SESSION_ACCOUNT_KEY)
        .await
        .map_err(|_| AppError::Internal)?;
    match id {
        Some(id) => auth::actor_for(&st.db, id, client_ip().await).await,
        None => Ok(None),
    }
}

/// The signed-in actor, or 401.
pub async fn require_actor() -> Result<Actor, AppError> {
    actor().await?.ok_or(AppError::Unauthenticated)
}

/// This site's public address, for the QR code on a card (`PUBLIC_URL`, else the request's host).
pub fn public_base() -> String {
    let host = use_context::<http::request::Parts>().and_then(|p| {
        p.headers
            .get(http::header::HOST)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    });
    let configured = use_context::<AppState>().and_then(|st| st.public_url);
    crate::domain::text::public_base(configured.as_deref(), host.as_deref())
}
