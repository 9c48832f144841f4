//! Assistance targets (就业援助对象): 登记认定 from the community through the street to the
//! county, each step with its working-day deadline on the official calendar; send-backs with
//! reasons; exits. Each step is taken by its own role inside its own area, never skipped.

use crate::backend::clock;
use crate::backend::clock::today;
use crate::backend::db::BeginWrite;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

use crate::backend::actor::Actor;
use crate::backend::entity::{
    assistance_target as target, household, person, service_record, target_event, visit,
};
use crate::backend::service::audit::{self, By, FileEvent};
use crate::backend::service::ledger::{self, households, people};
use crate::backend::service::versioned;
use crate::backend::service::{areas, calendar};
use crate::domain::area_code::AreaCode;
use crate::domain::assistance::{
    Category, ExitEvidence, ExitReason, ReviewStep, TargetStatus, proven_exit,
    unsupported_categories,
};
use crate::domain::calendar::{bases_text, parse_bases, ymd_opt};
use crate::domain::category_facts::{self, CategoryEvidence};
use crate::domain::ledger::EmploymentStatus;
use crate::domain::plan::{Outcome, is_refused_referral};
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::assistance::{
    DecisionInput, ExitInput, TargetEventView, TargetInput, TargetItem, TargetView,
};

pub const ENTITY: &str = "assistance_target";

fn join(categories: &[Category]) -> String {
    categories
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn to_item(
    t: &target::Model,
    p: Option<&person::Model>,
    community_name: String,
    on: NaiveDate,
) -> Result<TargetItem, AppError> {
    let step = t.step.as_deref().and_then(ReviewStep::parse);
    Ok(TargetItem {
        id: t.id,
        person_id: t.person_id,
        household_id: p.map(|p| p.household_id).unwrap_or_default(),
        person_name: p.map(|p| p.name.clone()).unwrap_or_default(),
        community_code: t.community_code.clone(),
        community_name,
        categories: t
            .categories
            .split(',')
            .filter_map(Category::parse)
            .collect(),
        unsupported_categories: t
            .unsupported_categories
            .split(',')
            .filter_map(Category::parse)
            .collect(),
        category_reason: t.category_reason.clone(),
        status: TargetStatus::parse(&t.status).ok_or(AppError::Internal)?,
        step,
        notice_until: ymd_opt(
            t.notice_until
                .filter(|u| step == Some(ReviewStep::Community) && on <= *u),
        ),
        notice_open: step == Some(ReviewStep::Community) && t.notice_until.is_some_and(|u| on <= u),
        step_due: ymd_opt(t.step_due),
        step_due_basis: parse_bases(t.step_due_basis.as_deref()),
        overdue: step.is_some() && t.step_due.is_some_and(|d| d < on),
        applied_on: t.applied_on.format("%Y-%m-%d").to_string(),
        confirmed_on: ymd_opt(t.confirmed_on),
        exit_reason: t.exit_reason.as_deref().and_then(ExitReason::parse),
        policy_version: t.policy_version.clone(),
        is_demo: t.is_demo,
        version: t.version,
        evidence: Vec::new(),
    })
}

async fn items<C: ConnectionTrait>(
    conn: &C,
    rows: &[target::Model],
) -> Result<Vec<TargetItem>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|t| t.person_id).collect();
    let persons: HashMap<i64, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let codes: Vec<String> = rows.iter().map(|t| t.community_code.clone()).collect();
    let names = areas::names(conn, &codes).await?;
    let on = today();
    let evidence = evidence(conn, rows, &persons, on).await?;
    rows.iter()
        .map(|t| {
            let mut item = to_item(
                t,
                persons.get(&t.person_id),
                names.get(&t.community_code).cloned().unwrap_or_default(),
                on,
            )?;
            item.evidence = evidence.get(&t.id).cloned().unwrap_or_default();
            Ok(item)
        })
        .collect()
}

