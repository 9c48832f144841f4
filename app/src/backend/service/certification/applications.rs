//! Applications through the review chain: the community applies with its computed
//! self-assessment and a narrative; the street recommends, the county reviews, the city reviews
//! the papers and visits the site (scoring the qualitative items), 公示 follows, and after it the
//! province decides (or, for national demonstration, nominates within the quota; a second 公示;
//! the ministry approves). Each step is taken by its own role in its own area, never before the
//! one below it, and may send the file back with a reason.

use crate::backend::clock;
use crate::backend::clock::today;
use crate::backend::db::BeginWrite;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::rounds::{self, quotas_of};
use super::{
    community_code, event, in_scope, indicators, items, load_application, objection_view,
    standards, text, titles, ymd,
};
use crate::backend::actor::Actor;
use crate::backend::entity::{
    cert_application as application, cert_attachment as attachment, cert_event as event_row,
    cert_objection as objection, cert_round as round_row, certification,
};
use crate::backend::registry_cache::RegistryCache;
use crate::backend::service::audit::{self, By};
use crate::backend::service::{calendar, versioned};
use crate::domain::area_code::AreaCode;
use crate::domain::cert_review::{
    ApplicationStatus, CertStep, ObjectionOutcome, Refusal, Transition, fits_quota, may_act,
    may_close, transition,
};
use crate::domain::certification::Tier;
use crate::domain::file_kind::sniff;
use crate::domain::indicators::{CertificationStandard, QualitativeScore, score_qualitative};
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::certification::{
    ApplicationInput, ApplicationItem, ApplicationView, Assessment, AttachmentMeta,
    CertDecisionInput, CertEventView, ResubmitInput,
};

pub use super::APPLICATION_ENTITY as ENTITY;

/// The largest attachment taken, and how many one file may carry.
pub const MAX_ATTACHMENT_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_ATTACHMENTS: u64 = 20;

/// The indicators of a community today against `standard`, as kept with a file.
async fn assess<C: ConnectionTrait>(
    conn: &C,
    area: &AreaCode,
    on: NaiveDate,
    standard: &CertificationStandard,
) -> Result<Assessment, AppError> {
    let r = indicators::report(conn, area, on, standard).await?;
    Ok(Assessment {
        on: ymd(on),
        facts: r.facts,
        evaluation: r.evaluation,
    })
}

/// Refuses a second title of a tier the community holds already (valid).
async fn require_no_title<C: ConnectionTrait>(
    conn: &C,
    community: &str,
    tier: Tier,
) -> Result<(), AppError> {
    let held = certification::Entity::find()
        .filter(certification::Column::CommunityCode.eq(community))
        .filter(certification::Column::Tier.eq(tier.as_str()))
        .filter(
            certification::Column::Status
                .eq(crate::domain::certification::CertStatus::Valid.as_str()),
        )
        .count(conn)
        .await?;
    if held > 0 {
        return Err(AppError::Conflict("application.title_held".into()));
    }
    Ok(())
}

/// Refuses a file whose computed indicators do not pass (the veto item named first).
fn require_pass(a: &Assessment, field: &str, key: &str) -> Result<(), AppError> {
    if a.evaluation.vetoed {
        Err(AppError::field(field, "application.vetoed"))
    } else if !a.evaluation.pass {
        Err(AppError::field(field, key))
    } else {
        Ok(())
    }
}

