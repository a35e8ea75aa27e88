//! loa's store: the single source of truth.
//!
//! Architecture invariant: only this crate speaks SQL. Everything else
//! calls the typed methods of [`Store`]. The search index, the media files
//! and the rendered pages are all derived from what is here.
//!
//! Queries are written in the SQL subset SQLite and PostgreSQL share
//! (`?` placeholders are the one SQLite-ism, kept in this crate) so a
//! PostgreSQL backend can follow behind the same methods.

pub mod articles;
mod jobs;
mod memory;
mod migrations;
mod newsroom;
mod reads;
mod sources;

pub use articles::{content_hash, Fingerprint, InsertOutcome, RawPage, SuppliedEdition};
pub use memory::MemoryRow;
pub use newsroom::PendingComment;
pub use jobs::{Job, JobCounts, JobKind, JobState, Requeue, MAX_ATTEMPTS};
pub use reads::{ArticleCard, CardPage, Comment, ReviewItem, SitemapEntry};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("not found: {0}")]
    NotFound(String),
    /// The change contradicts what is stored (a taken username, ...).
    #[error("{0}")]
    Conflict(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A handle on the database. Cheap to clone; share it freely.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the SQLite database at `path` and brings
    /// its schema up to date.
    pub async fn open(path: &Path) -> Result<Store> {
        let url = format!("sqlite://{}", path.display());
        let options = SqliteConnectOptions::from_str(&url)?
            .create_if_missing(true)
            // WAL lets the site read while a worker writes; NORMAL sync is
            // durable across process crashes (kill -9), which is what jobs need.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        migrations::migrator().await?.run(&pool).await?;
        Ok(Store { pool })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Timestamps are stored as fixed-width RFC 3339 UTC text, which sorts the
/// same as the instants it names, in SQLite and PostgreSQL alike.
pub(crate) fn ts(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn parse_ts(s: &str) -> Result<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| StoreError::Corrupt(format!("bad timestamp {s:?}: {e}")))
}
