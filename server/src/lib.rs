//! The server: configuration, the axum router (pages, server functions, REST API under
//! `/api/v1`, health check), and the command-line tasks.

pub mod cli;
pub mod config;
pub mod keys;
pub mod lang;
pub mod page_cache;
pub mod rest;
pub mod router;
pub mod security;
pub mod server_fns;
pub mod static_files;
pub mod uploads;

pub use router::build_router;
