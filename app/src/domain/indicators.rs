//! 充分就业社区 standards and their quantitative indicators, as pure functions. A standard is
//! versioned data (a tier, an issuing area, a version and its thresholds); the facts of a
//! community on a day are computed from the ledgers elsewhere and judged here, veto items first.
//! DOMAIN.md §4 gives the defaults (the national fourth-batch criteria, 2016).

use serde::{Deserialize, Serialize};

use super::certification::Tier;

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
        }
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

    #[test]
    fn empty_populations_count_as_met_and_rates_round_down() {
        assert_eq!(share(0, 0).per_mille(), 1000);
        assert_eq!(share(2, 3).per_mille(), 666);
        assert_eq!(share(5, 3).per_mille(), 1000);
    }
}
