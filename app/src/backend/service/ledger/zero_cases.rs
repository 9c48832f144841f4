//! 零就业家庭 cases: opened when the ledger shows a household as zero-employment (never ticked
//! by hand), marked assisted when a member's assistance file opens, cleared when the household
//! is no longer zero-employment, stable when it still is not after the stable period.

use chrono::{Months, NaiveDate};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

use crate::backend::actor::Actor;
use crate::backend::entity::{household, zero_case};
use crate::backend::service::areas;
use crate::backend::service::policies::Versions;
use crate::domain::calendar::{ymd, ymd_opt};
use crate::domain::policy::AssistancePolicy;
use crate::domain::zero_employment::{ZeroCase, standing};
use crate::model::AppError;
use crate::model::work::{CommunityZeroRow, OpenOnDay, ZeroCaseItem, ZeroOverview, ZeroSummary};

fn domain_case(c: &zero_case::Model) -> ZeroCase {
    ZeroCase {
        identified_on: c.identified_on,
        assisted_on: c.assisted_on,
        cleared_on: c.cleared_on,
        stable_on: c.stable_on,
    }
}

async fn open_case<C: ConnectionTrait>(
    conn: &C,
    household_id: i64,
) -> Result<Option<zero_case::Model>, AppError> {
    Ok(zero_case::Entity::find()
        .filter(zero_case::Column::HouseholdId.eq(household_id))
        .filter(zero_case::Column::ClearedOn.is_null())
        .one(conn)
        .await?)
}

/// Follows a household's 零就业家庭 flag: opens a case when it turns zero-employment, clears
/// the open case when it no longer is.
pub async fn follow<C: ConnectionTrait>(
    conn: &C,
    h: &household::Model,
    is_zero: bool,
    on: NaiveDate,
    policy: &AssistancePolicy,
) -> Result<(), AppError> {
    let open = open_case(conn, h.id).await?;
    match (is_zero, open) {
        (true, None) => {
            zero_case::Entity::insert(zero_case::ActiveModel {
                id: NotSet,
                household_id: Set(h.id),
                community_code: Set(h.community_code.clone()),
                identified_on: Set(on),
                assisted_on: Set(None),
                cleared_on: Set(None),
                stable_on: Set(None),
                policy_version: Set(policy.version.clone()),
            })
            .exec(conn)
            .await?;
        }
        (false, Some(case)) => {
            zero_case::Entity::update_many()
                .col_expr(zero_case::Column::ClearedOn, Expr::value(on))
                .filter(zero_case::Column::Id.eq(case.id))
                .exec(conn)
                .await?;
        }
        _ => {}
    }
    Ok(())
}

