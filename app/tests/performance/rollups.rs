//! The kept figures (roll-ups) behind the dashboards, on SQLite and Postgres: the first refresh
//! counts everything; the dashboards read from them give the scorecards' own figures (counted
//! live from the records) for every kept period and area; an exit recorded through the service
//! marks its community, the next refresh counts only that and moves the sums; a new day counts
//! everything again; and the recount finds no difference. A dashboard answer is kept until
//! the next refresh, which a coordinator's record marks too.

use app::backend::DashboardCache;
use app::backend::clock;
use app::backend::entity::assistance_target;
use app::backend::service::assistance::targets;
use app::backend::service::coordinators;
use app::backend::service::performance::{dashboard, rollup, scorecard, system};
use app::backend::testing::{actor, at, dbs_with_areas, id_number};
use app::domain::performance::{Measure, Period, Standing};
use app::domain::role::Role;
use app::model::AppError;
use app::model::assistance::ExitInput;
use app::model::coordinator::{CoordinatorInput, LeaveInput};
use app::model::performance::{Dashboard, DashboardQuery, Scorecard, ScorecardQuery};
use sea_orm::{DatabaseConnection, EntityTrait};
use std::time::Duration;

use super::scorecards::{DAXIN, NANTOU, NANTOUCHENG, d, ledger, serving_coordinator};

/// The areas compared: two communities, their street and district, 福田区's community, the
/// city, the province and the whole country.
const AREAS: [&str; 8] = [
    NANTOUCHENG,
    DAXIN,
    NANTOU,
    "440305000000",
    "440304001020",
    "440300000000",
    "440000000000",
    "000000000000",
];

fn counts(card: &Scorecard) -> Vec<(Measure, u64, u64)> {
    card.lines
        .iter()
        .map(|l| (l.indicator.measure, l.part, l.whole))
        .collect()
}

/// Dashboard answers kept for ten minutes: only a refresh (or a new day) drops them.
fn kept_answers() -> DashboardCache {
    DashboardCache::new(Duration::from_secs(600))
}

async fn board(
    db: &DatabaseConnection,
    cache: &DashboardCache,
    area: &str,
    period: &str,
) -> Dashboard {
    let ministry = actor(Role::Ministry, None);
    let q = DashboardQuery {
        area: Some(area.into()),
        period: Some(period.into()),
    };
    dashboard::for_area(db, cache, &ministry, &q)
        .await
        .expect("dashboard")
}

/// Every kept period and area: the dashboard's card equals the live scorecard, line by line
/// (counts, values, points, standings and exits by reason).
async fn dashboards_equal_scorecards(db: &DatabaseConnection, cache: &DashboardCache) {
    let ministry = actor(Role::Ministry, None);
    for period in Period::kept(clock::today()) {
        let p = period.label();
        for area in AREAS {
            let live = scorecard::for_area(
                db,
                &ministry,
                &ScorecardQuery {
                    area: Some(area.into()),
                    period: Some(p.clone()),
                },
            )
            .await
            .expect("scorecard");
            let kept = board(db, cache, area, &p).await.card;
            assert_eq!(kept.lines, live.lines, "{area} {p}");
            assert_eq!(
                (kept.total, kept.as_of.clone()),
                (live.total, live.as_of.clone())
            );
        }
    }
}

