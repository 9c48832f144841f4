//! Grassroots platforms (基层平台) as pure rules (DOMAIN.md §2): the 「六到位」 checklist, the
//! platform standard, and the coverage figures the speech quotes (streets and townships with a
//! platform institution, communities and administrative villages with staff, 六到位 complete),
//! counted over any set of areas.

use serde::{Deserialize, Serialize};

use super::area_code::{AreaCode, TownshipKind, VillageKind};
use super::grading::GradePolicy;
use super::indicators::Share;

/// What the registry holds about one platform, as the rules read it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformFacts {
    /// 机构到位: a platform institution exists
    pub institution: bool,
    /// 人员到位
    pub staff: bool,
    /// 经费到位
    pub funding: bool,
    /// 场地到位
    pub venue: bool,
    /// 制度到位
    pub rules: bool,
    /// 工作到位
    pub work: bool,
    /// Venue area in m², if measured
    pub venue_m2: Option<u32>,
    pub full_time_staff: u32,
    pub part_time_staff: u32,
}

impl PlatformFacts {
    /// All six in place. 人员到位 counts only with someone working there: a record that ticks it
    /// with no full- or part-time staff is not six-in-place (issue 15; the form refuses it).
    pub fn six_in_place(&self) -> bool {
        self.institution
            && self.staff
            && self.staffed()
            && self.funding
            && self.venue
            && self.rules
            && self.work
    }

    /// Someone works there, full- or part-time.
    pub fn staffed(&self) -> bool {
        self.full_time_staff + self.part_time_staff > 0
    }
}

/// The platform standard (DOMAIN.md defaults: venue street ≥ 100 m², community/village
/// ≥ 50 m²; service windows are this system's defaults: 2 at a street or township, 1 at a
/// community or village).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlatformStandard {
    pub township_m2: u32,
    pub village_m2: u32,
    pub township_windows: u32,
    pub village_windows: u32,
}

impl Default for PlatformStandard {
    fn default() -> Self {
        PlatformStandard {
            township_m2: 100,
            village_m2: 50,
            township_windows: 2,
            village_windows: 1,
        }
    }
}

impl PlatformStandard {
    /// The (venue m², windows) a platform at `area` needs: `None` above the township level.
    fn need(&self, area: &AreaCode) -> Option<(u32, u32)> {
        if area.village_kind().is_some() {
            Some((self.village_m2, self.village_windows))
        } else if area.township_kind().is_some() {
            Some((self.township_m2, self.township_windows))
        } else {
            None
        }
    }

    /// Whether a measured venue of a platform at `area` meets the standard (`None` when the
    /// area is neither a township nor a village level unit, or the venue is not measured).
    pub fn venue_met(&self, area: &AreaCode, m2: Option<u32>) -> Option<bool> {
        let (need, _) = self.need(area)?;
        m2.map(|m| m >= need)
    }

    /// Whether a platform at `area` has the service windows the standard asks for.
    pub fn windows_met(&self, area: &AreaCode, windows: u32) -> Option<bool> {
        let (_, need) = self.need(area)?;
        Some(windows >= need)
    }
}

/// One version of the platform policy of the nation or a province: the platform standard and
/// the coordinator grade rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlatformPolicy {
    /// A label such as `default-2026` or `44-2027-01-01` (given by the system on publishing)
    #[serde(default)]
    pub version: String,
    pub standard: PlatformStandard,
    pub grades: GradePolicy,
}

impl Default for PlatformPolicy {
    fn default() -> Self {
        PlatformPolicy {
            version: "default-2026".into(),
            standard: PlatformStandard::default(),
            grades: GradePolicy::default(),
        }
    }
}

