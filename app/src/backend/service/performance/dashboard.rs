//! Dashboards per level: an area's indicators for a kept period with their standing and the
//! time elapsed (时序进度), each indicator's trend over the last twelve months, and the same
//! figures for every area directly below and the coordinators serving them. Read from the kept
//! figures (`rollup`): a few rows per area, whatever the size of the ledger below. They lag
//! the writers by at most the server's refresh interval (and the refresh's own time), and the
//! dashboard says when they were last brought up to date.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::rollup;
use super::scorecard::{area_in_scope, line_of, scope_area, window};
use super::system;
use crate::backend::actor::Actor;
use crate::backend::clock::{minute, now, today};
use crate::backend::dashboard_cache::{DashboardCache, DashboardKey};
use crate::backend::entity::coordinator;
use crate::backend::service::areas;
use crate::domain::assistance::ExitReason;
use crate::domain::calendar::ymd;
use crate::domain::indicators::Share;
use crate::domain::performance::measures::Window;
use crate::domain::performance::rollup::{self as rules, Figures, exit_key};
use crate::domain::performance::{
    IndicatorSystem, Measure, MeasureUnit, Period, Standing, value_of,
};
use crate::domain::role::{Role, Scope};
use crate::model::AppError;
use crate::model::AreaView;
use crate::model::performance::{
    Dashboard, DashboardQuery, DashboardRow, ScoreLine, Scorecard, TrendPoint,
};

/// The dashboard of an area for a kept period. Every signed-in role reads the areas in its
/// scope, as for a scorecard. An answer is kept in `cache` until the roll-ups are next
/// refreshed (see [`DashboardCache`]). Errors, 422 on `period`: `period.malformed`,
/// `period.year`, `period.future`, `period.not_kept` (older than the kept periods: see a
/// scorecard); those of `scorecard::area_in_scope` (403 outside the scope, `area.malformed`,
/// `area.unknown`).
pub async fn for_area(
    db: &DatabaseConnection,
    cache: &DashboardCache,
    actor: &Actor,
    query: &DashboardQuery,
) -> Result<Dashboard, AppError> {
    let on = today();
    let asked = query
        .period
        .clone()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| {
            Period::Year {
                year: chrono::Datelike::year(&on),
            }
            .label()
        });
    let (period, w) = window(Some(&asked))?;
    if !Period::kept(on).contains(&period) {
        return Err(AppError::field("period", "period.not_kept"));
    }
    let scope = area_in_scope(db, actor, query.area.as_deref()).await?;
    let kept = kept_state(db).await?;
    let key = DashboardKey {
        area: match &scope {
            Scope::National => rules::NATIONAL.to_string(),
            Scope::Area(code) => code.to_string(),
        },
        period: period.label(),
        day: on,
        reader: (actor.role == Role::Coordinator).then(|| actor.username.clone()),
        refreshes: kept.refreshes,
    };
    cache
        .get_or_build(key, build(db, actor, scope, period, w, on, kept))
        .await
}

/// The dashboard of `scope` for `period` (window `w`) read on the Beijing day `on` (the day
/// of its key) from the kept figures `kept`.
async fn build(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: Scope,
    period: Period,
    w: Window,
    on: NaiveDate,
    kept: rollup::Kept,
) -> Result<Dashboard, AppError> {
    let (code, name) = scope_area(db, scope).await?;
    let below = match scope {
        Scope::National => None,
        Scope::Area(code) => Some(code),
    };
    let children = areas::below(db, below.as_ref()).await?;
    let staff = coordinators(db, actor, &code, &children, w.to).await?;
    let months: Vec<String> = Period::last_twelve_months(on)
        .into_iter()
        .map(Period::label)
        .collect();
    let mut labels = months.clone();
    labels.push(period.label());
    let mut codes: Vec<String> = vec![code.clone()];
    codes.extend(children.iter().map(|a| a.code.clone()));
    codes.extend(staff.iter().map(|s| s.area_code.clone()));
    codes.sort();
    codes.dedup();
    let sums = rollup::sums(db, &codes, &labels).await?;
    let system = system::in_force(db, &code, w.to).await?;
    let label = period.label();
    let card_lines = lines(&system, &sums, &code, &label);
    let total = card_lines.iter().map(|l| l.points).sum();
    let trends = system
        .indicators
        .iter()
        .map(|i| {
            months
                .iter()
                .map(|m| {
                    let share = share(&sums, &code, m, i.measure);
                    TrendPoint {
                        period: m.clone(),
                        part: share.part,
                        whole: share.whole,
                        value: value_of(i.measure.unit(), share),
                    }
                })
                .collect()
        })
        .collect();
    let row = |area_code: &str, name: String, coordinator_id: Option<i64>| {
        let lines = lines(&system, &sums, area_code, &label);
        DashboardRow {
            area_code: area_code.to_string(),
            name,
            coordinator_id,
            values: lines.iter().map(|l| l.value).collect(),
            standings: lines.iter().map(|l| l.standing).collect(),
            total: lines.iter().map(|l| l.points).sum(),
        }
    };
    let areas = children
        .iter()
        .map(|a| row(&a.code, a.name.clone(), None))
        .collect();
    let coordinators = staff
        .iter()
        .map(|s| row(&s.area_code, s.name.clone(), Some(s.id)))
        .collect();
    Ok(Dashboard {
        card: Scorecard {
            area_code: code,
            area_name: name,
            coordinator: None,
            period: label,
            from: ymd(w.from),
            as_of: ymd(w.to),
            complete: w.to == period.last_day(),
            elapsed: period.elapsed(w.to),
            system_version: system.version.clone(),
            proposed_rating: system.proposed_rating(total / 100),
            lines: card_lines,
            total,
        },
        trends,
        areas,
        coordinators,
        counted_as_of: ymd(kept.as_of),
        refreshed_at: minute(kept.refreshed_at),
        periods: Period::kept(on).into_iter().map(Period::label).collect(),
    })
}