#[tokio::test]
async fn dashboards_read_kept_figures_equal_to_the_records() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs_with_areas().await {
        let db = &t.db;
        system::seed_defaults(db).await.expect("seed");
        let files = ledger(db).await;
        let cache = kept_answers();
        let cache = &cache;
        // Written past the services: nothing marked, and nothing kept yet.
        assert!(rollup::as_of(db).await.expect("state").is_none());
        let first = rollup::refresh(db)
            .await
            .expect("refresh")
            .expect("counted");
        assert!(first.full);
        assert_eq!(first.as_of, d("2026-09-24"));
        assert_eq!(
            rollup::refresh(db).await.expect("again"),
            None,
            "nothing marked"
        );

        // The street's August by hand (as in the scorecards' test).
        let august = board(db, cache, NANTOU, "2026-08").await;
        assert_eq!(
            counts(&august.card),
            vec![
                (Measure::RegistrationsOnTime, 1, 3),
                (Measure::ServicesOnTime, 1, 3),
                (Measure::ZeroClearedOnTime, 1, 3),
                (Measure::TargetsEmployed, 2, 4),
                (Measure::TargetsStayedEmployed, 1, 2),
                (Measure::VisitsOnSchedule, 1, 3),
                (Measure::CardsIssued, 2, 3),
                (Measure::Exits, 2, 2),
            ]
        );
        assert_eq!(august.card.total, 2000);
        assert_eq!(august.counted_as_of, "2026-09-24");
        // The trend: twelve months to September, August's plan items in their month.
        let services = &august.trends[1];
        assert_eq!(services.len(), 12);
        assert_eq!(
            (services[0].period.as_str(), services[11].period.as_str()),
            ("2025-10", "2026-09")
        );
        assert_eq!((services[10].part, services[10].whole), (1, 3));
        assert_eq!(services[10].value, Some(333));
        assert_eq!(services[3].value, None, "nothing due in 2026-01");
        // The communities below, each with its own figures; 南头城 by hand.
        let below: Vec<&str> = august.areas.iter().map(|r| r.area_code.as_str()).collect();
        assert!(below.contains(&NANTOUCHENG) && below.contains(&DAXIN));
        let nantoucheng = august
            .areas
            .iter()
            .find(|r| r.area_code == NANTOUCHENG)
            .expect("row");
        // Registrations 1 of 2 (500 ‰), services 1 of 2, 零就业 1 of 1, found work 1 of 3,
        // stayed 1 of 1, visits 1 of 2, cards 1 of 2, exits 2.
        assert_eq!(
            nantoucheng.values,
            vec![
                Some(500),
                Some(500),
                Some(1000),
                Some(333),
                Some(1000),
                Some(500),
                Some(500),
                Some(2)
            ]
        );
        assert_eq!(nantoucheng.standings[2], Standing::Reached);
        dashboards_equal_scorecards(db, cache).await;
        let checked = rollup::verify(db).await.expect("verify");
        assert!(checked.mismatches.is_empty(), "{:?}", checked.mismatches);
        assert!(checked.kept_sums > checked.kept_counts);

        // T7 (大新, work found 2026-05-20, stable mark 2026-08-20) exits today for stable
        // employment, recorded by the street: its community is marked.
        let t7 = assistance_target::Entity::find_by_id(files[6])
            .one(db)
            .await
            .expect("read")
            .expect("T7");
        let street = actor(Role::StreetOfficer, Some(NANTOU));
        let before = board(db, cache, NANTOU, "2026-Q3").await.card;
        targets::exit(
            db,
            &street,
            t7.id,
            &ExitInput {
                reason: Some("stable_employment".into()),
                note: None,
                version: Some(t7.version),
            },
        )
        .await
        .expect("exit");
        assert!(rollup::pending(db).await.expect("pending"));
        let step = rollup::refresh(db)
            .await
            .expect("refresh")
            .expect("counted");
        assert!(!step.full, "only the marked community");
        assert_eq!(step.marks, 1);
        let after = board(db, cache, NANTOU, "2026-Q3").await.card;
        let q = |c: &Scorecard, m: Measure| {
            let l = c
                .lines
                .iter()
                .find(|l| l.indicator.measure == m)
                .expect("line");
            (l.part, l.whole)
        };
        assert_eq!(q(&before, Measure::Exits), (3, 3));
        assert_eq!(q(&after, Measure::Exits), (4, 4));
        assert_eq!(q(&before, Measure::TargetsStayedEmployed), (1, 2));
        assert_eq!(q(&after, Measure::TargetsStayedEmployed), (2, 2));
        dashboards_equal_scorecards(db, cache).await;
        let checked = rollup::verify(db).await.expect("verify");
        assert!(checked.mismatches.is_empty(), "{:?}", checked.mismatches);

        // A new Beijing day: everything counted again as of it.
        {
            let _next = clock::pin(at("2026-09-25T00:05:00+08:00"));
            let next = rollup::refresh(db)
                .await
                .expect("refresh")
                .expect("counted");
            assert!(next.full);
            assert_eq!(next.as_of, d("2026-09-25"));
            dashboards_equal_scorecards(db, cache).await;
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn dashboards_keep_to_the_readers_scope_and_the_kept_periods() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs_with_areas().await {
        let db = &t.db;
        system::seed_defaults(db).await.expect("seed");
        let ask = |area: Option<&str>, period: Option<&str>| DashboardQuery {
            area: area.map(Into::into),
            period: period.map(Into::into),
        };
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let street = actor(Role::StreetOfficer, Some(NANTOU));
        let off = DashboardCache::disabled();
        // The own area and the current year by default.
        let own = dashboard::for_area(db, &off, &street, &ask(None, None))
            .await
            .expect("own");
        assert_eq!(
            (own.card.area_code.as_str(), own.card.period.as_str()),
            (NANTOU, "2026")
        );
        assert_eq!(own.card.elapsed, 731, "267 of 365 days");
        assert_eq!(own.periods.first().map(String::as_str), Some("2025-10"));
        assert_eq!(own.periods.last().map(String::as_str), Some("2026"));
        // A coordinator: the own community only.
        let mine = dashboard::for_area(db, &off, &coordinator, &ask(None, Some("2026-08")))
            .await
            .expect("community");
        assert_eq!(mine.card.area_code, NANTOUCHENG);
        for refused in [
            dashboard::for_area(db, &off, &coordinator, &ask(Some(NANTOU), None)).await,
            dashboard::for_area(db, &off, &street, &ask(Some("440304001000"), None)).await,
            dashboard::for_area(db, &off, &street, &ask(Some("000000000000"), None)).await,
        ] {
            assert!(matches!(refused, Err(AppError::OutOfScope)), "{refused:?}");
        }
        for (period, key) in [
            ("2024-05", "period.not_kept"),
            ("2025-09", "period.not_kept"),
            ("2026-10", "period.future"),
            ("2026-13", "period.malformed"),
        ] {
            let err = dashboard::for_area(db, &off, &street, &ask(None, Some(period)))
                .await
                .expect_err("refused");
            assert_eq!(err, AppError::field("period", key), "{period}");
        }
        // The workbook: a zip with the three sheets' names inside.
        let bytes = dashboard::workbook(db, &off, &street, &ask(None, Some("2026-Q3")))
            .await
            .expect("xlsx");
        assert_eq!(&bytes[..2], b"PK");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_kept_dashboard_lasts_until_the_next_refresh() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs_with_areas().await {
        let db = &t.db;
        system::seed_defaults(db).await.expect("seed");
        let cache = kept_answers();
        let street = actor(Role::StreetOfficer, Some(NANTOU));
        let ask = DashboardQuery {
            area: None,
            period: Some("2026-09".into()),
        };
        let names = |d: &Dashboard| -> Vec<String> {
            let mut names: Vec<String> = d.coordinators.iter().map(|c| c.name.clone()).collect();
            names.sort();
            names
        };
        // 李协理 serves 南头城 and signs in as `coordinator`.
        serving_coordinator(db, NANTOUCHENG, "coordinator").await;
        let first = dashboard::for_area(db, &cache, &street, &ask)
            .await
            .expect("first");
        assert_eq!(names(&first), vec!["李协理".to_string()]);

        // HR records a coordinator for 南头城: the community is marked.
        let hr = actor(Role::HrManager, Some("4403"));
        let input = CoordinatorInput {
            name: Some("周协理".into()),
            id_number: Some(id_number("440305", "19910202", "013")),
            phone: Some("13800138000".into()),
            area_code: Some(NANTOUCHENG.into()),
            employment: Some("full_time".into()),
            hired_on: Some("2019-03-01".into()),
            education: Some("college".into()),
            ..CoordinatorInput::default()
        };
        let created = coordinators::create(db, &hr, &input).await.expect("create");
        assert!(rollup::pending(db).await.expect("marked"));
        // Until the next refresh the kept answer stands; built afresh, it has the coordinator.
        let kept = dashboard::for_area(db, &cache, &street, &ask)
            .await
            .expect("kept");
        assert_eq!(kept, first);
        let built = dashboard::for_area(db, &DashboardCache::disabled(), &street, &ask)
            .await
            .expect("built");
        let both = vec!["周协理".to_string(), "李协理".to_string()];
        assert_eq!(names(&built), both);
        // The refresh takes the mark in and moves the counter: the kept answer is dropped.
        let step = rollup::refresh(db)
            .await
            .expect("refresh")
            .expect("counted");
        assert_eq!((step.full, step.marks), (false, 1));
        let after = dashboard::for_area(db, &cache, &street, &ask)
            .await
            .expect("after");
        assert_eq!(after, built);
        // A kept answer is the reader's: after the street's, 南头城's own coordinator still
        // sees only the own row.
        let community = DashboardQuery {
            area: Some(NANTOUCHENG.into()),
            period: Some("2026-09".into()),
        };
        let officers = dashboard::for_area(db, &cache, &street, &community)
            .await
            .expect("the street's view of 南头城");
        assert_eq!(names(&officers), both);
        let own = actor(Role::Coordinator, Some(NANTOUCHENG));
        let mine = dashboard::for_area(db, &cache, &own, &community)
            .await
            .expect("own");
        assert_eq!(names(&mine), vec!["李协理".to_string()]);

        // Leaving today takes the coordinator off the current month after the next refresh.
        coordinators::leave(
            db,
            &hr,
            created.id,
            &LeaveInput {
                left_on: Some("2026-09-24".into()),
                left_reason: Some("合同期满不再续聘".into()),
                version: Some(created.version),
            },
        )
        .await
        .expect("leave");
        rollup::refresh(db)
            .await
            .expect("refresh")
            .expect("counted");
        let gone = dashboard::for_area(db, &cache, &street, &ask)
            .await
            .expect("gone");
        assert_eq!(names(&gone), vec!["李协理".to_string()]);
        t.cleanup().await;
    }
}