/// Whether the actor may see the objections to a file: the officers above the street (never
/// the community or the street objected to). Contacts are shown in full only to the roles that
/// investigate an objection of that stage; the others see them masked.
fn sees_objections(role: Role) -> bool {
    matches!(
        role,
        Role::CountyOfficer
            | Role::CityOfficer
            | Role::ProvinceOfficer
            | Role::Ministry
            | Role::Admin
    )
}
/// An application with its standard, events, objections and attachments.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<ApplicationView, AppError> {
    let a = load_application(db, actor, id).await?;
    let item = items(db, std::slice::from_ref(&a)).await?.remove(0);
    let round = rounds::load(db, actor, a.round_id).await?;
    let standard = standards::by_id(db, a.standard_id).await?;
    let self_assessment: Assessment =
        serde_json::from_str(&a.self_assessment).map_err(|_| AppError::Internal)?;
    let qualitative: Vec<QualitativeScore> = match &a.qualitative {
        Some(q) => serde_json::from_str(q).map_err(|_| AppError::Internal)?,
        None => Vec::new(),
    };
    let qualitative_total =
        (!qualitative.is_empty()).then(|| qualitative.iter().map(|s| s.score).sum());
    let events = event_row::Entity::find()
        .filter(event_row::Column::ApplicationId.eq(id))
        .order_by_asc(event_row::Column::Id)
        .all(db)
        .await?;
    let usernames: Vec<String> = events.iter().map(|e| e.actor_name.clone()).collect();
    let names = crate::backend::service::accounts::display_names(db, &usernames).await?;
    let events = events
        .into_iter()
        .map(|e| CertEventView {
            at: clock::rfc3339(e.at),
            actor_name: names
                .get(&e.actor_name)
                .cloned()
                .unwrap_or_else(|| e.actor_name.clone()),
            actor: e.actor_name,
            step: e.step.as_deref().and_then(CertStep::parse),
            action: e.action,
            reason: e.reason,
        })
        .collect();
    let objections = if sees_objections(actor.role) {
        objection::Entity::find()
            .filter(objection::Column::ApplicationId.eq(id))
            .order_by_asc(objection::Column::Id)
            .all(db)
            .await?
            .iter()
            .map(|o| {
                let answers = CertStep::parse(&o.stage)
                    .is_some_and(|stage| stage.investigators().contains(&actor.role));
                objection_view(o, answers)
            })
            .collect::<Result<Vec<_>, _>>()?
    } else {
        Vec::new()
    };
    let attachments = attachment::Entity::find()
        .select_only()
        .columns([
            attachment::Column::Id,
            attachment::Column::FileName,
            attachment::Column::ContentType,
            attachment::Column::Size,
            attachment::Column::UploadedBy,
        ])
        .filter(attachment::Column::ApplicationId.eq(id))
        .order_by_asc(attachment::Column::Id)
        .into_tuple::<(i64, String, String, i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(
            |(id, file_name, content_type, size, uploaded_by)| AttachmentMeta {
                id,
                file_name,
                content_type,
                size,
                uploaded_by,
            },
        )
        .collect();
    let on = today();
    let can_decide = item.status == ApplicationStatus::InReview
        && item.step.is_some_and(|s| {
            s.actor() == actor.role && (!s.is_notice() || a.notice_until.is_none_or(|u| on > u))
        });
    Ok(ApplicationView {
        item,
        round_title: round.title,
        standard,
        narrative: a.narrative,
        self_assessment,
        qualitative,
        qualitative_total,
        site_visit: a.site_visit,
        events,
        objections,
        attachments,
        can_decide,
    })
}

