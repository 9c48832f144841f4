//! Who may read and keep a coordinator's record: HR managers keep the records of their area;
//! officers of the area read them (numbers masked); a coordinator reads their own.

use sea_orm::{ConnectionTrait, EntityTrait};

use crate::backend::actor::Actor;
use crate::backend::entity::coordinator as row;
use crate::domain::area_code::AreaCode;
use crate::domain::role::Role;
use crate::model::AppError;

/// Roles that read coordinators of their area (with personal numbers masked, but for HR).
pub(super) const READERS: [Role; 7] = [
    Role::StreetOfficer,
    Role::CountyOfficer,
    Role::CityOfficer,
    Role::ProvinceOfficer,
    Role::HrManager,
    Role::Ministry,
    Role::Admin,
];

/// Roles that keep coordinators' records.
pub(super) const KEEPERS: [Role; 2] = [Role::HrManager, Role::Admin];

/// Whether `actor` keeps the records of a coordinator working at `area`.
pub fn keeps(actor: &Actor, area: &AreaCode) -> bool {
    KEEPERS.contains(&actor.role) && actor.scope.contains(area)
}

pub(super) fn is_self(actor: &Actor, c: &row::Model) -> bool {
    actor.role == Role::Coordinator
        && c.account_username.as_deref() == Some(&actor.username)
        && AreaCode::parse(&c.area_code).is_ok_and(|a| actor.scope.contains(&a))
}

/// Refuses unless `actor` may read coordinator `c`.
pub(super) fn require_read(actor: &Actor, c: &row::Model) -> Result<AreaCode, AppError> {
    let area = AreaCode::parse(&c.area_code).map_err(|_| AppError::Internal)?;
    if is_self(actor, c) {
        return Ok(area);
    }
    if !READERS.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    actor.require_in_scope(&area)?;
    Ok(area)
}

/// Refuses unless `actor` keeps coordinator `c`'s records and `c` still works (the record of
/// a coordinator who left is kept as it was: the conflict `coordinator.left`).
pub(crate) fn require_keep(actor: &Actor, c: &row::Model) -> Result<AreaCode, AppError> {
    let area = AreaCode::parse(&c.area_code).map_err(|_| AppError::Internal)?;
    if !KEEPERS.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    actor.require_in_scope(&area)?;
    if c.left_on.is_some() {
        return Err(AppError::Conflict("coordinator.left".into()));
    }
    Ok(area)
}

pub(crate) async fn find<C: ConnectionTrait>(conn: &C, id: i64) -> Result<row::Model, AppError> {
    row::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)
}
