//! A coordinator's leaving with its reason (issue 16 item 16): `coordinator.left_reason`, written
//! with `left_on` when the HR manager records that the coordinator left. The record's edits are
//! kept field by field in `record_version` (entity `coordinator`), which needs no new table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("coordinator"))
                .add_column(
                    ColumnDef::new(Alias::new("left_reason"))
                        .string_len(200)
                        .null(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("coordinator"))
                .drop_column(Alias::new("left_reason"))
                .to_owned(),
        )
        .await
    }
}
