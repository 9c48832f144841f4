//! 统计用区划代码: the 12-digit statistical area code and what its digits say.
//!
//! Layout: 2 province + 2 prefecture + 2 county digits (GB/T 2260), 3 township digits,
//! 3 village digits. A code's level is the last non-zero part; its parent is the code with that
//! part zeroed. The county part may be `00` under a city that has townships directly
//! (东莞 4419, 中山 4420, 儋州 4604): those townships' parent is then the city itself.

use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// Level of an administrative area (1 province … 5 village/community).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AreaLevel {
    /// 省级
    Province = 1,
    /// 地级
    City = 2,
    /// 县级
    County = 3,
    /// 乡级 (乡镇/街道)
    Township = 4,
    /// 村级 (村/社区)
    Village = 5,
}

impl AreaLevel {
    pub fn from_number(n: i32) -> Option<Self> {
        match n {
            1 => Some(Self::Province),
            2 => Some(Self::City),
            3 => Some(Self::County),
            4 => Some(Self::Township),
            5 => Some(Self::Village),
            _ => None,
        }
    }

    pub fn number(self) -> i32 {
        self as i32
    }

    /// Number of significant leading digits of a code at this level.
    pub fn prefix_len(self) -> usize {
        match self {
            Self::Province => 2,
            Self::City => 4,
            Self::County => 6,
            Self::Township => 9,
            Self::Village => 12,
        }
    }

    /// The next level down, if any.
    pub fn child(self) -> Option<Self> {
        Self::from_number(self.number() + 1)
    }
}

/// Kind of a township-level unit, from township digits 7–9.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TownshipKind {
    /// 街道 (001–099)
    Street,
    /// 镇 (100–199)
    Town,
    /// 乡 (200–399)
    Township,
    /// 其他 (400–599 and above: 开发区, 农场 …)
    Other,
}

/// Kind of a village-level unit, from village digits 10–12.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VillageKind {
    /// 居委会 (001–199): urban community
    UrbanCommunity,
    /// 村委会 (200–399): administrative village
    Village,
    /// 其他 (400 and above)
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AreaCodeError {
    #[error("area code must be 2, 4, 6, 9 or 12 digits")]
    Length,
    #[error("area code must contain digits only")]
    NotDigits,
    #[error("area code has no province part")]
    NoProvince,
    #[error("area code has a non-zero part below a zero part")]
    Gap,
}

/// A validated 12-digit area code.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AreaCode([u8; 12]);

