//! Grassroots platforms and coordinators on SQLite and Postgres: the registry (versions,
//! history, scope), coverage statistics against a hand count of the fixture areas, the
//! coordinator registry (scope, masking, rules explained), ratings and their effects, the
//! rating workbook (every bad row reported, nothing written), and a promotion round from
//! candidates to effective grades.

#![cfg(feature = "ssr")]

use chrono::{Datelike, Days};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use app::backend::entity::{coordinator_rating, promotion_round};
use app::backend::service::coordinators::{self, ratings_import, records};
use app::backend::service::platforms::{self, coverage};
use app::backend::service::{promotions, today};
use app::backend::testing::{actor, dbs_with_areas as dbs, id_number};
use app::domain::area_code::AreaCode;
use app::domain::grading::{Grade, Rating};
use app::domain::indicators::Share;
use app::domain::role::Role;
use app::model::AppError;
use app::model::certification::ObjectionInput;
use app::model::coordinator::{
    CoordinatorInput, CoordinatorQuery, EntryInput, ExamInput, RatingInput, TrainingInput,
};
use app::model::platform::{PlatformInput, PlatformRecord};
use app::model::promotion::{
    CloseInput, Decision, DecisionInput, FindingInput, NominationInput, PublishInput, RoundInput,
    RoundStatus, ScoreInput,
};

fn code(s: &str) -> AreaCode {
    AreaCode::parse(s).expect("code")
}

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn share(part: u64, whole: u64) -> Share {
    Share { part, whole }
}

fn complete() -> PlatformRecord {
    PlatformRecord {
        institution: true,
        staff: true,
        funding: true,
        venue: true,
        rules: true,
        work: true,
        name: "劳动保障事务所".into(),
        venue_m2: Some(120),
        windows: 2,
        full_time_staff: 2,
        ..PlatformRecord::default()
    }
}

async fn save(db: &sea_orm::DatabaseConnection, at: &str, record: PlatformRecord) {
    let officer = actor(Role::ProvinceOfficer, Some("44"));
    platforms::save(
        db,
        &officer,
        &code(at),
        PlatformInput { record, version: 0 },
    )
    .await
    .expect("save platform");
}

#[tokio::test]
async fn the_registry_keeps_versions_history_and_scope() {
    for t in dbs().await {
        let db = &t.db;
        let street = actor(Role::StreetOfficer, Some("440305001"));
        let at = code("440305001001");
        let first = platforms::save(
            db,
            &street,
            &at,
            PlatformInput {
                record: PlatformRecord {
                    venue_m2: Some(45),
                    windows: 1,
                    part_time_staff: 1,
                    ..complete()
                },
                version: 0,
            },
        )
        .await
        .expect("register");
        assert!(first.registered);
        assert_eq!(first.version, 1);
        // 45 m² is short of the community standard of 50; one window meets it.
        assert_eq!(first.checks.venue_met, Some(false));
        assert_eq!(first.checks.windows_met, Some(true));
        assert!(first.checks.six_in_place && first.can_edit);
        let mut second = first.record.clone();
        second.venue_m2 = Some(60);
        let saved = platforms::save(
            db,
            &street,
            &at,
            PlatformInput {
                record: second.clone(),
                version: 1,
            },
        )
        .await
        .expect("update");
        assert_eq!(saved.checks.venue_met, Some(true));
        // An editor who saw version 1 after it changed is refused.
        let stale = platforms::save(
            db,
            &street,
            &at,
            PlatformInput {
                record: second.clone(),
                version: 1,
            },
        )
        .await;
        assert!(matches!(stale, Err(AppError::Conflict(_))), "{stale:?}");
        let history = platforms::history(db, &street, &at).await.expect("history");
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].changes, vec!["venue_m2".to_string()]);
        // Another street's officer, a coordinator, a county code, a bad number.
        let other = actor(Role::StreetOfficer, Some("440305002"));
        assert_eq!(
            platforms::get(db, &other, &at).await.err(),
            Some(AppError::OutOfScope)
        );
        let coordinator = actor(Role::Coordinator, Some("440305001001"));
        let refused = platforms::save(
            db,
            &coordinator,
            &at,
            PlatformInput {
                record: second.clone(),
                version: 2,
            },
        )
        .await;
        assert_eq!(refused.err(), Some(AppError::Forbidden));
        assert!(
            platforms::get(db, &coordinator, &at)
                .await
                .is_ok_and(|p| !p.can_edit)
        );
        let county = platforms::get(
            db,
            &actor(Role::CountyOfficer, Some("440305")),
            &code("440305"),
        )
        .await;
        assert!(matches!(county, Err(AppError::Invalid(f)) if f.contains_key("area_code")));
        let too_big = platforms::save(
            db,
            &street,
            &at,
            PlatformInput {
                record: PlatformRecord {
                    windows: 500,
                    ..second
                },
                version: 2,
            },
        )
        .await;
        assert!(matches!(too_big, Err(AppError::Invalid(f)) if f.contains_key("windows")));
        t.cleanup().await;
    }
}

