//! The checks of the ledger's inputs: each raw field trimmed and checked, every bad field with
//! its own message (`model::checks`), into the typed records the services write.

use chrono::NaiveDate;

use super::{HouseholdInput, PersonInput, VisitInput};
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::id_card::IdCard;
use crate::domain::ledger::{Education, EmploymentStatus, LabourAbility, Need};
use crate::model::AppError;
use crate::model::checks::{Errors, code, date, id_number, phone, required, text};

/// A household input that passed its checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedHousehold {
    pub community: AreaCode,
    pub address: String,
    pub hukou: Option<AreaCode>,
    pub urban_hukou: bool,
    pub business_income: bool,
    pub note: Option<String>,
}

/// A person input that passed its checks. Dates that do not fit the status are dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedPerson {
    pub id_card: IdCard,
    pub name: String,
    pub phone: Option<String>,
    pub education: Option<Education>,
    pub ability: LabourAbility,
    pub wants_work: bool,
    pub status: EmploymentStatus,
    pub unemployment_cert_no: Option<String>,
    pub unemployed_since: Option<NaiveDate>,
    pub employed_since: Option<NaiveDate>,
    pub graduated_on: Option<NaiveDate>,
    pub needs: Vec<Need>,
    pub land_lost_farmer: bool,
    pub disabled: bool,
    pub veteran_or_military_family: bool,
    pub single_parent: bool,
    pub dibao: bool,
}

/// A visit input that passed its checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedVisit {
    pub visited_on: NaiveDate,
    pub note: String,
}

/// 11-digit mobile numbers (1…), or fixed lines of 7–8 digits with an optional 3–4 digit area
/// code joined by a hyphen, and after an area code an optional extension of 1–6 digits joined
/// by a second hyphen (`0755-26661001-8023`, at most 20 characters).
pub fn phone_is_valid(phone: &str) -> bool {
    let digits =
        |s: &str, lens: &[usize]| lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if phone.starts_with('1') && digits(phone, &[11]) {
        return true;
    }
    let mut parts = phone.split('-');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(area), Some(local), extension, None) => {
            area.starts_with('0')
                && digits(area, &[3, 4])
                && digits(local, &[7, 8])
                && extension.is_none_or(|e| digits(e, &[1, 2, 3, 4, 5, 6]))
        }
        (Some(local), None, None, None) => !local.starts_with('1') && digits(local, &[7, 8]),
        _ => false,
    }
}

impl HouseholdInput {
    pub fn check(&self) -> Result<CheckedHousehold, AppError> {
        let mut e = Errors::default();
        let community = match self
            .community_code
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => {
                e.add("community_code", "community_code.required");
                None
            }
            Some(s) => match AreaCode::parse(s) {
                Ok(c) if c.level() == AreaLevel::Village => Some(c),
                Ok(_) => {
                    e.add("community_code", "community_code.not_village");
                    None
                }
                Err(_) => {
                    e.add("community_code", "area.malformed");
                    None
                }
            },
        };
        let address = required(&mut e, "address", &self.address, 200);
        let hukou = match self
            .hukou_code
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => AreaCode::parse(s)
                .map_err(|_| e.add("hukou_code", "area.malformed"))
                .ok(),
        };
        let note = text(&mut e, "note", &self.note, 500);
        e.finish(|| {
            Some(CheckedHousehold {
                community: community?,
                address: address?,
                hukou,
                urban_hukou: self.urban_hukou,
                business_income: self.business_income,
                note,
            })
        })
    }
}

