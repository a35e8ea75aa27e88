//! Walking the chosen containers into typed blocks: paragraphs split at
//! double line breaks, headings, quotes, figures and videos, with the
//! page furniture inside them left out.

use loa_domain::{Block, Figure, Mark, MarkKind};
use scraper::{ElementRef, Node};
use url::Url;

use super::marks::{collapse_marks, mark_kind, visible_text_marked, RawMark};
use super::markup::{class_words, has_negative, is_hidden, is_hidden_or_chrome, is_video_host, is_video_iframe};
use super::markup::{BLOCK_TAGS, NEVER_TEXT_TAGS, SKIP_TAGS};
use super::measure::{link_density, visible_len, visible_text};
use super::roots::{holds_article, opens_box};
use crate::extract::boilerplate::{is_boilerplate_line, is_date_line, section_heading, Heading};
use crate::extract::text::{absolutize, collapse, collapse_mapped, norm_key};

/// Converts the chosen containers into blocks.
pub struct BlockWriter<'u> {
    pub base: Option<&'u Url>,
    pub title_key: String,
    pub blocks: Vec<Block>,
    text: String,
    link_chars: usize,
    /// How many `<a>` elements enclose the current position.
    in_link: usize,
    /// Inline marks still open: where they started in `text`, and what.
    open_marks: Vec<(usize, MarkKind)>,
    /// Inline marks closed within `text`, as raw byte ranges of it.
    closed_marks: Vec<RawMark>,
    /// Length of the article text, so that a boilerplate-looking wrapper
    /// holding most of it is still read.
    root_len: usize,
    /// The containers were named by an editor's rules: read everything
    /// visible in them, without the page-furniture guesses (class words,
    /// nav/aside/header tags, link density). Sanitising still applies.
    trusted: bool,
    /// A comments heading was just read: the rest of its container is
    /// readers' comments.
    comments_follow: bool,
    /// Class and id names are not held against a container (the fallback
    /// for pages whose utility classes read as boilerplate).
    pub lenient: bool,
}

/// Marks a `<br>` inside running text; two in a row split paragraphs.
const BR: char = '\u{2029}';

impl<'u> BlockWriter<'u> {
    pub fn new(base: Option<&'u Url>, title: &str) -> Self {
        BlockWriter {
            base,
            title_key: norm_key(title),
            blocks: Vec::new(),
            text: String::new(),
            link_chars: 0,
            in_link: 0,
            open_marks: Vec::new(),
            closed_marks: Vec::new(),
            root_len: 0,
            trusted: false,
            comments_follow: false,
            lenient: false,
        }
    }

    /// A writer for containers picked by extraction rules rather than by
    /// scoring (see the `trusted` field).
    pub fn trusting(base: Option<&'u Url>, title: &str) -> Self {
        BlockWriter { trusted: true, ..BlockWriter::new(base, title) }
    }

    pub fn write_root(&mut self, root: ElementRef) {
        self.root_len = visible_len(root);
        // A root is read like any element, so a lone <p> sibling becomes
        // one paragraph and a container becomes many.
        self.element(root);
        self.flush();
    }

    fn skip(&self, el: &ElementRef) -> bool {
        let name = el.value().name();
        if name == "iframe" {
            return !is_video_iframe(el);
        }
        if self.trusted {
            return is_hidden(el) || NEVER_TEXT_TAGS.contains(&name);
        }
        if is_hidden_or_chrome(el) {
            return true;
        }
        if SKIP_TAGS.contains(&name) {
            return !(name == "form" && holds_article(el, true));
        }
        let words = if self.lenient { Vec::new() } else { class_words(el) };
        if (has_negative(&words) && !holds_article(el, false)) || opens_box(*el).is_some() {
            // Never drop what is most of the article.
            let len = visible_len(*el);
            return len * 2 < self.root_len || self.root_len == 0;
        }
        false
    }

