//! 就业援助 policy versions: read by everyone signed in, published by a province (for itself)
//! or the ministry (the national defaults).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::error::ApiResult;
use super::extract::{ApiJson, ApiQuery, RequireActor};
use app::backend::AppState;
use app::backend::service::policies;
use app::backend::service::policy_history;
use app::model::ErrorBody;
use app::model::policy::{PolicyHistory, PolicyHistoryQuery, PolicyInput, PolicyVersion};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PolicyQuery {
    /// Any area code: the versions of its province and the national ones are listed
    pub area: String,
}

/// The policy versions that can apply in an area, newest first, the one in force marked.
#[utoipa::path(get, path = "/api/v1/policies/assistance", tag = "assistance", params(PolicyQuery),
    responses((status = 200, body = Vec<PolicyVersion>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    RequireActor(_actor): RequireActor,
    ApiQuery(q): ApiQuery<PolicyQuery>,
) -> ApiResult<Json<Vec<PolicyVersion>>> {
    Ok(Json(policies::list(&st.db, &q.area).await?))
}

/// Publish a new version from a date on (today or later); files already filed keep theirs.
#[utoipa::path(post, path = "/api/v1/policies/assistance", tag = "assistance", request_body = PolicyInput,
    responses(
        (status = 201, body = PolicyVersion),
        (status = 403, body = ErrorBody),
        (status = 409, description = "a version already starts that day", body = ErrorBody),
        (status = 422, description = "numbers out of range, or a date in the past", body = ErrorBody)))]
pub async fn publish(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(input): ApiJson<PolicyInput>,
) -> ApiResult<(StatusCode, Json<PolicyVersion>)> {
    let v = policies::publish(&st.db, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// A versioned policy's history in a province (the 就业援助 policy, a tier's certification
/// standard, or the platform standard with the grade rules): the versions that can apply there,
/// newest first, where each stands today, one version setting by setting (the one in force,
/// unless `version` names another), and what changed from the version before it.
#[utoipa::path(get, path = "/api/v1/policies/history", tag = "assistance", params(PolicyHistoryQuery),
    responses(
        (status = 200, body = PolicyHistory),
        (status = 401, body = ErrorBody),
        (status = 422, description = "an unknown kind, tier or version, or a malformed area", body = ErrorBody)))]
pub async fn history(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<PolicyHistoryQuery>,
) -> ApiResult<Json<PolicyHistory>> {
    Ok(Json(policy_history::history(&st.db, &actor, &q).await?))
}