impl PersonInput {
    /// Checks every field against `today` (no dates in the future).
    pub fn check(&self, today: NaiveDate) -> Result<CheckedPerson, AppError> {
        let mut e = Errors::default();
        let id_card = id_number(&mut e, &self.id_number, today);
        let name = required(&mut e, "name", &self.name, 50);
        let phone = phone(&mut e, &self.phone);
        let education = code(&mut e, "education", &self.education, Education::parse);
        let ability = code(&mut e, "ability", &self.ability, LabourAbility::parse);
        if self
            .ability
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .is_empty()
        {
            e.add("ability", "ability.required");
        }
        let status = code(&mut e, "status", &self.status, EmploymentStatus::parse);
        if self
            .status
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .is_empty()
        {
            e.add("status", "status.required");
        }
        let cert = text(
            &mut e,
            "unemployment_cert_no",
            &self.unemployment_cert_no,
            30,
        );
        if status == Some(EmploymentStatus::RegisteredUnemployed) && cert.is_none() {
            e.add("unemployment_cert_no", "unemployment_cert_no.required");
        }
        let unemployed_since = date(&mut e, "unemployed_since", &self.unemployed_since, today);
        let employed_since = date(&mut e, "employed_since", &self.employed_since, today);
        let graduated_on = date(&mut e, "graduated_on", &self.graduated_on, today);
        if let Some(card) = &id_card {
            for (field, value) in [
                ("unemployed_since", unemployed_since),
                ("employed_since", employed_since),
                ("graduated_on", graduated_on),
            ] {
                if value.is_some_and(|d| d < card.birth_date) {
                    e.add(field, "date.before_birth");
                }
            }
        }
        let mut needs = Vec::new();
        for raw in &self.needs {
            match Need::parse(raw.trim()) {
                Some(n) if !needs.contains(&n) => needs.push(n),
                Some(_) => {}
                None => e.add("needs", "needs.unknown"),
            }
        }
        e.finish(|| {
            let status = status?;
            Some(CheckedPerson {
                id_card: id_card?,
                name: name?,
                phone,
                education,
                ability: ability?,
                wants_work: self.wants_work,
                status,
                unemployment_cert_no: cert
                    .filter(|_| status == EmploymentStatus::RegisteredUnemployed),
                unemployed_since: unemployed_since.filter(|_| status.is_unemployed()),
                employed_since: employed_since.filter(|_| status.is_employed()),
                graduated_on,
                needs,
                land_lost_farmer: self.land_lost_farmer,
                disabled: self.disabled,
                veteran_or_military_family: self.veteran_or_military_family,
                single_parent: self.single_parent,
                dibao: self.dibao,
            })
        })
    }
}

