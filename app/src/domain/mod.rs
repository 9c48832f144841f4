//! Pure rules of the domain: no IO, no framework. Everything here is unit-tested from DOMAIN.md.

pub mod area_code;
pub mod assistance;
pub mod assistance_card;
pub mod calendar;
pub mod cert_review;
pub mod certification;
pub mod file_kind;
pub mod grading;
#[cfg(feature = "ssr")]
pub mod holidays;
pub mod id_card;
pub mod identifier;
pub mod indicators;
pub mod ledger;
pub mod ledger_search;
pub mod notice;
pub mod paging;
pub mod person_name;
pub mod plan;
pub mod platform;
pub mod policy;
pub mod rating_sheet;
pub mod role;
pub mod text;
pub mod worklist;
pub mod zero_employment;
