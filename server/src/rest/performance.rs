//! 绩效管理 over REST: the indicator system's versions, read by everyone signed in, published by
//! a province (for itself) or the ministry (the national defaults).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::error::ApiResult;
use super::extract::{ApiJson, ApiQuery, RequireActor};
use app::backend::AppState;
use app::backend::service::performance::system;
use app::model::ErrorBody;
use app::model::performance::{IndicatorSystemInput, IndicatorSystemVersion};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SystemQuery {
    /// Any area code: the versions of its province and the national ones are listed
    pub area: String,
}

/// The indicator system's versions that can apply in an area, newest first, the one in force
/// marked.
#[utoipa::path(get, path = "/api/v1/performance/indicator-systems", tag = "performance", params(SystemQuery),
    responses((status = 200, body = Vec<IndicatorSystemVersion>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn systems(
    State(st): State<AppState>,
    RequireActor(_actor): RequireActor,
    ApiQuery(q): ApiQuery<SystemQuery>,
) -> ApiResult<Json<Vec<IndicatorSystemVersion>>> {
    Ok(Json(system::list(&st.db, &q.area).await?))
}

/// Publishes a version from a day on (today or later): a province officer for the province, the
/// ministry for the national defaults. Assessments already published keep theirs.
#[utoipa::path(post, path = "/api/v1/performance/indicator-systems", tag = "performance", request_body = IndicatorSystemInput,
    responses(
        (status = 201, body = IndicatorSystemVersion),
        (status = 403, body = ErrorBody),
        (status = 409, description = "a version already starts that day", body = ErrorBody),
        (status = 422, description = "weights not adding up to 100, a floor not below its target, a date in the past…", body = ErrorBody)))]
pub async fn publish_system(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(input): ApiJson<IndicatorSystemInput>,
) -> ApiResult<(StatusCode, Json<IndicatorSystemVersion>)> {
    let v = system::publish(&st.db, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}
