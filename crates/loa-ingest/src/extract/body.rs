//! Finding the article body in a page and turning it into typed blocks.
//!
//! Readability-style: paragraphs vote for their ancestors, the container
//! with the best score (discounted by link density, boosted by semantic
//! markup) is the body, siblings that look like more of the same article are
//! added, and the result is walked into blocks while boilerplate (navigation,
//! share bars, related-article lists, comments, ads) is left out.

use std::collections::HashMap;

use loa_domain::{Block, Figure, Mark, MarkKind};
use scraper::{ElementRef, Node};
use url::Url;

use super::boilerplate::{is_boilerplate_line, is_date_line, section_heading, Heading};
use super::text::{absolutize, collapse, collapse_mapped, norm_key, CollapsedLen};

/// A mark over a byte range of text not yet collapsed.
type RawMark = (usize, usize, MarkKind);

/// The inline mark an element stands for, if any: bold, italics, or a link
/// whose address resolves to an absolute http(s) URL (`javascript:` and
/// other schemes, fragments and unresolvable relative links get none).
fn mark_kind(el: &ElementRef, base: Option<&Url>) -> Option<MarkKind> {
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
fn collapse_marks(text: &str, map: &[usize], raw: &[RawMark]) -> Vec<Mark> {
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
fn visible_text_marked(el: ElementRef, base: Option<&Url>) -> (String, Vec<Mark>) {
    fn walk(el: ElementRef, base: Option<&Url>, out: &mut String, marks: &mut Vec<RawMark>) {
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
                        let start = out.len();
                        walk(c, base, out, marks);
                        if let Some(kind) = mark_kind(&c, base) {
                            if out.len() > start {
                                marks.push((start, out.len(), kind));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let text = visible_text(el);
    let mut raw = String::new();
    let mut raw_marks = Vec::new();
    walk(el, base, &mut raw, &mut raw_marks);
    let (collapsed, map) = collapse_mapped(&raw);
    let marks = if collapsed == text { collapse_marks(&text, &map, &raw_marks) } else { Vec::new() };
    (text, marks)
}

/// Tree node identity, as scraper hands it out.
type NodeKey = ego_tree::NodeId;

/// Elements that never hold article text.
pub(super) const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button", "select", "input", "textarea", "svg",
    "canvas", "object", "embed", "label", "dialog", "menu", "header", "head", "title", "meta", "link", "option", "math", "map",
    "audio",
];

/// Elements that are never text, whoever chose the container: code,
/// styling, document head, controls and embedded objects.
const NEVER_TEXT_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "button", "select", "input", "textarea",
    "option", "label", "svg", "canvas", "object", "embed", "math", "map", "audio", "dialog",
];

/// Elements that start a new block of text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "body",
    "html",
    "picture",
    "caption",
];

/// class/id words marking boilerplate containers.
const NEGATIVE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "sidebar",
    "share",
    "sharing",
    "shares",
    "social",
    "related",
    "tags",
    "comment",
    "comments",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "advertising",
    "promo",
    "sponsored",
    "sponsor",
    "newsletter",
    "subscribe",
    "subscription",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "popup",
    "modal",
    "cookie",
    "cookies",
    "banner",
    "widget",
    "toolbar",
    "pagination",
    "pager",
    "print",
    "hidden",
    "hide",
    "recommended",
    "recommendations",
    "recirc",
    "trending",
    "popular",
    "signup",
    "outbrain",
    "taboola",
    "disqus",
    "rail",
    "masthead",
    "skip",
    "dateline",
    "timestamp",
    "author",
    "bio",
    "caption",
    "credit",
    "copyright",
    "tools",
    "toc",
    "teaser",
    "follow",
    "donate",
    "paywall",
    "gdpr",
    "consent",
    "sronly",
    "visuallyhidden",
    "offscreen",
    "more",
    "readmore",
    "topics",
    "meta",
    "embed",
    "feedback",
    "rating",
    "disclaimer",
    "next",
    "prev",
    "previous",
    "nextprev",
    "prevnext",
    // German, French, Spanish, Portuguese, Italian
    "werbung",
    "anzeige",
    "kommentar",
    "kommentare",
    "teilen",
    "empfehlung",
    "empfehlungen",
    "weitere",
    "pub",
    "publicite",
    "partage",
    "commentaires",
    "publicidad",
    "comentarios",
    "relacionados",
    "relacionadas",
    "compartir",
    "publicidade",
    "commenti",
    "correlati",
    // Vietnamese, Russian and Chinese sites' ASCII spellings
    "quangcao",
    "binhluan",
    "lienquan",
    "tinlienquan",
    "cungchuyenmuc",
    "chiase",
    "tinkhac",
    "reklama",
    "kommentarii",
    "guanggao",
    "pinglun",
    "xiangguan",
    "xgxw",
];

/// class/id words marking the article body.
const POSITIVE_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "text",
    "story",
    "blog",
    "prose",
    "richtext",
    "paragraph",
    "news",
    "detail",
    "single",
    // German, French, Spanish, Portuguese, Italian
    "artikel",
    "beitrag",
    "inhalt",
    "haupttext",
    "artikeltext",
    "fliesstext",
    "textabschnitt",
    "contenu",
    "texte",
    "corps",
    "contenido",
    "noticia",
    "cuerpo",
    "texto",
    "conteudo",
    "materia",
    "testo",
    "articolo",
    // Vietnamese, Russian and Chinese sites' ASCII spellings
    "noidung",
    "chitiet",
    "baiviet",
    "statya",
    "novost",
    "tekst",
    "zhengwen",
];

