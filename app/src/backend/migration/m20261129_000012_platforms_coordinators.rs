//! Grassroots platforms and their coordinators: the platform registry (which takes over the
//! 「六到位」 checklist and adds name, signage, venue, windows, equipment, network link, staff
//! and funding), the 劳动保障协理员 with their grade history, training, exams and annual
//! ratings, the grade rules as versioned per-province policy, and promotion rounds with their
//! candidates and the objections raised during 公示.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PlatformChecklist {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Platform {
    Table,
    AreaCode,
    Institution,
    Staff,
    Funding,
    Venue,
    Rules,
    Work,
    Name,
    Signage,
    VenueM2,
    Windows,
    Equipment,
    Network,
    FullTimeStaff,
    PartTimeStaff,
    FundBudget,
    FundPurchase,
    FundReward,
    FundSubsidy,
    UpdatedBy,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum Coordinator {
    Table,
    Id,
    Name,
    IdNumber,
    Phone,
    AreaCode,
    Employment,
    HiredOn,
    Education,
    ContractFrom,
    ContractUntil,
    NonRenewal,
    LeftOn,
    AccountUsername,
    IsDemo,
    CreatedBy,
    CreatedAt,
    UpdatedBy,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum CoordinatorGrade {
    Table,
    Id,
    CoordinatorId,
    Grade,
    FromDate,
    Reason,
    RoundId,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CoordinatorTraining {
    Table,
    Id,
    CoordinatorId,
    Course,
    Hours,
    FinishedOn,
    PreService,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CoordinatorExam {
    Table,
    Id,
    CoordinatorId,
    SatOn,
    Theory,
    Practical,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CoordinatorRating {
    Table,
    Id,
    CoordinatorId,
    Year,
    Rating,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum GradePolicy {
    Table,
    Id,
    IssuerArea,
    Version,
    EffectiveFrom,
    Body,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PromotionRound {
    Table,
    Id,
    AreaCode,
    Title,
    Status,
    NoticeFrom,
    NoticeUntil,
    EffectiveOn,
    IsDemo,
    CreatedBy,
    CreatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum PromotionCandidate {
    Table,
    Id,
    RoundId,
    CoordinatorId,
    Source,
    Nomination,
    Assessment,
    Decision,
    Reason,
    Checks,
    DecidedBy,
    DecidedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum PromotionObjection {
    Table,
    Id,
    RoundId,
    CandidateId,
    Name,
    Contact,
    Text,
    FiledAt,
    FiledFrom,
    Status,
    Finding,
    InvestigatedBy,
    InvestigatedAt,
}

const COPY_CHECKLISTS: &str = "INSERT INTO platform (area_code, institution, staff, funding, \
     venue, rules, work, updated_by, updated_at, version) SELECT area_code, institution, staff, \
     funding, venue, rules, work, updated_by, updated_at, version FROM platform_checklist";

const COPY_BACK: &str = "INSERT INTO platform_checklist (area_code, institution, staff, \
     funding, venue, rules, work, updated_by, updated_at, version) SELECT area_code, \
     institution, staff, funding, venue, rules, work, updated_by, updated_at, version FROM \
     platform";

fn index(name: &str, table: impl IntoIden, cols: &[impl IntoIden + Copy]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(*c);
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Platform::Table)
                .col(string_len(Platform::AreaCode, 12).primary_key())
                .col(boolean(Platform::Institution))
                .col(boolean(Platform::Staff))
                .col(boolean(Platform::Funding))
                .col(boolean(Platform::Venue))
                .col(boolean(Platform::Rules))
                .col(boolean(Platform::Work))
                .col(string_len(Platform::Name, 100).default(""))
                .col(boolean(Platform::Signage).default(false))
                .col(integer_null(Platform::VenueM2))
                .col(integer(Platform::Windows).default(0))
                .col(string_len(Platform::Equipment, 200).default(""))
                .col(boolean(Platform::Network).default(false))
                .col(integer(Platform::FullTimeStaff).default(0))
                .col(integer(Platform::PartTimeStaff).default(0))
                .col(boolean(Platform::FundBudget).default(false))
                .col(boolean(Platform::FundPurchase).default(false))
                .col(boolean(Platform::FundReward).default(false))
                .col(boolean(Platform::FundSubsidy).default(false))
                .col(string_len(Platform::UpdatedBy, 64))
                .col(timestamp_with_time_zone(Platform::UpdatedAt))
                .col(integer(Platform::Version))
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(COPY_CHECKLISTS)
            .await?;
        m.drop_table(Table::drop().table(PlatformChecklist::Table).to_owned())
            .await?;

        m.create_table(
            Table::create()
                .table(Coordinator::Table)
                .col(big_pk_auto(Coordinator::Id))
                .col(string_len(Coordinator::Name, 50))
                .col(string_len_uniq(Coordinator::IdNumber, 18))
                .col(string_len_null(Coordinator::Phone, 20))
                .col(string_len(Coordinator::AreaCode, 12))
                .col(string_len(Coordinator::Employment, 20))
                .col(date(Coordinator::HiredOn))
                .col(string_len_null(Coordinator::Education, 30))
                .col(date_null(Coordinator::ContractFrom))
                .col(date_null(Coordinator::ContractUntil))
                .col(boolean(Coordinator::NonRenewal).default(false))
                .col(date_null(Coordinator::LeftOn))
                .col(string_len_null(Coordinator::AccountUsername, 64))
                .col(boolean(Coordinator::IsDemo).default(false))
                .col(string_len(Coordinator::CreatedBy, 64))
                .col(timestamp_with_time_zone(Coordinator::CreatedAt))
                .col(string_len(Coordinator::UpdatedBy, 64))
                .col(timestamp_with_time_zone(Coordinator::UpdatedAt))
                .col(integer(Coordinator::Version))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_coordinator_area",
            Coordinator::Table,
            &[Coordinator::AreaCode],
        ))
        .await?;
        // One record per coordinator account (NULLs, records without a login, may repeat).
        m.create_index(
            index(
                "idx_coordinator_account",
                Coordinator::Table,
                &[Coordinator::AccountUsername],
            )
            .unique()
            .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CoordinatorGrade::Table)
                .col(big_pk_auto(CoordinatorGrade::Id))
                .col(big_integer(CoordinatorGrade::CoordinatorId))
                .col(string_len(CoordinatorGrade::Grade, 10))
                .col(date(CoordinatorGrade::FromDate))
                .col(string_len(CoordinatorGrade::Reason, 200))
                .col(big_integer_null(CoordinatorGrade::RoundId))
                .col(string_len(CoordinatorGrade::RecordedBy, 64))
                .col(timestamp_with_time_zone(CoordinatorGrade::RecordedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_coordinator_grade_coordinator",
            CoordinatorGrade::Table,
            &[CoordinatorGrade::CoordinatorId],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(CoordinatorTraining::Table)
                .col(big_pk_auto(CoordinatorTraining::Id))
                .col(big_integer(CoordinatorTraining::CoordinatorId))
                .col(string_len(CoordinatorTraining::Course, 100))
                .col(integer(CoordinatorTraining::Hours))
                .col(date(CoordinatorTraining::FinishedOn))
                .col(boolean(CoordinatorTraining::PreService))
                .col(string_len(CoordinatorTraining::RecordedBy, 64))
                .col(timestamp_with_time_zone(CoordinatorTraining::RecordedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_coordinator_training_coordinator",
            CoordinatorTraining::Table,
            &[CoordinatorTraining::CoordinatorId],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(CoordinatorExam::Table)
                .col(big_pk_auto(CoordinatorExam::Id))
                .col(big_integer(CoordinatorExam::CoordinatorId))
                .col(date(CoordinatorExam::SatOn))
                .col(integer(CoordinatorExam::Theory))
                .col(integer(CoordinatorExam::Practical))
                .col(string_len(CoordinatorExam::RecordedBy, 64))
                .col(timestamp_with_time_zone(CoordinatorExam::RecordedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_coordinator_exam_coordinator",
            CoordinatorExam::Table,
            &[CoordinatorExam::CoordinatorId],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(CoordinatorRating::Table)
                .col(big_pk_auto(CoordinatorRating::Id))
                .col(big_integer(CoordinatorRating::CoordinatorId))
                .col(integer(CoordinatorRating::Year))
                .col(string_len(CoordinatorRating::Rating, 30))
                .col(string_len(CoordinatorRating::RecordedBy, 64))
                .col(timestamp_with_time_zone(CoordinatorRating::RecordedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "idx_coordinator_rating_year",
                CoordinatorRating::Table,
                &[CoordinatorRating::CoordinatorId, CoordinatorRating::Year],
            )
            .unique()
            .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(GradePolicy::Table)
                .col(big_pk_auto(GradePolicy::Id))
                .col(string_len(GradePolicy::IssuerArea, 12))
                .col(string_len(GradePolicy::Version, 40))
                .col(date(GradePolicy::EffectiveFrom))
                .col(text(GradePolicy::Body))
                .col(string_len(GradePolicy::CreatedBy, 64))
                .col(timestamp_with_time_zone(GradePolicy::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "idx_grade_policy_version",
                GradePolicy::Table,
                &[GradePolicy::IssuerArea, GradePolicy::Version],
            )
            .unique()
            .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PromotionRound::Table)
                .col(big_pk_auto(PromotionRound::Id))
                .col(string_len(PromotionRound::AreaCode, 12))
                .col(string_len(PromotionRound::Title, 100))
                .col(string_len(PromotionRound::Status, 20))
                .col(date_null(PromotionRound::NoticeFrom))
                .col(date_null(PromotionRound::NoticeUntil))
                .col(date_null(PromotionRound::EffectiveOn))
                .col(boolean(PromotionRound::IsDemo).default(false))
                .col(string_len(PromotionRound::CreatedBy, 64))
                .col(timestamp_with_time_zone(PromotionRound::CreatedAt))
                .col(integer(PromotionRound::Version))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_promotion_round_area",
            PromotionRound::Table,
            &[PromotionRound::AreaCode],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(PromotionCandidate::Table)
                .col(big_pk_auto(PromotionCandidate::Id))
                .col(big_integer(PromotionCandidate::RoundId))
                .col(big_integer(PromotionCandidate::CoordinatorId))
                .col(string_len(PromotionCandidate::Source, 20))
                .col(text_null(PromotionCandidate::Nomination))
                .col(integer_null(PromotionCandidate::Assessment))
                .col(string_len(PromotionCandidate::Decision, 20))
                .col(text_null(PromotionCandidate::Reason))
                .col(text(PromotionCandidate::Checks))
                .col(string_len_null(PromotionCandidate::DecidedBy, 64))
                .col(timestamp_with_time_zone_null(PromotionCandidate::DecidedAt))
                .col(integer(PromotionCandidate::Version))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "idx_promotion_candidate_round",
                PromotionCandidate::Table,
                &[
                    PromotionCandidate::RoundId,
                    PromotionCandidate::CoordinatorId,
                ],
            )
            .unique()
            .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PromotionObjection::Table)
                .col(big_pk_auto(PromotionObjection::Id))
                .col(big_integer(PromotionObjection::RoundId))
                .col(big_integer(PromotionObjection::CandidateId))
                .col(string_len_null(PromotionObjection::Name, 50))
                .col(string_len(PromotionObjection::Contact, 100))
                .col(text(PromotionObjection::Text))
                .col(timestamp_with_time_zone(PromotionObjection::FiledAt))
                .col(string_len(PromotionObjection::FiledFrom, 64))
                .col(string_len(PromotionObjection::Status, 20))
                .col(text_null(PromotionObjection::Finding))
                .col(string_len_null(PromotionObjection::InvestigatedBy, 64))
                .col(timestamp_with_time_zone_null(
                    PromotionObjection::InvestigatedAt,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_promotion_objection_round",
            PromotionObjection::Table,
            &[PromotionObjection::RoundId],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            PromotionObjection::Table.into_iden(),
            PromotionCandidate::Table.into_iden(),
            PromotionRound::Table.into_iden(),
            GradePolicy::Table.into_iden(),
            CoordinatorRating::Table.into_iden(),
            CoordinatorExam::Table.into_iden(),
            CoordinatorTraining::Table.into_iden(),
            CoordinatorGrade::Table.into_iden(),
            Coordinator::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table(PlatformChecklist::Table)
                .col(string_len(Platform::AreaCode, 12).primary_key())
                .col(boolean(Platform::Institution))
                .col(boolean(Platform::Staff))
                .col(boolean(Platform::Funding))
                .col(boolean(Platform::Venue))
                .col(boolean(Platform::Rules))
                .col(boolean(Platform::Work))
                .col(string_len(Platform::UpdatedBy, 64))
                .col(timestamp_with_time_zone(Platform::UpdatedAt))
                .col(integer(Platform::Version))
                .to_owned(),
        )
        .await?;
        m.get_connection().execute_unprepared(COPY_BACK).await?;
        m.drop_table(Table::drop().table(Platform::Table).to_owned())
            .await
    }
}
