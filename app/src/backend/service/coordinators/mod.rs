//! The 劳动保障协理员 registry: who they are, where they work, and the records the grade rules
//! read. HR managers keep the records of their area; officers of the area read them (numbers
//! masked); a coordinator reads their own. Every view explains the grade rules rule by rule
//! under the policy in force in the coordinator's province.

pub mod ratings_import;
pub mod records;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};

use super::audit::{self, By};
use super::{areas, today, versioned};
use crate::backend::actor::Actor;
use crate::backend::entity::{
    account, assistance_target, community_tally, coordinator as row, coordinator_exam,
    coordinator_grade, coordinator_rating, coordinator_training, person, promotion_candidate,
};
use crate::backend::service::platforms::policy;
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::grading::{
    CoordinatorFacts, Employment, ExamRecord, Grade, GradePolicy, GradeStep, Rating,
    TrainingRecord, entry_checks, grade_on, is_candidate, promotion_checks,
};
use crate::domain::id_card;
use crate::domain::ledger::Education;
use crate::domain::role::{Role, Scope};
use crate::domain::text;
use crate::model::coordinator::{
    Caseload, CheckedCoordinator, CoordinatorInput, CoordinatorQuery, CoordinatorRow,
    CoordinatorView, ExamView, GradeEntry, RatingView, TrainingView,
};
use crate::model::{AppError, AreaView, Page};

/// Roles that read coordinators of their area (with personal numbers masked, but for HR).
const READERS: [Role; 7] = [
    Role::StreetOfficer,
    Role::CountyOfficer,
    Role::CityOfficer,
    Role::ProvinceOfficer,
    Role::HrManager,
    Role::Ministry,
    Role::Admin,
];

/// Roles that keep coordinators' records.
const KEEPERS: [Role; 2] = [Role::HrManager, Role::Admin];

/// Whether `actor` keeps the records of a coordinator working at `area`.
pub fn keeps(actor: &Actor, area: &AreaCode) -> bool {
    KEEPERS.contains(&actor.role) && actor.scope.contains(area)
}

fn is_self(actor: &Actor, c: &row::Model) -> bool {
    actor.role == Role::Coordinator
        && c.account_username.as_deref() == Some(&actor.username)
        && AreaCode::parse(&c.area_code).is_ok_and(|a| actor.scope.contains(&a))
}

/// Refuses unless `actor` may read coordinator `c`.
fn require_read(actor: &Actor, c: &row::Model) -> Result<AreaCode, AppError> {
    let area = AreaCode::parse(&c.area_code).map_err(|_| AppError::Internal)?;
    if is_self(actor, c) {
        return Ok(area);
    }
    if !READERS.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    actor.require_in_scope(&area)?;
    Ok(area)
}

/// Refuses unless `actor` keeps coordinator `c`'s records.
pub(crate) fn require_keep(actor: &Actor, c: &row::Model) -> Result<AreaCode, AppError> {
    let area = AreaCode::parse(&c.area_code).map_err(|_| AppError::Internal)?;
    if !KEEPERS.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    actor.require_in_scope(&area)?;
    Ok(area)
}

