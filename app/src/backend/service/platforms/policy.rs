//! The platform policy as versioned data: the platform standard and the coordinator grade
//! rules, national defaults (DOMAIN.md's numbers) and each province's own versions, each in
//! force from a date. Promotion and rating decisions use the version in force in their area
//! on their day.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    NotSet, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use crate::backend::actor::Actor;
use crate::backend::entity::grade_policy as row;
use crate::backend::service::audit::{self, By};
use crate::backend::service::policies::{
    NATIONAL, effective_from, issuer, issuer_label, province_of,
};
use crate::backend::service::today;
use crate::domain::area_code::AreaCode;
use crate::domain::platform::PlatformPolicy;
use crate::model::AppError;
use crate::model::error::FieldErrors;
use crate::model::platform::{PlatformPolicyInput, PlatformPolicyVersion};

fn decode(r: &row::Model) -> Result<PlatformPolicy, AppError> {
    let mut p: PlatformPolicy = serde_json::from_str(&r.body).map_err(|e| {
        tracing::error!(error = %e, version = %r.version, "stored platform policy unreadable");
        AppError::Internal
    })?;
    p.version = r.version.clone();
    Ok(p)
}

/// The policy in force in the area of `code` (any level) on `on`: the province's newest
/// version in force, else the national one, else the bundled defaults.
pub async fn in_force<C: ConnectionTrait>(
    conn: &C,
    code: &str,
    on: NaiveDate,
) -> Result<PlatformPolicy, AppError> {
    let province = province_of(code);
    for area in [province.as_str(), NATIONAL] {
        let found = row::Entity::find()
            .filter(row::Column::IssuerArea.eq(area))
            .filter(row::Column::EffectiveFrom.lte(on))
            .order_by_desc(row::Column::EffectiveFrom)
            .one(conn)
            .await?;
        if let Some(r) = found {
            return decode(&r);
        }
    }
    Ok(PlatformPolicy::default())
}

/// The versions that can apply in the area of `code` (its province's and the national
/// ones), newest first, the one in force today marked. Everyone signed in may read them.
pub async fn list(
    db: &DatabaseConnection,
    code: &str,
) -> Result<Vec<PlatformPolicyVersion>, AppError> {
    let area = AreaCode::parse(code).map_err(|_| AppError::field("area", "area.malformed"))?;
    let province = province_of(area.as_str());
    let rows = row::Entity::find()
        .filter(
            Condition::any()
                .add(row::Column::IssuerArea.eq(&province))
                .add(row::Column::IssuerArea.eq(NATIONAL)),
        )
        .order_by_desc(row::Column::EffectiveFrom)
        .all(db)
        .await?;
    let current = in_force(db, area.as_str(), today()).await?.version;
    rows.iter()
        .map(|r| {
            Ok(PlatformPolicyVersion {
                area_code: r.issuer_area.clone(),
                version: r.version.clone(),
                effective_from: r.effective_from.format("%Y-%m-%d").to_string(),
                in_force: r.version == current,
                created_by: r.created_by.clone(),
                policy: decode(r)?,
            })
        })
        .collect()
}

/// Publishes a new version from a date on (today or later). A province officer publishes for
/// the own province; the ministry and the administrator for the country.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &PlatformPolicyInput,
) -> Result<PlatformPolicyVersion, AppError> {
    let area = issuer(actor, input.area_code.as_deref())?;
    let mut fields = FieldErrors::new();
    let from = effective_from(input.effective_from.as_deref(), &mut fields);
    for (field, key) in input.policy.validate() {
        fields.insert(format!("policy.{field}"), key.into());
    }
    let Some(from) = from.filter(|_| fields.is_empty()) else {
        return Err(AppError::Invalid(fields));
    };
    let (area_code, label) = issuer_label(area.as_ref(), from);
    let mut policy = input.policy.clone();
    policy.version = label.clone();
    let txn = db.begin().await?;
    let taken = row::Entity::find()
        .filter(row::Column::IssuerArea.eq(&area_code))
        .filter(row::Column::EffectiveFrom.eq(from))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(AppError::Conflict("policy.same_day".into()));
    }
    row::ActiveModel {
        id: NotSet,
        issuer_area: Set(area_code.clone()),
        version: Set(label.clone()),
        effective_from: Set(from),
        body: Set(serde_json::to_string(&policy).map_err(|_| AppError::Internal)?),
        created_by: Set(actor.username.clone()),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "publish",
        "grade_policy",
        &label,
        Some(format!("area={area_code} from={from}")),
    )
    .await?;
    txn.commit().await?;
    Ok(PlatformPolicyVersion {
        area_code,
        version: label,
        effective_from: from.format("%Y-%m-%d").to_string(),
        in_force: from <= today(),
        created_by: actor.username.clone(),
        policy,
    })
}
