//! Translation memory: what an engine made of a source segment, so that the
//! same segment is never translated twice (an unchanged article costs a
//! lookup; an edited paragraph re-translates only its changed sentences).
//!
//! Entries are keyed by `(engine, from, to, normalise(source))`. The engine
//! is part of the key because engines differ in quality: switching a pair
//! from Apertium to DeepL must not keep serving Apertium's output.
//!
//! The trait is small on purpose so that a database can implement it (loa's
//! store keeps a table keyed `(engine, from, to, source)`); [`InMemory`] is
//! the implementation for tests and for one-off runs without a store.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, PoisonError};

use loa_domain::Lang;
use unicode_normalization::UnicodeNormalization;

use crate::tmx::TmxUnit;

/// The boxed future a [`Memory`] returns (object-safe, like `EngineFuture`).
pub type MemoryFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, MemoryError>> + Send + 'a>>;

/// What a lookup answers: per source, the remembered target or `None`.
pub type Lookup<'a> = MemoryFuture<'a, Vec<Option<String>>>;

#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    /// The backing store failed (database error, I/O). Translation can go
    /// on without the memory; the caller decides whether to.
    #[error("translation memory store failed: {0}")]
    Store(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl MemoryError {
    /// Wraps any store error.
    pub fn store(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> MemoryError {
        MemoryError::Store(error.into())
    }
}

/// The key form of a source segment: Unicode NFC, every run of whitespace
/// made one space, trimmed. Case and punctuation are kept (they change the
/// translation). Two sources with the same key share one translation.
pub fn normalise(segment: &str) -> String {
    // Most text arrives composed already; the quick check spares it the
    // full composition pass, the costliest part of a memory lookup. Text
    // made only of characters that are composed whatever surrounds them
    // (ASCII, Latin-1, Cyrillic letters) skips even the quick check, and
    // if its spaces are single already it is its own key: one copy.
    let (composed, collapsed) = scan(segment);
    if composed && collapsed {
        return segment.to_owned();
    }
    if composed || unicode_normalization::is_nfc_quick(segment.chars()) == unicode_normalization::IsNormalized::Yes {
        return collapse(segment.len(), segment.chars());
    }
    collapse(segment.len(), segment.nfc())
}

/// In one pass: whether every character is [`always_composed`], and
/// whether the whitespace is collapsed already (single plain spaces, none
/// at either end).
fn scan(segment: &str) -> (bool, bool) {
    let (mut composed, mut collapsed) = (true, true);
    let mut after_space = true;
    for c in segment.chars() {
        composed &= always_composed(c);
        if c.is_whitespace() {
            collapsed &= c == ' ' && !after_space;
            after_space = true;
        } else {
            after_space = false;
        }
    }
    (composed, collapsed && (segment.is_empty() || !after_space))
}

/// Characters that never change under NFC and never combine with what
/// precedes them: below the combining diacritics, and the Cyrillic letters
/// (the block less its combining marks U+0483–U+0489). Checked against the
/// Unicode tables by a test.
fn always_composed(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{2ff}'
            | '\u{400}'..='\u{482}'
            | '\u{48a}'..='\u{4ff}'
            // Vietnamese letters with two marks, precomposed.
            | '\u{1e00}'..='\u{1eff}'
            // Dashes, quotes, ellipsis (not the two quads, which NFC maps
            // to spaces), and currency signs (the dong's among them).
            | '\u{2002}'..='\u{206f}'
            | '\u{20a0}'..='\u{20cf}'
    )
}

fn collapse(len_hint: usize, chars: impl Iterator<Item = char>) -> String {
    let mut out = String::with_capacity(len_hint);
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The engine name under which people's corrections are remembered. The
/// `Translator` looks them up before any engine's own memory, so a sentence
/// a reviewer fixed is never machine-translated again.
pub const HUMAN: &str = "human";

/// A translation memory.
///
/// Contract for implementations:
/// - `engine` is the engine's configuration name ([`crate::Engine::name`],
///   e.g. `apertium`), not a route description; `from`/`to` are the pair
///   the caller asked for, pivots included.
/// - Sources are normalised with [`normalise`] by the implementation, on
///   both `store` and `lookup`; callers pass segments as they have them.
/// - `lookup` answers exactly one entry per source, in order: the stored
///   target, or `None`. A source that normalises to the empty string is
///   always `None`.
/// - `store` inserts or replaces (the latest translation wins). Pairs whose
///   source or target is blank are ignored: an empty translation is a
///   failure, never something to remember. Targets are stored as given.
/// - Both are safe to call concurrently; a failed `store` may have stored
///   some of the pairs, never a partial target.
pub trait Memory: Send + Sync {
    fn lookup<'a>(&'a self, engine: &'a str, from: Lang, to: Lang, sources: &'a [String]) -> Lookup<'a>;

    /// [`Memory::lookup`] for sources that are keys already (each what
    /// [`normalise`] made of it): an implementation may skip normalising
    /// them again. The default normalises anyway, which changes nothing.
    fn lookup_keys<'a>(&'a self, engine: &'a str, from: Lang, to: Lang, keys: &'a [String]) -> Lookup<'a> {
        self.lookup(engine, from, to, keys)
    }

    fn store<'a>(&'a self, engine: &'a str, from: Lang, to: Lang, pairs: &'a [(String, String)]) -> MemoryFuture<'a, ()>;
}

