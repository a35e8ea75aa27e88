//! Stories on the same subject: a "more like this" query built from one
//! edition's most telling words, in its own language.
//!
//! The words are weighed like tantivy's MoreLikeThis (frequency in the
//! edition × rarity in the edition's language), but the query is built
//! here so it can ask for at least [`MIN_SHARED_TERMS`] of them: one shared
//! ordinary word does not make two stories related. Stop words (where
//! tantivy has a list), numbers, short words and words that occur in most
//! stories are skipped. Shared topics count as strong shared words.
//!
//! The edition itself is excluded by article id, and so are near-copies
//! of it (another outlet's version of the same wire story, a re-post): a
//! candidate whose word-shingle Jaccard similarity with the edition exceeds
//! [`NEAR_DUPLICATE_JACCARD`] is dropped. The story text (lead and body) is
//! compared, not the headline, which outlets rewrite more freely; a story
//! without body text is compared with its headline.

use std::collections::{HashMap, HashSet};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::{SimpleTokenizer, StopWordFilter, TextAnalyzer};
use tantivy::{TantivyDocument, Term};

use loa_domain::Lang;

use crate::analysis::{analyzer, exact_analyzer, stemmer_language};
use crate::fields::{edition_key, TITLE_BOOST};
use crate::snippets::{escape_html, truncate_at_word};
use crate::stored::StoredDoc;
use crate::{SearchError, SearchHit, SearchIndex};

/// Candidates above this shingle overlap are copies, not related stories.
pub const NEAR_DUPLICATE_JACCARD: f64 = 0.8;
/// Words per shingle for the near-duplicate test. Pairs rather than the
/// usual triples: news items are short, and one changed word in a
/// 30-word wire story already moves triple-shingle similarity to 0.8.
const SHINGLE_WORDS: usize = 2;
/// Below this many corpus editions in a language, no word is too common
/// to relate stories: in a handful of stories on one event, the event's
/// name is in most of them and is exactly what relates them.
const COMMON_WORD_MIN_DOCS: u64 = 20;
/// How many of the edition's words the query uses.
const MAX_QUERY_TERMS: usize = 25;
/// A candidate must share at least this many of them (or all, if fewer).
const MIN_SHARED_TERMS: usize = 2;
/// Weight of a shared topic relative to a shared word.
const TOPIC_BOOST: f32 = 3.0;
/// Words shorter than this (in characters) carry little meaning, except
/// in Vietnamese (syllables) and CJK (bigrams), where [`SHORT_WORD_CHARS`]
/// applies.
const MIN_WORD_CHARS: usize = 3;
const SHORT_WORD_CHARS: usize = 2;
/// Preview length of a related story's snippet.
const RELATED_SNIPPET_BYTES: usize = 200;
/// Answers remembered at most; past that the memory starts over.
const MAX_REMEMBERED: usize = 50_000;

/// [`SearchIndex::similar`]'s answers for one generation of the index:
/// a commit makes a new generation, and the first call on it forgets the
/// rest, so an answer never outlives the contents it was computed on.
#[derive(Default)]
pub(crate) struct Remembered {
    generation: u64,
    answers: HashMap<(i64, Lang, usize), Vec<SearchHit>>,
}

impl Remembered {
    fn get(&self, generation: u64, key: &(i64, Lang, usize)) -> Option<Vec<SearchHit>> {
        (self.generation == generation).then(|| self.answers.get(key).cloned()).flatten()
    }

    fn put(&mut self, generation: u64, key: (i64, Lang, usize), hits: Vec<SearchHit>) {
        // An older searcher's answer (a commit came during the query) is
        // not kept over a newer generation's.
        if generation < self.generation {
            return;
        }
        if generation != self.generation || self.answers.len() >= MAX_REMEMBERED {
            self.answers.clear();
            self.generation = generation;
        }
        self.answers.insert(key, hits);
    }
}

