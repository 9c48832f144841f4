//! Possible duplicates (similar name, same birth date, one community): an officer of the street
//! or county merges the two records into one, or dismisses the flag. A merge moves the assistance
//! files and cards to the kept person and keeps the merged record's versions readable from it.

use crate::backend::clock;
use crate::backend::db::BeginWrite;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, ModelTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

use crate::backend::actor::Actor;
use crate::backend::entity::{
    assistance_card as card, assistance_target as target, duplicate_flag as flag, household,
    person, person_merge, plan_item,
};
use crate::backend::service::audit::{self, By};
use crate::backend::service::{
    areas, ledger::history, ledger::households, ledger::people, versioned,
};
use crate::domain::area_code::AreaCode;
use crate::domain::assistance::TargetStatus;
use crate::domain::id_card;
use crate::domain::ledger::age_on;
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::ledger::{
    DuplicateDecision, DuplicateItem, DuplicateSide, MergedRecord, PersonHistory, RecordSnapshot,
};

/// The roles that decide on duplicates (officers, not the coordinator who entered them).
const DECIDERS: [Role; 2] = [Role::StreetOfficer, Role::CountyOfficer];

fn side(
    p: &person::Model,
    addresses: &HashMap<i64, String>,
    files: &HashMap<i64, u64>,
    on: NaiveDate,
) -> Result<DuplicateSide, AppError> {
    Ok(DuplicateSide {
        person_id: p.id,
        household_id: p.household_id,
        name: p.name.clone(),
        id_number: id_card::mask(&p.id_number()?),
        age: age_on(p.birth_date, on),
        address: addresses.get(&p.household_id).cloned().unwrap_or_default(),
        open_files: files.get(&p.id).copied().unwrap_or(0),
        version: p.version,
    })
}

/// Open files per person, for the given people.
async fn open_files_of<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<HashMap<i64, u64>, AppError> {
    let rows: Vec<i64> = target::Entity::find()
        .select_only()
        .column(target::Column::PersonId)
        .filter(target::Column::PersonId.is_in(ids.iter().copied()))
        .filter(target::Column::Status.ne(TargetStatus::Exited.as_str()))
        .into_tuple()
        .all(conn)
        .await?;
    let mut out = HashMap::new();
    for id in rows {
        *out.entry(id).or_insert(0) += 1;
    }
    Ok(out)
}

fn in_scope(actor: &Actor, p: &person::Model) -> bool {
    AreaCode::parse(&p.community_code).is_ok_and(|c| actor.scope.contains(&c))
}

/// How many flags wait in the actor's area.
pub async fn open_count<C: ConnectionTrait>(conn: &C, actor: &Actor) -> Result<u64, AppError> {
    let mut cond = Condition::all().add(flag::Column::Status.eq("open"));
    if let Some((lo, hi)) = actor.scope.range() {
        cond = cond.add(flag::Column::CommunityCode.between(lo, hi));
    }
    Ok(flag::Entity::find().filter(cond).count(conn).await?)
}

/// The open flags in the actor's area, oldest first.
pub async fn list(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<DuplicateItem>, AppError> {
    if !actor.role.reads_ledger() {
        return Err(AppError::Forbidden);
    }
    let mut cond = Condition::all().add(flag::Column::Status.eq("open"));
    if let Some((lo, hi)) = actor.scope.range() {
        cond = cond.add(flag::Column::CommunityCode.between(lo, hi));
    }
    let flags = flag::Entity::find()
        .filter(cond)
        .order_by_asc(flag::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let ids: Vec<i64> = flags
        .iter()
        .flat_map(|f| [f.person_id, f.other_person_id])
        .collect();
    let files = open_files_of(db, &ids).await?;
    let persons: HashMap<i64, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let households: Vec<i64> = persons.values().map(|p| p.household_id).collect();
    let addresses: HashMap<i64, String> = household::Entity::find()
        .filter(household::Column::Id.is_in(households))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.id, h.address))
        .collect();
    let codes: Vec<String> = flags.iter().map(|f| f.community_code.clone()).collect();
    let names = areas::names(db, &codes).await?;
    let on = clock::today();
    let mut out = Vec::new();
    for f in &flags {
        let (Some(a), Some(b)) = (persons.get(&f.person_id), persons.get(&f.other_person_id))
        else {
            continue;
        };
        // A pair split over two areas (one household moved) is shown to those who see both.
        if !in_scope(actor, a) || !in_scope(actor, b) {
            continue;
        }
        out.push(DuplicateItem {
            id: f.id,
            community_name: names.get(&f.community_code).cloned().unwrap_or_default(),
            reason: f.reason.clone(),
            flagged_on: crate::domain::calendar::ymd(clock::date_of(f.created_at)),
            first: side(a, &addresses, &files, on)?,
            second: side(b, &addresses, &files, on)?,
        });
    }
    Ok(out)
}