fn class_words(el: &ElementRef) -> Vec<String> {
    let v = el.value();
    let mut words = Vec::new();
    for attr in [v.attr("class"), v.attr("id")].into_iter().flatten() {
        for token in attr.split_whitespace() {
            let lower = token.to_ascii_lowercase();
            // "article-body" gives "article", "body" and "articlebody".
            let parts: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()).collect();
            if parts.is_empty() {
                continue;
            }
            if parts.len() > 1 {
                words.push(parts.concat());
            }
            words.extend(parts.iter().map(|p| p.to_string()));
            // camelCase ids ("relatedStories"); the split depends only on
            // the token, so it runs once per token (this function is hot).
            let mut cur = String::new();
            for (i, c) in token.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 && !cur.is_empty() {
                    words.push(cur.to_ascii_lowercase());
                    cur.clear();
                }
                if c.is_ascii_alphanumeric() {
                    cur.push(c);
                } else if !cur.is_empty() {
                    words.push(cur.to_ascii_lowercase());
                    cur.clear();
                }
            }
            if !cur.is_empty() {
                words.push(cur.to_ascii_lowercase());
            }
        }
    }
    words.sort();
    words.dedup();
    words
}

fn has_negative(words: &[String]) -> bool {
    words.iter().any(|w| NEGATIVE_WORDS.contains(&w.as_str()))
}

/// Words that mark boilerplate even next to a positive word
/// ("comment-content", "related-articles").
fn has_strict_negative(words: &[String]) -> bool {
    const STRICT: &[&str] = &[
        "comment",
        "comments",
        "disqus",
        "related",
        "share",
        "sharing",
        "social",
        "footer",
        "nav",
        "navigation",
        "menu",
        "newsletter",
        "promo",
        "outbrain",
        "taboola",
        "breadcrumb",
        "breadcrumbs",
        "recommended",
        "advert",
        "advertisement",
        "byline",
        "ad",
        "ads",
    ];
    words.iter().any(|w| STRICT.contains(&w.as_str()))
}

fn has_positive(words: &[String]) -> bool {
    words.iter().any(|w| POSITIVE_WORDS.contains(&w.as_str()))
}

