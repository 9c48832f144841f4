//! The policy pages' history on SQLite and Postgres: the versions that can apply in a province
//! with where each stands today, one version in full, and what changed from the one before.

#![cfg(feature = "ssr")]

use chrono::Days;

use app::backend::clock::today;
use app::backend::service::certification::standards;
use app::backend::service::platforms::policy as platform_policy;
use app::backend::service::{policies, policy_history};
use app::backend::testing::{actor, dbs_with_areas};
use app::domain::certification::Tier;
use app::domain::indicators::CertificationStandard;
use app::domain::plan::Service;
use app::domain::policy::AssistancePolicy;
use app::domain::role::Role;
use app::model::AppError;
use app::model::certification::StandardInput;
use app::model::policy::{PolicyHistoryQuery, PolicyInput, PolicyKind, VersionState};

fn ymd(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn query(kind: &str, area: Option<&str>, version: Option<&str>) -> PolicyHistoryQuery {
    PolicyHistoryQuery {
        kind: Some(kind.into()),
        tier: None,
        area: area.map(str::to_string),
        version: version.map(str::to_string),
    }
}

fn field_error(r: Result<impl std::fmt::Debug, AppError>, field: &str) -> bool {
    matches!(r, Err(AppError::Invalid(f)) if f.contains_key(field))
}

#[tokio::test]
async fn a_provinces_versions_are_listed_and_each_compared_with_the_one_before() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs_with_areas().await {
        policies::seed_defaults(&t.db).await.expect("seed");
        let on = today();
        let later = on.checked_add_days(Days::new(30)).expect("date");
        let gd = actor(Role::ProvinceOfficer, Some("440000000000"));
        // 广东: the street review shortened to 3 days and career guidance to 2, from today;
        // then the street review to 4 from a month on.
        let mut now = AssistancePolicy {
            street_review_days: 3,
            ..AssistancePolicy::default()
        };
        for s in now.services.iter_mut() {
            if s.service == Service::CareerGuidance {
                s.time_limit_days = 2;
            }
        }
        let publish = |p: AssistancePolicy, from: chrono::NaiveDate| PolicyInput {
            area_code: Some("440000000000".into()),
            effective_from: Some(ymd(from)),
            policy: p,
        };
        policies::publish(&t.db, &gd, &publish(now.clone(), on))
            .await
            .expect("today's");
        let next = AssistancePolicy {
            street_review_days: 4,
            ..now.clone()
        };
        policies::publish(&t.db, &gd, &publish(next, later))
            .await
            .expect("a later one");
        let (today_label, later_label) = (format!("44-{}", ymd(on)), format!("44-{}", ymd(later)));

        // A street officer of 深圳 reads the province's history by default.
        let reader = actor(Role::StreetOfficer, Some("440305001000"));
        let h = policy_history::history(&t.db, &reader, &PolicyHistoryQuery::default())
            .await
            .expect("history");
        assert_eq!(h.kind, PolicyKind::Assistance);
        assert_eq!(h.area, "440000000000");
        assert!(!h.area_name.is_empty(), "the province by name");
        let listed: Vec<(&str, VersionState)> = h
            .versions
            .iter()
            .map(|v| (v.version.as_str(), v.state))
            .collect();
        assert_eq!(
            listed,
            vec![
                (later_label.as_str(), VersionState::Scheduled),
                (today_label.as_str(), VersionState::InForce),
                ("default-2026", VersionState::Earlier),
            ]
        );
        assert_eq!(h.versions[2].issuer, "000000000000");
        assert_eq!(h.versions[1].issuer, "440000000000");
        assert_eq!(
            h.shown.as_deref(),
            Some(today_label.as_str()),
            "the one in force"
        );
        assert_eq!(h.previous.as_deref(), Some("default-2026"));
        let changed: Vec<(&str, Option<&str>, Option<&str>)> = h
            .changes
            .iter()
            .map(|c| (c.path.as_str(), c.before.as_deref(), c.after.as_deref()))
            .collect();
        assert_eq!(
            changed,
            vec![
                ("street_review_days", Some("7"), Some("3")),
                (
                    "services.career_guidance.time_limit_days",
                    Some("5"),
                    Some("2")
                ),
            ]
        );
        assert!(
            h.settings
                .iter()
                .any(|s| s.path == "street_review_days" && s.value == "3")
        );
        assert!(h.provinces.is_empty(), "a province's reader has no chooser");

        // The later version against today's: one change.
        let h = policy_history::history(
            &t.db,
            &reader,
            &query("assistance", None, Some(&later_label)),
        )
        .await
        .expect("the later one");
        assert_eq!(h.previous.as_deref(), Some(today_label.as_str()));
        assert_eq!(h.changes.len(), 1);
        assert_eq!(h.changes[0].before.as_deref(), Some("3"));
        assert_eq!(h.changes[0].after.as_deref(), Some("4"));

        // The earliest has nothing before it.
        let h = policy_history::history(
            &t.db,
            &reader,
            &query("assistance", None, Some("default-2026")),
        )
        .await
        .expect("the defaults");
        assert_eq!(h.previous, None);
        assert!(h.changes.is_empty());

        // 北京 keeps the national defaults alone; the ministry reads the nation's by default,
        // with the provinces to choose from.
        let bj = actor(Role::ProvinceOfficer, Some("110000000000"));
        let h = policy_history::history(&t.db, &bj, &PolicyHistoryQuery::default())
            .await
            .expect("北京");
        assert_eq!(h.versions.len(), 1);
        assert_eq!(h.versions[0].state, VersionState::InForce);
        let ministry = actor(Role::Ministry, None);
        let h = policy_history::history(&t.db, &ministry, &PolicyHistoryQuery::default())
            .await
            .expect("national");
        assert_eq!(h.area, "000000000000");
        assert_eq!(h.versions.len(), 1);
        assert!(h.provinces.iter().any(|p| p.code == "440000000000"));
        let h = policy_history::history(&t.db, &ministry, &query("assistance", Some("4403"), None))
            .await
            .expect("广东 by a city's code");
        assert_eq!(h.versions.len(), 3);

        // Refusals name the field.
        assert!(field_error(
            policy_history::history(&t.db, &reader, &query("pension", None, None)).await,
            "kind"
        ));
        assert!(field_error(
            policy_history::history(&t.db, &reader, &query("assistance", Some("44x"), None)).await,
            "area"
        ));
        assert!(field_error(
            policy_history::history(
                &t.db,
                &reader,
                &query("assistance", Some("990000000000"), None)
            )
            .await,
            "area"
        ));
        assert!(field_error(
            policy_history::history(&t.db, &bj, &query("assistance", None, Some(&today_label)))
                .await,
            "version"
        ));
        let bad_tier = PolicyHistoryQuery {
            tier: Some("gold".into()),
            ..query("standard", None, None)
        };
        assert!(field_error(
            policy_history::history(&t.db, &reader, &bad_tier).await,
            "tier"
        ));
    }
}

