//! 绩效管理 on SQLite and Postgres: the indicator system as versioned data, scorecards counted
//! from a small ledger against a hand count, assessments frozen when published, and the
//! dashboards' kept figures equal to the records.

#![cfg(feature = "ssr")]

mod assessments;
mod rollups;
mod scorecards;
mod system;
