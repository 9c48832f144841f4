//! Services against real databases: SQLite always, Postgres when TEST_DATABASE_URL is set.

#![cfg(feature = "ssr")]

use app::backend::entity::certification;
use app::backend::seed;
use app::backend::service::accounts::{self, NewAccount};
use app::backend::service::audit::By;
use app::backend::service::{areas, auth, registry};
use app::backend::session_store::DbSessionStore;
use app::backend::testing::{actor, dbs_with_areas as dbs};
use app::backend::{AreaCache, RegistryCache};
use app::domain::area_code::AreaCode;
use app::domain::role::Role;
use app::model::{AppError, SearchParams};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[tokio::test]
async fn area_import_is_idempotent_and_updates_names() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let before = areas::count(&t.db).await.expect("count");
        assert_eq!(before, 358, "{:?}", t.kind);
        // Importing again changes nothing.
        areas::import_csv(
            &t.db,
            app::backend::testing::FIXTURE_AREAS.as_bytes(),
            |_| {},
        )
        .await
        .expect("again");
        assert_eq!(areas::count(&t.db).await.expect("count"), before);
        // A renamed area is updated in place.
        let renamed = "code,name,level,parent_code\n440305000000,南山区（新）,3,440300000000\n";
        areas::import_csv(&t.db, renamed.as_bytes(), |_| {})
            .await
            .expect("rename");
        let code = AreaCode::parse("440305").expect("code");
        assert_eq!(
            areas::get(&t.db, &code).await.expect("get").name,
            "南山区（新）"
        );
        // A bad row stops the import and writes nothing.
        let bad = "code,name,level,parent_code\n440305999000,新街道,4,440305000000\nxx,bad,9,\n";
        assert!(matches!(
            areas::import_csv(&t.db, bad.as_bytes(), |_| {}).await,
            Err(areas::ImportError::BadRow { line: 3, .. })
        ));
        let missing = AreaCode::parse("440305999").expect("code");
        assert!(
            areas::find(&t.db, &missing).await.expect("find").is_none(),
            "rolled back"
        );
        // A line without an end (a hostile or broken file) is refused after 1 KB, not read
        // into memory whole.
        let endless = format!(
            "code,name,level,parent_code\n440305999000,新街道,4,440305000000\n{}",
            "9".repeat(10 * 1024 * 1024)
        );
        assert_eq!(
            areas::import_csv(&t.db, endless.as_bytes(), |_| {})
                .await
                .err()
                .map(|e| e.to_string()),
            Some("line 3: line too long".to_string())
        );
        assert!(areas::find(&t.db, &missing).await.expect("find").is_none());
        t.cleanup().await;
    }
}

