//! 考核 (DOMAIN.md §3, the speech's 绩效考核): the level above assesses the units below an area
//! (a street its communities, a county its streets …) and the coordinators of those units for
//! an ended period. A draft is computed from the records, seen by the assessed, adjusted within
//! the system's bound with a written reason; publishing freezes it (the system used, every
//! entry's lines and the records counted) under a SHA-256 digest, and a later change of data or
//! rules cannot move it. A correction is a new round, computed afresh and published in its turn,
//! which supersedes the round before.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, QueryOrder, Set,
};
use sha2::{Digest, Sha256};

use super::scorecard::{lines, window};
use super::{facts, system};
use crate::backend::actor::Actor;
use crate::backend::clock::{self, minute};
use crate::backend::db::BeginWrite;
use crate::backend::entity::{assessment, assessment_entry as entry, coordinator};
use crate::backend::service::audit::{self, By};
use crate::backend::service::{areas, versioned};
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::calendar::ymd;
use crate::domain::performance::IndicatorSystem;
use crate::domain::performance::assessment::{
    AdjustmentError, AssessmentStatus, SubjectKind, check_adjustment, final_score, parse_points,
    ranks,
};
use crate::domain::performance::measures::{Counted, Window};
use crate::domain::role::{Role, Scope};
use crate::model::AppError;
use crate::model::performance::{
    AdjustmentInput, AssessmentAction, AssessmentEntryView, AssessmentInput, AssessmentList,
    AssessmentSummary, AssessmentView, FrozenRecord, ScoreLine,
};

const ENTITY: &str = "assessment";

/// The roles that run assessments, each for its own area.
const ASSESSORS: [Role; 4] = [
    Role::StreetOfficer,
    Role::CountyOfficer,
    Role::CityOfficer,
    Role::ProvinceOfficer,
];

/// Whether `actor` runs the assessments of `area`: an officer of that very area.
fn runs(actor: &Actor, area: &AreaCode) -> bool {
    ASSESSORS.contains(&actor.role) && actor.scope == Scope::Area(*area)
}

/// Whether `actor` may read the assessments of `area`: the area lies in the reader's scope, or
/// the reader's area lies below it (the assessed see their draft).
fn reads(actor: &Actor, area: &AreaCode) -> bool {
    match actor.scope {
        Scope::National => true,
        Scope::Area(home) => home.contains(area) || area.contains(&home),
    }
}

/// One entry as computed, before it is written.
struct Computed {
    kind: SubjectKind,
    code: String,
    coordinator_id: Option<i64>,
    name: String,
    lines: Vec<ScoreLine>,
    records: Vec<FrozenRecord>,
}

impl Computed {
    fn total(&self) -> u32 {
        self.lines.iter().map(|l| l.points).sum()
    }
}

fn frozen(counted: Vec<(ScoreLine, Vec<Counted>)>) -> (Vec<ScoreLine>, Vec<FrozenRecord>) {
    let mut records = Vec::new();
    let mut lines_out = Vec::new();
    for (line, list) in counted {
        records.extend(list.into_iter().map(|c| FrozenRecord {
            measure: line.indicator.measure,
            kind: c.kind,
            id: c.id,
            met: c.met,
            due: c.due.map(ymd),
            done: c.done.map(ymd),
        }));
        lines_out.push(line);
    }
    (lines_out, records)
}

