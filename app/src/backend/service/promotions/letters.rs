//! A closed round's letters to those promoted (PDF) and the round's list with every decision
//! and its reason (Excel), for the HR managers of the area.

use rust_xlsxwriter::{Format, Workbook};
use sea_orm::DatabaseConnection;

use super::get;
use crate::backend::actor::Actor;
use crate::backend::clock::today;
use crate::backend::letters_pdf::{self, Letter};
use crate::backend::service::audit::{self, By};
use crate::backend::service::coordinators::records_of;
use crate::backend::service::platforms::policy;
use crate::domain::calendar::ymd;
use crate::domain::grading::{Grade, Rating};
use crate::model::AppError;
use crate::model::promotion::{Decision, RoundStatus, RoundView};

async fn managed_view(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<RoundView, AppError> {
    let r = get(db, actor, id).await?;
    if !r.can_manage {
        return Err(AppError::Forbidden);
    }
    Ok(r)
}

/// The letters of a closed round's promoted coordinators, one A4 page each.
pub async fn letters(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<Vec<u8>, AppError> {
    let r = managed_view(db, actor, id).await?;
    if r.status != RoundStatus::Closed {
        return Err(AppError::Conflict("round.not_closed".into()));
    }
    let effective = r.effective_on.clone().unwrap_or_default();
    let on = crate::domain::calendar::parse_ymd(&effective).unwrap_or(today());
    let p = policy::in_force(db, &r.area.code, on).await?;
    let approved: Vec<_> = r
        .candidates
        .iter()
        .filter(|c| c.decision == Decision::Approved)
        .collect();
    let ids: Vec<i64> = approved.iter().map(|c| c.coordinator_id).collect();
    let records = records_of(db, &ids).await?;
    // The coefficient of 一级 with the latest rating, as the coordinator's own view shows it.
    let letters: Vec<Letter> = approved
        .iter()
        .map(|c| Letter {
            name: c.name.clone(),
            area_name: c.area_name.clone(),
            round_title: r.title.clone(),
            effective_on: effective.clone(),
            pay_coefficient: records
                .get(&c.coordinator_id)
                .and_then(|rec| rec.latest_rating())
                .and_then(|rating| Rating::parse(&rating.rating))
                .map(|rating| p.grades.pay_coefficient(Grade::First, rating)),
            issuer: format!("{}人力资源和社会保障部门", r.area.name),
            issued_on: ymd(today()),
        })
        .collect();
    let title = r.title.clone();
    let bytes =
        crate::backend::pdf::rendered(move || letters_pdf::render(&title, &letters)).await?;
    audit::append(
        db,
        By::Actor(actor),
        "letters",
        "promotion_round",
        &id.to_string(),
        None,
    )
    .await?;
    Ok(bytes)
}

const HEADERS: [&str; 8] = [
    "姓名",
    "社区（村）",
    "来源",
    "考核分",
    "决定",
    "理由",
    "未满足的规则",
    "决定人",
];

fn rule_zh(rule: &str) -> &str {
    match rule {
        "years" => "二级任职年限",
        "training" => "培训学时",
        "ratings" => "年度考核",
        "assessment" => "晋升考核",
        other => other,
    }
}

/// The round's list: every candidate with the score, the decision, its reason and the rules
/// unmet.
pub async fn list_xlsx(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<Vec<u8>, AppError> {
    let r = managed_view(db, actor, id).await?;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("晋升名单")?;
    let bold = Format::new().set_bold();
    for (col, h) in HEADERS.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(0);
        sheet.write_string_with_format(0, col, *h, &bold)?;
        sheet.set_column_width(col, 16)?;
    }
    for (i, c) in r.candidates.iter().enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let decision = match c.decision {
            Decision::Approved => "同意晋升",
            Decision::Rejected => "不予晋升",
            Decision::Pending => "待定",
        };
        let unmet: Vec<&str> = c
            .checks
            .iter()
            .filter(|k| !k.met)
            .map(|k| rule_zh(&k.rule))
            .collect();
        let cells = [
            c.name.clone(),
            c.area_name.clone(),
            if c.source == "rules" {
                "规则筛选".into()
            } else {
                "推荐".into()
            },
            c.assessment.map(|s| s.to_string()).unwrap_or_default(),
            decision.into(),
            c.reason.clone().unwrap_or_default(),
            unmet.join("、"),
            c.decided_by.clone().unwrap_or_default(),
        ];
        for (col, v) in cells.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(0);
            sheet.write_string(line, col, v)?;
        }
    }
    let bytes = book.save_to_buffer()?;
    audit::append(
        db,
        By::Actor(actor),
        "export",
        "promotion_round",
        &id.to_string(),
        None,
    )
    .await?;
    Ok(bytes)
}
