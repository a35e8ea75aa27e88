//! Per-source extraction rules: CSS selectors an editor sets for an outlet
//! whose pages the heuristics read badly. `drop` prunes page furniture
//! before anything else looks at the body; `keep` names the article body
//! outright, so the content scoring is not consulted at all.

use scraper::{ElementRef, Html, Selector};
use serde::{Deserialize, Serialize};

use super::ExtractError;

/// CSS selectors that steer body extraction for one source.
///
/// Metadata (title, author, dates, language, links, Open Graph, JSON-LD)
/// is always read from the whole, unpruned page; the selectors only change
/// which parts of the page become the article body, and `timezone` how
/// dates without an offset are read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractRules {
    /// When non-empty, the article body is exactly what these selectors
    /// match, in document order (an element inside another matched element
    /// is not read twice). Inside the matched elements everything visible
    /// is kept, page-furniture guesses included: prune with `drop`.
    #[serde(default)]
    pub keep: Vec<String>,
    /// Elements matching any of these are removed from the page before the
    /// body is looked for.
    #[serde(default)]
    pub drop: Vec<String>,
    /// The zone of dates the page writes without an offset (see
    /// [`crate::timezone`]); `None` reads them as UTC.
    #[serde(skip)]
    pub timezone: Option<chrono_tz::Tz>,
}

impl ExtractRules {
    /// Checks that every selector parses; the error names the first that
    /// does not.
    pub fn validate(&self) -> Result<(), ExtractError> {
        CompiledRules::compile(self).map(|_| ())
    }

    /// True when the rules change nothing, so extraction is the plain
    /// heuristic one.
    pub fn is_empty(&self) -> bool {
        self.keep.is_empty() && self.drop.is_empty()
    }
}

/// [`ExtractRules`] with the selectors parsed.
pub(super) struct CompiledRules {
    pub keep: Vec<Selector>,
    pub drop: Vec<Selector>,
}

impl CompiledRules {
    pub fn compile(rules: &ExtractRules) -> Result<CompiledRules, ExtractError> {
        Ok(CompiledRules { keep: parse_all(&rules.keep)?, drop: parse_all(&rules.drop)? })
    }

    /// A copy of `doc` without the dropped elements, or `None` when there
    /// is nothing to drop (the caller then reads `doc` itself).
    pub fn pruned(&self, doc: &Html) -> Option<Html> {
        if self.drop.is_empty() {
            return None;
        }
        let mut pruned = doc.clone();
        // The <html> element stays whatever a rule says: scraper expects a
        // document to have one, and dropping it would leave nothing anyway.
        let html_id = pruned.root_element().id();
        let doomed: Vec<_> =
            self.drop.iter().flat_map(|s| pruned.select(s).map(|e| e.id())).filter(|id| *id != html_id).collect();
        for id in doomed {
            // Detaching a node already inside a detached subtree is harmless.
            if let Some(mut node) = pruned.tree.get_mut(id) {
                node.detach();
            }
        }
        Some(pruned)
    }

    /// The elements matched by `keep`, outermost only, in document order.
    pub fn kept_roots<'a>(&self, doc: &'a Html) -> Vec<ElementRef<'a>> {
        let mut roots: Vec<ElementRef<'a>> = Vec::new();
        // Pre-order traversal is document order; everything inside the last
        // taken root comes straight after it, so only that root can
        // contain the current element.
        for el in doc.root_element().descendent_elements() {
            let inside_last = roots.last().is_some_and(|r| el.ancestors().any(|a| a.id() == r.id()));
            if !inside_last && self.keep.iter().any(|s| s.matches(&el)) {
                roots.push(el);
            }
        }
        roots
    }
}

fn parse_all(selectors: &[String]) -> Result<Vec<Selector>, ExtractError> {
    selectors
        .iter()
        .map(|s| Selector::parse(s).map_err(|e| ExtractError::BadSelector { selector: s.clone(), reason: reason(s, &e) }))
        .collect()
}

/// A one-line reason an editor can act on; scraper's catch-all variant
/// prints a debug dump addressed to its developers instead.
fn reason(selector: &str, err: &scraper::error::SelectorErrorKind) -> String {
    use scraper::error::SelectorErrorKind as K;
    if selector.trim().is_empty() {
        return "the selector is empty".to_string();
    }
    match err {
        K::UnexpectedSelectorParseError(inner) => {
            // The selectors crate's error kind is not re-exported by scraper;
            // its one-line Debug form names the variant and the culprit.
            let dbg = format!("{inner:?}");
            let (variant, culprit) = dbg.split_once('(').map_or((dbg.as_str(), ""), |(v, rest)| (v, rest.trim_end_matches(')')));
            let what = match variant {
                "DanglingCombinator" => "nothing follows the last combinator (>, +, ~)",
                "EmptySelector" => "one of the comma-separated selectors is empty",
                "UnsupportedPseudoClassOrElement" => "unsupported pseudo-class or pseudo-element",
                "ClassNeedsIdent" => "a '.' must be followed by a class name",
                "NoIdentForPseudo" => "a ':' must be followed by a pseudo-class name",
                "UnexpectedIdent" => "unexpected name",
                "BadValueInAttr" | "UnexpectedTokenInAttributeSelector" | "NoQualifiedNameInAttributeSelector" => {
                    "malformed attribute selector"
                }
                _ => "malformed or unsupported selector syntax",
            };
            if culprit.is_empty() {
                what.to_string()
            } else {
                format!("{what}: {culprit}")
            }
        }
        K::EndOfLine => "the selector ends too early".to_string(),
        other => other.to_string(),
    }
}
