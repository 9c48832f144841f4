//! The household ledger against real databases: SQLite always, Postgres when TEST_DATABASE_URL
//! is set. Scope refusals for other communities, version conflicts, duplicates, history.

#![cfg(feature = "ssr")]

use app::backend::service::audit::By;
use app::backend::service::{calendar, ledger::history, ledger::households, ledger::people};
use app::backend::testing::{actor, dbs_with_areas as dbs, id_number};
use app::domain::role::Role;
use app::model::AppError;
use app::model::ledger::{HouseholdInput, HouseholdQuery, IdNumberLookup, PersonInput, VisitInput};
use app::model::work::WorkQuery;

const NANTOUCHENG: &str = "440305001001";
const DAXIN: &str = "440305001003";
const NANYUAN: &str = "440304001020";

/// A new household in `community`, surveyed by `who`; its id.
async fn new_household(
    db: &sea_orm::DatabaseConnection,
    who: &app::backend::Actor,
    community: &str,
) -> i64 {
    households::create(db, who, &household(community))
        .await
        .expect("household")
        .household
        .id
}

/// One woman typed twice in two households of 南头城, the second time with a slip in the
/// number and a space in the name: the pair the duplicate rule flags. (person, household) of
/// each.
async fn twice_typed(
    db: &sea_orm::DatabaseConnection,
    who: &app::backend::Actor,
) -> [(i64, i64); 2] {
    let mut typed = [(0, 0); 2];
    for (i, (seq, name)) in [("012", "李娜"), ("014", "李 娜")].into_iter().enumerate() {
        let h = new_household(db, who, NANTOUCHENG).await;
        let number = id_number("440305", "19870606", seq);
        let added = people::add(db, who, h, &unemployed(&number, name))
            .await
            .expect("person");
        typed[i] = (added.members[0].id, h);
    }
    typed
}

fn household(community: &str) -> HouseholdInput {
    HouseholdInput {
        community_code: Some(community.into()),
        address: Some("南头街道深南大道1号3栋502".into()),
        urban_hukou: true,
        ..HouseholdInput::default()
    }
}

fn unemployed(id: &str, name: &str) -> PersonInput {
    PersonInput {
        id_number: Some(id.into()),
        name: Some(name.into()),
        phone: Some("13800138000".into()),
        ability: Some("full".into()),
        wants_work: true,
        status: Some("registered_unemployed".into()),
        unemployment_cert_no: Some("4403052026000001".into()),
        unemployed_since: Some("2025-01-10".into()),
        needs: vec!["job_referral".into()],
        ..PersonInput::default()
    }
}

