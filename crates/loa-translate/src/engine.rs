//! The engine interface every translation service implements, so routing,
//! memory, glossary and the quality gate work the same whatever translates.

use std::future::Future;
use std::pin::Pin;

use loa_domain::Lang;
use serde::{Deserialize, Serialize};

use crate::{Apertium, TranslateError};

pub type EngineFuture<'a> = Pin<Box<dyn Future<Output = Result<Translation, TranslateError>> + Send + 'a>>;

/// A translated set of segments, in the order they were given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    pub segments: Vec<String>,
    /// Which engine and modes produced it, e.g. `apertium:eng-spa>es-pt`.
    pub engine: String,
    /// Words Apertium did not know (`*`), summed over every hop: a word
    /// unknown at the first hop is usually counted again at the next.
    pub unknown_words: usize,
    /// Forms the generator could not produce (`#`), summed over every hop.
    pub generation_errors: usize,
    /// Words the bilingual dictionary could not transfer (`@`), summed over every hop.
    pub transfer_errors: usize,
}

/// Terms an engine must leave alone, and terms it must render one way.
/// Engines that can carry this to the service (DeepL glossaries, an LLM
/// prompt) do; the rest are helped by the caller's pre- and post-processing,
/// and the quality gate checks the outcome either way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// Source-language terms to keep exactly as written (names, brands).
    pub protected: Vec<String>,
    /// (source term, required target term).
    pub forced: Vec<(String, String)>,
}

/// A machine translation service.
pub trait Engine: Send + Sync {
    /// Short stable name used in configuration and in `Translation::engine`
    /// (`apertium`, `libretranslate`, `openai`, `deepl`).
    fn name(&self) -> &str;

    /// Whether this engine can translate `from` → `to` at all (directly or
    /// through its own pivots).
    fn supports(&self, from: Lang, to: Lang) -> bool;

    /// Every (from, to) it serves among `langs`, for `loa engines`.
    fn pairs(&self, langs: &[Lang]) -> Vec<(Lang, Lang)> {
        let mut out = Vec::new();
        for &a in langs {
            for &b in langs {
                if a != b && self.supports(a, b) {
                    out.push((a, b));
                }
            }
        }
        out
    }

    /// Translates each segment; the answer has exactly as many segments, in
    /// order. Empty segments come back empty.
    fn translate<'a>(&'a self, from: Lang, to: Lang, segments: &'a [String], hints: &'a Hints) -> EngineFuture<'a>;

    /// Whether the span placeholders of [`crate::protect::bracket`] travel
    /// as the engine's own markup (Apertium's word-bound blanks) rather than
    /// as words, so that they are never counted as unknown words.
    fn carries_spans_as_markup(&self) -> bool {
        false
    }
}

impl Engine for Apertium {
    fn name(&self) -> &str {
        "apertium"
    }

    fn supports(&self, from: Lang, to: Lang) -> bool {
        from != to && self.route(from, to).is_some()
    }

    fn translate<'a>(&'a self, from: Lang, to: Lang, segments: &'a [String], _hints: &'a Hints) -> EngineFuture<'a> {
        Box::pin(Apertium::translate(self, from, to, segments))
    }

    fn carries_spans_as_markup(&self) -> bool {
        true
    }
}
