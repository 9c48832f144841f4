//! 公示 of promotion rounds: the public list of those to be promoted, objections anyone may
//! file while it runs (throttled per client like the certification notices), and the HR
//! manager's finding, which rejects the candidate when the objection is substantiated.

use crate::backend::clock;
use crate::backend::clock::today;
use crate::backend::db::BeginWrite;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};

use super::{get, managed, round_candidate};
use crate::backend::actor::Actor;
use crate::backend::entity::{
    coordinator, promotion_candidate as candidate, promotion_objection as objection,
    promotion_round as round,
};
use crate::backend::service::areas;
use crate::backend::service::audit::{self, By};
use crate::backend::service::certification::text;
use crate::backend::service::objection_intake::{Filing, lock_filings, one_at_a_time, throttle};
use crate::domain::area_code::AreaCode;
use crate::domain::grading::Grade;
use crate::domain::notice::NoticeWindow;
use crate::model::AppError;
use crate::model::certification::{ObjectionInput, ObjectionReceipt};
use crate::model::promotion::{
    Decision, FindingInput, NoticeCandidate, PromotionNotice, RoundStatus, RoundView,
};

fn window(r: &round::Model) -> Option<NoticeWindow> {
    Some(NoticeWindow {
        from: r.notice_from?,
        until: r.notice_until?,
    })
}

/// The rounds under 公示 today, with those to be promoted (names and communities only).
pub async fn notices(db: &DatabaseConnection) -> Result<Vec<PromotionNotice>, AppError> {
    let on = today();
    let rounds = round::Entity::find()
        .filter(round::Column::Status.eq(RoundStatus::Notice.as_str()))
        .order_by_desc(round::Column::Id)
        .all(db)
        .await?;
    let mut out = vec![];
    for r in rounds
        .iter()
        .filter(|r| window(r).is_some_and(|w| w.is_open(on)))
    {
        let approved = candidate::Entity::find()
            .filter(candidate::Column::RoundId.eq(r.id))
            .filter(candidate::Column::Decision.eq(Decision::Approved.as_str()))
            .order_by_asc(candidate::Column::Id)
            .all(db)
            .await?;
        let ids: Vec<i64> = approved.iter().map(|c| c.coordinator_id).collect();
        let people = coordinator::Entity::find()
            .filter(coordinator::Column::Id.is_in(ids))
            .all(db)
            .await?;
        let area = AreaCode::parse(&r.area_code).map_err(|_| AppError::Internal)?;
        let mut codes: Vec<String> = people.iter().map(|p| p.area_code.clone()).collect();
        codes.extend(area.ancestors().iter().map(|a| a.as_str().to_string()));
        codes.push(r.area_code.clone());
        let names = areas::names(db, &codes).await?;
        let path = area
            .ancestors()
            .iter()
            .map(|a| a.as_str().to_string())
            .chain(std::iter::once(r.area_code.clone()))
            .filter_map(|c| names.get(&c).cloned())
            .collect();
        out.push(PromotionNotice {
            round_id: r.id,
            title: r.title.clone(),
            area_path: path,
            notice_from: r.notice_from.map(|d| d.to_string()).unwrap_or_default(),
            notice_until: r.notice_until.map(|d| d.to_string()).unwrap_or_default(),
            candidates: approved
                .iter()
                .filter_map(|c| {
                    let p = people.iter().find(|p| p.id == c.coordinator_id)?;
                    Some(NoticeCandidate {
                        candidate_id: c.id,
                        name: p.name.clone(),
                        area_name: names.get(&p.area_code).cloned().unwrap_or_default(),
                        from_grade: Grade::Second,
                        to_grade: Grade::First,
                    })
                })
                .collect(),
        });
    }
    Ok(out)
}

/// Anyone objects to a candidate under 公示: three an hour and ten a day per client.
pub async fn file(
    db: &DatabaseConnection,
    client: Option<&str>,
    round_id: i64,
    candidate_id: i64,
    input: &ObjectionInput,
) -> Result<ObjectionReceipt, AppError> {
    let filing = Filing::check(client, input)?;
    let _one_at_a_time = one_at_a_time().await;
    let now = clock::now();
    let txn = db.begin_write().await?;
    lock_filings(&txn).await?;
    throttle(|since| {
        objection::Entity::find()
            .filter(objection::Column::FiledFrom.eq(filing.client_key.clone()))
            .filter(objection::Column::FiledAt.gt(since))
            .count(&txn)
    })
    .await?;
    let r = round::Entity::find_by_id(round_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let open = RoundStatus::parse(&r.status) == Some(RoundStatus::Notice)
        && window(&r).is_some_and(|w| w.is_open(today()));
    if !open {
        return Err(AppError::Conflict("objection.not_under_notice".into()));
    }
    let cand = round_candidate(&txn, &r, candidate_id).await?;
    if cand.decision != Decision::Approved.as_str() {
        return Err(AppError::NotFound);
    }
    let row = objection::ActiveModel {
        id: NotSet,
        round_id: Set(r.id),
        candidate_id: Set(cand.id),
        name: Set(filing.name),
        contact_sealed: Set(crate::backend::sealing::seal(
            crate::backend::sealing::Field::Contact,
            &filing.contact,
        )?),
        text: Set(filing.text),
        filed_at: Set(now),
        filed_from: Set(filing.client_key),
        status: Set("open".into()),
        finding: Set(None),
        investigated_by: Set(None),
        investigated_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        By::System("public"),
        "object",
        "promotion_candidate",
        &cand.id.to_string(),
        Some(format!("objection={}", row.id)),
    )
    .await?;
    txn.commit().await?;
    Ok(ObjectionReceipt {
        id: row.id,
        filed_at: clock::rfc3339(row.filed_at),
    })
}

/// The HR manager records the finding on an objection; substantiated, the candidate is
/// rejected with the finding as the reason and is not promoted.
pub async fn investigate(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i64,
    objection_id: i64,
    input: &FindingInput,
) -> Result<RoundView, AppError> {
    let finding = text("finding", input.finding.as_deref(), 2, 1000)?;
    let txn = db.begin_write().await?;
    let r = managed(&txn, actor, round_id, RoundStatus::Notice).await?;
    let o = objection::Entity::find_by_id(objection_id)
        .one(&txn)
        .await?
        .filter(|o| o.round_id == r.id)
        .ok_or(AppError::NotFound)?;
    if o.status != "open" {
        return Err(AppError::Conflict("objection.decided".into()));
    }
    let status = if input.substantiated {
        "substantiated"
    } else {
        "unfounded"
    };
    objection::ActiveModel {
        id: Set(o.id),
        status: Set(status.into()),
        finding: Set(finding.clone()),
        investigated_by: Set(Some(actor.username.clone())),
        investigated_at: Set(Some(clock::now())),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    if input.substantiated {
        let cand = round_candidate(&txn, &r, o.candidate_id).await?;
        candidate::ActiveModel {
            id: Set(cand.id),
            decision: Set(Decision::Rejected.as_str().into()),
            reason: Set(Some(format!(
                "公示异议属实：{}",
                finding.clone().unwrap_or_default()
            ))),
            decided_by: Set(Some(actor.username.clone())),
            decided_at: Set(Some(clock::now())),
            version: Set(cand.version + 1),
            ..Default::default()
        }
        .update(&txn)
        .await?;
    }
    audit::append(
        &txn,
        By::Actor(actor),
        "investigate",
        "promotion_objection",
        &o.id.to_string(),
        Some(status.into()),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, round_id).await
}
