//! How the work list (今日工作) is grouped and paged: the groups in order of urgency, and which
//! slice of each group a page shows. This system's default; DOMAIN.md fixes the deadlines the
//! groups are sorted by, not the page.

use serde::{Deserialize, Serialize};

pub use super::grouped::{GROUP_PAGE_ITEMS, OVERVIEW_ITEMS, slice};

/// What one page of the work list shows: every group's first few items, or one group paged.
pub type WorkView = super::grouped::GroupedView<WorkGroup>;

/// A group of the work list. `ALL` is the order of the page: the heaviest consequence of delay
/// first — an open 零就业家庭 past its month is 一票否决 for the community's certification
/// (DOMAIN.md, 零就业家庭); 登记认定 files run on working-day limits; 「一人一策」 services
/// listed are already late; visits are routine re-checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkGroup {
    /// Open 零就业家庭 cases, the nearest clearing deadline first
    Zero,
    /// 登记认定 files waiting at the account's step, the nearest step deadline first
    Reviews,
    /// 「一人一策」 services past their due date, the oldest first
    Services,
    /// Households due for a visit within a week or never visited, the most overdue first
    Visits,
}

impl WorkGroup {
    pub const ALL: [WorkGroup; 4] = [
        WorkGroup::Zero,
        WorkGroup::Reviews,
        WorkGroup::Services,
        WorkGroup::Visits,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WorkGroup::Zero => "zero",
            WorkGroup::Reviews => "reviews",
            WorkGroup::Services => "services",
            WorkGroup::Visits => "visits",
        }
    }

    /// The group of a query value (`zero`, `reviews`, `services`, `visits`); `None` otherwise.
    pub fn parse(s: &str) -> Option<WorkGroup> {
        WorkGroup::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_parse_from_their_names_only() {
        for g in WorkGroup::ALL {
            assert_eq!(WorkGroup::parse(g.as_str()), Some(g));
        }
        assert_eq!(WorkGroup::parse("Zero"), None);
        assert_eq!(WorkGroup::parse(""), None);
        assert_eq!(WorkGroup::ALL[0], WorkGroup::Zero, "一票否决 comes first");
    }

    #[test]
    fn the_overview_shows_the_head_of_every_group() {
        let v = WorkView {
            group: None,
            page: 1,
        };
        for g in WorkGroup::ALL {
            assert_eq!(v.window(g), Some((0, OVERVIEW_ITEMS)));
        }
        assert_eq!(v.pages(63), 1);
        let items: Vec<u32> = (1..=12).collect();
        assert_eq!(
            slice(items, v.window(WorkGroup::Visits)),
            vec![1, 2, 3, 4, 5]
        );
    }

    #[test]
    fn an_opened_group_is_paged_and_the_others_are_empty() {
        let v = WorkView {
            group: Some(WorkGroup::Visits),
            page: 3,
        };
        assert_eq!(v.window(WorkGroup::Visits), Some((40, 20)));
        assert_eq!(v.window(WorkGroup::Zero), None);
        assert_eq!(v.pages(41), 3);
        assert_eq!(v.pages(40), 2);
        assert_eq!(v.pages(0), 1);
        let items: Vec<u32> = (1..=45).collect();
        assert_eq!(
            slice(items.clone(), v.window(WorkGroup::Visits)),
            vec![41, 42, 43, 44, 45]
        );
        assert!(slice(items, v.window(WorkGroup::Reviews)).is_empty());
    }
}
