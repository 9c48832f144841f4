//! Households of the ledger (台账): the list inside the caller's scope, the household record,
//! surveying and updating with a version check, and visits (入户走访).

use crate::backend::clock;
use crate::backend::clock::today;
use crate::backend::db::BeginWrite;
use chrono::Months;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, IntoActiveModel, NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use std::collections::HashMap;

use super::history;
use crate::backend::actor::Actor;
use crate::backend::entity::{duplicate_flag, household, person, visit};
use crate::backend::service::audit::{self, By};
use crate::backend::service::versioned;
use crate::backend::service::{areas, policies};
use crate::domain::area_code::AreaCode;
use crate::domain::calendar::{ymd, ymd_opt};
use crate::domain::ledger::{HouseholdFacts, is_zero_employment};
use crate::domain::ledger_search::{LedgerTerm, classify};
use crate::domain::text::search_term;
use crate::model::checks::id_card_error_key;
use crate::model::ledger::{
    HouseholdDetail, HouseholdInput, HouseholdItem, HouseholdQuery, IdNumberFound, IdNumberLookup,
    VisitInput, VisitView,
};
use crate::model::{AppError, Page};

pub const ENTITY: &str = "household";

fn community_of(h: &household::Model) -> Result<AreaCode, AppError> {
    AreaCode::parse(&h.community_code).map_err(|_| AppError::Internal)
}

/// The household `id`, if the actor may read it (or write it, with `write`).
pub async fn load<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: i64,
    write: bool,
) -> Result<household::Model, AppError> {
    let h = household::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let area = community_of(&h)?;
    if write {
        actor.require_ledger_write(&area)?;
    } else {
        actor.require_ledger_read(&area)?;
    }
    Ok(h)
}

#[derive(FromQueryResult)]
struct MemberCount {
    household_id: i64,
    n: i64,
}

async fn member_counts<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<HashMap<i64, u64>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = person::Entity::find()
        .select_only()
        .column(person::Column::HouseholdId)
        .column_as(person::Column::Id.count(), "n")
        .filter(person::Column::HouseholdId.is_in(ids.iter().copied()))
        .group_by(person::Column::HouseholdId)
        .into_model::<MemberCount>()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.household_id, u64::try_from(r.n).unwrap_or(0)))
        .collect())
}

/// A household as lists show it.
pub fn to_item(h: &household::Model, community_name: String, member_count: u64) -> HouseholdItem {
    HouseholdItem {
        id: h.id,
        community_code: h.community_code.clone(),
        community_name,
        address: h.address.clone(),
        member_count,
        zero_employment: h.zero_employment,
        last_visit_on: ymd_opt(h.last_visit_on),
        next_visit_on: ymd_opt(h.next_visit_on),
        is_demo: h.is_demo,
        version: h.version,
    }
}

/// Households inside the caller's scope (narrowed to `area`), newest first; with `q`, those a
/// search finds (`ledger_search`: part of the address, the start of a member's name, or a whole
/// 身份证号 for the roles that see numbers in full; `id_number.search_masked` on `q` for the
/// others). Errors: 403 for a role without the ledger, `OutOfScope` for an area outside it,
/// field errors on `q`, `area`, `page` and `per_page`.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    q: &HouseholdQuery,
) -> Result<Page<HouseholdItem>, AppError> {
    if !actor.role.reads_ledger() {
        return Err(AppError::Forbidden);
    }
    let requested = areas::parse_filter(q.area.as_deref(), "area")?;
    let term = search_term(q.q.as_deref(), 50)
        .map_err(|_| AppError::field("q", "q.too_long"))?
        .map(|t| classify(&t))
        .transpose()
        .map_err(|e| AppError::field("q", id_card_error_key(&e)))?;
    if matches!(term, Some(LedgerTerm::IdNumber(_))) && !actor.role.writes_ledger() {
        return Err(AppError::field("q", "id_number.search_masked"));
    }
    let paging = crate::backend::service::paging(q.page.as_deref(), q.per_page.as_deref())?;
    let zero_only = matches!(q.zero.as_deref(), Some("1" | "true" | "on"));
    let scope = actor.scope.narrow(requested).ok_or(AppError::OutOfScope)?;
    let (rows, total, capped) = match &term {
        // Without a search the total comes from the per-community counts (a city holds
        // hundreds of thousands of households).
        None => {
            let mut cond = Condition::all();
            if let Some((lo, hi)) = scope.range() {
                cond = cond.add(household::Column::CommunityCode.between(lo, hi));
            }
            if zero_only {
                cond = cond.add(household::Column::ZeroEmployment.eq(true));
            }
            let total = super::tally::total(db, scope.range(), zero_only).await?;
            let rows = household::Entity::find()
                .filter(cond)
                .order_by_desc(household::Column::Id)
                .offset(paging.offset())
                .limit(paging.per_page)
                .all(db)
                .await?;
            (rows, total, false)
        }
        // A search finds a bounded list of ids; the page is a slice of it.
        Some(term) => {
            let found = super::search::households(db, &scope, term, zero_only).await?;
            let page: Vec<i64> = found
                .ids
                .iter()
                .copied()
                .skip(usize::try_from(paging.offset()).unwrap_or(usize::MAX))
                .take(usize::try_from(paging.per_page).unwrap_or(usize::MAX))
                .collect();
            let rows = household::Entity::find()
                .filter(household::Column::Id.is_in(page))
                .order_by_desc(household::Column::Id)
                .all(db)
                .await?;
            (rows, found.ids.len() as u64, found.capped)
        }
    };
    let ids: Vec<i64> = rows.iter().map(|h| h.id).collect();
    let counts = member_counts(db, &ids).await?;
    let codes: Vec<String> = rows.iter().map(|h| h.community_code.clone()).collect();
    let names = areas::names(db, &codes).await?;
    let items = rows
        .iter()
        .map(|h| {
            to_item(
                h,
                names.get(&h.community_code).cloned().unwrap_or_default(),
                counts.get(&h.id).copied().unwrap_or(0),
            )
        })
        .collect();
    Ok(Page {
        items,
        total,
        page: paging.page,
        per_page: paging.per_page,
        capped,
    })
}

