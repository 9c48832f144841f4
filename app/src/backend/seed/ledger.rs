//! The demo ledger, clearly marked (`is_demo`): a realistic street (南头街道) with a few
//! communities, hundreds of households and their members, some 零就业家庭 among them, and
//! visits. Deterministic (a fixed seed), and skipped when demo households exist already.

use crate::backend::clock;
use crate::backend::db::BeginWrite;
use chrono::{Datelike, Days, Months, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashSet;

use super::DEMO_STREET;
use crate::backend::clock::today;
use crate::backend::entity::{area, household, person, visit, zero_case};
use crate::backend::sealing::{self, Field, Keyring};
use crate::backend::service::audit::{self, By};
use crate::domain::area_code::AreaCode;
use crate::domain::id_card::{self, Sex};
use crate::domain::ledger::{
    EmploymentStatus, HouseholdFacts, LabourAbility, MemberFacts, Need, is_zero_employment,
};
use crate::domain::policy::AssistancePolicy;
use crate::model::AppError;

/// How many households each of the demo street's first communities gets.
const COMMUNITIES: u64 = 4;
const HOUSEHOLDS_PER_COMMUNITY: usize = 80;
/// Households per community built as zero-employment (the rule decides; these are set up so).
const ZERO_PER_COMMUNITY: usize = 2;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "丹", "鹏", "玉兰",
    "文", "红梅", "国庆", "少华", "嘉怡", "子涵", "浩然",
];
const STREETS: &[&str] = &[
    "南头城北街",
    "中山东街",
    "深南大道",
    "南山大道",
    "前海路",
    "大新路",
    "桃园路",
    "南联路",
];

pub(super) struct Builder {
    pub(super) rng: StdRng,
    /// The blind indexes of the ID numbers given out, so that each is unique.
    pub(super) numbers: HashSet<String>,
    pub(super) ring: &'static Keyring,
    pub(super) today: NaiveDate,
    /// The county code ID numbers start with
    pub(super) county: String,
}

impl Builder {
    fn id_number(&mut self, birth: NaiveDate, sex: Sex) -> String {
        loop {
            let mut seq: u32 = self.rng.gen_range(0..500) * 2;
            if sex == Sex::Male {
                seq += 1;
            }
            let first17 = format!("{}{}{:03}", self.county, birth.format("%Y%m%d"), seq);
            let Some(number) = id_card::complete(&first17) else {
                continue;
            };
            if self
                .numbers
                .insert(self.ring.blind_index(Field::IdNumber, &number))
            {
                return number;
            }
        }
    }

    fn name(&mut self) -> String {
        let s = SURNAMES[self.rng.gen_range(0..SURNAMES.len())];
        let g = GIVEN[self.rng.gen_range(0..GIVEN.len())];
        format!("{s}{g}")
    }

    fn birth(&mut self, min_age: i32, max_age: i32) -> NaiveDate {
        let year = self.today.year() - self.rng.gen_range(min_age..=max_age);
        let day = self.rng.gen_range(1..=28);
        let month = self.rng.gen_range(1..=12);
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or(self.today)
    }

    fn days_ago(&mut self, min: u64, max: u64) -> NaiveDate {
        self.today
            .checked_sub_days(Days::new(self.rng.gen_range(min..=max)))
            .unwrap_or(self.today)
    }
}

/// A member before it is written.
pub(super) struct Member {
    pub(super) birth: NaiveDate,
    pub(super) sex: Sex,
    pub(super) ability: LabourAbility,
    pub(super) wants_work: bool,
    pub(super) status: EmploymentStatus,
    pub(super) dibao: bool,
}

impl Member {
    pub(super) fn facts(&self) -> MemberFacts {
        MemberFacts {
            birth_date: self.birth,
            sex: self.sex,
            ability: self.ability,
            wants_work: self.wants_work,
            status: self.status,
        }
    }
}

