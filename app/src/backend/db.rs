//! Opening the database: SQLite (embedded, WAL, foreign keys, busy timeout) or Postgres.

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::time::Duration;

use super::migration::Migrator;

/// Which database a URL points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

impl DbKind {
    pub fn of(db: &DatabaseConnection) -> DbKind {
        match db.get_database_backend() {
            DbBackend::Postgres => DbKind::Postgres,
            _ => DbKind::Sqlite,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DbKind::Sqlite => "sqlite",
            DbKind::Postgres => "postgres",
        }
    }
}

/// The most connections a pool opens when not told: 8 to a SQLite file, 32 to Postgres (this
/// system's defaults).
pub const DEFAULT_MAX_CONNECTIONS: (u32, u32) = (8, 32);

/// Connects to `url` with the default pool size. For a SQLite file the parent folder is
/// created and the file with it.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, None).await
}

/// Connects to `url` with at most `max_connections` pooled connections (at least 1; `None`:
/// [`DEFAULT_MAX_CONNECTIONS`]). Errors: the database's.
pub async fn connect_with(
    url: &str,
    max_connections: Option<u32>,
) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        if let Some(path) = sqlite_path(url)
            && let Some(parent) = std::path::Path::new(&path).parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        opts.max_connections(max_connections.unwrap_or(DEFAULT_MAX_CONNECTIONS.0).max(1))
            .min_connections(1)
            .map_sqlx_sqlite_opts(|o| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
            });
    } else {
        let max = max_connections.unwrap_or(DEFAULT_MAX_CONNECTIONS.1).max(1);
        opts.max_connections(max).min_connections(max.min(2));
    }
    Database::connect(opts).await
}

/// The transactions of every write, begun in one place. A plain `BEGIN` on both databases:
/// on SQLite a transaction that read before another connection wrote then fails to write
/// (busy), which `AppError` answers 409 `busy` with nothing written. (`BEGIN IMMEDIATE`, which
/// queues writers instead, stalled pages under the parallel end-to-end load, its waiting
/// transactions holding pooled connections; not used until that is understood.)
#[async_trait::async_trait]
pub trait BeginWrite {
    /// Begins a transaction that will write. Errors: the database's.
    async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr>;
}

#[async_trait::async_trait]
impl BeginWrite for DatabaseConnection {
    async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        self.begin().await
    }
}

/// Applies pending migrations.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// The file of a SQLite URL (`sqlite://data/app.db?mode=rwc` → `data/app.db`); `None` for
/// other URLs and in-memory databases.
pub fn sqlite_path(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths() {
        assert_eq!(
            sqlite_path("sqlite://data/app.db?mode=rwc").as_deref(),
            Some("data/app.db")
        );
        assert_eq!(
            sqlite_path("sqlite:/tmp/x.db").as_deref(),
            Some("/tmp/x.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }
}
