//! Versioned policies (this system's default way of keeping a province's rules): one row per
//! version, filed under the issuing area (a province, or `NATIONAL` for the ministry's), in
//! force from a day on, its body JSON. What is in force in an area on a day is the province's
//! newest version from that day or before, else the nation's, else the bundled defaults. The
//! 就业援助 policy and the platform policy are kept so; certification standards (per tier)
//! share the issuer rules below.

use crate::backend::db::BeginWrite;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;

use crate::backend::actor::Actor;
use crate::backend::clock::today;
use crate::backend::service::audit::{self, By};
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::calendar::{parse_ymd, ymd};
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::error::FieldErrors;

/// The area code the national versions are filed under.
pub const NATIONAL: &str = "000000000000";

/// The province code of an area code (`44xxxxxxxxxx` → `440000000000`).
pub(crate) fn province_of(code: &str) -> String {
    format!("{:0<12}", code.get(..2).unwrap_or("00"))
}

/// A stored version as the store reads it.
pub struct StoredVersion<'a> {
    pub id: i64,
    pub area: &'a str,
    pub version: &'a str,
    pub effective_from: NaiveDate,
    pub body: &'a str,
    pub created_by: &'a str,
}

/// A table of versions filed by issuing area and in force from a day (policies, certification
/// standards): what the lookups read.
pub trait PolicyRows: EntityTrait {
    const ID: Self::Column;
    /// The issuing area's column.
    const AREA: Self::Column;
    /// The first day's column.
    const EFFECTIVE_FROM: Self::Column;
    fn stored(row: &Self::Model) -> StoredVersion<'_>;
}

/// A table of policy versions whose rows the store also writes.
pub trait PolicyTable: PolicyRows {
    /// The audit log's name for a version.
    const AUDIT: &'static str;
    fn new_row(
        area: String,
        version: String,
        from: NaiveDate,
        body: String,
        by: String,
    ) -> Self::ActiveModel;
}

/// The body of a policy: its numbers, checked and labelled.
pub trait PolicyBody: Serialize + Clone + Default {
    /// Reads a stored body. Errors: the JSON's own message (logged, never shown).
    fn decode(json: &str) -> Result<Self, serde_json::Error>;
    fn label(&mut self, version: &str);
    fn version(&self) -> &str;
    /// Each number out of its range: (field, message key).
    fn problems(&self) -> Vec<(String, &'static str)>;
}

/// Implements `PolicyRows` for an entity module whose rows carry `id`, the issuing area in
/// `$field` (column `$column`), `version`, `effective_from`, `body` and `created_by`.
macro_rules! policy_rows {
    ($table:ident, $column:ident, $field:ident) => {
        impl $crate::backend::service::policy_store::PolicyRows for $table::Entity {
            const ID: $table::Column = $table::Column::Id;
            const AREA: $table::Column = $table::Column::$column;
            const EFFECTIVE_FROM: $table::Column = $table::Column::EffectiveFrom;

            fn stored(
                r: &$table::Model,
            ) -> $crate::backend::service::policy_store::StoredVersion<'_> {
                $crate::backend::service::policy_store::StoredVersion {
                    id: r.id,
                    area: &r.$field,
                    version: &r.version,
                    effective_from: r.effective_from,
                    body: &r.body,
                    created_by: &r.created_by,
                }
            }
        }
    };
}
pub(crate) use policy_rows;

/// Implements `PolicyRows` and `PolicyTable` for an entity module whose rows carry `id`, the
/// issuing area in `$field` (column `$column`), `version`, `effective_from`, `body`,
/// `created_by`, `created_at`.
macro_rules! policy_table {
    ($table:ident, $column:ident, $field:ident, $audit:literal) => {
        $crate::backend::service::policy_store::policy_rows!($table, $column, $field);

        impl $crate::backend::service::policy_store::PolicyTable for $table::Entity {
            const AUDIT: &'static str = $audit;

            fn new_row(
                area: String,
                version: String,
                from: chrono::NaiveDate,
                body: String,
                by: String,
            ) -> $table::ActiveModel {
                $table::ActiveModel {
                    id: sea_orm::NotSet,
                    $field: sea_orm::Set(area),
                    version: sea_orm::Set(version),
                    effective_from: sea_orm::Set(from),
                    body: sea_orm::Set(body),
                    created_by: sea_orm::Set(by),
                    created_at: sea_orm::Set($crate::backend::clock::now()),
                }
            }
        }
    };
}
pub(crate) use policy_table;

