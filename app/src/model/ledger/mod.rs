//! The household ledger (台账) on the wire: what forms and REST clients send, and what lists and
//! records show. Inputs are raw text, checked by the service, so that every bad field gets its own
//! message.

use serde::{Deserialize, Deserializer, Serialize};

use crate::domain::assistance::Category;
use crate::domain::ledger::{Education, EmploymentStatus, LabourAbility, Need};

mod checked;

pub use checked::{CheckedHousehold, CheckedPerson, CheckedVisit, phone_is_valid};

/// A yes/no field: JSON `true`/`false`, or a form checkbox (`on`, `true`, `1`; absent = no).
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Bool(bool),
        Text(String),
    }
    Ok(match Option::<Raw>::deserialize(d)? {
        None => false,
        Some(Raw::Bool(b)) => b,
        Some(Raw::Text(s)) => matches!(s.as_str(), "on" | "true" | "1" | "yes"),
    })
}

/// A household as surveyed. `version` is the version the editor saw (required to update).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HouseholdInput {
    /// The community or village (12 digits, level 5) the household lives in
    pub community_code: Option<String>,
    pub address: Option<String>,
    /// 户籍 area code, if known
    pub hukou_code: Option<String>,
    /// 城镇户籍
    #[serde(default, deserialize_with = "flag")]
    pub urban_hukou: bool,
    /// 有经营性或投资性收入
    #[serde(default, deserialize_with = "flag")]
    pub business_income: bool,
    pub note: Option<String>,
    pub version: Option<i32>,
}

/// A person as surveyed. Dates are YYYY-MM-DD.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PersonInput {
    /// 身份证号 (18 characters, or 15 digits for old cards)
    pub id_number: Option<String>,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub education: Option<String>,
    /// `full`, `partial` or `none`
    pub ability: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    pub wants_work: bool,
    /// See `EmploymentStatus`
    pub status: Option<String>,
    /// 就业失业登记证 number (registered unemployed only)
    pub unemployment_cert_no: Option<String>,
    pub unemployed_since: Option<String>,
    pub employed_since: Option<String>,
    pub graduated_on: Option<String>,
    /// Need codes: job_referral, training, entrepreneurship, policy_advice, public_welfare_post
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default, deserialize_with = "flag")]
    pub land_lost_farmer: bool,
    #[serde(default, deserialize_with = "flag")]
    pub disabled: bool,
    #[serde(default, deserialize_with = "flag")]
    pub veteran_or_military_family: bool,
    #[serde(default, deserialize_with = "flag")]
    pub single_parent: bool,
    #[serde(default, deserialize_with = "flag")]
    pub dibao: bool,
    pub version: Option<i32>,
}

/// A 身份证号 to look up in the ledger: sent in a body, never in a URL (issue 16 item 6).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IdNumberLookup {
    /// 18 characters (or 15 digits of an old card); spaces, dashes and full-width digits are
    /// folded
    pub id_number: String,
}

/// Where a 身份证号 was found inside the caller's scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IdNumberFound {
    pub household_id: i64,
    pub person_id: i64,
}

/// One door-to-door visit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VisitInput {
    /// YYYY-MM-DD, not in the future
    pub visited_on: Option<String>,
    /// What was found or changed
    pub note: Option<String>,
}

/// Filters of the household list: query parameters of `GET /api/v1/households`, or the JSON
/// body of `POST /api/v1/households/search` (which keeps an ID number out of URLs and logs).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct HouseholdQuery {
    /// Area code inside the caller's scope
    pub area: Option<String>,
    /// Part of the address, the start of a member's name, or a whole 身份证号 (found exactly;
    /// an ID-shaped term that is not a valid number is a 422 on `q`). At most 50 characters.
    /// A search finds at most 1,000 households (`capped` past that).
    pub q: Option<String>,
    /// `1` or `true`: only 零就业家庭
    pub zero: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

/// A household in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HouseholdItem {
    pub id: i64,
    pub community_code: String,
    pub community_name: String,
    pub address: String,
    pub member_count: u64,
    /// 零就业家庭 by the rule
    pub zero_employment: bool,
    /// YYYY-MM-DD
    pub last_visit_on: Option<String>,
    /// YYYY-MM-DD: the next re-check is due
    pub next_visit_on: Option<String>,
    pub is_demo: bool,
    pub version: i32,
}

