//! Marked spans (bold, italics, links) bracketed by open/close placeholders
//! an engine passes through, and found again in its answer.

use super::{decode, placeholder, CODE_LEN, MAX_SLOTS};

/// Stems for the placeholders that bracket a marked span (bold, italics, a
/// link), tried in pairs until neither occurs in the text. They differ from
/// [`STEMS`], so [`protect`] run afterwards picks its own stem and
/// [`restore`] never mistakes one for a term.
const SPAN_STEMS: &[(&str, &str)] = &[("Zqj", "Zqk"), ("Xqj", "Xqk"), ("Vqj", "Vqk"), ("Qzj", "Qzk")];

/// A text whose marked spans are bracketed by open/close placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bracketed {
    /// The text to hand on (to [`protect`], then the engine).
    pub text: String,
    pub(super) open_stem: String,
    pub(super) close_stem: String,
    /// How many spans were bracketed (unusable ranges and those past
    /// [`MAX_SLOTS`] were not).
    pub spans: usize,
    /// How many spans the caller asked for.
    pub requested: usize,
}

impl Bracketed {
    /// Each bracketed span adds two unknown words.
    pub fn placeholder_count(&self) -> usize {
        self.spans * 2
    }

    /// How many of this text's placeholders occur in `unit`.
    pub fn placeholders_in(&self, unit: &str) -> usize {
        if self.spans == 0 {
            return 0;
        }
        let lowered = unit.to_ascii_lowercase();
        lowered.matches(&self.open_stem.to_ascii_lowercase()).count()
            + lowered.matches(&self.close_stem.to_ascii_lowercase()).count()
    }
}

/// Wraps each byte range of `spans` (on char boundaries of `text`) as
/// `OPEN span CLOSE`, the placeholders standing as words of their own so an
/// engine passes them through. Span `i` of the result of [`unbracket`] is
/// span `i` here. Ranges that are empty, out of bounds or not on char
/// boundaries get no placeholders (and come back as `None`).
pub fn bracket(text: &str, spans: &[(usize, usize)]) -> Bracketed {
    let lowered = text.to_ascii_lowercase();
    let (open_stem, close_stem) = SPAN_STEMS
        .iter()
        .find(|(o, c)| !lowered.contains(&o.to_ascii_lowercase()) && !lowered.contains(&c.to_ascii_lowercase()))
        .copied()
        .unwrap_or(SPAN_STEMS[0]);
    // Insertions: (byte offset, is_close, span index). At one offset closes
    // go before opens, so adjacent spans do not interleave; among opens the
    // longer span opens first, among closes the later-opened closes first.
    let mut inserts: Vec<(usize, bool, usize)> = Vec::new();
    let mut count = 0;
    for (i, &(start, end)) in spans.iter().enumerate() {
        let fits = start < end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end);
        if !fits || i >= MAX_SLOTS {
            continue;
        }
        inserts.push((start, false, i));
        inserts.push((end, true, i));
        count += 1;
    }
    inserts.sort_by(|a, b| {
        a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then_with(|| {
            let (sa, ea) = spans[a.2];
            let (sb, eb) = spans[b.2];
            if a.1 {
                sb.cmp(&sa).then(b.2.cmp(&a.2))
            } else {
                eb.cmp(&ea).then(a.2.cmp(&b.2))
            }
        })
    });
    let mut out = String::with_capacity(text.len() + inserts.len() * 7);
    let mut at = 0;
    for (offset, is_close, index) in inserts {
        out.push_str(&text[at..offset]);
        at = offset;
        let stem = if is_close { close_stem } else { open_stem };
        // Placeholders are words: exactly one space of our own on each side
        // (none before one that opens the text) keeps them off the
        // neighbouring letters, and tells engines that carry spans their
        // own way which spaces to take out again ([`span_events`]).
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&placeholder(stem, index));
        out.push(' ');
    }
    out.push_str(&text[at..]);
    Bracketed {
        text: out,
        open_stem: open_stem.to_string(),
        close_stem: close_stem.to_string(),
        spans: count,
        requested: spans.len(),
    }
}