/// Every unit directly below `area` and the coordinators serving them (on the books on the
/// window's last day), scored under `system`.
async fn compute<C: ConnectionTrait>(
    conn: &C,
    area: &AreaCode,
    w: Window,
    system: &IndicatorSystem,
) -> Result<Vec<Computed>, AppError> {
    let children = areas::children_of(conn, area).await?;
    let mut out = Vec::new();
    let mut by_unit = std::collections::HashMap::new();
    for child in children {
        let Ok(code) = AreaCode::parse(&child.code) else {
            continue;
        };
        let facts = facts::read(conn, Some(&code.subtree_range()), w).await?;
        let (unit_lines, records) = frozen(lines(system, &facts, w));
        by_unit.insert(child.code.clone(), (unit_lines.clone(), records.clone()));
        out.push(Computed {
            kind: SubjectKind::Unit,
            code: child.code,
            coordinator_id: None,
            name: child.name,
            lines: unit_lines,
            records,
        });
    }
    let (lo, hi) = area.subtree_range();
    let serving = coordinator::Entity::find()
        .filter(coordinator::Column::AreaCode.between(lo, hi))
        .filter(coordinator::Column::HiredOn.lte(w.to))
        .order_by_asc(coordinator::Column::Id)
        .all(conn)
        .await?;
    for c in serving {
        if c.left_on.is_some_and(|left| left <= w.to) {
            continue;
        }
        let Some((unit_lines, records)) = by_unit.get(&c.area_code) else {
            continue;
        };
        out.push(Computed {
            kind: SubjectKind::Coordinator,
            code: c.area_code,
            coordinator_id: Some(c.id),
            name: c.name,
            lines: unit_lines.clone(),
            records: records.clone(),
        });
    }
    Ok(out)
}

/// A round about to be computed and written.
struct NewRound<'a> {
    area: &'a AreaCode,
    period: &'a str,
    round: i32,
    w: Window,
    correction_reason: Option<String>,
}

/// Writes a computed round as a draft, ranked.
async fn write_round<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    r: NewRound<'_>,
    system: &IndicatorSystem,
) -> Result<i64, AppError> {
    let NewRound {
        area,
        period,
        round,
        w,
        correction_reason,
    } = r;
    let body = serde_json::to_string(system).map_err(|_| AppError::Internal)?;
    let now = clock::now();
    let a = assessment::ActiveModel {
        id: NotSet,
        area_code: Set(area.as_str().to_string()),
        period: Set(period.to_string()),
        round: Set(round),
        status: Set(AssessmentStatus::Draft.as_str().into()),
        as_of: Set(w.to),
        system_version: Set(system.version.clone()),
        system: Set(body),
        correction_reason: Set(correction_reason),
        digest: Set(None),
        created_by: Set(actor.username.clone()),
        created_at: Set(now),
        published_by: Set(None),
        published_at: Set(None),
        version: Set(1),
    }
    .insert(conn)
    .await?;
    let computed = compute(conn, area, w, system).await?;
    for kind in [SubjectKind::Unit, SubjectKind::Coordinator] {
        let of_kind: Vec<&Computed> = computed.iter().filter(|c| c.kind == kind).collect();
        let totals: Vec<u32> = of_kind.iter().map(|c| c.total()).collect();
        for (c, rank) in of_kind.iter().zip(ranks(&totals)) {
            let total = c.total();
            entry::ActiveModel {
                id: NotSet,
                assessment_id: Set(a.id),
                subject_kind: Set(kind.as_str().into()),
                subject_code: Set(c.code.clone()),
                coordinator_id: Set(c.coordinator_id),
                subject_name: Set(c.name.chars().take(100).collect()),
                computed: Set(as_i32(total)),
                adjustment: Set(0),
                adjustment_reason: Set(None),
                final_score: Set(as_i32(total)),
                rank: Set(as_i32(rank)),
                lines: Set(serde_json::to_string(&c.lines).map_err(|_| AppError::Internal)?),
                records: Set(serde_json::to_string(&c.records).map_err(|_| AppError::Internal)?),
            }
            .insert(conn)
            .await?;
        }
    }
    Ok(a.id)
}

