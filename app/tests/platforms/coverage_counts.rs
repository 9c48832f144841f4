//! Coverage statistics against a hand count of the fixture areas.

use super::code;
use super::registry::{complete, save};
use app::backend::service::platforms::{self, coverage};
use app::backend::testing::{actor, dbs_with_areas as dbs};
use app::domain::indicators::Share;
use app::domain::role::Role;
use app::model::AppError;
use app::model::platform::PlatformRecord;

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
