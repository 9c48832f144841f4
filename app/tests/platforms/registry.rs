//! The platform registry: versions, history and scope.

use super::code;
use app::backend::service::platforms::{self};
use app::backend::testing::{actor, dbs_with_areas as dbs};
use app::domain::role::Role;
use app::model::AppError;
use app::model::platform::{PlatformInput, PlatformRecord};

pub(super) fn complete() -> PlatformRecord {
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

pub(super) async fn save(db: &sea_orm::DatabaseConnection, at: &str, record: PlatformRecord) {
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
    let _clock = app::backend::testing::suite_clock();
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
