//! The household ledger (台账): households, people, visits, the history of every change,
//! possible duplicates for an officer to merge, and the working-day calendar.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Area {
    Table,
    Code,
}

#[derive(DeriveIden, Clone, Copy)]
enum Household {
    Table,
    Id,
    CommunityCode,
    Address,
    HukouCode,
    UrbanHukou,
    BusinessIncome,
    Note,
    ZeroEmployment,
    LastVisitOn,
    NextVisitOn,
    IsDemo,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum Person {
    Table,
    Id,
    HouseholdId,
    CommunityCode,
    IdNumber,
    Name,
    BirthDate,
    Sex,
    Phone,
    Education,
    Ability,
    WantsWork,
    Status,
    UnemploymentCertNo,
    UnemployedSince,
    EmployedSince,
    GraduatedOn,
    Needs,
    LandLostFarmer,
    Disabled,
    VeteranOrMilitaryFamily,
    SingleParent,
    Dibao,
    IsDemo,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum Visit {
    Table,
    Id,
    HouseholdId,
    VisitedOn,
    AccountId,
    WorkerName,
    Note,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum RecordVersion {
    Table,
    Id,
    Entity,
    EntityId,
    Version,
    ChangedAt,
    ChangedBy,
    Changes,
    Snapshot,
}

#[derive(DeriveIden, Clone, Copy)]
enum DuplicateFlag {
    Table,
    Id,
    PersonId,
    OtherPersonId,
    CommunityCode,
    Reason,
    Status,
    CreatedAt,
    ResolvedBy,
    ResolvedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CalendarDay {
    Table,
    Day,
    Kind,
    Name,
}

fn id_col<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn text<T: IntoIden>(col: T, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).not_null().to_owned()
}

fn opt_text<T: IntoIden>(col: T, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).null().to_owned()
}

fn flag<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .boolean()
        .not_null()
        .default(false)
        .to_owned()
}

fn opt_date<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).date().null().to_owned()
}

fn at<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn version<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .integer()
        .not_null()
        .default(1)
        .to_owned()
}

async fn index<T: IntoIden + Copy>(
    m: &SchemaManager<'_>,
    name: &str,
    table: T,
    cols: &[T],
) -> Result<(), DbErr> {
    let mut idx = Index::create();
    idx.name(name).table(table);
    for c in cols {
        idx.col(*c);
    }
    m.create_index(idx.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Household::Table)
                .col(id_col(Household::Id))
                .col(text(Household::CommunityCode, 12))
                .col(text(Household::Address, 200))
                .col(opt_text(Household::HukouCode, 12))
                .col(flag(Household::UrbanHukou))
                .col(flag(Household::BusinessIncome))
                .col(opt_text(Household::Note, 500))
                .col(flag(Household::ZeroEmployment))
                .col(opt_date(Household::LastVisitOn))
                .col(opt_date(Household::NextVisitOn))
                .col(flag(Household::IsDemo))
                .col(at(Household::CreatedAt))
                .col(at(Household::UpdatedAt))
                .col(version(Household::Version))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_household_community")
                        .from(Household::Table, Household::CommunityCode)
                        .to(Area::Table, Area::Code),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_household_community",
            Household::Table,
            &[Household::CommunityCode, Household::Id],
        )
        .await?;
        index(
            m,
            "idx_household_next_visit",
            Household::Table,
            &[Household::NextVisitOn],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Person::Table)
                .col(id_col(Person::Id))
                .col(ColumnDef::new(Person::HouseholdId).big_integer().not_null())
                .col(text(Person::CommunityCode, 12))
                .col(text(Person::IdNumber, 18).unique_key().to_owned())
                .col(text(Person::Name, 50))
                .col(ColumnDef::new(Person::BirthDate).date().not_null())
                .col(text(Person::Sex, 6))
                .col(opt_text(Person::Phone, 20))
                .col(opt_text(Person::Education, 20))
                .col(text(Person::Ability, 10))
                .col(flag(Person::WantsWork))
                .col(text(Person::Status, 30))
                .col(opt_text(Person::UnemploymentCertNo, 30))
                .col(opt_date(Person::UnemployedSince))
                .col(opt_date(Person::EmployedSince))
                .col(opt_date(Person::GraduatedOn))
                .col(text(Person::Needs, 120))
                .col(flag(Person::LandLostFarmer))
                .col(flag(Person::Disabled))
                .col(flag(Person::VeteranOrMilitaryFamily))
                .col(flag(Person::SingleParent))
                .col(flag(Person::Dibao))
                .col(flag(Person::IsDemo))
                .col(at(Person::CreatedAt))
                .col(at(Person::UpdatedAt))
                .col(version(Person::Version))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_person_household")
                        .from(Person::Table, Person::HouseholdId)
                        .to(Household::Table, Household::Id),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_person_household",
            Person::Table,
            &[Person::HouseholdId],
        )
        .await?;
        index(
            m,
            "idx_person_community_birth",
            Person::Table,
            &[Person::CommunityCode, Person::BirthDate],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Visit::Table)
                .col(id_col(Visit::Id))
                .col(ColumnDef::new(Visit::HouseholdId).big_integer().not_null())
                .col(ColumnDef::new(Visit::VisitedOn).date().not_null())
                .col(ColumnDef::new(Visit::AccountId).big_integer().null())
                .col(text(Visit::WorkerName, 64))
                .col(text(Visit::Note, 500))
                .col(at(Visit::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_visit_household")
                        .from(Visit::Table, Visit::HouseholdId)
                        .to(Household::Table, Household::Id),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_visit_household",
            Visit::Table,
            &[Visit::HouseholdId, Visit::VisitedOn],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RecordVersion::Table)
                .col(id_col(RecordVersion::Id))
                .col(text(RecordVersion::Entity, 20))
                .col(
                    ColumnDef::new(RecordVersion::EntityId)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(RecordVersion::Version).integer().not_null())
                .col(at(RecordVersion::ChangedAt))
                .col(text(RecordVersion::ChangedBy, 64))
                .col(ColumnDef::new(RecordVersion::Changes).text().not_null())
                .col(ColumnDef::new(RecordVersion::Snapshot).text().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_record_version_entity")
                .table(RecordVersion::Table)
                .col(RecordVersion::Entity)
                .col(RecordVersion::EntityId)
                .col(RecordVersion::Version)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(DuplicateFlag::Table)
                .col(id_col(DuplicateFlag::Id))
                .col(
                    ColumnDef::new(DuplicateFlag::PersonId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(DuplicateFlag::OtherPersonId)
                        .big_integer()
                        .not_null(),
                )
                .col(text(DuplicateFlag::CommunityCode, 12))
                .col(text(DuplicateFlag::Reason, 40))
                .col(text(DuplicateFlag::Status, 12))
                .col(at(DuplicateFlag::CreatedAt))
                .col(opt_text(DuplicateFlag::ResolvedBy, 64))
                .col(
                    ColumnDef::new(DuplicateFlag::ResolvedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_duplicate_flag_community",
            DuplicateFlag::Table,
            &[DuplicateFlag::CommunityCode, DuplicateFlag::Status],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CalendarDay::Table)
                .col(
                    ColumnDef::new(CalendarDay::Day)
                        .date()
                        .not_null()
                        .primary_key(),
                )
                .col(text(CalendarDay::Kind, 10))
                .col(text(CalendarDay::Name, 40))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CalendarDay::Table.into_iden(),
            DuplicateFlag::Table.into_iden(),
            RecordVersion::Table.into_iden(),
            Visit::Table.into_iden(),
            Person::Table.into_iden(),
            Household::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
