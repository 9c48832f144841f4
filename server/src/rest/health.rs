//! Liveness: whether the server answers and its database with it.

use axum::Json;
use axum::extract::State;
use sea_orm::ConnectionTrait;
use serde::Serialize;

use app::backend::AppState;
use app::backend::db::DbKind;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    status: &'static str,
    database: &'static str,
}

/// Liveness and the database in use.
#[utoipa::path(get, path = "/healthz", tag = "public",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn healthz(State(st): State<AppState>) -> (axum::http::StatusCode, Json<Health>) {
    let kind = DbKind::of(&st.db).as_str();
    match st.db.execute_unprepared("SELECT 1").await {
        Ok(_) => (
            axum::http::StatusCode::OK,
            Json(Health {
                status: "ok",
                database: kind,
            }),
        ),
        Err(_) => (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Json(Health {
                status: "unavailable",
                database: kind,
            }),
        ),
    }
}
