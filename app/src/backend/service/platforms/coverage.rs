//! Coverage statistics, live from the registry: for an area (or the whole country) and each
//! area directly under it, the share of streets and of townships with a platform institution,
//! of communities and of administrative villages with staff, and of units with all six in
//! place. The figures per child area and code type are kept by the writers
//! (`coverage_tally`) for reports down to a county, and counted in one grouped query under a
//! street; the rules of `domain::platform::Coverage` classify the groups.

use std::collections::HashMap;
use std::time::Instant;

use rust_xlsxwriter::{Format, Workbook};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Statement,
};

use super::{ancestors, coverage_tally};
use crate::backend::actor::Actor;
use crate::backend::entity::area;
use crate::backend::service::areas;
use crate::backend::service::audit::{self, By};
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::indicators::Share;
use crate::domain::platform::{Coverage, UnitCounts};
use crate::domain::role::Scope;
use crate::model::AppError;
use crate::model::platform::{CoverageReport, CoverageRow};

/// One group the database counted: the units of one kind under one child area.
struct Group {
    child: String,
    sample: String,
    counts: UnitCounts,
}

/// The digits that name a child of the level `children` (a city without counties, such as
/// 东莞, has townships for children: nine digits).
fn child_digits(children: AreaLevel) -> usize {
    match children {
        AreaLevel::Province => 2,
        AreaLevel::City => 4,
        AreaLevel::County => 6,
        AreaLevel::Township => 9,
        AreaLevel::Village => 12,
    }
}

/// Counts the township- and village-level units under `code` per child area and code type
/// (the level and the three type digits of the code), with how many have an institution,
/// staff and all six in place: read from the kept figures when the children are named by 2,
/// 4, 6 or 9 digits (the country, provinces, cities, counties), counted live under a street.
async fn count_groups<C: ConnectionTrait>(
    conn: &C,
    code: Option<&AreaCode>,
    digits: usize,
) -> Result<Vec<Group>, AppError> {
    let backend = conn.get_database_backend();
    let (lo, hi) = code.map_or_else(
        || ("000000000000".to_string(), "999999999999".to_string()),
        AreaCode::subtree_range,
    );
    if coverage_tally::KEPT_DIGITS.contains(&digits) {
        return Ok(coverage_tally::groups(conn, digits, &lo, &hi)
            .await?
            .into_iter()
            .map(|g| Group {
                child: g.prefix,
                sample: g.sample,
                counts: g.counts,
            })
            .collect());
    }
    let (p1, p2) = match backend {
        DatabaseBackend::Postgres => ("$1", "$2"),
        _ => ("?", "?"),
    };
    // `digits` is one of five constants; the range comes as bound values.
    let sql = format!(
        "SELECT substr(a.code, 1, {digits}) AS child, MIN(a.code) AS sample, \
         COUNT(*) AS units, \
         SUM(CASE WHEN p.institution THEN 1 ELSE 0 END) AS institution, \
         SUM(CASE WHEN p.full_time_staff + p.part_time_staff > 0 THEN 1 ELSE 0 END) AS staffed, \
         SUM(CASE WHEN p.institution AND p.staff AND p.full_time_staff + p.part_time_staff > 0 \
             AND p.funding AND p.venue AND p.rules AND p.work THEN 1 ELSE 0 END) AS six \
         FROM area a LEFT JOIN platform p ON p.area_code = a.code \
         WHERE a.level >= 4 AND a.code >= {p1} AND a.code <= {p2} \
         GROUP BY substr(a.code, 1, {digits}), a.level, \
             CASE WHEN a.level = 5 THEN substr(a.code, 10, 3) ELSE substr(a.code, 7, 3) END"
    );
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [lo.into(), hi.into()],
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Group {
                child: r.try_get("", "child")?,
                sample: r.try_get("", "sample")?,
                counts: coverage_tally::unit_counts(r)?,
            })
        })
        .collect()
}