    fn walk(&mut self, el: ElementRef) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    self.text.push_str(t);
                    if self.in_link > 0 {
                        self.link_chars += t.trim().chars().count();
                    }
                }
                Node::Element(_) => {
                    let Some(c) = ElementRef::wrap(child) else { continue };
                    self.element(c);
                    if self.comments_follow {
                        // Only comments come after a comments heading.
                        self.comments_follow = false;
                        break;
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, c: ElementRef) {
        let name = c.value().name();
        if self.skip(&c) {
            return;
        }
        match name {
            "br" => self.text.push(BR),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let (text, marks) = visible_text_marked(c, self.base);
                let furniture = if self.trusted { None } else { section_heading(&text) };
                self.comments_follow = furniture == Some(Heading::Comments);
                if !text.is_empty() && furniture.is_none() && (self.trusted || link_density(c) < 0.6) {
                    self.blocks.push(Block::Heading { text, marks });
                }
            }
            "blockquote" => {
                self.flush();
                let mut inner = BlockWriter::new(self.base, "");
                inner.root_len = self.root_len;
                inner.trusted = self.trusted;
                inner.lenient = self.lenient;
                inner.walk(c);
                inner.flush();
                // The quote's paragraphs joined by line breaks, their marks
                // shifted to where each paragraph starts.
                let mut text = String::new();
                let mut marks = Vec::new();
                for b in inner.blocks.iter().filter(|b| !matches!(b, Block::Figure(_) | Block::Video { .. })) {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    let at = text.len();
                    text.push_str(b.text());
                    marks.extend(b.marks().iter().map(|m| Mark { start: m.start + at, end: m.end + at, kind: m.kind.clone() }));
                }
                if !text.is_empty() {
                    self.blocks.push(Block::Quote { text, marks });
                }
            }
            "figure" => {
                self.flush();
                self.figure(c);
            }
            "img" => {
                self.flush();
                if let Some(fig) = self.image(c, "") {
                    self.blocks.push(Block::Figure(fig));
                }
            }
            "iframe" | "video" => {
                self.flush();
                if let Some(v) = video(c, self.base) {
                    self.blocks.push(v);
                }
            }
            "table" => {
                self.flush();
                self.walk(c);
                self.flush();
            }
            "a" => {
                self.in_link += 1;
                self.walk_marked(c);
                self.in_link -= 1;
            }
            "b" | "strong" | "i" | "em" => self.walk_marked(c),
            _ if BLOCK_TAGS.contains(&name) => {
                self.flush();
                self.walk(c);
                self.flush();
            }
            _ => self.walk(c),
        }
    }

    /// Walks an inline element, recording the mark it stands for over the
    /// text it adds. A paragraph break inside it ends the mark's part in
    /// that paragraph (see `flush`) and the rest continues in the next.
    fn walk_marked(&mut self, c: ElementRef) {
        let Some(kind) = mark_kind(&c, self.base) else {
            self.walk(c);
            return;
        };
        self.open_marks.push((self.text.len(), kind));
        self.walk(c);
        if let Some((start, kind)) = self.open_marks.pop() {
            if self.text.len() > start {
                self.closed_marks.push((start, self.text.len(), kind));
            }
        }
    }

    fn figure(&mut self, fig: ElementRef) {
        let caption = fig.descendent_elements().find(|e| e.value().name() == "figcaption").map(visible_text).unwrap_or_default();
        if let Some(img) = fig.descendent_elements().find(|e| e.value().name() == "img") {
            if let Some(f) = self.image(img, &caption) {
                self.blocks.push(Block::Figure(f));
            }
            return;
        }
        if let Some(v) =
            fig.descendent_elements().filter(|e| matches!(e.value().name(), "iframe" | "video")).find_map(|e| video(e, self.base))
        {
            self.blocks.push(v);
        }
    }

    fn image(&self, img: ElementRef, caption: &str) -> Option<Figure> {
        let v = img.value();
        let tiny = |a: &str| v.attr(a).and_then(|w| w.trim_end_matches("px").parse::<u32>().ok()).is_some_and(|w| w < 50);
        if tiny("width") || tiny("height") {
            return None;
        }
        let srcset_first =
            |a: &str| v.attr(a).and_then(|s| s.split(',').next()).and_then(|s| s.split_whitespace().next()).map(str::to_string);
        let src = ["data-src", "data-lazy-src", "data-original", "data-url", "src"]
            .iter()
            .filter_map(|a| v.attr(a))
            .find_map(|s| absolutize(self.base, s))
            .or_else(|| {
                ["data-srcset", "srcset"].iter().filter_map(|a| srcset_first(a)).find_map(|s| absolutize(self.base, &s))
            })?;
        let alt = collapse(v.attr("alt").unwrap_or(""));
        // The alt text must describe the picture; a copied headline does not.
        let alt = if !self.title_key.is_empty() && norm_key(&alt) == self.title_key { String::new() } else { alt };
        Some(Figure { src, alt, caption: caption.to_string(), width: None, height: None, renditions: Vec::new() })
    }

    /// Ends the running paragraph, if any.
    fn flush(&mut self) {
        let raw = std::mem::take(&mut self.text);
        let links = std::mem::take(&mut self.link_chars);
        // Marks still open end here and go on from the next paragraph's start.
        let mut raw_marks = std::mem::take(&mut self.closed_marks);
        for (start, kind) in &mut self.open_marks {
            if raw.len() > *start {
                raw_marks.push((*start, raw.len(), kind.clone()));
            }
            *start = 0;
        }
        if raw.trim().is_empty() {
            return;
        }
        // Mark edges by raw offset: (offset, is_end, mark index).
        let mut edges: Vec<(usize, bool, usize)> =
            raw_marks.iter().enumerate().flat_map(|(i, (s, e, _))| [(*s, false, i), (*e, true, i)]).collect();
        edges.sort();
        let mut next_edge = 0;
        // Where each mark starts and ends: (part index, byte offset in part).
        let mut starts: Vec<Option<(usize, usize)>> = vec![None; raw_marks.len()];
        let mut ends: Vec<Option<(usize, usize)>> = vec![None; raw_marks.len()];
        let mut waiting: Vec<usize> = Vec::new();
        // Two <br> in a row separate paragraphs; one is just a line break.
        let mut parts: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut brs = 0;
        for (at, ch) in raw.char_indices() {
            while next_edge < edges.len() && edges[next_edge].0 <= at {
                let (_, is_end, i) = edges[next_edge];
                if is_end {
                    ends[i] = Some((parts.len(), cur.len()));
                } else {
                    // A start belongs to the part of the next kept char.
                    waiting.push(i);
                }
                next_edge += 1;
            }
            if ch == '\r' {
                continue;
            }
            if ch == BR {
                brs += 1;
                continue;
            }
            if brs > 0 && !ch.is_whitespace() {
                if brs >= 2 {
                    parts.push(std::mem::take(&mut cur));
                } else {
                    cur.push(' ');
                }
                brs = 0;
            }
            for i in waiting.drain(..) {
                starts[i] = Some((parts.len(), cur.len()));
            }
            cur.push(ch);
        }
        for &(_, is_end, i) in &edges[next_edge..] {
            if is_end {
                ends[i] = Some((parts.len(), cur.len()));
            }
        }
        parts.push(cur);
        // Each part's marks in its own byte offsets; a mark running over a
        // paragraph break is split at it.
        let mut part_marks: Vec<Vec<RawMark>> = vec![Vec::new(); parts.len()];
        for (i, (_, _, kind)) in raw_marks.iter().enumerate() {
            let (Some((sp, so)), Some((ep, eo))) = (starts[i], ends[i]) else { continue };
            for (p, marks) in part_marks.iter_mut().enumerate().take(ep + 1).skip(sp) {
                let s = if p == sp { so } else { 0 };
                let e = if p == ep { eo } else { parts[p].len() };
                if s < e {
                    marks.push((s, e, kind.clone()));
                }
            }
        }
        let total: usize = parts.iter().map(|p| collapse(p).chars().count()).sum();
        let density = if total == 0 { 0.0 } else { links as f64 / total as f64 };
        if density > 0.65 && !self.trusted {
            return;
        }
        for (p, raw_marks) in parts.iter().zip(part_marks) {
            let text = collapse(p);
            if text.is_empty() || is_boilerplate_line(&text) || is_date_line(&text) {
                continue;
            }
            let marks = if raw_marks.is_empty() {
                Vec::new()
            } else {
                let (mapped_text, map) = collapse_mapped(p);
                if mapped_text == text {
                    collapse_marks(&text, &map, &raw_marks)
                } else {
                    Vec::new()
                }
            };
            self.blocks.push(Block::Paragraph { text, marks });
        }
    }
}

