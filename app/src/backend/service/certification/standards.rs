//! Certification standards as versioned data: the ministry's defaults for each tier (DOMAIN.md),
//! and the versions a province publishes for its own 充分就业社区 and star tiers. An application
//! is filed under the version in force that day and keeps it.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    NotSet, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};

use super::{parse_date, province_of, ymd};
use crate::backend::actor::Actor;
use crate::backend::entity::cert_standard as row;
use crate::backend::service::audit::{self, By};
use crate::backend::service::policy_store::{NATIONAL, applicable, newest_in_force, policy_rows};
use crate::backend::service::today;
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::certification::Tier;
use crate::domain::indicators::CertificationStandard;
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::certification::{StandardInput, StandardVersion};
use crate::model::error::FieldErrors;

policy_rows!(row, IssuerArea, issuer_area);

/// The day the bundled defaults (the 2016 national criteria) are in force from.
fn defaults_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn decode(r: &row::Model) -> Result<CertificationStandard, AppError> {
    serde_json::from_str(&r.body).map_err(|e| {
        tracing::error!(error = %e, id = r.id, "stored standard unreadable");
        AppError::Internal
    })
}

/// Stores the ministry's defaults for every tier, once.
pub async fn seed_defaults(db: &DatabaseConnection) -> Result<bool, AppError> {
    if row::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let txn = db.begin().await?;
    for tier in Tier::ALL {
        let s = CertificationStandard::default_for(tier, NATIONAL);
        insert(&txn, &s, defaults_from(), "system").await?;
    }
    txn.commit().await?;
    Ok(true)
}

async fn insert<C: ConnectionTrait>(
    conn: &C,
    s: &CertificationStandard,
    from: NaiveDate,
    by: &str,
) -> Result<row::Model, AppError> {
    Ok(row::ActiveModel {
        id: NotSet,
        tier: Set(s.tier.as_str().into()),
        issuer_area: Set(s.issuer_area.clone()),
        version: Set(s.version.trim().to_string()),
        effective_from: Set(from),
        body: Set(serde_json::to_string(s).map_err(|_| AppError::Internal)?),
        created_by: Set(by.into()),
        created_at: Set(Utc::now()),
    }
    .insert(conn)
    .await?)
}

/// The areas whose versions apply to a community's file of `tier`: the province's own first
/// (not for national demonstration, which only the ministry sets), then the ministry's.
fn issuers(tier: Tier, community: &str) -> Vec<String> {
    if tier == Tier::NationalDemonstration {
        vec![NATIONAL.to_string()]
    } else {
        vec![province_of(community), NATIONAL.to_string()]
    }
}

/// The standard in force for a file of `tier` in `community` on `on`, with its stored id
/// (`None` only if no version is stored at all: then the bundled default).
pub async fn in_force<C: ConnectionTrait>(
    conn: &C,
    tier: Tier,
    community: &str,
    on: NaiveDate,
) -> Result<(Option<i64>, CertificationStandard), AppError> {
    let tier_only = Condition::all().add(row::Column::Tier.eq(tier.as_str()));
    if let Some(r) =
        newest_in_force::<row::Entity, C>(conn, &issuers(tier, community), tier_only, on).await?
    {
        return Ok((Some(r.id), decode(&r)?));
    }
    Ok((None, CertificationStandard::default_for(tier, NATIONAL)))
}

/// A stored version by its id (the one a file was filed under).
pub async fn by_id<C: ConnectionTrait>(conn: &C, id: i64) -> Result<StandardVersion, AppError> {
    let r = row::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(StandardVersion {
        id: r.id,
        effective_from: ymd(r.effective_from),
        in_force: false,
        created_by: r.created_by.clone(),
        standard: decode(&r)?,
    })
}

/// The versions of `tier` that can apply in the area of `code` (its province's and the
/// ministry's), newest first, with the one in force today marked.
pub async fn list(
    db: &DatabaseConnection,
    tier: Tier,
    code: &str,
) -> Result<Vec<StandardVersion>, AppError> {
    let area = AreaCode::parse(code).map_err(|_| AppError::field("area_code", "area.malformed"))?;
    let tier_only = Condition::all().add(row::Column::Tier.eq(tier.as_str()));
    let (rows, current) =
        applicable::<row::Entity>(db, &issuers(tier, area.as_str()), tier_only, today()).await?;
    rows.iter()
        .map(|r| {
            Ok(StandardVersion {
                id: r.id,
                effective_from: ymd(r.effective_from),
                in_force: Some(r.id) == current,
                created_by: r.created_by.clone(),
                standard: decode(r)?,
            })
        })
        .collect()
}

/// Publishes a new version from a date on (today or later: files already filed keep theirs).
/// National demonstration standards are the ministry's; a province officer publishes the
/// provincial tiers for the own province; the ministry may also change the national defaults.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &StandardInput,
) -> Result<StandardVersion, AppError> {
    let mut s = input
        .standard
        .clone()
        .ok_or_else(|| AppError::field("standard", "standard.required"))?;
    s.version = s.version.trim().to_string();
    let national = s.issuer_area.trim() == NATIONAL || s.issuer_area.trim().is_empty();
    if national {
        s.issuer_area = NATIONAL.into();
        actor.require_role(&[Role::Ministry, Role::Admin])?;
    } else {
        if s.tier == Tier::NationalDemonstration {
            return Err(AppError::field("issuer_area", "standard.national_only"));
        }
        let area = AreaCode::parse(s.issuer_area.trim())
            .map_err(|_| AppError::field("issuer_area", "area.malformed"))?;
        if area.level() != AreaLevel::Province {
            return Err(AppError::field("issuer_area", "area.wrong_level"));
        }
        actor.require_role(&[Role::ProvinceOfficer, Role::Ministry, Role::Admin])?;
        actor.require_in_scope(&area)?;
        s.issuer_area = area.as_str().to_string();
    }
    let mut errors = FieldErrors::new();
    for (field, key) in s.problems() {
        errors.entry(field.to_string()).or_insert(key.to_string());
    }
    let on = today();
    let from = match input.effective_from.as_deref().map(str::trim) {
        None | Some("") => on,
        Some(raw) => parse_date("effective_from", Some(raw))?,
    };
    if from < on {
        errors.insert("effective_from".into(), "standard.in_the_past".into());
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = db.begin().await?;
    let taken = row::Entity::find()
        .filter(row::Column::Tier.eq(s.tier.as_str()))
        .filter(row::Column::IssuerArea.eq(&s.issuer_area))
        .filter(row::Column::Version.eq(&s.version))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(AppError::Conflict("standard.version_taken".into()));
    }
    let r = insert(&txn, &s, from, &actor.username).await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "publish",
        "cert_standard",
        &r.id.to_string(),
        Some(format!(
            "tier={} area={} version={} from={}",
            s.tier.as_str(),
            s.issuer_area,
            s.version,
            ymd(from)
        )),
    )
    .await?;
    txn.commit().await?;
    Ok(StandardVersion {
        id: r.id,
        effective_from: ymd(from),
        in_force: from <= on,
        created_by: r.created_by,
        standard: s,
    })
}
