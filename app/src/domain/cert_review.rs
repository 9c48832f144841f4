//! The certification review chain as pure rules: the steps and who takes each, where a
//! send-back returns a file, the 公示 window, quotas, the throttle on public objections, the
//! re-inspection cycle and the years a community has kept the provincial standard. DOMAIN.md §4.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::area_code::{AreaCode, AreaLevel};
use super::calendar::WorkCalendar;
use super::certification::Tier;
use super::notice::NoticeWindow;
use super::role::Role;

/// A step of the review chain. The community's own application comes before the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CertStep {
    /// 街道推荐
    Street,
    /// 县区初审
    County,
    /// 市级评审（材料审核与实地核查）
    City,
    /// 公示 ≥ 5 working days; afterwards the province decides (or nominates, for national)
    Notice,
    /// 第二次公示 of the national nominations; afterwards the ministry approves
    NationalNotice,
}

impl CertStep {
    pub const ALL: [CertStep; 5] = [
        CertStep::Street,
        CertStep::County,
        CertStep::City,
        CertStep::Notice,
        CertStep::NationalNotice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CertStep::Street => "street",
            CertStep::County => "county",
            CertStep::City => "city",
            CertStep::Notice => "notice",
            CertStep::NationalNotice => "national_notice",
        }
    }

    pub fn parse(s: &str) -> Option<CertStep> {
        CertStep::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The role that decides at this step, inside its own area.
    pub fn actor(self) -> Role {
        match self {
            CertStep::Street => Role::StreetOfficer,
            CertStep::County => Role::CountyOfficer,
            CertStep::City => Role::CityOfficer,
            CertStep::Notice => Role::ProvinceOfficer,
            CertStep::NationalNotice => Role::Ministry,
        }
    }

    /// The step a file goes to when this one approves it; `None` means the title is granted.
    pub fn next(self, tier: Tier) -> Option<CertStep> {
        match self {
            CertStep::Street => Some(CertStep::County),
            CertStep::County => Some(CertStep::City),
            CertStep::City => Some(CertStep::Notice),
            CertStep::Notice if tier == Tier::NationalDemonstration => {
                Some(CertStep::NationalNotice)
            }
            CertStep::Notice | CertStep::NationalNotice => None,
        }
    }

    /// Where a send-back returns the file: the step before, or (from the street) the community.
    pub fn previous(self) -> Option<CertStep> {
        match self {
            CertStep::Street => None,
            CertStep::County => Some(CertStep::Street),
            CertStep::City => Some(CertStep::County),
            CertStep::Notice => Some(CertStep::City),
            CertStep::NationalNotice => Some(CertStep::Notice),
        }
    }

    /// A 公示 step: the public can object until it ends, and nobody decides before.
    pub fn is_notice(self) -> bool {
        matches!(self, CertStep::Notice | CertStep::NationalNotice)
    }

    /// The level of the area whose quota a file uses up when this step approves it: the city
    /// sends its communities on, the province nominates its own.
    pub fn quota_level(self) -> Option<AreaLevel> {
        match self {
            CertStep::City => Some(AreaLevel::City),
            CertStep::Notice => Some(AreaLevel::Province),
            _ => None,
        }
    }

    /// The roles that investigate objections raised in this notice: the city and province for
    /// the provincial 公示, the province and ministry for the national one.
    pub fn investigators(self) -> &'static [Role] {
        match self {
            CertStep::NationalNotice => &[Role::ProvinceOfficer, Role::Ministry],
            _ => &[Role::CityOfficer, Role::ProvinceOfficer],
        }
    }
}

/// Where a file goes when the decider at its step approves it or sends it back (the review
/// chain of DOMAIN.md §4). The service performs it; the deadlines are working days on the
/// official calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// On to `step`, due `due`; a 公示 step opens its window first (`due` counts from its end).
    Next {
        step: CertStep,
        due: NaiveDate,
        notice: Option<NoticeWindow>,
    },
    /// The title is granted.
    Certify,
    /// Back to the step before, due `due`; when that step is a 公示 that has run, its window
    /// is cleared so the decider may act again at once.
    Back {
        step: CertStep,
        due: NaiveDate,
        clear_notice: bool,
    },
    /// Back to the community (sent back from the street).
    Returned,
}

