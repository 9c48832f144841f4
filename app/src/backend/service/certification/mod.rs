//! 充分就业社区 certification: standards as versioned data, the indicators computed from the
//! ledgers, rounds with quotas, applications through the review chain with 公示 and objections,
//! the titles granted, their re-inspection and revocation.

pub mod applications;
pub mod indicators;
pub mod objections;
pub mod rounds;
pub mod standards;
pub mod titles;

use chrono::NaiveDate;

use crate::domain::area_code::AreaCode;
use crate::model::AppError;

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

use crate::backend::service::policies::province_of;

/// A typed YYYY-MM-DD date for `field`.
fn parse_date(field: &'static str, raw: Option<&str>) -> Result<NaiveDate, AppError> {
    let raw = raw
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| AppError::field(field, "date.required"))?;
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| AppError::field(field, "date.malformed"))
}

/// Trimmed text of `min..=max` characters for `field` (`None` when empty and `min` is 0).
pub(crate) fn text(
    field: &'static str,
    raw: Option<&str>,
    min: usize,
    max: usize,
) -> Result<Option<String>, AppError> {
    let t = raw.map(str::trim).unwrap_or_default();
    let n = t.chars().count();
    if n == 0 && min == 0 {
        return Ok(None);
    }
    if n < min.max(1) {
        return Err(AppError::field(field, "text.too_short"));
    }
    if n > max {
        return Err(AppError::field(field, "text.too_long"));
    }
    Ok(Some(t.to_string()))
}

/// The community code of a request: 12 digits of a community or village.
fn community_code(raw: Option<&str>) -> Result<AreaCode, AppError> {
    let code = raw
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| AppError::field("community_code", "area.required"))?;
    let area =
        AreaCode::parse(code).map_err(|_| AppError::field("community_code", "area.malformed"))?;
    if area.level() != crate::domain::area_code::AreaLevel::Village {
        return Err(AppError::field("community_code", "area.wrong_level"));
    }
    Ok(area)
}