/// A community applies in an open round (its coordinator). The indicators are computed that
/// day by the standard in force, kept as the self-assessment, and must pass: a community that
/// the ledgers show short of the standard cannot apply.
pub async fn apply(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &ApplicationInput,
) -> Result<ApplicationView, AppError> {
    let area = community_code(input.community_code.as_deref())?;
    let round_id = input
        .round_id
        .ok_or_else(|| AppError::field("round_id", "round.required"))?;
    let narrative = text("narrative", input.narrative.as_deref(), 20, 5000)?.unwrap_or_default();
    actor.require_role(&[Role::Coordinator])?;
    actor.require_in_scope(&area)?;
    let on = today();
    let txn = db.begin_write().await?;
    let round = rounds::load(&txn, actor, round_id).await?;
    if !(round.opens_on <= on && on <= round.closes_on) {
        return Err(AppError::Conflict("round.closed".into()));
    }
    let inside = round.issuer_area == crate::backend::service::policy_store::NATIONAL
        || AreaCode::parse(&round.issuer_area).is_ok_and(|issuer| issuer.contains(&area));
    if !inside {
        return Err(AppError::OutOfScope);
    }
    let tier = Tier::parse(&round.tier).ok_or(AppError::Internal)?;
    let taken = application::Entity::find()
        .filter(application::Column::RoundId.eq(round.id))
        .filter(application::Column::CommunityCode.eq(area.as_str()))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(AppError::Conflict("application.exists".into()));
    }
    require_no_title(&txn, area.as_str(), tier).await?;
    let (standard_id, standard) = standards::in_force(&txn, tier, area.as_str(), on).await?;
    let standard_id = standard_id.ok_or_else(|| {
        tracing::error!("no certification standard stored");
        AppError::Internal
    })?;
    let assessment = assess(&txn, &area, on, &standard).await?;
    require_pass(&assessment, "community_code", "application.indicators_fail")?;
    let cal = calendar::load(&txn).await?;
    let now = clock::now();
    let a = application::ActiveModel {
        id: NotSet,
        round_id: Set(round.id),
        community_code: Set(area.as_str().to_string()),
        tier: Set(tier.as_str().into()),
        standard_id: Set(standard_id),
        status: Set(ApplicationStatus::InReview.as_str().into()),
        step: Set(Some(CertStep::Street.as_str().into())),
        step_since: Set(Some(on)),
        step_due: Set(Some(cal.add_working_days(on, standard.review_days))),
        notice_from: Set(None),
        notice_until: Set(None),
        narrative: Set(narrative),
        self_assessment: Set(serde_json::to_string(&assessment).map_err(|_| AppError::Internal)?),
        qualitative: Set(None),
        site_visit: Set(None),
        certification_id: Set(None),
        applied_on: Set(on),
        decided_on: Set(None),
        is_demo: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    event(&txn, By::Actor(actor), a.id, None, "apply", None).await?;
    txn.commit().await?;
    get(db, actor, a.id).await
}

/// The community sends a returned file again, amended: the indicators are computed anew (by the
/// version it was filed under) and the street reviews it again.
pub async fn resubmit(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &ResubmitInput,
) -> Result<ApplicationView, AppError> {
    let seen = versioned::seen(input.version)?;
    let narrative = text("narrative", input.narrative.as_deref(), 20, 5000)?.unwrap_or_default();
    actor.require_role(&[Role::Coordinator])?;
    let on = today();
    let txn = db.begin_write().await?;
    let a = load_application(&txn, actor, id).await?;
    if a.status != ApplicationStatus::Returned.as_str() {
        return Err(AppError::Conflict("application.not_returned".into()));
    }
    versioned::check(a.version, seen)?;
    let area = AreaCode::parse(&a.community_code).map_err(|_| AppError::Internal)?;
    let standard = standards::by_id(&txn, a.standard_id).await?.standard;
    let assessment = assess(&txn, &area, on, &standard).await?;
    require_pass(&assessment, "narrative", "application.indicators_fail")?;
    let cal = calendar::load(&txn).await?;
    let mut row = a.clone().into_active_model();
    row.status = Set(ApplicationStatus::InReview.as_str().into());
    row.step = Set(Some(CertStep::Street.as_str().into()));
    row.step_since = Set(Some(on));
    row.step_due = Set(Some(cal.add_working_days(on, standard.review_days)));
    row.narrative = Set(narrative);
    row.self_assessment = Set(serde_json::to_string(&assessment).map_err(|_| AppError::Internal)?);
    row.updated_at = Set(clock::now());
    versioned::update::<application::Entity, _>(&txn, row, id, seen).await?;
    event(&txn, By::Actor(actor), id, None, "resubmit", None).await?;
    txn.commit().await?;
    get(db, actor, id).await
}

