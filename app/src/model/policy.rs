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