/// The fixture holds in Guangdong 10 streets, 2 townships (石碣镇, 城北乡), 140 communities
/// and 6 villages, plus 4 units of other kinds (前海合作区 and 生活区) that count nowhere.
#[tokio::test]
async fn coverage_matches_a_hand_count_of_the_fixture() {
    for t in dbs().await {
        let db = &t.db;
        save(db, "440305001000", complete()).await;
        save(
            db,
            "440305002000",
            PlatformRecord {
                institution: true,
                ..PlatformRecord::default()
            },
        )
        .await;
        save(
            db,
            "441900003000",
            PlatformRecord {
                institution: true,
                ..PlatformRecord::default()
            },
        )
        .await;
        // A record without an institution counts as none.
        save(db, "440305003000", PlatformRecord::default()).await;
        save(db, "441900101000", complete()).await;
        save(db, "440305001001", complete()).await;
        save(
            db,
            "440305001003",
            PlatformRecord {
                part_time_staff: 1,
                ..PlatformRecord::default()
            },
        )
        .await;
        save(
            db,
            "441900101200",
            PlatformRecord {
                full_time_staff: 1,
                ..PlatformRecord::default()
            },
        )
        .await;
        // Staff at a 生活区 (other kind) changes no figure.
        save(db, "441900003500", complete()).await;

        let province = actor(Role::ProvinceOfficer, Some("44"));
        let r = coverage::report(db, &province, Some(&code("44")))
            .await
            .expect("coverage");
        assert_eq!(r.total.streets, share(3, 10));
        assert_eq!(r.total.townships, share(1, 2));
        assert_eq!(r.total.communities, share(2, 140));
        assert_eq!(r.total.villages, share(1, 6));
        assert_eq!(r.total.six_in_place, share(3, 158));
        // One row per city; the rows add up to the total.
        let names: Vec<&str> = r.rows.iter().map(|row| row.area.code.as_str()).collect();
        assert_eq!(names, ["440300000000", "440800000000", "441900000000"]);
        let mut sum = app::domain::platform::Coverage::default();
        for row in &r.rows {
            sum.merge(&row.coverage);
        }
        assert_eq!(sum, r.total);
        let zhanjiang = &r.rows[1].coverage;
        assert_eq!(zhanjiang.townships, share(0, 1));
        assert_eq!(zhanjiang.villages, share(0, 2));
        // At a street: the street's own office and each community, one unit a row.
        let street = coverage::report(db, &province, Some(&code("440305001")))
            .await
            .expect("street");
        assert_eq!(street.rows.len(), 13);
        assert_eq!(street.total.streets, share(1, 1));
        assert_eq!(street.total.communities, share(2, 12));
        // 东莞 has no counties: its rows are its streets and towns, one each.
        let dongguan = coverage::report(db, &province, Some(&code("4419")))
            .await
            .expect("dongguan");
        let rows: Vec<&str> = dongguan.rows.iter().map(|r| r.area.code.as_str()).collect();
        assert_eq!(rows, ["441900003000", "441900101000"]);
        assert_eq!(dongguan.rows[0].coverage.communities, share(0, 24));
        assert_eq!(dongguan.rows[0].coverage.streets, share(1, 1));
        assert_eq!(dongguan.rows[1].coverage.villages, share(1, 4));
        assert_eq!(dongguan.rows[1].coverage.townships, share(1, 1));
        let listed = platforms::list(db, &province, &code("4419"))
            .await
            .expect("list");
        assert_eq!(listed.rows.len(), 2);
        // Scope: a city officer cannot read the province; only national roles the country.
        let city = actor(Role::CityOfficer, Some("4403"));
        assert_eq!(
            coverage::report(db, &city, Some(&code("44"))).await.err(),
            Some(AppError::OutOfScope)
        );
        assert_eq!(
            coverage::report(db, &province, None).await.err(),
            Some(AppError::OutOfScope)
        );
        let national = coverage::report(db, &actor(Role::Ministry, None), None)
            .await
            .expect("country");
        assert_eq!(national.total.streets.part, 3);
        assert!(
            national
                .rows
                .iter()
                .any(|row| row.area.code == "110000000000")
        );
        // The workbook opens as a zip (xlsx) and is audited.
        let bytes = coverage::export(db, &province, Some(&code("44")))
            .await
            .expect("export");
        assert_eq!(&bytes[..2], b"PK");
        t.cleanup().await;
    }
}

