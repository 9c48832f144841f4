//! 劳动保障协理员 grades as pure rules (DOMAIN.md §2): 二级 is the entry grade, 一级 the senior
//! one. Entry to 二级 and promotion to 一级 are checked rule by rule against the coordinator's
//! records, each rule saying whether it is met and from which records; the annual rating sets
//! the performance-pay coefficient and can demote. Every number is a policy default that a
//! province may change.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ledger::Education;

/// A coordinator's grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 二级协理员 (entry)
    Second,
    /// 一级协理员 (senior)
    First,
}

impl Grade {
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Second => "second",
            Grade::First => "first",
        }
    }

    pub fn parse(s: &str) -> Option<Grade> {
        [Grade::Second, Grade::First]
            .into_iter()
            .find(|g| g.as_str() == s)
    }
}

/// How a coordinator is employed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Employment {
    /// 专职
    FullTime,
    /// 兼职
    PartTime,
    /// 公益性岗位
    WelfarePost,
}

impl Employment {
    pub const ALL: [Employment; 3] = [
        Employment::FullTime,
        Employment::PartTime,
        Employment::WelfarePost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Employment::FullTime => "full_time",
            Employment::PartTime => "part_time",
            Employment::WelfarePost => "welfare_post",
        }
    }

    pub fn parse(s: &str) -> Option<Employment> {
        Employment::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// An annual rating (年度考核).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// 不合格
    Unqualified,
    /// 基本合格
    BasicallyQualified,
    /// 合格
    Qualified,
    /// 优秀
    Excellent,
}

impl Rating {
    pub const ALL: [Rating; 4] = [
        Rating::Excellent,
        Rating::Qualified,
        Rating::BasicallyQualified,
        Rating::Unqualified,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Excellent => "excellent",
            Rating::Qualified => "qualified",
            Rating::BasicallyQualified => "basically_qualified",
            Rating::Unqualified => "unqualified",
        }
    }

    pub fn parse(s: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The rating as typed in a workbook: 优秀 / 合格 / 基本合格 / 不合格 (or its code).
    pub fn from_chinese(s: &str) -> Option<Rating> {
        match s.trim() {
            "优秀" => Some(Rating::Excellent),
            "合格" => Some(Rating::Qualified),
            "基本合格" => Some(Rating::BasicallyQualified),
            "不合格" => Some(Rating::Unqualified),
            other => Rating::parse(other),
        }
    }
}

/// The grade rules of one policy version. Scores are out of 100; pay coefficients in ‰.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GradePolicy {
    /// Entry: each of the theory and practical exam scores at least this
    pub exam_pass: u32,
    /// Entry: this education or above
    pub min_education: Education,
    /// Promotion: whole years at 二级
    pub years_at_second: u32,
    /// Promotion: training hours in the window
    pub training_hours: u32,
    /// Promotion: the training window, in years up to the day
    pub training_window_years: u32,
    /// Promotion: the promotion assessment passed with at least this
    pub assessment_pass: u32,
    /// Performance-pay coefficient (‰) of 二级 per rating: 优秀, 合格, 基本合格, 不合格
    #[cfg_attr(feature = "ssr", schema(min_items = 4, max_items = 4))]
    pub pay_second: [u32; 4],
    /// Performance-pay coefficient (‰) of 一级 per rating: 优秀, 合格, 基本合格, 不合格
    #[cfg_attr(feature = "ssr", schema(min_items = 4, max_items = 4))]
    pub pay_first: [u32; 4],
}

impl Default for GradePolicy {
    fn default() -> Self {
        GradePolicy {
            exam_pass: 60,
            min_education: Education::College,
            years_at_second: 2,
            training_hours: 40,
            training_window_years: 2,
            assessment_pass: 70,
            pay_second: [1200, 1000, 800, 500],
            pay_first: [1400, 1200, 1000, 600],
        }
    }
}

impl GradePolicy {
    /// The performance-pay coefficient (‰) for a grade and a rating.
    pub fn pay_coefficient(&self, grade: Grade, rating: Rating) -> u32 {
        let table = match grade {
            Grade::Second => &self.pay_second,
            Grade::First => &self.pay_first,
        };
        let i = Rating::ALL.iter().position(|r| *r == rating).unwrap_or(3);
        table[i]
    }
}

