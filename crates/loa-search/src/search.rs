//! The reading path: a reader's query run against the index, in an exact
//! pass and, when that finds little, a loose one; each pass collects the
//! total, the page and the facets at once.

use std::ops::Bound;

use chrono::NaiveDate;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Score, SegmentReader, TantivyDocument, Term};

use loa_domain::Lang;

use crate::analysis::nfc;
use crate::facets::{ranked, OneLang, ValueCounts};
use crate::fields::{AUTHOR_FIELD, CATEGORY_FIELD, LANG_FIELD, PLACE_FIELD};
use crate::query::{self, Matching};
use crate::ranking::{RankKey, Ranking};
use crate::snippets::Snippets;
use crate::stored::StoredDoc;
use crate::{FacetRequest, Facets, SearchError, SearchHit, SearchIndex, SearchQuery, SearchResults, SortOrder};
use crate::{LOOSE_MATCHING_BELOW, MAX_RESULT_WINDOW};

impl SearchIndex {
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
