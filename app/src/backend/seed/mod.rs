//! The demo data set, clearly marked (`is_demo`): accounts for every role around 深圳市南山区,
//! one outsider in 北京, and certifications of real urban communities; the seeders of each
//! feature's demo records beside it. Seeding goes through the real services wherever a service
//! exists for the write, as a demo actor of the right role.

pub mod assistance;
mod bulk_history;
pub mod bulk_ledger;
pub mod certification;
pub mod ledger;
pub mod platforms;

use crate::backend::db::BeginWrite;
use chrono::NaiveDate;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder,
    Set,
};
use std::collections::HashMap;

use crate::backend::actor::Actor;
use crate::backend::entity::{account, area, certification as title};
use crate::backend::service::accounts::{self, NewAccount};
use crate::backend::service::audit::{self, By};
use crate::domain::area_code::{AreaCode, AreaLevel, VillageKind};
use crate::domain::certification::{CertStatus, Tier, certificate_number};
use crate::domain::role::{Role, Scope};
use crate::model::AppError;

/// The demo street (南头街道, 深圳市南山区): its first communities get the demo ledgers.
pub const DEMO_STREET: &str = "440305001";

/// The demo community whose ledger meets the standard (马家龙社区, 南头街道).
pub const PASSING_COMMUNITY: &str = "440305001007";

/// The password of every demo account (printed in README; change it for real use).
pub const DEMO_PASSWORD: &str = "demo12345";

/// Demo accounts: (username, display name, role, home area).
pub const DEMO_ACCOUNTS: &[(&str, &str, &str, Option<&str>)] = &[
    ("admin", "系统管理员（演示）", "admin", None),
    ("ministry", "人社部就业司（演示）", "ministry", None),
    (
        "gd_province",
        "广东省人社厅（演示）",
        "province_officer",
        Some("440000000000"),
    ),
    (
        "sz_city",
        "深圳市人社局（演示）",
        "city_officer",
        Some("440300000000"),
    ),
    (
        "sz_hr",
        "深圳市人社局人事科（演示）",
        "hr_manager",
        Some("440300000000"),
    ),
    (
        "ns_county",
        "南山区人社局（演示）",
        "county_officer",
        Some("440305000000"),
    ),
    (
        "ns_street",
        "南头街道劳动保障事务所（演示）",
        "street_officer",
        Some("440305001000"),
    ),
    (
        "ns_coordinator",
        "南头街道某社区协理员（演示）",
        "coordinator",
        None,
    ),
    (
        "bj_province",
        "北京市人社局（演示）",
        "province_officer",
        Some("110000000000"),
    ),
    (
        "mjl_coordinator",
        "马家龙社区协理员（演示）",
        "coordinator",
        Some(PASSING_COMMUNITY),
    ),
];

/// An actor the demo seeding acts as, through the real services (not a stored account).
pub(super) fn demo_actor(role: Role, code: Option<&str>) -> Result<Actor, AppError> {
    let area = code
        .map(AreaCode::parse)
        .transpose()
        .map_err(|_| AppError::Internal)?;
    Ok(Actor {
        id: 0,
        username: format!("demo-{}", role.as_str()),
        role,
        scope: Scope::for_role(role, area).map_err(|_| AppError::Internal)?,
        ip: None,
    })
}

/// Creates the demo accounts that do not exist yet. The coordinator without an area gets the
/// first community under the street officer's street.
pub async fn seed_accounts(db: &DatabaseConnection) -> Result<u64, AppError> {
    let mut created = 0;
    for (username, display, role, area) in DEMO_ACCOUNTS {
        let exists = account::Entity::find()
            .filter(account::Column::Username.eq(*username))
            .count(db)
            .await?
            > 0;
        if exists {
            continue;
        }
        let area_code = match (*role, area) {
            ("coordinator", None) => first_child(db, "440305001000").await?,
            (_, Some(code)) => Some((*code).to_string()),
            _ => None,
        };
        // Skip accounts whose area is not imported (tests load a small fixture of areas).
        if let Some(code) = &area_code
            && area::Entity::find_by_id(code.clone())
                .one(db)
                .await?
                .is_none()
        {
            continue;
        }
        let new = NewAccount {
            username: (*username).into(),
            display_name: (*display).into(),
            role: (*role).into(),
            area_code,
            password: DEMO_PASSWORD.into(),
            is_demo: true,
            // A work line for the coordinator, printed on the cards of the community.
            contact_phone: (*role == "coordinator").then(|| "0755-26661001-8023".to_string()),
        };
        accounts::create(db, By::System("seed-demo"), new).await?;
        created += 1;
    }
    Ok(created)
}

async fn first_child(db: &DatabaseConnection, parent: &str) -> Result<Option<String>, AppError> {
    Ok(area::Entity::find()
        .filter(area::Column::ParentCode.eq(parent))
        .order_by_asc(area::Column::Code)
        .one(db)
        .await?
        .map(|a| a.code))
}

