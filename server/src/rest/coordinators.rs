//! 劳动保障协理员: the registry in the caller's area, one coordinator with the grade rules
//! explained, the records HR managers keep (training, exams, ratings, entry to 二级), and the
//! signed-in coordinator's own view.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery, RequireActor};
use app::backend::AppState;
use app::backend::service::coordinators::{self, ratings_import, records};
use app::model::coordinator::{
    CoordinatorInput, CoordinatorQuery, CoordinatorRow, CoordinatorView, EntryInput, ExamInput,
    ImportSummary, LeaveInput, RatingInput, TrainingInput,
};
use app::model::{AppError, ErrorBody, Page};

/// The coordinators of the caller's area (narrowed by `area`), ID numbers masked.
#[utoipa::path(get, path = "/api/v1/coordinators", tag = "coordinators", params(CoordinatorQuery),
    responses((status = 200, body = Page<CoordinatorRow>), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<CoordinatorQuery>,
) -> ApiResult<Json<Page<CoordinatorRow>>> {
    Ok(Json(coordinators::list(&st.db, &actor, &q).await?))
}

/// Registers a coordinator (HR managers of the area).
#[utoipa::path(post, path = "/api/v1/coordinators", tag = "coordinators", request_body = CoordinatorInput,
    responses((status = 201, body = CoordinatorView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(input): ApiJson<CoordinatorInput>,
) -> ApiResult<(StatusCode, Json<CoordinatorView>)> {
    let v = coordinators::create(&st.db, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// The signed-in coordinator's own record: grade, what promotion still needs, training
/// hours, ratings.
#[utoipa::path(get, path = "/api/v1/coordinators/me", tag = "coordinators",
    responses((status = 200, body = CoordinatorView), (status = 404, description = "no record linked to this account", body = ErrorBody)))]
pub async fn me(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
) -> ApiResult<Json<CoordinatorView>> {
    Ok(Json(coordinators::mine(&st.db, &actor).await?))
}

/// One coordinator with the grade rules checked rule by rule, from which records.
#[utoipa::path(get, path = "/api/v1/coordinators/{id}", tag = "coordinators", params(("id" = i64, Path)),
    responses((status = 200, body = CoordinatorView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<CoordinatorView>> {
    Ok(Json(coordinators::get(&st.db, &actor, id).await?))
}

/// Edits a coordinator's record (with the version seen).
#[utoipa::path(put, path = "/api/v1/coordinators/{id}", tag = "coordinators", params(("id" = i64, Path)), request_body = CoordinatorInput,
    responses((status = 200, body = CoordinatorView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<CoordinatorInput>,
) -> ApiResult<Json<CoordinatorView>> {
    Ok(Json(
        coordinators::update(&st.db, &actor, id, &input).await?,
    ))
}

/// Records that the coordinator left: the last day of work and why, on the version seen. The
/// coordinator leaves the lists and the promotion rounds; the record stays readable.
#[utoipa::path(post, path = "/api/v1/coordinators/{id}/leave", tag = "coordinators", params(("id" = i64, Path)), request_body = LeaveInput,
    responses(
        (status = 200, body = CoordinatorView),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "left already, or the record changed since it was read", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn leave(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<LeaveInput>,
) -> ApiResult<Json<CoordinatorView>> {
    Ok(Json(coordinators::leave(&st.db, &actor, id, &input).await?))
}

/// Records a finished training course.
#[utoipa::path(post, path = "/api/v1/coordinators/{id}/training", tag = "coordinators", params(("id" = i64, Path)), request_body = TrainingInput,
    responses((status = 201, body = CoordinatorView), (status = 403, body = ErrorBody), (status = 409, description = "the coordinator has left", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_training(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<TrainingInput>,
) -> ApiResult<(StatusCode, Json<CoordinatorView>)> {
    let v = records::add_training(&st.db, &actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// Records a qualification exam (theory and practical).
#[utoipa::path(post, path = "/api/v1/coordinators/{id}/exams", tag = "coordinators", params(("id" = i64, Path)), request_body = ExamInput,
    responses((status = 201, body = CoordinatorView), (status = 403, body = ErrorBody), (status = 409, description = "the coordinator has left", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_exam(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ExamInput>,
) -> ApiResult<(StatusCode, Json<CoordinatorView>)> {
    let v = records::add_exam(&st.db, &actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// Records an annual rating: 不合格 demotes a 一级 to 二级 from today and flags a 二级 for
/// non-renewal. A year already rated is 409.
#[utoipa::path(post, path = "/api/v1/coordinators/{id}/ratings", tag = "coordinators", params(("id" = i64, Path)), request_body = RatingInput,
    responses((status = 201, body = CoordinatorView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn rate(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<RatingInput>,
) -> ApiResult<(StatusCode, Json<CoordinatorView>)> {
    let v = records::rate(&st.db, &actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// Appoints an ungraded coordinator to 二级 when every entry rule is met (422 names each
/// unmet rule).
#[utoipa::path(post, path = "/api/v1/coordinators/{id}/entry", tag = "coordinators", params(("id" = i64, Path)), request_body = EntryInput,
    responses((status = 201, body = CoordinatorView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn enter_second(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<EntryInput>,
) -> ApiResult<(StatusCode, Json<CoordinatorView>)> {
    let v = records::enter_second(&st.db, &actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// Annual ratings in bulk: the request body is an Excel workbook (xlsx) whose first sheet has
/// the columns 身份证号, 姓名, 年度, 考核结果. Any bad row and nothing is written: 422 lists every
/// bad row as `row.<n>.<field>`.
#[utoipa::path(post, path = "/api/v1/coordinators/ratings/import", tag = "coordinators",
    request_body(content = Vec<u8>, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    responses((status = 200, body = ImportSummary), (status = 403, body = ErrorBody),
        (status = 409, description = "a year already rated meanwhile", body = ErrorBody),
        (status = 413, description = "larger than 5 MB", body = ErrorBody),
        (status = 422, description = "the bad rows, each named", body = ErrorBody)))]
pub async fn import_ratings(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    body: axum::body::Body,
) -> ApiResult<Json<ImportSummary>> {
    ratings_import::may_import(&actor)?;
    let body = axum::body::to_bytes(body, crate::uploads::MAX_UPLOAD)
        .await
        .map_err(|_| AppError::TooLarge)?;
    Ok(Json(ratings_import::import(&st.db, &actor, &body).await?))
}
