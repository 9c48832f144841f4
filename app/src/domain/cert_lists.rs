//! The lists of the certification page (`/certification`), in the order of the page: what waits
//! for the reader's decision first, then what the reader's area holds. Each list shows its size
//! in the summary; the page shows every list's head or one list paged
//! ([`super::grouped::GroupedView`]). This system's default order.

use serde::{Deserialize, Serialize};

/// A list of the certification page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CertList {
    /// Files waiting at the reader's step
    Queue,
    /// Objections raised in 公示 waiting for the reader's investigation
    Objections,
    /// Titles due for re-inspection (复查), the earliest first
    Due,
    /// Rounds concerning the reader, the newest first
    Rounds,
    /// Provincial titles that may be put forward for the national round
    Candidates,
    /// Every file in the reader's area, the newest first
    Files,
}

impl CertList {
    pub const ALL: [CertList; 6] = [
        CertList::Queue,
        CertList::Objections,
        CertList::Due,
        CertList::Rounds,
        CertList::Candidates,
        CertList::Files,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CertList::Queue => "queue",
            CertList::Objections => "objections",
            CertList::Due => "due",
            CertList::Rounds => "rounds",
            CertList::Candidates => "candidates",
            CertList::Files => "files",
        }
    }

    /// The list of a query value (`queue`, `objections`, `due`, `rounds`, `candidates`,
    /// `files`); `None` otherwise.
    pub fn parse(s: &str) -> Option<CertList> {
        CertList::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::super::grouped::{GroupedView, slice};
    use super::*;

    #[test]
    fn lists_parse_from_their_names_only() {
        for l in CertList::ALL {
            assert_eq!(CertList::parse(l.as_str()), Some(l));
        }
        assert_eq!(CertList::parse("Due"), None);
        assert_eq!(CertList::parse(""), None);
    }

    #[test]
    fn one_list_opened_is_paged_and_the_others_are_left_out() {
        // A province's 175 titles due: page 9 holds the last 15.
        let v = GroupedView {
            group: Some(CertList::Due),
            page: 9,
        };
        let due: Vec<u32> = (1..=175).collect();
        assert_eq!(v.pages(175), 9);
        assert_eq!(slice(due.clone(), v.window(CertList::Due)).len(), 15);
        assert!(slice(due.clone(), v.window(CertList::Files)).is_empty());
        let overview = GroupedView::<CertList> {
            group: None,
            page: 1,
        };
        assert_eq!(
            slice(due, overview.window(CertList::Due)),
            vec![1, 2, 3, 4, 5]
        );
    }
}
