//! Keeping terms intact through any engine: each protected term is replaced
//! by a placeholder before translation and the required rendering is put in
//! its place afterwards.
//!
//! The placeholder form was chosen by running the installed Apertium pairs
//! (eng→spa, eng→cat, eng→spa→por, rus→ukr, rus→bel): a capitalised word of
//! Latin letters no dictionary knows (`Zqvab`) comes back unchanged in every
//! one of them, only marked unknown (`*`, which the engine strips). It holds
//! no digit, so the number check of the gate never sees it. Engines do
//! sometimes glue an ending onto it (eng→cat turns `Zqvab's` into
//! `Zqvabha`) or change its case at the start of a sentence, so it is found
//! case-insensitively by its fixed length, not as a whole word.
//!
//! The placeholder is an unknown word to the engine: callers that bound
//! unknown words subtract [`Protected::placeholder_count`] once per hop of
//! the route (Apertium counts it again at each pivot). An English possessive
//! glued to a protected term may come back glued to the restored term in
//! Catalan (`Hà Tĩnhha`): that is the engine's rendering of `'s`, left as
//! is, never a lost term.

/// The letters that encode a slot number (two per slot: 400 slots).
const DIGITS: &[u8; 20] = b"abcdefghjkmnprstuwxy";
const CODE_LEN: usize = 2;
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

