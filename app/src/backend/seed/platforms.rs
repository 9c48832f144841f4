//! Demo platforms and coordinators. The platform registry is filled for every street,
//! township, community and village of Guangdong that is imported, deterministically from the
//! code, at rates near the speech's figures (street institutions 97 %, township 89 %,
//! communities staffed 88 %, villages 41 %); records already there are kept. The coordinators
//! of 南山区 show each case of the grade rules: one ready for promotion, one short of training
//! hours, a 一级 due for the year's rating, one too recently graded, a new hire meeting the
//! entry rules, and staff in other cities that Shenzhen's HR manager never sees. Runs once.

use crate::backend::clock;
use crate::backend::db::BeginWrite;
use chrono::{Datelike, Months, NaiveDate};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, Set,
};

use crate::backend::clock::today;
use crate::backend::entity::{
    area, coordinator, coordinator_exam, coordinator_grade, coordinator_rating,
    coordinator_training, platform,
};
use crate::backend::sealing::{self, Field};
use crate::domain::area_code::{AreaCode, TownshipKind, VillageKind};
use crate::domain::grading::{Employment, Grade, GradeReason, Rating};
use crate::domain::id_card;
use crate::model::AppError;

/// The province whose platforms are filled.
const PROVINCE: &str = "44";

/// A number from 0 to 999 fixed by the code and a salt.
fn per_mille(code: &str, salt: u64) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt;
    for b in code.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    u32::try_from(h % 1000).unwrap_or(0)
}

/// The demo record of the platform at `code`.
fn demo_platform(code: &AreaCode, name: &str) -> platform::ActiveModel {
    let c = code.as_str();
    let village = code.village_kind().is_some();
    // The share with an institution (streets, townships) or staff (communities, villages).
    let rate = match (code.township_kind(), code.village_kind()) {
        (_, Some(VillageKind::UrbanCommunity)) => 880,
        (_, Some(_)) => 410,
        (Some(TownshipKind::Street), None) => 970,
        _ => 890,
    };
    let present = per_mille(c, 1) < rate;
    let complete = present && per_mille(c, 2) < 450;
    let part = |salt: u64| complete || (present && per_mille(c, salt) < 700);
    let staff_full = if present {
        i32::from(!village) * 2 + 1
    } else {
        0
    };
    let need_m2 = if village { 50 } else { 100 };
    let m2 = need_m2 - 20 + i32::try_from(per_mille(c, 3) % 120).unwrap_or(0);
    let suffix = if village {
        "劳动保障工作站"
    } else {
        "劳动保障事务所"
    };
    platform::ActiveModel {
        area_code: Set(c.to_string()),
        institution: Set(present),
        staff: Set(present && (complete || per_mille(c, 4) < 800)),
        funding: Set(part(5)),
        venue: Set(complete || (present && m2 >= need_m2)),
        rules: Set(part(6)),
        work: Set(part(7)),
        name: Set(if present {
            format!("{name}{suffix}")
        } else {
            String::new()
        }),
        signage: Set(part(8)),
        venue_m2: Set(present.then_some(if complete { m2.max(need_m2) } else { m2 })),
        windows: Set(if present { 1 + i32::from(!village) } else { 0 }),
        equipment: Set(if present {
            "电脑、打印机、叫号机".into()
        } else {
            String::new()
        }),
        network: Set(part(9)),
        full_time_staff: Set(staff_full),
        part_time_staff: Set(i32::from(present && per_mille(c, 10) < 500)),
        fund_budget: Set(present),
        fund_purchase: Set(part(11)),
        fund_reward: Set(part(12)),
        fund_subsidy: Set(part(13)),
        updated_by: Set("seed-demo".into()),
        updated_at: Set(clock::now()),
        version: Set(1),
    }
}

