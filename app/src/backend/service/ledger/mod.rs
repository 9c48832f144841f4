//! The ledger (台账): households and their people, their change history, duplicate flags,
//! 零就业家庭 cases, the per-community tallies and the Excel export. The person record readers
//! both households and people need live here, at the feature's root.

pub mod duplicates;
pub mod export;
pub mod history;
pub mod households;
pub mod people;
pub mod search;
pub mod tally;
pub mod zero_cases;

use chrono::NaiveDate;

use crate::backend::entity::person;
use crate::domain::assistance::{PersonCase, suggest_categories};
use crate::domain::calendar::{ymd, ymd_opt};
use crate::domain::id_card::{self, Sex};
use crate::domain::ledger::{
    Education, EmploymentStatus, LabourAbility, MemberFacts, Need, age_on,
};
use crate::domain::policy::AssistancePolicy;
use crate::model::AppError;
use crate::model::ledger::PersonView;

/// The sex recorded on a person row (`"female"`, otherwise male, as the ID number gives it).
pub fn sex_of(p: &person::Model) -> Sex {
    if p.sex == "female" {
        Sex::Female
    } else {
        Sex::Male
    }
}

/// The facts the 零就业家庭 rule reads.
pub fn member_facts(p: &person::Model) -> Result<MemberFacts, AppError> {
    member_facts_of(p.birth_date, &p.sex, &p.ability, p.wants_work, &p.status)
}

/// [`member_facts`] from the stored columns alone (for a read of those columns only).
/// Errors: `Internal` for a stored ability or status this version does not know.
pub fn member_facts_of(
    birth_date: chrono::NaiveDate,
    sex: &str,
    ability: &str,
    wants_work: bool,
    status: &str,
) -> Result<MemberFacts, AppError> {
    Ok(MemberFacts {
        birth_date,
        sex: if sex == "female" {
            Sex::Female
        } else {
            Sex::Male
        },
        ability: LabourAbility::parse(ability).ok_or(AppError::Internal)?,
        wants_work,
        status: EmploymentStatus::parse(status).ok_or(AppError::Internal)?,
    })
}

/// What the category rules read of a person; `in_zero_household` is the household's finding.
pub fn case_of(p: &person::Model, in_zero_household: bool) -> Result<PersonCase, AppError> {
    Ok(PersonCase {
        birth_date: p.birth_date,
        sex: sex_of(p),
        status: EmploymentStatus::parse(&p.status).ok_or(AppError::Internal)?,
        unemployed_since: p.unemployed_since,
        graduated_on: p.graduated_on,
        in_zero_employment_household: in_zero_household,
        land_lost_farmer: p.land_lost_farmer,
        disabled: p.disabled,
        veteran_or_military_family: p.veteran_or_military_family,
        single_parent: p.single_parent,
        dibao: p.dibao,
    })
}

/// The wire record of a person; `masked` hides the middle of the ID number and phone.
pub fn to_view(
    p: &person::Model,
    masked: bool,
    in_zero_household: bool,
    on: NaiveDate,
    policy: &AssistancePolicy,
) -> Result<PersonView, AppError> {
    let status = EmploymentStatus::parse(&p.status).ok_or(AppError::Internal)?;
    let case = case_of(p, in_zero_household)?;
    Ok(PersonView {
        id: p.id,
        household_id: p.household_id,
        community_code: p.community_code.clone(),
        name: p.name.clone(),
        id_number: if masked {
            id_card::mask(&p.id_number()?)
        } else {
            p.id_number()?
        },
        phone: p
            .phone()?
            .map(|ph| if masked { id_card::mask_phone(&ph) } else { ph }),
        masked,
        birth_date: (!masked).then(|| ymd(p.birth_date)),
        age: age_on(p.birth_date, on),
        sex: p.sex.clone(),
        education: p.education.as_deref().and_then(Education::parse),
        ability: LabourAbility::parse(&p.ability).ok_or(AppError::Internal)?,
        wants_work: p.wants_work,
        status,
        unemployment_cert_no: p.unemployment_cert_no.clone(),
        unemployed_since: ymd_opt(p.unemployed_since),
        employed_since: ymd_opt(p.employed_since),
        graduated_on: ymd_opt(p.graduated_on),
        needs: Need::split(&p.needs),
        land_lost_farmer: p.land_lost_farmer,
        disabled: p.disabled,
        veteran_or_military_family: p.veteran_or_military_family,
        single_parent: p.single_parent,
        dibao: p.dibao,
        suggested_categories: suggest_categories(&case, on, policy),
        is_demo: p.is_demo,
        version: p.version,
    })
}
