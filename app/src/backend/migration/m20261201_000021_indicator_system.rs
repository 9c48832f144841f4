//! The indicator system of 绩效管理 (issue 17) as versioned data: one row per published version,
//! filed under the ministry (`000000000000`) or a province, in force from a day, its body JSON
//! (`domain::performance::IndicatorSystem`), as the other policies are kept.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveIden)]
enum IndicatorSystem {
    Table,
    Id,
    IssuerArea,
    Version,
    EffectiveFrom,
    Body,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(IndicatorSystem::Table)
                .col(big_pk_auto(IndicatorSystem::Id))
                .col(string_len(IndicatorSystem::IssuerArea, 12))
                .col(string_len(IndicatorSystem::Version, 40))
                .col(date(IndicatorSystem::EffectiveFrom))
                .col(text(IndicatorSystem::Body))
                .col(string_len(IndicatorSystem::CreatedBy, 64))
                .col(timestamp_with_time_zone(IndicatorSystem::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_indicator_system_version")
                .table(IndicatorSystem::Table)
                .col(IndicatorSystem::IssuerArea)
                .col(IndicatorSystem::Version)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(IndicatorSystem::Table).to_owned())
            .await
    }
}
