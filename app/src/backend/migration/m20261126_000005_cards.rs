//! 《就业援助卡》: one card per confirmed assistance file.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AssistanceCard {
    Table,
    Id,
    Number,
    TargetId,
    PersonId,
    CommunityCode,
    HolderName,
    Categories,
    OfficeName,
    CoordinatorName,
    IssuedOn,
    Status,
    StatusOn,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let text =
            |c: AssistanceCard, len: u32| ColumnDef::new(c).string_len(len).not_null().to_owned();
        m.create_table(
            Table::create()
                .table(AssistanceCard::Table)
                .col(
                    ColumnDef::new(AssistanceCard::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(text(AssistanceCard::Number, 30).unique_key().to_owned())
                .col(
                    ColumnDef::new(AssistanceCard::TargetId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AssistanceCard::PersonId)
                        .big_integer()
                        .not_null(),
                )
                .col(text(AssistanceCard::CommunityCode, 12))
                .col(text(AssistanceCard::HolderName, 50))
                .col(text(AssistanceCard::Categories, 300))
                .col(text(AssistanceCard::OfficeName, 120))
                .col(text(AssistanceCard::CoordinatorName, 100))
                .col(ColumnDef::new(AssistanceCard::IssuedOn).date().not_null())
                .col(text(AssistanceCard::Status, 12))
                .col(ColumnDef::new(AssistanceCard::StatusOn).date().not_null())
                .col(
                    ColumnDef::new(AssistanceCard::Version)
                        .integer()
                        .not_null()
                        .default(1),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_card_target")
                        .from(AssistanceCard::Table, AssistanceCard::TargetId)
                        .to(Alias::new("assistance_target"), Alias::new("id")),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_card_person")
                .table(AssistanceCard::Table)
                .col(AssistanceCard::PersonId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AssistanceCard::Table).to_owned())
            .await
    }
}
