//! 劳动保障协理员 as the browser and REST clients see them: the registry record, the grade
//! history, training, exams, ratings, the rules checked, and the inputs that change them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::area::AreaView;
use super::checks::{Errors, code, date, id_number, phone, required, text};
use super::error::AppError;
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::grading::{Employment, Grade, Rating, RuleCheck};
use crate::domain::id_card::IdCard;
use crate::domain::ledger::Education;

/// A coordinator as registered or edited. Dates are YYYY-MM-DD.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CoordinatorInput {
    pub name: Option<String>,
    /// 身份证号
    pub id_number: Option<String>,
    pub phone: Option<String>,
    /// The community/village (or street/township) assigned
    pub area_code: Option<String>,
    /// `full_time`, `part_time` or `welfare_post`
    pub employment: Option<String>,
    pub hired_on: Option<String>,
    /// See `Education`
    pub education: Option<String>,
    pub contract_from: Option<String>,
    pub contract_until: Option<String>,
    /// The coordinator's own login, for the phone view
    pub account_username: Option<String>,
    /// On registering staff already graded: the grade held (`second` or `first`) …
    pub grade: Option<String>,
    /// … and since when
    pub grade_since: Option<String>,
    /// The version the editor saw; absent when registering
    pub version: Option<i32>,
}

/// A coordinator input that passed its checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedCoordinator {
    pub name: String,
    pub id_card: IdCard,
    pub phone: Option<String>,
    pub area: AreaCode,
    pub employment: Employment,
    pub hired_on: NaiveDate,
    pub education: Option<Education>,
    pub contract_from: Option<NaiveDate>,
    pub contract_until: Option<NaiveDate>,
    pub account_username: Option<String>,
    pub grade: Option<(Grade, NaiveDate)>,
}

impl CoordinatorInput {
    /// Checks every field against `today` (no hiring or grade in the future).
    pub fn check(&self, today: NaiveDate) -> Result<CheckedCoordinator, AppError> {
        let mut e = Errors::default();
        let name = required(&mut e, "name", &self.name, 50);
        let id_card = id_number(&mut e, &self.id_number, today);
        let phone = phone(&mut e, &self.phone);
        let area = match self.area_code.as_deref().map(str::trim) {
            None | Some("") => {
                e.add("area_code", "area_code.required");
                None
            }
            Some(s) => match AreaCode::parse(s) {
                Ok(c) if c.level() >= AreaLevel::Township => Some(c),
                Ok(_) => {
                    e.add("area_code", "area.wrong_level");
                    None
                }
                Err(_) => {
                    e.add("area_code", "area.malformed");
                    None
                }
            },
        };
        let employment = code(&mut e, "employment", &self.employment, Employment::parse);
        if employment.is_none() && !e.0.contains_key("employment") {
            e.add("employment", "employment.required");
        }
        let hired_on = date(&mut e, "hired_on", &self.hired_on, today);
        if hired_on.is_none() && !e.0.contains_key("hired_on") {
            e.add("hired_on", "hired_on.required");
        }
        let education = code(&mut e, "education", &self.education, Education::parse);
        let far = today + chrono::Days::new(20 * 366);
        let contract_from = date(&mut e, "contract_from", &self.contract_from, far);
        let contract_until = date(&mut e, "contract_until", &self.contract_until, far);
        if let (Some(a), Some(b)) = (contract_from, contract_until)
            && b < a
        {
            e.add("contract_until", "date.before_start");
        }
        let account_username = text(&mut e, "account_username", &self.account_username, 64);
        let grade = code(&mut e, "grade", &self.grade, Grade::parse);
        let grade_since = date(&mut e, "grade_since", &self.grade_since, today);
        if grade.is_some() != grade_since.is_some() && !e.0.contains_key("grade_since") {
            e.add("grade_since", "grade_since.required");
        }
        e.finish(|| {
            Some(CheckedCoordinator {
                name: name?,
                id_card: id_card?,
                phone,
                area: area?,
                employment: employment?,
                hired_on: hired_on?,
                education,
                contract_from,
                contract_until,
                account_username,
                grade: grade.zip(grade_since),
            })
        })
    }
}

/// A training course finished.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrainingInput {
    pub course: Option<String>,
    #[serde(default, deserialize_with = "super::checks::opt_number")]
    pub hours: Option<u32>,
    pub finished_on: Option<String>,
    /// 岗前培训
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub pre_service: bool,
}

impl TrainingInput {
    pub fn check(&self, today: NaiveDate) -> Result<(String, u32, NaiveDate), AppError> {
        let mut e = Errors::default();
        let course = required(&mut e, "course", &self.course, 100);
        let hours = match self.hours {
            Some(h) if (1..=1000).contains(&h) => Some(h),
            Some(_) => {
                e.add("hours", "number.out_of_range");
                None
            }
            None => {
                e.add("hours", "hours.required");
                None
            }
        };
        let on = date(&mut e, "finished_on", &self.finished_on, today);
        if on.is_none() && !e.0.contains_key("finished_on") {
            e.add("finished_on", "finished_on.required");
        }
        e.finish(|| Some((course?, hours?, on?)))
    }
}

