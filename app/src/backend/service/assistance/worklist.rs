//! A field worker's day: households due for a visit, open 零就业家庭 cases with their
//! deadlines, review files waiting at the account's step, overdue plan services, new cases. All scoped to the account.

use crate::backend::clock::today;
use chrono::Days;
use sea_orm::sea_query::NullOrdering;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, Order, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::backend::actor::Actor;
use crate::backend::entity::household;
use crate::backend::service::policies::Versions;
use crate::backend::service::{
    areas, assistance::plans, assistance::targets, ledger::duplicates, ledger::households,
    ledger::zero_cases, policies,
};
use crate::domain::role::Role;
use crate::domain::worklist::{WorkGroup, WorkView, slice};
use crate::model::AppError;
use crate::model::ledger::HouseholdItem;
use crate::model::work::{GroupCount, WorkCounts, WorkList, WorkQuery};

/// Applies what the data proves by the passing of time, inside `range` of community codes (or
/// everywhere): cleared 零就业家庭 that became stable, and the exits of confirmed files. Run
/// hourly by the server and before a worker's list is drawn. Returns (stable, exits).
pub async fn sweep(
    db: &DatabaseConnection,
    range: Option<(String, String)>,
    on: chrono::NaiveDate,
    versions: &Versions,
) -> Result<(u64, u64), AppError> {
    let stable = zero_cases::sweep(db, range.clone(), on, versions).await?;
    let exits = targets::apply_proven_exits(db, range, on, versions).await?;
    Ok((stable, exits))
}

/// The actor's work list for `query` (see [`WorkQuery`]), every group the most urgent first.
/// Errors: `Forbidden` for roles that keep no ledger; a field error on `group` or `page` for a
/// value out of range.
pub async fn for_actor(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &WorkQuery,
) -> Result<WorkList, AppError> {
    if !actor.role.writes_ledger() {
        return Err(AppError::Forbidden);
    }
    let view = parse_view(query)?;
    let on = today();
    let versions = policies::versions(db).await?;
    // The server applies the rules everywhere hourly; a coordinator's own community (a few
    // dozen files) is brought up to date before the list is drawn.
    if actor.role == Role::Coordinator {
        sweep(db, actor.scope.range(), on, &versions).await?;
    }
    let zero = zero_cases::open_cases(db, actor, on, &versions).await?;
    let reviews = targets::queue(db, actor).await?;
    let services = plans::overdue(db, actor, on).await?;
    let (visits, visits_count) = due_visits(db, actor, on, view.window(WorkGroup::Visits)).await?;
    let counts = WorkCounts {
        zero: bounded_count(&zero, zero_cases::OPEN_BOUND, |c| c.overdue),
        reviews: bounded_count(&reviews, targets::QUEUE_BOUND, |t| t.overdue),
        services: bounded_count(&services, plans::OVERDUE_BOUND, |_| true),
        visits: visits_count,
    };
    let since = on.checked_sub_days(Days::new(30)).unwrap_or(on);
    Ok(WorkList {
        today: on.format("%Y-%m-%d").to_string(),
        group: view.group,
        page: view.page,
        pages: view.group.map_or(1, |g| view.pages(counts.of(g).total)),
        counts,
        due_visits: visits,
        zero_cases: slice(zero, view.window(WorkGroup::Zero)),
        zero_summary: zero_cases::summary(db, actor, on, &versions).await?,
        reviews: slice(reviews, view.window(WorkGroup::Reviews)),
        overdue_items: slice(services, view.window(WorkGroup::Services)),
        new_cases: zero_cases::identified_since(db, actor, since).await?,
        open_duplicates: duplicates::open_count(db, actor).await?,
    })
}

fn parse_view(query: &WorkQuery) -> Result<WorkView, AppError> {
    let group = match query.group.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(g) => {
            Some(WorkGroup::parse(g).ok_or_else(|| AppError::field("group", "work.bad_group"))?)
        }
    };
    let page = crate::backend::service::paging(query.page.as_deref(), None)?.page;
    Ok(WorkView { group, page })
}

fn bounded_count<T>(items: &[T], bound: u64, overdue: impl Fn(&T) -> bool) -> GroupCount {
    GroupCount {
        total: items.len() as u64,
        overdue: items.iter().filter(|i| overdue(i)).count() as u64,
        capped: items.len() as u64 >= bound,
    }
}

/// Households never visited or due within a week, inside the actor's scope: the window's slice
/// (never-visited first, then the earliest due) and the group's counts, in three queries.
async fn due_visits(
    db: &DatabaseConnection,
    actor: &Actor,
    on: chrono::NaiveDate,
    window: Option<(u64, u64)>,
) -> Result<(Vec<HouseholdItem>, GroupCount), AppError> {
    let soon = on.checked_add_days(Days::new(7)).unwrap_or(on);
    let mut scope = Condition::all();
    if let Some((lo, hi)) = actor.scope.range() {
        scope = scope.add(household::Column::CommunityCode.between(lo, hi));
    }
    let due = scope.clone().add(
        Condition::any()
            .add(household::Column::NextVisitOn.is_null())
            .add(household::Column::NextVisitOn.lte(soon)),
    );
    let total = household::Entity::find()
        .filter(due.clone())
        .count(db)
        .await?;
    let overdue = household::Entity::find()
        .filter(scope.add(household::Column::NextVisitOn.lt(on)))
        .count(db)
        .await?;
    let count = GroupCount {
        total,
        overdue,
        capped: false,
    };
    let Some((offset, limit)) = window else {
        return Ok((Vec::new(), count));
    };
    let rows = household::Entity::find()
        .filter(due)
        .order_by_with_nulls(
            household::Column::NextVisitOn,
            Order::Asc,
            NullOrdering::First,
        )
        .order_by_asc(household::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    let codes: Vec<String> = rows.iter().map(|h| h.community_code.clone()).collect();
    let names = areas::names(db, &codes).await?;
    let items = rows
        .iter()
        .map(|h| {
            let name = names.get(&h.community_code).cloned().unwrap_or_default();
            households::to_item(h, name, 0)
        })
        .collect();
    Ok((items, count))
}