impl PlatformPolicy {
    /// The numbers out of range, as (field, error key); empty when the policy can be used.
    pub fn validate(&self) -> Vec<(&'static str, &'static str)> {
        let g = &self.grades;
        let s = &self.standard;
        let checks: [(&'static str, bool); 11] = [
            ("grades.exam_pass", g.exam_pass <= 100),
            ("grades.assessment_pass", g.assessment_pass <= 100),
            (
                "grades.years_at_second",
                (1..=10).contains(&g.years_at_second),
            ),
            ("grades.training_hours", g.training_hours <= 1000),
            (
                "grades.training_window_years",
                (1..=10).contains(&g.training_window_years),
            ),
            ("grades.pay_second", g.pay_second.iter().all(|p| *p <= 5000)),
            ("grades.pay_first", g.pay_first.iter().all(|p| *p <= 5000)),
            ("standard.township_m2", s.township_m2 <= 10_000),
            ("standard.village_m2", s.village_m2 <= 10_000),
            ("standard.township_windows", s.township_windows <= 50),
            ("standard.village_windows", s.village_windows <= 50),
        ];
        checks
            .into_iter()
            .filter(|(_, ok)| !ok)
            .map(|(field, _)| (field, "number.out_of_range"))
            .collect()
    }
}

/// How many units of one kind a group holds and how many of them have each thing, as a
/// database count returns them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnitCounts {
    pub units: u64,
    pub institution: u64,
    pub staffed: u64,
    pub six_in_place: u64,
}

/// The coverage figures over a set of areas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Coverage {
    /// 街道 with a platform institution
    pub streets: Share,
    /// 乡镇 with a platform institution
    pub townships: Share,
    /// 社区 (居委会) with full- or part-time staff
    pub communities: Share,
    /// 行政村 with full- or part-time staff
    pub villages: Share,
    /// Township- and village-level units with all six in place
    pub six_in_place: Share,
}

impl Coverage {
    /// Counts one unit (a township- or village-level area) with its registry record, if any;
    /// an area without a record counts as having nothing.
    pub fn add(&mut self, area: &AreaCode, facts: Option<&PlatformFacts>) {
        let yes = |b: bool| u64::from(b);
        self.add_units(
            area,
            UnitCounts {
                units: 1,
                institution: yes(facts.is_some_and(|f| f.institution)),
                staffed: yes(facts.is_some_and(PlatformFacts::staffed)),
                six_in_place: yes(facts.is_some_and(PlatformFacts::six_in_place)),
            },
        );
    }

    /// Counts a group of units of the same kind as `sample` (the same level and type digits
    /// of the code): streets and townships by their institution, communities and villages by
    /// their staff, all of them by 六到位. Units of other kinds (开发区, 农场 …) are not in the
    /// speech's figures.
    pub fn add_units(&mut self, sample: &AreaCode, n: UnitCounts) {
        let count = |s: &mut Share, yes: u64| {
            s.whole += n.units;
            s.part += yes;
        };
        if let Some(kind) = sample.village_kind() {
            match kind {
                VillageKind::UrbanCommunity => count(&mut self.communities, n.staffed),
                VillageKind::Village => count(&mut self.villages, n.staffed),
                VillageKind::Other => return,
            }
        } else if let Some(kind) = sample.township_kind() {
            match kind {
                TownshipKind::Street => count(&mut self.streets, n.institution),
                TownshipKind::Town | TownshipKind::Township => {
                    count(&mut self.townships, n.institution)
                }
                TownshipKind::Other => return,
            }
        } else {
            return;
        }
        count(&mut self.six_in_place, n.six_in_place);
    }

