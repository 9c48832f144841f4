//! The public registry: search and certificate verification, no sign-in.

use axum::Json;
use axum::extract::State;

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery, ClientIp, PublicDb};
use app::backend::AppState;
use app::backend::service::certification::objections;
use app::backend::service::registry;
use app::model::{CertificateView, CommunityItem, ErrorBody, Page, SearchParams};

/// Search certified communities by name, area and tier, newest first. The total of a search
/// without a name is exact (kept per area and tier); one with a name counts up to 1,000
/// matches, and past that says `capped`.
#[utoipa::path(get, path = "/api/v1/public/communities", tag = "public",
    params(SearchParams),
    responses(
        (status = 200, body = Page<CommunityItem>),
        (status = 422, description = "bad parameters, per field", body = ErrorBody)))]
pub async fn communities(
    State(st): State<AppState>,
    PublicDb(db): PublicDb,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> ApiResult<Json<Page<CommunityItem>>> {
    Ok(Json(
        registry::search(&db, &st.registry_cache, &st.areas, &params).await?,
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
    PublicDb(db): PublicDb,
    ApiPath(number): ApiPath<String>,
) -> ApiResult<Json<CertificateView>> {
    Ok(Json(registry::certificate(&db, &number).await?))
}

/// Check a 就业援助卡 by its number: valid or not, never the holder.
#[utoipa::path(get, path = "/api/v1/public/cards/{number}", tag = "public",
    params(("number" = String, Path, description = "卡号, e.g. JY440305-2026-000123")),
    responses(
        (status = 200, body = app::model::assistance::CardCheck),
        (status = 404, description = "no such card", body = ErrorBody),
        (status = 422, description = "malformed number", body = ErrorBody)))]
pub async fn card(
    PublicDb(db): PublicDb,
    ApiPath(number): ApiPath<String>,
) -> ApiResult<Json<app::model::assistance::CardCheck>> {
    Ok(Json(
        app::backend::service::assistance::cards::check(&db, &number).await?,
    ))
}

/// The communities under 公示 today (provincial and national), with the notice period.
#[utoipa::path(get, path = "/api/v1/public/notices", tag = "public",
    responses((status = 200, body = Vec<app::model::certification::PublicNotice>)))]
pub async fn notices(
    PublicDb(db): PublicDb,
) -> ApiResult<Json<Vec<app::model::certification::PublicNotice>>> {
    Ok(Json(
        objections::notices(&db, app::backend::clock::today()).await?,
    ))
}

/// Object to a community under 公示 (name optional; a phone number or e-mail to answer to).
/// At most three objections an hour and ten a day from one address.
#[utoipa::path(post, path = "/api/v1/public/notices/{id}/objections", tag = "public",
    params(("id" = i64, Path, description = "the application under notice")),
    request_body = app::model::certification::ObjectionInput,
    responses(
        (status = 201, body = app::model::certification::ObjectionReceipt),
        (status = 404, body = ErrorBody),
        (status = 409, description = "not under notice today", body = ErrorBody),
        (status = 422, body = ErrorBody),
        (status = 429, description = "too many objections from this address", body = ErrorBody)))]
pub async fn object(
    State(st): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<app::model::certification::ObjectionInput>,
) -> ApiResult<(
    axum::http::StatusCode,
    Json<app::model::certification::ObjectionReceipt>,
)> {
    let receipt = objections::file(&st.db, ip.as_deref(), id, &input).await?;
    Ok((axum::http::StatusCode::CREATED, Json(receipt)))
}

/// A certificate as a printable A4 PDF with the QR code to its public verification page
/// (a revoked title says so across it).
#[utoipa::path(get, path = "/api/v1/public/certificates/{number}/pdf", tag = "public",
    params(("number" = String, Path)),
    responses(
        (status = 200, description = "application/pdf", content_type = "application/pdf", body = Vec<u8>),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
        (status = 503, description = "no CJK font on the server", body = ErrorBody)))]
pub async fn certificate_pdf(
    State(st): State<AppState>,
    PublicDb(db): PublicDb,
    ApiPath(number): ApiPath<String>,
    headers: axum::http::HeaderMap,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let c = registry::certificate(&db, &number).await?;
    let url = format!(
        "{}/verify/{}",
        super::assistance::public_base(&st, &headers),
        c.certificate_no
    );
    let locale = app::i18n::Locale::from_headers(
        headers
            .get(axum::http::header::COOKIE)
            .and_then(|v| v.to_str().ok()),
    );
    let number = c.certificate_no.clone();
    // Kept like the public pages (a revocation drops it), so that the printable certificate is
    // not drawn again for every visitor.
    let key = format!("pdf|{}|{}|{url}", locale.code(), c.status.as_str());
    let bytes = match st.registry_cache.page(&key).await {
        Some(page) => page.body.to_vec(),
        None => {
            let bytes = app::backend::pdf::rendered(move || {
                app::backend::certificate_pdf::render(&c, &url, locale)
            })
            .await?;
            st.registry_cache
                .put_page(
                    key,
                    app::backend::registry_cache::PublicPage {
                        content_type: "application/pdf".into(),
                        content_security_policy: None,
                        body: bytes.clone().into(),
                    },
                )
                .await;
            bytes
        }
    };
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
            (axum::http::header::CACHE_CONTROL, "no-cache".to_string()),
        ],
        bytes,
    )
        .into_response())
}