/// A coordinator's leaving: the last day of work and why (this system's record of `left_on`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LeaveInput {
    /// YYYY-MM-DD, not after today
    pub left_on: Option<String>,
    /// Why (contract ended, resigned, moved…), at most 200 characters
    pub left_reason: Option<String>,
    /// The version of the record the HR manager saw
    pub version: Option<i32>,
}

impl LeaveInput {
    /// The day and the reason. Errors (field errors): `left_on` `left_on.required`,
    /// `date.malformed`, `date.future`; `left_reason` `left_reason.required`,
    /// `left_reason.too_long`, `text.control_chars`.
    pub fn check(&self, today: NaiveDate) -> Result<(NaiveDate, String), AppError> {
        let mut e = Errors::default();
        let on = date(&mut e, "left_on", &self.left_on, today);
        if on.is_none() && !e.0.contains_key("left_on") {
            e.add("left_on", "left_on.required");
        }
        let reason = required(&mut e, "left_reason", &self.left_reason, 200);
        e.finish(|| Some((on?, reason?)))
    }
}

/// One field of a coordinator's record as an edit changed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldChange {
    /// The record's field (`name`, `area_code`, `employment`, `left_on`…); its label is
    /// `coordinators.field.<field>`
    pub field: String,
    /// The value before (an area by name; codes of employment and education as stored);
    /// `None` when empty, and always for a personal number
    pub before: Option<String>,
    pub after: Option<String>,
    /// A personal number (身份证号, phone): the history says it changed, never to what
    pub hidden: bool,
}

/// One saved version of a coordinator's record: who changed which fields, from what to what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordChange {
    pub version: i32,
    /// YYYY-MM-DD HH:MM, Beijing time
    pub changed_at: String,
    /// The editor's display name
    pub changed_by: String,
    /// Empty for the record as first kept
    pub changes: Vec<FieldChange>,
}

/// A qualification exam sat: theory and practical scores out of 100.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ExamInput {
    pub sat_on: Option<String>,
    #[serde(default, deserialize_with = "super::checks::opt_number")]
    pub theory: Option<u32>,
    #[serde(default, deserialize_with = "super::checks::opt_number")]
    pub practical: Option<u32>,
}

/// A score out of 100, required.
fn score(e: &mut Errors, field: &str, raw: Option<u32>) -> Option<u32> {
    match raw {
        Some(s) if s <= 100 => Some(s),
        Some(_) => {
            e.add(field, "score.out_of_range");
            None
        }
        None => {
            e.add(field, "score.required");
            None
        }
    }
}

impl ExamInput {
    pub fn check(&self, today: NaiveDate) -> Result<(NaiveDate, u32, u32), AppError> {
        let mut e = Errors::default();
        let on = date(&mut e, "sat_on", &self.sat_on, today);
        if on.is_none() && !e.0.contains_key("sat_on") {
            e.add("sat_on", "sat_on.required");
        }
        let theory = score(&mut e, "theory", self.theory);
        let practical = score(&mut e, "practical", self.practical);
        e.finish(|| Some((on?, theory?, practical?)))
    }
}

/// A promotion assessment score entered in a round.
pub fn check_assessment(raw: Option<u32>) -> Result<u32, AppError> {
    let mut e = Errors::default();
    let s = score(&mut e, "assessment", raw);
    e.finish(|| s)
}

/// An annual rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatingInput {
    pub year: i32,
    pub rating: Rating,
}

/// Entry to 二级 (checked against the entry rules) from a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EntryInput {
    /// YYYY-MM-DD, not in the future
    pub from_date: String,
}

/// One row of the grade history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GradeEntry {
    pub grade: Grade,
    /// YYYY-MM-DD
    pub from_date: String,
    pub reason: String,
    pub round_id: Option<i64>,
    pub recorded_by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrainingView {
    pub id: i64,
    pub course: String,
    pub hours: u32,
    pub finished_on: String,
    pub pre_service: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ExamView {
    pub id: i64,
    pub sat_on: String,
    pub theory: u32,
    pub practical: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatingView {
    pub year: i32,
    pub rating: Rating,
    pub recorded_by: String,
}

/// The caseload of the coordinator's community, from the assistance ledgers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Caseload {
    pub households: u64,
    pub people: u64,
    /// 就业援助对象 with an open file
    pub assistance_targets: u64,
    /// 零就业家庭 not yet cleared
    pub zero_households: u64,
}

/// One coordinator, whole: the record, the grade now and its history, the records the rules
/// read, and the rules checked on the day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CoordinatorView {
    pub id: i64,
    pub name: String,
    /// In full for the HR manager of the area and the coordinator; masked otherwise
    pub id_number: String,
    pub phone: Option<String>,
    pub area: AreaView,
    /// The street or township the area lies in (the area itself at that level)
    pub street: Option<AreaView>,
    pub employment: Employment,
    pub hired_on: String,
    pub education: Option<Education>,
    pub contract_from: Option<String>,
    pub contract_until: Option<String>,
    pub non_renewal: bool,
    /// The last day of work (YYYY-MM-DD) of a coordinator who left, and why
    pub left_on: Option<String>,
    pub left_reason: Option<String>,
    pub account_username: Option<String>,
    /// The grade on the day, and since when
    pub grade: Option<Grade>,
    pub grade_since: Option<String>,
    /// A grade change recorded for a later day (a promotion's effective date)
    pub next_grade: Option<GradeEntry>,
    /// The performance-pay coefficient (‰) of the grade and the latest rating
    pub pay_coefficient: Option<u32>,
    pub grades: Vec<GradeEntry>,
    pub training: Vec<TrainingView>,
    /// Training hours counted by the promotion rule (the window up to the day)
    pub training_hours: u32,
    pub exams: Vec<ExamView>,
    pub ratings: Vec<RatingView>,
    /// Entry to 二级, rule by rule
    pub entry_checks: Vec<RuleCheck>,
    /// Promotion to 一级, rule by rule (the assessment from the latest round's score)
    pub promotion_checks: Vec<RuleCheck>,
    pub caseload: Option<Caseload>,
    /// The policy version the checks used
    pub policy_version: String,
    pub version: i32,
    /// The signed-in account may edit the record
    pub can_edit: bool,
    /// The record's edits, newest first, field by field
    pub history: Vec<RecordChange>,
}