/// The move of a file at `step` of `tier` decided on `on`: approved (`approve`) or sent back.
/// `review_days` is each step's time limit and `notice_days` the 公示 length (at least five),
/// both from the standard the file was filed under.
pub fn transition(
    step: CertStep,
    tier: Tier,
    approve: bool,
    on: NaiveDate,
    (review_days, notice_days): (u32, u32),
    cal: &WorkCalendar,
) -> Transition {
    if approve {
        match step.next(tier) {
            Some(next) if next.is_notice() => {
                let w = NoticeWindow::starting(on, notice_days, cal);
                Transition::Next {
                    step: next,
                    due: cal.add_working_days(w.until, review_days),
                    notice: Some(w),
                }
            }
            Some(next) => Transition::Next {
                step: next,
                due: cal.add_working_days(on, review_days),
                notice: None,
            },
            None => Transition::Certify,
        }
    } else {
        match step.previous() {
            Some(prev) => Transition::Back {
                step: prev,
                due: cal.add_working_days(on, review_days),
                clear_notice: prev.is_notice(),
            },
            None => Transition::Returned,
        }
    }
}

/// Why a decider may not act on a file today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Another role's step: the province cannot act for the city, nor the city early.
    NotYourStep,
    /// The 公示 runs until its last day.
    NoticeRunning,
    /// An objection raised in the 公示 awaits its investigation.
    ObjectionsOpen,
}

/// Whether `role` acts at `step`: each step is its own role's (the province cannot act for the
/// city, nor the city early). DOMAIN.md §2, the review chain.
pub fn may_act(step: CertStep, role: Role) -> Result<(), Refusal> {
    if step.actor() == role {
        Ok(())
    } else {
        Err(Refusal::NotYourStep)
    }
}

/// Whether a file at `step` may be decided on `on`: at the 公示 step only once the notice that
/// ends `notice_until` is over (its last day still belongs to the public) and none of its
/// `open_objections` is left uninvestigated.
pub fn may_close(
    step: CertStep,
    on: NaiveDate,
    notice_until: Option<NaiveDate>,
    open_objections: u64,
) -> Result<(), Refusal> {
    if step.is_notice() {
        if notice_until.is_some_and(|until| on <= until) {
            return Err(Refusal::NoticeRunning);
        }
        if open_objections > 0 {
            return Err(Refusal::ObjectionsOpen);
        }
    }
    Ok(())
}

/// Where an application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// At one of the steps
    InReview,
    /// Sent back to the community by the street: the community amends and resubmits
    Returned,
    /// The title was granted
    Certified,
    /// Stopped by a substantiated objection
    Stopped,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 4] = [
        ApplicationStatus::InReview,
        ApplicationStatus::Returned,
        ApplicationStatus::Certified,
        ApplicationStatus::Stopped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::InReview => "in_review",
            ApplicationStatus::Returned => "returned",
            ApplicationStatus::Certified => "certified",
            ApplicationStatus::Stopped => "stopped",
        }
    }

    pub fn parse(s: &str) -> Option<ApplicationStatus> {
        ApplicationStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The outcome of an objection's investigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObjectionOutcome {
    Pending,
    /// 查实: the file stops
    Substantiated,
    /// 不实
    Unfounded,
}

