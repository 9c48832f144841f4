//! The households a ledger search finds inside a scope (issue 16 item 6): by 身份证号 exactly
//! through the blind index, or by part of the address and the start of a member's name. Each
//! query is bounded: at most [`BOUND`] households are found, newest first, so that a broad term
//! at city scale (one street of 400,000 households) costs as little as a narrow one.

use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};

use crate::backend::entity::{household, person};
use crate::backend::sealing;
use crate::domain::ledger_search::{
    LedgerTerm, newest, prefix_range, searches_addresses, searches_names,
};
use crate::domain::role::Scope;
use crate::domain::text::like_pattern;
use crate::model::AppError;

/// The most households one search finds; past it the count shows "1000+" and the worker narrows
/// the term (this system's default: 50 pages of 20).
pub const BOUND: u64 = 1_000;

/// What a search found: household ids, newest first, at most [`BOUND`].
#[derive(Debug, Default)]
pub struct Found {
    pub ids: Vec<i64>,
    /// More households match than `ids` holds.
    pub capped: bool,
}

/// The person with the 身份证号 `number` (normalised, 18 characters) inside `range`, as
/// (person id, household id): looked up by its blind index, so the number itself is never
/// compared or stored in the clear. `None` outside the range as for an unknown number.
pub async fn by_id_number<C: ConnectionTrait>(
    db: &C,
    range: Option<(String, String)>,
    number: &str,
) -> Result<Option<(i64, i64)>, AppError> {
    let index = sealing::id_number_index(number)?;
    let mut query = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .column(person::Column::HouseholdId)
        .filter(person::Column::IdNumberIndex.eq(index));
    if let Some((lo, hi)) = range {
        query = query.filter(person::Column::CommunityCode.between(lo, hi));
    }
    Ok(query.into_tuple().one(db).await?)
}

/// The households inside `scope` that match `term`, 零就业家庭 only with `zero_only`. Above a
/// street, a term must hold three characters to match addresses and two to match names
/// (`ledger_search::searches_addresses`, `searches_names`); one that can match neither is a
/// field error `q.too_short` on `q`.
pub async fn households(
    db: &DatabaseConnection,
    scope: &Scope,
    term: &LedgerTerm,
    zero_only: bool,
) -> Result<Found, AppError> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return matching(db, scope, term, zero_only).await;
    }
    // Each search is planned for its own term and scope: a plan made once for every term would
    // read a whole city's community index to narrow a trigram match of a few rows.
    let txn = db.begin().await?;
    txn.execute_unprepared("SET LOCAL plan_cache_mode = force_custom_plan")
        .await?;
    let found = matching(&txn, scope, term, zero_only).await?;
    txn.commit().await?;
    Ok(found)
}

async fn matching<C: ConnectionTrait>(
    db: &C,
    scope: &Scope,
    term: &LedgerTerm,
    zero_only: bool,
) -> Result<Found, AppError> {
    let range = scope.range();
    let level = match scope {
        Scope::National => None,
        Scope::Area(code) => Some(code.level()),
    };
    let mut lists: Vec<Vec<i64>> = Vec::new();
    match term {
        LedgerTerm::IdNumber(number) => {
            if let Some((_, household)) = by_id_number(db, range.clone(), number).await? {
                lists.push(vec![household]);
            }
        }
        LedgerTerm::Text { text, name_key } if searches_addresses(text, level) => {
            let mut by_address = household::Entity::find()
                .select_only()
                .column(household::Column::Id)
                .filter(
                    Expr::col((household::Entity, household::Column::Address))
                        .like(LikeExpr::new(like_pattern(text)).escape('\\')),
                );
            if let Some((lo, hi)) = &range {
                by_address = by_address.filter(household::Column::CommunityCode.between(lo, hi));
            }
            if zero_only {
                by_address = by_address.filter(household::Column::ZeroEmployment.eq(true));
            }
            let found: Vec<i64> = by_address
                .order_by_desc(household::Column::Id)
                .limit(BOUND + 1)
                .into_tuple()
                .all(db)
                .await?;
            lists.push(found);
            if searches_names(name_key, level) {
                lists.push(by_name(db, range, name_key, zero_only).await?);
            }
        }
        LedgerTerm::Text { name_key, .. } if searches_names(name_key, level) => {
            lists.push(by_name(db, range, name_key, zero_only).await?);
        }
        LedgerTerm::Text { .. } => return Err(AppError::field("q", "q.too_short")),
    }
    // The household of the member with that number, when only 零就业家庭 are asked for.
    if let (true, LedgerTerm::IdNumber(_), Some(ids)) = (zero_only, term, lists.first_mut()) {
        *ids = household::Entity::find()
            .select_only()
            .column(household::Column::Id)
            .filter(household::Column::Id.is_in(ids.iter().copied()))
            .filter(household::Column::ZeroEmployment.eq(true))
            .into_tuple()
            .all(db)
            .await?;
    }
    let (ids, capped) = newest(lists, BOUND as usize);
    Ok(Found { ids, capped })
}

/// The households (newest first, at most `BOUND + 1`) with a member inside `range` whose name
/// starts with `name_key` (`person_name::match_key` form).
async fn by_name<C: ConnectionTrait>(
    db: &C,
    range: Option<(String, String)>,
    name_key: &str,
    zero_only: bool,
) -> Result<Vec<i64>, AppError> {
    let (from, until) = prefix_range(name_key);
    let mut cond = Condition::all()
        .add(person::Column::NameKey.gte(from))
        .add(person::Column::NameKey.lt(until));
    if let Some((lo, hi)) = range {
        cond = cond.add(person::Column::CommunityCode.between(lo, hi));
    }
    if zero_only {
        cond = cond.add(
            person::Column::HouseholdId.in_subquery(
                Query::select()
                    .column(household::Column::Id)
                    .from(household::Entity)
                    .and_where(household::Column::ZeroEmployment.eq(true))
                    .to_owned(),
            ),
        );
    }
    Ok(person::Entity::find()
        .select_only()
        .column(person::Column::HouseholdId)
        .distinct()
        .filter(cond)
        .order_by_desc(person::Column::HouseholdId)
        .limit(BOUND + 1)
        .into_tuple()
        .all(db)
        .await?)
}
