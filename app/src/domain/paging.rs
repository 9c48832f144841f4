//! Paging parameters, checked before any query runs.

use thiserror::Error;

pub const DEFAULT_PER_PAGE: u64 = 20;
pub const MAX_PER_PAGE: u64 = 100;
/// Deeper pages than this are refused: nobody reads them, and they cost a long scan.
pub const MAX_PAGE: u64 = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Paging {
    pub page: u64,
    pub per_page: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PagingError {
    #[error("page must be a whole number from 1 to {MAX_PAGE}")]
    Page,
    #[error("per_page must be a whole number from 1 to {MAX_PER_PAGE}")]
    PerPage,
}

impl Paging {
    /// Parses the raw query values; empty means the default.
    pub fn parse(page: Option<&str>, per_page: Option<&str>) -> Result<Paging, PagingError> {
        let page = parse_bounded(page, 1, 1, MAX_PAGE).ok_or(PagingError::Page)?;
        let per_page = parse_bounded(per_page, DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
            .ok_or(PagingError::PerPage)?;
        Ok(Paging { page, per_page })
    }

    pub fn offset(&self) -> u64 {
        (self.page - 1) * self.per_page
    }

    /// Number of pages for `total` items (at least one).
    pub fn page_count(&self, total: u64) -> u64 {
        total.div_ceil(self.per_page).max(1)
    }
}

impl Default for Paging {
    fn default() -> Self {
        Paging {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

fn parse_bounded(raw: Option<&str>, default: u64, min: u64, max: u64) -> Option<u64> {
    match raw.map(str::trim) {
        None | Some("") => Some(default),
        Some(s) => s.parse::<u64>().ok().filter(|n| (min..=max).contains(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        assert_eq!(
            Paging::parse(None, None),
            Ok(Paging {
                page: 1,
                per_page: 20
            })
        );
        assert_eq!(
            Paging::parse(Some("3"), Some("50")).map(|p| p.offset()),
            Ok(100)
        );
        assert_eq!(Paging::parse(Some("0"), None), Err(PagingError::Page));
        assert_eq!(Paging::parse(Some("-1"), None), Err(PagingError::Page));
        assert_eq!(Paging::parse(Some("10001"), None), Err(PagingError::Page));
        assert_eq!(
            Paging::parse(Some("99999999999999999999999"), None),
            Err(PagingError::Page)
        );
        assert_eq!(Paging::parse(None, Some("0")), Err(PagingError::PerPage));
        assert_eq!(Paging::parse(None, Some("101")), Err(PagingError::PerPage));
        assert_eq!(Paging::parse(None, Some("abc")), Err(PagingError::PerPage));
    }

    #[test]
    fn page_count_rounds_up() {
        let p = Paging {
            page: 1,
            per_page: 20,
        };
        assert_eq!(p.page_count(0), 1);
        assert_eq!(p.page_count(20), 1);
        assert_eq!(p.page_count(21), 2);
    }
}
