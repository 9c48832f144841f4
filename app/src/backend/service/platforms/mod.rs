//! The platform registry: one record per street/township and community/village platform, read
//! by every account whose area holds it, kept by the officers of that area, every saved
//! version in the history.

pub mod coverage;
pub mod coverage_tally;
pub mod policy;

use crate::backend::clock;
use crate::backend::clock::today;
use crate::backend::db::BeginWrite;
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

use super::audit::{self, By};
use super::ledger::history;
use super::{areas, versioned};
use crate::backend::actor::Actor;
use crate::backend::entity::{area, platform as row};
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::domain::platform::PlatformStandard;
use crate::domain::role::Role;
use crate::model::ledger::HistoryEntry;
use crate::model::platform::{
    PlatformChecks, PlatformInput, PlatformList, PlatformRecord, PlatformRow, PlatformView,
};
use crate::model::{AppError, AreaView};

/// The `record_version` entity name of platform records; their id is the area code as a
/// number.
pub const HISTORY_ENTITY: &str = "platform";

const EDITORS: [Role; 5] = [
    Role::StreetOfficer,
    Role::CountyOfficer,
    Role::CityOfficer,
    Role::ProvinceOfficer,
    Role::Admin,
];

/// Whether `actor` may edit the platform of `area`: an officer whose area holds it.
pub fn may_edit(actor: &Actor, area: &AreaCode) -> bool {
    EDITORS.contains(&actor.role) && actor.scope.contains(area)
}

fn history_id(area: &AreaCode) -> Result<i64, AppError> {
    area.as_str().parse().map_err(|_| AppError::Internal)
}

fn record_of(m: &row::Model) -> PlatformRecord {
    let n = |v: i32| u32::try_from(v).unwrap_or(0);
    PlatformRecord {
        institution: m.institution,
        staff: m.staff,
        funding: m.funding,
        venue: m.venue,
        rules: m.rules,
        work: m.work,
        name: m.name.clone(),
        signage: m.signage,
        venue_m2: m.venue_m2.map(n),
        windows: n(m.windows),
        equipment: m.equipment.clone(),
        network: m.network,
        full_time_staff: n(m.full_time_staff),
        part_time_staff: n(m.part_time_staff),
        fund_budget: m.fund_budget,
        fund_purchase: m.fund_purchase,
        fund_reward: m.fund_reward,
        fund_subsidy: m.fund_subsidy,
    }
}

fn checks(area: &AreaCode, r: &PlatformRecord, s: &PlatformStandard) -> PlatformChecks {
    let f = r.facts();
    PlatformChecks {
        six_in_place: f.six_in_place(),
        staffed: f.staffed(),
        venue_met: s.venue_met(area, r.venue_m2),
        windows_met: s.windows_met(area, r.windows),
    }
}

/// The platform-bearing area `code`: a street/township or community/village, known, and in
/// the actor's scope.
async fn platform_area<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    code: &AreaCode,
) -> Result<area::Model, AppError> {
    if code.level() < AreaLevel::Township {
        return Err(AppError::field("area_code", "platform.level"));
    }
    actor.require_in_scope(code)?;
    areas::find(conn, code).await?.ok_or(AppError::NotFound)
}

async fn ancestors<C: ConnectionTrait>(
    conn: &C,
    code: &AreaCode,
) -> Result<Vec<AreaView>, AppError> {
    let codes: Vec<String> = code
        .ancestors()
        .iter()
        .map(|c| c.as_str().to_string())
        .collect();
    let mut found = area::Entity::find()
        .filter(area::Column::Code.is_in(codes))
        .all(conn)
        .await?;
    found.sort_by_key(|a| a.level);
    Ok(found.iter().map(areas::to_view).collect())
}

/// One platform with its checks against the standard in force in its province.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &AreaCode,
) -> Result<PlatformView, AppError> {
    let here = platform_area(db, actor, code).await?;
    let stored = row::Entity::find_by_id(code.as_str().to_string())
        .one(db)
        .await?;
    let standard = policy::in_force(db, code.as_str(), today()).await?.standard;
    let record = stored.as_ref().map(record_of).unwrap_or_default();
    Ok(PlatformView {
        area: areas::to_view(&here),
        ancestors: ancestors(db, code).await?,
        registered: stored.is_some(),
        checks: checks(code, &record, &standard),
        record,
        standard,
        version: stored.as_ref().map_or(0, |m| m.version),
        updated_by: stored.as_ref().map(|m| m.updated_by.clone()),
        updated_at: stored.as_ref().map(|m| clock::minute(m.updated_at)),
        can_edit: may_edit(actor, code),
    })
}

