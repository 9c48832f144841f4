//! Grassroots platforms (基层平台) as pure rules (DOMAIN.md §2): the 「六到位」 checklist, the
//! venue standard, and the coverage figures the speech quotes (streets and townships with a
//! platform institution, communities and administrative villages with staff, 六到位 complete),
//! counted over any set of areas.

use serde::{Deserialize, Serialize};

use super::area_code::{AreaCode, TownshipKind, VillageKind};
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
    /// All six in place.
    pub fn six_in_place(&self) -> bool {
        self.institution && self.staff && self.funding && self.venue && self.rules && self.work
    }

    /// Someone works there, full- or part-time.
    pub fn staffed(&self) -> bool {
        self.full_time_staff + self.part_time_staff > 0
    }
}

/// The venue standard (DOMAIN.md defaults: street ≥ 100 m², community/village ≥ 50 m²).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VenueStandard {
    pub township_m2: u32,
    pub village_m2: u32,
}

impl Default for VenueStandard {
    fn default() -> Self {
        VenueStandard {
            township_m2: 100,
            village_m2: 50,
        }
    }
}

impl VenueStandard {
    /// Whether a measured venue of a platform at `area` meets the standard (`None` when the
    /// area is neither a township nor a village level unit, or the venue is not measured).
    pub fn met(&self, area: &AreaCode, m2: Option<u32>) -> Option<bool> {
        let need = if area.village_kind().is_some() {
            self.village_m2
        } else if area.township_kind().is_some() {
            self.township_m2
        } else {
            return None;
        };
        m2.map(|m| m >= need)
    }
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
        let institution = facts.is_some_and(|f| f.institution);
        let staffed = facts.is_some_and(PlatformFacts::staffed);
        let count = |s: &mut Share, yes: bool| {
            s.whole += 1;
            if yes {
                s.part += 1;
            }
        };
        if let Some(kind) = area.village_kind() {
            match kind {
                VillageKind::UrbanCommunity => count(&mut self.communities, staffed),
                VillageKind::Village => count(&mut self.villages, staffed),
                // Units of other kinds (开发区, 农场 …) are not in the speech's figures.
                VillageKind::Other => return,
            }
        } else if let Some(kind) = area.township_kind() {
            match kind {
                TownshipKind::Street => count(&mut self.streets, institution),
                TownshipKind::Town | TownshipKind::Township => {
                    count(&mut self.townships, institution)
                }
                TownshipKind::Other => return,
            }
        } else {
            return;
        }
        count(
            &mut self.six_in_place,
            facts.is_some_and(PlatformFacts::six_in_place),
        );
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
    fn venues_are_judged_by_the_level_of_their_area() {
        let v = VenueStandard::default();
        assert_eq!(v.met(&code("440305001000"), Some(99)), Some(false));
        assert_eq!(v.met(&code("440305001000"), Some(100)), Some(true));
        assert_eq!(v.met(&code("440305001001"), Some(50)), Some(true));
        assert_eq!(v.met(&code("440305001001"), None), None);
        assert_eq!(v.met(&code("440305000000"), Some(500)), None);
    }
}
