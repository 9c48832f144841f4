//! A reward fund (以奖代补) split by a published assessment's final scores, as figures and as a
//! workbook for the finance office; the rule is `domain::performance::reward`'s.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::backend::actor::Actor;
use crate::backend::entity::{assessment, assessment_entry as entry};
use crate::backend::service::audit::{self, By};
use crate::domain::area_code::AreaCode;
use crate::domain::performance::assessment::{AssessmentStatus, SubjectKind};
use crate::domain::performance::reward::{parse_yuan, split as split_fund, yuan};
use crate::model::AppError;
use crate::model::performance::{RewardRow, RewardSplit};

/// The split of `fund` (yuan, as written) by the published assessment `id`. Readers: the
/// assessor's area and the levels above (not the assessed). Errors: 404; 403 outside;
/// `fund`/`reward.fund` for a missing or malformed amount; 409 `assessment.not_published`.
pub async fn split(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    fund: Option<&str>,
) -> Result<RewardSplit, AppError> {
    let fund_fen = fund
        .and_then(parse_yuan)
        .ok_or_else(|| AppError::field("fund", "reward.fund"))?;
    let a = assessment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let area = AreaCode::parse(&a.area_code).map_err(|_| AppError::Internal)?;
    actor.require_in_scope(&area)?;
    if a.status != AssessmentStatus::Published.as_str() {
        return Err(AppError::Conflict("assessment.not_published".into()));
    }
    let system = super::assessment::stored_system(&a)?;
    let entries = entry::Entity::find()
        .filter(entry::Column::AssessmentId.eq(id))
        .order_by_asc(entry::Column::Rank)
        .order_by_asc(entry::Column::Id)
        .all(db)
        .await?;
    let score = |e: &entry::Model| u32::try_from(e.final_score).unwrap_or(0);
    let (units, staff): (Vec<&entry::Model>, Vec<&entry::Model>) = entries
        .iter()
        .partition(|e| e.subject_kind == SubjectKind::Unit.as_str());
    let unit_scores: Vec<u32> = units.iter().map(|e| score(e)).collect();
    let staff_scores: Vec<u32> = staff.iter().map(|e| score(e)).collect();
    let (to_units, to_staff) = split_fund(
        fund_fen,
        system.grassroots_share,
        &unit_scores,
        &staff_scores,
    );
    let row = |e: &entry::Model, fen: u64, kind: SubjectKind| RewardRow {
        kind,
        subject_code: e.subject_code.clone(),
        subject_name: e.subject_name.clone(),
        coordinator_id: e.coordinator_id,
        final_score: score(e),
        amount_fen: fen,
        amount: yuan(fen),
    };
    let mut rows: Vec<RewardRow> = units
        .iter()
        .zip(to_units)
        .map(|(e, fen)| row(e, fen, SubjectKind::Unit))
        .collect();
    let grassroots_fen = to_staff.iter().sum();
    rows.extend(
        staff
            .iter()
            .zip(to_staff)
            .map(|(e, fen)| row(e, fen, SubjectKind::Coordinator)),
    );
    Ok(RewardSplit {
        assessment_id: id,
        period: a.period,
        fund_fen,
        grassroots_share: system.grassroots_share,
        grassroots_fen,
        rows,
    })
}

/// The split as an Excel workbook (one sheet: kind, code, name, final score, amount in yuan,
/// and the total), audited. Errors: those of [`split`].
pub async fn workbook(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    fund: Option<&str>,
) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let s = split(db, actor, id, fund).await?;
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("奖补分配")?;
    let headers = ["类别", "区划代码", "名称", "考核得分", "分配金额（元）"];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, r) in s.rows.iter().enumerate() {
        let row = i as u32 + 1;
        let kind = match r.kind {
            SubjectKind::Unit => "单位",
            SubjectKind::Coordinator => "协理员",
        };
        ws.write_string(row, 0, kind)?;
        ws.write_string(row, 1, &r.subject_code)?;
        ws.write_string(row, 2, &r.subject_name)?;
        ws.write_number(row, 3, f64::from(r.final_score) / 100.0)?;
        ws.write_number(row, 4, r.amount_fen as f64 / 100.0)?;
    }
    let total = s.rows.len() as u32 + 1;
    ws.write_string_with_format(total, 2, "合计", &bold)?;
    ws.write_number_with_format(total, 4, s.fund_fen as f64 / 100.0, &bold)?;
    let bytes = wb.save_to_buffer()?;
    audit::append(
        db,
        By::Actor(actor),
        "export_reward",
        "assessment",
        &id.to_string(),
        Some(format!("fund_fen={}", s.fund_fen)),
    )
    .await?;
    Ok(bytes)
}