/// How many of a round's files inside `area` have got past `step` (quota use).
async fn past_step<C: ConnectionTrait>(
    conn: &C,
    round_id: i64,
    area: &AreaCode,
    step: CertStep,
) -> Result<u64, AppError> {
    let (lo, hi) = area.subtree_range();
    let later: Vec<&str> = CertStep::ALL
        .into_iter()
        .skip_while(|s| *s != step)
        .skip(1)
        .map(CertStep::as_str)
        .collect();
    let rows = application::Entity::find()
        .filter(application::Column::RoundId.eq(round_id))
        .filter(application::Column::CommunityCode.gte(lo))
        .filter(application::Column::CommunityCode.lte(hi))
        .all(conn)
        .await?;
    Ok(rows
        .iter()
        .filter(|a| {
            a.status == ApplicationStatus::Certified.as_str()
                || (a.status == ApplicationStatus::InReview.as_str()
                    && a.step.as_deref().is_some_and(|s| later.contains(&s)))
        })
        .count() as u64)
}

/// The answer to a refused decision: 403 for another role's step, 409 while the 公示 runs or
/// objections are open.
fn refused(r: Refusal) -> AppError {
    match r {
        Refusal::NotYourStep => AppError::Forbidden,
        Refusal::NoticeRunning => AppError::Conflict("application.notice_running".into()),
        Refusal::ObjectionsOpen => AppError::Conflict("application.objections_open".into()),
    }
}

