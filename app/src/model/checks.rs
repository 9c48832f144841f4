//! The field checks every input form shares: errors collected per field (the first one
//! wins), trimmed text with a length limit, required fields, dates, codes, ID numbers.

use chrono::NaiveDate;

use super::error::{AppError, FieldErrors};
use crate::domain::calendar::parse_ymd;
use crate::domain::id_card::{self, IdCard, IdCardError};
use crate::domain::text::{TextError, bounded};

/// Collects field errors while the checks run.
#[derive(Default)]
pub(crate) struct Errors(pub(crate) FieldErrors);

impl Errors {
    pub(crate) fn add(&mut self, field: &str, key: &str) {
        self.0
            .entry(field.to_string())
            .or_insert_with(|| key.to_string());
    }

    pub(crate) fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, AppError> {
        if self.0.is_empty() {
            value().ok_or(AppError::Internal)
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

/// Trimmed text, `None` when empty; too long (`{field}.too_long`) or with control characters
/// (`text.control_chars`) is a field error. The rule is `domain::text::bounded`.
pub(crate) fn text(
    errors: &mut Errors,
    field: &str,
    raw: &Option<String>,
    max: usize,
) -> Option<String> {
    match bounded(raw.as_deref(), 0, max) {
        Ok(value) => value,
        Err(TextError::ControlChars) => {
            errors.add(field, "text.control_chars");
            None
        }
        Err(_) => {
            errors.add(field, &format!("{field}.too_long"));
            None
        }
    }
}

pub(crate) fn required(
    errors: &mut Errors,
    field: &str,
    raw: &Option<String>,
    max: usize,
) -> Option<String> {
    let value = text(errors, field, raw, max);
    if value.is_none() && raw.as_deref().map(str::trim).unwrap_or("").is_empty() {
        errors.add(field, &format!("{field}.required"));
    }
    value
}

/// A date field: YYYY-MM-DD, not after `today`.
pub(crate) fn date(
    errors: &mut Errors,
    field: &str,
    raw: &Option<String>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let s = raw.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    match parse_ymd(s) {
        Some(d) if d > today => {
            errors.add(field, "date.future");
            None
        }
        Some(d) => Some(d),
        None => {
            errors.add(field, "date.malformed");
            None
        }
    }
}

pub(crate) fn code<T>(
    errors: &mut Errors,
    field: &str,
    raw: &Option<String>,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let s = raw.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    let parsed = parse(s);
    if parsed.is_none() {
        errors.add(field, &format!("{field}.unknown"));
    }
    parsed
}

/// An optional phone number, normalised as typed (`identifier::phone`: full-width digits,
/// spaces, dashes between groups), then checked (`ledger::phone_is_valid`): `phone.invalid`.
pub(crate) fn phone(errors: &mut Errors, raw: &Option<String>) -> Option<String> {
    let typed = raw.as_deref().map(crate::domain::identifier::phone);
    let value = text(errors, "phone", &typed, 20)?;
    if super::ledger::phone_is_valid(&value) {
        Some(value)
    } else {
        errors.add("phone", "phone.invalid");
        None
    }
}

/// A required 身份证号, valid and born no later than `today`.
pub(crate) fn id_number(
    errors: &mut Errors,
    raw: &Option<String>,
    today: NaiveDate,
) -> Option<IdCard> {
    let Some(s) = raw.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
        errors.add("id_number", "id_number.required");
        return None;
    };
    match id_card::parse(s) {
        Ok(card) if card.birth_date > today => {
            errors.add("id_number", "id_number.birth_date");
            None
        }
        Ok(card) => Some(card),
        Err(err) => {
            errors.add("id_number", id_card_error_key(&err));
            None
        }
    }
}

/// The error key (`field_error.*`) that explains why a 身份证号 is refused.
pub fn id_card_error_key(err: &IdCardError) -> &'static str {
    match err {
        IdCardError::Length => "id_number.length",
        IdCardError::Characters => "id_number.characters",
        IdCardError::Province => "id_number.province",
        IdCardError::BirthDate => "id_number.birth_date",
        IdCardError::Checksum => "id_number.checksum",
    }
}

/// A whole-number field: a JSON number, or form text (empty = none). Text that is not a
/// whole number reads as `u32::MAX`, so that the field's range check names it.
pub fn opt_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    use serde::Deserialize;
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Number(u64),
        Text(String),
    }
    Ok(match Option::<Raw>::deserialize(d)? {
        None => None,
        Some(Raw::Number(n)) => Some(u32::try_from(n).unwrap_or(u32::MAX)),
        Some(Raw::Text(s)) if s.trim().is_empty() => None,
        Some(Raw::Text(s)) => Some(s.trim().parse().unwrap_or(u32::MAX)),
    })
}

/// A whole-number field that is zero when empty.
pub fn number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    Ok(opt_number(d)?.unwrap_or(0))
}