fn placeholder(stem: &str, index: usize) -> String {
    let mut p = String::from(stem);
    p.push(DIGITS[index / DIGITS.len()] as char);
    p.push(DIGITS[index % DIGITS.len()] as char);
    p
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
    open_stem: String,
    close_stem: String,
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

/// For engines that keep XML-style markup (DeepL's tag handling, a chat
/// model told to keep tags): the span placeholders of `text` as tags
/// `<m0>`…`</m0>`, numbered in order of opening, and the opening
/// placeholders by number for [`tags_to_spans`]. Placeholders that do not
/// pair up are left out.
pub(crate) fn spans_to_tags(text: &str) -> (String, Vec<String>) {
    let events = span_events(text);
    let same_span = |open: &str, close: &str| open[3..].eq_ignore_ascii_case(&close[3..]);
    // Markup must nest: a span closed while one opened after it is still
    // open (`<b>a <i>b</b> c</i>`) gets no tags, so its mark is dropped
    // rather than broken.
    let mut crossing: Vec<&str> = Vec::new();
    let mut stack: Vec<&str> = Vec::new();
    for event in &events {
        match *event {
            SpanEvent::Open(p) => stack.push(p),
            SpanEvent::Close(p) => {
                if let Some(i) = stack.iter().rposition(|o| same_span(o, p)) {
                    if i + 1 != stack.len() {
                        crossing.push(stack[i]);
                    }
                    stack.remove(i);
                }
            }
            SpanEvent::Text(_) => {}
        }
    }
    // A span whose closing placeholder is not in this text (a sentence of
    // a span that runs on into the next) would leave its tag open.
    crossing.extend(stack);
    let mut out = String::with_capacity(text.len());
    let mut opens: Vec<String> = Vec::new();
    for event in events {
        match event {
            SpanEvent::Text(t) => out.push_str(t),
            SpanEvent::Open(p) if !crossing.contains(&p) => {
                out.push_str(&format!("<{SPAN_TAG}{}>", opens.len()));
                opens.push(p.to_string());
            }
            SpanEvent::Close(p) => {
                if let Some(n) = opens.iter().rposition(|o| same_span(o, p)) {
                    out.push_str(&format!("</{SPAN_TAG}{n}>"));
                }
            }
            SpanEvent::Open(_) => {}
        }
    }
    (out, opens)
}

/// Undoes [`spans_to_tags`] on an engine's answer: each tag becomes its
/// placeholder again, with no space added ([`unbracket`] finds it by its
/// fixed length), so the text keeps the engine's spacing.
pub(crate) fn tags_to_spans(text: &str, opens: &[String]) -> String {
    if opens.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + opens.len() * 12);
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let closing = rest.starts_with("</");
        let name_at = if closing { 2 } else { 1 };
        let digits = rest[name_at..].strip_prefix(SPAN_TAG).map(|r| r.bytes().take_while(u8::is_ascii_digit).count());
        let tag = digits.filter(|&d| d > 0).and_then(|d| {
            let number_at = name_at + SPAN_TAG.len();
            let n: usize = rest[number_at..number_at + d].parse().ok()?;
            rest[number_at + d..].starts_with('>').then_some((n, number_at + d + 1))
        });
        match tag {
            Some((n, len)) if n < opens.len() => {
                let placeholder = if closing { closing_placeholder(&opens[n]).unwrap_or_default() } else { opens[n].clone() };
                // Glued to its neighbours: the engine's spacing is the text's.
                out.push_str(&placeholder);
                rest = &rest[len..];
            }
            _ => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The element name of [`spans_to_tags`]'s tags.
const SPAN_TAG: &str = "m";

/// The closing placeholder that pairs with the opening one `open`.
pub(crate) fn closing_placeholder(open: &str) -> Option<String> {
    if span_placeholder(open) != Some(false) {
        return None;
    }
    let (stem, code) = open.split_at(3);
    let (_, close) = SPAN_STEMS.iter().find(|(o, _)| stem.eq_ignore_ascii_case(o))?;
    Some(format!("{close}{code}"))
}

fn decode(code: &str) -> Option<usize> {
    let digit = |c: u8| DIGITS.iter().position(|d| *d == c);
    let bytes = code.as_bytes();
    Some(digit(bytes[0])? * DIGITS.len() + digit(bytes[1])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_placeholders_become_tags_and_back() {
        let b = bracket("The new bridge opened on Monday, near x<y.", &[(4, 14), (25, 31), (25, 31)]);
        assert_eq!(b.text, "The  Zqjaa new bridge Zqkaa  opened on  Zqjab  Zqjac Monday Zqkac  Zqkab , near x<y.");
        let (tagged, opens) = spans_to_tags(&b.text);
        assert_eq!(tagged, "The <m0>new bridge</m0> opened on <m1><m2>Monday</m2></m1>, near x<y.");
        assert_eq!(opens.len(), 3);
        let answer = "El <m0>puente nuevo</m0> abrió el <m1><m2>lunes</m2></m1>, cerca de x<y.";
        let (text, spans) = unbracket(&tags_to_spans(answer, &opens), &b);
        assert_eq!(text, "El puente nuevo abrió el lunes, cerca de x<y.");
        let covered: Vec<&str> = spans.iter().map(|s| s.map_or("", |(a, z)| &text[a..z])).collect();
        assert_eq!(covered, ["puente nuevo", "lunes", "lunes"]);
        // Tags the text did not send are left as text; a lost tag loses its span only.
        let (text, spans) = unbracket(&tags_to_spans("<m7>El</m7> <m0>puente</m0> abrió el lunes", &opens), &b);
        assert_eq!(text, "<m7>El</m7> puente abrió el lunes");
        assert_eq!(spans, [Some((12, 18)), None, None]);
        // Crossing spans cannot both be markup: the one closed out of turn
        // is left out, not broken.
        let crossed = bracket("one two three four", &[(0, 7), (4, 13)]);
        let (tagged, opens) = spans_to_tags(&crossed.text);
        assert_eq!((tagged.as_str(), opens.len()), ("one <m0>two three</m0> four", 1));
        // A span cut by a sentence end: no tag left open, no stray close.
        let whole = bracket("The man came. He sat.", &[(8, 16)]);
        let (first, second) = whole.text.split_at(whole.text.find("He").unwrap());
        assert_eq!(spans_to_tags(first).0, "The man came. ");
        assert_eq!(spans_to_tags(second).0, "He sat.");
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn whole_words_longest_first() {
        let p = protect(
            "Ho Chi Minh City honours Ho Chi Minh; Hochiminh is not a match, nor HoChi.",
            &pairs(&[("Ho Chi Minh", "Хо Ши Мин"), ("Ho Chi Minh City", "Хошимин"), ("Chi", "X")]),
        );
        assert_eq!(p.slots.len(), 2, "{p:?}");
        assert_eq!(p.slots[0].term, "Ho Chi Minh City");
        assert!(!p.text.contains("Ho Chi Minh"), "{}", p.text);
        assert!(p.text.contains("Hochiminh") && p.text.contains("HoChi"));
        assert!(!p.text.chars().any(|c| c.is_ascii_digit()));
        let back = restore(&p.text, &p).unwrap();
        assert_eq!(back, "Хошимин honours Хо Ши Мин; Hochiminh is not a match, nor HoChi.");
    }

    #[test]
    fn case_changes_and_glued_endings_still_restore() {
        let p = protect("Nguyễn Văn An met Trần Bình.", &pairs(&[("Nguyễn Văn An", "A"), ("Trần Bình", "B")]));
        let engine_output =
            p.text.to_uppercase().replace(&p.slots[1].placeholder.to_uppercase(), &format!("{}ha", p.slots[1].placeholder));
        let back = restore(&engine_output, &p).unwrap();
        assert!(back.starts_with('A') && back.contains("Bha"), "{back}");
    }

    #[test]
    fn lost_placeholders_are_reported() {
        let p = protect("Lê Lợi and Lê Lợi met Hà Tĩnh", &pairs(&[("Lê Lợi", "L"), ("Hà Tĩnh", "H")]));
        assert_eq!(p.placeholder_count(), 3);
        let le_loi = p.slots.iter().find(|s| s.term == "Lê Lợi").unwrap();
        assert_eq!(le_loi.occurrences, 2);
        let one_dropped = p.text.replacen(&le_loi.placeholder, "someone", 1);
        assert_eq!(restore(&one_dropped, &p), Err(vec!["Lê Lợi".to_string()]));
        let all_dropped = "nothing left";
        assert_eq!(restore(all_dropped, &p).unwrap_err().len(), 2);
    }

    #[test]
    fn stem_avoids_text_that_already_has_it() {
        let p = protect("Zqvab and Hà Tĩnh", &pairs(&[("Hà Tĩnh", "Хатинь")]));
        assert!(!p.slots[0].placeholder.starts_with("Zqv"), "{:?}", p.slots);
        assert_eq!(restore(&p.text, &p).unwrap(), "Zqvab and Хатинь");
    }

    #[test]
    fn nothing_to_protect() {
        let p = protect("plain text", &pairs(&[("absent", "x"), ("", "y")]));
        assert!(p.slots.is_empty());
        assert_eq!(p.text, "plain text");
        assert_eq!(restore("texto", &p).unwrap(), "texto");
    }

    #[test]
    fn brackets_round_trip_with_nesting_and_tidy_spaces() {
        let text = "The new bridge opened on Monday near the market.";
        let spans = [(4, 14), (25, 31), (37, 47), (0, 14)];
        let b = bracket(text, &spans);
        assert_eq!(b.spans, 4);
        assert!(!b.text.chars().any(|c| c.is_ascii_digit()));
        let (back, ranges) = unbracket(&b.text, &b);
        assert_eq!(back, text);
        let ranges: Vec<(usize, usize)> = ranges.into_iter().map(Option::unwrap).collect();
        assert_eq!(ranges, spans);
    }

    #[test]
    fn a_lost_or_doubled_placeholder_drops_only_its_span() {
        let text = "one two three four";
        let b = bracket(text, &[(0, 3), (8, 13), (4, 4)]);
        assert_eq!(b.spans, 2, "the empty span gets no placeholders");
        let close_first = placeholder(&b.close_stem, 0);
        let lost = b.text.replace(&close_first, "");
        let (back, ranges) = unbracket(&lost, &b);
        assert_eq!(back, text);
        assert_eq!(ranges, vec![None, Some((8, 13)), None]);
        // An engine that upper-cases the sentence still gives the span back.
        let (back, ranges) = unbracket(&b.text.to_uppercase(), &b);
        assert_eq!(back, text.to_uppercase());
        assert_eq!(ranges[1], Some((8, 13)));
    }

    #[test]
    fn bracket_stems_avoid_the_text_and_protect_keeps_its_own() {
        let text = "Zqjab says Hà Tĩnh";
        let b = bracket(text, &[(11, 20)]);
        assert!(!b.open_stem.eq_ignore_ascii_case("Zqj"));
        let p = protect(&b.text, &pairs(&[("Hà Tĩnh", "Хатинь")]));
        let restored = restore(&p.text, &p).unwrap();
        let (back, ranges) = unbracket(&restored, &b);
        assert_eq!(back, "Zqjab says Хатинь");
        let (s, e) = ranges[0].unwrap();
        assert_eq!(&back[s..e], "Хатинь");
    }
}
