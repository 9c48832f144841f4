//! The sealing pass: brings every sealed column under the key ring's active key, in batches of
//! [`BATCH`] rows, each batch one transaction. It runs at every start before anything is
//! served (finding nothing to do once a table is sealed under the active key, as
//! `sealing_pass` records) and in `rotate-key`. It seals the plain values a database migrated
//! from before sealing holds, and reseals values under older keys after a rotation; a pass cut
//! short resumes where it stopped on the next start.
//!
//! A row is rewritten only if its sealed columns still hold what the pass read, so an edit made
//! meanwhile by another server on the same database is never overwritten.

use crate::backend::db::BeginWrite;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, Set};

use crate::backend::clock;
use crate::backend::entity::sealing_pass;
use crate::backend::sealing::{Field, Keyring, SealError};
use crate::model::AppError;

/// Rows sealed per transaction (this system's default).
pub const BATCH: u64 = 500;

/// A table with sealed columns.
struct SealedTable {
    table: &'static str,
    /// Whether it has `id_number_index` and `id_number_sealed`.
    id_number: bool,
    /// Other sealed columns and their kinds.
    columns: &'static [(&'static str, Field)],
}

const TABLES: [SealedTable; 4] = [
    SealedTable {
        table: "person",
        id_number: true,
        columns: &[("phone_sealed", Field::Phone)],
    },
    SealedTable {
        table: "coordinator",
        id_number: true,
        columns: &[("phone_sealed", Field::Phone)],
    },
    SealedTable {
        table: "cert_objection",
        id_number: false,
        columns: &[("contact_sealed", Field::Contact)],
    },
    SealedTable {
        table: "promotion_objection",
        id_number: false,
        columns: &[("contact_sealed", Field::Contact)],
    },
];

/// What one table's pass did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableReport {
    pub table: &'static str,
    /// Rows whose values were sealed or resealed.
    pub sealed: u64,
    /// False when the table was sealed under the active key already.
    pub ran: bool,
}

/// A value as the pass finds it.
enum Found {
    /// Sealed under the active key: left as it is.
    Current,
    /// To be sealed (plain, or opened from an older key).
    Plain(String),
}

/// Classifies a stored value. A table never sealed holds plain values (and, after a pass cut
/// short, values sealed under the active key); once sealed, everything must open.
fn classify(
    ring: &Keyring,
    field: Field,
    stored: &str,
    never_sealed: bool,
) -> Result<Found, SealError> {
    match ring.open(field, stored) {
        Ok(_) if Keyring::key_of(stored) == Some(ring.active_id()) => Ok(Found::Current),
        Ok(plain) => Ok(Found::Plain(plain)),
        Err(_) if never_sealed => Ok(Found::Plain(stored.to_string())),
        Err(e) => Err(e),
    }
}

fn col(name: &str) -> Expr {
    Expr::col(Alias::new(name))
}

/// `column` still holds `value` (null-safe).
fn still(name: &str, value: &Option<String>) -> SimpleExpr {
    match value {
        Some(v) => col(name).eq(v.clone()),
        None => col(name).is_null(),
    }
}

/// Seals one batch of `spec` after row id `after`; returns the last id read (None at the end)
/// and the rows rewritten.
async fn batch(
    db: &DatabaseConnection,
    ring: &Keyring,
    spec: &SealedTable,
    after: i64,
    never_sealed: bool,
) -> Result<(Option<i64>, u64), AppError> {
    let mut columns: Vec<&str> = vec!["id"];
    if spec.id_number {
        columns.extend(["id_number_index", "id_number_sealed"]);
    }
    columns.extend(spec.columns.iter().map(|(c, _)| *c));
    let txn = db.begin_write().await?;
    let rows = txn
        .query_all(
            &Query::select()
                .columns(columns.iter().map(|c| Alias::new(*c)))
                .from(Alias::new(spec.table))
                .and_where(col("id").gt(after))
                .order_by(Alias::new("id"), Order::Asc)
                .limit(BATCH)
                .to_owned(),
        )
        .await?;
    let mut last = None;
    let mut rewritten = 0;
    for row in &rows {
        let id: i64 = row.try_get("", "id")?;
        last = Some(id);
        let mut update = Query::update();
        update
            .table(Alias::new(spec.table))
            .and_where(col("id").eq(id));
        let mut changed = false;
        if spec.id_number {
            let index: String = row.try_get("", "id_number_index")?;
            let sealed: Option<String> = row.try_get("", "id_number_sealed")?;
            let found = match &sealed {
                Some(s) => classify(ring, Field::IdNumber, s, never_sealed)?,
                // Before the first pass the index column holds the plain number.
                None => Found::Plain(index.clone()),
            };
            if let Found::Plain(number) = found {
                update
                    .value(
                        Alias::new("id_number_index"),
                        ring.blind_index(Field::IdNumber, &number),
                    )
                    .value(
                        Alias::new("id_number_sealed"),
                        ring.seal(Field::IdNumber, &number)?,
                    )
                    .and_where(col("id_number_index").eq(index))
                    .and_where(still("id_number_sealed", &sealed));
                changed = true;
            }
        }
        for (name, field) in spec.columns {
            let stored: Option<String> = row.try_get("", name)?;
            let Some(value) = &stored else { continue };
            if let Found::Plain(plain) = classify(ring, *field, value, never_sealed)? {
                update
                    .value(Alias::new(*name), ring.seal(*field, &plain)?)
                    .and_where(still(name, &stored));
                changed = true;
            }
        }
        if changed {
            rewritten += txn.execute(&update.to_owned()).await?.rows_affected();
        }
    }
    txn.commit().await?;
    Ok((last, rewritten))
}

