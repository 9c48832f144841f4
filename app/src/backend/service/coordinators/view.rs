//! A coordinator's record as shown: the records the grade rules read, the rules explained
//! rule by rule under the policy in force in the coordinator's province, and the caseload of
//! the assigned area from the ledgers.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::access::{is_self, keeps, require_read};
use crate::backend::actor::Actor;
use crate::backend::entity::{
    assistance_target, community_tally, coordinator as row, coordinator_exam, coordinator_grade,
    coordinator_rating, coordinator_training, person, promotion_candidate,
};
use crate::backend::service::areas;
use crate::backend::service::platforms::policy;
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::calendar::ymd;
use crate::domain::grading::{
    CoordinatorFacts, Employment, ExamRecord, Grade, GradeStep, Rating, TrainingRecord,
    entry_checks, grade_on, promotion_checks, training_in_window,
};
use crate::domain::id_card;
use crate::domain::ledger::Education;
use crate::model::coordinator::{
    Caseload, CoordinatorView, ExamView, GradeEntry, RatingView, TrainingView,
};
use crate::model::{AppError, AreaView};

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

fn grade_entry(g: &coordinator_grade::Model) -> Option<GradeEntry> {
    Some(GradeEntry {
        grade: Grade::parse(&g.grade)?,
        from_date: ymd(g.from_date),
        reason: g.reason.clone(),
        round_id: g.round_id,
        recorded_by: g.recorded_by.clone(),
    })
}

pub(super) fn rating_view(r: &coordinator_rating::Model) -> Option<RatingView> {
    Some(RatingView {
        year: r.year,
        rating: Rating::parse(&r.rating)?,
        recorded_by: r.recorded_by.clone(),
    })
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
            c.id_number()?
        } else {
            id_card::mask(&c.id_number()?)
        },
        phone: c
            .phone()?
            .map(|p| if full { p } else { id_card::mask_phone(&p) }),
        area: view_of(&c.area_code).ok_or(AppError::Internal)?,
        street: street.and_then(|s| view_of(s.as_str())),
        employment: Employment::parse(&c.employment).unwrap_or(Employment::FullTime),
        hired_on: ymd(c.hired_on),
        education: c.education.as_deref().and_then(Education::parse),
        contract_from: c.contract_from.map(ymd),
        contract_until: c.contract_until.map(ymd),
        non_renewal: c.non_renewal,
        left_on: c.left_on.map(ymd),
        left_reason: c.left_reason.clone(),
        account_username: c.account_username.clone(),
        grade: facts.grade,
        grade_since: facts.grade_since.map(ymd),
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
                finished_on: ymd(t.finished_on),
                pre_service: t.pre_service,
            })
            .collect(),
        training_hours: training_in_window(&facts, &policy.grades, on)
            .iter()
            .map(|t| t.hours)
            .sum(),
        exams: records
            .exams
            .iter()
            .map(|e| ExamView {
                id: e.id,
                sat_on: ymd(e.sat_on),
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
        can_edit: keeps(actor, &area) && c.left_on.is_none(),
        history: super::history::of(conn, c.id).await?,
    })
}
