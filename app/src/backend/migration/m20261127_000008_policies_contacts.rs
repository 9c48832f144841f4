//! Versioned assistance policies (a province's numbers, or the national defaults), and the work
//! phone of an account, which the 就业援助卡 prints as the coordinator's contact.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AssistancePolicy {
    Table,
    Id,
    /// `000000000000` for the national defaults, else a province's code
    AreaCode,
    Version,
    EffectiveFrom,
    /// The policy as JSON
    Body,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    ContactPhone,
}

#[derive(DeriveIden)]
enum AssistanceCard {
    Table,
    CoordinatorContact,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AssistancePolicy::Table)
                .col(
                    ColumnDef::new(AssistancePolicy::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(AssistancePolicy::AreaCode)
                        .string_len(12)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AssistancePolicy::Version)
                        .string_len(40)
                        .not_null()
                        .unique_key(),
                )
                .col(
                    ColumnDef::new(AssistancePolicy::EffectiveFrom)
                        .date()
                        .not_null(),
                )
                .col(ColumnDef::new(AssistancePolicy::Body).text().not_null())
                .col(
                    ColumnDef::new(AssistancePolicy::CreatedBy)
                        .string_len(64)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AssistancePolicy::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_policy_area_from")
                .table(AssistancePolicy::Table)
                .col(AssistancePolicy::AreaCode)
                .col(AssistancePolicy::EffectiveFrom)
                .unique()
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Account::Table)
                .add_column(ColumnDef::new(Account::ContactPhone).string_len(20).null())
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(AssistanceCard::Table)
                .add_column(
                    ColumnDef::new(AssistanceCard::CoordinatorContact)
                        .string_len(20)
                        .null(),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AssistanceCard::Table)
                .drop_column(AssistanceCard::CoordinatorContact)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Account::Table)
                .drop_column(Account::ContactPhone)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(AssistancePolicy::Table).to_owned())
            .await
    }
}
