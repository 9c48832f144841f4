//! The data key ring at start-up (see `app::backend::sealing`): read from `DATA_KEYS_FILE`, or,
//! for the embedded SQLite database, from `<database file>.keys` beside it, generated on the
//! first start of a database that holds nothing sealed. Postgres never gets a key made up: it
//! refuses to start without `DATA_KEYS_FILE`. Also the `new-keys` and `rotate-keys` commands.

use std::path::{Path, PathBuf};

use app::backend::db::{self, DbKind};
use app::backend::sealing::{Keyring, install};
use app::backend::service::sealing_pass;
use sea_orm::DatabaseConnection;

use crate::config::Config;

/// Where the key file of this configuration lies: `DATA_KEYS_FILE`, else beside a SQLite file;
/// `None` for Postgres without `DATA_KEYS_FILE` and for an in-memory SQLite database.
pub fn key_file(config: &Config) -> Option<PathBuf> {
    if let Some(path) = &config.data_keys_file {
        return Some(path.clone());
    }
    if !config.database_url.starts_with("sqlite:") {
        return None;
    }
    db::sqlite_path(&config.database_url).map(|p| PathBuf::from(format!("{p}.keys")))
}

/// Refuses, before anything touches the database, a Postgres database without `DATA_KEYS_FILE`.
pub fn check_configured(config: &Config) -> Result<(), String> {
    if key_file(config).is_none() && !config.database_url.starts_with("sqlite:") {
        return Err(POSTGRES_NEEDS_KEYS.into());
    }
    Ok(())
}

const POSTGRES_NEEDS_KEYS: &str = "Postgres needs DATA_KEYS_FILE, the file of the keys that \
     seal ID numbers and phones; make one with `jiceng new-keys --file PATH` and keep it apart \
     from the database backups";

/// The key ring for `conn` from the key file at `path` ([`key_file`]), as the module says.
/// Errors (messages for the operator): Postgres without a key file; a key file that is missing
/// while the database holds sealed data; an unreadable or malformed key file.
pub async fn open(path: Option<&Path>, conn: &DatabaseConnection) -> Result<Keyring, String> {
    let kind = DbKind::of(conn);
    let Some(path) = path else {
        if kind == DbKind::Postgres {
            return Err(POSTGRES_NEEDS_KEYS.into());
        }
        eprintln!("in-memory database: its data keys live only as long as this process");
        return Ok(Keyring::generate());
    };
    if path.exists() {
        return Keyring::load(path).map_err(|e| e.to_string());
    }
    if kind == DbKind::Postgres {
        return Err(format!(
            "DATA_KEYS_FILE {} does not exist; make one with `jiceng new-keys --file {}`, or \
             restore the one this database was sealed with",
            path.display(),
            path.display()
        ));
    }
    let sealed = sealing_pass::anything_sealed(conn)
        .await
        .map_err(|e| e.message("en"))?;
    if sealed {
        return Err(format!(
            "the database holds sealed ID numbers and phones but its key file {} is missing: \
             restore it from where it is backed up (without it they cannot be read)",
            path.display()
        ));
    }
    let ring = Keyring::generate();
    ring.save(path).map_err(|e| e.to_string())?;
    eprintln!(
        "first start: generated the data key file {} (it seals ID numbers and phones); back it \
         up apart from the database: without it they cannot be read",
        path.display()
    );
    Ok(ring)
}

/// Installs `ring` for this process and seals under its active key whatever is not, saying
/// what it did. Errors: a value that does not open (a wrong key file).
pub async fn install_and_seal(conn: &DatabaseConnection, ring: Keyring) -> Result<(), String> {
    let ring = install(ring);
    let mut shown = (String::new(), 0u64);
    let reports = sealing_pass::run(conn, ring, |table, done, total| {
        // About every tenth of a large table.
        let step = (total / 10).max(sealing_pass::BATCH);
        if shown.0 != table || done >= shown.1 + step || done == total {
            eprintln!("sealing {table}: {done} of {total} rows");
            shown = (table.to_string(), done);
        }
    })
    .await
    .map_err(|_| {
        "sealed data does not open with this key file: is it the one this database was \
         sealed with?"
            .to_string()
    })?;
    for r in reports.iter().filter(|r| r.sealed > 0) {
        eprintln!(
            "sealed {} rows of {} under key {}",
            r.sealed,
            r.table,
            ring.active_id()
        );
    }
    Ok(())
}

/// `new-keys`: writes a new key file at `path`. Errors: the file exists (never overwritten).
pub fn new_file(path: &Path) -> Result<(), String> {
    if path.exists() {
        return Err(format!(
            "{} exists already; a key file is never overwritten",
            path.display()
        ));
    }
    Keyring::generate().save(path).map_err(|e| e.to_string())?;
    eprintln!(
        "wrote {} (readable by its owner only); set DATA_KEYS_FILE to it",
        path.display()
    );
    Ok(())
}

/// `rotate-keys`, with every server of this database stopped: a new key becomes the active
/// one, everything is resealed under it, and the file is left with the new key only. The file
/// as it was is kept beside it (`<file>.before-k<id>`) for restoring older backups. A run cut
/// short leaves both keys in the file; the next start finishes the resealing.
pub async fn rotate(path: Option<&Path>, conn: &DatabaseConnection) -> Result<(), String> {
    let path = path.ok_or("rotate-keys needs DATA_KEYS_FILE (or a SQLite file)")?;
    let old = Keyring::load(path).map_err(|e| e.to_string())?;
    let rotated = old.with_new_key();
    let kept = PathBuf::from(format!(
        "{}.before-k{}",
        path.display(),
        rotated.active_id()
    ));
    old.save(&kept).map_err(|e| e.to_string())?;
    rotated.save(path).map_err(|e| e.to_string())?;
    let active_only = rotated.active_only();
    install_and_seal(conn, rotated).await?;
    active_only.save(path).map_err(|e| e.to_string())?;
    eprintln!(
        "key {} is active and everything is sealed under it; the previous keys are in {}: \
         keep that file with the backups taken before now, and delete it when they expire",
        active_only.active_id(),
        kept.display()
    );
    Ok(())
}
