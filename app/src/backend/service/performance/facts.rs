//! The facts the measures count, read from the records of an area's subtree for a window: the
//! assistance files with their limits, work found and cards; the plan items, 零就业家庭 cases
//! and re-check visits with their deadlines. Each limit is computed by the rule that applied:
//! a file and a case by the policy version they were filed under, a re-check by the policy in
//! force where and when it started, the working days by the official calendar.

use std::collections::{BTreeMap, HashMap};

use chrono::{Months, NaiveDate};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::backend::clock::date_of;
use crate::backend::entity::{
    assistance_card as card, assistance_target as target, household, person, plan_item,
    service_record, visit, zero_case,
};
use crate::backend::service::policy_store::Timeline;
use crate::backend::service::{calendar, policies};
use crate::domain::assistance::ExitReason;
use crate::domain::calendar::WorkCalendar;
use crate::domain::ledger::EmploymentStatus;
use crate::domain::performance::measures::{
    Deadline, DueRecord, Facts, TargetFacts, Window, decide_by, found_work_on, visit_deadlines,
};
use crate::domain::plan::{Outcome, Service};
use crate::domain::policy::AssistancePolicy;
use crate::domain::zero_employment::ZeroCase;
use crate::model::AppError;

/// The longest a 零就业家庭 case or a re-check may run (`zero_household_clear_months` and
/// `recheck_months` are at most 12 in a valid policy, `AssistancePolicy::validate`): records
/// that started longer before the window cannot fall due in it.
const LONGEST_MONTHS: u32 = 12;

/// `column` inside the inclusive code range (`None`: the whole country).
fn within<C: ColumnTrait>(column: C, range: Option<&(String, String)>) -> Condition {
    match range {
        Some((lo, hi)) => Condition::all().add(column.between(lo.as_str(), hi.as_str())),
        None => Condition::all(),
    }
}

type TargetRow = (
    i64,
    String,
    i64,
    NaiveDate,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<String>,
    String,
);

/// Facts, each under the area code its record carries.
type Tagged<T> = Vec<(String, T)>;

/// The rules the limits are computed by: every stored policy version (files and cases are
/// judged by their own), the policy timeline (re-checks, by the policy in force where and when
/// they started) and the official calendar (working days). Read once for many reads of records.
pub struct Rules {
    versions: policies::Versions,
    timeline: Timeline<AssistancePolicy>,
    calendar: WorkCalendar,
}

impl Rules {
    /// Errors: the database's; any stored policy version unreadable, 500 (`policies::versions`
    /// reads every version: the counts stay strict where the community file is not).
    pub async fn load<C: ConnectionTrait>(conn: &C) -> Result<Rules, AppError> {
        Ok(Rules {
            versions: policies::versions(conn).await?,
            timeline: policies::timeline(conn).await?,
            calendar: calendar::load(conn).await?,
        })
    }
}

/// Everything the measures count for the communities in `range` in `w`.
pub async fn read<C: ConnectionTrait>(
    conn: &C,
    range: Option<&(String, String)>,
    w: Window,
) -> Result<Facts, AppError> {
    let rules = Rules::load(conn).await?;
    let (targets, plan_items, zero_cases, visits) = read_tagged(conn, &rules, range, w).await?;
    let untag = |v: Tagged<DueRecord>| v.into_iter().map(|(_, r)| r).collect();
    Ok(Facts {
        targets: targets.into_iter().map(|(_, t)| t).collect(),
        plan_items: untag(plan_items),
        zero_cases: untag(zero_cases),
        visits: untag(visits),
    })
}

/// The same facts as [`read`], apart per area code the records carry (a community's, or a
/// street's for records kept at the street), judged by `rules`: the roll-ups count each
/// code's on its own.
pub async fn read_by_area<C: ConnectionTrait>(
    conn: &C,
    rules: &Rules,
    range: Option<&(String, String)>,
    w: Window,
) -> Result<BTreeMap<String, Facts>, AppError> {
    let (targets, plan_items, zero_cases, visits) = read_tagged(conn, rules, range, w).await?;
    let mut out: BTreeMap<String, Facts> = BTreeMap::new();
    for (code, t) in targets {
        out.entry(code).or_default().targets.push(t);
    }
    for (code, r) in plan_items {
        out.entry(code).or_default().plan_items.push(r);
    }
    for (code, r) in zero_cases {
        out.entry(code).or_default().zero_cases.push(r);
    }
    for (code, r) in visits {
        out.entry(code).or_default().visits.push(r);
    }
    Ok(out)
}

type AllTagged = (
    Tagged<TargetFacts>,
    Tagged<DueRecord>,
    Tagged<DueRecord>,
    Tagged<DueRecord>,
);

