//! 充分就业社区 certification records that cross the wire.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::domain::cert_lists::CertList;
use crate::domain::cert_review::{ApplicationStatus, CertStep, ObjectionOutcome, Quotas};
use crate::domain::certification::Tier;
use crate::domain::indicators::{
    Behind, CertificationStandard, CommunityFacts, Evaluation, QualitativeScore,
};

/// A person behind a number (no personal numbers: the name and the household).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BehindPerson {
    pub id: i64,
    pub name: String,
    pub household_id: i64,
}

/// A household behind a number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BehindHousehold {
    pub id: i64,
    pub address: String,
}

/// A community's quantitative indicators on a day, judged against a tier's standard, with the
/// people and households behind each failing number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IndicatorReport {
    pub community_code: String,
    pub community_name: String,
    /// YYYY-MM-DD
    pub on: String,
    pub tier: Tier,
    pub facts: CommunityFacts,
    pub evaluation: Evaluation,
    /// Ids behind each failing number
    pub behind: Behind,
    /// The people named in `behind`
    pub people: Vec<BehindPerson>,
    /// The households named in `behind`
    pub households: Vec<BehindHousehold>,
}

/// A stored version of a certification standard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StandardVersion {
    pub id: i64,
    /// YYYY-MM-DD
    pub effective_from: String,
    /// The version new applications of its tier and area are filed under today
    pub in_force: bool,
    pub created_by: String,
    pub standard: CertificationStandard,
}

/// A new version of a standard to publish (its tier and issuing area are inside).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StandardInput {
    /// YYYY-MM-DD, today or later (default today)
    pub effective_from: Option<String>,
    pub standard: Option<CertificationStandard>,
}

/// A call for applications to open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoundInput {
    /// `community`, `provincial_star` or `national_demonstration`
    pub tier: Option<String>,
    /// The issuing province (omitted for national rounds)
    pub area_code: Option<String>,
    pub year: Option<i32>,
    pub title: Option<String>,
    /// YYYY-MM-DD
    pub opens_on: Option<String>,
    /// YYYY-MM-DD
    pub closes_on: Option<String>,
    /// Area code (a city or a province) → how many files it may send on
    #[serde(default)]
    pub quotas: BTreeMap<String, u32>,
}

/// The round form of the page: quotas typed one area per line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundForm {
    pub tier: Option<String>,
    pub area_code: Option<String>,
    pub title: Option<String>,
    pub opens_on: Option<String>,
    pub closes_on: Option<String>,
    /// `440300000000 3` per line
    pub quotas: Option<String>,
}

/// A round with how far its files have got.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoundView {
    pub id: i64,
    pub tier: Tier,
    pub issuer_area: String,
    pub issuer_name: String,
    pub year: i32,
    pub title: String,
    /// YYYY-MM-DD
    pub opens_on: String,
    /// YYYY-MM-DD
    pub closes_on: String,
    /// Taking applications today
    pub open: bool,
    pub quotas: Quotas,
    /// The quotas with the names of their areas, in code order
    #[serde(default)]
    pub quota_areas: Vec<QuotaLine>,
    pub is_demo: bool,
}

/// One area's quota in a round: how many files it may send on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QuotaLine {
    pub area_code: String,
    pub area_name: String,
    pub quota: u32,
}

/// A community applies in a round.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApplicationInput {
    pub round_id: Option<i64>,
    pub community_code: Option<String>,
    /// The community's own account of its work (申报材料)
    pub narrative: Option<String>,
}

/// A returned application amended and sent again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ResubmitInput {
    pub narrative: Option<String>,
    pub version: Option<i32>,
}

/// A reviewer's decision at the file's step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CertDecisionInput {
    /// `approve` or `send_back`
    pub action: Option<String>,
    /// Required to send back
    pub reason: Option<String>,
    /// The city step: the site-visit record (实地核查), required to approve
    pub site_visit: Option<String>,
    /// The city step: a score with evidence for every qualitative item, required to approve
    pub qualitative: Option<Vec<QualitativeScore>>,
    /// The version the reviewer saw
    pub version: Option<i32>,
}

/// The self-assessment kept with an application: the indicators computed the day it was filed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Assessment {
    /// YYYY-MM-DD
    pub on: String,
    pub facts: CommunityFacts,
    pub evaluation: Evaluation,
}

/// An application in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApplicationItem {
    pub id: i64,
    pub round_id: i64,
    pub community_code: String,
    pub community_name: String,
    pub tier: Tier,
    pub status: ApplicationStatus,
    pub step: Option<CertStep>,
    /// YYYY-MM-DD: when the current step must be done (for a 公示, the decision after it)
    pub step_due: Option<String>,
    pub overdue: bool,
    /// YYYY-MM-DD, the 公示 window when in one
    pub notice_from: Option<String>,
    pub notice_until: Option<String>,
    /// YYYY-MM-DD
    pub applied_on: String,
    pub certificate_no: Option<String>,
    pub is_demo: bool,
    pub version: i32,
}

/// One event on an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CertEventView {
    /// RFC 3339
    pub at: String,
    /// The account's username (`system:…` for the system)
    pub actor: String,
    /// The account's display name (the username when the account is gone or the system)
    #[serde(default)]
    pub actor_name: String,
    pub step: Option<CertStep>,
    pub action: String,
    pub reason: Option<String>,
}

/// An attachment's description (the bytes are fetched on their own).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AttachmentMeta {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_by: String,
}