/// Engine and pair: the entries of one are a map of their own, so a
/// lookup borrows its key instead of building one.
type Pair = (String, Lang, Lang);
type Entries = HashMap<Pair, HashMap<String, String>>;

/// A translation memory in a `Mutex<HashMap>`: for tests, benchmarks and
/// `translate-text` without a store. Lost when dropped.
#[derive(Debug, Default)]
pub struct InMemory {
    entries: Mutex<Entries>,
}

impl InMemory {
    pub fn new() -> InMemory {
        InMemory::default()
    }

    /// Number of stored entries.
    pub fn len(&self) -> usize {
        self.lock().values().map(HashMap::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every entry, as TMX units (no dates), sorted by engine, pair and source.
    pub fn units(&self) -> Vec<TmxUnit> {
        let mut units: Vec<TmxUnit> = self
            .lock()
            .iter()
            .flat_map(|((engine, from, to), sources)| {
                sources.iter().map(move |(source, target)| TmxUnit {
                    engine: engine.clone(),
                    from: *from,
                    to: *to,
                    source: source.clone(),
                    target: target.clone(),
                    created_at: None,
                })
            })
            .collect();
        units.sort_by(|a, b| (&a.engine, a.from, a.to, &a.source).cmp(&(&b.engine, b.from, b.to, &b.source)));
        units
    }

    /// Adds units (e.g. read from a TMX file), with the same rules as `store`.
    /// Returns how many were kept.
    pub fn import(&self, units: &[TmxUnit]) -> usize {
        let mut entries = self.lock();
        let mut kept = 0;
        for unit in units {
            if insert(&mut entries, &unit.engine, unit.from, unit.to, &unit.source, &unit.target) {
                kept += 1;
            }
        }
        kept
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // Nothing panics while the lock is held with the map half-updated
        // (each insert is one call), so a poisoned map is still consistent.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn insert(entries: &mut Entries, engine: &str, from: Lang, to: Lang, source: &str, target: &str) -> bool {
    let key = normalise(source);
    if key.is_empty() || target.trim().is_empty() {
        return false;
    }
    entries.entry((engine.to_string(), from, to)).or_default().insert(key, target.to_string());
    true
}

impl InMemory {
    fn find(&self, engine: &str, from: Lang, to: Lang, keys: &[String]) -> Vec<Option<String>> {
        let entries = self.lock();
        let Some(sources) = entries.get(&(engine.to_string(), from, to)) else { return vec![None; keys.len()] };
        keys.iter().map(|key| if key.is_empty() { None } else { sources.get(key).cloned() }).collect()
    }
}

impl Memory for InMemory {
    fn lookup<'a>(&'a self, engine: &'a str, from: Lang, to: Lang, sources: &'a [String]) -> Lookup<'a> {
        // Normalise before taking the lock: it is the expensive part.
        let keys: Vec<String> = sources.iter().map(|s| normalise(s)).collect();
        Box::pin(std::future::ready(Ok(self.find(engine, from, to, &keys))))
    }

    fn lookup_keys<'a>(&'a self, engine: &'a str, from: Lang, to: Lang, keys: &'a [String]) -> Lookup<'a> {
        Box::pin(std::future::ready(Ok(self.find(engine, from, to, keys))))
    }

    fn store<'a>(&'a self, engine: &'a str, from: Lang, to: Lang, pairs: &'a [(String, String)]) -> MemoryFuture<'a, ()> {
        let mut entries = self.lock();
        for (source, target) in pairs {
            insert(&mut entries, engine, from, to, source, target);
        }
        drop(entries);
        Box::pin(std::future::ready(Ok(())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_taken_as_composed_pass_the_unicode_quick_check() {
        // Quick-check Yes with combining class 0 means a character is left
        // alone by NFC and starts no composition with what came before it.
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32).filter(|&c| always_composed(c)) {
            assert_eq!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "{:04x}",
                c as u32
            );
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0, "{:04x}", c as u32);
        }
        assert!(!always_composed('\u{301}') && !always_composed('\u{483}') && !always_composed('\u{2000}'));
        // Precomposed, a Vietnamese letter stays as it is; spelled with
        // combining marks, it is composed into that one character.
        assert!(always_composed('ệ') && always_composed('–') && always_composed('₫'));
        assert_eq!(normalise("Vie\u{323}\u{302}t"), "Việt");
        assert_eq!(normalise("Е\u{308}лка"), "Ёлка");
    }

    #[test]
    fn normalise_composes_collapses_and_trims_but_keeps_case() {
        assert_eq!(normalise("  Hello \t\n  World  "), "Hello World");
        for text in
            ["Hello World", "Hello  World", "Hello World ", " Hello", "Hello\tWorld", "Hello\u{a0}World", "", " ", "Ёлка горит"]
        {
            let slow: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(normalise(text), slow, "{text:?}");
        }
        // NFD "Hồ" (o + circumflex + grave) becomes the precomposed form.
        assert_eq!(normalise("Ho\u{302}\u{300}"), "H\u{1ed3}");
        assert_eq!(normalise("Ho\u{302}\u{300}"), normalise("Hồ"));
        assert_eq!(normalise("2\u{a0}200 dong"), "2 200 dong");
        assert_ne!(normalise("Apple"), normalise("apple"));
        assert_eq!(normalise(" \n\t "), "");
    }
}
