//! Sending a refused form back to its page (server only): the typed values and the error go
//! into the session for one read, and the browser is redirected to the form.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::domain::text::{encode_query_value, safe_local_path};
use crate::model::AppError;
use crate::model::form::FormState;

fn key(form: &str) -> String {
    format!("form:{form}")
}

/// Fields never kept for refilling: the session is stored in the database, and full ID numbers
/// and phones belong only in the ledger (the worker types them again).
const NOT_KEPT: [&str; 2] = ["id_number", "phone"];

/// The input as field → text, for refilling the form.
fn values_of(input: &impl Serialize) -> BTreeMap<String, String> {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(input) else {
        return BTreeMap::new();
    };
    map.into_iter()
        .filter(|(k, _)| !NOT_KEPT.contains(&k.as_str()))
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s,
                serde_json::Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect::<Vec<_>>()
                    .join(","),
                other => other.to_string(),
            };
            (k, text)
        })
        .collect()
}

/// Handles a refusal of a form sent to `form`: a person's mistake (fields, conflicts, scope)
/// goes back to `back` with what was typed; not being signed in goes to the login page; a
/// server fault stays an error.
pub async fn send_back(
    form: &str,
    input: &impl Serialize,
    error: AppError,
    back: Option<&str>,
) -> Result<(), AppError> {
    let back = safe_local_path(back);
    match error {
        AppError::Unauthenticated => {
            leptos_axum::redirect(&format!("/login?next={}", encode_query_value(&back)));
            Ok(())
        }
        AppError::Internal | AppError::Transport(_) => Err(error),
        error => {
            let session = super::context::session().await?;
            let state = FormState {
                values: values_of(input),
                error: Some(error),
            };
            session
                .insert(&key(form), state)
                .await
                .map_err(|_| AppError::Internal)?;
            leptos_axum::redirect(&back);
            Ok(())
        }
    }
}

/// The state a refused form left for its page, read once.
pub async fn take(form: &str) -> Result<Option<FormState>, AppError> {
    let session = super::context::session().await?;
    session
        .remove::<FormState>(&key(form))
        .await
        .map_err(|_| AppError::Internal)
}

/// Ends a form's server function: on success redirect to `done(value)`, on refusal send the
/// form back to `back` with what was typed.
pub async fn finish<T>(
    result: Result<T, AppError>,
    done: impl FnOnce(&T) -> String,
    form: &str,
    input: &impl Serialize,
    back: &str,
) -> Result<(), AppError> {
    match result {
        Ok(value) => {
            leptos_axum::redirect(&done(&value));
            Ok(())
        }
        Err(e) => send_back(form, input, e, Some(back)).await,
    }
}
