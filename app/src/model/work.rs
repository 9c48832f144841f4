//! A field worker's day: what is due in the account's area.

use serde::{Deserialize, Serialize};

use super::assistance::TargetItem;
use super::ledger::HouseholdItem;
use crate::domain::worklist::WorkGroup;
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

/// Which part of the work list to read: every group's first items, or one group paged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct WorkQuery {
    /// `zero`, `reviews`, `services` or `visits`: that group alone, 20 items a page; empty: the
    /// first 5 items of every group
    pub group: Option<String>,
    /// 1-based page of the group (1 to 10,000)
    pub page: Option<String>,
}

/// How many items a group holds in the account's area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GroupCount {
    pub total: u64,
    /// Of them, past their deadline
    pub overdue: u64,
    /// The group reached the list's bound: at least `total`
    pub capped: bool,
}

/// The size of every group of the work list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WorkCounts {
    pub zero: GroupCount,
    pub reviews: GroupCount,
    pub services: GroupCount,
    pub visits: GroupCount,
}

impl WorkCounts {
    pub fn of(&self, group: WorkGroup) -> GroupCount {
        match group {
            WorkGroup::Zero => self.zero,
            WorkGroup::Reviews => self.reviews,
            WorkGroup::Services => self.services,
            WorkGroup::Visits => self.visits,
        }
    }
}

/// The work list of a coordinator or officer, scoped to the account's area. Each list holds the
/// slice the query asked for (the first 5 of each group, or a page of 20 of one group), the most
/// urgent first; `counts` gives every group's size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WorkList {
    /// YYYY-MM-DD
    pub today: String,
    /// The opened group; absent on the overview
    pub group: Option<WorkGroup>,
    /// 1-based page of the opened group
    pub page: u64,
    /// Pages of the opened group (1 on the overview)
    pub pages: u64,
    pub counts: WorkCounts,
    /// Households never visited or due for a re-check within a week, the most overdue first
    pub due_visits: Vec<HouseholdItem>,
    /// Open 零就业家庭 cases, the nearest deadline first
    pub zero_cases: Vec<ZeroCaseItem>,
    pub zero_summary: ZeroSummary,
    /// 登记认定 files waiting at this account's step, the nearest deadline first
    pub reviews: Vec<TargetItem>,
    /// 「一人一策」 services past their due date, the oldest first
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
