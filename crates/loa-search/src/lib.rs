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
mod related;
mod types;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use std::ops::Bound;

use chrono::{DateTime, NaiveDate, Utc};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::error::LockError;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentReader, TantivyDocument, TantivyError, Term,
};

use loa_domain::Lang;

use crate::analysis::nfc;
use crate::facets::{ranked, OneLang, ValueCounts};
use crate::fields::{edition_key, Fields, AUTHOR_FIELD, CATEGORY_FIELD, LANG_FIELD, PLACE_FIELD, PUBLISHED_AT_FIELD};
use crate::query::Matching;

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

/// Longest snippet, in bytes of source text.
const SNIPPET_MAX_BYTES: usize = 300;

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
        Ok(SearchIndex { inner: Arc::new(Inner { reader, writer: Mutex::new(writer), fields, position: Mutex::new(None) }) })
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

    /// Runs a reader's query with every facet counted. Malformed query text
    /// is never an error; only a page beyond [`MAX_RESULT_WINDOW`] or a date
    /// range ending before it starts is.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        self.search_with(q, FacetRequest::ALL)
    }

    /// Runs a reader's query, counting only the facets `wanted` asks for
    /// (the others come back empty). Counting visits every matching
    /// edition, so a caller that shows no facets should not ask for them.
    ///
    /// The words are first matched as typed (stemmed and folded); only when
    /// that finds fewer than [`LOOSE_MATCHING_BELOW`] editions are typos
    /// forgiven and the last word completed as a prefix, and the results
    /// are those of the loose search.
    pub fn search_with(&self, q: &SearchQuery, wanted: FacetRequest) -> Result<SearchResults, SearchError> {
        if q.offset.saturating_add(q.limit) > MAX_RESULT_WINDOW {
            return Err(SearchError::WindowTooLarge { offset: q.offset, limit: q.limit, max: MAX_RESULT_WINDOW });
        }
        if let (Some(from), Some(to)) = (q.from, q.to) {
            if from > to {
                return Err(SearchError::EmptyDateRange { from, to });
            }
        }
        let f = &self.inner.fields;
        let searcher = self.inner.reader.searcher();
        // Only languages that have editions: each language searched costs
        // its own term lookups and typo automata.
        let present: Vec<Lang> = Lang::ALL
            .into_iter()
            .filter(|l| searcher.doc_freq(&Term::from_field_text(f.lang, l.code())).is_ok_and(|n| n > 0))
            .collect();
        let filters = self.filters(q);
        let pass = |matching| self.pass(&searcher, q, wanted, &present, &filters, matching);
        let Some(mut found) = pass(Matching::Exact)? else {
            return Ok(SearchResults { total: 0, hits: Vec::new(), facets: Facets::default() });
        };
        if found.loosens && found.total < LOOSE_MATCHING_BELOW {
            if let Some(loose) = pass(Matching::Loose)? {
                found = loose;
            }
        }

        let mut snippets = Snippets::new(&searcher, found.query.as_ref(), f);
        let mut hits = Vec::with_capacity(found.top.len());
        for (key, address) in found.top {
            hits.push(self.hit(&searcher, address, key.score, &mut snippets)?);
        }
        Ok(SearchResults { total: found.total, hits, facets: found.facets })
    }

    /// The filter clauses of `q` other than the language.
    fn filters(&self, q: &SearchQuery) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.inner.fields;
        let mut filters: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, value) in [(f.category, &q.category), (f.author, &q.author), (f.place, &q.place)] {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                filters.push(exact_value(field, v));
            }
        }
        if q.from.is_some() || q.to.is_some() {
            let day_start = |d: NaiveDate| {
                let at = d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
                at.map(|secs| Term::from_field_date_for_search(f.published_at, tantivy::DateTime::from_timestamp_secs(secs)))
            };
            let lower = match q.from.and_then(day_start) {
                Some(t) => Bound::Included(t),
                None => Bound::Unbounded,
            };
            let upper = match q.to.and_then(|d| d.succ_opt()).and_then(day_start) {
                Some(t) => Bound::Excluded(t),
                None => Bound::Unbounded,
            };
            filters.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        filters
    }

    /// One run of the text query: the total, the requested page and the
    /// wanted facets, all from a single pass over the matching editions.
    /// `None` when the text leaves nothing to search.
    fn pass(
        &self,
        searcher: &tantivy::Searcher,
        q: &SearchQuery,
        wanted: FacetRequest,
        present: &[Lang],
        filters: &[(Occur, Box<dyn Query>)],
        matching: Matching,
    ) -> Result<Option<Pass>, SearchError> {
        let f = &self.inner.fields;
        // A search in one language that also counts languages runs over
        // every language, and a collector keeps the one language's hits
        // apart from the counts (see `facets::OneLang`).
        let one_lang = q.lang.filter(|_| wanted.lang);
        let langs: Vec<Lang> = match q.lang {
            Some(l) if wanted.lang => {
                let mut langs = present.to_vec();
                if !langs.contains(&l) {
                    langs.push(l);
                }
                langs
            }
            Some(l) => vec![l],
            None => present.to_vec(),
        };
        let Some(built) = query::build(f, &langs, &q.text, matching) else {
            return Ok(None);
        };
        let mut clauses = vec![(Occur::Must, built.query)];
        clauses.extend(filters.iter().map(|(o, q)| (*o, q.box_clone())));
        if let (Some(l), None) = (q.lang, one_lang) {
            // The fields already confine the query to one language, but the
            // filter keeps the promise of `lang` whatever the text says.
            clauses.push(exact_value(f.lang, l.code()));
        }
        let query: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));

        let mut facet_names = Vec::new();
        for (asked, name) in [
            (wanted.category, CATEGORY_FIELD),
            (wanted.author, AUTHOR_FIELD),
            (wanted.place, PLACE_FIELD),
            (wanted.lang && q.lang.is_none(), LANG_FIELD),
        ] {
            if asked {
                facet_names.push(name);
            }
        }
        let value_counts = ValueCounts { field_names: facet_names.clone() };
        let prefer = if q.lang.is_none() { q.prefer_lang } else { None };
        let ranking = Ranking { prefer, by_date: q.sort == SortOrder::Date };
        // Without a page to fill, nothing needs scoring, and tantivy then
        // visits the matches without computing scores.
        let top_docs = (q.limit > 0).then(|| {
            TopDocs::with_limit(q.limit)
                .and_offset(q.offset)
                .tweak_score(move |segment: &SegmentReader| ranking.for_segment(segment))
        });
        let collector = (Count, top_docs, value_counts);
        let (lang_counts, (total, top, counts)) = match one_lang {
            Some(l) => {
                let (langs, fruit) = searcher.search(query.as_ref(), &OneLang { code: l.code(), child: collector })?;
                (Some(langs), fruit)
            }
            None => (None, searcher.search(query.as_ref(), &collector)?),
        };
        let mut facets = Facets::default();
        for (name, counts) in facet_names.into_iter().zip(counts) {
            let slot = match name {
                CATEGORY_FIELD => &mut facets.category,
                AUTHOR_FIELD => &mut facets.author,
                PLACE_FIELD => &mut facets.place,
                _ => &mut facets.lang,
            };
            *slot = ranked(counts);
        }
        if let Some(langs) = lang_counts {
            facets.lang = ranked(langs);
        }
        Ok(Some(Pass { query, total, top: top.unwrap_or_default(), facets, loosens: built.loosens }))
    }

    /// A result built from the stored fields of the document at `address`.
    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
        score: Score,
        snippets: &mut Snippets<'_>,
    ) -> Result<SearchHit, SearchError> {
        let f = &self.inner.fields;
        let doc: TantivyDocument = searcher.doc(address)?;
        let stored = StoredDoc::read(&doc, f)?;
        let snippet_html = snippets.html(stored.lang, &stored.body, &stored.lead)?;
        Ok(SearchHit {
            article_id: stored.article_id,
            slug: stored.slug,
            lang: stored.lang,
            title: stored.title,
            snippet_html,
            score,
            published_at: stored.published_at,
            category: stored.category,
            author: stored.author,
            places: stored.places,
        })
    }
}

