//! The data key file at start-up: generated beside a fresh embedded database and kept, never
//! made up for a database that holds sealed data, required with Postgres.

use app::backend::sealing::{Field, Keyring};
use app::backend::testing::{self, TestDb};
use sea_orm::ConnectionTrait;
use server::keys;

/// A test database as it is just after its migrations, before any pass sealed it.
async fn unsealed(t: &TestDb) {
    t.db.execute_unprepared("DELETE FROM sealing_pass")
        .await
        .expect("forget the pass");
}

#[tokio::test]
async fn a_fresh_embedded_database_gets_a_key_file_it_then_keeps() {
    let _clock = testing::suite_clock();
    let t = TestDb::sqlite().await.expect("db");
    unsealed(&t).await;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("jiceng.db.keys");
    let first = keys::open(Some(&path), &t.db).await.expect("generated");
    assert!(path.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "readable by its owner only");
    }
    let sealed = first.seal(Field::Phone, "13800138000").expect("seals");
    let again = keys::open(Some(&path), &t.db).await.expect("loaded");
    assert_eq!(
        again.open(Field::Phone, &sealed).as_deref(),
        Ok("13800138000"),
        "the second start reads the same key"
    );
    t.cleanup().await;
}

#[tokio::test]
async fn sealed_data_without_its_key_file_stops_the_start() {
    let _clock = testing::suite_clock();
    let t = TestDb::sqlite().await.expect("db");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("lost.keys");
    let refused = keys::open(Some(&path), &t.db).await;
    let message = refused.err().unwrap_or_default();
    assert!(message.contains("missing"), "{message}");
    assert!(!path.exists(), "no key made up for sealed data");
    // A malformed key file is named, not replaced.
    std::fs::write(&path, "1 not-a-key\n").expect("write");
    let message = keys::open(Some(&path), &t.db)
        .await
        .err()
        .unwrap_or_default();
    assert!(message.contains("line 1"), "{message}");
    t.cleanup().await;
}

#[tokio::test]
async fn postgres_never_starts_without_a_key_file() {
    let _clock = testing::suite_clock();
    let Some(t) = TestDb::postgres().await.expect("db") else {
        return;
    };
    unsealed(&t).await;
    let message = keys::open(None, &t.db).await.err().unwrap_or_default();
    assert!(message.contains("DATA_KEYS_FILE"), "{message}");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("pg.keys");
    let message = keys::open(Some(&path), &t.db)
        .await
        .err()
        .unwrap_or_default();
    assert!(message.contains("does not exist"), "{message}");
    assert!(!path.exists());
    let ring = Keyring::generate();
    ring.save(&path).expect("save");
    let loaded = keys::open(Some(&path), &t.db).await.expect("loads");
    assert_eq!(loaded.ids(), ring.ids());
    t.cleanup().await;
}
