//! Employment assistance (就业援助): 登记认定 of assistance targets through their review steps,
//! the 「一人一策」 plans against the service standards, the 就业援助卡, and the day's work list of
//! a field worker.

pub mod cards;
pub mod plans;
pub mod targets;
pub mod worklist;
