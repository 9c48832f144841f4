//! A field worker's day: what is due in the account's area.

use serde::{Deserialize, Serialize};

use super::assistance::TargetItem;
use super::ledger::HouseholdItem;
use crate::domain::zero_employment::Stage;

/// A 零就业家庭 case with its dates and deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ZeroCaseItem {
    pub id: i64,
    pub household_id: i64,
    pub address: String,
    pub community_name: String,
    pub stage: Stage,
    /// YYYY-MM-DD
    pub identified_on: String,
    pub assisted_on: Option<String>,
    pub cleared_on: Option<String>,
    pub stable_on: Option<String>,
    /// YYYY-MM-DD: cleared by this day (default one month after identification)
    pub clear_by: String,
    /// Not cleared in time (一票否决 for the community's certification)
    pub overdue: bool,
}

/// 零就业家庭 in an area: the count now and how past cases went (基数归零、动态归零).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ZeroSummary {
    /// Open now (identified or assisted)
    pub open: u64,
    /// Open and past the clearing deadline, or cleared late
    pub overdue: u64,
    pub cleared: u64,
    pub stable: u64,
}

/// The work list of a coordinator or officer, scoped to the account's area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WorkList {
    /// YYYY-MM-DD
    pub today: String,
    /// Households never visited or due for a re-check within a week, the most overdue first
    pub due_visits: Vec<HouseholdItem>,
    /// Open 零就业家庭 cases, the nearest deadline first
    pub zero_cases: Vec<ZeroCaseItem>,
    pub zero_summary: ZeroSummary,
    /// 登记认定 files waiting at this account's step
    pub reviews: Vec<TargetItem>,
    /// 「一人一策」 services past their due date
    pub overdue_items: Vec<super::assistance::PlanItemView>,
    /// Cases identified in the last 30 days
    pub new_cases: u64,
    /// Possible duplicates waiting for an officer
    pub open_duplicates: u64,
}

/// The number of open 零就业家庭 on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OpenOnDay {
    /// YYYY-MM-DD
    pub day: String,
    pub open: u32,
}

/// One community's 零就业家庭 standing this year: the count now, 基数归零 and 动态归零, and the
/// count at each month end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommunityZeroRow {
    pub community_code: String,
    pub community_name: String,
    pub open_now: u32,
    /// Open past the clearing deadline (一票否决)
    pub overdue_now: u32,
    /// Open at the start of the year
    pub base: u32,
    pub base_cleared: bool,
    pub new_in_period: u32,
    pub dynamic_cleared: bool,
    pub history: Vec<OpenOnDay>,
}

/// The communities of an area that had 零就业家庭 this year, the most urgent first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ZeroOverview {
    /// YYYY-MM-DD: the first day of the period (1 January)
    pub period_start: String,
    /// YYYY-MM-DD
    pub on: String,
    pub communities: Vec<CommunityZeroRow>,
}
