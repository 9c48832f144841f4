//! The working-day calendar in the database: loaded for deadline computations, filled from the
//! bundled announcements on first start, and updatable per year from a file (CLI).

use crate::backend::db::BeginWrite;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set};

use super::audit::{self, By};
use crate::backend::clock;
use crate::backend::entity::calendar_day;
use crate::domain::calendar::YearBasis;
use crate::domain::calendar::{
    self, BUNDLED_CSV, CalendarDay, DayKind, StatutoryDays, WorkCalendar,
};
use crate::domain::holidays;
use crate::model::AppError;
use crate::model::calendar::CalendarStatus;
use chrono::Datelike;
use std::sync::{Arc, OnceLock};

/// The calendar as stored, with the statutory holidays for the years without an arrangement.
pub async fn load<C: ConnectionTrait>(conn: &C) -> Result<WorkCalendar, AppError> {
    let rows = calendar_day::Entity::find().all(conn).await?;
    Ok(WorkCalendar::new(
        rows.into_iter()
            .filter_map(|r| DayKind::parse(&r.kind).map(|k| (r.day, k))),
    )
    .with_statutory_days(statutory_days()))
}

/// The statutory rest days of every year in `holidays::YEARS`, computed once per process (a
/// few milliseconds per year) and shared by every calendar loaded.
fn statutory_days() -> Arc<StatutoryDays> {
    static DAYS: OnceLock<Arc<StatutoryDays>> = OnceLock::new();
    DAYS.get_or_init(|| {
        Arc::new(StatutoryDays::new(
            holidays::YEARS,
            holidays::YEARS.flat_map(|y| {
                holidays::statutory(y)
                    .into_iter()
                    .map(|h| (h.date, h.make_up))
            }),
        ))
    })
    .clone()
}

/// Which basis last year, this year and next year follow, and the arrangement to load now.
pub async fn status<C: ConnectionTrait>(conn: &C) -> Result<CalendarStatus, AppError> {
    let cal = load(conn).await?;
    let today = clock::today();
    let year = today.year();
    Ok(CalendarStatus {
        today: calendar::ymd(today),
        years: (year - 1..=year + 1)
            .map(|y| YearBasis {
                year: y,
                basis: cal.basis(y),
            })
            .collect(),
        missing_arrangement: calendar::arrangement_missing(today, &cal),
    })
}

/// Inserts or replaces the given days in one transaction; returns how many.
pub async fn import(
    db: &DatabaseConnection,
    by: By<'_>,
    days: &[CalendarDay],
) -> Result<u64, AppError> {
    if holidays::festival_marked_workday(days).is_some() {
        return Err(AppError::field("calendar", "calendar.festival_as_workday"));
    }
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
    // Every registration's time limit counts working days.
    super::changed_areas::mark(&txn, super::changed_areas::EVERYWHERE).await?;
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