/// An exam sat (theory and practical, out of 100).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ExamRecord {
    pub id: i64,
    pub sat_on: NaiveDate,
    pub theory: u32,
    pub practical: u32,
}

/// A training course attended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrainingRecord {
    pub id: i64,
    pub course: String,
    pub hours: u32,
    pub finished_on: NaiveDate,
    /// 岗前培训
    pub pre_service: bool,
}

/// What the rules read about one coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoordinatorFacts {
    pub grade: Option<Grade>,
    /// Since when the present grade is held
    pub grade_since: Option<NaiveDate>,
    pub education: Option<Education>,
    pub exams: Vec<ExamRecord>,
    pub training: Vec<TrainingRecord>,
    /// (year, rating), any order
    pub ratings: Vec<(i32, Rating)>,
    /// The latest promotion assessment score, if one was taken
    pub assessment: Option<u32>,
}

/// One rule checked: met or not, what the rule needs and what the records give (so a page can
/// say "needs 40 h in 2 years, has 24, short 16"), and the records it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RuleCheck {
    /// A stable code (`exam`, `education`, `pre_service`, `years`, `training`, `ratings`,
    /// `assessment`)
    pub rule: String,
    pub met: bool,
    /// What the rule needs under the policy (absent in checks kept before it was recorded)
    #[serde(default)]
    pub needed: Option<Figure>,
    /// What the records give (absent when they give nothing)
    #[serde(default)]
    pub found: Option<Figure>,
    /// The records it rests on, e.g. "2024-05-10 72/65" (exam: date, theory/practical) or
    /// "2025-03-01 政策培训 16h" (training: date, course, hours)
    pub evidence: Vec<String>,
}

/// A figure a grade rule needs or the records give, with its unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "unit", rename_all = "snake_case")]
pub enum Figure {
    /// Exam scores out of 100, theory and practical (needed: each part's pass mark; found: the
    /// best sitting)
    Exam { theory: u32, practical: u32 },
    /// An education level (needed: the lowest accepted)
    Education { level: Education },
    /// Pre-service training courses attended
    Courses { count: u32 },
    /// Whole years at 二级 (found: held since `since`, YYYY-MM-DD)
    Years { years: u32, since: Option<String> },
    /// Training hours within the last `within_years` years
    Hours { hours: u32, within_years: u32 },
    /// The annual ratings of the `years` years before: each at least `at_least`, one of them
    /// `one_at`
    RatingsNeeded {
        years: u32,
        at_least: Rating,
        one_at: Rating,
    },
    /// The annual ratings found for those years (newest first)
    Ratings { ratings: Vec<YearRating> },
    /// A score out of 100 (needed: the pass mark)
    Score { score: u32 },
}

/// An annual rating of one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct YearRating {
    pub year: i32,
    pub rating: Rating,
}

impl Figure {
    /// The amount a count-like figure holds (courses, years, hours, a score), for how far one
    /// falls short of another.
    fn amount(&self) -> Option<u32> {
        match self {
            Figure::Courses { count } => Some(*count),
            Figure::Years { years, .. } => Some(*years),
            Figure::Hours { hours, .. } => Some(*hours),
            Figure::Score { score } => Some(*score),
            _ => None,
        }
    }
}

impl RuleCheck {
    /// How far the records fall short of what the rule needs, in the rule's unit, when both
    /// are amounts (none found counts as 0); `None` when met or not an amount.
    pub fn short_by(&self) -> Option<u32> {
        if self.met {
            return None;
        }
        let needed = self.needed.as_ref()?.amount()?;
        let found = self.found.as_ref().and_then(Figure::amount).unwrap_or(0);
        Some(needed.saturating_sub(found)).filter(|s| *s > 0)
    }
}

fn check(
    rule: &str,
    met: bool,
    needed: Figure,
    found: Option<Figure>,
    evidence: Vec<String>,
) -> RuleCheck {
    RuleCheck {
        rule: rule.into(),
        met,
        needed: Some(needed),
        found,
        evidence,
    }
}

fn exam_text(e: &ExamRecord) -> String {
    format!("{} {}/{}", e.sat_on, e.theory, e.practical)
}

