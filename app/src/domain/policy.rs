//! The numbers of employment assistance, as one versioned policy. DOMAIN.md's figures are the
//! defaults; a province publishes its own version, and every decision records the version it was
//! judged by.

use serde::{Deserialize, Serialize};

use super::id_card::Sex;

/// 就业援助 policy: ages, durations and time limits. Durations in months, limits in working days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssistancePolicy {
    /// A label such as `default-2026` or `44-2027`.
    pub version: String,
    pub min_working_age: i32,
    pub retirement_age_male: i32,
    pub retirement_age_female: i32,
    /// 距法定退休年龄不足 N 年的登记失业人员
    pub near_retirement_years: i32,
    /// 连续失业 N 个月以上
    pub long_unemployment_months: u32,
    /// 毕业 N 个月未就业的高校毕业生
    pub graduate_months: u32,
    /// 「4050」: women from this age
    pub age_4050_female: i32,
    /// 「4050」: men from this age
    pub age_4050_male: i32,
    /// 登记认定 time limits in working days: community review (with 公示), street, county,
    /// notification.
    pub community_review_days: u32,
    pub street_review_days: u32,
    pub county_review_days: u32,
    pub notification_days: u32,
    /// 零就业家庭: cleared within N months of identification.
    pub zero_household_clear_months: u32,
    /// 零就业家庭: stable when still employed N months after clearing.
    pub zero_household_stable_months: u32,
    /// Exit: employed continuously for N months.
    pub exit_stable_employment_months: u32,
    /// Exit: refused N suitable referrals without reason.
    pub exit_refusals: u32,
    /// Exit: no contact for N months.
    pub exit_no_contact_months: u32,
    /// A household is due for a re-check visit N months after the last visit.
    pub recheck_months: u32,
}

impl Default for AssistancePolicy {
    fn default() -> Self {
        AssistancePolicy {
            version: "default-2026".to_string(),
            min_working_age: 16,
            retirement_age_male: 60,
            retirement_age_female: 50,
            near_retirement_years: 10,
            long_unemployment_months: 12,
            graduate_months: 6,
            age_4050_female: 40,
            age_4050_male: 50,
            community_review_days: 7,
            street_review_days: 7,
            county_review_days: 5,
            notification_days: 3,
            zero_household_clear_months: 1,
            zero_household_stable_months: 3,
            exit_stable_employment_months: 3,
            exit_refusals: 3,
            exit_no_contact_months: 3,
            recheck_months: 3,
        }
    }
}

impl AssistancePolicy {
    pub fn retirement_age(&self, sex: Sex) -> i32 {
        match sex {
            Sex::Male => self.retirement_age_male,
            Sex::Female => self.retirement_age_female,
        }
    }
}
