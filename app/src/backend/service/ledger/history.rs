//! 动态更新: every saved version of a ledger record, with who changed which fields. The whole
//! record is kept per version, so an older version can be shown as it was.

use crate::backend::clock;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder,
    Set,
};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::backend::actor::Actor;
use crate::backend::entity::record_version;
use crate::backend::service::audit::{self, By};
use crate::domain::id_card;
use crate::model::AppError;
use crate::model::ledger::{FieldValue, HistoryEntry, RecordSnapshot};

/// Fields that never count as a change of their own.
const BOOKKEEPING: [&str; 4] = ["version", "updated_at", "created_at", "zero_employment"];

fn as_map(record: &impl Serialize) -> Result<Map<String, Value>, AppError> {
    match serde_json::to_value(record) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(AppError::Internal),
    }
}

/// The names of the fields that differ between two versions of a record.
pub fn changed_fields(
    before: &impl Serialize,
    after: &impl Serialize,
) -> Result<Vec<String>, AppError> {
    let (a, b) = (as_map(before)?, as_map(after)?);
    Ok(b.iter()
        .filter(|(k, v)| !BOOKKEEPING.contains(&k.as_str()) && a.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect())
}

/// Masks the ID number and phone of a record as the history shows them: a saved version never
/// holds them in full.
fn mask_numbers(map: &mut Map<String, Value>) {
    for (field, mask) in [
        ("id_number", id_card::mask as fn(&str) -> String),
        ("phone", id_card::mask_phone),
    ] {
        if let Some(Value::String(s)) = map.get_mut(field) {
            *s = mask(s);
        }
    }
}

/// Saves `record` as version `version` of `entity`/`id`, with the changed field names; its
/// `id_number` and `phone`, if any, are stored masked.
pub async fn save<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    entity: &str,
    id: i64,
    version: i32,
    record: &impl Serialize,
    changes: &[String],
) -> Result<(), AppError> {
    let mut map = as_map(record)?;
    mask_numbers(&mut map);
    let snapshot = serde_json::to_string(&map).map_err(|_| AppError::Internal)?;
    let changes = serde_json::to_string(changes).map_err(|_| AppError::Internal)?;
    record_version::ActiveModel {
        id: NotSet,
        entity: Set(entity.to_string()),
        entity_id: Set(id),
        version: Set(version),
        changed_at: Set(clock::now()),
        changed_by: Set(actor.username.clone()),
        changes: Set(changes),
        snapshot: Set(snapshot),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Records an edit of a ledger record: its new version in the history (`save`) and the audit
/// line `update` naming the fields changed, never their values.
pub async fn record_update<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    entity: &str,
    id: i64,
    version: i32,
    record: &impl Serialize,
    changes: &[String],
) -> Result<(), AppError> {
    save(conn, actor, entity, id, version, record, changes).await?;
    audit::append(
        conn,
        By::Actor(actor),
        "update",
        entity,
        &id.to_string(),
        Some(format!("fields={}", changes.join(","))),
    )
    .await?;
    Ok(())
}

fn to_entry(row: &record_version::Model) -> HistoryEntry {
    HistoryEntry {
        version: row.version,
        changed_at: clock::minute(row.changed_at),
        changed_by: row.changed_by.clone(),
        changes: serde_json::from_str(&row.changes).unwrap_or_default(),
        merged_from: None,
    }
}

/// The versions of a record, newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    entity: &str,
    id: i64,
) -> Result<Vec<HistoryEntry>, AppError> {
    let rows = record_version::Entity::find()
        .filter(record_version::Column::Entity.eq(entity))
        .filter(record_version::Column::EntityId.eq(id))
        .order_by_desc(record_version::Column::Version)
        .all(conn)
        .await?;
    Ok(rows.iter().map(to_entry).collect())
}

/// Fields a saved version never shows: the birth date would rebuild the masked ID number.
const HIDDEN: [&str; 1] = ["birth_date"];

/// One saved version, field by field, with ID numbers and phones masked and the birth date
/// left out.
pub async fn get<C: ConnectionTrait>(
    conn: &C,
    entity: &str,
    id: i64,
    version: i32,
) -> Result<RecordSnapshot, AppError> {
    let row = record_version::Entity::find()
        .filter(record_version::Column::Entity.eq(entity))
        .filter(record_version::Column::EntityId.eq(id))
        .filter(record_version::Column::Version.eq(version))
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let map: Map<String, Value> =
        serde_json::from_str(&row.snapshot).map_err(|_| AppError::Internal)?;
    let fields = map
        .into_iter()
        .filter(|(k, _)| {
            !BOOKKEEPING.contains(&k.as_str()) && !HIDDEN.contains(&k.as_str()) && k != "id"
        })
        .map(|(name, v)| {
            let text = match v {
                Value::Null => String::new(),
                Value::String(s) => s,
                other => other.to_string(),
            };
            let value = match name.as_str() {
                "id_number" => id_card::mask(&text),
                "phone" if !text.is_empty() => id_card::mask_phone(&text),
                _ => text,
            };
            FieldValue { name, value }
        })
        .collect();
    Ok(RecordSnapshot {
        entity: entity.to_string(),
        entity_id: id,
        entry: to_entry(&row),
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct R {
        name: &'static str,
        phone: Option<&'static str>,
        version: i32,
    }

    #[test]
    fn only_real_changes_are_listed() {
        let a = R {
            name: "王芳",
            phone: None,
            version: 1,
        };
        let b = R {
            name: "王芳",
            phone: Some("13800138000"),
            version: 2,
        };
        assert_eq!(
            changed_fields(&a, &b).expect("maps"),
            vec!["phone".to_string()]
        );
        assert!(changed_fields(&a, &a).expect("maps").is_empty());
    }

    #[test]
    fn saved_versions_hold_numbers_masked_and_masking_twice_changes_nothing() {
        let mut map = as_map(&serde_json::json!({
            "id_number": "11010519491231002X",
            "phone": "13800138000",
            "name": "王芳",
        }))
        .expect("map");
        mask_numbers(&mut map);
        assert_eq!(map["id_number"], "110105***********X");
        assert_eq!(map["phone"], "138****8000");
        assert_eq!(map["name"], "王芳");
        let once = map.clone();
        mask_numbers(&mut map);
        assert_eq!(map, once);
    }
}
