//! Sending a refused form back to its page (server only): the typed values and the error go
//! into the session for one read, and the browser is redirected to the form. ID numbers, phones
//! and objection contacts typed into it never go into the session table: they wait in this
//! process's memory (`backend::refused_forms`, under the session's own id, ten minutes, read
//! once), so the worker does not type 18 digits again. Another account on the same browser
//! has another session and never sees them; signing out or in changes the id. Behind several
//! instances a refill of the numbers may be lost (the form then shows them empty).

use serde::Serialize;
use std::collections::BTreeMap;

use crate::domain::text::{encode_query_value, safe_local_path};
use crate::model::AppError;
use crate::model::form::FormState;

fn key(form: &str) -> String {
    format!("form:{form}")
}

/// Fields never kept in the session (which is stored in the database): full ID numbers, phones
/// and objection contacts belong only in their records, sealed. They are kept in memory for
/// the refill instead.
const NUMBERS: [&str; 3] = ["id_number", "phone", "contact"];

/// The name under which a form's numbers wait in memory.
fn numbers_form(form: &str) -> String {
    format!("{form}#numbers")
}

/// The key of a signed-in visitor's entries in the in-memory store: their session's id (a
/// secret of theirs, never written anywhere by this module).
fn session_key(session: &tower_sessions::Session) -> Option<String> {
    session.id().map(|id| format!("session:{id}"))
}

/// The input as field → text, for refilling the form: (the fields the session may hold, the
/// numbers it may not).
fn values_of(input: &impl Serialize) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(input) else {
        return Default::default();
    };
    map.into_iter()
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
        .partition(|(k, _)| !NUMBERS.contains(&k.as_str()))
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
            let (mut values, numbers) = values_of(input);
            if let Some(owner) = session_key(&session) {
                let state = FormState {
                    values,
                    error: Some(error),
                };
                session
                    .insert(&key(form), state)
                    .await
                    .map_err(|_| AppError::Internal)?;
                // This refusal's numbers, or none: never an older refusal's.
                let store = crate::backend::refused_forms::store();
                store.take(&owner, &numbers_form(form));
                if numbers.values().any(|n| !n.is_empty()) {
                    let numbers = FormState {
                        values: numbers,
                        error: None,
                    };
                    store.keep(&owner, &numbers_form(form), numbers);
                }
            } else {
                // No session yet (an anonymous visitor): nothing is stored in the session
                // table; the form waits in memory for a few minutes under a cap.
                values.extend(numbers);
                let state = FormState {
                    values,
                    error: Some(error),
                };
                keep_in_memory(form, state);
            }
            leptos_axum::redirect(&back);
            Ok(())
        }
    }
}

/// Keeps an anonymous visitor's refused form in memory under the token of their form cookie (a
/// new one when they have none).
fn keep_in_memory(form: &str, state: FormState) {
    use crate::backend::refused_forms::{COOKIE, TTL, is_token, new_token, store};
    let token = form_token()
        .filter(|t| is_token(t))
        .unwrap_or_else(new_token);
    store().keep(&token, form, state);
    let cookie = format!(
        "{COOKIE}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax",
        TTL.as_secs()
    );
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// The token of the visitor's form cookie, if any.
fn form_token() -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let cookies = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
    crate::domain::text::cookie_value(cookies, crate::backend::refused_forms::COOKIE)
        .map(str::to_string)
}

/// The state a refused form left for its page, read once: from the session with its numbers
/// from memory, or for an anonymous visitor all from memory.
pub async fn take(form: &str) -> Result<Option<FormState>, AppError> {
    let store = crate::backend::refused_forms::store();
    let session = super::context::session().await?;
    if let Some(owner) = session_key(&session) {
        let state = session
            .remove::<FormState>(&key(form))
            .await
            .map_err(|_| AppError::Internal)?;
        let numbers = store.take(&owner, &numbers_form(form));
        return Ok(state.map(|mut s| {
            if let Some(n) = numbers {
                s.values.extend(n.values);
            }
            s
        }));
    }
    Ok(form_token().and_then(|t| store.take(&t, form)))
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
