//! Named locks that several server instances on one database share: a transaction that updates
//! a lock's row holds it until it ends (a row lock on Postgres, the write lock on SQLite). The
//! first is `objection_filing`, which serializes public objections so that a client's filings
//! cannot all pass the throttle's count before any is written.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WriteLock {
    Table,
    Name,
    Taken,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(WriteLock::Table)
                .col(
                    ColumnDef::new(WriteLock::Name)
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(WriteLock::Taken)
                        .big_integer()
                        .not_null()
                        .default(0),
                )
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute(
                &Query::insert()
                    .into_table(WriteLock::Table)
                    .columns([WriteLock::Name, WriteLock::Taken])
                    .values_panic(["objection_filing".into(), 0.into()])
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(WriteLock::Table).to_owned())
            .await
    }
}