impl SearchIndex {
    /// Up to `limit` other stories in `lang` on the same subject as the
    /// `lang` edition of `article_id`, most similar first. Empty when that
    /// edition is not indexed or nothing is similar enough. Never returns
    /// the article itself nor editions that are near-copies of it.
    ///
    /// The answer depends only on the index's contents, so it is computed
    /// once per committed generation of the index (each story page used
    /// to pay for tokenising, stemming and a term lookup per word on every
    /// view) and remembered until the next commit.
    pub fn similar(&self, article_id: i64, lang: Lang, limit: usize) -> Result<Vec<SearchHit>, SearchError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.inner.reader.searcher();
        let generation = searcher.generation().generation_id();
        let key = (article_id, lang, limit);
        if let Some(hits) = self.inner.similar.lock().unwrap_or_else(|p| p.into_inner()).get(generation, &key) {
            return Ok(hits);
        }
        let hits = self.similar_in(&searcher, article_id, lang, limit)?;
        self.inner.similar.lock().unwrap_or_else(|p| p.into_inner()).put(generation, key, hits.clone());
        Ok(hits)
    }

    /// [`Self::similar`]'s answer if it is remembered for the index as
    /// committed now; `None` if it must be computed.
    pub fn remembered_similar(&self, article_id: i64, lang: Lang, limit: usize) -> Option<Vec<SearchHit>> {
        let generation = self.inner.reader.searcher().generation().generation_id();
        self.inner.similar.lock().unwrap_or_else(|p| p.into_inner()).get(generation, &(article_id, lang, limit))
    }

    fn similar_in(
        &self,
        searcher: &tantivy::Searcher,
        article_id: i64,
        lang: Lang,
        limit: usize,
    ) -> Result<Vec<SearchHit>, SearchError> {
        let f = &self.inner.fields;
        let lf = f.of(lang);
        let key = Term::from_field_text(f.key, &edition_key(article_id, lang));
        let found = searcher.search(&TermQuery::new(key, IndexRecordOption::Basic), &TopDocs::with_limit(1))?;
        let Some(&(_, address)) = found.first() else {
            return Ok(Vec::new());
        };
        let source_doc: TantivyDocument = searcher.doc(address)?;
        let source = StoredDoc::read(&source_doc, f)?;
        let source_text = format!("{}\n{}\n{}", source.title, source.lead, source.body);

        let lang_docs = searcher.doc_freq(&Term::from_field_text(f.lang, lang.code()))?;
        let mut weighed: Vec<(String, f32)> = Vec::new();
        for (term, tf) in significant_words(lang, &source_text) {
            let df = searcher.doc_freq(&Term::from_field_text(lf.body, &term))?;
            // In no other story (df ≤ 1), or in most of them: says nothing
            // about what is related.
            if df <= 1 || (lang_docs >= COMMON_WORD_MIN_DOCS && df * 2 > lang_docs) {
                continue;
            }
            let idf = (1.0 + (lang_docs as f32 - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
            weighed.push((term, tf as f32 * idf));
        }
        weighed.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        weighed.truncate(MAX_QUERY_TERMS);

        let mut shared: Vec<Box<dyn Query>> = Vec::new();
        for (term, weight) in &weighed {
            let in_field = |field, boost: f32| -> Box<dyn Query> {
                Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::WithFreqs)),
                    boost,
                ))
            };
            shared
                .push(Box::new(BooleanQuery::union(vec![in_field(lf.body, *weight), in_field(lf.title, *weight * TITLE_BOOST)])));
        }
        for topic in &source.topics {
            shared.push(Box::new(BoostQuery::new(
                Box::new(TermQuery::new(Term::from_field_text(f.topic, topic), IndexRecordOption::Basic)),
                TOPIC_BOOST,
            )));
        }
        if shared.is_empty() {
            return Ok(Vec::new());
        }
        let min_shared = MIN_SHARED_TERMS.min(shared.len());
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(BooleanQuery::union_with_minimum_required_clauses(shared, min_shared)) as Box<dyn Query>),
            (Occur::Must, Box::new(TermQuery::new(Term::from_field_text(f.lang, lang.code()), IndexRecordOption::Basic))),
            (Occur::MustNot, Box::new(TermQuery::new(Term::from_field_i64(f.article_id, article_id), IndexRecordOption::Basic))),
        ]);

        // Room for the near-copies that will be dropped.
        let candidates = searcher.search(&query, &TopDocs::with_limit(limit * 3 + 5))?;
        let story_text = |d: &StoredDoc| {
            if d.body.trim().is_empty() && d.lead.trim().is_empty() {
                d.title.clone()
            } else {
                format!("{}\n{}", d.lead, d.body)
            }
        };
        let source_shingles = shingles(lang, &story_text(&source));
        let mut out = Vec::with_capacity(limit);
        for (score, address) in candidates {
            let doc: TantivyDocument = searcher.doc(address)?;
            let candidate = StoredDoc::read(&doc, f)?;
            if candidate.article_id == article_id || candidate.slug == source.slug {
                continue;
            }
            if jaccard(&source_shingles, &shingles(lang, &story_text(&candidate))) > NEAR_DUPLICATE_JACCARD {
                continue;
            }
            let opening = if candidate.lead.trim().is_empty() { &candidate.body } else { &candidate.lead };
            out.push(SearchHit {
                article_id: candidate.article_id,
                snippet_html: escape_html(truncate_at_word(opening, RELATED_SNIPPET_BYTES)),
                slug: candidate.slug,
                lang: candidate.lang,
                title: candidate.title,
                score,
                published_at: candidate.published_at,
                category: candidate.category,
                author: candidate.author,
                places: candidate.places,
            });
            if out.len() == limit {
                break;
            }
        }
        Ok(out)
    }
}