/// Implements `PolicyBody` for a policy type with a `version: String` field, a `validate()`
/// listing its faults, and `$decode` reading it from stored JSON.
macro_rules! policy_body {
    ($body:ty, $decode:expr) => {
        impl $crate::backend::service::policy_store::PolicyBody for $body {
            fn decode(json: &str) -> Result<Self, serde_json::Error> {
                $decode(json)
            }

            fn label(&mut self, version: &str) {
                self.version = version.to_string();
            }

            fn version(&self) -> &str {
                &self.version
            }

            fn problems(&self) -> Vec<(String, &'static str)> {
                self.validate()
                    .into_iter()
                    .map(|(field, key)| (field.to_string(), key))
                    .collect()
            }
        }
    };
}
pub(crate) use policy_body;

/// One version with its body, as listed and published.
#[derive(Clone, Debug)]
pub struct Version<B> {
    pub area_code: String,
    pub version: String,
    /// YYYY-MM-DD
    pub effective_from: String,
    /// The version that applies in the area today.
    pub in_force: bool,
    pub created_by: String,
    pub policy: B,
}

/// The body of a stored row, labelled with its version. Errors: unreadable (logged), 500.
pub fn decode<T: PolicyRows, B: PolicyBody>(row: &T::Model) -> Result<B, AppError> {
    let s = T::stored(row);
    let mut body = B::decode(s.body).map_err(|e| {
        tracing::error!(error = %e, version = %s.version, id = s.id, "stored policy unreadable");
        AppError::Internal
    })?;
    body.label(s.version);
    Ok(body)
}