impl VisitInput {
    pub fn check(&self, today: NaiveDate) -> Result<CheckedVisit, AppError> {
        let mut e = Errors::default();
        let visited_on = date(&mut e, "visited_on", &self.visited_on, today);
        if self
            .visited_on
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .is_empty()
        {
            e.add("visited_on", "visited_on.required");
        }
        let note = required(&mut e, "note", &self.note, 500);
        e.finish(|| {
            Some(CheckedVisit {
                visited_on: visited_on?,
                note: note?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::error::FieldErrors;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn fields(r: Result<impl std::fmt::Debug, AppError>) -> FieldErrors {
        match r {
            Err(AppError::Invalid(f)) => f,
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    fn person() -> PersonInput {
        PersonInput {
            id_number: Some("11010519491231002X".into()),
            name: Some(" 王芳 ".into()),
            phone: Some("13800138000".into()),
            ability: Some("full".into()),
            wants_work: true,
            status: Some("registered_unemployed".into()),
            unemployment_cert_no: Some("4403052026000123".into()),
            unemployed_since: Some("2025-06-01".into()),
            employed_since: Some("2020-01-01".into()),
            needs: vec!["training".into(), "training".into(), "job_referral".into()],
            ..PersonInput::default()
        }
    }

    #[test]
    fn a_good_person_is_trimmed_and_tidied() {
        let p = person().check(d("2026-11-25")).expect("valid");
        assert_eq!(p.name, "王芳");
        assert_eq!(p.id_card.birth_date, d("1949-12-31"));
        assert_eq!(p.needs, vec![Need::Training, Need::JobReferral]);
        // Employed-since does not fit an unemployed person and is dropped.
        assert_eq!(p.employed_since, None);
        assert_eq!(p.unemployed_since, Some(d("2025-06-01")));
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let bad = PersonInput {
            id_number: Some("110105194912310021".into()),
            name: Some("".into()),
            phone: Some("12345".into()),
            ability: Some("strong".into()),
            status: Some("registered_unemployed".into()),
            unemployment_cert_no: None,
            unemployed_since: Some("2027-01-01".into()),
            graduated_on: Some("2026/01/01".into()),
            needs: vec!["money".into()],
            ..PersonInput::default()
        };
        let f = fields(bad.check(d("2026-11-25")));
        let expect = [
            ("id_number", "id_number.checksum"),
            ("name", "name.required"),
            ("phone", "phone.invalid"),
            ("ability", "ability.unknown"),
            ("unemployment_cert_no", "unemployment_cert_no.required"),
            ("unemployed_since", "date.future"),
            ("graduated_on", "date.malformed"),
            ("needs", "needs.unknown"),
        ];
        for (field, key) in expect {
            assert_eq!(f.get(field).map(String::as_str), Some(key), "{field}");
        }
        assert_eq!(f.len(), expect.len());
    }

    #[test]
    fn dates_before_birth_are_refused() {
        let p = PersonInput {
            graduated_on: Some("1940-07-01".into()),
            ..person()
        };
        assert_eq!(
            fields(p.check(d("2026-11-25")))
                .get("graduated_on")
                .map(String::as_str),
            Some("date.before_birth")
        );
    }

    #[test]
    fn phones() {
        for ok in [
            "13800138000",
            "0755-12345678",
            "010-1234567",
            "87654321",
            "0755-26661001-8023",
            "0755-26661001-808023",
        ] {
            assert!(phone_is_valid(ok), "{ok}");
        }
        for bad in [
            "1380013800",
            "23800138000",
            "755-12345678",
            "0755-123",
            "138 0013 8000",
            "1380013800a",
            "0755-26661001-",
            "0755-26661001-8080231",
            "26661001-8023",
            "0755-26661001-80-23",
        ] {
            assert!(!phone_is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn households_live_in_a_community() {
        let good = HouseholdInput {
            community_code: Some("440305001001".into()),
            address: Some("南头街道深南大道1号3栋502".into()),
            ..HouseholdInput::default()
        };
        assert!(good.check().is_ok());
        let street = HouseholdInput {
            community_code: Some("440305001".into()),
            address: None,
            hukou_code: Some("44x".into()),
            note: Some("长".repeat(501)),
            ..HouseholdInput::default()
        };
        let f = fields(street.check());
        assert_eq!(
            f.get("community_code").map(String::as_str),
            Some("community_code.not_village")
        );
        assert_eq!(
            f.get("address").map(String::as_str),
            Some("address.required")
        );
        assert_eq!(
            f.get("hukou_code").map(String::as_str),
            Some("area.malformed")
        );
        assert_eq!(f.get("note").map(String::as_str), Some("note.too_long"));
    }

    #[test]
    fn visits_need_a_past_date_and_a_note() {
        let f = fields(
            VisitInput {
                visited_on: Some("2026-11-26".into()),
                note: Some("  ".into()),
            }
            .check(d("2026-11-25")),
        );
        assert_eq!(f.get("visited_on").map(String::as_str), Some("date.future"));
        assert_eq!(f.get("note").map(String::as_str), Some("note.required"));
    }

    #[test]
    fn checkboxes_and_json_booleans_both_read_as_flags() {
        let from_json: HouseholdInput =
            serde_json::from_str(r#"{"urban_hukou":true,"business_income":false}"#).expect("json");
        assert!(from_json.urban_hukou && !from_json.business_income);
        let from_form: HouseholdInput =
            serde_json::from_str(r#"{"urban_hukou":"on"}"#).expect("form-like");
        assert!(from_form.urban_hukou && !from_form.business_income);
    }
}