/// Filters of the coordinator list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct CoordinatorQuery {
    /// Area code inside the caller's scope
    pub area: Option<String>,
    /// Part of the name
    pub q: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

/// One coordinator in a list (ID number and phone masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CoordinatorRow {
    pub id: i64,
    pub name: String,
    pub id_number: String,
    pub area: AreaView,
    pub employment: Employment,
    pub grade: Option<Grade>,
    pub latest_rating: Option<RatingView>,
    pub non_renewal: bool,
    /// Meets every promotion rule but the assessment
    pub promotion_candidate: bool,
}

/// What a clean sheet did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportSummary {
    pub ratings: u64,
    /// Names of 一级 coordinators rated 不合格, now 二级
    pub demoted: Vec<String>,
    /// Names of 二级 coordinators rated 不合格, flagged for non-renewal
    pub flagged: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
    }

    fn input() -> CoordinatorInput {
        CoordinatorInput {
            name: Some("李协理".into()),
            id_number: crate::domain::id_card::complete("44030519900101002"),
            phone: Some("13800138000".into()),
            area_code: Some("440305001007".into()),
            employment: Some("full_time".into()),
            hired_on: Some("2020-03-01".into()),
            education: Some("college".into()),
            grade: Some("second".into()),
            grade_since: Some("2021-01-01".into()),
            ..CoordinatorInput::default()
        }
    }

    fn errors(r: Result<CheckedCoordinator, AppError>) -> Vec<(String, String)> {
        match r {
            Err(AppError::Invalid(f)) => f.into_iter().collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn a_coordinator_is_checked_field_by_field() {
        let ok = input().check(today()).expect("valid");
        assert_eq!(ok.employment, Employment::FullTime);
        assert_eq!(
            ok.grade,
            Some((
                Grade::Second,
                NaiveDate::from_ymd_opt(2021, 1, 1).expect("date")
            ))
        );
        let bad = CoordinatorInput {
            id_number: Some("440305199001010021".into()),
            phone: Some("12345".into()),
            area_code: Some("440305000000".into()),
            employment: Some("contractor".into()),
            hired_on: Some("2027-01-01".into()),
            contract_from: Some("2024-01-01".into()),
            contract_until: Some("2023-12-31".into()),
            grade_since: None,
            ..input()
        };
        let found = errors(bad.check(today()));
        let key = |f: &str| {
            found
                .iter()
                .find(|(k, _)| k == f)
                .map(|(_, v)| v.as_str())
                .unwrap_or("")
        };
        assert_eq!(key("id_number"), "id_number.checksum");
        assert_eq!(key("phone"), "phone.invalid");
        assert_eq!(key("area_code"), "area.wrong_level");
        assert_eq!(key("employment"), "employment.unknown");
        assert_eq!(key("hired_on"), "date.future");
        assert_eq!(key("contract_until"), "date.before_start");
        assert_eq!(key("grade_since"), "grade_since.required");
    }

    #[test]
    fn training_and_exam_records_are_bounded() {
        let t = TrainingInput {
            course: Some("就业政策".into()),
            hours: Some(0),
            finished_on: Some("2026-01-01".into()),
            pre_service: false,
        };
        assert!(matches!(t.check(today()), Err(AppError::Invalid(f)) if f.contains_key("hours")));
        let x = ExamInput {
            sat_on: Some("2026-01-01".into()),
            theory: Some(101),
            practical: Some(60),
        };
        assert!(
            matches!(x.check(today()), Err(AppError::Invalid(f)) if f.get("theory").map(String::as_str) == Some("score.out_of_range"))
        );
        assert_eq!(check_assessment(Some(70)), Ok(70));
        assert!(check_assessment(None).is_err());
    }
}