impl AreaCode {
    /// Parses a full 12-digit code, or a short form of 2, 4, 6 or 9 digits padded with zeros.
    pub fn parse(input: &str) -> Result<Self, AreaCodeError> {
        // As typed: full-width digits, spaces and dashes between groups (`identifier::compact`).
        let compacted = super::identifier::compact(input);
        let s = compacted.as_str();
        if !matches!(s.len(), 2 | 4 | 6 | 9 | 12) {
            return Err(if s.chars().all(|c| c.is_ascii_digit()) {
                AreaCodeError::Length
            } else {
                AreaCodeError::NotDigits
            });
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AreaCodeError::NotDigits);
        }
        let mut digits = [b'0'; 12];
        digits[..s.len()].copy_from_slice(s.as_bytes());
        let code = Self(digits);
        if code.part(0, 2) == "00" {
            return Err(AreaCodeError::NoProvince);
        }
        // A zero prefecture with anything below it, or a zero township with a village part, is
        // not a code. A zero county part is allowed (cities with townships directly under them).
        let zero = |from: usize, to: usize| code.part(from, to).bytes().all(|b| b == b'0');
        if (zero(2, 4) && !zero(4, 12)) || (zero(6, 9) && !zero(9, 12)) {
            return Err(AreaCodeError::Gap);
        }
        Ok(code)
    }

    fn part(&self, from: usize, to: usize) -> &str {
        // The bytes are ASCII digits by construction.
        std::str::from_utf8(&self.0[from..to]).unwrap_or("")
    }

    pub fn as_str(&self) -> &str {
        self.part(0, 12)
    }

    pub fn level(&self) -> AreaLevel {
        let zero = |from: usize, to: usize| self.0[from..to].iter().all(|b| *b == b'0');
        if zero(2, 12) {
            AreaLevel::Province
        } else if zero(4, 12) {
            AreaLevel::City
        } else if zero(6, 12) {
            AreaLevel::County
        } else if zero(9, 12) {
            AreaLevel::Township
        } else {
            AreaLevel::Village
        }
    }

    /// The significant leading digits: everything in this area's subtree starts with them.
    pub fn prefix(&self) -> &str {
        self.part(0, self.level().prefix_len())
    }

    /// The parent by the code's structure (a city for the townships of 东莞, 中山, 儋州).
    pub fn parent(&self) -> Option<AreaCode> {
        let level = self.level();
        if level == AreaLevel::Province {
            return None;
        }
        let mut digits = self.0;
        let keep = match level {
            AreaLevel::City => 2,
            AreaLevel::County => 4,
            AreaLevel::Township => 6,
            _ => 9,
        };
        digits[keep..].fill(b'0');
        // With a zero county part the result is already the city: its level follows the digits.
        Some(AreaCode(digits))
    }

    /// Whether `other` is this area or lies below it.
    pub fn contains(&self, other: &AreaCode) -> bool {
        other.as_str().starts_with(self.prefix())
    }

    /// The smallest and largest codes of this area's subtree, for index-friendly range queries.
    pub fn subtree_range(&self) -> (String, String) {
        let prefix = self.prefix();
        let lo = format!("{prefix:0<12}");
        let hi = format!("{prefix:9<12}");
        (lo, hi)
    }

    pub fn township_kind(&self) -> Option<TownshipKind> {
        if self.level() < AreaLevel::Township {
            return None;
        }
        let n: u32 = self.part(6, 9).parse().unwrap_or(0);
        Some(match n {
            1..=99 => TownshipKind::Street,
            100..=199 => TownshipKind::Town,
            200..=399 => TownshipKind::Township,
            _ => TownshipKind::Other,
        })
    }

    pub fn village_kind(&self) -> Option<VillageKind> {
        if self.level() < AreaLevel::Village {
            return None;
        }
        let n: u32 = self.part(9, 12).parse().unwrap_or(0);
        Some(match n {
            1..=199 => VillageKind::UrbanCommunity,
            200..=399 => VillageKind::Village,
            _ => VillageKind::Other,
        })
    }

    /// The codes of all ancestors, from the province down to the parent.
    pub fn ancestors(&self) -> Vec<AreaCode> {
        let mut chain = Vec::new();
        let mut cur = self.parent();
        while let Some(code) = cur {
            cur = code.parent();
            chain.push(code);
        }
        chain.reverse();
        chain
    }

    /// The ancestor at `level` (the city of a community, say), if this code lies below it.
    pub fn ancestor(&self, level: AreaLevel) -> Option<AreaCode> {
        self.ancestors().into_iter().find(|a| a.level() == level)
    }
}

impl fmt::Display for AreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for AreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AreaCode({})", self.as_str())
    }
}

