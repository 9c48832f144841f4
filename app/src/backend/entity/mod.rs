//! SeaORM entities. They never cross the wire: services map them to `model` records.

pub mod account;
pub mod area;
pub mod audit_log;
pub mod certification;
pub mod login_attempt;
pub mod session;
