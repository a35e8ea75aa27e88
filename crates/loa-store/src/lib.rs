//! loa's store: the single source of truth.
//!
//! Architecture invariant: only this crate speaks SQL, and only this crate
//! knows which database it talks to. Everything else calls the typed
//! methods of [`Store`]. The search index, the rendered pages and every
//! node's caches are derived from what is here.
//!
//! Two backends sit behind the same methods: SQLite (one file, the
//! default for one machine) and PostgreSQL (many nodes). Queries are
//! written once, in the SQL both understand, with `?` placeholders that
//! [`sql`] numbers (`$1`, `$2`, … which both accept). The few places where
//! the dialects differ — how a write transaction starts, how a job is
//! claimed — ask [`Store::backend`].

mod api_keys;
pub mod articles;
mod audit;
mod changes;
mod copy;
mod hosts;
mod jobs;
mod media;
mod memory;
mod migrations;
mod newsroom;
pub mod pages;
mod reads;
mod sources;
#[cfg(feature = "testing")]
pub mod testing;
mod throttle;
mod workflow;

pub use api_keys::ApiKey;
pub use articles::{content_hash, Fingerprint, InsertOutcome, RawPage, StoryTags, SuppliedEdition};
pub use audit::{AuditEntry, AuditFilter, AuditSubject};
pub use changes::Change;
pub use copy::TableReport;
pub use hosts::RobotsRecord;
pub use jobs::{EditionJob, Job, JobCounts, JobKind, JobState, Requeue, MAX_ATTEMPTS};
pub use media::StoredMedia;
pub use memory::MemoryRow;
pub use newsroom::{PendingComment, SessionInfo};
pub use reads::{ArticleCard, Beside, CardCursor, CardFilter, CardPage, Comment, ReviewItem, SitemapEdition, SitemapEntry};
pub use workflow::{workflow_value, UnpublishedStory};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::borrow::Cow;
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
    /// `database_url` names no database loa can use.
    #[error("{0}")]
    BadUrl(String),
    /// The database cannot be reached (stopped, wrong host or port, refused).
    #[error("cannot reach the database at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    /// The schema was written by a newer loa: this one refuses to touch it.
    #[error(
        "the database's schema has migration {found}, which this loa does not know (it knows up to {known}): it was written by a newer loa; upgrade loa on this node before starting it"
    )]
    SchemaTooNew { found: i64, known: i64 },
}

