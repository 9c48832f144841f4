//! 绩效管理 records that cross the wire: the indicator system's versions.

use serde::{Deserialize, Serialize};

use crate::domain::performance::IndicatorSystem;

/// One published version of the indicator system.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IndicatorSystemVersion {
    /// `000000000000` for the national defaults, else the province's code
    pub area_code: String,
    pub version: String,
    /// YYYY-MM-DD
    pub effective_from: String,
    /// The version that applies in this area today
    pub in_force: bool,
    pub created_by: String,
    pub system: IndicatorSystem,
}

/// A new version for a province (or, for the ministry, the national defaults) from a day on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IndicatorSystemInput {
    /// A province's code; absent or `000000000000` for the national defaults
    pub area_code: Option<String>,
    /// YYYY-MM-DD, not in the past
    pub effective_from: Option<String>,
    pub system: IndicatorSystem,
}
