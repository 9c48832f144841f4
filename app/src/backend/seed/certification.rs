//! Demo certification data on the demo street, through the real services: the platforms'
//! 「六到位」, a community whose ledger meets the standard (马家龙, with its own coordinator
//! account) holding a star title since four years, an open national round and an open
//! Guangdong star round, and star-round files at the county and under 公示. Runs once.

use crate::backend::clock;
use crate::backend::clock::today;
use chrono::{Datelike, Days, Months};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, Set,
};

use super::{DEMO_STREET, PASSING_COMMUNITY, demo_actor};
use crate::backend::entity::{
    cert_application, cert_round, certification, household, person, platform,
};
use crate::backend::registry_cache::RegistryCache;
use crate::backend::service::certification::{applications, rounds};
use crate::backend::service::{ledger::households, ledger::people};
use crate::domain::area_code::AreaCode;
use crate::domain::calendar::ymd;
use crate::domain::certification::{CertStatus, Tier};
use crate::domain::id_card;
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::certification::{ApplicationInput, CertDecisionInput, RoundInput};
use crate::model::ledger::{HouseholdInput, PersonInput};

fn id_number(birth: &str, seq: u32) -> Result<String, AppError> {
    id_card::complete(&format!("440305{birth}{:03}", seq % 1000)).ok_or(AppError::Internal)
}

