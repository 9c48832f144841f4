//! The numbers of employment assistance, as one versioned policy. DOMAIN.md's figures are the
//! defaults; a province publishes its own version, and every decision records the version it was
//! judged by.

use serde::{Deserialize, Serialize};

use super::id_card::Sex;
use super::plan::{Service, Standard, default_catalogue};

/// 就业援助 policy: ages, durations and time limits. Durations in months, limits in working days.
/// Every number is required when a version is published (a missing one is an error, never a
/// silent default); a stored version that lacks a field added later reads it as the default
/// (`from_stored`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssistancePolicy {
    /// A label such as `default-2026` or `44-2027-01-01` (given by the system on publishing).
    #[serde(default)]
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
    /// 初审公示: working days the community's notice of a registration stays up; the community
    /// approves only after it (this system's default 5, as DOMAIN.md gives for 公示; within the
    /// community's time limit). Versions stored before it existed read the default
    /// ([`AssistancePolicy::from_stored`]).
    pub community_notice_days: u32,
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
    /// 「一人一策」 service catalogue: each service's content, time limit and expected effect.
    pub services: Vec<Standard>,
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
            community_notice_days: default_community_notice_days(),
            street_review_days: 7,
            county_review_days: 5,
            notification_days: 3,
            zero_household_clear_months: 1,
            zero_household_stable_months: 3,
            exit_stable_employment_months: 3,
            exit_refusals: 3,
            exit_no_contact_months: 3,
            recheck_months: 3,
            services: default_catalogue(),
        }
    }
}

fn default_community_notice_days() -> u32 {
    5
}

impl AssistancePolicy {
    /// The community's notice in working days as applied: the version's own, shortened to end
    /// the working day before the community's time limit when a version stored before the
    /// notice existed has a limit of five days or fewer (publishing refuses such pairs).
    pub fn community_notice_days_within_limit(&self) -> u32 {
        self.community_notice_days
            .min(self.community_review_days.saturating_sub(1))
    }
}

/// What is wrong with one number of a policy: the field and the message key.
pub type PolicyFault = (&'static str, &'static str);

impl AssistancePolicy {
    /// Checks that every number lies in a range a province could sensibly publish; returns
    /// each field that does not (`policy.out_of_range`), or that the ages contradict each other.
    pub fn validate(&self) -> Vec<PolicyFault> {
        let mut faults = Vec::new();
        let mut range = |field: &'static str, value: i64, lo: i64, hi: i64| {
            if !(lo..=hi).contains(&value) {
                faults.push((field, "policy.out_of_range"));
            }
        };
        range("min_working_age", self.min_working_age.into(), 14, 18);
        range(
            "retirement_age_male",
            self.retirement_age_male.into(),
            50,
            70,
        );
        range(
            "retirement_age_female",
            self.retirement_age_female.into(),
            45,
            70,
        );
        range(
            "near_retirement_years",
            self.near_retirement_years.into(),
            1,
            15,
        );
        range(
            "long_unemployment_months",
            self.long_unemployment_months.into(),
            1,
            36,
        );
        range("graduate_months", self.graduate_months.into(), 1, 24);
        range("age_4050_female", self.age_4050_female.into(), 30, 60);
        range("age_4050_male", self.age_4050_male.into(), 30, 65);
        range(
            "community_review_days",
            self.community_review_days.into(),
            1,
            30,
        );
        range(
            "community_notice_days",
            self.community_notice_days.into(),
            i64::from(crate::domain::notice::MIN_NOTICE_DAYS),
            30,
        );
        range("street_review_days", self.street_review_days.into(), 1, 30);
        range("county_review_days", self.county_review_days.into(), 1, 30);
        range("notification_days", self.notification_days.into(), 1, 30);
        range(
            "zero_household_clear_months",
            self.zero_household_clear_months.into(),
            1,
            12,
        );
        range(
            "zero_household_stable_months",
            self.zero_household_stable_months.into(),
            1,
            24,
        );
        range(
            "exit_stable_employment_months",
            self.exit_stable_employment_months.into(),
            1,
            24,
        );
        range("exit_refusals", self.exit_refusals.into(), 1, 10);
        range(
            "exit_no_contact_months",
            self.exit_no_contact_months.into(),
            1,
            24,
        );
        range("recheck_months", self.recheck_months.into(), 1, 12);
        for (i, s) in self.services.iter().enumerate() {
            if !(1..=90).contains(&s.time_limit_days) {
                faults.push(("services", "policy.out_of_range"));
            }
            let text = |t: &str| (1..=200).contains(&t.chars().count());
            if !text(&s.content) || !text(&s.expected_effect) {
                faults.push(("services", "policy.service_text"));
            }
            if self.services[..i].iter().any(|o| o.service == s.service) {
                faults.push(("services", "policy.service_twice"));
            }
        }
        if self.community_notice_days >= self.community_review_days {
            // The notice must end before the community's time limit does.
            faults.push(("community_notice_days", "policy.notice_past_limit"));
        }
        if self.age_4050_female >= self.retirement_age_female {
            faults.push(("age_4050_female", "policy.after_retirement"));
        }
        if self.age_4050_male >= self.retirement_age_male {
            faults.push(("age_4050_male", "policy.after_retirement"));
        }
        faults
    }

    /// A stored version: the fields it has, the defaults for fields added since.
    #[cfg(feature = "ssr")]
    pub fn from_stored(json: &str) -> Result<Self, serde_json::Error> {
        let mut merged = serde_json::to_value(AssistancePolicy::default())?;
        let stored: serde_json::Value = serde_json::from_str(json)?;
        if let (Some(into), serde_json::Value::Object(from)) = (merged.as_object_mut(), stored) {
            into.extend(from);
        }
        serde_json::from_value(merged)
    }

    /// The standard of `service` in this version's catalogue (the default one if it has none).
    pub fn standard(&self, service: Service) -> Standard {
        self.services
            .iter()
            .find(|s| s.service == service)
            .cloned()
            .unwrap_or_else(|| service.default_standard())
    }

    pub fn retirement_age(&self, sex: Sex) -> i32 {
        match sex {
            Sex::Male => self.retirement_age_male,
            Sex::Female => self.retirement_age_female,
        }
    }
}

