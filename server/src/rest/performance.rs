//! 绩效管理 over REST: the indicator system's versions, read by everyone signed in, published by
//! a province (for itself) or the ministry (the national defaults); the scorecards of areas and
//! coordinators, computed from the records.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery, RequireActor};
use app::backend::AppState;
use app::backend::service::performance::{
    assessment, dashboard, figure, ratings, reward, scorecard, system,
};
use app::model::ErrorBody;
use app::model::performance::{
    AdjustmentInput, AssessmentAction, AssessmentInput, AssessmentList, AssessmentView, Dashboard,
    DashboardQuery, FigureQuery, FigureRecords, IndicatorSystemInput, IndicatorSystemVersion,
    RatingDecisionInput, RatingProposal, RewardQuery, RewardSplit, Scorecard, ScorecardQuery,
};
use axum::http::header;
use axum::response::{IntoResponse, Response};

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

/// The scorecard of an area (any level in the reader's scope; the own area by default) for a
/// month, a quarter or a year (the current month by default), counted from the records as of
/// the period's end, today while it runs.
#[utoipa::path(get, path = "/api/v1/performance/scorecard", tag = "performance", params(ScorecardQuery),
    responses(
        (status = 200, body = Scorecard),
        (status = 403, description = "the area lies outside the reader's scope", body = ErrorBody),
        (status = 422, description = "a malformed or unknown area, a malformed period or one not yet begun", body = ErrorBody)))]
pub async fn area_scorecard(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<ScorecardQuery>,
) -> ApiResult<Json<Scorecard>> {
    Ok(Json(scorecard::for_area(&st.db, &actor, &q).await?))
}

/// The dashboard of an area (any level in the reader's scope; the own area by default) for a
/// kept period (the current year by default): each indicator with its standing and the time
/// elapsed, its twelve months' trend, and the areas directly below and the coordinators with
/// their figures, read from the kept roll-ups.
#[utoipa::path(get, path = "/api/v1/performance/dashboard", tag = "performance", params(DashboardQuery),
    responses(
        (status = 200, body = Dashboard),
        (status = 403, description = "the area lies outside the reader's scope", body = ErrorBody),
        (status = 422, description = "a malformed or unknown area; a malformed period, one not yet begun or older than the kept periods", body = ErrorBody)))]
pub async fn area_dashboard(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> ApiResult<Json<Dashboard>> {
    Ok(Json(
        dashboard::for_area(st.dashboard_db().await?, &st.dashboards, &actor, &q).await?,
    ))
}

/// The same dashboard as an Excel workbook (sheets 指标, 下级区域, 协理员).
#[utoipa::path(get, path = "/api/v1/performance/dashboard.xlsx", tag = "performance", params(DashboardQuery),
    responses(
        (status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 403, description = "the area lies outside the reader's scope", body = ErrorBody),
        (status = 422, description = "as for the dashboard", body = ErrorBody)))]
pub async fn dashboard_workbook(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> ApiResult<Response> {
    let bytes = dashboard::workbook(st.dashboard_db().await?, &st.dashboards, &actor, &q).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"dashboard.xlsx\"".to_string(),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// `2026-11`, `2026-Q4` or `2026`; absent: the current month
    pub period: Option<String>,
}

/// A coordinator's scorecard: the figures of the area the coordinator serves. A coordinator
/// reads only the own; officers and HR managers those in their scope.
#[utoipa::path(get, path = "/api/v1/coordinators/{id}/scorecard", tag = "performance",
    params(("id" = i64, Path, description = "the coordinator's id"), PeriodQuery),
    responses(
        (status = 200, body = Scorecard),
        (status = 403, description = "another coordinator's, or outside the reader's scope", body = ErrorBody),
        (status = 422, description = "a malformed period or one not yet begun", body = ErrorBody)))]
pub async fn coordinator_scorecard(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PeriodQuery>,
) -> ApiResult<Json<Scorecard>> {
    Ok(Json(
        scorecard::for_coordinator(&st.db, &actor, id, q.period.as_deref()).await?,
    ))
}

