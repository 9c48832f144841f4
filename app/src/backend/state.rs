//! What every request handler and server function shares.

use sea_orm::DatabaseConnection;

use super::{AreaCache, DashboardCache, RegistryCache, SiteAssets};

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: leptos::config::LeptosOptions,
    /// Recent registry search answers and anonymous public pages.
    pub registry_cache: RegistryCache,
    /// The area tree's names and children as the public pages read them.
    pub areas: AreaCache,
    /// Dashboard answers kept between two refreshes of the roll-ups.
    pub dashboards: DashboardCache,
    /// The content-hashed names of the browser bundle (`pkg/assets.json`).
    pub assets: SiteAssets,
    /// `PUBLIC_URL`: the site's public address for QR codes; `None`, the request's host.
    pub public_url: Option<String>,
}

impl axum::extract::FromRef<AppState> for leptos::config::LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
