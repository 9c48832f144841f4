//! The public registry searched at national scale (issue 18 item 1).
//! - `registry_tally`: how many titles lie in each area's subtree, per tier, keyed by the
//!   area's significant leading digits (`''` for the whole country, then 2, 4, 6, 9 and 12
//!   digits of the community code). Triggers on `certification` keep it in the writer's own
//!   transaction, whoever writes (the services, the demo seeds, an import), so a search
//!   without a name reads its total from one row instead of counting every title.
//! - A name index that serves `LIKE '%…%'`: on SQLite an FTS5 table with the trigram tokenizer
//!   over `certification.community_name` (kept by triggers); on Postgres a `pg_trgm` index.
//!   Where `pg_trgm` cannot be created, the index is left out and a name search scans the titles,
//!   as before. Both serve fragments of three characters or more; shorter ones walk the titles
//!   in the list's order and stop at the page.
//! - `registry_state.generation`: moved by every write of titles (a trigger), so that each
//!   server instance sharing the database drops its kept answers after another's write.

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The prefixes a community code counts under, as SQL over `code` (an expression).
fn prefixes(code: &str) -> [String; 6] {
    [
        "''".to_string(),
        format!("substr({code}, 1, 2)"),
        format!("substr({code}, 1, 4)"),
        format!("substr({code}, 1, 6)"),
        format!("substr({code}, 1, 9)"),
        code.to_string(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let backend = db.get_database_backend();
        db.execute_unprepared(
            "CREATE TABLE registry_tally (\
               prefix varchar(12) NOT NULL, \
               tier varchar(32) NOT NULL, \
               titles bigint NOT NULL, \
               PRIMARY KEY (prefix, tier))",
        )
        .await?;
        let all = prefixes("community_code")
            .iter()
            .map(|p| format!("SELECT {p} AS prefix, tier FROM certification"))
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        db.execute_unprepared(&format!(
            "INSERT INTO registry_tally (prefix, tier, titles) \
             SELECT prefix, tier, COUNT(*) FROM ({all}) t GROUP BY prefix, tier"
        ))
        .await?;
        db.execute_unprepared(
            "CREATE TABLE registry_state (id integer PRIMARY KEY, generation bigint NOT NULL)",
        )
        .await?;
        db.execute_unprepared("INSERT INTO registry_state (id, generation) VALUES (1, 0)")
            .await?;
        match backend {
            DatabaseBackend::Postgres => postgres_up(db).await,
            _ => sqlite_up(db).await,
        }
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match db.get_database_backend() {
            DatabaseBackend::Postgres => {
                for name in [
                    "registry_tally_added",
                    "registry_tally_removed",
                    "registry_tally_changed",
                ] {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS {name} ON certification"
                    ))
                    .await?;
                    db.execute_unprepared(&format!("DROP FUNCTION IF EXISTS {name}()"))
                        .await?;
                }
                db.execute_unprepared(
                    "DROP TRIGGER IF EXISTS registry_state_bump ON certification",
                )
                .await?;
                db.execute_unprepared("DROP FUNCTION IF EXISTS registry_state_bump()")
                    .await?;
                db.execute_unprepared("DROP INDEX IF EXISTS idx_certification_name_trgm")
                    .await?;
            }
            _ => {
                for t in [
                    "registry_tally_insert",
                    "registry_tally_delete",
                    "registry_tally_update",
                    "certification_name_insert",
                    "certification_name_delete",
                    "certification_name_update",
                    "registry_state_insert",
                    "registry_state_delete",
                    "registry_state_update",
                ] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {t}"))
                        .await?;
                }
                db.execute_unprepared("DROP TABLE IF EXISTS certification_name")
                    .await?;
            }
        }
        db.execute_unprepared("DROP TABLE IF EXISTS registry_tally")
            .await?;
        db.execute_unprepared("DROP TABLE IF EXISTS registry_state")
            .await?;
        Ok(())
    }
}

