//! 充分就业社区 indicators computed from a real ledger (SQLite and Postgres) and checked against
//! a hand count; scope refusals.

#![cfg(feature = "ssr")]

use chrono::{Days, Months};

use app::backend::clock::today;
use app::backend::service::certification::indicators;
use app::backend::service::{ledger::households, ledger::people};
use app::backend::testing::{actor, dbs_with_areas as dbs, id_number};
use app::domain::certification::Tier;
use app::domain::indicators::{Indicator, Share};
use app::domain::role::Role;
use app::model::AppError;
use app::model::ledger::{HouseholdInput, PersonInput};

const COMMUNITY: &str = "440305001001";

fn ymd(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[tokio::test]
async fn indicators_match_a_hand_count_and_stay_in_scope() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let coordinator = actor(Role::Coordinator, Some(COMMUNITY));
        let on = today();
        let year = |age: i32| chrono::Datelike::year(&on) - age;
        // Three households, one person each: an employed man of 40; a woman of 35 registered
        // unemployed for 8 months; a man of 30 out of work for a month, not registered.
        let members = [
            PersonInput {
                id_number: Some(id_number("440305", &format!("{}0101", year(40)), "011")),
                name: Some("甲".into()),
                ability: Some("full".into()),
                wants_work: true,
                status: Some("employed_formal".into()),
                employed_since: Some("2020-01-01".into()),
                ..PersonInput::default()
            },
            PersonInput {
                id_number: Some(id_number("440305", &format!("{}0202", year(35)), "022")),
                name: Some("乙".into()),
                ability: Some("full".into()),
                wants_work: true,
                status: Some("registered_unemployed".into()),
                unemployment_cert_no: Some("4403052026000123".into()),
                unemployed_since: Some(ymd(on.checked_sub_months(Months::new(8)).expect("date"))),
                ..PersonInput::default()
            },
            PersonInput {
                id_number: Some(id_number("440305", &format!("{}0303", year(30)), "033")),
                name: Some("丙".into()),
                ability: Some("full".into()),
                wants_work: true,
                status: Some("unemployed".into()),
                unemployed_since: Some(ymd(on.checked_sub_months(Months::new(1)).expect("date"))),
                ..PersonInput::default()
            },
        ];
        let mut ids = Vec::new();
        for (n, m) in members.iter().enumerate() {
            let h = households::create(
                &t.db,
                &coordinator,
                &HouseholdInput {
                    community_code: Some(COMMUNITY.into()),
                    address: Some(format!("南头城东街{n}号")),
                    urban_hukou: true,
                    ..HouseholdInput::default()
                },
            )
            .await
            .expect("household");
            let d = people::add(&t.db, &coordinator, h.household.id, m)
                .await
                .expect("member");
            ids.push((d.members[0].id, h.household.id));
        }
        let r = indicators::community(&t.db, &coordinator, COMMUNITY, on, Tier::Community)
            .await
            .expect("indicators");
        assert_eq!(r.facts.able_willing, Share { part: 1, whole: 3 });
        assert_eq!(r.facts.registered, Share { part: 0, whole: 1 });
        assert_eq!(r.facts.registration, Share { part: 1, whole: 2 });
        assert_eq!(r.facts.difficult, Share { part: 0, whole: 0 });
        assert_eq!(r.behind.long_unemployed, vec![ids[1].0]);
        assert_eq!(r.behind.unregistered, vec![ids[2].0]);
        // Two 零就业家庭 found today, within their month: no veto yet.
        assert_eq!(r.facts.zero_households_late, 0);
        assert!(!r.evaluation.vetoed && !r.evaluation.pass);
        let names: Vec<&str> = r.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["乙", "丙"]);
        // The day before, none of them was in the ledger yet: a past day is judged on that
        // day's records (month-end history), so nobody is counted.
        let before = on.checked_sub_days(Days::new(1)).expect("date");
        let r = indicators::community(&t.db, &coordinator, COMMUNITY, before, Tier::Community)
            .await
            .expect("the day before");
        assert_eq!(r.facts.able_willing, Share { part: 0, whole: 0 });
        assert_eq!(r.facts.registration, Share { part: 0, whole: 0 });
        assert!(r.people.is_empty());
        // Forty days on, both are past their month: the veto item fails first.
        let later = on.checked_add_days(Days::new(40)).expect("date");
        let r = indicators::community(&t.db, &coordinator, COMMUNITY, later, Tier::Community)
            .await
            .expect("later");
        assert_eq!(
            r.evaluation.results[0].indicator,
            Indicator::ZeroHouseholdsCleared
        );
        assert!(r.evaluation.vetoed);
        let mut late = r.behind.late_zero_households.clone();
        late.sort_unstable();
        assert_eq!(late, vec![ids[1].1, ids[2].1]);
        assert_eq!(r.households.len(), 2);

        // Another community's worker, the HR manager and a wrong level are refused.
        let neighbour = actor(Role::Coordinator, Some("440305001003"));
        assert_eq!(
            indicators::community(&t.db, &neighbour, COMMUNITY, on, Tier::Community)
                .await
                .err(),
            Some(AppError::OutOfScope)
        );
        let hr = actor(Role::HrManager, Some("440300000000"));
        assert_eq!(
            indicators::community(&t.db, &hr, COMMUNITY, on, Tier::Community)
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        assert!(matches!(
            indicators::community(&t.db, &coordinator, "440305001000", on, Tier::Community).await,
            Err(AppError::Invalid(f)) if f.contains_key("community")
        ));
        t.cleanup().await;
    }
}

