//! Accounts inside the caller's area scope.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;

use super::error::ApiResult;
use super::extract::{ApiQuery, RequireActor};
use app::backend::AppState;
use app::backend::service::accounts;
use app::model::{AccountView, ErrorBody};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountQuery {
    /// Narrow to this area (must lie inside the caller's scope)
    pub area: Option<String>,
}

/// Accounts whose home area lies inside the caller's scope.
#[utoipa::path(get, path = "/api/v1/accounts", tag = "accounts", params(AccountQuery),
    responses(
        (status = 200, body = Vec<AccountView>),
        (status = 401, body = ErrorBody),
        (status = 403, description = "area outside the caller's scope", body = ErrorBody),
        (status = 422, description = "malformed or unknown area", body = ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<AccountQuery>,
) -> ApiResult<Json<Vec<AccountView>>> {
    Ok(Json(
        accounts::list(&st.db, &actor, q.area.as_deref()).await?,
    ))
}