/// The person with this 身份证号 in the caller's ledger scope, and their household. Errors:
/// a field error on `id_number` for a malformed number, `id_number.not_in_scope` when no one
/// in scope has it (the same whether the number is unknown or belongs to another area), and
/// `id_number.search_masked` for a role that sees numbers masked: trying the few thousand
/// numbers a mask leaves open would rebuild it (this system's default).
pub async fn find_by_id_number(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &IdNumberLookup,
) -> Result<IdNumberFound, AppError> {
    if !actor.role.reads_ledger() {
        return Err(AppError::Forbidden);
    }
    if !actor.role.writes_ledger() {
        return Err(AppError::field("id_number", "id_number.search_masked"));
    }
    if input.id_number.trim().is_empty() {
        return Err(AppError::field("id_number", "id_number.required"));
    }
    let card = crate::domain::id_card::parse(input.id_number.trim())
        .map_err(|e| AppError::field("id_number", id_card_error_key(&e)))?;
    let found = super::search::by_id_number(db, actor.scope.range(), &card.number).await?;
    let (person_id, household_id) =
        found.ok_or_else(|| AppError::field("id_number", "id_number.not_in_scope"))?;
    Ok(IdNumberFound {
        household_id,
        person_id,
    })
}

/// A household with its members (numbers masked), visits and history.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<HouseholdDetail, AppError> {
    let h = load(db, actor, id, false).await?;
    detail(db, h).await
}

async fn detail<C: ConnectionTrait>(
    conn: &C,
    h: household::Model,
) -> Result<HouseholdDetail, AppError> {
    let members = person::Entity::find()
        .filter(person::Column::HouseholdId.eq(h.id))
        .order_by_asc(person::Column::Id)
        .all(conn)
        .await?;
    let on = today();
    let policy = policies::in_force(conn, &h.community_code, on).await?;
    let members = members
        .iter()
        .map(|p| super::to_view(p, true, h.zero_employment, on, &policy))
        .collect::<Result<Vec<_>, _>>()?;
    let visits = visit::Entity::find()
        .filter(visit::Column::HouseholdId.eq(h.id))
        .order_by_desc(visit::Column::VisitedOn)
        .order_by_desc(visit::Column::Id)
        .limit(50)
        .all(conn)
        .await?
        .into_iter()
        .map(|v| VisitView {
            id: v.id,
            visited_on: ymd(v.visited_on),
            worker_name: v.worker_name,
            note: v.note,
        })
        .collect();
    let member_ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    let open_duplicates = if member_ids.is_empty() {
        0
    } else {
        duplicate_flag::Entity::find()
            .filter(duplicate_flag::Column::Status.eq("open"))
            .filter(
                Condition::any()
                    .add(duplicate_flag::Column::PersonId.is_in(member_ids.clone()))
                    .add(duplicate_flag::Column::OtherPersonId.is_in(member_ids)),
            )
            .count(conn)
            .await?
    };
    let history = history::list(conn, ENTITY, h.id).await?;
    let name = areas::names(conn, std::slice::from_ref(&h.community_code))
        .await?
        .remove(&h.community_code)
        .unwrap_or_default();
    Ok(HouseholdDetail {
        household: to_item(&h, name, members.len() as u64),
        hukou_code: h.hukou_code.clone(),
        urban_hukou: h.urban_hukou,
        business_income: h.business_income,
        note: h.note.clone(),
        members,
        visits,
        history,
        open_duplicates,
    })
}

