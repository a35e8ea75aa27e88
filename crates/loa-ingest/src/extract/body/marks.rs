//! Inline marks (bold, italics, links) over the collapsed text of a block.

use loa_domain::{Mark, MarkKind};
use scraper::ElementRef;
use url::Url;

use super::measure::{push_text, visible_text, TextSink};
use crate::extract::text::{absolutize, collapse_mapped};

/// A mark over a byte range of text not yet collapsed.
pub(super) type RawMark = (usize, usize, MarkKind);

/// The inline mark an element stands for, if any: bold, italics, or a link
/// whose address resolves to an absolute http(s) URL (`javascript:` and
/// other schemes, fragments and unresolvable relative links get none).
pub(super) fn mark_kind(el: &ElementRef, base: Option<&Url>) -> Option<MarkKind> {
    match el.value().name() {
        "b" | "strong" => Some(MarkKind::Bold),
        "i" | "em" => Some(MarkKind::Italic),
        "a" => {
            let href = absolutize(base, el.value().attr("href")?)?;
            (href.starts_with("http://") || href.starts_with("https://")).then_some(MarkKind::Link { href })
        }
        _ => None,
    }
}

/// Maps raw marks through `collapse_mapped`'s `map` onto the collapsed
/// `text`, trimming the spaces collapse leaves at their edges; empty marks
/// go, duplicates (`<b><strong>x</strong></b>`) are kept once.
pub(super) fn collapse_marks(text: &str, map: &[usize], raw: &[RawMark]) -> Vec<Mark> {
    let mut marks: Vec<Mark> = Vec::new();
    for (start, end, kind) in raw {
        let (Some(&s), Some(&e)) = (map.get(*start), map.get(*end)) else { continue };
        let (mut s, mut e) = (s, e.min(text.len()));
        while s < e && text[s..].starts_with(' ') {
            s += 1;
        }
        while e > s && text[..e].ends_with(' ') {
            e -= 1;
        }
        let mark = Mark { start: s, end: e, kind: kind.clone() };
        if s < e && !marks.contains(&mark) {
            marks.push(mark);
        }
    }
    marks.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    marks
}

/// `visible_text(el)` with the marks of its inline elements; the marks are
/// dropped if the text somehow differs from `visible_text`'s.
pub(super) fn visible_text_marked(el: ElementRef, base: Option<&Url>) -> (String, Vec<Mark>) {
    let text = visible_text(el);
    let mut raw = MarkedText { base, text: String::new(), marks: Vec::new() };
    push_text(el, &mut raw);
    let (collapsed, map) = collapse_mapped(&raw.text);
    let marks = if collapsed == text { collapse_marks(&text, &map, &raw.marks) } else { Vec::new() };
    (text, marks)
}

/// Raw text and the marks of the elements that wrote it, as `push_text`
/// walks an element.
struct MarkedText<'u> {
    base: Option<&'u Url>,
    text: String,
    marks: Vec<RawMark>,
}

impl TextSink for MarkedText<'_> {
    fn push_str(&mut self, text: &str) {
        self.text.push_str(text);
    }
    fn push(&mut self, c: char) {
        self.text.push(c);
    }
    fn written(&self) -> usize {
        self.text.len()
    }
    fn element_done(&mut self, el: ElementRef, start: usize) {
        if let Some(kind) = mark_kind(&el, self.base) {
            if self.text.len() > start {
                self.marks.push((start, self.text.len(), kind));
            }
        }
    }
}
