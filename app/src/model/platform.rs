//! Grassroots platforms as the browser and REST clients see them: one platform's record with
//! its checks against the standard, a list of platforms under an area, and the coverage
//! figures with their drill-down rows.

use serde::{Deserialize, Serialize};

use super::area::AreaView;
use super::checks::{Errors, text};
use super::error::AppError;
use crate::domain::platform::{Coverage, PlatformFacts, PlatformPolicy, PlatformStandard};

/// What the registry holds about one platform.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PlatformRecord {
    /// 机构到位
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub institution: bool,
    /// 人员到位
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub staff: bool,
    /// 经费到位
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub funding: bool,
    /// 场地到位
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub venue: bool,
    /// 制度到位
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub rules: bool,
    /// 工作到位
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub work: bool,
    /// The unified name (统一名称), e.g. 南山区南头街道劳动保障事务所
    pub name: String,
    /// The unified sign (统一标识) is up
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub signage: bool,
    /// Venue area in m², if measured
    #[serde(default, deserialize_with = "super::checks::opt_number")]
    pub venue_m2: Option<u32>,
    /// Service windows
    #[serde(default, deserialize_with = "super::checks::number")]
    pub windows: u32,
    /// Equipment, as listed
    pub equipment: String,
    /// Linked to the city/district information system
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub network: bool,
    #[serde(default, deserialize_with = "super::checks::number")]
    pub full_time_staff: u32,
    #[serde(default, deserialize_with = "super::checks::number")]
    pub part_time_staff: u32,
    /// Funding sources: 财政预算
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub fund_budget: bool,
    /// 政府购买服务
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub fund_purchase: bool,
    /// 以奖代补
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub fund_reward: bool,
    /// 社保补贴 / 岗位补贴
    #[serde(default, deserialize_with = "super::ledger::flag")]
    pub fund_subsidy: bool,
}

impl PlatformRecord {
    /// The facts the coverage and checklist rules read.
    pub fn facts(&self) -> PlatformFacts {
        PlatformFacts {
            institution: self.institution,
            staff: self.staff,
            funding: self.funding,
            venue: self.venue,
            rules: self.rules,
            work: self.work,
            venue_m2: self.venue_m2,
            full_time_staff: self.full_time_staff,
            part_time_staff: self.part_time_staff,
        }
    }

    /// Checks the free text and the numbers; trims the text.
    pub fn check(mut self) -> Result<PlatformRecord, AppError> {
        let mut e = Errors::default();
        self.name = text(&mut e, "name", &Some(self.name.clone()), 100).unwrap_or_default();
        self.equipment =
            text(&mut e, "equipment", &Some(self.equipment.clone()), 200).unwrap_or_default();
        let mut limit = |field: &str, value: u32, max: u32| {
            if value > max {
                e.add(field, "number.out_of_range");
            }
        };
        limit("venue_m2", self.venue_m2.unwrap_or(0), 100_000);
        limit("windows", self.windows, 100);
        limit("full_time_staff", self.full_time_staff, 1_000);
        limit("part_time_staff", self.part_time_staff, 1_000);
        // 人员到位 says someone works there.
        if self.staff && self.full_time_staff + self.part_time_staff == 0 {
            e.add("staff", "platform.staff_without_people");
        }
        e.finish(|| Some(self))
    }
}

/// A save of a platform's record: the record and the version the editor saw (0 for a
/// platform not yet registered).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlatformInput {
    pub record: PlatformRecord,
    pub version: i32,
}

/// How a platform measures against the standard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlatformChecks {
    pub six_in_place: bool,
    /// Full- or part-time staff work there
    pub staffed: bool,
    /// `None` when the venue is not measured
    pub venue_met: Option<bool>,
    pub windows_met: Option<bool>,
}