/// Records a surveyed household (入户摸底) in a community inside the actor's scope.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &HouseholdInput,
) -> Result<HouseholdDetail, AppError> {
    let checked = input.check()?;
    actor.require_ledger_write(&checked.community)?;
    if areas::find(db, &checked.community).await?.is_none() {
        return Err(AppError::field("community_code", "area.unknown"));
    }
    let now = clock::now();
    let txn = db.begin_write().await?;
    let h = household::ActiveModel {
        id: NotSet,
        community_code: Set(checked.community.as_str().to_string()),
        address: Set(checked.address),
        hukou_code: Set(checked.hukou.map(|c| c.as_str().to_string())),
        urban_hukou: Set(checked.urban_hukou),
        business_income: Set(checked.business_income),
        note: Set(checked.note),
        zero_employment: Set(false),
        last_visit_on: Set(None),
        next_visit_on: Set(None),
        is_demo: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    let all: Vec<String> = history::changed_fields(&serde_json::json!({}), &h)?;
    history::save(&txn, actor, ENTITY, h.id, 1, &h, &all).await?;
    super::tally::add(&txn, &h.community_code, 1, 0).await?;
    // A new household starts its re-check chain.
    crate::backend::service::changed_areas::mark(&txn, &h.community_code).await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "create",
        ENTITY,
        &h.id.to_string(),
        None,
    )
    .await?;
    let out = detail(&txn, h).await?;
    txn.commit().await?;
    Ok(out)
}

/// Updates a household. `input.version` must be the version the editor saw: if someone saved
/// in between, nothing is written and the answer is 409.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &HouseholdInput,
) -> Result<HouseholdDetail, AppError> {
    let checked = input.check()?;
    let seen = versioned::seen(input.version)?;
    let txn = db.begin_write().await?;
    let before = load(&txn, actor, id, true).await?;
    // Moving a household to another community needs write access there too.
    actor.require_ledger_write(&checked.community)?;
    if areas::find(&txn, &checked.community).await?.is_none() {
        return Err(AppError::field("community_code", "area.unknown"));
    }
    versioned::check(before.version, seen)?;
    let mut row = before.clone().into_active_model();
    row.community_code = Set(checked.community.as_str().to_string());
    row.address = Set(checked.address);
    row.hukou_code = Set(checked.hukou.map(|c| c.as_str().to_string()));
    row.urban_hukou = Set(checked.urban_hukou);
    row.business_income = Set(checked.business_income);
    row.note = Set(checked.note);
    row.updated_at = Set(clock::now());
    versioned::update::<household::Entity, _>(&txn, row, id, seen).await?;
    if before.community_code != checked.community.as_str() {
        move_records(&txn, id, checked.community.as_str()).await?;
        let zero = i64::from(before.zero_employment);
        super::tally::add(&txn, &before.community_code, -1, -zero).await?;
        super::tally::add(&txn, checked.community.as_str(), 1, zero).await?;
        crate::backend::service::changed_areas::mark(&txn, &before.community_code).await?;
    }
    refresh_zero(&txn, id).await?;
    let after = household::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    let changes = history::changed_fields(&before, &after)?;
    history::record_update(&txn, actor, ENTITY, id, after.version, &after, &changes).await?;
    let out = detail(&txn, after).await?;
    txn.commit().await?;
    Ok(out)
}

