//! The glossary: terms an editor wants left untranslated or rendered one
//! fixed way, whatever engine translates.
//!
//! A glossary file is TOML, one `[[term]]` table per entry:
//!
//! ```toml
//! [[term]]
//! source = "People's Committee"   # as written in the source text
//! target = "Comité Popular"       # absent: keep the term as written
//! from = "en"
//! to = "es"                       # absent: every target language
//! ```

use std::path::Path;

use loa_domain::Lang;
use serde::Deserialize;

use crate::engine::Hints;

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryEntry {
    /// The term as written in source texts (matched case-sensitively, as a
    /// whole word).
    pub source: String,
    /// The required rendering; `None` means "do not translate".
    pub target: Option<String>,
    pub from: Lang,
    /// The target language; `None` means every target.
    pub to: Option<Lang>,
}

#[derive(Debug, thiserror::Error)]
pub enum GlossaryError {
    #[error("cannot read the glossary file {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the glossary is not valid TOML in the expected shape ([[term]] tables with source, target, from, to): {0}")]
    Syntax(String),
    #[error(
        "glossary term {index} ({source_term:?}): {field} {value:?} is not a language code loa knows (use e.g. en, es, ru, vi)"
    )]
    UnknownLang { index: usize, source_term: String, field: &'static str, value: String },
    #[error("glossary term {index}: source is empty; every term needs the text to look for")]
    EmptySource { index: usize },
    #[error("glossary term {index} ({source_term:?}): target is empty; leave target out to keep the term untranslated")]
    EmptyTarget { index: usize, source_term: String },
    #[error("glossary term {index} ({source_term:?}): from and to are both {lang}")]
    SameLanguage { index: usize, source_term: String, lang: Lang },
    #[error("glossary terms {first} and {second} both define {source_term:?} for {from}→{to} with different targets; keep one")]
    Conflict { first: usize, second: usize, source_term: String, from: Lang, to: String },
}

/// Glossary entries for every language pair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    entries: Vec<GlossaryEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    term: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    source: String,
    target: Option<String>,
    from: String,
    to: Option<String>,
}

/// Parses a glossary file's text. Entries are numbered from 1 in errors.
pub fn parse_toml(text: &str) -> Result<Glossary, GlossaryError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| GlossaryError::Syntax(e.to_string()))?;
    let mut entries = Vec::with_capacity(raw.term.len());
    for (i, t) in raw.term.into_iter().enumerate() {
        let index = i + 1;
        if t.source.trim().is_empty() {
            return Err(GlossaryError::EmptySource { index });
        }
        let lang = |field: &'static str, value: &str| {
            value.parse::<Lang>().map_err(|_| GlossaryError::UnknownLang {
                index,
                source_term: t.source.clone(),
                field,
                value: value.to_string(),
            })
        };
        let from = lang("from", &t.from)?;
        let to = t.to.as_deref().map(|v| lang("to", v)).transpose()?;
        if to == Some(from) {
            return Err(GlossaryError::SameLanguage { index, source_term: t.source, lang: from });
        }
        if t.target.as_deref().is_some_and(|v| v.trim().is_empty()) {
            return Err(GlossaryError::EmptyTarget { index, source_term: t.source });
        }
        entries.push(GlossaryEntry { source: t.source, target: t.target, from, to });
    }
    Glossary::from_entries(entries)
}

impl Glossary {
    /// Builds a glossary, refusing two entries that give one term two
    /// different renderings for the same pair.
    pub fn from_entries(entries: Vec<GlossaryEntry>) -> Result<Glossary, GlossaryError> {
        for (i, a) in entries.iter().enumerate() {
            for (j, b) in entries.iter().enumerate().skip(i + 1) {
                let overlapping_targets = a.to.is_none() || b.to.is_none() || a.to == b.to;
                if a.source == b.source && a.from == b.from && overlapping_targets && a.target != b.target {
                    return Err(GlossaryError::Conflict {
                        first: i + 1,
                        second: j + 1,
                        source_term: a.source.clone(),
                        from: a.from,
                        to: match (a.to, b.to) {
                            (Some(t), _) | (None, Some(t)) => t.to_string(),
                            (None, None) => "every language".to_string(),
                        },
                    });
                }
            }
        }
        Ok(Glossary { entries })
    }

    /// Reads and parses a glossary file.
    pub fn load(path: &Path) -> Result<Glossary, GlossaryError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| GlossaryError::Read { path: path.display().to_string(), source })?;
        parse_toml(&text)
    }

    pub fn entries(&self) -> &[GlossaryEntry] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries for `from` → `to` whose source term occurs in `text`
    /// (case-sensitive, whole word): do-not-translate terms as
    /// `protected`, fixed renderings as `forced`. An entry for this exact
    /// target wins over an every-target entry for the same term.
    pub fn hints_for(&self, from: Lang, to: Lang, text: &str) -> Hints {
        let mut hints = Hints::default();
        let applicable = |e: &&GlossaryEntry| e.from == from && (e.to.is_none() || e.to == Some(to));
        let mut chosen: Vec<&GlossaryEntry> = Vec::new();
        for e in self.entries.iter().filter(applicable) {
            if !occurs_as_word(text, &e.source) {
                continue;
            }
            match chosen.iter().position(|c| c.source == e.source) {
                Some(p) if chosen[p].to.is_none() && e.to.is_some() => chosen[p] = e,
                Some(_) => {}
                None => chosen.push(e),
            }
        }
        for e in chosen {
            match &e.target {
                None => hints.protected.push(e.source.clone()),
                Some(t) => hints.forced.push((e.source.clone(), t.clone())),
            }
        }
        hints
    }
}

/// Whether `term` occurs in `text` with no letter or digit glued to it.
fn occurs_as_word(text: &str, term: &str) -> bool {
    text.match_indices(term).any(|(start, _)| {
        let end = start + term.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}
