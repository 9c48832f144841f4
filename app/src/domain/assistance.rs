//! 就业援助: the categories of 就业困难人员 the ledger suggests, the 登记认定 steps and their
//! working-day time limits, and the exit rules.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::WorkCalendar;
use super::id_card::Sex;
use super::ledger::{EmploymentStatus, age_on};
use super::policy::AssistancePolicy;
use super::role::Role;

/// 就业困难人员 categories (the default list; a person can fit several).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 零就业家庭成员
    ZeroEmploymentHousehold,
    /// 距法定退休年龄不足十年的登记失业人员
    NearRetirement,
    /// 连续失业一年以上
    LongTermUnemployed,
    /// 毕业半年未就业的高校毕业生
    UnemployedGraduate,
    /// 失地农民
    LandLostFarmer,
    /// 失业残疾人
    DisabledUnemployed,
    /// 失业的退役军人及军属
    VeteranOrMilitaryFamily,
    /// 抚养未成年子女的单亲家庭成员
    SingleParent,
    /// 「4050」人员
    FortyFifty,
    /// 最低生活保障人员
    Dibao,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::ZeroEmploymentHousehold,
        Category::NearRetirement,
        Category::LongTermUnemployed,
        Category::UnemployedGraduate,
        Category::LandLostFarmer,
        Category::DisabledUnemployed,
        Category::VeteranOrMilitaryFamily,
        Category::SingleParent,
        Category::FortyFifty,
        Category::Dibao,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::ZeroEmploymentHousehold => "zero_employment_household",
            Category::NearRetirement => "near_retirement",
            Category::LongTermUnemployed => "long_term_unemployed",
            Category::UnemployedGraduate => "unemployed_graduate",
            Category::LandLostFarmer => "land_lost_farmer",
            Category::DisabledUnemployed => "disabled_unemployed",
            Category::VeteranOrMilitaryFamily => "veteran_or_military_family",
            Category::SingleParent => "single_parent",
            Category::FortyFifty => "forty_fifty",
            Category::Dibao => "dibao",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What the ledger knows of a person that bears on the categories.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonCase {
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub status: EmploymentStatus,
    /// Unemployed since (registered or not).
    pub unemployed_since: Option<NaiveDate>,
    pub graduated_on: Option<NaiveDate>,
    pub in_zero_employment_household: bool,
    pub land_lost_farmer: bool,
    pub disabled: bool,
    pub veteran_or_military_family: bool,
    pub single_parent: bool,
    pub dibao: bool,
}

/// The chosen categories the ledger's facts do not support (those not among `supported`, as
/// [`suggest_categories`] gives them), in the order chosen.
pub fn unsupported_categories(chosen: &[Category], supported: &[Category]) -> Vec<Category> {
    chosen
        .iter()
        .copied()
        .filter(|c| !supported.contains(c))
        .collect()
}

/// The categories the data supports on `on`: those whose facts all hold
/// ([`super::category_facts::evidence`]). Only unemployed people are 就业困难人员.
pub fn suggest_categories(
    p: &PersonCase,
    on: NaiveDate,
    policy: &AssistancePolicy,
) -> Vec<Category> {
    Category::ALL
        .into_iter()
        .filter(|c| super::category_facts::evidence(p, on, policy, *c).supported)
        .collect()
}

/// The steps of 登记认定, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewStep {
    /// 社区初审并公示
    Community,
    /// 街道审核
    Street,
    /// 县区确认
    County,
    /// 告知本人
    Notification,
}