/// Where the kept figures stand. Counts everything once when nothing was ever counted (a new
/// database before the server's first refresh). Otherwise a dashboard reads what is kept,
/// never waiting for a refresh: the server refreshes every `ROLLUP_REFRESH_SECONDS`, and the
/// dashboard says when it last did. A first count that fails leaves nothing counted: the
/// figures read as nothing due, as of now, and nothing is kept apart from them (counter 0).
async fn kept_state(db: &DatabaseConnection) -> Result<rollup::Kept, AppError> {
    if let Some(kept) = rollup::kept_state(db).await? {
        return Ok(kept);
    }
    if let Err(e) = rollup::refresh(db).await {
        tracing::warn!(error = %e, "the first count of the roll-ups failed");
    }
    Ok(rollup::kept_state(db).await?.unwrap_or(rollup::Kept {
        as_of: today(),
        refreshed_at: now(),
        refreshes: 0,
    }))
}

fn share(sums: &Figures, code: &str, period: &str, measure: Measure) -> Share {
    let key = (
        code.to_string(),
        period.to_string(),
        measure.as_str().to_string(),
    );
    let (part, whole) = sums.get(&key).copied().unwrap_or((0, 0));
    Share {
        part: u64::try_from(part).unwrap_or(0),
        whole: u64::try_from(whole).unwrap_or(0),
    }
}