/// Hidden by markup: the reader never sees it.
fn is_hidden(el: &ElementRef) -> bool {
    let v = el.value();
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    v.attr("style").is_some_and(|style| {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Hidden by markup, or a page-structure role that is never the article.
pub(super) fn is_hidden_or_chrome(el: &ElementRef) -> bool {
    let v = el.value();
    if is_hidden(el) {
        return true;
    }
    matches!(
        v.attr("role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo" | "menu" | "menubar" | "dialog" | "search" | "alert")
    )
}

fn is_video_iframe(el: &ElementRef) -> bool {
    el.value().name() == "iframe" && el.value().attr("src").or_else(|| el.value().attr("data-src")).is_some_and(is_video_host)
}

fn is_video_host(src: &str) -> bool {
    let s = src.to_ascii_lowercase();
    ["youtube.com/", "youtube-nocookie.com/", "youtu.be/", "vimeo.com/", "dailymotion.com/", "dai.ly/"]
        .iter()
        .any(|h| s.contains(h))
}

/// Plain visible text of an element, scripts and styles excluded.
fn visible_text(el: ElementRef) -> String {
    let mut out = String::new();
    push_text(el, &mut out);
    collapse(&out)
}

/// `visible_text(el).chars().count()` without building the text.
pub(super) fn visible_len(el: ElementRef) -> usize {
    let mut len = CollapsedLen::default();
    push_text(el, &mut len);
    len.chars
}

/// Where `push_text` writes: the text itself, or just its collapsed length.
trait TextSink {
    fn push_str(&mut self, text: &str);
    fn push(&mut self, c: char);
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

fn push_text(el: ElementRef, out: &mut impl TextSink) {
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
                    push_text(c, out);
                }
            }
            _ => {}
        }
    }
}

fn link_text_len(el: ElementRef) -> usize {
    el.descendent_elements().filter(|d| d.value().name() == "a").map(visible_len).sum()
}

pub(super) fn link_density(el: ElementRef) -> f64 {
    let total = visible_len(el);
    if total == 0 {
        return 0.0;
    }
    (link_text_len(el) as f64 / total as f64).min(1.0)
}

pub(super) fn has_block_child(el: &ElementRef) -> bool {
    el.descendent_elements().skip(1).any(|d| {
        let n = d.value().name();
        n != "br" && BLOCK_TAGS.contains(&n) && !matches!(n, "center")
    })
}

fn comma_count(s: &str) -> usize {
    s.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،')).count()
}

