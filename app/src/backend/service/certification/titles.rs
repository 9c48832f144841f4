//! Titles granted and their dynamic management (动态管理): the certificate written on approval,
//! re-inspections (复查) on the standard's cycle with the indicators recomputed on the day, a
//! failed one revoking the title publicly at once; star communities that have kept the
//! provincial standard long enough listed as national candidates; a community's full history.

use crate::backend::clock;
use crate::backend::clock::today;
use crate::backend::db::BeginWrite;
use chrono::{Datelike, Days, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, NotSet, QueryFilter, QueryOrder, Set,
};

use super::community_records::{self, CommunityRecords};
use super::indicators::{self, report};
use super::{in_scope, items, province_of, standards, text, ymd};
use crate::backend::actor::Actor;
use crate::backend::entity::{cert_application, cert_inspection as inspection, certification};
use crate::backend::registry_cache::RegistryCache;
use crate::backend::service::audit::{self, By};
use crate::backend::service::{areas, registry, versioned};
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::cert_review::{HeldTitle, national_candidate, next_inspection};
use crate::domain::certification::{self as cert, CertStatus, Tier};
use crate::domain::indicators::{CertificationStandard, Evaluation};
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::certification::{
    CommunityFile, CommunityHistory, IndicatorPoint, InspectionInput, InspectionView, TitleDue,
};
use std::collections::HashMap;

/// The name the ministry signs with.
pub const MINISTRY: &str = "人力资源社会保障部";