#[tokio::test]
async fn a_survey_finds_a_zero_employment_household_and_a_job_clears_it() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let h = households::create(&t.db, &coordinator, &household(NANTOUCHENG))
            .await
            .expect("household");
        let id = h.household.id;
        assert!(!h.household.zero_employment, "no members yet");
        let husband = id_number("440305", "19750310", "031");
        let wife = id_number("440305", "19800502", "042");
        people::add(&t.db, &coordinator, id, &unemployed(&husband, "李强"))
            .await
            .expect("husband");
        let d = people::add(&t.db, &coordinator, id, &unemployed(&wife, "张丽"))
            .await
            .expect("wife");
        assert!(d.household.zero_employment, "{:?}", t.kind);
        assert_eq!(d.members.len(), 2);
        // Numbers are masked in the household record.
        let m = &d.members[0];
        assert!(m.masked && m.id_number.contains("****") && !m.id_number.contains("19750310"));
        assert_eq!(m.phone.as_deref(), Some("138****8000"));
        // The ledger suggests categories: 零就业家庭 for both, 4050 and near-retirement for him (51).
        assert!(
            m.suggested_categories
                .iter()
                .any(|c| c.as_str() == "zero_employment_household")
        );
        assert!(
            m.suggested_categories
                .iter()
                .any(|c| c.as_str() == "forty_fifty")
        );

        // She finds a job: the household is no longer zero-employment.
        let wife_id = d.members[1].id;
        let employed = PersonInput {
            status: Some("employed_formal".into()),
            employed_since: Some("2026-03-01".into()),
            version: Some(1),
            ..unemployed(&wife, "张丽")
        };
        let view = people::update(&t.db, &coordinator, wife_id, &employed)
            .await
            .expect("update");
        assert_eq!(view.version, 2);
        let d = households::get(&t.db, &coordinator, id).await.expect("get");
        assert!(!d.household.zero_employment);

        // History: two versions of her record, the second naming what changed.
        let versions = history::list(&t.db, people::ENTITY, wife_id)
            .await
            .expect("history");
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0].version, 2);
        for field in [
            "status",
            "employed_since",
            "unemployment_cert_no",
            "unemployed_since",
        ] {
            assert!(versions[0].changes.iter().any(|c| c == field), "{field}");
        }
        let old = history::get(&t.db, people::ENTITY, wife_id, 1)
            .await
            .expect("v1");
        let status = old
            .fields
            .iter()
            .find(|f| f.name == "status")
            .expect("status");
        assert_eq!(status.value, "registered_unemployed");
        let number = old
            .fields
            .iter()
            .find(|f| f.name == "id_number")
            .expect("id");
        assert!(number.value.contains("****"), "old versions are masked too");

        // The full record is unmasked for the coordinator, and the read is audited.
        let full = people::get_full(&t.db, &coordinator, wife_id)
            .await
            .expect("full");
        assert_eq!(full.id_number, wife);
        assert!(!full.masked);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn nobody_sees_or_edits_another_communitys_households() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let nantoucheng = actor(Role::Coordinator, Some(NANTOUCHENG));
        let h = households::create(&t.db, &nantoucheng, &household(NANTOUCHENG))
            .await
            .expect("household");
        let id = h.household.id;
        let person = people::add(
            &t.db,
            &nantoucheng,
            id,
            &unemployed(&id_number("440305", "19900101", "011"), "王芳"),
        )
        .await
        .expect("member")
        .members[0]
            .id;

        let daxin = actor(Role::Coordinator, Some(DAXIN));
        let futian_street = actor(Role::StreetOfficer, Some("440304001"));
        let hr = actor(Role::HrManager, Some("440305"));
        for (who, expected) in [
            (&daxin, AppError::OutOfScope),
            (&futian_street, AppError::OutOfScope),
            (&hr, AppError::Forbidden),
        ] {
            assert_eq!(
                households::get(&t.db, who, id).await.err(),
                Some(expected.clone())
            );
            assert_eq!(
                people::get_full(&t.db, who, person).await.err(),
                Some(expected.clone())
            );
            let visit = VisitInput {
                visited_on: Some("2026-01-05".into()),
                note: Some("入户".into()),
            };
            assert_eq!(
                households::record_visit(&t.db, who, id, &visit).await.err(),
                Some(expected.clone())
            );
        }
        // A coordinator cannot file a household in a neighbouring community.
        assert_eq!(
            households::create(&t.db, &daxin, &household(NANTOUCHENG))
                .await
                .err(),
            Some(AppError::OutOfScope)
        );
        // Lists: the neighbour sees none, asking for another area is refused.
        let none = households::list(&t.db, &daxin, &HouseholdQuery::default())
            .await
            .expect("list");
        assert_eq!(none.total, 0);
        let other = HouseholdQuery {
            area: Some(NANTOUCHENG.into()),
            ..HouseholdQuery::default()
        };
        assert_eq!(
            households::list(&t.db, &daxin, &other).await.err(),
            Some(AppError::OutOfScope)
        );
        // The street above sees it; the city reads it masked but may not edit or unmask.
        let street = actor(Role::StreetOfficer, Some("440305001"));
        assert_eq!(
            households::list(&t.db, &street, &HouseholdQuery::default())
                .await
                .expect("street list")
                .total,
            1
        );
        let city = actor(Role::CityOfficer, Some("4403"));
        let seen = households::get(&t.db, &city, id).await.expect("city reads");
        assert!(seen.members[0].masked);
        assert_eq!(
            people::get_full(&t.db, &city, person).await.err(),
            Some(AppError::Forbidden)
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn an_id_number_is_one_person_in_the_whole_country() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let nantoucheng = actor(Role::Coordinator, Some(NANTOUCHENG));
        let mut nanyuan = actor(Role::Coordinator, Some(NANYUAN));
        nanyuan.username = "nanyuan_coordinator".into();
        let a = new_household(&t.db, &nantoucheng, NANTOUCHENG).await;
        let b = new_household(&t.db, &nanyuan, NANYUAN).await;
        let number = id_number("440305", "19880808", "023");
        people::add(&t.db, &nantoucheng, a, &unemployed(&number, "陈明"))
            .await
            .expect("first");
        // Inside the scope the answer says the person is already in the ledger…
        assert_eq!(
            people::add(&t.db, &nantoucheng, a, &unemployed(&number, "陈明"))
                .await
                .err(),
            Some(AppError::Conflict("person.in_ledger".into()))
        );
        // …elsewhere it says only that the number is registered in another area.
        assert_eq!(
            people::add(&t.db, &nanyuan, b, &unemployed(&number, "陈明"))
                .await
                .err(),
            Some(AppError::Conflict("person.registered_elsewhere".into()))
        );
        // A stale edit learns nothing about numbers: the version is checked first, so a taken
        // and a free number get the same answer.
        let mine = people::add(
            &t.db,
            &nanyuan,
            b,
            &unemployed(&id_number("440304", "19900101", "031"), "王芳"),
        )
        .await
        .expect("own")
        .members[0]
            .id;
        for other in [number.clone(), id_number("440304", "19910202", "045")] {
            let stale = PersonInput {
                version: Some(7),
                ..unemployed(&other, "王芳")
            };
            assert_eq!(
                people::update(&t.db, &nanyuan, mine, &stale).await.err(),
                Some(AppError::Conflict("version".into()))
            );
        }
        // Each clash outside the area is audited (without the number), and the account is
        // throttled once it has met CLASHES_PER_HOUR in the hour.
        use app::backend::entity::audit_log;
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        let clashes = || {
            audit_log::Entity::find()
                .filter(audit_log::Column::Action.eq("number_clash"))
                .filter(audit_log::Column::ActorName.eq(nanyuan.username.as_str()))
        };
        assert_eq!(clashes().count(&t.db).await.expect("count"), 1);
        let rows = clashes().all(&t.db).await.expect("rows");
        assert!(
            rows.iter()
                .all(|r| r.detail.is_none() && !r.entity_id.contains(&number))
        );
        for _ in 1..people::CLASHES_PER_HOUR {
            assert_eq!(
                people::add(&t.db, &nanyuan, b, &unemployed(&number, "陈明"))
                    .await
                    .err(),
                Some(AppError::Conflict("person.registered_elsewhere".into()))
            );
        }
        assert_eq!(
            people::add(&t.db, &nanyuan, b, &unemployed(&number, "陈明"))
                .await
                .err(),
            Some(AppError::TooManyAttempts)
        );
        // An hour later the account may try again.
        let later =
            app::backend::clock::pin(app::backend::testing::at("2026-09-24T11:01:00+08:00"));
        assert_eq!(
            people::add(&t.db, &nanyuan, b, &unemployed(&number, "陈明"))
                .await
                .err(),
            Some(AppError::Conflict("person.registered_elsewhere".into()))
        );
        drop(later);
        // A lower-case x is the same number.
        let with_x = "11010519491231002X";
        people::add(&t.db, &nantoucheng, a, &unemployed(with_x, "赵敏"))
            .await
            .expect("x");
        assert_eq!(
            people::add(
                &t.db,
                &nantoucheng,
                a,
                &unemployed(&with_x.to_lowercase(), "赵敏")
            )
            .await
            .err(),
            Some(AppError::Conflict("person.in_ledger".into()))
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn concurrent_edits_are_detected_not_overwritten() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let street = actor(Role::StreetOfficer, Some("440305001"));
        let id = new_household(&t.db, &coordinator, NANTOUCHENG).await;
        let first = HouseholdInput {
            address: Some("深南大道1号3栋502（已核实）".into()),
            version: Some(1),
            ..household(NANTOUCHENG)
        };
        let second = HouseholdInput {
            note: Some("户主外出务工".into()),
            version: Some(1),
            ..household(NANTOUCHENG)
        };
        let saved = households::update(&t.db, &coordinator, id, &first)
            .await
            .expect("first save");
        assert_eq!(saved.household.version, 2);
        assert_eq!(
            households::update(&t.db, &street, id, &second).await.err(),
            Some(AppError::Conflict("version".into()))
        );
        let now = households::get(&t.db, &street, id).await.expect("get");
        assert_eq!(now.household.address, "深南大道1号3栋502（已核实）");
        assert_eq!(now.note, None, "the stale edit wrote nothing");
        assert_eq!(now.history.len(), 2);
        assert_eq!(now.history[0].changes, vec!["address".to_string()]);
        // Without a version the update is refused as a field error.
        let missing = HouseholdInput {
            version: None,
            ..second
        };
        assert!(matches!(
            households::update(&t.db, &street, id, &missing).await,
            Err(AppError::Invalid(f)) if f.contains_key("version")
        ));
        t.cleanup().await;
    }
}