async fn sqlite_up<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let add = |row: &str| {
        let values = prefixes(&format!("{row}.community_code"))
            .iter()
            .map(|p| format!("SELECT {p} AS prefix"))
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT.
        format!(
            "INSERT INTO registry_tally (prefix, tier, titles) \
             SELECT prefix, {row}.tier, 1 FROM ({values}) WHERE true \
             ON CONFLICT (prefix, tier) DO UPDATE SET titles = titles + 1;"
        )
    };
    let remove = |row: &str| {
        format!(
            "UPDATE registry_tally SET titles = titles - 1 \
             WHERE tier = {row}.tier AND prefix IN ({});",
            prefixes(&format!("{row}.community_code")).join(", ")
        )
    };
    for event in ["insert", "delete", "update"] {
        db.execute_unprepared(&format!(
            "CREATE TRIGGER registry_state_{event} AFTER {} ON certification BEGIN \
             UPDATE registry_state SET generation = generation + 1 WHERE id = 1; END",
            event.to_uppercase()
        ))
        .await?;
    }
    for sql in [
        format!(
            "CREATE TRIGGER registry_tally_insert AFTER INSERT ON certification BEGIN {} END",
            add("NEW")
        ),
        format!(
            "CREATE TRIGGER registry_tally_delete AFTER DELETE ON certification BEGIN {} END",
            remove("OLD")
        ),
        format!(
            "CREATE TRIGGER registry_tally_update AFTER UPDATE OF community_code, tier \
             ON certification BEGIN {} {} END",
            remove("OLD"),
            add("NEW")
        ),
        "CREATE VIRTUAL TABLE certification_name USING fts5(\
           community_name, content='certification', content_rowid='id', tokenize='trigram')"
            .to_string(),
        "INSERT INTO certification_name (certification_name) VALUES ('rebuild')".to_string(),
        "CREATE TRIGGER certification_name_insert AFTER INSERT ON certification BEGIN \
           INSERT INTO certification_name (rowid, community_name) \
           VALUES (NEW.id, NEW.community_name); END"
            .to_string(),
        "CREATE TRIGGER certification_name_delete AFTER DELETE ON certification BEGIN \
           INSERT INTO certification_name (certification_name, rowid, community_name) \
           VALUES ('delete', OLD.id, OLD.community_name); END"
            .to_string(),
        "CREATE TRIGGER certification_name_update AFTER UPDATE OF community_name \
           ON certification BEGIN \
           INSERT INTO certification_name (certification_name, rowid, community_name) \
           VALUES ('delete', OLD.id, OLD.community_name); \
           INSERT INTO certification_name (rowid, community_name) \
           VALUES (NEW.id, NEW.community_name); END"
            .to_string(),
    ] {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

async fn postgres_up<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    // Statement-level triggers over the statement's rows (transition tables): a bulk insert of
    // a thousand titles moves each total once. (Row-level triggers would update the country's
    // row once per title, and within one transaction Postgres walks every earlier version of
    // that row on each update: quadratic time for a large seed.)
    let grouped = |rows: &str| {
        format!(
            "SELECT p AS prefix, tier, COUNT(*) AS titles FROM {rows}, \
             unnest(ARRAY[{}]::varchar[]) AS p GROUP BY p, tier",
            prefixes("community_code").join(", ")
        )
    };
    let add = |rows: &str| {
        format!(
            "INSERT INTO registry_tally (prefix, tier, titles) {} \
             ON CONFLICT (prefix, tier) DO UPDATE \
             SET titles = registry_tally.titles + EXCLUDED.titles;",
            grouped(rows)
        )
    };
    let remove = |rows: &str| {
        format!(
            "UPDATE registry_tally r SET titles = r.titles - g.titles FROM ({}) g \
             WHERE r.prefix = g.prefix AND r.tier = g.tier;",
            grouped(rows)
        )
    };
    for (name, body) in [
        ("registry_tally_added", add("new_rows")),
        ("registry_tally_removed", remove("old_rows")),
        (
            "registry_tally_changed",
            format!("{} {}", remove("old_rows"), add("new_rows")),
        ),
    ] {
        db.execute_unprepared(&format!(
            "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN {body} RETURN NULL; END $$"
        ))
        .await?;
    }
    for sql in [
        "CREATE TRIGGER registry_tally_added AFTER INSERT ON certification \
         REFERENCING NEW TABLE AS new_rows \
         FOR EACH STATEMENT EXECUTE FUNCTION registry_tally_added()",
        "CREATE TRIGGER registry_tally_removed AFTER DELETE ON certification \
         REFERENCING OLD TABLE AS old_rows \
         FOR EACH STATEMENT EXECUTE FUNCTION registry_tally_removed()",
        // Transition tables allow no column list: every update of titles comes here, and a
        // change of status only subtracts and adds the same counts.
        "CREATE TRIGGER registry_tally_changed AFTER UPDATE ON certification \
         REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows \
         FOR EACH STATEMENT EXECUTE FUNCTION registry_tally_changed()",
    ] {
        db.execute_unprepared(sql).await?;
    }
    db.execute_unprepared(
        "CREATE FUNCTION registry_state_bump() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN UPDATE registry_state SET generation = generation + 1 WHERE id = 1; \
         RETURN NULL; END $$",
    )
    .await?;
    db.execute_unprepared(
        "CREATE TRIGGER registry_state_bump AFTER INSERT OR UPDATE OR DELETE ON certification \
         FOR EACH STATEMENT EXECUTE FUNCTION registry_state_bump()",
    )
    .await?;
    if trigrams_available(db).await? {
        db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            .await?;
        db.execute_unprepared(
            "CREATE INDEX idx_certification_name_trgm ON certification \
             USING gin (community_name gin_trgm_ops)",
        )
        .await?;
    }
    Ok(())
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