async fn read_tagged<C: ConnectionTrait>(
    conn: &C,
    rules: &Rules,
    range: Option<&(String, String)>,
    w: Window,
) -> Result<AllTagged, AppError> {
    Ok((
        targets(conn, range, w, rules).await?,
        plan_items(conn, range, w).await?,
        zero_cases(conn, range, w, &rules.versions).await?,
        visits(conn, range, w, &rules.timeline).await?,
    ))
}

async fn targets<C: ConnectionTrait>(
    conn: &C,
    range: Option<&(String, String)>,
    w: Window,
    rules: &Rules,
) -> Result<Tagged<TargetFacts>, AppError> {
    let files =
        within(target::Column::CommunityCode, range).add(target::Column::AppliedOn.lte(w.to));
    let rows: Vec<TargetRow> = target::Entity::find()
        .select_only()
        .columns([
            target::Column::Id,
            target::Column::CommunityCode,
            target::Column::PersonId,
            target::Column::AppliedOn,
            target::Column::ConfirmedOn,
            target::Column::ExitedOn,
            target::Column::ExitReason,
            target::Column::PolicyVersion,
        ])
        .filter(files.clone())
        .into_tuple()
        .all(conn)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let file_ids = Query::select()
        .column(target::Column::Id)
        .from(target::Entity)
        .cond_where(files.clone())
        .to_owned();
    let holders = Query::select()
        .column(target::Column::PersonId)
        .from(target::Entity)
        .cond_where(files)
        .to_owned();
    // The ledger's day of work, for holders in work now.
    let employed: HashMap<i64, NaiveDate> = person::Entity::find()
        .select_only()
        .columns([
            person::Column::Id,
            person::Column::Status,
            person::Column::EmployedSince,
        ])
        .filter(person::Column::Id.in_subquery(holders))
        .into_tuple::<(i64, String, Option<NaiveDate>)>()
        .all(conn)
        .await?
        .into_iter()
        .filter(|(_, status, _)| EmploymentStatus::parse(status).is_some_and(|s| s.is_employed()))
        .filter_map(|(id, _, since)| since.map(|d| (id, d)))
        .collect();
    let mut referrals: HashMap<i64, Vec<NaiveDate>> = HashMap::new();
    let accepted: Vec<(i64, NaiveDate)> = service_record::Entity::find()
        .select_only()
        .columns([
            service_record::Column::TargetId,
            service_record::Column::ServedOn,
        ])
        .filter(service_record::Column::TargetId.in_subquery(file_ids.clone()))
        .filter(service_record::Column::Service.eq(Service::JobReferral.as_str()))
        .filter(service_record::Column::Outcome.eq(Outcome::Accepted.as_str()))
        .filter(service_record::Column::ServedOn.lte(w.to))
        .into_tuple()
        .all(conn)
        .await?;
    for (id, on) in accepted {
        referrals.entry(id).or_default().push(on);
    }
    let mut cards: HashMap<i64, NaiveDate> = HashMap::new();
    let issued: Vec<(i64, NaiveDate)> = card::Entity::find()
        .select_only()
        .columns([card::Column::TargetId, card::Column::IssuedOn])
        .filter(card::Column::TargetId.in_subquery(file_ids))
        .into_tuple()
        .all(conn)
        .await?;
    for (id, on) in issued {
        cards
            .entry(id)
            .and_modify(|d| *d = (*d).min(on))
            .or_insert(on);
    }
    Ok(rows
        .into_iter()
        .map(
            |(id, code, person_id, applied_on, confirmed_on, exited_on, reason, version)| {
                let policy = rules.versions.get(&version);
                let worked = referrals.get(&id).map(Vec::as_slice).unwrap_or_default();
                let facts = TargetFacts {
                    id,
                    applied_on,
                    confirmed_on,
                    exited_on,
                    exit_reason: reason.as_deref().and_then(ExitReason::parse),
                    decide_by: decide_by(applied_on, policy, &rules.calendar),
                    found_work_on: found_work_on(
                        applied_on,
                        exited_on,
                        worked,
                        employed.get(&person_id).copied(),
                    ),
                    stay_months: policy.exit_stable_employment_months,
                    card_issued_on: cards.get(&id).copied(),
                };
                (code, facts)
            },
        )
        .collect())
}

