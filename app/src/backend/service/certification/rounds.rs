//! Rounds (评定批次): a call for applications of one tier in one issuing area, with the dates
//! applications are taken and the quotas per city or province; and the pipeline of a round.

use crate::backend::clock;
use crate::backend::clock::today;
use crate::backend::db::BeginWrite;
use chrono::Datelike;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, QueryOrder, Set,
};
use std::collections::BTreeMap;

use super::{in_scope, parse_date, text, ymd};
use crate::backend::actor::Actor;
use crate::backend::entity::{cert_application as application, cert_round as round};
use crate::backend::service::areas;
use crate::backend::service::audit::{self, By};
use crate::backend::service::policy_store::NATIONAL;
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::cert_review::{ApplicationStatus, CertStep, Quotas};
use crate::domain::certification::Tier;
use crate::domain::role::{Role, Scope};
use crate::model::AppError;
use crate::model::certification::{PipelineRow, QuotaLine, RoundInput, RoundView};

pub(super) fn quotas_of(r: &round::Model) -> Result<Quotas, AppError> {
    serde_json::from_str(&r.quotas).map_err(|e| {
        tracing::error!(error = %e, round = r.id, "stored quotas unreadable");
        AppError::Internal
    })
}

async fn view<C: ConnectionTrait>(conn: &C, r: &round::Model) -> Result<RoundView, AppError> {
    let issuer_name = if r.issuer_area == NATIONAL {
        "人力资源社会保障部".to_string()
    } else {
        areas::names(conn, std::slice::from_ref(&r.issuer_area))
            .await?
            .remove(&r.issuer_area)
            .unwrap_or_default()
    };
    let quotas = quotas_of(r)?;
    let codes: Vec<String> = quotas.0.keys().cloned().collect();
    let names = areas::names(conn, &codes).await?;
    let quota_areas = quotas
        .0
        .iter()
        .map(|(code, quota)| QuotaLine {
            area_code: code.clone(),
            area_name: names.get(code).cloned().unwrap_or_else(|| code.clone()),
            quota: *quota,
        })
        .collect();
    let on = today();
    Ok(RoundView {
        id: r.id,
        tier: Tier::parse(&r.tier).ok_or(AppError::Internal)?,
        issuer_area: r.issuer_area.clone(),
        issuer_name,
        year: r.year,
        title: r.title.clone(),
        opens_on: ymd(r.opens_on),
        closes_on: ymd(r.closes_on),
        open: r.opens_on <= on && on <= r.closes_on,
        quotas,
        quota_areas,
        is_demo: r.is_demo,
    })
}

/// Whether a round's issuing area concerns the actor: national rounds concern everyone signed
/// in; a province's rounds its own officers and those above.
fn concerns(actor: &Actor, r: &round::Model) -> bool {
    if r.issuer_area == NATIONAL || actor.role.is_national() {
        return true;
    }
    let Ok(area) = AreaCode::parse(&r.issuer_area) else {
        return false;
    };
    match &actor.scope {
        Scope::National => true,
        Scope::Area(home) => home.contains(&area) || area.contains(home),
    }
}

/// A round by id, if it concerns the actor.
pub(super) async fn load<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: i64,
) -> Result<round::Model, AppError> {
    let r = round::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    if !concerns(actor, &r) {
        return Err(AppError::OutOfScope);
    }
    Ok(r)
}

/// Opens a round: the ministry for national demonstration, a province officer for the own
/// province's tiers. Quotas name cities or provinces inside the issuing area.
pub async fn open(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &RoundInput,
) -> Result<RoundView, AppError> {
    let tier = input
        .tier
        .as_deref()
        .map(str::trim)
        .and_then(Tier::parse)
        .ok_or_else(|| AppError::field("tier", "tier.unknown"))?;
    let issuer = if tier == Tier::NationalDemonstration {
        actor.require_role(&[Role::Ministry, Role::Admin])?;
        None
    } else {
        actor.require_role(&[Role::ProvinceOfficer, Role::Admin])?;
        let raw = input
            .area_code
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| AppError::field("area_code", "area.required"))?;
        let area =
            AreaCode::parse(raw).map_err(|_| AppError::field("area_code", "area.malformed"))?;
        if area.level() != AreaLevel::Province {
            return Err(AppError::field("area_code", "area.wrong_level"));
        }
        actor.require_in_scope(&area)?;
        Some(area)
    };
    let title = text("title", input.title.as_deref(), 2, 200)?.unwrap_or_default();
    let opens_on = parse_date("opens_on", input.opens_on.as_deref())?;
    let closes_on = parse_date("closes_on", input.closes_on.as_deref())?;
    if closes_on < opens_on {
        return Err(AppError::field("closes_on", "round.closes_before_opening"));
    }
    let year = input.year.unwrap_or_else(|| opens_on.year());
    if !(2000..=2100).contains(&year) {
        return Err(AppError::field("year", "round.year"));
    }
    let mut quotas = BTreeMap::new();
    for (code, n) in &input.quotas {
        let area = AreaCode::parse(code.trim())
            .map_err(|_| AppError::field("quotas", "round.quota_area"))?;
        let inside = issuer.as_ref().is_none_or(|i| i.contains(&area));
        if !inside || !matches!(area.level(), AreaLevel::City | AreaLevel::Province) || *n > 10_000
        {
            return Err(AppError::field("quotas", "round.quota_area"));
        }
        quotas.insert(area.as_str().to_string(), *n);
    }
    let txn = db.begin_write().await?;
    let r = round::ActiveModel {
        id: NotSet,
        tier: Set(tier.as_str().into()),
        issuer_area: Set(issuer
            .as_ref()
            .map(|a| a.as_str().to_string())
            .unwrap_or_else(|| NATIONAL.into())),
        year: Set(year),
        title: Set(title),
        opens_on: Set(opens_on),
        closes_on: Set(closes_on),
        quotas: Set(serde_json::to_string(&Quotas(quotas)).map_err(|_| AppError::Internal)?),
        is_demo: Set(false),
        created_by: Set(actor.username.clone()),
        created_at: Set(clock::now()),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "open",
        "cert_round",
        &r.id.to_string(),
        Some(format!("tier={} area={}", r.tier, r.issuer_area)),
    )
    .await?;
    txn.commit().await?;
    view(db, &r).await
}