/// Takes the placeholders of `b` out of the engine's `translated` text and
/// says where each span ended up: `Some(start..end)` byte ranges of the
/// returned text, trimmed of spaces, or `None` when a placeholder was lost,
/// duplicated or the pair came back reversed or empty, so a span is dropped
/// rather than misplaced. Spaces left doubled by the removal are collapsed
/// and no space is left before closing punctuation.
pub fn unbracket(translated: &str, b: &Bracketed) -> (String, Vec<Option<(usize, usize)>>) {
    let spans = b.requested;
    if b.spans == 0 {
        return (translated.to_string(), vec![None; spans]);
    }
    let lowered = translated.to_ascii_lowercase();
    let open = b.open_stem.to_ascii_lowercase();
    let close = b.close_stem.to_ascii_lowercase();
    // Found placeholders: (byte start, byte end, is_close, span index).
    let mut found: Vec<(usize, usize, bool, usize)> = Vec::new();
    let mut search_from = 0;
    while search_from < lowered.len() {
        let next_open = lowered[search_from..].find(&open).map(|i| (search_from + i, false));
        let next_close = lowered[search_from..].find(&close).map(|i| (search_from + i, true));
        let Some((start, is_close)) = [next_open, next_close].into_iter().flatten().min_by_key(|x| x.0) else { break };
        let code_start = start + open.len();
        let index = lowered.get(code_start..code_start + CODE_LEN).and_then(decode);
        match index {
            Some(index) if index < spans => {
                found.push((start, code_start + CODE_LEN, is_close, index));
                search_from = code_start + CODE_LEN;
            }
            _ => search_from = code_start,
        }
    }

    // Remove the placeholders, remembering where each one stood in the
    // text without them.
    let mut bare = String::with_capacity(translated.len());
    let mut at = 0;
    let mut positions: Vec<(usize, bool, usize)> = Vec::new();
    for &(start, end, is_close, index) in &found {
        bare.push_str(&translated[at..start]);
        positions.push((bare.len(), is_close, index));
        at = end;
    }
    bare.push_str(&translated[at..]);

    // Tidy spaces: collapse runs, trim the ends, drop a space before
    // closing punctuation. `map[i]` is where byte `i` of `bare` lands.
    let mut text = String::with_capacity(bare.len());
    let mut map = vec![0usize; bare.len() + 1];
    let mut pending_space = false;
    for (i, c) in bare.char_indices() {
        let len = c.len_utf8();
        if c == ' ' {
            pending_space = !text.is_empty();
            for m in &mut map[i..i + len] {
                *m = text.len();
            }
            continue;
        }
        if pending_space && !matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '»' | '”') {
            text.push(' ');
        }
        pending_space = false;
        for m in &mut map[i..i + len] {
            *m = text.len();
        }
        text.push(c);
    }
    map[bare.len()] = text.len();

    let mut result = vec![None; spans];
    for (index, slot) in result.iter_mut().enumerate() {
        let opens: Vec<usize> = positions.iter().filter(|p| !p.1 && p.2 == index).map(|p| p.0).collect();
        let closes: Vec<usize> = positions.iter().filter(|p| p.1 && p.2 == index).map(|p| p.0).collect();
        let ([o], [c]) = (opens.as_slice(), closes.as_slice()) else { continue };
        let (mut start, mut end) = (map[*o], map[*c].min(text.len()));
        while start < end && text[start..].starts_with(' ') {
            start += 1;
        }
        while end > start && text[..end].ends_with(' ') {
            end -= 1;
        }
        if start < end {
            *slot = Some((start, end));
        }
    }
    (text, result)
}

/// Whether `word` is one of [`bracket`]'s placeholders: `Some(false)` for
/// an opening one, `Some(true)` for a closing one. Engines that can carry
/// formatting their own way (Apertium's word-bound blanks) use this to take
/// the placeholders out of the text they translate.
pub(crate) fn span_placeholder(word: &str) -> Option<bool> {
    if word.len() != 3 + CODE_LEN || !word.is_ascii() {
        return None;
    }
    let (stem, code) = word.split_at(3);
    decode(&code.to_ascii_lowercase())?;
    SPAN_STEMS.iter().find_map(|(open, close)| {
        if stem.eq_ignore_ascii_case(open) {
            Some(false)
        } else if stem.eq_ignore_ascii_case(close) {
            Some(true)
        } else {
            None
        }
    })
}

/// A text with span placeholders, read as engines that carry spans their
/// own way need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpanEvent<'a> {
    /// Text, placeholders taken out.
    Text(&'a str),
    /// An opening placeholder, as written.
    Open(&'a str),
    /// A closing placeholder, as written.
    Close(&'a str),
}

/// Splits `text` into text and span placeholders. [`bracket`] sets each
/// placeholder off with one space of its own on each side (none before a
/// placeholder that opens the text): those spaces go with it, so the text
/// reads exactly as it did before bracketing.
pub(crate) fn span_events(text: &str) -> Vec<SpanEvent<'_>> {
    let mut events = Vec::new();
    let mut pending_space: Option<&str> = None;
    let mut after_placeholder = false;
    for piece in pieces(text) {
        if piece.starts_with(char::is_whitespace) {
            // `bracket` always writes one space after a placeholder.
            let piece = if after_placeholder { piece.strip_prefix(' ').unwrap_or(piece) } else { piece };
            pending_space = (!piece.is_empty()).then_some(piece);
            after_placeholder = false;
            continue;
        }
        let placeholder = span_placeholder(piece);
        if placeholder.is_some() {
            // ...and one before it, unless it opens the text.
            pending_space = pending_space.and_then(|s| s.strip_suffix(' ')).filter(|s| !s.is_empty());
        }
        if let Some(space) = pending_space.take() {
            events.push(SpanEvent::Text(space));
        }
        events.push(match placeholder {
            Some(true) => SpanEvent::Close(piece),
            Some(false) => SpanEvent::Open(piece),
            None => SpanEvent::Text(piece),
        });
        after_placeholder = placeholder.is_some();
    }
    if let Some(space) = pending_space {
        events.push(SpanEvent::Text(space));
    }
    events
}

/// Splits text into alternating runs of whitespace and of anything else.
pub(crate) fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first.is_whitespace();
        let end = rest.find(|c: char| c.is_whitespace() != space).unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

/// The closing placeholder that pairs with the opening one `open`.
pub(crate) fn closing_placeholder(open: &str) -> Option<String> {
    if span_placeholder(open) != Some(false) {
        return None;
    }
    let (stem, code) = open.split_at(3);
    let (_, close) = SPAN_STEMS.iter().find(|(o, _)| stem.eq_ignore_ascii_case(o))?;
    Some(format!("{close}{code}"))
}
