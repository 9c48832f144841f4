//! Dashboard answers kept between two refreshes of the roll-ups.
//!
//! A dashboard is built from the kept figures (`service::performance::rollup`), which move only
//! when a refresh writes them; every refresh moves the roll-up state's counter. An answer is
//! kept under its area, period, Beijing day, reader restriction and that counter, so the first
//! request after a refresh, in any server instance sharing the database, builds a new one.
//! What a dashboard shows beside the figures and no refresh follows (an area renamed, an
//! indicator system in force from today) is at most `DASHBOARD_CACHE_SECONDS` old (this
//! system's default 60). Concurrent requests for one missing answer build it once; the others
//! wait for it.

use chrono::NaiveDate;
use moka::future::Cache;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use crate::backend::kept::kept_or;
use crate::model::AppError;
use crate::model::performance::Dashboard;

/// How many distinct dashboards are kept at most (this system's default).
const CAPACITY: u64 = 5_000;

/// What a dashboard answer depends on besides the records.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DashboardKey {
    /// The 12-digit code of the area shown (`000000000000` for the whole country)
    pub area: String,
    /// The period's label (`2026`, `2026-Q3`, `2026-09`)
    pub period: String,
    /// The Beijing day the answer is read on (the periods under way end on it)
    pub day: NaiveDate,
    /// A coordinator's user name: a coordinator sees only the own row
    pub reader: Option<String>,
    /// The roll-up state's refresh counter when the answer was built
    pub refreshes: i64,
}

#[derive(Clone)]
pub struct DashboardCache {
    answers: Option<Cache<DashboardKey, Arc<Dashboard>>>,
}

impl DashboardCache {
    /// Keeps each answer for at most `ttl`; a zero `ttl` keeps nothing.
    pub fn new(ttl: Duration) -> DashboardCache {
        if ttl.is_zero() {
            return DashboardCache::disabled();
        }
        DashboardCache {
            answers: Some(
                Cache::builder()
                    .max_capacity(CAPACITY)
                    .time_to_live(ttl)
                    .build(),
            ),
        }
    }

    /// A cache that keeps nothing: every answer is built.
    pub fn disabled() -> DashboardCache {
        DashboardCache { answers: None }
    }

    /// The answer kept under `key`, or the one `build` gives (kept unless it failed). Errors:
    /// `build`'s, handed to every request that waited for it.
    pub async fn get_or_build<F>(&self, key: DashboardKey, build: F) -> Result<Dashboard, AppError>
    where
        F: Future<Output = Result<Dashboard, AppError>>,
    {
        kept_or(self.answers.as_ref(), key, build)
            .await
            .map(|d| Dashboard::clone(&d))
    }
}

impl std::fmt::Debug for DashboardCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DashboardCache")
            .field("enabled", &self.answers.is_some())
            .finish()
    }
}
