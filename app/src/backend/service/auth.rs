//! Signing in: argon2 password hashes, throttling by username and address, and resolving the
//! signed-in account of a session into an `Actor`.

use crate::backend::clock;
use crate::backend::db::BeginWrite;
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::audit::{self, By};
use crate::backend::actor::Actor;
use crate::backend::entity::{account, login_attempt};
use crate::domain::area_code::AreaCode;
use crate::domain::role::{Role, Scope};
use crate::model::AppError;

/// Failed attempts one address may make within the window, whatever the usernames.
pub const MAX_FAILURES_PER_IP: u64 = 20;
/// The window failed attempts are counted in.
pub const THROTTLE_WINDOW_SECS: i64 = 15 * 60;
/// Failed attempts of one username from one address before it backs off.
pub const FREE_FAILURES_PER_PAIR: u64 = 3;

/// Seconds an address waits before trying one account again after `failures` failed
/// attempts of that pair within the window: none for the first [`FREE_FAILURES_PER_PAIR`],
/// then 1, 2, 4, 8 minutes, at most the window (this system's default). The throttle is per
/// account and address, never per account alone, so a stranger failing from elsewhere cannot
/// lock the owner out; the owner is told of the failures at the next sign-in.
pub fn backoff_secs(failures: u64) -> i64 {
    if failures < FREE_FAILURES_PER_PAIR {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES_PER_PAIR).min(4);
    (60i64 << doublings).min(THROTTLE_WINDOW_SECS)
}

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

    let now = now_secs();
    let since = now - THROTTLE_WINDOW_SECS;
    let failed = || {
        login_attempt::Entity::find()
            .filter(login_attempt::Column::Succeeded.eq(false))
            .filter(login_attempt::Column::At.gt(since))
    };
    let from_here = |q: sea_orm::Select<login_attempt::Entity>| match &ip {
        Some(addr) => q.filter(login_attempt::Column::Ip.eq(addr.as_str())),
        None => q.filter(login_attempt::Column::Ip.is_null()),
    };
    if from_here(failed()).count(db).await? >= MAX_FAILURES_PER_IP {
        return Err(AppError::TooManyAttempts);
    }
    let pair = || from_here(failed().filter(login_attempt::Column::Username.eq(username)));
    let pair_failures = pair().count(db).await?;
    if pair_failures >= FREE_FAILURES_PER_PAIR {
        let last = pair()
            .order_by_desc(login_attempt::Column::At)
            .one(db)
            .await?
            .map_or(0, |a| a.at);
        if now - last < backoff_secs(pair_failures) {
            return Err(AppError::TooManyAttempts);
        }
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
    let txn = db.begin_write().await?;
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

/// Failed sign-ins for `username` (from any address) after its previous successful sign-in
/// and before its latest one: what the owner is told at the latest sign-in. 0 before any
/// sign-in.
pub async fn failures_before_last_sign_in(
    db: &DatabaseConnection,
    username: &str,
) -> Result<u64, AppError> {
    let successes: Vec<i64> = login_attempt::Entity::find()
        .filter(login_attempt::Column::Username.eq(username))
        .filter(login_attempt::Column::Succeeded.eq(true))
        .order_by_desc(login_attempt::Column::At)
        .order_by_desc(login_attempt::Column::Id)
        .limit(2)
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.at)
        .collect();
    let Some(&latest) = successes.first() else {
        return Ok(0);
    };
    let mut failures = login_attempt::Entity::find()
        .filter(login_attempt::Column::Username.eq(username))
        .filter(login_attempt::Column::Succeeded.eq(false))
        .filter(login_attempt::Column::At.lte(latest));
    if let Some(&previous) = successes.get(1) {
        failures = failures.filter(login_attempt::Column::At.gte(previous));
    }
    Ok(failures.count(db).await?)
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
