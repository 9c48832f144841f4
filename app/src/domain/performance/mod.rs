//! 绩效管理 of employment assistance, the pure part: the indicator system (绩效考核指标体系) as
//! versioned data, the periods an assessment covers (月、季、年, counted in Beijing days), the
//! scoring of a measured value against an indicator's floor and target, and the annual rating a
//! total proposes. The measures themselves are counted from the records elsewhere.
//!
//! The speech asks for an indicator system, an assessment method and rewards tied to results
//! (DOMAIN.md §2 and §3), but gives no figures: every default below is **this system's**,
//! configurable per province like the other policies.

use serde::{Deserialize, Serialize};

use crate::domain::grading::Rating;
use crate::domain::indicators::Share;

pub mod assessment;
pub mod measures;
pub mod period;
pub mod reward;
pub mod rollup;

pub use measures::{Deadline, Measure, MeasureUnit, met_in};
pub use period::{Period, PeriodError};

/// Which way an indicator improves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// One indicator of the system: a measure with its floor (no points), its target (the full
/// weight) and its weight, in the measure's unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PerformanceIndicator {
    /// Short and unique in the system: `A1`
    pub code: String,
    pub name: String,
    pub measure: Measure,
    pub direction: Direction,
    /// The value that earns nothing (‰ for rates, a number for counts)
    pub floor: u32,
    /// The value that earns the full weight
    pub target: u32,
    /// Points at the target; the weights of a system add up to 100 (0: shown, not scored)
    pub weight: u32,
}

/// The indicator system of a province (or the national defaults), with the assessment's
/// bounds and the reward rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IndicatorSystem {
    /// A label given by the system on publishing (`default-2026`, `44-2027-01-01`)
    #[serde(default)]
    pub version: String,
    pub indicators: Vec<PerformanceIndicator>,
    /// The most points a qualitative adjustment may add or take, with a written reason
    pub max_adjustment: u32,
    /// The lowest totals (0–100) proposing 优秀, 合格 and 基本合格; below the last, 不合格
    #[cfg_attr(feature = "ssr", schema(min_items = 3, max_items = 3))]
    pub rating_bands: [u32; 3],
    /// The share of an area's reward fund (以奖代补) reserved for the grassroots level
    /// (communities and their coordinators), ‰
    pub grassroots_share: u32,
}

fn indicator(
    code: &str,
    name: &str,
    measure: Measure,
    floor: u32,
    target: u32,
    weight: u32,
) -> PerformanceIndicator {
    PerformanceIndicator {
        code: code.into(),
        name: name.into(),
        measure,
        direction: Direction::HigherIsBetter,
        floor,
        target,
        weight,
    }
}

impl Default for IndicatorSystem {
    /// This system's defaults: seven scored indicators worth 100 points and the exits shown
    /// unscored; 零就业家庭 and registrations weigh most, as the speech puts 「出现一户、援助一户、
    /// 稳定一户」 and the time limits first. Bands 90 / 75 / 60; 70 % of a fund to the
    /// grassroots; adjustments of at most 5 points.
    fn default() -> Self {
        IndicatorSystem {
            version: "default-2026".into(),
            indicators: vec![
                indicator(
                    "A1",
                    "登记认定按时办结率",
                    Measure::RegistrationsOnTime,
                    800,
                    1000,
                    20,
                ),
                indicator(
                    "A2",
                    "「一人一策」服务按时完成率",
                    Measure::ServicesOnTime,
                    700,
                    950,
                    20,
                ),
                indicator(
                    "A3",
                    "零就业家庭按时清零率",
                    Measure::ZeroClearedOnTime,
                    900,
                    1000,
                    20,
                ),
                indicator(
                    "A4",
                    "援助对象就业率",
                    Measure::TargetsEmployed,
                    200,
                    500,
                    15,
                ),
                indicator(
                    "A5",
                    "稳定就业率",
                    Measure::TargetsStayedEmployed,
                    300,
                    700,
                    10,
                ),
                indicator("A6", "按期走访率", Measure::VisitsOnSchedule, 700, 950, 10),
                indicator("A7", "援助卡发放率", Measure::CardsIssued, 900, 1000, 5),
                indicator("B1", "退出人数", Measure::Exits, 0, 0, 0),
            ],
            max_adjustment: 5,
            rating_bands: [90, 75, 60],
            grassroots_share: 700,
        }
    }
}

