//! Scorecards against a hand count: a small ledger written row by row with the days each
//! measure turns on, in two communities of 南头街道 and one community of another district,
//! counted for 2026-08 (ended) and 2026-Q3 (under way on the suite's day, 2026-09-24).

use app::backend::clock::date_of;
use app::backend::entity::{
    assistance_card, assistance_target, coordinator, household, person, plan_item, service_record,
    visit, zero_case,
};
use app::backend::service::performance::figure;
use app::backend::service::performance::{scorecard, system};
use app::backend::testing::{actor, at, dbs_with_areas};
use app::domain::assistance::ExitReason;
use app::domain::grading::Rating;
use app::domain::performance::Measure;
use app::domain::role::Role;
use app::model::AppError;
use app::model::performance::{ExitCount, FigureQuery, ScoreLine, Scorecard, ScorecardQuery};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, DatabaseConnection, NotSet, Set};

/// 南头城社区 and 大新社区 of 南头街道 (南山区); 南园社区 lies in 福田区.
pub(crate) const NANTOUCHENG: &str = "440305001001";
pub(crate) const DAXIN: &str = "440305001003";
const NANYUAN: &str = "440304001020";
pub(crate) const NANTOU: &str = "440305001000";

pub(crate) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

async fn household(db: &DatabaseConnection, community: &str, recorded: &str) -> i64 {
    household::ActiveModel {
        id: NotSet,
        community_code: Set(community.into()),
        address: Set("测试路 1 号".into()),
        hukou_code: Set(None),
        urban_hukou: Set(true),
        business_income: Set(false),
        note: Set(None),
        zero_employment: Set(false),
        last_visit_on: Set(None),
        next_visit_on: Set(None),
        is_demo: Set(false),
        created_at: Set(at(recorded)),
        updated_at: Set(at(recorded)),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("household")
    .id
}

async fn visit(db: &DatabaseConnection, household: i64, on: &str) {
    visit::ActiveModel {
        id: NotSet,
        household_id: Set(household),
        visited_on: Set(d(on)),
        account_id: Set(None),
        worker_name: Set("测试".into()),
        note: Set(String::new()),
        created_at: Set(at("2026-09-01T10:00:00+08:00")),
    }
    .insert(db)
    .await
    .expect("visit");
}

/// What a file turns on: its days and, for work found, the ledger's day of work.
#[derive(Default)]
struct File {
    applied: &'static str,
    confirmed: Option<&'static str>,
    exited: Option<(&'static str, ExitReason)>,
    employed_since: Option<&'static str>,
}

async fn file(db: &DatabaseConnection, home: i64, community: &str, n: u32, f: File) -> i64 {
    let employed = f.employed_since.is_some();
    let p = person::ActiveModel {
        id: NotSet,
        household_id: Set(home),
        community_code: Set(community.into()),
        id_number_index: Set(format!("test-index-{community}-{n}")),
        id_number_sealed: Set(None),
        name: Set(format!("对象{n}")),
        name_key: Set(format!("对象{n}")),
        birth_date: Set(d("1980-01-01")),
        sex: Set("male".into()),
        phone_sealed: Set(None),
        education: Set(None),
        ability: Set("full".into()),
        wants_work: Set(true),
        status: Set(if employed {
            "employed_formal"
        } else {
            "registered_unemployed"
        }
        .into()),
        unemployment_cert_no: Set(None),
        unemployed_since: Set(None),
        employed_since: Set(f.employed_since.map(d)),
        graduated_on: Set(None),
        needs: Set(String::new()),
        land_lost_farmer: Set(false),
        disabled: Set(false),
        veteran_or_military_family: Set(false),
        single_parent: Set(false),
        dibao: Set(false),
        is_demo: Set(false),
        created_at: Set(at("2026-01-05T10:00:00+08:00")),
        updated_at: Set(at("2026-01-05T10:00:00+08:00")),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("person");
    let status = match (f.confirmed, f.exited) {
        (_, Some(_)) => "exited",
        (Some(_), None) => "confirmed",
        (None, None) => "in_review",
    };
    assistance_target::ActiveModel {
        id: NotSet,
        person_id: Set(p.id),
        community_code: Set(community.into()),
        categories: Set("long_term_unemployed".into()),
        policy_version: Set("default-2026".into()),
        status: Set(status.into()),
        step: Set((status == "in_review").then(|| "county".into())),
        step_since: Set(None),
        step_due: Set(None),
        step_due_basis: Set(None),
        unsupported_categories: Set(String::new()),
        category_reason: Set(None),
        notice_until: Set(None),
        applied_on: Set(d(f.applied)),
        confirmed_on: Set(f.confirmed.map(d)),
        exit_reason: Set(f.exited.map(|(_, r)| r.as_str().into())),
        exited_on: Set(f.exited.map(|(on, _)| d(on))),
        is_demo: Set(false),
        created_at: Set(at("2026-01-05T10:00:00+08:00")),
        updated_at: Set(at("2026-01-05T10:00:00+08:00")),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("target")
    .id
}

async fn card(db: &DatabaseConnection, target: i64, community: &str, issued: &str) {
    let person_id = <assistance_target::Entity as sea_orm::EntityTrait>::find_by_id(target)
        .one(db)
        .await
        .expect("read")
        .expect("target")
        .person_id;
    assistance_card::ActiveModel {
        id: NotSet,
        number: Set(format!("T{target:08}")),
        target_id: Set(target),
        person_id: Set(person_id),
        community_code: Set(community.into()),
        holder_name: Set("对象".into()),
        categories: Set("long_term_unemployed".into()),
        office_name: Set("南头街道".into()),
        coordinator_name: Set("协理员".into()),
        issued_on: Set(d(issued)),
        status: Set("valid".into()),
        status_on: Set(d(issued)),
        version: Set(1),
        coordinator_contact: Set(None),
    }
    .insert(db)
    .await
    .expect("card");
}

async fn referral_accepted(db: &DatabaseConnection, target: i64, on: &str) {
    service_record::ActiveModel {
        id: NotSet,
        target_id: Set(target),
        plan_item_id: Set(None),
        service: Set("job_referral".into()),
        served_on: Set(d(on)),
        worker_name: Set("测试".into()),
        outcome: Set("accepted".into()),
        employer: Set(Some("某公司".into())),
        note: Set(None),
        created_at: Set(at("2026-09-01T10:00:00+08:00")),
    }
    .insert(db)
    .await
    .expect("service record");
}

async fn plan(
    db: &DatabaseConnection,
    target: i64,
    community: &str,
    due: &str,
    done: Option<&str>,
) {
    plan_item::ActiveModel {
        id: NotSet,
        target_id: Set(target),
        community_code: Set(community.into()),
        service: Set("vocational_guidance".into()),
        planned_on: Set(d("2026-07-01")),
        due_on: Set(d(due)),
        done_on: Set(done.map(d)),
        due_basis: Set(None),
        created_by: Set("测试".into()),
    }
    .insert(db)
    .await
    .expect("plan item");
}

async fn zero(
    db: &DatabaseConnection,
    home: i64,
    community: &str,
    found: &str,
    cleared: Option<&str>,
) {
    zero_case::ActiveModel {
        id: NotSet,
        household_id: Set(home),
        community_code: Set(community.into()),
        identified_on: Set(d(found)),
        assisted_on: Set(None),
        cleared_on: Set(cleared.map(d)),
        stable_on: Set(None),
        policy_version: Set("default-2026".into()),
    }
    .insert(db)
    .await
    .expect("zero case");
}

/// The ledger; returns the ids of the files T1..T9 in order.
pub(crate) async fn ledger(db: &DatabaseConnection) -> Vec<i64> {
    // The files' holders live in households recorded 2026-06-15: their first re-checks fall
    // due 2026-09-15, outside August.
    let home1 = household(db, NANTOUCHENG, "2026-06-15T09:00:00+08:00").await;
    let home2 = household(db, DAXIN, "2026-06-15T09:00:00+08:00").await;
    let home3 = household(db, NANYUAN, "2026-06-15T09:00:00+08:00").await;
    let files = [
        // T1: limit 2026-08-19 (22 working days after Monday 2026-07-20), decided on it; a
        // job taken on 2026-08-28; card issued.
        (
            home1,
            NANTOUCHENG,
            File {
                applied: "2026-07-20",
                confirmed: Some("2026-08-19"),
                ..File::default()
            },
        ),
        // T2: limit 2026-08-20, decided a day late; no card; no work.
        (
            home1,
            NANTOUCHENG,
            File {
                applied: "2026-07-21",
                confirmed: Some("2026-08-21"),
                ..File::default()
            },
        ),
        // T3: limit 2026-09-01 (after August), decided 2026-08-25; in work since 2026-08-30.
        (
            home2,
            DAXIN,
            File {
                applied: "2026-07-31",
                confirmed: Some("2026-08-25"),
                employed_since: Some("2026-08-30"),
                ..File::default()
            },
        ),
        // T4: limit 2026-08-21, still in review.
        (
            home2,
            DAXIN,
            File {
                applied: "2026-07-22",
                ..File::default()
            },
        ),
        // T5: in 福田区, outside 南头街道.
        (
            home3,
            NANYUAN,
            File {
                applied: "2026-07-20",
                confirmed: Some("2026-08-19"),
                ..File::default()
            },
        ),
        // T6: work found 2026-05-15, stable mark 2026-08-15, exited for it 2026-08-17.
        (
            home1,
            NANTOUCHENG,
            File {
                applied: "2026-03-02",
                confirmed: Some("2026-04-01"),
                exited: Some(("2026-08-17", ExitReason::StableEmployment)),
                ..File::default()
            },
        ),
        // T7: work found 2026-05-20, mark 2026-08-20, still open.
        (
            home2,
            DAXIN,
            File {
                applied: "2026-03-02",
                confirmed: Some("2026-04-01"),
                ..File::default()
            },
        ),
        // T8: moved away 2026-08-05, never in work.
        (
            home1,
            NANTOUCHENG,
            File {
                applied: "2026-02-02",
                confirmed: Some("2026-03-02"),
                exited: Some(("2026-08-05", ExitReason::MovedAway)),
                ..File::default()
            },
        ),
        // T9: lost contact 2026-07-30, before August.
        (
            home2,
            DAXIN,
            File {
                applied: "2026-02-02",
                confirmed: Some("2026-03-02"),
                exited: Some(("2026-07-30", ExitReason::NoContact)),
                ..File::default()
            },
        ),
    ];
    let mut ids = Vec::new();
    for (n, (home, community, f)) in files.into_iter().enumerate() {
        ids.push(file(db, home, community, n as u32 + 1, f).await);
    }
    let t = |n: usize| ids[n - 1];
    card(db, t(1), NANTOUCHENG, "2026-08-19").await;
    card(db, t(3), DAXIN, "2026-08-25").await;
    card(db, t(5), NANYUAN, "2026-08-19").await;
    referral_accepted(db, t(1), "2026-08-28").await;
    referral_accepted(db, t(6), "2026-05-15").await;
    referral_accepted(db, t(7), "2026-05-20").await;
    // Plan items: due 08-10 done on the day (met), 08-12 done 08-13 (missed), 08-31 open
    // (missed), 09-01 done early (September's), and one in 福田区.
    plan(db, t(1), NANTOUCHENG, "2026-08-10", Some("2026-08-10")).await;
    plan(db, t(2), NANTOUCHENG, "2026-08-12", Some("2026-08-13")).await;
    plan(db, t(3), DAXIN, "2026-08-31", None).await;
    plan(db, t(3), DAXIN, "2026-09-01", Some("2026-08-20")).await;
    plan(db, t(5), NANYUAN, "2026-08-10", Some("2026-08-09")).await;
    // 零就业家庭, cleared within a month: by 08-10 on 08-10 (met), by 08-20 on 08-25
    // (missed), by 08-31 not cleared (missed), by 09-05 (September's).
    zero(db, home1, NANTOUCHENG, "2026-07-10", Some("2026-08-10")).await;
    zero(db, home2, DAXIN, "2026-07-20", Some("2026-08-25")).await;
    zero(db, home2, DAXIN, "2026-07-31", None).await;
    zero(db, home1, NANTOUCHENG, "2026-08-05", None).await;
    // Re-checks every three months.
    // H1: recorded 04-01, visited 05-10 and 08-09: due 08-10, met.
    let h1 = household(db, NANTOUCHENG, "2026-04-01T09:00:00+08:00").await;
    visit(db, h1, "2026-05-10").await;
    visit(db, h1, "2026-08-09").await;
    // H2: recorded and visited 05-20, next visit 08-25: due 08-20, missed.
    let h2 = household(db, NANTOUCHENG, "2026-05-20T09:00:00+08:00").await;
    visit(db, h2, "2026-05-20").await;
    visit(db, h2, "2026-08-25").await;
    // H3: recorded a minute before midnight on 05-31, Beijing time (15:59 UTC): due 08-31,
    // never visited, missed.
    household(db, DAXIN, "2026-05-31T23:59:00+08:00").await;
    // H4: recorded half an hour after that midnight (05-31 16:30 UTC, 06-01 in Beijing): due
    // 09-01, not August's.
    household(db, DAXIN, "2026-06-01T00:30:00+08:00").await;
    // H5: visited 2025-06-01, long before it was recorded on 2026-05-28, and again on
    // 2026-06-10: its chain runs from those visits, so nothing of it falls due in August.
    let h5 = household(db, DAXIN, "2026-05-28T09:00:00+08:00").await;
    visit(db, h5, "2025-06-01").await;
    visit(db, h5, "2026-06-10").await;
    // H6: in 福田区, due 08-01.
    household(db, NANYUAN, "2026-05-01T09:00:00+08:00").await;
    ids
}

/// A coordinator serving `community`, signed in as `username`, hired 2024-03-01.
pub(crate) async fn serving_coordinator(
    db: &DatabaseConnection,
    community: &str,
    username: &str,
) -> coordinator::Model {
    coordinator::ActiveModel {
        id: NotSet,
        name: Set("李协理".into()),
        id_number_index: Set(format!("test-coordinator-{username}")),
        id_number_sealed: Set(None),
        phone_sealed: Set(None),
        area_code: Set(community.into()),
        employment: Set("contract".into()),
        hired_on: Set(d("2024-03-01")),
        education: Set(None),
        contract_from: Set(None),
        contract_until: Set(None),
        non_renewal: Set(false),
        left_on: Set(None),
        left_reason: Set(None),
        account_username: Set(Some(username.into())),
        is_demo: Set(false),
        created_by: Set("hr".into()),
        created_at: Set(at("2024-03-01T09:00:00+08:00")),
        updated_by: Set("hr".into()),
        updated_at: Set(at("2024-03-01T09:00:00+08:00")),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("coordinator")
}

fn line(card: &Scorecard, m: Measure) -> &ScoreLine {
    card.lines
        .iter()
        .find(|l| l.indicator.measure == m)
        .expect("measure on the card")
}

fn counts(card: &Scorecard) -> Vec<(Measure, u64, u64)> {
    card.lines
        .iter()
        .map(|l| (l.indicator.measure, l.part, l.whole))
        .collect()
}

fn query(area: &str, period: &str) -> ScorecardQuery {
    ScorecardQuery {
        area: Some(area.into()),
        period: Some(period.into()),
    }
}

#[tokio::test]
async fn every_measure_matches_a_hand_count_of_a_small_ledger() {
    let _clock = app::backend::testing::suite_clock();
    // The record days above are Beijing days: 23:59 and 00:30 fall on either side of midnight.
    assert_eq!(date_of(at("2026-05-31T23:59:00+08:00")), d("2026-05-31"));
    assert_eq!(date_of(at("2026-06-01T00:30:00+08:00")), d("2026-06-01"));
    for t in dbs_with_areas().await {
        system::seed_defaults(&t.db).await.expect("seed");
        ledger(&t.db).await;
        let street = actor(Role::StreetOfficer, Some(NANTOU));
        let august = scorecard::for_area(&t.db, &street, &query(NANTOU, "2026-08"))
            .await
            .expect("august");
        assert_eq!(
            counts(&august),
            vec![
                // T1 met; T2 a day late; T4 open past its limit (T3's falls in September).
                (Measure::RegistrationsOnTime, 1, 3),
                (Measure::ServicesOnTime, 1, 3),
                (Measure::ZeroClearedOnTime, 1, 3),
                // Open in August and not yet in work: T1 and T3 found work, T2 and T8 not.
                (Measure::TargetsEmployed, 2, 4),
                // Marks in August: T6 exited for stable work, T7 not.
                (Measure::TargetsStayedEmployed, 1, 2),
                // H1 met; H2 late; H3 never visited.
                (Measure::VisitsOnSchedule, 1, 3),
                // Confirmed in August: T1 and T3 hold cards, T2 not.
                (Measure::CardsIssued, 2, 3),
                (Measure::Exits, 2, 2),
            ]
        );
        assert_eq!(
            line(&august, Measure::Exits).exits_by_reason,
            vec![
                ExitCount {
                    reason: ExitReason::StableEmployment,
                    count: 1
                },
                ExitCount {
                    reason: ExitReason::MovedAway,
                    count: 1
                },
            ]
        );
        // Points under the defaults: found work 500 ‰ reaches its target (15.00), stayed in
        // work 500 ‰ is half way from 300 to 700 (5.00 of 10); the rest lie at or below their
        // floors.
        assert_eq!(line(&august, Measure::TargetsEmployed).value, Some(500));
        assert_eq!(line(&august, Measure::TargetsEmployed).points, 1500);
        assert_eq!(line(&august, Measure::TargetsStayedEmployed).points, 500);
        assert_eq!(line(&august, Measure::RegistrationsOnTime).value, Some(333));
        assert_eq!(line(&august, Measure::RegistrationsOnTime).points, 0);
        assert_eq!(line(&august, Measure::Exits).value, Some(2));
        assert_eq!(august.total, 2000);
        assert_eq!(august.proposed_rating, Rating::Unqualified);
        assert_eq!(
            (august.from.as_str(), august.as_of.as_str(), august.complete),
            ("2026-08-01", "2026-08-31", true)
        );
        assert_eq!(august.system_version, "default-2026");
        assert_eq!(august.area_name, "南头街道");

        // One community: only its own records.
        let community = scorecard::for_area(&t.db, &street, &query(NANTOUCHENG, "2026-08"))
            .await
            .expect("community");
        assert_eq!(
            counts(&community),
            vec![
                (Measure::RegistrationsOnTime, 1, 2),
                (Measure::ServicesOnTime, 1, 2),
                (Measure::ZeroClearedOnTime, 1, 1),
                (Measure::TargetsEmployed, 1, 3),
                (Measure::TargetsStayedEmployed, 1, 1),
                (Measure::VisitsOnSchedule, 1, 2),
                (Measure::CardsIssued, 1, 2),
                (Measure::Exits, 2, 2),
            ]
        );
        // The city takes in 福田区 too: T5 on time, its plan item met, H6 never visited.
        let city = actor(Role::CityOfficer, Some("440300000000"));
        let shenzhen = scorecard::for_area(&t.db, &city, &query("440300000000", "2026-08"))
            .await
            .expect("city");
        let c = counts(&shenzhen);
        assert_eq!(c[0], (Measure::RegistrationsOnTime, 2, 4));
        assert_eq!(c[1], (Measure::ServicesOnTime, 2, 4));
        assert_eq!(c[5], (Measure::VisitsOnSchedule, 1, 4));
        assert_eq!(c[6], (Measure::CardsIssued, 3, 4));

        // The quarter under way on 2026-09-24 counts to that day: T3's limit (09-01) has now
        // fallen due and was met. Re-checks: H1's of 07-01 and 08-10 met; H2 (08-20), H3
        // (08-31), H4 (09-01), H5 (09-10) and the holders' two households (09-15) missed.
        let quarter = scorecard::for_area(&t.db, &street, &query(NANTOU, "2026-Q3"))
            .await
            .expect("quarter");
        assert_eq!(
            (quarter.as_of.as_str(), quarter.complete),
            ("2026-09-24", false)
        );
        assert_eq!(quarter.elapsed, 934, "86 of 92 days, rounded down");
        let q = counts(&quarter);
        assert_eq!(q[0], (Measure::RegistrationsOnTime, 2, 4));
        assert_eq!(q[5], (Measure::VisitsOnSchedule, 2, 8));
        assert_eq!(q[7], (Measure::Exits, 3, 3), "T9's exit on 07-30 too");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn scorecards_stay_inside_the_readers_scope() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs_with_areas().await {
        system::seed_defaults(&t.db).await.expect("seed");
        ledger(&t.db).await;
        let own = actor(Role::Coordinator, Some(NANTOUCHENG));
        // A coordinator reads the own community, not the street nor the neighbour.
        assert!(
            scorecard::for_area(&t.db, &own, &query(NANTOUCHENG, "2026-08"))
                .await
                .is_ok()
        );
        for area in [NANTOU, DAXIN] {
            assert_eq!(
                scorecard::for_area(&t.db, &own, &query(area, "2026-08"))
                    .await
                    .err(),
                Some(AppError::OutOfScope),
                "{area}"
            );
        }
        // Without an area, the reader's own.
        let mine = scorecard::for_area(
            &t.db,
            &own,
            &ScorecardQuery {
                area: None,
                period: Some("2026-08".into()),
            },
        )
        .await
        .expect("own area");
        assert_eq!(mine.area_code, NANTOUCHENG);
        let other_district = actor(Role::StreetOfficer, Some("440304001000"));
        assert_eq!(
            scorecard::for_area(&t.db, &other_district, &query(NANTOU, "2026-08"))
                .await
                .err(),
            Some(AppError::OutOfScope)
        );
        // Bad periods and areas are field errors.
        let street = actor(Role::StreetOfficer, Some(NANTOU));
        for (area, period, field, key) in [
            (NANTOU, "2026-13", "period", "period.malformed"),
            (NANTOU, "1999", "period", "period.year"),
            (NANTOU, "2026-10", "period", "period.future"),
            ("44030500100x", "2026-08", "area", "area.malformed"),
            ("440305001999", "2026-08", "area", "area.unknown"),
        ] {
            match scorecard::for_area(&t.db, &street, &query(area, period)).await {
                Err(AppError::Invalid(fields)) => {
                    assert_eq!(
                        fields.get(field).map(String::as_str),
                        Some(key),
                        "{area} {period}"
                    )
                }
                other => panic!("{area} {period}: {other:?}"),
            }
        }
        // A coordinator's scorecard is the community's, for the coordinator alone and the
        // officers above.
        let c = serving_coordinator(&t.db, NANTOUCHENG, &own.username).await;
        let card = scorecard::for_coordinator(&t.db, &own, c.id, Some("2026-08"))
            .await
            .expect("own scorecard");
        assert_eq!(card.coordinator.map(|h| h.name), Some("李协理".into()));
        assert_eq!(card.lines[0].whole, 2);
        let hr = actor(Role::HrManager, Some("440305000000"));
        assert!(
            scorecard::for_coordinator(&t.db, &hr, c.id, Some("2026-08"))
                .await
                .is_ok()
        );
        let neighbour = actor(Role::Coordinator, Some(NANTOUCHENG));
        let neighbour = app::backend::actor::Actor {
            username: "another".into(),
            ..neighbour
        };
        assert_eq!(
            scorecard::for_coordinator(&t.db, &neighbour, c.id, Some("2026-08"))
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            scorecard::for_coordinator(&t.db, &other_district, c.id, Some("2026-08"))
                .await
                .err(),
            Some(AppError::OutOfScope)
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_figure_opens_its_records_named_as_the_role_may_see_them() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs_with_areas().await {
        system::seed_defaults(&t.db).await.expect("seed");
        ledger(&t.db).await;
        let ask = |show: &str| FigureQuery {
            area: Some(NANTOU.into()),
            period: Some("2026-08".into()),
            measure: "registrations_on_time".into(),
            show: Some(show.into()),
            page: None,
        };
        // The street sees the two files decided late or not at all, by the day due, named and
        // linked; the count is the scorecard's.
        let street = actor(Role::StreetOfficer, Some(NANTOU));
        let missed = figure::records(&t.db, &street, &ask("missed"))
            .await
            .expect("missed");
        assert_eq!((missed.part, missed.whole, missed.total), (1, 3, 2));
        let rows: Vec<(&str, Option<&str>, Option<&str>, &str)> = missed
            .rows
            .iter()
            .map(|r| {
                (
                    r.label.as_str(),
                    r.due.as_deref(),
                    r.done.as_deref(),
                    r.community_name.as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "对象2",
                    Some("2026-08-20"),
                    Some("2026-08-21"),
                    "南头城社区居委会"
                ),
                ("对象4", Some("2026-08-21"), None, "大新社区居委会"),
            ]
        );
        assert!(
            missed.rows[0]
                .link
                .as_deref()
                .is_some_and(|l| l.starts_with("/people/"))
        );
        let all = figure::records(&t.db, &street, &ask("all"))
            .await
            .expect("all");
        assert_eq!(all.total, 3);
        assert!(!all.rows[0].met && all.rows[2].met, "missed first");
        // The city reads masked names, no links.
        let city = actor(Role::CityOfficer, Some("440300000000"));
        let masked = figure::records(&t.db, &city, &ask("missed"))
            .await
            .expect("city");
        assert_eq!(masked.rows[0].label, "对*");
        assert!(masked.rows.iter().all(|r| r.link.is_none()));
        // Households: addresses for the street, numbers for the city.
        let visits = FigureQuery {
            measure: "visits_on_schedule".into(),
            ..ask("missed")
        };
        let open = figure::records(&t.db, &street, &visits)
            .await
            .expect("visits");
        assert_eq!(open.total, 2);
        assert!(open.rows.iter().all(|r| r.label == "测试路 1 号"));
        let closed = figure::records(&t.db, &city, &visits)
            .await
            .expect("visits");
        assert!(
            closed
                .rows
                .iter()
                .all(|r| r.label.starts_with('#') && !r.label.contains('路'))
        );
        // Exits carry their reasons; the files are those of the ledger.
        let exits = FigureQuery {
            measure: "exits".into(),
            ..ask("all")
        };
        let ended = figure::records(&t.db, &street, &exits)
            .await
            .expect("exits");
        let mut reasons: Vec<Option<ExitReason>> =
            ended.rows.iter().map(|r| r.exit_reason).collect();
        reasons.sort_by_key(|r| r.map(|r| r.as_str()));
        assert_eq!(
            reasons,
            vec![
                Some(ExitReason::MovedAway),
                Some(ExitReason::StableEmployment)
            ]
        );
        // Refusals name their field.
        for (q, field) in [
            (
                FigureQuery {
                    measure: "smiles".into(),
                    ..ask("all")
                },
                "measure",
            ),
            (
                FigureQuery {
                    measure: String::new(),
                    ..ask("all")
                },
                "measure",
            ),
            (ask("some"), "show"),
            (
                FigureQuery {
                    page: Some("0".into()),
                    ..ask("all")
                },
                "page",
            ),
        ] {
            match figure::records(&t.db, &street, &q).await {
                Err(AppError::Invalid(fields)) => assert!(fields.contains_key(field), "{fields:?}"),
                other => panic!("{field}: {other:?}"),
            }
        }
        assert_eq!(
            figure::records(&t.db, &actor(Role::Coordinator, Some(DAXIN)), &ask("all"))
                .await
                .err(),
            Some(AppError::OutOfScope)
        );
        t.cleanup().await;
    }
}
