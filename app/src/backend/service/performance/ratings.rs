//! Annual ratings that follow the work: a published annual assessment (period `2026`)
//! proposes each assessed coordinator's rating by the system's bands; the HR manager confirms
//! it or overrides it with a reason, and the rating is recorded as any other (pay coefficient,
//! grade and promotion rules follow, `coordinators::records`).

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, NotSet, QueryFilter,
    QueryOrder, Set,
};

use super::assessment::stored_system;
use crate::backend::actor::Actor;
use crate::backend::clock::{self, today};
use crate::backend::db::BeginWrite;
use crate::backend::entity::{
    assessment, assessment_entry as entry, coordinator, coordinator_rating, rating_decision,
};
use crate::backend::service::audit::{self, By};
use crate::backend::service::coordinators::records::apply_rating;
use crate::backend::service::coordinators::{find, require_keep};
use crate::domain::calendar::ymd;
use crate::domain::grading::Rating;
use crate::domain::performance::assessment::{AssessmentStatus, SubjectKind};
use crate::domain::performance::{IndicatorSystem, Period};
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::performance::{RatingDecisionInput, RatingProposal};

/// The roles that read proposals: the HR managers who decide them and the officers.
const READERS: [Role; 5] = [
    Role::HrManager,
    Role::StreetOfficer,
    Role::CountyOfficer,
    Role::CityOfficer,
    Role::ProvinceOfficer,
];

fn proposed_of(system: &IndicatorSystem, e: &entry::Model) -> Rating {
    system.proposed_rating(u32::try_from(e.final_score).unwrap_or(0) / 100)
}

/// The proposals of the published annual assessments of `year` for the coordinators in the
/// reader's scope, by area and name, each with the rating recorded for the year and the HR
/// manager's decision. Errors: 403 for other roles; `year`/`rating.year` outside 2000–2100.
pub async fn proposals(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
) -> Result<Vec<RatingProposal>, AppError> {
    actor.require_role(&READERS)?;
    if !(2000..=2100).contains(&year) {
        return Err(AppError::field("year", "rating.year"));
    }
    let published = assessment::Entity::find()
        .filter(assessment::Column::Period.eq(year.to_string()))
        .filter(assessment::Column::Status.eq(AssessmentStatus::Published.as_str()))
        .all(db)
        .await?;
    // Each assessment's stored system, read once for all its entries.
    let systems: HashMap<i64, IndicatorSystem> = published
        .iter()
        .map(|a| Ok((a.id, stored_system(a)?)))
        .collect::<Result<_, AppError>>()?;
    let by_id: HashMap<i64, &assessment::Model> = published.iter().map(|a| (a.id, a)).collect();
    let mut q = entry::Entity::find()
        .filter(entry::Column::AssessmentId.is_in(by_id.keys().copied()))
        .filter(entry::Column::SubjectKind.eq(SubjectKind::Coordinator.as_str()));
    if let Some((lo, hi)) = actor.scope.range() {
        q = q.filter(entry::Column::SubjectCode.between(lo, hi));
    }
    let entries = q
        .order_by_asc(entry::Column::SubjectCode)
        .order_by_asc(entry::Column::SubjectName)
        .all(db)
        .await?;
    let ids: Vec<i64> = entries.iter().filter_map(|e| e.coordinator_id).collect();
    let recorded: HashMap<i64, Rating> = coordinator_rating::Entity::find()
        .filter(coordinator_rating::Column::CoordinatorId.is_in(ids.iter().copied()))
        .filter(coordinator_rating::Column::Year.eq(year))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| Rating::parse(&r.rating).map(|x| (r.coordinator_id, x)))
        .collect();
    let left: HashMap<i64, chrono::NaiveDate> = coordinator::Entity::find()
        .filter(coordinator::Column::Id.is_in(ids.iter().copied()))
        .filter(coordinator::Column::LeftOn.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| c.left_on.map(|d| (c.id, d)))
        .collect();
    let decisions: HashMap<i64, rating_decision::Model> = rating_decision::Entity::find()
        .filter(rating_decision::Column::EntryId.is_in(entries.iter().map(|e| e.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.entry_id, d))
        .collect();
    let mut out = Vec::new();
    for e in &entries {
        let (Some(a), Some(system), Some(coordinator_id)) = (
            by_id.get(&e.assessment_id),
            systems.get(&e.assessment_id),
            e.coordinator_id,
        ) else {
            continue;
        };
        let d = decisions.get(&e.id);
        out.push(RatingProposal {
            entry_id: e.id,
            assessment_id: a.id,
            year,
            coordinator_id,
            coordinator_name: e.subject_name.clone(),
            area_code: e.subject_code.clone(),
            final_score: u32::try_from(e.final_score).unwrap_or(0),
            proposed: proposed_of(system, e),
            recorded: recorded.get(&coordinator_id).copied(),
            decided: d.and_then(|d| Rating::parse(&d.decided)),
            reason: d.and_then(|d| d.reason.clone()),
            decided_by: d.map(|d| d.decided_by.clone()),
            left_on: left.get(&coordinator_id).map(|d| ymd(*d)),
        });
    }
    Ok(out)
}

