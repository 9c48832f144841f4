//! The 劳动保障协理员 registry: who they are, where they work, and the records the grade rules
//! read. HR managers keep the records of their area; officers of the area read them (numbers
//! masked); a coordinator reads their own. Every view explains the grade rules rule by rule
//! under the policy in force in the coordinator's province.

mod access;
mod history;
pub mod ratings_import;
pub mod records;
mod view;

use crate::backend::clock;
use crate::backend::clock::today;
use crate::backend::db::BeginWrite;
use access::{KEEPERS, READERS, is_self};
pub(crate) use access::{find, require_keep};
use view::rating_view;
pub(crate) use view::{records_of, view};

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::audit::{self, By};
use super::{areas, changed_areas, versioned};
use crate::backend::actor::Actor;
use crate::backend::entity::{account, coordinator as row, coordinator_grade};
use crate::backend::sealing::{self, Field};
use crate::backend::service::platforms::policy;
use crate::domain::area_code::AreaCode;
use crate::domain::calendar::ymd;
use crate::domain::grading::{Employment, Grade, GradePolicy, is_candidate, promotion_checks};
use crate::domain::id_card;
use crate::domain::role::{Role, Scope};
use crate::domain::text;
use crate::model::coordinator::{
    CheckedCoordinator, CoordinatorInput, CoordinatorQuery, CoordinatorRow, CoordinatorView,
    LeaveInput,
};
use crate::model::{AppError, Page};

/// One coordinator by id.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<CoordinatorView, AppError> {
    let c = find(db, id).await?;
    view(db, actor, &c, today()).await
}

/// The signed-in coordinator's own record (404 when none is linked to the account).
pub async fn mine(db: &DatabaseConnection, actor: &Actor) -> Result<CoordinatorView, AppError> {
    let c = row::Entity::find()
        .filter(row::Column::AccountUsername.eq(&actor.username))
        .one(db)
        .await?
        .filter(|c| is_self(actor, c))
        .ok_or(AppError::NotFound)?;
    view(db, actor, &c, today()).await
}

/// The coordinators of the actor's area (narrowed to `q.area`), by area and name, numbers
/// masked.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    q: &CoordinatorQuery,
) -> Result<Page<CoordinatorRow>, AppError> {
    if !READERS.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    let requested = areas::parse_filter(q.area.as_deref(), "area")?;
    let term =
        text::search_term(q.q.as_deref(), 50).map_err(|_| AppError::field("q", "q.too_long"))?;
    let paging = super::paging(q.page.as_deref(), q.per_page.as_deref())?;
    let scope = actor.scope.narrow(requested).ok_or(AppError::OutOfScope)?;
    let mut cond = Condition::all().add(row::Column::LeftOn.is_null());
    if let Scope::Area(a) = scope {
        let (lo, hi) = a.subtree_range();
        cond = cond.add(row::Column::AreaCode.between(lo, hi));
    }
    if let Some(term) = &term {
        cond = cond.add(
            Expr::col((row::Entity, row::Column::Name))
                .like(LikeExpr::new(text::like_pattern(term)).escape('\\')),
        );
    }
    let query = row::Entity::find().filter(cond);
    let total = query.clone().count(db).await?;
    let found = query
        .order_by_asc(row::Column::AreaCode)
        .order_by_asc(row::Column::Name)
        .offset(paging.offset())
        .limit(paging.per_page)
        .all(db)
        .await?;
    let on = today();
    let ids: Vec<i64> = found.iter().map(|c| c.id).collect();
    let mut records = records_of(db, &ids).await?;
    let codes: Vec<String> = found.iter().map(|c| c.area_code.clone()).collect();
    let area_rows = crate::backend::entity::area::Entity::find()
        .filter(crate::backend::entity::area::Column::Code.is_in(codes))
        .all(db)
        .await?;
    let mut policies: HashMap<String, GradePolicy> = HashMap::new();
    let mut items = Vec::with_capacity(found.len());
    for c in &found {
        let province = crate::backend::service::policy_store::province_of(&c.area_code);
        if !policies.contains_key(&province) {
            let p = policy::in_force(db, &province, on).await?.grades;
            policies.insert(province.clone(), p);
        }
        let p = policies.get(&province).cloned().unwrap_or_default();
        let r = records.remove(&c.id).unwrap_or_default();
        let facts = r.facts(c, on);
        items.push(CoordinatorRow {
            id: c.id,
            name: c.name.clone(),
            id_number: id_card::mask(&c.id_number()?),
            area: area_rows
                .iter()
                .find(|a| a.code == c.area_code)
                .map(areas::to_view)
                .ok_or(AppError::Internal)?,
            employment: Employment::parse(&c.employment).unwrap_or(Employment::FullTime),
            grade: facts.grade,
            latest_rating: r.latest_rating().and_then(rating_view),
            non_renewal: c.non_renewal,
            promotion_candidate: facts.grade == Some(Grade::Second)
                && is_candidate(&promotion_checks(&facts, &p, on)),
        });
    }
    Ok(Page {
        items,
        total,
        page: paging.page,
        per_page: paging.per_page,
        capped: false,
    })
}