/// The reviewer at the file's step approves it (it moves on; after the last step the title is
/// granted) or sends it back with a reason to the step before.
pub async fn decide(
    db: &DatabaseConnection,
    cache: &RegistryCache,
    actor: &Actor,
    id: i64,
    input: &CertDecisionInput,
) -> Result<ApplicationView, AppError> {
    let approve = match input.action.as_deref().map(str::trim) {
        Some("approve") => true,
        Some("send_back") => false,
        _ => return Err(AppError::field("action", "action.unknown")),
    };
    let reason = text("reason", input.reason.as_deref(), 0, 500)?;
    if !approve && reason.is_none() {
        return Err(AppError::field("reason", "reason.required"));
    }
    let seen = versioned::seen(input.version)?;
    let on = today();
    let txn = db.begin_write().await?;
    let a = load_application(&txn, actor, id).await?;
    let step = a
        .step
        .as_deref()
        .and_then(CertStep::parse)
        .filter(|_| a.status == ApplicationStatus::InReview.as_str())
        .ok_or_else(|| AppError::Conflict("application.not_in_review".into()))?;
    may_act(step, actor.role).map_err(refused)?;
    let area = AreaCode::parse(&a.community_code).map_err(|_| AppError::Internal)?;
    actor.require_in_scope(&area)?;
    versioned::check(a.version, seen)?;
    let open_objections = if step.is_notice() {
        objection::Entity::find()
            .filter(objection::Column::ApplicationId.eq(id))
            .filter(objection::Column::Outcome.eq(ObjectionOutcome::Pending.as_str()))
            .count(&txn)
            .await?
    } else {
        0
    };
    may_close(step, on, a.notice_until, open_objections).map_err(refused)?;
    let tier = Tier::parse(&a.tier).ok_or(AppError::Internal)?;
    let standard = standards::by_id(&txn, a.standard_id).await?.standard;
    let cal = calendar::load(&txn).await?;
    let mut row = a.clone().into_active_model();
    let mut certified = false;
    if approve {
        if step == CertStep::City {
            let visit = text("site_visit", input.site_visit.as_deref(), 10, 5000)?
                .ok_or_else(|| AppError::field("site_visit", "text.too_short"))?;
            let scores = input
                .qualitative
                .clone()
                .ok_or_else(|| AppError::field("qualitative", "qualitative.missing"))?;
            let (_, passes) = score_qualitative(&standard, &scores)
                .map_err(|e| AppError::field("qualitative", e.key()))?;
            if !passes {
                return Err(AppError::field("qualitative", "qualitative.below_pass"));
            }
            row.site_visit = Set(Some(visit));
            row.qualitative = Set(Some(
                serde_json::to_string(&scores).map_err(|_| AppError::Internal)?,
            ));
        }
        let round = rounds::load(&txn, actor, a.round_id).await?;
        if let Some((quota_area, quota)) = quotas_of(&round)?.binding(step, &area) {
            // Take the round's row lock first, so that two approvals at once count one after
            // the other (the count below then sees the first one's file).
            round_row::Entity::update_many()
                .col_expr(
                    round_row::Column::Version,
                    Expr::col(round_row::Column::Version),
                )
                .filter(round_row::Column::Id.eq(round.id))
                .exec(&txn)
                .await?;
            let quota_area = AreaCode::parse(&quota_area).map_err(|_| AppError::Internal)?;
            let used = past_step(&txn, round.id, &quota_area, step).await?;
            if !fits_quota(quota, used) {
                return Err(AppError::Conflict("application.quota_full".into()));
            }
        }
        // The decision after 公示 rests on the ledgers as they are now, by the filed standard.
        if step.is_notice() {
            let now = assess(&txn, &area, on, &standard).await?;
            require_pass(&now, "action", "application.indicators_fail_now")?;
        }
    }
    let limits = (standard.review_days, standard.notice_days);
    let action = match transition(step, tier, approve, on, limits, &cal) {
        Transition::Next { step, due, notice } => {
            row.step = Set(Some(step.as_str().into()));
            row.step_since = Set(Some(on));
            row.step_due = Set(Some(due));
            if let Some(w) = notice {
                row.notice_from = Set(Some(w.from));
                row.notice_until = Set(Some(w.until));
            }
            "approve"
        }
        Transition::Certify => {
            // Another round may have granted the title meanwhile.
            require_no_title(&txn, &a.community_code, tier).await?;
            certified = true;
            let cert = titles::issue(&txn, &a, &standard, on).await?;
            row.status = Set(ApplicationStatus::Certified.as_str().into());
            row.step = Set(None);
            row.step_since = Set(None);
            row.step_due = Set(None);
            row.decided_on = Set(Some(on));
            row.certification_id = Set(Some(cert.id));
            "certify"
        }
        Transition::Back {
            step,
            due,
            clear_notice,
        } => {
            row.step = Set(Some(step.as_str().into()));
            row.step_since = Set(Some(on));
            row.step_due = Set(Some(due));
            if clear_notice {
                // That notice has run: the decider may act again at once.
                row.notice_from = Set(None);
                row.notice_until = Set(None);
            }
            "send_back"
        }
        Transition::Returned => {
            row.status = Set(ApplicationStatus::Returned.as_str().into());
            row.step = Set(None);
            row.step_since = Set(None);
            row.step_due = Set(None);
            "send_back"
        }
    };
    row.updated_at = Set(clock::now());
    versioned::update::<application::Entity, _>(&txn, row, id, seen).await?;
    event(&txn, By::Actor(actor), id, Some(step), action, reason).await?;
    txn.commit().await?;
    if certified {
        cache.invalidate();
    }
    get(db, actor, id).await
}

