//! Accounts: listing inside the caller's scope, and creating them (CLI, seeding).

use crate::backend::clock;
use crate::backend::db::BeginWrite;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, NotSet, QueryFilter,
    QueryOrder, Set,
};

use super::areas;
use super::audit::{self, By};
use super::auth::hash_password;
use crate::backend::actor::Actor;
use crate::backend::entity::account;
use crate::domain::area_code::AreaCode;
use crate::domain::role::{Role, Scope, ScopeError};
use crate::model::error::FieldErrors;
use crate::model::{AccountView, AppError};

/// The display names of the accounts with these usernames (username → display name); a
/// username with no account (the system's `system:…`, an account removed) is left out.
pub async fn display_names<C: sea_orm::ConnectionTrait>(
    conn: &C,
    usernames: &[String],
) -> Result<std::collections::HashMap<String, String>, AppError> {
    if usernames.is_empty() {
        return Ok(Default::default());
    }
    Ok(account::Entity::find()
        .filter(account::Column::Username.is_in(usernames.iter().cloned()))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.username, a.display_name))
        .collect())
}

/// Accounts whose home area lies inside the caller's scope (narrowed to `area` if given).
/// Asking for an area outside the scope is refused, not answered with an empty list.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    area: Option<&str>,
) -> Result<Vec<AccountView>, AppError> {
    let requested = areas::parse_filter(area, "area")?;
    if let Some(code) = &requested
        && areas::find(db, code).await?.is_none()
    {
        return Err(AppError::field("area", "area.unknown"));
    }
    let scope = actor.scope.narrow(requested).ok_or(AppError::OutOfScope)?;
    let mut query = account::Entity::find().order_by_asc(account::Column::Username);
    if let Some((lo, hi)) = scope.range() {
        query = query.filter(
            Condition::all()
                .add(account::Column::AreaCode.gte(lo))
                .add(account::Column::AreaCode.lte(hi)),
        );
    }
    let rows = query.all(db).await?;
    let codes: Vec<String> = rows.iter().filter_map(|a| a.area_code.clone()).collect();
    let names = areas::names(db, &codes).await?;
    rows.into_iter()
        .map(|a| {
            let role = Role::parse(&a.role).ok_or(AppError::Internal)?;
            let area_name = a.area_code.as_ref().and_then(|c| names.get(c).cloned());
            Ok(AccountView {
                id: a.id,
                username: a.username,
                display_name: a.display_name,
                role,
                area_code: a.area_code,
                area_name,
                is_demo: a.is_demo,
                failed_sign_ins: None,
            })
        })
        .collect()
}

/// The signed-in account as the browser sees it.
pub async fn me(db: &DatabaseConnection, actor: &Actor) -> Result<AccountView, AppError> {
    let acc = account::Entity::find_by_id(actor.id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let area_name = match &acc.area_code {
        Some(c) => areas::names(db, std::slice::from_ref(c)).await?.remove(c),
        None => None,
    };
    let failed_sign_ins = Some(super::auth::failures_before_last_sign_in(db, &acc.username).await?);
    Ok(AccountView {
        id: acc.id,
        username: acc.username,
        display_name: acc.display_name,
        role: actor.role,
        area_code: acc.area_code,
        area_name,
        is_demo: acc.is_demo,
        failed_sign_ins,
    })
}

/// A new account to create.
#[derive(Clone, Debug)]
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub area_code: Option<String>,
    pub password: String,
    pub is_demo: bool,
    /// A work phone (mobile, or landline with an optional extension), printed on cards as the
    /// contact; normalised as typed (`identifier::phone`), `phone.invalid` otherwise.
    pub contact_phone: Option<String>,
}

pub const MIN_PASSWORD_LEN: usize = 8;

