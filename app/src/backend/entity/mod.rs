//! SeaORM entities. They never cross the wire: services map them to `model` records.

pub mod account;
pub mod area;
pub mod assistance_card;
pub mod assistance_policy;
pub mod assistance_target;
pub mod audit_log;
pub mod calendar_day;
pub mod certification;
pub mod community_tally;
pub mod duplicate_flag;
pub mod household;
pub mod login_attempt;
pub mod person;
pub mod person_merge;
pub mod plan_item;
pub mod record_version;
pub mod service_record;
pub mod session;
pub mod target_event;
pub mod visit;
pub mod zero_case;
