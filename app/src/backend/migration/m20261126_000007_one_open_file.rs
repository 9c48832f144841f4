//! At most one open (not exited) assistance file per person, enforced by the database, so that
//! two registrations at once cannot both succeed. A partial index: the same SQL on SQLite and
//! Postgres.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_target_open_person ON assistance_target (person_id) \
                 WHERE status <> 'exited'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP INDEX idx_target_open_person")
            .await?;
        Ok(())
    }
}