/// Seals every table under `ring`'s active key. `progress` gets (table, rows read, rows in the
/// table) after each batch. Errors: a value that does not open under the ring once its table
/// was sealed (a wrong or missing key file): `Internal`, logged with the table, never values.
pub async fn run(
    db: &DatabaseConnection,
    ring: &Keyring,
    mut progress: impl FnMut(&str, u64, u64),
) -> Result<Vec<TableReport>, AppError> {
    let mut reports = Vec::new();
    let mut upgraded = false;
    for spec in &TABLES {
        let state = sealing_pass::Entity::find_by_id(spec.table.to_string())
            .one(db)
            .await?;
        if state
            .as_ref()
            .is_some_and(|s| s.key_id == ring.active_id() as i32)
        {
            reports.push(TableReport {
                table: spec.table,
                sealed: 0,
                ran: false,
            });
            continue;
        }
        let never_sealed = state.is_none();
        let total = count(db, spec.table).await?;
        let (mut after, mut read, mut sealed) = (0i64, 0u64, 0u64);
        loop {
            let (last, rewritten) = batch(db, ring, spec, after, never_sealed)
                .await
                .inspect_err(|_| {
                    tracing::error!("sealing {}: a value does not open", spec.table)
                })?;
            sealed += rewritten;
            let Some(last) = last else { break };
            read += Ord::min(BATCH, total.saturating_sub(read));
            after = last;
            progress(spec.table, read, total);
        }
        let txn = db.begin_write().await?;
        sealing_pass::Entity::delete_by_id(spec.table.to_string())
            .exec(&txn)
            .await?;
        sealing_pass::Entity::insert(sealing_pass::ActiveModel {
            table_name: Set(spec.table.to_string()),
            key_id: Set(ring.active_id() as i32),
            finished_at: Set(clock::now()),
        })
        .exec(&txn)
        .await?;
        txn.commit().await?;
        upgraded |= never_sealed && sealed > 0;
        reports.push(TableReport {
            table: spec.table,
            sealed,
            ran: true,
        });
    }
    if upgraded {
        compact(db).await?;
    }
    Ok(reports)
}

/// After plain values were sealed, rewrites the storage so that no freed page or dead row
/// keeps them: SQLite `VACUUM` and a truncating WAL checkpoint; Postgres `VACUUM FULL` of the
/// tables that held them (the history's snapshots were masked by migration 000015).
async fn compact(db: &DatabaseConnection) -> Result<(), AppError> {
    let statements: &[&str] = match db.get_database_backend() {
        DbBackend::Postgres => &[
            "VACUUM FULL person, coordinator, cert_objection, promotion_objection, record_version",
        ],
        _ => &["VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"],
    };
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

async fn count(db: &DatabaseConnection, table: &str) -> Result<u64, AppError> {
    let row = db
        .query_one(
            &Query::select()
                .expr_as(Func::count(Expr::col(Alias::new("id"))), Alias::new("n"))
                .from(Alias::new(table))
                .to_owned(),
        )
        .await?;
    let n = row.and_then(|r| r.try_get::<i64>("", "n").ok());
    Ok(u64::try_from(n.unwrap_or(0)).unwrap_or(0))
}

/// Whether any table was ever sealed (then its key file must be there).
pub async fn anything_sealed(db: &DatabaseConnection) -> Result<bool, AppError> {
    Ok(sealing_pass::Entity::find().one(db).await?.is_some())
}