/// Fills the registry for the imported units of the province; returns how many were written.
async fn platforms(db: &DatabaseConnection) -> Result<u64, AppError> {
    let units = area::Entity::find()
        .filter(area::Column::Code.between(format!("{PROVINCE:0<12}"), format!("{PROVINCE:9<12}")))
        .filter(area::Column::Level.gte(4))
        .all(db)
        .await?;
    let rows: Vec<platform::ActiveModel> = units
        .iter()
        .filter_map(|u| Some(demo_platform(&AreaCode::parse(&u.code).ok()?, &u.name)))
        .collect();
    let total = rows.len() as u64;
    let txn = db.begin_write().await?;
    let mut batch = rows.into_iter().peekable();
    while batch.peek().is_some() {
        let chunk: Vec<_> = batch.by_ref().take(500).collect();
        platform::Entity::insert_many(chunk)
            .on_conflict(
                OnConflict::column(platform::Column::AreaCode)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(total)
}

/// One demo coordinator: where, who, the grade held and since how many months, and the
/// records behind the rules.
struct Demo {
    area: &'static str,
    name: &'static str,
    birth: &'static str,
    account: Option<&'static str>,
    employment: Employment,
    /// (grade, months before today)
    grades: &'static [(Grade, u32)],
    /// (hours, months before today, pre-service)
    training: &'static [(u32, u32, bool)],
    /// (theory, practical, months before today)
    exam: Option<(u32, u32, u32)>,
    /// (years before this one, rating)
    ratings: &'static [(i32, Rating)],
    hired_months: u32,
}

const DEMO_STAFF: &[Demo] = &[
    // Ready: two years and more at 二级, 44 hours, 合格 and 优秀; the assessment is the round's.
    Demo {
        area: "440305001007",
        name: "陈晓梅",
        birth: "19880312",
        account: Some("mjl_coordinator"),
        employment: Employment::FullTime,
        grades: &[(Grade::Second, 40)],
        training: &[(24, 44, true), (24, 14, false), (20, 3, false)],
        exam: Some((82, 76, 45)),
        ratings: &[(2, Rating::Qualified), (1, Rating::Excellent)],
        hired_months: 46,
    },
    // Short of training: 24 hours in the window.
    Demo {
        area: "440305001001",
        name: "林志强",
        birth: "19850721",
        account: Some("ns_coordinator"),
        employment: Employment::FullTime,
        grades: &[(Grade::Second, 56)],
        training: &[(24, 58, true), (24, 8, false)],
        exam: Some((71, 68, 60)),
        ratings: &[(2, Rating::Excellent), (1, Rating::Excellent)],
        hired_months: 60,
    },
    // 一级 since five years; this year's rating not yet entered.
    Demo {
        area: "440305001003",
        name: "黄丽华",
        birth: "19800105",
        account: None,
        employment: Employment::FullTime,
        grades: &[(Grade::Second, 100), (Grade::First, 60)],
        training: &[(24, 102, true), (40, 20, false)],
        exam: Some((88, 85, 104)),
        ratings: &[(2, Rating::Excellent), (1, Rating::Qualified)],
        hired_months: 104,
    },
    // Graded 二级 a year ago: not yet two years.
    Demo {
        area: "440305001004",
        name: "张伟",
        birth: "19950918",
        account: None,
        employment: Employment::PartTime,
        grades: &[(Grade::Second, 12)],
        training: &[(24, 13, true), (30, 5, false)],
        exam: Some((75, 70, 14)),
        ratings: &[(1, Rating::Excellent)],
        hired_months: 14,
    },
    // New hire meeting the entry rules, not yet graded.
    Demo {
        area: "440305001005",
        name: "刘芳",
        birth: "19990402",
        account: None,
        employment: Employment::WelfarePost,
        grades: &[],
        training: &[(24, 2, true)],
        exam: Some((68, 72, 2)),
        ratings: &[],
        hired_months: 3,
    },
    // Ready, in the next street.
    Demo {
        area: "440305002003",
        name: "王磊",
        birth: "19870630",
        account: None,
        employment: Employment::FullTime,
        grades: &[(Grade::Second, 36)],
        training: &[(24, 38, true), (48, 10, false)],
        exam: Some((79, 81, 40)),
        ratings: &[(2, Rating::Excellent), (1, Rating::Excellent)],
        hired_months: 40,
    },
    // At the street office.
    Demo {
        area: "440305001000",
        name: "赵敏",
        birth: "19830814",
        account: None,
        employment: Employment::FullTime,
        grades: &[(Grade::Second, 80), (Grade::First, 30)],
        training: &[(24, 82, true), (16, 6, false)],
        exam: Some((90, 88, 84)),
        ratings: &[(2, Rating::Qualified), (1, Rating::Qualified)],
        hired_months: 84,
    },
    // Other cities: Guangzhou and Beijing.
    Demo {
        area: "440104001001",
        name: "周广",
        birth: "19860101",
        account: None,
        employment: Employment::FullTime,
        grades: &[(Grade::Second, 40)],
        training: &[(24, 42, true), (48, 6, false)],
        exam: Some((80, 80, 44)),
        ratings: &[(2, Rating::Excellent), (1, Rating::Excellent)],
        hired_months: 44,
    },
    Demo {
        area: "110101001001",
        name: "孙京",
        birth: "19840202",
        account: None,
        employment: Employment::FullTime,
        grades: &[(Grade::Second, 40)],
        training: &[(24, 42, true)],
        exam: Some((80, 80, 44)),
        ratings: &[(1, Rating::Qualified)],
        hired_months: 44,
    },
];

fn months_ago(on: NaiveDate, m: u32) -> NaiveDate {
    on.checked_sub_months(Months::new(m)).unwrap_or(on)
}

/// Writes the demo coordinators whose areas are imported; returns how many.
async fn coordinators(db: &DatabaseConnection) -> Result<u64, AppError> {
    let on = today();
    let now = clock::now();
    let mut written = 0;
    let txn = db.begin_write().await?;
    for (i, d) in DEMO_STAFF.iter().enumerate() {
        if area::Entity::find_by_id(d.area.to_string())
            .one(&txn)
            .await?
            .is_none()
        {
            continue;
        }
        let seq = u32::try_from(i).unwrap_or(0) * 2 + 11;
        let number = id_card::complete(&format!("{}{}{:03}", &d.area[..6], d.birth, seq))
            .ok_or(AppError::Internal)?;
        let hired = months_ago(on, d.hired_months);
        let c = coordinator::ActiveModel {
            id: NotSet,
            name: Set(d.name.into()),
            id_number_index: Set(sealing::id_number_index(&number)?),
            id_number_sealed: Set(Some(sealing::seal(Field::IdNumber, &number)?)),
            phone_sealed: Set(Some(sealing::seal(
                Field::Phone,
                &format!("1380013{:04}", 1000 + i),
            )?)),
            area_code: Set(d.area.into()),
            employment: Set(d.employment.as_str().into()),
            hired_on: Set(hired),
            education: Set(Some("college".into())),
            contract_from: Set(Some(hired)),
            contract_until: Set(hired.checked_add_months(Months::new(72))),
            non_renewal: Set(false),
            left_on: Set(None),
            left_reason: Set(None),
            account_username: Set(d.account.map(str::to_string)),
            is_demo: Set(true),
            created_by: Set("seed-demo".into()),
            created_at: Set(now),
            updated_by: Set("seed-demo".into()),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(&txn)
        .await?;
        for (grade, ago) in d.grades {
            coordinator_grade::ActiveModel {
                id: NotSet,
                coordinator_id: Set(c.id),
                grade: Set(grade.as_str().into()),
                from_date: Set(months_ago(on, *ago)),
                reason: Set(match grade {
                    Grade::Second => GradeReason::Entry {
                        policy: "default-2026".into(),
                    },
                    Grade::First => GradeReason::Promotion {
                        round: "2024年度协理员晋升评审（演示）".into(),
                    },
                }
                .encode()),
                round_id: Set(None),
                recorded_by: Set("seed-demo".into()),
                recorded_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
        for (hours, ago, pre) in d.training {
            coordinator_training::ActiveModel {
                id: NotSet,
                coordinator_id: Set(c.id),
                course: Set(if *pre {
                    "岗前培训：就业援助政策与入户摸底".into()
                } else {
                    "业务培训：就业失业登记与台账管理".into()
                }),
                hours: Set(i32::try_from(*hours).unwrap_or(0)),
                finished_on: Set(months_ago(on, *ago)),
                pre_service: Set(*pre),
                recorded_by: Set("seed-demo".into()),
                recorded_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
        if let Some((theory, practical, ago)) = d.exam {
            coordinator_exam::ActiveModel {
                id: NotSet,
                coordinator_id: Set(c.id),
                sat_on: Set(months_ago(on, ago)),
                theory: Set(i32::try_from(theory).unwrap_or(0)),
                practical: Set(i32::try_from(practical).unwrap_or(0)),
                recorded_by: Set("seed-demo".into()),
                recorded_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
        for (back, rating) in d.ratings {
            coordinator_rating::ActiveModel {
                id: NotSet,
                coordinator_id: Set(c.id),
                year: Set(on.year() - back),
                rating: Set(rating.as_str().into()),
                recorded_by: Set("seed-demo".into()),
                recorded_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
        written += 1;
    }
    txn.commit().await?;
    Ok(written)
}

/// Seeds the platforms and coordinators once (nothing when coordinators exist already).
pub async fn seed(db: &DatabaseConnection) -> Result<(u64, u64), AppError> {
    if coordinator::Entity::find()
        .filter(coordinator::Column::IsDemo.eq(true))
        .count(db)
        .await?
        > 0
    {
        return Ok((0, 0));
    }
    let p = platforms(db).await?;
    let c = coordinators(db).await?;
    Ok((p, c))
}
