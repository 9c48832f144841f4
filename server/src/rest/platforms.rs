//! Grassroots platforms: the registry (read in scope, kept by the officers of the area, with
//! history), the coverage statistics with their drill-down and Excel, and the platform policy
//! (standard and grade rules) per province.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::download::{XLSX, attachment};
use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery, RequireActor};
use app::backend::AppState;
use app::backend::service::areas::{parse_code, parse_filter};
use app::backend::service::platforms::{self, coverage, policy};
use app::model::ErrorBody;
use app::model::ledger::HistoryEntry;
use app::model::platform::{
    CoverageReport, PlatformInput, PlatformList, PlatformPolicyInput, PlatformPolicyVersion,
    PlatformView,
};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AreaQuery {
    /// A county (its streets and townships) or a street/township (its own office and its
    /// communities and villages)
    pub area: String,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CoverageQuery {
    /// Any area code; absent for the whole country (national accounts)
    pub area: Option<String>,
}

/// The platforms under a county or a street, with their 六到位 checklists and checks.
#[utoipa::path(get, path = "/api/v1/platforms", tag = "platforms", params(AreaQuery),
    responses((status = 200, body = PlatformList), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<AreaQuery>,
) -> ApiResult<Json<PlatformList>> {
    let code = parse_filter(Some(&q.area), "area")?
        .ok_or_else(|| app::model::AppError::field("area", "area.required"))?;
    Ok(Json(platforms::list(&st.db, &actor, &code).await?))
}

/// One platform (a street/township or community/village code) with its checks against the
/// standard in force in its province.
#[utoipa::path(get, path = "/api/v1/platforms/{code}", tag = "platforms", params(("code" = String, Path)),
    responses((status = 200, body = PlatformView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(code): ApiPath<String>,
) -> ApiResult<Json<PlatformView>> {
    let code = parse_code(&code)?;
    Ok(Json(platforms::get(&st.db, &actor, &code).await?))
}

/// Saves a platform's record (officers of the area): version 0 registers it, later saves name
/// the version they edited.
#[utoipa::path(put, path = "/api/v1/platforms/{code}", tag = "platforms", params(("code" = String, Path)), request_body = PlatformInput,
    responses((status = 200, body = PlatformView), (status = 403, body = ErrorBody),
        (status = 409, description = "edited meanwhile", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(code): ApiPath<String>,
    ApiJson(input): ApiJson<PlatformInput>,
) -> ApiResult<Json<PlatformView>> {
    let code = parse_code(&code)?;
    Ok(Json(platforms::save(&st.db, &actor, &code, input).await?))
}

/// The saved versions of a platform's record, newest first.
#[utoipa::path(get, path = "/api/v1/platforms/{code}/history", tag = "platforms", params(("code" = String, Path)),
    responses((status = 200, body = Vec<HistoryEntry>), (status = 403, body = ErrorBody)))]
pub async fn history(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(code): ApiPath<String>,
) -> ApiResult<Json<Vec<HistoryEntry>>> {
    let code = parse_code(&code)?;
    Ok(Json(platforms::history(&st.db, &actor, &code).await?))
}

/// Coverage of an area and of each area directly under it: streets and townships with a
/// platform institution, communities and villages with staff, 六到位.
#[utoipa::path(get, path = "/api/v1/platforms/coverage", tag = "platforms", params(CoverageQuery),
    responses((status = 200, body = CoverageReport), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn coverage_report(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<CoverageQuery>,
) -> ApiResult<Json<CoverageReport>> {
    let code = parse_filter(q.area.as_deref(), "area")?;
    Ok(Json(coverage::report(&st.db, &actor, code.as_ref()).await?))
}

/// The coverage report as an Excel workbook (audited).
#[utoipa::path(get, path = "/api/v1/platforms/coverage/export", tag = "platforms", params(CoverageQuery),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = 403, body = ErrorBody)))]
pub async fn coverage_export(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<CoverageQuery>,
) -> ApiResult<Response> {
    let code = parse_filter(q.area.as_deref(), "area")?;
    let bytes = coverage::export(&st.db, &actor, code.as_ref()).await?;
    let name = format!(
        "coverage-{}.xlsx",
        code.as_ref().map_or("national", |c| c.as_str())
    );
    Ok(attachment(XLSX, &name, bytes))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PolicyQuery {
    /// Any area code: the versions of its province and the national ones are listed
    pub area: String,
}

/// The platform policy versions (standard and grade rules) that can apply in an area.
#[utoipa::path(get, path = "/api/v1/platforms/policies", tag = "platforms", params(PolicyQuery),
    responses((status = 200, body = Vec<PlatformPolicyVersion>), (status = 422, body = ErrorBody)))]
pub async fn policies(
    State(st): State<AppState>,
    RequireActor(_actor): RequireActor,
    ApiQuery(q): ApiQuery<PolicyQuery>,
) -> ApiResult<Json<Vec<PlatformPolicyVersion>>> {
    Ok(Json(policy::list(&st.db, &q.area).await?))
}

/// Publish a platform policy version from a date on: a province officer for the province,
/// the ministry for the national defaults.
#[utoipa::path(post, path = "/api/v1/platforms/policies", tag = "platforms", request_body = PlatformPolicyInput,
    responses((status = 201, body = PlatformPolicyVersion), (status = 403, body = ErrorBody),
        (status = 409, description = "a version already starts that day", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn publish_policy(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(input): ApiJson<PlatformPolicyInput>,
) -> ApiResult<(StatusCode, Json<PlatformPolicyVersion>)> {
    let v = policy::publish(&st.db, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}
