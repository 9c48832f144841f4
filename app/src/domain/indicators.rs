//! 充分就业社区 standards and their quantitative indicators, as pure functions. A standard is
//! versioned data (a tier, an issuing area, a version and its thresholds); the facts of a
//! community on a day are computed from the ledgers elsewhere and judged here, veto items first.
//! DOMAIN.md §4 gives the defaults (the national fourth-batch criteria, 2016).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::certification::Tier;
use super::ledger::MemberFacts;
use super::policy::AssistancePolicy;
use super::zero_employment::ZeroCase;

/// The thresholds of one standard version. Rates are per mille (950 = 95 %), so that they stay
/// exact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CertificationStandard {
    pub tier: Tier,
    /// `000000000000` for the ministry's (national), else the issuing province's code
    pub issuer_area: String,
    pub version: String,
    /// Employment rate of 有劳动能力和就业愿望者, ‰
    pub min_rate_able_willing: u32,
    /// Employment rate of 登记失业人员, ‰
    pub min_rate_registered: u32,
    /// Employment rate of 就业困难人员, ‰
    pub min_rate_difficult: u32,
    /// Nobody unemployed longer than this many months
    pub max_unemployment_months: u32,
    /// Share of the unemployed with 就业失业登记, ‰ (1000 = all)
    pub min_registration_rate: u32,
    /// Every 零就业家庭 cleared within this many months (veto item)
    pub zero_household_clear_months: u32,
    /// No substantiated public complaint for this many consecutive years
    pub complaint_free_years: u32,
    /// Platform 「六到位」 complete
    pub require_six_in_place: bool,
    /// National: already a provincial star community
    pub require_star: bool,
    /// National: meeting the provincial standard this many consecutive years (0 = not asked)
    pub min_consecutive_years: u32,
    /// Working days each review step (street, county, city, the decision after 公示) may take
    pub review_days: u32,
    /// Working days of each 公示 (at least five)
    pub notice_days: u32,
    /// Years between re-inspections (复查)
    pub reinspection_years: u32,
    /// Qualitative items the city reviewers score, with evidence
    pub qualitative: Vec<QualitativeItem>,
    /// The lowest total of the qualitative scores that passes
    pub min_qualitative_score: u32,
}

/// A qualitative indicator (service quality, innovation, example value), scored by reviewers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QualitativeItem {
    pub code: String,
    pub name: String,
    pub max: u32,
}

/// A reviewer's score of one qualitative item, with the evidence it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QualitativeScore {
    pub code: String,
    pub score: u32,
    pub evidence: String,
}

/// Why qualitative scores cannot be taken.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("item {0} is not scored")]
    Missing(String),
    #[error("item {0} is not in the standard")]
    Unknown(String),
    #[error("item {0} is scored above its maximum")]
    TooHigh(String),
    #[error("item {0} has no evidence")]
    NoEvidence(String),
    #[error("item {0} is scored twice")]
    Twice(String),
}

impl ScoreError {
    /// The message key of this error.
    pub fn key(&self) -> &'static str {
        match self {
            ScoreError::Missing(_) => "qualitative.missing",
            ScoreError::Unknown(_) => "qualitative.unknown",
            ScoreError::TooHigh(_) => "qualitative.too_high",
            ScoreError::NoEvidence(_) => "qualitative.no_evidence",
            ScoreError::Twice(_) => "qualitative.twice",
        }
    }
}

/// Checks the scores against the standard's items (each scored once, within its maximum, with
/// evidence) and returns the total and whether it reaches the pass mark.
pub fn score_qualitative(
    standard: &CertificationStandard,
    scores: &[QualitativeScore],
) -> Result<(u32, bool), ScoreError> {
    for (n, s) in scores.iter().enumerate() {
        if !standard.qualitative.iter().any(|i| i.code == s.code) {
            return Err(ScoreError::Unknown(s.code.clone()));
        }
        if scores[..n].iter().any(|earlier| earlier.code == s.code) {
            return Err(ScoreError::Twice(s.code.clone()));
        }
    }
    let mut total = 0;
    for item in &standard.qualitative {
        let s = scores
            .iter()
            .find(|s| s.code == item.code)
            .ok_or_else(|| ScoreError::Missing(item.code.clone()))?;
        if s.score > item.max {
            return Err(ScoreError::TooHigh(item.code.clone()));
        }
        if s.evidence.trim().is_empty() {
            return Err(ScoreError::NoEvidence(item.code.clone()));
        }
        total += s.score;
    }
    Ok((total, total >= standard.min_qualitative_score))
}

