//! The service layer: one function per query or command, shared by server functions and
//! REST handlers. Each checks role and area scope, validates with `domain`, runs its writes
//! in one transaction and appends to the audit log.

pub mod accounts;
pub mod areas;
pub mod audit;
pub mod auth;
pub mod demo;
pub mod registry;
