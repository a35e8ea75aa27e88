//! loa's search index: full-text search over published editions, built on
//! tantivy.
//!
//! # Invariants
//!
//! * **The store is the truth.** This index is derived data: every document
//!   in it is a copy of an edition the store holds, and the whole directory
//!   may be deleted at any time and rebuilt with `loa reindex`
//!   ([`SearchIndex::clear`], then [`SearchIndex::upsert`] for every public
//!   edition, then one [`SearchIndex::commit`], then
//!   [`SearchIndex::optimize`] to merge the bulk load into one segment).
//! * **Only this crate touches tantivy**, and it knows nothing of SQL or
//!   HTTP: callers hand it [`EditionDoc`]s and get back serialisable
//!   [`SearchResults`].
//!
//! # Design
//!
//! One tantivy document per edition (article × language), identified by the
//! key `"<article_id>:<lang>"`; upserting deletes by that key before adding,
//! so an edition is never found twice.
//!
//! Each language has its own set of text fields (`title_ru`, `lead_ru`,
//! `body_ru`, `tags_ru`, …) analysed by that language's pipeline (see
//! `analysis.rs`): Snowball stemming for the languages
//! tantivy has a stemmer for, lowercase + diacritic folding for all (so
//! `Ha Tinh` finds `Hà Tĩnh`), character bigrams for Chinese, Japanese and
//! Korean. A query restricted to one language is parsed only against that
//! language's fields; an unrestricted query is parsed against all of them,
//! each language's fields analysing the query their own way. Titles weigh
//! more than tags, tags more than the lead, the lead more than the body.
//!
//! Reader input is parsed leniently: the query syntax (phrases, `AND`, `OR`,
//! `-word`, `word*`) works, and malformed input (stray quotes, colons,
//! brackets) is repaired or dropped, never reported as an error. Terms are
//! combined with AND by default, as readers of a news site expect. Each word
//! also matches as typed (diacritics included, ranked higher); when the
//! words find fewer than [`LOOSE_MATCHING_BELOW`] editions, the search is
//! run again forgiving a typo or two in long words and completing the word
//! still being typed as a prefix (see `query.rs`).
//!
//! Results can be filtered by language, category, author, place and date
//! range, ordered by relevance or date, and come with facet counts over the
//! whole result set ([`Facets`]; [`SearchIndex::search_with`] counts only
//! the facets asked for). The total, the page and the facets are collected
//! in one pass over the matching editions, and snippets are made only for
//! the page. [`SearchIndex::similar`] finds stories on
//! the same subject as a given edition, without the story itself or
//! near-copies of it (see `related.rs`).
//!
//! Writes are staged in one writer (50 MB budget, one indexing thread) and
//! become visible only at [`SearchIndex::commit`], which also reloads the
//! reader. Each commit stamps the index with the analysis version; opening
//! an index stamped by another version, or with another schema, fails with
//! [`SearchError::SchemaMismatch`] so the caller can delete and rebuild it.

mod analysis;
mod bonus;
mod error;
mod facets;
mod fields;
mod query;
mod ranking;
mod related;
mod search;
mod snippets;
mod stored;
mod types;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use tantivy::directory::error::LockError;
use tantivy::query::AllQuery;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use loa_domain::Lang;

use crate::analysis::nfc;
use crate::fields::{edition_key, Fields};

pub use crate::error::SearchError;
pub use crate::facets::{FacetCount, Facets, MAX_FACET_VALUES};
pub use crate::query::{FUZZY_1_CHARS, FUZZY_2_CHARS};
pub use crate::related::NEAR_DUPLICATE_JACCARD;
pub use crate::types::{
    EditionDoc, FacetRequest, SearchHit, SearchQuery, SearchResults, SortOrder, DEFAULT_LIMIT, LOOSE_MATCHING_BELOW,
};

/// Stamped into every commit's payload. Bump it whenever an analyser
/// changes in a way the schema does not show (a new filter, a different
/// stemmer): old indexes then refuse to open instead of silently
/// mismatching query terms.
const ANALYSIS_VERSION: &str = "loa-search analysis 2";

/// Memory the writer may buffer before flushing a segment.
const WRITER_MEMORY_BYTES: usize = 50_000_000;

/// The deepest result a search may reach (offset + limit). Collecting
/// top-k keeps k documents in memory, so the window is bounded.
pub const MAX_RESULT_WINDOW: usize = 10_000;

/// A commit's payload: the analysis version, then `@` and the change-log
/// position when there is one.
fn read_stamp(payload: Option<&str>) -> (Option<&str>, Option<i64>) {
    match payload {
        None => (None, None),
        Some(p) => match p.rsplit_once('@') {
            Some((version, pos)) => match pos.parse() {
                Ok(n) => (Some(version), Some(n)),
                Err(_) => (Some(p), None),
            },
            None => (Some(p), None),
        },
    }
}

