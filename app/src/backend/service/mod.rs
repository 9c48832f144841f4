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
pub mod demo;
pub mod demo_ledger;
pub mod demo_targets;
pub mod duplicates;
pub mod export;
pub mod history;
pub mod households;
pub mod indicators;
pub mod people;
pub mod plans;
pub mod policies;
pub mod registry;
pub mod tally;
pub mod targets;
pub mod versioned;
pub mod worklist;
pub mod zero_cases;

/// Today in China (UTC+8): the date deadlines and ages are counted on.
pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}
