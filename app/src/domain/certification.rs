//! 充分就业社区 certification tiers, statuses and certificate numbers.

use serde::{Deserialize, Serialize};

/// Tier of a full-employment community title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 充分就业社区: meets the provincial standard
    Community,
    /// 省级充分就业星级社区
    ProvincialStar,
    /// 国家级充分就业示范社区
    NationalDemonstration,
}

impl Tier {
    pub const ALL: [Tier; 3] = [
        Tier::Community,
        Tier::ProvincialStar,
        Tier::NationalDemonstration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Community => "community",
            Tier::ProvincialStar => "provincial_star",
            Tier::NationalDemonstration => "national_demonstration",
        }
    }

    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The letters that open this tier's certificate numbers.
    pub fn number_prefix(self) -> &'static str {
        match self {
            Tier::Community => "CJ",
            Tier::ProvincialStar => "XJ",
            Tier::NationalDemonstration => "SF",
        }
    }
}

/// Status of a certification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CertStatus {
    Valid,
    Revoked,
}

impl CertStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CertStatus::Valid => "valid",
            CertStatus::Revoked => "revoked",
        }
    }

    pub fn parse(s: &str) -> Option<CertStatus> {
        match s {
            "valid" => Some(CertStatus::Valid),
            "revoked" => Some(CertStatus::Revoked),
            _ => None,
        }
    }
}

/// A certificate number as printed: `{CJ|XJ|SF}-{year}-{county code}-{sequence}`.
pub fn certificate_number(tier: Tier, year: i32, county_code: &str, seq: u32) -> String {
    format!("{}-{year}-{county_code}-{seq:04}", tier.number_prefix())
}

/// Whether a typed certificate number has a plausible shape (checked before any lookup).
pub fn is_plausible_number(s: &str) -> bool {
    (6..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

/// Normalises a typed certificate number (`identifier::code`): full-width folded, white space
/// dropped, dashes written `-`, upper case.
pub fn normalise_number(s: &str) -> String {
    super::identifier::code(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_a_fixed_shape() {
        let n = certificate_number(Tier::ProvincialStar, 2023, "440305", 7);
        assert_eq!(n, "XJ-2023-440305-0007");
        assert!(is_plausible_number(&n));
        assert!(!is_plausible_number("xj-2023"));
        assert!(!is_plausible_number("XJ 2023"));
        assert!(!is_plausible_number("'; DROP TABLE"));
        assert_eq!(normalise_number(" xj-2023-440305-0007 "), n);
    }

    #[test]
    fn tier_names_round_trip() {
        for t in Tier::ALL {
            assert_eq!(Tier::parse(t.as_str()), Some(t));
        }
        assert_eq!(Tier::parse("gold"), None);
        assert_eq!(CertStatus::parse("valid"), Some(CertStatus::Valid));
        assert_eq!(CertStatus::parse("x"), None);
    }
}