/// The search index. Cheap to clone: clones share one writer and reader.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

struct Inner {
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    /// The store's change-log position the committed index reflects
    /// (`None`: never built from the log, so it must be rebuilt whole).
    position: Mutex<Option<i64>>,
    /// Answers of [`SearchIndex::similar`] for the searcher generation
    /// they were computed on (see `related.rs`).
    similar: Mutex<related::Remembered>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("docs", &self.inner.reader.searcher().num_docs()).finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the directory and an empty index
    /// if there is none. An index with another layout is an error
    /// ([`SearchError::SchemaMismatch`]), not silently reused.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        std::fs::create_dir_all(dir).map_err(|source| SearchError::CreateDir { dir: dir.to_path_buf(), source })?;
        let open_err = |source| SearchError::Open { dir: dir.to_path_buf(), source };
        let (schema, fields) = Fields::build();
        let directory = tantivy::directory::MmapDirectory::open(dir).map_err(|e| open_err(TantivyError::from(e)))?;
        let exists = Index::exists(&directory).map_err(|e| open_err(TantivyError::from(e)))?;
        let index = if exists {
            let index = Index::open(directory).map_err(open_err)?;
            if index.schema() != schema {
                return Err(SearchError::SchemaMismatch {
                    dir: dir.to_path_buf(),
                    reason: "its fields differ from this version's".into(),
                });
            }
            let metas = index.load_metas().map_err(open_err)?;
            let (stamped, position) = read_stamp(metas.payload.as_deref());
            if stamped != Some(ANALYSIS_VERSION) {
                return Err(SearchError::SchemaMismatch {
                    dir: dir.to_path_buf(),
                    reason: match stamped {
                        Some(other) => format!("stamped {other:?}, expected {ANALYSIS_VERSION:?}"),
                        None => "it carries no analysis version stamp".into(),
                    },
                });
            }
            (index, position)
        } else {
            (Index::create(directory, schema, Default::default()).map_err(open_err)?, None)
        };
        let (index, position) = index;
        let search_index = SearchIndex::from_index(index, fields, Some(dir))?;
        *search_index.inner.position.lock().map_err(|_| SearchError::WriterPoisoned)? = position;
        if !exists {
            // Stamp the new index at once, so that reopening it before the
            // first real commit passes the version check.
            search_index.commit()?;
        }
        Ok(search_index)
    }

    /// An index held in memory only, for tests and throwaway use.
    pub fn open_in_ram() -> Result<SearchIndex, SearchError> {
        let (schema, fields) = Fields::build();
        let index = Index::create_in_ram(schema);
        SearchIndex::from_index(index, fields, None)
    }

    fn from_index(index: Index, fields: Fields, dir: Option<&Path>) -> Result<Self, SearchError> {
        analysis::register_all(index.tokenizers());
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY_BYTES).map_err(|e| match e {
            TantivyError::LockFailure(LockError::LockBusy, _) => SearchError::Locked { dir: dir.map(Path::to_path_buf) },
            other => SearchError::Tantivy(other),
        })?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex {
            inner: Arc::new(Inner {
                reader,
                writer: Mutex::new(writer),
                fields,
                position: Mutex::new(None),
                similar: Default::default(),
            }),
        })
    }

    fn writer(&self) -> Result<MutexGuard<'_, IndexWriter>, SearchError> {
        self.inner.writer.lock().map_err(|_| SearchError::WriterPoisoned)
    }

    /// Stages `doc`, replacing any earlier version of the same edition.
    /// Visible to searches after [`commit`](Self::commit).
    pub fn upsert(&self, doc: &EditionDoc) -> Result<(), SearchError> {
        let f = &self.inner.fields;
        let lf = f.of(doc.lang);
        let title = nfc(&doc.title);
        let lead = nfc(&doc.lead);
        let body = nfc(&doc.body);
        let mut d = TantivyDocument::new();
        d.add_text(f.key, edition_key(doc.article_id, doc.lang));
        d.add_i64(f.article_id, doc.article_id);
        d.add_text(f.lang, doc.lang.code());
        d.add_text(f.slug, &doc.slug);
        d.add_date(f.published_at, tantivy::DateTime::from_timestamp_micros(doc.published_at.timestamp_micros()));
        // Stored copies are the normalised text too, so snippet offsets
        // computed on it line up with what was indexed.
        d.add_text(f.title_text, &title);
        d.add_text(f.lead_text, &lead);
        d.add_text(f.body_text, &body);

        d.add_text(lf.title, &title);
        d.add_text(lf.lead, &lead);
        d.add_text(lf.body, &body);
        if !doc.captions.trim().is_empty() {
            d.add_text(lf.body, nfc(&doc.captions));
        }
        let tags = doc
            .author
            .iter()
            .chain(std::iter::once(&doc.category))
            .chain(&doc.places)
            .chain(&doc.topics)
            .filter(|t| !t.trim().is_empty());
        for tag in tags {
            d.add_text(lf.tags, nfc(tag));
        }
        d.add_text(lf.exact, &title);
        d.add_text(lf.exact, &lead);
        d.add_text(lf.exact, &body);
        if !doc.captions.trim().is_empty() {
            d.add_text(lf.exact, nfc(&doc.captions));
        }
        d.add_text(f.category, &doc.category);
        if let Some(author) = doc.author.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            d.add_text(f.author, nfc(author));
        }
        for (field, values) in [(f.place, &doc.places), (f.topic, &doc.topics)] {
            // Once each: a place named twice is still one place to count.
            let mut seen: Vec<String> = Vec::new();
            for v in values.iter().map(|v| nfc(v.trim()).into_owned()).filter(|v| !v.is_empty()) {
                if !seen.contains(&v) {
                    d.add_text(field, &v);
                    seen.push(v);
                }
            }
        }

        let writer = self.writer()?;
        writer.delete_term(Term::from_field_text(f.key, &edition_key(doc.article_id, doc.lang)));
        writer.add_document(d)?;
        Ok(())
    }

    /// Stages the removal of one edition (no error if it is not indexed).
    pub fn remove(&self, article_id: i64, lang: Lang) -> Result<(), SearchError> {
        let key = Term::from_field_text(self.inner.fields.key, &edition_key(article_id, lang));
        self.writer()?.delete_term(key);
        Ok(())
    }

    /// Stages the removal of every edition of an article.
    pub fn remove_article(&self, article_id: i64) -> Result<(), SearchError> {
        let term = Term::from_field_i64(self.inner.fields.article_id, article_id);
        self.writer()?.delete_term(term);
        Ok(())
    }

    /// Stages the removal of everything indexed so far. Documents upserted
    /// after this call survive it, so a rebuild is `clear`, upserts,
    /// `commit`, and searches see the old index until that one commit.
    pub fn clear(&self) -> Result<(), SearchError> {
        self.writer()?.delete_query(Box::new(AllQuery))?;
        Ok(())
    }

    /// Makes every staged change durable and visible to searches.
    pub fn commit(&self) -> Result<(), SearchError> {
        let position = *self.inner.position.lock().map_err(|_| SearchError::WriterPoisoned)?;
        self.commit_with(position)
    }

    /// Commits, recording that the index now reflects the store up to
    /// change `position` — in the same commit, so a crash can never leave
    /// a position ahead of the documents.
    pub fn commit_at(&self, position: i64) -> Result<(), SearchError> {
        self.commit_with(Some(position))
    }

    fn commit_with(&self, position: Option<i64>) -> Result<(), SearchError> {
        {
            let mut writer = self.writer()?;
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&match position {
                Some(p) => format!("{ANALYSIS_VERSION}@{p}"),
                None => ANALYSIS_VERSION.to_string(),
            });
            prepared.commit()?;
            *self.inner.position.lock().map_err(|_| SearchError::WriterPoisoned)? = position;
        }
        self.inner.reader.reload()?;
        Ok(())
    }

    /// The change-log position of the last commit ([`commit_at`](Self::commit_at));
    /// `None` for an index never built from the log.
    pub fn position(&self) -> Option<i64> {
        *self.inner.position.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Merges every committed segment into one and makes the result
    /// visible. Worth calling after a bulk rebuild (`loa reindex`): the
    /// writer flushes a segment per memory budget, and every query pays per
    /// segment (a term lookup and typo automaton walk per word, a facet
    /// dictionary pass per field), so one segment answers fastest. Not
    /// needed after ordinary commits, which tantivy's merge policy tidies.
    /// Takes about as long as indexing the documents once more.
    pub fn optimize(&self) -> Result<(), SearchError> {
        // A merge the policy started at the last commit may still be
        // running on some of these segments; whichever merge finishes
        // second fails, and the segments are listed again.
        const ATTEMPTS: usize = 5;
        for attempt in 1..=ATTEMPTS {
            let mut writer = self.writer()?;
            let segments = writer.index().searchable_segment_ids()?;
            if segments.len() <= 1 {
                break;
            }
            match writer.merge(&segments).wait() {
                Ok(_) => break,
                Err(e) if attempt < ATTEMPTS => {
                    tracing::debug!(error = %e, attempt, "segment merge raced another; retrying");
                    drop(writer);
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                Err(e) => return Err(e.into()),
            }
        }
        self.inner.reader.reload()?;
        Ok(())
    }

    /// How many segments searches currently see (one after
    /// [`optimize`](Self::optimize)).
    pub fn num_segments(&self) -> usize {
        self.inner.reader.searcher().segment_readers().len()
    }

    /// How many editions searches currently see.
    pub fn num_docs(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }
}
