//! The text stream format spoken with a null-flush Apertium pipeline.
//!
//! A request carries many segments at once. Each segment is escaped, closed
//! with `.[]` (a sentence end that keeps transfer rules from reordering words
//! across segments; the same trick Apertium's own deformatters use) and
//! followed by a superblank `[loa:seg]` that every stage passes through
//! untouched. The reply is split on those superblanks, so a reply with the
//! wrong number of them is detected as broken rather than misaligned.
//!
//! Marked spans (bold, italics, links) reach the engine bracketed by
//! placeholder words ([`crate::protect::bracket`]). Placeholders are unknown
//! words to Apertium and break the transfer rules around them (`on Monday`
//! came back `en lunes`), so here they become Apertium's own word-bound
//! blanks instead: every word of a span is sent as `[[loa:ID]]word[[/]]`,
//! which the pipeline keeps on the translated word wherever transfer moves
//! it. The reply puts the placeholders back around the first and last word
//! that carries each span, so callers see the same text form whatever the
//! engine.
//!
//! Literal `*`, `#`, `~` and `@` cannot be escaped (the analyser drops the
//! backslash, and then they look like Apertium's own marks), so they travel
//! inside superblanks too. `*`, `#` and `@` in a reply outside superblanks
//! are therefore always Apertium's marks: unknown word, generation error,
//! transfer error (which the generator writes escaped, `\@`).

use crate::protect::{closing_placeholder, pieces, span_events, span_placeholder, SpanEvent};

/// Superblank content that closes a segment.
const SEGMENT_END: &str = "loa:seg";

/// The start of a word-bound blank that carries marked spans.
const SPAN_BLANK: &str = "loa:";

/// Characters that Apertium's stream format reserves; escaped with `\`.
fn needs_escape(c: char) -> bool {
    matches!(c, '\\' | '[' | ']' | '^' | '$' | '/' | '<' | '>' | '{' | '}')
}

/// Characters that cannot be escaped and travel as one-character superblanks.
fn needs_superblank(c: char) -> bool {
    matches!(c, '*' | '#' | '~' | '@')
}

/// Builds one request from segments that are already trimmed and non-empty.
pub fn encode_request<S: AsRef<str>>(segments: &[S]) -> String {
    let mut out = String::with_capacity(segments.iter().map(|s| s.as_ref().len() + 16).sum::<usize>() + 2);
    for segment in segments {
        encode_segment(segment.as_ref(), &mut out);
        out.push_str(".[][");
        out.push_str(SEGMENT_END);
        out.push(']');
    }
    out.push_str("\n\0");
    out
}

/// One segment's text, escaped, with span placeholders turned into
/// word-bound blanks on the words between them.
fn encode_segment(segment: &str, out: &mut String) {
    if !segment.split_whitespace().any(|w| span_placeholder(w).is_some()) {
        escape_into(segment, out);
        return;
    }
    // The opening placeholders in force, in the order they opened.
    let mut open: Vec<&str> = Vec::new();
    for event in span_events(segment) {
        let text = match event {
            SpanEvent::Open(p) => {
                open.push(p);
                continue;
            }
            SpanEvent::Close(p) => {
                let code = &p[3..];
                if let Some(i) = open.iter().rposition(|o| o[3..].eq_ignore_ascii_case(code)) {
                    open.remove(i);
                }
                continue;
            }
            SpanEvent::Text(t) => t,
        };
        if open.is_empty() {
            escape_into(text, out);
            continue;
        }
        for piece in pieces(text) {
            // Punctuation around a word stays outside its blank.
            let core_start = piece.find(char::is_alphanumeric);
            let core_end = piece.rfind(char::is_alphanumeric).map(|i| i + piece[i..].chars().next().map_or(1, char::len_utf8));
            match (core_start, core_end) {
                (Some(start), Some(end)) => {
                    escape_into(&piece[..start], out);
                    out.push_str("[[");
                    out.push_str(SPAN_BLANK);
                    out.push_str(&open.join(" "));
                    out.push_str("]]");
                    escape_into(&piece[start..end], out);
                    out.push_str("[[/]]");
                    escape_into(&piece[end..], out);
                }
                _ => escape_into(piece, out),
            }
        }
    }
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if needs_escape(c) {
            out.push('\\');
            out.push(c);
        } else if needs_superblank(c) {
            out.push('[');
            out.push(c);
            out.push(']');
        } else if c == '\0' {
            // NUL ends a request; it has no business inside article text.
            out.push(' ');
        } else {
            out.push(c);
        }
    }
}

