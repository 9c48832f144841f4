//! Promotion rounds (二级 → 一级) run by HR managers: a round for an area finds its candidates
//! by the rules (others may be nominated), takes an assessment score and a decision with a
//! reason per candidate, publishes those approved for 公示, and on closing sets 一级 from the
//! effective date; grade and pay coefficient follow from that day on.

pub mod letters;
pub mod notices;

use crate::backend::clock;
use crate::backend::clock::today;
use crate::backend::db::BeginWrite;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::audit::{self, By};
use super::certification::text;
use super::coordinators::{self, records_of};
use super::{areas, calendar, versioned};
use crate::backend::actor::Actor;
use crate::backend::entity::{
    area, coordinator, coordinator_grade, promotion_candidate as candidate, promotion_objection,
    promotion_round as round,
};
use crate::backend::service::platforms::policy;
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::calendar::{parse_ymd, ymd};
use crate::domain::grading::{Grade, RuleCheck, is_candidate, promotion_checks};
use crate::domain::notice::NoticeWindow;
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::coordinator::check_assessment;
use crate::model::promotion::{
    CandidateView, CloseInput, Decision, DecisionInput, NominableCoordinator, NominationInput,
    PromotionObjectionView, PublishInput, RoundInput, RoundItem, RoundStatus, RoundView,
    ScoreInput,
};

const MANAGERS: [Role; 2] = [Role::HrManager, Role::Admin];
const READERS: [Role; 4] = [
    Role::HrManager,
    Role::Admin,
    Role::Ministry,
    Role::ProvinceOfficer,
];

fn round_area(r: &round::Model) -> Result<AreaCode, AppError> {
    AreaCode::parse(&r.area_code).map_err(|_| AppError::Internal)
}

fn may_manage(actor: &Actor, area: &AreaCode) -> bool {
    MANAGERS.contains(&actor.role) && actor.scope.contains(area)
}

async fn find_round<C: ConnectionTrait>(conn: &C, id: i64) -> Result<round::Model, AppError> {
    round::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// The round `id`, refused unless `actor` manages it, with its status required to be `want`.
async fn managed<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: i64,
    want: RoundStatus,
) -> Result<round::Model, AppError> {
    if !MANAGERS.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    // Take the round's row lock first (a no-op update), so that a step on a candidate and
    // the round's publication or closing run one after the other, never interleaved.
    round::Entity::update_many()
        .col_expr(round::Column::Version, Expr::col(round::Column::Version))
        .filter(round::Column::Id.eq(id))
        .exec(conn)
        .await?;
    let r = find_round(conn, id).await?;
    actor.require_in_scope(&round_area(&r)?)?;
    if RoundStatus::parse(&r.status) != Some(want) {
        return Err(AppError::Conflict(format!("round.not_{}", want.as_str())));
    }
    Ok(r)
}

/// Bumps the round's version, refusing when it is no longer `seen` (a concurrent step).
async fn bump<C: ConnectionTrait>(
    conn: &C,
    r: &round::Model,
    seen: i32,
    change: round::ActiveModel,
) -> Result<(), AppError> {
    versioned::check(r.version, seen)?;
    versioned::update::<round::Entity, _>(conn, change, r.id, seen).await
}

/// The promotion rules checked for a coordinator on `on`, with the assessment score given in
/// this round (not an older one).
async fn live_checks<C: ConnectionTrait>(
    conn: &C,
    c: &coordinator::Model,
    assessment: Option<u32>,
    on: NaiveDate,
) -> Result<Vec<RuleCheck>, AppError> {
    let mut records = records_of(conn, &[c.id])
        .await?
        .remove(&c.id)
        .unwrap_or_default();
    records.assessment = assessment;
    let p = policy::in_force(conn, &c.area_code, on).await?;
    Ok(promotion_checks(&records.facts(c, on), &p.grades, on))
}

fn checks_json(checks: &[RuleCheck]) -> Result<String, AppError> {
    serde_json::to_string(checks).map_err(|_| AppError::Internal)
}