/// A filter clause: `field` holds `value` exactly.
fn exact_value(field: Field, value: &str) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(TermQuery::new(Term::from_field_text(field, &nfc(value.trim())), IndexRecordOption::Basic)))
}

/// What one run of a text query found.
struct Pass {
    /// The query run, kept for snippets.
    query: Box<dyn Query>,
    total: usize,
    top: Vec<(RankKey, DocAddress)>,
    facets: Facets,
    /// Whether a loose run of the same text could find more.
    loosens: bool,
}

/// The stored fields of one indexed edition.
pub(crate) struct StoredDoc {
    pub article_id: i64,
    pub lang: Lang,
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub published_at: DateTime<Utc>,
    pub category: String,
    pub author: Option<String>,
    pub places: Vec<String>,
    pub topics: Vec<String>,
}

impl StoredDoc {
    pub(crate) fn read(doc: &TantivyDocument, f: &Fields) -> Result<StoredDoc, SearchError> {
        let text = |field, name| {
            doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string).ok_or(SearchError::CorruptDocument { field: name })
        };
        let all = |field| -> Vec<String> { doc.get_all(field).filter_map(|v| v.as_str().map(str::to_string)).collect() };
        let lang: Lang = text(f.lang, "lang")?.parse().map_err(|_| SearchError::CorruptDocument { field: "lang" })?;
        let article_id =
            doc.get_first(f.article_id).and_then(|v| v.as_i64()).ok_or(SearchError::CorruptDocument { field: "article_id" })?;
        let published_at = doc
            .get_first(f.published_at)
            .and_then(|v| v.as_datetime())
            .and_then(|d| DateTime::<Utc>::from_timestamp_micros(d.into_timestamp_micros()))
            .ok_or(SearchError::CorruptDocument { field: "published_at" })?;
        Ok(StoredDoc {
            article_id,
            lang,
            slug: text(f.slug, "slug")?,
            title: text(f.title_text, "title")?,
            lead: text(f.lead_text, "lead")?,
            body: text(f.body_text, "body")?,
            published_at,
            category: text(f.category, "category")?,
            author: all(f.author).into_iter().next(),
            places: all(f.place),
            topics: all(f.topic),
        })
    }
}

