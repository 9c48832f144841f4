//! The service layer: one function per query or command, shared by server functions and
//! REST handlers. Each checks role and area scope, validates with `domain`, runs its writes
//! in one transaction and appends to the audit log.

pub mod accounts;
pub mod areas;
pub mod assistance;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod certification;
pub mod coordinators;
pub mod ledger;
pub mod objection_intake;
pub mod platforms;
pub mod policies;
pub mod policy_store;
pub mod promotions;
pub mod registry;
pub mod versioned;

static CLOCK_OFFSET_DAYS: std::sync::OnceLock<i64> = std::sync::OnceLock::new();

/// Sets the days the server's calendar runs ahead (the server's configuration reads
/// `JICENG_CLOCK_OFFSET_DAYS`), once per process: a later call changes nothing. For rehearsals
/// and end-to-end tests of deadlines and 公示 periods: a second server on the same database
/// shows it "two weeks later". Never set in production.
pub fn set_clock_offset_days(days: i64) {
    let _ = CLOCK_OFFSET_DAYS.set(days);
}

/// Days the calendar runs ahead: 0 unless set at start.
fn clock_offset_days() -> i64 {
    CLOCK_OFFSET_DAYS.get().copied().unwrap_or(0)
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
