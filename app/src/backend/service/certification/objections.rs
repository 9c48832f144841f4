//! 公示 and objections: the public list of communities under notice; anyone may object (name
//! optional, a contact to answer to), throttled per client; the officers running the notice
//! record the investigation, and an objection found true stops the file.

use crate::backend::clock;
use crate::backend::clock::today;
use crate::backend::db::BeginWrite;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, NotSet, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

use super::{event, in_scope, load_application, objection_view, text, ymd};
use crate::backend::actor::Actor;
use crate::backend::entity::{
    cert_application as application, cert_objection as objection, cert_round as round,
};
use crate::backend::service::audit::{self, By};
use crate::backend::service::objection_intake::{Filing, lock_filings, one_at_a_time, throttle};
use crate::backend::service::{areas, versioned};
use crate::domain::area_code::AreaCode;
use crate::domain::cert_review::{ApplicationStatus, CertStep, ObjectionOutcome};
use crate::domain::certification::Tier;
use crate::domain::notice::NoticeWindow;
use crate::model::AppError;
use crate::model::certification::{
    InvestigationInput, ObjectionInput, ObjectionReceipt, ObjectionView, PublicNotice,
};

/// The files whose 公示 is open on `on`, with where they are.
pub async fn notices(
    db: &DatabaseConnection,
    on: NaiveDate,
) -> Result<Vec<PublicNotice>, AppError> {
    let rows = application::Entity::find()
        .filter(application::Column::Status.eq(ApplicationStatus::InReview.as_str()))
        .filter(
            application::Column::Step
                .is_in([CertStep::Notice.as_str(), CertStep::NationalNotice.as_str()]),
        )
        .filter(application::Column::NoticeFrom.lte(on))
        .filter(application::Column::NoticeUntil.gte(on))
        .order_by_asc(application::Column::NoticeUntil)
        .order_by_asc(application::Column::CommunityCode)
        .all(db)
        .await?;
    let round_ids: Vec<i64> = rows.iter().map(|a| a.round_id).collect();
    let titles: HashMap<i64, String> = round::Entity::find()
        .filter(round::Column::Id.is_in(round_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.title))
        .collect();
    let mut codes: Vec<String> = Vec::new();
    for a in &rows {
        if let Ok(c) = AreaCode::parse(&a.community_code) {
            codes.extend(c.ancestors().iter().map(|x| x.as_str().to_string()));
            codes.push(a.community_code.clone());
        }
    }
    codes.sort();
    codes.dedup();
    let names = areas::names(db, &codes).await?;
    let mut out = Vec::with_capacity(rows.len());
    for a in rows {
        let (Some(stage), Some(from), Some(until)) = (
            a.step.as_deref().and_then(CertStep::parse),
            a.notice_from,
            a.notice_until,
        ) else {
            continue;
        };
        let area_path = AreaCode::parse(&a.community_code)
            .map(|c| {
                c.ancestors()
                    .iter()
                    .filter_map(|x| names.get(x.as_str()).cloned())
                    .collect()
            })
            .unwrap_or_default();
        out.push(PublicNotice {
            application_id: a.id,
            community_name: names.get(&a.community_code).cloned().unwrap_or_default(),
            community_code: a.community_code,
            area_path,
            tier: Tier::parse(&a.tier).ok_or(AppError::Internal)?,
            stage,
            round_title: titles.get(&a.round_id).cloned().unwrap_or_default(),
            from: ymd(from),
            until: ymd(until),
        });
    }
    Ok(out)
}

