//! Personal data at rest, on SQLite and Postgres: a database from before sealing is sealed by
//! the pass (and its history masked), nothing written by the seeders or services leaves a
//! number readable in a copy of the database, a rotation reseals everything under the new key,
//! and a wrong key is refused rather than taken for plain data.

#![cfg(feature = "ssr")]

use app::backend::entity::{coordinator, household, person, record_version};
use app::backend::migration::Migrator;
use app::backend::sealing::{Field, Keyring};
use app::backend::seed;
use app::backend::service::sealing_pass;
use app::backend::testing::{self, TestDb, dbs_with_areas as dbs};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, NotSet, Set};
use sea_orm_migration::MigratorTrait;

const NUMBER: &str = "440305198803150024";
const PHONE: &str = "13712345678";
const COORDINATOR_NUMBER: &str = "440305199001010011";
const COORDINATOR_PHONE: &str = "13900139000";

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

async fn insert(db: &sea_orm::DatabaseConnection, table: &str, cols: Vec<(&str, SimpleExpr)>) {
    let (names, values): (Vec<_>, Vec<_>) = cols.into_iter().unzip();
    db.execute(
        &Query::insert()
            .into_table(Alias::new(table))
            .columns(names.into_iter().map(Alias::new))
            .values_panic(values)
            .to_owned(),
    )
    .await
    .unwrap_or_else(|e| panic!("legacy {table}: {e}"));
}