pub(crate) async fn find<C: ConnectionTrait>(conn: &C, id: i64) -> Result<row::Model, AppError> {
    row::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// Everything the grade rules read about some coordinators.
#[derive(Default)]
pub(crate) struct Records {
    pub grades: Vec<coordinator_grade::Model>,
    pub training: Vec<coordinator_training::Model>,
    pub exams: Vec<coordinator_exam::Model>,
    pub ratings: Vec<coordinator_rating::Model>,
    /// The latest promotion assessment score
    pub assessment: Option<u32>,
}

impl Records {
    pub fn steps(&self) -> Vec<GradeStep> {
        self.grades
            .iter()
            .filter_map(|g| {
                Some(GradeStep {
                    from: g.from_date,
                    grade: Grade::parse(&g.grade)?,
                })
            })
            .collect()
    }

    pub fn facts(&self, c: &row::Model, on: NaiveDate) -> CoordinatorFacts {
        let held = grade_on(&self.steps(), on);
        let n = |v: i32| u32::try_from(v).unwrap_or(0);
        CoordinatorFacts {
            grade: held.map(|(g, _)| g),
            grade_since: held.map(|(_, s)| s),
            education: c.education.as_deref().and_then(Education::parse),
            exams: self
                .exams
                .iter()
                .map(|e| ExamRecord {
                    id: e.id,
                    sat_on: e.sat_on,
                    theory: n(e.theory),
                    practical: n(e.practical),
                })
                .collect(),
            training: self
                .training
                .iter()
                .map(|t| TrainingRecord {
                    id: t.id,
                    course: t.course.clone(),
                    hours: n(t.hours),
                    finished_on: t.finished_on,
                    pre_service: t.pre_service,
                })
                .collect(),
            ratings: self
                .ratings
                .iter()
                .filter_map(|r| Some((r.year, Rating::parse(&r.rating)?)))
                .collect(),
            assessment: self.assessment,
        }
    }

    /// A grade change recorded for a day after `on` (a promotion decided, not yet effective).
    pub fn grade_change_ahead(&self, on: NaiveDate) -> bool {
        self.grades.iter().any(|g| g.from_date > on)
    }

    /// The newest rating, if any.
    pub fn latest_rating(&self) -> Option<&coordinator_rating::Model> {
        self.ratings.iter().max_by_key(|r| r.year)
    }
}

/// The records of the coordinators `ids`, in a few queries.
pub(crate) async fn records_of<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<HashMap<i64, Records>, AppError> {
    let mut out: HashMap<i64, Records> = ids.iter().map(|id| (*id, Records::default())).collect();
    if ids.is_empty() {
        return Ok(out);
    }
    for chunk in ids.chunks(500) {
        let ids = chunk.to_vec();
        for g in coordinator_grade::Entity::find()
            .filter(coordinator_grade::Column::CoordinatorId.is_in(ids.clone()))
            .order_by_asc(coordinator_grade::Column::Id)
            .all(conn)
            .await?
        {
            out.entry(g.coordinator_id).or_default().grades.push(g);
        }
        for t in coordinator_training::Entity::find()
            .filter(coordinator_training::Column::CoordinatorId.is_in(ids.clone()))
            .order_by_asc(coordinator_training::Column::FinishedOn)
            .all(conn)
            .await?
        {
            out.entry(t.coordinator_id).or_default().training.push(t);
        }
        for e in coordinator_exam::Entity::find()
            .filter(coordinator_exam::Column::CoordinatorId.is_in(ids.clone()))
            .order_by_asc(coordinator_exam::Column::SatOn)
            .all(conn)
            .await?
        {
            out.entry(e.coordinator_id).or_default().exams.push(e);
        }
        for r in coordinator_rating::Entity::find()
            .filter(coordinator_rating::Column::CoordinatorId.is_in(ids.clone()))
            .order_by_asc(coordinator_rating::Column::Year)
            .all(conn)
            .await?
        {
            out.entry(r.coordinator_id).or_default().ratings.push(r);
        }
        for p in promotion_candidate::Entity::find()
            .filter(promotion_candidate::Column::CoordinatorId.is_in(ids))
            .filter(promotion_candidate::Column::Assessment.is_not_null())
            .order_by_asc(promotion_candidate::Column::Id)
            .all(conn)
            .await?
        {
            if let Some(r) = out.get_mut(&p.coordinator_id) {
                r.assessment = p.assessment.and_then(|s| u32::try_from(s).ok());
            }
        }
    }
    Ok(out)
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn grade_entry(g: &coordinator_grade::Model) -> Option<GradeEntry> {
    Some(GradeEntry {
        grade: Grade::parse(&g.grade)?,
        from_date: day(g.from_date),
        reason: g.reason.clone(),
        round_id: g.round_id,
        recorded_by: g.recorded_by.clone(),
    })
}

fn rating_view(r: &coordinator_rating::Model) -> Option<RatingView> {
    Some(RatingView {
        year: r.year,
        rating: Rating::parse(&r.rating)?,
        recorded_by: r.recorded_by.clone(),
    })
}

/// Training hours the promotion rule counts on `on`.
fn window_hours(f: &CoordinatorFacts, p: &GradePolicy, on: NaiveDate) -> u32 {
    let from = on
        .checked_sub_months(chrono::Months::new(p.training_window_years * 12))
        .unwrap_or(NaiveDate::MIN);
    f.training
        .iter()
        .filter(|t| t.finished_on > from && t.finished_on <= on)
        .map(|t| t.hours)
        .sum()
}

/// The caseload of the assigned area from the assistance ledgers (none when no household is
/// registered there).
async fn caseload<C: ConnectionTrait>(
    conn: &C,
    area: &AreaCode,
) -> Result<Option<Caseload>, AppError> {
    let (lo, hi) = area.subtree_range();
    let tallies = community_tally::Entity::find()
        .filter(community_tally::Column::CommunityCode.between(lo.clone(), hi.clone()))
        .all(conn)
        .await?;
    let households: i64 = tallies.iter().map(|t| t.households).sum();
    if households == 0 {
        return Ok(None);
    }
    let people = person::Entity::find()
        .filter(person::Column::CommunityCode.between(lo.clone(), hi.clone()))
        .count(conn)
        .await?;
    let assistance_targets = assistance_target::Entity::find()
        .filter(assistance_target::Column::CommunityCode.between(lo, hi))
        .filter(assistance_target::Column::Status.is_in(["in_review", "confirmed"]))
        .count(conn)
        .await?;
    Ok(Some(Caseload {
        households: u64::try_from(households).unwrap_or(0),
        people,
        assistance_targets,
        zero_households: u64::try_from(tallies.iter().map(|t| t.zero_households).sum::<i64>())
            .unwrap_or(0),
    }))
}

/// One coordinator, whole, as `actor` may see them on `on`.
pub(crate) async fn view<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    c: &row::Model,
    on: NaiveDate,
) -> Result<CoordinatorView, AppError> {
    let area = require_read(actor, c)?;
    let records = records_of(conn, &[c.id])
        .await?
        .remove(&c.id)
        .unwrap_or_default();
    let policy = policy::in_force(conn, &c.area_code, on).await?;
    let facts = records.facts(c, on);
    let mut names = vec![c.area_code.clone()];
    let street = area
        .ancestor(AreaLevel::Township)
        .or_else(|| (area.level() == AreaLevel::Township).then_some(area));
    if let Some(s) = &street {
        names.push(s.as_str().to_string());
    }
    let found = crate::backend::entity::area::Entity::find()
        .filter(crate::backend::entity::area::Column::Code.is_in(names))
        .all(conn)
        .await?;
    let view_of = |code: &str| -> Option<AreaView> {
        found.iter().find(|a| a.code == code).map(areas::to_view)
    };
    let full = keeps(actor, &area) || is_self(actor, c);
    let pay = match (
        facts.grade,
        records
            .latest_rating()
            .and_then(|r| Rating::parse(&r.rating)),
    ) {
        (Some(g), Some(r)) => Some(policy.grades.pay_coefficient(g, r)),
        _ => None,
    };
    let next_grade = records
        .grades
        .iter()
        .filter(|g| g.from_date > on)
        .min_by_key(|g| g.from_date)
        .and_then(grade_entry);
    Ok(CoordinatorView {
        id: c.id,
        name: c.name.clone(),
        id_number: if full {
            c.id_number.clone()
        } else {
            id_card::mask(&c.id_number)
        },
        phone: c.phone.as_ref().map(|p| {
            if full {
                p.clone()
            } else {
                id_card::mask_phone(p)
            }
        }),
        area: view_of(&c.area_code).ok_or(AppError::Internal)?,
        street: street.and_then(|s| view_of(s.as_str())),
        employment: Employment::parse(&c.employment).unwrap_or(Employment::FullTime),
        hired_on: day(c.hired_on),
        education: c.education.as_deref().and_then(Education::parse),
        contract_from: c.contract_from.map(day),
        contract_until: c.contract_until.map(day),
        non_renewal: c.non_renewal,
        account_username: c.account_username.clone(),
        grade: facts.grade,
        grade_since: facts.grade_since.map(day),
        next_grade,
        pay_coefficient: pay,
        grades: records.grades.iter().filter_map(grade_entry).collect(),
        training: records
            .training
            .iter()
            .map(|t| TrainingView {
                id: t.id,
                course: t.course.clone(),
                hours: u32::try_from(t.hours).unwrap_or(0),
                finished_on: day(t.finished_on),
                pre_service: t.pre_service,
            })
            .collect(),
        training_hours: window_hours(&facts, &policy.grades, on),
        exams: records
            .exams
            .iter()
            .map(|e| ExamView {
                id: e.id,
                sat_on: day(e.sat_on),
                theory: u32::try_from(e.theory).unwrap_or(0),
                practical: u32::try_from(e.practical).unwrap_or(0),
            })
            .collect(),
        ratings: records.ratings.iter().filter_map(rating_view).collect(),
        entry_checks: entry_checks(&facts, &policy.grades),
        promotion_checks: promotion_checks(&facts, &policy.grades, on),
        caseload: caseload(conn, &area).await?,
        policy_version: policy.version,
        version: c.version,
        can_edit: keeps(actor, &area),
    })
}

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
        let province = crate::backend::service::policies::province_of(&c.area_code);
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
            id_number: id_card::mask(&c.id_number),
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
    })
}

