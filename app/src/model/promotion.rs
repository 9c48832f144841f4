//! Promotion rounds (二级 → 一级) as HR managers and the public see them.

use serde::{Deserialize, Serialize};

use super::area::AreaView;
use crate::domain::grading::RuleCheck;

/// Where a round stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    /// Candidates assessed and decided
    Open,
    /// The list of those promoted is under 公示
    Notice,
    /// Grades set from the effective date
    Closed,
}

impl RoundStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundStatus::Open => "open",
            RoundStatus::Notice => "notice",
            RoundStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<RoundStatus> {
        [RoundStatus::Open, RoundStatus::Notice, RoundStatus::Closed]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// A candidate's decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Pending,
    Approved,
    Rejected,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Pending => "pending",
            Decision::Approved => "approved",
            Decision::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        [Decision::Pending, Decision::Approved, Decision::Rejected]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

/// Opens a round for an area (a city, county or street inside the HR manager's scope).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
// Named apart from the certification and assistance types of the same name in the API
// document (one schema name each).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema), schema(as = PromotionRoundInput))]
pub struct RoundInput {
    pub area_code: Option<String>,
    pub title: Option<String>,
}

/// Adds a coordinator the rules did not find, with the reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NominationInput {
    /// The coordinator's record id (a JSON number, or form text; empty: none chosen)
    #[serde(default, deserialize_with = "opt_id")]
    pub coordinator_id: Option<i64>,
    pub reason: Option<String>,
}

/// The promotion assessment score of a candidate (0–100).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScoreInput {
    #[serde(default, deserialize_with = "super::checks::opt_number")]
    pub assessment: Option<u32>,
    pub version: i32,
}

/// A decision on a candidate: approval needs every rule met; a rejection needs a reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
// Named apart from the certification and assistance types of the same name in the API
// document (one schema name each).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema), schema(as = PromotionDecisionInput))]
pub struct DecisionInput {
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub approve: bool,
    pub reason: Option<String>,
    pub version: i32,
}

/// Publishes the list of those approved for 公示.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublishInput {
    /// Working days of 公示 (default 5, never fewer)
    #[serde(default, deserialize_with = "super::checks::opt_number")]
    pub notice_days: Option<u32>,
    pub version: i32,
}

/// Closes the round after 公示: the approved take 一级 from the effective date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CloseInput {
    /// YYYY-MM-DD, today or later
    pub effective_on: Option<String>,
    pub version: i32,
}

/// One candidate of a round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CandidateView {
    pub id: i64,
    pub coordinator_id: i64,
    pub name: String,
    /// The community/village (or street) assigned
    pub area_name: String,
    /// `rules` or `nomination`
    pub source: String,
    pub nomination: Option<String>,
    pub assessment: Option<u32>,
    pub decision: Decision,
    pub reason: Option<String>,
    pub decided_by: Option<String>,
    /// The promotion rules checked: live while pending, as decided afterwards
    pub checks: Vec<RuleCheck>,
    pub all_met: bool,
    pub version: i32,
}

/// An objection as HR managers see it (the contact masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PromotionObjectionView {
    pub id: i64,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub name: Option<String>,
    pub contact: String,
    pub text: String,
    /// YYYY-MM-DD HH:MM (UTC)
    pub filed_at: String,
    /// `open`, `substantiated` or `unfounded`
    pub status: String,
    pub finding: Option<String>,
}

/// An HR manager's finding on an objection: substantiated rejects the candidate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FindingInput {
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub substantiated: bool,
    pub finding: Option<String>,
}

/// A round, whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Named apart from the certification and assistance types of the same name in the API
// document (one schema name each).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema), schema(as = PromotionRoundView))]
pub struct RoundView {
    pub id: i64,
    pub area: AreaView,
    pub title: String,
    pub status: RoundStatus,
    pub notice_from: Option<String>,
    pub notice_until: Option<String>,
    pub effective_on: Option<String>,
    pub created_by: String,
    pub candidates: Vec<CandidateView>,
    pub objections: Vec<PromotionObjectionView>,
    /// Who a manager may still nominate while the round is open (empty otherwise)
    #[serde(default)]
    pub nominable: Vec<NominableCoordinator>,
    /// The policy version the rules are checked under
    pub policy_version: String,
    pub can_manage: bool,
    pub version: i32,
}

/// A coordinator who may be nominated: the options of the nomination form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NominableCoordinator {
    pub id: i64,
    pub name: String,
    /// The community (or other area) the coordinator works in
    pub area_name: String,
}

/// A round in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoundItem {
    pub id: i64,
    pub area: AreaView,
    pub title: String,
    pub status: RoundStatus,
    pub candidates: u64,
    pub approved: u64,
    pub notice_until: Option<String>,
    pub effective_on: Option<String>,
}

/// A round under 公示 as the public page lists it: those to be promoted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PromotionNotice {
    pub round_id: i64,
    pub title: String,
    /// Province to the round's area
    pub area_path: Vec<String>,
    pub notice_from: String,
    pub notice_until: String,
    pub candidates: Vec<NoticeCandidate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoticeCandidate {
    pub candidate_id: i64,
    pub name: String,
    pub area_name: String,
    /// 二级 → 一级
    pub from_grade: crate::domain::grading::Grade,
    pub to_grade: crate::domain::grading::Grade,
}

/// A record id: a JSON number, or form text (empty = none). Text that is not a whole number
/// reads as 0, which names no record.
fn opt_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Number(i64),
        Text(String),
    }
    Ok(match Option::<Raw>::deserialize(d)? {
        None => None,
        Some(Raw::Number(n)) => Some(n),
        Some(Raw::Text(s)) if s.trim().is_empty() => None,
        Some(Raw::Text(s)) => Some(s.trim().parse().unwrap_or(0)),
    })
}