#[tokio::test]
async fn drill_down_follows_the_tree() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let street = AreaCode::parse("440305001").expect("code");
        let d = areas::drill_down(&t.db, Some(&street))
            .await
            .expect("drill");
        assert_eq!(d.area.as_ref().map(|a| a.name.as_str()), Some("南头街道"));
        let names: Vec<&str> = d.ancestors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["广东省", "深圳市", "南山区"]);
        assert!(d.children.iter().any(|c| c.name == "南头城社区居委会"));
        // 东莞: a township directly under the city.
        let dongguan_town = AreaCode::parse("441900003").expect("code");
        let d = areas::drill_down(&t.db, Some(&dongguan_town))
            .await
            .expect("drill");
        assert_eq!(d.ancestors.last().map(|a| a.name.as_str()), Some("东莞市"));
        let unknown = AreaCode::parse("650000").expect("code");
        assert_eq!(
            areas::drill_down(&t.db, Some(&unknown)).await.err(),
            Some(AppError::NotFound)
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn accounts_are_checked_and_listed_within_scope() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        assert_eq!(seed::seed_accounts(&t.db).await.expect("seed"), 10);
        assert_eq!(
            seed::seed_accounts(&t.db).await.expect("seed twice"),
            0,
            "idempotent"
        );

        // Field checks: wrong level, unknown area, short password, unknown role.
        let bad = NewAccount {
            username: "x y".into(),
            display_name: "X".into(),
            role: "street_officer".into(),
            area_code: Some("440305".into()),
            password: "short".into(),
            is_demo: false,
            contact_phone: Some("12345".into()),
        };
        let Err(AppError::Invalid(f)) = accounts::create(&t.db, By::System("test"), bad).await
        else {
            panic!("expected field errors")
        };
        assert_eq!(
            f.get("area_code").map(String::as_str),
            Some("area.wrong_level")
        );
        assert_eq!(
            f.get("password").map(String::as_str),
            Some("password.too_short")
        );
        assert_eq!(
            f.get("contact_phone").map(String::as_str),
            Some("phone.invalid")
        );
        assert_eq!(
            f.get("username").map(String::as_str),
            Some("username.invalid")
        );
        let unknown_area = NewAccount {
            username: "u1".into(),
            display_name: "U".into(),
            role: "county_officer".into(),
            area_code: Some("650101".into()),
            password: "long-enough".into(),
            is_demo: false,
            contact_phone: None,
        };
        let Err(AppError::Invalid(f)) =
            accounts::create(&t.db, By::System("test"), unknown_area).await
        else {
            panic!("expected unknown area")
        };
        assert_eq!(f.get("area_code").map(String::as_str), Some("area.unknown"));
        let dup = NewAccount {
            username: "ns_county".into(),
            display_name: "dup".into(),
            role: "county_officer".into(),
            area_code: Some("440305".into()),
            password: "long-enough".into(),
            is_demo: false,
            contact_phone: None,
        };
        assert_eq!(
            accounts::create(&t.db, By::System("test"), dup).await.err(),
            Some(AppError::Conflict("username.taken".into()))
        );

        // Scope: the county sees its street and coordinator, never 北京 nor the city.
        let county = actor(Role::CountyOfficer, Some("440305"));
        let seen = accounts::list(&t.db, &county, None).await.expect("list");
        let names: Vec<&str> = seen.iter().map(|a| a.username.as_str()).collect();
        assert_eq!(
            names,
            [
                "mjl_coordinator",
                "ns_coordinator",
                "ns_county",
                "ns_street"
            ]
        );
        assert_eq!(
            accounts::list(&t.db, &county, Some("4403")).await.err(),
            Some(AppError::OutOfScope)
        );
        assert_eq!(
            accounts::list(&t.db, &county, Some("110101")).await.err(),
            Some(AppError::OutOfScope)
        );
        let narrowed = accounts::list(&t.db, &county, Some("440305001"))
            .await
            .expect("narrow");
        assert_eq!(narrowed.len(), 3);
        let admin = actor(Role::Admin, None);
        assert_eq!(
            accounts::list(&t.db, &admin, None)
                .await
                .expect("all")
                .len(),
            10
        );
        // A signed-in creator may only create inside its scope.
        let outside = NewAccount {
            username: "bj_street".into(),
            display_name: "北京街道".into(),
            role: "street_officer".into(),
            area_code: Some("110101001".into()),
            password: "long-enough".into(),
            is_demo: false,
            contact_phone: None,
        };
        assert_eq!(
            accounts::create(&t.db, By::Actor(&county), outside)
                .await
                .err(),
            Some(AppError::OutOfScope)
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn login_checks_passwords_and_throttles() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let created = seed::seed_accounts(&t.db).await.expect("seed");
        let ok = auth::login(
            &t.db,
            "ns_street",
            seed::DEMO_PASSWORD,
            Some("10.0.0.1".into()),
        )
        .await
        .expect("login");
        assert_eq!(ok.role, Role::StreetOfficer);
        // A stranger fails from one address until that address backs off…
        let stranger = || Some("203.0.113.9".to_string());
        for _ in 0..auth::FREE_FAILURES_PER_PAIR {
            let e = auth::login(&t.db, "ns_street", "wrong-password", stranger())
                .await
                .err();
            assert_eq!(
                e,
                Some(AppError::field("credentials", "credentials.invalid"))
            );
        }
        // …so that even the right password is refused from there for a minute…
        assert_eq!(
            auth::login(&t.db, "ns_street", seed::DEMO_PASSWORD, stranger())
                .await
                .err(),
            Some(AppError::TooManyAttempts)
        );
        // …while the owner, from another address, signs in and is told of the failures.
        auth::login(
            &t.db,
            "ns_street",
            seed::DEMO_PASSWORD,
            Some("198.51.100.7".into()),
        )
        .await
        .expect("the owner is not locked out");
        assert_eq!(
            auth::failures_before_last_sign_in(&t.db, "ns_street")
                .await
                .expect("count"),
            auth::FREE_FAILURES_PER_PAIR
        );
        // The back-off: free for three failures, then 1, 2, 4 minutes, at most the 15-minute window.
        assert_eq!(
            [2, 3, 4, 5, 7, 30].map(auth::backoff_secs),
            [0, 60, 120, 240, 900, 900]
        );
        // An unknown user gets the same answer as a wrong password.
        assert_eq!(
            auth::login(&t.db, "nobody", "whatever-pass", None)
                .await
                .err(),
            Some(AppError::field("credentials", "credentials.invalid"))
        );
        // Every creation, the one login and each failure checked (not the throttled one) are
        // audited, and nothing else.
        let audited = |action: &'static str| {
            app::backend::entity::audit_log::Entity::find()
                .filter(app::backend::entity::audit_log::Column::Action.eq(action))
                .count(&t.db)
        };
        assert_eq!(audited("create").await.expect("audit"), created);
        assert_eq!(audited("login").await.expect("audit"), 2);
        assert_eq!(
            audited("login_failed").await.expect("audit"),
            auth::FREE_FAILURES_PER_PAIR + 1
        );
        let all = app::backend::entity::audit_log::Entity::find()
            .count(&t.db)
            .await
            .expect("audit");
        assert_eq!(all, created + 2 + auth::FREE_FAILURES_PER_PAIR + 1);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn registry_search_filters_and_pages() {
    let _clock = app::backend::testing::suite_clock();
    let no_cache = RegistryCache::disabled();
    for t in dbs().await {
        let n = seed::seed_certifications(&t.db, &["440305", "110101"], 40, |_| {})
            .await
            .expect("seed");
        assert_eq!(n, 40);
        assert_eq!(
            seed::seed_certifications(&t.db, &["440305", "110101"], 40, |_| {})
                .await
                .expect("again"),
            0
        );

        let all = registry::search(
            &t.db,
            &no_cache,
            &AreaCache::disabled(),
            &SearchParams::default(),
        )
        .await
        .expect("all");
        assert_eq!(all.total, 40);
        assert_eq!(all.items.len(), 20);
        let p = |area: &str| SearchParams {
            area: Some(area.into()),
            per_page: Some("100".into()),
            ..Default::default()
        };
        let nanshan = registry::search(&t.db, &no_cache, &AreaCache::disabled(), &p("440305"))
            .await
            .expect("nanshan");
        let dongcheng = registry::search(&t.db, &no_cache, &AreaCache::disabled(), &p("110101"))
            .await
            .expect("dongcheng");
        assert!(nanshan.total > 0 && dongcheng.total > 0);
        assert_eq!(nanshan.total + dongcheng.total, 40);
        assert!(
            nanshan
                .items
                .iter()
                .all(|i| i.community_code.starts_with("440305"))
        );
        assert!(
            nanshan
                .items
                .iter()
                .all(|i| i.area_path.first().map(String::as_str) == Some("广东省"))
        );

        // Chinese substring.
        let first = &nanshan.items[0];
        let fragment: String = first.community_name.chars().take(2).collect();
        let by_name = registry::search(
            &t.db,
            &no_cache,
            &AreaCache::disabled(),
            &SearchParams {
                q: Some(fragment.clone()),
                ..Default::default()
            },
        )
        .await
        .expect("by name");
        assert!(by_name.total >= 1);
        assert!(
            by_name
                .items
                .iter()
                .all(|i| i.community_name.contains(&fragment))
        );
        // LIKE wildcards are literal.
        let none = registry::search(
            &t.db,
            &no_cache,
            &AreaCache::disabled(),
            &SearchParams {
                q: Some("%".into()),
                ..Default::default()
            },
        )
        .await
        .expect("pct");
        assert_eq!(none.total, 0);

        // Paging covers every row exactly once.
        let mut seen = std::collections::BTreeSet::new();
        for page in 1..=4 {
            let r = registry::search(
                &t.db,
                &no_cache,
                &AreaCache::disabled(),
                &SearchParams {
                    page: Some(page.to_string()),
                    per_page: Some("12".into()),
                    ..Default::default()
                },
            )
            .await
            .expect("page");
            seen.extend(r.items.into_iter().map(|i| i.certificate_no));
        }
        assert_eq!(seen.len(), 40);

        // Unknown area.
        assert_eq!(
            registry::search(&t.db, &no_cache, &AreaCache::disabled(), &p("650000"))
                .await
                .err(),
            Some(AppError::field("area", "area.unknown"))
        );

        // Verification by number, case-insensitive; unknown and malformed numbers.
        let c = registry::certificate(&t.db, &first.certificate_no.to_lowercase())
            .await
            .expect("cert");
        assert_eq!(c.certificate_no, first.certificate_no);
        assert_eq!(
            registry::certificate(&t.db, "XJ-2099-000000-0001")
                .await
                .err(),
            Some(AppError::NotFound)
        );
        assert_eq!(
            registry::certificate(&t.db, "<script>").await.err(),
            Some(AppError::field("number", "certificate.malformed"))
        );
        let detail = registry::community(&t.db, &first.community_code)
            .await
            .expect("community");
        assert!(
            detail
                .certificates
                .iter()
                .any(|x| x.certificate_no == first.certificate_no)
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn another_instances_write_moves_the_generation_and_drops_kept_answers() {
    let _clock = app::backend::testing::suite_clock();
    use app::backend::service::registry_tally::generation;
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    for t in dbs().await {
        let cache = RegistryCache::new(std::time::Duration::from_secs(600));
        let everything = SearchParams::default();
        seed::seed_certifications(&t.db, &["440305"], 10, |_| {})
            .await
            .expect("seed");
        let seen = generation(&t.db).await.expect("generation");
        assert!(!cache.follow(seen), "the first look drops nothing");
        let no_areas = AreaCache::disabled();
        let search = || registry::search(&t.db, &cache, &no_areas, &everything);
        let first = search().await.expect("first");
        assert_eq!(first.total, 10);
        assert!(!cache.follow(generation(&t.db).await.expect("generation")));

        // Another instance (here: the seed, past this cache) writes titles.
        let added = seed::seed_certifications(&t.db, &["110101"], 15, |_| {})
            .await
            .expect("more");
        assert!(added > 0);
        assert_eq!(
            search().await.expect("kept"),
            first,
            "kept until the generation is read"
        );
        let moved = generation(&t.db).await.expect("generation");
        assert!(moved > seen);
        assert!(cache.follow(moved));
        assert_eq!(search().await.expect("fresh").total, 10 + added);

        // A change of status only (a revocation) moves it too.
        let title = certification::Entity::find()
            .one(&t.db)
            .await
            .expect("read")
            .expect("a title");
        let mut revoked = title.into_active_model();
        revoked.status = Set("revoked".into());
        revoked.update(&t.db).await.expect("revoke");
        assert!(cache.follow(generation(&t.db).await.expect("generation")));
        t.cleanup().await;
    }
}

/// The total a search reports, with every title on one page (at most 100 here).
async fn searched(db: &sea_orm::DatabaseConnection, params: SearchParams) -> (u64, Vec<String>) {
    let page = registry::search(
        db,
        &RegistryCache::disabled(),
        &AreaCache::disabled(),
        &SearchParams {
            per_page: Some("100".into()),
            ..params
        },
    )
    .await
    .expect("search");
    let mut numbers: Vec<String> = page.items.into_iter().map(|i| i.certificate_no).collect();
    numbers.sort();
    (page.total, numbers)
}

/// The titles in Rust, filtered as a search filters them.
fn expected(
    all: &[certification::Model],
    area: Option<&str>,
    tier: Option<&str>,
    name: Option<&str>,
) -> Vec<String> {
    let prefix = area.map(|a| AreaCode::parse(a).expect("code").prefix().to_string());
    let mut numbers: Vec<String> = all
        .iter()
        .filter(|c| {
            prefix
                .as_ref()
                .is_none_or(|p| c.community_code.starts_with(p.as_str()))
        })
        .filter(|c| tier.is_none_or(|t| c.tier == t))
        .filter(|c| name.is_none_or(|n| c.community_name.contains(n)))
        .map(|c| c.certificate_no.clone())
        .collect();
    numbers.sort();
    numbers
}

#[tokio::test]
async fn registry_totals_are_kept_by_every_write_and_names_found_through_the_index() {
    let _clock = app::backend::testing::suite_clock();
    use app::backend::service::registry_tally;
    use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, IntoActiveModel, Set};
    for t in dbs().await {
        seed::seed_certifications(&t.db, &["440305", "110101"], 40, |_| {})
            .await
            .expect("seed");
        let mut round = 0;
        loop {
            let all = certification::Entity::find()
                .all(&t.db)
                .await
                .expect("titles");
            let mut tiers: Vec<String> = all.iter().map(|c| c.tier.clone()).collect();
            tiers.sort();
            tiers.dedup();
            assert!(tiers.len() > 1, "the seed writes several tiers");
            for area in [
                None,
                Some("44"),
                Some("4403"),
                Some("440305"),
                Some("11"),
                Some("110101"),
            ] {
                for tier in std::iter::once(None).chain(tiers.iter().map(|t| Some(t.as_str()))) {
                    let want = expected(&all, area, tier, None);
                    let (total, numbers) = searched(
                        &t.db,
                        SearchParams {
                            area: area.map(str::to_string),
                            tier: tier.map(str::to_string),
                            ..Default::default()
                        },
                    )
                    .await;
                    assert_eq!(
                        total as usize,
                        want.len(),
                        "{area:?} {tier:?} round {round}"
                    );
                    assert_eq!(numbers, want, "{area:?} {tier:?} round {round}");
                }
            }
            // A name of three characters or more (the trigram index on SQLite), two, and one;
            // with an area and a tier too.
            let name: Vec<char> = all[0].community_name.chars().collect();
            let county = all[0].community_code[..6].to_string();
            for len in [4, 3, 2, 1] {
                let fragment: String = name.iter().skip(1).take(len).collect();
                for (area, tier) in [
                    (None, None),
                    (Some(county.as_str()), Some(all[0].tier.as_str())),
                ] {
                    let want = expected(&all, area, tier, Some(&fragment));
                    assert!(!want.is_empty());
                    let (total, numbers) = searched(
                        &t.db,
                        SearchParams {
                            q: Some(fragment.clone()),
                            area: area.map(str::to_string),
                            tier: tier.map(str::to_string),
                            ..Default::default()
                        },
                    )
                    .await;
                    assert_eq!(total as usize, want.len(), "{fragment} round {round}");
                    assert_eq!(numbers, want, "{fragment} round {round}");
                }
            }
            let check = registry_tally::verify(&t.db).await.expect("verify");
            assert!(check.kept > 0);
            assert_eq!(check.differences, vec![], "round {round}");
            if round == 1 {
                break;
            }
            // Writes of every kind: a tier changed, a community renamed on its title, a title
            // moved to another community, one deleted and one added.
            let mut changed = all[0].clone().into_active_model();
            changed.tier = Set(if all[0].tier == tiers[0] {
                tiers[1].clone()
            } else {
                tiers[0].clone()
            });
            changed.community_name = Set(format!("{}新名称", all[0].community_name));
            changed.update(&t.db).await.expect("tier");
            let other = all
                .iter()
                .find(|c| !c.community_code.starts_with(&all[1].community_code[..6]))
                .expect("a title elsewhere");
            let mut moved = all[1].clone().into_active_model();
            moved.community_code = Set(other.community_code.clone());
            moved.update(&t.db).await.expect("moved");
            certification::Entity::delete_by_id(all[2].id)
                .exec(&t.db)
                .await
                .expect("deleted");
            let mut added = all[3].clone().into_active_model();
            added.id = NotSet;
            added.certificate_no = Set(format!("{}9", all[3].certificate_no));
            added.insert(&t.db).await.expect("added");
            round += 1;
        }
        // Counted again from nothing, the totals are the same.
        registry_tally::rebuild(&t.db).await.expect("rebuild");
        assert_eq!(
            registry_tally::verify(&t.db)
                .await
                .expect("verify")
                .differences,
            vec![]
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn sessions_are_stored_shared_and_expire() {
    let _clock = app::backend::testing::suite_clock();
    use tower_sessions::session::{Id, Record};
    use tower_sessions::session_store::{ExpiredDeletion, SessionStore};
    for t in dbs().await {
        let store = DbSessionStore::new(t.db.clone());
        let mut data = std::collections::HashMap::new();
        data.insert("account_id".to_string(), serde_json::json!(7));
        let mut rec = Record {
            id: Id::default(),
            data,
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
        };
        store.create(&mut rec).await.expect("create");
        // A second store on the same database (another server instance) sees it.
        let other = DbSessionStore::new(t.db.clone());
        let loaded = other.load(&rec.id).await.expect("load").expect("present");
        assert_eq!(loaded.data.get("account_id"), Some(&serde_json::json!(7)));
        // Expired records are not loaded and are deleted.
        rec.expiry_date = time::OffsetDateTime::now_utc() - time::Duration::seconds(1);
        store.save(&rec).await.expect("save");
        assert!(store.load(&rec.id).await.expect("load").is_none());
        store.delete_expired().await.expect("purge");
        let rows = app::backend::entity::session::Entity::find()
            .count(&t.db)
            .await
            .expect("count");
        assert_eq!(rows, 0);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn registry_answers_are_kept_until_a_write_invalidates_them() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let cache = RegistryCache::new(std::time::Duration::from_secs(600));
        let everything = SearchParams::default();
        seed::seed_certifications(&t.db, &["440305"], 10, |_| {})
            .await
            .expect("seed");
        let first = registry::search(&t.db, &cache, &AreaCache::disabled(), &everything)
            .await
            .expect("first");
        assert_eq!(first.total, 10);

        // Titles in 东城区 (the seeding only runs while fewer than 15 demo titles exist).
        let added = seed::seed_certifications(&t.db, &["110101"], 15, |_| {})
            .await
            .expect("more");
        assert!(added > 0);
        let kept = registry::search(&t.db, &cache, &AreaCache::disabled(), &everything)
            .await
            .expect("kept");
        assert_eq!(kept, first, "within its lifetime the kept answer is served");
        // A different question is not answered from another's entry.
        let beijing = SearchParams {
            area: Some("11".into()),
            ..Default::default()
        };
        let fresh = registry::search(&t.db, &cache, &AreaCache::disabled(), &beijing)
            .await
            .expect("beijing");
        assert_eq!(fresh.total, added);

        cache.invalidate();
        let after = registry::search(&t.db, &cache, &AreaCache::disabled(), &everything)
            .await
            .expect("after");
        assert_eq!(after.total, 10 + added);
        t.cleanup().await;
    }
}
