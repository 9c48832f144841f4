//! An HR manager's decision on the annual rating a published annual assessment proposes for a
//! coordinator (issue 17): confirmed or overridden with a reason, once per proposal; the rating
//! itself is recorded in `coordinator_rating` as any other.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveIden)]
enum RatingDecision {
    Table,
    Id,
    EntryId,
    CoordinatorId,
    Year,
    Proposed,
    Decided,
    Reason,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum AssessmentEntry {
    Table,
    Id,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RatingDecision::Table)
                .col(big_pk_auto(RatingDecision::Id))
                .col(big_integer_uniq(RatingDecision::EntryId))
                .col(big_integer(RatingDecision::CoordinatorId))
                .col(integer(RatingDecision::Year))
                .col(string_len(RatingDecision::Proposed, 32))
                .col(string_len(RatingDecision::Decided, 32))
                .col(text_null(RatingDecision::Reason))
                .col(string_len(RatingDecision::DecidedBy, 64))
                .col(timestamp_with_time_zone(RatingDecision::DecidedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(RatingDecision::Table, RatingDecision::EntryId)
                        .to(AssessmentEntry::Table, AssessmentEntry::Id),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RatingDecision::Table).to_owned())
            .await
    }
}
