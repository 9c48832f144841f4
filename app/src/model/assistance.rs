//! Assistance targets (就业援助对象) on the wire: registering a person, the review decisions,
//! exits, and the file with its events and deadlines.

use serde::{Deserialize, Serialize};

use crate::domain::assistance::{Category, ExitReason, ReviewStep, TargetStatus};

/// Registration (登记) of a ledger person as an assistance target.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TargetInput {
    pub person_id: Option<i64>,
    /// Category codes; empty means the ones the ledger supports
    #[serde(default)]
    pub categories: Vec<String>,
    /// Why categories the ledger does not support apply (required when any is chosen; up to
    /// 500 characters); every reviewer sees it beside them
    #[serde(default)]
    pub category_reason: Option<String>,
}

/// A reviewer's decision at the file's current step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DecisionInput {
    /// `approve` or `send_back`
    pub action: Option<String>,
    /// Required to send back
    pub reason: Option<String>,
    /// The version of the file the reviewer saw
    pub version: Option<i32>,
}

/// An exit recorded by an officer (death and moving away are never inferred).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ExitInput {
    pub reason: Option<String>,
    pub note: Option<String>,
    pub version: Option<i32>,
}

/// One event on a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TargetEventView {
    /// YYYY-MM-DD HH:MM (UTC)
    pub at: String,
    pub actor: String,
    pub step: Option<ReviewStep>,
    /// `apply`, `approve`, `send_back`, `confirm`, `exit`
    pub action: String,
    pub reason: Option<String>,
}

/// A file in a list or a reviewer's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TargetItem {
    pub id: i64,
    pub person_id: i64,
    pub household_id: i64,
    pub person_name: String,
    pub community_code: String,
    pub community_name: String,
    pub categories: Vec<Category>,
    /// Categories registered without the ledger's support (a subset of `categories`)
    pub unsupported_categories: Vec<Category>,
    /// The coordinator's reason for them
    pub category_reason: Option<String>,
    pub status: TargetStatus,
    pub step: Option<ReviewStep>,
    /// YYYY-MM-DD: the last day of the community's 初审公示; the community approves after it
    pub notice_until: Option<String>,
    /// The notice is still up today: the community cannot approve yet
    pub notice_open: bool,
    /// YYYY-MM-DD: the current step's deadline (working days on the official calendar)
    pub step_due: Option<String>,
    /// The calendar basis of each year `step_due` was counted over (empty for files made
    /// before the basis was kept)
    pub step_due_basis: Vec<crate::domain::calendar::YearBasis>,
    pub overdue: bool,
    /// YYYY-MM-DD
    pub applied_on: String,
    pub confirmed_on: Option<String>,
    pub exit_reason: Option<ExitReason>,
    pub policy_version: String,
    pub is_demo: bool,
    pub version: i32,
    /// For a file in review: the facts the ledger gives today for each chosen category, and
    /// whether they support it (empty for decided files)
    #[serde(default)]
    pub evidence: Vec<crate::domain::category_facts::CategoryEvidence>,
}

/// A file with its events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TargetView {
    pub target: TargetItem,
    pub events: Vec<TargetEventView>,
}

/// The public check of a card: valid or not, nothing personal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CardCheck {
    pub number: String,
    pub valid: bool,
    pub status: crate::domain::assistance_card::CardStatus,
    /// YYYY-MM-DD
    pub issued_on: String,
    /// The responsible office
    pub issuer: String,
}

/// A card as printed for its holder (business-card size, with a QR code to the public check).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CardView {
    pub number: String,
    pub holder_name: String,
    /// Masked 身份证号
    pub id_number: String,
    pub categories: Vec<Category>,
    /// 零就业家庭 or not, and how many live in the household
    pub zero_employment_household: bool,
    pub household_members: u64,
    pub office_name: String,
    pub coordinator_name: String,
    /// The coordinator's work phone
    pub coordinator_contact: Option<String>,
    /// YYYY-MM-DD
    pub issued_on: String,
    pub status: crate::domain::assistance_card::CardStatus,
    /// The public check address the QR code holds
    pub check_url: String,
    /// The QR code as an SVG document
    pub qr_svg: String,
}

/// Services to plan for a confirmed target; empty means the ones its recorded needs call for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanInput {
    #[serde(default)]
    pub services: Vec<String>,
}

/// One service contact to record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordInput {
    /// The plan item served, if any (its service is then taken from the item)
    pub plan_item_id: Option<i64>,
    /// The service, when not for a plan item
    pub service: Option<String>,
    /// YYYY-MM-DD, not in the future
    pub served_on: Option<String>,
    /// `provided`, `accepted`, `refused` or `no_contact`
    pub outcome: Option<String>,
    /// The employer of a referral
    pub employer: Option<String>,
    pub note: Option<String>,
}

/// A plan item with its standard and deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanItemView {
    pub id: i64,
    pub target_id: i64,
    pub service: crate::domain::plan::Service,
    /// The standard's content and expected effect
    pub content: String,
    pub expected_effect: String,
    /// YYYY-MM-DD
    pub planned_on: String,
    pub due_on: String,
    /// The calendar basis of each year `due_on` was counted over (empty for items made before
    /// the basis was kept)
    pub due_basis: Vec<crate::domain::calendar::YearBasis>,
    pub done_on: Option<String>,
    pub overdue: bool,
    /// The holder's name (work lists)
    pub person_name: String,
    pub person_id: i64,
}

/// A service contact as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ServiceRecordView {
    pub id: i64,
    pub plan_item_id: Option<i64>,
    pub service: crate::domain::plan::Service,
    /// YYYY-MM-DD
    pub served_on: String,
    pub worker_name: String,
    pub outcome: crate::domain::plan::Outcome,
    pub employer: Option<String>,
    pub note: Option<String>,
}

/// A target's 「一人一策」 plan and its service records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanView {
    pub target_id: i64,
    pub items: Vec<PlanItemView>,
    pub records: Vec<ServiceRecordView>,
    /// Referrals refused (three without reason prove an exit)
    pub refusals: u64,
    /// The catalogue of the policy version the file was filed under
    pub catalogue: Vec<crate::domain::plan::Standard>,
}
