//! 「一人一策」: plan items with due dates, and service records against them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PlanItem {
    Table,
    Id,
    TargetId,
    CommunityCode,
    Service,
    PlannedOn,
    DueOn,
    DoneOn,
    CreatedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum ServiceRecord {
    Table,
    Id,
    TargetId,
    PlanItemId,
    Service,
    ServedOn,
    WorkerName,
    Outcome,
    Employer,
    Note,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let id = |c| {
            ColumnDef::new(c)
                .big_integer()
                .not_null()
                .auto_increment()
                .primary_key()
                .to_owned()
        };
        m.create_table(
            Table::create()
                .table(PlanItem::Table)
                .col(id(PlanItem::Id.into_iden()))
                .col(ColumnDef::new(PlanItem::TargetId).big_integer().not_null())
                .col(
                    ColumnDef::new(PlanItem::CommunityCode)
                        .string_len(12)
                        .not_null(),
                )
                .col(ColumnDef::new(PlanItem::Service).string_len(30).not_null())
                .col(ColumnDef::new(PlanItem::PlannedOn).date().not_null())
                .col(ColumnDef::new(PlanItem::DueOn).date().not_null())
                .col(ColumnDef::new(PlanItem::DoneOn).date().null())
                .col(
                    ColumnDef::new(PlanItem::CreatedBy)
                        .string_len(64)
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_plan_item_target")
                        .from(PlanItem::Table, PlanItem::TargetId)
                        .to(Alias::new("assistance_target"), Alias::new("id")),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_plan_item_open_due")
                .table(PlanItem::Table)
                .col(PlanItem::CommunityCode)
                .col(PlanItem::DoneOn)
                .col(PlanItem::DueOn)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_plan_item_target")
                .table(PlanItem::Table)
                .col(PlanItem::TargetId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ServiceRecord::Table)
                .col(id(ServiceRecord::Id.into_iden()))
                .col(
                    ColumnDef::new(ServiceRecord::TargetId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ServiceRecord::PlanItemId)
                        .big_integer()
                        .null(),
                )
                .col(
                    ColumnDef::new(ServiceRecord::Service)
                        .string_len(30)
                        .not_null(),
                )
                .col(ColumnDef::new(ServiceRecord::ServedOn).date().not_null())
                .col(
                    ColumnDef::new(ServiceRecord::WorkerName)
                        .string_len(64)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ServiceRecord::Outcome)
                        .string_len(20)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ServiceRecord::Employer)
                        .string_len(100)
                        .null(),
                )
                .col(ColumnDef::new(ServiceRecord::Note).string_len(500).null())
                .col(
                    ColumnDef::new(ServiceRecord::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_service_record_target")
                        .from(ServiceRecord::Table, ServiceRecord::TargetId)
                        .to(Alias::new("assistance_target"), Alias::new("id")),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_service_record_target")
                .table(ServiceRecord::Table)
                .col(ServiceRecord::TargetId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ServiceRecord::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(PlanItem::Table).to_owned())
            .await
    }
}