/// The records behind one figure of an area's scorecard, 50 a page, missed first. Those who
/// work the ledger (coordinators, street and county officers) see names, addresses and links;
/// the others masked names.
#[utoipa::path(get, path = "/api/v1/performance/figure", tag = "performance", params(FigureQuery),
    responses(
        (status = 200, body = FigureRecords),
        (status = 403, description = "the area lies outside the reader's scope", body = ErrorBody),
        (status = 422, description = "an unknown measure, a bad area, period, show or page", body = ErrorBody)))]
pub async fn figure_records(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<FigureQuery>,
) -> ApiResult<Json<FigureRecords>> {
    Ok(Json(figure::records(&st.db, &actor, &q).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssessmentsQuery {
    /// The assessing area; absent: the reader's own
    pub area: Option<String>,
}

/// The assessments an area ran (the reader's own by default), newest period and round first.
#[utoipa::path(get, path = "/api/v1/performance/assessments", tag = "performance", params(AssessmentsQuery),
    responses(
        (status = 200, body = AssessmentList),
        (status = 403, description = "outside the reader's scope", body = ErrorBody),
        (status = 422, description = "a malformed area, or none for a national role", body = ErrorBody)))]
pub async fn assessments(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<AssessmentsQuery>,
) -> ApiResult<Json<AssessmentList>> {
    Ok(Json(
        assessment::list(&st.db, &actor, q.area.as_deref()).await?,
    ))
}

/// Runs an assessment of the units below the officer's area and their coordinators for an
/// ended period, as a draft the assessed can see.
#[utoipa::path(post, path = "/api/v1/performance/assessments", tag = "performance", request_body = AssessmentInput,
    responses(
        (status = 201, body = AssessmentView),
        (status = 403, description = "not the officer of that area", body = ErrorBody),
        (status = 409, description = "a draft or a published assessment exists for the period", body = ErrorBody),
        (status = 422, description = "a bad area or period, or a period not ended", body = ErrorBody)))]
pub async fn create_assessment(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(input): ApiJson<AssessmentInput>,
) -> ApiResult<(StatusCode, Json<AssessmentView>)> {
    let v = assessment::create(&st.db, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// An assessment with its entries as stored; a published one with its digest and whether its
/// content still hashes to it.
#[utoipa::path(get, path = "/api/v1/performance/assessments/{id}", tag = "performance",
    params(("id" = i64, Path, description = "the assessment's id")),
    responses(
        (status = 200, body = AssessmentView),
        (status = 403, description = "outside the reader's scope", body = ErrorBody)))]
pub async fn get_assessment(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<AssessmentView>> {
    Ok(Json(assessment::get(&st.db, &actor, id).await?))
}

/// A qualitative adjustment of one entry of a draft, within the system's bound, with a reason.
#[utoipa::path(post, path = "/api/v1/performance/assessment-entries/{id}/adjustment", tag = "performance",
    params(("id" = i64, Path, description = "the entry's id")), request_body = AdjustmentInput,
    responses(
        (status = 200, body = AssessmentView),
        (status = 403, description = "not the assessor", body = ErrorBody),
        (status = 409, description = "published already, or edited meanwhile", body = ErrorBody),
        (status = 422, description = "an adjustment beyond the bound or malformed, no reason, no version", body = ErrorBody)))]
pub async fn adjust_entry(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<AdjustmentInput>,
) -> ApiResult<Json<AssessmentView>> {
    Ok(Json(assessment::adjust(&st.db, &actor, id, &input).await?))
}

/// Publishes a draft: frozen from then on under its digest.
#[utoipa::path(post, path = "/api/v1/performance/assessments/{id}/publish", tag = "performance",
    params(("id" = i64, Path, description = "the assessment's id")), request_body = AssessmentAction,
    responses(
        (status = 200, body = AssessmentView),
        (status = 403, description = "not the assessor", body = ErrorBody),
        (status = 409, description = "not a draft, or edited meanwhile", body = ErrorBody),
        (status = 422, description = "no version", body = ErrorBody)))]
pub async fn publish_assessment(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<AssessmentAction>,
) -> ApiResult<Json<AssessmentView>> {
    Ok(Json(assessment::publish(&st.db, &actor, id, &input).await?))
}