impl StoreError {
    /// Whether trying the same thing again later may succeed: a lost
    /// connection, a busy or locked database, a pool time-out, a
    /// serialisation failure. Corrupt data, a missing row or a broken
    /// constraint will fail the same way again.
    pub fn is_transient(&self) -> bool {
        match self {
            StoreError::Db(e) => match e {
                sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed => true,
                sqlx::Error::Database(db) => {
                    let code = db.code().unwrap_or_default();
                    // SQLite: 5 busy, 6 locked (and their extended codes);
                    // PostgreSQL: 40001 serialisation, 40P01 deadlock, 57P01 shutdown, 08xxx connection.
                    matches!(&*code, "5" | "6" | "40001" | "40P01" | "57P01" | "57P02" | "57P03")
                        || code.starts_with("08")
                        || code.parse::<i64>().map(|c| c & 0xff == 5 || c & 0xff == 6).unwrap_or(false)
                }
                _ => false,
            },
            StoreError::Unreachable { .. } => true,
            _ => false,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A handle on the database. Cheap to clone; share it freely.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The URL without its password, for messages.
    shown_url: String,
}

/// Write transactions on PostgreSQL take this advisory lock first, so
/// writers follow one another as they do on SQLite (`BEGIN IMMEDIATE`):
/// a read-then-write (is this URL stored? then insert) cannot race a twin
/// on another node, and change-log sequence numbers commit in order.
const WRITE_LOCK_KEY: i64 = 0x6c6f_6121; // "loa!"

impl Store {
    /// Opens (creating if needed) the SQLite database at `path` and brings
    /// its schema up to date.
    pub async fn open(path: &Path) -> Result<Store> {
        Store::connect(&format!("sqlite:{}", path.display())).await
    }

    /// Connects to `url` — `sqlite:PATH` (created if missing) or
    /// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` — and brings its
    /// schema up to date. A schema newer than this build is refused before
    /// anything is written.
    pub async fn connect(url: &str) -> Result<Store> {
        let store = Store::connect_unmigrated(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connects without touching the schema.
    pub(crate) async fn connect_unmigrated(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let shown_url = redact(url);
        if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            if path.is_empty() {
                return Err(StoreError::BadUrl("database_url sqlite: needs a file path, e.g. sqlite:loa-data/loa.db".into()));
            }
            let options = AnyConnectOptions::from_str(&format!("sqlite://{path}?mode=rwc"))?;
            let pool = AnyPoolOptions::new()
                .max_connections(8)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        // WAL lets the site read while a worker writes; NORMAL sync is
                        // durable across process crashes (kill -9), which is what jobs need.
                        // Reads map the file (up to 1 GiB) instead of copying its pages
                        // into each connection's own small cache: the connections share
                        // the system's cache, and a large archive is read without a
                        // system call per page.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                             PRAGMA mmap_size = 1073741824;",
                        )
                        .await?;
                        Ok(())
                    })
                })
                .connect_with(options)
                .await
                .map_err(|e| unreachable(&shown_url, e))?;
            Ok(Store { pool, backend: Backend::Sqlite, shown_url })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options =
                AnyConnectOptions::from_str(url).map_err(|e| StoreError::BadUrl(format!("database_url {shown_url}: {e}")))?;
            // One direct attempt first: a stopped server or a wrong port is
            // reported at once, where the pool would keep retrying.
            let probe = <sqlx::AnyConnection as sqlx::Connection>::connect_with(&options)
                .await
                .map_err(|e| unreachable(&shown_url, e))?;
            sqlx::Connection::close(probe).await.map_err(|e| unreachable(&shown_url, e))?;
            let pool = AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await
                .map_err(|e| unreachable(&shown_url, e))?;
            Ok(Store { pool, backend: Backend::Postgres, shown_url })
        } else {
            Err(StoreError::BadUrl(format!(
                "database_url {shown_url:?} is neither sqlite:PATH nor postgres://USER@HOST:PORT/DATABASE"
            )))
        }
    }

    async fn migrate(&self) -> Result<()> {
        let known = migrations::latest_version();
        // A version this build does not have was written by another loa
        // (a newer one, or one with a migration this build lacks).
        if let Some(found) = self.applied_versions().await?.into_iter().find(|v| !migrations::knows(*v)) {
            return Err(StoreError::SchemaTooNew { found, known });
        }
        // Each migration runs in its own transaction on PostgreSQL (and
        // SQLite): one that fails leaves the schema as it was before it.
        migrations::migrator(self.backend).await?.run(&self.pool).await?;
        Ok(())
    }

    /// The migrations applied to this database, newest first.
    async fn applied_versions(&self) -> Result<Vec<i64>> {
        let exists_sql = match self.backend {
            Backend::Sqlite => "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
            Backend::Postgres => "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'",
        };
        let n: i64 = sqlx::Row::try_get(&sqlx::query(exists_sql).fetch_one(&self.pool).await?, "n")?;
        if n == 0 {
            return Ok(Vec::new());
        }
        let rows = sqlx::query("SELECT version FROM _sqlx_migrations ORDER BY version DESC").fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(sqlx::Row::try_get::<i64, _>(r, "version")?)).collect()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The database's address without its password.
    pub fn shown_url(&self) -> &str {
        &self.shown_url
    }

    /// Starts a transaction that writes: other writers wait until it ends.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        match self.backend {
            // IMMEDIATE takes the write lock up front: a deferred transaction
            // that reads first cannot wait for a writer and fails as "locked".
            Backend::Sqlite => Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?),
            Backend::Postgres => {
                let mut tx = self.pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITE_LOCK_KEY).execute(&mut *tx).await?;
                Ok(tx)
            }
        }
    }

    /// SQLite's own check of the file (`PRAGMA integrity_check`: `ok`, or
    /// what is wrong). PostgreSQL has no such check of its own: `None`.
    pub async fn integrity_check(&self) -> Result<Option<String>> {
        match self.backend {
            Backend::Sqlite => {
                let row = sqlx::query("PRAGMA integrity_check").fetch_one(&self.pool).await?;
                Ok(Some(sqlx::Row::try_get::<String, _>(&row, 0)?))
            }
            Backend::Postgres => Ok(None),
        }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn unreachable(shown_url: &str, e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::Configuration(c) => StoreError::BadUrl(format!("database_url {shown_url}: {c}")),
        sqlx::Error::Database(db) => StoreError::Unreachable { url: shown_url.to_string(), reason: db.message().to_string() },
        sqlx::Error::PoolTimedOut => StoreError::Unreachable {
            url: shown_url.to_string(),
            reason: "no connection within 10 s (is the server running and listening there?)".into(),
        },
        other => StoreError::Unreachable { url: shown_url.to_string(), reason: other.to_string() },
    }
}

/// `postgres://loa:secret@host/db` → `postgres://loa:***@host/db`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let (auth, host) = match rest.rsplit_once('@') {
        Some(parts) => parts,
        None => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

/// Numbers the `?` placeholders of a query (`$1`, `$2`, …), the form both
/// SQLite and PostgreSQL accept, so each query is written once. Quoted
/// text and identifiers are left alone.
pub(crate) fn sql(query: &str) -> Cow<'_, str> {
    if !query.contains('?') {
        return Cow::Borrowed(query);
    }
    let mut out = String::with_capacity(query.len() + 16);
    let mut n = 0;
    let mut quote: Option<char> = None;
    for ch in query.chars() {
        match (quote, ch) {
            (Some(q), c) if c == q => {
                quote = None;
                out.push(c);
            }
            (Some(_), c) => out.push(c),
            (None, '\'' | '"') => {
                quote = Some(ch);
                out.push(ch);
            }
            (None, '?') => {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            }
            (None, c) => out.push(c),
        }
    }
    Cow::Owned(out)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_outside_quotes() {
        assert_eq!(sql("SELECT a FROM t WHERE b = ? AND c IN (?, ?)"), "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
        assert_eq!(sql("SELECT '?' AS q, \"a?\" FROM t WHERE x = ?"), "SELECT '?' AS q, \"a?\" FROM t WHERE x = $1");
        assert!(matches!(sql("SELECT 1"), Cow::Borrowed(_)));
    }

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(redact("postgres://loa:s3cret@db:5432/loa"), "postgres://loa:***@db:5432/loa");
        assert_eq!(redact("postgres://loa@db/loa"), "postgres://loa@db/loa");
        assert_eq!(redact("sqlite:loa-data/loa.db"), "sqlite:loa-data/loa.db");
    }
}
