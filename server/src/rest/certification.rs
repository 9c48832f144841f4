//! 充分就业社区 certification: indicators computed from the ledgers, standards, rounds,
//! applications through the review chain, objections, re-inspections and history.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery, RequireActor};
use app::backend::AppState;
use app::backend::service::certification::{
    applications, indicators, objections, rounds, standards, titles,
};
use app::model::certification::{
    ApplicationInput, ApplicationItem, ApplicationView, AttachmentMeta, CertDecisionInput,
    CommunityFile, CommunityHistory, IndicatorReport, InspectionInput, InspectionView,
    InvestigationInput, ObjectionView, PipelineRow, ResubmitInput, RoundInput, RoundView,
    StandardInput, StandardVersion, TitleDue,
};
use app::model::{AppError, ErrorBody};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
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

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StandardQuery {
    /// `community`, `provincial_star` or `national_demonstration`
    pub tier: Option<String>,
    /// An area code: its province's versions and the ministry's are listed (the ministry's
    /// alone without one)
    pub area: Option<String>,
}

/// The standard versions that apply to a tier in an area (the province's and the ministry's),
/// newest first, the one in force today marked.
#[utoipa::path(get, path = "/api/v1/certification/standards", tag = "certification", params(StandardQuery),
    responses((status = 200, body = Vec<StandardVersion>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn standards_list(
    State(st): State<AppState>,
    RequireActor(_actor): RequireActor,
    ApiQuery(q): ApiQuery<StandardQuery>,
) -> ApiResult<Json<Vec<StandardVersion>>> {
    let (_, tier) = indicators::parse_query(None, q.tier.as_deref())?;
    Ok(Json(
        standards::list(&st.db, tier, q.area.as_deref()).await?,
    ))
}

/// Publish a new version of a standard from a date on (a province for its own provincial tiers,
/// the ministry for the national ones). Files already filed keep their version.
#[utoipa::path(post, path = "/api/v1/certification/standards", tag = "certification", request_body = StandardInput,
    responses((status = 201, body = StandardVersion), (status = 403, body = ErrorBody), (status = 409, description = "the version label is taken", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn standards_publish(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(input): ApiJson<StandardInput>,
) -> ApiResult<(StatusCode, Json<StandardVersion>)> {
    let v = standards::publish(&st.db, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// The rounds that concern the caller, newest first.
#[utoipa::path(get, path = "/api/v1/certification/rounds", tag = "certification",
    responses((status = 200, body = Vec<RoundView>), (status = 401, body = ErrorBody)))]
pub async fn rounds_list(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
) -> ApiResult<Json<Vec<RoundView>>> {
    Ok(Json(rounds::list(&st.db, &actor).await?))
}

/// Open a round: a call for applications with its dates and quotas per city or province.
#[utoipa::path(post, path = "/api/v1/certification/rounds", tag = "certification", request_body = RoundInput,
    responses((status = 201, body = RoundView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn rounds_open(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(input): ApiJson<RoundInput>,
) -> ApiResult<(StatusCode, Json<RoundView>)> {
    let r = rounds::open(&st.db, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// One round.
#[utoipa::path(get, path = "/api/v1/certification/rounds/{id}", tag = "certification", params(("id" = i64, Path)),
    responses((status = 200, body = RoundView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn rounds_get(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(rounds::get(&st.db, &actor, id).await?))
}

/// How many of the round's files (inside the caller's area) stand at each step, and how many
/// of them are overdue.
#[utoipa::path(get, path = "/api/v1/certification/rounds/{id}/pipeline", tag = "certification", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<PipelineRow>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn rounds_pipeline(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<PipelineRow>>> {
    Ok(Json(rounds::pipeline(&st.db, &actor, id).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationQuery {
    /// Only this round's files
    pub round: Option<i64>,
}

/// The applications inside the caller's area, newest first.
#[utoipa::path(get, path = "/api/v1/certification/applications", tag = "certification", params(ApplicationQuery),
    responses((status = 200, body = Vec<ApplicationItem>), (status = 403, body = ErrorBody)))]
pub async fn applications_list(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<ApplicationQuery>,
) -> ApiResult<Json<Vec<ApplicationItem>>> {
    Ok(Json(applications::list(&st.db, &actor, q.round).await?))
}

/// A community applies in an open round (its coordinator); the indicators are computed that
/// day and kept as the self-assessment.
#[utoipa::path(post, path = "/api/v1/certification/applications", tag = "certification", request_body = ApplicationInput,
    responses(
        (status = 201, body = ApplicationView),
        (status = 403, body = ErrorBody),
        (status = 409, description = "round closed, or the community has applied already", body = ErrorBody),
        (status = 422, description = "bad input, or the indicators do not pass", body = ErrorBody)))]
pub async fn applications_apply(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(input): ApiJson<ApplicationInput>,
) -> ApiResult<(StatusCode, Json<ApplicationView>)> {
    let v = applications::apply(&st.db, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// The files waiting for the caller's step (or, for a coordinator, sent back to it).
#[utoipa::path(get, path = "/api/v1/certification/applications/queue", tag = "certification",
    responses((status = 200, body = Vec<ApplicationItem>), (status = 403, body = ErrorBody)))]
pub async fn applications_queue(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
) -> ApiResult<Json<Vec<ApplicationItem>>> {
    Ok(Json(applications::queue(&st.db, &actor).await?))
}

/// An application with its standard, self-assessment, events, objections and attachments.
#[utoipa::path(get, path = "/api/v1/certification/applications/{id}", tag = "certification", params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn applications_get(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ApplicationView>> {
    Ok(Json(applications::get(&st.db, &actor, id).await?))
}

/// Approve the file at its step or send it back with a reason (the step's own role, in its
/// area; after 公示 only once it has ended and every objection is investigated).
#[utoipa::path(post, path = "/api/v1/certification/applications/{id}/decisions", tag = "certification",
    params(("id" = i64, Path)), request_body = CertDecisionInput,
    responses(
        (status = 200, body = ApplicationView),
        (status = 403, description = "not this step's role or area", body = ErrorBody),
        (status = 409, description = "stale version, notice still running, objections open, quota full", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn applications_decide(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<CertDecisionInput>,
) -> ApiResult<Json<ApplicationView>> {
    Ok(Json(
        applications::decide(&st.db, &st.registry_cache, &actor, id, &input).await?,
    ))
}

/// The community sends a returned file again, amended.
#[utoipa::path(post, path = "/api/v1/certification/applications/{id}/resubmit", tag = "certification",
    params(("id" = i64, Path)), request_body = ResubmitInput,
    responses((status = 200, body = ApplicationView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn applications_resubmit(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ResubmitInput>,
) -> ApiResult<Json<ApplicationView>> {
    Ok(Json(
        applications::resubmit(&st.db, &actor, id, &input).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttachmentQuery {
    /// The file's name
    pub name: Option<String>,
}

/// Attach a file to an application: the body is the file itself (PDF, JPEG or PNG, at most
/// 5 MB; the type is read from its first bytes, not from `Content-Type`), its name in
/// `?name=`. The role is checked before the body is read.
#[utoipa::path(post, path = "/api/v1/certification/applications/{id}/attachments", tag = "certification",
    params(("id" = i64, Path), AttachmentQuery),
    request_body(description = "the file: PDF, JPEG or PNG, at most 5 MB", content(
        (Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"))),
    responses((status = 201, body = AttachmentMeta), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn applications_attach(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<AttachmentQuery>,
    body: axum::body::Body,
) -> ApiResult<(StatusCode, Json<AttachmentMeta>)> {
    applications::may_attach(&actor)?;
    let body = axum::body::to_bytes(body, applications::MAX_ATTACHMENT_BYTES)
        .await
        .map_err(|_| AppError::field("file", "attachment.size"))?;
    let meta = applications::attach(
        &st.db,
        &actor,
        id,
        q.name.as_deref().unwrap_or_default(),
        body.to_vec(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(meta)))
}

/// An attachment's bytes.
#[utoipa::path(get, path = "/api/v1/certification/applications/{id}/attachments/{attachment}", tag = "certification",
    params(("id" = i64, Path), ("attachment" = i64, Path)),
    responses(
        (status = 200, description = "the file, of the type its bytes were read as", content(
            (Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"))),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn applications_attachment(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath((id, attachment)): ApiPath<(i64, i64)>,
) -> ApiResult<Response> {
    let (meta, bytes) = applications::attachment(&st.db, &actor, id, attachment).await?;
    // The stored name is shown as a download, never rendered inline.
    let ascii: String = meta
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, meta.content_type),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// The objections waiting for the caller's investigation, inside its area.
#[utoipa::path(get, path = "/api/v1/certification/objections", tag = "certification",
    responses((status = 200, body = Vec<ObjectionView>), (status = 403, body = ErrorBody)))]
pub async fn objections_pending(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
) -> ApiResult<Json<Vec<ObjectionView>>> {
    Ok(Json(objections::pending(&st.db, &actor).await?))
}

/// Record the investigation of an objection: `substantiated` stops the file, `unfounded` not.
#[utoipa::path(post, path = "/api/v1/certification/objections/{id}/investigation", tag = "certification",
    params(("id" = i64, Path)), request_body = InvestigationInput,
    responses((status = 200, body = ObjectionView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn objections_investigate(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<InvestigationInput>,
) -> ApiResult<Json<ObjectionView>> {
    Ok(Json(
        objections::investigate(&st.db, &actor, id, &input).await?,
    ))
}

/// Titles due for re-inspection within 90 days (or overdue) that the caller re-inspects.
#[utoipa::path(get, path = "/api/v1/certification/titles/due", tag = "certification",
    responses((status = 200, body = Vec<TitleDue>), (status = 403, body = ErrorBody)))]
pub async fn titles_due(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
) -> ApiResult<Json<Vec<TitleDue>>> {
    Ok(Json(titles::due(&st.db, &actor).await?))
}

/// Star communities that have kept the provincial standard long enough for national
/// demonstration.
#[utoipa::path(get, path = "/api/v1/certification/titles/candidates", tag = "certification",
    responses((status = 200, body = Vec<TitleDue>), (status = 403, body = ErrorBody)))]
pub async fn titles_candidates(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
) -> ApiResult<Json<Vec<TitleDue>>> {
    Ok(Json(titles::candidates(&st.db, &actor).await?))
}

/// Record a re-inspection (复查): `pass` keeps the title (the indicators must pass on the day),
/// `fail` revokes it with the findings as the public reason.
#[utoipa::path(post, path = "/api/v1/certification/certificates/{number}/inspections", tag = "certification",
    params(("number" = String, Path)), request_body = InspectionInput,
    responses((status = 201, body = InspectionView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn certificates_inspect(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(number): ApiPath<String>,
    ApiJson(input): ApiJson<InspectionInput>,
) -> ApiResult<(StatusCode, Json<InspectionView>)> {
    let v = titles::inspect(&st.db, &st.registry_cache, &actor, &number, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// A community's certification history: applications, titles, re-inspections.
#[utoipa::path(get, path = "/api/v1/certification/communities/{code}/history", tag = "certification",
    params(("code" = String, Path)),
    responses((status = 200, body = CommunityHistory), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn community_history(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(code): ApiPath<String>,
) -> ApiResult<Json<CommunityHistory>> {
    Ok(Json(titles::history(&st.db, &actor, &code).await?))
}

/// A community's certification file: its history, today's indicators against the 充分就业社区
/// standard in force and the same indicators at each of the last twelve month ends (what the
/// page /certification/communities/{code} shows). 422 for a malformed code or one not of a
/// community (field `community`), 403 outside the caller's area.
#[utoipa::path(get, path = "/api/v1/certification/communities/{code}/file", tag = "certification",
    params(("code" = String, Path)),
    responses((status = 200, body = CommunityFile), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn community_file(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(code): ApiPath<String>,
) -> ApiResult<Json<CommunityFile>> {
    Ok(Json(titles::community_file(&st.db, &actor, &code).await?))
}

/// The round's files inside the caller's area as an Excel workbook (audited).
#[utoipa::path(get, path = "/api/v1/certification/rounds/{id}/export", tag = "certification", params(("id" = i64, Path)),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn rounds_export(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    let bytes = rounds::export(&st.db, &actor, id).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"round-{id}.xlsx\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}
