//! An index on the audit log by actor, action and time: the number-clash throttle counts an
//! account's recent clashes before every person is added or edited, and without it that count
//! reads the whole log.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    ActorName,
    Action,
    At,
}

const INDEX: &str = "idx_audit_actor_action_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name(INDEX)
                .table(AuditLog::Table)
                .col(AuditLog::ActorName)
                .col(AuditLog::Action)
                .col(AuditLog::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name(INDEX).table(AuditLog::Table).to_owned())
            .await
    }
}