/// Anyone objects to a file under 公示. Refused when the file is not under notice today, and
/// throttled per client (three an hour, ten a day).
pub async fn file(
    db: &DatabaseConnection,
    client: Option<&str>,
    application_id: i64,
    input: &ObjectionInput,
) -> Result<ObjectionReceipt, AppError> {
    let filing = Filing::check(client, input)?;
    let _one_at_a_time = one_at_a_time().await;
    let now = clock::now();
    let on = today();
    let txn = db.begin_write().await?;
    lock_filings(&txn).await?;
    throttle(|since| {
        objection::Entity::find()
            .filter(objection::Column::ClientKey.eq(filing.client_key.clone()))
            .filter(objection::Column::FiledAt.gt(since))
            .count(&txn)
    })
    .await?;
    let a = application::Entity::find_by_id(application_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let stage = a
        .step
        .as_deref()
        .and_then(CertStep::parse)
        .filter(|s| s.is_notice() && a.status == ApplicationStatus::InReview.as_str());
    let open = match (stage, a.notice_from, a.notice_until) {
        (Some(_), Some(from), Some(until)) => NoticeWindow { from, until }.is_open(on),
        _ => false,
    };
    let Some(stage) = stage.filter(|_| open) else {
        return Err(AppError::Conflict("objection.not_under_notice".into()));
    };
    let row = objection::ActiveModel {
        id: NotSet,
        application_id: Set(a.id),
        stage: Set(stage.as_str().into()),
        name: Set(filing.name),
        contact_sealed: Set(crate::backend::sealing::seal(
            crate::backend::sealing::Field::Contact,
            &filing.contact,
        )?),
        text: Set(filing.text),
        client_key: Set(filing.client_key),
        filed_at: Set(now),
        outcome: Set(ObjectionOutcome::Pending.as_str().into()),
        investigation: Set(None),
        decided_by: Set(None),
        decided_on: Set(None),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    event(
        &txn,
        By::System("public"),
        a.id,
        Some(stage),
        "objection",
        Some(format!("#{}", row.id)),
    )
    .await?;
    txn.commit().await?;
    Ok(ObjectionReceipt {
        id: row.id,
        filed_at: clock::rfc3339(row.filed_at),
    })
}

/// An officer records the investigation of an objection: found true, the file stops (and the
/// community counts a substantiated complaint); found untrue, the file goes on.
pub async fn investigate(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &InvestigationInput,
) -> Result<ObjectionView, AppError> {
    let outcome = match input.outcome.as_deref().map(str::trim) {
        Some("substantiated") => ObjectionOutcome::Substantiated,
        Some("unfounded") => ObjectionOutcome::Unfounded,
        _ => return Err(AppError::field("outcome", "objection.outcome")),
    };
    let finding =
        text("investigation", input.investigation.as_deref(), 5, 2000)?.unwrap_or_default();
    let seen = versioned::seen(input.version)?;
    let on = today();
    let txn = db.begin_write().await?;
    let o = objection::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let stage = CertStep::parse(&o.stage).ok_or(AppError::Internal)?;
    actor.require_role(stage.investigators())?;
    let a = load_application(&txn, actor, o.application_id).await?;
    if o.outcome != ObjectionOutcome::Pending.as_str() {
        return Err(AppError::Conflict("objection.decided".into()));
    }
    versioned::check(o.version, seen)?;
    let mut row = o.clone().into_active_model();
    row.outcome = Set(outcome.as_str().into());
    row.investigation = Set(Some(finding.clone()));
    row.decided_by = Set(Some(actor.username.clone()));
    row.decided_on = Set(Some(on));
    versioned::update::<objection::Entity, _>(&txn, row, id, seen).await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "investigate",
        "cert_objection",
        &id.to_string(),
        Some(format!("outcome={}", outcome.as_str())),
    )
    .await?;
    let still_in_review = a.status == ApplicationStatus::InReview.as_str();
    if outcome == ObjectionOutcome::Substantiated && still_in_review {
        let mut file = a.clone().into_active_model();
        file.status = Set(ApplicationStatus::Stopped.as_str().into());
        file.step = Set(None);
        file.step_since = Set(None);
        file.step_due = Set(None);
        file.decided_on = Set(Some(on));
        file.updated_at = Set(clock::now());
        versioned::update::<application::Entity, _>(&txn, file, a.id, a.version).await?;
        event(
            &txn,
            By::Actor(actor),
            a.id,
            Some(stage),
            "stop",
            Some(format!("#{id}: {finding}")),
        )
        .await?;
    } else {
        let action = match outcome {
            ObjectionOutcome::Substantiated => "objection_substantiated",
            _ => "objection_unfounded",
        };
        event(
            &txn,
            By::Actor(actor),
            a.id,
            Some(stage),
            action,
            Some(format!("#{id}")),
        )
        .await?;
    }
    txn.commit().await?;
    let saved = objection::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    objection_view(&saved, true)
}

/// The objections waiting for the actor's investigation, inside its area, oldest first (a list:
/// contacts masked; the file's page shows them to the investigators in full).
pub async fn pending(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<ObjectionView>, AppError> {
    let stages: Vec<&str> = [CertStep::Notice, CertStep::NationalNotice]
        .into_iter()
        .filter(|s| s.investigators().contains(&actor.role))
        .map(CertStep::as_str)
        .collect();
    if stages.is_empty() {
        return Err(AppError::Forbidden);
    }
    let files: Vec<i64> = application::Entity::find()
        .filter(in_scope(actor))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    pending_of(db, &files, &stages).await
}

async fn pending_of<C: ConnectionTrait>(
    conn: &C,
    files: &[i64],
    stages: &[&str],
) -> Result<Vec<ObjectionView>, AppError> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    objection::Entity::find()
        .filter(objection::Column::ApplicationId.is_in(files.to_vec()))
        .filter(objection::Column::Stage.is_in(stages.to_vec()))
        .filter(objection::Column::Outcome.eq(ObjectionOutcome::Pending.as_str()))
        .order_by_asc(objection::Column::Id)
        .all(conn)
        .await?
        .iter()
        .map(|o| objection_view(o, false))
        .collect()
}
