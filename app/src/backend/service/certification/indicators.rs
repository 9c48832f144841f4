//! The quantitative indicators of a community on a day, computed from the ledgers (never typed)
//! and judged against a tier's standard, with the people and households behind each number.
//! The same computation serves the application, the reviewers and the re-inspection.

use chrono::{Months, NaiveDate, NaiveTime};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};

use super::standards;
use crate::backend::actor::Actor;
use crate::backend::entity::{
    assistance_target as target, cert_application, cert_objection, certification, household,
    person, platform, record_version, zero_case,
};
use crate::backend::service::{areas, ledger, policies};
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::calendar::parse_ymd;
use crate::domain::calendar::ymd;
use crate::domain::cert_review::{HeldTitle, ObjectionOutcome, consecutive_years};
use crate::domain::certification::{CertStatus, Tier};
use crate::domain::indicators::{CertificationStandard, PersonFacts, evaluate, ledger_facts};
use crate::domain::ledger::{EmploymentStatus, LabourAbility};
use crate::domain::zero_employment::ZeroCase;
use crate::model::AppError;
use crate::model::certification::{BehindHousehold, BehindPerson, IndicatorReport};

/// The assessment period: the year up to `on`.
fn period_start(on: NaiveDate) -> NaiveDate {
    on.checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN)
}

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

/// The titles a community holds or held, as the national standard reads them.
pub(super) async fn titles<C: ConnectionTrait>(
    conn: &C,
    community: &str,
) -> Result<Vec<HeldTitle>, AppError> {
    Ok(certification::Entity::find()
        .filter(certification::Column::CommunityCode.eq(community))
        .all(conn)
        .await?
        .iter()
        .filter_map(held_title)
        .collect())
}

/// A stored title as the national standard reads it (a revoked one with its date).
pub(super) fn held_title(c: &certification::Model) -> Option<HeldTitle> {
    Some(HeldTitle {
        tier: Tier::parse(&c.tier)?,
        issued_on: c.issued_on,
        revoked_on: if c.status == CertStatus::Revoked.as_str() {
            Some(c.revoked_on.unwrap_or(c.issued_on))
        } else {
            None
        },
    })
}