/// Who issued a policy version and from when, read from its label (`default-2026` for the bundled
/// defaults, `national-2027-01-01` for the ministry's, `44-2027-01-01` for a province's; the
/// labels `policy_store` gives on publishing), so pages can name it instead of showing the code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VersionLabel {
    /// The system's bundled defaults of a year
    Default { year: String },
    /// Published by the ministry, in force from a day (YYYY-MM-DD)
    National { from: String },
    /// Published by the province of the 2-digit code, in force from a day (YYYY-MM-DD)
    Province { province: String, from: String },
}

impl VersionLabel {
    /// The label's parts; `None` for a label of another form.
    pub fn parse(label: &str) -> Option<VersionLabel> {
        let (head, rest) = label.split_once('-')?;
        let is_day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok();
        match head {
            "default" if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) => {
                Some(VersionLabel::Default { year: rest.into() })
            }
            "national" if is_day(rest) => Some(VersionLabel::National { from: rest.into() }),
            p if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) && is_day(rest) => {
                Some(VersionLabel::Province {
                    province: p.into(),
                    from: rest.into(),
                })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_labels_name_their_issuer_and_day() {
        assert_eq!(
            VersionLabel::parse("default-2026"),
            Some(VersionLabel::Default {
                year: "2026".into()
            })
        );
        assert_eq!(
            VersionLabel::parse("national-2027-01-01"),
            Some(VersionLabel::National {
                from: "2027-01-01".into()
            })
        );
        assert_eq!(
            VersionLabel::parse("44-2027-03-01"),
            Some(VersionLabel::Province {
                province: "44".into(),
                from: "2027-03-01".into()
            })
        );
        for odd in ["", "default", "44-2027-13-01", "4-2027-01-01", "default-26"] {
            assert_eq!(VersionLabel::parse(odd), None, "{odd}");
        }
    }

    #[test]
    fn the_defaults_are_domain_md_and_valid() {
        let p = AssistancePolicy::default();
        assert_eq!(p.validate(), vec![]);
        assert_eq!((p.age_4050_female, p.age_4050_male), (40, 50));
        assert_eq!(
            (
                p.community_review_days,
                p.street_review_days,
                p.county_review_days,
                p.notification_days
            ),
            (7, 7, 5, 3)
        );
        assert_eq!(
            (
                p.zero_household_clear_months,
                p.zero_household_stable_months
            ),
            (1, 3)
        );
    }

    #[test]
    fn a_province_sets_its_own_service_time_limits() {
        let mut p = AssistancePolicy::default();
        assert_eq!(p.standard(Service::JobReferral).time_limit_days, 20);
        p.services.retain(|s| s.service != Service::JobReferral);
        p.services.push(Standard {
            time_limit_days: 10,
            ..Service::JobReferral.default_standard()
        });
        assert_eq!(p.validate(), vec![]);
        assert_eq!(p.standard(Service::JobReferral).time_limit_days, 10);
        // A limit of 0 days, or a service listed twice, is refused.
        p.services.push(Standard {
            time_limit_days: 0,
            ..Service::Training.default_standard()
        });
        let faults = p.validate();
        assert!(faults.contains(&("services", "policy.out_of_range")));
        assert!(faults.contains(&("services", "policy.service_twice")));
    }

    #[test]
    fn out_of_range_and_contradicting_numbers_are_named() {
        let p = AssistancePolicy {
            community_review_days: 0,
            retirement_age_female: 45,
            age_4050_female: 45,
            ..AssistancePolicy::default()
        };
        let faults = p.validate();
        assert!(faults.contains(&("community_review_days", "policy.out_of_range")));
        assert!(faults.contains(&("age_4050_female", "policy.after_retirement")));
        // A limit of 0 days also leaves no room for the community's notice.
        assert!(faults.contains(&("community_notice_days", "policy.notice_past_limit")));
        assert_eq!(faults.len(), 3);
        let short = AssistancePolicy {
            community_notice_days: 4,
            ..AssistancePolicy::default()
        };
        assert_eq!(
            short.validate(),
            vec![("community_notice_days", "policy.out_of_range")]
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn an_old_version_with_a_short_community_limit_keeps_a_day_after_the_notice() {
        let p = AssistancePolicy::from_stored(
            r#"{"version":"44-2026-01-01","community_review_days":3}"#,
        )
        .expect("policy");
        assert_eq!(p.community_notice_days, 5);
        assert_eq!(p.community_notice_days_within_limit(), 2);
        assert_eq!(
            AssistancePolicy::default().community_notice_days_within_limit(),
            5
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_stored_version_without_a_later_field_takes_its_default() {
        let p =
            AssistancePolicy::from_stored(r#"{"version":"44-2027-01-01","street_review_days":5}"#)
                .expect("policy");
        assert_eq!(p.street_review_days, 5);
        assert_eq!(p.county_review_days, 5);
        assert_eq!(p.recheck_months, 3);
        // Published versions must say every number.
        assert!(serde_json::from_str::<AssistancePolicy>(r#"{"street_review_days":5}"#).is_err());
    }
}