/// Sets the record's fields from a checked input: the ID number sealed with its blind index,
/// the phone sealed. Errors: `Internal` without a key ring.
fn write_fields(
    active: &mut row::ActiveModel,
    c: &CheckedCoordinator,
    actor: &Actor,
) -> Result<(), AppError> {
    active.name = Set(c.name.clone());
    active.id_number_index = Set(sealing::id_number_index(&c.id_card.number)?);
    active.id_number_sealed = Set(Some(sealing::seal(Field::IdNumber, &c.id_card.number)?));
    active.phone_sealed = Set(sealing::seal_opt(Field::Phone, c.phone.as_deref())?);
    active.area_code = Set(c.area.as_str().to_string());
    active.employment = Set(c.employment.as_str().to_string());
    active.hired_on = Set(c.hired_on);
    active.education = Set(c.education.map(|e| e.as_str().to_string()));
    active.contract_from = Set(c.contract_from);
    active.contract_until = Set(c.contract_until);
    active.account_username = Set(c.account_username.clone());
    active.updated_by = Set(actor.username.clone());
    active.updated_at = Set(clock::now());
    Ok(())
}

/// The assigned area must exist and lie in the keeper's scope.
async fn require_area<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    area: &AreaCode,
) -> Result<(), AppError> {
    if !KEEPERS.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    actor.require_in_scope(area)?;
    if areas::find(conn, area).await?.is_none() {
        return Err(AppError::field("area_code", "area.unknown"));
    }
    Ok(())
}

/// A linked login must be a coordinator account whose area holds the assigned area, and not
/// linked to another record already.
async fn require_account<C: ConnectionTrait>(
    conn: &C,
    c: &CheckedCoordinator,
    id: Option<i64>,
) -> Result<(), AppError> {
    let Some(username) = &c.account_username else {
        return Ok(());
    };
    let bad = || AppError::field("account_username", "coordinator.account");
    let found = account::Entity::find()
        .filter(account::Column::Username.eq(username))
        .one(conn)
        .await?
        .ok_or_else(bad)?;
    let home = found
        .area_code
        .as_deref()
        .and_then(|a| AreaCode::parse(a).ok());
    if found.role != Role::Coordinator.as_str() || !home.is_some_and(|h| h.contains(&c.area)) {
        return Err(bad());
    }
    let mut taken = row::Entity::find().filter(row::Column::AccountUsername.eq(username));
    if let Some(id) = id {
        taken = taken.filter(row::Column::Id.ne(id));
    }
    if taken.count(conn).await? > 0 {
        return Err(AppError::field(
            "account_username",
            "coordinator.account_taken",
        ));
    }
    Ok(())
}