/// Finds the containers that make up the article body, in document order.
/// `lenient` ignores what class and id names say against a container (the
/// fallback for pages whose utility classes read as boilerplate).
pub fn find_body_roots<'a>(body: ElementRef<'a>, lenient: bool) -> Vec<ElementRef<'a>> {
    let mut scores: HashMap<NodeKey, f64> = HashMap::new();
    let mut candidates: Vec<ElementRef<'a>> = Vec::new();
    score_units(body, lenient, &mut scores, &mut candidates);

    // Class-name bonuses must not let a one-line box ("content-title")
    // beat the container that holds the text: candidates need a fair share
    // of the best paragraph mass first.
    let mass = |c: &ElementRef| scores.get(&c.id()).copied().unwrap_or(0.0) - initial_score(c, lenient);
    let max_mass = candidates.iter().map(mass).fold(0.0, f64::max);
    let eligible: Vec<bool> = candidates.iter().map(|c| mass(c) >= max_mass * 0.3).collect();

    // A candidate's final score is its votes discounted by its link
    // density, worked out only when asked for (link density walks the
    // whole subtree): the final score never exceeds the votes, so a
    // candidate whose votes do not beat the best final score so far cannot
    // win and is never measured.
    let raw_scores = scores;
    let mut finals: HashMap<NodeKey, f64> = HashMap::new();
    let mut final_of = |c: ElementRef| -> f64 {
        let Some(raw) = raw_scores.get(&c.id()).copied() else { return 0.0 };
        *finals.entry(c.id()).or_insert_with(|| raw * (1.0 - link_density(c)))
    };
    let mut best: Option<(ElementRef<'a>, f64)> = None;
    for (c, ok) in candidates.iter().zip(eligible) {
        let raw = raw_scores.get(&c.id()).copied().unwrap_or(0.0);
        if !ok || best.is_some_and(|(_, s)| raw <= s) {
            continue;
        }
        let final_score = final_of(*c);
        if best.is_none_or(|(_, s)| final_score > s) {
            best = Some((*c, final_score));
        }
    }
    if std::env::var_os("LOA_EXTRACT_DEBUG").is_some() {
        let mut ranked: Vec<_> = candidates.iter().map(|c| (final_of(*c), *c)).collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (s, c) in ranked.iter().take(6) {
            eprintln!(
                "candidate {s:.1} <{} class={:?} id={:?}> {} chars",
                c.value().name(),
                c.value().attr("class"),
                c.value().attr("id"),
                visible_text(*c).len()
            );
        }
    }
    let Some((top, top_score)) = best else {
        return vec![body];
    };

    // A container whose parent holds barely more text is usually one of
    // several sibling wrappers; climbing to a semantic article container
    // recovers paragraphs split across them.
    let mut top = top;
    let top_len = visible_len(top).max(1);
    for anc in top.ancestors().filter_map(ElementRef::wrap).take(4) {
        let v = anc.value();
        let semantic = v.attr("itemprop").is_some_and(|p| p.contains("articleBody")) || {
            let w = class_words(&anc);
            w.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "articlebody"
                        | "storybody"
                        | "entrycontent"
                        | "postcontent"
                        | "articlecontent"
                        | "articletext"
                        | "postbody"
                        | "storycontent"
                )
            })
        };
        if semantic {
            let anc_len = visible_len(anc);
            if anc_len <= top_len * 8 && link_density(anc) < 0.3 {
                top = anc;
            }
            break;
        }
    }

    // Siblings that look like more of the same article.
    let Some(parent) = top.parent().and_then(ElementRef::wrap) else {
        return vec![top];
    };
    let top_class = top.value().attr("class").unwrap_or("").to_string();
    let threshold = (top_score * 0.2).max(10.0);
    let top_words = class_words(&top);
    let mut roots = Vec::new();
    for sib in parent.child_elements() {
        if sib.id() == top.id() {
            roots.push(sib);
            continue;
        }
        if SKIP_TAGS.contains(&sib.value().name()) || is_hidden_or_chrome(&sib) {
            continue;
        }
        let words = class_words(&sib);
        if (!lenient && has_negative(&words)) || opens_box(sib).is_some() {
            continue;
        }
        let mut bonus = 0.0;
        if !top_words.is_empty() && words == top_words {
            bonus += top_score * 0.2;
        }
        let score = final_of(sib) + bonus;
        // The headline's block (headline, standfirst, date) sits beside
        // the body; it is not body unless it holds much of the text.
        let headline_block = || sib.descendent_elements().any(|d| d.value().name() == "h1");
        let append = if score >= threshold && (score >= top_score * 0.5 || !headline_block()) {
            true
        } else if sib.value().name() == "p" {
            let text = visible_text(sib);
            let len = text.chars().count();
            let density = link_density(sib);
            (len > 80 && density < 0.25) || (len > 0 && len <= 80 && density == 0.0 && text.ends_with(['.', '!', '?', '。']))
        } else {
            continues_story(sib, &top)
        };
        if append {
            roots.push(sib);
        }
    }

    // A teaser or intro paragraph just before the body, in the same
    // container, opens the story (teaser-plus-body layouts).
    if let Some(at) = roots.iter().position(|r| r.id() == top.id()) {
        let before: Vec<ElementRef<'a>> = top.prev_siblings().filter_map(ElementRef::wrap).take(3).collect();
        if let Some(intro) = before.into_iter().find(|s| is_intro(s)) {
            if !roots.iter().any(|r| r.id() == intro.id()) {
                roots.insert(at, intro);
                let order: HashMap<NodeKey, usize> = parent.child_elements().enumerate().map(|(i, e)| (e.id(), i)).collect();
                roots.sort_by_key(|r| order.get(&r.id()).copied().unwrap_or(usize::MAX));
            }
        }
    }

    // Some templates cut the article into several identical containers
    // under different parents (text, ad slot, text, ...): take them all.
    if !top_class.trim().is_empty() {
        let twins: Vec<ElementRef<'a>> = candidates
            .iter()
            .filter(|c| {
                c.id() != top.id()
                    && c.value().name() == top.value().name()
                    && c.value().attr("class") == Some(top_class.as_str())
                    && final_of(**c) >= top_score * 0.1
                    && !roots.iter().any(|r| r.id() == c.id())
                    && !c.ancestors().any(|a| roots.iter().any(|r| r.id() == a.id()))
                    && !roots.iter().any(|r| r.ancestors().any(|a| a.id() == c.id()))
            })
            .copied()
            .collect();
        if !twins.is_empty() {
            roots.extend(twins);
            // Back to document order.
            let order: HashMap<NodeKey, usize> = body.descendent_elements().enumerate().map(|(i, e)| (e.id(), i)).collect();
            roots.sort_by_key(|r| order.get(&r.id()).copied().unwrap_or(usize::MAX));
        }
    }
    roots
}

