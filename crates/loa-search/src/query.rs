//! From a reader's query text to a tantivy query.
//!
//! tantivy's own grammar parses the text leniently (phrases, `AND`, `OR`,
//! `NOT`, `-word`, `+word`, brackets, `^boost`), but each word is turned
//! into a query here rather than by tantivy's `QueryParser`, because a word
//! is looked up in several ways at once:
//!
//! * its analysed form (stemmed, diacritics folded) in the title, tags,
//!   lead and body, weighted by field: the main score;
//! * its form as typed (lowercased only) in the exact field: a bonus, so
//!   `Hà Tĩnh` ranks text spelled `Hà Tĩnh` above text spelled `Hạ Tinh`;
//! * for words of [`FUZZY_1_CHARS`] characters or more, within one edit
//!   ([`FUZZY_2_CHARS`]: two) in the exact field, at a constant low weight,
//!   so a typo still finds the story but below exact matches;
//! * for `word*`, and for the last word of the query when the reader has
//!   not finished typing it, every word starting with it, at the same low
//!   weight.
//!
//! Typo tolerance and the automatic completion of the last word are the
//! *loose* part of a query: walking a term dictionary with an automaton
//! costs far more than looking words up, and when the words as typed find
//! plenty, the loose matches would only rank below them anyway. So a query
//! is built [`Matching::Exact`] first (explicit `word*` prefixes are always
//! expanded: the reader asked for them), and [`Matching::Loose`] only when
//! the exact one finds too little and [`Built::loosens`] says the loose one
//! could find more.
//!
//! Field names typed by the reader (`title_en:x`) are ignored; only the
//! text after the colon is searched, in the fields of the requested
//! languages. Ranges, sets and `*` alone match nothing.

use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, TermQuery};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use loa_domain::Lang;

use crate::analysis::{analyzer, exact_analyzer, nfc};
use crate::bonus::PhraseBonus;
use crate::fields::{Fields, LangFields, EXACT_BOOST, LOOSE_BOOST};

/// Words at least this long (in characters) match within one typo.
pub const FUZZY_1_CHARS: usize = 5;
/// Words at least this long match within two typos.
pub const FUZZY_2_CHARS: usize = 9;
/// The last word is completed as a prefix only from this length on;
/// shorter beginnings match too much to mean anything.
const AUTO_PREFIX_MIN_CHARS: usize = 3;

/// Reader text beyond this many characters is not read: no search needs
/// more, and every word costs a clause per field and language (typos and
/// nesting more), so a pasted page would take seconds.
pub const MAX_QUERY_CHARS: usize = 256;
/// Words read of a query, at most.
pub const MAX_QUERY_WORDS: usize = 32;

/// The beginning of `text` a query is built from: at most
/// [`MAX_QUERY_CHARS`] characters and [`MAX_QUERY_WORDS`] words.
pub fn bounded(text: &str) -> &str {
    let mut end = text.char_indices().nth(MAX_QUERY_CHARS).map_or(text.len(), |(i, _)| i);
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[..end].char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > MAX_QUERY_WORDS {
                end = i;
                break;
            }
        }
    }
    &text[..end]
}

/// How far a query reaches beyond the words as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Matching {
    /// The words (stemmed and folded, and as typed), phrases, and explicit
    /// `word*` prefixes.
    Exact,
    /// Also words within a typo or two, and completions of the last word
    /// while it is being typed.
    Loose,
}

/// A query built from reader text.
pub(crate) struct Built {
    pub query: Box<dyn Query>,
    /// Whether building the same text [`Matching::Loose`] adds anything
    /// (a word long enough for typos, a last word to complete).
    pub loosens: bool,
}

/// The query for `text` over the fields of `langs`, or `None` when nothing
/// searchable is left (empty text, only punctuation, only `*`).
pub(crate) fn build(fields: &Fields, langs: &[Lang], text: &str, matching: Matching) -> Option<Built> {
    let text = nfc(bounded(text));
    let (ast, dropped) = query_grammar::parse_query_lenient(&text);
    if !dropped.is_empty() {
        tracing::debug!(query = %text, ?dropped, "search query partly malformed");
    }
    // Search-as-you-type: a query not ending in a space or a quote is still
    // being typed, so its last bare word may be a beginning.
    let typing = text.chars().last().is_some_and(|c| c.is_alphanumeric());
    let last_literal = if typing { last_bare_literal(&ast) } else { None };
    let mut analyzers: Vec<Analyzers> = langs
        .iter()
        .map(|&lang| Analyzers { lang, fields: fields.of(lang), folded: analyzer(lang), exact: exact_analyzer(lang) })
        .collect();
    let mut builder = Builder {
        analyzers: &mut analyzers,
        last_literal,
        literal_counter: 0,
        expansion: Expansion { loose: matching == Matching::Loose, loosens: false },
    };
    let query = builder.ast(&ast)?;
    Some(Built { query, loosens: builder.expansion.loosens })
}