/// The areas a manager may open a round for, as the options of the round form: the scope's
/// own area and those below it down to the counties (to the townships for a county's scope),
/// at most 500.
pub async fn round_areas(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<crate::model::AreaView>, AppError> {
    if !MANAGERS.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    let deepest = match &actor.scope {
        crate::domain::role::Scope::Area(a) if a.level() >= AreaLevel::County => {
            AreaLevel::Township
        }
        _ => AreaLevel::County,
    };
    areas::in_scope_down_to(db, actor.scope.range(), deepest, 500).await
}

/// Opens a round for an area (by its code or its name in the manager's scope) and enters as candidates every active 二级 coordinator there who
/// meets all promotion rules but the assessment.
pub async fn open(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &RoundInput,
) -> Result<RoundView, AppError> {
    if !MANAGERS.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    let area = areas::resolve_in_scope(
        db,
        input.area_code.as_deref(),
        "area_code",
        actor.scope.range(),
        AreaLevel::Township,
    )
    .await?;
    if area.level() > AreaLevel::Township {
        return Err(AppError::field("area_code", "area.wrong_level"));
    }
    actor.require_in_scope(&area)?;
    if areas::find(db, &area).await?.is_none() {
        return Err(AppError::field("area_code", "area.unknown"));
    }
    let title = text("title", input.title.as_deref(), 2, 100)?.unwrap_or_default();
    let on = today();
    let txn = db.begin_write().await?;
    let r = round::ActiveModel {
        id: NotSet,
        area_code: Set(area.as_str().to_string()),
        title: Set(title),
        status: Set(RoundStatus::Open.as_str().into()),
        notice_from: Set(None),
        notice_until: Set(None),
        effective_on: Set(None),
        is_demo: Set(false),
        created_by: Set(actor.username.clone()),
        created_at: Set(clock::now()),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    let (lo, hi) = area.subtree_range();
    let staff = coordinator::Entity::find()
        .filter(coordinator::Column::AreaCode.between(lo, hi))
        .filter(coordinator::Column::LeftOn.is_null())
        .order_by_asc(coordinator::Column::Id)
        .all(&txn)
        .await?;
    let ids: Vec<i64> = staff.iter().map(|c| c.id).collect();
    let mut records = records_of(&txn, &ids).await?;
    let p = policy::in_force(&txn, area.as_str(), on).await?;
    for c in &staff {
        let mut rec = records.remove(&c.id).unwrap_or_default();
        rec.assessment = None;
        let facts = rec.facts(c, on);
        let checks = promotion_checks(&facts, &p.grades, on);
        if facts.grade == Some(Grade::Second)
            && !rec.grade_change_ahead(on)
            && is_candidate(&checks)
        {
            add_candidate(&txn, r.id, c.id, "rules", None, &checks).await?;
        }
    }
    audit::append(
        &txn,
        By::Actor(actor),
        "open",
        "promotion_round",
        &r.id.to_string(),
        Some(format!("area={}", area.as_str())),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, r.id).await
}

async fn add_candidate<C: ConnectionTrait>(
    conn: &C,
    round_id: i64,
    coordinator_id: i64,
    source: &str,
    nomination: Option<String>,
    checks: &[RuleCheck],
) -> Result<candidate::Model, AppError> {
    Ok(candidate::ActiveModel {
        id: NotSet,
        round_id: Set(round_id),
        coordinator_id: Set(coordinator_id),
        source: Set(source.into()),
        nomination: Set(nomination),
        assessment: Set(None),
        decision: Set(Decision::Pending.as_str().into()),
        reason: Set(None),
        checks: Set(checks_json(checks)?),
        decided_by: Set(None),
        decided_at: Set(None),
        version: Set(1),
    }
    .insert(conn)
    .await?)
}

/// Adds a 二级 coordinator of the round's area whom the rules did not find, with the reason.
pub async fn nominate(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i64,
    input: &NominationInput,
) -> Result<RoundView, AppError> {
    let txn = db.begin_write().await?;
    let r = managed(&txn, actor, round_id, RoundStatus::Open).await?;
    let reason = text("reason", input.reason.as_deref(), 2, 500)?;
    // An unknown number and another area's coordinator get the same answer: nothing leaks.
    let outside = || AppError::field("coordinator_id", "promotion.outside_round");
    let id = input
        .coordinator_id
        .ok_or_else(|| AppError::field("coordinator_id", "coordinator_id.required"))?;
    let c = coordinators::find(&txn, id).await.map_err(|_| outside())?;
    let area = round_area(&r)?;
    let at = AreaCode::parse(&c.area_code).map_err(|_| AppError::Internal)?;
    if !area.contains(&at) || c.left_on.is_some() {
        return Err(outside());
    }
    let on = today();
    let checks = live_checks(&txn, &c, None, on).await?;
    let records = records_of(&txn, &[c.id]).await?;
    let own = records.get(&c.id);
    let grade = own.map(|r| r.facts(&c, on).grade).unwrap_or_default();
    if grade != Some(Grade::Second) || own.is_some_and(|r| r.grade_change_ahead(on)) {
        return Err(AppError::field("coordinator_id", "promotion.not_second"));
    }
    let exists = candidate::Entity::find()
        .filter(candidate::Column::RoundId.eq(r.id))
        .filter(candidate::Column::CoordinatorId.eq(c.id))
        .one(&txn)
        .await?;
    if exists.is_some() {
        return Err(AppError::Conflict("promotion.already_candidate".into()));
    }
    let note = reason.unwrap_or_default();
    add_candidate(&txn, r.id, c.id, "nomination", Some(note), &checks).await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "nominate",
        "promotion_round",
        &r.id.to_string(),
        Some(format!("coordinator={}", c.id)),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, round_id).await
}

async fn round_candidate<C: ConnectionTrait>(
    conn: &C,
    r: &round::Model,
    candidate_id: i64,
) -> Result<candidate::Model, AppError> {
    candidate::Entity::find_by_id(candidate_id)
        .one(conn)
        .await?
        .filter(|c| c.round_id == r.id)
        .ok_or(AppError::NotFound)
}

/// Writes a candidate's changes if its version is still `seen`.
async fn save_candidate<C: ConnectionTrait>(
    conn: &C,
    cand: &candidate::Model,
    seen: i32,
    change: candidate::ActiveModel,
) -> Result<(), AppError> {
    versioned::update::<candidate::Entity, _>(conn, change, cand.id, seen).await
}

/// Enters a candidate's assessment score (while undecided).
pub async fn score(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i64,
    candidate_id: i64,
    input: &ScoreInput,
) -> Result<RoundView, AppError> {
    let assessment = check_assessment(input.assessment)?;
    let txn = db.begin_write().await?;
    let r = managed(&txn, actor, round_id, RoundStatus::Open).await?;
    let cand = round_candidate(&txn, &r, candidate_id).await?;
    if cand.decision != Decision::Pending.as_str() {
        return Err(AppError::Conflict("promotion.decided".into()));
    }
    save_candidate(
        &txn,
        &cand,
        input.version,
        candidate::ActiveModel {
            assessment: Set(Some(i32::try_from(assessment).unwrap_or(0))),
            ..Default::default()
        },
    )
    .await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "score",
        "promotion_candidate",
        &cand.id.to_string(),
        Some(format!("assessment={assessment}")),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, round_id).await
}

