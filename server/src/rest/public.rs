//! The public registry: search and certificate verification, no sign-in.

use axum::Json;
use axum::extract::State;

use super::error::ApiResult;
use super::extract::{ApiPath, ApiQuery};
use app::backend::AppState;
use app::backend::service::registry;
use app::model::{CertificateView, CommunityItem, ErrorBody, Page, SearchParams};

/// Search certified communities by name, area and tier.
#[utoipa::path(get, path = "/api/v1/public/communities", tag = "public",
    params(SearchParams),
    responses(
        (status = 200, body = Page<CommunityItem>),
        (status = 422, description = "bad parameters, per field", body = ErrorBody)))]
pub async fn communities(
    State(st): State<AppState>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> ApiResult<Json<Page<CommunityItem>>> {
    Ok(Json(
        registry::search(&st.db, &st.registry_cache, &params).await?,
    ))
}

/// Verify a certificate by its number.
#[utoipa::path(get, path = "/api/v1/public/certificates/{number}", tag = "public",
    params(("number" = String, Path, description = "证书编号, e.g. XJ-2023-440305-0001")),
    responses(
        (status = 200, body = CertificateView),
        (status = 404, description = "no such certificate", body = ErrorBody),
        (status = 422, description = "malformed number", body = ErrorBody)))]
pub async fn certificate(
    State(st): State<AppState>,
    ApiPath(number): ApiPath<String>,
) -> ApiResult<Json<CertificateView>> {
    Ok(Json(registry::certificate(&st.db, &number).await?))
}

/// Check a 就业援助卡 by its number: valid or not, never the holder.
#[utoipa::path(get, path = "/api/v1/public/cards/{number}", tag = "public",
    params(("number" = String, Path, description = "卡号, e.g. JY440305-2026-000123")),
    responses(
        (status = 200, body = app::model::assistance::CardCheck),
        (status = 404, description = "no such card", body = ErrorBody),
        (status = 422, description = "malformed number", body = ErrorBody)))]
pub async fn card(
    State(st): State<AppState>,
    ApiPath(number): ApiPath<String>,
) -> ApiResult<Json<app::model::assistance::CardCheck>> {
    Ok(Json(
        app::backend::service::cards::check(&st.db, &number).await?,
    ))
}
