//! The records the grade rules read, kept by HR managers: training, qualification exams,
//! annual ratings (with what a rating does to the grade), and entry to 二级 when the entry
//! rules are met.

use crate::backend::clock;
use crate::backend::db::BeginWrite;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IntoActiveModel, NotSet, PaginatorTrait, QueryFilter, Set,
};

use super::access::{find, require_keep};
use super::rating_year_ok;
use super::view::{records_of, view};
use crate::backend::actor::Actor;
use crate::backend::clock::today;
use crate::backend::entity::{
    coordinator, coordinator_exam, coordinator_grade, coordinator_rating, coordinator_training,
};
use crate::backend::service::audit::{self, By};
use crate::backend::service::platforms::policy;
use crate::domain::calendar::parse_ymd;
use crate::domain::grading::{
    Grade, GradeReason, Rating, RatingEffect, entry_checks, grade_on, rating_effect,
};
use crate::model::AppError;
use crate::model::coordinator::{
    CoordinatorView, EntryInput, ExamInput, RatingInput, TrainingInput,
};
use crate::model::error::FieldErrors;

/// Inserts one record of coordinator `id` and its audit line (`action`, `detail`) in `txn`.
async fn insert_audited<A>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i64,
    action: &str,
    detail: Option<String>,
    row: A,
) -> Result<(), AppError>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    row.insert(txn).await?;
    audit::append(
        txn,
        By::Actor(actor),
        action,
        "coordinator",
        &id.to_string(),
        detail,
    )
    .await?;
    Ok(())
}

/// Records a finished training course.
pub async fn add_training(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &TrainingInput,
) -> Result<CoordinatorView, AppError> {
    let on = today();
    let c = find(db, id).await?;
    require_keep(actor, &c)?;
    let (course, hours, finished_on) = input.check(on)?;
    let row = coordinator_training::ActiveModel {
        id: NotSet,
        coordinator_id: Set(id),
        course: Set(course),
        hours: Set(i32::try_from(hours).unwrap_or(i32::MAX)),
        finished_on: Set(finished_on),
        pre_service: Set(input.pre_service),
        recorded_by: Set(actor.username.clone()),
        recorded_at: Set(clock::now()),
    };
    let txn = db.begin_write().await?;
    insert_audited(&txn, actor, id, "add_training", None, row).await?;
    txn.commit().await?;
    view(db, actor, &c, on).await
}

/// Records a qualification exam.
pub async fn add_exam(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &ExamInput,
) -> Result<CoordinatorView, AppError> {
    let on = today();
    let c = find(db, id).await?;
    require_keep(actor, &c)?;
    let (sat_on, theory, practical) = input.check(on)?;
    let score = |s: u32| i32::try_from(s).unwrap_or(0);
    let row = coordinator_exam::ActiveModel {
        id: NotSet,
        coordinator_id: Set(id),
        sat_on: Set(sat_on),
        theory: Set(score(theory)),
        practical: Set(score(practical)),
        recorded_by: Set(actor.username.clone()),
        recorded_at: Set(clock::now()),
    };
    let txn = db.begin_write().await?;
    insert_audited(&txn, actor, id, "add_exam", None, row).await?;
    txn.commit().await?;
    view(db, actor, &c, on).await
}

/// What recording a rating did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RatingApplied {
    pub effect: RatingEffect,
}

