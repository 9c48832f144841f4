//! 就业援助 policies as versioned data: the national defaults (DOMAIN.md's numbers) and each
//! province's own versions, each in force from a date. A decision uses the version in force in
//! its area on its day, and records the version's label.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    NotSet, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use super::audit::{self, By};
use super::today;
use crate::backend::actor::Actor;
use crate::backend::entity::assistance_policy as row;
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::policy::AssistancePolicy;
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::error::FieldErrors;
use crate::model::policy::{PolicyInput, PolicyVersion};

/// The area code the national defaults are filed under.
pub const NATIONAL: &str = "000000000000";

/// The day the bundled defaults are in force from.
fn defaults_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The province code of an area code (`44xxxxxxxxxx` → `440000000000`).
pub(crate) fn province_of(code: &str) -> String {
    format!("{:0<12}", code.get(..2).unwrap_or("00"))
}

fn decode(r: &row::Model) -> Result<AssistancePolicy, AppError> {
    let mut p = AssistancePolicy::from_stored(&r.body).map_err(|e| {
        tracing::error!(error = %e, version = %r.version, "stored policy unreadable");
        AppError::Internal
    })?;
    p.version = r.version.clone();
    Ok(p)
}

/// Stores the bundled defaults as the first national version, once.
pub async fn seed_defaults(db: &DatabaseConnection) -> Result<bool, AppError> {
    let national = row::Entity::find()
        .filter(row::Column::AreaCode.eq(NATIONAL))
        .count(db)
        .await?;
    if national > 0 {
        return Ok(false);
    }
    let p = AssistancePolicy::default();
    row::ActiveModel {
        id: NotSet,
        area_code: Set(NATIONAL.into()),
        version: Set(p.version.clone()),
        effective_from: Set(defaults_from()),
        body: Set(serde_json::to_string(&p).map_err(|_| AppError::Internal)?),
        created_by: Set("system".into()),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(true)
}

/// The policy in force in the area of `code` (any level) on `on`: the province's newest version
/// in force, else the national one, else the bundled defaults.
pub async fn in_force<C: ConnectionTrait>(
    conn: &C,
    code: &str,
    on: NaiveDate,
) -> Result<AssistancePolicy, AppError> {
    let province = province_of(code);
    for area in [province.as_str(), NATIONAL] {
        let found = row::Entity::find()
            .filter(row::Column::AreaCode.eq(area))
            .filter(row::Column::EffectiveFrom.lte(on))
            .order_by_desc(row::Column::EffectiveFrom)
            .one(conn)
            .await?;
        if let Some(r) = found {
            return decode(&r);
        }
    }
    Ok(AssistancePolicy::default())
}

/// The versions that can apply in the area of `code` (its province's and the national ones),
/// newest first, with the one in force today marked. Everyone signed in may read them.
pub async fn list(db: &DatabaseConnection, code: &str) -> Result<Vec<PolicyVersion>, AppError> {
    let area = AreaCode::parse(code).map_err(|_| AppError::field("area_code", "area.malformed"))?;
    let province = province_of(area.as_str());
    let rows = row::Entity::find()
        .filter(
            Condition::any()
                .add(row::Column::AreaCode.eq(&province))
                .add(row::Column::AreaCode.eq(NATIONAL)),
        )
        .order_by_desc(row::Column::EffectiveFrom)
        .all(db)
        .await?;
    // In force today: the province's newest version from today or before, else the nation's.
    let on = today();
    let current = [province.as_str(), NATIONAL]
        .into_iter()
        .find_map(|area| {
            rows.iter()
                .find(|r| r.area_code == area && r.effective_from <= on)
        })
        .map(|r| r.version.clone())
        .unwrap_or_else(|| AssistancePolicy::default().version);
    rows.iter()
        .map(|r| {
            Ok(PolicyVersion {
                area_code: r.area_code.clone(),
                version: r.version.clone(),
                effective_from: r.effective_from.format("%Y-%m-%d").to_string(),
                in_force: r.version == current,
                created_by: r.created_by.clone(),
                policy: decode(r)?,
            })
        })
        .collect()
}

/// The issuer of a new version: a province (its officer, or the ministry) or, when none is
/// named, the nation (the ministry or the administrator).
pub(crate) fn issuer(actor: &Actor, raw: Option<&str>) -> Result<Option<AreaCode>, AppError> {
    let area = match raw.map(str::trim) {
        None | Some("") | Some(NATIONAL) => None,
        Some(code) => {
            let a = AreaCode::parse(code)
                .map_err(|_| AppError::field("area_code", "area.malformed"))?;
            if a.level() != AreaLevel::Province {
                return Err(AppError::field("area_code", "policy.province_only"));
            }
            Some(a)
        }
    };
    match &area {
        None => actor.require_role(&[Role::Admin, Role::Ministry])?,
        Some(a) => {
            actor.require_role(&[Role::Admin, Role::Ministry, Role::ProvinceOfficer])?;
            actor.require_in_scope(a)?;
        }
    }
    Ok(area)
}

/// A new version's first day: required, YYYY-MM-DD, today or later.
pub(crate) fn effective_from(raw: Option<&str>, fields: &mut FieldErrors) -> Option<NaiveDate> {
    let mut fail = |key: &str| {
        fields.insert("effective_from".into(), key.into());
        None
    };
    match raw.map(str::trim) {
        None | Some("") => fail("effective_from.required"),
        Some(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) if d < today() => fail("date.past"),
            Ok(d) => Some(d),
            Err(_) => fail("date.malformed"),
        },
    }
}

/// The area code a version is filed under and its label (`44-2027-01-01`,
/// `national-2027-01-01`).
pub(crate) fn issuer_label(area: Option<&AreaCode>, from: NaiveDate) -> (String, String) {
    let day = from.format("%Y-%m-%d");
    match area {
        Some(a) => (
            a.as_str().to_string(),
            format!("{}-{day}", &a.as_str()[..2]),
        ),
        None => (NATIONAL.to_string(), format!("national-{day}")),
    }
}

/// Publishes a new version from a date on (today or later: decisions already made keep the
/// version they were judged by). A province officer publishes for the own province; the
/// ministry and the administrator for the country.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &PolicyInput,
) -> Result<PolicyVersion, AppError> {
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
        .filter(row::Column::AreaCode.eq(&area_code))
        .filter(row::Column::EffectiveFrom.eq(from))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(AppError::Conflict("policy.same_day".into()));
    }
    row::ActiveModel {
        id: NotSet,
        area_code: Set(area_code.clone()),
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
        "assistance_policy",
        &label,
        Some(format!("area={area_code} from={from}")),
    )
    .await?;
    txn.commit().await?;
    Ok(PolicyVersion {
        area_code,
        version: label,
        effective_from: from.format("%Y-%m-%d").to_string(),
        in_force: from <= today(),
        created_by: actor.username.clone(),
        policy,
    })
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