/// Decides on a candidate. Every decision needs its written reason (`reason.required`: the
/// approval is published and may be objected to, so it says why as a refusal does). Approval
/// is refused (422, naming each unmet rule) unless every promotion rule is met on the day with
/// this round's score. The checks are kept as they stood.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i64,
    candidate_id: i64,
    input: &DecisionInput,
) -> Result<RoundView, AppError> {
    let reason = text("reason", input.reason.as_deref(), 0, 500)?;
    if reason.is_none() {
        return Err(AppError::field("reason", "reason.required"));
    }
    let txn = db.begin_write().await?;
    let r = managed(&txn, actor, round_id, RoundStatus::Open).await?;
    let cand = round_candidate(&txn, &r, candidate_id).await?;
    let c = coordinators::find(&txn, cand.coordinator_id).await?;
    let assessment = cand.assessment.and_then(|s| u32::try_from(s).ok());
    let checks = live_checks(&txn, &c, assessment, today()).await?;
    if input.approve {
        let unmet: crate::model::error::FieldErrors = checks
            .iter()
            .filter(|c| !c.met)
            .map(|c| (format!("rule.{}", c.rule), "rule.unmet".to_string()))
            .collect();
        if !unmet.is_empty() {
            return Err(AppError::Invalid(unmet));
        }
    }
    let decision = if input.approve {
        Decision::Approved
    } else {
        Decision::Rejected
    };
    save_candidate(
        &txn,
        &cand,
        input.version,
        candidate::ActiveModel {
            decision: Set(decision.as_str().into()),
            reason: Set(reason),
            checks: Set(checks_json(&checks)?),
            decided_by: Set(Some(actor.username.clone())),
            decided_at: Set(Some(clock::now())),
            ..Default::default()
        },
    )
    .await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "decide",
        "promotion_candidate",
        &cand.id.to_string(),
        Some(decision.as_str().into()),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, round_id).await
}

