//! Choosing the containers that hold the article: Readability's voting,
//! then the siblings, intro and twin containers that carry on the story.

use std::collections::HashMap;

use scraper::ElementRef;

use super::markup::{class_words, has_negative, has_positive, has_strict_negative, is_hidden_or_chrome, may_have_class_word};
use super::markup::{SKIP_TAGS, STRONG_BODY_WORDS};
use super::measure::{comma_count, direct_text, has_block_child, link_density, short_text, visible_len, visible_text};
use crate::extract::boilerplate::{section_heading, Heading};

/// Tree node identity, as scraper hands it out.
type NodeKey = ego_tree::NodeId;

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
pub(in crate::extract) fn opens_box(el: ElementRef) -> Option<Heading> {
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

/// Whether a container that looks like boilerplate (a form, a "sidebar"
/// layout class) actually wraps the article, as ASP.NET forms and some
/// WordPress themes do.
pub(in crate::extract) fn holds_article(el: &ElementRef, count_paragraphs: bool) -> bool {
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