/// The rules for entering 二级: a qualification exam passed (both parts), the education, the
/// pre-service training.
pub fn entry_checks(f: &CoordinatorFacts, p: &GradePolicy) -> Vec<RuleCheck> {
    let passes = |e: &&ExamRecord| e.theory >= p.exam_pass && e.practical >= p.exam_pass;
    let passed: Vec<&ExamRecord> = f.exams.iter().filter(passes).collect();
    let shown: Vec<&ExamRecord> = if passed.is_empty() {
        f.exams.iter().collect()
    } else {
        passed.clone()
    };
    // The best sitting: a passed one first, then the higher weaker part.
    let best = shown
        .iter()
        .max_by_key(|e| (passes(e), e.theory.min(e.practical), e.theory + e.practical))
        .map(|e| Figure::Exam {
            theory: e.theory,
            practical: e.practical,
        });
    let pre: Vec<&TrainingRecord> = f.training.iter().filter(|t| t.pre_service).collect();
    vec![
        check(
            "exam",
            !passed.is_empty(),
            Figure::Exam {
                theory: p.exam_pass,
                practical: p.exam_pass,
            },
            best,
            shown.iter().map(|e| exam_text(e)).collect(),
        ),
        check(
            "education",
            f.education.is_some_and(|e| e >= p.min_education),
            Figure::Education {
                level: p.min_education,
            },
            f.education.map(|level| Figure::Education { level }),
            Vec::new(),
        ),
        check(
            "pre_service",
            !pre.is_empty(),
            Figure::Courses { count: 1 },
            Some(Figure::Courses {
                count: pre.len() as u32,
            }),
            pre.iter().map(|t| training_text(t)).collect(),
        ),
    ]
}

fn training_text(t: &TrainingRecord) -> String {
    format!("{} {} {}h", t.finished_on, t.course, t.hours)
}

/// The ratings of the two years before the year of `on` (newest first): a year without a
/// rating leaves a gap, so that old ratings never stand in for recent ones.
fn last_two(f: &CoordinatorFacts, on: NaiveDate) -> Vec<(i32, Rating)> {
    [on.year() - 1, on.year() - 2]
        .into_iter()
        .filter_map(|year| f.ratings.iter().copied().find(|(y, _)| *y == year))
        .collect()
}

/// The training records that count for promotion on `on`: finished in the
/// `training_window_years` up to and including `on` (DOMAIN.md §2, coordinators and their grades).
pub fn training_in_window<'a>(
    f: &'a CoordinatorFacts,
    p: &GradePolicy,
    on: NaiveDate,
) -> Vec<&'a TrainingRecord> {
    let window_start = on
        .checked_sub_months(Months::new(p.training_window_years * 12))
        .unwrap_or(NaiveDate::MIN);
    f.training
        .iter()
        .filter(|t| t.finished_on > window_start && t.finished_on <= on)
        .collect()
}

/// Whole years from `since` to `on` (a year counts once its day is reached).
fn whole_years(since: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = u32::try_from(on.year() - since.year()).unwrap_or(0);
    while years > 0
        && since
            .checked_add_months(Months::new(years * 12))
            .is_none_or(|d| d > on)
    {
        years -= 1;
    }
    years
}

/// The rules for promotion 二级 → 一级 on `on`: years at 二级, training hours in the window,
/// the last two ratings (合格 or better, one 优秀), the promotion assessment.
pub fn promotion_checks(f: &CoordinatorFacts, p: &GradePolicy, on: NaiveDate) -> Vec<RuleCheck> {
    let at_second = f.grade == Some(Grade::Second);
    let since = f.grade_since.filter(|_| at_second);
    let years_met = since
        .and_then(|s| s.checked_add_months(Months::new(p.years_at_second * 12)))
        .is_some_and(|d| d <= on);
    let counted = training_in_window(f, p, on);
    let hours: u32 = counted.iter().map(|t| t.hours).sum();
    let ratings = last_two(f, on);
    let ratings_met = ratings.len() == 2
        && ratings.iter().all(|(_, r)| *r >= Rating::Qualified)
        && ratings.iter().any(|(_, r)| *r == Rating::Excellent);
    vec![
        check(
            "years",
            years_met,
            Figure::Years {
                years: p.years_at_second,
                since: None,
            },
            since.map(|s| Figure::Years {
                years: whole_years(s, on),
                since: Some(s.format("%Y-%m-%d").to_string()),
            }),
            Vec::new(),
        ),
        check(
            "training",
            hours >= p.training_hours,
            Figure::Hours {
                hours: p.training_hours,
                within_years: p.training_window_years,
            },
            Some(Figure::Hours {
                hours,
                within_years: p.training_window_years,
            }),
            counted.iter().map(|t| training_text(t)).collect(),
        ),
        check(
            "ratings",
            ratings_met,
            Figure::RatingsNeeded {
                years: 2,
                at_least: Rating::Qualified,
                one_at: Rating::Excellent,
            },
            Some(Figure::Ratings {
                ratings: ratings
                    .iter()
                    .map(|(year, rating)| YearRating {
                        year: *year,
                        rating: *rating,
                    })
                    .collect(),
            }),
            Vec::new(),
        ),
        check(
            "assessment",
            f.assessment.is_some_and(|s| s >= p.assessment_pass),
            Figure::Score {
                score: p.assessment_pass,
            },
            f.assessment.map(|score| Figure::Score { score }),
            Vec::new(),
        ),
    ]
}

