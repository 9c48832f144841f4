//! Assistance targets (就业援助对象): registration, the review chain, exits, review queues.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, RequireActor};
use app::backend::AppState;
use app::backend::service::assistance::targets;
use app::model::ErrorBody;
use app::model::assistance::{DecisionInput, ExitInput, TargetInput, TargetItem, TargetView};

/// Register a ledger person as an assistance target (登记); the community review starts.
#[utoipa::path(post, path = "/api/v1/targets", tag = "assistance", request_body = TargetInput,
    responses(
        (status = 201, body = TargetView),
        (status = 403, body = ErrorBody),
        (status = 409, description = "the person already has an open file", body = ErrorBody),
        (status = 422, description = "unknown category, none supported, or a category the ledger does not support without `category_reason`", body = ErrorBody)))]
pub async fn apply(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(input): ApiJson<TargetInput>,
) -> ApiResult<(StatusCode, Json<TargetView>)> {
    let view = targets::apply(&st.db, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The files waiting for the caller's own review step, the most urgent first.
#[utoipa::path(get, path = "/api/v1/targets/queue", tag = "assistance",
    responses((status = 200, body = Vec<TargetItem>), (status = 403, body = ErrorBody)))]
pub async fn queue(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
) -> ApiResult<Json<Vec<TargetItem>>> {
    Ok(Json(targets::queue(&st.db, &actor).await?))
}

/// A file with its events and the current step's deadline.
#[utoipa::path(get, path = "/api/v1/targets/{id}", tag = "assistance", params(("id" = i64, Path)),
    responses((status = 200, body = TargetView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<TargetView>> {
    Ok(Json(targets::get(&st.db, &actor, id).await?))
}

/// Approve the file at its step, or send it back with a reason (the step's own role only).
#[utoipa::path(post, path = "/api/v1/targets/{id}/decisions", tag = "assistance",
    params(("id" = i64, Path)), request_body = DecisionInput,
    responses(
        (status = 200, body = TargetView),
        (status = 403, description = "not this step's role or area", body = ErrorBody),
        (status = 409, description = "stale version, file not in review, or the community approving during its 初审公示 (`target.notice_open`)", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn decide(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<DecisionInput>,
) -> ApiResult<Json<TargetView>> {
    Ok(Json(targets::decide(&st.db, &actor, id, &input).await?))
}

/// Record the exit (退出) of a confirmed target.
#[utoipa::path(post, path = "/api/v1/targets/{id}/exit", tag = "assistance",
    params(("id" = i64, Path)), request_body = ExitInput,
    responses((status = 200, body = TargetView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn exit(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ExitInput>,
) -> ApiResult<Json<TargetView>> {
    Ok(Json(targets::exit(&st.db, &actor, id, &input).await?))
}

/// The files of one person, newest first.
#[utoipa::path(get, path = "/api/v1/people/{id}/targets", tag = "assistance", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<TargetItem>), (status = 403, body = ErrorBody)))]
pub async fn of_person(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<TargetItem>>> {
    Ok(Json(targets::of_person(&st.db, &actor, id).await?))
}

/// This site's public address for the QR code: `PUBLIC_URL`, else the request's host.
pub(super) fn public_base(st: &AppState, headers: &axum::http::HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|v| v.to_str().ok());
    app::domain::text::public_base(st.public_url.as_deref(), host)
}

/// A person's latest 就业援助卡 as printed, with the QR code (SVG) to the public check (audited).
#[utoipa::path(get, path = "/api/v1/people/{id}/card", tag = "assistance", params(("id" = i64, Path)),
    responses((status = 200, body = app::model::assistance::CardView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn card(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    headers: axum::http::HeaderMap,
) -> ApiResult<Json<app::model::assistance::CardView>> {
    let base = public_base(&st, &headers);
    Ok(Json(
        app::backend::service::assistance::cards::for_person(&st.db, &actor, id, &base).await?,
    ))
}

/// The same card as a PDF at business-card size (90 × 54 mm) with the QR code (audited).
#[utoipa::path(get, path = "/api/v1/people/{id}/card/pdf", tag = "assistance", params(("id" = i64, Path)),
    responses((status = 200, description = "application/pdf", content_type = "application/pdf", body = Vec<u8>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 503, description = "no CJK font on the server", body = ErrorBody)))]
pub async fn card_pdf(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    headers: axum::http::HeaderMap,
) -> ApiResult<axum::response::Response> {
    let base = public_base(&st, &headers);
    let card =
        app::backend::service::assistance::cards::for_person(&st.db, &actor, id, &base).await?;
    let locale = app::i18n::Locale::from_headers(
        headers
            .get(axum::http::header::COOKIE)
            .and_then(|v| v.to_str().ok()),
    );
    let (number, bytes) = app::backend::pdf::rendered(move || {
        app::backend::card_pdf::render(&card, locale).map(|bytes| (card.number, bytes))
    })
    .await?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/pdf".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{number}.pdf\""),
            ),
            (
                axum::http::header::CACHE_CONTROL,
                "private, no-store".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A target's 「一人一策」 plan with its service records.
#[utoipa::path(get, path = "/api/v1/targets/{id}/plan", tag = "assistance", params(("id" = i64, Path)),
    responses((status = 200, body = app::model::assistance::PlanView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn plan(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<app::model::assistance::PlanView>> {
    Ok(Json(
        app::backend::service::assistance::plans::get(&st.db, &actor, id).await?,
    ))
}

/// Plan services for a confirmed target, each due by its standard (working days).
#[utoipa::path(post, path = "/api/v1/targets/{id}/plan", tag = "assistance", params(("id" = i64, Path)),
    request_body = app::model::assistance::PlanInput,
    responses((status = 200, body = app::model::assistance::PlanView), (status = 403, body = ErrorBody), (status = 409, description = "file not confirmed", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn make_plan(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<app::model::assistance::PlanInput>,
) -> ApiResult<Json<app::model::assistance::PlanView>> {
    Ok(Json(
        app::backend::service::assistance::plans::make(&st.db, &actor, id, &input).await?,
    ))
}

/// Record a service contact (date, result, employer of a referral).
#[utoipa::path(post, path = "/api/v1/targets/{id}/records", tag = "assistance", params(("id" = i64, Path)),
    request_body = app::model::assistance::RecordInput,
    responses((status = 201, body = app::model::assistance::PlanView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_record(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<app::model::assistance::RecordInput>,
) -> ApiResult<(StatusCode, Json<app::model::assistance::PlanView>)> {
    let view = app::backend::service::assistance::plans::record(&st.db, &actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(view)))
}
