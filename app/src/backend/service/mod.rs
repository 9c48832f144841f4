//! The service layer: one function per query or command, shared by server functions and
//! REST handlers. Each checks role and area scope, validates with `domain`, runs its writes
//! in one transaction and appends to the audit log.

pub mod accounts;
pub mod areas;
pub mod audit;
pub mod auth;
pub mod bulk_ledger;
pub mod calendar;
pub mod cards;
pub mod certification;
pub mod coordinators;
pub mod demo;
pub mod demo_certification;
pub mod demo_ledger;
pub mod demo_platforms;
pub mod demo_targets;
pub mod duplicates;
pub mod export;
pub mod history;
pub mod households;
pub mod people;
pub mod plans;
pub mod platforms;
pub mod policies;
pub mod promotions;
pub mod registry;
pub mod tally;
pub mod targets;
pub mod versioned;
pub mod worklist;
pub mod zero_cases;

/// Days the server's calendar runs ahead (`JICENG_CLOCK_OFFSET_DAYS`, read once; 0 unless set).
/// For rehearsals and end-to-end tests of deadlines and 公示 periods: a second server on the same
/// database shows it "two weeks later". Never set in production.
fn clock_offset_days() -> i64 {
    static OFFSET: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *OFFSET.get_or_init(|| {
        std::env::var("JICENG_CLOCK_OFFSET_DAYS")
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|d| d.abs() <= 3660)
            .unwrap_or(0)
    })
}

/// Today in China (UTC+8): the date deadlines and ages are counted on.
pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8) + chrono::Duration::days(clock_offset_days()))
        .date_naive()
}

/// Paging from raw query values; out of range is a field error.
pub(crate) fn paging(
    page: Option<&str>,
    per_page: Option<&str>,
) -> Result<crate::domain::paging::Paging, crate::model::AppError> {
    use crate::domain::paging::{Paging, PagingError};
    use crate::model::AppError;
    Paging::parse(page, per_page).map_err(|e| match e {
        PagingError::Page => AppError::field("page", "page.out_of_range"),
        PagingError::PerPage => AppError::field("per_page", "per_page.out_of_range"),
    })
}