/// Substantiated objections against a community's files in the `years` up to `on`.
async fn substantiated_complaints<C: ConnectionTrait>(
    conn: &C,
    community: &str,
    on: NaiveDate,
    years: u32,
) -> Result<u64, AppError> {
    if years == 0 {
        return Ok(0);
    }
    let since = on
        .checked_sub_months(Months::new(years * 12))
        .unwrap_or(NaiveDate::MIN);
    let files: Vec<i64> = cert_application::Entity::find()
        .filter(cert_application::Column::CommunityCode.eq(community))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    if files.is_empty() {
        return Ok(0);
    }
    Ok(cert_objection::Entity::find()
        .filter(cert_objection::Column::ApplicationId.is_in(files))
        .filter(cert_objection::Column::Outcome.eq(ObjectionOutcome::Substantiated.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .filter(|o| o.decided_on.is_some_and(|d| d > since && d <= on))
        .count() as u64)
}

/// The people of `rows` registered unemployed (就业失业登记) at some time from `start` to `on`,
/// by the saved versions of their records in force during those days (for a record without
/// versions, by its present state). Someone registered
/// in spring who found work by autumn counts among the registered (and as employed).
/// A person as their last version saved by the end of the day recorded them.
#[derive(Clone, Copy)]
struct OnTheDay {
    status: EmploymentStatus,
    ability: LabourAbility,
    wants_work: bool,
    unemployed_since: Option<NaiveDate>,
}

fn on_the_day(snapshot: &serde_json::Value) -> Option<OnTheDay> {
    let text = |k: &str| snapshot.get(k).and_then(|x| x.as_str());
    Some(OnTheDay {
        status: EmploymentStatus::parse(text("status")?)?,
        ability: LabourAbility::parse(text("ability")?)?,
        wants_work: snapshot.get("wants_work")?.as_bool()?,
        unemployed_since: text("unemployed_since").and_then(parse_ymd),
    })
}

/// Who held a 就业失业登记证 at some time from `start` to `on` (from the saved versions), and
/// each versioned person's state at the end of `on`: `None` for one not yet in the ledger then.
/// People without versions (written before versions were kept) are in neither map's keys but
/// the registration set, judged on their present record.
async fn registered_between<C: ConnectionTrait>(
    conn: &C,
    rows: &[person::Model],
    start: NaiveDate,
    on: NaiveDate,
) -> Result<(HashSet<i64>, HashMap<i64, Option<OnTheDay>>), AppError> {
    let mut out = HashSet::new();
    let mut states = HashMap::new();
    let mut with_versions = HashSet::new();
    let from = start.and_time(NaiveTime::MIN).and_utc();
    let until = on
        .succ_opt()
        .unwrap_or(on)
        .and_time(NaiveTime::MIN)
        .and_utc();
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    for chunk in ids.chunks(500) {
        let versions = record_version::Entity::find()
            .filter(record_version::Column::Entity.eq(ledger::people::ENTITY))
            .filter(record_version::Column::EntityId.is_in(chunk.to_vec()))
            .order_by_asc(record_version::Column::EntityId)
            .order_by_asc(record_version::Column::Version)
            .all(conn)
            .await?;
        // Per person: the version in force at the start (the last saved before it) and every
        // version saved during the period.
        let mut i = 0;
        while i < versions.len() {
            let id = versions[i].entity_id;
            let mut j = i;
            while j < versions.len() && versions[j].entity_id == id {
                j += 1;
            }
            with_versions.insert(id);
            // Only what had been saved by the end of `on`.
            let mine: Vec<&record_version::Model> = versions[i..j]
                .iter()
                .filter(|v| v.changed_at < until)
                .collect();
            states.insert(
                id,
                mine.last().and_then(|v| {
                    serde_json::from_str::<serde_json::Value>(&v.snapshot)
                        .ok()
                        .and_then(|s| on_the_day(&s))
                }),
            );
            let before = mine.iter().rposition(|v| v.changed_at <= from);
            let relevant = mine
                .iter()
                .copied()
                .enumerate()
                .filter(|(k, v)| Some(*k) == before || v.changed_at > from)
                .map(|(_, v)| v);
            for v in relevant {
                let status = serde_json::from_str::<serde_json::Value>(&v.snapshot)
                    .ok()
                    .and_then(|s| s.get("status").and_then(|x| x.as_str()).map(str::to_string));
                if status.as_deref() == Some(EmploymentStatus::RegisteredUnemployed.as_str()) {
                    out.insert(id);
                }
            }
            i = j;
        }
    }
    // Records written before versions were kept: their present registration is all there is.
    out.extend(
        rows.iter()
            .filter(|p| !with_versions.contains(&p.id) && p.unemployment_cert_no.is_some())
            .map(|p| p.id),
    );
    Ok((out, states))
}

/// The indicators of a community on `on` against `standard` (no scope check: the callers have
/// done it).
pub(super) async fn report<C: ConnectionTrait>(
    conn: &C,
    area: &AreaCode,
    on: NaiveDate,
    standard: &CertificationStandard,
) -> Result<IndicatorReport, AppError> {
    let tier = standard.tier;
    let name = areas::names(conn, &[area.as_str().to_string()])
        .await?
        .remove(area.as_str())
        .ok_or(AppError::NotFound)?;
    let policy = policies::in_force(conn, area.as_str(), on).await?;
    let start = period_start(on);

    let rows = person::Entity::find()
        .filter(person::Column::CommunityCode.eq(area.as_str()))
        .all(conn)
        .await?;
    let (registered, states) = registered_between(conn, &rows, start, on).await?;
    // 就业困难人员: files confirmed by `on` and not ended before the period.
    let difficult: HashSet<i64> = target::Entity::find()
        .filter(target::Column::CommunityCode.eq(area.as_str()))
        .filter(target::Column::ConfirmedOn.lte(on))
        .all(conn)
        .await?
        .into_iter()
        .filter(|t| t.exited_on.is_none_or(|d| d >= start))
        .map(|t| t.person_id)
        .collect();
    // Each person as the ledger had them at the end of `on` (a month end judges that day's
    // records, not today's); one recorded later is not counted.
    let facts_of: Vec<PersonFacts> = rows
        .iter()
        .filter_map(|p| {
            let mut member = ledger::member_facts(p).ok()?;
            let mut unemployed_since = p.unemployed_since;
            match states.get(&p.id) {
                Some(None) => return None,
                Some(Some(day)) => {
                    member.status = day.status;
                    member.ability = day.ability;
                    member.wants_work = day.wants_work;
                    unemployed_since = day.unemployed_since;
                }
                None => {}
            }
            Some(PersonFacts {
                id: p.id,
                member,
                registered: registered.contains(&p.id),
                unemployed_since,
                difficult: difficult.contains(&p.id),
            })
        })
        .collect();
    let cases: Vec<(i64, ZeroCase)> = zero_case::Entity::find()
        .filter(zero_case::Column::CommunityCode.eq(area.as_str()))
        .filter(zero_case::Column::IdentifiedOn.lte(on))
        .all(conn)
        .await?
        .into_iter()
        .filter(|c| c.identified_on >= start || c.cleared_on.is_none_or(|d| d >= start))
        .map(|c| {
            (
                c.household_id,
                ZeroCase {
                    identified_on: c.identified_on,
                    assisted_on: c.assisted_on,
                    cleared_on: c.cleared_on,
                    stable_on: c.stable_on,
                },
            )
        })
        .collect();
    let (mut facts, behind) = ledger_facts(&facts_of, &cases, on, standard, &policy);
    // The registers beside the ledger: the titles, objections found true, the platform.
    let held = titles(conn, area.as_str()).await?;
    facts.is_star = held.iter().any(|t| {
        t.tier == Tier::ProvincialStar && t.issued_on <= on && t.revoked_on.is_none_or(|r| r > on)
    });
    facts.consecutive_years = consecutive_years(&held, on);
    facts.substantiated_complaints =
        substantiated_complaints(conn, area.as_str(), on, standard.complaint_free_years).await?;
    facts.six_in_place = platform::Entity::find_by_id(area.as_str().to_string())
        .one(conn)
        .await?
        .map(|p| p.complete());
    let evaluation = evaluate(standard, &facts);

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
    let people_behind = rows
        .iter()
        .filter(|p| named.contains(&p.id))
        .map(|p| BehindPerson {
            id: p.id,
            name: p.name.clone(),
            household_id: p.household_id,
        })
        .collect();
    let addresses: HashMap<i64, String> = household::Entity::find()
        .filter(household::Column::Id.is_in(behind.late_zero_households.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|h| (h.id, h.address))
        .collect();
    let households = behind
        .late_zero_households
        .iter()
        .map(|id| BehindHousehold {
            id: *id,
            address: addresses.get(id).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(IndicatorReport {
        community_code: area.as_str().to_string(),
        community_name: name,
        on: ymd(on),
        tier,
        facts,
        evaluation,
        behind,
        people: people_behind,
        households,
    })
}
