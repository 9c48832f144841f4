//! Optimistic concurrency for edited records: a record carries a `version`; an edit names the
//! version its editor saw and is written only if that is still the stored one, in the same
//! statement as the version check, so a concurrent save loses the race and gets 409.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::backend::entity;

use crate::model::AppError;

/// Refuses when the stored version is not the one the editor saw.
pub fn check(stored: i32, seen: i32) -> Result<(), AppError> {
    if stored == seen {
        Ok(())
    } else {
        Err(AppError::Conflict("version".into()))
    }
}

/// The version an edit names (the one its editor saw). Errors: missing, the field error
/// `version.required`.
pub fn seen(raw: Option<i32>) -> Result<i32, AppError> {
    raw.ok_or_else(|| AppError::field("version", "version.required"))
}

/// A table whose rows carry a key (`ID`: `id`, or a platform's area code) and a `version`
/// column.
pub trait Versioned: EntityTrait {
    const ID: Self::Column;
    const VERSION: Self::Column;
}

macro_rules! versioned_tables {
    ($($table:ident),* $(,)?) => {$(
        impl Versioned for entity::$table::Entity {
            const ID: entity::$table::Column = entity::$table::Column::Id;
            const VERSION: entity::$table::Column = entity::$table::Column::Version;
        }
    )*};
}

versioned_tables!(
    assessment,
    assistance_target,
    cert_application,
    cert_objection,
    certification,
    coordinator,
    household,
    person,
    promotion_candidate,
    promotion_round,
);

/// A platform's record is keyed by its area code.
impl Versioned for entity::platform::Entity {
    const ID: entity::platform::Column = entity::platform::Column::AreaCode;
    const VERSION: entity::platform::Column = entity::platform::Column::Version;
}

/// Writes `row` over the record keyed `id` as version `seen + 1`, only if its stored version is
/// still `seen`, in one statement. Errors: another save came first (or no such record), the conflict
/// `version`; a database error.
pub async fn update<E, C>(
    conn: &C,
    mut row: E::ActiveModel,
    id: impl Into<sea_orm::Value>,
    seen: i32,
) -> Result<(), AppError>
where
    E: Versioned,
    E::ActiveModel: ActiveModelTrait<Entity = E>,
    C: ConnectionTrait,
{
    row.set(E::VERSION, (seen + 1).into());
    let result = E::update_many()
        .set(row)
        .filter(E::ID.eq(id))
        .filter(E::VERSION.eq(seen))
        .exec(conn)
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict("version".into()))
    }
}
