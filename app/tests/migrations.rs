//! Guards on the schema's history: a migration that has landed never changes (a database
//! migrated before the change would silently lack it), and the repair of the two that did
//! (000011, 000012, edited after they first landed) brings such a database level with the rest.

#![cfg(feature = "ssr")]

use std::path::Path;

use app::backend::entity::{certification, coordinator};
use app::backend::migration::Migrator;
use app::backend::seed;
use app::backend::testing::dbs_with_areas as dbs;
use chrono::Months;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sea_orm_migration::MigratorTrait;
use sha2::{Digest, Sha256};

/// Every migration that has landed on main, with the SHA-256 of its file as it landed. A new
/// migration is added here in the commit that adds it; after that its file stays as it is.
const LANDED: &[(&str, &str)] = &[
    (
        "m20261125_000001_foundation.rs",
        "1ceb6cb18f0e51f3f97615d9a4f612fe8072941dba73e13853bedbe4a07b29f0",
    ),
    (
        "m20261126_000002_ledger.rs",
        "fe6f242bbebecae6b41eb5aeeee08f4ac461977aa7b34708bd9f120203c803bf",
    ),
    (
        "m20261126_000003_targets.rs",
        "53d8492ff1cea8092b4dc678f0869a5f1e34791cb00d7b42636af11a738eb2c5",
    ),
    (
        "m20261126_000004_zero_cases.rs",
        "595401772d6c4b5f8971e35c52f8d8d3ebad71117dc856c38084541e84b1a371",
    ),
    (
        "m20261126_000005_cards.rs",
        "ea1cb18b96f97c367e9d7e3f3fa5360762dd5f9ceb8df8ceb18ff0521ccec69c",
    ),
    (
        "m20261126_000006_plans.rs",
        "06ba35682f4178e5ac48d0b8baec107698330c350f883d01c1ed5ae063bbb49e",
    ),
    (
        "m20261126_000007_one_open_file.rs",
        "3d342f27919e798712ee9044a01c54a16d75c9435b4779f2b9f0029051a4d491",
    ),
    (
        "m20261127_000008_policies_contacts.rs",
        "eaaf7df47c975183b3020e8f0a32efae865ccc238d9cf4140366e077ddd3df1b",
    ),
    (
        "m20261127_000009_person_merge.rs",
        "dd47114e163faa20fa561df988d5095775c0dc02c61d64db6006d9224f70e3e1",
    ),
    (
        "m20261127_000010_community_tally.rs",
        "202b334fc40da9f385fa6a04c70ca02124828da174c65772f0f3f4d084b236c6",
    ),
    (
        "m20261128_000011_certification_workflow.rs",
        "8886f7351c66a9eff0ec206088cb0b6297cdeb0bd8f1bb73ad54b2c10d91b85e",
    ),
    (
        "m20261129_000012_platforms_coordinators.rs",
        "717330a8678aa3788fb942d7801382b24e0c965877d5740d75eb3bf9be0f699e",
    ),
    (
        "m20261130_000013_repair_edited.rs",
        "d6a465454e3c762ef41812a69a126c61c0574b5a87c19791d644d30831263a56",
    ),
    (
        "m20261130_000014_audit_by_actor.rs",
        "adac7b5cc2b761301ab283357fafcca6a1d04ef1226efe39c23f166a953dc7ca",
    ),
    (
        "m20261130_000015_sealed_personal_data.rs",
        "5cf78a84251171de080bec9458721222e49bd9d2c3aa8fdcee589ba202428245",
    ),
    (
        "m20261130_000016_write_locks.rs",
        "d95a9f81863d391f42ae2aad563ccc427770969fff2b68ffac58fd6d24bfa702",
    ),
    (
        "m20261201_000017_deadline_basis.rs",
        "b2e5e965bc2860981376fb69686aadc5147f8dc79fc8ff2087d65b06e60dcd37",
    ),
    (
        "m20261201_000018_registration_checks.rs",
        "7fdfc2eb0474f756d75ef9110bd0b9f5b8e1572046565449acd3c22cdce1d90f",
    ),
    (
        "m20261201_000019_ledger_search.rs",
        "a7415cd67907e32bc2b3492fe0e4d3b0d631f287d31b6d6a37640aec86389f1a",
    ),
    (
        "m20261201_000020_coordinator_leaving.rs",
        "937980fabcbccbff1b8c22fcb0634a090df6ca61dca9abfb11eb31425a23859d",
    ),
    (
        "m20261201_000021_indicator_system.rs",
        "61e97652bac2a4eb0b789e36dc3cad3ba8bb4e220be4c34a014650a313ae5f1f",
    ),
    (
        "m20261201_000022_assessment.rs",
        "e2654d54e3f899f2bf798ee65bb1213e2d47f6f27830b4a31ed075dc0820c829",
    ),
    (
        "m20261201_000023_rating_decision.rs",
        "a7854eae622d0c3ad1e5223a945414bb8f24df5b1dac1ec355099af9776f628a",
    ),
    (
        "m20261201_000024_performance_rollup.rs",
        "f9758b6e118d75e4445590ea8d674a6bff41f9fb48c40cde470ead610e88f56b",
    ),
    (
        "m20261202_000025_registry_search.rs",
        "99152a9bf8f3131238e0eba8ef7e973b14de22554bfda17cda70dbd982355a77",
    ),
    (
        "m20261202_000026_coverage_tally.rs",
        "45edabe8f8bc60c5addf4c5acea653d49034a917b82df2e770cd529a9caa0074",
    ),
];

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_landed_migration_never_changes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/backend/migration");
    let mut changed = Vec::new();
    for (file, landed) in LANDED {
        let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let now = sha256_hex(&bytes);
        if now != *landed {
            changed.push(format!("{file}: landed as {landed}, now {now}"));
        }
    }
    assert!(
        changed.is_empty(),
        "a migration that has landed was edited; undo the edit and add a new migration:\n{}",
        changed.join("\n")
    );
}

