//! 「一人一策」: a plan of services for a confirmed assistance target, each due by its
//! standard's time limit on the working-day calendar; service records against it; overdue items
//! for the work lists of the coordinator and the street officer.

use crate::backend::clock;
use crate::backend::clock::today;
use crate::backend::db::BeginWrite;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

use crate::backend::actor::Actor;
use crate::backend::entity::{assistance_target as target, person, plan_item, service_record};
use crate::backend::service::audit::{self, By};
use crate::backend::service::{calendar, policies};
use crate::domain::assistance::TargetStatus;
use crate::domain::calendar::{bases_text, parse_bases, parse_ymd, ymd};
use crate::domain::ledger::Need;
use crate::domain::plan::{Outcome, Service, is_overdue, is_refused_referral};
use crate::domain::policy::AssistancePolicy;
use crate::model::AppError;
use crate::model::assistance::{PlanInput, PlanItemView, PlanView, RecordInput, ServiceRecordView};

fn item_view(
    i: &plan_item::Model,
    on: NaiveDate,
    person: Option<&person::Model>,
    policy: &AssistancePolicy,
) -> Result<PlanItemView, AppError> {
    let service = Service::parse(&i.service).ok_or(AppError::Internal)?;
    let standard = policy.standard(service);
    Ok(PlanItemView {
        id: i.id,
        target_id: i.target_id,
        service,
        content: standard.content,
        expected_effect: standard.expected_effect,
        planned_on: ymd(i.planned_on),
        due_on: ymd(i.due_on),
        due_basis: parse_bases(i.due_basis.as_deref()),
        done_on: i.done_on.map(ymd),
        overdue: is_overdue(i.due_on, i.done_on, on),
        person_name: person.map(|p| p.name.clone()).unwrap_or_default(),
        person_id: person.map(|p| p.id).unwrap_or_default(),
    })
}

/// A target's plan and records.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    target_id: i64,
) -> Result<PlanView, AppError> {
    let t = super::targets::load(db, actor, target_id, false).await?;
    view(db, &t).await
}

