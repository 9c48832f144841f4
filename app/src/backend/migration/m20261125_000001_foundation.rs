//! Areas, accounts, sessions, login attempts, the audit log and certifications.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Area {
    Table,
    Code,
    Name,
    Level,
    ParentCode,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    Username,
    DisplayName,
    PasswordHash,
    Role,
    AreaCode,
    IsDemo,
    Active,
    CreatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum LoginAttempt {
    Table,
    Id,
    Username,
    Ip,
    Succeeded,
    At,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    ActorName,
    Action,
    Entity,
    EntityId,
    Ip,
    Detail,
}

#[derive(DeriveIden)]
enum Certification {
    Table,
    Id,
    CertificateNo,
    CommunityCode,
    CommunityName,
    Tier,
    Year,
    IssuingAreaCode,
    IssuerName,
    Status,
    IssuedOn,
    RevokedOn,
    RevokeReason,
    IsDemo,
    Version,
}

fn id_col<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().auto_increment().primary_key().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Area::Table)
                .col(ColumnDef::new(Area::Code).string_len(12).not_null().primary_key())
                .col(ColumnDef::new(Area::Name).string_len(100).not_null())
                .col(ColumnDef::new(Area::Level).small_integer().not_null())
                .col(ColumnDef::new(Area::ParentCode).string_len(12).null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_area_parent").table(Area::Table).col(Area::ParentCode).to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_area_level_code").table(Area::Table).col(Area::Level).col(Area::Code).to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Account::Table)
                .col(id_col(Account::Id))
                .col(ColumnDef::new(Account::Username).string_len(64).not_null().unique_key())
                .col(ColumnDef::new(Account::DisplayName).string_len(100).not_null())
                .col(ColumnDef::new(Account::PasswordHash).string_len(255).not_null())
                .col(ColumnDef::new(Account::Role).string_len(32).not_null())
                .col(ColumnDef::new(Account::AreaCode).string_len(12).null())
                .col(ColumnDef::new(Account::IsDemo).boolean().not_null().default(false))
                .col(ColumnDef::new(Account::Active).boolean().not_null().default(true))
                .col(ColumnDef::new(Account::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Account::Version).integer().not_null().default(1))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_account_area")
                        .from(Account::Table, Account::AreaCode)
                        .to(Area::Table, Area::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_account_area").table(Account::Table).col(Account::AreaCode).to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Session::Table)
                .col(ColumnDef::new(Session::Id).string_len(64).not_null().primary_key())
                .col(ColumnDef::new(Session::Data).text().not_null())
                .col(ColumnDef::new(Session::ExpiresAt).big_integer().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_session_expires").table(Session::Table).col(Session::ExpiresAt).to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LoginAttempt::Table)
                .col(id_col(LoginAttempt::Id))
                .col(ColumnDef::new(LoginAttempt::Username).string_len(64).not_null())
                .col(ColumnDef::new(LoginAttempt::Ip).string_len(64).null())
                .col(ColumnDef::new(LoginAttempt::Succeeded).boolean().not_null())
                .col(ColumnDef::new(LoginAttempt::At).big_integer().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_login_attempt_user_at")
                .table(LoginAttempt::Table)
                .col(LoginAttempt::Username)
                .col(LoginAttempt::At)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_login_attempt_ip_at")
                .table(LoginAttempt::Table)
                .col(LoginAttempt::Ip)
                .col(LoginAttempt::At)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(id_col(AuditLog::Id))
                .col(ColumnDef::new(AuditLog::At).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(AuditLog::ActorId).big_integer().null())
                .col(ColumnDef::new(AuditLog::ActorName).string_len(64).not_null())
                .col(ColumnDef::new(AuditLog::Action).string_len(64).not_null())
                .col(ColumnDef::new(AuditLog::Entity).string_len(64).not_null())
                .col(ColumnDef::new(AuditLog::EntityId).string_len(64).not_null())
                .col(ColumnDef::new(AuditLog::Ip).string_len(64).null())
                .col(ColumnDef::new(AuditLog::Detail).text().null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_audit_entity")
                .table(AuditLog::Table)
                .col(AuditLog::Entity)
                .col(AuditLog::EntityId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Certification::Table)
                .col(id_col(Certification::Id))
                .col(ColumnDef::new(Certification::CertificateNo).string_len(40).not_null().unique_key())
                .col(ColumnDef::new(Certification::CommunityCode).string_len(12).not_null())
                .col(ColumnDef::new(Certification::CommunityName).string_len(100).not_null())
                .col(ColumnDef::new(Certification::Tier).string_len(32).not_null())
                .col(ColumnDef::new(Certification::Year).integer().not_null())
                .col(ColumnDef::new(Certification::IssuingAreaCode).string_len(12).null())
                .col(ColumnDef::new(Certification::IssuerName).string_len(100).not_null())
                .col(ColumnDef::new(Certification::Status).string_len(16).not_null())
                .col(ColumnDef::new(Certification::IssuedOn).date().not_null())
                .col(ColumnDef::new(Certification::RevokedOn).date().null())
                .col(ColumnDef::new(Certification::RevokeReason).string_len(500).null())
                .col(ColumnDef::new(Certification::IsDemo).boolean().not_null().default(false))
                .col(ColumnDef::new(Certification::Version).integer().not_null().default(1))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_certification_community")
                        .from(Certification::Table, Certification::CommunityCode)
                        .to(Area::Table, Area::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_certification_community")
                .table(Certification::Table)
                .col(Certification::CommunityCode)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_certification_order")
                .table(Certification::Table)
                .col(Certification::Year)
                .col(Certification::CertificateNo)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Certification::Table.into_iden(),
            AuditLog::Table.into_iden(),
            LoginAttempt::Table.into_iden(),
            Session::Table.into_iden(),
            Account::Table.into_iden(),
            Area::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