pub(super) fn member_row(
    b: &mut Builder,
    m: &Member,
    household_id: i64,
    community: &str,
) -> Result<person::ActiveModel, AppError> {
    let now = clock::now();
    let unemployed_since = m.status.is_unemployed().then(|| b.days_ago(30, 900));
    let employed_since = m.status.is_employed().then(|| b.days_ago(60, 3000));
    let cert = (m.status == EmploymentStatus::RegisteredUnemployed)
        .then(|| format!("4403052{:09}", b.rng.gen_range(0..1_000_000_000u64)));
    let needs = if m.status.is_unemployed() {
        let mut n = vec![Need::JobReferral];
        if b.rng.gen_bool(0.5) {
            n.push(Need::Training);
        }
        if b.rng.gen_bool(0.15) {
            n.push(Need::PublicWelfarePost);
        }
        Need::join(&n)
    } else {
        String::new()
    };
    let phone = format!("13{:09}", b.rng.gen_range(0..1_000_000_000u64));
    let number = b.id_number(m.birth, m.sex);
    let name = b.name();
    Ok(person::ActiveModel {
        id: NotSet,
        household_id: Set(household_id),
        community_code: Set(community.to_string()),
        id_number_index: Set(b.ring.blind_index(Field::IdNumber, &number)),
        id_number_sealed: Set(Some(b.ring.seal(Field::IdNumber, &number)?)),
        name_key: Set(person::name_key(&name)),
        name: Set(name),
        birth_date: Set(m.birth),
        sex: Set(if m.sex == Sex::Male { "male" } else { "female" }.into()),
        phone_sealed: Set(Some(b.ring.seal(Field::Phone, &phone)?)),
        education: Set(Some(
            [
                "junior_secondary",
                "senior_secondary",
                "college",
                "bachelor",
            ][b.rng.gen_range(0..4)]
            .into(),
        )),
        ability: Set(m.ability.as_str().into()),
        wants_work: Set(m.wants_work),
        status: Set(m.status.as_str().into()),
        unemployment_cert_no: Set(cert),
        unemployed_since: Set(unemployed_since),
        employed_since: Set(employed_since),
        graduated_on: Set(None),
        needs: Set(needs),
        land_lost_farmer: Set(false),
        disabled: Set(m.ability == LabourAbility::Partial),
        veteran_or_military_family: Set(false),
        single_parent: Set(false),
        dibao: Set(m.dibao),
        is_demo: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    })
}

/// The members of one household; `zero` builds one whose seekers are all unemployed.
pub(super) fn members(b: &mut Builder, zero: bool) -> Vec<Member> {
    let adults = b.rng.gen_range(1..=2);
    let mut out = Vec::new();
    for i in 0..adults {
        let sex = if i == 0 { Sex::Male } else { Sex::Female };
        let status = if zero {
            if b.rng.gen_bool(0.7) {
                EmploymentStatus::RegisteredUnemployed
            } else {
                EmploymentStatus::Unemployed
            }
        } else if i == 0 {
            // Outside the built zero-employment households someone works, as in most homes.
            match b.rng.gen_range(0..100) {
                0..=59 => EmploymentStatus::EmployedFormal,
                60..=84 => EmploymentStatus::EmployedFlexible,
                _ => EmploymentStatus::SelfEmployed,
            }
        } else {
            match b.rng.gen_range(0..100) {
                0..=49 => EmploymentStatus::EmployedFormal,
                50..=69 => EmploymentStatus::EmployedFlexible,
                70..=77 => EmploymentStatus::SelfEmployed,
                78..=89 => EmploymentStatus::RegisteredUnemployed,
                _ => EmploymentStatus::Unemployed,
            }
        };
        let max_age = if sex == Sex::Male { 58 } else { 48 };
        out.push(Member {
            birth: b.birth(24, max_age),
            sex,
            ability: if b.rng.gen_bool(0.05) {
                LabourAbility::Partial
            } else {
                LabourAbility::Full
            },
            wants_work: true,
            status,
            dibao: zero && b.rng.gen_bool(0.5),
        });
    }
    if b.rng.gen_bool(0.4) {
        out.push(Member {
            birth: b.birth(65, 85),
            sex: if b.rng.gen_bool(0.5) {
                Sex::Male
            } else {
                Sex::Female
            },
            ability: LabourAbility::None,
            wants_work: false,
            status: EmploymentStatus::NotInLabourForce,
            dibao: false,
        });
    }
    if b.rng.gen_bool(0.5) {
        out.push(Member {
            birth: b.birth(3, 15),
            sex: if b.rng.gen_bool(0.5) {
                Sex::Male
            } else {
                Sex::Female
            },
            ability: LabourAbility::None,
            wants_work: false,
            status: EmploymentStatus::NotInLabourForce,
            dibao: false,
        });
    }
    out
}

