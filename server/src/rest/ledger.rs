//! The household ledger (台账): households, their members, visits and saved versions.
//! Every call is scoped to the caller's area by the service.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery, RequireActor};
use app::backend::AppState;
use app::backend::service::{ledger::history, ledger::households, ledger::people};
use app::model::ledger::{
    HouseholdDetail, HouseholdInput, HouseholdItem, HouseholdQuery, IdNumberFound, IdNumberLookup,
    PersonInput, PersonView, RecordSnapshot, VisitInput,
};
use app::model::{ErrorBody, Page};

/// Households inside the caller's scope, newest first.
#[utoipa::path(get, path = "/api/v1/households", tag = "ledger", params(HouseholdQuery),
    responses(
        (status = 200, body = Page<HouseholdItem>),
        (status = 401, body = ErrorBody),
        (status = 403, description = "role without ledger access, or area outside the scope", body = ErrorBody),
        (status = 422, description = "bad filter, per field", body = ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<HouseholdQuery>,
) -> ApiResult<Json<Page<HouseholdItem>>> {
    Ok(Json(households::list(&st.db, &actor, &q).await?))
}

/// The same search with its filters in a JSON body: for a 身份证号, which then stays out of
/// URLs, proxies' logs and browsers' history.
#[utoipa::path(post, path = "/api/v1/households/search", tag = "ledger", request_body = HouseholdQuery,
    responses(
        (status = 200, body = Page<HouseholdItem>),
        (status = 401, body = ErrorBody),
        (status = 403, description = "role without ledger access, or area outside the scope", body = ErrorBody),
        (status = 422, description = "bad filter, per field (an ID-shaped `q` that is not a valid number)", body = ErrorBody)))]
pub async fn search(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(q): ApiJson<HouseholdQuery>,
) -> ApiResult<Json<Page<HouseholdItem>>> {
    Ok(Json(households::list(&st.db, &actor, &q).await?))
}

/// The person with this 身份证号 inside the caller's scope, and their household (exact, through
/// the blind index). Unknown and out-of-scope numbers get the same 422 on `id_number`.
#[utoipa::path(post, path = "/api/v1/people/find", tag = "ledger", request_body = IdNumberLookup,
    responses(
        (status = 200, body = IdNumberFound),
        (status = 401, body = ErrorBody),
        (status = 403, description = "role without ledger access", body = ErrorBody),
        (status = 422, description = "malformed number, or no one in scope has it", body = ErrorBody)))]
pub async fn find_person(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(input): ApiJson<IdNumberLookup>,
) -> ApiResult<Json<IdNumberFound>> {
    Ok(Json(
        households::find_by_id_number(&st.db, &actor, &input).await?,
    ))
}

/// Record a surveyed household (入户摸底).
#[utoipa::path(post, path = "/api/v1/households", tag = "ledger", request_body = HouseholdInput,
    responses(
        (status = 201, body = HouseholdDetail),
        (status = 403, body = ErrorBody),
        (status = 422, description = "bad fields", body = ErrorBody)))]