/// How results are ordered: the preferred language first if any, then by
/// date if asked, then by score.
#[derive(Clone, Copy)]
struct Ranking {
    prefer: Option<Lang>,
    by_date: bool,
}

/// The sort key of one hit; fields compare in declaration order.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
struct RankKey {
    preferred: bool,
    /// Seconds since the epoch when sorting by date, else 0.
    date: i64,
    score: Score,
}

impl Ranking {
    fn for_segment(self, segment: &SegmentReader) -> impl FnMut(DocId, Score) -> RankKey {
        let fast = segment.fast_fields();
        let dates = if self.by_date { fast.date(PUBLISHED_AT_FIELD).ok() } else { None };
        // The preferred language's ordinal in this segment's dictionary;
        // a segment without that language has no preferred documents.
        let langs = self.prefer.and_then(|l| {
            let column = fast.str(LANG_FIELD).ok().flatten()?;
            let ord = column.dictionary().term_ord(l.code()).ok().flatten()?;
            Some((column, ord))
        });
        move |doc: DocId, score: Score| RankKey {
            preferred: langs.as_ref().is_some_and(|(column, ord)| column.term_ords(doc).any(|o| o == *ord)),
            date: dates.as_ref().and_then(|c| c.first(doc)).map_or(0, |d| d.into_timestamp_secs()),
            score,
        }
    }
}

/// Snippet generators per language, made on first need: one results page
/// may mix languages, and each language's body field has its own terms.
struct Snippets<'a> {
    searcher: &'a tantivy::Searcher,
    query: &'a dyn Query,
    fields: &'a Fields,
    generators: HashMap<Lang, (SnippetGenerator, SnippetGenerator)>,
}

impl<'a> Snippets<'a> {
    fn new(searcher: &'a tantivy::Searcher, query: &'a dyn Query, fields: &'a Fields) -> Self {
        Snippets { searcher, query, fields, generators: HashMap::new() }
    }

    /// The best passage of the body; of the lead when the body holds no
    /// query term (the match was in the title or tags); else the lead's
    /// opening words.
    fn html(&mut self, lang: Lang, body: &str, lead: &str) -> Result<String, SearchError> {
        let (body_gen, lead_gen) = match self.generators.entry(lang) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let lf = self.fields.of(lang);
                let mut body_gen = SnippetGenerator::create(self.searcher, self.query, lf.body)?;
                body_gen.set_max_num_chars(SNIPPET_MAX_BYTES);
                let mut lead_gen = SnippetGenerator::create(self.searcher, self.query, lf.lead)?;
                lead_gen.set_max_num_chars(SNIPPET_MAX_BYTES);
                e.insert((body_gen, lead_gen))
            }
        };
        for (generator, text) in [(&*body_gen, body), (&*lead_gen, lead)] {
            let mut snippet = generator.snippet(text);
            if !snippet.highlighted().is_empty() {
                snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
                return Ok(snippet.to_html());
            }
        }
        let opening = if lead.trim().is_empty() { body } else { lead };
        Ok(escape_html(truncate_at_word(opening, SNIPPET_MAX_BYTES)))
    }
}

/// At most `max` bytes of `text`, cut at a char boundary and, if possible,
/// at the last space before it, with an ellipsis when anything was cut.
fn truncate_at_word(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &text[..end];
    let at_word_end = text[end..].starts_with(char::is_whitespace);
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if !at_word_end => &cut[..i],
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// A snippet's text, escaped (the one escaper every crate uses).
fn escape_html(text: String) -> String {
    loa_domain::escape_html(&text)
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn truncation_respects_chars_and_words() {
        assert_eq!(truncate_at_word("short", 10), "short");
        assert_eq!(truncate_at_word("Hà Tĩnh tỉnh miền Trung", 9), "Hà Tĩnh…");
        let cyr = "провинция провинция";
        let out = truncate_at_word(cyr, 5);
        assert!(out.ends_with('…'), "{out}");
    }

    #[test]
    fn escaping_covers_markup_characters() {
        assert_eq!(
            escape_html("<a href=\"x\">Tom & 'Jerry'</a>".into()),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }
}
