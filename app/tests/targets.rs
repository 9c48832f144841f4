//! 登记认定 against real databases: the chain community → street → county → notification,
//! each step by its own role and area, deadlines on the working-day calendar, send-backs, exits.

#![cfg(feature = "ssr")]

use app::backend::clock::today;
use app::backend::service::{
    assistance::cards, assistance::plans, assistance::targets, calendar, ledger::households,
    ledger::people,
};
use app::backend::testing::{TestDb, actor};
use app::domain::assistance::{ReviewStep, TargetStatus};
use app::domain::role::Role;
use app::model::AppError;
use app::model::assistance::{DecisionInput, ExitInput, TargetInput};
use app::model::ledger::{HouseholdInput, PersonInput};

fn id_number(birth: &str, seq: &str) -> String {
    app::backend::testing::id_number("440305", birth, seq)
}

/// A seeded database with one unemployed woman of 45 in 南头城社区; returns her person id.
async fn setup(t: &TestDb, status: &str) -> i64 {
    calendar::seed_bundled(&t.db).await.expect("calendar");
    let coordinator = actor(Role::Coordinator, Some("440305001001"));
    let h = households::create(
        &t.db,
        &coordinator,
        &HouseholdInput {
            community_code: Some("440305001001".into()),
            address: Some("南头城北街1号".into()),
            urban_hukou: true,
            ..HouseholdInput::default()
        },
    )
    .await
    .expect("household");
    let year = chrono::Datelike::year(&today()) - 45;
    let d = people::add(
        &t.db,
        &coordinator,
        h.household.id,
        &PersonInput {
            id_number: Some(id_number(&format!("{year}0101"), "022")),
            name: Some("周霞".into()),
            ability: Some("full".into()),
            wants_work: true,
            status: Some(status.into()),
            unemployment_cert_no: Some("4403052026000777".into()),
            ..PersonInput::default()
        },
    )
    .await
    .expect("person");
    d.members[0].id
}

/// A request for a file of `person` with the categories the ledger supports.
fn file_of(person: i64) -> TargetInput {
    TargetInput {
        person_id: Some(person),
        ..TargetInput::default()
    }
}

fn decision(action: &str, reason: Option<&str>, version: i32) -> DecisionInput {
    DecisionInput {
        action: Some(action.into()),
        reason: reason.map(str::to_string),
        version: Some(version),
    }
}

