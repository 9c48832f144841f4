//! What a search of the ledger (台账) looks for: one box takes an address, a name or a
//! 身份证号 (issue 16 item 6; this system's default). A term shaped like an ID number (15
//! digits, or 17 digits and a digit or `X`, as typed: `identifier::compact`) is looked up
//! exactly, through the blind index, and must be a valid number; anything else matches part of
//! the address or the start of a member's name (`person_name::match_key`).

use super::area_code::AreaLevel;
use super::id_card::{self, IdCardError};
use super::identifier::compact;
use super::person_name::match_key;

/// A checked search term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LedgerTerm {
    /// The normalised 18-character 身份证号 (an old 15-digit number widened).
    IdNumber(String),
    /// Part of an address, or the start of a name.
    Text {
        /// The term as typed (trimmed): matched inside addresses.
        text: String,
        /// The term as names are compared: matched against the start of members' names.
        /// Empty when the term holds no letters of a name (only separators).
        name_key: String,
    },
}

/// True when `term` is shaped like a 身份证号: 15 digits, or 17 digits and a digit or `X`,
/// after folding width, spaces and dashes.
pub fn looks_like_id_number(term: &str) -> bool {
    let s = compact(term);
    let b = s.as_bytes();
    match b.len() {
        15 => b.iter().all(u8::is_ascii_digit),
        18 => b[..17].iter().all(u8::is_ascii_digit) && (b[17].is_ascii_digit() || b[17] == b'X'),
        _ => false,
    }
}

/// Reads a trimmed, non-empty search term. Errors: the reason an ID-shaped term is not a valid
/// 身份证号 (a mistyped number finds nobody, so it is refused rather than searched).
pub fn classify(term: &str) -> Result<LedgerTerm, IdCardError> {
    if looks_like_id_number(term) {
        return id_card::parse(term).map(|card| LedgerTerm::IdNumber(card.number));
    }
    Ok(LedgerTerm::Text {
        text: term.to_string(),
        name_key: match_key(term),
    })
}

/// The fewest characters that search inside addresses over more than one street: an index of
/// character triples (Postgres `pg_trgm`) serves three or more; a shorter fragment over a
/// county or a city would read every household (this system's default).
pub const ADDRESS_MIN_CHARS: usize = 3;

/// Whether `text` is matched inside addresses when searching `scope` (`None`: the whole
/// country): always inside one street or community (a few thousand households at most), and
/// above that from [`ADDRESS_MIN_CHARS`] characters. Shorter terms match names only there.
pub fn searches_addresses(text: &str, scope: Option<AreaLevel>) -> bool {
    text.chars().count() >= ADDRESS_MIN_CHARS
        || matches!(scope, Some(AreaLevel::Township | AreaLevel::Village))
}

/// The fewest characters of a name's start searched over more than one street: one character
/// (a surname) over a city is tens of thousands of people (this system's default).
pub const NAME_MIN_CHARS: usize = 2;

/// Whether the name key `name_key` is matched against members' names when searching `scope`:
/// always inside one street or community, and above that from [`NAME_MIN_CHARS`] characters.
pub fn searches_names(name_key: &str, scope: Option<AreaLevel>) -> bool {
    !name_key.is_empty()
        && (name_key.chars().count() >= NAME_MIN_CHARS
            || matches!(scope, Some(AreaLevel::Township | AreaLevel::Village)))
}

/// The half-open range `[key, end)` holding every text that starts with `key` in code-point
/// (binary UTF-8) order: a prefix match an ordinary index can serve. `end` is `key` followed
/// by the last code point, which no stored name holds.
pub fn prefix_range(key: &str) -> (String, String) {
    (key.to_string(), format!("{key}\u{10FFFF}"))
}

