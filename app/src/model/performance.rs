//! 绩效管理 records that cross the wire: the indicator system's versions and the scorecards
//! computed from the records.

use serde::{Deserialize, Serialize};

use crate::domain::assistance::ExitReason;
use crate::domain::grading::Rating;
use crate::domain::performance::assessment::{AssessmentStatus, SubjectKind};
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

/// A new assessment: the assessing area (the reader's own by default) and an ended period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssessmentInput {
    /// The area whose units below (and their coordinators) are assessed; absent: the
    /// reader's own
    pub area: Option<String>,
    /// `2026-11`, `2026-Q4` or `2026`, ended
    pub period: Option<String>,
}

/// A qualitative adjustment of one entry of a draft (加减分), with its reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdjustmentInput {
    /// Points as written: `3`, `-2.5` (at most the system's `max_adjustment` either way; `0`
    /// removes it)
    pub adjustment: Option<String>,
    /// Required unless the adjustment is 0; at most 200 characters
    pub reason: Option<String>,
    /// The assessment's version the editor saw
    pub version: Option<i32>,
}

/// Publishing a draft, or correcting a published assessment with a new round.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssessmentAction {
    /// For a correction: why (required, at most 500 characters)
    pub reason: Option<String>,
    /// The assessment's version the editor saw
    pub version: Option<i32>,
}

/// One record an assessment counted, kept as it was counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FrozenRecord {
    pub measure: Measure,
    pub kind: RecordKind,
    pub id: i64,
    pub met: bool,
    /// YYYY-MM-DD
    pub due: Option<String>,
    /// YYYY-MM-DD
    pub done: Option<String>,
}

/// One assessed unit or coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssessmentEntryView {
    pub id: i64,
    pub kind: SubjectKind,
    /// The unit's area code, or the coordinator's area
    pub subject_code: String,
    pub coordinator_id: Option<i64>,
    pub subject_name: String,
    /// Hundredths of a point, from the records
    pub computed: u32,
    /// Hundredths, signed
    pub adjustment: i32,
    pub adjustment_reason: Option<String>,
    /// Hundredths: computed with the adjustment, within 0–100 points
    pub final_score: u32,
    /// 1 = highest among the entries of its kind; ties share a rank
    pub rank: u32,
    pub proposed_rating: Rating,
    pub lines: Vec<ScoreLine>,
    /// Records counted, and of them met
    pub records: u64,
}

/// An assessment with its entries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssessmentView {
    pub id: i64,
    pub area_code: String,
    pub area_name: String,
    pub period: String,
    /// 1 for the first; each correction adds one
    pub round: u32,
    pub status: AssessmentStatus,
    /// YYYY-MM-DD, the last day counted
    pub as_of: String,
    pub system_version: String,
    /// The bound of an adjustment, in whole points
    pub max_adjustment: u32,
    /// ‰ of a reward fund reserved for the grassroots staff (the system's)
    pub grassroots_share: u32,
    pub correction_reason: Option<String>,
    /// SHA-256 (hex) of the published content, printed on the result
    pub digest: Option<String>,
    /// For a published assessment: whether the stored content still hashes to its digest
    pub intact: Option<bool>,
    /// The round this one corrects, and the round that corrects it
    pub corrects: Option<i64>,
    pub corrected_by: Option<i64>,
    pub created_by: String,
    /// YYYY-MM-DD HH:MM, Beijing time
    pub created_at: String,
    pub published_by: Option<String>,
    pub published_at: Option<String>,
    pub version: i32,
    /// Whether the reader runs this area's assessments (and may correct a published one)
    pub assessor: bool,
    /// Whether the reader may adjust and publish: the assessor, on a draft
    pub can_edit: bool,
    pub units: Vec<AssessmentEntryView>,
    pub coordinators: Vec<AssessmentEntryView>,
}

/// An assessment in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssessmentSummary {
    pub id: i64,
    pub area_code: String,
    pub period: String,
    pub round: u32,
    pub status: AssessmentStatus,
    pub digest: Option<String>,
    pub published_at: Option<String>,
}

/// The assessments an area ran, and whether the reader runs them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssessmentList {
    pub area_code: String,
    pub area_name: String,
    /// Whether the reader is this area's officer, who runs its assessments
    pub can_run: bool,
    /// Newest period and round first
    pub items: Vec<AssessmentSummary>,
}

/// The fund to split (query string).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct RewardQuery {
    /// The area's reward fund (以奖代补) in yuan: `100000`, `2500.50`
    pub fund: String,
}

