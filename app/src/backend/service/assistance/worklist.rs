//! A field worker's day: households due for a visit, open 零就业家庭 cases with their
//! deadlines, review files waiting at the account's step, overdue plan services, new cases. All scoped to the account.

use crate::backend::clock::today;
use chrono::Days;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::backend::actor::Actor;
use crate::backend::entity::household;
use crate::backend::service::policies::Versions;
use crate::backend::service::{
    areas, assistance::plans, assistance::targets, ledger::duplicates, ledger::households,
    ledger::zero_cases, policies,
};
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::work::WorkList;

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

pub async fn for_actor(db: &DatabaseConnection, actor: &Actor) -> Result<WorkList, AppError> {
    if !actor.role.writes_ledger() {
        return Err(AppError::Forbidden);
    }
    let on = today();
    let versions = policies::versions(db).await?;
    // The server applies the rules everywhere hourly; a coordinator's own community (a few
    // dozen files) is brought up to date before the list is drawn.
    if actor.role == Role::Coordinator {
        sweep(db, actor.scope.range(), on, &versions).await?;
    }
    let soon = on.checked_add_days(Days::new(7)).unwrap_or(on);
    let mut cond = Condition::all().add(
        Condition::any()
            .add(household::Column::NextVisitOn.is_null())
            .add(household::Column::NextVisitOn.lte(soon)),
    );
    if let Some((lo, hi)) = actor.scope.range() {
        cond = cond.add(household::Column::CommunityCode.between(lo, hi));
    }
    let due = household::Entity::find()
        .filter(cond)
        .order_by_asc(household::Column::NextVisitOn)
        .order_by_asc(household::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    let codes: Vec<String> = due.iter().map(|h| h.community_code.clone()).collect();
    let names = areas::names(db, &codes).await?;
    let due_visits = due
        .iter()
        .map(|h| {
            let name = names.get(&h.community_code).cloned().unwrap_or_default();
            households::to_item(h, name, 0)
        })
        .collect();
    let since = on.checked_sub_days(Days::new(30)).unwrap_or(on);
    Ok(WorkList {
        today: on.format("%Y-%m-%d").to_string(),
        due_visits,
        zero_cases: zero_cases::open_cases(db, actor, on, &versions).await?,
        zero_summary: zero_cases::summary(db, actor, on, &versions).await?,
        reviews: targets::queue(db, actor).await?,
        overdue_items: plans::overdue(db, actor, on).await?,
        new_cases: zero_cases::identified_since(db, actor, since).await?,
        open_duplicates: duplicates::open_count(db, actor).await?,
    })
}