impl CertificationStandard {
    /// DOMAIN.md's default for a tier; `issuer_area` is the province (or the ministry's code).
    pub fn default_for(tier: Tier, issuer_area: &str) -> Self {
        let national = tier == Tier::NationalDemonstration;
        CertificationStandard {
            tier,
            issuer_area: issuer_area.to_string(),
            version: "default-2016".to_string(),
            min_rate_able_willing: 950,
            min_rate_registered: 950,
            min_rate_difficult: 950,
            max_unemployment_months: 6,
            min_registration_rate: 1000,
            zero_household_clear_months: 1,
            complaint_free_years: 3,
            require_six_in_place: true,
            require_star: national,
            min_consecutive_years: if national { 3 } else { 0 },
            review_days: 15,
            notice_days: 5,
            reinspection_years: 2,
            qualitative: vec![
                QualitativeItem {
                    code: "service_quality".into(),
                    name: "服务质量".into(),
                    max: 40,
                },
                QualitativeItem {
                    code: "innovation".into(),
                    name: "工作创新".into(),
                    max: 30,
                },
                QualitativeItem {
                    code: "example".into(),
                    name: "示范带动".into(),
                    max: 30,
                },
            ],
            min_qualitative_score: 60,
        }
    }

    /// The problems of a version about to be published, as (field, message key) pairs: rates
    /// are per mille up to 1000, a notice lasts at least five working days, limits are sane,
    /// qualitative items are named once each and the pass mark is reachable.
    pub fn problems(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        let version = self.version.trim();
        if version.is_empty() || version.chars().count() > 40 {
            out.push(("version", "standard.version"));
        }
        for (field, v) in [
            ("min_rate_able_willing", self.min_rate_able_willing),
            ("min_rate_registered", self.min_rate_registered),
            ("min_rate_difficult", self.min_rate_difficult),
            ("min_registration_rate", self.min_registration_rate),
        ] {
            if !(500..=1000).contains(&v) {
                out.push((field, "standard.rate"));
            }
        }
        if !(1..=24).contains(&self.max_unemployment_months) {
            out.push(("max_unemployment_months", "standard.months"));
        }
        if !(1..=12).contains(&self.zero_household_clear_months) {
            out.push(("zero_household_clear_months", "standard.months"));
        }
        if self.complaint_free_years > 10 || self.min_consecutive_years > 10 {
            out.push(("complaint_free_years", "standard.years"));
        }
        if !(1..=60).contains(&self.review_days) {
            out.push(("review_days", "standard.review_days"));
        }
        if !(super::notice::MIN_NOTICE_DAYS..=30).contains(&self.notice_days) {
            out.push(("notice_days", "standard.notice_days"));
        }
        if !(1..=5).contains(&self.reinspection_years) {
            out.push(("reinspection_years", "standard.reinspection_years"));
        }
        let mut codes: Vec<&str> = self.qualitative.iter().map(|i| i.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        if codes.len() != self.qualitative.len()
            || self.qualitative.iter().any(|i| {
                i.code.trim().is_empty() || i.name.trim().is_empty() || i.max == 0 || i.max > 100
            })
        {
            out.push(("qualitative", "standard.qualitative"));
        }
        let reachable: u32 = self.qualitative.iter().map(|i| i.max).sum();
        if self.min_qualitative_score > reachable {
            out.push(("min_qualitative_score", "standard.pass_mark"));
        }
        out
    }
}

/// A count out of a population (people employed out of those who could be).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Share {
    pub part: u64,
    pub whole: u64,
}

impl Share {
    /// The share in per mille, rounded down; an empty population counts as fully met.
    pub fn per_mille(self) -> u32 {
        (self.part.min(self.whole) * 1000)
            .checked_div(self.whole)
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(1000)
    }

