//! What a community's indicators are computed from, read once: its people with every saved
//! version of their records (parsed once), its assistance files, its 零就业家庭 cases, its
//! titles, the objections found true against its files, its platform and the assistance policy's
//! versions. [`CommunityRecords::judge`] then computes the indicators of any day without reading
//! the database again, so a file that judges thirteen days reads the ledger once (issue 18).

use chrono::{Months, NaiveDate};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DerivePartialModel, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::{HashMap, HashSet};

use crate::backend::clock;
use crate::backend::entity::{
    assistance_target as target, cert_application, cert_objection, certification, person, platform,
    record_version, zero_case,
};
use crate::backend::service::policy_store::Timeline;
use crate::backend::service::{areas, ledger, policies};
use crate::domain::area_code::AreaCode;
use crate::domain::cert_review::{HeldTitle, ObjectionOutcome, consecutive_years};
use crate::domain::certification::{CertStatus, Tier};
use crate::domain::indicators::{
    Behind, CertificationStandard, CommunityFacts, Evaluation, PersonFacts, evaluate, ledger_facts,
};
use crate::domain::ledger::{EmploymentStatus, LabourAbility, MemberFacts};
use crate::domain::policy::AssistancePolicy;
use crate::domain::zero_employment::ZeroCase;
use crate::model::AppError;

/// The assessment period of the indicators on `on`: the year up to `on` (this system's
/// default; DOMAIN.md §4 gives the rates, not their period).
pub(super) fn period_start(on: NaiveDate) -> NaiveDate {
    on.checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN)
}

/// A person as one saved version of their record had them.
#[derive(Clone, Copy)]
struct OnTheDay {
    status: EmploymentStatus,
    ability: LabourAbility,
    wants_work: bool,
    unemployed_since: Option<NaiveDate>,
}

/// One saved version of a person's record: the Beijing day it was saved, the state it records
/// (`None` when the snapshot cannot be read) and whether it records a 就业失业登记证.
struct Version {
    saved_on: NaiveDate,
    state: Option<OnTheDay>,
    registered: bool,
}

impl Version {
    fn parse(v: &record_version::Model) -> Self {
        let snapshot = serde_json::from_str::<serde_json::Value>(&v.snapshot).ok();
        let text = |k: &str| snapshot.as_ref()?.get(k)?.as_str();
        let state = (|| {
            Some(OnTheDay {
                status: EmploymentStatus::parse(text("status")?)?,
                ability: LabourAbility::parse(text("ability")?)?,
                wants_work: snapshot.as_ref()?.get("wants_work")?.as_bool()?,
                unemployed_since: text("unemployed_since")
                    .and_then(crate::domain::calendar::parse_ymd),
            })
        })();
        Version {
            saved_on: clock::date_of(v.changed_at),
            state,
            registered: text("status") == Some(EmploymentStatus::RegisteredUnemployed.as_str()),
        }
    }
}

/// A person of the community's ledger as the indicators read them.
pub(super) struct LedgerPerson {
    pub id: i64,
    pub name: String,
    pub household_id: i64,
    /// The present record; `None` when it cannot be read (the person is not counted)
    member: Option<MemberFacts>,
    unemployed_since: Option<NaiveDate>,
    holds_certificate: bool,
    /// Saved versions, oldest first; empty for a record written before versions were kept
    versions: Vec<Version>,
}

impl LedgerPerson {
    /// The person's facts at the end of `on` for the period from `start`: `None` for one not
    /// yet in the ledger that day (or whose record cannot be read). A versioned person is read
    /// from the last version saved by that day and counts as registered when any version in
    /// force during the period recorded a 就业失业登记证; one without versions is read from the
    /// present record and its present certificate.
    fn on(&self, start: NaiveDate, on: NaiveDate, difficult: bool) -> Option<PersonFacts> {
        let mut member = self.member?;
        let mut unemployed_since = self.unemployed_since;
        let registered = if self.versions.is_empty() {
            self.holds_certificate
        } else {
            // Only what had been saved by the end of `on`.
            let mine: Vec<&Version> = self.versions.iter().filter(|v| v.saved_on <= on).collect();
            let day = mine.last()?.state?;
            member.status = day.status;
            member.ability = day.ability;
            member.wants_work = day.wants_work;
            unemployed_since = day.unemployed_since;
            // The version in force when the period began, and every one saved during it.
            let before = mine.iter().rposition(|v| v.saved_on < start);
            mine.iter()
                .enumerate()
                .filter(|(k, v)| Some(*k) == before || v.saved_on >= start)
                .any(|(_, v)| v.registered)
        };
        Some(PersonFacts {
            id: self.id,
            member,
            registered,
            unemployed_since,
            difficult,
        })
    }
}