    /// Adds another area's figures (summing a drill-down's rows).
    pub fn merge(&mut self, other: &Coverage) {
        for (a, b) in [
            (&mut self.streets, other.streets),
            (&mut self.townships, other.townships),
            (&mut self.communities, other.communities),
            (&mut self.villages, other.villages),
            (&mut self.six_in_place, other.six_in_place),
        ] {
            a.part += b.part;
            a.whole += b.whole;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> AreaCode {
        AreaCode::parse(s).expect("code")
    }

    fn complete() -> PlatformFacts {
        PlatformFacts {
            institution: true,
            staff: true,
            funding: true,
            venue: true,
            rules: true,
            work: true,
            venue_m2: Some(120),
            full_time_staff: 2,
            part_time_staff: 0,
        }
    }

    #[test]
    fn staff_in_place_without_anyone_working_there_is_not_six_in_place() {
        assert!(complete().six_in_place());
        let nobody = PlatformFacts {
            full_time_staff: 0,
            part_time_staff: 0,
            ..complete()
        };
        assert!(!nobody.staffed());
        assert!(!nobody.six_in_place());
        // Counted neither staffed nor six-in-place, so never both "six in place" and unstaffed.
        let mut c = Coverage::default();
        c.add(&code("440305001001"), Some(&nobody));
        assert_eq!(c.communities, Share { part: 0, whole: 1 });
        assert_eq!(c.six_in_place, Share { part: 0, whole: 1 });
    }

    /// A hand count: two streets (one with an institution), a town and a 乡 (the town with
    /// one), three communities (two staffed) and two villages (none staffed), and a
    /// development-zone unit that counts nowhere.
    #[test]
    fn coverage_matches_a_hand_count() {
        let staffed = PlatformFacts {
            full_time_staff: 0,
            part_time_staff: 1,
            ..PlatformFacts::default()
        };
        let units: Vec<(AreaCode, Option<PlatformFacts>)> = vec![
            (code("440305001000"), Some(complete())),
            (code("440305002000"), None),
            (
                code("440305100000"),
                Some(PlatformFacts {
                    institution: true,
                    ..PlatformFacts::default()
                }),
            ),
            (code("440305200000"), Some(PlatformFacts::default())),
            (code("440305001001"), Some(complete())),
            (code("440305001003"), Some(staffed)),
            (code("440305001004"), None),
            (code("440305100201"), Some(PlatformFacts::default())),
            (code("440305100202"), None),
            (code("440305400000"), Some(complete())),
        ];
        let mut c = Coverage::default();
        for (a, f) in &units {
            c.add(a, f.as_ref());
        }
        assert_eq!(c.streets, Share { part: 1, whole: 2 });
        assert_eq!(c.townships, Share { part: 1, whole: 2 });
        assert_eq!(c.communities, Share { part: 2, whole: 3 });
        assert_eq!(c.villages, Share { part: 0, whole: 2 });
        // Two of the nine counted units have all six.
        assert_eq!(c.six_in_place, Share { part: 2, whole: 9 });
        assert_eq!(c.streets.per_mille(), 500);
        let mut twice = c;
        twice.merge(&c);
        assert_eq!(twice.communities, Share { part: 4, whole: 6 });
    }

    #[test]
    fn venues_and_windows_are_judged_by_the_level_of_their_area() {
        let v = PlatformStandard::default();
        assert_eq!(v.venue_met(&code("440305001000"), Some(99)), Some(false));
        assert_eq!(v.venue_met(&code("440305001000"), Some(100)), Some(true));
        assert_eq!(v.venue_met(&code("440305001001"), Some(50)), Some(true));
        assert_eq!(v.venue_met(&code("440305001001"), None), None);
        assert_eq!(v.venue_met(&code("440305000000"), Some(500)), None);
        assert_eq!(v.windows_met(&code("440305001000"), 1), Some(false));
        assert_eq!(v.windows_met(&code("440305001001"), 1), Some(true));
        assert_eq!(v.windows_met(&code("440305000000"), 9), None);
    }

    #[test]
    fn a_policy_with_numbers_out_of_range_names_them() {
        assert!(PlatformPolicy::default().validate().is_empty());
        let mut p = PlatformPolicy::default();
        p.grades.exam_pass = 101;
        p.grades.training_window_years = 0;
        p.standard.village_windows = 51;
        let fields: Vec<&str> = p.validate().into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "grades.exam_pass",
                "grades.training_window_years",
                "standard.village_windows"
            ]
        );
    }

    #[test]
    fn a_group_counts_like_its_units_one_by_one() {
        let mut one_by_one = Coverage::default();
        let staffed = PlatformFacts {
            part_time_staff: 1,
            ..PlatformFacts::default()
        };
        one_by_one.add(&code("440305001001"), Some(&complete()));
        one_by_one.add(&code("440305001003"), Some(&staffed));
        one_by_one.add(&code("440305001004"), None);
        let mut grouped = Coverage::default();
        grouped.add_units(
            &code("440305001001"),
            UnitCounts {
                units: 3,
                institution: 1,
                staffed: 2,
                six_in_place: 1,
            },
        );
        assert_eq!(grouped, one_by_one);
        // A 开发区 group counts nowhere.
        grouped.add_units(
            &code("440305400000"),
            UnitCounts {
                units: 5,
                institution: 5,
                staffed: 5,
                six_in_place: 5,
            },
        );
        assert_eq!(grouped, one_by_one);
    }
}
