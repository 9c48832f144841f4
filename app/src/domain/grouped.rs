//! A page of several lists at once (the work list, the certification page): every list's first
//! few items, or one list opened and paged. This system's default: 5 items a list on the
//! overview, 20 a page for an opened list.

use super::paging::Paging;

/// Items of each list on the overview (no list opened).
pub const OVERVIEW_ITEMS: u64 = 5;
/// Items per page when one list is opened (`?group=visits&page=2`).
pub const GROUP_PAGE_ITEMS: u64 = 20;

/// What one page shows: every list's head, or the list `group` paged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupedView<G> {
    /// The opened list; `None` for the overview
    pub group: Option<G>,
    /// 1-based page of the opened list (always 1 on the overview)
    pub page: u64,
}

impl<G: Copy + PartialEq> GroupedView<G> {
    /// The opened list's paging, 20 a page (shares its arithmetic with every other list).
    fn paging(&self) -> Paging {
        Paging {
            page: self.page.max(1),
            per_page: GROUP_PAGE_ITEMS,
        }
    }

    /// The slice `(offset, limit)` of `group` this view shows, or `None` when it shows none of
    /// it (another list is opened).
    pub fn window(&self, group: G) -> Option<(u64, u64)> {
        match self.group {
            None => Some((0, OVERVIEW_ITEMS)),
            Some(open) if open == group => Some((self.paging().offset(), GROUP_PAGE_ITEMS)),
            Some(_) => None,
        }
    }

    /// Pages of the opened list for `total` items (at least one).
    pub fn pages(&self, total: u64) -> u64 {
        match self.group {
            None => 1,
            Some(_) => self.paging().page_count(total),
        }
    }
}

/// The items of `all` (already sorted, most urgent first) that `window` selects.
pub fn slice<T>(all: Vec<T>, window: Option<(u64, u64)>) -> Vec<T> {
    match window {
        None => Vec::new(),
        Some((offset, limit)) => all
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect(),
    }
}
