//! 零就业家庭 lifecycle: 出现一户、援助一户、稳定一户. A case opens when the ledger shows the
//! household as zero-employment (identified), is assisted, is cleared when a member is employed
//! (by default within 1 month of identification) and becomes stable when that member is still
//! employed 3 months later. Each step is dated.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::policy::AssistancePolicy;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 出现 (identified from the ledger)
    Identified,
    /// 援助 (a plan is under way)
    Assisted,
    /// 清零 (a member employed)
    Cleared,
    /// 稳定 (still employed after the stable period)
    Stable,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Identified,
        Stage::Assisted,
        Stage::Cleared,
        Stage::Stable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Identified => "identified",
            Stage::Assisted => "assisted",
            Stage::Cleared => "cleared",
            Stage::Stable => "stable",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether the household still counts as zero-employment.
    pub fn is_open(self) -> bool {
        matches!(self, Stage::Identified | Stage::Assisted)
    }
}

/// The dates of one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZeroCase {
    pub identified_on: NaiveDate,
    pub assisted_on: Option<NaiveDate>,
    pub cleared_on: Option<NaiveDate>,
    pub stable_on: Option<NaiveDate>,
}

impl ZeroCase {
    pub fn stage(&self) -> Stage {
        if self.stable_on.is_some() {
            Stage::Stable
        } else if self.cleared_on.is_some() {
            Stage::Cleared
        } else if self.assisted_on.is_some() {
            Stage::Assisted
        } else {
            Stage::Identified
        }
    }

    /// The day by which the household must be cleared.
    pub fn clear_by(&self, policy: &AssistancePolicy) -> NaiveDate {
        add_months(self.identified_on, policy.zero_household_clear_months)
    }

    /// Not cleared and past the clearing deadline on `on` (fails certification: 一票否决).
    pub fn is_overdue(&self, on: NaiveDate, policy: &AssistancePolicy) -> bool {
        match self.cleared_on {
            Some(cleared) => cleared > self.clear_by(policy),
            None => on > self.clear_by(policy),
        }
    }

    /// Cleared on time or not at all: `Some(true)` when cleared by the deadline.
    pub fn cleared_in_time(&self, policy: &AssistancePolicy) -> Option<bool> {
        self.cleared_on.map(|c| c <= self.clear_by(policy))
    }

    /// The day from which a cleared case counts as stable if the member is still employed.
    pub fn stable_from(&self, policy: &AssistancePolicy) -> Option<NaiveDate> {
        self.cleared_on
            .map(|c| add_months(c, policy.zero_household_stable_months))
    }

    /// Whether the case becomes stable on `on`, given the member employed at clearing is still
    /// employed.
    pub fn becomes_stable(
        &self,
        on: NaiveDate,
        still_employed: bool,
        policy: &AssistancePolicy,
    ) -> bool {
        self.stage() == Stage::Cleared
            && still_employed
            && self.stable_from(policy).is_some_and(|d| d <= on)
    }
}

/// Whether the case counts as a zero-employment household on `day` (identified by then and not
/// yet cleared).
pub fn open_on(c: &ZeroCase, day: NaiveDate) -> bool {
    c.identified_on <= day && c.cleared_on.is_none_or(|cleared| cleared > day)
}

/// One community's standing on 零就业家庭 over a period (a calendar year, say): 基数归零 —
/// every household open at the start of the period has been cleared; 动态归零 — every household
/// identified during the period was cleared within its time limit, or is still within it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZeroStanding {
    pub open_now: u32,
    pub overdue_now: u32,
    /// Open at the start of the period (the base, 基数)
    pub base: u32,
    pub base_cleared: bool,
    /// Identified during the period
    pub new_in_period: u32,
    pub dynamic_cleared: bool,
    /// Open households at each month end of the period up to `on` (and on `on` itself)
    pub history: Vec<(NaiveDate, u32)>,
}

/// The standing of one community's cases, each with its own clearing deadline.
pub fn standing(cases: &[(ZeroCase, NaiveDate)], start: NaiveDate, on: NaiveDate) -> ZeroStanding {
    let open_at = |day: NaiveDate| cases.iter().filter(|(c, _)| open_on(c, day)).count() as u32;
    let late = |(c, by): &(ZeroCase, NaiveDate)| match c.cleared_on {
        Some(cleared) => cleared > *by,
        None => on > *by,
    };
    let before_start = start.pred_opt().unwrap_or(start);
    let base: Vec<_> = cases
        .iter()
        .filter(|(c, _)| open_on(c, before_start))
        .collect();
    let new: Vec<_> = cases
        .iter()
        .filter(|(c, _)| c.identified_on >= start && c.identified_on <= on)
        .collect();
    let mut history = Vec::new();
    let mut month = start;
    while month <= on {
        let next = month
            .checked_add_months(Months::new(1))
            .unwrap_or(NaiveDate::MAX);
        let end = next.pred_opt().unwrap_or(next);
        if end >= on {
            history.push((on, open_at(on)));
            break;
        }
        history.push((end, open_at(end)));
        month = next;
    }
    ZeroStanding {
        open_now: open_at(on),
        overdue_now: cases
            .iter()
            .filter(|(c, by)| open_on(c, on) && on > *by)
            .count() as u32,
        base: base.len() as u32,
        base_cleared: base
            .iter()
            .all(|(c, _)| c.cleared_on.is_some_and(|d| d <= on)),
        new_in_period: new.len() as u32,
        dynamic_cleared: !new.iter().any(|case| late(case)),
        history,
    }
}

fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn case(identified: &str) -> ZeroCase {
        ZeroCase {
            identified_on: d(identified),
            assisted_on: None,
            cleared_on: None,
            stable_on: None,
        }
    }

    #[test]
    fn one_month_to_clear() {
        let p = AssistancePolicy::default();
        let c = case("2026-10-15");
        assert_eq!(c.clear_by(&p), d("2026-11-15"));
        assert!(!c.is_overdue(d("2026-11-15"), &p));
        assert!(c.is_overdue(d("2026-11-16"), &p));
        // Month ends clamp: identified 01-31, clear by 02-28.
        assert_eq!(case("2026-01-31").clear_by(&p), d("2026-02-28"));
    }

    #[test]
    fn cleared_late_stays_a_late_case() {
        let p = AssistancePolicy::default();
        let late = ZeroCase {
            cleared_on: Some(d("2026-11-20")),
            ..case("2026-10-15")
        };
        assert_eq!(late.cleared_in_time(&p), Some(false));
        assert!(late.is_overdue(d("2026-12-01"), &p));
        let on_time = ZeroCase {
            cleared_on: Some(d("2026-11-10")),
            ..case("2026-10-15")
        };
        assert_eq!(on_time.cleared_in_time(&p), Some(true));
        assert!(!on_time.is_overdue(d("2027-01-01"), &p));
    }

    #[test]
    fn stages_follow_the_dates() {
        let p = AssistancePolicy::default();
        let mut c = case("2026-06-01");
        assert_eq!(c.stage(), Stage::Identified);
        assert!(c.stage().is_open());
        c.assisted_on = Some(d("2026-06-03"));
        assert_eq!(c.stage(), Stage::Assisted);
        c.cleared_on = Some(d("2026-06-20"));
        assert_eq!(c.stage(), Stage::Cleared);
        assert!(!c.stage().is_open());
        // Stable three months after clearing, if still employed.
        assert_eq!(c.stable_from(&p), Some(d("2026-09-20")));
        assert!(!c.becomes_stable(d("2026-09-19"), true, &p));
        assert!(c.becomes_stable(d("2026-09-20"), true, &p));
        assert!(!c.becomes_stable(d("2026-09-20"), false, &p));
        c.stable_on = Some(d("2026-09-20"));
        assert_eq!(c.stage(), Stage::Stable);
    }

    #[test]
    fn a_community_keeps_its_base_and_its_new_cases_at_zero() {
        let p = AssistancePolicy::default();
        let with_deadline = |c: ZeroCase| {
            let by = c.clear_by(&p);
            (c, by)
        };
        // Open since last year, cleared in February: the base (1) is cleared.
        let old = ZeroCase {
            cleared_on: Some(d("2026-02-10")),
            ..case("2025-12-20")
        };
        // New in March, cleared within the month.
        let march = ZeroCase {
            cleared_on: Some(d("2026-03-25")),
            ..case("2026-03-05")
        };
        // New in October, still open and within its month on 10-20.
        let october = case("2026-10-10");
        let cases = vec![
            with_deadline(old.clone()),
            with_deadline(march),
            with_deadline(october),
        ];
        let s = standing(&cases, d("2026-01-01"), d("2026-10-20"));
        assert_eq!((s.base, s.base_cleared), (1, true));
        assert_eq!((s.new_in_period, s.dynamic_cleared), (2, true));
        assert_eq!((s.open_now, s.overdue_now), (1, 0));
        // Month ends January … September, then the day itself.
        assert_eq!(s.history.len(), 10);
        assert_eq!(s.history[0], (d("2026-01-31"), 1));
        assert_eq!(s.history[1], (d("2026-02-28"), 0));
        assert_eq!(s.history[2], (d("2026-03-31"), 0));
        assert_eq!(s.history[9], (d("2026-10-20"), 1));

        // A month later the October case is late: 动态归零 fails, and it is overdue now.
        let s = standing(&cases, d("2026-01-01"), d("2026-11-11"));
        assert!(!s.dynamic_cleared);
        assert_eq!(s.overdue_now, 1);
        // A base case still open: 基数归零 fails.
        let stuck = vec![with_deadline(case("2025-11-01"))];
        let s = standing(&stuck, d("2026-01-01"), d("2026-03-01"));
        assert_eq!((s.base, s.base_cleared, s.open_now), (1, false, 1));
        assert!(s.dynamic_cleared, "nothing new this year");
        assert!(open_on(&old, d("2026-02-09")) && !open_on(&old, d("2026-02-10")));
    }
}
