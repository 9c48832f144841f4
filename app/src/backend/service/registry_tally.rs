//! The registry's kept totals: how many titles lie in each area's subtree, per tier
//! (`registry_tally`, kept by triggers on `certification` in the writer's transaction;
//! migration 000025). Recounted from the titles and compared, or counted again from nothing.
//! Beside them, the registry's generation: a counter every write of titles moves.

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::collections::BTreeMap;

use crate::backend::db::BeginWrite;
use crate::model::AppError;

/// One kept total that differs from the titles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TallyDifference {
    /// The area's significant leading digits (`""` for the whole country)
    pub prefix: String,
    pub tier: String,
    pub kept: i64,
    pub counted: i64,
}

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TallyCheck {
    /// Kept totals compared (non-zero rows of `registry_tally`)
    pub kept: usize,
    pub differences: Vec<TallyDifference>,
}

/// Every title under each prefix of its community code (`''`, 2, 4, 6, 9 and 12 digits).
const RECOUNT: &str = "SELECT prefix, tier, CAST(COUNT(*) AS BIGINT) AS titles FROM (\
     SELECT '' AS prefix, tier FROM certification \
     UNION ALL SELECT substr(community_code, 1, 2), tier FROM certification \
     UNION ALL SELECT substr(community_code, 1, 4), tier FROM certification \
     UNION ALL SELECT substr(community_code, 1, 6), tier FROM certification \
     UNION ALL SELECT substr(community_code, 1, 9), tier FROM certification \
     UNION ALL SELECT community_code, tier FROM certification) t GROUP BY prefix, tier";

async fn totals<C: ConnectionTrait>(
    db: &C,
    sql: &str,
) -> Result<BTreeMap<(String, String), i64>, AppError> {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let mut out = BTreeMap::new();
    for r in rows {
        let titles: i64 = r.try_get("", "titles")?;
        if titles != 0 {
            out.insert((r.try_get("", "prefix")?, r.try_get("", "tier")?), titles);
        }
    }
    Ok(out)
}

/// Counts every title again and compares with the kept totals. Run while nobody writes titles.
pub async fn verify<C: ConnectionTrait>(db: &C) -> Result<TallyCheck, AppError> {
    let kept = totals(db, "SELECT prefix, tier, titles FROM registry_tally").await?;
    let counted = totals(db, RECOUNT).await?;
    let mut keys: Vec<&(String, String)> = kept.keys().chain(counted.keys()).collect();
    keys.sort();
    keys.dedup();
    let differences = keys
        .into_iter()
        .filter_map(|key| {
            let k = kept.get(key).copied().unwrap_or(0);
            let c = counted.get(key).copied().unwrap_or(0);
            (k != c).then(|| TallyDifference {
                prefix: key.0.clone(),
                tier: key.1.clone(),
                kept: k,
                counted: c,
            })
        })
        .collect();
    Ok(TallyCheck {
        kept: kept.len(),
        differences,
    })
}

/// Counts the kept totals again from the titles, in one transaction.
pub async fn rebuild(db: &DatabaseConnection) -> Result<(), AppError> {
    let txn = db.begin_write().await?;
    txn.execute_unprepared("DELETE FROM registry_tally").await?;
    txn.execute_unprepared(&format!(
        "INSERT INTO registry_tally (prefix, tier, titles) {RECOUNT}"
    ))
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The registry's generation: moved by every write of titles, by any server instance or
/// command on the database (a trigger, migration 000025). Errors: the database's.
pub async fn generation<C: ConnectionTrait>(db: &C) -> Result<i64, AppError> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT generation FROM registry_state WHERE id = 1",
        ))
        .await?;
    Ok(row
        .map(|r| r.try_get::<i64>("", "generation"))
        .transpose()?
        .unwrap_or(0))
}
