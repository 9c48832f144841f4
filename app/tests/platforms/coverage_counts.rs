//! Coverage statistics against a hand count of the fixture areas.

use super::code;
use super::registry::{complete, save};
use app::backend::service::platforms::{self, coverage, coverage_tally};
use app::backend::testing::{actor, dbs_with_areas as dbs};
use app::domain::area_code::AreaCode;
use app::domain::indicators::Share;
use app::domain::platform::{Coverage, UnitCounts};
use app::domain::role::Role;
use app::model::AppError;
use app::model::platform::{PlatformInput, PlatformRecord};
use std::collections::BTreeMap;

fn share(part: u64, whole: u64) -> Share {
    Share { part, whole }
}

/// The fixture holds in Guangdong 10 streets, 2 townships (石碣镇, 城北乡), 140 communities
/// and 6 villages, plus 4 units of other kinds (前海合作区 and 生活区) that count nowhere.
#[tokio::test]
async fn coverage_matches_a_hand_count_of_the_fixture() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        save(db, "440305001000", complete()).await;
        save(
            db,
            "440305002000",
            PlatformRecord {
                institution: true,
                ..PlatformRecord::default()
            },
        )
        .await;
        save(
            db,
            "441900003000",
            PlatformRecord {
                institution: true,
                ..PlatformRecord::default()
            },
        )
        .await;
        // A record without an institution counts as none.
        save(db, "440305003000", PlatformRecord::default()).await;
        save(db, "441900101000", complete()).await;
        save(db, "440305001001", complete()).await;
        save(
            db,
            "440305001003",
            PlatformRecord {
                part_time_staff: 1,
                ..PlatformRecord::default()
            },
        )
        .await;
        save(
            db,
            "441900101200",
            PlatformRecord {
                full_time_staff: 1,
                ..PlatformRecord::default()
            },
        )
        .await;
        // Staff at a 生活区 (other kind) changes no figure.
        save(db, "441900003500", complete()).await;

        let province = actor(Role::ProvinceOfficer, Some("44"));
        let r = coverage::report(db, &province, Some(&code("44")))
            .await
            .expect("coverage");
        assert_eq!(r.total.streets, share(3, 10));
        assert_eq!(r.total.townships, share(1, 2));
        assert_eq!(r.total.communities, share(2, 140));
        assert_eq!(r.total.villages, share(1, 6));
        assert_eq!(r.total.six_in_place, share(3, 158));
        // One row per city; the rows add up to the total.
        let names: Vec<&str> = r.rows.iter().map(|row| row.area.code.as_str()).collect();
        assert_eq!(names, ["440300000000", "440800000000", "441900000000"]);
        let mut sum = app::domain::platform::Coverage::default();
        for row in &r.rows {
            sum.merge(&row.coverage);
        }
        assert_eq!(sum, r.total);
        let zhanjiang = &r.rows[1].coverage;
        assert_eq!(zhanjiang.townships, share(0, 1));
        assert_eq!(zhanjiang.villages, share(0, 2));
        // At a street: the street's own office and each community, one unit a row.
        let street = coverage::report(db, &province, Some(&code("440305001")))
            .await
            .expect("street");
        assert_eq!(street.rows.len(), 13);
        assert_eq!(street.total.streets, share(1, 1));
        assert_eq!(street.total.communities, share(2, 12));
        // 东莞 has no counties: its rows are its streets and towns, one each.
        let dongguan = coverage::report(db, &province, Some(&code("4419")))
            .await
            .expect("dongguan");
        let rows: Vec<&str> = dongguan.rows.iter().map(|r| r.area.code.as_str()).collect();
        assert_eq!(rows, ["441900003000", "441900101000"]);
        assert_eq!(dongguan.rows[0].coverage.communities, share(0, 24));
        assert_eq!(dongguan.rows[0].coverage.streets, share(1, 1));
        assert_eq!(dongguan.rows[1].coverage.villages, share(1, 4));
        assert_eq!(dongguan.rows[1].coverage.townships, share(1, 1));
        let listed = platforms::list(db, &province, &code("4419"))
            .await
            .expect("list");
        assert_eq!(listed.rows.len(), 2);
        // Scope: a city officer cannot read the province; only national roles the country.
        let city = actor(Role::CityOfficer, Some("4403"));
        assert_eq!(
            coverage::report(db, &city, Some(&code("44"))).await.err(),
            Some(AppError::OutOfScope)
        );
        assert_eq!(
            coverage::report(db, &province, None).await.err(),
            Some(AppError::OutOfScope)
        );
        let national = coverage::report(db, &actor(Role::Ministry, None), None)
            .await
            .expect("country");
        assert_eq!(national.total.streets.part, 3);
        assert!(
            national
                .rows
                .iter()
                .any(|row| row.area.code == "110000000000")
        );
        // The workbook opens as a zip (xlsx) and is audited.
        let bytes = coverage::export(db, &province, Some(&code("44")))
            .await
            .expect("export");
        assert_eq!(&bytes[..2], b"PK");
        t.cleanup().await;
    }
}

