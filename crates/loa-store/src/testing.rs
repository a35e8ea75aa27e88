//! Fresh stores for tests, on either backend (feature `testing`).
//!
//! SQLite stores live in a temporary directory. PostgreSQL stores are new
//! databases on the server named by `LOA_TEST_DATABASE_URL` (an account
//! that may create databases, e.g. `postgres://loa@127.0.0.1:54329/postgres`;
//! `scripts/postgres start` runs one and prints it), dropped when the test
//! store is. Without that variable a PostgreSQL test fails: it is never
//! skipped quietly.

use std::sync::atomic::{AtomicU32, Ordering};

use loa_domain::{Block, Category, Lang, NewArticle};

use crate::{Backend, Store};

/// An English story of the outlet "Test Herald" in the news section, one
/// paragraph long, with no author, places, topics or dates: the fields a
/// test cares about are set over it (`NewArticle { author, ..new_article(…) }`).
pub fn new_article(url: &str, title: &str) -> NewArticle {
    NewArticle {
        canonical_url: url.into(),
        outlet: "Test Herald".into(),
        source_id: None,
        lang: Lang::En,
        title: title.into(),
        lead: "A lead.".into(),
        blocks: vec![Block::Paragraph { text: format!("The body of {title}."), marks: vec![] }],
        author: None,
        category: Category::from_slug("news").expect("news is a category"),
        places: vec![],
        topics: vec![],
        published_at: None,
        updated_at: None,
    }
}

/// A store for one test, removed afterwards.
pub struct TestStore {
    pub store: Store,
    url: String,
    _dir: Option<tempfile::TempDir>,
    database: Option<(String, String)>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The server PostgreSQL tests use, or a failure that says how to get one.
pub fn postgres_admin_url() -> String {
    match std::env::var("LOA_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "LOA_TEST_DATABASE_URL is not set: PostgreSQL tests need a server. Run them through ./scripts/test, \
             or start one with `eval \"$(scripts/postgres start)\"` and run cargo test again."
        ),
    }
}

impl TestStore {
    pub async fn new(backend: Backend) -> TestStore {
        match backend {
            Backend::Sqlite => TestStore::sqlite().await,
            Backend::Postgres => TestStore::postgres().await,
        }
    }

    pub async fn sqlite() -> TestStore {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite:{}", dir.path().join("loa.db").display());
        let store = Store::connect(&url).await.expect("open SQLite test store");
        TestStore { store, url, _dir: Some(dir), database: None }
    }

    pub async fn postgres() -> TestStore {
        let (admin, url, name) = new_postgres_database().await;
        let store = Store::connect(&url).await.expect("open PostgreSQL test store");
        TestStore { store, url, _dir: None, database: Some((admin, name)) }
    }

    /// The `database_url` of this store, for a second connection or a
    /// process of its own.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Closes the store and opens it again, as a restarted process would.
    pub async fn reopen(&mut self) {
        self.store.close().await;
        self.store = Store::connect(&self.url).await.expect("reopen test store");
    }
}

/// Creates an empty database; returns (admin URL, its URL, its name).
pub async fn new_postgres_database() -> (String, String, String) {
    let admin = postgres_admin_url();
    let name = format!("loa_test_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_any(&admin))
        .await
        .unwrap_or_else(|e| panic!("cannot reach the PostgreSQL test server at {}: {e}", crate::redact(&admin)));
    sqlx::Executor::execute(&mut conn, format!("DROP DATABASE IF EXISTS {name}").as_str()).await.expect("drop old test database");
    sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
    let url = database_url(&admin, &name);
    (admin, url, name)
}

fn admin_any(admin: &str) -> String {
    sqlx::any::install_default_drivers();
    admin.to_string()
}

/// The admin URL with its database replaced by `name`.
fn database_url(admin: &str, name: &str) -> String {
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (admin, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let root = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        let Some((admin, name)) = self.database.take() else { return };
        // Drop runs outside async code: a thread of its own with its own
        // runtime removes the database (FORCE ends connections still open).
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
            rt.block_on(async {
                let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin).await.ok()?;
                sqlx::Executor::execute(&mut conn, format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await.ok()
            })
        })
        .join();
    }
}

/// Hooks for tests of the store's own refusals.
impl Store {
    /// Records a migration this build does not have, as a newer loa would.
    pub async fn pretend_schema_version_for_tests(&self, version: i64) -> crate::Result<()> {
        sqlx::query(&crate::sql(
            "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time)
             VALUES (?, 'from the future', CURRENT_TIMESTAMP, TRUE, ?, 0)",
        ))
        .bind(version)
        .bind(vec![0u8; 48])
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Opens a store as it is, without migrating it.
    pub async fn connect_without_migrating_for_tests(url: &str) -> crate::Result<Store> {
        Store::connect_unmigrated(url).await
    }
}

/// Runs each named `async fn(TestStore)` once per backend: a test module
/// `sqlite` and a test module `postgres`, with one `#[tokio::test]` each.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::testing::TestStore::sqlite().await).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::testing::TestStore::postgres().await).await
                }
            )*
        }
    };
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_is_replaced_in_the_url() {
        assert_eq!(super::database_url("postgres://loa@127.0.0.1:5432/postgres", "t1"), "postgres://loa@127.0.0.1:5432/t1");
        assert_eq!(super::database_url("postgres://loa@h/postgres?sslmode=disable", "t1"), "postgres://loa@h/t1?sslmode=disable");
        assert_eq!(super::database_url("postgres://loa@h", "t1"), "postgres://loa@h/t1");
    }
}