/// A teaser, intro or standfirst block written as running text: a class
/// that says so, some length, hardly any links, no heading inside.
fn is_intro(el: &ElementRef) -> bool {
    const INTRO_WORDS: &[&str] = &["teaser", "intro", "lead", "leadtext", "chapo", "chapeau", "sapo", "vorspann", "entradilla"];
    let words = class_words(el);
    if !words.iter().any(|w| INTRO_WORDS.contains(&w.as_str())) || has_strict_negative(&words) || is_hidden_or_chrome(el) {
        return false;
    }
    let text = visible_text(*el);
    let wide = text.chars().filter(|c| (*c as u32) >= 0x2E80).count() * 2 > text.chars().count();
    let len = text.chars().count() * if wide { 3 } else { 1 };
    (60..=1600).contains(&len)
        && link_density(*el) < 0.1
        && !el.descendent_elements().any(|d| matches!(d.value().name(), "h1" | "h2" | "h3" | "ul" | "ol" | "img"))
}

/// A sibling container of the body that carries on the story (the text
/// cut into several `<section>`s or `<div>`s of one kind): same tag, and
/// most of its text in paragraphs of running prose with few links.
fn continues_story(sib: ElementRef, top: &ElementRef) -> bool {
    let name = sib.value().name();
    if name != top.value().name() || !matches!(name, "div" | "section" | "article") {
        return false;
    }
    let total = visible_len(sib);
    if total < 140 || link_density(sib) >= 0.2 {
        return false;
    }
    let prose: usize = sib
        .descendent_elements()
        .filter(|d| d.value().name() == "p")
        .map(|p| (visible_len(p), p))
        .filter(|(len, p)| *len >= 80 && link_density(*p) < 0.2)
        .map(|(len, _)| len)
        .sum();
    prose * 2 >= total
}

/// The kind of box an element is when it opens with a box heading
/// ("Weitere Artikel", "Читайте также", "Bình luận"): its first element
/// child, or that child's first, is a heading or a short label saying so.
pub(super) fn opens_box(el: ElementRef) -> Option<Heading> {
    let mut cur = el;
    for _ in 0..2 {
        let first = cur.child_elements().next()?;
        let name = first.value().name();
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b" | "span" | "p" | "header" | "div" | "a") {
            if let Some(text) = short_text(first, 60) {
                if let Some(kind) = section_heading(&text) {
                    return Some(kind);
                }
            }
        }
        cur = first;
    }
    None
}

