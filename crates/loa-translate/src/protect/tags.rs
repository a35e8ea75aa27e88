//! Span placeholders as XML-style tags, for engines that keep markup.

use super::{closing_placeholder, span_events, SpanEvent};

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