fn as_i32(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

fn as_u32(v: i32) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

/// Runs an assessment of the units below the assessor's area (and their coordinators) for an
/// ended period, as a draft. Street, county, city and province officers, for their own area.
/// Errors: 403 for other roles or another area; `period`/`period.malformed`, `period.year`,
/// `period.future`, `period.not_ended`; 409 `assessment.draft_exists` or
/// `assessment.published_exists` (correct that one instead).
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &AssessmentInput,
) -> Result<AssessmentView, AppError> {
    let area = match areas::parse_filter(input.area.as_deref(), "area")? {
        Some(code) => code,
        None => match actor.scope {
            Scope::Area(home) => home,
            Scope::National => return Err(AppError::field("area", "area_code.required")),
        },
    };
    if !runs(actor, &area) {
        return Err(AppError::Forbidden);
    }
    if area.level() == AreaLevel::Village {
        return Err(AppError::field("area", "area.wrong_level"));
    }
    let (period, w) = window(input.period.as_deref())?;
    if clock::today() <= period.last_day() {
        return Err(AppError::field("period", "period.not_ended"));
    }
    let label = period.label();
    let txn = db.begin_write().await?;
    let earlier = assessment::Entity::find()
        .filter(assessment::Column::AreaCode.eq(area.as_str()))
        .filter(assessment::Column::Period.eq(&label))
        .all(&txn)
        .await?;
    if earlier
        .iter()
        .any(|a| a.status == AssessmentStatus::Draft.as_str())
    {
        return Err(AppError::Conflict("assessment.draft_exists".into()));
    }
    if !earlier.is_empty() {
        return Err(AppError::Conflict("assessment.published_exists".into()));
    }
    let system = system::in_force(&txn, area.as_str(), w.to).await?;
    let round = NewRound {
        area: &area,
        period: &label,
        round: 1,
        w,
        correction_reason: None,
    };
    let id = write_round(&txn, actor, round, &system).await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "create",
        ENTITY,
        &id.to_string(),
        Some(label),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, id).await
}

/// A qualitative adjustment (加减分) of one entry of a draft: at most the system's
/// `max_adjustment` points either way, with a written reason; the final scores of the entry's
/// kind are ranked again. Errors: 404; 403 unless the assessor; 409 `assessment.not_draft`, the
/// version conflict; `adjustment`/`adjustment.malformed`, `adjustment.too_large`;
/// `reason`/`reason.required`, `reason.too_long`; `version`/`version.required`.
pub async fn adjust(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i64,
    input: &AdjustmentInput,
) -> Result<AssessmentView, AppError> {
    let seen = versioned::seen(input.version)?;
    let centi = parse_points(input.adjustment.as_deref().unwrap_or("0"))
        .map_err(|_| AppError::field("adjustment", "adjustment.malformed"))?;
    let txn = db.begin_write().await?;
    let e = entry::Entity::find_by_id(entry_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let a = editable(&txn, actor, e.assessment_id).await?;
    versioned::check(a.version, seen)?;
    let system = stored_system(&a)?;
    let reason =
        check_adjustment(centi, input.reason.as_deref(), system.max_adjustment).map_err(|err| {
            match err {
                AdjustmentError::TooLarge => AppError::field("adjustment", "adjustment.too_large"),
                AdjustmentError::Malformed => AppError::field("adjustment", "adjustment.malformed"),
                AdjustmentError::ReasonRequired => AppError::field("reason", "reason.required"),
                AdjustmentError::ReasonTooLong => AppError::field("reason", "reason.too_long"),
            }
        })?;
    let kind = e.subject_kind.clone();
    let mut row: entry::ActiveModel = e.clone().into();
    row.adjustment = Set(centi);
    row.adjustment_reason = Set(reason.clone());
    row.final_score = Set(as_i32(final_score(as_u32(e.computed), centi)));
    row.update(&txn).await?;
    rerank(&txn, a.id, &kind).await?;
    let bump: assessment::ActiveModel = a.clone().into();
    versioned::update::<assessment::Entity, _>(&txn, bump, a.id, seen).await?;
    let detail = format!(
        "entry={entry_id} adjustment={centi} reason={}",
        reason.unwrap_or_default()
    );
    audit::append(
        &txn,
        By::Actor(actor),
        "adjust",
        ENTITY,
        &a.id.to_string(),
        Some(detail),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, a.id).await
}

async fn rerank<C: ConnectionTrait>(conn: &C, id: i64, kind: &str) -> Result<(), AppError> {
    let entries = entry::Entity::find()
        .filter(entry::Column::AssessmentId.eq(id))
        .filter(entry::Column::SubjectKind.eq(kind))
        .order_by_asc(entry::Column::Id)
        .all(conn)
        .await?;
    let scores: Vec<u32> = entries.iter().map(|e| as_u32(e.final_score)).collect();
    for (e, rank) in entries.into_iter().zip(ranks(&scores)) {
        if e.rank != as_i32(rank) {
            let mut row: entry::ActiveModel = e.into();
            row.rank = Set(as_i32(rank));
            row.update(conn).await?;
        }
    }
    Ok(())
}

/// The assessment `id` as its assessor may change it: a draft of the assessor's own area.
async fn editable<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: i64,
) -> Result<assessment::Model, AppError> {
    let a = assessment::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let area = AreaCode::parse(&a.area_code).map_err(|_| AppError::Internal)?;
    if !runs(actor, &area) {
        return Err(AppError::Forbidden);
    }
    if a.status != AssessmentStatus::Draft.as_str() {
        return Err(AppError::Conflict("assessment.not_draft".into()));
    }
    Ok(a)
}