#[tokio::test]
async fn the_chain_runs_in_order_with_deadlines_and_a_send_back() {
    let _clock = app::backend::testing::suite_clock();
    for t in TestDb::all().await.expect("dbs") {
        let t = t.with_areas().await.expect("areas");
        let person = setup(&t, "registered_unemployed").await;
        let coordinator = actor(Role::Coordinator, Some("440305001001"));
        let street = actor(Role::StreetOfficer, Some("440305001"));
        let county = actor(Role::CountyOfficer, Some("440305"));
        let policy = app::domain::policy::AssistancePolicy::default();

        // Registered with the categories the ledger supports: 4050 and near retirement (45, woman).
        let v = targets::apply(&t.db, &coordinator, &file_of(person))
            .await
            .expect("apply");
        let id = v.target.id;
        let cats: Vec<&str> = v.target.categories.iter().map(|c| c.as_str()).collect();
        assert!(
            cats.contains(&"forty_fifty") && cats.contains(&"near_retirement"),
            "{cats:?}"
        );
        assert_eq!(v.target.step, Some(ReviewStep::Community));
        // 7 working days from Thursday 2026-09-24: 中秋 (09-25), the weekend and 国庆
        // (10-01 to 10-07) are off, the make-up Saturday 10-10 is on.
        assert_eq!(policy.community_review_days, 7);
        assert_eq!(v.target.step_due.as_deref(), Some("2026-10-12"));
        // A second file for the same person is refused.
        assert_eq!(
            targets::apply(&t.db, &coordinator, &file_of(person))
                .await
                .err(),
            Some(AppError::Conflict("target.open_file".into()))
        );

        // The county cannot act before the street, the street not before the community.
        assert_eq!(
            targets::decide(&t.db, &street, id, &decision("approve", None, 1))
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            targets::decide(&t.db, &county, id, &decision("approve", None, 1))
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        // 初审公示: 5 working days from 09-24 (中秋 and 国庆 rest) end on 10-09; the community
        // cannot approve before.
        assert_eq!(policy.community_notice_days, 5);
        assert_eq!(v.target.notice_until.as_deref(), Some("2026-10-09"));
        assert!(v.target.notice_open);
        assert_eq!(
            targets::decide(&t.db, &coordinator, id, &decision("approve", None, 1))
                .await
                .err(),
            Some(AppError::Conflict("target.notice_open".into()))
        );
        app::backend::testing::end_notice(&t.db, id)
            .await
            .expect("notice over");
        let v = targets::decide(&t.db, &coordinator, id, &decision("approve", None, 1))
            .await
            .expect("community");
        assert_eq!(v.target.notice_until, None);
        assert_eq!(v.target.step, Some(ReviewStep::Street));
        assert_eq!(policy.street_review_days, 7);
        assert_eq!(v.target.step_due.as_deref(), Some("2026-10-12"));
        assert_eq!(
            targets::queue(&t.db, &street).await.expect("queue").len(),
            1
        );
        assert!(
            targets::queue(&t.db, &county)
                .await
                .expect("queue")
                .is_empty()
        );

        // The street sends it back: a reason is required, and it returns to the community.
        assert!(matches!(
            targets::decide(&t.db, &street, id, &decision("send_back", None, 2)).await,
            Err(AppError::Invalid(f)) if f.contains_key("reason")
        ));
        let v = targets::decide(
            &t.db,
            &street,
            id,
            &decision("send_back", Some("缺少失业登记证明"), 2),
        )
        .await
        .expect("send back");
        assert_eq!(v.target.step, Some(ReviewStep::Community));
        // A stale version is refused.
        assert_eq!(
            targets::decide(&t.db, &coordinator, id, &decision("approve", None, 2))
                .await
                .err(),
            Some(AppError::Conflict("version".into()))
        );
        let v = targets::decide(&t.db, &coordinator, id, &decision("approve", None, 3))
            .await
            .expect("again");
        let v = targets::decide(
            &t.db,
            &street,
            id,
            &decision("approve", None, v.target.version),
        )
        .await
        .expect("street");
        assert_eq!(v.target.step, Some(ReviewStep::County));
        let v = targets::decide(
            &t.db,
            &county,
            id,
            &decision("approve", None, v.target.version),
        )
        .await
        .expect("county");
        assert_eq!(v.target.step, Some(ReviewStep::Notification));
        let v = targets::decide(
            &t.db,
            &coordinator,
            id,
            &decision("approve", None, v.target.version),
        )
        .await
        .expect("notified");
        assert_eq!(v.target.status, TargetStatus::Confirmed);
        assert_eq!(v.target.step, None);
        let actions: Vec<&str> = v.events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "apply",
                "approve",
                "send_back",
                "approve",
                "approve",
                "approve",
                "confirm"
            ]
        );
        assert_eq!(v.events[2].reason.as_deref(), Some("缺少失业登记证明"));

        // The card is issued on confirmation and checks out publicly, nothing personal in it.
        let card = cards::for_person(&t.db, &coordinator, person, "https://jy.example.cn")
            .await
            .expect("card");
        assert!(card.number.starts_with("JY440305-"));
        assert_eq!(
            card.check_url,
            format!("https://jy.example.cn/cards/{}", card.number)
        );
        assert!(card.qr_svg.contains("<svg"));
        assert!(card.id_number.contains("****"));
        assert!(card.office_name.contains("南头街道"));
        let check = cards::check(&t.db, &card.number.to_lowercase())
            .await
            .expect("check");
        assert!(check.valid);
        let public = serde_json::to_string(&check).expect("json");
        let holder =
            <app::backend::entity::person::Entity as sea_orm::EntityTrait>::find_by_id(person)
                .one(&t.db)
                .await
                .expect("holder")
                .expect("holder stored");
        let number = holder.id_number().expect("opens");
        // Neither the name nor any part of the ID number that the masked card hides or shows.
        assert!(
            !public.contains("周霞")
                && !public.contains(&number[..10])
                && !public.contains(&number[14..]),
            "{public}"
        );
        assert_eq!(
            cards::check(&t.db, "JY440305-2026-999999").await.err(),
            Some(AppError::NotFound)
        );
        assert!(matches!(
            cards::check(&t.db, "bad").await,
            Err(AppError::Invalid(_))
        ));

        // 「一人一策」: no needs recorded, so career guidance only, due by its standard.
        use app::domain::plan::Service;
        use app::model::assistance::{PlanInput, RecordInput};
        let plan = plans::make(&t.db, &coordinator, id, &PlanInput::default())
            .await
            .expect("plan");
        assert_eq!(plan.items.len(), 1);
        assert_eq!(plan.items[0].service, Service::CareerGuidance);
        // 5 working days from 2026-09-24: 09-28, 09-29, 09-30, then 10-08 and 10-09.
        assert_eq!(policy.standard(Service::CareerGuidance).time_limit_days, 5);
        assert_eq!(plan.items[0].due_on, "2026-10-09");
        // Planning it again adds nothing; a referral is added.
        let plan = plans::make(
            &t.db,
            &coordinator,
            id,
            &PlanInput {
                services: vec!["career_guidance".into(), "job_referral".into()],
            },
        )
        .await
        .expect("more");
        assert_eq!(plan.items.len(), 2);
        assert!(matches!(
            plans::make(
                &t.db,
                &coordinator,
                id,
                &PlanInput {
                    services: vec!["lottery".into()]
                }
            )
            .await,
            Err(AppError::Invalid(_))
        ));
        let guidance = plan
            .items
            .iter()
            .find(|i| i.service == Service::CareerGuidance)
            .expect("item")
            .id;
        let referral = plan
            .items
            .iter()
            .find(|i| i.service == Service::JobReferral)
            .expect("item");
        let on = today().format("%Y-%m-%d").to_string();
        let plan = plans::record(
            &t.db,
            &coordinator,
            id,
            &RecordInput {
                plan_item_id: Some(guidance),
                served_on: Some(on.clone()),
                outcome: Some("provided".into()),
                ..RecordInput::default()
            },
        )
        .await
        .expect("guidance given");
        assert!(
            plan.items
                .iter()
                .any(|i| i.id == guidance && i.done_on.is_some())
        );
        let plan = plans::record(
            &t.db,
            &coordinator,
            id,
            &RecordInput {
                plan_item_id: Some(referral.id),
                served_on: Some(on.clone()),
                outcome: Some("refused".into()),
                employer: Some("深圳某物业公司".into()),
                ..RecordInput::default()
            },
        )
        .await
        .expect("refused");
        assert_eq!(plan.refusals, 1);
        assert!(
            plan.items
                .iter()
                .any(|i| i.id == referral.id && i.done_on.is_none()),
            "a refusal leaves it open"
        );
        assert!(matches!(
            plans::record(&t.db, &coordinator, id, &RecordInput { served_on: Some("2999-01-01".into()), outcome: Some("x".into()), ..RecordInput::default() }).await,
            Err(AppError::Invalid(f)) if f.contains_key("served_on") && f.contains_key("outcome") && f.contains_key("service")
        ));
        // Past its due date the open referral is flagged to the coordinator and the street.
        let after = chrono::NaiveDate::parse_from_str(&referral.due_on, "%Y-%m-%d")
            .expect("date")
            .succ_opt()
            .expect("date");
        for who in [&coordinator, &street] {
            let late = plans::overdue(&t.db, who, after).await.expect("overdue");
            assert_eq!(late.len(), 1);
            assert_eq!(late[0].person_name, "周霞");
        }
        assert!(
            plans::overdue(
                &t.db,
                &actor(Role::Coordinator, Some("440305001003")),
                after
            )
            .await
            .expect("other")
            .is_empty()
        );

        // Exit by an officer; an unknown reason is a field error.
        assert!(matches!(
            targets::exit(
                &t.db,
                &street,
                id,
                &ExitInput {
                    reason: Some("bored".into()),
                    note: None,
                    version: Some(v.target.version)
                }
            )
            .await,
            Err(AppError::Invalid(_))
        ));
        let out = targets::exit(
            &t.db,
            &street,
            id,
            &ExitInput {
                reason: Some("moved_away".into()),
                note: Some("迁往广州".into()),
                version: Some(v.target.version),
            },
        )
        .await
        .expect("exit");
        assert_eq!(out.target.status, TargetStatus::Exited);
        // The card is withdrawn with the exit.
        let check = cards::check(&t.db, &card.number).await.expect("check");
        assert!(!check.valid);
        assert_eq!(check.status.as_str(), "withdrawn");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn outsiders_and_the_employed_are_refused() {
    let _clock = app::backend::testing::suite_clock();
    for t in TestDb::all().await.expect("dbs") {
        let t = t.with_areas().await.expect("areas");
        let person = setup(&t, "employed_formal").await;
        let coordinator = actor(Role::Coordinator, Some("440305001001"));
        assert!(matches!(
            targets::apply(&t.db, &coordinator, &file_of(person)).await,
            Err(AppError::Invalid(f)) if f.get("person_id").map(String::as_str) == Some("target.not_unemployed")
        ));
        let neighbour = actor(Role::Coordinator, Some("440305001003"));
        let futian = actor(Role::StreetOfficer, Some("440304001"));
        for who in [&neighbour, &futian] {
            assert_eq!(
                targets::apply(
                    &t.db,
                    who,
                    &TargetInput {
                        person_id: Some(person),
                        categories: vec!["dibao".into()],
                        ..TargetInput::default()
                    }
                )
                .await
                .err(),
                Some(AppError::OutOfScope)
            );
        }
        assert!(matches!(
            targets::apply(&t.db, &coordinator, &TargetInput { person_id: Some(person), categories: vec!["rich".into()], ..TargetInput::default() }).await,
            Err(AppError::Invalid(f)) if f.contains_key("categories")
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_moved_household_takes_its_files_along() {
    let _clock = app::backend::testing::suite_clock();
    use app::model::ledger::HouseholdInput;
    for t in TestDb::all().await.expect("dbs") {
        let t = t.with_areas().await.expect("areas");
        let person = setup(&t, "registered_unemployed").await;
        let old = actor(Role::Coordinator, Some("440305001001"));
        let new = actor(Role::Coordinator, Some("440305001003"));
        let street = actor(Role::StreetOfficer, Some("440305001"));
        let file = targets::apply(&t.db, &old, &file_of(person))
            .await
            .expect("apply");
        let household = people::load(&t.db, &old, person)
            .await
            .expect("person")
            .household_id;
        // The street moves the household to 大新社区.
        households::update(
            &t.db,
            &street,
            household,
            &HouseholdInput {
                community_code: Some("440305001003".into()),
                address: Some("大新路1号".into()),
                urban_hukou: true,
                version: Some(1),
                ..HouseholdInput::default()
            },
        )
        .await
        .expect("move");
        // The file went with it: the old community no longer sees it, the new one does.
        assert_eq!(
            targets::get(&t.db, &old, file.target.id).await.err(),
            Some(AppError::OutOfScope)
        );
        assert_eq!(
            targets::get(&t.db, &new, file.target.id)
                .await
                .expect("new")
                .target
                .community_code,
            "440305001003"
        );
        assert!(
            targets::queue(&t.db, &old)
                .await
                .expect("old queue")
                .is_empty()
        );
        assert_eq!(
            targets::queue(&t.db, &new).await.expect("new queue").len(),
            1
        );
        // A second open file for the same person is refused (and the database would refuse it too).
        assert_eq!(
            targets::apply(&t.db, &new, &file_of(person)).await.err(),
            Some(AppError::Conflict("target.open_file".into()))
        );
        t.cleanup().await;
    }
}

/// A file made at 23:30 Beijing time is made that day and its deadline counts from it; one made
/// an hour later (00:30, still the previous day in UTC) counts from the next day.
#[tokio::test]
async fn a_file_made_either_side_of_midnight_takes_the_beijing_date() {
    use app::backend::clock;
    use app::backend::testing::at;
    let cases = [
        // 7 working days from Tuesday 09-29: 09-30, then 国庆 (10-01 to 10-07) off, 10-08,
        // 10-09, the make-up Saturday 10-10, 10-12, 10-13, 10-14.
        ("2026-09-29T23:30:00+08:00", "2026-09-29", "2026-10-14"),
        ("2026-09-30T00:30:00+08:00", "2026-09-30", "2026-10-15"),
    ];
    for (now, applied_on, due) in cases {
        let _clock = clock::pin(at(now));
        for t in TestDb::all().await.expect("dbs") {
            let t = t.with_areas().await.expect("areas");
            let person = setup(&t, "registered_unemployed").await;
            let coordinator = actor(Role::Coordinator, Some("440305001001"));
            let v = targets::apply(&t.db, &coordinator, &file_of(person))
                .await
                .expect("apply");
            assert_eq!(v.target.applied_on, applied_on, "{now}");
            assert_eq!(v.target.step_due.as_deref(), Some(due), "{now}");
            t.cleanup().await;
        }
    }
}

/// Deadlines that cross into a year without the State Council's arrangement count on the
/// statutory holidays (元旦 2027 rests) and say so; an arrangement imported later rules the
/// deadlines made after it (issue 15).
#[tokio::test]
async fn deadlines_into_next_year_rest_on_new_year_and_carry_their_basis() {
    use app::backend::clock;
    use app::backend::testing::at;
    use app::domain::calendar::{Basis, CalendarDay, DayKind, YearBasis};
    use app::model::assistance::PlanInput;
    let basis = |year, basis| YearBasis { year, basis };
    for t in TestDb::all().await.expect("dbs") {
        let t = t.with_areas().await.expect("areas");
        // Monday 2026-11-30: file, confirm the same day, plan a 公益性岗位 (30 working days).
        let _clock = clock::pin(at("2026-11-30T10:00:00+08:00"));
        let person = setup(&t, "registered_unemployed").await;
        let coordinator = actor(Role::Coordinator, Some("440305001001"));
        let street = actor(Role::StreetOfficer, Some("440305001"));
        let county = actor(Role::CountyOfficer, Some("440305"));
        let v = targets::apply(&t.db, &coordinator, &file_of(person))
            .await
            .expect("apply");
        let id = v.target.id;
        assert_eq!(
            v.target.step_due_basis,
            vec![basis(2026, Basis::Arrangement)]
        );
        app::backend::testing::end_notice(&t.db, id)
            .await
            .expect("notice over");
        let mut version = v.target.version;
        for who in [&coordinator, &street, &county, &coordinator] {
            version = targets::decide(&t.db, who, id, &decision("approve", None, version))
                .await
                .expect("approve")
                .target
                .version;
        }
        assert!(version > v.target.version);
        let plan = plans::make(
            &t.db,
            &coordinator,
            id,
            &PlanInput {
                services: vec!["public_welfare_post".into()],
            },
        )
        .await
        .expect("plan");
        let item = &plan.items[0];
        // December gives 23 working days, 元旦 (Friday 2027-01-01) rests, then 01-04 to 01-08
        // and 01-11, 01-12: not 2027-01-11, as when 元旦 counted as a working day.
        assert_eq!(item.due_on, "2027-01-12", "{:?}", t.kind);
        assert_eq!(
            item.due_basis,
            vec![
                basis(2026, Basis::Arrangement),
                basis(2027, Basis::Statutory)
            ]
        );

        // The 2027 arrangement arrives (a made-up one, in the published form: every weekday rest
        // day, and a working Saturday 2027-01-09): a plan made afterwards counts on it.
        let day = |d: &str, kind| CalendarDay {
            date: app::domain::calendar::parse_ymd(d).expect("date"),
            kind,
            name: "元旦".into(),
        };
        calendar::import(
            &t.db,
            app::backend::service::audit::By::System("test"),
            &[
                "2027-01-01",
                "2027-02-05",
                "2027-02-08",
                "2027-02-09",
                "2027-02-10",
                "2027-02-11",
                "2027-04-05",
                "2027-05-03",
                "2027-05-04",
                "2027-05-05",
                "2027-06-09",
                "2027-09-15",
                "2027-10-01",
                "2027-10-04",
                "2027-10-05",
                "2027-10-06",
                "2027-10-07",
            ]
            .iter()
            .map(|d| day(d, DayKind::Holiday))
            .chain([day("2027-01-09", DayKind::Workday)])
            .collect::<Vec<_>>(),
        )
        .await
        .expect("import");
        // An arrangement that makes a statutory festival a working day is refused whole.
        match calendar::import(
            &t.db,
            app::backend::service::audit::By::System("test"),
            &[
                day("2027-10-02", DayKind::Holiday),
                day("2027-10-01", DayKind::Workday),
            ],
        )
        .await
        {
            Err(AppError::Invalid(f)) => assert_eq!(
                f.get("calendar").map(String::as_str),
                Some("calendar.festival_as_workday")
            ),
            other => panic!("expected a refusal, got {other:?}"),
        }
        drop(_clock);
        let _clock = clock::pin(at("2026-12-31T10:00:00+08:00"));
        let plan = plans::make(
            &t.db,
            &coordinator,
            id,
            &PlanInput {
                services: vec!["training".into()],
            },
        )
        .await
        .expect("plan");
        let training = plan
            .items
            .iter()
            .find(|i| i.planned_on == "2026-12-31")
            .expect("training item");
        // 22 working days from Thursday 2026-12-31 on the arrangement: 01-04..08 (5), the
        // working Saturday 01-09 (6), three full weeks (21), Monday 02-01 (22). On the statutory
        // basis it would have been 02-02. The earlier item keeps its date and its basis.
        assert_eq!(training.due_on, "2027-02-01");
        assert_eq!(
            training.due_basis,
            vec![
                basis(2026, Basis::Arrangement),
                basis(2027, Basis::Arrangement)
            ]
        );
        assert!(
            plan.items.iter().any(|i| i.due_on == "2027-01-12"
                && i.due_basis.contains(&basis(2027, Basis::Statutory)))
        );
        let status = calendar::status(&t.db).await.expect("status");
        assert_eq!(status.missing_arrangement, None);
        assert_eq!(
            status.years,
            vec![
                basis(2025, Basis::Arrangement),
                basis(2026, Basis::Arrangement),
                basis(2027, Basis::Arrangement)
            ]
        );
        t.cleanup().await;
    }
}

/// From 1 November the status asks for next year's arrangement.
#[tokio::test]
async fn next_years_arrangement_is_asked_for_from_the_first_of_november() {
    use app::backend::clock;
    use app::backend::testing::at;
    for t in TestDb::all().await.expect("dbs") {
        calendar::seed_bundled(&t.db).await.expect("calendar");
        {
            let _clock = clock::pin(at("2026-10-31T23:30:00+08:00"));
            let s = calendar::status(&t.db).await.expect("status");
            assert_eq!(s.missing_arrangement, None);
        }
        {
            let _clock = clock::pin(at("2026-11-01T00:30:00+08:00"));
            let s = calendar::status(&t.db).await.expect("status");
            assert_eq!(s.today, "2026-11-01");
            assert_eq!(s.missing_arrangement, Some(2027));
        }
        t.cleanup().await;
    }
}

/// A category the ledger's facts do not support needs a stated reason and stays marked for every
/// reviewer; the community's 初审公示 runs its working days before the community may approve
/// (issue 15, item 8).
#[tokio::test]
async fn unsupported_categories_need_a_reason_and_the_notice_runs_its_days() {
    use app::backend::clock;
    use app::backend::testing::at;
    use app::domain::assistance::Category;
    let _suite = app::backend::testing::suite_clock();
    for t in TestDb::all().await.expect("dbs") {
        let t = t.with_areas().await.expect("areas");
        let person = setup(&t, "registered_unemployed").await;
        let coordinator = actor(Role::Coordinator, Some("440305001001"));
        let street = actor(Role::StreetOfficer, Some("440305001"));
        // She is 45 with no graduation date: 毕业半年未就业 is not in the ledger.
        let graduate = |reason: Option<&str>| TargetInput {
            person_id: Some(person),
            categories: vec!["forty_fifty".into(), "unemployed_graduate".into()],
            category_reason: reason.map(str::to_string),
        };
        match targets::apply(&t.db, &coordinator, &graduate(Some("   "))).await {
            Err(AppError::Invalid(f)) => assert_eq!(
                f.get("category_reason").map(String::as_str),
                Some("category_reason.required")
            ),
            other => panic!("expected a refusal, got {other:?}"),
        }
        let v = targets::apply(
            &t.db,
            &coordinator,
            &graduate(Some("2026年6月高职毕业，毕业证书复印件已存档")),
        )
        .await
        .expect("apply with a reason");
        let id = v.target.id;
        assert_eq!(
            v.target.unsupported_categories,
            vec![Category::UnemployedGraduate]
        );
        assert_eq!(
            v.target.category_reason.as_deref(),
            Some("2026年6月高职毕业，毕业证书复印件已存档")
        );
        assert_eq!(v.events[0].reason, v.target.category_reason);

        // The notice (5 working days from Thursday 09-24) ends on 10-09: at 23:30 that day the
        // community still cannot approve; at 00:30 on the 10th (a 调休 Saturday) it can.
        {
            let _late = clock::pin(at("2026-10-09T23:30:00+08:00"));
            assert_eq!(
                targets::decide(&t.db, &coordinator, id, &decision("approve", None, 1))
                    .await
                    .err(),
                Some(AppError::Conflict("target.notice_open".into()))
            );
        }
        let _next = clock::pin(at("2026-10-10T00:30:00+08:00"));
        targets::decide(&t.db, &coordinator, id, &decision("approve", None, 1))
            .await
            .expect("approved after the notice");
        // The street sees the unsupported category and the reason in its queue.
        let queue = targets::queue(&t.db, &street).await.expect("queue");
        let item = queue.iter().find(|i| i.id == id).expect("in the queue");
        assert_eq!(
            item.unsupported_categories,
            vec![Category::UnemployedGraduate]
        );
        assert!(item.category_reason.is_some());
        assert!(!item.notice_open);
        // Beside the decision, the ledger's facts for each category with the figures needed:
        // her age against 「4050」, and no graduation date against the months a graduate needs.
        use app::domain::category_facts::Fact;
        let policy = app::domain::policy::AssistancePolicy::default();
        let facts: Vec<_> = item
            .evidence
            .iter()
            .map(|e| (e.category, e.supported, e.facts[1].clone()))
            .collect();
        assert_eq!(
            facts,
            vec![
                (
                    Category::FortyFifty,
                    true,
                    Fact::Age {
                        years: 45,
                        sex: app::domain::id_card::Sex::Female,
                        from: policy.age_4050_female,
                        below: None,
                    }
                ),
                (
                    Category::UnemployedGraduate,
                    false,
                    Fact::GraduatedFor {
                        on: None,
                        months: None,
                        needed: policy.graduate_months,
                    }
                ),
            ]
        );
        t.cleanup().await;
    }
}
