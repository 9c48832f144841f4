//! Certification standards as versioned data: the ministry's defaults for each tier (DOMAIN.md),
//! and the versions a province publishes for its own 充分就业社区 and star tiers. An application
//! is filed under the version in force that day and keeps it.

use crate::backend::clock;
use crate::backend::db::BeginWrite;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    NotSet, PaginatorTrait, Set,
};

use super::{province_of, ymd};
use crate::backend::actor::Actor;
use crate::backend::clock::today;
use crate::backend::entity::cert_standard as row;
use crate::backend::service::policy_store::{
    NATIONAL, applicable, first_day, insert_version, issuer, newest_in_force, policy_rows,
};
use crate::domain::area_code::AreaCode;
use crate::domain::certification::Tier;
use crate::domain::indicators::CertificationStandard;
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
    let txn = db.begin_write().await?;
    for tier in Tier::ALL {
        let s = CertificationStandard::default_for(tier, NATIONAL);
        new_row(&s, defaults_from(), "system")?.insert(&txn).await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// An empty issuer or `NATIONAL` names the ministry.
fn is_national(issuer_area: &str) -> bool {
    matches!(issuer_area.trim(), "" | NATIONAL)
}

fn new_row(
    s: &CertificationStandard,
    from: NaiveDate,
    by: &str,
) -> Result<row::ActiveModel, AppError> {
    Ok(row::ActiveModel {
        id: NotSet,
        tier: Set(s.tier.as_str().into()),
        issuer_area: Set(s.issuer_area.clone()),
        version: Set(s.version.trim().to_string()),
        effective_from: Set(from),
        body: Set(serde_json::to_string(s).map_err(|_| AppError::Internal)?),
        created_by: Set(by.into()),
        created_at: Set(clock::now()),
    })
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
/// ministry's; the ministry's alone without a code), newest first, with the one in force today
/// marked. Errors: 422 `area_code`/`area.malformed`.
pub async fn list(
    db: &DatabaseConnection,
    tier: Tier,
    code: Option<&str>,
) -> Result<Vec<StandardVersion>, AppError> {
    let issuers = match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => vec![NATIONAL.to_string()],
        Some(code) => {
            let area = AreaCode::parse(code)
                .map_err(|_| AppError::field("area_code", "area.malformed"))?;
            issuers(tier, area.as_str())
        }
    };
    let tier_only = Condition::all().add(row::Column::Tier.eq(tier.as_str()));
    let (rows, current) = applicable::<row::Entity>(db, &issuers, tier_only, today()).await?;
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
    if s.tier == Tier::NationalDemonstration && !is_national(&s.issuer_area) {
        return Err(AppError::field("issuer_area", "standard.national_only"));
    }
    let area = issuer(
        actor,
        Some(s.issuer_area.as_str()),
        "issuer_area",
        "area.wrong_level",
    )?;
    s.issuer_area = area.map_or(NATIONAL.to_string(), |a| a.as_str().to_string());
    let mut errors = FieldErrors::new();
    for (field, key) in s.problems() {
        errors.entry(field.to_string()).or_insert(key.to_string());
    }
    let on = today();
    let from = first_day(
        input.effective_from.as_deref(),
        Some(on),
        "standard.in_the_past",
        &mut errors,
    );
    let Some(from) = from.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let row = new_row(&s, from, &actor.username)?;
    let same_label = Condition::all()
        .add(row::Column::Tier.eq(s.tier.as_str()))
        .add(row::Column::IssuerArea.eq(&s.issuer_area))
        .add(row::Column::Version.eq(&s.version));
    let r = insert_version::<row::Entity>(
        db,
        actor,
        "cert_standard",
        row,
        same_label,
        "standard.version_taken",
        |r| {
            let detail = format!(
                "tier={} area={} version={} from={}",
                s.tier.as_str(),
                s.issuer_area,
                s.version,
                ymd(from)
            );
            (r.id.to_string(), detail)
        },
    )
    .await?;
    Ok(StandardVersion {
        id: r.id,
        effective_from: ymd(from),
        in_force: from <= on,
        created_by: r.created_by,
        standard: s,
    })
}
