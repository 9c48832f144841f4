//! Server functions: thin. Each takes the state and the session from context and calls one
//! service function; the browser calls them as typed async functions.

pub mod accounts;
pub mod areas;
pub mod assistance;
pub mod auth;
pub mod calendar;
pub mod certification;
pub mod coordinators;
pub mod ledger;
pub mod performance;
pub mod platforms;
pub mod policies;
pub mod promotions;
pub mod registry;

#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod forms;