/// An application with everything the reviewers see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApplicationView {
    pub item: ApplicationItem,
    pub round_title: String,
    /// The standard it was filed under, and stays judged by
    pub standard: StandardVersion,
    pub narrative: String,
    pub self_assessment: Assessment,
    pub qualitative: Vec<QualitativeScore>,
    pub qualitative_total: Option<u32>,
    pub site_visit: Option<String>,
    pub events: Vec<CertEventView>,
    pub objections: Vec<ObjectionView>,
    pub attachments: Vec<AttachmentMeta>,
    /// The signed-in account takes the current step
    pub can_decide: bool,
}

/// An objection raised during 公示 (by anyone; the name may be left out).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ObjectionInput {
    pub name: Option<String>,
    /// A phone number or an e-mail address to answer to
    pub contact: Option<String>,
    pub text: Option<String>,
}

/// An objection as the officers see it (the contact masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ObjectionView {
    pub id: i64,
    pub application_id: i64,
    pub stage: CertStep,
    pub name: Option<String>,
    pub contact: String,
    pub text: String,
    /// RFC 3339
    pub filed_at: String,
    pub outcome: ObjectionOutcome,
    pub investigation: Option<String>,
    pub decided_by: Option<String>,
    pub decided_on: Option<String>,
    pub version: i32,
}

/// What the public is told after raising an objection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ObjectionReceipt {
    /// The number to quote when asking about it
    pub id: i64,
    /// RFC 3339
    pub filed_at: String,
}

/// An officer's record of the investigation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InvestigationInput {
    /// `substantiated` (the file stops) or `unfounded`
    pub outcome: Option<String>,
    pub investigation: Option<String>,
    pub version: Option<i32>,
}

/// A community under 公示, as the public page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicNotice {
    pub application_id: i64,
    pub community_code: String,
    pub community_name: String,
    /// Province, city, county and street names
    pub area_path: Vec<String>,
    pub tier: Tier,
    /// `notice` (provincial) or `national_notice` (second, national)
    pub stage: CertStep,
    pub round_title: String,
    /// YYYY-MM-DD
    pub from: String,
    /// YYYY-MM-DD
    pub until: String,
}

/// A re-inspection to record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InspectionInput {
    /// `pass` or `fail`
    pub result: Option<String>,
    /// What the inspectors found (and, on a fail, the reason published with the revocation)
    pub findings: Option<String>,
    /// The certificate's version the inspector saw
    pub version: Option<i32>,
}

/// A re-inspection done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InspectionView {
    pub id: i64,
    pub certificate_no: String,
    /// YYYY-MM-DD
    pub inspected_on: String,
    pub pass: bool,
    pub findings: String,
    pub evaluation: Evaluation,
    pub inspector: String,
}

/// A title due for re-inspection, or a candidate for national demonstration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TitleDue {
    pub certificate_no: String,
    pub community_code: String,
    pub community_name: String,
    pub tier: Tier,
    /// YYYY-MM-DD
    pub issued_on: String,
    /// YYYY-MM-DD
    pub due_on: Option<String>,
    pub overdue: bool,
    pub version: i32,
}

/// How many files of a round stand at each step, and how many of them are late.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PipelineRow {
    /// A step (`street` … `national_notice`) or a final status (`returned`, `certified`, `stopped`)
    pub stage: String,
    pub files: u64,
    pub overdue: u64,
}

/// A community's certification history: its applications, titles and re-inspections.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommunityHistory {
    pub community_code: String,
    pub community_name: String,
    pub applications: Vec<ApplicationItem>,
    pub certificates: Vec<crate::model::CertificateView>,
    pub inspections: Vec<InspectionView>,
}

/// What the certification page shows the signed-in account: the rounds, its queue, and what its
/// role does besides (the coordinator's own indicators and open rounds; the objections to
/// investigate; the titles due for re-inspection; the national candidates).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertHome {
    pub role: crate::domain::role::Role,
    /// The account's home area (none for national roles)
    pub home_area: Option<String>,
    /// The list opened on its own, paged; none for the overview (each list's first five)
    pub opened: Option<CertList>,
    /// 1-based page of the opened list, and how many it has (1 on the overview)
    pub page: u64,
    pub pages: u64,
    /// The size of every list the account has, in the order of the page
    pub counts: Vec<CertListCount>,
    /// Rounds taking applications today (for the coordinator's form)
    pub open_rounds: Vec<RoundView>,
    pub rounds: Vec<RoundView>,
    pub queue: Vec<ApplicationItem>,
    /// Files in the account's area (newest first)
    pub files: Vec<ApplicationItem>,
    /// The coordinator's community on the round's tier, computed today
    pub own: Option<IndicatorReport>,
    pub objections: Vec<ObjectionView>,
    pub due: Vec<TitleDue>,
    pub candidates: Vec<TitleDue>,
}

/// How many items a list of the certification page holds, and how many of them are late.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CertListCount {
    pub list: CertList,
    pub total: u64,
    pub overdue: u64,
}

/// Which part of the certification page to show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CertHomeQuery {
    /// `queue`, `objections`, `due`, `rounds`, `candidates` or `files`: that list alone, 20 a
    /// page; empty: the first 5 of every list
    pub list: Option<String>,
    /// 1-based page of the list (1 to 10,000)
    pub page: Option<String>,
}

/// One point of a community's indicator history (a month end).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IndicatorPoint {
    /// YYYY-MM-DD
    pub on: String,
    /// Employment rate of the able and willing, ‰ (1000 when nobody is counted)
    pub rate_able_willing: u32,
    /// How many able and willing people of working age the ledger held that day
    pub able_willing: u64,
    pub vetoed: bool,
    pub pass: bool,
    /// The indicators that failed on that day, judged on that day's records
    pub failed: Vec<crate::domain::indicators::Indicator>,
}

/// A community's certification file: its history and its indicators month by month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommunityFile {
    pub history: CommunityHistory,
    pub today: IndicatorReport,
    pub points: Vec<IndicatorPoint>,
}