/// A person, a coordinator and a saved version as the schema before 000015 held them.
async fn legacy_rows(db: &sea_orm::DatabaseConnection) -> i64 {
    let now = app::backend::clock::now();
    let h = household::ActiveModel {
        id: NotSet,
        community_code: Set("440305001001".into()),
        address: Set("南头街道1号".into()),
        hukou_code: Set(None),
        urban_hukou: Set(true),
        business_income: Set(false),
        note: Set(None),
        zero_employment: Set(false),
        last_visit_on: Set(None),
        next_visit_on: Set(None),
        is_demo: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("household");
    let birth = chrono::NaiveDate::from_ymd_opt(1988, 3, 15).expect("date");
    insert(
        db,
        "person",
        vec![
            ("household_id", h.id.into()),
            ("community_code", "440305001001".into()),
            ("id_number", NUMBER.into()),
            ("name", "王芳".into()),
            ("birth_date", birth.into()),
            ("sex", "female".into()),
            ("phone", PHONE.into()),
            ("ability", "full".into()),
            ("wants_work", true.into()),
            ("status", "unemployed".into()),
            ("needs", "".into()),
            ("land_lost_farmer", false.into()),
            ("disabled", false.into()),
            ("veteran_or_military_family", false.into()),
            ("single_parent", false.into()),
            ("dibao", false.into()),
            ("is_demo", false.into()),
            ("created_at", now.into()),
            ("updated_at", now.into()),
            ("version", 1.into()),
        ],
    )
    .await;
    insert(
        db,
        "coordinator",
        vec![
            ("name", "李明".into()),
            ("id_number", COORDINATOR_NUMBER.into()),
            ("phone", COORDINATOR_PHONE.into()),
            ("area_code", "440305001001".into()),
            ("employment", "full_time".into()),
            ("hired_on", birth.into()),
            ("non_renewal", false.into()),
            ("is_demo", false.into()),
            ("created_by", "test".into()),
            ("created_at", now.into()),
            ("updated_by", "test".into()),
            ("updated_at", now.into()),
            ("version", 1.into()),
        ],
    )
    .await;
    record_version::ActiveModel {
        id: NotSet,
        entity: Set("person".into()),
        entity_id: Set(1),
        version: Set(1),
        changed_at: Set(now),
        changed_by: Set("test".into()),
        changes: Set("[]".into()),
        snapshot: Set(format!(
            r#"{{"id_number":"{NUMBER}","phone":"{PHONE}","name":"王芳"}}"#
        )),
    }
    .insert(db)
    .await
    .expect("saved version");
    h.id
}

async fn stored(db: &sea_orm::DatabaseConnection, table: &str, column: &str) -> Vec<String> {
    db.query_all(
        &Query::select()
            .column(Alias::new(column))
            .from(Alias::new(table))
            .and_where(Expr::col(Alias::new(column)).is_not_null())
            .to_owned(),
    )
    .await
    .expect("select")
    .iter()
    .map(|r| r.try_get::<String>("", column).expect("text"))
    .collect()
}

#[tokio::test]
async fn a_database_from_before_sealing_is_sealed_and_rotates() {
    let _clock = testing::suite_clock();
    let ring = testing::suite_keyring();
    for t in dbs().await {
        let db = &t.db;
        // Back to the schema before 000015 (undoing the migrations after it too).
        let after_14 = Migrator::migrations().len() as u32 - 14;
        Migrator::down(db, Some(after_14))
            .await
            .expect("before 000015");
        legacy_rows(db).await;
        Migrator::up(db, None).await.expect("000015");
        let reports = sealing_pass::run(db, ring, |_, _, _| {})
            .await
            .expect("pass");
        let sealed: u64 = reports.iter().map(|r| r.sealed).sum();
        assert_eq!(sealed, 2, "{:?}: {reports:?}", t.kind);

        let p = person::Entity::find()
            .one(db)
            .await
            .expect("q")
            .expect("person");
        assert_eq!(p.id_number().expect("opens"), NUMBER);
        assert_eq!(p.phone().expect("opens").as_deref(), Some(PHONE));
        assert_eq!(p.id_number_index, ring.blind_index(Field::IdNumber, NUMBER));
        let c = coordinator::Entity::find()
            .one(db)
            .await
            .expect("q")
            .expect("coordinator");
        assert_eq!(c.id_number().expect("opens"), COORDINATOR_NUMBER);
        assert_eq!(
            c.phone().expect("opens").as_deref(),
            Some(COORDINATOR_PHONE)
        );
        let v = record_version::Entity::find()
            .one(db)
            .await
            .expect("q")
            .expect("version");
        assert!(v.snapshot.contains("440305***********4"), "{}", v.snapshot);

        // A copy of the database holds none of the numbers, not even in freed pages.
        let dump = t.dump().await.expect("dump");
        for plain in [NUMBER, PHONE, COORDINATOR_NUMBER, COORDINATOR_PHONE] {
            assert!(!contains(&dump, plain), "{:?}: {plain} in the dump", t.kind);
        }

        // A second start finds nothing to do.
        let again = sealing_pass::run(db, ring, |_, _, _| {})
            .await
            .expect("pass");
        assert!(again.iter().all(|r| !r.ran), "{again:?}");

        // Rotation: everything ends under key 2, opens with it and is found by its index.
        let rotated = ring.with_new_key();
        let mut seen = Vec::new();
        sealing_pass::run(db, &rotated, |table, done, total| {
            seen.push((table.to_string(), done, total))
        })
        .await
        .expect("rotation");
        assert!(seen.contains(&("person".to_string(), 1, 1)), "{seen:?}");
        for (table, column, field) in [
            ("person", "id_number_sealed", Field::IdNumber),
            ("person", "phone_sealed", Field::Phone),
            ("coordinator", "id_number_sealed", Field::IdNumber),
            ("coordinator", "phone_sealed", Field::Phone),
        ] {
            for value in stored(db, table, column).await {
                assert_eq!(Keyring::key_of(&value), Some(2), "{table}.{column}");
                assert!(rotated.open(field, &value).is_ok(), "{table}.{column}");
            }
        }
        assert_eq!(
            stored(db, "person", "id_number_index").await,
            vec![rotated.blind_index(Field::IdNumber, NUMBER)]
        );
        let only_new = rotated.active_only();
        assert!(
            only_new
                .open(
                    Field::IdNumber,
                    &stored(db, "person", "id_number_sealed").await[0]
                )
                .is_ok()
        );

        // A key file that is not this database's: the pass stops instead of sealing what it
        // cannot open as if it were plain.
        let stranger = Keyring::from_master(3, [0x11; 32]);
        assert!(
            sealing_pass::run(db, &stranger, |_, _, _| {})
                .await
                .is_err(),
            "{:?}",
            t.kind
        );
        assert_eq!(
            stored(db, "person", "id_number_index").await,
            vec![rotated.blind_index(Field::IdNumber, NUMBER)],
            "nothing rewritten"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn nothing_the_seeders_write_leaves_a_number_readable() {
    let _clock = testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        seed::seed_accounts(db).await.expect("accounts");
        let people = seed::ledger::seed(db).await.expect("ledger");
        assert!(people > 0);
        seed::platforms::seed(db).await.expect("platforms");
        let dump = t.dump().await.expect("dump");
        let persons = person::Entity::find().all(db).await.expect("people");
        let coordinators = coordinator::Entity::find().all(db).await.expect("staff");
        assert!(persons.len() > 100 && !coordinators.is_empty());
        let mut checked = 0;
        for n in persons
            .iter()
            .map(|p| (p.id_number(), p.phone()))
            .chain(coordinators.iter().map(|c| (c.id_number(), c.phone())))
        {
            let (number, phone) = (n.0.expect("opens"), n.1.expect("opens"));
            assert!(!contains(&dump, &number), "{:?}: {number} readable", t.kind);
            if let Some(phone) = phone {
                assert!(!contains(&dump, &phone), "{:?}: {phone} readable", t.kind);
            }
            checked += 1;
        }
        assert_eq!(checked, persons.len() + coordinators.len());
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_test_database_is_sealed_from_the_start() {
    let _clock = testing::suite_clock();
    let t = TestDb::sqlite().await.expect("db");
    assert!(sealing_pass::anything_sealed(&t.db).await.expect("state"));
    t.cleanup().await;
}