/// Whether loose alternatives are added, and whether any word would get
/// some.
struct Expansion {
    loose: bool,
    loosens: bool,
}

struct Analyzers {
    lang: Lang,
    fields: LangFields,
    folded: TextAnalyzer,
    exact: TextAnalyzer,
}

struct Builder<'a> {
    analyzers: &'a mut [Analyzers],
    /// Index (in reading order) of the literal to complete as a prefix.
    last_literal: Option<usize>,
    literal_counter: usize,
    expansion: Expansion,
}

/// Index of the last literal in reading order, if it is a bare word that
/// is not excluded (`-word` is never completed).
fn last_bare_literal(ast: &UserInputAst) -> Option<usize> {
    fn walk(ast: &UserInputAst, excluded: bool, count: &mut usize, last: &mut Option<usize>) {
        match ast {
            UserInputAst::Clause(children) => {
                for (occur, child) in children {
                    walk(child, excluded || *occur == Some(Occur::MustNot), count, last);
                }
            }
            UserInputAst::Boost(inner, _) => walk(inner, excluded, count, last),
            UserInputAst::Leaf(leaf) => {
                if let UserInputLeaf::Literal(lit) = leaf.as_ref() {
                    let bare = lit.delimiter == Delimiter::None && !lit.prefix && lit.slop == 0;
                    let long = lit.phrase.chars().filter(|c| c.is_alphanumeric()).count() >= AUTO_PREFIX_MIN_CHARS;
                    *last = (bare && long && !excluded).then_some(*count);
                    *count += 1;
                }
            }
        }
    }
    let mut count = 0;
    let mut last = None;
    walk(ast, false, &mut count, &mut last);
    last
}

impl Builder<'_> {
    fn ast(&mut self, ast: &UserInputAst) -> Option<Box<dyn Query>> {
        match ast {
            UserInputAst::Clause(children) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (occur, child) in children {
                    if let Some(q) = self.ast(child) {
                        // Words are combined with AND unless the reader says OR.
                        clauses.push((occur.unwrap_or(Occur::Must), q));
                    }
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    // Only exclusions (or nothing) left: nothing to find.
                    return None;
                }
                if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
                    return clauses.pop().map(|(_, q)| q);
                }
                Some(Box::new(BooleanQuery::new(clauses)))
            }
            UserInputAst::Boost(inner, boost) => {
                let q = self.ast(inner)?;
                let boost = if boost.is_finite() && *boost > 0.0 { (*boost as f32).min(100.0) } else { 1.0 };
                Some(Box::new(BoostQuery::new(q, boost)))
            }
            UserInputAst::Leaf(leaf) => match leaf.as_ref() {
                UserInputLeaf::Literal(lit) => {
                    let index = self.literal_counter;
                    self.literal_counter += 1;
                    self.literal(lit, self.last_literal == Some(index))
                }
                // Ranges, sets, `field:*` and `*` are not reader features.
                _ => None,
            },
        }
    }

    fn literal(&mut self, lit: &UserInputLiteral, auto_prefix: bool) -> Option<Box<dyn Query>> {
        let mut phrase = lit.phrase.as_str();
        let mut explicit_prefix = lit.prefix;
        if lit.delimiter == Delimiter::None && phrase.ends_with('*') {
            phrase = phrase.trim_end_matches('*');
            explicit_prefix = true;
        }
        let quoted = lit.delimiter != Delimiter::None;
        let per_lang: Vec<Box<dyn Query>> = self
            .analyzers
            .iter_mut()
            .filter_map(|a| word_query(a, phrase, quoted, lit.slop, explicit_prefix, auto_prefix, &mut self.expansion))
            .collect();
        match per_lang.len() {
            0 => None,
            1 => per_lang.into_iter().next(),
            _ => Some(Box::new(BooleanQuery::union(per_lang))),
        }
    }
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let q = TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs);
    Box::new(BoostQuery::new(Box::new(q), boost))
}

fn phrase_query(field: Field, words: &[String], slop: u32, boost: f32) -> Box<dyn Query> {
    let terms = words.iter().enumerate().map(|(i, w)| (i, Term::from_field_text(field, w))).collect();
    let q = PhraseQuery::new_with_offset_and_slop(terms, slop);
    Box::new(BoostQuery::new(Box::new(q), boost))
}