/// A household moved to another community takes everything filed about its people along: the
/// scope of every record follows its copied community code, so none may stay behind.
async fn move_records<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    community: &str,
) -> Result<(), AppError> {
    use crate::backend::entity::{assistance_card, assistance_target, plan_item, zero_case};
    let people: Vec<i64> = person::Entity::find()
        .filter(person::Column::HouseholdId.eq(id))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let targets: Vec<i64> = assistance_target::Entity::find()
        .filter(assistance_target::Column::PersonId.is_in(people.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    person::Entity::update_many()
        .col_expr(person::Column::CommunityCode, Expr::value(community))
        .filter(person::Column::HouseholdId.eq(id))
        .exec(conn)
        .await?;
    assistance_target::Entity::update_many()
        .col_expr(
            assistance_target::Column::CommunityCode,
            Expr::value(community),
        )
        .filter(assistance_target::Column::Id.is_in(targets.clone()))
        .exec(conn)
        .await?;
    plan_item::Entity::update_many()
        .col_expr(plan_item::Column::CommunityCode, Expr::value(community))
        .filter(plan_item::Column::TargetId.is_in(targets))
        .exec(conn)
        .await?;
    assistance_card::Entity::update_many()
        .col_expr(
            assistance_card::Column::CommunityCode,
            Expr::value(community),
        )
        .filter(assistance_card::Column::PersonId.is_in(people.clone()))
        .exec(conn)
        .await?;
    duplicate_flag::Entity::update_many()
        .col_expr(
            duplicate_flag::Column::CommunityCode,
            Expr::value(community),
        )
        .filter(duplicate_flag::Column::PersonId.is_in(people))
        .exec(conn)
        .await?;
    zero_case::Entity::update_many()
        .col_expr(zero_case::Column::CommunityCode, Expr::value(community))
        .filter(zero_case::Column::HouseholdId.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Records a visit and moves the household's next re-check date.
pub async fn record_visit(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &VisitInput,
) -> Result<HouseholdDetail, AppError> {
    let checked = input.check(today())?;
    let txn = db.begin_write().await?;
    let h = load(&txn, actor, id, true).await?;
    let policy = policies::in_force(&txn, &h.community_code, today()).await?;
    let v = visit::ActiveModel {
        id: NotSet,
        household_id: Set(id),
        visited_on: Set(checked.visited_on),
        account_id: Set(Some(actor.id)),
        worker_name: Set(actor.username.clone()),
        note: Set(checked.note),
        created_at: Set(clock::now()),
    }
    .insert(&txn)
    .await?;
    crate::backend::service::changed_areas::mark(&txn, &h.community_code).await?;
    // An older visit entered late does not move the dates back.
    if h.last_visit_on
        .is_none_or(|last| checked.visited_on >= last)
    {
        let next = checked
            .visited_on
            .checked_add_months(Months::new(policy.recheck_months));
        household::Entity::update_many()
            .col_expr(
                household::Column::LastVisitOn,
                Expr::value(checked.visited_on),
            )
            .col_expr(household::Column::NextVisitOn, Expr::value(next))
            .filter(household::Column::Id.eq(id))
            .exec(&txn)
            .await?;
    }
    audit::append(
        &txn,
        By::Actor(actor),
        "visit",
        ENTITY,
        &id.to_string(),
        Some(format!("visit={}", v.id)),
    )
    .await?;
    let h = household::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    let out = detail(&txn, h).await?;
    txn.commit().await?;
    Ok(out)
}

/// Recomputes the 零就业家庭 flag of a household from its members (never ticked by hand) and
/// follows its case (opened, cleared). Returns the new value.
pub async fn refresh_zero<C: ConnectionTrait>(conn: &C, id: i64) -> Result<bool, AppError> {
    let h = household::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let members = person::Entity::find()
        .filter(person::Column::HouseholdId.eq(id))
        .all(conn)
        .await?;
    let facts = HouseholdFacts {
        urban_hukou: h.urban_hukou,
        business_income: h.business_income,
        members: members
            .iter()
            .filter_map(|p| super::member_facts(p).ok())
            .collect(),
    };
    let policy = policies::in_force(conn, &h.community_code, today()).await?;
    let zero = is_zero_employment(&facts, today(), &policy);
    super::zero_cases::follow(conn, &h, zero, today(), &policy).await?;
    // Every write to a household or its members passes here: the performance figures of its
    // community (work found, 零就业家庭 cases) are counted again.
    crate::backend::service::changed_areas::mark(conn, &h.community_code).await?;
    if zero != h.zero_employment {
        household::Entity::update_many()
            .col_expr(household::Column::ZeroEmployment, Expr::value(zero))
            .filter(household::Column::Id.eq(id))
            .exec(conn)
            .await?;
        super::tally::add(conn, &h.community_code, 0, if zero { 1 } else { -1 }).await?;
    }
    Ok(zero)
}

/// The communities (level 5) inside the actor's scope where it may file households, by code.
pub async fn communities(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<crate::model::AreaView>, AppError> {
    use crate::backend::entity::area;
    if !actor.role.writes_ledger() {
        return Err(AppError::Forbidden);
    }
    let mut query = area::Entity::find().filter(area::Column::Level.eq(5));
    if let Some((lo, hi)) = actor.scope.range() {
        query = query.filter(area::Column::Code.between(lo, hi));
    }
    let rows = query
        .order_by_asc(area::Column::Code)
        .limit(1000)
        .all(db)
        .await?;
    Ok(rows.iter().map(areas::to_view).collect())
}