/// Why a grade was set, as kept with the grade history: coded, so that each page words it in
/// its own language. Stored as `registered`, `entry:<policy version>`, `promotion:<round title>` or
/// `demotion:<year>`; anything else is a reason written before the codes, shown as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GradeReason {
    /// 建档录入: the grade held when the record was made
    Registered,
    /// 考核上岗: entered 二级 under the policy version
    Entry { policy: String },
    /// Promoted to 一级 by the round of this title
    Promotion { round: String },
    /// 一级 lowered to 二级 after the year's 不合格 rating
    Demotion { year: i32 },
    /// Written as text
    Text(String),
}

impl GradeReason {
    /// The stored form.
    pub fn encode(&self) -> String {
        match self {
            GradeReason::Registered => "registered".into(),
            GradeReason::Entry { policy } => format!("entry:{policy}"),
            GradeReason::Promotion { round } => format!("promotion:{round}"),
            GradeReason::Demotion { year } => format!("demotion:{year}"),
            GradeReason::Text(t) => t.clone(),
        }
    }

    /// The reason of a stored form; text of no known code is kept as written.
    pub fn decode(stored: &str) -> GradeReason {
        if stored == "registered" {
            return GradeReason::Registered;
        }
        match stored.split_once(':') {
            Some(("entry", policy)) => GradeReason::Entry {
                policy: policy.into(),
            },
            Some(("promotion", round)) => GradeReason::Promotion {
                round: round.into(),
            },
            Some(("demotion", year)) => match year.parse() {
                Ok(year) => GradeReason::Demotion { year },
                Err(_) => GradeReason::Text(stored.into()),
            },
            _ => GradeReason::Text(stored.into()),
        }
    }
}

/// A grade held from a date: one row of a coordinator's grade history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeStep {
    pub from: NaiveDate,
    pub grade: Grade,
}

/// The grade on `on` and the day since which it has been held without a break: the newest
/// step from that day or earlier (steps of the same day in the order given, the last wins).
pub fn grade_on(steps: &[GradeStep], on: NaiveDate) -> Option<(Grade, NaiveDate)> {
    let mut past: Vec<&GradeStep> = steps.iter().filter(|s| s.from <= on).collect();
    past.sort_by_key(|s| s.from);
    let last = past.last()?;
    let since = past
        .iter()
        .rev()
        .take_while(|s| s.grade == last.grade)
        .last()
        .map_or(last.from, |s| s.from);
    Some((last.grade, since))
}

/// A promotion candidate: every promotion rule met but the assessment, which the round
/// itself holds.
pub fn is_candidate(checks: &[RuleCheck]) -> bool {
    checks
        .iter()
        .filter(|c| c.rule != "assessment")
        .all(|c| c.met)
}

/// What an annual rating does to the grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RatingEffect {
    Keep,
    /// 一级 with 不合格 falls back to 二级
    Demote,
    /// 二级 with 不合格 is flagged for non-renewal of the contract
    FlagNonRenewal,
}