/// Many saves at once of different households (SQLite lets one writer at a time): each is
/// saved, or refused with 409 `busy` with nothing written (a transaction that read before
/// another's write cannot write on SQLite); never the 500 such a save used to get.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn saves_that_lose_the_race_for_the_database_are_409_not_500() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let mut ids = Vec::new();
        for _ in 0..12 {
            ids.push(new_household(&t.db, &coordinator, NANTOUCHENG).await);
        }
        let saves: Vec<_> = ids
            .iter()
            .map(|&id| {
                let (db, who) = (t.db.clone(), coordinator.clone());
                tokio::spawn(async move {
                    let _clock = app::backend::testing::suite_clock();
                    let edit = HouseholdInput {
                        note: Some(format!("第{id}户复核")),
                        version: Some(1),
                        ..household(NANTOUCHENG)
                    };
                    (id, households::update(&db, &who, id, &edit).await)
                })
            })
            .collect();
        let mut saved = 0;
        for save in saves {
            let (id, result) = save.await.expect("join");
            let now = households::get(&t.db, &coordinator, id).await.expect("get");
            match result {
                Ok(_) => {
                    saved += 1;
                    assert_eq!(now.household.version, 2);
                }
                Err(AppError::Conflict(key)) => {
                    assert_eq!(key, "busy", "{:?}", t.kind);
                    assert_eq!(now.household.version, 1, "a refused save wrote nothing");
                }
                Err(other) => panic!("{:?}: household {id}: {other:?}", t.kind),
            }
        }
        assert!(saved > 0, "{:?}: nothing saved", t.kind);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn similar_names_with_one_birth_date_are_flagged_and_visits_set_the_next_check() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let a = new_household(&t.db, &coordinator, NANTOUCHENG).await;
        let b = new_household(&t.db, &coordinator, NANTOUCHENG).await;
        people::add(
            &t.db,
            &coordinator,
            a,
            &unemployed(&id_number("440305", "19851111", "012"), "王芳"),
        )
        .await
        .expect("first");
        let d = people::add(
            &t.db,
            &coordinator,
            b,
            &unemployed(&id_number("440305", "19851111", "024"), "汪芳"),
        )
        .await
        .expect("second");
        assert_eq!(d.open_duplicates, 1);

        let visit = VisitInput {
            visited_on: Some("2026-01-05".into()),
            note: Some("核实就业状态".into()),
        };
        let after = households::record_visit(&t.db, &coordinator, b, &visit)
            .await
            .expect("visit");
        assert_eq!(after.household.last_visit_on.as_deref(), Some("2026-01-05"));
        assert_eq!(after.household.next_visit_on.as_deref(), Some("2026-04-05"));
        assert_eq!(after.visits.len(), 1);
        // A visit in the future is refused, nothing written.
        let future = VisitInput {
            visited_on: Some("2999-01-01".into()),
            note: Some("x".into()),
        };
        assert!(matches!(
            households::record_visit(&t.db, &coordinator, b, &future).await,
            Err(AppError::Invalid(_))
        ));
        let again = households::get(&t.db, &coordinator, b).await.expect("get");
        assert_eq!(again.visits.len(), 1);
        t.cleanup().await;
    }
}