/// The newest `bound` ids (highest first) of the union of `lists`, each a query's matches
/// newest first and cut at `bound + 1`, and whether more match than that: one list reached past
/// its bound, or their union did. Duplicates (a household found by address and by name) count
/// once.
pub fn newest(lists: Vec<Vec<i64>>, bound: usize) -> (Vec<i64>, bool) {
    let mut capped = lists.iter().any(|l| l.len() > bound);
    let mut ids: Vec<i64> = lists.into_iter().flatten().collect();
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids.dedup();
    if ids.len() > bound {
        ids.truncate(bound);
        capped = true;
    }
    (ids, capped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_bounded_lists_merge_into_the_newest_with_a_capped_flag() {
        // Found by address and by name, one household by both.
        assert_eq!(
            newest(vec![vec![9, 7, 3], vec![8, 7, 1]], 10),
            (vec![9, 8, 7, 3, 1], false)
        );
        // The union passes the bound: the newest stay, and the count says "more".
        assert_eq!(
            newest(vec![vec![9, 7, 3], vec![8, 7, 1]], 4),
            (vec![9, 8, 7, 3], true)
        );
        // One list was cut at its bound: more match even though the union fits.
        assert_eq!(newest(vec![vec![9, 8, 7], vec![]], 2), (vec![9, 8], true));
        assert_eq!(newest(vec![vec![9, 8], vec![]], 2), (vec![9, 8], false));
        assert_eq!(newest(vec![], 2), (vec![], false));
    }

    #[test]
    fn an_id_shaped_term_is_looked_up_exactly_and_must_be_valid() {
        assert_eq!(
            classify("11010519491231002x"),
            Ok(LedgerTerm::IdNumber("11010519491231002X".into()))
        );
        // As read aloud and typed in groups, full-width.
        assert_eq!(
            classify("110105 19491231 002X"),
            Ok(LedgerTerm::IdNumber("11010519491231002X".into()))
        );
        assert_eq!(
            classify("１１０１０５１９４９１２３１００２Ｘ"),
            Ok(LedgerTerm::IdNumber("11010519491231002X".into()))
        );
        // An old 15-digit number finds the person under the 18-character one.
        assert_eq!(
            classify("110105491231002"),
            Ok(LedgerTerm::IdNumber("11010519491231002X".into()))
        );
        assert_eq!(
            classify("110105194912310021"),
            Err(IdCardError::Checksum),
            "one digit wrong"
        );
        assert_eq!(classify("990105194912310021"), Err(IdCardError::Province));
    }

    #[test]
    fn other_terms_search_addresses_and_names() {
        assert_eq!(
            classify("王秀英"),
            Ok(LedgerTerm::Text {
                text: "王秀英".into(),
                name_key: "王秀英".into()
            })
        );
        // A transliterated name matches however its dot was typed.
        let LedgerTerm::Text { name_key, .. } = classify("阿依古丽•买买提").unwrap()
        else {
            panic!("a name is text");
        };
        assert_eq!(name_key, match_key("阿依古丽·买买提"));
        // Too short or too long for a number: an address (a house number, a phone).
        for term in [
            "12",
            "13800138000",
            "1101051949123100",
            "1101051949123100211",
        ] {
            assert!(!looks_like_id_number(term), "{term}");
            assert!(
                matches!(classify(term), Ok(LedgerTerm::Text { .. })),
                "{term}"
            );
        }
        assert!(!looks_like_id_number("11010519491231002Y"));
    }

    #[test]
    fn short_fragments_search_addresses_within_a_street_only() {
        assert!(searches_addresses("8栋", Some(AreaLevel::Village)));
        assert!(searches_addresses("8栋", Some(AreaLevel::Township)));
        assert!(!searches_addresses("8栋", Some(AreaLevel::County)));
        assert!(!searches_addresses("王", Some(AreaLevel::City)));
        assert!(!searches_addresses("王秀", None));
        assert!(searches_addresses("幸福路", None));
        assert!(searches_addresses("幸福路", Some(AreaLevel::Province)));
    }

    #[test]
    fn a_surname_alone_searches_names_within_a_street_only() {
        assert!(searches_names("王", Some(AreaLevel::Village)));
        assert!(searches_names("王", Some(AreaLevel::Township)));
        assert!(!searches_names("王", Some(AreaLevel::County)));
        assert!(!searches_names("王", None));
        assert!(searches_names("王秀", None));
        assert!(!searches_names("", Some(AreaLevel::Village)));
    }

    #[test]
    fn a_prefix_range_holds_exactly_the_texts_that_start_with_the_key() {
        let (lo, hi) = prefix_range("王秀");
        let inside = |s: &str| lo.as_str() <= s && s < hi.as_str();
        assert!(inside("王秀"));
        assert!(inside("王秀英"));
        assert!(inside("王秀\u{10FFFD}"));
        assert!(!inside("王"));
        assert!(!inside("王芳"));
        assert!(!inside("李秀英"));
        // Rust compares strings by code point, as SQLite's BINARY and Postgres's "C" do.
        assert!(!inside("王秃"));
    }
}
