//! 「一人一策」: the service catalogue with its standards (content, time limit, expected
//! effect), plan items with due dates from the standards, and the results of service records.
//! The catalogue is part of the versioned assistance policy (`policy::AssistancePolicy::services`);
//! `Service::default_standard` gives this system's defaults (working days on the official
//! calendar).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::WorkCalendar;

/// A service of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Service {
    /// 职业指导
    CareerGuidance,
    /// 职业介绍
    JobReferral,
    /// 职业培训
    Training,
    /// 创业服务
    Entrepreneurship,
    /// 公益性岗位安置
    PublicWelfarePost,
    /// 社保补贴
    SocialInsuranceSubsidy,
    /// 岗位补贴
    PostSubsidy,
}

impl Service {
    pub const ALL: [Service; 7] = [
        Service::CareerGuidance,
        Service::JobReferral,
        Service::Training,
        Service::Entrepreneurship,
        Service::PublicWelfarePost,
        Service::SocialInsuranceSubsidy,
        Service::PostSubsidy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Service::CareerGuidance => "career_guidance",
            Service::JobReferral => "job_referral",
            Service::Training => "training",
            Service::Entrepreneurship => "entrepreneurship",
            Service::PublicWelfarePost => "public_welfare_post",
            Service::SocialInsuranceSubsidy => "social_insurance_subsidy",
            Service::PostSubsidy => "post_subsidy",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The standard of this service in the default catalogue.
    pub fn default_standard(self) -> Standard {
        let (days, content, effect) = match self {
            Service::CareerGuidance => (
                5,
                "一对一职业指导，分析就业意向与能力，给出求职建议",
                "明确求职方向",
            ),
            Service::JobReferral => (
                20,
                "推荐不少于3个与本人条件相适应的岗位",
                "实现就业或参加面试",
            ),
            Service::Training => (22, "推荐参加免费职业技能培训", "取得培训合格证书或职业资格"),
            Service::Entrepreneurship => (
                22,
                "开业指导、创业培训、担保贷款等创业服务",
                "办理营业执照或获得创业贷款",
            ),
            Service::PublicWelfarePost => (
                30,
                "对通过市场难以就业的，按规定安置公益性岗位",
                "在公益性岗位上岗",
            ),
            Service::SocialInsuranceSubsidy => (
                20,
                "为灵活就业或单位吸纳的援助对象申办社会保险补贴",
                "补贴按规定发放",
            ),
            Service::PostSubsidy => (
                20,
                "为吸纳援助对象的单位或公益性岗位申办岗位补贴",
                "补贴按规定发放",
            ),
        };
        Standard {
            service: self,
            time_limit_days: days,
            content: content.to_string(),
            expected_effect: effect.to_string(),
        }
    }
}

/// A service's standard: content, time limit (working days from the plan) and expected effect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Standard {
    pub service: Service,
    pub time_limit_days: u32,
    pub content: String,
    pub expected_effect: String,
}

/// The default catalogue: every service with its default standard.
pub fn default_catalogue() -> Vec<Standard> {
    Service::ALL
        .into_iter()
        .map(Service::default_standard)
        .collect()
}

impl Standard {
    pub fn due(&self, planned_on: NaiveDate, cal: &WorkCalendar) -> NaiveDate {
        cal.add_working_days(planned_on, self.time_limit_days)
    }
}

/// The result of one service contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 已提供 (guidance given, training arranged …)
    Provided,
    /// 推荐成功，本人接受
    Accepted,
    /// 本人拒绝 (counts towards the exit rule when without reason)
    Refused,
    /// 未联系上
    NoContact,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Provided,
        Outcome::Accepted,
        Outcome::Refused,
        Outcome::NoContact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Provided => "provided",
            Outcome::Accepted => "accepted",
            Outcome::Refused => "refused",
            Outcome::NoContact => "no_contact",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether this contact fulfils the plan item it belongs to.
    pub fn completes_item(self) -> bool {
        matches!(self, Outcome::Provided | Outcome::Accepted)
    }
}

/// An open item is overdue the day after its due date.
pub fn is_overdue(due: NaiveDate, done: Option<NaiveDate>, on: NaiveDate) -> bool {
    done.is_none() && on > due
}

/// Whether a service record counts towards the exit rule "refused N suitable referrals without
/// reason": a job referral the person refused (other services refused do not count).
pub fn is_refused_referral(service: &str, outcome: &str) -> bool {
    Service::parse(service) == Some(Service::JobReferral)
        && Outcome::parse(outcome) == Some(Outcome::Refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn due_dates_follow_the_standard_on_the_working_calendar() {
        let cal = WorkCalendar::bundled().expect("calendar");
        // Planned Monday 2026-09-21: 5 working days of guidance are Tue 22, Wed 23, Thu 24
        // (Fri 25 is 中秋节), Mon 28, Tue 29.
        assert_eq!(
            Service::CareerGuidance
                .default_standard()
                .due(d("2026-09-21"), &cal),
            d("2026-09-29")
        );
        // 20 working days of referral: 6 in September, National Day off, then Oct 8, 9, the
        // 调休 Saturday 10, 12–16, 19–23 and Monday 26.
        let due = Service::JobReferral
            .default_standard()
            .due(d("2026-09-21"), &cal);
        assert_eq!(cal.working_days_between(d("2026-09-21"), due), 20);
        assert_eq!(due, d("2026-10-26"));
    }

    #[test]
    fn results_close_items() {
        assert!(Outcome::Accepted.completes_item());
        assert!(!Outcome::Refused.completes_item());
        assert!(is_overdue(d("2026-11-20"), None, d("2026-11-21")));
        assert!(!is_overdue(d("2026-11-20"), None, d("2026-11-20")));
        assert!(!is_overdue(
            d("2026-11-20"),
            Some(d("2026-11-25")),
            d("2026-11-30")
        ));
        for s in Service::ALL {
            assert_eq!(Service::parse(s.as_str()), Some(s));
            assert!(s.default_standard().time_limit_days > 0);
        }
    }

    #[test]
    fn only_refused_job_referrals_count_towards_the_exit() {
        assert!(is_refused_referral("job_referral", "refused"));
        assert!(!is_refused_referral("training", "refused"));
        assert!(!is_refused_referral("job_referral", "accepted"));
        assert!(!is_refused_referral("nonsense", "refused"));
    }
}
