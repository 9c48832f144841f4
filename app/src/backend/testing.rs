//! Fresh databases for tests: a SQLite file in a temporary folder, or a new Postgres database
//! per test when `TEST_DATABASE_URL` is set. Used by the services' and the server's tests.

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbErr};

use super::actor::Actor;
use super::db;
use super::sealing::{self, Keyring};
use super::service::{areas, sealing_pass};
use crate::domain::area_code::AreaCode;
use crate::domain::role::{Role, Scope};

/// The areas the tests use: parts of 北京市东城区, 深圳市南山区 and 福田区, and a township of 东莞.
pub const FIXTURE_AREAS: &str = include_str!("../../tests/fixtures/areas.csv");

/// The instant the test suites run at: Thursday 2026-09-24, 10:00 Beijing time, the day before
/// 中秋节 and a week before 国庆节, so working-day deadlines counted from it cross both holidays
/// and the 调休 make-up Saturday (2026-10-10) of the bundled arrangement.
pub const SUITE_NOW: &str = "2026-09-24T10:00:00+08:00";

/// An RFC 3339 instant (`2026-11-30T00:30:00+08:00`) as UTC. Panics on a malformed literal:
/// for test code only.
pub fn at(rfc3339: &str) -> chrono::DateTime<chrono::Utc> {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => t.to_utc(),
        Err(e) => panic!("test instant {rfc3339:?}: {e}"),
    }
}

/// Pins this thread's clock at [`SUITE_NOW`] while the guard lives: every test starts with it,
/// so expected dates are written by hand and hold on any day the suite runs.
/// It also installs the suite's key ring ([`suite_keyring`]).
pub fn suite_clock() -> super::clock::Pin {
    suite_keyring();
    super::clock::pin(at(SUITE_NOW))
}

/// The key ring every test seals with: one fixed key, id 1 (a test fixture, never a real key).
pub fn suite_keyring() -> &'static Keyring {
    sealing::install(Keyring::from_master(1, [0x5a; sealing::KEY_BYTES]))
}

/// Migrates `conn` and seals it under the suite's key ring, as the server does at start-up.
async fn prepare(conn: &DatabaseConnection) -> Result<(), DbErr> {
    db::migrate(conn).await?;
    sealing_pass::run(conn, suite_keyring(), |_, _, _| {})
        .await
        .map_err(|e| DbErr::Custom(e.message("en")))?;
    Ok(())
}

/// A migrated database that lives as long as this value.
pub struct TestDb {
    pub db: DatabaseConnection,
    pub kind: db::DbKind,
    _dir: Option<tempfile::TempDir>,
    pg_admin: Option<(String, String)>,
}

impl TestDb {
    /// A fresh SQLite database.
    pub async fn sqlite() -> Result<TestDb, DbErr> {
        let dir = tempfile::tempdir().map_err(|e| DbErr::Custom(e.to_string()))?;
        let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
        let conn = db::connect(&url).await?;
        prepare(&conn).await?;
        Ok(TestDb {
            db: conn,
            kind: db::DbKind::Sqlite,
            _dir: Some(dir),
            pg_admin: None,
        })
    }