/// The edition's content words as index terms (stemmed and folded like the
/// body field), with how often each occurs.
fn significant_words(lang: Lang, text: &str) -> HashMap<String, usize> {
    let min_chars = match lang {
        Lang::Vi | Lang::Zh | Lang::Ja | Lang::Ko => SHORT_WORD_CHARS,
        _ => MIN_WORD_CHARS,
    };
    // Surface words first, so stop lists (written for surface forms) apply
    // before stemming changes them.
    let mut surface = match stemmer_language(lang).and_then(StopWordFilter::new) {
        Some(stop) if !matches!(lang, Lang::Zh | Lang::Ja | Lang::Ko) => {
            TextAnalyzer::builder(SimpleTokenizer::default()).filter(tantivy::tokenizer::LowerCaser).filter(stop).build()
        }
        _ => exact_analyzer(lang),
    };
    let mut to_term = analyzer(lang);
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut stream = surface.token_stream(text);
    while let Some(token) = stream.next() {
        let word = &token.text;
        if word.chars().count() < min_chars || word.chars().all(|c| c.is_numeric()) {
            continue;
        }
        let mut terms = to_term.token_stream(word);
        while let Some(term) = terms.next() {
            *counts.entry(term.text.clone()).or_insert(0) += 1;
        }
    }
    counts
}

/// Overlapping runs of [`SHINGLE_WORDS`] lowercased words (the whole text
/// as one shingle if it is shorter).
fn shingles(lang: Lang, text: &str) -> HashSet<Vec<String>> {
    let mut exact = exact_analyzer(lang);
    let mut words = Vec::new();
    let mut stream = exact.token_stream(text);
    while let Some(token) = stream.next() {
        words.push(token.text.clone());
    }
    if words.len() < SHINGLE_WORDS {
        return std::iter::once(words).filter(|w| !w.is_empty()).collect();
    }
    words.windows(SHINGLE_WORDS).map(<[String]>::to_vec).collect()
}

fn jaccard(a: &HashSet<Vec<String>>, b: &HashSet<Vec<String>>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared = a.intersection(b).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_of_shingles_tells_copies_from_related_text() {
        let a = shingles(Lang::En, "The new bridge over the Lam river opened on Monday to traffic");
        let copy = shingles(Lang::En, "The new bridge over the Lam river opened on Monday to traffic.");
        let edited = shingles(Lang::En, "The new bridge over the Lam river opened on Monday to heavy traffic");
        let other = shingles(Lang::En, "Coffee farmers in the highlands expect a good harvest");
        assert_eq!(jaccard(&a, &copy), 1.0);
        let j = jaccard(&a, &edited);
        assert!(j > 0.5 && j < 1.0, "{j}");
        assert_eq!(jaccard(&a, &other), 0.0);
    }

    #[test]
    fn stop_words_and_numbers_are_not_significant() {
        let words = significant_words(Lang::En, "The bridges of the city, 2024: the bridge opened.");
        assert_eq!(words.get("bridg"), Some(&2));
        assert!(!words.contains_key("the"));
        assert!(!words.contains_key("2024"));
    }
}
