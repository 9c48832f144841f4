//! Platform coverage kept by the writers (issue 18 item 3): `coverage_tally` holds, for each
//! area prefix of 2, 4, 6 and 9 digits (`digits`, `prefix`), each unit level (4 township, 5
//! village) and code class (`kind`: the first of the unit's three type digits), how many units
//! lie under the prefix and how many of them have a platform institution, staff, and all six
//! in place (「六到位」). Triggers on `area` and `platform` keep it in the writer's own
//! transaction; a coverage report of the country, a province, a city or a county then reads a
//! few hundred rows instead of grouping every township and village. `sample` is one unit code
//! of the group (its level and type digits classify the group; any unit of it serves).

use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The prefix lengths kept.
const DIGITS: [u8; 4] = [2, 4, 6, 9];

/// The class digit of a unit `row` (an `area` row or alias): the first of its three type
/// digits, the township part for level 4 and the village part for level 5. The classes the
/// coverage counts change at whole hundreds (街道 001–099, 镇 100–199, 乡 200–399; 社区
/// 001–199, 村 200–399: `AreaCode::township_kind`, `village_kind`), so the units of one group
/// are all of one class, and a few rows per prefix hold them all.
fn kind(row: &str) -> String {
    format!(
        "CASE WHEN {row}.level = 5 THEN substr({row}.code, 10, 1) ELSE substr({row}.code, 7, 1) END"
    )
}

/// A unit's platform figures as SQL over the platform alias `p` (0 without a platform).
const INSTITUTION: &str = "CASE WHEN p.institution THEN 1 ELSE 0 END";
const STAFFED: &str = "CASE WHEN p.full_time_staff + p.part_time_staff > 0 THEN 1 ELSE 0 END";
const SIX: &str = "CASE WHEN p.institution AND p.staff AND p.full_time_staff + p.part_time_staff > 0 \
     AND p.funding AND p.venue AND p.rules AND p.work THEN 1 ELSE 0 END";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared(
            "CREATE TABLE coverage_tally (\
               digits smallint NOT NULL, \
               prefix varchar(12) NOT NULL, \
               level smallint NOT NULL, \
               kind varchar(3) NOT NULL, \
               sample varchar(12) NOT NULL, \
               units bigint NOT NULL, \
               institution bigint NOT NULL, \
               staffed bigint NOT NULL, \
               six bigint NOT NULL, \
               PRIMARY KEY (digits, prefix, level, kind))",
        )
        .await?;
        let lengths = DIGITS
            .iter()
            .map(|d| format!("SELECT {d} AS d"))
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        db.execute_unprepared(&format!(
            "INSERT INTO coverage_tally \
             (digits, prefix, level, kind, sample, units, institution, staffed, six) \
             SELECT ds.d, substr(a.code, 1, ds.d), a.level, {kind}, MIN(a.code), COUNT(*), \
               SUM({INSTITUTION}), SUM({STAFFED}), SUM({SIX}) \
             FROM area a LEFT JOIN platform p ON p.area_code = a.code CROSS JOIN ({lengths}) ds \
             WHERE a.level >= 4 \
             GROUP BY ds.d, substr(a.code, 1, ds.d), a.level, {kind}",
            kind = kind("a"),
        ))
        .await?;
        match db.get_database_backend() {
            DatabaseBackend::Postgres => postgres_up(db).await,
            _ => sqlite_up(db).await,
        }
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match db.get_database_backend() {
            DatabaseBackend::Postgres => {
                for (name, table) in [
                    ("coverage_area_added", "area"),
                    ("coverage_area_removed", "area"),
                    ("coverage_area_changed", "area"),
                    ("coverage_platform_added", "platform"),
                    ("coverage_platform_removed", "platform"),
                    ("coverage_platform_changed", "platform"),
                ] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name} ON {table}"))
                        .await?;
                    db.execute_unprepared(&format!("DROP FUNCTION IF EXISTS {name}()"))
                        .await?;
                }
            }
            _ => {
                for t in [
                    "coverage_area_insert",
                    "coverage_area_delete",
                    "coverage_area_update",
                    "coverage_platform_insert",
                    "coverage_platform_delete",
                    "coverage_platform_update",
                ] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {t}"))
                        .await?;
                }
            }
        }
        db.execute_unprepared("DROP TABLE IF EXISTS coverage_tally")
            .await?;
        Ok(())
    }
}