    /// The share in per mille rounded half up, as it is shown (the rules compare with
    /// [`Share::per_mille`], rounded down); `None` for an empty population.
    pub fn shown_per_mille(self) -> Option<u64> {
        let part = self.part.min(self.whole);
        (part * 2000 + self.whole).checked_div(2 * self.whole)
    }

    /// As a percentage with one decimal (`51.9%`, 82 of 158), or `—` for an empty population.
    pub fn percent(self) -> String {
        match self.shown_per_mille() {
            Some(pm) => format!("{}.{}%", pm / 10, pm % 10),
            None => "—".into(),
        }
    }

    /// As tables show it: `82/158 (51.9%)`, or `—` for an empty population.
    pub fn text(self) -> String {
        if self.whole == 0 {
            "—".into()
        } else {
            format!("{}/{} ({})", self.part, self.whole, self.percent())
        }
    }
}

/// What the ledgers (and the other registers) say about one community on one day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommunityFacts {
    /// Employed among 有劳动能力和就业愿望者 of working age
    pub able_willing: Share,
    /// Employed among people registered unemployed (with a 就业失业登记证) in the period
    pub registered: Share,
    /// Employed among 就业困难人员 (confirmed assistance files) in the period
    pub difficult: Share,
    /// Unemployed people (wanting work) out of work longer than the standard allows
    pub long_unemployed: u64,
    /// Registered among the unemployed wanting work
    pub registration: Share,
    /// 零就业家庭 not cleared within their time limit (open past it, or cleared late)
    pub zero_households_late: u64,
    /// Substantiated complaints in the complaint-free window
    pub substantiated_complaints: u64,
    /// 「六到位」 complete; `None` when the platform registry has no record
    pub six_in_place: Option<bool>,
    /// Holds a valid provincial star title
    pub is_star: bool,
    /// Consecutive years (up to now) meeting the provincial standard
    pub consecutive_years: u32,
}

/// The indicators, in the order they are judged (veto items first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// 零就业家庭 cleared in time (一票否决)
    ZeroHouseholdsCleared,
    RateAbleWilling,
    RateRegistered,
    RateDifficult,
    NoLongUnemployment,
    FullRegistration,
    NoComplaints,
    SixInPlace,
    StarStatus,
    ConsecutiveYears,
}

impl Indicator {
    pub fn as_str(self) -> &'static str {
        match self {
            Indicator::ZeroHouseholdsCleared => "zero_households_cleared",
            Indicator::RateAbleWilling => "rate_able_willing",
            Indicator::RateRegistered => "rate_registered",
            Indicator::RateDifficult => "rate_difficult",
            Indicator::NoLongUnemployment => "no_long_unemployment",
            Indicator::FullRegistration => "full_registration",
            Indicator::NoComplaints => "no_complaints",
            Indicator::SixInPlace => "six_in_place",
            Indicator::StarStatus => "star_status",
            Indicator::ConsecutiveYears => "consecutive_years",
        }
    }

    /// A veto item fails the whole file by itself, whatever else passes.
    pub fn is_veto(self) -> bool {
        matches!(self, Indicator::ZeroHouseholdsCleared)
    }
}

/// One indicator judged: the value found, the threshold, pass or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IndicatorResult {
    pub indicator: Indicator,
    /// The value as found (a rate in ‰, or a count, or 1/0 for yes/no)
    pub value: u64,
    /// The threshold it is judged against (same unit)
    pub threshold: u64,
    pub pass: bool,
    pub veto: bool,
}

/// A community judged against a standard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Evaluation {
    pub standard_version: String,
    pub results: Vec<IndicatorResult>,
    /// A veto item failed
    pub vetoed: bool,
    pub pass: bool,
}