/// `visible_text(el)` when it has at most `max` characters.
fn short_text(el: ElementRef, max: usize) -> Option<String> {
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

/// Whether a container that looks like boilerplate (a form, a "sidebar"
/// layout class) actually wraps the article, as ASP.NET forms and some
/// WordPress themes do.
pub(super) fn holds_article(el: &ElementRef, count_paragraphs: bool) -> bool {
    let mut long_paragraphs = 0;
    for d in el.descendent_elements().skip(1) {
        let v = d.value();
        if v.name() == "article" || v.attr("itemprop").is_some_and(|p| p.contains("articleBody")) {
            return true;
        }
        if v.attr("class").is_some()
            && may_have_class_word(v, STRONG_BODY_WORDS)
            && class_words(&d).iter().any(|w| STRONG_BODY_WORDS.contains(&w.as_str()))
        {
            return true;
        }
        if count_paragraphs && v.name() == "p" && visible_len(d) >= 120 {
            long_paragraphs += 1;
            if long_paragraphs >= 3 {
                return true;
            }
        }
    }
    false
}

/// A cheap necessary condition for `class_words` to yield one of `words`:
/// every word it makes is a run of one class or id token's ASCII letters
/// and digits, lower-cased, so it is a substring of that token with
/// everything else removed. Saves the allocations of `class_words` on the
/// many elements `holds_article` visits.
fn may_have_class_word(v: &scraper::node::Element, words: &[&str]) -> bool {
    let mut key = String::new();
    for attr in [v.attr("class"), v.attr("id")].into_iter().flatten() {
        for token in attr.split_whitespace() {
            key.clear();
            key.extend(token.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()));
            if words.iter().any(|w| key.contains(w)) {
                return true;
            }
        }
    }
    false
}

/// Class names that CMSs put on the article body itself.
const STRONG_BODY_WORDS: &[&str] = &[
    "articlebody",
    "storybody",
    "entrycontent",
    "postcontent",
    "articlecontent",
    "articletext",
    "postbody",
    "storycontent",
    "entrybody",
    "posttext",
    "storytext",
    "articlecopy",
    "bodytext",
    "newstext",
    "newsbody",
    "artikeltext",
    "beitragstext",
    "noidungchitiet",
    "corpsarticle",
    "cuerponoticia",
];

/// Readability's voting: each paragraph-like unit adds to its ancestors.
fn score_units<'a>(el: ElementRef<'a>, lenient: bool, scores: &mut HashMap<NodeKey, f64>, candidates: &mut Vec<ElementRef<'a>>) {
    // Text written straight into a container (between <br>s, next to
    // block children) counts as a paragraph of that container.
    if matches!(el.value().name(), "div" | "section" | "article" | "main" | "td" | "center") {
        let direct = direct_text(el);
        if direct.chars().count() >= 25 {
            vote(el, &direct, 0, lenient, scores, candidates);
        }
    }
    for child in el.child_elements() {
        let name = child.value().name();
        if is_hidden_or_chrome(&child) {
            continue;
        }
        if SKIP_TAGS.contains(&name) && !(name == "form" && holds_article(&child, true)) {
            continue;
        }
        let words = class_words(&child);
        // Only a boilerplate-looking child needs excusing; holds_article
        // walks the whole subtree, so it must not run for every element.
        if !lenient && has_negative(&words) {
            let itemprop_body = child.value().attr("itemprop").is_some_and(|p| p.contains("articleBody"));
            let excused = (has_positive(&words) && !has_strict_negative(&words)) || itemprop_body || holds_article(&child, false);
            if !excused {
                continue;
            }
        }
        if opens_box(child).is_some() {
            continue;
        }
        let is_unit = matches!(name, "p" | "pre")
            || (matches!(name, "div" | "section" | "span" | "font" | "td") && !has_block_child(&child));
        if is_unit {
            let text = visible_text(child);
            if text.chars().count() >= 25 {
                // A table cell is the container of its text in a table
                // layout, not a paragraph of its row.
                vote(child, &text, usize::from(name != "td"), lenient, scores, candidates);
            }
            if !matches!(name, "div" | "section") {
                continue;
            }
        }
        score_units(child, lenient, scores, candidates);
    }
}