pub fn rating_effect(grade: Grade, rating: Rating) -> RatingEffect {
    match (grade, rating) {
        (Grade::First, Rating::Unqualified) => RatingEffect::Demote,
        (Grade::Second, Rating::Unqualified) => RatingEffect::FlagNonRenewal,
        _ => RatingEffect::Keep,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn training(on: &str, hours: u32, pre: bool) -> TrainingRecord {
        TrainingRecord {
            id: 0,
            course: "就业政策".into(),
            hours,
            finished_on: d(on),
            pre_service: pre,
        }
    }

    /// A 二级 coordinator since 2024-03-01 who meets every promotion rule on 2026-11-26.
    fn ready() -> CoordinatorFacts {
        CoordinatorFacts {
            grade: Some(Grade::Second),
            grade_since: Some(d("2024-03-01")),
            education: Some(Education::College),
            exams: vec![ExamRecord {
                id: 1,
                sat_on: d("2024-01-10"),
                theory: 72,
                practical: 65,
            }],
            training: vec![
                training("2024-02-01", 24, true),
                training("2025-06-01", 24, false),
                training("2026-09-01", 16, false),
            ],
            ratings: vec![(2024, Rating::Qualified), (2025, Rating::Excellent)],
            assessment: Some(78),
        }
    }

    fn met(checks: &[RuleCheck], rule: &str) -> bool {
        checks
            .iter()
            .find(|c| c.rule == rule)
            .map(|c| c.met)
            .expect("rule")
    }

    #[test]
    fn entry_needs_both_exam_parts_the_education_and_pre_service_training() {
        let p = GradePolicy::default();
        let f = ready();
        assert!(entry_checks(&f, &p).iter().all(|c| c.met));
        let mut low = f.clone();
        low.exams[0].practical = 59;
        assert!(!met(&entry_checks(&low, &p), "exam"));
        let mut school = f.clone();
        school.education = Some(Education::SeniorSecondary);
        assert!(!met(&entry_checks(&school, &p), "education"));
        let mut none = f.clone();
        none.training.retain(|t| !t.pre_service);
        assert!(!met(&entry_checks(&none, &p), "pre_service"));
    }

    #[test]
    fn grade_reasons_keep_their_code_and_old_text_stays_text() {
        for r in [
            GradeReason::Registered,
            GradeReason::Entry {
                policy: "44-2027-01-01".into(),
            },
            GradeReason::Promotion {
                round: "南山区晋升: 2026".into(),
            },
            GradeReason::Demotion { year: 2025 },
        ] {
            assert_eq!(GradeReason::decode(&r.encode()), r);
        }
        assert_eq!(
            GradeReason::decode("考核上岗"),
            GradeReason::Text("考核上岗".into())
        );
        assert_eq!(
            GradeReason::decode("demotion:soon"),
            GradeReason::Text("demotion:soon".into())
        );
    }

    #[test]
    fn promotion_rules_each_from_their_records() {
        let p = GradePolicy::default();
        let on = d("2026-11-26");
        let checks = promotion_checks(&ready(), &p, on);
        assert!(checks.iter().all(|c| c.met), "{checks:?}");
        // The 2024-02 training is outside the two-year window: 24 + 16 = 40 hours exactly.
        let training = checks.iter().find(|c| c.rule == "training").expect("rule");
        assert_eq!(
            training.found,
            Some(Figure::Hours {
                hours: 40,
                within_years: p.training_window_years
            })
        );
        assert_eq!(training.evidence.len(), 2);
        // Less than the years at 二级: held one whole year, short by the rest.
        let mut recent = ready();
        recent.grade_since = Some(d("2025-01-01"));
        let checks = promotion_checks(&recent, &p, on);
        let years = checks.iter().find(|c| c.rule == "years").expect("rule");
        assert!(!years.met);
        assert_eq!(
            years.found,
            Some(Figure::Years {
                years: 1,
                since: Some("2025-01-01".into())
            })
        );
        assert_eq!(years.short_by(), Some(p.years_at_second - 1));
        // 39 hours: short by one.
        let mut short = ready();
        short.training[2].hours = 15;
        let checks = promotion_checks(&short, &p, on);
        let training = checks.iter().find(|c| c.rule == "training").expect("rule");
        assert!(!training.met);
        assert_eq!(training.short_by(), Some(1));
        // No assessment taken: short by the whole pass mark; met rules are short by nothing.
        let mut untested = ready();
        untested.assessment = None;
        let checks = promotion_checks(&untested, &p, on);
        let assessment = checks
            .iter()
            .find(|c| c.rule == "assessment")
            .expect("rule");
        assert_eq!(assessment.found, None);
        assert_eq!(assessment.short_by(), Some(p.assessment_pass));
        assert!(
            checks
                .iter()
                .filter(|c| c.met)
                .all(|c| c.short_by().is_none())
        );
        // Two 合格 without an 优秀; or one 基本合格.
        let mut plain = ready();
        plain.ratings = vec![(2024, Rating::Qualified), (2025, Rating::Qualified)];
        assert!(!met(&promotion_checks(&plain, &p, on), "ratings"));
        let mut weak = ready();
        weak.ratings = vec![
            (2024, Rating::BasicallyQualified),
            (2025, Rating::Excellent),
        ];
        assert!(!met(&promotion_checks(&weak, &p, on), "ratings"));
        // Old ratings do not stand in for the last two years.
        let mut stale = ready();
        stale.ratings = vec![(2019, Rating::Excellent), (2020, Rating::Excellent)];
        assert!(!met(&promotion_checks(&stale, &p, on), "ratings"));
        // This year's rating is not yet one of "the last two".
        let mut early = ready();
        early.ratings = vec![(2025, Rating::Excellent), (2026, Rating::Excellent)];
        assert!(!met(&promotion_checks(&early, &p, on), "ratings"));
        // Assessment 69 fails; none taken fails.
        let mut failed = ready();
        failed.assessment = Some(69);
        assert!(!met(&promotion_checks(&failed, &p, on), "assessment"));
        failed.assessment = None;
        assert!(!met(&promotion_checks(&failed, &p, on), "assessment"));
        // A 一级 coordinator is not a promotion candidate.
        let mut senior = ready();
        senior.grade = Some(Grade::First);
        assert!(!met(&promotion_checks(&senior, &p, on), "years"));
    }

    #[test]
    fn the_grade_on_a_day_and_since_when_it_is_held() {
        let steps = [
            GradeStep {
                from: d("2020-01-01"),
                grade: Grade::Second,
            },
            GradeStep {
                from: d("2023-01-01"),
                grade: Grade::First,
            },
            GradeStep {
                from: d("2025-03-01"),
                grade: Grade::Second,
            },
            GradeStep {
                from: d("2027-01-01"),
                grade: Grade::First,
            },
        ];
        assert_eq!(grade_on(&steps, d("2019-12-31")), None);
        assert_eq!(
            grade_on(&steps, d("2024-06-01")),
            Some((Grade::First, d("2023-01-01")))
        );
        // Demoted in 2025: 二级 counts from the demotion, not from 2020.
        assert_eq!(
            grade_on(&steps, d("2026-11-26")),
            Some((Grade::Second, d("2025-03-01")))
        );
        // A promotion effective next year is not yet the grade.
        assert_eq!(
            grade_on(&steps, d("2026-12-31")).map(|g| g.0),
            Some(Grade::Second)
        );
        // A record confirming the same grade does not restart the count.
        let confirmed = [
            steps[0],
            GradeStep {
                from: d("2021-01-01"),
                grade: Grade::Second,
            },
        ];
        assert_eq!(
            grade_on(&confirmed, d("2022-01-01")),
            Some((Grade::Second, d("2020-01-01")))
        );
    }

    #[test]
    fn a_candidate_meets_every_rule_but_the_assessment() {
        let p = GradePolicy::default();
        let on = d("2026-11-26");
        let mut f = ready();
        f.assessment = None;
        assert!(is_candidate(&promotion_checks(&f, &p, on)));
        f.training.pop();
        assert!(!is_candidate(&promotion_checks(&f, &p, on)));
    }

    #[test]
    fn an_unqualified_rating_demotes_a_first_grade_and_flags_a_second() {
        assert_eq!(
            rating_effect(Grade::First, Rating::Unqualified),
            RatingEffect::Demote
        );
        assert_eq!(
            rating_effect(Grade::Second, Rating::Unqualified),
            RatingEffect::FlagNonRenewal
        );
        assert_eq!(
            rating_effect(Grade::First, Rating::BasicallyQualified),
            RatingEffect::Keep
        );
        let p = GradePolicy::default();
        assert_eq!(p.pay_coefficient(Grade::First, Rating::Excellent), 1400);
        assert_eq!(p.pay_coefficient(Grade::Second, Rating::Unqualified), 500);
        assert_eq!(
            Rating::from_chinese(" 基本合格 "),
            Some(Rating::BasicallyQualified)
        );
        assert_eq!(Rating::from_chinese("良好"), None);
    }
}
