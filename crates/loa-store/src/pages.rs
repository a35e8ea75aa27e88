//! Stored pages: reader pages as rendered, kept in a SQLite file of this
//! node's own (beside its search index), so that a page nobody has asked
//! for since the process started, or since the memory cache let it go, is
//! read back in one lookup instead of rendered from the store and the
//! index. Like the search index it is derived: the store is the truth, the
//! file can be deleted at any time, and `loa render-pages` fills it again.
//!
//! A page leaves the file as soon as what it shows may have changed (see
//! [`PageStore::drop_touched`]), so a stored page is always what a render
//! would give now, but for its related stories, which are chosen when it
//! is rendered. The rules, for a change to story X in language L:
//!
//! - every page that links X (its own pages in every language, whose
//!   language menus name one another, and any page listing it);
//! - every list (front pages, sections, feeds, sitemaps: any page stored
//!   without story facts), which may now gain X;
//! - story pages in L of X's section or by X's author, whose side lists
//!   ("more in this section", "more by this author") may now gain X;
//! - every story page in L when X is a video story (each shows the newest
//!   videos).
//!
//! Reads are synchronous, on a small pool of connections to a memory-mapped
//! file: a lookup by key is a few microseconds, far less than a hop to an
//! async pool's worker thread. This is a cache file, not the store, so
//! `synchronous = OFF`: an operating-system crash may lose it, and then it
//! is simply rebuilt (see [`PageStore::open`]).

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

/// Bumped when the file's layout changes: an older file is started afresh.
const LAYOUT: i64 = 2;
/// Read connections: one per core is enough for lookups this short.
const READERS: usize = 4;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    key TEXT PRIMARY KEY,
    lang TEXT,
    story INTEGER NOT NULL,
    category TEXT,
    author TEXT,
    route TEXT NOT NULL,
    head BLOB NOT NULL,
    body BLOB NOT NULL,
    gzip BLOB,
    brotli BLOB
);
CREATE INDEX IF NOT EXISTS pages_lang_category ON pages (lang, category) WHERE story = 1;
CREATE INDEX IF NOT EXISTS pages_lang_author ON pages (lang, author) WHERE story = 1;
CREATE INDEX IF NOT EXISTS pages_lists ON pages (story) WHERE story = 0;
CREATE TABLE IF NOT EXISTS links (slug TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (slug, key));
CREATE INDEX IF NOT EXISTS links_key ON links (key);
CREATE TRIGGER IF NOT EXISTS pages_gone AFTER DELETE ON pages BEGIN DELETE FROM links WHERE key = old.key; END;
";

#[derive(Debug, thiserror::Error)]
#[error("stored pages: {0}")]
pub struct PageStoreError(#[from] rusqlite::Error);

/// What a story page shows beside its own story, so that a change can
/// find the pages whose side lists it may alter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryFacts {
    pub lang: String,
    pub category: String,
    pub author: Option<String>,
}

/// One page to keep, or one read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPage {
    /// `None`: a list, dropped on every change.
    pub story: Option<StoryFacts>,
    /// The metrics label of the page's route.
    pub route: String,
    /// Its headers, serialised by the caller (the store does not read them).
    pub head: Vec<u8>,
    pub body: Vec<u8>,
    /// The body compressed, when it was worth it: a reader who accepts a
    /// coding gets these bytes, not a compression made for them.
    pub gzip: Option<Vec<u8>>,
    pub brotli: Option<Vec<u8>>,
    /// The slugs of the stories it links (its own among them).
    pub links: Vec<String>,
}

/// A change to one edition of a story, as it bears on stored pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    pub slug: String,
    pub lang: String,
    pub category: String,
    pub author: Option<String>,
    /// Whether it is a video story (every story page lists the newest).
    pub video: bool,
}

pub struct PageStore {
    readers: Vec<Mutex<Connection>>,
    writer: Mutex<Connection>,
}

type Result<T> = std::result::Result<T, PageStoreError>;

/// FNV-1a, 64 bits: a stable mark of a text (not a secret).
fn fnv(bytes: &[u8]) -> i64 {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
    hash as i64
}

fn connect(path: &Path, flags: OpenFlags) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -8192;")?;
    Ok(conn)
}

