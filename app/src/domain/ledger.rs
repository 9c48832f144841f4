//! 台账: what a household survey (入户摸底) records about each person, and the rules read from
//! it: working age, and whether a household is a 零就业家庭.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::id_card::Sex;
use super::plan::Service;
use super::policy::AssistancePolicy;

/// 就业状态: the employment situation of a person at the last survey.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EmploymentStatus {
    /// 单位就业 (formal employment with a contract)
    EmployedFormal,
    /// 灵活就业
    EmployedFlexible,
    /// 自主创业 / 个体经营
    SelfEmployed,
    /// 登记失业 (holds a 就业失业登记证)
    RegisteredUnemployed,
    /// 失业未登记
    Unemployed,
    /// 非劳动力 (student, retired, caring, unable)
    NotInLabourForce,
}

impl EmploymentStatus {
    pub const ALL: [EmploymentStatus; 6] = [
        EmploymentStatus::EmployedFormal,
        EmploymentStatus::EmployedFlexible,
        EmploymentStatus::SelfEmployed,
        EmploymentStatus::RegisteredUnemployed,
        EmploymentStatus::Unemployed,
        EmploymentStatus::NotInLabourForce,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EmploymentStatus::EmployedFormal => "employed_formal",
            EmploymentStatus::EmployedFlexible => "employed_flexible",
            EmploymentStatus::SelfEmployed => "self_employed",
            EmploymentStatus::RegisteredUnemployed => "registered_unemployed",
            EmploymentStatus::Unemployed => "unemployed",
            EmploymentStatus::NotInLabourForce => "not_in_labour_force",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn is_employed(self) -> bool {
        matches!(
            self,
            EmploymentStatus::EmployedFormal
                | EmploymentStatus::EmployedFlexible
                | EmploymentStatus::SelfEmployed
        )
    }

    pub fn is_unemployed(self) -> bool {
        matches!(
            self,
            EmploymentStatus::RegisteredUnemployed | EmploymentStatus::Unemployed
        )
    }
}

/// 劳动能力
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LabourAbility {
    /// 完全劳动能力
    Full,
    /// 部分劳动能力
    Partial,
    /// 无劳动能力
    None,
}

impl LabourAbility {
    pub const ALL: [LabourAbility; 3] = [
        LabourAbility::Full,
        LabourAbility::Partial,
        LabourAbility::None,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LabourAbility::Full => "full",
            LabourAbility::Partial => "partial",
            LabourAbility::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// 文化程度
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Education {
    /// 小学及以下
    Primary,
    /// 初中
    JuniorSecondary,
    /// 高中 / 中专 / 技校
    SeniorSecondary,
    /// 大专
    College,
    /// 本科
    Bachelor,
    /// 研究生
    Postgraduate,
}

impl Education {
    pub const ALL: [Education; 6] = [
        Education::Primary,
        Education::JuniorSecondary,
        Education::SeniorSecondary,
        Education::College,
        Education::Bachelor,
        Education::Postgraduate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Education::Primary => "primary",
            Education::JuniorSecondary => "junior_secondary",
            Education::SeniorSecondary => "senior_secondary",
            Education::College => "college",
            Education::Bachelor => "bachelor",
            Education::Postgraduate => "postgraduate",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// 服务需求: what a person asks for at the survey.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// 职业介绍
    JobReferral,
    /// 职业培训
    Training,
    /// 创业服务
    Entrepreneurship,
    /// 政策咨询
    PolicyAdvice,
    /// 公益性岗位
    PublicWelfarePost,
}

impl Need {
    pub const ALL: [Need; 5] = [
        Need::JobReferral,
        Need::Training,
        Need::Entrepreneurship,
        Need::PolicyAdvice,
        Need::PublicWelfarePost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Need::JobReferral => "job_referral",
            Need::Training => "training",
            Need::Entrepreneurship => "entrepreneurship",
            Need::PolicyAdvice => "policy_advice",
            Need::PublicWelfarePost => "public_welfare_post",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The services that answer a need the survey recorded (职业指导 for everyone).
    pub fn services(needs: &[Need]) -> Vec<Service> {
        let mut out = vec![Service::CareerGuidance];
        for n in needs {
            let s = match n {
                Need::JobReferral => Service::JobReferral,
                Need::Training => Service::Training,
                Need::Entrepreneurship => Service::Entrepreneurship,
                Need::PublicWelfarePost => Service::PublicWelfarePost,
                Need::PolicyAdvice => continue,
            };
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// Stored as a comma-separated list of codes.
    pub fn join(needs: &[Need]) -> String {
        needs
            .iter()
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads the stored list; unknown codes are dropped.
    pub fn split(stored: &str) -> Vec<Need> {
        stored.split(',').filter_map(Need::parse).collect()
    }
}

/// Full years of age on `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// The facts of one member that the rules read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemberFacts {
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub ability: LabourAbility,
    pub wants_work: bool,
    pub status: EmploymentStatus,
}

impl MemberFacts {
    /// 劳动年龄: from the minimum working age to the statutory retirement age.
    pub fn is_working_age(&self, on: NaiveDate, policy: &AssistancePolicy) -> bool {
        let age = age_on(self.birth_date, on);
        age >= policy.min_working_age && age < policy.retirement_age(self.sex)
    }

    /// 有劳动能力和就业愿望: of working age, able (fully or partly) and wanting work.
    pub fn is_able_and_willing(&self, on: NaiveDate, policy: &AssistancePolicy) -> bool {
        self.is_working_age(on, policy) && self.ability != LabourAbility::None && self.wants_work
    }
}

/// The facts of a household that the 零就业家庭 rule reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseholdFacts {
    /// 城镇户籍: the rule applies to registered urban households.
    pub urban_hukou: bool,
    /// 经营性或投资性收入
    pub business_income: bool,
    pub members: Vec<MemberFacts>,
}

/// 零就业家庭: a registered urban household without business or investment income in which
/// every working-age member with ability and willingness to work is unemployed (and there is at
/// least one such member) and no working-age member is employed.
pub fn is_zero_employment(h: &HouseholdFacts, on: NaiveDate, policy: &AssistancePolicy) -> bool {
    if !h.urban_hukou || h.business_income {
        return false;
    }
    let working_age: Vec<&MemberFacts> = h
        .members
        .iter()
        .filter(|m| m.is_working_age(on, policy))
        .collect();
    let seekers: Vec<&&MemberFacts> = working_age
        .iter()
        .filter(|m| m.is_able_and_willing(on, policy))
        .collect();
    !seekers.is_empty()
        && seekers.iter().all(|m| m.status.is_unemployed())
        && !working_age.iter().any(|m| m.status.is_employed())
}

/// What a saved version of a ledger record changed, as its history names it: a field, or a
/// record merged into it (`merged_record:<id>`, written by a merge).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryChange {
    /// A field, by the message key of its label (`ledger.business_income`)
    Field(String),
    /// The id of the person record merged into this one
    Merged(String),
}

/// Reads one entry of a saved version's `changes` (the stored field names of a household or a
/// person), so a page can show 「有经营性或投资性收入」 rather than `business_income`. Unknown
/// names get `ledger.<name>`, which the locale test checks for every field a record has.
pub fn history_change(change: &str) -> HistoryChange {
    if let Some(id) = change.strip_prefix("merged_record:") {
        return HistoryChange::Merged(id.to_string());
    }
    HistoryChange::Field(match change {
        "community_code" => "ledger.community".into(),
        "last_visit_on" => "ledger.last_visit".into(),
        "next_visit_on" => "ledger.next_visit".into(),
        "land_lost_farmer"
        | "disabled"
        | "veteran_or_military_family"
        | "single_parent"
        | "dibao" => format!("ledger.flag.{change}"),
        _ => format!("ledger.{change}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_changes_are_read_as_fields_or_merges() {
        assert_eq!(
            history_change("business_income"),
            HistoryChange::Field("ledger.business_income".into())
        );
        assert_eq!(
            history_change("dibao"),
            HistoryChange::Field("ledger.flag.dibao".into())
        );
        assert_eq!(
            history_change("merged_record:42"),
            HistoryChange::Merged("42".into())
        );
    }

    #[test]
    fn needs_choose_services() {
        assert_eq!(
            Need::services(&[
                Need::Training,
                Need::PolicyAdvice,
                Need::JobReferral,
                Need::Training
            ]),
            vec![
                Service::CareerGuidance,
                Service::Training,
                Service::JobReferral
            ]
        );
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn member(birth: &str, sex: Sex, status: EmploymentStatus) -> MemberFacts {
        MemberFacts {
            birth_date: d(birth),
            sex,
            ability: LabourAbility::Full,
            wants_work: true,
            status,
        }
    }

    const TODAY: &str = "2026-11-25";

    #[test]
    fn age_counts_full_years() {
        assert_eq!(age_on(d("1976-11-25"), d(TODAY)), 50);
        assert_eq!(age_on(d("1976-11-26"), d(TODAY)), 49);
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
    }

    #[test]
    fn working_age_ends_at_retirement_age_per_sex() {
        let p = AssistancePolicy::default();
        let on = d(TODAY);
        // Defaults: 16 to 60 for men, 16 to 50 for women.
        assert!(
            member("1966-11-26", Sex::Male, EmploymentStatus::Unemployed).is_working_age(on, &p)
        );
        assert!(
            !member("1966-11-25", Sex::Male, EmploymentStatus::Unemployed).is_working_age(on, &p)
        );
        assert!(
            !member("1976-11-25", Sex::Female, EmploymentStatus::Unemployed).is_working_age(on, &p)
        );
        assert!(
            !member("2010-11-26", Sex::Male, EmploymentStatus::Unemployed).is_working_age(on, &p)
        );
        assert!(
            member("2010-11-25", Sex::Male, EmploymentStatus::Unemployed).is_working_age(on, &p)
        );
    }

    #[test]
    fn zero_employment_household_table() {
        let p = AssistancePolicy::default();
        let on = d(TODAY);
        let unemployed_man = member(
            "1980-03-01",
            Sex::Male,
            EmploymentStatus::RegisteredUnemployed,
        );
        let unemployed_woman = member("1985-05-01", Sex::Female, EmploymentStatus::Unemployed);
        let employed_woman = member(
            "1985-05-01",
            Sex::Female,
            EmploymentStatus::EmployedFlexible,
        );
        let retired = member("1950-01-01", Sex::Male, EmploymentStatus::NotInLabourForce);
        let student = MemberFacts {
            wants_work: false,
            ..member(
                "2006-09-01",
                Sex::Female,
                EmploymentStatus::NotInLabourForce,
            )
        };
        let unable = MemberFacts {
            ability: LabourAbility::None,
            ..member("1979-01-01", Sex::Male, EmploymentStatus::NotInLabourForce)
        };
        let household = |urban, business, members: Vec<MemberFacts>| HouseholdFacts {
            urban_hukou: urban,
            business_income: business,
            members,
        };
        let cases = [
            // Both seekers unemployed, a retiree and a student beside them: zero-employment.
            (
                household(
                    true,
                    false,
                    vec![unemployed_man, unemployed_woman, retired, student],
                ),
                true,
            ),
            // One member employed: not.
            (
                household(true, false, vec![unemployed_man, employed_woman]),
                false,
            ),
            // Business income: not.
            (household(true, true, vec![unemployed_man]), false),
            // Rural hukou: the rule is for urban households.
            (household(false, false, vec![unemployed_man]), false),
            // Nobody able and willing (a retiree and an unable member): not.
            (household(true, false, vec![retired, unable]), false),
            // An unable member and an unemployed seeker: zero-employment.
            (household(true, false, vec![unable, unemployed_woman]), true),
            // No members recorded yet: not.
            (household(true, false, vec![]), false),
        ];
        for (i, (h, expected)) in cases.iter().enumerate() {
            assert_eq!(is_zero_employment(h, on, &p), *expected, "case {i}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for s in EmploymentStatus::ALL {
            assert_eq!(EmploymentStatus::parse(s.as_str()), Some(s));
        }
        for e in Education::ALL {
            assert_eq!(Education::parse(e.as_str()), Some(e));
        }
        assert_eq!(
            Need::split(&Need::join(&[Need::Training, Need::JobReferral])),
            vec![Need::Training, Need::JobReferral]
        );
        assert_eq!(Need::split("training,bogus"), vec![Need::Training]);
        assert_eq!(Need::split(""), vec![]);
    }
}