/// Writes the platform checklists of the street's communities: complete, except one venue.
async fn platforms(db: &DatabaseConnection, codes: &[String]) -> Result<(), AppError> {
    for (i, code) in codes.iter().enumerate() {
        if platform::Entity::find_by_id(code.clone())
            .one(db)
            .await?
            .is_some()
        {
            continue;
        }
        platform::ActiveModel {
            area_code: Set(code.clone()),
            institution: Set(true),
            staff: Set(true),
            full_time_staff: Set(1),
            part_time_staff: Set(1),
            funding: Set(true),
            venue: Set(i != 3),
            rules: Set(true),
            work: Set(true),
            updated_by: Set("seed-demo".into()),
            updated_at: Set(clock::now()),
            version: Set(1),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// A ledger that meets the standard: 24 households, everyone able and willing at work but one
/// man registered unemployed for two months; twenty registered this year and found work since
/// (their records keep both versions, so they count among the registered).
async fn passing_ledger(db: &DatabaseConnection) -> Result<(), AppError> {
    let coordinator = demo_actor(Role::Coordinator, Some(PASSING_COMMUNITY))?;
    let on = today();
    let ago = |months: u32| {
        on.checked_sub_months(Months::new(months))
            .unwrap_or(on)
            .format("%Y-%m-%d")
            .to_string()
    };
    const SURNAMES: [&str; 8] = ["陈", "林", "黄", "张", "李", "王", "吴", "刘"];
    const GIVEN: [&str; 6] = ["伟", "芳", "敏", "强", "丽", "军"];
    for n in 0..24u32 {
        let h = households::create(
            db,
            &coordinator,
            &HouseholdInput {
                community_code: Some(PASSING_COMMUNITY.into()),
                address: Some(format!("马家龙路{}号{}室", 10 + n / 4, 101 + n % 4)),
                hukou_code: Some("440305000000".into()),
                urban_hukou: true,
                ..HouseholdInput::default()
            },
        )
        .await?;
        let worker_year = 1975 + (n % 20) as i32;
        let registered_job_seeker = n == 0;
        // Twenty registered as unemployed this year and found work since.
        let found_work_after_registering = (1..=20).contains(&n);
        let cert = format!("44030520260{:05}", 700 + n);
        let mut worker = PersonInput {
            id_number: Some(id_number(
                &format!("{worker_year}0{}15", 1 + n % 9),
                n * 2 + 1,
            )?),
            name: Some(format!(
                "{}{}{}",
                SURNAMES[(n % 8) as usize],
                GIVEN[(n % 6) as usize],
                ["华", "明", "平"][(n % 3) as usize]
            )),
            ability: Some("full".into()),
            wants_work: true,
            status: Some("employed_formal".into()),
            employed_since: Some(ago(30 + n)),
            ..PersonInput::default()
        };
        if registered_job_seeker || found_work_after_registering {
            worker.status = Some("registered_unemployed".into());
            worker.unemployment_cert_no = Some(cert);
            worker.unemployed_since = Some(ago(if registered_job_seeker { 2 } else { 9 }));
            worker.employed_since = None;
            worker.needs = vec!["job_referral".into()];
        }
        let added = people::add(db, &coordinator, h.household.id, &worker).await?;
        if found_work_after_registering {
            let id = added
                .members
                .first()
                .map(|m| m.id)
                .ok_or(AppError::Internal)?;
            let employed = PersonInput {
                status: Some("employed_formal".into()),
                unemployment_cert_no: None,
                unemployed_since: None,
                employed_since: Some(ago(1 + n % 5)),
                needs: Vec::new(),
                version: Some(1),
                ..worker
            };
            people::update(db, &coordinator, id, &employed).await?;
        }
        let elder = PersonInput {
            id_number: Some(id_number(
                &format!("{}0{}20", 1950 + n % 8, 1 + n % 9),
                n * 2 + 2,
            )?),
            name: Some(format!(
                "{}老{}",
                SURNAMES[((n + 3) % 8) as usize],
                GIVEN[(n % 6) as usize]
            )),
            ability: Some("none".into()),
            wants_work: false,
            status: Some("not_in_labour_force".into()),
            ..PersonInput::default()
        };
        people::add(db, &coordinator, h.household.id, &elder).await?;
    }
    household::Entity::update_many()
        .col_expr(household::Column::IsDemo, Expr::value(true))
        .filter(household::Column::CommunityCode.eq(PASSING_COMMUNITY))
        .exec(db)
        .await?;
    person::Entity::update_many()
        .col_expr(person::Column::IsDemo, Expr::value(true))
        .filter(person::Column::CommunityCode.eq(PASSING_COMMUNITY))
        .exec(db)
        .await?;
    Ok(())
}

/// The star title 马家龙 has held for four years (carried over from before this system). The
/// registry's bulk demo titles that fell on 马家龙 give way to this curated story.
async fn star_title(db: &DatabaseConnection) -> Result<(), AppError> {
    certification::Entity::delete_many()
        .filter(certification::Column::CommunityCode.eq(PASSING_COMMUNITY))
        .filter(certification::Column::IsDemo.eq(true))
        .filter(certification::Column::ApplicationId.is_null())
        .exec(db)
        .await?;
    let issued = today()
        .checked_sub_months(Months::new(48))
        .unwrap_or(today());
    certification::ActiveModel {
        id: NotSet,
        certificate_no: Set(format!("XJ-{}-440305-0801", issued.year())),
        community_code: Set(PASSING_COMMUNITY.into()),
        community_name: Set("马家龙社区居委会".into()),
        tier: Set(Tier::ProvincialStar.as_str().into()),
        year: Set(issued.year()),
        issuing_area_code: Set(Some("440000000000".into())),
        issuer_name: Set("广东省人力资源和社会保障厅（演示）".into()),
        status: Set(CertStatus::Valid.as_str().into()),
        issued_on: Set(issued),
        revoked_on: Set(None),
        revoke_reason: Set(None),
        is_demo: Set(true),
        version: Set(1),
        application_id: Set(None),
        next_inspection_on: Set(issued.checked_add_months(Months::new(60))),
    }
    .insert(db)
    .await?;
    Ok(())
}

fn round(tier: Tier, area: Option<&str>, title: &str, quotas: &[(&str, u32)]) -> RoundInput {
    let on = today();
    RoundInput {
        tier: Some(tier.as_str().into()),
        area_code: area.map(str::to_string),
        year: Some(on.year()),
        title: Some(title.into()),
        opens_on: Some(ymd(on.checked_sub_days(Days::new(30)).unwrap_or(on))),
        closes_on: Some(ymd(on.checked_add_days(Days::new(60)).unwrap_or(on))),
        quotas: quotas.iter().map(|(a, n)| (a.to_string(), *n)).collect(),
    }
}

/// Seeds the demo certification data once; returns the number of applications written.
pub async fn seed(db: &DatabaseConnection) -> Result<u64, AppError> {
    if cert_round::Entity::find()
        .filter(cert_round::Column::IsDemo.eq(true))
        .count(db)
        .await?
        > 0
    {
        return Ok(0);
    }
    let street = AreaCode::parse(DEMO_STREET).map_err(|_| AppError::Internal)?;
    let (lo, hi) = street.subtree_range();
    let codes: Vec<String> = crate::backend::entity::area::Entity::find()
        .filter(crate::backend::entity::area::Column::Level.eq(5))
        .filter(crate::backend::entity::area::Column::Code.between(lo, hi))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.code)
        .collect();
    if !codes.iter().any(|c| c == PASSING_COMMUNITY) {
        return Ok(0);
    }
    platforms(db, &codes).await?;
    passing_ledger(db).await?;
    star_title(db).await?;

    let year = today().year();
    let ministry = demo_actor(Role::Ministry, None)?;
    let province = demo_actor(Role::ProvinceOfficer, Some("440000000000"))?;
    rounds::open(
        db,
        &ministry,
        &round(
            Tier::NationalDemonstration,
            None,
            &format!("{year}年度国家级充分就业示范社区评定（演示）"),
            &[("440000000000", 3)],
        ),
    )
    .await?;
    let star = rounds::open(
        db,
        &province,
        &round(
            Tier::ProvincialStar,
            Some("440000000000"),
            &format!("{year}年度广东省充分就业星级社区评定（演示）"),
            &[("440300000000", 5)],
        ),
    )
    .await?;

    // Two files in the star round: one at the county, one sent on by the city (under 公示).
    let cache = RegistryCache::disabled();
    let street_officer = demo_actor(Role::StreetOfficer, Some(DEMO_STREET))?;
    let county = demo_actor(Role::CountyOfficer, Some(&DEMO_STREET[..6]))?;
    let city = demo_actor(Role::CityOfficer, Some("4403"))?;
    let mut written = 0;
    // Two other communities of the street apply in the star round: ones without a ledger of
    // their own (after the demo ledger's first four and 马家龙) and without a star title.
    let starred: Vec<String> = certification::Entity::find()
        .filter(certification::Column::Tier.eq(Tier::ProvincialStar.as_str()))
        .filter(certification::Column::Status.eq(CertStatus::Valid.as_str()))
        .filter(certification::Column::CommunityCode.is_in(codes.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.community_code)
        .collect();
    let mut sorted = codes.clone();
    sorted.sort();
    let applicants: Vec<&String> = sorted
        .iter()
        .skip(4)
        .filter(|c| c.as_str() != PASSING_COMMUNITY && !starred.contains(c))
        .take(2)
        .collect();
    for (i, code) in applicants.into_iter().enumerate() {
        let coordinator = demo_actor(Role::Coordinator, Some(code))?;
        let v = applications::apply(
            db,
            &coordinator,
            &ApplicationInput {
                round_id: Some(star.id),
                community_code: Some(code.clone()),
                narrative: Some(
                    "社区就业服务站窗口2个、专职协理员3名，实行入户摸底和台账动态管理。（演示）"
                        .into(),
                ),
            },
        )
        .await?;
        let approve = |version| CertDecisionInput {
            action: Some("approve".into()),
            version: Some(version),
            ..CertDecisionInput::default()
        };
        let v = applications::decide(
            db,
            &cache,
            &street_officer,
            v.item.id,
            &approve(v.item.version),
        )
        .await?;
        written += 1;
        if i == 0 {
            continue;
        }
        let v =
            applications::decide(db, &cache, &county, v.item.id, &approve(v.item.version)).await?;
        let scores = [("service_quality", 32), ("innovation", 22), ("example", 21)]
            .into_iter()
            .map(
                |(code, score)| crate::domain::indicators::QualitativeScore {
                    code: code.into(),
                    score,
                    evidence: "查阅服务台账、走访居民（演示）".into(),
                },
            )
            .collect();
        applications::decide(
            db,
            &cache,
            &city,
            v.item.id,
            &CertDecisionInput {
                site_visit: Some("实地核查：服务场地、窗口与制度上墙齐全。（演示）".into()),
                qualitative: Some(scores),
                ..approve(v.item.version)
            },
        )
        .await?;
    }
    cert_round::Entity::update_many()
        .col_expr(cert_round::Column::IsDemo, Expr::value(true))
        .exec(db)
        .await?;
    cert_application::Entity::update_many()
        .col_expr(cert_application::Column::IsDemo, Expr::value(true))
        .exec(db)
        .await?;
    Ok(written)
}
