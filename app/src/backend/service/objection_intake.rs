//! Objections from the public to a 公示 (a certification file or a coordinator's promotion):
//! the words checked, the client counted by a hash of its address, filings taken one at a time
//! (in this server, and across servers on one database through the `objection_filing` write
//! lock) and throttled per client (three an hour, ten a day: `domain::notice`).

use crate::backend::clock;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbErr};
use sha2::{Digest, Sha256};
use std::future::Future;

use crate::backend::service::certification::text;
use crate::domain::notice::objection_throttled;
use crate::model::AppError;
use crate::model::certification::ObjectionInput;

/// A public objection's checked words and who files it.
#[derive(Clone, Debug)]
pub struct Filing {
    /// Optional, at most 50 characters.
    pub name: Option<String>,
    /// A phone number or an e-mail address to answer to.
    pub contact: String,
    /// 10 to 2,000 characters.
    pub text: String,
    /// `client_key` of the client's address.
    pub client_key: String,
}

impl Filing {
    /// Checks the input. Errors: the field errors of `text` (`name`, `text`) and `contact`.
    pub fn check(client: Option<&str>, input: &ObjectionInput) -> Result<Filing, AppError> {
        Ok(Filing {
            name: text("name", input.name.as_deref(), 0, 50)?,
            contact: contact(input.contact.as_deref())?,
            text: text("text", input.text.as_deref(), 10, 2000)?.unwrap_or_default(),
            client_key: client_key(client),
        })
    }
}

/// The one filing this server takes at a time, held until the filing is written, so that its
/// requests queue here rather than on the database lock. Take it before the filing's
/// transaction begins, then [`lock_filings`] inside it.
pub async fn one_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    static FILING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    FILING.lock().await
}

/// Takes the database's `objection_filing` lock (migration 000016) for the rest of `txn`, as
/// its first statement: every server on the database files one objection at a time, so
/// parallel requests from one client cannot all pass the throttle's count before any is
/// written. Errors: a database error.
pub async fn lock_filings<C: ConnectionTrait>(txn: &C) -> Result<(), AppError> {
    let taken = Alias::new("taken");
    txn.execute(
        &Query::update()
            .table(Alias::new("write_lock"))
            .value(taken.clone(), Expr::col(taken).add(1))
            .and_where(Expr::col(Alias::new("name")).eq("objection_filing"))
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// Refuses a client over its throttle; `recent(since)` counts the client's objections filed
/// after `since`. Errors: `TooManyAttempts` (429); a database error.
pub async fn throttle<F, Fut>(recent: F) -> Result<(), AppError>
where
    F: Fn(DateTime<Utc>) -> Fut,
    Fut: Future<Output = Result<u64, DbErr>>,
{
    let now = clock::now();
    let last_hour = recent(now - Duration::hours(1)).await?;
    let last_day = recent(now - Duration::days(1)).await?;
    if objection_throttled(last_hour, last_day) {
        return Err(AppError::TooManyAttempts);
    }
    Ok(())
}

/// A hash of the client's address: enough to throttle, without keeping the address. An IPv6
/// client counts by its /64 network (one subscriber), or it could change address at will.
pub fn client_key(ip: Option<&str>) -> String {
    let source = match ip.map(str::parse::<std::net::IpAddr>) {
        Some(Ok(std::net::IpAddr::V6(v6))) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Some(Ok(v4)) => v4.to_string(),
        _ => ip.unwrap_or("unknown").to_string(),
    };
    let mut h = Sha256::new();
    h.update(b"jiceng-objection:");
    h.update(source.as_bytes());
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks a contact: a phone number (digits, spaces, `-`, `+`, 7 to 20 characters) or an
/// e-mail address. Errors: the field errors `objection.contact_required`, `objection.contact`.
pub(crate) fn contact(raw: Option<&str>) -> Result<String, AppError> {
    // As typed: full-width forms folded, invisible characters dropped.
    let folded = crate::domain::identifier::fold_width(raw.unwrap_or_default());
    let c = folded.trim();
    if c.is_empty() {
        return Err(AppError::field("contact", "objection.contact_required"));
    }
    let phone = (7..=20).contains(&c.chars().count())
        && c.chars().filter(char::is_ascii_digit).count() >= 7
        && c.chars()
            .all(|ch| ch.is_ascii_digit() || " -+".contains(ch));
    let email = c.chars().count() <= 100
        && c.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
        })
        && !c.chars().any(char::is_whitespace);
    if phone || email {
        Ok(c.to_string())
    } else {
        Err(AppError::field("contact", "objection.contact"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_a_phone_or_an_email() {
        assert!(contact(Some("13800138000")).is_ok());
        assert_eq!(
            contact(Some("１３８００１３８０００")).ok().as_deref(),
            Some("13800138000")
        );
        assert!(contact(Some("0755-8888 1234")).is_ok());
        assert!(contact(Some("li@example.cn")).is_ok());
        assert!(contact(Some("")).is_err());
        assert!(contact(Some("call me")).is_err());
        assert!(contact(Some("a@b")).is_err());
        assert!(contact(Some("12345")).is_err());
    }

    #[test]
    fn the_client_key_hides_the_address() {
        let k = client_key(Some("203.0.113.7"));
        assert_eq!(k.len(), 32);
        assert!(!k.contains("203"));
        assert_ne!(k, client_key(Some("203.0.113.8"))); // One IPv6 /64 is one client.
        assert_eq!(
            client_key(Some("2001:db8:1:2::1")),
            client_key(Some("2001:db8:1:2:ffff::9"))
        );
        assert_ne!(
            client_key(Some("2001:db8:1:2::1")),
            client_key(Some("2001:db8:1:3::1"))
        );
    }
}
