//! The kept coverage figures (`coverage_tally`, migration 000026): per area prefix of 2, 4, 6
//! and 9 digits, unit level and code class (the first type digit), the units and how many have an institution, staff
//! and all six in place, kept by triggers on `area` and `platform` in the writer's transaction.
//! Read by the coverage report for the country, provinces, cities and counties; recounted from
//! the registers and compared, or counted again from nothing (`jiceng rollups`).

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, QueryResult, Statement};
use std::collections::BTreeMap;

use crate::backend::db::BeginWrite;
use crate::domain::platform::UnitCounts;
use crate::model::AppError;

/// The prefix lengths kept: a report whose children are named by these many digits reads the
/// kept figures; a street's (children of 12 digits) counts its few units live.
pub const KEPT_DIGITS: [usize; 4] = [2, 4, 6, 9];

/// One kept group: the units of one level and code class under one prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptGroup {
    pub prefix: String,
    /// A unit code of the group (its level and type digits classify it)
    pub sample: String,
    pub counts: UnitCounts,
}

/// (digits, prefix, level, kind) of a kept figure.
type Key = (i64, String, i64, String);

/// One kept figure that differs from the registers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverageDifference {
    pub prefix: String,
    pub level: i64,
    pub kind: String,
    /// (units, institution, staffed, six) kept and counted
    pub kept: [i64; 4],
    pub counted: [i64; 4],
}

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverageCheck {
    /// Kept figures compared (rows of `coverage_tally` with units)
    pub kept: usize,
    pub differences: Vec<CoverageDifference>,
}

/// Every township- and village-level unit counted under each kept prefix of its code.
const RECOUNT: &str = "SELECT CAST(ds.d AS BIGINT) AS digits, substr(a.code, 1, ds.d) AS prefix, \
     CAST(a.level AS BIGINT) AS level, \
     CASE WHEN a.level = 5 THEN substr(a.code, 10, 1) ELSE substr(a.code, 7, 1) END AS kind, \
     MIN(a.code) AS sample, CAST(COUNT(*) AS BIGINT) AS units, \
     CAST(SUM(CASE WHEN p.institution THEN 1 ELSE 0 END) AS BIGINT) AS institution, \
     CAST(SUM(CASE WHEN p.full_time_staff + p.part_time_staff > 0 THEN 1 ELSE 0 END) AS BIGINT) \
       AS staffed, \
     CAST(SUM(CASE WHEN p.institution AND p.staff AND p.full_time_staff + p.part_time_staff > 0 \
       AND p.funding AND p.venue AND p.rules AND p.work THEN 1 ELSE 0 END) AS BIGINT) AS six \
     FROM area a LEFT JOIN platform p ON p.area_code = a.code \
     CROSS JOIN (SELECT 2 AS d UNION ALL SELECT 4 UNION ALL SELECT 6 UNION ALL SELECT 9) ds \
     WHERE a.level >= 4 \
     GROUP BY ds.d, substr(a.code, 1, ds.d), a.level, \
       CASE WHEN a.level = 5 THEN substr(a.code, 10, 1) ELSE substr(a.code, 7, 1) END";

const KEPT: &str = "SELECT CAST(digits AS BIGINT) AS digits, prefix, CAST(level AS BIGINT) AS level, \
     kind, units, institution, staffed, six FROM coverage_tally";

async fn figures<C: ConnectionTrait>(
    db: &C,
    sql: &str,
) -> Result<BTreeMap<Key, [i64; 4]>, AppError> {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let mut out = BTreeMap::new();
    for r in rows {
        let f: [i64; 4] = [
            r.try_get("", "units")?,
            r.try_get("", "institution")?,
            r.try_get("", "staffed")?,
            r.try_get("", "six")?,
        ];
        if f != [0; 4] {
            let key = (
                r.try_get("", "digits")?,
                r.try_get("", "prefix")?,
                r.try_get("", "level")?,
                r.try_get("", "kind")?,
            );
            out.insert(key, f);
        }
    }
    Ok(out)
}

/// Counts every unit again and compares with the kept figures. Run while nobody writes areas
/// or platforms. Errors: the database's.
pub async fn verify<C: ConnectionTrait>(db: &C) -> Result<CoverageCheck, AppError> {
    let kept = figures(db, KEPT).await?;
    let counted = figures(db, RECOUNT).await?;
    let mut keys: Vec<&Key> = kept.keys().chain(counted.keys()).collect();
    keys.sort();
    keys.dedup();
    let differences = keys
        .into_iter()
        .filter_map(|key| {
            let k = kept.get(key).copied().unwrap_or([0; 4]);
            let c = counted.get(key).copied().unwrap_or([0; 4]);
            (k != c).then(|| CoverageDifference {
                prefix: key.1.clone(),
                level: key.2,
                kind: key.3.clone(),
                kept: k,
                counted: c,
            })
        })
        .collect();
    Ok(CoverageCheck {
        kept: kept.len(),
        differences,
    })
}

/// Counts the kept figures again from the registers, in one transaction. Errors: the
/// database's.
pub async fn rebuild(db: &DatabaseConnection) -> Result<(), AppError> {
    let txn = db.begin_write().await?;
    txn.execute_unprepared("DELETE FROM coverage_tally").await?;
    txn.execute_unprepared(&format!(
        "INSERT INTO coverage_tally \
         (digits, prefix, level, kind, sample, units, institution, staffed, six) \
         SELECT digits, prefix, level, kind, sample, units, institution, staffed, six \
         FROM ({RECOUNT}) t"
    ))
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The kept groups whose prefix has `digits` digits (one of [`KEPT_DIGITS`]) and lies within
/// `lo..=hi` (12-digit codes bounding a subtree; cut to `digits`). Errors: the database's.
pub async fn groups<C: ConnectionTrait>(
    conn: &C,
    digits: usize,
    lo: &str,
    hi: &str,
) -> Result<Vec<KeptGroup>, AppError> {
    let backend = conn.get_database_backend();
    let cut = |s: &str| s.get(..digits).unwrap_or(s).to_string();
    let (d, l, h) = match backend {
        DatabaseBackend::Postgres => ("$1", "$2", "$3"),
        _ => ("?", "?", "?"),
    };
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "SELECT prefix, sample, units, institution, staffed, six FROM coverage_tally \
                 WHERE digits = {d} AND prefix >= {l} AND prefix <= {h} AND units > 0"
            ),
            [
                i16::try_from(digits).unwrap_or(i16::MAX).into(),
                cut(lo).into(),
                cut(hi).into(),
            ],
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok(KeptGroup {
                prefix: r.try_get("", "prefix")?,
                sample: r.try_get("", "sample")?,
                counts: unit_counts(r)?,
            })
        })
        .collect()
}

/// The counts of a row that names them `units`, `institution`, `staffed` and `six` (a kept
/// figure or a live count grouped the same way); a negative count reads as 0.
/// Errors: a column missing or not an integer.
pub(super) fn unit_counts(r: &QueryResult) -> Result<UnitCounts, sea_orm::DbErr> {
    let n = |column: &str| -> Result<u64, sea_orm::DbErr> {
        Ok(u64::try_from(r.try_get::<i64>("", column)?).unwrap_or(0))
    };
    Ok(UnitCounts {
        units: n("units")?,
        institution: n("institution")?,
        staffed: n("staffed")?,
        six_in_place: n("six")?,
    })
}