impl std::str::FromStr for AreaCode {
    type Err = AreaCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// From several area choices made shallow to deep (drill-down selects), the deepest one that
/// still lies inside every choice above it. A stale deeper choice after a shallower one changed
/// is ignored.
pub fn deepest_consistent(choices: &[AreaCode]) -> Option<AreaCode> {
    let mut current: Option<AreaCode> = None;
    for choice in choices {
        match current {
            None => current = Some(*choice),
            Some(cur) if cur.contains(choice) => current = Some(*choice),
            Some(_) => break,
        }
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> AreaCode {
        AreaCode::parse(s).expect("valid code in test")
    }

    #[test]
    fn levels_from_the_digits() {
        let cases = [
            ("110000000000", AreaLevel::Province),
            ("110100000000", AreaLevel::City),
            ("110101000000", AreaLevel::County),
            ("110101001000", AreaLevel::Township),
            ("110101001001", AreaLevel::Village),
            ("441900003000", AreaLevel::Township),
        ];
        for (s, level) in cases {
            assert_eq!(code(s).level(), level, "{s}");
        }
    }

    #[test]
    fn parents_follow_the_structure() {
        assert_eq!(code("110101001001").parent(), Some(code("110101001000")));
        assert_eq!(code("110101001000").parent(), Some(code("110101000000")));
        assert_eq!(code("110101000000").parent(), Some(code("110100000000")));
        assert_eq!(code("110100000000").parent(), Some(code("110000000000")));
        assert_eq!(code("110000000000").parent(), None);
        // 东莞: townships hang directly under the city.
        assert_eq!(code("441900003000").parent(), Some(code("441900000000")));
        assert_eq!(code("441900003001").ancestors().len(), 3);
    }

    #[test]
    fn short_forms_are_padded() {
        assert_eq!(code("44").as_str(), "440000000000");
        assert_eq!(code("4403").as_str(), "440300000000");
        assert_eq!(code("440305").as_str(), "440305000000");
        assert_eq!(code("440305001").as_str(), "440305001000");
    }

    #[test]
    fn malformed_codes_are_refused() {
        assert_eq!(AreaCode::parse(""), Err(AreaCodeError::Length));
        assert_eq!(AreaCode::parse("1101010010011"), Err(AreaCodeError::Length));
        assert_eq!(
            AreaCode::parse("11010100100a"),
            Err(AreaCodeError::NotDigits)
        );
        assert_eq!(AreaCode::parse("北京市北京"), Err(AreaCodeError::NotDigits));
        assert_eq!(
            AreaCode::parse("000000000000"),
            Err(AreaCodeError::NoProvince)
        );
        assert_eq!(AreaCode::parse("110001000000"), Err(AreaCodeError::Gap));
        assert_eq!(AreaCode::parse("110101000001"), Err(AreaCodeError::Gap));
    }

    #[test]
    fn township_and_village_kinds() {
        assert_eq!(
            code("110101001000").township_kind(),
            Some(TownshipKind::Street)
        );
        assert_eq!(
            code("110101099000").township_kind(),
            Some(TownshipKind::Street)
        );
        assert_eq!(
            code("110101100000").township_kind(),
            Some(TownshipKind::Town)
        );
        assert_eq!(
            code("110101200000").township_kind(),
            Some(TownshipKind::Township)
        );
        assert_eq!(
            code("110101399000").township_kind(),
            Some(TownshipKind::Township)
        );
        assert_eq!(
            code("110101400000").township_kind(),
            Some(TownshipKind::Other)
        );
        assert_eq!(code("110101000000").township_kind(), None);
        assert_eq!(
            code("110101001001").village_kind(),
            Some(VillageKind::UrbanCommunity)
        );
        assert_eq!(
            code("110101001199").village_kind(),
            Some(VillageKind::UrbanCommunity)
        );
        assert_eq!(
            code("110101001200").village_kind(),
            Some(VillageKind::Village)
        );
        assert_eq!(
            code("110101001399").village_kind(),
            Some(VillageKind::Village)
        );
        assert_eq!(
            code("110101001400").village_kind(),
            Some(VillageKind::Other)
        );
        assert_eq!(code("110101001000").village_kind(), None);
    }

    #[test]
    fn containment_is_by_prefix_and_never_sideways() {
        let beijing = code("11");
        let dongcheng = code("110101");
        let xicheng = code("110102");
        assert!(beijing.contains(&dongcheng));
        assert!(dongcheng.contains(&dongcheng));
        assert!(!dongcheng.contains(&xicheng));
        assert!(!dongcheng.contains(&beijing));
        assert!(code("4419").contains(&code("441900003001")));
    }

    #[test]
    fn subtree_range_brackets_descendants() {
        let (lo, hi) = code("440305").subtree_range();
        assert_eq!(lo, "440305000000");
        assert_eq!(hi, "440305999999");
        assert!(("440305001001".to_string()..=hi.clone()).contains(&"440305001001".to_string()));
        assert!("440306000000" > hi.as_str());
    }

    #[test]
    fn deepest_consistent_choice_ignores_stale_selects() {
        let choices = [code("11"), code("1101"), code("110101")];
        assert_eq!(deepest_consistent(&choices), Some(code("110101")));
        // The province changed to 44 while the city select still says 1101.
        let stale = [code("44"), code("1101")];
        assert_eq!(deepest_consistent(&stale), Some(code("44")));
        assert_eq!(deepest_consistent(&[]), None);
    }
}
