//! 《就业援助卡》: its number and status. The number names the county that confirmed the holder,
//! the year of issue and a sequence: `JY440305-2026-000123`.

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CardStatus {
    /// 有效
    Valid,
    /// 暂停 (while a file is reviewed again)
    Suspended,
    /// 收回 (the holder exited assistance)
    Withdrawn,
}

impl CardStatus {
    pub const ALL: [CardStatus; 3] = [
        CardStatus::Valid,
        CardStatus::Suspended,
        CardStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CardStatus::Valid => "valid",
            CardStatus::Suspended => "suspended",
            CardStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CardNumberError {
    #[error("a card number looks like JY440305-2026-000123")]
    Shape,
}

/// The number of a card issued in `county` (6 digits) in `year`, with sequence `seq`.
pub fn card_number(county: &str, year: i32, seq: i64) -> String {
    format!("JY{county}-{year}-{seq:06}")
}

/// Checks the shape of a card number, normalised as typed (`identifier::code`), before any
/// look-up.
pub fn parse_card_number(input: &str) -> Result<String, CardNumberError> {
    let s = super::identifier::code(input);
    let rest = s.strip_prefix("JY").ok_or(CardNumberError::Shape)?;
    let mut parts = rest.split('-');
    let ok = matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(c), Some(y), Some(n), None)
            if c.len() == 6 && y.len() == 4 && (6..=9).contains(&n.len())
                && [c, y, n].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    );
    if ok {
        Ok(s)
    } else {
        Err(CardNumberError::Shape)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_bad_ones_are_refused() {
        let n = card_number("440305", 2026, 123);
        assert_eq!(n, "JY440305-2026-000123");
        assert_eq!(parse_card_number(" jy440305-2026-000123 "), Ok(n));
        assert_eq!(
            parse_card_number("JY440305-2026-1234567"),
            Ok("JY440305-2026-1234567".into())
        );
        for bad in [
            "",
            "JY440305-2026",
            "XJ-2023-440305-0001",
            "JY44030-2026-000123",
            "JY440305-2026-00012a",
            "JY440305-2026-000123-1",
        ] {
            assert_eq!(parse_card_number(bad), Err(CardNumberError::Shape), "{bad}");
        }
    }
}