/// Records one annual rating inside a transaction and applies its effect on `on`: a 一级 rated
/// 不合格 falls back to 二级 from that day; a 二级 rated 不合格 is flagged for non-renewal. A
/// year already rated is a conflict (a rating is not overwritten).
pub(crate) async fn apply_rating<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    c: &coordinator::Model,
    year: i32,
    rating: Rating,
    on: NaiveDate,
) -> Result<RatingApplied, AppError> {
    let taken = coordinator_rating::Entity::find()
        .filter(coordinator_rating::Column::CoordinatorId.eq(c.id))
        .filter(coordinator_rating::Column::Year.eq(year))
        .count(conn)
        .await?;
    if taken > 0 {
        return Err(AppError::Conflict("rating.exists".into()));
    }
    let now = clock::now();
    coordinator_rating::ActiveModel {
        id: NotSet,
        coordinator_id: Set(c.id),
        year: Set(year),
        rating: Set(rating.as_str().into()),
        recorded_by: Set(actor.username.clone()),
        recorded_at: Set(now),
    }
    .insert(conn)
    .await?;
    if rating == Rating::Unqualified {
        // A promotion decided but not yet in effect does not survive a 不合格.
        coordinator_grade::Entity::delete_many()
            .filter(coordinator_grade::Column::CoordinatorId.eq(c.id))
            .filter(coordinator_grade::Column::FromDate.gt(on))
            .filter(coordinator_grade::Column::Grade.eq(Grade::First.as_str()))
            .exec(conn)
            .await?;
    }
    let records = records_of(conn, &[c.id])
        .await?
        .remove(&c.id)
        .unwrap_or_default();
    let effect = match grade_on(&records.steps(), on) {
        Some((grade, _)) => rating_effect(grade, rating),
        None => RatingEffect::Keep,
    };
    match effect {
        RatingEffect::Keep => {}
        RatingEffect::Demote => {
            coordinator_grade::ActiveModel {
                id: NotSet,
                coordinator_id: Set(c.id),
                grade: Set(Grade::Second.as_str().into()),
                from_date: Set(on),
                reason: Set(GradeReason::Demotion { year }.encode()),
                round_id: Set(None),
                recorded_by: Set(actor.username.clone()),
                recorded_at: Set(now),
            }
            .insert(conn)
            .await?;
        }
        RatingEffect::FlagNonRenewal => {
            coordinator::Entity::update_many()
                .col_expr(coordinator::Column::NonRenewal, Expr::value(true))
                .col_expr(
                    coordinator::Column::Version,
                    Expr::col(coordinator::Column::Version).add(1),
                )
                .filter(coordinator::Column::Id.eq(c.id))
                .exec(conn)
                .await?;
        }
    }
    audit::append(
        conn,
        By::Actor(actor),
        "rate",
        "coordinator",
        &c.id.to_string(),
        Some(format!(
            "year={year} rating={} effect={effect:?}",
            rating.as_str()
        )),
    )
    .await?;
    Ok(RatingApplied { effect })
}

/// Records one annual rating (HR managers of the area).
pub async fn rate(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &RatingInput,
) -> Result<CoordinatorView, AppError> {
    let on = today();
    let c = find(db, id).await?;
    require_keep(actor, &c)?;
    if !rating_year_ok(input.year, on) {
        return Err(AppError::field("year", "rating.year"));
    }
    let txn = db.begin_write().await?;
    apply_rating(&txn, actor, &c, input.year, input.rating, on).await?;
    txn.commit().await?;
    let c = find(db, id).await?;
    view(db, actor, &c, on).await
}

/// Appoints an ungraded coordinator to 二级 from a date, when every entry rule is met under
/// the policy in force; otherwise 422 naming each unmet rule.
pub async fn enter_second(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &EntryInput,
) -> Result<CoordinatorView, AppError> {
    let on = today();
    let c = find(db, id).await?;
    require_keep(actor, &c)?;
    let from = match parse_ymd(&input.from_date) {
        Some(d) if d > on => return Err(AppError::field("from_date", "date.future")),
        Some(d) if d < c.hired_on => {
            return Err(AppError::field("from_date", "date.before_hiring"));
        }
        Some(d) => d,
        None => return Err(AppError::field("from_date", "date.malformed")),
    };
    let txn = db.begin_write().await?;
    let records = records_of(&txn, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    if grade_on(&records.steps(), on).is_some() {
        return Err(AppError::Conflict("grade.already_graded".into()));
    }
    let policy = policy::in_force(&txn, &c.area_code, from).await?;
    // Only what was passed and finished by the day of entry counts.
    let mut facts = records.facts(&c, from);
    facts.exams.retain(|e| e.sat_on <= from);
    facts.training.retain(|t| t.finished_on <= from);
    let unmet: FieldErrors = entry_checks(&facts, &policy.grades)
        .into_iter()
        .filter(|r| !r.met)
        .map(|r| (format!("rule.{}", r.rule), "rule.unmet".to_string()))
        .collect();
    if !unmet.is_empty() {
        return Err(AppError::Invalid(unmet));
    }
    let row = coordinator_grade::ActiveModel {
        id: NotSet,
        coordinator_id: Set(id),
        grade: Set(Grade::Second.as_str().into()),
        from_date: Set(from),
        reason: Set(GradeReason::Entry {
            policy: policy.version.clone(),
        }
        .encode()),
        round_id: Set(None),
        recorded_by: Set(actor.username.clone()),
        recorded_at: Set(clock::now()),
    };
    let detail = Some(format!("from={from}"));
    insert_audited(&txn, actor, id, "enter_second", detail, row).await?;
    txn.commit().await?;
    view(db, actor, &c, on).await
}