async fn plan_items<C: ConnectionTrait>(
    conn: &C,
    range: Option<&(String, String)>,
    w: Window,
) -> Result<Tagged<DueRecord>, AppError> {
    let rows: Vec<(i64, String, NaiveDate, Option<NaiveDate>)> = plan_item::Entity::find()
        .select_only()
        .columns([
            plan_item::Column::Id,
            plan_item::Column::CommunityCode,
            plan_item::Column::DueOn,
            plan_item::Column::DoneOn,
        ])
        .filter(within(plan_item::Column::CommunityCode, range))
        .filter(plan_item::Column::DueOn.between(w.from, w.to))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, code, due, done)| {
            let record = DueRecord {
                id,
                deadline: Deadline { due, done },
            };
            (code, record)
        })
        .collect())
}

/// The first day from which something started `LONGEST_MONTHS` before the window can still
/// fall due in it.
fn horizon(w: Window) -> NaiveDate {
    w.from
        .checked_sub_months(Months::new(LONGEST_MONTHS))
        .unwrap_or(NaiveDate::MIN)
}

async fn zero_cases<C: ConnectionTrait>(
    conn: &C,
    range: Option<&(String, String)>,
    w: Window,
    versions: &policies::Versions,
) -> Result<Tagged<DueRecord>, AppError> {
    let rows: Vec<(i64, String, NaiveDate, Option<NaiveDate>, String)> = zero_case::Entity::find()
        .select_only()
        .columns([
            zero_case::Column::Id,
            zero_case::Column::CommunityCode,
            zero_case::Column::IdentifiedOn,
            zero_case::Column::ClearedOn,
            zero_case::Column::PolicyVersion,
        ])
        .filter(within(zero_case::Column::CommunityCode, range))
        .filter(zero_case::Column::IdentifiedOn.between(horizon(w), w.to))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, code, identified_on, cleared_on, version)| {
            let case = ZeroCase {
                identified_on,
                assisted_on: None,
                cleared_on,
                stable_on: None,
            };
            let record = DueRecord {
                id,
                deadline: Deadline {
                    due: case.clear_by(versions.get(&version)),
                    done: cleared_on,
                },
            };
            (code, record)
        })
        .collect())
}

async fn visits<C: ConnectionTrait>(
    conn: &C,
    range: Option<&(String, String)>,
    w: Window,
    timeline: &Timeline<AssistancePolicy>,
) -> Result<Tagged<DueRecord>, AppError> {
    let homes = within(household::Column::CommunityCode, range);
    let households: Vec<(i64, String, chrono::DateTime<chrono::Utc>)> = household::Entity::find()
        .select_only()
        .columns([
            household::Column::Id,
            household::Column::CommunityCode,
            household::Column::CreatedAt,
        ])
        .filter(homes.clone())
        .into_tuple()
        .all(conn)
        .await?;
    let in_area = Query::select()
        .column(household::Column::Id)
        .from(household::Entity)
        .cond_where(homes)
        .to_owned();
    let since = horizon(w);
    let mut by_household: HashMap<i64, Vec<NaiveDate>> = HashMap::new();
    let dated: Vec<(i64, NaiveDate)> = visit::Entity::find()
        .select_only()
        .columns([visit::Column::HouseholdId, visit::Column::VisitedOn])
        .filter(visit::Column::HouseholdId.in_subquery(in_area.clone()))
        .filter(visit::Column::VisitedOn.between(since, w.to))
        .into_tuple()
        .all(conn)
        .await?;
    for (id, on) in dated {
        by_household.entry(id).or_default().push(on);
    }
    // Households visited before the horizon started their chain then, not on the day they were
    // recorded: one visit the day before it stands for those visits (a link starting then
    // falls due before the window, whatever the policy's months).
    let earlier: Vec<i64> = visit::Entity::find()
        .select_only()
        .column(visit::Column::HouseholdId)
        .distinct()
        .filter(visit::Column::HouseholdId.in_subquery(in_area))
        .filter(visit::Column::VisitedOn.lt(since))
        .into_tuple()
        .all(conn)
        .await?;
    for id in earlier {
        by_household
            .entry(id)
            .or_default()
            .push(since.pred_opt().unwrap_or(since));
    }
    let mut out = Vec::new();
    for (id, community, created_at) in households {
        let recorded_on = date_of(created_at);
        if recorded_on > w.to {
            continue;
        }
        let seen = by_household.get(&id).map(Vec::as_slice).unwrap_or_default();
        // The first unreadable policy in force for a re-check fails the read (500).
        let unreadable = std::cell::Cell::new(false);
        let links = visit_deadlines(id, recorded_on, seen, |start| {
            match timeline.at(&community, start) {
                Ok(policy) => policy.recheck_months,
                Err(_) => {
                    unreadable.set(true);
                    0
                }
            }
        });
        if unreadable.get() {
            return Err(AppError::Internal);
        }
        out.extend(links.into_iter().map(|r| (community.clone(), r)));
    }
    Ok(out)
}