/// The facts behind each chosen category of the files still in review, from the ledger as it
/// stands on `on` under the policy version each file is judged by (the one it was filed
/// under, as `decide` reads it): one read of the households, one policy a version.
async fn evidence<C: ConnectionTrait>(
    conn: &C,
    rows: &[target::Model],
    persons: &HashMap<i64, person::Model>,
    on: NaiveDate,
) -> Result<HashMap<i64, Vec<CategoryEvidence>>, AppError> {
    let open: Vec<&target::Model> = rows
        .iter()
        .filter(|t| t.status == TargetStatus::InReview.as_str())
        .collect();
    if open.is_empty() {
        return Ok(HashMap::new());
    }
    let household_ids: Vec<i64> = open
        .iter()
        .filter_map(|t| persons.get(&t.person_id).map(|p| p.household_id))
        .collect();
    let zero: HashMap<i64, bool> = household::Entity::find()
        .filter(household::Column::Id.is_in(household_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|h| (h.id, h.zero_employment))
        .collect();
    let mut policies = HashMap::new();
    let mut out = HashMap::new();
    for t in open {
        let Some(p) = persons.get(&t.person_id) else {
            continue;
        };
        if !policies.contains_key(&t.policy_version) {
            let policy =
                crate::backend::service::policies::by_label(conn, &t.policy_version).await?;
            policies.insert(t.policy_version.clone(), policy);
        }
        let Some(policy) = policies.get(&t.policy_version) else {
            continue;
        };
        let case = ledger::case_of(p, zero.get(&p.household_id).copied().unwrap_or(false))?;
        let facts = t
            .categories
            .split(',')
            .filter_map(Category::parse)
            .map(|c| category_facts::evidence(&case, on, policy, c))
            .collect();
        out.insert(t.id, facts);
    }
    Ok(out)
}

/// Writes a file's event and its audit line; `by` a worker, or the system (`system:<what>`).
async fn event<C: ConnectionTrait>(
    conn: &C,
    by: By<'_>,
    id: i64,
    step: Option<ReviewStep>,
    action: &str,
    reason: Option<String>,
) -> Result<(), AppError> {
    let event = FileEvent {
        id,
        step: step.map(ReviewStep::as_str),
        action,
        reason,
    };
    audit::file_event(conn, by, ENTITY, event, |f| target_event::ActiveModel {
        id: NotSet,
        target_id: Set(id),
        at: Set(f.at),
        actor_name: Set(f.actor_name),
        step: Set(f.step),
        action: Set(f.action),
        reason: Set(f.reason),
    })
    .await?;
    Ok(())
}

/// The file `id`, if the actor may read it (or edit it, with `write`).
pub async fn load<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: i64,
    write: bool,
) -> Result<target::Model, AppError> {
    let t = target::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let area = AreaCode::parse(&t.community_code).map_err(|_| AppError::Internal)?;
    if write {
        actor.require_ledger_write(&area)?;
    } else {
        actor.require_ledger_read(&area)?;
    }
    Ok(t)
}

