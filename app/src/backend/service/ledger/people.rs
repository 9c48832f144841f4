//! People of the ledger: adding a household member, updating with a version check, the full
//! record (audited), and duplicate detection. The same 身份证号 anywhere in the country is one
//! person; a similar name with the same birth date in the same community is flagged for an
//! officer, keeping both records and their histories.

use crate::backend::clock;
use crate::backend::clock::today;
use crate::backend::db::BeginWrite;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IntoActiveModel, NotSet, PaginatorTrait, QueryFilter, Set,
};

use super::{history, households, to_view};
use crate::backend::actor::Actor;
use crate::backend::entity::{audit_log, duplicate_flag, person};
use crate::backend::sealing::{self, Field};
use crate::backend::service::audit::{self, By};
use crate::backend::service::policies;
use crate::backend::service::versioned;
use crate::domain::area_code::AreaCode;
use crate::domain::id_card::Sex;
use crate::domain::ledger::Need;
use crate::domain::person_name;
use crate::model::AppError;
use crate::model::ledger::{CheckedPerson, HouseholdDetail, PersonInput, PersonView};

pub const ENTITY: &str = "person";

fn sex_str(s: Sex) -> &'static str {
    match s {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

/// Sets the record's fields from a checked input: the ID number sealed with its blind index,
/// the phone sealed. Errors: `Internal` without a key ring.
fn apply(row: &mut person::ActiveModel, c: CheckedPerson) -> Result<(), AppError> {
    row.id_number_index = Set(sealing::id_number_index(&c.id_card.number)?);
    row.id_number_sealed = Set(Some(sealing::seal(Field::IdNumber, &c.id_card.number)?));
    row.name_key = Set(person::name_key(&c.name));
    row.name = Set(c.name);
    row.birth_date = Set(c.id_card.birth_date);
    row.sex = Set(sex_str(c.id_card.sex).to_string());
    row.phone_sealed = Set(sealing::seal_opt(Field::Phone, c.phone.as_deref())?);
    row.education = Set(c.education.map(|e| e.as_str().to_string()));
    row.ability = Set(c.ability.as_str().to_string());
    row.wants_work = Set(c.wants_work);
    row.status = Set(c.status.as_str().to_string());
    row.unemployment_cert_no = Set(c.unemployment_cert_no);
    row.unemployed_since = Set(c.unemployed_since);
    row.employed_since = Set(c.employed_since);
    row.graduated_on = Set(c.graduated_on);
    row.needs = Set(Need::join(&c.needs));
    row.land_lost_farmer = Set(c.land_lost_farmer);
    row.disabled = Set(c.disabled);
    row.veteran_or_military_family = Set(c.veteran_or_military_family);
    row.single_parent = Set(c.single_parent);
    row.dibao = Set(c.dibao);
    Ok(())
}

/// The person as the history compares and keeps it: the record with its ID number and phone
/// opened (`history::save` stores them masked).
pub(super) fn history_record(p: &person::Model) -> Result<serde_json::Value, AppError> {
    let mut record = serde_json::to_value(p).map_err(|_| AppError::Internal)?;
    let serde_json::Value::Object(map) = &mut record else {
        return Err(AppError::Internal);
    };
    map.insert("id_number".into(), p.id_number()?.into());
    map.insert("phone".into(), p.phone()?.into());
    Ok(record)
}

/// Out-of-scope number clashes one account may meet in an hour before it is refused with 429
/// (this system's default): a surveyor meets one now and then; someone trying numbers to learn
/// who is in the ledger meets many.
pub const CLASHES_PER_HOUR: u64 = 10;

/// The audit action of a clash with a number outside the actor's area.
const CLASH: &str = "number_clash";

/// Refuses a 身份证号 already in the ledger (other than `except`), read in `txn`. Inside the
/// actor's scope the answer says so; outside it, only that the number is registered elsewhere
/// (never where), and the clash is audited in `db` (without the number) once the refused
/// transaction is rolled back. After [`CLASHES_PER_HOUR`] such clashes in an hour the account
/// gets 429 before any lookup. Gives the transaction back when the number is free. Errors: 409
/// `person.in_ledger` or `person.registered_elsewhere`; 429.
async fn ensure_new_number(
    db: &DatabaseConnection,
    txn: DatabaseTransaction,
    actor: &Actor,
    number: &str,
    except: Option<i64>,
) -> Result<DatabaseTransaction, AppError> {
    let since = clock::now() - chrono::Duration::hours(1);
    let recent = audit_log::Entity::find()
        .filter(audit_log::Column::ActorName.eq(actor.username.as_str()))
        .filter(audit_log::Column::Action.eq(CLASH))
        .filter(audit_log::Column::At.gte(since))
        .count(db)
        .await?;
    if recent >= CLASHES_PER_HOUR {
        return Err(AppError::TooManyAttempts);
    }
    let existing = person::Entity::find()
        .filter(person::Column::IdNumberIndex.eq(sealing::id_number_index(number)?))
        .one(&txn)
        .await?;
    let Some(p) = existing.filter(|p| Some(p.id) != except) else {
        return Ok(txn);
    };
    let visible = AreaCode::parse(&p.community_code)
        .map(|c| actor.scope.contains(&c))
        .unwrap_or(false);
    if visible {
        return Err(AppError::Conflict("person.in_ledger".into()));
    }
    // The refused transaction ends before the audit line is written beside it (on SQLite it
    // holds the write lock).
    txn.rollback().await?;
    let target = except.map_or_else(|| "-".to_string(), |id| id.to_string());
    audit::append(db, By::Actor(actor), CLASH, ENTITY, &target, None).await?;
    Err(AppError::Conflict("person.registered_elsewhere".into()))
}

/// Whether the pair is flagged already (open, or dismissed by an officer), either way round.
async fn flagged_before<C: ConnectionTrait>(conn: &C, a: i64, b: i64) -> Result<bool, AppError> {
    let pair = Condition::any()
        .add(
            Condition::all()
                .add(duplicate_flag::Column::PersonId.eq(a))
                .add(duplicate_flag::Column::OtherPersonId.eq(b)),
        )
        .add(
            Condition::all()
                .add(duplicate_flag::Column::PersonId.eq(b))
                .add(duplicate_flag::Column::OtherPersonId.eq(a)),
        );
    Ok(duplicate_flag::Entity::find()
        .filter(pair)
        .filter(duplicate_flag::Column::Status.is_in(["open", "dismissed"]))
        .count(conn)
        .await?
        > 0)
}

/// Flags people of the same community with the same birth date and a similar name, once per
/// pair (a pair an officer dismissed stays dismissed).
async fn flag_similar<C: ConnectionTrait>(conn: &C, p: &person::Model) -> Result<u64, AppError> {
    let candidates = person::Entity::find()
        .filter(person::Column::CommunityCode.eq(&p.community_code))
        .filter(person::Column::BirthDate.eq(p.birth_date))
        .filter(person::Column::Id.ne(p.id))
        .all(conn)
        .await?;
    let mut flagged = 0;
    for other in candidates
        .iter()
        .filter(|o| person_name::similar(&o.name, &p.name))
    {
        if flagged_before(conn, p.id, other.id).await? {
            continue;
        }
        duplicate_flag::ActiveModel {
            id: NotSet,
            person_id: Set(p.id),
            other_person_id: Set(other.id),
            community_code: Set(p.community_code.clone()),
            reason: Set("similar_name_same_birth_date".into()),
            status: Set("open".into()),
            created_at: Set(clock::now()),
            resolved_by: Set(None),
            resolved_at: Set(None),
        }
        .insert(conn)
        .await?;
        flagged += 1;
    }
    Ok(flagged)
}

/// Adds a member to a household.
pub async fn add(
    db: &DatabaseConnection,
    actor: &Actor,
    household_id: i64,
    input: &PersonInput,
) -> Result<HouseholdDetail, AppError> {
    let checked = input.check(today())?;
    let txn = db.begin_write().await?;
    let h = households::load(&txn, actor, household_id, true).await?;
    let txn = ensure_new_number(db, txn, actor, &checked.id_card.number, None).await?;
    let now = clock::now();
    let mut row = person::ActiveModel {
        id: NotSet,
        household_id: Set(household_id),
        community_code: Set(h.community_code.clone()),
        is_demo: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    apply(&mut row, checked)?;
    let p = row.insert(&txn).await?;
    let record = history_record(&p)?;
    let all = history::changed_fields(&serde_json::json!({}), &record)?;
    history::save(&txn, actor, ENTITY, p.id, 1, &record, &all).await?;
    let flagged = flag_similar(&txn, &p).await?;
    households::refresh_zero(&txn, household_id).await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "create",
        ENTITY,
        &p.id.to_string(),
        Some(format!(
            "household={household_id} possible_duplicates={flagged}"
        )),
    )
    .await?;
    txn.commit().await?;
    households::get(db, actor, household_id).await
}

/// Updates a person; `input.version` must be the version the editor saw (else 409).
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &PersonInput,
) -> Result<PersonView, AppError> {
    let checked = input.check(today())?;
    let seen = versioned::seen(input.version)?;
    let txn = db.begin_write().await?;
    let before = person::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    households::load(&txn, actor, before.household_id, true).await?;
    // The version first: a stale edit learns nothing about other numbers.
    versioned::check(before.version, seen)?;
    let txn = ensure_new_number(db, txn, actor, &checked.id_card.number, Some(id)).await?;
    let mut row = before.clone().into_active_model();
    apply(&mut row, checked)?;
    row.updated_at = Set(clock::now());
    versioned::update::<person::Entity, _>(&txn, row, id, seen).await?;
    let after = person::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    let record = history_record(&after)?;
    let changes = history::changed_fields(&history_record(&before)?, &record)?;
    history::record_update(&txn, actor, ENTITY, id, after.version, &record, &changes).await?;
    if before.birth_date != after.birth_date || before.name != after.name {
        flag_similar(&txn, &after).await?;
    }
    let zero = households::refresh_zero(&txn, after.household_id).await?;
    let policy = policies::in_force(&txn, &after.community_code, today()).await?;
    txn.commit().await?;
    to_view(&after, true, zero, today(), &policy)
}

/// The person `id`, if the actor may read its household.
pub async fn load<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: i64,
) -> Result<person::Model, AppError> {
    let p = person::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    households::load(conn, actor, p.household_id, false).await?;
    Ok(p)
}

/// The full record, unmasked, for roles that work the ledger in this area. Every read is
/// written to the audit log (which never holds the values).
pub async fn get_full(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<PersonView, AppError> {
    let p = person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let h = households::load(db, actor, p.household_id, true).await?;
    audit::append(
        db,
        By::Actor(actor),
        "read_full",
        ENTITY,
        &id.to_string(),
        None,
    )
    .await?;
    let policy = policies::in_force(db, &p.community_code, today()).await?;
    to_view(&p, false, h.zero_employment, today(), &policy)
}