/// The columns of a person row the indicators read (not the sealed ID number and phone, the
/// name key, the needs): a narrower read of a community of thousands.
#[derive(DerivePartialModel)]
#[sea_orm(entity = "person::Entity")]
struct PersonRow {
    id: i64,
    household_id: i64,
    name: String,
    birth_date: NaiveDate,
    sex: String,
    ability: String,
    wants_work: bool,
    status: String,
    unemployment_cert_no: Option<String>,
    unemployed_since: Option<NaiveDate>,
}

/// An assistance file as the 就业困难人员 count reads it.
struct AssistanceFile {
    person_id: i64,
    /// `None` for a file not yet confirmed (not counted)
    confirmed_on: Option<NaiveDate>,
    exited_on: Option<NaiveDate>,
}

/// The indicators of one day, before the names behind them are looked up.
pub(super) struct Judged {
    pub facts: CommunityFacts,
    pub evaluation: Evaluation,
    pub behind: Behind,
}

/// Everything a community's indicators read, loaded by [`CommunityRecords::load`].
pub(super) struct CommunityRecords {
    pub area: AreaCode,
    pub name: String,
    pub people: Vec<LedgerPerson>,
    files: Vec<AssistanceFile>,
    cases: Vec<(i64, ZeroCase)>,
    held: Vec<HeldTitle>,
    /// The days objections against the community's files were found true
    complaints: Vec<NaiveDate>,
    six_in_place: Option<bool>,
    policies: Timeline<AssistancePolicy>,
}

impl CommunityRecords {
    /// Reads the community `area` once: nine queries plus one per 500 people for their record
    /// versions, whatever the number of days judged afterwards. Errors: `NotFound` for an area
    /// not in the register; database errors.
    pub async fn load<C: ConnectionTrait>(conn: &C, area: &AreaCode) -> Result<Self, AppError> {
        let code = area.as_str();
        let name = areas::names(conn, &[code.to_string()])
            .await?
            .remove(code)
            .ok_or(AppError::NotFound)?;
        let rows = person::Entity::find()
            .filter(person::Column::CommunityCode.eq(code))
            .order_by_asc(person::Column::Id)
            .into_partial_model::<PersonRow>()
            .all(conn)
            .await?;
        let mut versions: HashMap<i64, Vec<Version>> = HashMap::new();
        let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
        for chunk in ids.chunks(500) {
            for v in record_version::Entity::find()
                .filter(record_version::Column::Entity.eq(ledger::people::ENTITY))
                .filter(record_version::Column::EntityId.is_in(chunk.to_vec()))
                .order_by_asc(record_version::Column::EntityId)
                .order_by_asc(record_version::Column::Version)
                .all(conn)
                .await?
            {
                versions
                    .entry(v.entity_id)
                    .or_default()
                    .push(Version::parse(&v));
            }
        }
        let people = rows
            .into_iter()
            .map(|p| LedgerPerson {
                id: p.id,
                member: ledger::member_facts_of(
                    p.birth_date,
                    &p.sex,
                    &p.ability,
                    p.wants_work,
                    &p.status,
                )
                .ok(),
                unemployed_since: p.unemployed_since,
                holds_certificate: p.unemployment_cert_no.is_some(),
                versions: versions.remove(&p.id).unwrap_or_default(),
                name: p.name,
                household_id: p.household_id,
            })
            .collect();
        let files = target::Entity::find()
            .filter(target::Column::CommunityCode.eq(code))
            .all(conn)
            .await?
            .into_iter()
            .map(|t| AssistanceFile {
                person_id: t.person_id,
                confirmed_on: t.confirmed_on,
                exited_on: t.exited_on,
            })
            .collect();
        let cases = zero_case::Entity::find()
            .filter(zero_case::Column::CommunityCode.eq(code))
            .all(conn)
            .await?
            .into_iter()
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
        let held = certification::Entity::find()
            .filter(certification::Column::CommunityCode.eq(code))
            .all(conn)
            .await?
            .iter()
            .filter_map(held_title)
            .collect();
        let complaints = substantiated_complaints(conn, code).await?;
        let six_in_place = platform::Entity::find_by_id(code.to_string())
            .one(conn)
            .await?
            .map(|p| p.complete());
        Ok(CommunityRecords {
            area: *area,
            name,
            people,
            files,
            cases,
            held,
            complaints,
            six_in_place,
            policies: policies::timeline(conn).await?,
        })
    }