/// A person. In lists and household records `id_number` and `phone` are masked
/// (`masked = true`); the full record is shown only to roles that may see it, and audited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PersonView {
    pub id: i64,
    pub household_id: i64,
    pub community_code: String,
    pub name: String,
    pub id_number: String,
    pub phone: Option<String>,
    pub masked: bool,
    /// YYYY-MM-DD; absent when masked (the date would rebuild the masked digits)
    pub birth_date: Option<String>,
    /// Whole years on the day of the answer
    pub age: i32,
    /// `male` or `female`
    pub sex: String,
    pub education: Option<Education>,
    pub ability: LabourAbility,
    pub wants_work: bool,
    pub status: EmploymentStatus,
    pub unemployment_cert_no: Option<String>,
    pub unemployed_since: Option<String>,
    pub employed_since: Option<String>,
    pub graduated_on: Option<String>,
    pub needs: Vec<Need>,
    pub land_lost_farmer: bool,
    pub disabled: bool,
    pub veteran_or_military_family: bool,
    pub single_parent: bool,
    pub dibao: bool,
    /// 就业困难人员 categories the ledger supports today
    pub suggested_categories: Vec<Category>,
    pub is_demo: bool,
    pub version: i32,
}

/// A visit as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VisitView {
    pub id: i64,
    /// YYYY-MM-DD
    pub visited_on: String,
    pub worker_name: String,
    pub note: String,
}

/// One saved version of a record: who changed which fields, when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub version: i32,
    /// YYYY-MM-DD HH:MM (UTC)
    pub changed_at: String,
    pub changed_by: String,
    /// The changed field names (all fields for the first version)
    pub changes: Vec<String>,
    /// For a person: the id of a record merged into this one, when the entry is that record's
    #[serde(default)]
    pub merged_from: Option<i64>,
}

/// An older version of a record, field by field (personal numbers masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordSnapshot {
    pub entity: String,
    pub entity_id: i64,
    pub entry: HistoryEntry,
    /// The fields as saved in that version
    pub fields: Vec<FieldValue>,
}

/// One field of a saved version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldValue {
    pub name: String,
    pub value: String,
}

/// A household with its people, visits and history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HouseholdDetail {
    pub household: HouseholdItem,
    pub hukou_code: Option<String>,
    pub urban_hukou: bool,
    pub business_income: bool,
    pub note: Option<String>,
    pub members: Vec<PersonView>,
    pub visits: Vec<VisitView>,
    pub history: Vec<HistoryEntry>,
    /// Possible duplicates among the members, waiting for an officer
    pub open_duplicates: u64,
}

/// One side of a possible duplicate (numbers masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DuplicateSide {
    pub person_id: i64,
    pub household_id: i64,
    pub name: String,
    pub id_number: String,
    /// Whole years today (both sides share their birth date; the date itself is not shown, as
    /// it would rebuild the masked digits)
    pub age: i32,
    pub address: String,
    /// Open (not exited) assistance files
    pub open_files: u64,
    /// The record's version, sent back with a decision (a record changed since is not merged)
    pub version: i32,
}

/// Two ledger people of one community who may be one (similar name, same birth date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DuplicateItem {
    pub id: i64,
    pub community_name: String,
    pub reason: String,
    /// YYYY-MM-DD
    pub flagged_on: String,
    pub first: DuplicateSide,
    pub second: DuplicateSide,
}

/// An officer's decision on a flag: `merge` (keeping `keep`, one of the two) or `dismiss`. A
/// merge names the versions of the two records the officer compared; if either changed since,
/// nothing is merged (409).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DuplicateDecision {
    pub action: Option<String>,
    pub keep: Option<i64>,
    pub kept_version: Option<i32>,
    pub merged_version: Option<i32>,
}

/// A person's history: the own versions and those of the records merged into it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PersonHistory {
    pub entries: Vec<HistoryEntry>,
    /// The records merged into this person: id, name and masked number
    pub merged: Vec<MergedRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MergedRecord {
    pub person_id: i64,
    pub name: String,
    pub id_number: String,
    pub merged_by: String,
    /// YYYY-MM-DD
    pub merged_on: String,
}