impl IndicatorSystem {
    /// The faults of a system, as (field, message key); empty when it can be used. Codes and
    /// names present and short, codes unique, scored weights adding up to 100, a rate's floor
    /// and target within 0–1000 and apart in the indicator's direction, bands falling within
    /// 0–100, the grassroots share within 0–1000, adjustments of at most 20 points.
    pub fn validate(&self) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        if self.indicators.is_empty() {
            out.push(("indicators".into(), "performance.no_indicators"));
        }
        for (n, i) in self.indicators.iter().enumerate() {
            let at = |f: &str| format!("indicators.{n}.{f}");
            let code = i.code.trim();
            if code.is_empty() || code.chars().count() > 10 {
                out.push((at("code"), "performance.code"));
            } else if self.indicators[..n].iter().any(|o| o.code.trim() == code) {
                out.push((at("code"), "performance.code_twice"));
            }
            if i.name.trim().is_empty() || i.name.chars().count() > 50 {
                out.push((at("name"), "performance.name"));
            }
            if i.weight == 0 {
                continue;
            }
            let rate = i.measure.unit() == MeasureUnit::PerMille;
            if rate && (i.floor > 1000 || i.target > 1000) {
                out.push((at("target"), "performance.rate_range"));
            }
            let apart = match i.direction {
                Direction::HigherIsBetter => i.floor < i.target,
                Direction::LowerIsBetter => i.floor > i.target,
            };
            if !apart {
                out.push((at("target"), "performance.floor_target"));
            }
        }
        if self.indicators.iter().map(|i| i.weight).sum::<u32>() != 100 {
            out.push(("indicators".into(), "performance.weights"));
        }
        let [a, b, c] = self.rating_bands;
        if !(a <= 100 && a > b && b > c) {
            out.push(("rating_bands".into(), "performance.bands"));
        }
        if self.grassroots_share > 1000 {
            out.push(("grassroots_share".into(), "number.out_of_range"));
        }
        if self.max_adjustment > 20 {
            out.push(("max_adjustment".into(), "number.out_of_range"));
        }
        out
    }

    /// The annual rating a total (0–100) proposes under the bands.
    pub fn proposed_rating(&self, total: u32) -> Rating {
        let [excellent, qualified, basic] = self.rating_bands;
        if total >= excellent {
            Rating::Excellent
        } else if total >= qualified {
            Rating::Qualified
        } else if total >= basic {
            Rating::BasicallyQualified
        } else {
            Rating::Unqualified
        }
    }
}

/// The points an indicator earns for a measured value, in hundredths of a point: nothing at or
/// short of the floor, the full weight at or beyond the target, in a straight line between
/// (this system's default rule: 线性插值、封顶). An empty population (`None`: nothing was due)
/// earns the full weight, as the certification rates count it.
pub fn points(i: &PerformanceIndicator, value: Option<u32>) -> u32 {
    let full = i.weight * 100;
    let Some(v) = value else { return full };
    let (from_floor, span) = match i.direction {
        Direction::HigherIsBetter => (
            i64::from(v) - i64::from(i.floor),
            i64::from(i.target) - i64::from(i.floor),
        ),
        Direction::LowerIsBetter => (
            i64::from(i.floor) - i64::from(v),
            i64::from(i.floor) - i64::from(i.target),
        ),
    };
    if span <= 0 || from_floor >= span {
        return full;
    }
    if from_floor <= 0 {
        return 0;
    }
    u32::try_from(i64::from(full) * from_floor / span).unwrap_or(full)
}

/// Where a measured value stands against its indicator, for the status colour of a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// At or beyond the target: the full weight
    Reached,
    /// Between the floor and the target
    Approaching,
    /// At or short of the floor: no points
    Short,
    /// Nothing fell due (full points, as [`points`] counts it)
    NothingDue,
    /// Shown, not scored (a weight of 0)
    Unscored,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Reached => "reached",
            Standing::Approaching => "approaching",
            Standing::Short => "short",
            Standing::NothingDue => "nothing_due",
            Standing::Unscored => "unscored",
        }
    }
}

