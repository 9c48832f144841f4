//! The working-day calendar as administrators see it: which basis each year follows.

use serde::{Deserialize, Serialize};

use crate::domain::calendar::YearBasis;

/// The calendar's state around today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CalendarStatus {
    /// YYYY-MM-DD, Beijing time
    pub today: String,
    /// Last year, this year and next year, each with its basis
    pub years: Vec<YearBasis>,
    /// The year whose State Council arrangement should be loaded now (this year's when missing;
    /// next year's from 1 November), if any
    pub missing_arrangement: Option<i32>,
}
