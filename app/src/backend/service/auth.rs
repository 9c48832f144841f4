//! Signing in: argon2 password hashes, throttling by username and address, and resolving the
//! signed-in account of a session into an `Actor`.

use crate::backend::clock;
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, Set, TransactionTrait,
};

use super::audit::{self, By};
use crate::backend::actor::Actor;
use crate::backend::entity::{account, login_attempt};
use crate::domain::area_code::AreaCode;
use crate::domain::role::{Role, Scope};
use crate::model::AppError;

/// Failed attempts allowed per username, and per address, within the window.
pub const MAX_FAILURES_PER_USER: u64 = 5;
pub const MAX_FAILURES_PER_IP: u64 = 20;
pub const THROTTLE_WINDOW_SECS: i64 = 15 * 60;

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| AppError::Internal)
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of nothing, verified against when the username is unknown, so that the answer takes
/// as long as for a known one.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not-a-password").unwrap_or_default())
}

fn now_secs() -> i64 {
    clock::now().timestamp()
}

/// Checks credentials; records the attempt; refuses when throttled.
pub async fn login(
    db: &DatabaseConnection,
    username: &str,
    password: &str,
    ip: Option<String>,
) -> Result<Actor, AppError> {
    let username = username.trim();
    let mut fields = crate::model::error::FieldErrors::new();
    if username.is_empty() || username.chars().count() > 64 {
        fields.insert("username".into(), "username.required".into());
    }
    if password.is_empty() || password.len() > 256 {
        fields.insert("password".into(), "password.required".into());
    }
    if !fields.is_empty() {
        return Err(AppError::Invalid(fields));
    }

    let since = now_secs() - THROTTLE_WINDOW_SECS;
    let user_failures = login_attempt::Entity::find()
        .filter(login_attempt::Column::Username.eq(username))
        .filter(login_attempt::Column::Succeeded.eq(false))
        .filter(login_attempt::Column::At.gt(since))
        .count(db)
        .await?;
    let ip_failures = match &ip {
        Some(addr) => {
            login_attempt::Entity::find()
                .filter(login_attempt::Column::Ip.eq(addr.as_str()))
                .filter(login_attempt::Column::Succeeded.eq(false))
                .filter(login_attempt::Column::At.gt(since))
                .count(db)
                .await?
        }
        None => 0,
    };
    if user_failures >= MAX_FAILURES_PER_USER || ip_failures >= MAX_FAILURES_PER_IP {
        return Err(AppError::TooManyAttempts);
    }

    let found = account::Entity::find()
        .filter(account::Column::Username.eq(username))
        .filter(account::Column::Active.eq(true))
        .one(db)
        .await?;
    let hash = found
        .as_ref()
        .map(|a| a.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let pw = password.to_string();
    let ok = tokio::task::spawn_blocking(move || verify_password(&pw, &hash))
        .await
        .map_err(|_| AppError::Internal)?;
    let succeeded = ok && found.is_some();

    // The attempt and its audit entry are written together.
    let txn = db.begin().await?;
    login_attempt::ActiveModel {
        id: NotSet,
        username: Set(username.to_string()),
        ip: Set(ip.clone()),
        succeeded: Set(succeeded),
        at: Set(now_secs()),
    }
    .insert(&txn)
    .await?;
    let result = match found {
        Some(acc) if succeeded => {
            let mut actor = to_actor(&acc)?;
            actor.ip = ip;
            let id = acc.id.to_string();
            audit::append(&txn, By::Actor(&actor), "login", "account", &id, None).await?;
            Ok(actor)
        }
        _ => {
            // The typed username is recorded as the entity, never the password.
            audit::append(
                &txn,
                By::System("anonymous"),
                "login_failed",
                "account",
                username,
                None,
            )
            .await?;
            Err(AppError::field("credentials", "credentials.invalid"))
        }
    };
    txn.commit().await?;
    result
}

/// Records a sign-out.
pub async fn logout(db: &DatabaseConnection, actor: &Actor) -> Result<(), AppError> {
    audit::append(
        db,
        By::Actor(actor),
        "logout",
        "account",
        &actor.id.to_string(),
        None,
    )
    .await?;
    Ok(())
}

pub fn to_actor(acc: &account::Model) -> Result<Actor, AppError> {
    let role = Role::parse(&acc.role).ok_or(AppError::Internal)?;
    let area = match &acc.area_code {
        Some(code) => Some(AreaCode::parse(code).map_err(|_| AppError::Internal)?),
        None => None,
    };
    let scope = Scope::for_role(role, area).map_err(|_| AppError::Internal)?;
    Ok(Actor {
        id: acc.id,
        username: acc.username.clone(),
        role,
        scope,
        ip: None,
    })
}

/// The actor for a session's account id: the account is read fresh, so a changed role or a
/// deactivation takes effect at the next request.
pub async fn actor_for(
    db: &DatabaseConnection,
    account_id: i64,
    ip: Option<String>,
) -> Result<Option<Actor>, AppError> {
    let acc = account::Entity::find_by_id(account_id)
        .filter(account::Column::Active.eq(true))
        .one(db)
        .await?;
    match acc {
        Some(acc) => {
            let mut actor = to_actor(&acc)?;
            actor.ip = ip;
            Ok(Some(actor))
        }
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash_password("s3cret-pass").expect("hash");
        let b = hash_password("s3cret-pass").expect("hash");
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(verify_password("s3cret-pass", &a));
        assert!(!verify_password("wrong", &a));
        assert!(!verify_password("s3cret-pass", "not a hash"));
    }
}