/// Merges the flagged pair (keeping `keep`) or dismisses the flag.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    flag_id: i64,
    input: &DuplicateDecision,
) -> Result<(), AppError> {
    let merge = match input.action.as_deref().map(str::trim) {
        Some("merge") => true,
        Some("dismiss") => false,
        _ => return Err(AppError::field("action", "action.unknown")),
    };
    let txn = db.begin_write().await?;
    let f = flag::Entity::find_by_id(flag_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let area = AreaCode::parse(&f.community_code).map_err(|_| AppError::Internal)?;
    actor.require_ledger_read(&area)?;
    actor.require_role(&DECIDERS)?;
    if f.status != "open" {
        return Err(AppError::Conflict("duplicate.resolved".into()));
    }
    let now = clock::now();
    let resolve = |status: &str| {
        let mut row = f.clone().into_active_model();
        row.status = Set(status.into());
        row.resolved_by = Set(Some(actor.username.clone()));
        row.resolved_at = Set(Some(now));
        row
    };
    if !merge {
        resolve("dismissed").update(&txn).await?;
        audit::append(
            &txn,
            By::Actor(actor),
            "dismiss",
            "duplicate_flag",
            &flag_id.to_string(),
            None,
        )
        .await?;
        txn.commit().await?;
        return Ok(());
    }
    let keep = input
        .keep
        .filter(|k| *k == f.person_id || *k == f.other_person_id)
        .ok_or_else(|| AppError::field("keep", "keep.not_in_pair"))?;
    let gone = if keep == f.person_id {
        f.other_person_id
    } else {
        f.person_id
    };
    if gone == keep {
        return Err(AppError::Conflict("duplicate.resolved".into()));
    }
    let kept_seen = versioned::seen(input.kept_version)?;
    let merged_seen = versioned::seen(input.merged_version)?;
    let kept = person::Entity::find_by_id(keep).one(&txn).await?;
    let merged = person::Entity::find_by_id(gone).one(&txn).await?;
    let (Some(kept), Some(merged)) = (kept, merged) else {
        return Err(AppError::Conflict("duplicate.gone".into()));
    };
    // The records the officer compared, not newer ones.
    versioned::check(kept.version, kept_seen)?;
    versioned::check(merged.version, merged_seen)?;
    // Both people's households must be the actor's to change.
    households::load(&txn, actor, kept.household_id, true).await?;
    households::load(&txn, actor, merged.household_id, true).await?;
    let files = open_files_of(&txn, &[kept.id, merged.id]).await?;
    if files.contains_key(&kept.id) && files.contains_key(&merged.id) {
        return Err(AppError::Conflict("duplicate.both_open".into()));
    }
    // The files, their plans and the cards follow the person, into the kept person's community
    // (whose workers now serve them).
    let files: Vec<i64> = target::Entity::find()
        .select_only()
        .column(target::Column::Id)
        .filter(target::Column::PersonId.eq(merged.id))
        .into_tuple()
        .all(&txn)
        .await?;
    target::Entity::update_many()
        .col_expr(target::Column::PersonId, Expr::value(kept.id))
        .col_expr(
            target::Column::CommunityCode,
            Expr::value(&kept.community_code),
        )
        .filter(target::Column::PersonId.eq(merged.id))
        .exec(&txn)
        .await?;
    plan_item::Entity::update_many()
        .col_expr(
            plan_item::Column::CommunityCode,
            Expr::value(&kept.community_code),
        )
        .filter(plan_item::Column::TargetId.is_in(files))
        .exec(&txn)
        .await?;
    card::Entity::update_many()
        .col_expr(card::Column::PersonId, Expr::value(kept.id))
        .col_expr(
            card::Column::CommunityCode,
            Expr::value(&kept.community_code),
        )
        .filter(card::Column::PersonId.eq(merged.id))
        .exec(&txn)
        .await?;
    // Records merged earlier into the merged person now hang on the kept one.
    person_merge::Entity::update_many()
        .col_expr(person_merge::Column::KeptPersonId, Expr::value(kept.id))
        .filter(person_merge::Column::KeptPersonId.eq(merged.id))
        .exec(&txn)
        .await?;
    person_merge::ActiveModel {
        id: NotSet,
        kept_person_id: Set(kept.id),
        merged_person_id: Set(merged.id),
        merged_name: Set(merged.name.clone()),
        merged_id_number: Set(id_card::mask(&merged.id_number()?)),
        merged_household_id: Set(merged.household_id),
        merged_by: Set(actor.username.clone()),
        merged_at: Set(now),
    }
    .insert(&txn)
    .await?;
    // A version of the kept person records the merge.
    let mut row = kept.clone().into_active_model();
    row.updated_at = Set(now);
    versioned::update::<person::Entity, _>(&txn, row, kept.id, kept.version).await?;
    let after = person::Entity::find_by_id(kept.id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    history::save(
        &txn,
        actor,
        people::ENTITY,
        kept.id,
        after.version,
        &people::history_record(&after)?,
        &[format!("merged_record:{}", merged.id)],
    )
    .await?;
    // This flag is settled, and so is every other flag between the two; the merged person's
    // flags with third people now concern the kept one.
    resolve("merged").update(&txn).await?;
    settle_flags(&txn, actor, &kept, &merged, now).await?;
    let merged_household = merged.household_id;
    merged.delete(&txn).await?;
    // A household that held only the duplicate entry was never a real zero-employment case:
    // its open case is void, not cleared.
    if person::Entity::find()
        .filter(person::Column::HouseholdId.eq(merged_household))
        .count(&txn)
        .await?
        == 0
    {
        super::zero_cases::void_open(&txn, merged_household).await?;
    }
    households::refresh_zero(&txn, merged_household).await?;
    households::refresh_zero(&txn, kept.household_id).await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "merge",
        people::ENTITY,
        &kept.id.to_string(),
        Some(format!("merged={gone} flag={flag_id}")),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// After a merge: flags between the two are settled; flags of the merged person with others
/// move to the kept person, unless the kept person has one with that other already.
async fn settle_flags<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    kept: &person::Model,
    merged: &person::Model,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let involved = |id: i64| {
        Condition::any()
            .add(flag::Column::PersonId.eq(id))
            .add(flag::Column::OtherPersonId.eq(id))
    };
    let open = flag::Entity::find()
        .filter(flag::Column::Status.eq("open"))
        .filter(
            Condition::any()
                .add(involved(kept.id))
                .add(involved(merged.id)),
        )
        .order_by_asc(flag::Column::Id)
        .all(conn)
        .await?;
    let mut seen = std::collections::HashSet::new();
    for f in open {
        let swap = |id: i64| if id == merged.id { kept.id } else { id };
        let (a, b) = (swap(f.person_id), swap(f.other_person_id));
        let pair = (a.min(b), a.max(b));
        let mut row = f.clone().into_active_model();
        if a == b || !seen.insert(pair) {
            row.status = Set("merged".into());
            row.resolved_by = Set(Some(actor.username.clone()));
            row.resolved_at = Set(Some(now));
        } else {
            row.person_id = Set(a);
            row.other_person_id = Set(b);
        }
        row.update(conn).await?;
    }
    Ok(())
}

/// A person's versions with those of the records merged into it, newest first.
pub async fn person_history(
    db: &DatabaseConnection,
    actor: &Actor,
    person_id: i64,
) -> Result<PersonHistory, AppError> {
    people::load(db, actor, person_id).await?;
    let mut entries = history::list(db, people::ENTITY, person_id).await?;
    let merges = person_merge::Entity::find()
        .filter(person_merge::Column::KeptPersonId.eq(person_id))
        .order_by_asc(person_merge::Column::Id)
        .all(db)
        .await?;
    for m in &merges {
        let older = history::list(db, people::ENTITY, m.merged_person_id).await?;
        entries.extend(older.into_iter().map(|mut e| {
            e.merged_from = Some(m.merged_person_id);
            e
        }));
    }
    // Dates as YYYY-MM-DD HH:MM sort as text.
    entries.sort_by(|a, b| b.changed_at.cmp(&a.changed_at));
    Ok(PersonHistory {
        entries,
        merged: merges
            .into_iter()
            .map(|m| MergedRecord {
                person_id: m.merged_person_id,
                name: m.merged_name,
                // Stored masked; masked again in case it was stored under an older, narrower
                // mask.
                id_number: id_card::mask(&m.merged_id_number),
                merged_by: m.merged_by,
                merged_on: crate::domain::calendar::ymd(clock::date_of(m.merged_at)),
            })
            .collect(),
    })
}

/// A version of a record merged into `person_id` (personal numbers masked).
pub async fn merged_version(
    db: &DatabaseConnection,
    actor: &Actor,
    person_id: i64,
    merged_id: i64,
    version: i32,
) -> Result<RecordSnapshot, AppError> {
    people::load(db, actor, person_id).await?;
    person_merge::Entity::find()
        .filter(person_merge::Column::KeptPersonId.eq(person_id))
        .filter(person_merge::Column::MergedPersonId.eq(merged_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    history::get(db, people::ENTITY, merged_id, version).await
}
