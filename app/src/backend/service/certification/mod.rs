//! 充分就业社区 certification: standards as versioned data, the indicators computed from the
//! ledgers, rounds with quotas, applications through the review chain with 公示 and objections,
//! the titles granted, their re-inspection and revocation.

pub mod applications;
mod community_records;
pub mod home;
pub mod indicators;
pub mod objections;
pub mod rounds;
pub mod standards;
pub mod titles;

use crate::backend::clock;
use crate::backend::clock::today;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, QueryFilter, Set};
use std::collections::HashMap;

use crate::backend::actor::Actor;
use crate::backend::entity::{
    cert_application as application, cert_event as event_row, cert_objection as objection,
    certification,
};
use crate::backend::service::areas;
use crate::backend::service::audit::{self, By, FileEvent};
use crate::domain::area_code::AreaCode;
use crate::domain::cert_review::{ApplicationStatus, CertStep, ObjectionOutcome};
use crate::domain::certification::Tier;
use crate::domain::id_card::mask_phone;
use crate::model::AppError;
use crate::model::certification::{ApplicationItem, ObjectionView};

/// The audit log's name for an application.
pub const APPLICATION_ENTITY: &str = "cert_application";

use crate::backend::service::policy_store::province_of;
use crate::domain::calendar::{parse_ymd, ymd};

/// A typed YYYY-MM-DD date for `field`.
fn parse_date(field: &'static str, raw: Option<&str>) -> Result<NaiveDate, AppError> {
    let raw = raw
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| AppError::field(field, "date.required"))?;
    parse_ymd(raw).ok_or_else(|| AppError::field(field, "date.malformed"))
}

/// Trimmed text of `min..=max` characters for `field` (`None` when empty and `min` is 0), by
/// the one text rule (`domain::text::bounded`). Errors: the field errors `text.too_short`,
/// `text.too_long`, `text.control_chars`.
pub(crate) fn text(
    field: &'static str,
    raw: Option<&str>,
    min: usize,
    max: usize,
) -> Result<Option<String>, AppError> {
    use crate::domain::text::{TextError, bounded};
    bounded(raw, min, max).map_err(|e| {
        let key = match e {
            TextError::TooShort { .. } => "text.too_short",
            TextError::TooLong { .. } => "text.too_long",
            TextError::ControlChars => "text.control_chars",
        };
        AppError::field(field, key)
    })
}

/// The community code of a request: 12 digits of a community or village.
fn community_code(raw: Option<&str>) -> Result<AreaCode, AppError> {
    let code = raw
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| AppError::field("community_code", "area.required"))?;
    let area =
        AreaCode::parse(code).map_err(|_| AppError::field("community_code", "area.malformed"))?;
    if area.level() != crate::domain::area_code::AreaLevel::Village {
        return Err(AppError::field("community_code", "area.wrong_level"));
    }
    Ok(area)
}

/// The list item of an application.
fn to_item(
    a: &application::Model,
    community_name: String,
    certificate_no: Option<String>,
    on: NaiveDate,
) -> Result<ApplicationItem, AppError> {
    let step = a.step.as_deref().and_then(CertStep::parse);
    Ok(ApplicationItem {
        id: a.id,
        round_id: a.round_id,
        community_code: a.community_code.clone(),
        community_name,
        tier: Tier::parse(&a.tier).ok_or(AppError::Internal)?,
        status: ApplicationStatus::parse(&a.status).ok_or(AppError::Internal)?,
        step,
        step_due: a.step_due.map(ymd),
        overdue: step.is_some() && a.step_due.is_some_and(|d| d < on),
        notice_from: a
            .notice_from
            .filter(|_| step.is_some_and(CertStep::is_notice))
            .map(ymd),
        notice_until: a
            .notice_until
            .filter(|_| step.is_some_and(CertStep::is_notice))
            .map(ymd),
        applied_on: ymd(a.applied_on),
        certificate_no,
        is_demo: a.is_demo,
        version: a.version,
    })
}

pub(super) async fn items<C: ConnectionTrait>(
    conn: &C,
    rows: &[application::Model],
) -> Result<Vec<ApplicationItem>, AppError> {
    let codes: Vec<String> = rows.iter().map(|a| a.community_code.clone()).collect();
    let names = areas::names(conn, &codes).await?;
    let cert_ids: Vec<i64> = rows.iter().filter_map(|a| a.certification_id).collect();
    let numbers: HashMap<i64, String> = if cert_ids.is_empty() {
        HashMap::new()
    } else {
        certification::Entity::find()
            .filter(certification::Column::Id.is_in(cert_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|c| (c.id, c.certificate_no))
            .collect()
    };
    let on = today();
    rows.iter()
        .map(|a| {
            to_item(
                a,
                names.get(&a.community_code).cloned().unwrap_or_default(),
                a.certification_id.and_then(|id| numbers.get(&id).cloned()),
                on,
            )
        })
        .collect()
}

/// Writes an application's event and its audit line.
pub(super) async fn event<C: ConnectionTrait>(
    conn: &C,
    by: By<'_>,
    id: i64,
    step: Option<CertStep>,
    action: &str,
    reason: Option<String>,
) -> Result<(), AppError> {
    let event = FileEvent {
        id,
        step: step.map(CertStep::as_str),
        action,
        reason,
    };
    audit::file_event(conn, by, APPLICATION_ENTITY, event, |f| {
        event_row::ActiveModel {
            id: NotSet,
            application_id: Set(id),
            at: Set(f.at),
            actor_name: Set(f.actor_name),
            step: Set(f.step),
            action: Set(f.action),
            reason: Set(f.reason),
        }
    })
    .await?;
    Ok(())
}

/// The application `id`, if the actor reads the ledgers of its community.
pub(super) async fn load_application<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: i64,
) -> Result<application::Model, AppError> {
    let a = application::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let area = AreaCode::parse(&a.community_code).map_err(|_| AppError::Internal)?;
    actor.require_ledger_read(&area)?;
    Ok(a)
}

/// An objection as officers see it; the contact in full only for those who answer it.
pub(super) fn objection_view(
    o: &objection::Model,
    full_contact: bool,
) -> Result<ObjectionView, AppError> {
    Ok(ObjectionView {
        id: o.id,
        application_id: o.application_id,
        stage: CertStep::parse(&o.stage).ok_or(AppError::Internal)?,
        name: o.name.clone(),
        contact: if full_contact {
            o.contact()?
        } else {
            mask_phone(&o.contact()?)
        },
        text: o.text.clone(),
        filed_at: clock::rfc3339(o.filed_at),
        outcome: ObjectionOutcome::parse(&o.outcome).ok_or(AppError::Internal)?,
        investigation: o.investigation.clone(),
        decided_by: o.decided_by.clone(),
        decided_on: o.decided_on.map(ymd),
        version: o.version,
    })
}

/// The condition "community code inside the actor's scope".
pub(super) fn in_scope(actor: &Actor) -> Condition {
    match actor.scope.range() {
        None => Condition::all(),
        Some((lo, hi)) => Condition::all()
            .add(application::Column::CommunityCode.gte(lo))
            .add(application::Column::CommunityCode.lte(hi)),
    }
}
