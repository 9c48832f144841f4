//! Personal data sealed at rest (see `backend::sealing`). The columns change here; the values
//! are sealed by the start-up pass (`service::sealing_pass`), which holds the key a migration
//! does not have:
//! - `person.id_number` and `coordinator.id_number` become `id_number_index` (the blind index,
//!   keeping the unique constraint; until the pass runs they still hold the plain number), with
//!   a new `id_number_sealed` beside them;
//! - `phone` becomes `phone_sealed`, and an objection's `contact` becomes `contact_sealed`;
//! - on Postgres these columns widen to hold sealed values (SQLite does not bound text);
//! - `sealing_pass` records, per table, the key the pass last sealed it all under;
//! - saved versions of people (`record_version` snapshots) keep their ID numbers and phones
//!   masked as the history shows them: they are never shown in full, so they are not kept.
//!
//! `down` restores the columns' names and types, not the plain values (unseal first).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;
use serde_json::{Map, Value};

use crate::domain::id_card;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum RecordVersion {
    Table,
    Id,
    Entity,
    Snapshot,
}

#[derive(DeriveIden)]
enum SealingPass {
    Table,
    TableName,
    KeyId,
    FinishedAt,
}

/// (table, old column, new column) renamed by this migration.
const RENAMES: [(&str, &str, &str); 6] = [
    ("person", "id_number", "id_number_index"),
    ("person", "phone", "phone_sealed"),
    ("coordinator", "id_number", "id_number_index"),
    ("coordinator", "phone", "phone_sealed"),
    ("cert_objection", "contact", "contact_sealed"),
    ("promotion_objection", "contact", "contact_sealed"),
];

/// Tables that gain `id_number_sealed`.
const WITH_ID_NUMBERS: [&str; 2] = ["person", "coordinator"];

async fn rename(m: &SchemaManager<'_>, table: &str, from: &str, to: &str) -> Result<(), DbErr> {
    m.alter_table(
        Table::alter()
            .table(Alias::new(table))
            .rename_column(Alias::new(from), Alias::new(to))
            .to_owned(),
    )
    .await
}

/// Postgres bounds `varchar`: the index is 43 characters and a sealed value about 4/3 of its
/// plain bytes plus 58.
async fn widen(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    if m.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let conn = m.get_connection();
    for (table, _, column) in RENAMES {
        let ty = if column == "id_number_index" {
            "varchar(64)"
        } else {
            "text"
        };
        conn.execute_unprepared(&format!(
            "ALTER TABLE {table} ALTER COLUMN {column} TYPE {ty}"
        ))
        .await?;
    }
    Ok(())
}

/// The history's masks, applied to a saved version of a person.
fn mask_snapshot(snapshot: &str) -> Option<String> {
    let mut map: Map<String, Value> = serde_json::from_str(snapshot).ok()?;
    let mut changed = false;
    for (field, mask) in [
        ("id_number", id_card::mask as fn(&str) -> String),
        ("phone", id_card::mask_phone),
    ] {
        if let Some(Value::String(s)) = map.get(field) {
            let masked = mask(s);
            if &masked != s {
                map.insert(field.to_string(), Value::String(masked));
                changed = true;
            }
        }
    }
    changed.then(|| Value::Object(map).to_string())
}

async fn mask_saved_versions(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let conn = m.get_connection();
    let mut after = 0i64;
    loop {
        let rows = conn
            .query_all(
                &Query::select()
                    .columns([RecordVersion::Id, RecordVersion::Snapshot])
                    .from(RecordVersion::Table)
                    .and_where(Expr::col(RecordVersion::Entity).eq("person"))
                    .and_where(Expr::col(RecordVersion::Id).gt(after))
                    .order_by(RecordVersion::Id, Order::Asc)
                    .limit(1000)
                    .to_owned(),
            )
            .await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.try_get("", "id")?;
        for row in &rows {
            let id: i64 = row.try_get("", "id")?;
            let snapshot: String = row.try_get("", "snapshot")?;
            if let Some(masked) = mask_snapshot(&snapshot) {
                conn.execute(
                    &Query::update()
                        .table(RecordVersion::Table)
                        .value(RecordVersion::Snapshot, masked)
                        .and_where(Expr::col(RecordVersion::Id).eq(id))
                        .to_owned(),
                )
                .await?;
            }
        }
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, from, to) in RENAMES {
            rename(m, table, from, to).await?;
        }
        for table in WITH_ID_NUMBERS {
            m.alter_table(
                Table::alter()
                    .table(Alias::new(table))
                    .add_column(ColumnDef::new(Alias::new("id_number_sealed")).text().null())
                    .to_owned(),
            )
            .await?;
        }
        widen(m).await?;
        m.create_table(
            Table::create()
                .table(SealingPass::Table)
                .col(
                    ColumnDef::new(SealingPass::TableName)
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(SealingPass::KeyId).integer().not_null())
                .col(
                    ColumnDef::new(SealingPass::FinishedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await?;
        mask_saved_versions(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SealingPass::Table).to_owned())
            .await?;
        for table in WITH_ID_NUMBERS {
            m.alter_table(
                Table::alter()
                    .table(Alias::new(table))
                    .drop_column(Alias::new("id_number_sealed"))
                    .to_owned(),
            )
            .await?;
        }
        for (table, from, to) in RENAMES {
            rename(m, table, to, from).await?;
        }
        if m.get_database_backend() == DbBackend::Postgres {
            let conn = m.get_connection();
            for (table, column, ty) in [
                ("person", "id_number", "varchar(18)"),
                ("person", "phone", "varchar(20)"),
                ("coordinator", "id_number", "varchar(18)"),
                ("coordinator", "phone", "varchar(20)"),
                ("cert_objection", "contact", "varchar(100)"),
                ("promotion_objection", "contact", "varchar(100)"),
            ] {
                conn.execute_unprepared(&format!(
                    "ALTER TABLE {table} ALTER COLUMN {column} TYPE {ty}"
                ))
                .await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::mask_snapshot;

    #[test]
    fn saved_versions_keep_numbers_masked() {
        let masked = mask_snapshot(
            r#"{"id_number":"11010519491231002X","phone":"13800138000","name":"王芳"}"#,
        )
        .expect("changed");
        assert!(
            masked.contains(r#""id_number":"110105***********X""#),
            "{masked}"
        );
        assert!(masked.contains(r#""phone":"138****8000""#), "{masked}");
        assert!(masked.contains("王芳"));
        // Masked already: nothing to do.
        assert_eq!(mask_snapshot(&masked), None);
        assert_eq!(mask_snapshot(r#"{"name":"王芳","phone":null}"#), None);
        assert_eq!(mask_snapshot("not json"), None);
    }
}