async fn view<C: ConnectionTrait>(conn: &C, t: &target::Model) -> Result<PlanView, AppError> {
    let on = today();
    let policy = policies::by_label(conn, &t.policy_version).await?;
    let p = person::Entity::find_by_id(t.person_id).one(conn).await?;
    let items = plan_item::Entity::find()
        .filter(plan_item::Column::TargetId.eq(t.id))
        .order_by_asc(plan_item::Column::DueOn)
        .order_by_asc(plan_item::Column::Id)
        .all(conn)
        .await?
        .iter()
        .map(|i| item_view(i, on, p.as_ref(), &policy))
        .collect::<Result<Vec<_>, _>>()?;
    let rows = service_record::Entity::find()
        .filter(service_record::Column::TargetId.eq(t.id))
        .order_by_desc(service_record::Column::ServedOn)
        .order_by_desc(service_record::Column::Id)
        .all(conn)
        .await?;
    let refusals = rows
        .iter()
        .filter(|r| is_refused_referral(&r.service, &r.outcome))
        .count() as u64;
    let records = rows
        .into_iter()
        .map(|r| {
            Ok(ServiceRecordView {
                id: r.id,
                plan_item_id: r.plan_item_id,
                service: Service::parse(&r.service).ok_or(AppError::Internal)?,
                served_on: ymd(r.served_on),
                worker_name: r.worker_name,
                outcome: Outcome::parse(&r.outcome).ok_or(AppError::Internal)?,
                employer: r.employer,
                note: r.note,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(PlanView {
        target_id: t.id,
        items,
        records,
        refusals,
        catalogue: Service::ALL
            .into_iter()
            .map(|s| policy.standard(s))
            .collect(),
    })
}

/// Plans services for a confirmed target, each due by its standard. Services with an open item
/// already are not planned twice; none chosen means the ones the recorded needs call for.
pub async fn make(
    db: &DatabaseConnection,
    actor: &Actor,
    target_id: i64,
    input: &PlanInput,
) -> Result<PlanView, AppError> {
    let mut chosen = Vec::new();
    for raw in &input.services {
        match Service::parse(raw.trim()) {
            Some(s) if !chosen.contains(&s) => chosen.push(s),
            Some(_) => {}
            None => return Err(AppError::field("services", "services.unknown")),
        }
    }
    let on = today();
    let txn = db.begin_write().await?;
    let t = super::targets::load(&txn, actor, target_id, true).await?;
    if t.status != TargetStatus::Confirmed.as_str() {
        return Err(AppError::Conflict("plan.not_confirmed".into()));
    }
    if chosen.is_empty() {
        let p = person::Entity::find_by_id(t.person_id)
            .one(&txn)
            .await?
            .ok_or(AppError::Internal)?;
        chosen = Need::services(&Need::split(&p.needs));
    }
    let open: Vec<String> = plan_item::Entity::find()
        .filter(plan_item::Column::TargetId.eq(target_id))
        .filter(plan_item::Column::DoneOn.is_null())
        .all(&txn)
        .await?
        .into_iter()
        .map(|i| i.service)
        .collect();
    let cal = calendar::load(&txn).await?;
    // Due by the standards of the version the file was filed under.
    let policy = policies::by_label(&txn, &t.policy_version).await?;
    let mut added = 0;
    for s in chosen
        .into_iter()
        .filter(|s| !open.iter().any(|o| o == s.as_str()))
    {
        let due = policy.standard(s).due(on, &cal);
        plan_item::Entity::insert(plan_item::ActiveModel {
            id: NotSet,
            target_id: Set(target_id),
            community_code: Set(t.community_code.clone()),
            service: Set(s.as_str().into()),
            planned_on: Set(on),
            due_on: Set(due),
            done_on: Set(None),
            due_basis: Set(Some(bases_text(&cal.bases(on, due)))),
            created_by: Set(actor.username.clone()),
        })
        .exec(&txn)
        .await?;
        added += 1;
    }
    audit::append(
        &txn,
        By::Actor(actor),
        "plan",
        "assistance_target",
        &target_id.to_string(),
        Some(format!("items={added}")),
    )
    .await?;
    crate::backend::service::changed_areas::mark(&txn, &t.community_code).await?;
    let out = view(&txn, &t).await?;
    txn.commit().await?;
    Ok(out)
}

/// Records a service contact; one that provides the service or is accepted closes its item.
pub async fn record(
    db: &DatabaseConnection,
    actor: &Actor,
    target_id: i64,
    input: &RecordInput,
) -> Result<PlanView, AppError> {
    let on = today();
    let mut fields = crate::model::error::FieldErrors::new();
    let served_on = match input
        .served_on
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => {
            fields.insert("served_on".into(), "served_on.required".into());
            None
        }
        Some(s) => match parse_ymd(s) {
            Some(d) if d > on => {
                fields.insert("served_on".into(), "date.future".into());
                None
            }
            Some(d) => Some(d),
            None => {
                fields.insert("served_on".into(), "date.malformed".into());
                None
            }
        },
    };
    let outcome = input
        .outcome
        .as_deref()
        .and_then(|o| Outcome::parse(o.trim()));
    if outcome.is_none() {
        fields.insert("outcome".into(), "outcome.unknown".into());
    }
    let text = |raw: &Option<String>,
                max: usize,
                field: &str,
                fields: &mut crate::model::error::FieldErrors| {
        let v = raw
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        if v.as_ref()
            .is_some_and(|s| s.chars().count() > max || s.chars().any(char::is_control))
        {
            fields.insert(field.into(), format!("{field}.too_long"));
            None
        } else {
            v
        }
    };
    let employer = text(&input.employer, 100, "employer", &mut fields);
    let note = text(&input.note, 500, "note", &mut fields);
    let txn = db.begin_write().await?;
    let t = super::targets::load(&txn, actor, target_id, true).await?;
    let item = match input.plan_item_id {
        Some(id) => Some(
            plan_item::Entity::find_by_id(id)
                .filter(plan_item::Column::TargetId.eq(target_id))
                .one(&txn)
                .await?
                .ok_or_else(|| AppError::field("plan_item_id", "plan_item.unknown"))?,
        ),
        None => None,
    };
    let service = match &item {
        Some(i) => Service::parse(&i.service),
        None => input
            .service
            .as_deref()
            .and_then(|s| Service::parse(s.trim())),
    };
    if service.is_none() {
        fields.insert("service".into(), "service.unknown".into());
    }
    let (Some(served_on), Some(outcome), Some(service), true) =
        (served_on, outcome, service, fields.is_empty())
    else {
        return Err(AppError::Invalid(fields));
    };
    if t.status != TargetStatus::Confirmed.as_str() {
        return Err(AppError::Conflict("plan.not_confirmed".into()));
    }
    let inserted = service_record::Entity::insert(service_record::ActiveModel {
        id: NotSet,
        target_id: Set(target_id),
        plan_item_id: Set(item.as_ref().map(|i| i.id)),
        service: Set(service.as_str().into()),
        served_on: Set(served_on),
        worker_name: Set(actor.username.clone()),
        outcome: Set(outcome.as_str().into()),
        employer: Set(employer),
        note: Set(note),
        created_at: Set(clock::now()),
    })
    .exec(&txn)
    .await?;
    if let Some(i) = item.filter(|i| i.done_on.is_none() && outcome.completes_item()) {
        plan_item::Entity::update_many()
            .col_expr(plan_item::Column::DoneOn, Expr::value(served_on))
            .filter(plan_item::Column::Id.eq(i.id))
            .exec(&txn)
            .await?;
    }
    audit::append(
        &txn,
        By::Actor(actor),
        "service_record",
        "assistance_target",
        &target_id.to_string(),
        Some(format!(
            "record={} outcome={}",
            inserted.last_insert_id,
            outcome.as_str()
        )),
    )
    .await?;
    crate::backend::service::changed_areas::mark(&txn, &t.community_code).await?;
    let out = view(&txn, &t).await?;
    txn.commit().await?;
    Ok(out)
}

/// The most items [`overdue`] reads (a work list says "at least" when it is reached).
pub const OVERDUE_BOUND: u64 = 100;

/// Open plan items past their due date in the actor's area, the oldest first.
pub async fn overdue<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    on: NaiveDate,
) -> Result<Vec<PlanItemView>, AppError> {
    let mut cond = Condition::all()
        .add(plan_item::Column::DoneOn.is_null())
        .add(plan_item::Column::DueOn.lt(on));
    if let Some((lo, hi)) = actor.scope.range() {
        cond = cond.add(plan_item::Column::CommunityCode.between(lo, hi));
    }
    let items = plan_item::Entity::find()
        .filter(cond)
        .order_by_asc(plan_item::Column::DueOn)
        .order_by_asc(plan_item::Column::Id)
        .limit(OVERDUE_BOUND)
        .all(conn)
        .await?;
    let target_ids: Vec<i64> = items.iter().map(|i| i.target_id).collect();
    let files: HashMap<i64, target::Model> = target::Entity::find()
        .filter(target::Column::Id.is_in(target_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let person_of: HashMap<i64, i64> = files.values().map(|t| (t.id, t.person_id)).collect();
    let versions = policies::versions(conn).await?;
    let persons: HashMap<i64, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(person_of.values().copied().collect::<Vec<_>>()))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    items
        .iter()
        .map(|i| {
            let label = files
                .get(&i.target_id)
                .map(|t| t.policy_version.as_str())
                .unwrap_or_default();
            item_view(
                i,
                on,
                person_of.get(&i.target_id).and_then(|p| persons.get(p)),
                versions.get(label),
            )
        })
        .collect()
}
