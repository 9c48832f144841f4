//! A form sent back after a refusal: what was typed and why it was refused, so that nothing
//! typed on a phone is lost and each message sits next to its field.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::AppError;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormState {
    /// Field name → the text that was sent (lists joined by commas, checkboxes `true`/`false`)
    pub values: BTreeMap<String, String>,
    pub error: Option<AppError>,
}

impl FormState {
    /// What was typed in `field`, if the form came back.
    pub fn value(&self, field: &str) -> Option<String> {
        self.values.get(field).cloned()
    }

    /// Whether a checkbox was ticked when the form was sent.
    pub fn checked(&self, field: &str) -> Option<bool> {
        self.values.get(field).map(|v| v == "true")
    }

    /// The localised message for `field`, if it was refused.
    pub fn field_message(&self, field: &str, locale: &str) -> Option<String> {
        self.error
            .as_ref()
            .and_then(|e| e.field_messages(locale).remove(field))
    }
}