/// A file with its events.
pub async fn get(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<TargetView, AppError> {
    let t = load(db, actor, id, false).await?;
    let target = items(db, std::slice::from_ref(&t)).await?.remove(0);
    let events = target_event::Entity::find()
        .filter(target_event::Column::TargetId.eq(id))
        .order_by_asc(target_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| TargetEventView {
            at: clock::minute(e.at),
            actor: e.actor_name,
            step: e.step.as_deref().and_then(ReviewStep::parse),
            action: e.action,
            reason: e.reason,
        })
        .collect();
    Ok(TargetView { target, events })
}

/// 登记: registers a ledger person (unemployed, no open file) with the chosen categories, or the
/// ones the ledger supports when none are chosen. The community review starts at once.
pub async fn apply(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &TargetInput,
) -> Result<TargetView, AppError> {
    let person_id = input
        .person_id
        .ok_or_else(|| AppError::field("person_id", "person_id.required"))?;
    let mut chosen = Vec::new();
    for raw in &input.categories {
        match Category::parse(raw.trim()) {
            Some(c) if !chosen.contains(&c) => chosen.push(c),
            Some(_) => {}
            None => return Err(AppError::field("categories", "categories.unknown")),
        }
    }
    let reason = written_reason(input.category_reason.as_deref(), "category_reason")?;
    // Line breaks are the textarea's own; other control characters are refused.
    if reason
        .as_ref()
        .is_some_and(|r| r.chars().any(|c| c.is_control() && c != '\n' && c != '\r'))
    {
        return Err(AppError::field("category_reason", "text.control_chars"));
    }
    let on = today();
    let txn = db.begin_write().await?;
    let p = people::load(&txn, actor, person_id).await?;
    let policy = crate::backend::service::policies::in_force(&txn, &p.community_code, on).await?;
    let area = AreaCode::parse(&p.community_code).map_err(|_| AppError::Internal)?;
    actor.require_ledger_write(&area)?;
    let household = households::load(&txn, actor, p.household_id, true).await?;
    let view = ledger::to_view(&p, true, household.zero_employment, on, &policy)?;
    if !view.status.is_unemployed() {
        return Err(AppError::field("person_id", "target.not_unemployed"));
    }
    if chosen.is_empty() {
        chosen = view.suggested_categories.clone();
    }
    if chosen.is_empty() {
        return Err(AppError::field("categories", "categories.required"));
    }
    // Each category is checked against the ledger's facts; one they do not support needs a
    // stated reason, which every reviewer then sees beside it.
    let unsupported = unsupported_categories(&chosen, &view.suggested_categories);
    let category_reason = if unsupported.is_empty() {
        None
    } else {
        Some(reason.ok_or_else(|| AppError::field("category_reason", "category_reason.required"))?)
    };
    let open = target::Entity::find()
        .filter(target::Column::PersonId.eq(person_id))
        .filter(target::Column::Status.ne(TargetStatus::Exited.as_str()))
        .count(&txn)
        .await?;
    if open > 0 {
        return Err(AppError::Conflict("target.open_file".into()));
    }
    let cal = calendar::load(&txn).await?;
    let step = ReviewStep::Community;
    let due = step.due(on, &policy, &cal);
    let now = clock::now();
    let t = target::ActiveModel {
        id: NotSet,
        person_id: Set(person_id),
        community_code: Set(p.community_code.clone()),
        categories: Set(join(&chosen)),
        policy_version: Set(policy.version.clone()),
        status: Set(TargetStatus::InReview.as_str().into()),
        step: Set(Some(step.as_str().into())),
        step_since: Set(Some(on)),
        step_due: Set(Some(due)),
        step_due_basis: Set(Some(bases_text(&cal.bases(on, due)))),
        unsupported_categories: Set(join(&unsupported)),
        category_reason: Set(category_reason.clone()),
        notice_until: Set(Some(
            cal.add_working_days(on, policy.community_notice_days_within_limit()),
        )),
        applied_on: Set(on),
        confirmed_on: Set(None),
        exit_reason: Set(None),
        exited_on: Set(None),
        is_demo: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    event(
        &txn,
        By::Actor(actor),
        t.id,
        Some(step),
        "apply",
        category_reason,
    )
    .await?;
    if household.zero_employment {
        crate::backend::service::ledger::zero_cases::assisted(&txn, household.id, on).await?;
    }
    crate::backend::service::changed_areas::mark(&txn, &t.community_code).await?;
    txn.commit().await?;
    get(db, actor, t.id).await
}

/// A reason as written: trimmed, `None` when empty; longer than 500 characters is refused on
/// `field` (`reason.too_long`, this system's limit).
fn written_reason(text: Option<&str>, field: &str) -> Result<Option<String>, AppError> {
    let reason = text.map(str::trim).filter(|r| !r.is_empty());
    if reason.is_some_and(|r| r.chars().count() > 500) {
        return Err(AppError::field(field, "reason.too_long"));
    }
    Ok(reason.map(str::to_string))
}

/// A reviewer approves the file at its step (it moves on, with a new deadline; after the
/// notification it is confirmed) or sends it back with a reason to the step before.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &DecisionInput,
) -> Result<TargetView, AppError> {
    let approve = match input.action.as_deref().map(str::trim) {
        Some("approve") => true,
        Some("send_back") => false,
        _ => return Err(AppError::field("action", "action.unknown")),
    };
    let reason = written_reason(input.reason.as_deref(), "reason")?;
    if !approve && reason.is_none() {
        return Err(AppError::field("reason", "reason.required"));
    }
    let seen = versioned::seen(input.version)?;
    let on = today();
    let txn = db.begin_write().await?;
    let t = load(&txn, actor, id, false).await?;
    // A file is judged by the version it was filed under.
    let policy = crate::backend::service::policies::by_label(&txn, &t.policy_version).await?;
    let step = t
        .step
        .as_deref()
        .and_then(ReviewStep::parse)
        .filter(|_| t.status == TargetStatus::InReview.as_str())
        .ok_or_else(|| AppError::Conflict("target.not_in_review".into()))?;
    // Each step is taken by its own role: a county officer cannot approve for the street.
    if !step.actors().contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    let area = AreaCode::parse(&t.community_code).map_err(|_| AppError::Internal)?;
    actor.require_in_scope(&area)?;
    versioned::check(t.version, seen)?;
    // 初审公示: the community approves once its notice is over.
    if approve && step == ReviewStep::Community && t.notice_until.is_some_and(|until| on <= until) {
        return Err(AppError::Conflict("target.notice_open".into()));
    }
    let cal = calendar::load(&txn).await?;
    let mut row = t.clone().into_active_model();
    let (next, action) = if approve {
        (
            step.next(),
            if step.next().is_some() {
                "approve"
            } else {
                "confirm"
            },
        )
    } else {
        match step.previous() {
            Some(prev) => (Some(prev), "send_back"),
            None => return Err(AppError::Conflict("target.first_step".into())),
        }
    };
    match next {
        Some(next) => {
            row.step = Set(Some(next.as_str().into()));
            row.step_since = Set(Some(on));
            let due = next.due(on, &policy, &cal);
            row.step_due = Set(Some(due));
            row.step_due_basis = Set(Some(bases_text(&cal.bases(on, due))));
        }
        None => {
            row.status = Set(TargetStatus::Confirmed.as_str().into());
            row.step = Set(None);
            row.step_since = Set(None);
            row.step_due = Set(None);
            row.step_due_basis = Set(None);
            row.confirmed_on = Set(Some(on));
        }
    }
    row.updated_at = Set(clock::now());
    versioned::update::<target::Entity, _>(&txn, row, id, seen).await?;
    event(&txn, By::Actor(actor), id, Some(step), action, reason).await?;
    if next.is_none() {
        super::cards::issue(&txn, actor, &t, on).await?;
    }
    crate::backend::service::changed_areas::mark(&txn, &t.community_code).await?;
    txn.commit().await?;
    get(db, actor, id).await
}

/// Closes a confirmed file with an exit reason: the file, its event (by `actor_name`), the
/// audit line and the card, in the caller's transaction.
async fn close<C: ConnectionTrait>(
    conn: &C,
    t: &target::Model,
    reason: ExitReason,
    note: Option<String>,
    by: By<'_>,
    on: NaiveDate,
) -> Result<(), AppError> {
    let mut row = t.clone().into_active_model();
    row.status = Set(TargetStatus::Exited.as_str().into());
    row.exit_reason = Set(Some(reason.as_str().into()));
    row.exited_on = Set(Some(on));
    row.updated_at = Set(clock::now());
    versioned::update::<target::Entity, _>(conn, row, t.id, t.version).await?;
    let text = match note {
        Some(n) => format!("{}: {n}", reason.as_str()),
        None => reason.as_str().to_string(),
    };
    event(conn, by, t.id, None, "exit", Some(text)).await?;
    super::cards::withdraw(conn, t.id, on).await?;
    crate::backend::service::changed_areas::mark(conn, &t.community_code).await?;
    Ok(())
}

/// What the ledger and the service records prove about a confirmed file's holder on `on`.
async fn exit_evidence<C: ConnectionTrait>(
    conn: &C,
    t: &target::Model,
    p: &person::Model,
) -> Result<ExitEvidence, AppError> {
    let records = service_record::Entity::find()
        .filter(service_record::Column::TargetId.eq(t.id))
        .all(conn)
        .await?;
    let refusals = records
        .iter()
        .filter(|r| is_refused_referral(&r.service, &r.outcome))
        .count() as u32;
    let last_record = records
        .iter()
        .filter(|r| r.outcome != Outcome::NoContact.as_str())
        .map(|r| r.served_on)
        .max();
    let last_visit = visit::Entity::find()
        .filter(visit::Column::HouseholdId.eq(p.household_id))
        .order_by_desc(visit::Column::VisitedOn)
        .one(conn)
        .await?
        .map(|v| v.visited_on);
    let employed = EmploymentStatus::parse(&p.status).is_some_and(|s| s.is_employed());
    Ok(ExitEvidence {
        birth_date: p.birth_date,
        sex: ledger::sex_of(p),
        employed_since: p.employed_since.filter(|_| employed),
        refusals,
        // The notification at confirmation is a contact too.
        last_contact: [t.confirmed_on, last_record, last_visit]
            .into_iter()
            .flatten()
            .max(),
    })
}

/// Exits the confirmed files (inside `range` of community codes, or all) whose data proves an
/// exit on `on` — stable employment for the policy's months, the refusals, no contact, the
/// retirement age — each by the policy version it was filed under. Returns how many.
pub async fn apply_proven_exits(
    db: &DatabaseConnection,
    range: Option<(String, String)>,
    on: NaiveDate,
    versions: &crate::backend::service::policies::Versions,
) -> Result<u64, AppError> {
    let mut cond =
        Condition::all().add(target::Column::Status.eq(TargetStatus::Confirmed.as_str()));
    if let Some((lo, hi)) = range {
        cond = cond.add(target::Column::CommunityCode.between(lo, hi));
    }
    let confirmed = target::Entity::find().filter(cond).all(db).await?;
    let mut exited = 0;
    for t in confirmed {
        let Some(p) = person::Entity::find_by_id(t.person_id).one(db).await? else {
            continue;
        };
        let evidence = exit_evidence(db, &t, &p).await?;
        let Some(reason) = proven_exit(&evidence, on, versions.get(&t.policy_version)) else {
            continue;
        };
        let txn = db.begin_write().await?;
        match close(&txn, &t, reason, None, By::System("rules"), on).await {
            Ok(()) => {
                txn.commit().await?;
                exited += 1;
            }
            // Someone changed the file meanwhile, or it failed: the next sweep looks again, and
            // the other files go on.
            Err(e) => {
                if !matches!(e, AppError::Conflict(_)) {
                    tracing::warn!(target_id = t.id, error = %e, "proven exit not applied");
                }
                txn.rollback().await?;
            }
        }
    }
    Ok(exited)
}

/// An officer records an exit (退出) of a confirmed target.
pub async fn exit(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &ExitInput,
) -> Result<TargetView, AppError> {
    let reason = input
        .reason
        .as_deref()
        .and_then(|r| ExitReason::parse(r.trim()))
        .ok_or_else(|| AppError::field("reason", "exit_reason.unknown"))?;
    let note = input
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    if note.as_ref().is_some_and(|n| n.chars().count() > 500) {
        return Err(AppError::field("note", "note.too_long"));
    }
    let seen = versioned::seen(input.version)?;
    let txn = db.begin_write().await?;
    let t = load(&txn, actor, id, false).await?;
    let area = AreaCode::parse(&t.community_code).map_err(|_| AppError::Internal)?;
    actor.require_ledger_write(&area)?;
    if t.status != TargetStatus::Confirmed.as_str() {
        return Err(AppError::Conflict("target.not_confirmed".into()));
    }
    versioned::check(t.version, seen)?;
    close(&txn, &t, reason, note, By::Actor(actor), today()).await?;
    txn.commit().await?;
    get(db, actor, id).await
}

/// The most files [`queue`] reads (a work list says "at least" when it is reached).
pub const QUEUE_BOUND: u64 = 200;

/// The files waiting for the actor's own step inside its scope, the most urgent first: a
/// coordinator's community reviews and notifications, a street officer's street reviews, a
/// county officer's confirmations.
pub async fn queue(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<TargetItem>, AppError> {
    let steps: Vec<&str> = ReviewStep::ALL
        .into_iter()
        .filter(|s| s.actors().contains(&actor.role))
        .map(|s| s.as_str())
        .collect();
    if steps.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut cond = Condition::all()
        .add(target::Column::Status.eq(TargetStatus::InReview.as_str()))
        .add(target::Column::Step.is_in(steps));
    if let Some((lo, hi)) = actor.scope.range() {
        cond = cond.add(target::Column::CommunityCode.between(lo, hi));
    }
    let rows = target::Entity::find()
        .filter(cond)
        .order_by_asc(target::Column::StepDue)
        .order_by_asc(target::Column::Id)
        .limit(QUEUE_BOUND)
        .all(db)
        .await?;
    items(db, &rows).await
}

/// The files of one person (newest first), for the person's record.
pub async fn of_person(
    db: &DatabaseConnection,
    actor: &Actor,
    person_id: i64,
) -> Result<Vec<TargetItem>, AppError> {
    people::load(db, actor, person_id).await?;
    let rows = target::Entity::find()
        .filter(target::Column::PersonId.eq(person_id))
        .order_by_desc(target::Column::Id)
        .all(db)
        .await?;
    items(db, &rows).await
}

/// Whether `role` may act at some review step (for showing the queue link).
pub fn reviews(role: Role) -> bool {
    ReviewStep::ALL
        .into_iter()
        .any(|s| s.actors().contains(&role))
}
