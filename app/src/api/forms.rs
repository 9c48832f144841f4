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
            if session.id().is_some() {
                session
                    .insert(&key(form), state)
                    .await
                    .map_err(|_| AppError::Internal)?;
            } else {
                // No session yet (an anonymous visitor): nothing is stored in the session
                // table; the form waits in memory for a few minutes under a cap.
                keep_anonymous(form, state);
            }
            leptos_axum::redirect(&back);
            Ok(())
        }
    }
}

/// Keeps an anonymous visitor's refused form under the token of their form cookie (a new one
/// when they have none).
fn keep_anonymous(form: &str, state: FormState) {
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

/// The state a refused form left for its page, read once: from the session, or for an
/// anonymous visitor from the in-memory store.
pub async fn take(form: &str) -> Result<Option<FormState>, AppError> {
    let session = super::context::session().await?;
    if session.id().is_some() {
        return session
            .remove::<FormState>(&key(form))
            .await
            .map_err(|_| AppError::Internal);
    }
    Ok(form_token().and_then(|t| crate::backend::refused_forms::store().take(&t, form)))
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
