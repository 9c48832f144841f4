//! Registration checks (issue 15): the categories a file was registered with that the ledger's
//! facts did not support, with the coordinator's stated reason, shown to every reviewer; and the
//! last day of the community's 公示 (初审公示), before which the community cannot approve.
//! Files made before this migration have neither (nothing unsupported is known, no notice
//! period is enforced).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AssistanceTarget {
    Table,
    UnsupportedCategories,
    CategoryReason,
    NoticeUntil,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let columns = [
            ColumnDef::new(AssistanceTarget::UnsupportedCategories)
                .string_len(200)
                .not_null()
                .default("")
                .to_owned(),
            ColumnDef::new(AssistanceTarget::CategoryReason)
                .string_len(500)
                .null()
                .to_owned(),
            ColumnDef::new(AssistanceTarget::NoticeUntil)
                .date()
                .null()
                .to_owned(),
        ];
        for column in columns {
            m.alter_table(
                Table::alter()
                    .table(AssistanceTarget::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            AssistanceTarget::UnsupportedCategories,
            AssistanceTarget::CategoryReason,
            AssistanceTarget::NoticeUntil,
        ] {
            m.alter_table(
                Table::alter()
                    .table(AssistanceTarget::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
