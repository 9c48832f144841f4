//! Merges of people an officer found to be one (a flagged duplicate): the merged record's
//! versions stay stored and readable from the kept person.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PersonMerge {
    Table,
    Id,
    KeptPersonId,
    MergedPersonId,
    MergedName,
    /// Masked 身份证号 of the merged record
    MergedIdNumber,
    MergedHouseholdId,
    MergedBy,
    MergedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PersonMerge::Table)
                .col(
                    ColumnDef::new(PersonMerge::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(PersonMerge::KeptPersonId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(PersonMerge::MergedPersonId)
                        .big_integer()
                        .not_null()
                        .unique_key(),
                )
                .col(
                    ColumnDef::new(PersonMerge::MergedName)
                        .string_len(50)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(PersonMerge::MergedIdNumber)
                        .string_len(18)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(PersonMerge::MergedHouseholdId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(PersonMerge::MergedBy)
                        .string_len(64)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(PersonMerge::MergedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_person_merge_kept")
                .table(PersonMerge::Table)
                .col(PersonMerge::KeptPersonId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PersonMerge::Table).to_owned())
            .await
    }
}
