//! Promotion rounds (二级 → 一级) for HR managers: open a round for an area (candidates found by
//! the rules), nominate, score, decide with a reason, publish for 公示, answer objections,
//! close with an effective date; letters (PDF) and the list (Excel). The public 公示 list and
//! its objections sit under `/api/v1/public/promotion-notices`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::download::{PDF, XLSX, attachment};
use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ClientIp, PublicDb, RequireActor};
use app::backend::AppState;
use app::backend::service::promotions::{self, letters, notices};
use app::model::ErrorBody;
use app::model::certification::{ObjectionInput, ObjectionReceipt};
use app::model::promotion::{
    CloseInput, DecisionInput, FindingInput, NominationInput, PromotionNotice, PublishInput,
    RoundInput, RoundItem, RoundView, ScoreInput,
};

/// The rounds of the caller's area, newest first.
#[utoipa::path(get, path = "/api/v1/promotion-rounds", tag = "promotions",
    responses((status = 200, body = Vec<RoundItem>), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
) -> ApiResult<Json<Vec<RoundItem>>> {
    Ok(Json(promotions::list(&st.db, &actor).await?))
}

/// Opens a round for an area; every 二级 coordinator there who meets all promotion rules but
/// the assessment becomes a candidate.
#[utoipa::path(post, path = "/api/v1/promotion-rounds", tag = "promotions", request_body = RoundInput,
    responses((status = 201, body = RoundView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn open(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(input): ApiJson<RoundInput>,
) -> ApiResult<(StatusCode, Json<RoundView>)> {
    let v = promotions::open(&st.db, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// One round: candidates with the evidence (rules checked, from which records), scores,
/// decisions and reasons; objections.
#[utoipa::path(get, path = "/api/v1/promotion-rounds/{id}", tag = "promotions", params(("id" = i64, Path)),
    responses((status = 200, body = RoundView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(promotions::get(&st.db, &actor, id).await?))
}

/// Nominates a 二级 coordinator of the round's area whom the rules did not find.
#[utoipa::path(post, path = "/api/v1/promotion-rounds/{id}/candidates", tag = "promotions", params(("id" = i64, Path)), request_body = NominationInput,
    responses((status = 201, body = RoundView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn nominate(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<NominationInput>,
) -> ApiResult<(StatusCode, Json<RoundView>)> {
    let v = promotions::nominate(&st.db, &actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// Enters a candidate's assessment score (0–100).
#[utoipa::path(post, path = "/api/v1/promotion-rounds/{id}/candidates/{candidate}/score", tag = "promotions",
    params(("id" = i64, Path), ("candidate" = i64, Path)), request_body = ScoreInput,
    responses((status = 200, body = RoundView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn score(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath((id, candidate)): ApiPath<(i64, i64)>,
    ApiJson(input): ApiJson<ScoreInput>,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(
        promotions::score(&st.db, &actor, id, candidate, &input).await?,
    ))
}

/// Decides on a candidate: approval is refused (422, each unmet rule named) unless every rule
/// is met; a rejection needs a reason.
#[utoipa::path(post, path = "/api/v1/promotion-rounds/{id}/candidates/{candidate}/decision", tag = "promotions",
    params(("id" = i64, Path), ("candidate" = i64, Path)), request_body = DecisionInput,
    responses((status = 200, body = RoundView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath((id, candidate)): ApiPath<(i64, i64)>,
    ApiJson(input): ApiJson<DecisionInput>,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(
        promotions::decide(&st.db, &actor, id, candidate, &input).await?,
    ))
}

/// Publishes those approved for 公示 (default 5 working days).
#[utoipa::path(post, path = "/api/v1/promotion-rounds/{id}/publish", tag = "promotions", params(("id" = i64, Path)), request_body = PublishInput,
    responses((status = 200, body = RoundView), (status = 403, body = ErrorBody), (status = 409, description = "undecided candidates, or not open", body = ErrorBody)))]
pub async fn publish(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<PublishInput>,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(promotions::publish(&st.db, &actor, id, &input).await?))
}

/// Records the finding on an objection (substantiated rejects the candidate).
#[utoipa::path(post, path = "/api/v1/promotion-rounds/{id}/objections/{objection}", tag = "promotions",
    params(("id" = i64, Path), ("objection" = i64, Path)), request_body = FindingInput,
    responses((status = 200, body = RoundView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, description = "the finding is missing, too short or too long", body = ErrorBody)))]
pub async fn investigate(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath((id, objection)): ApiPath<(i64, i64)>,
    ApiJson(input): ApiJson<FindingInput>,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(
        notices::investigate(&st.db, &actor, id, objection, &input).await?,
    ))
}

/// Closes the round after 公示: the approved hold 一级 (and its pay coefficient) from the
/// effective date.
#[utoipa::path(post, path = "/api/v1/promotion-rounds/{id}/close", tag = "promotions", params(("id" = i64, Path)), request_body = CloseInput,
    responses((status = 200, body = RoundView), (status = 403, body = ErrorBody),
        (status = 409, description = "公示 still running, or an objection unanswered", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn close(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<CloseInput>,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(promotions::close(&st.db, &actor, id, &input).await?))
}

/// The promotion letters of a closed round, one A4 page per coordinator promoted.
#[utoipa::path(get, path = "/api/v1/promotion-rounds/{id}/letters.pdf", tag = "promotions", params(("id" = i64, Path)),
    responses((status = 200, description = "application/pdf", content_type = "application/pdf", body = Vec<u8>),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 503, description = "no CJK font", body = ErrorBody)))]
pub async fn letters_pdf(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    let bytes = letters::letters(&st.db, &actor, id).await?;
    Ok(attachment(
        PDF,
        &format!("promotion-{id}-letters.pdf"),
        bytes,
    ))
}

/// The round's list with every decision, its reason and the rules unmet, as Excel.
#[utoipa::path(get, path = "/api/v1/promotion-rounds/{id}/list.xlsx", tag = "promotions", params(("id" = i64, Path)),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = 403, body = ErrorBody)))]
pub async fn list_xlsx(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    let bytes = letters::list_xlsx(&st.db, &actor, id).await?;
    Ok(attachment(XLSX, &format!("promotion-{id}.xlsx"), bytes))
}

/// The promotion rounds under 公示 today, with those to be promoted.
#[utoipa::path(get, path = "/api/v1/public/promotion-notices", tag = "public",
    responses((status = 200, body = Vec<PromotionNotice>)))]
pub async fn public_notices(PublicDb(db): PublicDb) -> ApiResult<Json<Vec<PromotionNotice>>> {
    Ok(Json(notices::notices(&db).await?))
}

/// Object to a candidate under 公示 (name optional; a phone number or e-mail to answer to).
/// At most three objections an hour and ten a day from one address.
#[utoipa::path(post, path = "/api/v1/public/promotion-notices/{id}/candidates/{candidate}/objections", tag = "public",
    params(("id" = i64, Path), ("candidate" = i64, Path)), request_body = ObjectionInput,
    responses((status = 201, body = ObjectionReceipt), (status = 404, body = ErrorBody),
        (status = 409, description = "not under notice today", body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn public_object(
    State(st): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiPath((id, candidate)): ApiPath<(i64, i64)>,
    ApiJson(input): ApiJson<ObjectionInput>,
) -> ApiResult<(StatusCode, Json<ObjectionReceipt>)> {
    let receipt = notices::file(&st.db, ip.as_deref(), id, candidate, &input).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}