/// Removes the household's open case when it turns out never to have been one (its only member
/// was a duplicate entry merged into another record). The audit log keeps the merge.
pub async fn void_open<C: ConnectionTrait>(conn: &C, household_id: i64) -> Result<(), AppError> {
    zero_case::Entity::delete_many()
        .filter(zero_case::Column::HouseholdId.eq(household_id))
        .filter(zero_case::Column::ClearedOn.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Marks the household's open case as assisted (援助), the first time only.
pub async fn assisted<C: ConnectionTrait>(
    conn: &C,
    household_id: i64,
    on: NaiveDate,
) -> Result<(), AppError> {
    zero_case::Entity::update_many()
        .col_expr(zero_case::Column::AssistedOn, Expr::value(on))
        .filter(zero_case::Column::HouseholdId.eq(household_id))
        .filter(zero_case::Column::ClearedOn.is_null())
        .filter(zero_case::Column::AssistedOn.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Marks as stable the cleared cases (of the communities in `range`, or all) whose household is
/// still not zero-employment once the stable period has passed (the stable date is the end of
/// that period). Each case is judged by the policy version it was opened under.
pub async fn sweep<C: ConnectionTrait>(
    conn: &C,
    range: Option<(String, String)>,
    on: NaiveDate,
    versions: &Versions,
) -> Result<u64, AppError> {
    // Cleared at least a month ago: no policy asks for less (the exact period is checked below).
    let limit = on
        .checked_sub_months(Months::new(1))
        .unwrap_or(NaiveDate::MIN);
    let mut query = zero_case::Entity::find()
        .filter(zero_case::Column::StableOn.is_null())
        .filter(zero_case::Column::ClearedOn.lte(limit));
    if let Some((lo, hi)) = range {
        query = query.filter(zero_case::Column::CommunityCode.between(lo, hi));
    }
    let due = query.all(conn).await?;
    let mut n = 0;
    for case in due {
        let policy = versions.get(&case.policy_version);
        if domain_case(&case)
            .stable_from(policy)
            .is_none_or(|d| d > on)
        {
            continue;
        }
        let still_zero = household::Entity::find_by_id(case.household_id)
            .one(conn)
            .await?
            .is_some_and(|h| h.zero_employment);
        if let (false, Some(from)) = (still_zero, domain_case(&case).stable_from(policy)) {
            zero_case::Entity::update_many()
                .col_expr(zero_case::Column::StableOn, Expr::value(from))
                .filter(zero_case::Column::Id.eq(case.id))
                .exec(conn)
                .await?;
            n += 1;
        }
    }
    Ok(n)
}

fn scope_filter(actor: &Actor) -> Condition {
    match actor.scope.range() {
        Some((lo, hi)) => Condition::all().add(zero_case::Column::CommunityCode.between(lo, hi)),
        None => Condition::all(),
    }
}

/// The most cases [`open_cases`] reads (a work list says "at least" when it is reached).
pub const OPEN_BOUND: u64 = 200;

/// The open cases in the actor's area, the nearest deadline first.
pub async fn open_cases<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    on: NaiveDate,
    versions: &Versions,
) -> Result<Vec<ZeroCaseItem>, AppError> {
    let rows = zero_case::Entity::find()
        .filter(scope_filter(actor))
        .filter(zero_case::Column::ClearedOn.is_null())
        .order_by_asc(zero_case::Column::IdentifiedOn)
        .order_by_asc(zero_case::Column::Id)
        .limit(OPEN_BOUND)
        .all(conn)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|c| c.household_id).collect();
    let addresses: HashMap<i64, String> = household::Entity::find()
        .filter(household::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|h| (h.id, h.address))
        .collect();
    let codes: Vec<String> = rows.iter().map(|c| c.community_code.clone()).collect();
    let names = areas::names(conn, &codes).await?;
    Ok(rows
        .iter()
        .map(|c| {
            let case = domain_case(c);
            let policy = versions.get(&c.policy_version);
            ZeroCaseItem {
                id: c.id,
                household_id: c.household_id,
                address: addresses.get(&c.household_id).cloned().unwrap_or_default(),
                community_name: names.get(&c.community_code).cloned().unwrap_or_default(),
                stage: case.stage(),
                identified_on: ymd(c.identified_on),
                assisted_on: ymd_opt(c.assisted_on),
                cleared_on: ymd_opt(c.cleared_on),
                stable_on: ymd_opt(c.stable_on),
                clear_by: ymd(case.clear_by(policy)),
                overdue: case.is_overdue(on, policy),
            }
        })
        .collect())
}

/// Counts in the actor's area: open now, overdue (open past the deadline or cleared late),
/// cleared, stable.
pub async fn summary<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    on: NaiveDate,
    versions: &Versions,
) -> Result<ZeroSummary, AppError> {
    let rows = zero_case::Entity::find()
        .filter(scope_filter(actor))
        .all(conn)
        .await?;
    let mut s = ZeroSummary::default();
    for (c, policy) in rows
        .iter()
        .map(|r| (domain_case(r), versions.get(&r.policy_version)))
    {
        if c.stage().is_open() {
            s.open += 1;
        } else {
            s.cleared += 1;
        }
        if c.stable_on.is_some() {
            s.stable += 1;
        }
        if c.is_overdue(on, policy) {
            s.overdue += 1;
        }
    }
    Ok(s)
}

/// Cases identified in the actor's area since `since`.
pub async fn identified_since<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    since: NaiveDate,
) -> Result<u64, AppError> {
    Ok(zero_case::Entity::find()
        .filter(scope_filter(actor))
        .filter(zero_case::Column::IdentifiedOn.gte(since))
        .count(conn)
        .await?)
}

/// Every community of the actor's area with 零就业家庭 this year (open now, or open or
/// identified since 1 January): its count now, 基数归零 and 动态归零, and the month-end counts.
/// Overdue communities first, then the most open households.
pub async fn overview<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    on: NaiveDate,
    versions: &Versions,
) -> Result<ZeroOverview, AppError> {
    if !actor.role.reads_ledger() {
        return Err(AppError::Forbidden);
    }
    let start = NaiveDate::from_ymd_opt(chrono::Datelike::year(&on), 1, 1).unwrap_or(on);
    let rows = zero_case::Entity::find()
        .filter(scope_filter(actor))
        .filter(
            Condition::any()
                .add(zero_case::Column::ClearedOn.is_null())
                .add(zero_case::Column::ClearedOn.gte(start)),
        )
        .filter(zero_case::Column::IdentifiedOn.lte(on))
        .all(conn)
        .await?;
    let mut by_community: HashMap<String, Vec<(ZeroCase, NaiveDate)>> = HashMap::new();
    for r in &rows {
        let case = domain_case(r);
        let by = case.clear_by(versions.get(&r.policy_version));
        by_community
            .entry(r.community_code.clone())
            .or_default()
            .push((case, by));
    }
    let codes: Vec<String> = by_community.keys().cloned().collect();
    let names = areas::names(conn, &codes).await?;
    let mut communities: Vec<CommunityZeroRow> = by_community
        .into_iter()
        .map(|(code, cases)| {
            let s = standing(&cases, start, on);
            CommunityZeroRow {
                community_name: names.get(&code).cloned().unwrap_or_default(),
                community_code: code,
                open_now: s.open_now,
                overdue_now: s.overdue_now,
                base: s.base,
                base_cleared: s.base_cleared,
                new_in_period: s.new_in_period,
                dynamic_cleared: s.dynamic_cleared,
                history: s
                    .history
                    .into_iter()
                    .map(|(day, open)| OpenOnDay {
                        day: ymd(day),
                        open,
                    })
                    .collect(),
            }
        })
        .collect();
    communities.sort_by(|a, b| {
        (b.overdue_now, b.open_now, &a.community_code).cmp(&(
            a.overdue_now,
            a.open_now,
            &b.community_code,
        ))
    });
    Ok(ZeroOverview {
        period_start: ymd(start),
        on: ymd(on),
        communities,
    })
}