/// SQLite: row triggers. `units` is 1 or -1 for a unit added or removed, 0 for a platform
/// changed; the figures are the platform's (`p`) with that sign.
async fn sqlite_up<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    // Upserts one unit's figures, with `sign`, into the four prefixes of `a.code`.
    let apply = |source: &str, units: &str, sign: &str| {
        let rows = DIGITS
            .iter()
            .map(|d| {
                format!(
                    "SELECT {d} AS digits, substr(a.code, 1, {d}) AS prefix, a.level AS level, \
                     {kind} AS kind, a.code AS sample, {units} AS units, \
                     {sign} * ({INSTITUTION}) AS institution, {sign} * ({STAFFED}) AS staffed, \
                     {sign} * ({SIX}) AS six {source}",
                    kind = kind("a")
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT.
        format!(
            "INSERT INTO coverage_tally \
             (digits, prefix, level, kind, sample, units, institution, staffed, six) \
             SELECT * FROM ({rows}) WHERE true \
             ON CONFLICT (digits, prefix, level, kind) DO UPDATE SET \
               units = units + excluded.units, \
               institution = institution + excluded.institution, \
               staffed = staffed + excluded.staffed, six = six + excluded.six;"
        )
    };
    // A unit (area row `row`) with the platform registered for it, if any.
    let unit = |row: &str| {
        format!(
            "FROM (SELECT {row}.code AS code, {row}.level AS level) a \
             LEFT JOIN platform p ON p.area_code = a.code WHERE a.level >= 4"
        )
    };
    // A platform (row `row`) of a unit in the register.
    let platform = |row: &str| {
        format!(
            "FROM (SELECT {row}.institution AS institution, {row}.staff AS staff, \
               {row}.full_time_staff AS full_time_staff, {row}.part_time_staff AS part_time_staff, \
               {row}.funding AS funding, {row}.venue AS venue, {row}.rules AS rules, \
               {row}.work AS work) p \
             JOIN area a ON a.code = {row}.area_code WHERE a.level >= 4"
        )
    };
    for sql in [
        format!(
            "CREATE TRIGGER coverage_area_insert AFTER INSERT ON area BEGIN {} END",
            apply(&unit("NEW"), "1", "1")
        ),
        format!(
            "CREATE TRIGGER coverage_area_delete AFTER DELETE ON area BEGIN {} END",
            apply(&unit("OLD"), "-1", "-1")
        ),
        // An import writes every area again (an upsert): only a changed level or code moves
        // the figures.
        format!(
            "CREATE TRIGGER coverage_area_update AFTER UPDATE OF code, level ON area \
             WHEN OLD.code <> NEW.code OR OLD.level <> NEW.level BEGIN {} {} END",
            apply(&unit("OLD"), "-1", "-1"),
            apply(&unit("NEW"), "1", "1")
        ),
        format!(
            "CREATE TRIGGER coverage_platform_insert AFTER INSERT ON platform BEGIN {} END",
            apply(&platform("NEW"), "0", "1")
        ),
        format!(
            "CREATE TRIGGER coverage_platform_delete AFTER DELETE ON platform BEGIN {} END",
            apply(&platform("OLD"), "0", "-1")
        ),
        format!(
            "CREATE TRIGGER coverage_platform_update AFTER UPDATE ON platform BEGIN {} {} END",
            apply(&platform("OLD"), "0", "-1"),
            apply(&platform("NEW"), "0", "1")
        ),
    ] {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// Postgres: statement-level triggers over the statement's rows (transition tables), as the
/// registry's totals (migration 000025): an import of a thousand areas moves each figure once.
/// The rows are upserted in key order, so two writers lock the figures they share in the same
/// order (no deadlock). Each trigger reads the other table as committed: a platform saved
/// while another transaction changes the level of its area (an import) can leave a figure
/// off by one until `jiceng rollups --rebuild` counts them again.
async fn postgres_up<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let digits = DIGITS
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    // Upserts the grouped figures of `source` (a FROM list naming the unit `a` and the platform
    // `p`) filtered by `filter`, with `sign`, into the four prefixes of each unit.
    let apply = |(source, filter): (String, String), units: &str, sign: &str| {
        format!(
            "INSERT INTO coverage_tally \
             (digits, prefix, level, kind, sample, units, institution, staffed, six) \
             SELECT d, substr(a.code, 1, d), a.level, {kind}, MIN(a.code), {sign} * SUM({units}), \
               {sign} * SUM({INSTITUTION}), {sign} * SUM({STAFFED}), {sign} * SUM({SIX}) \
             FROM {source} CROSS JOIN unnest(ARRAY[{digits}]) AS d WHERE {filter} \
             GROUP BY d, substr(a.code, 1, d), a.level, {kind} \
             ORDER BY 1, 2, 3, 4 \
             ON CONFLICT (digits, prefix, level, kind) DO UPDATE SET \
               units = coverage_tally.units + EXCLUDED.units, \
               institution = coverage_tally.institution + EXCLUDED.institution, \
               staffed = coverage_tally.staffed + EXCLUDED.staffed, \
               six = coverage_tally.six + EXCLUDED.six;",
            kind = kind("a")
        )
    };
    // Units of `rows` with their platforms; `except` leaves out the rows of the other
    // transition table with the same code and level (an import's upsert that changed neither).
    let units = |rows: &str, except: Option<&str>| {
        let unchanged = except.map_or(String::new(), |other| {
            format!(
                " AND NOT EXISTS (SELECT 1 FROM {other} x WHERE x.code = a.code AND x.level = a.level)"
            )
        });
        (
            format!("{rows} a LEFT JOIN platform p ON p.area_code = a.code"),
            format!("a.level >= 4{unchanged}"),
        )
    };
    let platforms = |rows: &str| {
        (
            format!("{rows} p JOIN area a ON a.code = p.area_code"),
            "a.level >= 4".to_string(),
        )
    };
    for (name, table, body) in [
        (
            "coverage_area_added",
            "area",
            apply(units("new_rows", None), "1", "1"),
        ),
        (
            "coverage_area_removed",
            "area",
            apply(units("old_rows", None), "1", "-1"),
        ),
        (
            "coverage_area_changed",
            "area",
            format!(
                "{} {}",
                apply(units("old_rows", Some("new_rows")), "1", "-1"),
                apply(units("new_rows", Some("old_rows")), "1", "1")
            ),
        ),
        (
            "coverage_platform_added",
            "platform",
            apply(platforms("new_rows"), "0", "1"),
        ),
        (
            "coverage_platform_removed",
            "platform",
            apply(platforms("old_rows"), "0", "-1"),
        ),
        (
            "coverage_platform_changed",
            "platform",
            format!(
                "{} {}",
                apply(platforms("old_rows"), "0", "-1"),
                apply(platforms("new_rows"), "0", "1")
            ),
        ),
    ] {
        db.execute_unprepared(&format!(
            "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN {body} RETURN NULL; END $$"
        ))
        .await?;
        let (event, tables) = match name.rsplit('_').next() {
            Some("added") => ("INSERT", "NEW TABLE AS new_rows"),
            Some("removed") => ("DELETE", "OLD TABLE AS old_rows"),
            _ => ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        };
        db.execute_unprepared(&format!(
            "CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {tables} \
             FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        ))
        .await?;
    }
    Ok(())
}