/// Corrects a published assessment with a new round, computed afresh, as a draft with the
/// reason; it supersedes the published round once published.
#[utoipa::path(post, path = "/api/v1/performance/assessments/{id}/corrections", tag = "performance",
    params(("id" = i64, Path, description = "the published assessment's id")), request_body = AssessmentAction,
    responses(
        (status = 201, body = AssessmentView),
        (status = 403, description = "not the assessor", body = ErrorBody),
        (status = 409, description = "not published, or a draft exists", body = ErrorBody),
        (status = 422, description = "no reason", body = ErrorBody)))]
pub async fn correct_assessment(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<AssessmentAction>,
) -> ApiResult<(StatusCode, Json<AssessmentView>)> {
    let v = assessment::correct(&st.db, &actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// A reward fund (以奖代补) split by a published assessment's final scores: the indicator
/// system's grassroots share to the coordinators, the rest to the units, in fen adding up to
/// the fund (this system's default rule).
#[utoipa::path(get, path = "/api/v1/performance/assessments/{id}/reward", tag = "performance",
    params(("id" = i64, Path, description = "the published assessment's id"), RewardQuery),
    responses(
        (status = 200, body = RewardSplit),
        (status = 403, description = "outside the reader's scope (the assessed below do not split the fund)", body = ErrorBody),
        (status = 409, description = "not published", body = ErrorBody),
        (status = 422, description = "no fund, or not an amount in yuan", body = ErrorBody)))]
pub async fn reward_split(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<RewardQuery>,
) -> ApiResult<Json<RewardSplit>> {
    Ok(Json(
        reward::split(&st.db, &actor, id, Some(&q.fund)).await?,
    ))
}

/// The same split as an Excel workbook for the finance office (audited).
#[utoipa::path(get, path = "/api/v1/performance/assessments/{id}/reward.xlsx", tag = "performance",
    params(("id" = i64, Path, description = "the published assessment's id"), RewardQuery),
    responses(
        (status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 403, body = ErrorBody),
        (status = 409, description = "not published", body = ErrorBody),
        (status = 422, description = "no fund, or not an amount in yuan", body = ErrorBody)))]
pub async fn reward_workbook(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<RewardQuery>,
) -> ApiResult<Response> {
    let bytes = reward::workbook(&st.db, &actor, id, Some(&q.fund)).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"reward-{id}.xlsx\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// The assessed year, e.g. 2026
    pub year: i32,
}

/// The annual ratings the published annual assessments of a year propose for the coordinators
/// in the reader's scope, with the rating recorded and the HR manager's decision.
#[utoipa::path(get, path = "/api/v1/performance/rating-proposals", tag = "performance", params(YearQuery),
    responses(
        (status = 200, body = Vec<RatingProposal>),
        (status = 403, description = "not an HR manager or an officer", body = ErrorBody),
        (status = 422, description = "a year outside 2000–2100", body = ErrorBody)))]
pub async fn rating_proposals(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> ApiResult<Json<Vec<RatingProposal>>> {
    Ok(Json(ratings::proposals(&st.db, &actor, q.year).await?))
}

/// The HR manager confirms a proposed annual rating or overrides it with a reason; the rating
/// is recorded for the year with its effects on pay and grade.
#[utoipa::path(post, path = "/api/v1/performance/rating-proposals/{id}/decision", tag = "performance",
    params(("id" = i64, Path, description = "the proposing assessment entry's id")), request_body = RatingDecisionInput,
    responses(
        (status = 200, body = Vec<RatingProposal>),
        (status = 403, description = "not the coordinator's HR manager", body = ErrorBody),
        (status = 409, description = "not an open proposal, decided already, rated otherwise already, or the coordinator left", body = ErrorBody),
        (status = 422, description = "an unknown rating, or an override without a reason", body = ErrorBody)))]
pub async fn decide_rating(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<RatingDecisionInput>,
) -> ApiResult<Json<Vec<RatingProposal>>> {
    Ok(Json(ratings::decide(&st.db, &actor, id, &input).await?))
}
