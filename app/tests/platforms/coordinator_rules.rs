//! The coordinator registry (scope, masking, rules explained) and the effects of ratings.

use super::{day, graded, new_coordinator, rate, train};
use app::backend::clock::today;
use app::backend::service::coordinators::{self, records};
use app::backend::testing::{actor, dbs_with_areas as dbs};
use app::domain::grading::{Grade, Rating};
use app::domain::role::Role;
use app::model::AppError;
use app::model::coordinator::{CoordinatorQuery, EntryInput, ExamInput, RatingInput};
use chrono::Datelike;

#[tokio::test]
async fn coordinators_are_scoped_masked_and_their_rules_explained() {
    let _clock = app::backend::testing::suite_clock();
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
    let _clock = app::backend::testing::suite_clock();
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
        // The history says why, coded for every language: the year's 不合格.
        assert_eq!(
            s.grades
                .last()
                .map(|g| app::domain::grading::GradeReason::decode(&g.reason)),
            Some(app::domain::grading::GradeReason::Demotion { year })
        );
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
