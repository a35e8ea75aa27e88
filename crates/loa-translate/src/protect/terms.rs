//! Protected terms: each replaced by a placeholder before translation, the
//! required rendering put in its place afterwards.

use super::{placeholder, CODE_LEN, DIGITS};

/// Placeholder stems, tried in order until one does not occur in the text.
const STEMS: &[&str] = &["Zqv", "Zqx", "Xqz", "Qzv", "Vqz"];

/// The most terms one text can protect.
pub const MAX_SLOTS: usize = DIGITS.len() * DIGITS.len();

/// One protected term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The term as it stood in the source text.
    pub term: String,
    /// What the output must contain in its place.
    pub replacement: String,
    /// The placeholder standing for it in [`Protected::text`].
    pub placeholder: String,
    /// How many times the term occurred.
    pub occurrences: usize,
}

/// A text with its protected terms replaced by placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protected {
    /// The text to hand to the engine.
    pub text: String,
    /// The terms found in the text, longest term first.
    pub slots: Vec<Slot>,
}

impl Protected {
    /// How many placeholders the text carries: each is one word the engine
    /// will report unknown.
    pub fn placeholder_count(&self) -> usize {
        self.slots.iter().map(|s| s.occurrences).sum()
    }
}

/// Replaces every whole-word occurrence of each term by a placeholder.
/// Longer terms win over terms they contain (`Hồ Chí Minh City` before
/// `Hồ Chí Minh`). Terms that do not occur get no slot; empty terms and
/// terms past [`MAX_SLOTS`] are left in the text as they are.
pub fn protect(text: &str, replacements: &[(String, String)]) -> Protected {
    // Longest first, so that a term inside a longer one is not split.
    let mut order: Vec<usize> = (0..replacements.len()).filter(|&i| !replacements[i].0.trim().is_empty()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(replacements[i].0.chars().count()));

    // Claimed byte ranges of the source text, with the slot they belong to.
    let mut claimed: Vec<(usize, usize, usize)> = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    for &i in &order {
        let (term, replacement) = &replacements[i];
        // The same term given twice shares the first one's slot.
        let existing = slots.iter().position(|s| &s.term == term);
        let mut found = Vec::new();
        for (start, _) in text.match_indices(term.as_str()) {
            let end = start + term.len();
            if !is_word_boundary(text, start, end) {
                continue;
            }
            if claimed.iter().any(|&(s, e, _)| start < e && s < end) {
                continue;
            }
            found.push((start, end));
        }
        if found.is_empty() {
            continue;
        }
        let slot = match existing {
            Some(slot) => slot,
            None => {
                if slots.len() >= MAX_SLOTS {
                    continue;
                }
                slots.push(Slot {
                    term: term.clone(),
                    replacement: replacement.clone(),
                    placeholder: String::new(),
                    occurrences: 0,
                });
                slots.len() - 1
            }
        };
        slots[slot].occurrences += found.len();
        claimed.extend(found.into_iter().map(|(s, e)| (s, e, slot)));
    }

    if slots.is_empty() {
        return Protected { text: text.to_string(), slots };
    }
    // The stem is chosen once the text is known to need one: lower-casing
    // the whole text is the costliest step here.
    let lowered = text.to_lowercase();
    let stem = STEMS.iter().find(|s| !lowered.contains(&s.to_lowercase())).copied().unwrap_or(STEMS[0]);
    for (index, slot) in slots.iter_mut().enumerate() {
        slot.placeholder = placeholder(stem, index);
    }

    claimed.sort();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, slot) in claimed {
        out.push_str(&text[at..start]);
        out.push_str(&slots[slot].placeholder);
        at = end;
    }
    out.push_str(&text[at..]);
    Protected { text: out, slots }
}

/// Whether `text[start..end]` stands as a word of its own (no letter or
/// digit glued on either side).
fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// Puts each slot's replacement where the engine left its placeholder.
/// Fails with the terms whose placeholder came back fewer times than it was
/// sent (dropped or mangled by the engine); the caller must not publish
/// such a text as it is.
pub fn restore(translated: &str, p: &Protected) -> Result<String, Vec<String>> {
    if p.slots.is_empty() {
        return Ok(translated.to_string());
    }
    let stem = p.slots[0].placeholder[..p.slots[0].placeholder.len() - CODE_LEN].to_lowercase();
    let mut seen = vec![0usize; p.slots.len()];
    let mut out = String::with_capacity(translated.len());
    let mut at = 0;
    // ASCII lower-casing keeps byte offsets the same as `translated`'s.
    let lowered = translated.to_ascii_lowercase();
    let mut search_from = 0;
    while let Some(found) = lowered[search_from..].find(&stem) {
        let start = search_from + found;
        let code_start = start + stem.len();
        let code = lowered.get(code_start..code_start + CODE_LEN);
        let slot = code.and_then(|code| {
            p.slots.iter().position(|s| s.placeholder[s.placeholder.len() - CODE_LEN..].eq_ignore_ascii_case(code))
        });
        match slot {
            Some(slot) => {
                out.push_str(&translated[at..start]);
                out.push_str(&p.slots[slot].replacement);
                seen[slot] += 1;
                at = code_start + CODE_LEN;
                search_from = at;
            }
            None => search_from = code_start,
        }
    }
    out.push_str(&translated[at..]);
    let lost: Vec<String> =
        p.slots.iter().zip(&seen).filter(|(slot, &n)| n < slot.occurrences).map(|(slot, _)| slot.term.clone()).collect();
    if lost.is_empty() {
        Ok(out)
    } else {
        Err(lost)
    }
}