fn new_coordinator(area: &str, name: &str, birth: &str, seq: &str) -> CoordinatorInput {
    CoordinatorInput {
        name: Some(name.into()),
        id_number: Some(id_number(&area[..6], birth, seq)),
        phone: Some("13800138000".into()),
        area_code: Some(area.into()),
        employment: Some("full_time".into()),
        hired_on: Some("2019-03-01".into()),
        education: Some("college".into()),
        ..CoordinatorInput::default()
    }
}

fn graded(mut c: CoordinatorInput, grade: &str, months: u32) -> CoordinatorInput {
    let since = today()
        .checked_sub_months(chrono::Months::new(months))
        .expect("date");
    c.grade = Some(grade.into());
    c.grade_since = Some(day(since));
    c
}

async fn train(db: &sea_orm::DatabaseConnection, id: i64, hours: u32, months_ago: u32) {
    let hr = actor(Role::HrManager, Some("4403"));
    let on = today()
        .checked_sub_months(chrono::Months::new(months_ago))
        .expect("date");
    records::add_training(
        db,
        &hr,
        id,
        &TrainingInput {
            course: Some("就业政策".into()),
            hours: Some(hours),
            finished_on: Some(day(on)),
            pre_service: months_ago > 30,
        },
    )
    .await
    .expect("training");
}

async fn rate(db: &sea_orm::DatabaseConnection, id: i64, year: i32, rating: Rating) {
    let hr = actor(Role::HrManager, Some("4403"));
    records::rate(db, &hr, id, &RatingInput { year, rating })
        .await
        .expect("rating");
}

