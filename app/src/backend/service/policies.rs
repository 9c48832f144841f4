//! 就业援助 policies as versioned data (`policy_store`): the national defaults (DOMAIN.md's
//! numbers) and each province's own versions, each in force from a date. A decision uses the
//! version in force in its area on its day, and records the version's label.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::policy_store::{self, Version, policy_body, policy_table};
use crate::backend::actor::Actor;
use crate::backend::entity::assistance_policy as row;
use crate::domain::policy::AssistancePolicy;
use crate::model::AppError;
use crate::model::policy::{PolicyInput, PolicyVersion};

policy_table!(row, AreaCode, area_code, "assistance_policy");
policy_body!(AssistancePolicy, AssistancePolicy::from_stored);

fn wire(v: Version<AssistancePolicy>) -> PolicyVersion {
    PolicyVersion {
        area_code: v.area_code,
        version: v.version,
        effective_from: v.effective_from,
        in_force: v.in_force,
        created_by: v.created_by,
        policy: v.policy,
    }
}

fn decode(r: &row::Model) -> Result<AssistancePolicy, AppError> {
    policy_store::decode::<row::Entity, AssistancePolicy>(r)
}

/// The day the bundled defaults are in force from.
fn defaults_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Stores the bundled defaults as the first national version, once.
pub async fn seed_defaults(db: &DatabaseConnection) -> Result<bool, AppError> {
    policy_store::seed_national::<row::Entity, AssistancePolicy>(db, defaults_from()).await
}

/// The policy in force in the area of `code` (any level) on `on`: the province's newest version
/// in force, else the national one, else the bundled defaults.
pub async fn in_force<C: ConnectionTrait>(
    conn: &C,
    code: &str,
    on: NaiveDate,
) -> Result<AssistancePolicy, AppError> {
    policy_store::in_force::<row::Entity, AssistancePolicy, C>(conn, code, on).await
}

/// Every version read once, to find the one in force in many areas on many days.
pub async fn timeline<C: ConnectionTrait>(
    conn: &C,
) -> Result<policy_store::Timeline<AssistancePolicy>, AppError> {
    policy_store::timeline::<row::Entity, AssistancePolicy, C>(conn).await
}

/// The versions that can apply in the area of `code` (its province's and the national ones),
/// newest first, with the one in force today marked. Everyone signed in may read them.
/// Errors: the field error `area_code`/`area.malformed`.
pub async fn list(db: &DatabaseConnection, code: &str) -> Result<Vec<PolicyVersion>, AppError> {
    let versions =
        policy_store::list::<row::Entity, AssistancePolicy>(db, code, "area_code").await?;
    Ok(versions.into_iter().map(wire).collect())
}

/// Publishes a new version from a date on (`policy_store::publish`: today or later; a province
/// officer for the own province, the ministry and the administrator for the country).
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &PolicyInput,
) -> Result<PolicyVersion, AppError> {
    policy_store::publish::<row::Entity, AssistancePolicy>(
        db,
        actor,
        input.area_code.as_deref(),
        input.effective_from.as_deref(),
        &input.policy,
    )
    .await
    .map(wire)
}

/// Every stored version by label, to judge each file by the version it was filed under.
pub struct Versions {
    by_label: std::collections::HashMap<String, AssistancePolicy>,
    fallback: AssistancePolicy,
}

impl Versions {
    /// The version labelled `label`; the bundled defaults for an unknown label.
    pub fn get(&self, label: &str) -> &AssistancePolicy {
        self.by_label.get(label).unwrap_or(&self.fallback)
    }
}

/// All versions (a few rows per province).
pub async fn versions<C: ConnectionTrait>(conn: &C) -> Result<Versions, AppError> {
    let rows = row::Entity::find().all(conn).await?;
    let by_label = rows
        .iter()
        .map(|r| Ok((r.version.clone(), decode(r)?)))
        .collect::<Result<_, AppError>>()?;
    Ok(Versions {
        by_label,
        fallback: AssistancePolicy::default(),
    })
}

/// The version labelled `label` alone.
pub async fn by_label<C: ConnectionTrait>(
    conn: &C,
    label: &str,
) -> Result<AssistancePolicy, AppError> {
    match row::Entity::find()
        .filter(row::Column::Version.eq(label))
        .one(conn)
        .await?
    {
        Some(r) => decode(&r),
        None => Ok(AssistancePolicy::default()),
    }
}
