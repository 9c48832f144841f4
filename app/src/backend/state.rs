//! What every request handler and server function shares.

use sea_orm::DatabaseConnection;

use super::{AreaCache, DashboardCache, RegistryCache, SiteAssets};
use crate::model::AppError;

#[derive(Clone, Debug)]
pub struct AppState {
    /// The primary: every write, and every read of what a user may just have written.
    pub db: DatabaseConnection,
    /// `READ_DATABASE_URL` (a Postgres read replica), else the primary: the public registry
    /// and its page, the public certificate, card and notice checks, and the dashboards read
    /// here. What it serves may lag the primary by the replica's delay.
    pub read_db: DatabaseConnection,
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

impl AppState {
    /// The connection a public read uses: `read_db` for an anonymous visitor, the primary for a
    /// signed-in user, who may just have written what they read (a revocation, a decision).
    pub fn public_reader(&self, signed_in: bool) -> &DatabaseConnection {
        if signed_in { &self.db } else { &self.read_db }
    }

    /// The connection the dashboards read: `read_db` once it holds kept figures; before that
    /// (a new database or replica) the primary, whose first read counts them (a write the
    /// replica would refuse). Errors: the database's.
    pub async fn dashboard_db(&self) -> Result<&DatabaseConnection, AppError> {
        Ok(
            match crate::backend::service::performance::rollup::kept_state(&self.read_db).await? {
                Some(_) => &self.read_db,
                None => &self.db,
            },
        )
    }
}

impl axum::extract::FromRef<AppState> for leptos::config::LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