/// The indicator system an assessment was computed under, as stored with it. Errors:
/// unreadable (logged), 500.
pub(super) fn stored_system(a: &assessment::Model) -> Result<IndicatorSystem, AppError> {
    serde_json::from_str(&a.system).map_err(|e| {
        tracing::error!(error = %e, id = a.id, "stored assessment system unreadable");
        AppError::Internal
    })
}

/// The SHA-256 of an assessment's content as published: its area, period, round, day counted,
/// correction reason and system, and every entry (kind, subject, scores, adjustment and reason,
/// rank, lines, records) in id order, each field length-prefixed. Hex, 64 characters.
fn digest(a: &assessment::Model, entries: &[entry::Model]) -> String {
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    field(a.area_code.as_bytes());
    field(a.period.as_bytes());
    field(&a.round.to_be_bytes());
    field(ymd(a.as_of).as_bytes());
    field(a.correction_reason.as_deref().unwrap_or("").as_bytes());
    field(a.system.as_bytes());
    let mut sorted: Vec<&entry::Model> = entries.iter().collect();
    sorted.sort_by_key(|e| e.id);
    for e in sorted {
        field(e.subject_kind.as_bytes());
        field(e.subject_code.as_bytes());
        field(&e.coordinator_id.unwrap_or(0).to_be_bytes());
        field(e.subject_name.as_bytes());
        field(&e.computed.to_be_bytes());
        field(&e.adjustment.to_be_bytes());
        field(e.adjustment_reason.as_deref().unwrap_or("").as_bytes());
        field(&e.final_score.to_be_bytes());
        field(&e.rank.to_be_bytes());
        field(e.lines.as_bytes());
        field(e.records.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

async fn entries_of<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Vec<entry::Model>, AppError> {
    Ok(entry::Entity::find()
        .filter(entry::Column::AssessmentId.eq(id))
        .order_by_asc(entry::Column::Id)
        .all(conn)
        .await?)
}

/// Publishes a draft: frozen from then on, with its digest; a corrected round supersedes the
/// round it corrects. Errors: 404, 403 unless the assessor, 409 `assessment.not_draft` or the
/// version conflict, `version`/`version.required`.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &AssessmentAction,
) -> Result<AssessmentView, AppError> {
    let seen = versioned::seen(input.version)?;
    let txn = db.begin_write().await?;
    let a = editable(&txn, actor, id).await?;
    versioned::check(a.version, seen)?;
    let sum = digest(&a, &entries_of(&txn, id).await?);
    let mut row: assessment::ActiveModel = a.clone().into();
    row.status = Set(AssessmentStatus::Published.as_str().into());
    row.digest = Set(Some(sum.clone()));
    row.published_by = Set(Some(actor.username.clone()));
    row.published_at = Set(Some(clock::now()));
    versioned::update::<assessment::Entity, _>(&txn, row, id, seen).await?;
    assessment::Entity::update_many()
        .col_expr(
            assessment::Column::Status,
            sea_orm::sea_query::Expr::value(AssessmentStatus::Superseded.as_str()),
        )
        .filter(assessment::Column::AreaCode.eq(&a.area_code))
        .filter(assessment::Column::Period.eq(&a.period))
        .filter(assessment::Column::Round.lt(a.round))
        .filter(assessment::Column::Status.eq(AssessmentStatus::Published.as_str()))
        .exec(&txn)
        .await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "publish",
        ENTITY,
        &id.to_string(),
        Some(sum),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, id).await
}

/// Corrects a published assessment: a new round, computed afresh from the records and the
/// system in force now for the same period, as a draft with the reason; the published round
/// stands until the new one is published. Errors: 404, 403 unless the assessor, 409
/// `assessment.not_published` or `assessment.draft_exists`, `reason`/`reason.required`,
/// `reason.too_long`.
pub async fn correct(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &AssessmentAction,
) -> Result<AssessmentView, AppError> {
    let reason = input
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .ok_or_else(|| AppError::field("reason", "reason.required"))?;
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", "reason.too_long"));
    }
    let txn = db.begin_write().await?;
    let a = assessment::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let area = AreaCode::parse(&a.area_code).map_err(|_| AppError::Internal)?;
    if !runs(actor, &area) {
        return Err(AppError::Forbidden);
    }
    if a.status != AssessmentStatus::Published.as_str() {
        return Err(AppError::Conflict("assessment.not_published".into()));
    }
    let rounds = assessment::Entity::find()
        .filter(assessment::Column::AreaCode.eq(&a.area_code))
        .filter(assessment::Column::Period.eq(&a.period))
        .all(&txn)
        .await?;
    if rounds
        .iter()
        .any(|r| r.status == AssessmentStatus::Draft.as_str())
    {
        return Err(AppError::Conflict("assessment.draft_exists".into()));
    }
    let next = rounds.iter().map(|r| r.round).max().unwrap_or(a.round) + 1;
    let (_, w) = window(Some(&a.period))?;
    let system = system::in_force(&txn, &a.area_code, w.to).await?;
    let round = NewRound {
        area: &area,
        period: &a.period,
        round: next,
        w,
        correction_reason: Some(reason.to_string()),
    };
    let new_id = write_round(&txn, actor, round, &system).await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "correct",
        ENTITY,
        &new_id.to_string(),
        Some(format!("corrects={id}")),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, new_id).await
}

