//! Schema migrations, portable between SQLite and Postgres. An applied migration is never
//! edited: changes come as new migrations.

use sea_orm_migration::prelude::*;

mod m20261125_000001_foundation;
mod m20261126_000002_ledger;
mod m20261126_000003_targets;
mod m20261126_000004_zero_cases;
mod m20261126_000005_cards;
mod m20261126_000006_plans;
mod m20261126_000007_one_open_file;
mod m20261127_000008_policies_contacts;
mod m20261127_000009_person_merge;
mod m20261127_000010_community_tally;
mod m20261128_000011_certification_workflow;
mod m20261129_000012_platforms_coordinators;
mod m20261130_000013_repair_edited;
mod m20261130_000014_audit_by_actor;
mod m20261130_000015_sealed_personal_data;
mod m20261130_000016_write_locks;
mod m20261201_000017_deadline_basis;
mod m20261201_000018_registration_checks;
mod m20261201_000019_ledger_search;
mod m20261201_000020_coordinator_leaving;
mod m20261201_000021_indicator_system;
mod m20261201_000022_assessment;
mod m20261201_000023_rating_decision;
mod m20261201_000024_performance_rollup;
mod m20261202_000025_registry_search;
mod m20261202_000026_coverage_tally;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_foundation::Migration),
            Box::new(m20261126_000002_ledger::Migration),
            Box::new(m20261126_000003_targets::Migration),
            Box::new(m20261126_000004_zero_cases::Migration),
            Box::new(m20261126_000005_cards::Migration),
            Box::new(m20261126_000006_plans::Migration),
            Box::new(m20261126_000007_one_open_file::Migration),
            Box::new(m20261127_000008_policies_contacts::Migration),
            Box::new(m20261127_000009_person_merge::Migration),
            Box::new(m20261127_000010_community_tally::Migration),
            Box::new(m20261128_000011_certification_workflow::Migration),
            Box::new(m20261129_000012_platforms_coordinators::Migration),
            Box::new(m20261130_000013_repair_edited::Migration),
            Box::new(m20261130_000014_audit_by_actor::Migration),
            Box::new(m20261130_000015_sealed_personal_data::Migration),
            Box::new(m20261130_000016_write_locks::Migration),
            Box::new(m20261201_000017_deadline_basis::Migration),
            Box::new(m20261201_000018_registration_checks::Migration),
            Box::new(m20261201_000019_ledger_search::Migration),
            Box::new(m20261201_000020_coordinator_leaving::Migration),
            Box::new(m20261201_000021_indicator_system::Migration),
            Box::new(m20261201_000022_assessment::Migration),
            Box::new(m20261201_000023_rating_decision::Migration),
            Box::new(m20261201_000024_performance_rollup::Migration),
            Box::new(m20261202_000025_registry_search::Migration),
            Box::new(m20261202_000026_coverage_tally::Migration),
        ]
    }
}