#[test]
fn every_migration_file_is_listed_and_run() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/backend/migration");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("migration folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("m2") && n.ends_with(".rs"))
        .collect();
    files.sort();
    let listed: Vec<String> = LANDED.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(files, listed, "a migration file is missing from LANDED");
    let run: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| format!("{}.rs", m.name()))
        .collect();
    assert_eq!(run, listed, "Migrator runs another list than the files");
}

/// Inserts a coordinator as the schema before 000015 held one (plain number and phone).
async fn legacy_coordinator(
    db: &sea_orm::DatabaseConnection,
    number: &str,
    name: &str,
    account: Option<&str>,
) -> i64 {
    let now = app::backend::clock::now();
    let cols = [
        "name",
        "id_number",
        "phone",
        "area_code",
        "employment",
        "hired_on",
        "non_renewal",
        "account_username",
        "is_demo",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
        "version",
    ];
    let values: Vec<sea_orm::sea_query::SimpleExpr> = vec![
        name.into(),
        number.into(),
        "13900139000".into(),
        "440305001001".into(),
        "full_time".into(),
        chrono::NaiveDate::from_ymd_opt(2020, 1, 1)
            .expect("date")
            .into(),
        false.into(),
        account.map(str::to_string).into(),
        false.into(),
        "test".into(),
        now.into(),
        "test".into(),
        now.into(),
        1.into(),
    ];
    db.execute(
        &Query::insert()
            .into_table(Alias::new("coordinator"))
            .columns(cols.map(Alias::new))
            .values_panic(values)
            .to_owned(),
    )
    .await
    .expect("legacy coordinator");
    let row = db
        .query_one(
            &Query::select()
                .column(Alias::new("id"))
                .from(Alias::new("coordinator"))
                .and_where(Expr::col(Alias::new("id_number")).eq(number))
                .to_owned(),
        )
        .await
        .expect("query")
        .expect("row");
    row.try_get("", "id").expect("id")
}

#[test]
fn the_hash_sees_one_changed_byte() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_ne!(sha256_hex(b"abc"), sha256_hex(b"abd"));
}