/// A video block for a `<video>` or a video host's `<iframe>`, with its
/// title and poster when the markup gives them.
fn video(el: ElementRef, base: Option<&Url>) -> Option<Block> {
    let v = el.value();
    let title = collapse(v.attr("title").or_else(|| v.attr("aria-label")).unwrap_or(""));
    let src = match v.name() {
        "iframe" => {
            let s = v.attr("src").or_else(|| v.attr("data-src"))?;
            if !is_video_host(s) {
                return None;
            }
            if let Some(rest) = s.strip_prefix("//") {
                absolutize(None, &format!("https://{rest}"))?
            } else {
                absolutize(base, s)?
            }
        }
        "video" => v.attr("src").and_then(|s| absolutize(base, s)).or_else(|| {
            el.descendent_elements()
                .filter(|e| e.value().name() == "source")
                .find_map(|e| e.value().attr("src").and_then(|s| absolutize(base, s)))
        })?,
        _ => return None,
    };
    // `poster` is HTML5's; lazy-embed scripts keep theirs in data attributes.
    let poster = ["poster", "data-poster", "data-thumbnail"]
        .iter()
        .filter_map(|a| v.attr(a))
        .find_map(|p| absolutize(base, p))
        .filter(|p| p.starts_with("http://") || p.starts_with("https://"));
    Some(Block::Video { src, title, poster })
}
