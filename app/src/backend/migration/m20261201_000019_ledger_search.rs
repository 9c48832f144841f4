//! Searching the ledger by name and address at city scale (issue 16 item 6).
//! - `person.name_key`: the name as names are compared (`person_name::match_key`), indexed
//!   with the community and the household, so that a name's start is found by a range over one
//!   index. On Postgres the column sorts in the "C" collation (code-point order, as SQLite's
//!   BINARY), whatever the database's collation, so that the range means "starts with".
//! - On Postgres, a trigram index on `household.address` (extension `pg_trgm`, trusted since
//!   Postgres 13) serves `LIKE '%…%'`. Where the extension is not available, or the account may
//!   not create it, the index is left out and address search scans, as before.
//!   Trigrams of Chinese text need a database whose character type knows CJK letters (a
//!   `*.UTF-8` locale, not `C`).

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use sea_orm_migration::prelude::*;

use crate::domain::person_name::match_key;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Rows read per pass of the fill.
const CHUNK: i64 = 5_000;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let backend = db.get_database_backend();
        let column = match backend {
            DatabaseBackend::Postgres => {
                r#"ALTER TABLE person ADD COLUMN name_key varchar(50) COLLATE "C" NOT NULL DEFAULT ''"#
            }
            _ => "ALTER TABLE person ADD COLUMN name_key varchar(50) NOT NULL DEFAULT ''",
        };
        db.execute_unprepared(column).await?;
        // Most names are their own key (Chinese names without spaces or dots): set them all in
        // one statement, then mend the few that fold.
        db.execute_unprepared("UPDATE person SET name_key = name")
            .await?;
        let mut after = 0i64;
        loop {
            let rows = db
                .query_all_raw(Statement::from_sql_and_values(
                    backend,
                    match backend {
                        DatabaseBackend::Postgres => {
                            "SELECT id, name FROM person WHERE id > $1 ORDER BY id LIMIT $2"
                        }
                        _ => "SELECT id, name FROM person WHERE id > ? ORDER BY id LIMIT ?",
                    },
                    [after.into(), CHUNK.into()],
                ))
                .await?;
            let Some(last) = rows.last() else { break };
            after = last.try_get::<i64>("", "id")?;
            for row in &rows {
                let name: String = row.try_get("", "name")?;
                let key = match_key(&name);
                if key != name {
                    let id: i64 = row.try_get("", "id")?;
                    db.execute_raw(Statement::from_sql_and_values(
                        backend,
                        match backend {
                            DatabaseBackend::Postgres => {
                                "UPDATE person SET name_key = $1 WHERE id = $2"
                            }
                            _ => "UPDATE person SET name_key = ? WHERE id = ?",
                        },
                        [key.into(), id.into()],
                    ))
                    .await?;
                }
            }
        }
        db.execute_unprepared(
            "CREATE INDEX idx_person_name_key ON person (name_key, community_code, household_id)",
        )
        .await?;
        if backend == DatabaseBackend::Postgres && trigrams_available(db).await? {
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                .await?;
            db.execute_unprepared(
                "CREATE INDEX idx_household_address_trgm ON household USING gin (address gin_trgm_ops)",
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("DROP INDEX IF EXISTS idx_household_address_trgm")
            .await?;
        db.execute_unprepared("DROP INDEX IF EXISTS idx_person_name_key")
            .await?;
        m.alter_table(
            Table::alter()
                .table(Alias::new("person"))
                .drop_column(Alias::new("name_key"))
                .to_owned(),
        )
        .await
    }
}

/// Whether `pg_trgm` is installed already, or can be: the server has it and the account is a
/// superuser or may create in this database (a trusted extension needs no more).
async fn trigrams_available<C: ConnectionTrait>(db: &C) -> Result<bool, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Postgres,
            "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') \
             OR (EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') \
                 AND (has_database_privilege(current_database(), 'CREATE') \
                      OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user))) AS ok",
        ))
        .await?;
    Ok(row
        .map(|r| r.try_get::<bool>("", "ok"))
        .transpose()?
        .unwrap_or(false))
}