impl ObjectionOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectionOutcome::Pending => "pending",
            ObjectionOutcome::Substantiated => "substantiated",
            ObjectionOutcome::Unfounded => "unfounded",
        }
    }

    pub fn parse(s: &str) -> Option<ObjectionOutcome> {
        [
            ObjectionOutcome::Pending,
            ObjectionOutcome::Substantiated,
            ObjectionOutcome::Unfounded,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// Quotas of a round: how many files each area may send on (city) or nominate (province).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Quotas(pub BTreeMap<String, u32>);

impl Quotas {
    /// The quota that binds a community's file when `step` approves it, if the round sets one:
    /// the quota of the community's city (or province) at the step's level.
    pub fn binding(&self, step: CertStep, community: &AreaCode) -> Option<(String, u32)> {
        let level = step.quota_level()?;
        let area = community.ancestor(level)?;
        self.0
            .get(area.as_str())
            .map(|n| (area.as_str().to_string(), *n))
    }
}

/// Quotas typed one per line as `area code` and `number` (a space, a colon or a comma between);
/// blank lines are skipped. Returns the 1-based number of the first line that cannot be read.
pub fn parse_quota_lines(text: &str) -> Result<BTreeMap<String, u32>, usize> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line
            .split(|c: char| c.is_whitespace() || c == ':' || c == '：' || c == ',' || c == '，')
            .filter(|p| !p.is_empty());
        let (Some(code), Some(n), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(i + 1);
        };
        let n: u32 = n.parse().map_err(|_| i + 1)?;
        if !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(i + 1);
        }
        out.insert(format!("{code:0<12}"), n);
    }
    Ok(out)
}

/// Whether one more file fits a quota of which `used` are taken.
pub fn fits_quota(quota: u32, used: u64) -> bool {
    used < u64::from(quota)
}

/// When the next re-inspection falls after a title was granted or last inspected on `on`.
pub fn next_inspection(on: NaiveDate, years: u32) -> NaiveDate {
    on.checked_add_months(Months::new(years.max(1) * 12))
        .unwrap_or(NaiveDate::MAX)
}

/// A provincial title (充分就业社区 or star) as the national standard reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeldTitle {
    pub tier: Tier,
    pub issued_on: NaiveDate,
    pub revoked_on: Option<NaiveDate>,
}

impl HeldTitle {
    fn valid_on(&self, on: NaiveDate) -> bool {
        self.issued_on <= on && self.revoked_on.is_none_or(|r| r > on)
    }
}

/// Whole years up to `on` that a community has kept the provincial standard without a break:
/// from the earliest of its provincial titles whose validity runs unbroken up to `on`.
pub fn consecutive_years(titles: &[HeldTitle], on: NaiveDate) -> u32 {
    let mut provincial: Vec<&HeldTitle> = titles
        .iter()
        .filter(|t| t.tier != Tier::NationalDemonstration && t.issued_on <= on)
        .collect();
    if !provincial.iter().any(|t| t.valid_on(on)) {
        return 0;
    }
    // Walk back from today: a title counts while it was issued before the chain so far began
    // and stayed valid until then.
    provincial.sort_by_key(|t| std::cmp::Reverse(t.issued_on));
    let mut start = on;
    for t in provincial {
        if t.issued_on <= start && t.revoked_on.is_none_or(|r| r >= start) {
            start = start.min(t.issued_on);
        }
    }
    let mut years = 0;
    while start
        .checked_add_months(Months::new((years + 1) * 12))
        .is_some_and(|d| d <= on)
    {
        years += 1;
    }
    years
}