/// Runs of spaces as one space; line breaks and other blanks are kept.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Where word-bound blanks carrying spans were found in a segment's
/// decoded text: (start, end, the opening placeholders).
type SpanWords = Vec<(usize, usize, String)>;

/// Puts the placeholders of every span back into `text`: the opening one
/// right before the first word that carries the span, the closing one
/// right after the last.
fn restore_span_placeholders(text: &mut String, words: &SpanWords) {
    let mut ids: Vec<&str> = Vec::new();
    for (_, _, list) in words {
        for id in list.split(' ') {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    // (offset, is_close, nesting order, placeholder)
    let mut inserts: Vec<(usize, bool, usize, String)> = Vec::new();
    for (order, id) in ids.iter().enumerate() {
        let carried = || words.iter().filter(|(_, _, list)| list.split(' ').any(|x| x == *id));
        let (Some(start), Some(end)) = (carried().map(|w| w.0).min(), carried().map(|w| w.1).max()) else { continue };
        let Some(close) = closing_placeholder(id) else { continue };
        inserts.push((start.min(text.len()), false, order, id.to_string()));
        inserts.push((end.min(text.len()), true, order, close));
    }
    // From the back, so earlier offsets stay valid. At one offset the text
    // reads closes, then opens; outer spans open first and close last.
    inserts.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then_with(|| if a.1 { b.2.cmp(&a.2) } else { a.2.cmp(&b.2) }));
    for (offset, _, _, placeholder) in inserts.into_iter().rev() {
        // Glued to its neighbours: the engine's spacing is the text's.
        text.insert_str(offset, &placeholder);
    }
}

/// One decoded segment of a reply, marks removed and counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecodedSegment {
    pub text: String,
    pub unknown_words: usize,
    pub generation_errors: usize,
    pub transfer_errors: usize,
}

/// Why a reply could not be split back into the segments sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    SegmentCount { expected: usize, got: usize },
    UnclosedSuperblank,
    TrailingText(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::SegmentCount { expected, got } => {
                write!(f, "reply has {got} segment(s) where {expected} were sent")
            }
            DecodeError::UnclosedSuperblank => f.write_str("reply ends inside a superblank"),
            DecodeError::TrailingText(t) => {
                let shown: String = t.chars().take(60).collect();
                write!(f, "reply has text after its last segment: {shown:?}")
            }
        }
    }
}

