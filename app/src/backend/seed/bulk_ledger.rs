//! A large synthetic ledger for benchmarks: households and members spread over every community
//! under an area, written in batches (one transaction each) with ids assigned up front.
//! Marked as demo data. Not for production databases.

use crate::backend::clock;
use crate::backend::db::BeginWrite;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashSet;

use super::bulk_history::History;
use super::ledger::{Builder, member_row, members};
use crate::backend::clock::today;
use crate::backend::entity::{area, household, person, zero_case};
use crate::domain::area_code::AreaCode;
use crate::domain::ledger::{HouseholdFacts, is_zero_employment};
use crate::domain::policy::AssistancePolicy;
use crate::model::AppError;

/// Households written per transaction.
const BATCH: usize = 500;

async fn max_id<C: ConnectionTrait>(conn: &C, table: &str) -> Result<i64, AppError> {
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            format!("SELECT COALESCE(MAX(id), 0) AS m FROM {table}"),
        ))
        .await?;
    Ok(row
        .and_then(|r| r.try_get::<i64>("", "m").ok())
        .unwrap_or(0))
}

/// Writes `households` households (about 2.5 members each) over the communities under `area`;
/// returns (households, people). With `history`, each household also gets two years of visits
/// and some an assistance file with its plan, card and exit (`bulk_history`), for the
/// performance figures. `progress` gets the households written so far.
pub async fn seed(
    db: &DatabaseConnection,
    area_code: &str,
    households: u64,
    history: bool,
    mut progress: impl FnMut(u64),
) -> Result<(u64, u64), AppError> {
    let area = AreaCode::parse(area_code).map_err(|_| AppError::field("area", "area.malformed"))?;
    let (lo, hi) = area.subtree_range();
    let communities: Vec<String> = area::Entity::find()
        .select_only()
        .column(area::Column::Code)
        .filter(area::Column::Level.eq(5))
        .filter(area::Column::Code.between(lo, hi))
        .order_by_asc(area::Column::Code)
        .into_tuple()
        .all(db)
        .await?;
    if communities.is_empty() {
        return Err(AppError::field("area", "area.no_communities"));
    }
    // ID numbers already stored stay unique (compared by their blind indexes).
    let taken: HashSet<String> = person::Entity::find()
        .select_only()
        .column(person::Column::IdNumberIndex)
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let policy = AssistancePolicy::default();
    let mut b = Builder {
        rng: StdRng::seed_from_u64(400_000),
        numbers: taken,
        ring: crate::backend::sealing::keyring()?,
        today: today(),
        county: String::new(),
    };
    let mut next_h = max_id(db, "household").await? + 1;
    let mut next_p = max_id(db, "person").await? + 1;
    let mut past = History::new(max_id(db, "assistance_target").await? + 1);
    let (mut written, mut people) = (0u64, 0u64);
    while written < households {
        let txn = db.begin_write().await?;
        let mut h_rows = Vec::with_capacity(BATCH);
        let mut p_rows = Vec::with_capacity(BATCH * 3);
        let mut cases = Vec::new();
        for _ in 0..BATCH.min((households - written) as usize) {
            let community = &communities[(written as usize + h_rows.len()) % communities.len()];
            b.county = community[..6].to_string();
            let zero = b.rng.gen_ratio(1, 200);
            let built = members(&mut b, zero);
            let facts = HouseholdFacts {
                urban_hukou: zero || b.rng.gen_bool(0.85),
                business_income: !zero && b.rng.gen_bool(0.1),
                members: built.iter().map(|m| m.facts()).collect(),
            };
            let now = if history {
                past.add(
                    &mut b.rng,
                    b.today,
                    next_h,
                    next_p,
                    community,
                    &policy.version,
                )
            } else {
                clock::now()
            };
            let is_zero = is_zero_employment(&facts, b.today, &policy);
            if is_zero {
                // Each 零就业家庭 has its case, found some days ago.
                let identified = b
                    .today
                    .checked_sub_days(chrono::Days::new(b.rng.gen_range(1..60)))
                    .unwrap_or(b.today);
                cases.push(zero_case::ActiveModel {
                    id: NotSet,
                    household_id: Set(next_h),
                    community_code: Set(community.clone()),
                    identified_on: Set(identified),
                    assisted_on: Set(None),
                    cleared_on: Set(None),
                    stable_on: Set(None),
                    policy_version: Set(policy.version.clone()),
                });
            }
            h_rows.push(household::ActiveModel {
                id: Set(next_h),
                community_code: Set(community.clone()),
                address: Set(format!(
                    "{}路{}号{}栋{}",
                    ["幸福", "和平", "建设", "人民", "解放", "新华"][b.rng.gen_range(0..6)],
                    b.rng.gen_range(1..400),
                    b.rng.gen_range(1..20),
                    b.rng.gen_range(101..2808)
                )),
                hukou_code: Set(Some(format!("{}000000", &community[..6]))),
                urban_hukou: Set(facts.urban_hukou),
                business_income: Set(facts.business_income),
                note: Set(None),
                zero_employment: Set(is_zero),
                last_visit_on: Set(None),
                next_visit_on: Set(None),
                is_demo: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            });
            for m in &built {
                let mut row = member_row(&mut b, m, next_h, community)?;
                row.id = Set(next_p);
                next_p += 1;
                p_rows.push(row);
            }
            next_h += 1;
        }
        written += h_rows.len() as u64;
        people += p_rows.len() as u64;
        household::Entity::insert_many(h_rows).exec(&txn).await?;
        for chunk in p_rows.chunks(BATCH) {
            person::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await?;
        }
        if !cases.is_empty() {
            zero_case::Entity::insert_many(cases).exec(&txn).await?;
        }
        past.write(&txn).await?;
        txn.commit().await?;
        progress(written);
    }
    // Postgres hands out ids from sequences: move them past the ids written here.
    if db.get_database_backend() == DatabaseBackend::Postgres {
        for table in ["household", "person", "assistance_target"] {
            db.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await?;
        }
    }
    crate::backend::service::ledger::tally::recount(db).await?;
    // Written past the services: the performance figures are counted again everywhere.
    crate::backend::service::changed_areas::mark(
        db,
        crate::backend::service::changed_areas::EVERYWHERE,
    )
    .await?;
    Ok((written, people))
}