    /// A fresh Postgres database, if `TEST_DATABASE_URL` is set.
    pub async fn postgres() -> Result<Option<TestDb>, DbErr> {
        let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
            return Ok(None);
        };
        let name = format!("t_{}_{}", std::process::id(), rand::random::<u32>());
        let admin = Database::connect(&admin_url).await?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
        admin.close().await?;
        let url = replace_db_name(&admin_url, &name);
        let conn = db::connect(&url).await?;
        prepare(&conn).await?;
        Ok(Some(TestDb {
            db: conn,
            kind: db::DbKind::Postgres,
            _dir: None,
            pg_admin: Some((admin_url, name)),
        }))
    }

    /// Every database kind available here: SQLite always, Postgres when configured.
    pub async fn all() -> Result<Vec<TestDb>, DbErr> {
        let mut out = vec![TestDb::sqlite().await?];
        if let Some(pg) = TestDb::postgres().await? {
            out.push(pg);
        }
        Ok(out)
    }

    /// Loads the fixture areas.
    pub async fn with_areas(self) -> Result<TestDb, areas::ImportError> {
        areas::import_csv(&self.db, FIXTURE_AREAS.as_bytes(), |_| {}).await?;
        Ok(self)
    }

    /// Everything the database holds, as an attacker with a copy of it would read it: for
    /// SQLite the bytes of its files after a checkpoint (so free pages and the journal count
    /// too); for Postgres every row of every table as text.
    pub async fn dump(&self) -> Result<Vec<u8>, DbErr> {
        if let Some(dir) = &self._dir {
            self.db
                .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await?;
            let mut out = Vec::new();
            for entry in std::fs::read_dir(dir.path()).map_err(|e| DbErr::Custom(e.to_string()))? {
                let path = entry.map_err(|e| DbErr::Custom(e.to_string()))?.path();
                out.extend(std::fs::read(path).map_err(|e| DbErr::Custom(e.to_string()))?);
            }
            return Ok(out);
        }
        let tables = self
            .db
            .query_all_raw(sea_orm::Statement::from_string(
                self.db.get_database_backend(),
                "SELECT table_name FROM information_schema.tables \
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
            ))
            .await?;
        let mut out = Vec::new();
        for t in tables {
            let name: String = t.try_get("", "table_name")?;
            let rows = self
                .db
                .query_all_raw(sea_orm::Statement::from_string(
                    self.db.get_database_backend(),
                    format!("SELECT CAST(t AS text) AS row FROM \"{name}\" t"),
                ))
                .await?;
            for r in rows {
                let row: String = r.try_get("", "row")?;
                out.extend(row.into_bytes());
                out.push(b'\n');
            }
        }
        Ok(out)
    }

    /// Drops a Postgres test database (SQLite folders go with the value).
    pub async fn cleanup(self) {
        let TestDb { db, pg_admin, .. } = self;
        let _ = db.close().await;
        if let Some((admin_url, name)) = pg_admin
            && let Ok(admin) = Database::connect(&admin_url).await
        {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
            let _ = admin.close().await;
        }
    }
}

/// Every database kind available here, each migrated and holding the fixture areas.
pub async fn dbs_with_areas() -> Vec<TestDb> {
    let mut out = Vec::new();
    for t in TestDb::all().await.expect("test databases") {
        out.push(t.with_areas().await.expect("fixture areas"));
    }
    out
}

/// A valid 身份证号 from a 6-digit address code, a birth date (YYYYMMDD) and a 3-digit
/// sequence (odd for men), with its GB 11643 check character.
pub fn id_number(addr: &str, birth: &str, seq: &str) -> String {
    let first17 = format!("{addr}{birth}{seq}");
    let mut digits = [0u8; 17];
    digits.copy_from_slice(&first17.as_bytes()[..17]);
    format!("{first17}{}", crate::domain::id_card::check_char(&digits))
}

/// A signed-in actor of `role` with home area `area` (a short or full code), for service tests.
pub fn actor(role: Role, area: Option<&str>) -> Actor {
    let area = area.map(|a| AreaCode::parse(a).expect("area code"));
    Actor {
        id: 1,
        username: role.as_str().to_string(),
        role,
        scope: Scope::for_role(role, area).expect("role and area fit"),
        ip: Some("127.0.0.1".into()),
    }
}

/// Replaces the database name in a Postgres URL (the path after the host).
fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = base[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .unwrap_or(base.len());
    let mut out = format!("{}/{}", &base[..path_start], name);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// An xlsx workbook of one sheet whose `<sheetData>` is `sheet_data` and whose declared
/// dimension is `dimension` (`A1:XFD1048576`), written part by part as a deflated zip: for
/// tests of what uploads do with odd and hostile workbooks.
pub fn xlsx(sheet_data: &str, dimension: &str) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let parts = [
            ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
            ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
            ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
            ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>"#)),
        ];
        for (name, body) in parts {
            zip.start_file(name, opts).expect("part");
            zip.write_all(body.as_bytes()).expect("write");
        }
        zip.finish().expect("zip");
    }
    out.into_inner()
}

/// Ends the community's 初审公示 of file `target_id` as if its days had passed (its last day
/// becomes yesterday), for tests of what follows the notice; the notice rule itself is tested
/// by moving the clock.
pub async fn end_notice(db: &DatabaseConnection, target_id: i64) -> Result<(), DbErr> {
    use super::entity::assistance_target as target;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    target::Entity::update_many()
        .col_expr(
            target::Column::NoticeUntil,
            Expr::value(super::clock::today().pred_opt()),
        )
        .filter(target::Column::Id.eq(target_id))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn db_name_is_replaced() {
        assert_eq!(
            super::replace_db_name("postgres://postgres@127.0.0.1:5432/test", "t_1"),
            "postgres://postgres@127.0.0.1:5432/t_1"
        );
        assert_eq!(
            super::replace_db_name("postgres://h/test?sslmode=disable", "x"),
            "postgres://h/x?sslmode=disable"
        );
        assert_eq!(
            super::replace_db_name("postgres://h", "x"),
            "postgres://h/x"
        );
    }
}
