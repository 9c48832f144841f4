//! A coordinator's record kept field by field through its edits, and a coordinator's leaving:
//! the history's values (numbers only as changed), the leaving's checks, and its effects.

use super::{day, new_coordinator};
use app::backend::clock::today;
use app::backend::service::coordinators::{self, records};
use app::backend::testing::{actor, dbs_with_areas as dbs, id_number};
use app::domain::role::Role;
use app::model::AppError;
use app::model::coordinator::{CoordinatorInput, CoordinatorQuery, LeaveInput, TrainingInput};

fn field_error<T: std::fmt::Debug>(r: Result<T, AppError>, field: &str) -> bool {
    matches!(r, Err(AppError::Invalid(f)) if f.contains_key(field))
}

#[tokio::test]
async fn edits_are_kept_field_by_field_and_numbers_only_as_changed() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        let hr = actor(Role::HrManager, Some("4403"));
        let first = new_coordinator("440305001001", "周协理", "19910202", "013");
        let created = coordinators::create(db, &hr, &first).await.expect("create");
        assert_eq!(created.history.len(), 1, "the record as first kept");
        assert!(created.history[0].changes.is_empty());

        // Another community, a new phone and a new ID number in one edit.
        let new_number = id_number("440305", "19910202", "021");
        let edit = CoordinatorInput {
            area_code: Some("440305001003".into()),
            phone: Some("13900139000".into()),
            id_number: Some(new_number.clone()),
            version: Some(created.version),
            ..first.clone()
        };
        let edited = coordinators::update(db, &hr, created.id, &edit)
            .await
            .expect("edit");
        assert_eq!(edited.history.len(), 2);
        let latest = &edited.history[0];
        assert_eq!(latest.version, created.version + 1, "newest first");
        let mut fields: Vec<&str> = latest.changes.iter().map(|c| c.field.as_str()).collect();
        fields.sort();
        assert_eq!(fields, vec!["area_code", "id_number", "phone"]);
        let area = latest
            .changes
            .iter()
            .find(|c| c.field == "area_code")
            .expect("area");
        assert!(!area.hidden);
        assert!(
            area.before
                .as_deref()
                .is_some_and(|b| b.contains("南头城社区") && b.contains("440305001001")),
            "{:?}",
            area.before
        );
        assert!(
            area.after
                .as_deref()
                .is_some_and(|a| a.contains("大新社区"))
        );
        for number in latest.changes.iter().filter(|c| c.field != "area_code") {
            assert!(number.hidden, "{} is a personal number", number.field);
            assert_eq!(
                (number.before.as_deref(), number.after.as_deref()),
                (None, None)
            );
        }
        // Nothing of the numbers is in the history's answer, masked or not.
        let text = format!("{:?}", edited.history);
        for digits in [&new_number[..], "13900139000", "13800138000", "0202"] {
            assert!(!text.contains(digits), "{digits} in the history");
        }
        // Saving without a change adds no version to the history.
        let same = CoordinatorInput {
            version: Some(edited.version),
            ..edit.clone()
        };
        let unchanged = coordinators::update(db, &hr, created.id, &same)
            .await
            .expect("same");
        assert_eq!(unchanged.history.len(), 2);
        // An officer of the area reads the same history.
        let officer = actor(Role::StreetOfficer, Some("440305001000"));
        let read = coordinators::get(db, &officer, created.id)
            .await
            .expect("read");
        assert_eq!(read.history, unchanged.history);
    }
}

#[tokio::test]
async fn a_coordinator_who_left_is_off_the_lists_and_the_record_kept_as_it_was() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        let hr = actor(Role::HrManager, Some("4403"));
        let c = coordinators::create(
            db,
            &hr,
            &new_coordinator("440305001001", "吴协理", "19880505", "031"),
        )
        .await
        .expect("create");
        let on = today();
        let leave = LeaveInput {
            left_on: Some(day(on)),
            left_reason: Some("合同期满不再续聘".into()),
            version: Some(c.version),
        };
        // Refusals: another area's HR, an officer, a day to come, before hiring, no reason, a
        // stale version.
        assert_eq!(
            coordinators::leave(db, &actor(Role::HrManager, Some("1101")), c.id, &leave)
                .await
                .err(),
            Some(AppError::OutOfScope)
        );
        assert_eq!(
            coordinators::leave(db, &actor(Role::CityOfficer, Some("4403")), c.id, &leave)
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        let tomorrow = on.succ_opt().expect("date");
        assert!(field_error(
            coordinators::leave(
                db,
                &hr,
                c.id,
                &LeaveInput {
                    left_on: Some(day(tomorrow)),
                    ..leave.clone()
                }
            )
            .await,
            "left_on"
        ));
        assert!(field_error(
            coordinators::leave(
                db,
                &hr,
                c.id,
                &LeaveInput {
                    left_on: Some("2019-02-28".into()),
                    ..leave.clone()
                }
            )
            .await,
            "left_on"
        ));
        assert!(field_error(
            coordinators::leave(
                db,
                &hr,
                c.id,
                &LeaveInput {
                    left_reason: Some("  ".into()),
                    ..leave.clone()
                }
            )
            .await,
            "left_reason"
        ));
        assert_eq!(
            coordinators::leave(
                db,
                &hr,
                c.id,
                &LeaveInput {
                    version: Some(c.version + 5),
                    ..leave.clone()
                }
            )
            .await
            .err(),
            Some(AppError::Conflict("version".into()))
        );

        let left = coordinators::leave(db, &hr, c.id, &leave)
            .await
            .expect("leave");
        assert_eq!(left.left_on, Some(day(on)));
        assert_eq!(left.left_reason.as_deref(), Some("合同期满不再续聘"));
        assert!(!left.can_edit, "the record is kept as it was");
        let fields: Vec<&str> = left.history[0]
            .changes
            .iter()
            .map(|f| f.field.as_str())
            .collect();
        assert_eq!(fields, vec!["left_on", "left_reason"]);
        assert_eq!(left.history[0].changes[0].before, None);
        assert_eq!(left.history[0].changes[0].after, Some(day(on)));

        // Off the list; still readable; no more records or a second leaving.
        let list = coordinators::list(db, &hr, &CoordinatorQuery::default())
            .await
            .expect("list");
        assert!(list.items.iter().all(|r| r.id != c.id));
        assert!(coordinators::get(db, &hr, c.id).await.is_ok());
        let training = TrainingInput {
            course: Some("政策培训".into()),
            hours: Some(8),
            finished_on: Some(day(on)),
            pre_service: false,
        };
        assert_eq!(
            records::add_training(db, &hr, c.id, &training).await.err(),
            Some(AppError::Conflict("coordinator.left".into()))
        );
        assert_eq!(
            coordinators::leave(
                db,
                &hr,
                c.id,
                &LeaveInput {
                    version: Some(left.version),
                    ..leave.clone()
                }
            )
            .await
            .err(),
            Some(AppError::Conflict("coordinator.left".into()))
        );
    }
}
