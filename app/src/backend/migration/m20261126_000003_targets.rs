//! Assistance targets (就业援助对象): the 登记认定 file of a person, its review steps with
//! working-day deadlines, and every event on it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AssistanceTarget {
    Table,
    Id,
    PersonId,
    CommunityCode,
    Categories,
    PolicyVersion,
    Status,
    Step,
    StepSince,
    StepDue,
    AppliedOn,
    ConfirmedOn,
    ExitReason,
    ExitedOn,
    IsDemo,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum TargetEvent {
    Table,
    Id,
    TargetId,
    At,
    ActorName,
    Step,
    Action,
    Reason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AssistanceTarget::Table)
                .col(
                    ColumnDef::new(AssistanceTarget::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(AssistanceTarget::PersonId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AssistanceTarget::CommunityCode)
                        .string_len(12)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AssistanceTarget::Categories)
                        .string_len(300)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AssistanceTarget::PolicyVersion)
                        .string_len(40)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AssistanceTarget::Status)
                        .string_len(20)
                        .not_null(),
                )
                .col(ColumnDef::new(AssistanceTarget::Step).string_len(20).null())
                .col(ColumnDef::new(AssistanceTarget::StepSince).date().null())
                .col(ColumnDef::new(AssistanceTarget::StepDue).date().null())
                .col(
                    ColumnDef::new(AssistanceTarget::AppliedOn)
                        .date()
                        .not_null(),
                )
                .col(ColumnDef::new(AssistanceTarget::ConfirmedOn).date().null())
                .col(
                    ColumnDef::new(AssistanceTarget::ExitReason)
                        .string_len(30)
                        .null(),
                )
                .col(ColumnDef::new(AssistanceTarget::ExitedOn).date().null())
                .col(
                    ColumnDef::new(AssistanceTarget::IsDemo)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .col(
                    ColumnDef::new(AssistanceTarget::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AssistanceTarget::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AssistanceTarget::Version)
                        .integer()
                        .not_null()
                        .default(1),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_target_person")
                        .from(AssistanceTarget::Table, AssistanceTarget::PersonId)
                        .to(Alias::new("person"), Alias::new("id")),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_target_community_status")
                .table(AssistanceTarget::Table)
                .col(AssistanceTarget::CommunityCode)
                .col(AssistanceTarget::Status)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_target_person")
                .table(AssistanceTarget::Table)
                .col(AssistanceTarget::PersonId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_target_step_due")
                .table(AssistanceTarget::Table)
                .col(AssistanceTarget::Step)
                .col(AssistanceTarget::StepDue)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TargetEvent::Table)
                .col(
                    ColumnDef::new(TargetEvent::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(TargetEvent::TargetId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(TargetEvent::At)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(TargetEvent::ActorName)
                        .string_len(64)
                        .not_null(),
                )
                .col(ColumnDef::new(TargetEvent::Step).string_len(20).null())
                .col(
                    ColumnDef::new(TargetEvent::Action)
                        .string_len(20)
                        .not_null(),
                )
                .col(ColumnDef::new(TargetEvent::Reason).string_len(500).null())
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_target_event_target")
                        .from(TargetEvent::Table, TargetEvent::TargetId)
                        .to(AssistanceTarget::Table, AssistanceTarget::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_target_event_target")
                .table(TargetEvent::Table)
                .col(TargetEvent::TargetId)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(TargetEvent::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(AssistanceTarget::Table).to_owned())
            .await
    }
}
