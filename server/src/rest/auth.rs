//! Sign in and out with a session cookie; who am I.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use tower_sessions::Session;

use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, ClientIp, MaybeActor, RequireActor};
use app::backend::AppState;
use app::backend::actor::SESSION_ACCOUNT_KEY;
use app::backend::service::{accounts, auth};
use app::model::{AccountView, AppError, ErrorBody};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginBody {
    pub username: String,
    pub password: String,
}

/// Sign in; the answer sets the session cookie.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginBody,
    responses(
        (status = 200, body = AccountView),
        (status = 400, description = "malformed JSON", body = ErrorBody),
        (status = 422, description = "wrong credentials or missing fields", body = ErrorBody),
        (status = 429, description = "too many failed attempts", body = ErrorBody)))]
pub async fn login(
    State(st): State<AppState>,
    session: Session,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<LoginBody>,
) -> ApiResult<Json<AccountView>> {
    let actor = auth::login(&st.db, &body.username, &body.password, ip).await?;
    session
        .cycle_id()
        .await
        .map_err(|_| ApiError(AppError::Internal))?;
    session
        .insert(SESSION_ACCOUNT_KEY, actor.id)
        .await
        .map_err(|_| ApiError(AppError::Internal))?;
    Ok(Json(accounts::me(&st.db, &actor).await?))
}

/// Sign out (ends the session).
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204, description = "signed out")))]
pub async fn logout(
    State(st): State<AppState>,
    session: Session,
    MaybeActor(actor): MaybeActor,
) -> ApiResult<StatusCode> {
    if let Some(actor) = actor {
        auth::logout(&st.db, &actor).await?;
    }
    session
        .flush()
        .await
        .map_err(|_| ApiError(AppError::Internal))?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth",
    responses((status = 200, body = AccountView), (status = 401, body = ErrorBody)))]
pub async fn me(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
) -> ApiResult<Json<AccountView>> {
    Ok(Json(accounts::me(&st.db, &actor).await?))
}