/// Numbers as an input method in full-width mode types them, and a minority name joined by
/// any of the middle dots people type: the numbers are read as the digits they show, the
/// names as one name (flagged as a possible duplicate with the same birth date).
#[tokio::test]
async fn numbers_and_names_are_read_as_people_type_them() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let number = id_number("440305", "19900214", "022");
        let wide = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    '0'..='9' | 'X' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                    other => other,
                })
                .collect()
        };
        let a = new_household(&t.db, &coordinator, NANTOUCHENG).await;
        let typed = PersonInput {
            phone: Some(format!(
                "{}－{}－{}",
                wide("138"),
                wide("0013"),
                wide("8000")
            )),
            ..unemployed(&wide(&number), "阿依古丽·买买提")
        };
        let added = people::add(&t.db, &coordinator, a, &typed)
            .await
            .expect("full-width digits are digits");
        let full = people::get_full(&t.db, &coordinator, added.members[0].id)
            .await
            .expect("full");
        assert_eq!(full.id_number, number);
        assert_eq!(full.phone.as_deref(), Some("13800138000"));
        // The same number typed with spaces is the same person.
        let spaced = format!("{} {} {}", &number[..6], &number[6..14], &number[14..]);
        let b = new_household(&t.db, &coordinator, NANTOUCHENG).await;
        assert_eq!(
            people::add(&t.db, &coordinator, b, &unemployed(&spaced, "阿依古丽"))
                .await
                .err(),
            Some(AppError::Conflict("person.in_ledger".into()))
        );
        // U+30FB, the katakana middle dot an input method gives, joins the same name.
        let other = id_number("440305", "19900214", "044");
        let d = people::add(
            &t.db,
            &coordinator,
            b,
            &unemployed(&other, "阿依古丽・买买提"),
        )
        .await
        .expect("second");
        assert_eq!(d.open_duplicates, 1, "{:?}", t.kind);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_calendar_is_seeded_once_and_updatable() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        assert!(calendar::seed_bundled(&t.db).await.expect("seed") > 40);
        assert_eq!(calendar::seed_bundled(&t.db).await.expect("again"), 0);
        let cal = calendar::load(&t.db).await.expect("load");
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert_eq!(cal.add_working_days(d("2026-09-29"), 5), d("2026-10-12"));
        // A new year's announcement replaces and adds days.
        let days =
            app::domain::calendar::parse_csv("2027-01-01,holiday,元旦\n2026-10-10,holiday,改")
                .expect("csv");
        calendar::import(&t.db, By::System("test"), &days)
            .await
            .expect("import");
        let cal = calendar::load(&t.db).await.expect("load");
        assert!(!cal.is_working_day(d("2026-10-10")));
        assert!(!cal.is_working_day(d("2027-01-01")));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_demo_street_holds_zero_employment_households_the_rule_confirms() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let n = app::backend::seed::ledger::seed(&t.db).await.expect("seed");
        assert_eq!(n, 320, "four communities of 80 households");
        assert_eq!(
            app::backend::seed::ledger::seed(&t.db)
                .await
                .expect("again"),
            0
        );
        let street = actor(Role::StreetOfficer, Some("440305001"));
        let zero = households::list(
            &t.db,
            &street,
            &HouseholdQuery {
                zero: Some("1".into()),
                per_page: Some("100".into()),
                ..HouseholdQuery::default()
            },
        )
        .await
        .expect("zero list");
        assert!(
            zero.total >= 8,
            "at least two per community, got {}",
            zero.total
        );
        for h in &zero.items {
            assert!(h.zero_employment && h.is_demo);
            // Recomputing from the members gives the same answer.
            assert!(
                households::refresh_zero(&t.db, h.id)
                    .await
                    .expect("refresh")
            );
        }
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let own = households::list(&t.db, &coordinator, &HouseholdQuery::default())
            .await
            .expect("own");
        assert_eq!(own.total, 80);
        assert!(own.items.iter().all(|h| h.community_code == NANTOUCHENG));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_zero_employment_case_is_identified_assisted_cleared_and_stabilised() {
    let _clock = app::backend::testing::suite_clock();
    use app::backend::service::{assistance::targets, assistance::worklist, ledger::zero_cases};
    use app::domain::zero_employment::Stage;
    use app::model::assistance::TargetInput;
    for t in dbs().await {
        let versions = app::backend::service::policies::versions(&t.db)
            .await
            .expect("versions");
        let on = app::backend::clock::today();
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let id = new_household(&t.db, &coordinator, NANTOUCHENG).await;
        let number = id_number("440305", "19800808", "015");
        let d = people::add(&t.db, &coordinator, id, &unemployed(&number, "孙刚"))
            .await
            .expect("member");
        let person = d.members[0].id;
        // 出现: identified today, to be cleared within a month.
        let open = zero_cases::open_cases(&t.db, &coordinator, on, &versions)
            .await
            .expect("open");
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].stage, Stage::Identified);
        let by = on.checked_add_months(chrono::Months::new(1)).expect("date");
        assert_eq!(open[0].clear_by, by.format("%Y-%m-%d").to_string());
        assert!(!open[0].overdue);
        // Past the deadline it would be flagged.
        let later = by.succ_opt().expect("date");
        assert!(
            zero_cases::open_cases(&t.db, &coordinator, later, &versions)
                .await
                .expect("later")[0]
                .overdue
        );

        // 援助: his assistance file opens.
        targets::apply(
            &t.db,
            &coordinator,
            &TargetInput {
                person_id: Some(person),
                ..TargetInput::default()
            },
        )
        .await
        .expect("apply");
        let open = zero_cases::open_cases(&t.db, &coordinator, on, &versions)
            .await
            .expect("open");
        assert_eq!(open[0].stage, Stage::Assisted);

        // The work list shows the case, the never-visited household and the file to review.
        let w = worklist::for_actor(&t.db, &coordinator, &WorkQuery::default())
            .await
            .expect("work");
        assert_eq!(w.zero_summary.open, 1);
        assert_eq!(w.zero_cases.len(), 1);
        assert!(w.due_visits.iter().any(|h| h.id == id));
        assert_eq!(w.reviews.len(), 1);
        assert_eq!(
            worklist::for_actor(
                &t.db,
                &actor(Role::HrManager, Some("4403")),
                &WorkQuery::default()
            )
            .await
            .err(),
            Some(AppError::Forbidden)
        );
        // The overview by community: the own community's case; nothing of it for a neighbour;
        // not for the HR manager.
        let overview = zero_cases::overview(&t.db, &coordinator, on, &versions)
            .await
            .expect("overview");
        assert_eq!(overview.communities.len(), 1);
        assert_eq!(overview.communities[0].open_now, 1);
        assert!(
            zero_cases::overview(&t.db, &actor(Role::Coordinator, Some(DAXIN)), on, &versions)
                .await
                .expect("neighbour")
                .communities
                .is_empty()
        );
        assert_eq!(
            zero_cases::overview(&t.db, &actor(Role::HrManager, Some("4403")), on, &versions)
                .await
                .err(),
            Some(AppError::Forbidden)
        );

        // 清零: he finds a job.
        let employed = PersonInput {
            status: Some("employed_flexible".into()),
            employed_since: Some(on.format("%Y-%m-%d").to_string()),
            version: Some(1),
            ..unemployed(&number, "孙刚")
        };
        people::update(&t.db, &coordinator, person, &employed)
            .await
            .expect("employed");
        let s = zero_cases::summary(&t.db, &coordinator, on, &versions)
            .await
            .expect("summary");
        assert_eq!((s.open, s.cleared, s.stable, s.overdue), (0, 1, 0, 0));

        // 稳定: still employed three months later.
        let before = on
            .checked_add_months(chrono::Months::new(3))
            .expect("date")
            .pred_opt()
            .expect("date");
        assert_eq!(
            zero_cases::sweep(&t.db, None, before, &versions)
                .await
                .expect("sweep"),
            0
        );
        let three = on.checked_add_months(chrono::Months::new(3)).expect("date");
        assert_eq!(
            zero_cases::sweep(&t.db, None, three, &versions)
                .await
                .expect("sweep"),
            1
        );
        let s = zero_cases::summary(&t.db, &coordinator, three, &versions)
            .await
            .expect("summary");
        assert_eq!(s.stable, 1);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn an_officer_merges_a_flagged_pair_and_both_histories_stay() {
    let _clock = app::backend::testing::suite_clock();
    use app::backend::service::ledger::duplicates;
    use app::model::ledger::DuplicateDecision;
    for t in dbs().await {
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let street = actor(Role::StreetOfficer, Some("440305001"));
        let [(first, _), (second, b)] = twice_typed(&t.db, &coordinator).await;
        let typo = id_number("440305", "19870606", "014");
        // The second record was edited once: its history has two versions.
        people::update(
            &t.db,
            &coordinator,
            second,
            &PersonInput {
                phone: Some("13900139000".into()),
                version: Some(1),
                ..unemployed(&typo, "李 娜")
            },
        )
        .await
        .expect("edit");
        let flags = duplicates::list(&t.db, &street).await.expect("list");
        assert_eq!(flags.len(), 1);
        let flag = &flags[0];
        assert!(flag.first.id_number.contains("****"), "numbers masked");
        assert!(
            duplicates::list(&t.db, &actor(Role::Coordinator, Some(DAXIN)))
                .await
                .expect("other community")
                .is_empty()
        );
        let merge = |keep: i64| DuplicateDecision {
            action: Some("merge".into()),
            keep: Some(keep),
            kept_version: Some(1),
            merged_version: Some(2),
        };
        // A merge names the versions compared: a stale one (the second was edited) is refused.
        assert_eq!(
            duplicates::decide(
                &t.db,
                &street,
                flag.id,
                &DuplicateDecision {
                    merged_version: Some(1),
                    ..merge(first)
                }
            )
            .await
            .err(),
            Some(AppError::Conflict("version".into()))
        );
        // The coordinator who typed them does not decide; another street's officer cannot;
        // `keep` must be one of the two.
        assert_eq!(
            duplicates::decide(&t.db, &coordinator, flag.id, &merge(first))
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            duplicates::decide(
                &t.db,
                &actor(Role::StreetOfficer, Some("440304001")),
                flag.id,
                &merge(first)
            )
            .await
            .err(),
            Some(AppError::OutOfScope)
        );
        assert!(matches!(
            duplicates::decide(&t.db, &street, flag.id, &merge(999_999)).await,
            Err(AppError::Invalid(f)) if f.contains_key("keep")
        ));

        duplicates::decide(&t.db, &street, flag.id, &merge(first))
            .await
            .expect("merge");
        // One person now; the second household has no members left; the typo's number is free.
        assert_eq!(
            people::load(&t.db, &coordinator, second).await.err(),
            Some(AppError::NotFound)
        );
        assert!(
            households::get(&t.db, &coordinator, b)
                .await
                .expect("b")
                .members
                .is_empty()
        );
        // Both histories: the kept person's two versions (created, merged) and the merged
        // record's two (created, phone changed), each readable.
        let h = duplicates::person_history(&t.db, &coordinator, first)
            .await
            .expect("history");
        assert_eq!(h.merged.len(), 1);
        assert_eq!(h.merged[0].person_id, second);
        let own: Vec<i32> = h
            .entries
            .iter()
            .filter(|e| e.merged_from.is_none())
            .map(|e| e.version)
            .collect();
        let merged: Vec<i32> = h
            .entries
            .iter()
            .filter(|e| e.merged_from == Some(second))
            .map(|e| e.version)
            .collect();
        assert_eq!((own.len(), merged.len()), (2, 2));
        // The kept person's newest version names the merge, which the page labels as such.
        let newest = h
            .entries
            .iter()
            .filter(|e| e.merged_from.is_none())
            .max_by_key(|e| e.version)
            .expect("newest");
        assert_eq!(
            newest
                .changes
                .iter()
                .map(|c| app::domain::ledger::history_change(c))
                .collect::<Vec<_>>(),
            vec![app::domain::ledger::HistoryChange::Merged(
                second.to_string()
            )]
        );
        assert!(
            h.entries
                .iter()
                .any(|e| e.changes.contains(&format!("merged_record:{second}")))
        );
        let old = duplicates::merged_version(&t.db, &coordinator, first, second, 2)
            .await
            .expect("old version");
        assert!(
            old.fields
                .iter()
                .any(|f| f.name == "phone" && f.value == "139****9000")
        );
        assert_eq!(
            duplicates::merged_version(
                &t.db,
                &actor(Role::Coordinator, Some(DAXIN)),
                first,
                second,
                2
            )
            .await
            .err(),
            Some(AppError::OutOfScope)
        );
        // Settled once only.
        assert_eq!(
            duplicates::decide(&t.db, &street, flag.id, &merge(first))
                .await
                .err(),
            Some(AppError::Conflict("duplicate.resolved".into()))
        );
        assert!(
            duplicates::list(&t.db, &street)
                .await
                .expect("list")
                .is_empty()
        );
        // The freed number can be entered again (and is flagged against the kept person).
        let d = people::add(&t.db, &coordinator, b, &unemployed(&typo, "李娜"))
            .await
            .expect("again");
        assert_eq!(d.open_duplicates, 1);
        let again = duplicates::list(&t.db, &street).await.expect("list");
        duplicates::decide(
            &t.db,
            &street,
            again[0].id,
            &DuplicateDecision {
                action: Some("dismiss".into()),
                ..DuplicateDecision::default()
            },
        )
        .await
        .expect("dismiss");
        assert!(
            duplicates::list(&t.db, &street)
                .await
                .expect("list")
                .is_empty()
        );
        // A dismissed pair stays dismissed when a name is edited again.
        people::update(
            &t.db,
            &coordinator,
            d.members[0].id,
            &PersonInput {
                version: Some(1),
                ..unemployed(&typo, "李 娜")
            },
        )
        .await
        .expect("rename");
        assert!(
            duplicates::list(&t.db, &street)
                .await
                .expect("list")
                .is_empty()
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn list_totals_follow_every_write_without_counting_rows() {
    let _clock = app::backend::testing::suite_clock();
    use app::backend::service::ledger::tally;
    for t in dbs().await {
        let county = actor(Role::CountyOfficer, Some("440305"));
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let counted = |zero: bool, community: &'static str| {
            let db = t.db.clone();
            async move {
                tally::total(
                    &db,
                    Some((community.to_string(), community.to_string())),
                    zero,
                )
                .await
                .expect("total")
            }
        };
        let a = households::create(&t.db, &county, &household(NANTOUCHENG))
            .await
            .expect("a");
        households::create(&t.db, &county, &household(DAXIN))
            .await
            .expect("b");
        assert_eq!(
            (
                counted(false, NANTOUCHENG).await,
                counted(false, DAXIN).await
            ),
            (1, 1)
        );
        // A member out of work makes it 零就业家庭; the count of 零就业家庭 follows.
        let number = id_number("440305", "19760202", "033");
        let d = people::add(
            &t.db,
            &coordinator,
            a.household.id,
            &unemployed(&number, "秦岭"),
        )
        .await
        .expect("member");
        assert!(d.household.zero_employment);
        assert_eq!(counted(true, NANTOUCHENG).await, 1);
        // Moved to 大新社区 with its flag; then he finds work and the flag goes.
        let moved = households::update(
            &t.db,
            &county,
            a.household.id,
            &HouseholdInput {
                version: Some(d.household.version),
                ..household(DAXIN)
            },
        )
        .await
        .expect("move");
        assert_eq!(
            (
                counted(false, NANTOUCHENG).await,
                counted(true, NANTOUCHENG).await
            ),
            (0, 0)
        );
        assert_eq!(
            (counted(false, DAXIN).await, counted(true, DAXIN).await),
            (2, 1)
        );
        people::update(
            &t.db,
            &county,
            moved.members[0].id,
            &PersonInput {
                status: Some("employed_formal".into()),
                employed_since: Some("2026-01-05".into()),
                version: Some(moved.members[0].version),
                ..unemployed(&number, "秦岭")
            },
        )
        .await
        .expect("employed");
        assert_eq!(counted(true, DAXIN).await, 0);
        // The list total is the tally's, and agrees with the rows.
        let page = households::list(&t.db, &county, &HouseholdQuery::default())
            .await
            .expect("list");
        assert_eq!(page.total, 2);
        assert_eq!(page.items.len(), 2);
        // A recount from the rows gives the same.
        tally::recount(&t.db).await.expect("recount");
        assert_eq!(tally::total(&t.db, None, false).await.expect("all"), 2);
        t.cleanup().await;
    }
}

/// Dates taken from timestamps, and times shown, are Beijing time: a pair flagged at 06:16 on
/// the 30th (22:16 UTC on the 29th) is flagged on the 30th; a merge at 23:30 is on the 30th, an
/// edit at 00:30 on the 1st.
#[tokio::test]
async fn dates_and_times_are_beijing_time_on_both_sides_of_midnight() {
    use app::backend::clock;
    use app::backend::service::ledger::duplicates;
    use app::backend::testing::at;
    use app::model::ledger::DuplicateDecision;
    for t in dbs().await {
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let street = actor(Role::StreetOfficer, Some("440305001"));
        let morning = clock::pin(at("2026-11-30T06:16:00+08:00"));
        let [(first, _), (second, _)] = twice_typed(&t.db, &coordinator).await;
        let flags = duplicates::list(&t.db, &street).await.expect("list");
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].flagged_on, "2026-11-30");
        drop(morning);

        let late = clock::pin(at("2026-11-30T23:30:00+08:00"));
        duplicates::decide(
            &t.db,
            &street,
            flags[0].id,
            &DuplicateDecision {
                action: Some("merge".into()),
                keep: Some(first),
                kept_version: Some(1),
                merged_version: Some(1),
            },
        )
        .await
        .expect("merge");
        drop(late);

        let _early = clock::pin(at("2026-12-01T00:30:00+08:00"));
        people::update(
            &t.db,
            &coordinator,
            first,
            &PersonInput {
                phone: Some("13900139000".into()),
                version: Some(2),
                ..unemployed(&id_number("440305", "19870606", "012"), "李娜")
            },
        )
        .await
        .expect("edit");
        let h = duplicates::person_history(&t.db, &coordinator, first)
            .await
            .expect("history");
        assert_eq!(h.merged.len(), 1);
        assert_eq!(h.merged[0].person_id, second);
        assert_eq!(h.merged[0].merged_on, "2026-11-30");
        let own: Vec<&str> = h
            .entries
            .iter()
            .filter(|e| e.merged_from.is_none())
            .map(|e| e.changed_at.as_str())
            .collect();
        assert_eq!(
            own,
            ["2026-12-01 00:30", "2026-11-30 23:30", "2026-11-30 06:16"],
            "newest first"
        );
        t.cleanup().await;
    }
}