/// The newest row in force on `on` among `issuers`, the first issuer that has one (a province
/// before the nation), narrowed by `within` (e.g. a tier); `None` when none is.
pub async fn newest_in_force<T, C>(
    conn: &C,
    issuers: &[String],
    within: Condition,
    on: NaiveDate,
) -> Result<Option<T::Model>, AppError>
where
    T: PolicyRows,
    C: ConnectionTrait,
{
    for area in issuers {
        let found = T::find()
            .filter(within.clone())
            .filter(T::AREA.eq(area.as_str()))
            .filter(T::EFFECTIVE_FROM.lte(on))
            .order_by_desc(T::EFFECTIVE_FROM)
            .order_by_desc(T::ID)
            .one(conn)
            .await?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// Every row of `issuers` within `within`, newest first, and the id of the one in force on
/// `on` (the one `newest_in_force` finds).
pub async fn applicable<T: PolicyRows>(
    db: &DatabaseConnection,
    issuers: &[String],
    within: Condition,
    on: NaiveDate,
) -> Result<(Vec<T::Model>, Option<i64>), AppError> {
    let any_issuer = issuers
        .iter()
        .fold(Condition::any(), |c, a| c.add(T::AREA.eq(a.as_str())));
    let rows = T::find()
        .filter(within)
        .filter(any_issuer)
        .order_by_desc(T::EFFECTIVE_FROM)
        .order_by_desc(T::ID)
        .all(db)
        .await?;
    let current = issuers.iter().find_map(|a| {
        rows.iter()
            .map(T::stored)
            .find(|s| s.area == a && s.effective_from <= on)
            .map(|s| s.id)
    });
    Ok((rows, current))
}

/// Every version of a policy read once, to find what was in force in many areas on many days
/// without a query each (a measure's re-checks over a year, say).
pub struct Timeline<B> {
    /// (issuing area, first day, id, body or `None` when unreadable), newest first as
    /// `newest_in_force` orders them
    rows: Vec<(String, NaiveDate, i64, Option<B>)>,
    fallback: B,
}

impl<B: PolicyBody> Timeline<B> {
    /// The version in force in the area of `code` on `on`: its province's newest from that day
    /// or before, else the nation's, else the bundled defaults. Errors: that version's stored
    /// body is unreadable (logged when read), 500; an unreadable version not in force there and
    /// then does not matter, as with [`in_force`].
    pub fn at(&self, code: &str, on: NaiveDate) -> Result<&B, AppError> {
        let province = province_of(code);
        let found = [province.as_str(), NATIONAL]
            .into_iter()
            .find_map(|issuer| {
                self.rows
                    .iter()
                    .find(|(area, from, _, _)| area == issuer && *from <= on)
            });
        match found {
            Some((_, _, _, Some(body))) => Ok(body),
            Some((_, _, _, None)) => Err(AppError::Internal),
            None => Ok(&self.fallback),
        }
    }
}

/// All versions of a policy (a few rows per province); one whose stored body is unreadable is
/// logged and fails only the reads it is in force for ([`Timeline::at`]). Errors: the database's.
pub async fn timeline<T, B, C>(conn: &C) -> Result<Timeline<B>, AppError>
where
    T: PolicyRows,
    B: PolicyBody,
    C: ConnectionTrait,
{
    let rows = T::find()
        .order_by_desc(T::EFFECTIVE_FROM)
        .order_by_desc(T::ID)
        .all(conn)
        .await?;
    let rows = rows
        .iter()
        .map(|r| {
            let s = T::stored(r);
            (
                s.area.to_string(),
                s.effective_from,
                s.id,
                decode::<T, B>(r).ok(),
            )
        })
        .collect();
    Ok(Timeline {
        rows,
        fallback: B::default(),
    })
}

/// The areas whose versions apply in the area of `code`: its province's, then the nation's.
fn issuers_of(code: &str) -> Vec<String> {
    vec![province_of(code), NATIONAL.to_string()]
}

/// The policy in force in the area of `code` (any level) on `on`.
pub async fn in_force<T, B, C>(conn: &C, code: &str, on: NaiveDate) -> Result<B, AppError>
where
    T: PolicyTable,
    B: PolicyBody,
    C: ConnectionTrait,
{
    match newest_in_force::<T, C>(conn, &issuers_of(code), Condition::all(), on).await? {
        Some(r) => decode::<T, B>(&r),
        None => Ok(B::default()),
    }
}

/// The versions that can apply in the area of `code` (its province's and the national ones),
/// newest first, the one in force today marked. Errors: `code` malformed, a field error of
/// `field` (`area.malformed`).
pub async fn list<T, B>(
    db: &DatabaseConnection,
    code: &str,
    field: &str,
) -> Result<Vec<Version<B>>, AppError>
where
    T: PolicyTable,
    B: PolicyBody,
{
    let area = AreaCode::parse(code).map_err(|_| AppError::field(field, "area.malformed"))?;
    let (rows, current) =
        applicable::<T>(db, &issuers_of(area.as_str()), Condition::all(), today()).await?;
    rows.iter()
        .map(|r| {
            let s = T::stored(r);
            Ok(Version {
                area_code: s.area.to_string(),
                version: s.version.to_string(),
                effective_from: ymd(s.effective_from),
                in_force: Some(s.id) == current,
                created_by: s.created_by.to_string(),
                policy: decode::<T, B>(r)?,
            })
        })
        .collect()
}

/// Stores the bundled defaults (`B::default()`) as the first national version of table `T`, in
/// force from `from`, published by `system`; nothing when the nation has a version already.
/// Returns whether it stored them.
pub async fn seed_national<T, B>(db: &DatabaseConnection, from: NaiveDate) -> Result<bool, AppError>
where
    T: PolicyTable,
    T::ActiveModel: ActiveModelTrait<Entity = T> + ActiveModelBehavior + Send,
    T::Model: IntoActiveModel<T::ActiveModel> + Sync,
    B: PolicyBody,
{
    if T::find().filter(T::AREA.eq(NATIONAL)).count(db).await? > 0 {
        return Ok(false);
    }
    let defaults = B::default();
    let body = serde_json::to_string(&defaults).map_err(|_| AppError::Internal)?;
    T::new_row(
        NATIONAL.into(),
        defaults.version().to_string(),
        from,
        body,
        "system".into(),
    )
    .insert(db)
    .await?;
    Ok(true)
}

/// Publishes `policy` as a new version from `effective_from` on (today or later: decisions
/// already made keep the version they were judged by), labelled `44-2027-01-01` or
/// `national-2027-01-01`. A province officer publishes for the own province; the ministry and
/// the administrator for any province or the country. Errors: field errors (`area_code`,
/// `effective_from`, `policy.<field>`); 403 outside the actor's role or area; the conflict
/// `policy.same_day` when the area has a version from that day already.
pub async fn publish<T, B>(
    db: &DatabaseConnection,
    actor: &Actor,
    area_code: Option<&str>,
    effective_from: Option<&str>,
    policy: &B,
) -> Result<Version<B>, AppError>
where
    T: PolicyTable,
    T::ActiveModel: ActiveModelTrait<Entity = T> + ActiveModelBehavior + Send,
    T::Model: IntoActiveModel<T::ActiveModel> + Sync,
    B: PolicyBody,
{
    let area = issuer(actor, area_code, "area_code", "policy.province_only")?;
    let mut fields = FieldErrors::new();
    let from = first_day(effective_from, None, "date.past", &mut fields);
    for (field, key) in policy.problems() {
        fields.insert(format!("policy.{field}"), key.into());
    }
    let Some(from) = from.filter(|_| fields.is_empty()) else {
        return Err(AppError::Invalid(fields));
    };
    let (area_code, label) = issuer_label(area.as_ref(), from);
    let mut policy = policy.clone();
    policy.label(&label);
    let body = serde_json::to_string(&policy).map_err(|_| AppError::Internal)?;
    let row = T::new_row(
        area_code.clone(),
        label.clone(),
        from,
        body,
        actor.username.clone(),
    );
    let same_day = Condition::all()
        .add(T::AREA.eq(&area_code))
        .add(T::EFFECTIVE_FROM.eq(from));
    insert_version::<T>(
        db,
        actor,
        T::AUDIT,
        row,
        same_day,
        "policy.same_day",
        |_| (label.clone(), format!("area={area_code} from={from}")),
    )
    .await?;
    Ok(Version {
        area_code,
        version: label,
        effective_from: ymd(from),
        in_force: from <= today(),
        created_by: actor.username.clone(),
        policy,
    })
}

/// Writes one version row and its audit line (action `publish` on `object`, target and detail
/// from `audit_of`) in one transaction, unless a row matching `taken` exists. Errors: the
/// conflict `conflict` when one does; database errors (nothing written).
pub(crate) async fn insert_version<T>(
    db: &DatabaseConnection,
    actor: &Actor,
    object: &str,
    row: T::ActiveModel,
    taken: Condition,
    conflict: &str,
    audit_of: impl FnOnce(&T::Model) -> (String, String),
) -> Result<T::Model, AppError>
where
    T: PolicyRows,
    T::ActiveModel: ActiveModelTrait<Entity = T> + ActiveModelBehavior + Send,
    T::Model: IntoActiveModel<T::ActiveModel> + Sync,
{
    let txn = db.begin_write().await?;
    if T::find().filter(taken).count(&txn).await? > 0 {
        return Err(AppError::Conflict(conflict.into()));
    }
    let stored = row.insert(&txn).await?;
    let (target, detail) = audit_of(&stored);
    audit::append(
        &txn,
        By::Actor(actor),
        "publish",
        object,
        &target,
        Some(detail),
    )
    .await?;
    txn.commit().await?;
    Ok(stored)
}

/// The issuer of a new version: a province (its officer, or the ministry) or, when none is
/// named, the nation (the ministry or the administrator). Errors: the field errors of `field`
/// `area.malformed` and `not_province` (an area of another level); 403.
pub(crate) fn issuer(
    actor: &Actor,
    raw: Option<&str>,
    field: &str,
    not_province: &str,
) -> Result<Option<AreaCode>, AppError> {
    let area = match raw.map(str::trim) {
        None | Some("") | Some(NATIONAL) => None,
        Some(code) => {
            let a = AreaCode::parse(code).map_err(|_| AppError::field(field, "area.malformed"))?;
            if a.level() != AreaLevel::Province {
                return Err(AppError::field(field, not_province));
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

/// A new version's first day (`effective_from`): YYYY-MM-DD, today or later; when empty,
/// `default`, or the field error `effective_from.required` without one. Other faults are the
/// field errors `date.malformed` and `past` (a day before today).
pub(crate) fn first_day(
    raw: Option<&str>,
    default: Option<NaiveDate>,
    past: &str,
    fields: &mut FieldErrors,
) -> Option<NaiveDate> {
    let mut fail = |key: &str| {
        fields.insert("effective_from".into(), key.into());
        None
    };
    match raw.map(str::trim) {
        None | Some("") => default.or_else(|| fail("effective_from.required")),
        Some(s) => match parse_ymd(s) {
            Some(d) if d < today() => fail(past),
            Some(d) => Some(d),
            None => fail("date.malformed"),
        },
    }
}

/// The area code a version is filed under and its label (`44-2027-01-01`,
/// `national-2027-01-01`).
fn issuer_label(area: Option<&AreaCode>, from: NaiveDate) -> (String, String) {
    let day = ymd(from);
    match area {
        Some(a) => (
            a.as_str().to_string(),
            format!("{}-{day}", &a.as_str()[..2]),
        ),
        None => (NATIONAL.to_string(), format!("national-{day}")),
    }
}