/// The rounds that concern the actor, newest first.
pub async fn list(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<RoundView>, AppError> {
    let rows = round::Entity::find()
        .order_by_desc(round::Column::OpensOn)
        .order_by_desc(round::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for r in rows.iter().filter(|r| concerns(actor, r)) {
        out.push(view(db, r).await?);
    }
    Ok(out)
}

/// One round.
pub async fn get(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<RoundView, AppError> {
    let r = load(db, actor, id).await?;
    view(db, &r).await
}

/// How many of a round's files (inside the actor's area) stand at each step and how many of
/// them are past the step's deadline, then how many were returned, certified or stopped.
pub async fn pipeline(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<Vec<PipelineRow>, AppError> {
    let r = load(db, actor, id).await?;
    if !actor.role.reads_ledger() {
        return Err(AppError::Forbidden);
    }
    let files = application::Entity::find()
        .filter(application::Column::RoundId.eq(r.id))
        .filter(in_scope(actor))
        .all(db)
        .await?;
    let on = today();
    let mut rows: Vec<PipelineRow> = CertStep::ALL
        .into_iter()
        .map(|s| s.as_str())
        .chain(
            [
                ApplicationStatus::Returned,
                ApplicationStatus::Certified,
                ApplicationStatus::Stopped,
            ]
            .map(|s| s.as_str()),
        )
        .map(|stage| PipelineRow {
            stage: stage.to_string(),
            files: 0,
            overdue: 0,
        })
        .collect();
    for f in &files {
        let stage = match f.step.as_deref() {
            Some(step) if f.status == ApplicationStatus::InReview.as_str() => step,
            _ => f.status.as_str(),
        };
        if let Some(row) = rows.iter_mut().find(|r| r.stage == stage) {
            row.files += 1;
            if f.step.is_some() && f.step_due.is_some_and(|d| d < on) {
                row.overdue += 1;
            }
        }
    }
    Ok(rows)
}

/// The round's files inside the actor's area as an Excel workbook: one row per file with where
/// it stands, its deadline, its 公示 and its certificate; audited.
pub async fn export(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let r = load(db, actor, id).await?;
    if !actor.role.reads_ledger() {
        return Err(AppError::Forbidden);
    }
    let files = application::Entity::find()
        .filter(application::Column::RoundId.eq(r.id))
        .filter(in_scope(actor))
        .order_by_asc(application::Column::CommunityCode)
        .all(db)
        .await?;
    let items = super::items(db, &files).await?;
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("申报")?;
    let headers = [
        "社区代码",
        "社区",
        "层级",
        "申报日期",
        "状态",
        "当前环节",
        "办理时限",
        "是否超期",
        "公示开始",
        "公示结束",
        "证书编号",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, a) in items.iter().enumerate() {
        let row = i as u32 + 1;
        let values = [
            a.community_code.clone(),
            a.community_name.clone(),
            rust_i18n::t!(format!("tier.{}", a.tier.as_str()), locale = "zh-CN").into_owned(),
            a.applied_on.clone(),
            rust_i18n::t!(
                format!("cert.status.{}", a.status.as_str()),
                locale = "zh-CN"
            )
            .into_owned(),
            a.step
                .map(|s| {
                    rust_i18n::t!(format!("cert.step.{}", s.as_str()), locale = "zh-CN")
                        .into_owned()
                })
                .unwrap_or_default(),
            a.step_due.clone().unwrap_or_default(),
            if a.overdue { "是" } else { "" }.to_string(),
            a.notice_from.clone().unwrap_or_default(),
            a.notice_until.clone().unwrap_or_default(),
            a.certificate_no.clone().unwrap_or_default(),
        ];
        for (c, v) in values.iter().enumerate() {
            ws.write_string(row, c as u16, v)?;
        }
    }
    let bytes = wb.save_to_buffer()?;
    audit::append(
        db,
        By::Actor(actor),
        "export",
        "cert_round",
        &r.id.to_string(),
        Some(format!("rows={}", items.len())),
    )
    .await?;
    Ok(bytes)
}
