//! The working-day calendar the deadlines are counted on.

use axum::Json;
use axum::extract::State;

use super::error::ApiResult;
use super::extract::RequireActor;
use app::backend::AppState;
use app::backend::service::calendar;
use app::model::ErrorBody;
use app::model::calendar::CalendarStatus;

/// The working-day calendar: the basis each year around today follows (the State Council's
/// arrangement, the statutory holidays, or weekends only) and the arrangement to load now.
#[utoipa::path(get, path = "/api/v1/calendar", tag = "calendar",
    responses(
        (status = 200, body = CalendarStatus),
        (status = 401, body = ErrorBody)))]
pub async fn status(
    State(st): State<AppState>,
    RequireActor(_actor): RequireActor,
) -> ApiResult<Json<CalendarStatus>> {
    Ok(Json(calendar::status(&st.db).await?))
}