/// Registers a coordinator (HR managers of the area). Staff already graded may be registered
/// with their grade and its date; 二级 for new staff comes through the entry rules.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &CoordinatorInput,
) -> Result<CoordinatorView, AppError> {
    let on = today();
    let checked = input.check(on)?;
    require_area(db, actor, &checked.area).await?;
    let txn = db.begin_write().await?;
    require_account(&txn, &checked, None).await?;
    let taken = row::Entity::find()
        .filter(row::Column::IdNumberIndex.eq(sealing::id_number_index(&checked.id_card.number)?))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(AppError::field("id_number", "coordinator.exists"));
    }
    let now = clock::now();
    let mut active = row::ActiveModel {
        id: NotSet,
        non_renewal: Set(false),
        left_on: Set(None),
        is_demo: Set(false),
        created_by: Set(actor.username.clone()),
        created_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    write_fields(&mut active, &checked, actor)?;
    let saved = active.insert(&txn).await?;
    history::keep_first(&txn, &saved).await?;
    changed_areas::mark(&txn, &saved.area_code).await?;
    if let Some((grade, since)) = checked.grade {
        coordinator_grade::ActiveModel {
            id: NotSet,
            coordinator_id: Set(saved.id),
            grade: Set(grade.as_str().into()),
            from_date: Set(since),
            reason: Set(crate::domain::grading::GradeReason::Registered.encode()),
            round_id: Set(None),
            recorded_by: Set(actor.username.clone()),
            recorded_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    audit::append(
        &txn,
        By::Actor(actor),
        "create",
        "coordinator",
        &saved.id.to_string(),
        None,
    )
    .await?;
    txn.commit().await?;
    view(db, actor, &saved, on).await
}

/// Edits a coordinator's record (the version seen must still be the stored one). The grade
/// is not edited here: it changes by entry, promotion and rating.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &CoordinatorInput,
) -> Result<CoordinatorView, AppError> {
    let on = today();
    let stored = find(db, id).await?;
    require_keep(actor, &stored)?;
    let checked = input.check(on)?;
    require_area(db, actor, &checked.area).await?;
    let seen = versioned::seen(input.version)?;
    versioned::check(stored.version, seen)?;
    let txn = db.begin_write().await?;
    require_account(&txn, &checked, Some(id)).await?;
    let clash = row::Entity::find()
        .filter(row::Column::IdNumberIndex.eq(sealing::id_number_index(&checked.id_card.number)?))
        .filter(row::Column::Id.ne(id))
        .count(&txn)
        .await?;
    if clash > 0 {
        return Err(AppError::field("id_number", "coordinator.exists"));
    }
    let mut active: row::ActiveModel = Default::default();
    write_fields(&mut active, &checked, actor)?;
    versioned::update::<row::Entity, _>(&txn, active, id, seen).await?;
    // After the update, which holds the row: a concurrent first edit waits, then fails on the
    // version, instead of keeping the first version twice.
    history::keep_first(&txn, &stored).await?;
    let saved = find(&txn, id).await?;
    let changes = history::keep_edit(&txn, &stored, &saved).await?;
    changed_areas::mark(&txn, &stored.area_code).await?;
    if saved.area_code != stored.area_code {
        changed_areas::mark(&txn, &saved.area_code).await?;
    }
    audit::append(
        &txn,
        By::Actor(actor),
        "update",
        "coordinator",
        &id.to_string(),
        Some(format!("version={} fields={}", seen + 1, changes.join(","))),
    )
    .await?;
    txn.commit().await?;
    view(db, actor, &saved, on).await
}

/// Records that a coordinator left (HR managers of the area): the last day of work (not after
/// today, not before hiring) and why, on the version the HR manager saw. The coordinator then
/// leaves the list, and rounds opened later neither find nor take them as candidates (a
/// candidacy in a round already open stays for the HR manager to decide); the record, its
/// history and its grades stay readable, and no record form takes more. Errors: the field errors of [`LeaveInput::check`] and
/// `left_on`/`date.before_hiring`; 403 outside the keeper's role or area; the conflicts
/// `coordinator.left` (left already) and `version`.
pub async fn leave(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &LeaveInput,
) -> Result<CoordinatorView, AppError> {
    let on = today();
    let stored = find(db, id).await?;
    require_keep(actor, &stored)?;
    let (left_on, reason) = input.check(on)?;
    if left_on < stored.hired_on {
        return Err(AppError::field("left_on", "date.before_hiring"));
    }
    let seen = versioned::seen(input.version)?;
    versioned::check(stored.version, seen)?;
    let txn = db.begin_write().await?;
    let active = row::ActiveModel {
        left_on: Set(Some(left_on)),
        left_reason: Set(Some(reason)),
        updated_by: Set(actor.username.clone()),
        updated_at: Set(clock::now()),
        ..Default::default()
    };
    versioned::update::<row::Entity, _>(&txn, active, id, seen).await?;
    history::keep_first(&txn, &stored).await?;
    let saved = find(&txn, id).await?;
    history::keep_edit(&txn, &stored, &saved).await?;
    changed_areas::mark(&txn, &stored.area_code).await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "leave",
        "coordinator",
        &id.to_string(),
        Some(format!("version={} left_on={}", seen + 1, ymd(left_on))),
    )
    .await?;
    txn.commit().await?;
    view(db, actor, &saved, on).await
}

/// The year an annual rating may be entered for: up to the current year.
pub(crate) fn rating_year_ok(year: i32, on: NaiveDate) -> bool {
    (2000..=on.year()).contains(&year)
}