/// The standing of `value` against `i`, by the points it earns.
pub fn standing(i: &PerformanceIndicator, value: Option<u32>) -> Standing {
    if i.weight == 0 {
        return Standing::Unscored;
    }
    if value.is_none() {
        return Standing::NothingDue;
    }
    match points(i, value) {
        0 => Standing::Short,
        p if p >= i.weight * 100 => Standing::Reached,
        _ => Standing::Approaching,
    }
}

/// A measured value as an indicator reads it: a share in per mille (`None` for an empty
/// population) or a count.
pub fn value_of(unit: MeasureUnit, share: Share) -> Option<u32> {
    match unit {
        MeasureUnit::PerMille => (share.whole > 0).then(|| share.per_mille()),
        MeasureUnit::Count => Some(u32::try_from(share.part).unwrap_or(u32::MAX)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_weigh_one_hundred() {
        let s = IndicatorSystem::default();
        assert_eq!(s.validate(), vec![]);
        assert_eq!(s.indicators.iter().map(|i| i.weight).sum::<u32>(), 100);
        let measures: Vec<Measure> = s.indicators.iter().map(|i| i.measure).collect();
        for m in Measure::ALL {
            assert!(measures.contains(&m), "{m:?} in the defaults");
        }
    }

    #[test]
    fn a_broken_system_names_each_fault() {
        let mut s = IndicatorSystem::default();
        s.indicators[1].code = "A1".into();
        s.indicators[2].floor = 1000;
        s.indicators[3].target = 1200;
        s.indicators[4].weight = 11;
        s.rating_bands = [75, 90, 60];
        let faults: Vec<(String, &str)> = s.validate();
        let keys: Vec<(&str, &str)> = faults.iter().map(|(f, k)| (f.as_str(), *k)).collect();
        assert!(keys.contains(&("indicators.1.code", "performance.code_twice")));
        assert!(keys.contains(&("indicators.2.target", "performance.floor_target")));
        assert!(keys.contains(&("indicators.3.target", "performance.rate_range")));
        assert!(keys.contains(&("indicators", "performance.weights")));
        assert!(keys.contains(&("rating_bands", "performance.bands")));
    }

    #[test]
    fn points_rise_in_a_line_from_the_floor_to_the_target_and_stop() {
        let i = indicator("A2", "服务", Measure::ServicesOnTime, 700, 950, 20);
        assert_eq!(points(&i, Some(600)), 0);
        assert_eq!(points(&i, Some(700)), 0);
        // 825 is half way: 10 points.
        assert_eq!(points(&i, Some(825)), 1000);
        assert_eq!(points(&i, Some(950)), 2000);
        assert_eq!(points(&i, Some(1000)), 2000, "capped at the weight");
        assert_eq!(points(&i, None), 2000, "nothing due: full marks");
        // 94.9 % is short of the target by one per mille: not the full weight.
        assert_eq!(points(&i, Some(949)), 1992);
        let lower = PerformanceIndicator {
            direction: Direction::LowerIsBetter,
            floor: 10,
            target: 0,
            ..i.clone()
        };
        assert_eq!(points(&lower, Some(5)), 1000);
        assert_eq!(points(&lower, Some(0)), 2000);
        assert_eq!(points(&lower, Some(12)), 0);
    }

    #[test]
    fn totals_propose_ratings_by_the_bands() {
        let s = IndicatorSystem::default();
        assert_eq!(s.proposed_rating(100), Rating::Excellent);
        assert_eq!(s.proposed_rating(90), Rating::Excellent);
        assert_eq!(s.proposed_rating(89), Rating::Qualified);
        assert_eq!(s.proposed_rating(75), Rating::Qualified);
        assert_eq!(s.proposed_rating(60), Rating::BasicallyQualified);
        assert_eq!(s.proposed_rating(59), Rating::Unqualified);
    }

    #[test]
    fn a_value_stands_by_the_points_it_earns() {
        let i = indicator("A2", "服务", Measure::ServicesOnTime, 700, 950, 20);
        assert_eq!(standing(&i, Some(950)), Standing::Reached);
        assert_eq!(standing(&i, Some(949)), Standing::Approaching);
        assert_eq!(standing(&i, Some(700)), Standing::Short);
        assert_eq!(standing(&i, None), Standing::NothingDue);
        let shown = indicator("B1", "退出", Measure::Exits, 0, 0, 0);
        assert_eq!(standing(&shown, Some(3)), Standing::Unscored);
    }
}