/// An assessment with its entries, as stored (a published one is never recomputed; `intact`
/// says whether its content still hashes to its digest). Readers: the assessor's area and
/// above, and the assessed below (their draft too). Errors: 404, 403 outside.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<AssessmentView, AppError> {
    let a = assessment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let area = AreaCode::parse(&a.area_code).map_err(|_| AppError::Internal)?;
    if !reads(actor, &area) {
        return Err(AppError::OutOfScope);
    }
    let entries = entries_of(db, id).await?;
    let system = stored_system(&a)?;
    let rounds = assessment::Entity::find()
        .filter(assessment::Column::AreaCode.eq(&a.area_code))
        .filter(assessment::Column::Period.eq(&a.period))
        .all(db)
        .await?;
    let round_id = |n: i32| rounds.iter().find(|r| r.round == n).map(|r| r.id);
    let status = AssessmentStatus::parse(&a.status).ok_or(AppError::Internal)?;
    let intact = a.digest.as_ref().map(|d| *d == digest(&a, &entries));
    let views = entries
        .iter()
        .map(|e| entry_view(e, &system))
        .collect::<Result<Vec<_>, _>>()?;
    let (units, coordinators): (Vec<_>, Vec<_>) =
        views.into_iter().partition(|e| e.kind == SubjectKind::Unit);
    Ok(AssessmentView {
        id: a.id,
        area_name: areas::find(db, &area)
            .await?
            .map(|x| x.name)
            .unwrap_or_default(),
        area_code: a.area_code.clone(),
        period: a.period.clone(),
        round: as_u32(a.round),
        status,
        as_of: ymd(a.as_of),
        system_version: a.system_version.clone(),
        max_adjustment: system.max_adjustment,
        grassroots_share: system.grassroots_share,
        correction_reason: a.correction_reason.clone(),
        digest: a.digest.clone(),
        intact,
        corrects: (a.round > 1).then(|| round_id(a.round - 1)).flatten(),
        corrected_by: round_id(a.round + 1),
        created_by: a.created_by.clone(),
        created_at: minute(a.created_at),
        published_by: a.published_by.clone(),
        published_at: a.published_at.map(minute),
        version: a.version,
        assessor: runs(actor, &area),
        can_edit: runs(actor, &area) && status == AssessmentStatus::Draft,
        units: sorted(units),
        coordinators: sorted(coordinators),
    })
}

