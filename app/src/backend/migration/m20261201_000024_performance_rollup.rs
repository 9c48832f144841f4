//! The performance figures kept per area (issue 17): each measure's part and whole for the
//! kept periods, counted from the records of one area code (`performance_count`, the code the
//! records carry) and summed for every code above it by prefix (`performance_rollup`, the
//! code itself included); the areas whose records changed since (`performance_dirty`), and
//! the day the figures of the periods under way were counted as of (`performance_rollup_state`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveIden)]
enum PerformanceCount {
    Table,
    AreaCode,
    Period,
    Measure,
    Part,
    Whole,
}

#[derive(DeriveIden)]
enum PerformanceRollup {
    Table,
    AreaCode,
    Period,
    Measure,
    Part,
    Whole,
}

#[derive(DeriveIden)]
enum PerformanceDirty {
    Table,
    AreaCode,
    Generation,
}

#[derive(DeriveIden)]
enum PerformanceRollupState {
    Table,
    Id,
    AsOf,
    RefreshedAt,
    Refreshes,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PerformanceCount::Table)
                .col(string_len(PerformanceCount::AreaCode, 12))
                .col(string_len(PerformanceCount::Period, 8))
                .col(string_len(PerformanceCount::Measure, 48))
                .col(big_integer(PerformanceCount::Part))
                .col(big_integer(PerformanceCount::Whole))
                .primary_key(
                    Index::create()
                        .col(PerformanceCount::AreaCode)
                        .col(PerformanceCount::Period)
                        .col(PerformanceCount::Measure),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PerformanceRollup::Table)
                .col(string_len(PerformanceRollup::AreaCode, 12))
                .col(string_len(PerformanceRollup::Period, 8))
                .col(string_len(PerformanceRollup::Measure, 48))
                .col(big_integer(PerformanceRollup::Part))
                .col(big_integer(PerformanceRollup::Whole))
                .primary_key(
                    Index::create()
                        .col(PerformanceRollup::AreaCode)
                        .col(PerformanceRollup::Period)
                        .col(PerformanceRollup::Measure),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PerformanceDirty::Table)
                .col(string_len(PerformanceDirty::AreaCode, 12).primary_key())
                .col(big_integer(PerformanceDirty::Generation))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PerformanceRollupState::Table)
                .col(integer(PerformanceRollupState::Id).primary_key())
                .col(date(PerformanceRollupState::AsOf))
                .col(timestamp_with_time_zone(
                    PerformanceRollupState::RefreshedAt,
                ))
                .col(big_integer(PerformanceRollupState::Refreshes))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(
            Table::drop()
                .table(PerformanceRollupState::Table)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(PerformanceDirty::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(PerformanceRollup::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(PerformanceCount::Table).to_owned())
            .await
    }
}
