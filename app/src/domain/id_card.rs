//! 身份证号 (GB 11643-1999): validation, derived birth date and sex, masking for lists.

use chrono::NaiveDate;
use thiserror::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdCard {
    /// The normalised 18-character number (upper-case `X`); an old 15-digit number is widened
    /// to its 18-character form (century `19` and the check character added).
    pub number: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum IdCardError {
    #[error("an ID number has 18 characters (or 15 digits for old cards)")]
    Length,
    #[error("an ID number has digits only, with X allowed last")]
    Characters,
    #[error("the address part does not start with a province code")]
    Province,
    #[error("the birth date is not a real date")]
    BirthDate,
    #[error("the check character does not match")]
    Checksum,
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The check character for the first 17 digits.
/// The whole 18-character number for its first 17 characters (the check character appended);
/// `None` unless there are exactly 17 bytes.
pub fn complete(first17: &str) -> Option<String> {
    let digits: &[u8; 17] = first17.as_bytes().try_into().ok()?;
    Some(format!("{first17}{}", check_char(digits)))
}

pub fn check_char(first17: &[u8; 17]) -> char {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

/// Validates a 身份证号, normalised as typed first (`identifier::compact`: full-width digits,
/// spaces and dashes between groups, a lower-case `x`). The address part may be a retired
/// code: only its format and province are checked, not membership in today's list.
pub fn parse(input: &str) -> Result<IdCard, IdCardError> {
    let s = super::identifier::compact(input);
    let bytes = s.as_bytes();
    match bytes.len() {
        18 => {
            if !bytes[..17].iter().all(u8::is_ascii_digit)
                || !(bytes[17].is_ascii_digit() || bytes[17] == b'X')
            {
                return Err(IdCardError::Characters);
            }
            check_province(&s)?;
            let birth = birth_date(&s[6..14])?;
            let mut first17 = [0u8; 17];
            first17.copy_from_slice(&bytes[..17]);
            if check_char(&first17) != char::from(bytes[17]) {
                return Err(IdCardError::Checksum);
            }
            let sex = sex_of(bytes[16]);
            Ok(IdCard {
                number: s,
                birth_date: birth,
                sex,
            })
        }
        15 => {
            if !bytes.iter().all(u8::is_ascii_digit) {
                return Err(IdCardError::Characters);
            }
            check_province(&s)?;
            let birth = birth_date(&format!("19{}", &s[6..12]))?;
            let sex = sex_of(bytes[14]);
            // The old number is the new one without the century and the check character: stored
            // as the 18-character number, so that one person is one number.
            let mut first17 = [0u8; 17];
            first17.copy_from_slice(format!("{}19{}", &s[..6], &s[6..]).as_bytes());
            let number = format!(
                "{}{}",
                std::str::from_utf8(&first17).map_err(|_| IdCardError::Characters)?,
                check_char(&first17)
            );
            Ok(IdCard {
                number,
                birth_date: birth,
                sex,
            })
        }
        _ => Err(IdCardError::Length),
    }
}

fn check_province(s: &str) -> Result<(), IdCardError> {
    let province: u32 = s[..2].parse().map_err(|_| IdCardError::Province)?;
    match province {
        11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81 | 82 => Ok(()),
        _ => Err(IdCardError::Province),
    }
}

fn birth_date(yyyymmdd: &str) -> Result<NaiveDate, IdCardError> {
    NaiveDate::parse_from_str(yyyymmdd, "%Y%m%d").map_err(|_| IdCardError::BirthDate)
}

fn sex_of(digit: u8) -> Sex {
    if (digit - b'0') % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    }
}

/// Masks an ID number for lists and every view that is not the full record: the first six
/// characters (the county, which the record's area shows anyway) and the check character
/// stay; the birth date and the sequence number are hidden. A masked view shows at most the
/// age beside it, never the birth date: then, knowing the county, the age in years (366 days),
/// the sex (half the sequence numbers) and the check character (1 in 11), about 16,600 numbers
/// fit a masked one (this system's default; `app/tests/privacy.rs` counts them).
pub fn mask(number: &str) -> String {
    mask_middle(number, 6, 1)
}

/// Masks a phone number for lists: the first three and last four digits stay.
pub fn mask_phone(phone: &str) -> String {
    mask_middle(phone, 3, 4)
}

fn mask_middle(value: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..head].iter().collect();
    out.push_str(&"*".repeat(chars.len() - head - tail));
    out.extend(&chars[chars.len() - tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a valid number from 17 digits by computing its check character.
    fn with_check(first17: &str) -> String {
        let mut arr = [0u8; 17];
        arr.copy_from_slice(first17.as_bytes());
        format!("{first17}{}", check_char(&arr))
    }

    #[test]
    fn seventeen_characters_are_completed_with_their_check_character() {
        assert_eq!(
            complete("11010519491231002").as_deref(),
            Some("11010519491231002X")
        );
        assert_eq!(complete("1101051949123100"), None);
    }

    #[test]
    fn the_standard_example_checks_out() {
        // The example number of GB 11643-1999.
        let card = parse("11010519491231002X").expect("valid");
        assert_eq!(
            card.birth_date,
            NaiveDate::from_ymd_opt(1949, 12, 31).expect("date")
        );
        assert_eq!(card.sex, Sex::Female);
    }

    #[test]
    fn checksum_weights_from_domain() {
        let n = with_check("44030519900101001");
        assert!(parse(&n).is_ok());
        assert_eq!(parse(&n).map(|c| c.sex), Ok(Sex::Male));
        // Any other check character is refused.
        let last = n.chars().last().expect("char");
        let wrong = if last == '0' { '1' } else { '0' };
        let bad = format!("{}{wrong}", &n[..17]);
        assert_eq!(parse(&bad), Err(IdCardError::Checksum));
    }

    #[test]
    fn lower_case_x_is_accepted() {
        assert!(parse("11010519491231002x").is_ok());
    }

    #[test]
    fn bad_dates_lengths_and_provinces() {
        assert_eq!(
            parse(&with_check("44030519900230001")),
            Err(IdCardError::BirthDate)
        );
        assert_eq!(parse("1234"), Err(IdCardError::Length));
        assert_eq!(parse("44030519900101001Y"), Err(IdCardError::Characters));
        assert_eq!(
            parse(&with_check("00030519900101001")),
            Err(IdCardError::Province)
        );
        assert_eq!(
            parse(&with_check("99030519900101001")),
            Err(IdCardError::Province)
        );
    }

    #[test]
    fn old_fifteen_digit_numbers() {
        let card = parse("110105491231002").expect("valid");
        // The standard's example, in its old form: the same person, the same number.
        assert_eq!(card.number, "11010519491231002X");
        assert_eq!(
            card.birth_date,
            NaiveDate::from_ymd_opt(1949, 12, 31).expect("date")
        );
        assert_eq!(card.sex, Sex::Female);
    }

    #[test]
    fn masks_keep_only_the_ends() {
        assert_eq!(mask("11010519491231002X"), "110105***********X");
        // A number masked the old way (first four, last four) is masked further, never less.
        assert_eq!(mask("1101**********002X"), "1101*************X");
        assert_eq!(mask_phone("13800138000"), "138****8000");
        assert_eq!(mask_phone("123"), "***");
    }
}