/// The coverage of `code` (`None`: the country) counted here from every area and platform row,
/// unit by unit: (total, child prefix → coverage).
async fn counted_by_hand(
    db: &sea_orm::DatabaseConnection,
    code: Option<&str>,
    digits: usize,
) -> (Coverage, BTreeMap<String, Coverage>) {
    use app::backend::entity::{area, platform};
    use sea_orm::EntityTrait;
    let platforms: BTreeMap<String, platform::Model> = platform::Entity::find()
        .all(db)
        .await
        .expect("platforms")
        .into_iter()
        .map(|p| (p.area_code.clone(), p))
        .collect();
    let prefix = code.unwrap_or("");
    let mut total = Coverage::default();
    let mut rows: BTreeMap<String, Coverage> = BTreeMap::new();
    for a in area::Entity::find().all(db).await.expect("areas") {
        if a.level < 4 || !a.code.starts_with(prefix) {
            continue;
        }
        let p = platforms.get(&a.code);
        let counts = UnitCounts {
            units: 1,
            institution: u64::from(p.is_some_and(|p| p.institution)),
            staffed: u64::from(p.is_some_and(|p| p.full_time_staff + p.part_time_staff > 0)),
            six_in_place: u64::from(p.is_some_and(platform::Model::complete)),
        };
        let unit = AreaCode::parse(&a.code).expect("unit code");
        total.add_units(&unit, counts);
        rows.entry(a.code[..digits].to_string())
            .or_default()
            .add_units(&unit, counts);
    }
    (total, rows)
}

/// Every report served from the kept figures equals a count by hand, and the kept figures equal
/// the database's recount.
async fn kept_figures_hold(db: &sea_orm::DatabaseConnection, round: &str) {
    let check = coverage_tally::verify(db).await.expect("verify");
    assert!(check.kept > 0, "{round}");
    assert_eq!(check.differences, vec![], "{round}");
    let ministry = actor(Role::Ministry, None);
    for (area, digits) in [
        (None, 2),
        (Some("44"), 4),
        (Some("4403"), 6),
        (Some("440305"), 9),
        (Some("4419"), 9),
    ] {
        let r = coverage::report(db, &ministry, area.map(code).as_ref())
            .await
            .expect("coverage");
        let (total, by_child) = counted_by_hand(db, area, digits).await;
        assert_eq!(r.total, total, "{round} {area:?}");
        for row in &r.rows {
            let want = by_child
                .get(&row.area.code[..digits])
                .copied()
                .unwrap_or_default();
            assert_eq!(row.coverage, want, "{round} {area:?} {}", row.area.code);
        }
    }
}

/// The kept coverage (`coverage_tally`) follows every kind of write to areas and platforms:
/// platforms registered, changed and removed; areas added, moved to another level, renamed,
/// removed and imported again; and a rebuild counts the same.
#[tokio::test]
async fn kept_coverage_follows_every_write_of_areas_and_platforms() {
    let _clock = app::backend::testing::suite_clock();
    use app::backend::entity::{area, platform};
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, ModelTrait, Set};
    for t in dbs().await {
        let db = &t.db;
        kept_figures_hold(db, "fixture").await;
        save(db, "440305001000", complete()).await;
        save(db, "441900101000", complete()).await;
        save(db, "440305001001", complete()).await;
        save(
            db,
            "441900101200",
            PlatformRecord {
                part_time_staff: 1,
                ..PlatformRecord::default()
            },
        )
        .await;
        kept_figures_hold(db, "platforms registered").await;
        // A changed platform: the street loses its staff and so 六到位.
        let officer = actor(Role::ProvinceOfficer, Some("44"));
        platforms::save(
            db,
            &officer,
            &code("440305001000"),
            PlatformInput {
                record: PlatformRecord {
                    full_time_staff: 0,
                    staff: false,
                    ..complete()
                },
                version: 1,
            },
        )
        .await
        .expect("changed");
        kept_figures_hold(db, "platform changed").await;
        platform::Entity::find_by_id("441900101000".to_string())
            .one(db)
            .await
            .expect("read")
            .expect("platform")
            .delete(db)
            .await
            .expect("removed");
        kept_figures_hold(db, "platform removed").await;
        // New units: a township with a village, the village with a platform.
        for (code, level, parent) in [
            ("440305099000", 4, "440305000000"),
            ("440305099001", 5, "440305099000"),
            ("440305099220", 5, "440305099000"),
        ] {
            area::ActiveModel {
                code: Set(code.into()),
                name: Set(format!("测试{code}")),
                level: Set(level),
                parent_code: Set(Some(parent.into())),
            }
            .insert(db)
            .await
            .expect("area");
        }
        save(db, "440305099001", complete()).await;
        kept_figures_hold(db, "areas added").await;
        // Renamed (no figure moves) and moved to another level.
        let mut village = area::Entity::find_by_id("440305099220".to_string())
            .one(db)
            .await
            .expect("read")
            .expect("area")
            .into_active_model();
        village.name = Set("改名".into());
        let village = village.update(db).await.expect("renamed");
        let mut village = village.into_active_model();
        village.level = Set(3);
        village.update(db).await.expect("level");
        kept_figures_hold(db, "area renamed and moved").await;
        // Removed with its platform left behind, then the platform too.
        area::Entity::delete_by_id("440305099001".to_string())
            .exec(db)
            .await
            .expect("area removed");
        kept_figures_hold(db, "area removed").await;
        platform::Entity::delete_by_id("440305099001".to_string())
            .exec(db)
            .await
            .expect("orphan platform removed");
        kept_figures_hold(db, "orphan platform removed").await;
        // An import writes every area again.
        app::backend::service::areas::import_csv(
            db,
            app::backend::testing::FIXTURE_AREAS.as_bytes(),
            |_| {},
        )
        .await
        .expect("import again");
        kept_figures_hold(db, "imported again").await;
        // An import that changes a level (the village moved to level 3 above, back to 5).
        app::backend::service::areas::import_csv(
            db,
            "code,name,level,parent\n440305099220,测试村,5,440305099000\n".as_bytes(),
            |_| {},
        )
        .await
        .expect("import a changed level");
        kept_figures_hold(db, "level changed by an import").await;
        coverage_tally::rebuild(db).await.expect("rebuild");
        kept_figures_hold(db, "rebuilt").await;
        t.cleanup().await;
    }
}