/// Seeds the demo ledger in the first communities of the demo street. Returns the number of
/// households written (0 when the street is missing or demo households exist already).
pub async fn seed(db: &DatabaseConnection) -> Result<u64, AppError> {
    let existing = household::Entity::find()
        .filter(household::Column::IsDemo.eq(true))
        .count(db)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let street = AreaCode::parse(DEMO_STREET).map_err(|_| AppError::Internal)?;
    let (lo, hi) = street.subtree_range();
    let communities = area::Entity::find()
        .filter(area::Column::Level.eq(5))
        .filter(area::Column::Code.between(lo, hi))
        .order_by_asc(area::Column::Code)
        .limit(COMMUNITIES)
        .all(db)
        .await?;
    if communities.is_empty() {
        return Ok(0);
    }
    let policy = AssistancePolicy::default();
    let mut b = Builder {
        rng: StdRng::seed_from_u64(20_261_126),
        numbers: HashSet::new(),
        ring: sealing::keyring()?,
        today: today(),
        county: DEMO_STREET[..6].to_string(),
    };
    let txn = db.begin_write().await?;
    let mut written = 0u64;
    for community in &communities {
        for n in 0..HOUSEHOLDS_PER_COMMUNITY {
            let zero = n < ZERO_PER_COMMUNITY;
            let people = members(&mut b, zero);
            let facts = HouseholdFacts {
                urban_hukou: zero || b.rng.gen_bool(0.85),
                business_income: !zero && b.rng.gen_bool(0.1),
                members: people.iter().map(Member::facts).collect(),
            };
            let is_zero = is_zero_employment(&facts, b.today, &policy);
            // Most households were visited in the last months; some are due for a re-check.
            let last_visit = (n % 7 != 3).then(|| b.days_ago(5, 150));
            let next_visit =
                last_visit.and_then(|d| d.checked_add_months(Months::new(policy.recheck_months)));
            let now = clock::now();
            let street_name = STREETS[b.rng.gen_range(0..STREETS.len())];
            let address = format!(
                "{}{}号{}栋{}",
                street_name,
                b.rng.gen_range(1..200),
                b.rng.gen_range(1..12),
                b.rng.gen_range(101..1808)
            );
            let h = household::ActiveModel {
                id: NotSet,
                community_code: Set(community.code.clone()),
                address: Set(address),
                hukou_code: Set(Some("440305000000".into())),
                urban_hukou: Set(facts.urban_hukou),
                business_income: Set(facts.business_income),
                note: Set(None),
                zero_employment: Set(is_zero),
                last_visit_on: Set(last_visit),
                next_visit_on: Set(next_visit),
                is_demo: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            let hid = household::Entity::insert(h)
                .exec(&txn)
                .await?
                .last_insert_id;
            let rows: Vec<person::ActiveModel> = people
                .iter()
                .map(|m| member_row(&mut b, m, hid, &community.code))
                .collect::<Result<_, _>>()?;
            person::Entity::insert_many(rows).exec(&txn).await?;
            if let Some(day) = last_visit {
                visit::Entity::insert(visit::ActiveModel {
                    id: NotSet,
                    household_id: Set(hid),
                    visited_on: Set(day),
                    account_id: Set(None),
                    worker_name: Set("ns_coordinator".into()),
                    note: Set("入户摸底：核实家庭成员就业状态（演示）".into()),
                    created_at: Set(now),
                })
                .exec(&txn)
                .await?;
            }
            // Open cases for today's zero-employment households (some past their deadline), one
            // earlier case per community cleared in time and stable, one cleared and due to become
            // stable.
            let case = if is_zero {
                let identified = b.days_ago(5, 50);
                Some((identified, None, None))
            } else if n == ZERO_PER_COMMUNITY {
                let identified = b.days_ago(200, 200);
                let cleared = identified.checked_add_days(Days::new(20));
                let stable = cleared.and_then(|c| {
                    c.checked_add_months(Months::new(policy.zero_household_stable_months))
                });
                Some((identified, cleared, stable))
            } else if n == ZERO_PER_COMMUNITY + 1 {
                // Cleared four months ago: the first sweep finds it stable (a month ago).
                let identified = b.days_ago(140, 140);
                let cleared = identified.checked_add_days(Days::new(15));
                Some((identified, cleared, None))
            } else {
                None
            };
            if let Some((identified, cleared, stable)) = case {
                zero_case::Entity::insert(zero_case::ActiveModel {
                    id: NotSet,
                    household_id: Set(hid),
                    community_code: Set(community.code.clone()),
                    identified_on: Set(identified),
                    assisted_on: Set(identified.checked_add_days(Days::new(3))),
                    cleared_on: Set(cleared),
                    stable_on: Set(stable),
                    policy_version: Set(policy.version.clone()),
                })
                .exec(&txn)
                .await?;
            }
            written += 1;
        }
    }
    audit::append(
        &txn,
        By::System("demo"),
        "seed",
        "household",
        "-",
        Some(format!("households={written}")),
    )
    .await?;
    txn.commit().await?;
    crate::backend::service::ledger::tally::recount(db).await?;
    Ok(written)
}