/// The history names its changed fields by label: every field a household or a person record
/// saves (the first version lists them all) has a label in both languages, not its stored name.
#[tokio::test]
async fn every_field_the_history_names_has_a_label_in_both_languages() {
    use app::domain::ledger::{HistoryChange, history_change};
    use app::i18n::{Locale, translate};
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let [(person, household), _] = twice_typed(&t.db, &coordinator).await;
        let mut fields = Vec::new();
        for (entity, id) in [(households::ENTITY, household), (people::ENTITY, person)] {
            let versions = history::list(&t.db, entity, id).await.expect("history");
            fields.extend(versions.into_iter().flat_map(|v| v.changes));
        }
        for expected in ["address", "business_income", "is_demo", "name", "dibao"] {
            assert!(
                fields.iter().any(|f| f == expected),
                "{expected} in {fields:?}"
            );
        }
        for field in &fields {
            let HistoryChange::Field(key) = history_change(field) else {
                panic!("`{field}` read as a merge");
            };
            let (zh, en) = (translate(&key, Locale::ZhCn), translate(&key, Locale::En));
            assert!(
                zh != key && !zh.contains('_'),
                "`{field}` has no label ({key})"
            );
            // A missing English label would fall back to the Chinese one.
            assert!(
                en != zh && en.is_ascii(),
                "`{field}` has no English label ({key}: {en})"
            );
        }
        assert_eq!(
            translate("ledger.business_income", Locale::ZhCn),
            "有经营性或投资性收入"
        );
        t.cleanup().await;
    }
}