impl PageStore {
    /// Opens (or creates) the file at `path`. A file this version cannot
    /// use (another layout, or damaged) is deleted and started afresh:
    /// everything in it can be rendered again.
    ///
    /// `made_by` names everything besides the store that a page depends
    /// on (the build that renders it, the site's address and languages):
    /// pages made under another are dropped.
    pub fn open(path: &Path, made_by: &str) -> Result<PageStore> {
        let store = Self::open_or_afresh(path)?;
        let mark = fnv(made_by.as_bytes());
        let writer = store.writer();
        let seen: Option<i64> = writer.query_row("SELECT value FROM meta WHERE name = 'made_by'", [], |r| r.get(0)).optional()?;
        if seen != Some(mark) {
            writer.execute_batch("DELETE FROM links; DELETE FROM pages; DELETE FROM meta WHERE name = 'synced';")?;
            writer.execute(
                "INSERT INTO meta (name, value) VALUES ('made_by', ?1) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                [mark],
            )?;
        }
        drop(writer);
        Ok(store)
    }

    fn open_or_afresh(path: &Path) -> Result<PageStore> {
        match Self::open_as_is(path) {
            Ok(store) => Ok(store),
            Err(e) => {
                tracing::warn!(error = %e, path = %path.display(), "stored pages unusable; starting afresh");
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.as_os_str().to_owned();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
                Self::open_as_is(path)
            }
        }
    }

    fn open_as_is(path: &Path) -> Result<PageStore> {
        let writer = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
        writer.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;")?;
        writer.execute_batch(SCHEMA)?;
        let layout: Option<i64> =
            writer.query_row("SELECT value FROM meta WHERE name = 'layout'", [], |r| r.get(0)).optional()?;
        match layout {
            Some(LAYOUT) => {}
            None => {
                writer.execute("INSERT INTO meta (name, value) VALUES ('layout', ?1)", [LAYOUT])?;
            }
            Some(other) => {
                return Err(PageStoreError(rusqlite::Error::InvalidParameterName(format!("layout {other}, not {LAYOUT}"))))
            }
        }
        // A read of every table proves the file sound before it is trusted.
        writer.query_row("SELECT COUNT(*) FROM links", [], |r| r.get::<_, i64>(0))?;
        let readers = (0..READERS)
            .map(|_| connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map(Mutex::new))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(PageStore { readers, writer: Mutex::new(writer) })
    }

    /// The page kept under `key`, if any.
    pub fn get(&self, key: &str) -> Result<Option<StoredPage>> {
        let reader = self.reader();
        let mut stmt = reader
            .prepare_cached("SELECT lang, story, category, author, route, head, body, gzip, brotli FROM pages WHERE key = ?1")?;
        let page = stmt
            .query_row([key], |r| {
                let story = r.get::<_, bool>(1)?;
                Ok(StoredPage {
                    story: if story {
                        Some(StoryFacts {
                            lang: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                            category: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                            author: r.get(3)?,
                        })
                    } else {
                        None
                    },
                    route: r.get(4)?,
                    head: r.get(5)?,
                    body: r.get(6)?,
                    gzip: r.get(7)?,
                    brotli: r.get(8)?,
                    links: Vec::new(),
                })
            })
            .optional()?;
        Ok(page)
    }