/// Creates an account after checking every field; `by` is recorded in the audit log. When a
/// signed-in actor creates it, the new account's area must lie inside the actor's scope.
pub async fn create(
    db: &DatabaseConnection,
    by: By<'_>,
    new: NewAccount,
) -> Result<AccountView, AppError> {
    let mut fields = FieldErrors::new();
    let username = new.username.trim().to_string();
    if !crate::domain::text::is_username(&username) {
        fields.insert("username".into(), "username.invalid".into());
    }
    let display_name = new.display_name.trim().to_string();
    if display_name.is_empty() || display_name.chars().count() > 100 {
        fields.insert("display_name".into(), "display_name.invalid".into());
    }
    if new.password.chars().count() < MIN_PASSWORD_LEN || new.password.len() > 256 {
        fields.insert("password".into(), "password.too_short".into());
    }
    let contact_phone = new
        .contact_phone
        .as_deref()
        .map(crate::domain::identifier::phone)
        .filter(|p| !p.is_empty());
    if contact_phone
        .as_deref()
        .is_some_and(|p| !crate::model::ledger::phone_is_valid(p))
    {
        fields.insert("contact_phone".into(), "phone.invalid".into());
    }
    let role = Role::parse(new.role.trim());
    if role.is_none() {
        fields.insert("role".into(), "role.unknown".into());
    }
    let area = match areas::parse_filter(new.area_code.as_deref(), "area_code") {
        Ok(a) => a,
        Err(AppError::Invalid(f)) => {
            fields.extend(f);
            None
        }
        Err(e) => return Err(e),
    };
    if let Some(role) = role
        && !fields.contains_key("area_code")
    {
        match Scope::for_role(role, area) {
            Ok(_) => {}
            Err(ScopeError::AreaRequired) => {
                fields.insert("area_code".into(), "area.required".into());
            }
            Err(ScopeError::NationalRoleWithArea) => {
                fields.insert("area_code".into(), "area.not_for_national_role".into());
            }
            Err(ScopeError::WrongLevel) => {
                fields.insert("area_code".into(), "area.wrong_level".into());
            }
        }
    }
    if let Some(code) = &area
        && !fields.contains_key("area_code")
        && areas::find(db, code).await?.is_none()
    {
        fields.insert("area_code".into(), "area.unknown".into());
    }
    if !fields.is_empty() {
        return Err(AppError::Invalid(fields));
    }
    let role = role.ok_or(AppError::Internal)?;
    if let By::Actor(actor) = by {
        actor.require_role(&[
            Role::Admin,
            Role::Ministry,
            Role::ProvinceOfficer,
            Role::CityOfficer,
            Role::CountyOfficer,
        ])?;
        match &area {
            Some(code) => actor.require_in_scope(code)?,
            None if actor.role == Role::Admin => {}
            None => return Err(AppError::OutOfScope),
        }
    }
    let hash = {
        let pw = new.password.clone();
        tokio::task::spawn_blocking(move || hash_password(&pw))
            .await
            .map_err(|_| AppError::Internal)??
    };
    let txn = db.begin_write().await?;
    let exists = account::Entity::find()
        .filter(account::Column::Username.eq(&username))
        .one(&txn)
        .await?;
    if exists.is_some() {
        return Err(AppError::Conflict("username.taken".into()));
    }
    let row = account::ActiveModel {
        id: NotSet,
        username: Set(username.clone()),
        display_name: Set(display_name),
        password_hash: Set(hash),
        role: Set(role.as_str().to_string()),
        area_code: Set(area.map(|c: AreaCode| c.as_str().to_string())),
        is_demo: Set(new.is_demo),
        active: Set(true),
        created_at: Set(clock::now()),
        version: Set(1),
        contact_phone: Set(contact_phone),
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        by,
        "create",
        "account",
        &row.id.to_string(),
        Some(format!("role={}", role.as_str())),
    )
    .await?;
    txn.commit().await?;
    Ok(AccountView {
        id: row.id,
        username: row.username,
        display_name: row.display_name,
        role,
        area_code: row.area_code,
        area_name: None,
        is_demo: row.is_demo,
        failed_sign_ins: None,
    })
}