/// A database migrated before the edits: titles held without a re-inspection date and no
/// unique index on a coordinator's login (so one login linked to two records). The repair
/// dates the titles 24 months after they were granted and links the login to the oldest record.
#[tokio::test]
async fn the_repair_levels_a_database_migrated_before_the_edits() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        let n = seed::seed_certifications(db, &["440305"], 6, |_| {})
            .await
            .expect("titles");
        assert!(n > 0, "{:?}", t.kind);
        // Back to the state before 000013 (undoing the later ones on the way), then to
        // that of the first 000011 and 000012.
        let after_12 = Migrator::migrations().len() as u32 - 12;
        Migrator::down(db, Some(after_12))
            .await
            .expect("down to 12");
        db.execute_unprepared("DROP INDEX idx_coordinator_account")
            .await
            .expect("drop the index");
        certification::Entity::update_many()
            .col_expr(
                certification::Column::NextInspectionOn,
                Expr::value(Option::<chrono::NaiveDate>::None),
            )
            .filter(certification::Column::Status.eq("valid"))
            .exec(db)
            .await
            .expect("undate");
        let mut ids = Vec::new();
        for (number, name) in [("440305199001010011", "甲"), ("440305199001010038", "乙")] {
            // The schema of then: the entity of today no longer matches it.
            ids.push(legacy_coordinator(db, number, name, Some("twice")).await);
        }

        Migrator::up(db, None).await.expect("repair");

        let titles = certification::Entity::find()
            .filter(certification::Column::Status.eq("valid"))
            .all(db)
            .await
            .expect("titles");
        assert!(!titles.is_empty());
        for c in &titles {
            assert_eq!(
                c.next_inspection_on,
                c.issued_on.checked_add_months(Months::new(24)),
                "{:?} {}",
                t.kind,
                c.certificate_no
            );
        }
        let first = coordinator::Entity::find_by_id(ids[0])
            .one(db)
            .await
            .expect("q");
        let second = coordinator::Entity::find_by_id(ids[1])
            .one(db)
            .await
            .expect("q");
        assert_eq!(
            first.and_then(|c| c.account_username).as_deref(),
            Some("twice")
        );
        assert_eq!(second.map(|c| c.account_username), Some(None));
        // The index is back: a second record cannot take the login again.
        let again = coordinator::Entity::update_many()
            .col_expr(coordinator::Column::AccountUsername, Expr::value("twice"))
            .filter(coordinator::Column::Id.eq(ids[1]))
            .exec(db)
            .await;
        assert!(
            again
                .as_ref()
                .is_err_and(|e| e.to_string().to_lowercase().contains("unique")),
            "{:?}: {again:?}",
            t.kind
        );
        t.cleanup().await;
    }
}

/// 000019 fills the name search key of the people already in the ledger, folding the names that
/// fold (a middle dot, spaces, full-width letters), and indexes addresses by trigrams on
/// Postgres where `pg_trgm` can be installed.
#[tokio::test]
async fn names_already_in_the_ledger_get_their_search_keys() {
    use app::backend::entity::person;
    use app::backend::service::ledger::{households, people};
    use app::backend::testing::{actor, id_number};
    use app::domain::role::Role;
    use app::model::ledger::{HouseholdInput, PersonInput};

    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        let who = actor(Role::Coordinator, Some("440305001001"));
        let household = households::create(
            db,
            &who,
            &HouseholdInput {
                community_code: Some("440305001001".into()),
                address: Some("南头城北街1号".into()),
                ..HouseholdInput::default()
            },
        )
        .await
        .expect("household")
        .household
        .id;
        let mut ids = Vec::new();
        for (seq, name) in [("011", "王秀英"), ("033", "阿依古丽买买提")] {
            let person = PersonInput {
                id_number: Some(id_number("440305", "19800101", seq)),
                name: Some(name.into()),
                ability: Some("full".into()),
                status: Some("employed_formal".into()),
                ..PersonInput::default()
            };
            let added = people::add(db, &who, household, &person)
                .await
                .expect("person");
            ids.push(added.members.last().expect("member").id);
        }
        Migrator::down(db, Some(1)).await.expect("down one");
        // A name as typed before the key existed, with a dot and spaces.
        db.execute_unprepared(&format!(
            "UPDATE person SET name = '阿依古丽 · 买买提' WHERE id = {}",
            ids[1]
        ))
        .await
        .expect("a name with a dot");
        Migrator::up(db, None).await.expect("up");
        let keys: Vec<String> = person::Entity::find()
            .filter(person::Column::Id.is_in(ids.clone()))
            .all(db)
            .await
            .expect("people")
            .into_iter()
            .map(|p| p.name_key)
            .collect();
        assert_eq!(keys, ["王秀英", "阿依古丽买买提"], "{:?}", t.kind);
        if t.kind == app::backend::db::DbKind::Postgres {
            let trigrams = db
                .query_one_raw(sea_orm::Statement::from_string(
                    sea_orm::DatabaseBackend::Postgres,
                    "SELECT count(*) AS n FROM pg_indexes WHERE indexname = 'idx_household_address_trgm'",
                ))
                .await
                .expect("indexes")
                .and_then(|r| r.try_get::<i64>("", "n").ok());
            assert_eq!(trigrams, Some(1), "pg_trgm is available here");
        }
        t.cleanup().await;
    }
}
