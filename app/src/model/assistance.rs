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
    pub status: TargetStatus,
    pub step: Option<ReviewStep>,
    /// YYYY-MM-DD: the current step's deadline (working days on the official calendar)
    pub step_due: Option<String>,
    pub overdue: bool,
    /// YYYY-MM-DD
    pub applied_on: String,
    pub confirmed_on: Option<String>,
    pub exit_reason: Option<ExitReason>,
    pub policy_version: String,
    pub is_demo: bool,
    pub version: i32,
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
    /// YYYY-MM-DD
    pub issued_on: String,
    pub status: crate::domain::assistance_card::CardStatus,
    /// The public check address the QR code holds
    pub check_url: String,
    /// The QR code as an SVG document
    pub qr_svg: String,
}