/// Certifies `count` urban communities (居委会) as demo data, spread over the given area
/// prefixes (all of the country when empty). Deterministic: the same call gives the same rows.
/// Communities that already hold a demo title are skipped, so a second run adds nothing.
pub async fn seed_certifications(
    db: &DatabaseConnection,
    prefixes: &[&str],
    count: usize,
    mut progress: impl FnMut(u64),
) -> Result<u64, AppError> {
    let existing = title::Entity::find()
        .filter(title::Column::IsDemo.eq(true))
        .count(db)
        .await?;
    if existing >= count as u64 {
        return Ok(0);
    }
    // Candidate communities: urban communities under the prefixes, in code order.
    let mut query =
        area::Entity::find().filter(area::Column::Level.eq(AreaLevel::Village.number()));
    if !prefixes.is_empty() {
        let mut any = sea_orm::Condition::any();
        for p in prefixes {
            let code = AreaCode::parse(p).map_err(|_| AppError::field("area", "area.malformed"))?;
            let (lo, hi) = code.subtree_range();
            any = any.add(area::Column::Code.between(lo, hi));
        }
        query = query.filter(any);
    }
    let candidates: Vec<area::Model> = query
        .order_by_asc(area::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .filter(|a| {
            AreaCode::parse(&a.code).ok().and_then(|c| c.village_kind())
                == Some(VillageKind::UrbanCommunity)
        })
        .collect();
    if candidates.is_empty() {
        return Ok(0);
    }
    // Spread the picks evenly over the candidates.
    let step = (candidates.len() / count.max(1)).max(1);
    let picked: Vec<&area::Model> = candidates.iter().step_by(step).take(count).collect();

    let provinces: HashMap<String, String> = area::Entity::find()
        .filter(area::Column::Level.lte(2))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.code, a.name))
        .collect();

    let txn = db.begin_write().await?;
    let mut seq: HashMap<(Tier, i32, String), u32> = HashMap::new();
    let mut batch = Vec::with_capacity(1000);
    let mut done = 0u64;
    for (i, community) in picked.iter().enumerate() {
        let Ok(code) = AreaCode::parse(&community.code) else {
            continue;
        };
        let tier = match i % 20 {
            0 => Tier::NationalDemonstration,
            1..=5 => Tier::ProvincialStar,
            _ => Tier::Community,
        };
        let year = 2019 + (i % 7) as i32;
        let county = &community.code[..6];
        let n = seq.entry((tier, year, county.to_string())).or_insert(0);
        *n += 1;
        let number = certificate_number(tier, year, county, *n);
        let province = format!("{}0000000000", &community.code[..2]);
        let city = format!("{}00000000", &community.code[..4]);
        let (issuing_area, issuer) = match tier {
            Tier::NationalDemonstration => (None, "人力资源社会保障部".to_string()),
            Tier::ProvincialStar => (
                Some(province.clone()),
                provinces.get(&province).cloned().unwrap_or_default(),
            ),
            Tier::Community => {
                let issuer_code = if provinces.contains_key(&city) {
                    city
                } else {
                    province
                };
                (
                    Some(issuer_code.clone()),
                    provinces.get(&issuer_code).cloned().unwrap_or_default(),
                )
            }
        };
        let revoked = i % 25 == 7;
        let issued_on = NaiveDate::from_ymd_opt(year, 12, 1 + (i % 28) as u32).unwrap_or_default();
        batch.push(title::ActiveModel {
            id: NotSet,
            certificate_no: Set(number),
            community_code: Set(code.as_str().to_string()),
            community_name: Set(community.name.clone()),
            tier: Set(tier.as_str().to_string()),
            year: Set(year),
            issuing_area_code: Set(issuing_area),
            issuer_name: Set(format!("{issuer}（演示）")),
            status: Set(if revoked {
                CertStatus::Revoked
            } else {
                CertStatus::Valid
            }
            .as_str()
            .to_string()),
            issued_on: Set(issued_on),
            revoked_on: Set(
                revoked.then(|| NaiveDate::from_ymd_opt(2025, 6, 30).unwrap_or_default())
            ),
            revoke_reason: Set(
                revoked.then(|| "复查未达标：登记失业人员就业率低于95%（演示数据）".to_string())
            ),
            is_demo: Set(true),
            version: Set(1),
            application_id: Set(None),
            next_inspection_on: Set((!revoked).then(|| {
                issued_on
                    .checked_add_months(chrono::Months::new(24))
                    .unwrap_or(issued_on)
            })),
        });
        if batch.len() == 1000 {
            done += insert_batch(&txn, std::mem::take(&mut batch)).await?;
            progress(done);
        }
    }
    done += insert_batch(&txn, batch).await?;
    progress(done);
    audit::append(
        &txn,
        By::System("seed-demo"),
        "seed",
        "certification",
        "demo",
        Some(format!("count={done}")),
    )
    .await?;
    txn.commit().await?;
    Ok(done)
}

/// Inserts demo certifications, skipping numbers that exist already.
async fn insert_batch<C: sea_orm::ConnectionTrait>(
    conn: &C,
    batch: Vec<title::ActiveModel>,
) -> Result<u64, AppError> {
    if batch.is_empty() {
        return Ok(0);
    }
    let n = batch.len() as u64;
    title::Entity::insert_many(batch)
        .on_conflict(
            OnConflict::column(title::Column::CertificateNo)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(n)
}