/// Someone registered as unemployed this year who has found work since counts among the
/// registered (from the saved version of the record) and as employed.
#[tokio::test]
async fn the_registered_who_found_work_count_from_their_record_history() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let coordinator = actor(Role::Coordinator, Some(COMMUNITY));
        let on = today();
        let h = households::create(
            &t.db,
            &coordinator,
            &HouseholdInput {
                community_code: Some(COMMUNITY.into()),
                address: Some("南头城西街1号".into()),
                urban_hukou: true,
                ..HouseholdInput::default()
            },
        )
        .await
        .expect("household");
        let registered = PersonInput {
            id_number: Some(id_number("440305", "19880808", "041")),
            name: Some("丁".into()),
            ability: Some("full".into()),
            wants_work: true,
            status: Some("registered_unemployed".into()),
            unemployment_cert_no: Some("4403052026000777".into()),
            unemployed_since: Some(ymd(on.checked_sub_months(Months::new(3)).expect("date"))),
            ..PersonInput::default()
        };
        let d = people::add(&t.db, &coordinator, h.household.id, &registered)
            .await
            .expect("member");
        let before = indicators::community(&t.db, &coordinator, COMMUNITY, on, Tier::Community)
            .await
            .expect("indicators");
        assert_eq!(before.facts.registered, Share { part: 0, whole: 1 });
        let employed = PersonInput {
            status: Some("employed_formal".into()),
            unemployment_cert_no: None,
            unemployed_since: None,
            employed_since: Some(ymd(on)),
            version: Some(1),
            ..registered
        };
        people::update(&t.db, &coordinator, d.members[0].id, &employed)
            .await
            .expect("found work");
        let after = indicators::community(&t.db, &coordinator, COMMUNITY, on, Tier::Community)
            .await
            .expect("indicators");
        assert_eq!(after.facts.registered, Share { part: 1, whole: 1 });
        assert_eq!(after.facts.able_willing, Share { part: 1, whole: 1 });
        t.cleanup().await;
    }
}