    /// The indicators on `on` against `standard`, from the records as they stood at the end of
    /// that day (a month end judges that day's records, not today's; one recorded later is not
    /// counted). Pure: no database read. Errors: the assistance policy in force there on `on`
    /// is stored unreadable, 500.
    pub fn judge(
        &self,
        on: NaiveDate,
        standard: &CertificationStandard,
    ) -> Result<Judged, AppError> {
        let start = period_start(on);
        let policy = self.policies.at(self.area.as_str(), on)?;
        // 就业困难人员: files confirmed by `on` and not ended before the period.
        let difficult: HashSet<i64> = self
            .files
            .iter()
            .filter(|f| {
                f.confirmed_on.is_some_and(|c| c <= on) && f.exited_on.is_none_or(|d| d >= start)
            })
            .map(|f| f.person_id)
            .collect();
        let people: Vec<PersonFacts> = self
            .people
            .iter()
            .filter_map(|p| p.on(start, on, difficult.contains(&p.id)))
            .collect();
        let cases: Vec<(i64, ZeroCase)> = self
            .cases
            .iter()
            .filter(|(_, c)| {
                c.identified_on <= on
                    && (c.identified_on >= start || c.cleared_on.is_none_or(|d| d >= start))
            })
            .cloned()
            .collect();
        let (mut facts, behind) = ledger_facts(&people, &cases, on, standard, policy);
        // The registers beside the ledger: the titles, objections found true, the platform.
        facts.is_star = self.held.iter().any(|t| {
            t.tier == Tier::ProvincialStar
                && t.issued_on <= on
                && t.revoked_on.is_none_or(|r| r > on)
        });
        facts.consecutive_years = consecutive_years(&self.held, on);
        facts.substantiated_complaints = self.complaints_within(on, standard.complaint_free_years);
        facts.six_in_place = self.six_in_place;
        let evaluation = evaluate(standard, &facts);
        Ok(Judged {
            facts,
            evaluation,
            behind,
        })
    }

