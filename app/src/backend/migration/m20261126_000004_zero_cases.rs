//! 零就业家庭 cases: 出现 → 援助 → 清零 → 稳定, each step dated.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ZeroCase {
    Table,
    Id,
    HouseholdId,
    CommunityCode,
    IdentifiedOn,
    AssistedOn,
    ClearedOn,
    StableOn,
    PolicyVersion,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ZeroCase::Table)
                .col(
                    ColumnDef::new(ZeroCase::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(ZeroCase::HouseholdId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ZeroCase::CommunityCode)
                        .string_len(12)
                        .not_null(),
                )
                .col(ColumnDef::new(ZeroCase::IdentifiedOn).date().not_null())
                .col(ColumnDef::new(ZeroCase::AssistedOn).date().null())
                .col(ColumnDef::new(ZeroCase::ClearedOn).date().null())
                .col(ColumnDef::new(ZeroCase::StableOn).date().null())
                .col(
                    ColumnDef::new(ZeroCase::PolicyVersion)
                        .string_len(40)
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_zero_case_household")
                        .from(ZeroCase::Table, ZeroCase::HouseholdId)
                        .to(Alias::new("household"), Alias::new("id")),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_zero_case_community")
                .table(ZeroCase::Table)
                .col(ZeroCase::CommunityCode)
                .col(ZeroCase::ClearedOn)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_zero_case_household")
                .table(ZeroCase::Table)
                .col(ZeroCase::HouseholdId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ZeroCase::Table).to_owned())
            .await
    }
}
