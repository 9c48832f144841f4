//! `GET /api/v1/areas/{code}` and `/children`: public reference data.

use axum::Json;
use axum::extract::State;

use super::error::ApiResult;
use super::extract::ApiPath;
use app::backend::AppState;
use app::backend::service::areas;
use app::model::{AreaView, ErrorBody};

/// One area by its code (2, 4, 6, 9 or 12 digits).
#[utoipa::path(get, path = "/api/v1/areas/{code}", tag = "areas",
    params(("code" = String, Path, description = "统计用区划代码")),
    responses(
        (status = 200, body = AreaView),
        (status = 400, description = "malformed code", body = ErrorBody),
        (status = 404, description = "unknown code", body = ErrorBody)))]
pub async fn get_area(
    State(st): State<AppState>,
    ApiPath(code): ApiPath<String>,
) -> ApiResult<Json<AreaView>> {
    let code = areas::parse_code(&code)?;
    Ok(Json(areas::get(&st.db, &code).await?))
}

/// The areas directly below one.
#[utoipa::path(get, path = "/api/v1/areas/{code}/children", tag = "areas",
    params(("code" = String, Path, description = "统计用区划代码")),
    responses(
        (status = 200, body = Vec<AreaView>),
        (status = 400, description = "malformed code", body = ErrorBody),
        (status = 404, description = "unknown code", body = ErrorBody)))]
pub async fn children(
    State(st): State<AppState>,
    ApiPath(code): ApiPath<String>,
) -> ApiResult<Json<Vec<AreaView>>> {
    let code = areas::parse_code(&code)?;
    areas::get(&st.db, &code).await?;
    Ok(Json(areas::children_of(&st.db, &code).await?))
}