    /// Objections found true in the `years` up to `on` (none counted when `years` is 0).
    fn complaints_within(&self, on: NaiveDate, years: u32) -> u64 {
        if years == 0 {
            return 0;
        }
        let since = on
            .checked_sub_months(Months::new(years * 12))
            .unwrap_or(NaiveDate::MIN);
        self.complaints
            .iter()
            .filter(|d| **d > since && **d <= on)
            .count() as u64
    }
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

/// The days objections against a community's certification files were found true: the
/// "substantiated public complaints" of the default standard (DOMAIN.md §4).
async fn substantiated_complaints<C: ConnectionTrait>(
    conn: &C,
    community: &str,
) -> Result<Vec<NaiveDate>, AppError> {
    let files: Vec<i64> = cert_application::Entity::find()
        .filter(cert_application::Column::CommunityCode.eq(community))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    if files.is_empty() {
        return Ok(Vec::new());
    }
    Ok(cert_objection::Entity::find()
        .filter(cert_objection::Column::ApplicationId.is_in(files))
        .filter(cert_objection::Column::Outcome.eq(ObjectionOutcome::Substantiated.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|o| o.decided_on)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::id_card::Sex;
    use chrono::{DateTime, Utc};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    /// A saved version at the UTC instant `at` recording `status`.
    fn saved(at: &str, status: &str, since: Option<&str>) -> Version {
        let snapshot = serde_json::json!({
            "status": status,
            "ability": "full",
            "wants_work": true,
            "unemployed_since": since,
        });
        Version::parse(&record_version::Model {
            id: 1,
            entity: "person".into(),
            entity_id: 7,
            version: 1,
            changed_at: at.parse::<DateTime<Utc>>().expect("test instant"),
            changed_by: "t".into(),
            changes: "[]".into(),
            snapshot: snapshot.to_string(),
        })
    }

    fn person(versions: Vec<Version>, holds_certificate: bool) -> LedgerPerson {
        LedgerPerson {
            id: 7,
            name: "张三".into(),
            household_id: 1,
            member: Some(MemberFacts {
                birth_date: day("1980-01-01"),
                sex: Sex::Male,
                ability: LabourAbility::Full,
                wants_work: true,
                status: EmploymentStatus::EmployedFormal,
            }),
            unemployed_since: None,
            holds_certificate,
            versions,
        }
    }

    #[test]
    fn a_version_counts_from_the_beijing_day_it_was_saved() {
        // 2026-05-31 16:30 UTC is 2026-06-01 00:30 in Beijing: not yet saved at the end of
        // 05-31, saved by the end of 06-01.
        let p = person(
            vec![saved("2026-05-31T16:30:00Z", "unemployed", None)],
            false,
        );
        let may = day("2026-05-31");
        assert!(p.on(period_start(may), may, false).is_none());
        let june = day("2026-06-01");
        let facts = p
            .on(period_start(june), june, false)
            .expect("in the ledger");
        assert_eq!(facts.member.status, EmploymentStatus::Unemployed);
        // 15:59 UTC is still 05-31 in Beijing.
        let p = person(
            vec![saved("2026-05-31T15:59:00Z", "unemployed", None)],
            false,
        );
        assert!(p.on(period_start(may), may, false).is_some());
    }

    #[test]
    fn registration_in_force_during_the_period_counts_though_it_has_ended() {
        let p = person(
            vec![
                saved(
                    "2025-01-10T02:00:00Z",
                    "registered_unemployed",
                    Some("2025-01-01"),
                ),
                saved("2025-08-01T02:00:00Z", "employed_formal", None),
            ],
            false,
        );
        // The period from 2025-05-31: the registration was in force when it began.
        let on = day("2026-05-31");
        let f = p.on(period_start(on), on, true).expect("in the ledger");
        assert!(f.registered);
        assert!(f.difficult);
        assert_eq!(f.member.status, EmploymentStatus::EmployedFormal);
        assert_eq!(f.unemployed_since, None);
        // The period from 2025-09-30 began after the registration ended.
        let on = day("2026-09-30");
        assert!(
            !p.on(period_start(on), on, false)
                .expect("in the ledger")
                .registered
        );
        // Before the second version, the first one is the person's state.
        let on = day("2025-03-31");
        let f = p.on(period_start(on), on, false).expect("in the ledger");
        assert_eq!(f.member.status, EmploymentStatus::RegisteredUnemployed);
        assert_eq!(f.unemployed_since, Some(day("2025-01-01")));
    }

    #[test]
    fn a_record_without_versions_is_read_as_it_is_now() {
        let on = day("2020-01-31");
        let f = person(Vec::new(), true)
            .on(period_start(on), on, false)
            .expect("present record");
        assert!(f.registered);
        assert_eq!(f.member.status, EmploymentStatus::EmployedFormal);
        let f = person(Vec::new(), false)
            .on(period_start(on), on, false)
            .expect("present record");
        assert!(!f.registered);
    }

    #[test]
    fn an_unreadable_version_leaves_the_person_out_of_that_day() {
        let mut broken = saved("2026-01-05T02:00:00Z", "unemployed", None);
        broken.state = None;
        let p = person(
            vec![saved("2025-12-01T02:00:00Z", "unemployed", None), broken],
            false,
        );
        let dec = day("2025-12-31");
        assert!(p.on(period_start(dec), dec, false).is_some());
        let jan = day("2026-01-31");
        assert!(p.on(period_start(jan), jan, false).is_none());
    }
}
