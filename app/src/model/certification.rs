//! 充分就业社区 certification records that cross the wire.

use serde::{Deserialize, Serialize};

use crate::domain::certification::Tier;
use crate::domain::indicators::{Behind, CommunityFacts, Evaluation};

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
