//! The ledger as an Excel workbook for officers: one row per person, in the caller's scope.
//! 身份证号 and phones are masked unless the role works the ledger here (coordinators, street and
//! county officers); every export is written to the audit log, saying whether it was masked.

use rust_xlsxwriter::{Format, Workbook};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use std::collections::HashMap;

use crate::backend::actor::Actor;
use crate::backend::clock::today;
use crate::backend::entity::{household, person};
use crate::backend::service::areas;
use crate::backend::service::audit::{self, By};
use crate::domain::calendar::{ymd, ymd_opt};
use crate::domain::id_card;
use crate::domain::ledger::{EmploymentStatus, Need, age_on};
use crate::model::AppError;
use crate::model::ledger::HouseholdQuery;

/// More rows than this are refused: narrow the area instead.
pub const MAX_ROWS: u64 = 50_000;

const HEADERS: [&str; 13] = [
    "社区（村）",
    "住址",
    "零就业家庭",
    "姓名",
    "性别",
    "出生日期",
    "身份证号",
    "联系电话",
    "就业状态",
    "失业日期",
    "就业日期",
    "服务需求",
    "上次走访",
];

fn status_zh(s: &str) -> &'static str {
    match EmploymentStatus::parse(s) {
        Some(EmploymentStatus::EmployedFormal) => "单位就业",
        Some(EmploymentStatus::EmployedFlexible) => "灵活就业",
        Some(EmploymentStatus::SelfEmployed) => "自主创业",
        Some(EmploymentStatus::RegisteredUnemployed) => "登记失业",
        Some(EmploymentStatus::Unemployed) => "失业未登记",
        Some(EmploymentStatus::NotInLabourForce) | None => "非劳动力",
    }
}

fn need_zh(n: Need) -> &'static str {
    match n {
        Need::JobReferral => "职业介绍",
        Need::Training => "职业培训",
        Need::Entrepreneurship => "创业服务",
        Need::PolicyAdvice => "政策咨询",
        Need::PublicWelfarePost => "公益性岗位",
    }
}

/// The workbook and how many people it lists.
pub async fn ledger_xlsx(
    db: &DatabaseConnection,
    actor: &Actor,
    q: &HouseholdQuery,
) -> Result<(Vec<u8>, u64), AppError> {
    if !actor.role.reads_ledger() {
        return Err(AppError::Forbidden);
    }
    let requested = areas::parse_filter(q.area.as_deref(), "area")?;
    let scope = actor.scope.narrow(requested).ok_or(AppError::OutOfScope)?;
    let zero_only = matches!(q.zero.as_deref(), Some("1" | "true" | "on"));
    let mut hcond = Condition::all();
    let mut pcond = Condition::all();
    if let Some((lo, hi)) = scope.range() {
        hcond = hcond.add(household::Column::CommunityCode.between(lo.clone(), hi.clone()));
        pcond = pcond.add(person::Column::CommunityCode.between(lo, hi));
    }
    if zero_only {
        hcond = hcond.add(household::Column::ZeroEmployment.eq(true));
    }
    // Counted before anything is loaded: the work is bounded before it is done.
    let base = person::Entity::find().filter(pcond);
    let household_rows = household::Entity::find().filter(hcond.clone());
    if base.clone().count(db).await? > MAX_ROWS || household_rows.count(db).await? > MAX_ROWS {
        return Err(AppError::field("area", "export.too_many"));
    }
    let households: HashMap<i64, household::Model> = household::Entity::find()
        .filter(hcond)
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let people: Vec<person::Model> = base
        .order_by_asc(person::Column::CommunityCode)
        .order_by_asc(person::Column::HouseholdId)
        .order_by_asc(person::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|p| households.contains_key(&p.household_id))
        .collect();
    let codes: Vec<String> = households
        .values()
        .map(|h| h.community_code.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let names = areas::names(db, &codes).await?;
    let masked = !actor.role.writes_ledger();

    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("台账")?;
    for (c, h) in HEADERS.iter().enumerate() {
        // A masked export gives the age, never the birth date (it would rebuild the masked
        // digits of the ID number).
        let h = if masked && *h == "出生日期" {
            "年龄"
        } else {
            *h
        };
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    let on = today();
    for (i, p) in people.iter().enumerate() {
        let Some(h) = households.get(&p.household_id) else {
            continue;
        };
        let row = (i + 1) as u32;
        let id_number = if masked {
            id_card::mask(&p.id_number()?)
        } else {
            p.id_number()?
        };
        let phone = p
            .phone()?
            .map(|ph| if masked { id_card::mask_phone(&ph) } else { ph })
            .unwrap_or_default();
        let needs: Vec<&str> = Need::split(&p.needs).into_iter().map(need_zh).collect();
        let cells = [
            names.get(&h.community_code).cloned().unwrap_or_default(),
            h.address.clone(),
            if h.zero_employment {
                "是".into()
            } else {
                String::new()
            },
            p.name.clone(),
            if p.sex == "female" {
                "女".into()
            } else {
                "男".into()
            },
            if masked {
                age_on(p.birth_date, on).to_string()
            } else {
                ymd(p.birth_date)
            },
            id_number,
            phone,
            status_zh(&p.status).to_string(),
            ymd_opt(p.unemployed_since).unwrap_or_default(),
            ymd_opt(p.employed_since).unwrap_or_default(),
            needs.join("、"),
            ymd_opt(h.last_visit_on).unwrap_or_default(),
        ];
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(row, c as u16, v)?;
        }
    }
    ws.autofit();
    let bytes = wb.save_to_buffer()?;
    let rows = people.len() as u64;
    audit::append(
        db,
        By::Actor(actor),
        "export",
        "household",
        "-",
        Some(format!(
            "rows={rows} masked={masked} area={}",
            requested
                .map(|c| c.as_str().to_string())
                .unwrap_or_default()
        )),
    )
    .await?;
    Ok((bytes, rows))
}