/// Adds a paragraph's score to the ancestors of `unit`, starting `skip`
/// levels up (1 for a real paragraph, 0 for text loose in a container).
fn vote<'a>(
    unit: ElementRef<'a>,
    text: &str,
    skip: usize,
    lenient: bool,
    scores: &mut HashMap<NodeKey, f64>,
    candidates: &mut Vec<ElementRef<'a>>,
) {
    let len = text.chars().count();
    let wide = text.chars().filter(|c| (*c as u32) >= 0x2E80).count() * 2 > len;
    // CJK sentences carry as much in 1 char as Latin ones in ~3.
    let eff_len = if wide { len * 3 } else { len };
    let score = 1.0 + comma_count(text) as f64 + (eff_len as f64 / 100.0).min(3.0);
    let chain = std::iter::once(*unit).chain(unit.ancestors()).skip(skip).filter_map(ElementRef::wrap).take(5);
    for (level, anc) in chain.enumerate() {
        if matches!(anc.value().name(), "html" | "body") {
            break;
        }
        let divider = match level {
            0 => 1.0,
            1 => 2.0,
            l => l as f64 * 3.0,
        };
        let entry = scores.entry(anc.id()).or_insert_with(|| {
            candidates.push(anc);
            initial_score(&anc, lenient)
        });
        *entry += score / divider;
    }
}

/// Text of an element's own text nodes and inline children, block
/// children left out.
fn direct_text(el: ElementRef) -> String {
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

fn initial_score(el: &ElementRef, lenient: bool) -> f64 {
    let mut s = match el.value().name() {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let words = class_words(el);
    if !lenient && has_negative(&words) {
        s -= 25.0;
    }
    if has_positive(&words) {
        s += 25.0;
    }
    if el.value().attr("itemprop").is_some_and(|p| p.contains("articleBody")) {
        s += 50.0;
    }
    if el.value().name() == "article" {
        s += 10.0;
    }
    s
}

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
        Some(Figure { src, alt, caption: caption.to_string(), width: None, height: None })
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
    Some(Block::Video { src, title })
}

#[cfg(test)]
mod shortcut_tests {
    //! The allocation-free shortcuts must agree with the code they stand in for.
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

    #[test]
    fn class_word_prefilter_never_rejects_a_match() {
        let classes = [
            "article-body",
            "ArticleBody",
            "story__body main",
            "xArticlebody",
            "post_content",
            "entry-content-wrap",
            "c-entry-content",
            "articleText",
            "body",
            "article body",
            "news-text-2",
            "üarticleübodyü",
        ];
        let mut matches = 0;
        for class in classes {
            let html = format!("<div class=\"{class}\" id=\"{class}\">x</div>");
            let doc = Html::parse_fragment(&html);
            let div = doc.select(&Selector::parse("div").unwrap()).next().unwrap();
            let exact = class_words(&div).iter().any(|w| STRONG_BODY_WORDS.contains(&w.as_str()));
            if exact {
                matches += 1;
                assert!(may_have_class_word(div.value(), STRONG_BODY_WORDS), "{class}");
            }
        }
        assert!(matches >= 6, "only {matches} of the samples name a body class");
        let doc = Html::parse_fragment("<div class='sidebar nav' id='menu'>x</div>");
        let div = doc.select(&Selector::parse("div").unwrap()).next().unwrap();
        assert!(!may_have_class_word(div.value(), STRONG_BODY_WORDS));
    }
}