/// One platform: its area, its record (empty when not registered) and the checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlatformView {
    pub area: AreaView,
    /// The ancestors, province first, for the breadcrumb
    pub ancestors: Vec<AreaView>,
    pub registered: bool,
    pub record: PlatformRecord,
    pub checks: PlatformChecks,
    /// The standard the checks apply (the province's policy in force)
    pub standard: PlatformStandard,
    /// 0 when not registered
    pub version: i32,
    pub updated_by: Option<String>,
    /// YYYY-MM-DD HH:MM (UTC)
    pub updated_at: Option<String>,
    /// The signed-in account may edit this platform
    pub can_edit: bool,
}

/// One platform in a list of the platforms under an area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlatformRow {
    pub area: AreaView,
    pub registered: bool,
    pub name: String,
    /// 机构, 人员, 经费, 场地, 制度, 工作
    #[cfg_attr(feature = "ssr", schema(min_items = 6, max_items = 6))]
    pub six: [bool; 6],
    pub checks: PlatformChecks,
    pub full_time_staff: u32,
    pub part_time_staff: u32,
}

/// The platforms directly under an area (the streets of a county, the communities of a
/// street), the area's own platform first when it is a street or township.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlatformList {
    pub area: Option<AreaView>,
    pub ancestors: Vec<AreaView>,
    pub rows: Vec<PlatformRow>,
}

/// One row of the coverage drill-down: an area and the figures over every unit below it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CoverageRow {
    pub area: AreaView,
    pub coverage: Coverage,
}

/// The coverage figures of an area (the whole country when none) and of each area directly
/// under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CoverageReport {
    pub area: Option<AreaView>,
    pub ancestors: Vec<AreaView>,
    pub total: Coverage,
    pub rows: Vec<CoverageRow>,
    /// How long the count took on the server, in milliseconds
    pub elapsed_ms: u64,
}

/// One published version of the platform policy (standard and grade rules).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlatformPolicyVersion {
    /// `000000000000` for the national defaults, else the province's code
    pub area_code: String,
    pub version: String,
    /// YYYY-MM-DD
    pub effective_from: String,
    /// The version that applies in this area today
    pub in_force: bool,
    pub created_by: String,
    pub policy: PlatformPolicy,
}

/// A new version for a province (or, for the ministry, the national defaults) from a date on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlatformPolicyInput {
    /// A province's code; absent or `000000000000` for the national defaults
    pub area_code: Option<String>,
    /// YYYY-MM-DD, not in the past
    pub effective_from: Option<String>,
    pub policy: PlatformPolicy,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_trimmed_and_its_numbers_bounded() {
        let ok = PlatformRecord {
            name: "  南头街道劳动保障事务所 ".into(),
            windows: 3,
            ..PlatformRecord::default()
        }
        .check()
        .expect("valid");
        assert_eq!(ok.name, "南头街道劳动保障事务所");
        let bad = PlatformRecord {
            name: "名".repeat(101),
            windows: 101,
            venue_m2: Some(100_001),
            ..PlatformRecord::default()
        }
        .check();
        let Err(AppError::Invalid(fields)) = bad else {
            panic!("expected field errors, got {bad:?}");
        };
        assert_eq!(
            fields.get("name").map(String::as_str),
            Some("name.too_long")
        );
        assert_eq!(
            fields.get("windows").map(String::as_str),
            Some("number.out_of_range")
        );
        assert!(fields.contains_key("venue_m2"));
    }

    #[test]
    fn staff_in_place_needs_someone_working_there() {
        let nobody = PlatformRecord {
            staff: true,
            ..PlatformRecord::default()
        }
        .check();
        let Err(AppError::Invalid(fields)) = nobody else {
            panic!("expected a refusal, got {nobody:?}");
        };
        assert_eq!(
            fields.get("staff").map(String::as_str),
            Some("platform.staff_without_people")
        );
        assert!(
            PlatformRecord {
                staff: true,
                part_time_staff: 1,
                ..PlatformRecord::default()
            }
            .check()
            .is_ok()
        );
    }
}
