//! The facts behind each 就业困难人员 category: what the ledger records of a person, set against
//! what the category needs under the assistance policy in force (DOMAIN.md §就业援助, the
//! categories and their figures: `AssistancePolicy`). A reviewer sees them where a file is
//! decided; [`super::assistance::suggest_categories`] is the categories whose facts all hold.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::assistance::{Category, PersonCase};
use super::id_card::Sex;
use super::ledger::{EmploymentStatus, age_on};
use super::policy::AssistancePolicy;

/// One fact the ledger gives for a category, with the figure the category needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum Fact {
    /// The employment status recorded: only unemployed people are 就业困难人员.
    Status { status: EmploymentStatus },
    /// Whether the status is 登记失业 (near retirement needs the registration).
    Registered { registered: bool },
    /// Whether the household is found a 零就业家庭.
    ZeroEmploymentHousehold { found: bool },
    /// Age in whole years on the day, against the years the category needs: at least `from`,
    /// and below `below` when given.
    Age {
        years: i32,
        sex: Sex,
        from: i32,
        below: Option<i32>,
    },
    /// Unemployed since (YYYY-MM-DD, if recorded) and for how many whole months, against the
    /// months needed.
    UnemployedFor {
        since: Option<String>,
        months: Option<u32>,
        needed: u32,
    },
    /// Graduated on (YYYY-MM-DD, if recorded) and how many whole months ago, against the months
    /// needed.
    GraduatedFor {
        on: Option<String>,
        months: Option<u32>,
        needed: u32,
    },
    /// A fact the ledger records as yes or no (lost land, disability, veteran or military
    /// family, single parent, 低保).
    Recorded { recorded: bool },
}

impl Fact {
    /// Whether the fact holds for the category.
    pub fn holds(&self) -> bool {
        match self {
            Fact::Status { status } => status.is_unemployed(),
            Fact::Registered { registered } => *registered,
            Fact::ZeroEmploymentHousehold { found } => *found,
            Fact::Age {
                years, from, below, ..
            } => *years >= *from && below.is_none_or(|b| *years < b),
            Fact::UnemployedFor { months, needed, .. }
            | Fact::GraduatedFor { months, needed, .. } => months.is_some_and(|m| m >= *needed),
            Fact::Recorded { recorded } => *recorded,
        }
    }
}

/// A category with the facts the ledger gives for it on a day; the ledger supports it when every
/// fact holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CategoryEvidence {
    pub category: Category,
    pub supported: bool,
    pub facts: Vec<Fact>,
}

/// The facts for `category` of the person `p` on the day `on` under `policy`.
pub fn evidence(
    p: &PersonCase,
    on: NaiveDate,
    policy: &AssistancePolicy,
    category: Category,
) -> CategoryEvidence {
    let mut facts = vec![Fact::Status { status: p.status }];
    let years = age_on(p.birth_date, on);
    match category {
        Category::ZeroEmploymentHousehold => facts.push(Fact::ZeroEmploymentHousehold {
            found: p.in_zero_employment_household,
        }),
        Category::NearRetirement => {
            let retirement = policy.retirement_age(p.sex);
            facts.push(Fact::Registered {
                registered: p.status == EmploymentStatus::RegisteredUnemployed,
            });
            facts.push(Fact::Age {
                years,
                sex: p.sex,
                from: retirement - policy.near_retirement_years,
                below: Some(retirement),
            });
        }
        Category::LongTermUnemployed => facts.push(Fact::UnemployedFor {
            since: p.unemployed_since.map(|d| d.format("%Y-%m-%d").to_string()),
            months: p.unemployed_since.and_then(|s| whole_months(s, on)),
            needed: policy.long_unemployment_months,
        }),
        Category::UnemployedGraduate => facts.push(Fact::GraduatedFor {
            on: p.graduated_on.map(|d| d.format("%Y-%m-%d").to_string()),
            months: p.graduated_on.and_then(|g| whole_months(g, on)),
            needed: policy.graduate_months,
        }),
        Category::FortyFifty => facts.push(Fact::Age {
            years,
            sex: p.sex,
            from: match p.sex {
                Sex::Female => policy.age_4050_female,
                Sex::Male => policy.age_4050_male,
            },
            below: None,
        }),
        Category::LandLostFarmer => facts.push(Fact::Recorded {
            recorded: p.land_lost_farmer,
        }),
        Category::DisabledUnemployed => facts.push(Fact::Recorded {
            recorded: p.disabled,
        }),
        Category::VeteranOrMilitaryFamily => facts.push(Fact::Recorded {
            recorded: p.veteran_or_military_family,
        }),
        Category::SingleParent => facts.push(Fact::Recorded {
            recorded: p.single_parent,
        }),
        Category::Dibao => facts.push(Fact::Recorded { recorded: p.dibao }),
    }
    CategoryEvidence {
        category,
        supported: facts.iter().all(Fact::holds),
        facts,
    }
}

