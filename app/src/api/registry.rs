use leptos::prelude::*;

use crate::model::{AppError, CertificateView, CommunityDetail, CommunityItem, Page, SearchParams};

#[server(endpoint = "registry/search")]
pub async fn search_communities(params: SearchParams) -> Result<Page<CommunityItem>, AppError> {
    let st = super::context::state()?;
    let db = super::context::public_db().await?;
    crate::backend::service::registry::search(&db, &st.registry_cache, &st.areas, &params).await
}

#[server(endpoint = "registry/community")]
pub async fn get_community(code: String) -> Result<CommunityDetail, AppError> {
    let db = super::context::public_db().await?;
    crate::backend::service::registry::community(&db, &code).await
}

#[server(endpoint = "registry/verify")]
pub async fn verify_certificate(number: String) -> Result<CertificateView, AppError> {
    let db = super::context::public_db().await?;
    crate::backend::service::registry::certificate(&db, &number).await
}
