//! The basis each stored deadline was counted on (issue 15): per calendar year the deadline's
//! count crossed, the State Council's arrangement, the statutory holidays or weekends only, as
//! `2026=arrangement;2027=statutory`. Rows made before this migration have none (they were
//! counted on the arrangements then loaded, or on weekends only beyond them).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PlanItem {
    Table,
    DueBasis,
}

#[derive(DeriveIden)]
enum AssistanceTarget {
    Table,
    StepDueBasis,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(PlanItem::Table)
                .add_column(ColumnDef::new(PlanItem::DueBasis).string_len(120).null())
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(AssistanceTarget::Table)
                .add_column(
                    ColumnDef::new(AssistanceTarget::StepDueBasis)
                        .string_len(120)
                        .null(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(PlanItem::Table)
                .drop_column(PlanItem::DueBasis)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(AssistanceTarget::Table)
                .drop_column(AssistanceTarget::StepDueBasis)
                .to_owned(),
        )
        .await
    }
}
