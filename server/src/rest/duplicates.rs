//! Possible duplicates and merges, and a person's history with the merged records.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, RequireActor};
use app::backend::AppState;
use app::backend::service::ledger::duplicates;
use app::model::ErrorBody;
use app::model::ledger::{DuplicateDecision, DuplicateItem, PersonHistory, RecordSnapshot};

/// The open possible duplicates (similar name, same birth date, one community) in the caller's area.
#[utoipa::path(get, path = "/api/v1/duplicates", tag = "ledger",
    responses((status = 200, body = Vec<DuplicateItem>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
) -> ApiResult<Json<Vec<DuplicateItem>>> {
    Ok(Json(duplicates::list(&st.db, &actor).await?))
}

/// Merge the pair, keeping one (`{"action":"merge","keep":id}`), or dismiss the flag
/// (`{"action":"dismiss"}`). Street and county officers only.
#[utoipa::path(post, path = "/api/v1/duplicates/{id}/decisions", tag = "ledger", params(("id" = i64, Path)),
    request_body = DuplicateDecision,
    responses(
        (status = 204, description = "done"),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "settled already, or both have open files", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn decide(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<DuplicateDecision>,
) -> ApiResult<StatusCode> {
    duplicates::decide(&st.db, &actor, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A person's versions with those of the records merged into it, newest first.
#[utoipa::path(get, path = "/api/v1/people/{id}/history", tag = "ledger", params(("id" = i64, Path)),
    responses((status = 200, body = PersonHistory), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn history(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<PersonHistory>> {
    Ok(Json(duplicates::person_history(&st.db, &actor, id).await?))
}

/// A saved version of a record merged into the person (numbers masked).
#[utoipa::path(get, path = "/api/v1/people/{id}/merged/{merged}/versions/{version}", tag = "ledger",
    params(("id" = i64, Path), ("merged" = i64, Path), ("version" = i32, Path)),
    responses((status = 200, body = RecordSnapshot), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn merged_version(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath((id, merged, version)): ApiPath<(i64, i64, i32)>,
) -> ApiResult<Json<RecordSnapshot>> {
    Ok(Json(
        duplicates::merged_version(&st.db, &actor, id, merged, version).await?,
    ))
}