/// Whole calendar months from `since` to `on` (a month counts once its day is reached; from
/// the 31st, the month's last day); `None` when `since` is after `on`.
pub fn whole_months(since: NaiveDate, on: NaiveDate) -> Option<u32> {
    if since > on {
        return None;
    }
    let apart = (on.year() - since.year()) * 12 + on.month() as i32 - since.month() as i32;
    let mut months = u32::try_from(apart).unwrap_or(0);
    while months > 0
        && since
            .checked_add_months(Months::new(months))
            .is_none_or(|d| d > on)
    {
        months -= 1;
    }
    Some(months)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn case() -> PersonCase {
        PersonCase {
            birth_date: d("1978-04-12"),
            sex: Sex::Female,
            status: EmploymentStatus::RegisteredUnemployed,
            unemployed_since: Some(d("2024-01-15")),
            graduated_on: None,
            in_zero_employment_household: true,
            land_lost_farmer: false,
            disabled: false,
            veteran_or_military_family: false,
            single_parent: false,
            dibao: false,
        }
    }

    #[test]
    fn long_unemployment_states_the_months_and_the_months_needed() {
        let policy = AssistancePolicy::default();
        let e = evidence(
            &case(),
            d("2026-11-26"),
            &policy,
            Category::LongTermUnemployed,
        );
        assert!(e.supported);
        assert_eq!(
            e.facts[1],
            Fact::UnemployedFor {
                since: Some("2024-01-15".into()),
                months: Some(34),
                needed: policy.long_unemployment_months,
            }
        );
    }

    #[test]
    fn a_category_the_ledger_does_not_record_is_unsupported_and_says_why() {
        let e = evidence(
            &case(),
            d("2026-11-26"),
            &AssistancePolicy::default(),
            Category::Dibao,
        );
        assert!(!e.supported);
        assert_eq!(e.facts[1], Fact::Recorded { recorded: false });
        assert!(!e.facts[1].holds());
    }

    #[test]
    fn near_retirement_needs_the_registration_and_the_age_band() {
        let policy = AssistancePolicy::default();
        let mut p = case();
        // A woman of 48 with retirement at 50 + 10 years' band: inside.
        let e = evidence(&p, d("2026-11-26"), &policy, Category::NearRetirement);
        let Fact::Age {
            years, from, below, ..
        } = e.facts[2]
        else {
            panic!("{e:?}")
        };
        assert_eq!(years, 48);
        assert_eq!(below, Some(policy.retirement_age_female));
        assert_eq!(
            from,
            policy.retirement_age_female - policy.near_retirement_years
        );
        assert_eq!(
            e.supported,
            (from..policy.retirement_age_female).contains(&48)
        );
        // Unemployed but not registered: the registration fact fails.
        p.status = EmploymentStatus::Unemployed;
        let e = evidence(&p, d("2026-11-26"), &policy, Category::NearRetirement);
        assert_eq!(e.facts[1], Fact::Registered { registered: false });
        assert!(!e.supported);
    }

    #[test]
    fn someone_in_work_is_supported_in_no_category() {
        let mut p = case();
        p.status = EmploymentStatus::EmployedFormal;
        for c in Category::ALL {
            let e = evidence(&p, d("2026-11-26"), &AssistancePolicy::default(), c);
            assert!(!e.supported, "{c:?}");
            assert!(!e.facts[0].holds());
        }
    }

    #[test]
    fn whole_months_count_a_month_when_its_day_is_reached() {
        assert_eq!(whole_months(d("2026-01-15"), d("2026-02-14")), Some(0));
        assert_eq!(whole_months(d("2026-01-15"), d("2026-02-15")), Some(1));
        assert_eq!(whole_months(d("2026-01-31"), d("2026-02-28")), Some(1));
        assert_eq!(whole_months(d("2026-03-01"), d("2026-02-28")), None);
    }
}
