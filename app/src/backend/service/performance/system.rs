//! The 绩效管理 indicator system as versioned data (`policy_store`): this system's defaults as
//! the first national version, and each province's own versions, each in force from a day. An
//! assessment uses the version in force in its area at its period's end and records its label.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::backend::actor::Actor;
use crate::backend::entity::indicator_system as row;
use crate::backend::service::policy_store::{self, Version, policy_body, policy_table};
use crate::domain::performance::IndicatorSystem;
use crate::model::AppError;
use crate::model::performance::{IndicatorSystemInput, IndicatorSystemVersion};

policy_table!(row, IssuerArea, issuer_area, "indicator_system");
policy_body!(IndicatorSystem, serde_json::from_str);

fn wire(v: Version<IndicatorSystem>) -> IndicatorSystemVersion {
    IndicatorSystemVersion {
        area_code: v.area_code,
        version: v.version,
        effective_from: v.effective_from,
        in_force: v.in_force,
        created_by: v.created_by,
        system: v.policy,
    }
}

/// Stores this system's defaults as the first national version, in force from 2025-01-01 (this
/// system's default, as for the other policies), once. Returns whether it stored them.
pub async fn seed_defaults(db: &DatabaseConnection) -> Result<bool, AppError> {
    let from = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or(NaiveDate::MIN);
    policy_store::seed_national::<row::Entity, IndicatorSystem>(db, from).await
}

/// The system in force in the area of `code` (any level) on `on`: the province's newest version
/// in force, else the national one, else the bundled defaults.
pub async fn in_force<C: ConnectionTrait>(
    conn: &C,
    code: &str,
    on: NaiveDate,
) -> Result<IndicatorSystem, AppError> {
    policy_store::in_force::<row::Entity, IndicatorSystem, C>(conn, code, on).await
}

/// The versions that can apply in the area of `code` (its province's and the national ones),
/// newest first, the one in force today marked. Everyone signed in may read them. Errors: the
/// field error `area`/`area.malformed`.
pub async fn list(
    db: &DatabaseConnection,
    code: &str,
) -> Result<Vec<IndicatorSystemVersion>, AppError> {
    let versions = policy_store::list::<row::Entity, IndicatorSystem>(db, code, "area").await?;
    Ok(versions.into_iter().map(wire).collect())
}

/// Publishes a new version from a day on (`policy_store::publish`: today or later; a province
/// officer for the own province, the ministry and the administrator for the country). Errors:
/// the field errors of `IndicatorSystem::validate` under `policy.` (e.g.
/// `policy.indicators.2.target`), `effective_from`, `area_code`; 403; 409 `policy.same_day`.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &IndicatorSystemInput,
) -> Result<IndicatorSystemVersion, AppError> {
    policy_store::publish::<row::Entity, IndicatorSystem>(
        db,
        actor,
        input.area_code.as_deref(),
        input.effective_from.as_deref(),
        &input.system,
    )
    .await
    .map(wire)
}