    /// A free read connection, or the first one's turn when all are busy.
    fn reader(&self) -> std::sync::MutexGuard<'_, Connection> {
        for r in &self.readers {
            if let Ok(guard) = r.try_lock() {
                return guard;
            }
        }
        self.readers[0].lock().unwrap_or_else(|p| p.into_inner())
    }

    fn writer(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps `page` under `key` if `still_current` says, under the lock
    /// every drop takes, that nothing has changed since it was rendered:
    /// a page rendered from the state before a change is never kept after
    /// that change dropped its key. Answers whether it was kept.
    pub fn put(&self, key: &str, page: &StoredPage, still_current: impl FnOnce() -> bool) -> Result<bool> {
        let mut writer = self.writer();
        if !still_current() {
            return Ok(false);
        }
        let tx = writer.transaction()?;
        tx.execute("DELETE FROM pages WHERE key = ?1", [key])?;
        let (lang, category, author) = match &page.story {
            Some(f) => (Some(f.lang.as_str()), Some(f.category.as_str()), f.author.as_deref()),
            None => (None, None, None),
        };
        tx.execute(
            "INSERT INTO pages (key, lang, story, category, author, route, head, body, gzip, brotli)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![key, lang, page.story.is_some(), category, author, page.route, page.head, page.body, page.gzip, page.brotli],
        )?;
        {
            let mut link = tx.prepare_cached("INSERT OR IGNORE INTO links (slug, key) VALUES (?1, ?2)")?;
            for slug in &page.links {
                link.execute([slug.as_str(), key])?;
            }
        }
        tx.commit()?;
        Ok(true)
    }

    /// Drops every page that may show something else after these changes
    /// (the rules are in the module's notes); answers the keys dropped.
    pub fn drop_touched(&self, touched: &[Touched]) -> Result<Vec<String>> {
        let mut writer = self.writer();
        let tx = writer.transaction()?;
        let mut dropped = Vec::new();
        {
            let mut collect = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> rusqlite::Result<()> {
                let mut stmt = tx.prepare_cached(sql)?;
                let keys = stmt.query_map(args, |r| r.get::<_, String>(0))?;
                for key in keys {
                    dropped.push(key?);
                }
                Ok(())
            };
            if !touched.is_empty() {
                collect("DELETE FROM pages WHERE story = 0 RETURNING key", &[])?;
            }
            for t in touched {
                collect("DELETE FROM pages WHERE key IN (SELECT key FROM links WHERE slug = ?1) RETURNING key", &[&t.slug])?;
                if t.video {
                    collect("DELETE FROM pages WHERE story = 1 AND lang = ?1 RETURNING key", &[&t.lang])?;
                    continue;
                }
                collect(
                    "DELETE FROM pages WHERE story = 1 AND lang = ?1 AND category = ?2 RETURNING key",
                    &[&t.lang, &t.category],
                )?;
                if let Some(author) = &t.author {
                    collect("DELETE FROM pages WHERE story = 1 AND lang = ?1 AND author = ?2 RETURNING key", &[&t.lang, author])?;
                }
            }
        }
        tx.commit()?;
        Ok(dropped)
    }

    /// Drops every page.
    pub fn clear(&self) -> Result<()> {
        self.writer().execute_batch("DELETE FROM links; DELETE FROM pages;")?;
        Ok(())
    }

    /// The change-log position every change up to which has been applied
    /// (see [`Self::set_synced`]); 0 for a new file.
    pub fn synced(&self) -> Result<i64> {
        let value = self.writer().query_row("SELECT value FROM meta WHERE name = 'synced'", [], |r| r.get(0)).optional()?;
        Ok(value.unwrap_or(0))
    }

    /// Records that changes up to `seq` have been applied, so that a node
    /// restarted later knows which changes its kept pages have not seen.
    pub fn set_synced(&self, seq: i64) -> Result<()> {
        self.writer().execute(
            "INSERT INTO meta (name, value) VALUES ('synced', ?1) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [seq],
        )?;
        Ok(())
    }

    /// Pages kept, and the bytes of their bodies.
    pub fn size(&self) -> Result<(i64, i64)> {
        Ok(self
            .reader()
            .query_row("SELECT COUNT(*), COALESCE(SUM(LENGTH(body)), 0) FROM pages", [], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(lang: &str, category: &str, author: Option<&str>, links: &[&str]) -> StoredPage {
        StoredPage {
            story: Some(StoryFacts { lang: lang.into(), category: category.into(), author: author.map(Into::into) }),
            route: "/{lang}/article/{slug}".into(),
            head: b"content-type: text/html\n".to_vec(),
            body: format!("page of {}", links.join(",")).into_bytes(),
            gzip: None,
            brotli: Some(b"compressed".to_vec()),
            links: links.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn touched(slug: &str, lang: &str, category: &str, author: Option<&str>, video: bool) -> Touched {
        Touched { slug: slug.into(), lang: lang.into(), category: category.into(), author: author.map(Into::into), video }
    }

    fn keys(store: &PageStore, all: &[&str]) -> Vec<String> {
        all.iter().filter(|k| store.get(k).unwrap().is_some()).map(|k| k.to_string()).collect()
    }

    #[test]
    fn a_page_is_read_back_as_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = PageStore::open(&dir.path().join("pages.db"), "test").unwrap();
        let page = story("en", "economy", Some("lan"), &["a", "b"]);
        assert!(store.put("/en/article/a", &page, || true).unwrap());
        let back = store.get("/en/article/a").unwrap().unwrap();
        assert_eq!((&back.story, &back.head, &back.body), (&page.story, &page.head, &page.body));
        assert_eq!((&back.gzip, &back.brotli), (&None, &Some(b"compressed".to_vec())));
        assert_eq!(store.get("/en/article/z").unwrap(), None);
        assert!(!store.put("/en/article/c", &page, || false).unwrap(), "a render older than a change is not kept");
        assert_eq!(store.get("/en/article/c").unwrap(), None);
    }

    #[test]
    fn a_change_drops_exactly_the_pages_it_may_alter() {
        let dir = tempfile::tempdir().unwrap();
        let store = PageStore::open(&dir.path().join("pages.db"), "test").unwrap();
        let all = [
            "/en/article/a", // economy, by lan, links b
            "/vi/article/a", // the same story in Vietnamese
            "/en/article/c", // economy, another author
            "/en/article/d", // culture, by lan
            "/en/article/e", // culture, by minh
            "/vi/article/e", // culture in Vietnamese
            "/en/",          // a list
        ];
        store.put(all[0], &story("en", "economy", Some("lan"), &["a", "b"]), || true).unwrap();
        store.put(all[1], &story("vi", "economy", Some("lan"), &["a"]), || true).unwrap();
        store.put(all[2], &story("en", "economy", Some("minh"), &["c"]), || true).unwrap();
        store.put(all[3], &story("en", "culture", Some("lan"), &["d"]), || true).unwrap();
        store.put(all[4], &story("en", "culture", Some("minh"), &["e"]), || true).unwrap();
        store.put(all[5], &story("vi", "culture", Some("minh"), &["e"]), || true).unwrap();
        let list = StoredPage { story: None, ..story("en", "", None, &["a", "e"]) };
        store.put(all[6], &list, || true).unwrap();

        // A new English economy story by nobody named: the English economy
        // pages and the lists go; everything else stays.
        let mut dropped = store.drop_touched(&[touched("n", "en", "economy", None, false)]).unwrap();
        dropped.sort();
        assert_eq!(dropped, ["/en/", "/en/article/a", "/en/article/c"]);
        assert_eq!(keys(&store, &all), ["/vi/article/a", "/en/article/d", "/en/article/e", "/vi/article/e"]);

        // A change to story e in Vietnamese: its pages in both languages
        // (they link each other), and Vietnamese culture pages.
        store.drop_touched(&[touched("e", "vi", "culture", Some("minh"), false)]).unwrap();
        assert_eq!(keys(&store, &all), ["/vi/article/a", "/en/article/d"]);

        // A video story in English drops every English story page.
        store.drop_touched(&[touched("v", "en", "video", None, false)]).unwrap();
        assert_eq!(keys(&store, &all), ["/vi/article/a", "/en/article/d"], "not a video: only its section");
        store.drop_touched(&[touched("v", "en", "video", None, true)]).unwrap();
        assert_eq!(keys(&store, &all), ["/vi/article/a"]);
        assert!(store.drop_touched(&[]).unwrap().is_empty());
    }

    #[test]
    fn the_file_outlives_the_process_and_a_damaged_one_starts_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pages.db");
        {
            let store = PageStore::open(&path, "test").unwrap();
            store.put("/en/", &story("en", "economy", None, &[]), || true).unwrap();
            store.set_synced(42).unwrap();
        }
        let store = PageStore::open(&path, "test").unwrap();
        assert_eq!(store.synced().unwrap(), 42);
        assert!(store.get("/en/").unwrap().is_some());
        assert_eq!(store.size().unwrap().0, 1);
        drop(store);

        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.path().join(format!("pages.db{suffix}")));
        }
        // Made by another build: started empty.
        let other = PageStore::open(&path, "another build").unwrap();
        assert_eq!((other.synced().unwrap(), other.size().unwrap().0), (0, 0));
        drop(other);
        std::fs::write(&path, b"not a database at all, but long enough to look like a header of one").unwrap();
        let store = PageStore::open(&path, "test").unwrap();
        assert_eq!((store.synced().unwrap(), store.size().unwrap().0), (0, 0));
        store.put("/en/", &story("en", "economy", None, &[]), || true).unwrap();
        assert!(store.get("/en/").unwrap().is_some());
    }
}