/// Whether a star community is a candidate for national demonstration on `on`.
pub fn national_candidate(titles: &[HeldTitle], on: NaiveDate, min_years: u32) -> bool {
    titles
        .iter()
        .any(|t| t.tier == Tier::ProvincialStar && t.valid_on(on))
        && titles
            .iter()
            .all(|t| t.tier != Tier::NationalDemonstration || !t.valid_on(on))
        && consecutive_years(titles, on) >= min_years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn the_chain_runs_street_to_province_and_on_to_the_ministry_for_national() {
        let mut step = CertStep::Street;
        let mut walked = vec![step];
        while let Some(n) = step.next(Tier::ProvincialStar) {
            walked.push(n);
            step = n;
        }
        assert_eq!(
            walked,
            [
                CertStep::Street,
                CertStep::County,
                CertStep::City,
                CertStep::Notice
            ]
        );
        assert_eq!(
            CertStep::Notice.next(Tier::NationalDemonstration),
            Some(CertStep::NationalNotice)
        );
        assert_eq!(
            CertStep::NationalNotice.next(Tier::NationalDemonstration),
            None
        );
        // Each send-back returns to the step before; the street's to the community.
        for s in CertStep::ALL {
            if let Some(p) = s.previous() {
                assert_eq!(p.next(Tier::NationalDemonstration), Some(s));
            }
        }
        assert_eq!(CertStep::Street.previous(), None);
        assert_eq!(CertStep::Notice.actor(), Role::ProvinceOfficer);
        assert_eq!(CertStep::NationalNotice.actor(), Role::Ministry);
    }

    #[test]
    fn a_step_moves_on_with_its_deadline_counted_by_hand() {
        let cal = WorkCalendar::new([]);
        let on = d("2026-11-26"); // a Thursday
        let limits = (10, 5);
        // Street → county, due ten working days after: 11-27, 11-30 … 12-10.
        assert_eq!(
            transition(CertStep::Street, Tier::Community, true, on, limits, &cal),
            Transition::Next {
                step: CertStep::County,
                due: d("2026-12-10"),
                notice: None
            }
        );
        // City → 公示 from that day to 12-03, the province due ten working days after it.
        assert_eq!(
            transition(CertStep::City, Tier::Community, true, on, limits, &cal),
            Transition::Next {
                step: CertStep::Notice,
                due: d("2026-12-17"),
                notice: Some(NoticeWindow {
                    from: d("2026-11-26"),
                    until: d("2026-12-03")
                })
            }
        );
        // After the provincial 公示: granted, or a second 公示 for national demonstration.
        assert_eq!(
            transition(
                CertStep::Notice,
                Tier::ProvincialStar,
                true,
                on,
                limits,
                &cal
            ),
            Transition::Certify
        );
        assert!(matches!(
            transition(
                CertStep::Notice,
                Tier::NationalDemonstration,
                true,
                on,
                limits,
                &cal
            ),
            Transition::Next {
                step: CertStep::NationalNotice,
                notice: Some(_),
                ..
            }
        ));
        assert_eq!(
            transition(
                CertStep::NationalNotice,
                Tier::NationalDemonstration,
                true,
                on,
                limits,
                &cal
            ),
            Transition::Certify
        );
    }

    #[test]
    fn a_send_back_goes_one_step_down_and_from_the_street_to_the_community() {
        let cal = WorkCalendar::new([]);
        let on = d("2026-11-26");
        assert_eq!(
            transition(CertStep::County, Tier::Community, false, on, (10, 5), &cal),
            Transition::Back {
                step: CertStep::Street,
                due: d("2026-12-10"),
                clear_notice: false
            }
        );
        assert_eq!(
            transition(
                CertStep::NationalNotice,
                Tier::NationalDemonstration,
                false,
                on,
                (10, 5),
                &cal
            ),
            Transition::Back {
                step: CertStep::Notice,
                due: d("2026-12-10"),
                clear_notice: true
            }
        );
        assert_eq!(
            transition(CertStep::Street, Tier::Community, false, on, (10, 5), &cal),
            Transition::Returned
        );
    }

    #[test]
    fn nobody_decides_another_step_nor_during_the_notice_nor_over_open_objections() {
        assert_eq!(
            may_act(CertStep::City, Role::ProvinceOfficer),
            Err(Refusal::NotYourStep)
        );
        assert_eq!(may_act(CertStep::City, Role::CityOfficer), Ok(()));
        assert_eq!(may_act(CertStep::Notice, Role::ProvinceOfficer), Ok(()));
        let until = Some(d("2026-12-03"));
        // (step, day, open objections, answer): the last day of the 公示 still belongs to the
        // public; other steps have no notice to wait for.
        let cases = [
            (
                CertStep::Notice,
                "2026-12-03",
                0,
                Err(Refusal::NoticeRunning),
            ),
            (
                CertStep::Notice,
                "2026-12-04",
                1,
                Err(Refusal::ObjectionsOpen),
            ),
            (CertStep::Notice, "2026-12-04", 0, Ok(())),
            (CertStep::City, "2026-12-03", 1, Ok(())),
        ];
        for (step, on, open, answer) in cases {
            assert_eq!(
                may_close(step, d(on), until, open),
                answer,
                "{step:?} {on} {open}"
            );
        }
    }

    #[test]
    fn quotas_bind_the_city_at_its_review_and_the_province_at_nomination() {
        let mut q = Quotas::default();
        q.0.insert("440300000000".into(), 2);
        q.0.insert("440000000000".into(), 5);
        let c = AreaCode::parse("440305001001").expect("code");
        assert_eq!(
            q.binding(CertStep::City, &c),
            Some(("440300000000".into(), 2))
        );
        assert_eq!(
            q.binding(CertStep::Notice, &c),
            Some(("440000000000".into(), 5))
        );
        assert_eq!(q.binding(CertStep::County, &c), None);
        let other = AreaCode::parse("110105001001").expect("code");
        assert_eq!(q.binding(CertStep::City, &other), None);
        assert!(fits_quota(2, 1));
        assert!(!fits_quota(2, 2));
        assert!(!fits_quota(0, 0));
    }

    #[test]
    fn quota_lines_are_read_one_area_per_line() {
        let q = parse_quota_lines("4403 3\n\n440100000000：2\n").expect("quotas");
        assert_eq!(q.get("440300000000"), Some(&3));
        assert_eq!(q.get("440100000000"), Some(&2));
        assert_eq!(parse_quota_lines("4403 3\n深圳 2"), Err(2));
        assert_eq!(parse_quota_lines("4403"), Err(1));
        assert_eq!(parse_quota_lines("4403 -1"), Err(1));
        assert_eq!(parse_quota_lines(""), Ok(BTreeMap::new()));
    }

    #[test]
    fn consecutive_years_follow_the_unbroken_titles() {
        let t = |tier, issued: &str, revoked: Option<&str>| HeldTitle {
            tier,
            issued_on: d(issued),
            revoked_on: revoked.map(d),
        };
        let on = d("2026-11-26");
        // A 充分就业社区 since 2022-12-01, a star since 2024-06-01: three whole years.
        let titles = [
            t(Tier::Community, "2022-12-01", None),
            t(Tier::ProvincialStar, "2024-06-01", None),
        ];
        assert_eq!(consecutive_years(&titles, on), 3);
        assert!(national_candidate(&titles, on, 3));
        assert!(!national_candidate(&titles, on, 4));
        // The first title was revoked in 2023 before the star was granted: the chain restarts.
        let broken = [
            t(Tier::Community, "2020-12-01", Some("2023-03-01")),
            t(Tier::ProvincialStar, "2024-06-01", None),
        ];
        assert_eq!(consecutive_years(&broken, on), 2);
        assert!(!national_candidate(&broken, on, 3));
        // Nothing valid now: no years at all.
        let revoked = [t(Tier::ProvincialStar, "2019-12-01", Some("2026-01-01"))];
        assert_eq!(consecutive_years(&revoked, on), 0);
        // A community already national is no longer a candidate.
        let national = [
            t(Tier::ProvincialStar, "2019-12-01", None),
            t(Tier::NationalDemonstration, "2025-12-01", None),
        ];
        assert!(!national_candidate(&national, on, 3));
    }

    #[test]
    fn reinspection_comes_every_two_years_by_default() {
        assert_eq!(next_inspection(d("2024-02-29"), 2), d("2026-02-28"));
        assert_eq!(next_inspection(d("2026-11-26"), 0), d("2027-11-26"));
    }
}