fn loose(q: impl Query) -> Box<dyn Query> {
    Box::new(BoostQuery::new(Box::new(q), LOOSE_BOOST))
}

/// Edits allowed for a word of this many characters.
pub(crate) fn typo_distance(chars: usize) -> u8 {
    if chars >= FUZZY_2_CHARS {
        2
    } else if chars >= FUZZY_1_CHARS {
        1
    } else {
        0
    }
}

/// One literal of the query in one language's fields.
fn word_query(
    a: &mut Analyzers,
    text: &str,
    quoted: bool,
    slop: u32,
    explicit_prefix: bool,
    auto_prefix: bool,
    expansion: &mut Expansion,
) -> Option<Box<dyn Query>> {
    let folded = tokens(&mut a.folded, text);
    let exact = tokens(&mut a.exact, text);
    if folded.is_empty() || folded.len() != exact.len() {
        // Both pipelines share their tokenizer; differing counts would
        // mean a bug there, and misaligned phrases would match nonsense.
        return None;
    }
    let lf = a.fields;
    let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
    if folded.len() == 1 {
        let (word, exact_word) = (&folded[0], &exact[0]);
        for (field, boost) in lf.weighted() {
            alternatives.push(term_query(field, word, boost));
        }
        alternatives.push(term_query(lf.exact, exact_word, EXACT_BOOST));
        if !quoted {
            let distance = typo_distance(exact_word.chars().count());
            if distance > 0 && !a.lang_is_cjk() {
                expansion.loosens = true;
                if expansion.loose {
                    let term = Term::from_field_text(lf.exact, exact_word);
                    alternatives.push(loose(FuzzyTermQuery::new(term, distance, true)));
                }
            }
        }
        if auto_prefix && !explicit_prefix {
            expansion.loosens = true;
        }
        if explicit_prefix || (auto_prefix && expansion.loose) {
            // The exact field holds whole surface words (`bridges`), the
            // main fields folded ones (`ha`, `tinh`): a beginning typed
            // with or without accents finds its words.
            alternatives.push(loose(FuzzyTermQuery::new_prefix(Term::from_field_text(lf.exact, exact_word), 0, false)));
            for field in [lf.title, lf.body] {
                alternatives.push(loose(FuzzyTermQuery::new_prefix(Term::from_field_text(field, word), 0, false)));
            }
        }
    } else if explicit_prefix {
        for (field, words) in [(lf.title, &folded), (lf.body, &folded), (lf.exact, &exact)] {
            let terms = words.iter().map(|w| Term::from_field_text(field, w)).collect();
            alternatives.push(Box::new(PhrasePrefixQuery::new(terms)));
        }
    } else {
        for (field, boost) in lf.weighted() {
            alternatives.push(phrase_query(field, &folded, slop, boost));
        }
        if slop == 0 {
            // Checked only where the folded phrase matched (see `bonus.rs`).
            let terms = exact.iter().map(|w| Term::from_field_text(lf.exact, w)).collect();
            let folded: Box<dyn Query> = Box::new(BooleanQuery::union(alternatives));
            return Some(Box::new(PhraseBonus::new(folded, terms, EXACT_BOOST)));
        }
        alternatives.push(phrase_query(lf.exact, &exact, slop, EXACT_BOOST));
    }
    Some(Box::new(BooleanQuery::union(alternatives)))
}

impl Analyzers {
    fn lang_is_cjk(&self) -> bool {
        matches!(self.lang, Lang::Zh | Lang::Ja | Lang::Ko)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_read_up_to_their_bounds() {
        assert_eq!(bounded("Hội An lanterns"), "Hội An lanterns");
        let words: String = (0..100).map(|i| format!("w{i} ")).collect();
        assert_eq!(bounded(&words).split_whitespace().count(), MAX_QUERY_WORDS);
        assert!(bounded(&words).ends_with("w31 "));
        let long = "ệ".repeat(1000);
        assert_eq!(bounded(&long).chars().count(), MAX_QUERY_CHARS, "cut at a character boundary");
    }

    #[test]
    fn typo_distance_grows_with_length() {
        assert_eq!(typo_distance(4), 0);
        assert_eq!(typo_distance(5), 1);
        assert_eq!(typo_distance(8), 1);
        assert_eq!(typo_distance(9), 2);
    }

    #[test]
    fn last_bare_word_is_found() {
        let last = |q: &str| last_bare_literal(&query_grammar::parse_query_lenient(q).0);
        assert_eq!(last("new bridg"), Some(1));
        assert_eq!(last("new \"bridge\""), None);
        assert_eq!(last("bridge -coffee"), None);
        assert_eq!(last("bridge ab"), None, "too short to complete");
    }
}