/// Each indicator's line for `code` in `period` from the kept sums.
fn lines(system: &IndicatorSystem, sums: &Figures, code: &str, period: &str) -> Vec<ScoreLine> {
    system
        .indicators
        .iter()
        .map(|i| {
            let exits = if i.measure == Measure::Exits {
                ExitReason::ALL
                    .into_iter()
                    .filter_map(|r| {
                        let key = (code.to_string(), period.to_string(), exit_key(r));
                        let n = sums.get(&key).map(|(p, _)| *p).unwrap_or(0);
                        (n > 0).then(|| (r, u64::try_from(n).unwrap_or(0)))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            line_of(i, share(sums, code, period, i.measure), exits)
        })
        .collect()
}

/// The coordinators on the books at `end` serving `code` or an area directly below; a
/// coordinator reading sees only the own record.
async fn coordinators(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &str,
    children: &[AreaView],
    end: NaiveDate,
) -> Result<Vec<coordinator::Model>, AppError> {
    let mut served: Vec<String> = vec![code.to_string()];
    served.extend(children.iter().map(|a| a.code.clone()));
    let mut q = coordinator::Entity::find()
        .filter(coordinator::Column::AreaCode.is_in(served))
        .filter(coordinator::Column::HiredOn.lte(end))
        .filter(
            Condition::any()
                .add(coordinator::Column::LeftOn.is_null())
                .add(coordinator::Column::LeftOn.gt(end)),
        );
    if actor.role == Role::Coordinator {
        q = q.filter(coordinator::Column::AccountUsername.eq(actor.username.as_str()));
    }
    Ok(q.order_by_asc(coordinator::Column::AreaCode)
        .order_by_asc(coordinator::Column::Name)
        .all(db)
        .await?)
}

/// The dashboard as an Excel workbook: 指标 (each indicator's value, target, floor, standing,
/// points and its twelve months), 下级区域 and 协理员 (each row's total and values). Rates in
/// per cent, counts as numbers, nothing due left blank. Errors: those of [`for_area`].
pub async fn workbook(
    db: &DatabaseConnection,
    cache: &DashboardCache,
    actor: &Actor,
    query: &DashboardQuery,
) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let d = for_area(db, cache, actor, query).await?;
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let number = |unit: MeasureUnit, v: Option<u32>| {
        v.map(|v| match unit {
            MeasureUnit::PerMille => f64::from(v) / 10.0,
            MeasureUnit::Count => f64::from(v),
        })
    };
    let place = if d.card.area_name.is_empty() {
        "全国".to_string()
    } else {
        d.card.area_name.clone()
    };
    {
        let ws = wb.add_worksheet();
        ws.set_name("指标")?;
        ws.write_string_with_format(
            0,
            0,
            format!(
                "{place} {} 截至 {} · 时序进度 {:.1}% · 合计 {:.2} 分",
                d.card.period,
                d.card.as_of,
                f64::from(d.card.elapsed) / 10.0,
                f64::from(d.card.total) / 100.0
            ),
            &bold,
        )?;
        let mut headers = vec![
            "代码".to_string(),
            "指标".into(),
            "单位".into(),
            "达成".into(),
            "应办".into(),
            "数值".into(),
            "目标".into(),
            "起评线".into(),
            "状态".into(),
            "得分".into(),
            "权重".into(),
        ];
        if let Some(first) = d.trends.first() {
            headers.extend(first.iter().map(|t| t.period.clone()));
        }
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, h, &bold)?;
        }
        for (n, (l, trend)) in d.card.lines.iter().zip(&d.trends).enumerate() {
            let row = n as u32 + 3;
            let unit = l.unit;
            ws.write_string(row, 0, &l.indicator.code)?;
            ws.write_string(row, 1, &l.indicator.name)?;
            ws.write_string(
                row,
                2,
                match unit {
                    MeasureUnit::PerMille => "%",
                    MeasureUnit::Count => "人",
                },
            )?;
            ws.write_number(row, 3, l.part as f64)?;
            ws.write_number(row, 4, l.whole as f64)?;
            if let Some(v) = number(unit, l.value) {
                ws.write_number(row, 5, v)?;
            }
            if l.indicator.weight > 0 {
                ws.write_number(
                    row,
                    6,
                    number(unit, Some(l.indicator.target)).unwrap_or(0.0),
                )?;
                ws.write_number(row, 7, number(unit, Some(l.indicator.floor)).unwrap_or(0.0))?;
            }
            ws.write_string(row, 8, standing_zh(l.standing))?;
            ws.write_number(row, 9, f64::from(l.points) / 100.0)?;
            ws.write_number(row, 10, f64::from(l.indicator.weight))?;
            for (m, t) in trend.iter().enumerate() {
                if let Some(v) = number(unit, t.value) {
                    ws.write_number(row, 11 + m as u16, v)?;
                }
            }
        }
    }
    for (sheet, rows) in [("下级区域", &d.areas), ("协理员", &d.coordinators)] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet)?;
        let mut headers = vec!["区划代码".to_string(), "名称".into(), "合计得分".into()];
        headers.extend(d.card.lines.iter().map(|l| l.indicator.name.clone()));
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)?;
        }
        for (n, r) in rows.iter().enumerate() {
            let row = n as u32 + 1;
            ws.write_string(row, 0, &r.area_code)?;
            ws.write_string(row, 1, &r.name)?;
            ws.write_number(row, 2, f64::from(r.total) / 100.0)?;
            for (c, (l, v)) in d.card.lines.iter().zip(&r.values).enumerate() {
                if let Some(v) = number(l.unit, *v) {
                    ws.write_number(row, 3 + c as u16, v)?;
                }
            }
        }
    }
    Ok(wb.save_to_buffer()?)
}

/// A standing as the workbook writes it (the page's words, Chinese).
fn standing_zh(s: Standing) -> &'static str {
    match s {
        Standing::Reached => "达标",
        Standing::Approaching => "未达目标",
        Standing::Short => "低于起评线",
        Standing::NothingDue => "本期无应办",
        Standing::Unscored => "只统计不计分",
    }
}