/// Judges `facts` against `standard`: every quantitative indicator the standard asks for, veto
/// items first; the file passes when all do.
pub fn evaluate(standard: &CertificationStandard, facts: &CommunityFacts) -> Evaluation {
    let mut results = Vec::new();
    let mut push = |indicator: Indicator, value: u64, threshold: u64, pass: bool| {
        results.push(IndicatorResult {
            indicator,
            value,
            threshold,
            pass,
            veto: indicator.is_veto(),
        });
    };
    push(
        Indicator::ZeroHouseholdsCleared,
        facts.zero_households_late,
        0,
        facts.zero_households_late == 0,
    );
    let rate = |s: Share, min: u32| {
        (
            u64::from(s.per_mille()),
            u64::from(min),
            s.per_mille() >= min,
        )
    };
    let (v, t, p) = rate(facts.able_willing, standard.min_rate_able_willing);
    push(Indicator::RateAbleWilling, v, t, p);
    let (v, t, p) = rate(facts.registered, standard.min_rate_registered);
    push(Indicator::RateRegistered, v, t, p);
    let (v, t, p) = rate(facts.difficult, standard.min_rate_difficult);
    push(Indicator::RateDifficult, v, t, p);
    push(
        Indicator::NoLongUnemployment,
        facts.long_unemployed,
        0,
        facts.long_unemployed == 0,
    );
    let (v, t, p) = rate(facts.registration, standard.min_registration_rate);
    push(Indicator::FullRegistration, v, t, p);
    if standard.complaint_free_years > 0 {
        push(
            Indicator::NoComplaints,
            facts.substantiated_complaints,
            0,
            facts.substantiated_complaints == 0,
        );
    }
    if standard.require_six_in_place {
        let ok = facts.six_in_place == Some(true);
        push(Indicator::SixInPlace, u64::from(ok), 1, ok);
    }
    if standard.require_star {
        push(
            Indicator::StarStatus,
            u64::from(facts.is_star),
            1,
            facts.is_star,
        );
    }
    if standard.min_consecutive_years > 0 {
        push(
            Indicator::ConsecutiveYears,
            u64::from(facts.consecutive_years),
            u64::from(standard.min_consecutive_years),
            facts.consecutive_years >= standard.min_consecutive_years,
        );
    }
    let vetoed = results.iter().any(|r| r.veto && !r.pass);
    let pass = results.iter().all(|r| r.pass);
    Evaluation {
        standard_version: standard.version.clone(),
        results,
        vetoed,
        pass,
    }
}

/// One ledger person as the indicators read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersonFacts {
    pub id: i64,
    pub member: MemberFacts,
    /// Holds a 就业失业登记证 (registered unemployed, now or earlier in the period)
    pub registered: bool,
    pub unemployed_since: Option<NaiveDate>,
    /// A 就业困难人员: an assistance file confirmed and not exited before the period
    pub difficult: bool,
}

/// The people and households behind each failing number (drill-down).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Behind {
    /// Able and willing, of working age, not employed
    pub able_willing_not_employed: Vec<i64>,
    /// Registered unemployed, not employed
    pub registered_not_employed: Vec<i64>,
    /// 就业困难人员 not employed
    pub difficult_not_employed: Vec<i64>,
    /// Out of work longer than the standard allows
    pub long_unemployed: Vec<i64>,
    /// Unemployed and wanting work, without 就业失业登记
    pub unregistered: Vec<i64>,
    /// Households whose 零就业家庭 case missed its time limit
    pub late_zero_households: Vec<i64>,
}

