//! 绩效管理 records that cross the wire: the indicator system's versions and the scorecards
//! computed from the records.

use serde::{Deserialize, Serialize};

use crate::domain::assistance::ExitReason;
use crate::domain::grading::Rating;
use crate::domain::performance::measures::RecordKind;
use crate::domain::performance::{
    IndicatorSystem, Measure, MeasureUnit, PerformanceIndicator, Standing,
};

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

/// Which area and period a scorecard is asked for (query string).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct ScorecardQuery {
    /// An area code of any level inside the reader's scope; absent: the reader's own area (the
    /// whole country for national roles)
    pub area: Option<String>,
    /// `2026-11` (a month), `2026-Q4` (a quarter) or `2026` (a year), begun by today; absent:
    /// the current month
    pub period: Option<String>,
}

/// Exits of one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ExitCount {
    pub reason: ExitReason,
    pub count: u64,
}

/// One indicator of a scorecard: what was counted and the points it earns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScoreLine {
    /// The indicator as the system in force defines it (code, name, measure, floor, target,
    /// weight)
    pub indicator: PerformanceIndicator,
    pub unit: MeasureUnit,
    /// Records met (for a count: the count)
    pub part: u64,
    /// Records counted
    pub whole: u64,
    /// ‰ for a rate (`null` when nothing was due), the number for a count
    pub value: Option<u32>,
    /// Points earned, in hundredths (1992 = 19.92 of a weight of 20)
    pub points: u32,
    /// Reached, approaching, short of the floor, nothing due or unscored: the status colour
    pub standing: Standing,
    /// For exits: the count of each reason, reasons without exits left out
    pub exits_by_reason: Vec<ExitCount>,
}

/// The scorecard of an area (or a coordinator's area) for a period, computed from the records
/// as of the period's end (today for the period under way): never typed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Scorecard {
    /// 12 digits; `000000000000` for the whole country
    pub area_code: String,
    pub area_name: String,
    /// For a coordinator's scorecard: the coordinator's id and name
    pub coordinator: Option<ScorecardHolder>,
    /// As asked: `2026-11`, `2026-Q4`, `2026`
    pub period: String,
    /// YYYY-MM-DD, the period's first day
    pub from: String,
    /// YYYY-MM-DD, the last day counted: the period's last day, or today while it runs
    pub as_of: String,
    /// Whether the period has ended (else the figures are as of today)
    pub complete: bool,
    /// Time elapsed in the period, ‰ (时序进度)
    pub elapsed: u32,
    /// The label of the indicator system used (in force in the area on `as_of`)
    pub system_version: String,
    pub lines: Vec<ScoreLine>,
    /// The sum of the lines' points, in hundredths (0–10000)
    pub total: u32,
    /// The annual rating the total proposes under the system's bands
    pub proposed_rating: Rating,
}

/// The coordinator a scorecard belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScorecardHolder {
    pub id: i64,
    pub name: String,
}

/// Which figure's records are asked for (query string).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct FigureQuery {
    /// As for a scorecard: an area code in the reader's scope, absent for the own area
    pub area: Option<String>,
    /// As for a scorecard: `2026-11`, `2026-Q4` or `2026`
    pub period: Option<String>,
    /// The measure (`registrations_on_time`, `services_on_time`, …)
    pub measure: String,
    /// `missed` (the default: what pulls the figure down first), `met` or `all`
    pub show: Option<String>,
    /// 1…10000
    pub page: Option<String>,
}

/// One record behind a figure, as the reader's role may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FigureRecord {
    pub kind: RecordKind,
    pub community_code: String,
    pub community_name: String,
    /// Whose record: the holder's name (or, for a household, its address) for those who work
    /// the ledger (coordinators, street and county officers); the surname alone (「张*」) for
    /// the others, and no address
    pub label: String,
    /// YYYY-MM-DD: the day it fell due (a limit, a stable-work mark, a confirmation)
    pub due: Option<String>,
    /// YYYY-MM-DD: the day it was done, if by the period's end
    pub done: Option<String>,
    pub met: bool,
    pub exit_reason: Option<ExitReason>,
    /// The page of the record, for those who may open it
    pub link: Option<String>,
}

/// The records behind one figure of a scorecard, a page at a time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FigureRecords {
    pub area_code: String,
    pub area_name: String,
    pub period: String,
    /// YYYY-MM-DD
    pub as_of: String,
    pub measure: Measure,
    /// As on the scorecard: records met and records counted
    pub part: u64,
    pub whole: u64,
    /// `missed`, `met` or `all`
    pub show: String,
    /// Records shown by `show`, over all pages
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    /// Missed first, then by the day due, then by record
    pub rows: Vec<FigureRecord>,
}
