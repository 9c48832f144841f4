//! The quantitative indicators of a community on a day, computed from the ledgers (never typed)
//! and judged against a tier's standard, with the people and households behind each number.
//! The same computation serves the application, the reviewers and the re-inspection.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};

use super::community_records::{CommunityRecords, Judged};
use super::standards;
use crate::backend::actor::Actor;
use crate::backend::entity::household;
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::calendar::{parse_ymd, ymd};
use crate::domain::certification::Tier;
use crate::domain::indicators::CertificationStandard;
use crate::model::AppError;
use crate::model::certification::{BehindHousehold, BehindPerson, IndicatorReport};

/// The day (YYYY-MM-DD, default today) and the tier (default 充分就业社区) of a request.
pub fn parse_query(on: Option<&str>, tier: Option<&str>) -> Result<(NaiveDate, Tier), AppError> {
    let on = match on.map(str::trim).filter(|s| !s.is_empty()) {
        None => crate::backend::clock::today(),
        Some(s) => parse_ymd(s).ok_or_else(|| AppError::field("on", "date.malformed"))?,
    };
    let tier = match tier.map(str::trim).filter(|s| !s.is_empty()) {
        None => Tier::Community,
        Some(s) => Tier::parse(s).ok_or_else(|| AppError::field("tier", "tier.unknown"))?,
    };
    Ok((on, tier))
}

/// The indicators of community `code` on `on` for `tier`, by the standard in force that day,
/// for those who read its ledger.
pub async fn community<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    code: &str,
    on: NaiveDate,
    tier: Tier,
) -> Result<IndicatorReport, AppError> {
    let area = AreaCode::parse(code).map_err(|_| AppError::field("community", "area.malformed"))?;
    if area.level() != AreaLevel::Village {
        return Err(AppError::field("community", "area.wrong_level"));
    }
    actor.require_ledger_read(&area)?;
    let (_, standard) = standards::in_force(conn, tier, area.as_str(), on).await?;
    report(conn, &area, on, &standard).await
}

/// The indicators of a community on `on` against `standard` (no scope check: the callers have
/// done it), with the people and households behind each failing number. Reads the community
/// once ([`CommunityRecords::load`]); callers judging several days load once and call
/// [`report_from`] per day.
pub(super) async fn report<C: ConnectionTrait>(
    conn: &C,
    area: &AreaCode,
    on: NaiveDate,
    standard: &CertificationStandard,
) -> Result<IndicatorReport, AppError> {
    let records = CommunityRecords::load(conn, area).await?;
    report_from(conn, &records, on, standard).await
}

/// [`report`] from records already loaded: judged without reading the ledger again; only the
/// addresses of the 零就业家庭 named behind a late number are read.
pub(super) async fn report_from<C: ConnectionTrait>(
    conn: &C,
    records: &CommunityRecords,
    on: NaiveDate,
    standard: &CertificationStandard,
) -> Result<IndicatorReport, AppError> {
    let Judged {
        facts,
        evaluation,
        behind,
    } = records.judge(on, standard)?;
    let named: HashSet<i64> = [
        &behind.able_willing_not_employed,
        &behind.registered_not_employed,
        &behind.difficult_not_employed,
        &behind.long_unemployed,
        &behind.unregistered,
    ]
    .into_iter()
    .flatten()
    .copied()
    .collect();
    let people = records
        .people
        .iter()
        .filter(|p| named.contains(&p.id))
        .map(|p| BehindPerson {
            id: p.id,
            name: p.name.clone(),
            household_id: p.household_id,
        })
        .collect();
    let addresses: HashMap<i64, String> = if behind.late_zero_households.is_empty() {
        HashMap::new()
    } else {
        household::Entity::find()
            .filter(household::Column::Id.is_in(behind.late_zero_households.clone()))
            .all(conn)
            .await?
            .into_iter()
            .map(|h| (h.id, h.address))
            .collect()
    };
    let households = behind
        .late_zero_households
        .iter()
        .map(|id| BehindHousehold {
            id: *id,
            address: addresses.get(id).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(IndicatorReport {
        community_code: records.area.as_str().to_string(),
        community_name: records.name.clone(),
        on: ymd(on),
        tier: standard.tier,
        facts,
        evaluation,
        behind,
        people,
        households,
    })
}
