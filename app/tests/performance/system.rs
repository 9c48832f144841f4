//! The indicator system as versioned data: this system's defaults stored once, a province's
//! own version (checked, in force from its day), and who may publish.

use app::backend::clock::today;
use app::backend::service::performance::system;
use app::backend::service::policy_history;
use app::backend::testing::{actor, dbs_with_areas};
use app::domain::grading::Rating;
use app::domain::performance::IndicatorSystem;
use app::domain::role::Role;
use app::model::AppError;
use app::model::performance::IndicatorSystemInput;
use app::model::policy::{PolicyHistoryQuery, PolicyKind, VersionState};

#[tokio::test]
async fn a_province_publishes_its_indicator_system_and_the_defaults_stay_national() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs_with_areas().await {
        assert!(system::seed_defaults(&t.db).await.expect("seed"));
        assert!(!system::seed_defaults(&t.db).await.expect("once"));
        let on = today();
        let day = on.format("%Y-%m-%d").to_string();
        // 广东 weighs 零就业家庭 more (25) and registrations less (15), and raises 优秀 to 92.
        let mut mine = IndicatorSystem::default();
        mine.indicators[0].weight = 15;
        mine.indicators[2].weight = 25;
        mine.rating_bands = [92, 75, 60];
        let input = IndicatorSystemInput {
            area_code: Some("440000000000".into()),
            effective_from: Some(day.clone()),
            system: mine.clone(),
        };
        let gd = actor(Role::ProvinceOfficer, Some("440000000000"));
        // Not by a city officer, not for another province; weights must add up to 100.
        assert_eq!(
            system::publish(
                &t.db,
                &actor(Role::CityOfficer, Some("440300000000")),
                &input
            )
            .await
            .err(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            system::publish(
                &t.db,
                &actor(Role::ProvinceOfficer, Some("110000000000")),
                &input
            )
            .await
            .err(),
            Some(AppError::OutOfScope)
        );
        let mut heavy = input.clone();
        heavy.system.indicators[1].weight = 30;
        match system::publish(&t.db, &gd, &heavy).await {
            Err(AppError::Invalid(f)) => assert!(f.contains_key("policy.indicators"), "{f:?}"),
            other => panic!("expected the weights refused, got {other:?}"),
        }
        let published = system::publish(&t.db, &gd, &input).await.expect("publish");
        assert_eq!(published.version, format!("44-{day}"));

        // In force in 深圳 from today; 北京 keeps the defaults.
        let sz = system::in_force(&t.db, "440305001001", on)
            .await
            .expect("sz");
        assert_eq!(sz.indicators[2].weight, 25);
        assert_eq!(sz.proposed_rating(91), Rating::Qualified);
        let bj = system::in_force(&t.db, "110101001001", on)
            .await
            .expect("bj");
        assert_eq!(bj.version, "default-2026");
        assert_eq!(bj.proposed_rating(91), Rating::Excellent);
        let listed = system::list(&t.db, "440305001001").await.expect("list");
        assert_eq!(listed.len(), 2);
        assert!(listed[0].in_force && listed[0].area_code == "440000000000");

        // The policy page's history compares it with the defaults.
        let h = policy_history::history(
            &t.db,
            &actor(Role::StreetOfficer, Some("440305001000")),
            &PolicyHistoryQuery {
                kind: Some("performance".into()),
                ..PolicyHistoryQuery::default()
            },
        )
        .await
        .expect("history");
        assert_eq!(h.kind, PolicyKind::Performance);
        assert_eq!(h.versions[0].state, VersionState::InForce);
        let mut changed: Vec<&str> = h.changes.iter().map(|c| c.path.as_str()).collect();
        changed.sort();
        assert_eq!(
            changed,
            vec![
                "indicators.A1.weight",
                "indicators.A3.weight",
                "rating_bands.0"
            ]
        );
    }
}