/// Publishes those approved for 公示 (default 5 working days, never fewer); every candidate
/// must be decided first.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i64,
    input: &PublishInput,
) -> Result<RoundView, AppError> {
    let days = input.notice_days.unwrap_or(5);
    if !(5..=30).contains(&days) {
        return Err(AppError::field("notice_days", "notice_days.range"));
    }
    let txn = db.begin_write().await?;
    let r = managed(&txn, actor, round_id, RoundStatus::Open).await?;
    let cands = candidate::Entity::find()
        .filter(candidate::Column::RoundId.eq(r.id))
        .all(&txn)
        .await?;
    if cands
        .iter()
        .any(|c| c.decision == Decision::Pending.as_str())
    {
        return Err(AppError::Conflict("promotion.undecided".into()));
    }
    let on = today();
    let cal = calendar::load(&txn).await?;
    let window = NoticeWindow::starting(on, days, &cal);
    bump(
        &txn,
        &r,
        input.version,
        round::ActiveModel {
            status: Set(RoundStatus::Notice.as_str().into()),
            notice_from: Set(Some(window.from)),
            notice_until: Set(Some(window.until)),
            ..Default::default()
        },
    )
    .await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "publish",
        "promotion_round",
        &r.id.to_string(),
        Some(format!("until={}", window.until)),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, round_id).await
}

