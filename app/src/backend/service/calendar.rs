//! The working-day calendar in the database: loaded for deadline computations, filled from the
//! bundled announcements on first start, and updatable per year from a file (CLI).

use crate::backend::db::BeginWrite;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set};

use super::audit::{self, By};
use crate::backend::entity::calendar_day;
use crate::domain::calendar::{self, BUNDLED_CSV, CalendarDay, DayKind, WorkCalendar};
use crate::model::AppError;

/// The calendar as stored.
pub async fn load<C: ConnectionTrait>(conn: &C) -> Result<WorkCalendar, AppError> {
    let rows = calendar_day::Entity::find().all(conn).await?;
    Ok(WorkCalendar::new(rows.into_iter().filter_map(|r| {
        DayKind::parse(&r.kind).map(|k| (r.day, k))
    })))
}

/// Inserts or replaces the given days in one transaction; returns how many.
pub async fn import(
    db: &DatabaseConnection,
    by: By<'_>,
    days: &[CalendarDay],
) -> Result<u64, AppError> {
    let txn = db.begin_write().await?;
    for chunk in days.chunks(200) {
        let rows = chunk.iter().map(|d| calendar_day::ActiveModel {
            day: Set(d.date),
            kind: Set(d.kind.as_str().to_string()),
            name: Set(d.name.chars().take(40).collect()),
        });
        calendar_day::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::column(calendar_day::Column::Day)
                    .update_columns([calendar_day::Column::Kind, calendar_day::Column::Name])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
    }
    audit::append(
        &txn,
        by,
        "import",
        "calendar_day",
        "-",
        Some(format!("days={}", days.len())),
    )
    .await?;
    txn.commit().await?;
    Ok(days.len() as u64)
}

/// Fills an empty calendar from the bundled announcements; returns how many days were added.
pub async fn seed_bundled(db: &DatabaseConnection) -> Result<u64, AppError> {
    if calendar_day::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let days = calendar::parse_csv(BUNDLED_CSV).map_err(|_| AppError::Internal)?;
    import(db, By::System("calendar"), &days).await
}
