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
}