impl ReviewStep {
    pub const ALL: [ReviewStep; 4] = [
        ReviewStep::Community,
        ReviewStep::Street,
        ReviewStep::County,
        ReviewStep::Notification,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStep::Community => "community",
            ReviewStep::Street => "street",
            ReviewStep::County => "county",
            ReviewStep::Notification => "notification",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The working days this step may take.
    pub fn limit(self, policy: &AssistancePolicy) -> u32 {
        match self {
            ReviewStep::Community => policy.community_review_days,
            ReviewStep::Street => policy.street_review_days,
            ReviewStep::County => policy.county_review_days,
            ReviewStep::Notification => policy.notification_days,
        }
    }

    pub fn next(self) -> Option<ReviewStep> {
        match self {
            ReviewStep::Community => Some(ReviewStep::Street),
            ReviewStep::Street => Some(ReviewStep::County),
            ReviewStep::County => Some(ReviewStep::Notification),
            ReviewStep::Notification => None,
        }
    }

    /// The step a send-back returns the file to.
    pub fn previous(self) -> Option<ReviewStep> {
        match self {
            ReviewStep::Community => None,
            ReviewStep::Street => Some(ReviewStep::Community),
            ReviewStep::County => Some(ReviewStep::Street),
            ReviewStep::Notification => Some(ReviewStep::County),
        }
    }

    /// The roles that act at this step (each inside its own area).
    pub fn actors(self) -> &'static [Role] {
        match self {
            ReviewStep::Community => &[Role::Coordinator],
            ReviewStep::Street => &[Role::StreetOfficer],
            ReviewStep::County => &[Role::CountyOfficer],
            ReviewStep::Notification => {
                &[Role::Coordinator, Role::StreetOfficer, Role::CountyOfficer]
            }
        }
    }

    /// The deadline of this step when the file reached it on `arrived`.
    pub fn due(
        self,
        arrived: NaiveDate,
        policy: &AssistancePolicy,
        cal: &WorkCalendar,
    ) -> NaiveDate {
        cal.add_working_days(arrived, self.limit(policy))
    }
}

/// Where an assistance target's file stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// 认定中
    InReview,
    /// 已认定 (card issued)
    Confirmed,
    /// 已退出
    Exited,
}

