//! Annual ratings in bulk from an Excel workbook: the sheet is read and every row checked
//! (the sheet's own rules, then each coordinator known, in the HR manager's area, the name
//! matching, the year not yet rated); any bad row and nothing is written, with every bad row
//! reported. A clean sheet is written in one transaction, each rating with its effect.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::Datelike;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};

use super::records::apply_rating;
use crate::backend::actor::Actor;
use crate::backend::clock::today;
use crate::backend::entity::{coordinator, coordinator_rating};
use crate::domain::area_code::AreaCode;
use crate::domain::grading::RatingEffect;
use crate::domain::rating_sheet::{self, row_key};
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::coordinator::ImportSummary;

/// The first sheet's cells as text (numbers without a fraction as integers), and the
/// spreadsheet row number of the first of them (blank rows above it are not in the range).
fn cells(bytes: &[u8]) -> Result<(Vec<Vec<String>>, usize), AppError> {
    let unreadable = || AppError::field("file", "rating_sheet.unreadable");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(unreadable)?
        .map_err(|_| unreadable())?;
    let first_line = range
        .start()
        .map_or(1, |(row, _)| usize::try_from(row).unwrap_or(0) + 1);
    let cells = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    Ok((cells, first_line))
}

/// Checks the workbook and, when every row is good, records all its ratings.
pub async fn import(
    db: &DatabaseConnection,
    actor: &Actor,
    bytes: &[u8],
) -> Result<ImportSummary, AppError> {
    if ![Role::HrManager, Role::Admin].contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    let on = today();
    let (cells, first_line) = cells(bytes)?;
    let (rows, mut errors) = rating_sheet::parse(&cells, first_line, on.year());
    let numbers: Vec<String> = rows.iter().map(|r| r.id_number.clone()).collect();
    let mut known: HashMap<String, coordinator::Model> = HashMap::new();
    for chunk in numbers.chunks(500) {
        for c in coordinator::Entity::find()
            .filter(coordinator::Column::IdNumber.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            known.insert(c.id_number.clone(), c);
        }
    }
    let ids: Vec<i64> = known.values().map(|c| c.id).collect();
    let mut rated = std::collections::HashSet::new();
    for chunk in ids.chunks(500) {
        for r in coordinator_rating::Entity::find()
            .filter(coordinator_rating::Column::CoordinatorId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            rated.insert((r.coordinator_id, r.year));
        }
    }
    for r in &rows {
        let mut bad = |field: &str, key: &str| {
            errors.insert(row_key(r.line, field), key.into());
        };
        let Some(c) = known.get(&r.id_number) else {
            bad("id_number", "rating_sheet.unknown_coordinator");
            continue;
        };
        let in_scope = AreaCode::parse(&c.area_code).is_ok_and(|a| actor.scope.contains(&a));
        if !in_scope {
            // Said the same way as an unknown number: another area's staff stay unseen.
            bad("id_number", "rating_sheet.unknown_coordinator");
        } else if c.name != r.name {
            bad("name", "rating_sheet.name_mismatch");
        } else if rated.contains(&(c.id, r.year)) {
            bad("year", "rating.exists");
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = db.begin().await?;
    let mut summary = ImportSummary {
        ratings: 0,
        demoted: vec![],
        flagged: vec![],
    };
    for r in &rows {
        let c = known.get(&r.id_number).ok_or(AppError::Internal)?;
        let applied = apply_rating(&txn, actor, c, r.year, r.rating, on).await?;
        summary.ratings += 1;
        match applied.effect {
            RatingEffect::Demote => summary.demoted.push(c.name.clone()),
            RatingEffect::FlagNonRenewal => summary.flagged.push(c.name.clone()),
            RatingEffect::Keep => {}
        }
    }
    txn.commit().await?;
    Ok(summary)
}