/// Closes the round once 公示 is over and every objection answered: each approved candidate
/// holds 一级 from the effective date (today or later).
pub async fn close(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i64,
    input: &CloseInput,
) -> Result<RoundView, AppError> {
    let on = today();
    let effective = match input.effective_on.as_deref().map(str::trim) {
        None | Some("") => return Err(AppError::field("effective_on", "effective_on.required")),
        Some(s) => match parse_ymd(s) {
            Some(d) if d < on => return Err(AppError::field("effective_on", "date.past")),
            Some(d) => d,
            None => return Err(AppError::field("effective_on", "date.malformed")),
        },
    };
    let txn = db.begin_write().await?;
    let r = managed(&txn, actor, round_id, RoundStatus::Notice).await?;
    let window = match (r.notice_from, r.notice_until) {
        (Some(from), Some(until)) => NoticeWindow { from, until },
        _ => return Err(AppError::Internal),
    };
    if !window.is_over(on) {
        return Err(AppError::Conflict("promotion.notice_running".into()));
    }
    let open_objections = promotion_objection::Entity::find()
        .filter(promotion_objection::Column::RoundId.eq(r.id))
        .filter(promotion_objection::Column::Status.eq("open"))
        .all(&txn)
        .await?;
    if !open_objections.is_empty() {
        return Err(AppError::Conflict("promotion.objection_open".into()));
    }
    let approved = candidate::Entity::find()
        .filter(candidate::Column::RoundId.eq(r.id))
        .filter(candidate::Column::Decision.eq(Decision::Approved.as_str()))
        .all(&txn)
        .await?;
    let now = clock::now();
    for cand in &approved {
        coordinator_grade::ActiveModel {
            id: NotSet,
            coordinator_id: Set(cand.coordinator_id),
            grade: Set(Grade::First.as_str().into()),
            from_date: Set(effective),
            reason: Set(crate::domain::grading::GradeReason::Promotion {
                round: r.title.clone(),
            }
            .encode()),
            round_id: Set(Some(r.id)),
            recorded_by: Set(actor.username.clone()),
            recorded_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    bump(
        &txn,
        &r,
        input.version,
        round::ActiveModel {
            status: Set(RoundStatus::Closed.as_str().into()),
            effective_on: Set(Some(effective)),
            ..Default::default()
        },
    )
    .await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "close",
        "promotion_round",
        &r.id.to_string(),
        Some(format!("effective={effective} promoted={}", approved.len())),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, round_id).await
}

/// The rounds of the actor's area, newest first.
pub async fn list(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<RoundItem>, AppError> {
    if !READERS.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    let mut q = round::Entity::find();
    if let Some((lo, hi)) = actor.scope.range() {
        q = q.filter(round::Column::AreaCode.between(lo, hi));
    }
    let rounds = q.order_by_desc(round::Column::Id).all(db).await?;
    let ids: Vec<i64> = rounds.iter().map(|r| r.id).collect();
    let cands = candidate::Entity::find()
        .filter(candidate::Column::RoundId.is_in(ids))
        .all(db)
        .await?;
    let codes: Vec<String> = rounds.iter().map(|r| r.area_code.clone()).collect();
    let found = area::Entity::find()
        .filter(area::Column::Code.is_in(codes))
        .all(db)
        .await?;
    rounds
        .iter()
        .map(|r| {
            let mine = cands.iter().filter(|c| c.round_id == r.id);
            Ok(RoundItem {
                id: r.id,
                area: found
                    .iter()
                    .find(|a| a.code == r.area_code)
                    .map(areas::to_view)
                    .ok_or(AppError::Internal)?,
                title: r.title.clone(),
                status: RoundStatus::parse(&r.status).ok_or(AppError::Internal)?,
                candidates: mine.clone().count() as u64,
                approved: mine
                    .filter(|c| c.decision == Decision::Approved.as_str())
                    .count() as u64,
                notice_until: r.notice_until.map(ymd),
                effective_on: r.effective_on.map(ymd),
            })
        })
        .collect()
}

/// The coordinators a manager may still nominate in a round of `area`: active, at 二级 on `on`
/// with no grade change ahead, not yet candidates (`taken`); by name, at most 500.
async fn nominable<C: ConnectionTrait>(
    conn: &C,
    area: &AreaCode,
    taken: &[i64],
    on: NaiveDate,
) -> Result<Vec<NominableCoordinator>, AppError> {
    let (lo, hi) = area.subtree_range();
    let staff = coordinator::Entity::find()
        .filter(coordinator::Column::AreaCode.between(lo, hi))
        .filter(coordinator::Column::LeftOn.is_null())
        .filter(coordinator::Column::Id.is_not_in(taken.iter().copied()))
        .order_by_asc(coordinator::Column::Name)
        .limit(500)
        .all(conn)
        .await?;
    let ids: Vec<i64> = staff.iter().map(|c| c.id).collect();
    let mut records = records_of(conn, &ids).await?;
    let codes: Vec<String> = staff.iter().map(|c| c.area_code.clone()).collect();
    let names = areas::names(conn, &codes).await?;
    Ok(staff
        .iter()
        .filter(|c| {
            let rec = records.remove(&c.id).unwrap_or_default();
            rec.facts(c, on).grade == Some(Grade::Second) && !rec.grade_change_ahead(on)
        })
        .map(|c| NominableCoordinator {
            id: c.id,
            name: c.name.clone(),
            area_name: names.get(&c.area_code).cloned().unwrap_or_default(),
        })
        .collect())
}

/// One round with its candidates (checks live while undecided) and objections.
pub async fn get(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<RoundView, AppError> {
    let r = find_round(db, id).await?;
    let area = round_area(&r)?;
    if !READERS.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    actor.require_in_scope(&area)?;
    let on = today();
    let manages = may_manage(actor, &area);
    let cands = candidate::Entity::find()
        .filter(candidate::Column::RoundId.eq(r.id))
        .order_by_asc(candidate::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = cands.iter().map(|c| c.coordinator_id).collect();
    let people = coordinator::Entity::find()
        .filter(coordinator::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let mut codes: Vec<String> = people.iter().map(|p| p.area_code.clone()).collect();
    codes.push(r.area_code.clone());
    let names = areas::names(db, &codes).await?;
    let mut candidates = Vec::with_capacity(cands.len());
    for cand in &cands {
        let c = people
            .iter()
            .find(|p| p.id == cand.coordinator_id)
            .ok_or(AppError::Internal)?;
        let assessment = cand.assessment.and_then(|s| u32::try_from(s).ok());
        let decision = Decision::parse(&cand.decision).ok_or(AppError::Internal)?;
        let checks = if decision == Decision::Pending {
            live_checks(db, c, assessment, on).await?
        } else {
            serde_json::from_str(&cand.checks).map_err(|_| AppError::Internal)?
        };
        candidates.push(CandidateView {
            id: cand.id,
            coordinator_id: c.id,
            name: c.name.clone(),
            area_name: names.get(&c.area_code).cloned().unwrap_or_default(),
            source: cand.source.clone(),
            nomination: cand.nomination.clone(),
            assessment,
            decision,
            reason: cand.reason.clone(),
            decided_by: cand.decided_by.clone(),
            all_met: checks.iter().all(|c| c.met),
            checks,
            version: cand.version,
        });
    }
    let objections = promotion_objection::Entity::find()
        .filter(promotion_objection::Column::RoundId.eq(r.id))
        .order_by_asc(promotion_objection::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|o| {
            let contact = o.contact()?;
            Ok(PromotionObjectionView {
                id: o.id,
                candidate_id: o.candidate_id,
                candidate_name: candidates
                    .iter()
                    .find(|c| c.id == o.candidate_id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                name: o.name.clone(),
                // In full for the HR managers who investigate; masked for other readers.
                contact: if manages {
                    contact
                } else {
                    crate::domain::id_card::mask_phone(&contact)
                },
                text: o.text.clone(),
                filed_at: clock::minute(o.filed_at),
                status: o.status.clone(),
                finding: o.finding.clone(),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let here = areas::find(db, &area).await?.ok_or(AppError::Internal)?;
    let status = RoundStatus::parse(&r.status).ok_or(AppError::Internal)?;
    let nominable = if manages && status == RoundStatus::Open {
        nominable(db, &area, &ids, on).await?
    } else {
        Vec::new()
    };
    Ok(RoundView {
        id: r.id,
        area: areas::to_view(&here),
        title: r.title.clone(),
        status,
        notice_from: r.notice_from.map(ymd),
        notice_until: r.notice_until.map(ymd),
        effective_on: r.effective_on.map(ymd),
        created_by: r.created_by.clone(),
        candidates,
        objections,
        nominable,
        policy_version: policy::in_force(db, &r.area_code, on).await?.version,
        can_manage: manages,
        version: r.version,
    })
}
