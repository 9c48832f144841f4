//! 充分就业社区 certification: the indicators of a community, computed from the ledgers.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;

use super::error::ApiResult;
use super::extract::{ApiPath, ApiQuery, RequireActor};
use app::backend::AppState;
use app::backend::service::indicators;
use app::model::ErrorBody;
use app::model::certification::IndicatorReport;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct IndicatorQuery {
    /// YYYY-MM-DD (default today)
    pub on: Option<String>,
    /// `community` (default), `provincial_star` or `national_demonstration`
    pub tier: Option<String>,
}

/// A community's quantitative indicators on a day against a tier's standard (veto items first),
/// with the people and households behind each failing number.
#[utoipa::path(get, path = "/api/v1/certification/indicators/{code}", tag = "certification",
    params(("code" = String, Path, description = "a community's 12-digit code"), IndicatorQuery),
    responses((status = 200, body = IndicatorReport), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn community(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<IndicatorQuery>,
) -> ApiResult<Json<IndicatorReport>> {
    let (on, tier) = indicators::parse_query(q.on.as_deref(), q.tier.as_deref())?;
    Ok(Json(
        indicators::community(&st.db, &actor, &code, on, tier).await?,
    ))
}
