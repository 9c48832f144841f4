//! Refused forms kept in memory for a few minutes under a cap: those of visitors without a
//! session (the public objection forms), so that an anonymous refusal stores nothing in the
//! session table, and the ID numbers, phones and contacts of everyone's, which the session
//! table never holds (this system's default: 2,000 entries for 10 minutes; beyond the cap some
//! are dropped, and their visitors see those fields empty again).
//!
//! An anonymous visitor holds a random token in a short-lived cookie; a signed-in one is known
//! by their session's id. An entry is found by that key and the form's name, and read once.
//! The store is per process: behind several instances a refill may be lost, never someone
//! else's shown.

use std::sync::OnceLock;
use std::time::Duration;

use moka::sync::Cache;

use crate::model::form::FormState;

/// The cookie that holds a visitor's token.
pub const COOKIE: &str = "jiceng_form";
/// How long a refused form is kept, and its cookie lives.
pub const TTL: Duration = Duration::from_secs(10 * 60);
/// How many refused forms are kept at most.
pub const CAPACITY: u64 = 2_000;

/// A store of refused forms.
pub struct RefusedForms {
    cache: Cache<String, FormState>,
}

impl RefusedForms {
    pub fn new(capacity: u64, ttl: Duration) -> RefusedForms {
        RefusedForms {
            cache: Cache::builder()
                .max_capacity(capacity)
                .time_to_live(ttl)
                .build(),
        }
    }

    /// Keeps `state` of `form` for the visitor holding `token`.
    pub fn keep(&self, token: &str, form: &str, state: FormState) {
        self.cache.insert(key(token, form), state);
    }

    /// The state of `form` kept for `token`, removed as it is read.
    pub fn take(&self, token: &str, form: &str) -> Option<FormState> {
        self.cache.remove(&key(token, form))
    }

    /// Forms kept now (after pending evictions).
    pub fn kept(&self) -> u64 {
        self.cache.run_pending_tasks();
        self.cache.entry_count()
    }
}

/// The process's store ([`CAPACITY`] forms for [`TTL`]).
pub fn store() -> &'static RefusedForms {
    static STORE: OnceLock<RefusedForms> = OnceLock::new();
    STORE.get_or_init(|| RefusedForms::new(CAPACITY, TTL))
}

fn key(token: &str, form: &str) -> String {
    format!("{token}|{form}")
}

/// A new visitor token: 128 random bits as hex.
pub fn new_token() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// Whether `token` looks like one this module made (32 lowercase hex digits).
pub fn is_token(token: &str) -> bool {
    token.len() == 32
        && token
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_read_once_and_only_with_its_token() {
        let forms = RefusedForms::new(10, TTL);
        let token = new_token();
        assert!(is_token(&token));
        assert!(!is_token("../../etc"));
        forms.keep(&token, "objection-1", FormState::default());
        assert_eq!(forms.take(&new_token(), "objection-1"), None);
        assert_eq!(forms.take(&token, "objection-2"), None);
        assert_eq!(
            forms.take(&token, "objection-1"),
            Some(FormState::default())
        );
        assert_eq!(forms.take(&token, "objection-1"), None);
    }

    #[test]
    fn the_store_is_capped() {
        let forms = RefusedForms::new(100, TTL);
        for i in 0..1_000u32 {
            forms.keep(&format!("{i:032x}"), "f", FormState::default());
        }
        assert!(forms.kept() <= 100, "{}", forms.kept());
    }
}