/// One share of a reward fund.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RewardRow {
    pub kind: SubjectKind,
    pub subject_code: String,
    pub subject_name: String,
    pub coordinator_id: Option<i64>,
    /// Hundredths of a point
    pub final_score: u32,
    /// Fen (0.01 yuan)
    pub amount_fen: u64,
    /// Yuan with two decimals
    pub amount: String,
}

/// A reward fund split by a published assessment's final scores: the grassroots share to the
/// coordinators, the rest to the units (this system's default rule, `domain::performance::reward`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RewardSplit {
    pub assessment_id: i64,
    pub period: String,
    /// Fen
    pub fund_fen: u64,
    /// ‰ of the fund reserved for the grassroots staff (the assessment's indicator system)
    pub grassroots_share: u32,
    /// Fen that went to the coordinators
    pub grassroots_fen: u64,
    pub rows: Vec<RewardRow>,
}

/// A coordinator's annual rating as a published annual assessment proposes it, and what the
/// HR manager decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatingProposal {
    /// The assessment entry proposing it
    pub entry_id: i64,
    pub assessment_id: i64,
    pub year: i32,
    pub coordinator_id: i64,
    pub coordinator_name: String,
    pub area_code: String,
    /// Hundredths of a point
    pub final_score: u32,
    pub proposed: Rating,
    /// The rating recorded for the year, however it was recorded (by this decision, by hand
    /// or from a workbook)
    pub recorded: Option<Rating>,
    /// The HR manager's decision on this proposal: the rating, and the reason of an override
    pub decided: Option<Rating>,
    pub reason: Option<String>,
    pub decided_by: Option<String>,
    /// YYYY-MM-DD: the coordinator left (the record is frozen: no decision can be recorded)
    pub left_on: Option<String>,
}

/// An HR manager's decision on a proposal: confirm it (no rating, or the proposed one) or
/// override it with another rating and a reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatingDecisionInput {
    /// `excellent`, `qualified`, `basically_qualified`, `unqualified`; absent: the proposed one
    pub rating: Option<String>,
    /// Required when the rating differs from the proposal; at most 200 characters
    pub reason: Option<String>,
}

/// Which area and period a dashboard is asked for (query string).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct DashboardQuery {
    /// An area code of any level inside the reader's scope; absent: the reader's own area (the
    /// whole country for national roles)
    pub area: Option<String>,
    /// One of the kept periods (the twelve months to this one, the quarters and the years of
    /// this year and the last: `periods` of the answer); absent: the current year
    pub period: Option<String>,
}

/// One month of an indicator's trend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrendPoint {
    /// `2026-11`
    pub period: String,
    pub part: u64,
    pub whole: u64,
    /// ‰ for a rate (`null` when nothing was due), the number for a count
    pub value: Option<u32>,
}

/// An area below, or a coordinator, with each indicator's figure for the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DashboardRow {
    /// The area's code (for a coordinator: the area served)
    pub area_code: String,
    /// The area's name, or the coordinator's
    pub name: String,
    /// For a coordinator's row: the coordinator's id
    pub coordinator_id: Option<i64>,
    /// Each indicator's value, in the order of the dashboard's lines (‰ or a count; `null`
    /// when nothing was due)
    pub values: Vec<Option<u32>>,
    /// Each indicator's standing, in the same order: the status colour
    pub standings: Vec<Standing>,
    /// The points of all lines, in hundredths
    pub total: u32,
}

/// A level's dashboard: the area's scorecard for the period, each indicator's trend over the
/// last twelve months, and the same figures for each area directly below and each coordinator
/// serving the area or those below it. Read from the kept figures (the roll-ups), counted as
/// of `counted_as_of`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Dashboard {
    /// The period's figures, as a scorecard gives them (time elapsed in `elapsed`: 时序进度)
    pub card: Scorecard,
    /// Each line's twelve months to the current one, oldest first, in the order of the lines
    pub trends: Vec<Vec<TrendPoint>>,
    /// The areas directly below, by code
    pub areas: Vec<DashboardRow>,
    /// The coordinators serving the area or an area directly below (a coordinator: only the
    /// own), by area then name
    pub coordinators: Vec<DashboardRow>,
    /// YYYY-MM-DD: the day the kept figures of the periods under way were counted as of
    pub counted_as_of: String,
    /// YYYY-MM-DD HH:MM, Beijing time: when they were last brought up to date
    pub refreshed_at: String,
    /// The periods a dashboard can show today, months first
    pub periods: Vec<String>,
}