#[tokio::test]
async fn coordinators_are_scoped_masked_and_their_rules_explained() {
    for t in dbs().await {
        let db = &t.db;
        let hr = actor(Role::HrManager, Some("4403"));
        let created = coordinators::create(
            db,
            &hr,
            &new_coordinator("440305001001", "李协理", "19900101", "002"),
        )
        .await
        .expect("create");
        assert_eq!(created.grade, None);
        assert!(created.can_edit);
        // Entry rules: no exam, no pre-service training yet → 422 naming both.
        let entry = records::enter_second(
            db,
            &hr,
            created.id,
            &EntryInput {
                from_date: day(today()),
            },
        )
        .await;
        match entry {
            Err(AppError::Invalid(f)) => {
                assert!(f.contains_key("rule.exam") && f.contains_key("rule.pre_service"));
                assert!(!f.contains_key("rule.education"));
            }
            other => panic!("expected unmet rules, got {other:?}"),
        }
        // Not before the hiring date (2019-03-01).
        let early = records::enter_second(
            db,
            &hr,
            created.id,
            &EntryInput {
                from_date: "2019-01-01".into(),
            },
        )
        .await;
        assert!(matches!(early, Err(AppError::Invalid(f)) if f.contains_key("from_date")));
        records::add_exam(
            db,
            &hr,
            created.id,
            &ExamInput {
                sat_on: Some(day(today())),
                theory: Some(61),
                practical: Some(60),
            },
        )
        .await
        .expect("exam");
        train(db, created.id, 24, 31).await;
        let entered = records::enter_second(
            db,
            &hr,
            created.id,
            &EntryInput {
                from_date: day(today()),
            },
        )
        .await
        .expect("enter");
        assert_eq!(entered.grade, Some(Grade::Second));
        assert!(entered.entry_checks.iter().all(|c| c.met));
        let exam = entered
            .entry_checks
            .iter()
            .find(|c| c.rule == "exam")
            .expect("exam rule");
        assert!(exam.evidence[0].ends_with("61/60"), "{:?}", exam.evidence);

        // Dongguan is another city: Shenzhen's HR manager cannot register, read or list there.
        let gd_hr = actor(Role::HrManager, Some("44"));
        let dongguan = coordinators::create(
            db,
            &gd_hr,
            &new_coordinator("441900003001", "莞协理", "19880808", "004"),
        )
        .await
        .expect("create in Dongguan");
        assert_eq!(
            coordinators::create(
                db,
                &hr,
                &new_coordinator("441900003002", "越界", "19870707", "006")
            )
            .await
            .err(),
            Some(AppError::OutOfScope)
        );
        assert_eq!(
            coordinators::get(db, &hr, dongguan.id).await.err(),
            Some(AppError::OutOfScope)
        );
        let listed = coordinators::list(db, &hr, &CoordinatorQuery::default())
            .await
            .expect("list");
        assert_eq!(listed.total, 1);
        assert_eq!(listed.items[0].name, "李协理");
        assert!(listed.items[0].id_number.contains('*'));
        assert_eq!(
            coordinators::list(
                db,
                &hr,
                &CoordinatorQuery {
                    area: Some("441900".into()),
                    ..CoordinatorQuery::default()
                }
            )
            .await
            .err(),
            Some(AppError::OutOfScope)
        );
        assert_eq!(
            coordinators::list(db, &gd_hr, &CoordinatorQuery::default())
                .await
                .expect("province list")
                .total,
            2
        );
        // The street officer reads, masked; the HR manager reads in full; a coordinator of
        // another community is refused.
        let street = actor(Role::StreetOfficer, Some("440305001"));
        let seen = coordinators::get(db, &street, created.id)
            .await
            .expect("street reads");
        assert!(seen.id_number.contains('*') && !seen.can_edit);
        let full = coordinators::get(db, &hr, created.id)
            .await
            .expect("hr reads");
        assert!(!full.id_number.contains('*'));
        assert_eq!(
            coordinators::get(
                db,
                &actor(Role::Coordinator, Some("440305001003")),
                created.id
            )
            .await
            .err(),
            Some(AppError::Forbidden)
        );
        // A login that is no coordinator account of the area cannot be linked.
        let mut linked = new_coordinator("440305001005", "链接", "19920202", "008");
        linked.account_username = Some("nobody".into());
        let refused = coordinators::create(db, &hr, &linked).await;
        assert!(matches!(refused, Err(AppError::Invalid(f)) if f.contains_key("account_username")));
        // The same ID number twice is refused; a stale edit conflicts.
        let twice = coordinators::create(
            db,
            &hr,
            &new_coordinator("440305001003", "重复", "19900101", "002"),
        )
        .await;
        assert!(matches!(twice, Err(AppError::Invalid(f)) if f.contains_key("id_number")));
        let mut edit = new_coordinator("440305001001", "李协理", "19900101", "002");
        edit.version = Some(full.version + 5);
        assert!(matches!(
            coordinators::update(db, &hr, created.id, &edit).await,
            Err(AppError::Conflict(_))
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn an_unqualified_rating_demotes_a_first_grade_and_flags_a_second() {
    for t in dbs().await {
        let db = &t.db;
        let hr = actor(Role::HrManager, Some("4403"));
        let year = today().year() - 1;
        let senior = coordinators::create(
            db,
            &hr,
            &graded(
                new_coordinator("440305001003", "黄一级", "19800105", "011"),
                "first",
                60,
            ),
        )
        .await
        .expect("senior");
        let junior = coordinators::create(
            db,
            &hr,
            &graded(
                new_coordinator("440305001004", "张二级", "19950918", "013"),
                "second",
                30,
            ),
        )
        .await
        .expect("junior");
        assert_eq!(senior.grade, Some(Grade::First));
        rate(db, senior.id, year, Rating::Unqualified).await;
        rate(db, junior.id, year, Rating::Unqualified).await;
        let s = coordinators::get(db, &hr, senior.id).await.expect("senior");
        assert_eq!(s.grade, Some(Grade::Second));
        assert_eq!(s.grade_since, Some(day(today())));
        assert!(s.grades.last().is_some_and(|g| g.reason.contains("不合格")));
        // The pay coefficient follows: 二级 with 不合格 (500‰ by default).
        assert_eq!(s.pay_coefficient, Some(500));
        let j = coordinators::get(db, &hr, junior.id).await.expect("junior");
        assert!(j.non_renewal);
        assert_eq!(j.grade, Some(Grade::Second));
        // A year is rated once.
        let again = records::rate(
            db,
            &hr,
            junior.id,
            &RatingInput {
                year,
                rating: Rating::Excellent,
            },
        )
        .await;
        assert!(matches!(again, Err(AppError::Conflict(_))));
        let future = records::rate(
            db,
            &hr,
            junior.id,
            &RatingInput {
                year: today().year() + 1,
                rating: Rating::Excellent,
            },
        )
        .await;
        assert!(matches!(future, Err(AppError::Invalid(f)) if f.contains_key("year")));
        t.cleanup().await;
    }
}

/// A workbook of ratings in memory.
fn workbook(rows: &[[&str; 4]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["身份证号", "姓名", "年度", "考核结果"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if c == 2 {
                let year: f64 = v.parse().unwrap_or(0.0);
                sheet
                    .write_number(r as u32 + 1, c as u16, year)
                    .expect("cell");
            } else {
                sheet
                    .write_string(r as u32 + 1, c as u16, *v)
                    .expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

#[tokio::test]
async fn a_rating_workbook_writes_nothing_until_every_row_is_good() {
    for t in dbs().await {
        let db = &t.db;
        let hr = actor(Role::HrManager, Some("4403"));
        let gd_hr = actor(Role::HrManager, Some("44"));
        let a = new_coordinator("440305001001", "甲协理", "19900101", "002");
        let b = graded(
            new_coordinator("440305001003", "乙协理", "19800105", "011"),
            "first",
            60,
        );
        let far = new_coordinator("441900003001", "莞协理", "19880808", "004");
        let (a_id, b_id) = (
            a.id_number.clone().expect("id"),
            b.id_number.clone().expect("id"),
        );
        let far_id = far.id_number.clone().expect("id");
        coordinators::create(db, &hr, &a).await.expect("a");
        let b_view = coordinators::create(db, &hr, &b).await.expect("b");
        coordinators::create(db, &gd_hr, &far).await.expect("far");
        let year = (today().year() - 1).to_string();
        let unknown = id_number("440305", "19700101", "999");
        let bad = workbook(&[
            [&a_id, "甲协理", &year, "优秀"],
            [&b_id, "错名字", &year, "合格"],
            [&far_id, "莞协理", &year, "合格"],
            [&unknown, "无此人", &year, "合格"],
            [&a_id, "甲协理", &year, "良好"],
        ]);
        match ratings_import::import(db, &hr, &bad).await {
            Err(AppError::Invalid(f)) => {
                assert_eq!(
                    f.get("row.3.name").map(String::as_str),
                    Some("rating_sheet.name_mismatch")
                );
                // Another city's coordinator reads as unknown: nothing leaks.
                assert_eq!(
                    f.get("row.4.id_number").map(String::as_str),
                    Some("rating_sheet.unknown_coordinator")
                );
                assert_eq!(
                    f.get("row.5.id_number").map(String::as_str),
                    Some("rating_sheet.unknown_coordinator")
                );
                assert_eq!(
                    f.get("row.6.rating").map(String::as_str),
                    Some("rating.unknown")
                );
                assert!(!f.keys().any(|k| k.starts_with("row.2.")));
            }
            other => panic!("expected every bad row, got {other:?}"),
        }
        assert_eq!(
            coordinator_rating::Entity::find()
                .count(db)
                .await
                .expect("count"),
            0
        );
        let good = workbook(&[
            [&a_id, "甲协理", &year, "优秀"],
            [&b_id, "乙协理", &year, "不合格"],
        ]);
        let summary = ratings_import::import(db, &hr, &good).await.expect("clean");
        assert_eq!(summary.ratings, 2);
        assert_eq!(summary.demoted, vec!["乙协理".to_string()]);
        assert_eq!(
            coordinators::get(db, &hr, b_view.id)
                .await
                .expect("b")
                .grade,
            Some(Grade::Second)
        );
        // The same file again: every row is now a year already rated.
        match ratings_import::import(db, &hr, &good).await {
            Err(AppError::Invalid(f)) => assert_eq!(f.len(), 2),
            other => panic!("expected refusals, got {other:?}"),
        }
        assert_eq!(
            ratings_import::import(db, &hr, b"not a workbook")
                .await
                .err(),
            Some(AppError::field("file", "rating_sheet.unreadable"))
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_promotion_round_runs_from_candidates_to_effective_grades() {
    for t in dbs().await {
        let db = &t.db;
        let hr = actor(Role::HrManager, Some("4403"));
        let this = today().year();
        // Ready: 30 months at 二级, 44 hours in two years, 合格 and 优秀.
        let ready = coordinators::create(
            db,
            &hr,
            &graded(
                new_coordinator("440305001001", "陈晓梅", "19880312", "021"),
                "second",
                30,
            ),
        )
        .await
        .expect("ready");
        train(db, ready.id, 24, 14).await;
        train(db, ready.id, 20, 3).await;
        rate(db, ready.id, this - 2, Rating::Qualified).await;
        rate(db, ready.id, this - 1, Rating::Excellent).await;
        // Short: 24 hours only.
        let short = coordinators::create(
            db,
            &hr,
            &graded(
                new_coordinator("440305001003", "林志强", "19850721", "023"),
                "second",
                50,
            ),
        )
        .await
        .expect("short");
        train(db, short.id, 24, 8).await;
        rate(db, short.id, this - 2, Rating::Excellent).await;
        rate(db, short.id, this - 1, Rating::Excellent).await;
        // In Dongguan, meeting every rule: outside the Shenzhen round.
        let gd_hr = actor(Role::HrManager, Some("44"));
        let far = coordinators::create(
            db,
            &gd_hr,
            &graded(
                new_coordinator("441900003001", "周广", "19860101", "025"),
                "second",
                40,
            ),
        )
        .await
        .expect("far");

        let round = promotions::open(
            db,
            &hr,
            &RoundInput {
                area_code: Some("440305".into()),
                title: Some("南山区协理员晋升".into()),
            },
        )
        .await
        .expect("open");
        assert_eq!(round.candidates.len(), 1, "only the ready one is found");
        assert_eq!(round.candidates[0].coordinator_id, ready.id);
        let nominated = promotions::nominate(
            db,
            &hr,
            round.id,
            &NominationInput {
                coordinator_id: short.id,
                reason: Some("工作突出".into()),
            },
        )
        .await
        .expect("nominate");
        assert_eq!(nominated.candidates.len(), 2);
        let outside = promotions::nominate(
            db,
            &hr,
            round.id,
            &NominationInput {
                coordinator_id: far.id,
                reason: Some("跨市".into()),
            },
        )
        .await;
        assert!(outside.is_err());
        let ready_c = nominated
            .candidates
            .iter()
            .find(|c| c.coordinator_id == ready.id)
            .expect("c");
        let short_c = nominated
            .candidates
            .iter()
            .find(|c| c.coordinator_id == short.id)
            .expect("c");
        // Approving before a score: the assessment rule is unmet.
        let early = promotions::decide(
            db,
            &hr,
            round.id,
            ready_c.id,
            &DecisionInput {
                approve: true,
                reason: None,
                version: ready_c.version,
            },
        )
        .await;
        assert!(matches!(early, Err(AppError::Invalid(f)) if f.contains_key("rule.assessment")));
        let scored = promotions::score(
            db,
            &hr,
            round.id,
            ready_c.id,
            &ScoreInput {
                assessment: Some(82),
                version: ready_c.version,
            },
        )
        .await
        .expect("score");
        let ready_c = scored
            .candidates
            .iter()
            .find(|c| c.id == ready_c.id)
            .expect("c")
            .clone();
        promotions::score(
            db,
            &hr,
            round.id,
            short_c.id,
            &ScoreInput {
                assessment: Some(90),
                version: short_c.version,
            },
        )
        .await
        .expect("score");
        // The short one cannot be approved: the training rule is shown unmet.
        let refused = promotions::decide(
            db,
            &hr,
            round.id,
            short_c.id,
            &DecisionInput {
                approve: true,
                reason: None,
                version: short_c.version + 1,
            },
        )
        .await;
        match refused {
            Err(AppError::Invalid(f)) => {
                assert_eq!(f.keys().collect::<Vec<_>>(), ["rule.training"])
            }
            other => panic!("expected the training rule, got {other:?}"),
        }
        let no_reason = promotions::decide(
            db,
            &hr,
            round.id,
            short_c.id,
            &DecisionInput {
                approve: false,
                reason: None,
                version: short_c.version + 1,
            },
        )
        .await;
        assert!(matches!(no_reason, Err(AppError::Invalid(f)) if f.contains_key("reason")));
        promotions::decide(
            db,
            &hr,
            round.id,
            short_c.id,
            &DecisionInput {
                approve: false,
                reason: Some("近两年培训学时不足".into()),
                version: short_c.version + 1,
            },
        )
        .await
        .expect("reject");
        let decided = promotions::decide(
            db,
            &hr,
            round.id,
            ready_c.id,
            &DecisionInput {
                approve: true,
                reason: Some("考核优良".into()),
                version: ready_c.version,
            },
        )
        .await
        .expect("approve");
        assert!(
            decided
                .candidates
                .iter()
                .all(|c| c.decision != Decision::Pending)
        );
        // Another city's HR manager cannot see or run it.
        let dg_hr = actor(Role::HrManager, Some("4419"));
        assert_eq!(
            promotions::get(db, &dg_hr, round.id).await.err(),
            Some(AppError::OutOfScope)
        );

        let published = promotions::publish(
            db,
            &hr,
            round.id,
            &PublishInput {
                notice_days: None,
                version: decided.version,
            },
        )
        .await
        .expect("publish");
        assert_eq!(published.status, RoundStatus::Notice);
        let notices = promotions::notices::notices(db).await.expect("notices");
        assert_eq!(notices.len(), 1);
        assert_eq!(
            notices[0].candidates.len(),
            1,
            "only those approved are published"
        );
        let receipt = promotions::notices::file(
            db,
            Some("203.0.113.9"),
            round.id,
            ready_c.id,
            &ObjectionInput {
                name: None,
                contact: Some("13900139000".into()),
                text: Some("请核实其培训记录是否属实。".into()),
            },
        )
        .await
        .expect("objection");
        // Closing waits for the notice period and the objection.
        let close = CloseInput {
            effective_on: Some(day(today())),
            version: published.version,
        };
        assert!(matches!(
            promotions::close(db, &hr, round.id, &close).await,
            Err(AppError::Conflict(_))
        ));
        promotions::notices::investigate(
            db,
            &hr,
            round.id,
            receipt.id,
            &FindingInput {
                substantiated: false,
                finding: Some("经核实培训记录属实".into()),
            },
        )
        .await
        .expect("finding");
        // The notice period passes.
        let past = today().checked_sub_days(Days::new(1)).expect("date");
        promotion_round::Entity::update_many()
            .set(promotion_round::ActiveModel {
                notice_until: Set(Some(past)),
                ..Default::default()
            })
            .filter(promotion_round::Column::Id.eq(round.id))
            .exec(db)
            .await
            .expect("move the notice");
        let past_date = CloseInput {
            effective_on: Some(day(past)),
            version: published.version,
        };
        assert!(matches!(
            promotions::close(db, &hr, round.id, &past_date).await,
            Err(AppError::Invalid(_))
        ));
        let closed = promotions::close(db, &hr, round.id, &close)
            .await
            .expect("close");
        assert_eq!(closed.status, RoundStatus::Closed);
        let promoted = coordinators::get(db, &hr, ready.id)
            .await
            .expect("promoted");
        assert_eq!(promoted.grade, Some(Grade::First));
        // 一级 with the latest rating 优秀: 1400‰ by default.
        assert_eq!(promoted.pay_coefficient, Some(1400));
        assert_eq!(
            promoted.grades.last().and_then(|g| g.round_id),
            Some(round.id)
        );
        let not = coordinators::get(db, &hr, short.id).await.expect("short");
        assert_eq!(not.grade, Some(Grade::Second));
        let pdf = promotions::letters::letters(db, &hr, round.id).await;
        match pdf {
            Ok(bytes) => assert_eq!(&bytes[..5], b"%PDF-"),
            // Without a CJK font on the machine the letters are unavailable, said as such.
            Err(e) => assert_eq!(e, AppError::Unavailable("pdf_font".into())),
        }
        let xlsx = promotions::letters::list_xlsx(db, &hr, round.id)
            .await
            .expect("xlsx");
        assert_eq!(&xlsx[..2], b"PK");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_promotion_takes_effect_on_its_date_not_before() {
    for t in dbs().await {
        let db = &t.db;
        let hr = actor(Role::HrManager, Some("4403"));
        let this = today().year();
        let ready = coordinators::create(
            db,
            &hr,
            &graded(
                new_coordinator("440305001001", "王磊", "19870630", "027"),
                "second",
                36,
            ),
        )
        .await
        .expect("ready");
        train(db, ready.id, 48, 10).await;
        rate(db, ready.id, this - 2, Rating::Excellent).await;
        rate(db, ready.id, this - 1, Rating::Excellent).await;
        let round = promotions::open(
            db,
            &hr,
            &RoundInput {
                area_code: Some("440305001".into()),
                title: Some("南头街道晋升".into()),
            },
        )
        .await
        .expect("open");
        let c = &round.candidates[0];
        let r = promotions::score(
            db,
            &hr,
            round.id,
            c.id,
            &ScoreInput {
                assessment: Some(75),
                version: c.version,
            },
        )
        .await
        .expect("score");
        let c = &r.candidates[0];
        let r = promotions::decide(
            db,
            &hr,
            round.id,
            c.id,
            &DecisionInput {
                approve: true,
                reason: None,
                version: c.version,
            },
        )
        .await
        .expect("approve");
        let r = promotions::publish(
            db,
            &hr,
            round.id,
            &PublishInput {
                notice_days: Some(5),
                version: r.version,
            },
        )
        .await
        .expect("publish");
        promotion_round::Entity::update_many()
            .set(promotion_round::ActiveModel {
                notice_until: Set(Some(today() - Days::new(1))),
                ..Default::default()
            })
            .filter(promotion_round::Column::Id.eq(round.id))
            .exec(db)
            .await
            .expect("move the notice");
        let next_month = today() + Days::new(30);
        promotions::close(
            db,
            &hr,
            round.id,
            &CloseInput {
                effective_on: Some(day(next_month)),
                version: r.version,
            },
        )
        .await
        .expect("close");
        let v = coordinators::get(db, &hr, ready.id).await.expect("view");
        assert_eq!(
            v.grade,
            Some(Grade::Second),
            "still 二级 until the effective date"
        );
        assert_eq!(
            v.next_grade.map(|g| (g.grade, g.from_date)),
            Some((Grade::First, day(next_month)))
        );
        // Rated 不合格 before the date: the promotion does not take effect.
        rate(db, ready.id, this, Rating::Unqualified).await;
        let v = coordinators::get(db, &hr, ready.id).await.expect("view");
        assert_eq!(v.next_grade, None);
        assert!(v.non_renewal);
        t.cleanup().await;
    }
}
