//! Published versions of the 就业援助 policy (national defaults and provinces' own numbers).

use serde::{Deserialize, Serialize};

use crate::domain::policy::AssistancePolicy;

/// One published version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PolicyVersion {
    /// `000000000000` for the national defaults, else the province's code
    pub area_code: String,
    pub version: String,
    /// YYYY-MM-DD
    pub effective_from: String,
    /// The version that applies in this area today
    pub in_force: bool,
    pub created_by: String,
    pub policy: AssistancePolicy,
}

/// A new version for a province (or, for the ministry, the national defaults) from a date on.
/// The version label is given by the system.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PolicyInput {
    /// A province's code; absent or `000000000000` for the national defaults
    pub area_code: Option<String>,
    /// YYYY-MM-DD, not in the past
    pub effective_from: Option<String>,
    pub policy: AssistancePolicy,
}

/// The versioned policies a page can show (DOMAIN.md §3 the 就业援助 policy, §4 the certification
/// standards per tier, §2 the platform standard with the coordinators' grade rules, and the
/// 绩效管理 indicator system).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    #[default]
    Assistance,
    Standard,
    Platform,
    /// The 绩效管理 indicator system (issue 17)
    Performance,
}

impl PolicyKind {
    pub const ALL: [PolicyKind; 4] = [
        PolicyKind::Assistance,
        PolicyKind::Standard,
        PolicyKind::Platform,
        PolicyKind::Performance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PolicyKind::Assistance => "assistance",
            PolicyKind::Standard => "standard",
            PolicyKind::Platform => "platform",
            PolicyKind::Performance => "performance",
        }
    }

    pub fn parse(s: &str) -> Option<PolicyKind> {
        PolicyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Which policy's history to read, as a page's query or REST parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct PolicyHistoryQuery {
    /// `assistance` (default), `standard`, `platform` or `performance`
    pub kind: Option<String>,
    /// For `standard`: `community` (default), `provincial_star` or `national_demonstration`
    pub tier: Option<String>,
    /// Any area code (its province's versions and the national ones), or `000000000000` for the
    /// national ones alone; default: the reader's province (national for the ministry)
    pub area: Option<String>,
    /// The version to show, by its label; default: the one in force today
    pub version: Option<String>,
}

/// Where a version stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VersionState {
    /// The version that applies in the area today
    InForce,
    /// In force from a later day
    Scheduled,
    /// Neither in force nor to come: replaced by a later version, or a national version that a
    /// province's own version outranked in the area
    Earlier,
}

impl VersionState {
    pub fn as_str(self) -> &'static str {
        match self {
            VersionState::InForce => "in_force",
            VersionState::Scheduled => "scheduled",
            VersionState::Earlier => "earlier",
        }
    }
}

/// One version in a policy's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VersionRow {
    /// The version's label (`default-2026`, `44-2027-01-01`, or a standard's own label)
    pub version: String,
    /// `000000000000` for the ministry's, else the issuing province's code
    pub issuer: String,
    /// The issuing province's name; empty for the ministry's (the page says 「人社部（全国）」)
    pub issuer_name: String,
    /// YYYY-MM-DD
    pub effective_from: String,
    pub state: VersionState,
    /// The publisher's display name (`system` for the bundled defaults)
    pub created_by: String,
}

/// A policy's versions that can apply in an area, one of them in full and what changed from
/// the version before it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PolicyHistory {
    pub kind: PolicyKind,
    /// For a certification standard, its tier
    pub tier: Option<crate::domain::certification::Tier>,
    /// The province read (`000000000000`: the national versions alone)
    pub area: String,
    pub area_name: String,
    /// Newest first (by first day in force)
    pub versions: Vec<VersionRow>,
    /// The label of the version shown; `None` when no version is stored
    pub shown: Option<String>,
    /// The version before the one shown, compared against
    pub previous: Option<String>,
    /// The shown version's settings, in the policy's order
    pub settings: Vec<crate::domain::policy_diff::Setting>,
    /// What differs from the previous version (empty without one)
    pub changes: Vec<crate::domain::policy_diff::SettingChange>,
    /// The provinces the reader may choose among (the ministry and the administrator); empty
    /// for the others, who read their own province
    pub provinces: Vec<crate::model::area::AreaView>,
}
