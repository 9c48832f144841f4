//! The 充分就业社区 certification workflow: standards as versioned data, rounds with quotas,
//! applications and their review events and attachments, objections raised during 公示,
//! re-inspections (复查) of titles, and the platform's 「六到位」 checklist that one indicator
//! reads.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum CertStandard {
    Table,
    Id,
    Tier,
    IssuerArea,
    Version,
    EffectiveFrom,
    Body,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CertRound {
    Table,
    Id,
    Tier,
    IssuerArea,
    Year,
    Title,
    OpensOn,
    ClosesOn,
    Quotas,
    IsDemo,
    CreatedBy,
    CreatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum CertApplication {
    Table,
    Id,
    RoundId,
    CommunityCode,
    Tier,
    StandardId,
    Status,
    Step,
    StepSince,
    StepDue,
    NoticeFrom,
    NoticeUntil,
    Narrative,
    SelfAssessment,
    Qualitative,
    SiteVisit,
    CertificationId,
    AppliedOn,
    DecidedOn,
    IsDemo,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum CertEvent {
    Table,
    Id,
    ApplicationId,
    At,
    ActorName,
    Step,
    Action,
    Reason,
}

#[derive(DeriveIden, Clone, Copy)]
enum CertAttachment {
    Table,
    Id,
    ApplicationId,
    FileName,
    ContentType,
    Size,
    Data,
    UploadedBy,
    UploadedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CertObjection {
    Table,
    Id,
    ApplicationId,
    Stage,
    Name,
    Contact,
    Text,
    ClientKey,
    FiledAt,
    Outcome,
    Investigation,
    DecidedBy,
    DecidedOn,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum CertInspection {
    Table,
    Id,
    CertificationId,
    InspectedOn,
    Result,
    Findings,
    Evaluation,
    Inspector,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Certification {
    Table,
    ApplicationId,
    NextInspectionOn,
    IssuedOn,
    Status,
}

#[derive(DeriveIden, Clone, Copy)]
enum PlatformChecklist {
    Table,
    AreaCode,
    Institution,
    Staff,
    Funding,
    Venue,
    Rules,
    Work,
    UpdatedBy,
    UpdatedAt,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CertStandard::Table)
                .col(big_pk_auto(CertStandard::Id))
                .col(string_len(CertStandard::Tier, 30))
                .col(string_len(CertStandard::IssuerArea, 12))
                .col(string_len(CertStandard::Version, 40))
                .col(date(CertStandard::EffectiveFrom))
                .col(text(CertStandard::Body))
                .col(string_len(CertStandard::CreatedBy, 64))
                .col(timestamp_with_time_zone(CertStandard::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_cert_standard_version")
                .table(CertStandard::Table)
                .col(CertStandard::Tier)
                .col(CertStandard::IssuerArea)
                .col(CertStandard::Version)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CertRound::Table)
                .col(big_pk_auto(CertRound::Id))
                .col(string_len(CertRound::Tier, 30))
                .col(string_len(CertRound::IssuerArea, 12))
                .col(integer(CertRound::Year))
                .col(string_len(CertRound::Title, 200))
                .col(date(CertRound::OpensOn))
                .col(date(CertRound::ClosesOn))
                .col(text(CertRound::Quotas))
                .col(boolean(CertRound::IsDemo).default(false))
                .col(string_len(CertRound::CreatedBy, 64))
                .col(timestamp_with_time_zone(CertRound::CreatedAt))
                .col(integer(CertRound::Version))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CertApplication::Table)
                .col(big_pk_auto(CertApplication::Id))
                .col(big_integer(CertApplication::RoundId))
                .col(string_len(CertApplication::CommunityCode, 12))
                .col(string_len(CertApplication::Tier, 30))
                .col(big_integer(CertApplication::StandardId))
                .col(string_len(CertApplication::Status, 20))
                .col(string_len_null(CertApplication::Step, 20))
                .col(date_null(CertApplication::StepSince))
                .col(date_null(CertApplication::StepDue))
                .col(date_null(CertApplication::NoticeFrom))
                .col(date_null(CertApplication::NoticeUntil))
                .col(text(CertApplication::Narrative))
                .col(text(CertApplication::SelfAssessment))
                .col(text_null(CertApplication::Qualitative))
                .col(text_null(CertApplication::SiteVisit))
                .col(big_integer_null(CertApplication::CertificationId))
                .col(date(CertApplication::AppliedOn))
                .col(date_null(CertApplication::DecidedOn))
                .col(boolean(CertApplication::IsDemo).default(false))
                .col(timestamp_with_time_zone(CertApplication::CreatedAt))
                .col(timestamp_with_time_zone(CertApplication::UpdatedAt))
                .col(integer(CertApplication::Version))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_cert_application_round")
                        .from(CertApplication::Table, CertApplication::RoundId)
                        .to(CertRound::Table, CertRound::Id),
                )
                .to_owned(),
        )
        .await?;
        // One application per community and round.
        m.create_index(
            Index::create()
                .name("idx_cert_application_round_community")
                .table(CertApplication::Table)
                .col(CertApplication::RoundId)
                .col(CertApplication::CommunityCode)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_cert_application_community")
                .table(CertApplication::Table)
                .col(CertApplication::CommunityCode)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CertEvent::Table)
                .col(big_pk_auto(CertEvent::Id))
                .col(big_integer(CertEvent::ApplicationId))
                .col(timestamp_with_time_zone(CertEvent::At))
                .col(string_len(CertEvent::ActorName, 80))
                .col(string_len_null(CertEvent::Step, 20))
                .col(string_len(CertEvent::Action, 30))
                .col(text_null(CertEvent::Reason))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_cert_event_application")
                        .from(CertEvent::Table, CertEvent::ApplicationId)
                        .to(CertApplication::Table, CertApplication::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_cert_event_application")
                .table(CertEvent::Table)
                .col(CertEvent::ApplicationId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CertAttachment::Table)
                .col(big_pk_auto(CertAttachment::Id))
                .col(big_integer(CertAttachment::ApplicationId))
                .col(string_len(CertAttachment::FileName, 200))
                .col(string_len(CertAttachment::ContentType, 100))
                .col(big_integer(CertAttachment::Size))
                .col(blob(CertAttachment::Data))
                .col(string_len(CertAttachment::UploadedBy, 64))
                .col(timestamp_with_time_zone(CertAttachment::UploadedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_cert_attachment_application")
                        .from(CertAttachment::Table, CertAttachment::ApplicationId)
                        .to(CertApplication::Table, CertApplication::Id),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CertObjection::Table)
                .col(big_pk_auto(CertObjection::Id))
                .col(big_integer(CertObjection::ApplicationId))
                .col(string_len(CertObjection::Stage, 20))
                .col(string_len_null(CertObjection::Name, 50))
                .col(string_len(CertObjection::Contact, 100))
                .col(text(CertObjection::Text))
                .col(string_len(CertObjection::ClientKey, 64))
                .col(timestamp_with_time_zone(CertObjection::FiledAt))
                .col(string_len(CertObjection::Outcome, 20))
                .col(text_null(CertObjection::Investigation))
                .col(string_len_null(CertObjection::DecidedBy, 64))
                .col(date_null(CertObjection::DecidedOn))
                .col(integer(CertObjection::Version))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_cert_objection_application")
                        .from(CertObjection::Table, CertObjection::ApplicationId)
                        .to(CertApplication::Table, CertApplication::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_cert_objection_client")
                .table(CertObjection::Table)
                .col(CertObjection::ClientKey)
                .col(CertObjection::FiledAt)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CertInspection::Table)
                .col(big_pk_auto(CertInspection::Id))
                .col(big_integer(CertInspection::CertificationId))
                .col(date(CertInspection::InspectedOn))
                .col(string_len(CertInspection::Result, 10))
                .col(text(CertInspection::Findings))
                .col(text(CertInspection::Evaluation))
                .col(string_len(CertInspection::Inspector, 64))
                .col(timestamp_with_time_zone(CertInspection::CreatedAt))
                .to_owned(),
        )
        .await?;

        // SQLite adds one column per statement.
        m.alter_table(
            Table::alter()
                .table(Certification::Table)
                .add_column(big_integer_null(Certification::ApplicationId))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Certification::Table)
                .add_column(date_null(Certification::NextInspectionOn))
                .to_owned(),
        )
        .await?;

        // The titles already held are due for re-inspection two years (the default cycle) after
        // they were granted, so that they come up in the re-inspection lists.
        let conn = m.get_connection();
        let dates = conn
            .query_all(
                &Query::select()
                    .distinct()
                    .column(Certification::IssuedOn)
                    .from(Certification::Table)
                    .and_where(Expr::col(Certification::Status).eq("valid"))
                    .and_where(Expr::col(Certification::NextInspectionOn).is_null())
                    .to_owned(),
            )
            .await?;
        for row in dates {
            let issued: chrono::NaiveDate = row.try_get("", "issued_on")?;
            let due = issued
                .checked_add_months(chrono::Months::new(24))
                .unwrap_or(issued);
            conn.execute(
                &Query::update()
                    .table(Certification::Table)
                    .value(Certification::NextInspectionOn, due)
                    .and_where(Expr::col(Certification::IssuedOn).eq(issued))
                    .and_where(Expr::col(Certification::Status).eq("valid"))
                    .and_where(Expr::col(Certification::NextInspectionOn).is_null())
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(PlatformChecklist::Table)
                .col(string_len(PlatformChecklist::AreaCode, 12).primary_key())
                .col(boolean(PlatformChecklist::Institution))
                .col(boolean(PlatformChecklist::Staff))
                .col(boolean(PlatformChecklist::Funding))
                .col(boolean(PlatformChecklist::Venue))
                .col(boolean(PlatformChecklist::Rules))
                .col(boolean(PlatformChecklist::Work))
                .col(string_len(PlatformChecklist::UpdatedBy, 64))
                .col(timestamp_with_time_zone(PlatformChecklist::UpdatedAt))
                .col(integer(PlatformChecklist::Version))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PlatformChecklist::Table).to_owned())
            .await?;
        for col in [
            Certification::NextInspectionOn,
            Certification::ApplicationId,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Certification::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        m.drop_table(Table::drop().table(CertInspection::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(CertObjection::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(CertAttachment::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(CertEvent::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(CertApplication::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(CertRound::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(CertStandard::Table).to_owned())
            .await
    }
}