/// The certification page (issue 16, item 11): a count for every list the account has, the
/// overview's heads, one list opened and paged, and clear refusals of a list or page that does
/// not exist.
#[tokio::test]
async fn the_certification_page_counts_its_lists_and_refuses_an_unknown_one() {
    use app::backend::service::certification::home;
    use app::domain::cert_lists::CertList;
    use app::model::certification::CertHomeQuery;
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let province = actor(Role::ProvinceOfficer, Some("440000000000"));
        let query = |list: Option<&str>, page: Option<&str>| CertHomeQuery {
            list: list.map(str::to_string),
            page: page.map(str::to_string),
        };
        let overview = home::for_actor(&t.db, &province, &query(None, None))
            .await
            .expect("overview");
        let lists: Vec<CertList> = overview.counts.iter().map(|c| c.list).collect();
        // Rounds and files always; the queue of a province with nothing waiting is left out.
        assert!(lists.contains(&CertList::Rounds) && lists.contains(&CertList::Files));
        assert!(!lists.contains(&CertList::Queue));
        assert_eq!((overview.opened, overview.pages), (None, 1));
        let opened = home::for_actor(&t.db, &province, &query(Some("due"), Some("1")))
            .await
            .expect("due opened");
        assert_eq!(opened.opened, Some(CertList::Due));
        // The opened list has its section even when the account has nothing in it.
        assert!(opened.counts.iter().any(|c| c.list == CertList::Due));
        assert!(opened.rounds.is_empty() && opened.files.is_empty());
        assert_eq!(
            home::for_actor(&t.db, &province, &query(Some("everything"), None))
                .await
                .err(),
            Some(AppError::field("list", "cert.bad_list"))
        );
        assert!(matches!(
            home::for_actor(&t.db, &province, &query(Some("due"), Some("0"))).await,
            Err(AppError::Invalid(f)) if f.contains_key("page")
        ));
        // Outside the ledger's readers: refused.
        let hr = actor(Role::HrManager, Some("440300000000"));
        assert_eq!(
            home::for_actor(&t.db, &hr, &query(None, None)).await.err(),
            Some(AppError::Forbidden)
        );
        t.cleanup().await;
    }
}

/// A stored policy that cannot be read fails only the indicators it is in force for: another
/// province's leaves a community's indicators as they were; the community's own province's in
/// force is a 500.
#[tokio::test]
async fn an_unreadable_policy_fails_only_where_it_is_in_force() {
    use app::backend::entity::assistance_policy;
    use app::backend::service::policies;
    use app::domain::policy::AssistancePolicy;
    use app::model::policy::PolicyInput;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let on = today();
        let coordinator = actor(Role::Coordinator, Some(COMMUNITY));
        let before = indicators::community(&t.db, &coordinator, COMMUNITY, on, Tier::Community)
            .await
            .expect("indicators");
        let mut published = Vec::new();
        for province in ["110000000000", "440000000000"] {
            let officer = actor(Role::ProvinceOfficer, Some(province));
            let input = PolicyInput {
                area_code: Some(province.into()),
                effective_from: Some(ymd(on)),
                policy: AssistancePolicy::default(),
            };
            let version = policies::publish(&t.db, &officer, &input)
                .await
                .expect("publish");
            let row = assistance_policy::Entity::find()
                .all(&t.db)
                .await
                .expect("rows")
                .into_iter()
                .find(|r| r.area_code == province && r.version == version.version)
                .expect("the published row");
            published.push(row);
        }
        let break_body = |row: &assistance_policy::Model| {
            let mut active: assistance_policy::ActiveModel = row.clone().into();
            active.body = Set("{not json".into());
            active
        };
        // 北京's version broken: 广东's community is judged as before.
        break_body(&published[0])
            .update(&t.db)
            .await
            .expect("break");
        let after = indicators::community(&t.db, &coordinator, COMMUNITY, on, Tier::Community)
            .await
            .expect("another province's unreadable policy does not matter here");
        assert_eq!(after.facts, before.facts);
        // 广东's own version broken, in force today: the indicators cannot be judged.
        break_body(&published[1])
            .update(&t.db)
            .await
            .expect("break");
        assert_eq!(
            indicators::community(&t.db, &coordinator, COMMUNITY, on, Tier::Community)
                .await
                .err(),
            Some(AppError::Internal)
        );
        // The day before it took force, the national defaults apply again.
        let yesterday = on.checked_sub_days(Days::new(1)).expect("date");
        indicators::community(&t.db, &coordinator, COMMUNITY, yesterday, Tier::Community)
            .await
            .expect("a day the broken version was not in force");
        t.cleanup().await;
    }
}