/// The files waiting for the actor: at the step the actor's role takes, inside its area (most
/// urgent first); for a coordinator, the community's files sent back to it.
pub async fn queue(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<ApplicationItem>, AppError> {
    if !actor.role.reads_ledger() {
        return Err(AppError::Forbidden);
    }
    let steps: Vec<&str> = CertStep::ALL
        .into_iter()
        .filter(|s| s.actor() == actor.role)
        .map(CertStep::as_str)
        .collect();
    let mut q = application::Entity::find().filter(in_scope(actor));
    q = if actor.role == Role::Coordinator {
        q.filter(application::Column::Status.eq(ApplicationStatus::Returned.as_str()))
    } else if steps.is_empty() {
        return Ok(Vec::new());
    } else {
        q.filter(application::Column::Status.eq(ApplicationStatus::InReview.as_str()))
            .filter(application::Column::Step.is_in(steps))
    };
    let rows = q
        .order_by_asc(application::Column::StepDue)
        .order_by_asc(application::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    items(db, &rows).await
}

/// The files inside the actor's area, of one round or all, newest first.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: Option<i64>,
) -> Result<Vec<ApplicationItem>, AppError> {
    if !actor.role.reads_ledger() {
        return Err(AppError::Forbidden);
    }
    let mut q = application::Entity::find().filter(in_scope(actor));
    if let Some(r) = round_id {
        rounds::load(db, actor, r).await?;
        q = q.filter(application::Column::RoundId.eq(r));
    }
    let rows = q
        .order_by_desc(application::Column::Id)
        .limit(1000)
        .all(db)
        .await?;
    items(db, &rows).await
}

/// Whether `actor` may attach files at all (the community's coordinator or the street officer
/// above): asked before an upload's body is read. Errors: 403.
pub fn may_attach(actor: &Actor) -> Result<(), AppError> {
    actor.require_role(&[Role::Coordinator, Role::StreetOfficer])
}

/// Attaches a file (PDF, JPEG or PNG by its first bytes, whatever type the sender declares; up
/// to 5 MB) to an application still being prepared or reviewed: by its community's coordinator
/// or the street officer above. Errors: 403; the field errors `name`/`attachment.name`,
/// `file`/`attachment.type`, `file`/`attachment.size`; 409 when closed or full.
pub async fn attach(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<AttachmentMeta, AppError> {
    may_attach(actor)?;
    let name = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(AppError::field("name", "attachment.name"));
    }
    if bytes.is_empty() || bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(AppError::field("file", "attachment.size"));
    }
    let content_type = sniff(&bytes)
        .ok_or_else(|| AppError::field("file", "attachment.type"))?
        .media_type()
        .to_string();
    let txn = db.begin_write().await?;
    let a = load_application(&txn, actor, id).await?;
    let area = AreaCode::parse(&a.community_code).map_err(|_| AppError::Internal)?;
    actor.require_in_scope(&area)?;
    let open = a.status == ApplicationStatus::Returned.as_str()
        || (a.status == ApplicationStatus::InReview.as_str()
            && a.step.as_deref() == Some(CertStep::Street.as_str()));
    if !open {
        return Err(AppError::Conflict("attachment.closed".into()));
    }
    let count = attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(id))
        .count(&txn)
        .await?;
    if count >= MAX_ATTACHMENTS {
        return Err(AppError::Conflict("attachment.too_many".into()));
    }
    let size = bytes.len() as i64;
    let row = attachment::ActiveModel {
        id: NotSet,
        application_id: Set(id),
        file_name: Set(name.clone()),
        content_type: Set(content_type.clone()),
        size: Set(size),
        data: Set(bytes),
        uploaded_by: Set(actor.username.clone()),
        uploaded_at: Set(clock::now()),
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "attach",
        ENTITY,
        &id.to_string(),
        Some(format!("attachment={} size={size}", row.id)),
    )
    .await?;
    txn.commit().await?;
    Ok(AttachmentMeta {
        id: row.id,
        file_name: name,
        content_type,
        size,
        uploaded_by: actor.username.clone(),
    })
}

/// An attachment's description and bytes, for those who may read the application.
pub async fn attachment(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    attachment_id: i64,
) -> Result<(AttachmentMeta, Vec<u8>), AppError> {
    load_application(db, actor, id).await?;
    let row = attachment::Entity::find_by_id(attachment_id)
        .filter(attachment::Column::ApplicationId.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        AttachmentMeta {
            id: row.id,
            file_name: row.file_name,
            content_type: row.content_type,
            size: row.size,
            uploaded_by: row.uploaded_by,
        },
        row.data,
    ))
}