fn sorted(mut v: Vec<AssessmentEntryView>) -> Vec<AssessmentEntryView> {
    v.sort_by_key(|e| (e.rank, e.subject_code.clone(), e.id));
    v
}

fn entry_view(e: &entry::Model, system: &IndicatorSystem) -> Result<AssessmentEntryView, AppError> {
    let lines: Vec<ScoreLine> = serde_json::from_str(&e.lines).map_err(|_| AppError::Internal)?;
    let records: Vec<serde::de::IgnoredAny> =
        serde_json::from_str(&e.records).map_err(|_| AppError::Internal)?;
    let final_score = as_u32(e.final_score);
    Ok(AssessmentEntryView {
        id: e.id,
        kind: SubjectKind::parse(&e.subject_kind).ok_or(AppError::Internal)?,
        subject_code: e.subject_code.clone(),
        coordinator_id: e.coordinator_id,
        subject_name: e.subject_name.clone(),
        computed: as_u32(e.computed),
        adjustment: e.adjustment,
        adjustment_reason: e.adjustment_reason.clone(),
        final_score,
        rank: as_u32(e.rank),
        proposed_rating: system.proposed_rating(final_score / 100),
        lines,
        records: records.len() as u64,
    })
}

/// The assessments of an area (the reader's own by default), newest period and round first.
/// Errors: `area`/`area.malformed`, 403 outside.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    area: Option<&str>,
) -> Result<AssessmentList, AppError> {
    let area = match areas::parse_filter(area, "area")? {
        Some(code) => code,
        None => match actor.scope {
            Scope::Area(home) => home,
            Scope::National => return Err(AppError::field("area", "area_code.required")),
        },
    };
    if !reads(actor, &area) {
        return Err(AppError::OutOfScope);
    }
    let rows = assessment::Entity::find()
        .filter(assessment::Column::AreaCode.eq(area.as_str()))
        .order_by_desc(assessment::Column::Period)
        .order_by_desc(assessment::Column::Round)
        .all(db)
        .await?;
    let items = rows
        .into_iter()
        .filter_map(|a| {
            Some(AssessmentSummary {
                id: a.id,
                status: AssessmentStatus::parse(&a.status)?,
                area_code: a.area_code,
                period: a.period,
                round: as_u32(a.round),
                digest: a.digest,
                published_at: a.published_at.map(minute),
            })
        })
        .collect();
    Ok(AssessmentList {
        area_name: areas::find(db, &area)
            .await?
            .map(|x| x.name)
            .unwrap_or_default(),
        area_code: area.as_str().to_string(),
        can_run: runs(actor, &area) && area.level() != AreaLevel::Village,
        items,
    })
}