/// The coverage of `code` (the whole country when `None`) and of each area directly under it
/// (at a street: the street's own office and each community). Everyone may read the figures
/// of areas within their scope; the whole country is for national accounts.
pub async fn report(
    db: &DatabaseConnection,
    actor: &Actor,
    code: Option<&AreaCode>,
) -> Result<CoverageReport, AppError> {
    match code {
        Some(c) => actor.require_in_scope(c)?,
        None if actor.scope == Scope::National => {}
        None => return Err(AppError::OutOfScope),
    }
    let started = Instant::now();
    let here = match code {
        Some(c) => Some(areas::find(db, c).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let mut children = match code {
        None => {
            area::Entity::find()
                .filter(area::Column::Level.eq(1))
                .all(db)
                .await?
        }
        Some(c) => {
            area::Entity::find()
                .filter(area::Column::ParentCode.eq(c.as_str()))
                .order_by_asc(area::Column::Code)
                .all(db)
                .await?
        }
    };
    if let Some(h) = here.as_ref().filter(|h| h.level == 4) {
        children.push(h.clone());
    }
    children.sort_by(|a, b| a.code.cmp(&b.code));
    // The key of a unit's child area: as many digits as name the children's level.
    let digits = children
        .iter()
        .find(|c| here.as_ref().is_none_or(|h| c.code != h.code))
        .and_then(|c| AreaLevel::from_number(i32::from(c.level)))
        .map_or(12, child_digits);
    let groups = count_groups(db, code, digits).await?;
    let mut total = Coverage::default();
    let mut by_child: HashMap<String, Coverage> = HashMap::new();
    for g in &groups {
        let Ok(sample) = AreaCode::parse(&g.sample) else {
            continue;
        };
        total.add_units(&sample, g.counts);
        by_child
            .entry(g.child.clone())
            .or_default()
            .add_units(&sample, g.counts);
    }
    let rows = children
        .iter()
        .map(|c| CoverageRow {
            area: areas::to_view(c),
            coverage: by_child
                .get(c.code.get(..digits).unwrap_or(&c.code))
                .copied()
                .unwrap_or_default(),
        })
        .collect();
    Ok(CoverageReport {
        area: here.as_ref().map(areas::to_view),
        ancestors: match code {
            Some(c) => ancestors(db, c).await?,
            None => vec![],
        },
        total,
        rows,
        elapsed_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    })
}

const HEADERS: [&str; 7] = [
    "区划代码",
    "名称",
    "街道有平台机构",
    "乡镇有平台机构",
    "社区有专兼职人员",
    "行政村有专兼职人员",
    "六到位",
];

/// The report as an Excel workbook: the area's total first, then one row per child area.
pub async fn export(
    db: &DatabaseConnection,
    actor: &Actor,
    code: Option<&AreaCode>,
) -> Result<Vec<u8>, AppError> {
    let r = report(db, actor, code).await?;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("覆盖率")?;
    let bold = Format::new().set_bold();
    for (col, h) in HEADERS.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(0);
        sheet.write_string_with_format(0, col, *h, &bold)?;
        sheet.set_column_width(col, 18)?;
    }
    let total_name = r
        .area
        .as_ref()
        .map_or_else(|| "全国".to_string(), |a| format!("{}（合计）", a.name));
    let total_code = r.area.as_ref().map(|a| a.code.clone()).unwrap_or_default();
    let lines = std::iter::once((total_code, total_name, r.total)).chain(
        r.rows
            .iter()
            .map(|row| (row.area.code.clone(), row.area.name.clone(), row.coverage)),
    );
    for (i, (code, name, c)) in lines.enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.write_string(line, 0, code)?;
        sheet.write_string(line, 1, name)?;
        for (col, s) in [
            c.streets,
            c.townships,
            c.communities,
            c.villages,
            c.six_in_place,
        ]
        .into_iter()
        .enumerate()
        {
            let col = u16::try_from(col + 2).unwrap_or(0);
            sheet.write_string(line, col, Share::text(s))?;
        }
    }
    let bytes = book.save_to_buffer()?;
    audit::append(
        db,
        By::Actor(actor),
        "export",
        "platform_coverage",
        code.map_or("national", AreaCode::as_str),
        None,
    )
    .await?;
    Ok(bytes)
}
