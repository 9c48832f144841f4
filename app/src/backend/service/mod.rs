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
pub mod changed_areas;
pub mod coordinators;
pub mod ledger;
pub mod objection_intake;
pub mod performance;
pub mod platforms;
pub mod policies;
pub mod policy_history;
pub mod policy_store;
pub mod promotions;
pub mod registry;
pub mod registry_tally;
pub mod sealing_pass;
pub mod versioned;

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