/// Splits a reply (without its final NUL) into `expected` segments.
pub fn decode_reply(reply: &str, expected: usize) -> Result<Vec<DecodedSegment>, DecodeError> {
    let mut segments = Vec::with_capacity(expected);
    let mut current = DecodedSegment::default();
    let mut span_words: SpanWords = Vec::new();
    // The span blank opened before the word being read: (start, ids).
    let mut in_span: Option<(usize, String)> = None;
    let mut chars = reply.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                // The generator writes a transfer-error mark escaped; a
                // literal `@` of ours always travels in a superblank.
                Some('@') => current.transfer_errors += 1,
                Some(escaped) => current.text.push(escaped),
                None => {}
            },
            '[' => {
                let mut content = String::new();
                let mut closed = false;
                while let Some(b) = chars.next() {
                    match b {
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                content.push(escaped);
                            }
                        }
                        ']' => {
                            closed = true;
                            break;
                        }
                        _ => content.push(b),
                    }
                }
                if !closed {
                    return Err(DecodeError::UnclosedSuperblank);
                }
                if content.is_empty() {
                    // `.[]`: drop the sentence end added when encoding.
                    let kept = current.text.trim_end().len();
                    current.text.truncate(kept);
                    if current.text.ends_with('.') {
                        current.text.pop();
                    }
                } else if content == SEGMENT_END {
                    if !span_words.is_empty() {
                        restore_span_placeholders(&mut current.text, &span_words);
                        span_words.clear();
                    }
                    in_span = None;
                    // Apertium leaves two spaces where it drops a word
                    // (`y  atrapó`); one is what the text had.
                    current.text = collapse_spaces(current.text.trim());
                    segments.push(std::mem::take(&mut current));
                } else if let Some(blank) = content.strip_prefix('[') {
                    // A word-bound blank `[[...]]`: ours carry spans, and
                    // `[[/]]` ends the word they belong to.
                    if chars.clone().next() == Some(']') {
                        chars.next();
                    }
                    if blank == "/" {
                        if let Some((start, ids)) = in_span.take() {
                            span_words.push((start, current.text.len(), ids));
                        }
                    } else if let Some(ids) = blank.strip_prefix(SPAN_BLANK) {
                        in_span = Some((current.text.len(), ids.to_string()));
                    }
                } else {
                    current.text.push_str(&content);
                }
            }
            // A capitalised unknown word is almost always a name, which an
            // engine is right to pass through; only common words count.
            '*' => {
                if !chars.clone().next().is_some_and(char::is_uppercase) {
                    current.unknown_words += 1;
                }
            }
            '#' => current.generation_errors += 1,
            '@' => current.transfer_errors += 1,
            _ => current.text.push(c),
        }
    }
    if !current.text.trim().is_empty() {
        return Err(DecodeError::TrailingText(current.text));
    }
    if segments.len() != expected {
        return Err(DecodeError::SegmentCount { expected, got: segments.len() });
    }
    Ok(segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_escapes_and_frames() {
        let req = encode_request(&["a [b] ^c$ d/e @f <g> {h} \\i", "*x #y ~z"]);
        assert_eq!(
            req,
            "a \\[b\\] \\^c\\$ d\\/e [@]f \\<g\\> \\{h\\} \\\\i.[][loa:seg]\
             [*]x [#]y [~]z.[][loa:seg]\n\0"
        );
    }

    #[test]
    fn span_placeholders_become_word_bound_blanks_and_come_back() {
        use crate::protect::{bracket, unbracket};
        // "new bridge" bold (span 0), "Monday" italic (1).
        let b = bracket("The new bridge opened on Monday, near", &[(4, 14), (25, 31)]);
        let req = encode_request(&[b.text.as_str()]);
        assert_eq!(
            req,
            "The [[loa:Zqjaa]]new[[/]] [[loa:Zqjaa]]bridge[[/]] opened on [[loa:Zqjab]]Monday[[/]], near.[][loa:seg]\n\0"
        );
        // Apertium keeps the blanks on the words wherever transfer puts them.
        let reply = "El [[loa:Zqjaa]]puente[[/]] [[loa:Zqjaa]]nuevo[[/]] abrió el [[loa:Zqjab]]lunes[[/]], cerca.[][loa:seg]\n";
        let decoded = decode_reply(reply, 1).unwrap();
        assert_eq!(decoded[0].text, "El Zqjaapuente nuevoZqkaa abrió el ZqjablunesZqkab, cerca");
        let (text, spans) = unbracket(&decoded[0].text, &b);
        assert_eq!(text, "El puente nuevo abrió el lunes, cerca");
        assert_eq!(spans, [Some((3, 15)), Some((26, 31))]);
    }

    #[test]
    fn marks_beside_punctuation_add_no_space() {
        use crate::protect::{bracket, unbracket};
        for (text, span) in
            [("He said \"hello\" to me", "hello"), ("(see the annex)", "see the annex"), ("up 5%", "5"), ("[1]", "1")]
        {
            let start = text.find(span).unwrap();
            let b = bracket(text, &[(start, start + span.len())]);
            let req = encode_request(&[b.text.as_str()]);
            // What Apertium reads is the text as written, words wrapped.
            let echoed = req.replace("[[loa:Zqjaa]]", "").replace("[[/]]", "");
            let decoded = decode_reply(req.trim_end_matches('\0'), 1).unwrap();
            assert_eq!(decode_reply(echoed.trim_end_matches('\0'), 1).unwrap()[0].text, text);
            let (back, spans) = unbracket(&decoded[0].text, &b);
            assert_eq!(back, text, "{text:?}");
            let (s, e) = spans[0].expect("the mark survives");
            assert_eq!(&back[s..e], span.trim_matches(|c: char| !c.is_alphanumeric()), "{text:?}");
        }
    }

    #[test]
    fn nested_spans_keep_their_order_and_a_lost_span_is_not_invented() {
        use crate::protect::bracket;
        let b = bracket("big red house", &[(0, 13), (4, 7)]);
        let req = encode_request(&[b.text.as_str()]);
        assert_eq!(req, "[[loa:Zqjaa]]big[[/]] [[loa:Zqjaa Zqjab]]red[[/]] [[loa:Zqjaa]]house[[/]].[][loa:seg]\n\0");
        let decoded = decode_reply("[[loa:Zqjaa]]casa[[/]] [[loa:Zqjaa Zqjab]]roja[[/]].[][loa:seg]", 1).unwrap();
        assert_eq!(decoded[0].text, "Zqjaacasa ZqjabrojaZqkabZqkaa");
        // The engine dropped the only word of span 1: no placeholder for it.
        let decoded = decode_reply("[[loa:Zqjaa]]casa[[/]] grande.[][loa:seg]", 1).unwrap();
        assert_eq!(decoded[0].text, "ZqjaacasaZqkaa grande");
        // Placeholder-like words of other stems are text.
        assert_eq!(encode_request(&["Zqvab and Zqxyz"]), "Zqvab and Zqxyz.[][loa:seg]\n\0");
    }

    #[test]
    fn an_escaped_transfer_mark_is_counted_and_dropped_and_a_literal_at_sign_survives() {
        // As lt-proc writes a transfer error, and as our literal `@` comes back.
        let decoded = decode_reply("en el \\@1960s, y  info[@]example.org.[][loa:seg]", 1).unwrap();
        assert_eq!(decoded[0].text, "en el 1960s, y info@example.org", "the dropped word's double space too");
        assert_eq!(decoded[0].transfer_errors, 1);
        assert_eq!(encode_request(&["mail info@example.org"]), "mail info[@]example.org.[][loa:seg]\n\0");
    }

    #[test]
    fn an_echoed_request_decodes_to_its_segments() {
        let sent = ["a [b] ^c$ d/e @f <g> {h} \\i", "*x #y ~z", "Ends with a dot."];
        let req = encode_request(&sent);
        let decoded = decode_reply(req.trim_end_matches('\0'), sent.len()).unwrap();
        let texts: Vec<&str> = decoded.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, sent);
        assert!(decoded.iter().all(|d| d.unknown_words + d.generation_errors + d.transfer_errors == 0));
    }

    #[test]
    fn marks_are_stripped_and_counted() {
        let reply = "El *zorblax *Quynh #dijo @x.[][loa:seg]Sin marcas..[][loa:seg]\n";
        let decoded = decode_reply(reply, 2).unwrap();
        assert_eq!(decoded[0].text, "El zorblax Quynh dijo x");
        assert_eq!(decoded[0].unknown_words, 1);
        assert_eq!(decoded[0].generation_errors, 1);
        assert_eq!(decoded[0].transfer_errors, 1);
        assert_eq!(decoded[1].text, "Sin marcas.");
        assert_eq!(decoded[1].unknown_words, 0);
    }

    #[test]
    fn wrong_segment_count_is_an_error() {
        assert_eq!(decode_reply("uno.[][loa:seg]\n", 2), Err(DecodeError::SegmentCount { expected: 2, got: 1 }));
        assert_eq!(decode_reply("", 1), Err(DecodeError::SegmentCount { expected: 1, got: 0 }));
        assert!(matches!(decode_reply("uno.[][loa:seg]resto", 1), Err(DecodeError::TrailingText(_))));
        assert_eq!(decode_reply("uno [abc", 1), Err(DecodeError::UnclosedSuperblank));
    }
}