impl TargetStatus {
    pub const ALL: [TargetStatus; 3] = [
        TargetStatus::InReview,
        TargetStatus::Confirmed,
        TargetStatus::Exited,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TargetStatus::InReview => "in_review",
            TargetStatus::Confirmed => "confirmed",
            TargetStatus::Exited => "exited",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Why a target leaves assistance (退出).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExitReason {
    /// 稳定就业
    StableEmployment,
    /// 无正当理由拒绝适当岗位
    RefusedReferrals,
    /// 失去联系
    NoContact,
    /// 退休
    Retired,
    /// 死亡
    Died,
    /// 迁出
    MovedAway,
}

impl ExitReason {
    pub const ALL: [ExitReason; 6] = [
        ExitReason::StableEmployment,
        ExitReason::RefusedReferrals,
        ExitReason::NoContact,
        ExitReason::Retired,
        ExitReason::Died,
        ExitReason::MovedAway,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExitReason::StableEmployment => "stable_employment",
            ExitReason::RefusedReferrals => "refused_referrals",
            ExitReason::NoContact => "no_contact",
            ExitReason::Retired => "retired",
            ExitReason::Died => "died",
            ExitReason::MovedAway => "moved_away",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What the records say about a target, for the exit rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExitEvidence {
    pub birth_date: NaiveDate,
    pub sex: Sex,
    /// Employed without a break since this date, if employed now.
    pub employed_since: Option<NaiveDate>,
    /// Suitable referrals refused without reason.
    pub refusals: u32,
    /// The last successful contact (visit or service record).
    pub last_contact: Option<NaiveDate>,
}

/// The exit the data proves on `on`, if any; the order is the order of precedence.
/// Death and moving away are never inferred: an officer records them.
pub fn proven_exit(
    e: &ExitEvidence,
    on: NaiveDate,
    policy: &AssistancePolicy,
) -> Option<ExitReason> {
    let after = |since: NaiveDate, months: u32| {
        since
            .checked_add_months(Months::new(months))
            .is_some_and(|limit| limit <= on)
    };
    if age_on(e.birth_date, on) >= policy.retirement_age(e.sex) {
        return Some(ExitReason::Retired);
    }
    if e.employed_since
        .is_some_and(|s| after(s, policy.exit_stable_employment_months))
    {
        return Some(ExitReason::StableEmployment);
    }
    if e.refusals >= policy.exit_refusals {
        return Some(ExitReason::RefusedReferrals);
    }
    if e.last_contact
        .is_some_and(|c| after(c, policy.exit_no_contact_months))
    {
        return Some(ExitReason::NoContact);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn case(birth: &str, sex: Sex) -> PersonCase {
        PersonCase {
            birth_date: d(birth),
            sex,
            status: EmploymentStatus::RegisteredUnemployed,
            unemployed_since: None,
            graduated_on: None,
            in_zero_employment_household: false,
            land_lost_farmer: false,
            disabled: false,
            veteran_or_military_family: false,
            single_parent: false,
            dibao: false,
        }
    }

    const ON: &str = "2026-11-25";

    #[test]
    fn forty_fifty_by_sex() {
        let p = AssistancePolicy::default();
        let on = d(ON);
        let woman40 = case("1986-11-25", Sex::Female);
        let woman39 = case("1986-11-26", Sex::Female);
        let man50 = case("1976-11-25", Sex::Male);
        let man49 = case("1976-11-26", Sex::Male);
        assert!(suggest_categories(&woman40, on, &p).contains(&Category::FortyFifty));
        assert!(!suggest_categories(&woman39, on, &p).contains(&Category::FortyFifty));
        assert!(suggest_categories(&man50, on, &p).contains(&Category::FortyFifty));
        assert!(!suggest_categories(&man49, on, &p).contains(&Category::FortyFifty));
    }

    #[test]
    fn a_category_without_the_ledgers_facts_is_unsupported() {
        // A man of 54 with no graduation date: 「4050」 is supported, 毕业半年未就业 is not.
        let p = AssistancePolicy::default();
        let man54 = case("1972-03-14", Sex::Male);
        let supported = suggest_categories(&man54, d(ON), &p);
        let chosen = [Category::UnemployedGraduate, Category::FortyFifty];
        assert_eq!(
            unsupported_categories(&chosen, &supported),
            vec![Category::UnemployedGraduate]
        );
        // Graduated 2026-03-01 and still without work on 2026-11-25: supported.
        let graduate = PersonCase {
            graduated_on: Some(d("2026-03-01")),
            ..case("2003-05-01", Sex::Female)
        };
        let supported = suggest_categories(&graduate, d(ON), &p);
        assert_eq!(
            unsupported_categories(&[Category::UnemployedGraduate], &supported),
            vec![]
        );
    }

    #[test]
    fn near_retirement_needs_registration_and_ten_years() {
        let p = AssistancePolicy::default();
        let on = d(ON);
        // A man of 50 is 10 years from 60: inside; a woman of 40 is 10 years from 50: inside.
        let man = case("1976-11-25", Sex::Male);
        assert!(suggest_categories(&man, on, &p).contains(&Category::NearRetirement));
        let woman = case("1986-11-25", Sex::Female);
        assert!(suggest_categories(&woman, on, &p).contains(&Category::NearRetirement));
        let young = case("1977-11-26", Sex::Male);
        assert!(!suggest_categories(&young, on, &p).contains(&Category::NearRetirement));
        // Not registered as unemployed: not this category.
        let unregistered = PersonCase {
            status: EmploymentStatus::Unemployed,
            ..man
        };
        assert!(!suggest_categories(&unregistered, on, &p).contains(&Category::NearRetirement));
        // At or past the retirement age: retired (the exit rule's view), not near it. A woman
        // born 1974-03-14 is 52 against the default 50.
        for (birth, sex) in [
            ("1974-03-14", Sex::Female),
            ("1976-11-25", Sex::Female),
            ("1966-11-25", Sex::Male),
        ] {
            let old = case(birth, sex);
            assert!(
                !suggest_categories(&old, on, &p).contains(&Category::NearRetirement),
                "{birth}"
            );
        }
        // The day before the birthday that makes her 50, she is still near.
        let nearly = case("1976-11-26", Sex::Female);
        assert!(suggest_categories(&nearly, on, &p).contains(&Category::NearRetirement));
    }

    #[test]
    fn durations_from_domain() {
        let p = AssistancePolicy::default();
        let on = d(ON);
        let base = case("1995-01-01", Sex::Male);
        let year = PersonCase {
            unemployed_since: Some(d("2025-11-25")),
            ..base.clone()
        };
        let short = PersonCase {
            unemployed_since: Some(d("2025-11-26")),
            ..base.clone()
        };
        assert_eq!(
            suggest_categories(&year, on, &p),
            vec![Category::LongTermUnemployed]
        );
        assert_eq!(suggest_categories(&short, on, &p), vec![]);
        let grad = PersonCase {
            graduated_on: Some(d("2026-05-25")),
            ..base.clone()
        };
        let fresh = PersonCase {
            graduated_on: Some(d("2026-06-30")),
            ..base.clone()
        };
        assert_eq!(
            suggest_categories(&grad, on, &p),
            vec![Category::UnemployedGraduate]
        );
        assert_eq!(suggest_categories(&fresh, on, &p), vec![]);
    }

    #[test]
    fn flags_and_employment() {
        let p = AssistancePolicy::default();
        let on = d(ON);
        let flagged = PersonCase {
            in_zero_employment_household: true,
            land_lost_farmer: true,
            disabled: true,
            veteran_or_military_family: true,
            single_parent: true,
            dibao: true,
            ..case("1995-01-01", Sex::Female)
        };
        assert_eq!(
            suggest_categories(&flagged, on, &p),
            vec![
                Category::ZeroEmploymentHousehold,
                Category::LandLostFarmer,
                Category::DisabledUnemployed,
                Category::VeteranOrMilitaryFamily,
                Category::SingleParent,
                Category::Dibao,
            ]
        );
        let employed = PersonCase {
            status: EmploymentStatus::EmployedFormal,
            ..flagged
        };
        assert_eq!(suggest_categories(&employed, on, &p), vec![]);
    }

    #[test]
    fn review_steps_take_their_working_days() {
        let p = AssistancePolicy::default();
        let cal = WorkCalendar::bundled().expect("calendar");
        // Filed Monday 2026-11-23: community 7 → 12-02, street 7 → 12-11, county 5 → 12-18.
        let community = ReviewStep::Community.due(d("2026-11-23"), &p, &cal);
        assert_eq!(community, d("2026-12-02"));
        let street = ReviewStep::Street.due(community, &p, &cal);
        assert_eq!(street, d("2026-12-11"));
        assert_eq!(ReviewStep::County.due(street, &p, &cal), d("2026-12-18"));
        assert_eq!(ReviewStep::Notification.limit(&p), 3);
        assert_eq!(ReviewStep::Street.previous(), Some(ReviewStep::Community));
        assert_eq!(ReviewStep::Notification.next(), None);
        assert_eq!(ReviewStep::Street.actors(), &[Role::StreetOfficer]);
        assert!(
            ReviewStep::Notification
                .actors()
                .contains(&Role::Coordinator)
        );
    }

    #[test]
    fn exits_the_data_proves() {
        let p = AssistancePolicy::default();
        let on = d(ON);
        let base = ExitEvidence {
            birth_date: d("1980-01-01"),
            sex: Sex::Male,
            employed_since: None,
            refusals: 0,
            last_contact: Some(d("2026-11-01")),
        };
        assert_eq!(proven_exit(&base, on, &p), None);
        let stable = ExitEvidence {
            employed_since: Some(d("2026-08-25")),
            ..base.clone()
        };
        assert_eq!(
            proven_exit(&stable, on, &p),
            Some(ExitReason::StableEmployment)
        );
        let recent = ExitEvidence {
            employed_since: Some(d("2026-08-26")),
            ..base.clone()
        };
        assert_eq!(proven_exit(&recent, on, &p), None);
        let refused = ExitEvidence {
            refusals: 3,
            ..base.clone()
        };
        assert_eq!(
            proven_exit(&refused, on, &p),
            Some(ExitReason::RefusedReferrals)
        );
        let lost = ExitEvidence {
            last_contact: Some(d("2026-08-25")),
            ..base.clone()
        };
        assert_eq!(proven_exit(&lost, on, &p), Some(ExitReason::NoContact));
        let retired = ExitEvidence {
            birth_date: d("1966-11-25"),
            ..base
        };
        assert_eq!(proven_exit(&retired, on, &p), Some(ExitReason::Retired));
    }
}
