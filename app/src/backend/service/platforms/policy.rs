//! The platform policy as versioned data (`policy_store`): the platform standard and the
//! coordinator grade rules, national defaults (DOMAIN.md's numbers) and each province's own
//! versions, each in force from a date. Promotion and rating decisions use the version in force
//! in their area on their day.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::backend::actor::Actor;
use crate::backend::entity::grade_policy as row;
use crate::backend::service::policy_store::{self, Version, policy_body, policy_table};
use crate::domain::platform::PlatformPolicy;
use crate::model::AppError;
use crate::model::platform::{PlatformPolicyInput, PlatformPolicyVersion};

policy_table!(row, IssuerArea, issuer_area, "grade_policy");
policy_body!(PlatformPolicy, serde_json::from_str);

fn wire(v: Version<PlatformPolicy>) -> PlatformPolicyVersion {
    PlatformPolicyVersion {
        area_code: v.area_code,
        version: v.version,
        effective_from: v.effective_from,
        in_force: v.in_force,
        created_by: v.created_by,
        policy: v.policy,
    }
}

/// Stores the bundled defaults as the first national version, in force from 2025-01-01 (this
/// system's default, as for the 就业援助 policy), once; so the policy pages list them as the
/// version the later ones are compared against. Returns whether it stored them.
pub async fn seed_defaults(db: &DatabaseConnection) -> Result<bool, AppError> {
    let from = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or(NaiveDate::MIN);
    policy_store::seed_national::<row::Entity, PlatformPolicy>(db, from).await
}

/// The policy in force in the area of `code` (any level) on `on`: the province's newest
/// version in force, else the national one, else the bundled defaults.
pub async fn in_force<C: ConnectionTrait>(
    conn: &C,
    code: &str,
    on: NaiveDate,
) -> Result<PlatformPolicy, AppError> {
    policy_store::in_force::<row::Entity, PlatformPolicy, C>(conn, code, on).await
}

/// The versions that can apply in the area of `code` (its province's and the national
/// ones), newest first, the one in force today marked. Everyone signed in may read them.
/// Errors: the field error `area`/`area.malformed`.
pub async fn list(
    db: &DatabaseConnection,
    code: &str,
) -> Result<Vec<PlatformPolicyVersion>, AppError> {
    let versions = policy_store::list::<row::Entity, PlatformPolicy>(db, code, "area").await?;
    Ok(versions.into_iter().map(wire).collect())
}

/// Publishes a new version from a date on (`policy_store::publish`: today or later; a province
/// officer for the own province, the ministry and the administrator for the country).
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &PlatformPolicyInput,
) -> Result<PlatformPolicyVersion, AppError> {
    policy_store::publish::<row::Entity, PlatformPolicy>(
        db,
        actor,
        input.area_code.as_deref(),
        input.effective_from.as_deref(),
        &input.policy,
    )
    .await
    .map(wire)
}