/// The HR manager confirms a proposal (no rating, or the proposed one) or overrides it with
/// another rating and a reason; the rating is recorded for the year with its effects. Errors:
/// 404; 403 for other roles or outside the scope; 409 `proposal.not_open` (not a published
/// annual assessment's coordinator), `proposal.decided`, `rating.exists` (rated otherwise
/// already), `coordinator.left`; `rating`/`rating.unknown`; `reason`/`reason.required`,
/// `reason.too_long`.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i64,
    input: &RatingDecisionInput,
) -> Result<Vec<RatingProposal>, AppError> {
    actor.require_role(&[Role::HrManager])?;
    let e = entry::Entity::find_by_id(entry_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let a = assessment::Entity::find_by_id(e.assessment_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let year = match Period::parse(&a.period) {
        Ok(Period::Year { year }) => year,
        _ => return Err(AppError::Conflict("proposal.not_open".into())),
    };
    let coordinator_id = e
        .coordinator_id
        .filter(|_| a.status == AssessmentStatus::Published.as_str())
        .ok_or_else(|| AppError::Conflict("proposal.not_open".into()))?;
    let c: coordinator::Model = find(db, coordinator_id).await?;
    require_keep(actor, &c)?;
    let proposed = proposed_of(&stored_system(&a)?, &e);
    let rating = match input
        .rating
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => proposed,
        Some(s) => Rating::parse(s).ok_or_else(|| AppError::field("rating", "rating.unknown"))?,
    };
    let reason = input
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if rating != proposed && reason.is_none() {
        return Err(AppError::field("reason", "reason.required"));
    }
    if reason.is_some_and(|r| r.chars().count() > 200) {
        return Err(AppError::field("reason", "reason.too_long"));
    }
    let txn = db.begin_write().await?;
    let taken = rating_decision::Entity::find()
        .filter(rating_decision::Column::EntryId.eq(entry_id))
        .one(&txn)
        .await?;
    if taken.is_some() {
        return Err(AppError::Conflict("proposal.decided".into()));
    }
    apply_rating(&txn, actor, &c, year, rating, today()).await?;
    rating_decision::ActiveModel {
        id: NotSet,
        entry_id: Set(entry_id),
        coordinator_id: Set(coordinator_id),
        year: Set(year),
        proposed: Set(proposed.as_str().into()),
        decided: Set(rating.as_str().into()),
        reason: Set(reason.map(str::to_string)),
        decided_by: Set(actor.username.clone()),
        decided_at: Set(clock::now()),
    }
    .insert(&txn)
    .await?;
    let detail = format!(
        "year={year} proposed={} decided={}",
        proposed.as_str(),
        rating.as_str()
    );
    audit::append(
        &txn,
        By::Actor(actor),
        "decide_rating",
        "coordinator",
        &coordinator_id.to_string(),
        Some(detail),
    )
    .await?;
    txn.commit().await?;
    proposals(db, actor, year).await
}