#[tokio::test]
async fn standards_by_tier_and_the_platform_policy_have_their_histories() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs_with_areas().await {
        standards::seed_defaults(&t.db).await.expect("standards");
        assert!(
            platform_policy::seed_defaults(&t.db)
                .await
                .expect("platform")
        );
        assert!(!platform_policy::seed_defaults(&t.db).await.expect("once"));
        let gd = actor(Role::ProvinceOfficer, Some("440000000000"));
        let mut star = CertificationStandard::default_for(Tier::ProvincialStar, "440000000000");
        star.version = "粤星级2027".into();
        star.min_rate_able_willing = 960;
        star.require_six_in_place = false;
        standards::publish(
            &t.db,
            &gd,
            &StandardInput {
                effective_from: None,
                standard: Some(star),
            },
        )
        .await
        .expect("广东's star standard");

        let reader = actor(Role::CityOfficer, Some("440300000000"));
        let stars = PolicyHistoryQuery {
            tier: Some("provincial_star".into()),
            ..query("standard", None, None)
        };
        let h = policy_history::history(&t.db, &reader, &stars)
            .await
            .expect("stars");
        assert_eq!(h.tier, Some(Tier::ProvincialStar));
        assert_eq!(h.versions.len(), 2);
        assert_eq!(h.shown.as_deref(), Some("粤星级2027"));
        let mut changed: Vec<&str> = h.changes.iter().map(|c| c.path.as_str()).collect();
        changed.sort();
        assert_eq!(
            changed,
            vec!["min_rate_able_willing", "require_six_in_place"]
        );

        // The community tier is untouched, and national demonstration is the ministry's alone.
        let community = PolicyHistoryQuery {
            tier: Some("community".into()),
            ..query("standard", None, None)
        };
        let h = policy_history::history(&t.db, &reader, &community)
            .await
            .expect("community");
        assert_eq!(h.versions.len(), 1);
        let national = PolicyHistoryQuery {
            tier: Some("national_demonstration".into()),
            ..query("standard", None, None)
        };
        let h = policy_history::history(&t.db, &reader, &national)
            .await
            .expect("national");
        assert!(h.versions.iter().all(|v| v.issuer == "000000000000"));

        // The platform policy: the stored defaults, setting by setting.
        let h = policy_history::history(&t.db, &reader, &query("platform", None, None))
            .await
            .expect("platform");
        assert_eq!(h.versions.len(), 1);
        assert_eq!(h.versions[0].state, VersionState::InForce);
        let hours = h
            .settings
            .iter()
            .find(|s| s.path == "grades.training_hours")
            .expect("training hours");
        assert_eq!(hours.value, "40");
        assert!(h.settings.iter().any(|s| s.path == "grades.pay_first.0"));
    }
}