/// Writes the certificate of an approved application, in the caller's transaction: the next
/// number of its tier, year and county; the issuer (the province, or the ministry); the first
/// re-inspection date.
pub(super) async fn issue<C: ConnectionTrait>(
    conn: &C,
    a: &cert_application::Model,
    standard: &CertificationStandard,
    on: NaiveDate,
) -> Result<certification::Model, AppError> {
    let tier = Tier::parse(&a.tier).ok_or(AppError::Internal)?;
    let county = a.community_code.get(..6).ok_or(AppError::Internal)?;
    let year = on.year();
    let prefix = format!("{}-{year}-{county}-", tier.number_prefix());
    let taken = certification::Entity::find()
        .filter(certification::Column::CertificateNo.starts_with(&prefix))
        .all(conn)
        .await?
        .iter()
        .filter_map(|c| c.certificate_no.get(prefix.len()..)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    let province = province_of(&a.community_code);
    let names = areas::names(conn, &[a.community_code.clone(), province.clone()]).await?;
    let (issuing_area, issuer) = if tier == Tier::NationalDemonstration {
        (None, MINISTRY.to_string())
    } else {
        let name = names.get(&province).cloned().unwrap_or_default();
        (Some(province), format!("{name}人力资源和社会保障厅"))
    };
    Ok(certification::ActiveModel {
        id: NotSet,
        certificate_no: Set(cert::certificate_number(tier, year, county, taken + 1)),
        community_code: Set(a.community_code.clone()),
        community_name: Set(names.get(&a.community_code).cloned().unwrap_or_default()),
        tier: Set(tier.as_str().into()),
        year: Set(year),
        issuing_area_code: Set(issuing_area),
        issuer_name: Set(issuer),
        status: Set(CertStatus::Valid.as_str().into()),
        issued_on: Set(on),
        revoked_on: Set(None),
        revoke_reason: Set(None),
        is_demo: Set(a.is_demo),
        version: Set(1),
        application_id: Set(Some(a.id)),
        next_inspection_on: Set(Some(next_inspection(on, standard.reinspection_years))),
    }
    .insert(conn)
    .await?)
}

/// Who re-inspects a title: the ministry its national ones, the province officers the rest.
fn inspector(tier: Tier) -> Role {
    if tier == Tier::NationalDemonstration {
        Role::Ministry
    } else {
        Role::ProvinceOfficer
    }
}

fn due_view(c: &certification::Model, on: NaiveDate) -> Result<TitleDue, AppError> {
    Ok(TitleDue {
        certificate_no: c.certificate_no.clone(),
        community_code: c.community_code.clone(),
        community_name: c.community_name.clone(),
        tier: Tier::parse(&c.tier).ok_or(AppError::Internal)?,
        issued_on: ymd(c.issued_on),
        due_on: c.next_inspection_on.map(ymd),
        overdue: c.next_inspection_on.is_some_and(|d| d < on),
        version: c.version,
    })
}

/// Valid titles in the actor's area whose re-inspection falls within the next 90 days (or is
/// overdue), for the role that re-inspects them; the most overdue first.
pub async fn due(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<TitleDue>, AppError> {
    actor.require_role(&[Role::ProvinceOfficer, Role::Ministry])?;
    let on = today();
    let horizon = on.checked_add_days(Days::new(90)).unwrap_or(on);
    let mut q = certification::Entity::find()
        .filter(certification::Column::Status.eq(CertStatus::Valid.as_str()))
        .filter(certification::Column::NextInspectionOn.lte(horizon));
    if let Some((lo, hi)) = actor.scope.range() {
        q = q
            .filter(certification::Column::CommunityCode.gte(lo))
            .filter(certification::Column::CommunityCode.lte(hi));
    }
    q.order_by_asc(certification::Column::NextInspectionOn)
        .order_by_asc(certification::Column::CertificateNo)
        .all(db)
        .await?
        .iter()
        .filter(|c| Tier::parse(&c.tier).is_some_and(|t| inspector(t) == actor.role))
        .map(|c| due_view(c, on))
        .collect()
}

fn inspection_view(i: &inspection::Model, number: &str) -> Result<InspectionView, AppError> {
    let evaluation: Evaluation =
        serde_json::from_str(&i.evaluation).map_err(|_| AppError::Internal)?;
    Ok(InspectionView {
        id: i.id,
        certificate_no: number.to_string(),
        inspected_on: ymd(i.inspected_on),
        pass: i.result == "pass",
        findings: i.findings.clone(),
        evaluation,
        inspector: i.inspector.clone(),
    })
}

/// Records a re-inspection of title `number`: the indicators are computed on the day by the
/// standard then in force for its tier; a pass needs them to pass and sets the next date; a fail
/// revokes the title with the findings as the published reason, at once.
pub async fn inspect(
    db: &DatabaseConnection,
    cache: &RegistryCache,
    actor: &Actor,
    number: &str,
    input: &InspectionInput,
) -> Result<InspectionView, AppError> {
    let pass = match input.result.as_deref().map(str::trim) {
        Some("pass") => true,
        Some("fail") => false,
        _ => return Err(AppError::field("result", "inspection.result")),
    };
    let findings = text("findings", input.findings.as_deref(), 5, 500)?.unwrap_or_default();
    let seen = versioned::seen(input.version)?;
    let number = cert::normalise_number(number);
    let on = today();
    let txn = db.begin_write().await?;
    let c = certification::Entity::find()
        .filter(certification::Column::CertificateNo.eq(&number))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let tier = Tier::parse(&c.tier).ok_or(AppError::Internal)?;
    actor.require_role(&[inspector(tier)])?;
    let area = AreaCode::parse(&c.community_code).map_err(|_| AppError::Internal)?;
    actor.require_in_scope(&area)?;
    if c.status != CertStatus::Valid.as_str() {
        return Err(AppError::Conflict("inspection.revoked".into()));
    }
    versioned::check(c.version, seen)?;
    let (_, standard) = standards::in_force(&txn, tier, area.as_str(), on).await?;
    let evaluation = report(&txn, &area, on, &standard).await?.evaluation;
    if pass && !evaluation.pass {
        return Err(AppError::field("result", "inspection.indicators_fail"));
    }
    let mut row = c.clone().into_active_model();
    if pass {
        row.next_inspection_on = Set(Some(next_inspection(on, standard.reinspection_years)));
    } else {
        row.status = Set(CertStatus::Revoked.as_str().into());
        row.revoked_on = Set(Some(on));
        row.revoke_reason = Set(Some(findings.clone()));
        row.next_inspection_on = Set(None);
    }
    versioned::update::<certification::Entity, _>(&txn, row, c.id, seen).await?;
    let saved = inspection::ActiveModel {
        id: NotSet,
        certification_id: Set(c.id),
        inspected_on: Set(on),
        result: Set(if pass { "pass" } else { "fail" }.into()),
        findings: Set(findings),
        evaluation: Set(serde_json::to_string(&evaluation).map_err(|_| AppError::Internal)?),
        inspector: Set(actor.username.clone()),
        created_at: Set(clock::now()),
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        By::Actor(actor),
        if pass { "inspect_pass" } else { "revoke" },
        "certification",
        &c.certificate_no,
        None,
    )
    .await?;
    txn.commit().await?;
    cache.invalidate();
    inspection_view(&saved, &c.certificate_no)
}

/// Star communities in the actor's area that have kept the provincial standard for the national
/// standard's years, hold no national title yet, and may be put forward.
pub async fn candidates(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<TitleDue>, AppError> {
    if !actor.role.reads_ledger() {
        return Err(AppError::Forbidden);
    }
    let on = today();
    let (_, national) =
        standards::in_force(db, Tier::NationalDemonstration, "000000000000", on).await?;
    let mut q = certification::Entity::find()
        .filter(certification::Column::Tier.eq(Tier::ProvincialStar.as_str()))
        .filter(certification::Column::Status.eq(CertStatus::Valid.as_str()));
    if let Some((lo, hi)) = actor.scope.range() {
        q = q
            .filter(certification::Column::CommunityCode.gte(lo))
            .filter(certification::Column::CommunityCode.lte(hi));
    }
    let stars = q
        .order_by_asc(certification::Column::CommunityCode)
        .all(db)
        .await?;
    // Every title of those communities, read in batches rather than one community at a time.
    let mut held: HashMap<String, Vec<HeldTitle>> = HashMap::new();
    let codes: Vec<String> = stars.iter().map(|s| s.community_code.clone()).collect();
    for chunk in codes.chunks(500) {
        for c in certification::Entity::find()
            .filter(certification::Column::CommunityCode.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            if let Some(t) = community_records::held_title(&c) {
                held.entry(c.community_code.clone()).or_default().push(t);
            }
        }
    }
    let mut out = Vec::new();
    for s in &stars {
        let titles = held
            .get(&s.community_code)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if national_candidate(titles, on, national.min_consecutive_years) {
            out.push(due_view(s, on)?);
        }
    }
    Ok(out)
}

/// A community's certification history: applications, titles, re-inspections.
pub async fn history(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &str,
) -> Result<CommunityHistory, AppError> {
    let area = AreaCode::parse(code).map_err(|_| AppError::field("community", "area.malformed"))?;
    if area.level() != AreaLevel::Village {
        return Err(AppError::field("community", "area.wrong_level"));
    }
    actor.require_ledger_read(&area)?;
    let detail = registry::community(db, area.as_str()).await?;
    let apps = cert_application::Entity::find()
        .filter(cert_application::Column::CommunityCode.eq(area.as_str()))
        .filter(in_scope(actor))
        .order_by_desc(cert_application::Column::Id)
        .all(db)
        .await?;
    let certs = certification::Entity::find()
        .filter(certification::Column::CommunityCode.eq(area.as_str()))
        .all(db)
        .await?;
    let ids: Vec<i64> = certs.iter().map(|c| c.id).collect();
    let mut inspections = Vec::new();
    for i in inspection::Entity::find()
        .filter(inspection::Column::CertificationId.is_in(ids))
        .order_by_desc(inspection::Column::InspectedOn)
        .order_by_desc(inspection::Column::Id)
        .all(db)
        .await?
    {
        let number = certs
            .iter()
            .find(|c| c.id == i.certification_id)
            .map(|c| c.certificate_no.clone())
            .unwrap_or_default();
        inspections.push(inspection_view(&i, &number)?);
    }
    Ok(CommunityHistory {
        community_code: detail.community_code,
        community_name: detail.community_name,
        applications: items(db, &apps).await?,
        certificates: detail.certificates,
        inspections,
    })
}

/// A community's certification file: its history, today's indicators against the 充分就业社区
/// standard in force, and the same indicators at each of the last twelve month ends.
pub async fn community_file(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &str,
) -> Result<CommunityFile, AppError> {
    let history = history(db, actor, code).await?;
    let area = AreaCode::parse(code).map_err(|_| AppError::Internal)?;
    let on = today();
    let (_, standard) = standards::in_force(db, Tier::Community, area.as_str(), on).await?;
    // The community read once for all thirteen days (issue 18).
    let records = CommunityRecords::load(db, &area).await?;
    let today_report = indicators::report_from(db, &records, on, &standard).await?;
    let mut points = Vec::new();
    // The last day of each of the twelve months before this one, oldest first.
    let first_of_month = on.with_day(1).unwrap_or(on);
    for back in (1..=12u32).rev() {
        let Some(month_end) = first_of_month
            .checked_sub_months(chrono::Months::new(back - 1))
            .and_then(|d| d.pred_opt())
        else {
            continue;
        };
        let r = records.judge(month_end, &standard)?;
        points.push(IndicatorPoint {
            on: ymd(month_end),
            rate_able_willing: r.facts.able_willing.per_mille(),
            able_willing: r.facts.able_willing.whole,
            vetoed: r.evaluation.vetoed,
            pass: r.evaluation.pass,
            failed: r
                .evaluation
                .results
                .iter()
                .filter(|x| !x.pass)
                .map(|x| x.indicator)
                .collect(),
        });
    }
    Ok(CommunityFile {
        history,
        today: today_report,
        points,
    })
}
