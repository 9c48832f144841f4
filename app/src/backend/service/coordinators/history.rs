//! A coordinator's record field by field through its edits (`record_version`, entity
//! `coordinator`): every saved version keeps the whole record with the 身份证号 and the phone
//! masked, and the names of the fields it changed, counted on the numbers in full. The history
//! shows each change as before and after, a personal number only as changed.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

use crate::backend::clock;
use crate::backend::entity::{coordinator as row, record_version};
use crate::backend::service::ledger::history::changed_fields;
use crate::backend::service::{accounts, areas};
use crate::domain::calendar::ymd;
use crate::domain::id_card;
use crate::model::AppError;
use crate::model::coordinator::{FieldChange, RecordChange};

/// The entity name of a coordinator's versions.
pub(crate) const ENTITY: &str = "coordinator";

/// The fields whose values the history never shows.
const PERSONAL: [&str; 2] = ["id_number", "phone"];

/// The record as the history keeps it: what the HR manager edits and the leaving.
#[derive(Serialize)]
struct Snapshot {
    name: String,
    id_number: String,
    phone: Option<String>,
    area_code: String,
    employment: String,
    hired_on: String,
    education: Option<String>,
    contract_from: Option<String>,
    contract_until: Option<String>,
    account_username: Option<String>,
    left_on: Option<String>,
    left_reason: Option<String>,
}

/// The record with its numbers opened (to count what changed).
fn snapshot(c: &row::Model) -> Result<Snapshot, AppError> {
    Ok(Snapshot {
        name: c.name.clone(),
        id_number: c.id_number()?,
        phone: c.phone()?,
        area_code: c.area_code.clone(),
        employment: c.employment.clone(),
        hired_on: ymd(c.hired_on),
        education: c.education.clone(),
        contract_from: c.contract_from.map(ymd),
        contract_until: c.contract_until.map(ymd),
        account_username: c.account_username.clone(),
        left_on: c.left_on.map(ymd),
        left_reason: c.left_reason.clone(),
    })
}

/// Stores version `c.version` of the record, its numbers masked, with the fields changed.
async fn insert<C: ConnectionTrait>(
    conn: &C,
    c: &row::Model,
    by: &str,
    at: chrono::DateTime<chrono::Utc>,
    changes: &[String],
) -> Result<(), AppError> {
    let mut s = snapshot(c)?;
    s.id_number = id_card::mask(&s.id_number);
    s.phone = s.phone.as_deref().map(id_card::mask_phone);
    record_version::ActiveModel {
        id: NotSet,
        entity: Set(ENTITY.to_string()),
        entity_id: Set(c.id),
        version: Set(c.version),
        changed_at: Set(at),
        changed_by: Set(by.to_string()),
        changes: Set(serde_json::to_string(changes).map_err(|_| AppError::Internal)?),
        snapshot: Set(serde_json::to_string(&s).map_err(|_| AppError::Internal)?),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Keeps the record as it stands as its first version, when it has none yet (a record
/// registered before the history was kept, or just registered).
pub(super) async fn keep_first<C: ConnectionTrait>(
    conn: &C,
    c: &row::Model,
) -> Result<(), AppError> {
    let kept = record_version::Entity::find()
        .filter(record_version::Column::Entity.eq(ENTITY))
        .filter(record_version::Column::EntityId.eq(c.id))
        .count(conn)
        .await?;
    if kept == 0 {
        insert(conn, c, &c.updated_by, c.updated_at, &[]).await?;
    }
    Ok(())
}

/// Keeps `after` as a new version with the fields that differ from `before` (nothing when
/// none does). Returns the fields changed.
pub(super) async fn keep_edit<C: ConnectionTrait>(
    conn: &C,
    before: &row::Model,
    after: &row::Model,
) -> Result<Vec<String>, AppError> {
    let changes = changed_fields(&snapshot(before)?, &snapshot(after)?)?;
    if !changes.is_empty() {
        insert(conn, after, &after.updated_by, after.updated_at, &changes).await?;
    }
    Ok(changes)
}

/// A stored value as the history shows it: an area by its name, the rest as stored.
fn shown(
    map: &serde_json::Map<String, serde_json::Value>,
    field: &str,
    areas: &HashMap<String, String>,
) -> Option<String> {
    let text = match map.get(field)? {
        serde_json::Value::Null => return None,
        serde_json::Value::String(s) if s.is_empty() => return None,
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Some(match field {
        "area_code" => areas
            .get(&text)
            .map(|name| format!("{name} {text}"))
            .unwrap_or(text),
        _ => text,
    })
}

/// The record's versions, newest first, each change with its value before and after; the
/// first kept version has no changes. Personal numbers show only as changed.
pub(super) async fn of<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Vec<RecordChange>, AppError> {
    let rows = record_version::Entity::find()
        .filter(record_version::Column::Entity.eq(ENTITY))
        .filter(record_version::Column::EntityId.eq(id))
        .order_by_asc(record_version::Column::Version)
        .all(conn)
        .await?;
    let maps = rows
        .iter()
        .map(|r| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&r.snapshot))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| AppError::Internal)?;
    let mut codes: Vec<String> = maps
        .iter()
        .filter_map(|m| {
            m.get("area_code")
                .and_then(|v| v.as_str())
                .map(str::to_string)
        })
        .collect();
    codes.sort();
    codes.dedup();
    let area_names = areas::names(conn, &codes).await?;
    let editors: Vec<String> = rows.iter().map(|r| r.changed_by.clone()).collect();
    let names = accounts::display_names(conn, &editors).await?;
    let empty = serde_json::Map::new();
    let mut out: Vec<RecordChange> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let before = i.checked_sub(1).and_then(|p| maps.get(p)).unwrap_or(&empty);
            let after = &maps[i];
            let fields: Vec<String> = if i == 0 {
                vec![]
            } else {
                serde_json::from_str(&r.changes).unwrap_or_default()
            };
            let changes = fields
                .into_iter()
                .map(|field| {
                    let hidden = PERSONAL.contains(&field.as_str());
                    let value = |m| (!hidden).then(|| shown(m, &field, &area_names)).flatten();
                    FieldChange {
                        before: value(before),
                        after: value(after),
                        hidden,
                        field,
                    }
                })
                .collect();
            RecordChange {
                version: r.version,
                changed_at: clock::minute(r.changed_at),
                changed_by: names
                    .get(&r.changed_by)
                    .cloned()
                    .unwrap_or_else(|| r.changed_by.clone()),
                changes,
            }
        })
        .collect();
    out.reverse();
    Ok(out)
}
