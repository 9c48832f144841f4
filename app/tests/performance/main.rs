//! 绩效管理 on SQLite and Postgres: the indicator system as versioned data, scorecards counted
//! from a small ledger against a hand count, and assessments frozen when published.

#![cfg(feature = "ssr")]

mod assessments;
mod scorecards;
mod system;