/// 今日工作 in groups: every group's first five on the overview with its counts, one group 20 a
/// page, households never visited first and then the earliest due; another community's
/// households counted nowhere; a group or page out of range is a field error.
#[tokio::test]
async fn the_work_list_is_grouped_and_paged_most_urgent_first() {
    use app::backend::entity::household;
    use app::backend::service::assistance::worklist;
    use app::domain::worklist::WorkGroup;
    use chrono::Days;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let _clock = app::backend::testing::suite_clock();
    let on = app::backend::clock::today();
    for t in dbs().await {
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        // 27 households: every fourth never visited; the others due 1..=26 days away from
        // today in both directions, so some are overdue, some due this week, some not due.
        let mut due: Vec<(Option<chrono::NaiveDate>, i64)> = Vec::new();
        let mut overdue = 0;
        for i in 0..27u64 {
            let id = new_household(&t.db, &coordinator, NANTOUCHENG).await;
            let next = (i % 4 != 0).then(|| {
                if i % 2 == 1 {
                    on.checked_sub_days(Days::new(i)).expect("date")
                } else {
                    on.checked_add_days(Days::new(i / 2)).expect("date")
                }
            });
            let row = household::Entity::find_by_id(id)
                .one(&t.db)
                .await
                .expect("read")
                .expect("row");
            let mut row: household::ActiveModel = row.into();
            row.next_visit_on = Set(next);
            row.update(&t.db).await.expect("set next visit");
            let soon = on.checked_add_days(Days::new(7)).expect("date");
            if next.is_none_or(|d| d <= soon) {
                due.push((next, id));
            }
            if next.is_some_and(|d| d < on) {
                overdue += 1;
            }
        }
        // Never visited first (None sorts first), then by date, then by id.
        due.sort();
        let expected: Vec<i64> = due.iter().map(|(_, id)| *id).collect();
        assert!(
            expected.len() > 20,
            "enough for two pages: {}",
            expected.len()
        );
        let neighbour = actor(Role::Coordinator, Some(DAXIN));
        new_household(&t.db, &neighbour, DAXIN).await;

        let overview = worklist::for_actor(&t.db, &coordinator, &WorkQuery::default())
            .await
            .expect("overview");
        assert_eq!(overview.group, None);
        assert_eq!(overview.counts.visits.total, expected.len() as u64);
        assert_eq!(overview.counts.visits.overdue, overdue);
        let shown: Vec<i64> = overview.due_visits.iter().map(|h| h.id).collect();
        assert_eq!(shown, expected[..5]);

        let query = |page: &str| WorkQuery {
            group: Some("visits".into()),
            page: Some(page.into()),
        };
        let second = worklist::for_actor(&t.db, &coordinator, &query("2"))
            .await
            .expect("page 2");
        assert_eq!(second.group, Some(WorkGroup::Visits));
        assert_eq!(second.pages, expected.len().div_ceil(20) as u64);
        let shown: Vec<i64> = second.due_visits.iter().map(|h| h.id).collect();
        assert_eq!(shown, expected[20..]);
        assert!(second.zero_cases.is_empty() && second.reviews.is_empty());

        for (bad, field) in [
            (query("0"), "page"),
            (query("二"), "page"),
            (
                WorkQuery {
                    group: Some("everything".into()),
                    page: None,
                },
                "group",
            ),
        ] {
            match worklist::for_actor(&t.db, &coordinator, &bad).await {
                Err(AppError::Invalid(fields)) => assert!(fields.contains_key(field), "{fields:?}"),
                other => panic!("{bad:?}: {other:?}"),
            }
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_ledger_is_found_by_address_name_and_id_number_inside_the_scope_only() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let nantoucheng = actor(Role::Coordinator, Some(NANTOUCHENG));
        let daxin = actor(Role::Coordinator, Some(DAXIN));
        let street = actor(Role::StreetOfficer, Some("440305001"));
        let wang = id_number("440305", "19800101", "022");
        let ayigul = id_number("440305", "19900202", "044");
        let other_wang = id_number("440305", "19850303", "066");
        // 南头城: 王秀英 in 深南大道, 阿依古丽·买买提 in 中山东街; 大新: 王秀兰.
        let a = new_household(&t.db, &nantoucheng, NANTOUCHENG).await;
        people::add(&t.db, &nantoucheng, a, &unemployed(&wang, "王秀英"))
            .await
            .expect("王秀英");
        let mut input = household(NANTOUCHENG);
        input.address = Some("中山东街8号2栋101".into());
        let b = households::create(&t.db, &nantoucheng, &input)
            .await
            .expect("household")
            .household
            .id;
        people::add(
            &t.db,
            &nantoucheng,
            b,
            &unemployed(&ayigul, "阿依古丽·买买提"),
        )
        .await
        .expect("阿依古丽");
        let c = new_household(&t.db, &daxin, DAXIN).await;
        let added = people::add(&t.db, &daxin, c, &unemployed(&other_wang, "王秀兰"))
            .await
            .expect("王秀兰");
        let other_wang_id = added.members[0].id;

        let found = |who: &app::backend::Actor, q: &str| {
            let (db, who, q) = (t.db.clone(), who.clone(), q.to_string());
            async move {
                let page = households::list(
                    &db,
                    &who,
                    &HouseholdQuery {
                        q: Some(q),
                        ..HouseholdQuery::default()
                    },
                )
                .await?;
                assert_eq!(page.total as usize, page.items.len());
                assert!(!page.capped);
                Ok::<_, AppError>(page.items.iter().map(|h| h.id).collect::<Vec<_>>())
            }
        };
        // The start of a name, inside the scope: the street sees both 王秀, the coordinator hers.
        assert_eq!(
            found(&street, "王秀").await.expect("street"),
            vec![c, a],
            "{:?}",
            t.kind
        );
        assert_eq!(found(&street, "王秀英").await.expect("full name"), vec![a]);
        assert_eq!(
            found(&nantoucheng, "王秀").await.expect("coordinator"),
            vec![a]
        );
        assert_eq!(
            found(&street, "秀英").await.expect("middle"),
            Vec::<i64>::new()
        );
        // However the middle dot was typed, and part of the address.
        assert_eq!(
            found(&street, "阿依古丽•买买提").await.expect("dot"),
            vec![b]
        );
        assert_eq!(found(&street, "中山东街").await.expect("address"), vec![b]);
        // Two characters search addresses inside a street, only names above it (a fragment
        // that short would read every household of a city).
        assert_eq!(
            found(&street, "中山").await.expect("short, street"),
            vec![b]
        );
        let county = actor(Role::CountyOfficer, Some("440305"));
        assert_eq!(
            found(&county, "中山").await.expect("short, county"),
            Vec::<i64>::new()
        );
        assert_eq!(
            found(&county, "王秀").await.expect("a name, county"),
            vec![c, a]
        );
        // An ID number, exactly, as typed in groups; another area's number finds nothing.
        let grouped = format!("{} {} {}", &wang[..6], &wang[6..14], &wang[14..]);
        assert_eq!(found(&nantoucheng, &grouped).await.expect("id"), vec![a]);
        assert_eq!(
            found(&nantoucheng, &other_wang).await.expect("other area"),
            Vec::<i64>::new()
        );
        assert_eq!(
            found(&street, &other_wang).await.expect("street's"),
            vec![c]
        );
        // A mistyped number is refused with its reason, never searched as an address.
        let mut slip = wang.clone().into_bytes();
        slip[17] = if slip[17] == b'1' { b'2' } else { b'1' };
        let slip = String::from_utf8(slip).expect("digits");
        match found(&street, &slip).await {
            Err(AppError::Invalid(errors)) => {
                assert_eq!(
                    errors.get("q").map(String::as_str),
                    Some("id_number.checksum")
                )
            }
            other => panic!("{:?}: {other:?}", t.kind),
        }

        // A role that sees numbers masked cannot search by them: trying the numbers a mask
        // leaves open would rebuild it.
        let city = actor(Role::CityOfficer, Some("4403"));
        assert_eq!(found(&city, "王秀英").await.expect("by name"), vec![a]);
        match found(&city, &wang).await {
            Err(AppError::Invalid(errors)) => assert_eq!(
                errors.get("q").map(String::as_str),
                Some("id_number.search_masked")
            ),
            other => panic!("{:?}: {other:?}", t.kind),
        }
        assert!(matches!(
            households::find_by_id_number(&t.db, &city, &IdNumberLookup { id_number: wang.clone() }).await,
            Err(AppError::Invalid(e)) if e.contains_key("id_number")
        ));

        // The lookup by number alone (the page's form and POST /api/v1/people/find).
        let lookup = |n: &str| IdNumberLookup {
            id_number: n.to_string(),
        };
        let hit = households::find_by_id_number(&t.db, &daxin, &lookup(&other_wang))
            .await
            .expect("found");
        assert_eq!((hit.household_id, hit.person_id), (c, other_wang_id));
        let unknown = id_number("440305", "19700707", "088");
        for (n, key) in [
            (other_wang.as_str(), "id_number.not_in_scope"),
            (unknown.as_str(), "id_number.not_in_scope"),
            ("", "id_number.required"),
            (slip.as_str(), "id_number.checksum"),
        ] {
            match households::find_by_id_number(&t.db, &nantoucheng, &lookup(n)).await {
                Err(AppError::Invalid(errors)) => {
                    assert_eq!(
                        errors.get("id_number").map(String::as_str),
                        Some(key),
                        "{n}"
                    )
                }
                other => panic!("{:?}: {n}: {other:?}", t.kind),
            }
        }
    }
}