/// Computes a community's quantitative facts on `on` from its ledger people and its 零就业家庭
/// cases (household id and case), with the people and households behind each number. The
/// registers not read here (complaints, platform, titles) are left for the caller to fill.
pub fn ledger_facts(
    people: &[PersonFacts],
    cases: &[(i64, ZeroCase)],
    on: NaiveDate,
    standard: &CertificationStandard,
    policy: &AssistancePolicy,
) -> (CommunityFacts, Behind) {
    let mut facts = CommunityFacts::default();
    let mut behind = Behind::default();
    let long_since = on
        .checked_sub_months(Months::new(standard.max_unemployment_months))
        .unwrap_or(NaiveDate::MIN);
    for p in people {
        let m = &p.member;
        let employed = m.status.is_employed();
        let count = |share: &mut Share, list: &mut Vec<i64>| {
            share.whole += 1;
            if employed {
                share.part += 1;
            } else {
                list.push(p.id);
            }
        };
        if m.is_able_and_willing(on, policy) {
            count(
                &mut facts.able_willing,
                &mut behind.able_willing_not_employed,
            );
        }
        if p.registered {
            count(&mut facts.registered, &mut behind.registered_not_employed);
        }
        if p.difficult {
            count(&mut facts.difficult, &mut behind.difficult_not_employed);
        }
        if m.status.is_unemployed() && m.wants_work {
            facts.registration.whole += 1;
            if p.registered {
                facts.registration.part += 1;
            } else {
                behind.unregistered.push(p.id);
            }
            if p.unemployed_since.is_some_and(|since| since < long_since) {
                behind.long_unemployed.push(p.id);
            }
        }
    }
    facts.long_unemployed = behind.long_unemployed.len() as u64;
    for (household, case) in cases {
        let clear_by = case
            .identified_on
            .checked_add_months(Months::new(standard.zero_household_clear_months))
            .unwrap_or(NaiveDate::MAX);
        // Judged as on `on`: a clearing after that day had not happened yet.
        let late = match case.cleared_on.filter(|d| *d <= on) {
            Some(cleared) => cleared > clear_by,
            None => on > clear_by,
        };
        if late && !behind.late_zero_households.contains(household) {
            behind.late_zero_households.push(*household);
        }
    }
    facts.zero_households_late = behind.late_zero_households.len() as u64;
    (facts, behind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(part: u64, whole: u64) -> Share {
        Share { part, whole }
    }

    /// A community meeting DOMAIN.md's default standard exactly at its thresholds.
    fn meeting() -> CommunityFacts {
        CommunityFacts {
            able_willing: share(95, 100),
            registered: share(19, 20),
            difficult: share(38, 40),
            long_unemployed: 0,
            registration: share(12, 12),
            zero_households_late: 0,
            substantiated_complaints: 0,
            six_in_place: Some(true),
            is_star: false,
            consecutive_years: 1,
        }
    }

    fn result(e: &Evaluation, i: Indicator) -> &IndicatorResult {
        e.results
            .iter()
            .find(|r| r.indicator == i)
            .expect("indicator")
    }

    #[test]
    fn ninety_five_per_cent_passes_and_just_below_fails() {
        let s = CertificationStandard::default_for(Tier::Community, "440000000000");
        let e = evaluate(&s, &meeting());
        assert!(e.pass && !e.vetoed);
        assert_eq!(result(&e, Indicator::RateAbleWilling).value, 950);
        // 949 of 1000 able and willing employed: 94.9 % < 95 %.
        let f = CommunityFacts {
            able_willing: share(949, 1000),
            ..meeting()
        };
        let e = evaluate(&s, &f);
        assert!(!e.pass && !e.vetoed);
        assert!(!result(&e, Indicator::RateAbleWilling).pass);
        // Each of the three groups is judged on its own.
        for f in [
            CommunityFacts {
                registered: share(18, 20),
                ..meeting()
            },
            CommunityFacts {
                difficult: share(37, 40),
                ..meeting()
            },
        ] {
            assert!(!evaluate(&s, &f).pass);
        }
    }

    #[test]
    fn one_late_zero_employment_household_vetoes_everything() {
        let s = CertificationStandard::default_for(Tier::Community, "440000000000");
        let f = CommunityFacts {
            zero_households_late: 1,
            ..meeting()
        };
        let e = evaluate(&s, &f);
        assert!(e.vetoed && !e.pass);
        // The veto item is judged first, and only it fails.
        assert_eq!(e.results[0].indicator, Indicator::ZeroHouseholdsCleared);
        assert!(e.results[0].veto);
        assert_eq!(e.results.iter().filter(|r| !r.pass).count(), 1);
    }

    #[test]
    fn long_unemployment_registration_complaints_and_platform_each_fail_the_file() {
        let s = CertificationStandard::default_for(Tier::Community, "440000000000");
        for (f, failed) in [
            (
                CommunityFacts {
                    long_unemployed: 1,
                    ..meeting()
                },
                Indicator::NoLongUnemployment,
            ),
            (
                CommunityFacts {
                    registration: share(11, 12),
                    ..meeting()
                },
                Indicator::FullRegistration,
            ),
            (
                CommunityFacts {
                    substantiated_complaints: 1,
                    ..meeting()
                },
                Indicator::NoComplaints,
            ),
            (
                CommunityFacts {
                    six_in_place: Some(false),
                    ..meeting()
                },
                Indicator::SixInPlace,
            ),
            (
                CommunityFacts {
                    six_in_place: None,
                    ..meeting()
                },
                Indicator::SixInPlace,
            ),
        ] {
            let e = evaluate(&s, &f);
            assert!(!e.pass && !e.vetoed, "{failed:?}");
            assert!(!result(&e, failed).pass, "{failed:?}");
        }
    }

    #[test]
    fn national_demonstration_needs_star_status_and_three_years() {
        let s = CertificationStandard::default_for(Tier::NationalDemonstration, "000000000000");
        let e = evaluate(&s, &meeting());
        assert!(!result(&e, Indicator::StarStatus).pass);
        assert!(!result(&e, Indicator::ConsecutiveYears).pass);
        let f = CommunityFacts {
            is_star: true,
            consecutive_years: 3,
            ..meeting()
        };
        assert!(evaluate(&s, &f).pass);
        let f = CommunityFacts {
            is_star: true,
            consecutive_years: 2,
            ..meeting()
        };
        assert!(!evaluate(&s, &f).pass);
        // The provincial tiers do not ask for either.
        let star = CertificationStandard::default_for(Tier::ProvincialStar, "440000000000");
        let e = evaluate(&star, &meeting());
        assert!(
            e.results
                .iter()
                .all(|r| r.indicator != Indicator::StarStatus)
        );
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn person(id: i64, birth: &str, status: super::super::ledger::EmploymentStatus) -> PersonFacts {
        use super::super::id_card::Sex;
        use super::super::ledger::LabourAbility;
        PersonFacts {
            id,
            member: MemberFacts {
                birth_date: d(birth),
                sex: Sex::Male,
                ability: LabourAbility::Full,
                wants_work: true,
                status,
            },
            registered: false,
            unemployed_since: None,
            difficult: false,
        }
    }

    /// A hand-counted community on 2026-11-26: four able and willing men (three employed); one
    /// registered unemployed since 2026-03-01 (8 months: too long), one unregistered since
    /// 2026-10-01; a retired man outside the working age; a 零就业家庭 found 2026-09-01 and
    /// cleared 2026-10-15 (late), another found 2026-11-10 and open (within its month).
    #[test]
    fn ledger_facts_match_a_hand_count() {
        use super::super::ledger::EmploymentStatus as S;
        let on = d("2026-11-26");
        let mut people = vec![
            person(1, "1980-01-01", S::EmployedFormal),
            person(2, "1985-05-05", S::EmployedFlexible),
            person(3, "1990-03-03", S::RegisteredUnemployed),
            person(4, "1992-04-04", S::Unemployed),
            person(5, "1950-01-01", S::NotInLabourForce),
        ];
        people[2].registered = true;
        people[2].unemployed_since = Some(d("2026-03-01"));
        people[2].difficult = true;
        people[3].unemployed_since = Some(d("2026-10-01"));
        // The retired man is not able and willing by age; the first man was registered once
        // and found work.
        people[0].registered = true;
        let case = |found: &str, cleared: Option<&str>| ZeroCase {
            identified_on: d(found),
            assisted_on: None,
            cleared_on: cleared.map(d),
            stable_on: None,
        };
        let cases = vec![
            (70, case("2026-09-01", Some("2026-10-15"))),
            (71, case("2026-11-10", None)),
        ];
        let standard = CertificationStandard::default_for(Tier::Community, "440000000000");
        let policy = AssistancePolicy::default();
        let (facts, behind) = ledger_facts(&people, &cases, on, &standard, &policy);
        assert_eq!(facts.able_willing, share(2, 4));
        assert_eq!(behind.able_willing_not_employed, vec![3, 4]);
        assert_eq!(facts.registered, share(1, 2));
        assert_eq!(facts.difficult, share(0, 1));
        assert_eq!(facts.registration, share(1, 2));
        assert_eq!(behind.unregistered, vec![4]);
        assert_eq!(
            (facts.long_unemployed, behind.long_unemployed.clone()),
            (1, vec![3])
        );
        assert_eq!(behind.late_zero_households, vec![70]);
        let e = evaluate(&standard, &facts);
        assert!(e.vetoed && !e.pass);
        // Without the late case the veto is lifted, the rates still fail.
        let (facts, _) = ledger_facts(&people, &cases[1..], on, &standard, &policy);
        let e = evaluate(&standard, &facts);
        assert!(!e.vetoed && !e.pass);
    }

    fn scores(values: [(&str, u32, &str); 3]) -> Vec<QualitativeScore> {
        values
            .into_iter()
            .map(|(code, score, evidence)| QualitativeScore {
                code: code.into(),
                score,
                evidence: evidence.into(),
            })
            .collect()
    }

    #[test]
    fn qualitative_scores_need_every_item_evidence_and_the_pass_mark() {
        let s = CertificationStandard::default_for(Tier::ProvincialStar, "440000000000");
        let ok = scores([
            ("service_quality", 30, "窗口服务记录"),
            ("innovation", 15, "线上登记"),
            ("example", 15, "经验交流材料"),
        ]);
        assert_eq!(score_qualitative(&s, &ok), Ok((60, true)));
        let low = scores([
            ("service_quality", 30, "a"),
            ("innovation", 15, "b"),
            ("example", 14, "c"),
        ]);
        assert_eq!(score_qualitative(&s, &low), Ok((59, false)));
        let over = scores([
            ("service_quality", 41, "a"),
            ("innovation", 15, "b"),
            ("example", 14, "c"),
        ]);
        assert_eq!(
            score_qualitative(&s, &over),
            Err(ScoreError::TooHigh("service_quality".into()))
        );
        let bare = scores([
            ("service_quality", 30, "a"),
            ("innovation", 15, " "),
            ("example", 14, "c"),
        ]);
        assert_eq!(
            score_qualitative(&s, &bare),
            Err(ScoreError::NoEvidence("innovation".into()))
        );
        assert_eq!(
            score_qualitative(&s, &ok[..2]),
            Err(ScoreError::Missing("example".into()))
        );
        // A second score for an item is refused, whatever it says.
        let mut twice = ok.clone();
        twice.push(QualitativeScore {
            code: "service_quality".into(),
            score: u32::MAX,
            evidence: String::new(),
        });
        assert_eq!(
            score_qualitative(&s, &twice),
            Err(ScoreError::Twice("service_quality".into()))
        );
        let mut stray = ok.clone();
        stray[2].code = "beauty".into();
        assert_eq!(
            score_qualitative(&s, &stray),
            Err(ScoreError::Unknown("beauty".into()))
        );
    }

    #[test]
    fn a_published_standard_must_keep_notices_five_days_and_sane_numbers() {
        let s = CertificationStandard::default_for(Tier::Community, "440000000000");
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        let bad = CertificationStandard {
            min_rate_registered: 1200,
            notice_days: 3,
            min_qualitative_score: 101,
            version: " ".into(),
            ..s.clone()
        };
        let fields: Vec<&str> = bad.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "version",
                "min_rate_registered",
                "notice_days",
                "min_qualitative_score"
            ]
        );
        let mut twice = s.clone();
        twice.qualitative[1].code = twice.qualitative[0].code.clone();
        assert_eq!(twice.problems(), [("qualitative", "standard.qualitative")]);
    }

    #[test]
    fn empty_populations_count_as_met_and_rates_round_down() {
        assert_eq!(share(0, 0).per_mille(), 1000);
        assert_eq!(share(2, 3).per_mille(), 666);
        assert_eq!(share(5, 3).per_mille(), 1000);
    }

    #[test]
    fn shares_are_shown_rounded_and_judged_rounded_down() {
        let s = Share {
            part: 82,
            whole: 158,
        };
        assert_eq!(s.per_mille(), 518, "the rules round down");
        assert_eq!(s.percent(), "51.9%");
        assert_eq!(s.text(), "82/158 (51.9%)");
        assert_eq!(Share { part: 1, whole: 3 }.percent(), "33.3%");
        assert_eq!(Share { part: 2, whole: 3 }.percent(), "66.7%");
        assert_eq!(
            Share {
                part: 1,
                whole: 2000
            }
            .percent(),
            "0.1%",
            "0.05% rounds up"
        );
        assert_eq!(Share { part: 0, whole: 0 }.text(), "—");
        assert_eq!(Share { part: 5, whole: 5 }.percent(), "100.0%");
    }
}