/// Saves a platform's record: the first save registers it (version 0 seen), later ones must
/// name the version they edited (409 otherwise). Every version goes to the history.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &AreaCode,
    input: PlatformInput,
) -> Result<PlatformView, AppError> {
    if !EDITORS.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    platform_area(db, actor, code).await?;
    let record = input.record.check()?;
    let txn = db.begin_write().await?;
    let stored = row::Entity::find_by_id(code.as_str().to_string())
        .one(&txn)
        .await?;
    let before = stored.as_ref().map(record_of);
    let stored_version = stored.as_ref().map_or(0, |m| m.version);
    versioned::check(stored_version, input.version)?;
    let version = stored_version + 1;
    let int = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
    let active = row::ActiveModel {
        area_code: Set(code.as_str().to_string()),
        institution: Set(record.institution),
        staff: Set(record.staff),
        funding: Set(record.funding),
        venue: Set(record.venue),
        rules: Set(record.rules),
        work: Set(record.work),
        name: Set(record.name.clone()),
        signage: Set(record.signage),
        venue_m2: Set(record.venue_m2.map(int)),
        windows: Set(int(record.windows)),
        equipment: Set(record.equipment.clone()),
        network: Set(record.network),
        full_time_staff: Set(int(record.full_time_staff)),
        part_time_staff: Set(int(record.part_time_staff)),
        fund_budget: Set(record.fund_budget),
        fund_purchase: Set(record.fund_purchase),
        fund_reward: Set(record.fund_reward),
        fund_subsidy: Set(record.fund_subsidy),
        updated_by: Set(actor.username.clone()),
        updated_at: Set(clock::now()),
        version: Set(version),
    };
    if stored.is_some() {
        // The version check rides in the statement, so a concurrent save loses the race.
        versioned::update::<row::Entity, _>(&txn, active, code.as_str(), stored_version).await?;
    } else {
        active.insert(&txn).await?;
    }
    let changes = match &before {
        Some(b) => history::changed_fields(b, &record)?,
        None => history::changed_fields(&serde_json::json!({}), &record)?,
    };
    history::save(
        &txn,
        actor,
        HISTORY_ENTITY,
        history_id(code)?,
        version,
        &record,
        &changes,
    )
    .await?;
    audit::append(
        &txn,
        By::Actor(actor),
        "save",
        "platform",
        code.as_str(),
        Some(format!("version={version}")),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, code).await
}

/// The saved versions of a platform's record, newest first.
pub async fn history(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &AreaCode,
) -> Result<Vec<HistoryEntry>, AppError> {
    platform_area(db, actor, code).await?;
    history::list(db, HISTORY_ENTITY, history_id(code)?).await
}

/// The platforms of a county's streets and townships (or a city's, where it has no counties),
/// or of a street's own office and its communities and villages, with their checklists.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &AreaCode,
) -> Result<PlatformList, AppError> {
    actor.require_in_scope(code)?;
    let here = areas::find(db, code).await?.ok_or(AppError::NotFound)?;
    let mut units = area::Entity::find()
        .filter(area::Column::ParentCode.eq(code.as_str()))
        .all(db)
        .await?;
    // A county's streets and townships, a street's communities; and the streets of a city
    // without counties (东莞, 中山).
    let platforms_below = code.level() == AreaLevel::Township
        || (code.level() >= AreaLevel::City && units.iter().all(|u| u.level == 4));
    if !platforms_below {
        return Err(AppError::field("area", "platform.list_level"));
    }
    if code.level() == AreaLevel::Township {
        units.push(here.clone());
    }
    units.sort_by(|a, b| a.code.cmp(&b.code));
    let codes: Vec<String> = units.iter().map(|u| u.code.clone()).collect();
    let stored: HashMap<String, row::Model> = row::Entity::find()
        .filter(row::Column::AreaCode.is_in(codes))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.area_code.clone(), m))
        .collect();
    let standard = policy::in_force(db, code.as_str(), today()).await?.standard;
    let rows = units
        .iter()
        .filter_map(|u| {
            let unit = AreaCode::parse(&u.code).ok()?;
            let m = stored.get(&u.code);
            let record = m.map(record_of).unwrap_or_default();
            Some(PlatformRow {
                area: areas::to_view(u),
                registered: m.is_some(),
                name: record.name.clone(),
                six: [
                    record.institution,
                    record.staff,
                    record.funding,
                    record.venue,
                    record.rules,
                    record.work,
                ],
                checks: checks(&unit, &record, &standard),
                full_time_staff: record.full_time_staff,
                part_time_staff: record.part_time_staff,
            })
        })
        .collect();
    Ok(PlatformList {
        area: Some(areas::to_view(&here)),
        ancestors: ancestors(db, code).await?,
        rows,
    })
}
