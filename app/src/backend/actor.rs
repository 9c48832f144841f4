//! The signed-in account acting in a request, with its scope.

use crate::domain::area_code::AreaCode;
use crate::domain::role::{Role, Scope};
use crate::model::AppError;

/// Session key holding the signed-in account's id.
pub const SESSION_ACCOUNT_KEY: &str = "account_id";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub scope: Scope,
    /// The client's address, for the audit log.
    pub ip: Option<String>,
}

impl Actor {
    /// Refuses unless `area` lies inside this actor's scope.
    pub fn require_in_scope(&self, area: &AreaCode) -> Result<(), AppError> {
        if self.scope.contains(area) {
            Ok(())
        } else {
            Err(AppError::OutOfScope)
        }
    }

    /// Refuses unless the actor has one of `roles`.
    pub fn require_role(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl Actor {
    /// Refuses unless the actor may read ledgers and `area` lies in scope.
    pub fn require_ledger_read(&self, area: &AreaCode) -> Result<(), AppError> {
        if !self.role.reads_ledger() {
            return Err(AppError::Forbidden);
        }
        self.require_in_scope(area)
    }

    /// Refuses unless the actor may edit ledgers and `area` lies in scope.
    pub fn require_ledger_write(&self, area: &AreaCode) -> Result<(), AppError> {
        if !self.role.writes_ledger() {
            return Err(AppError::Forbidden);
        }
        self.require_in_scope(area)
    }
}