pub async fn create(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiJson(input): ApiJson<HouseholdInput>,
) -> ApiResult<(StatusCode, Json<HouseholdDetail>)> {
    let created = households::create(&st.db, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// A household with its members (numbers masked), visits and history.
#[utoipa::path(get, path = "/api/v1/households/{id}", tag = "ledger",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = HouseholdDetail),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn get(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<HouseholdDetail>> {
    Ok(Json(households::get(&st.db, &actor, id).await?))
}

/// Update a household; `version` must be the version last read (409 if someone saved since).
#[utoipa::path(put, path = "/api/v1/households/{id}", tag = "ledger",
    params(("id" = i64, Path)), request_body = HouseholdInput,
    responses(
        (status = 200, body = HouseholdDetail),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "changed by someone else since it was read", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<HouseholdInput>,
) -> ApiResult<Json<HouseholdDetail>> {
    Ok(Json(households::update(&st.db, &actor, id, &input).await?))
}

/// Add a member to a household. A 身份证号 already in the ledger is refused (409).
#[utoipa::path(post, path = "/api/v1/households/{id}/members", tag = "ledger",
    params(("id" = i64, Path)), request_body = PersonInput,
    responses(
        (status = 201, body = HouseholdDetail),
        (status = 403, body = ErrorBody),
        (status = 409, description = "the ID number is already in the ledger", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add_member(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<PersonInput>,
) -> ApiResult<(StatusCode, Json<HouseholdDetail>)> {
    let detail = people::add(&st.db, &actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// Record a visit (入户走访); the next re-check date moves with it.
#[utoipa::path(post, path = "/api/v1/households/{id}/visits", tag = "ledger",
    params(("id" = i64, Path)), request_body = VisitInput,
    responses(
        (status = 201, body = HouseholdDetail),
        (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add_visit(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<VisitInput>,
) -> ApiResult<(StatusCode, Json<HouseholdDetail>)> {
    let detail = households::record_visit(&st.db, &actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// A saved version of a household.
#[utoipa::path(get, path = "/api/v1/households/{id}/versions/{version}", tag = "ledger",
    params(("id" = i64, Path), ("version" = i32, Path)),
    responses((status = 200, body = RecordSnapshot), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn household_version(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath((id, version)): ApiPath<(i64, i32)>,
) -> ApiResult<Json<RecordSnapshot>> {
    households::load(&st.db, &actor, id, false).await?;
    Ok(Json(
        history::get(&st.db, households::ENTITY, id, version).await?,
    ))
}

/// A person's full record, unmasked, for the roles that work the ledger here (audited).
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "ledger",
    params(("id" = i64, Path)),
    responses((status = 200, body = PersonView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn person(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<PersonView>> {
    Ok(Json(people::get_full(&st.db, &actor, id).await?))
}

/// Update a person; `version` must be the version last read (409 if someone saved since).
#[utoipa::path(put, path = "/api/v1/people/{id}", tag = "ledger",
    params(("id" = i64, Path)), request_body = PersonInput,
    responses(
        (status = 200, body = PersonView),
        (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update_person(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<PersonInput>,
) -> ApiResult<Json<PersonView>> {
    Ok(Json(people::update(&st.db, &actor, id, &input).await?))
}

/// A saved version of a person (numbers masked).
#[utoipa::path(get, path = "/api/v1/people/{id}/versions/{version}", tag = "ledger",
    params(("id" = i64, Path), ("version" = i32, Path)),
    responses((status = 200, body = RecordSnapshot), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn person_version(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiPath((id, version)): ApiPath<(i64, i32)>,
) -> ApiResult<Json<RecordSnapshot>> {
    people::load(&st.db, &actor, id).await?;
    Ok(Json(
        history::get(&st.db, people::ENTITY, id, version).await?,
    ))
}

/// The caller's work list: households due for a visit, open 零就业家庭 cases with their
/// deadlines and counts, 登记认定 files waiting at the caller's step, overdue 「一人一策」
/// services. Without `group`, the first 5 of every group; with it, that group 20 a page. Every
/// group the most urgent first, with its counts.
#[utoipa::path(get, path = "/api/v1/work", tag = "ledger", params(app::model::work::WorkQuery),
    responses((status = 200, body = app::model::work::WorkList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn work(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<app::model::work::WorkQuery>,
) -> ApiResult<Json<app::model::work::WorkList>> {
    Ok(Json(
        app::backend::service::assistance::worklist::for_actor(&st.db, &actor, &q).await?,
    ))
}

/// 零就业家庭 by community in the caller's area this year: the count now, 基数归零 and 动态归零,
/// and the count at each month end.
#[utoipa::path(get, path = "/api/v1/zero-cases/communities", tag = "ledger",
    responses((status = 200, body = app::model::work::ZeroOverview), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn zero_overview(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
) -> ApiResult<Json<app::model::work::ZeroOverview>> {
    use app::backend::clock::today;
    use app::backend::service::{ledger::zero_cases, policies};
    let versions = policies::versions(&st.db).await?;
    Ok(Json(
        zero_cases::overview(&st.db, &actor, today(), &versions).await?,
    ))
}

/// The ledger of the caller's scope as an Excel workbook (one row per person). ID numbers and
/// phones are masked unless the role works the ledger here; every export is audited.
#[utoipa::path(get, path = "/api/v1/households/export", tag = "ledger", params(HouseholdQuery),
    responses(
        (status = 200, description = "xlsx workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, description = "bad area, or more than 50,000 people", body = ErrorBody)))]
pub async fn export(
    State(st): State<AppState>,
    RequireActor(actor): RequireActor,
    ApiQuery(q): ApiQuery<HouseholdQuery>,
) -> ApiResult<impl axum::response::IntoResponse> {
    let (bytes, _) = app::backend::service::ledger::export::ledger_xlsx(&st.db, &actor, &q).await?;
    let name = format!(
        "ledger-{}.xlsx",
        app::backend::clock::today().format("%Y-%m-%d")
    );
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (axum::http::header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    ))
}
