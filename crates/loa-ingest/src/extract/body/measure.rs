//! How much text an element shows a reader, and how much of it is links.

use scraper::{ElementRef, Node};

use super::markup::{BLOCK_TAGS, SKIP_TAGS};
use crate::extract::text::{collapse, CollapsedLen};

/// Plain visible text of an element, scripts and styles excluded.
pub(super) fn visible_text(el: ElementRef) -> String {
    let mut out = String::new();
    push_text(el, &mut out);
    collapse(&out)
}

/// `visible_text(el).chars().count()` without building the text.
pub(in crate::extract) fn visible_len(el: ElementRef) -> usize {
    let mut len = CollapsedLen::default();
    push_text(el, &mut len);
    len.chars
}

/// Where `push_text` writes: the text itself, just its collapsed length,
/// or the text with the marks of its inline elements (see `marks.rs`).
pub(super) trait TextSink {
    fn push_str(&mut self, text: &str);
    fn push(&mut self, c: char);
    /// How much has been written, for sinks that record ranges of it.
    fn written(&self) -> usize {
        0
    }
    /// `el`'s text has been written, from `start` to [`Self::written`].
    fn element_done(&mut self, _el: ElementRef, _start: usize) {}
}

impl TextSink for String {
    fn push_str(&mut self, text: &str) {
        String::push_str(self, text);
    }
    fn push(&mut self, c: char) {
        String::push(self, c);
    }
}

impl TextSink for CollapsedLen {
    fn push_str(&mut self, text: &str) {
        CollapsedLen::push_str(self, text);
    }
    fn push(&mut self, c: char) {
        CollapsedLen::push(self, c);
    }
}

pub(super) fn push_text(el: ElementRef, out: &mut impl TextSink) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                if matches!(e.name(), "script" | "style" | "noscript" | "template" | "svg" | "button") {
                    continue;
                }
                if let Some(c) = ElementRef::wrap(child) {
                    if BLOCK_TAGS.contains(&e.name()) || e.name() == "br" {
                        out.push(' ');
                    }
                    let start = out.written();
                    push_text(c, out);
                    out.element_done(c, start);
                }
            }
            _ => {}
        }
    }
}

fn link_text_len(el: ElementRef) -> usize {
    el.descendent_elements().filter(|d| d.value().name() == "a").map(visible_len).sum()
}

pub(in crate::extract) fn link_density(el: ElementRef) -> f64 {
    let total = visible_len(el);
    if total == 0 {
        return 0.0;
    }
    (link_text_len(el) as f64 / total as f64).min(1.0)
}

pub(in crate::extract) fn has_block_child(el: &ElementRef) -> bool {
    el.descendent_elements().skip(1).any(|d| {
        let n = d.value().name();
        n != "br" && BLOCK_TAGS.contains(&n) && !matches!(n, "center")
    })
}

pub(super) fn comma_count(s: &str) -> usize {
    s.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،')).count()
}

/// `visible_text(el)` when it has at most `max` characters.
pub(super) fn short_text(el: ElementRef, max: usize) -> Option<String> {
    let mut bytes = 0;
    for t in el.text() {
        bytes += t.trim().len();
        if bytes > max * 4 {
            return None;
        }
    }
    let text = visible_text(el);
    (text.chars().count() <= max).then_some(text)
}

/// Text of an element's own text nodes and inline children, block
/// children left out.
pub(super) fn direct_text(el: ElementRef) -> String {
    let mut out = String::new();
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let n = e.name();
                if BLOCK_TAGS.contains(&n) || SKIP_TAGS.contains(&n) || n == "br" || n == "a" {
                    out.push(' ');
                    continue;
                }
                if let Some(c) = ElementRef::wrap(child) {
                    out.push_str(&visible_text(c));
                }
            }
            _ => {}
        }
    }
    collapse(&out)
}

#[cfg(test)]
mod tests {
    //! The allocation-free count must agree with the text it stands in for.
    use super::*;
    use scraper::{Html, Selector};

    const PAGE: &str = "<html><body><div id=a>  Lead\u{a0}text <b>bold</b><br>next\u{200b} line \
        <p>Para <a href=x>one link</a>, and\t\nmore.</p><script>var x = 1;</script><ul><li>item</li><li> </li></ul>\
        <span>\u{7}ctrl</span><button>Share</button><div class='articleBody'>\u{feff}Body \u{3000} text</div>\
        <template>hidden</template>end </div><div id=b></div><div id=c> \u{200b} </div></body></html>";

    #[test]
    fn visible_len_counts_what_visible_text_builds() {
        let doc = Html::parse_document(PAGE);
        let all = Selector::parse("*").unwrap();
        let mut checked = 0;
        for el in doc.select(&all) {
            assert_eq!(visible_len(el), visible_text(el).chars().count(), "<{}>", el.value().name());
            checked += 1;
        }
        assert!(checked > 10);
        let a = doc.select(&Selector::parse("#a").unwrap()).next().unwrap();
        assert!(visible_len(a) > 20);
    }
}
