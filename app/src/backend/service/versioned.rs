//! Optimistic concurrency for edited records: a record carries a `version`; an edit names the
//! version its editor saw and is written only if that is still the stored one, in the same
//! statement as the version check, so a concurrent save loses the race and gets 409.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::model::AppError;

/// Refuses when the stored version is not the one the editor saw.
pub fn check(stored: i32, seen: i32) -> Result<(), AppError> {
    if stored == seen {
        Ok(())
    } else {
        Err(AppError::Conflict("version".into()))
    }
}

/// Writes `row` over record `id` only if its version is still `seen`.
pub async fn save<E, C>(
    conn: &C,
    row: E::ActiveModel,
    id_col: E::Column,
    version_col: E::Column,
    id: i64,
    seen: i32,
) -> Result<(), AppError>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let result = E::update_many()
        .set(row)
        .filter(id_col.eq(id))
        .filter(version_col.eq(seen))
        .exec(conn)
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict("version".into()))
    }
}
