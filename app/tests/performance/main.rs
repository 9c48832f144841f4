//! 绩效管理 on SQLite and Postgres: the indicator system as versioned data, and scorecards
//! counted from a small ledger against a hand count.

#![cfg(feature = "ssr")]

mod scorecards;
mod system;
