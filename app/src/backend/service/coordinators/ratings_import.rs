//! Annual ratings in bulk from an Excel workbook: the sheet is read and every row checked
//! (the sheet's own rules, then each coordinator known, in the HR manager's area, the name
//! matching, the year not yet rated); any bad row and nothing is written, with every bad row
//! reported. A clean sheet is written in one transaction, each rating with its effect.

use crate::backend::db::BeginWrite;
use std::collections::HashMap;

use chrono::Datelike;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::records::apply_rating;
use crate::backend::actor::Actor;
use crate::backend::clock::today;
use crate::backend::entity::{coordinator, coordinator_rating};
use crate::backend::sealing;
use crate::backend::workbook::{Bounds, WorkbookError, first_sheet};
use crate::domain::area_code::AreaCode;
use crate::domain::grading::RatingEffect;
use crate::domain::rating_sheet::{self, row_key};
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::coordinator::ImportSummary;

/// The first sheet's cells as text and the sheet row number of the first, read within the
/// rating workbook's bounds off the async workers. Errors: the field errors of `file`
/// `rating_sheet.unreadable` and `workbook.too_large`.
async fn cells(bytes: Vec<u8>) -> Result<(Vec<Vec<String>>, usize), AppError> {
    let read = tokio::task::spawn_blocking(move || first_sheet(&bytes, &Bounds::RATINGS))
        .await
        .map_err(|_| AppError::Internal)?;
    match read {
        Ok(sheet) => Ok((sheet.rows, sheet.first_line)),
        Err(WorkbookError::TooLarge(_)) => Err(AppError::field("file", "workbook.too_large")),
        Err(WorkbookError::Unreadable | WorkbookError::NoSheet) => {
            Err(AppError::field("file", "rating_sheet.unreadable"))
        }
    }
}

/// Whether `actor` may import ratings (HR managers and the administrator): asked before an
/// upload's body is read. Errors: 403.
pub fn may_import(actor: &Actor) -> Result<(), AppError> {
    actor.require_role(&[Role::HrManager, Role::Admin])
}

/// Checks the workbook and, when every row is good, records all its ratings.
pub async fn import(
    db: &DatabaseConnection,
    actor: &Actor,
    bytes: &[u8],
) -> Result<ImportSummary, AppError> {
    may_import(actor)?;
    let on = today();
    let (cells, first_line) = cells(bytes.to_vec()).await?;
    let (rows, mut errors) = rating_sheet::parse(&cells, first_line, on.year());
    // Coordinators are found by the blind index of their number (`sealing`).
    let indexes: HashMap<&str, String> = rows
        .iter()
        .map(|r| {
            Ok((
                r.id_number.as_str(),
                sealing::id_number_index(&r.id_number)?,
            ))
        })
        .collect::<Result<_, AppError>>()?;
    let mut by_index: HashMap<String, coordinator::Model> = HashMap::new();
    let wanted: Vec<String> = indexes.values().cloned().collect();
    for chunk in wanted.chunks(500) {
        for c in coordinator::Entity::find()
            .filter(coordinator::Column::IdNumberIndex.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            by_index.insert(c.id_number_index.clone(), c);
        }
    }
    let known: HashMap<&str, &coordinator::Model> = indexes
        .iter()
        .filter_map(|(number, index)| by_index.get(index).map(|c| (*number, c)))
        .collect();
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
        let Some(c) = known.get(r.id_number.as_str()) else {
            bad("id_number", "rating_sheet.unknown_coordinator");
            continue;
        };
        let in_scope = AreaCode::parse(&c.area_code).is_ok_and(|a| actor.scope.contains(&a));
        if !in_scope {
            // Said the same way as an unknown number: another area's staff stay unseen.
            bad("id_number", "rating_sheet.unknown_coordinator");
        } else if c.left_on.is_some() {
            bad("id_number", "rating_sheet.left");
        } else if c.name != r.name {
            bad("name", "rating_sheet.name_mismatch");
        } else if rated.contains(&(c.id, r.year)) {
            bad("year", "rating.exists");
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = db.begin_write().await?;
    let mut summary = ImportSummary {
        ratings: 0,
        demoted: vec![],
        flagged: vec![],
    };
    for r in &rows {
        let c = *known.get(r.id_number.as_str()).ok_or(AppError::Internal)?;
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