fn write_fields(active: &mut row::ActiveModel, c: &CheckedCoordinator, actor: &Actor) {
    active.name = Set(c.name.clone());
    active.id_number = Set(c.id_card.number.clone());
    active.phone = Set(c.phone.clone());
    active.area_code = Set(c.area.as_str().to_string());
    active.employment = Set(c.employment.as_str().to_string());
    active.hired_on = Set(c.hired_on);
    active.education = Set(c.education.map(|e| e.as_str().to_string()));
    active.contract_from = Set(c.contract_from);
    active.contract_until = Set(c.contract_until);
    active.account_username = Set(c.account_username.clone());
    active.updated_by = Set(actor.username.clone());
    active.updated_at = Set(Utc::now());
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
    let txn = db.begin().await?;
    require_account(&txn, &checked, None).await?;
    let taken = row::Entity::find()
        .filter(row::Column::IdNumber.eq(&checked.id_card.number))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(AppError::field("id_number", "coordinator.exists"));
    }
    let now = Utc::now();
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
    write_fields(&mut active, &checked, actor);
    let saved = active.insert(&txn).await?;
    if let Some((grade, since)) = checked.grade {
        coordinator_grade::ActiveModel {
            id: NotSet,
            coordinator_id: Set(saved.id),
            grade: Set(grade.as_str().into()),
            from_date: Set(since),
            reason: Set("建档录入".into()),
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
    let txn = db.begin().await?;
    require_account(&txn, &checked, Some(id)).await?;
    let clash = row::Entity::find()
        .filter(row::Column::IdNumber.eq(&checked.id_card.number))
        .filter(row::Column::Id.ne(id))
        .count(&txn)
        .await?;
    if clash > 0 {
        return Err(AppError::field("id_number", "coordinator.exists"));
    }
    let mut active: row::ActiveModel = Default::default();
    write_fields(&mut active, &checked, actor);
    versioned::update::<row::Entity, _>(&txn, active, id, seen).await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "update",
        "coordinator",
        &id.to_string(),
        Some(format!("version={}", seen + 1)),
    )
    .await?;
    txn.commit().await?;
    let saved = find(db, id).await?;
    view(db, actor, &saved, on).await
}

/// The year an annual rating may be entered for: up to the current year.
pub(crate) fn rating_year_ok(year: i32, on: NaiveDate) -> bool {
    (2000..=on.year()).contains(&year)
}
