//! The number of households (and of 零就业家庭) per community, kept with every write, so that a
//! list over a city or a province says its total without counting hundreds of thousands of rows.
//! Filled from the households already stored.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CommunityTally {
    Table,
    CommunityCode,
    Households,
    ZeroHouseholds,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CommunityTally::Table)
                .col(
                    ColumnDef::new(CommunityTally::CommunityCode)
                        .string_len(12)
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(CommunityTally::Households)
                        .big_integer()
                        .not_null()
                        .default(0),
                )
                .col(
                    ColumnDef::new(CommunityTally::ZeroHouseholds)
                        .big_integer()
                        .not_null()
                        .default(0),
                )
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO community_tally (community_code, households, zero_households) \
                 SELECT community_code, COUNT(*), SUM(CASE WHEN zero_employment THEN 1 ELSE 0 END) \
                 FROM household GROUP BY community_code",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CommunityTally::Table).to_owned())
            .await
    }
}
