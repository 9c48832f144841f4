//! 考核 (issue 17): an assessment of the units and coordinators below an area for a period,
//! a draft until published, then frozen: its indicator system, its entries with their scores,
//! adjustments, ranks, scorecard lines and the records counted, and a digest over all of it.
//! A correction is a new round that supersedes the published one.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveIden)]
enum Assessment {
    Table,
    Id,
    AreaCode,
    Period,
    Round,
    Status,
    AsOf,
    SystemVersion,
    System,
    CorrectionReason,
    Digest,
    CreatedBy,
    CreatedAt,
    PublishedBy,
    PublishedAt,
    Version,
}

#[derive(DeriveIden)]
enum AssessmentEntry {
    Table,
    Id,
    AssessmentId,
    SubjectKind,
    SubjectCode,
    CoordinatorId,
    SubjectName,
    Computed,
    Adjustment,
    AdjustmentReason,
    FinalScore,
    Rank,
    Lines,
    Records,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Assessment::Table)
                .col(big_pk_auto(Assessment::Id))
                .col(string_len(Assessment::AreaCode, 12))
                .col(string_len(Assessment::Period, 10))
                .col(integer(Assessment::Round))
                .col(string_len(Assessment::Status, 16))
                .col(date(Assessment::AsOf))
                .col(string_len(Assessment::SystemVersion, 40))
                .col(text(Assessment::System))
                .col(text_null(Assessment::CorrectionReason))
                .col(string_len_null(Assessment::Digest, 64))
                .col(string_len(Assessment::CreatedBy, 64))
                .col(timestamp_with_time_zone(Assessment::CreatedAt))
                .col(string_len_null(Assessment::PublishedBy, 64))
                .col(timestamp_with_time_zone_null(Assessment::PublishedAt))
                .col(integer(Assessment::Version))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_assessment_round")
                .table(Assessment::Table)
                .col(Assessment::AreaCode)
                .col(Assessment::Period)
                .col(Assessment::Round)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AssessmentEntry::Table)
                .col(big_pk_auto(AssessmentEntry::Id))
                .col(big_integer(AssessmentEntry::AssessmentId))
                .col(string_len(AssessmentEntry::SubjectKind, 16))
                .col(string_len(AssessmentEntry::SubjectCode, 12))
                .col(big_integer_null(AssessmentEntry::CoordinatorId))
                .col(string_len(AssessmentEntry::SubjectName, 100))
                .col(integer(AssessmentEntry::Computed))
                .col(integer(AssessmentEntry::Adjustment))
                .col(text_null(AssessmentEntry::AdjustmentReason))
                .col(integer(AssessmentEntry::FinalScore))
                .col(integer(AssessmentEntry::Rank))
                .col(text(AssessmentEntry::Lines))
                .col(text(AssessmentEntry::Records))
                .foreign_key(
                    ForeignKey::create()
                        .from(AssessmentEntry::Table, AssessmentEntry::AssessmentId)
                        .to(Assessment::Table, Assessment::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_assessment_entry_assessment")
                .table(AssessmentEntry::Table)
                .col(AssessmentEntry::AssessmentId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AssessmentEntry::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Assessment::Table).to_owned())
            .await
    }
}
