//! Stage 4: an article page's HTML to a title, a lead, typed body blocks
//! and the metadata an editor files it under.
//!
//! [`extract`] finds the body by scoring; [`extract_with_rules`] lets a
//! source's [`ExtractRules`] (CSS `keep`/`drop` selectors) override that
//! for outlets the heuristics read badly.

mod body;
mod boilerplate;
mod fallback;
mod meta;
mod raw;
mod rules;
pub mod text;

use std::sync::LazyLock;

use chrono::{DateTime, SecondsFormat, Utc};
use loa_domain::{Block, Lang};
use scraper::{Html, Selector};
use serde_json::json;
use url::Url;

use body::{find_body_roots, BlockWriter};
use meta::{JsonLd, Metas};
use rules::CompiledRules;
pub use rules::ExtractRules;
use text::{absolutize, collapse, norm_key, parse_date_in, strip_site_suffix};

/// What was read from an article page.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub title: String,
    pub lead: String,
    /// The body without the lead (see [`Extracted::lead_in_body`]).
    pub blocks: Vec<Block>,
    pub author: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub language: Option<Lang>,
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
    pub categories: Vec<String>,
    pub places: Vec<String>,
    pub tags: Vec<String>,
    /// Other-language editions the outlet itself links (`hreflang`), absolute.
    pub alternates: Vec<(Lang, String)>,
    /// True when the lead is the body's own first paragraph, moved out of
    /// `blocks` so it is not shown twice. The article's full text is then
    /// lead + body.
    pub lead_in_body: bool,
    /// Which step of the chain gave the body.
    pub body_source: BodySource,
    /// Why that step: how much text each step tried found.
    pub body_reason: String,
}

/// Where the body came from. [`extract`] tries the body finder first and
/// falls back, when its containers hold less than [`FALLBACK_BELOW`]
/// letters, to lenient scoring and paragraph classification, keeping the
/// candidate with the most text; the publisher's JSON-LD `articleBody`
/// replaces a body much shorter than it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodySource {
    /// The source's `keep` selectors.
    Rules,
    /// The readability-style body finder (or the page's `itemprop=articleBody`).
    Finder,
    /// The finder again, without holding class and id names against
    /// containers.
    LenientFinder,
    /// jusText-like paragraph classification over the whole page.
    Paragraphs,
    /// The page's JSON-LD `articleBody`.
    JsonLd,
}

impl BodySource {
    pub fn as_str(self) -> &'static str {
        match self {
            BodySource::Rules => "rules",
            BodySource::Finder => "finder",
            BodySource::LenientFinder => "lenient-finder",
            BodySource::Paragraphs => "paragraphs",
            BodySource::JsonLd => "json-ld",
        }
    }
}

/// Letters (CJK characters count three) below which the body finder's
/// result is second-guessed by the fallbacks.
pub const FALLBACK_BELOW: usize = 250;

/// Letters of running text in `blocks` (paragraphs and quotes; a CJK
/// character counts as three, as it carries about a Latin word's third).
fn text_weight(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. } | Block::Quote { .. }))
        .flat_map(|b| b.text().chars())
        .map(|c| if (c as u32) >= 0x2E80 && c.is_alphanumeric() { 3 } else { usize::from(c.is_alphanumeric()) })
        .sum()
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    #[error("the page is empty")]
    EmptyPage,
    #[error("no article text was found on the page; it may be an index page, a paywall or rendered by JavaScript")]
    NoArticle,
    #[error("extraction rule {selector:?} is not a valid CSS selector: {reason}")]
    BadSelector { selector: String, reason: String },
    #[error("none of the keep selectors ({selectors}) matched anything on the page; the site's layout may have changed")]
    KeepMatchedNothing { selectors: String },
}

impl Extracted {
    /// Plain text of the body: paragraphs, headings and quotes separated by
    /// blank lines (the lead is not included).
    pub fn body_text(&self) -> String {
        loa_domain::article::body_text(&self.blocks)
    }

    /// The article's whole running text: the lead when it was taken from
    /// the body, then the body.
    pub fn full_text(&self) -> String {
        let body = self.body_text();
        if self.lead_in_body && !self.lead.is_empty() {
            if body.is_empty() {
                self.lead.clone()
            } else {
                format!("{}\n\n{}", self.lead, body)
            }
        } else {
            body
        }
    }

    pub fn figures(&self) -> impl Iterator<Item = &loa_domain::Figure> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        })
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

static BODY: LazyLock<Selector> = LazyLock::new(|| sel("body"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| sel("link[rel~=canonical][href]"));
static HREFLANG: LazyLock<Selector> = LazyLock::new(|| sel("link[rel~=alternate][hreflang][href]"));
static HTML_TAG: LazyLock<Selector> = LazyLock::new(|| sel("html"));
static TIME: LazyLock<Selector> = LazyLock::new(|| sel("time[datetime]"));
static ITEMPROP_DATE: LazyLock<Selector> =
    LazyLock::new(|| sel("[itemprop=datePublished][content], [itemprop=datePublished][datetime]"));
static ITEMPROP_BODY: LazyLock<Selector> = LazyLock::new(|| sel("[itemprop~=articleBody]"));
static REL_AUTHOR: LazyLock<Selector> = LazyLock::new(|| sel("[rel~=author], [itemprop=author]"));
static BYLINE: LazyLock<Selector> =
    LazyLock::new(|| sel(".byline, .author, .author-name, .byline-name, .article-author, .post-author, .entry-author"));
static LEAD_ELEMENT: LazyLock<Selector> = LazyLock::new(|| {
    sel(".lead, .sapo, .standfirst, .article-lead, .article-summary, .article__lead, .entry-summary, .dek, .deck, .subheadline, .sub-headline, .article-standfirst, .summary-lead, [itemprop=description]")
});

/// Extracts an article. `page_url` (the fetched URL after redirects)
/// makes image, video and alternate links absolute.
pub fn extract(html: &str, page_url: Option<&str>) -> Result<Extracted, ExtractError> {
    extract_with_rules(html, page_url, &ExtractRules::default())
}

/// [`extract`] steered by a source's [`ExtractRules`]: `drop` selectors
/// prune the page before the body is looked for; non-empty `keep`
/// selectors are the body, read in document order instead of scored.
/// Metadata still comes from the whole page. A selector that does not parse
/// is [`ExtractError::BadSelector`]; `keep` rules matching nothing are
/// [`ExtractError::KeepMatchedNothing`].
pub fn extract_with_rules(html: &str, page_url: Option<&str>, rules: &ExtractRules) -> Result<Extracted, ExtractError> {
    let compiled = CompiledRules::compile(rules)?;
    if html.trim().is_empty() {
        return Err(ExtractError::EmptyPage);
    }
    // Script and style contents are never read: the parser skips them.
    let doc = Html::parse_document(&raw::strip_raw_text(html));
    // Body-side reads (containers, lead element) see the pruned page;
    // metadata reads see `doc`.
    let pruned = compiled.pruned(&doc);
    let body_doc = pruned.as_ref().unwrap_or(&doc);
    let base = page_url.and_then(|u| Url::parse(u).ok());
    let base = base.as_ref();
    let metas = Metas::read(&doc);
    let ld = JsonLd::read(&doc);

    let site_name = metas.first(&["og:site_name", "application-name"]).map(str::to_string).or_else(|| ld.site_name.clone());

    let title = find_title(&doc, &metas, &ld, site_name.as_deref());

    // Body.
    let by_rules = !compiled.keep.is_empty();
    let (mut blocks, mut body_source, mut body_reason) = if by_rules {
        let roots = compiled.kept_roots(body_doc);
        if roots.is_empty() {
            return Err(ExtractError::KeepMatchedNothing { selectors: rules.keep.join(", ") });
        }
        let mut writer = BlockWriter::trusting(base, &title);
        for root in roots {
            writer.write_root(root);
        }
        let mut blocks = writer.blocks;
        clean_blocks(&mut blocks, &title);
        (blocks, BodySource::Rules, "the source's keep selectors".to_string())
    } else {
        body_chain(body_doc, base, &title)
    };

    // JSON-LD articleBody is the publisher's own plain text: use it when the
    // markup gave much less (JavaScript-rendered or oddly built pages). An
    // editor's keep rules are never second-guessed this way.
    if let Some(ld_body) = ld.str_raw("articleBody").filter(|_| !by_rules) {
        let dom_len: usize = blocks.iter().map(|b| b.text().len()).sum();
        if ld_body.trim().len() > 200 && dom_len * 2 < ld_body.trim().len() {
            let figures: Vec<Block> =
                blocks.iter().filter(|b| matches!(b, Block::Figure(_) | Block::Video { .. })).cloned().collect();
            blocks = ld_body
                .split('\n')
                .map(collapse)
                .filter(|p| !p.is_empty())
                .map(|text| Block::Paragraph { text, marks: Vec::new() })
                .collect();
            blocks.extend(figures);
            body_reason = format!(
                "{body_reason}; JSON-LD articleBody ({} bytes) is over twice the markup's {dom_len}",
                ld_body.trim().len()
            );
            body_source = BodySource::JsonLd;
        }
    }

    let letters: usize = blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. } | Block::Quote { .. }))
        .map(|b| b.text().chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    // A few stray words are not an article (CJK needs fewer characters).
    if letters < 20 && !blocks.iter().any(|b| b.text().chars().any(|c| c as u32 >= 0x2E80) && letters >= 8) {
        return Err(ExtractError::NoArticle);
    }

    let (lead, lead_in_body) = find_lead(body_doc, &metas, &ld, &mut blocks);

    let author = find_author(&doc, &metas, &ld);
    let parse_date = |d: &str| parse_date_in(d, rules.timezone.unwrap_or(chrono_tz::Tz::UTC));
    let published = ld
        .str("datePublished")
        .and_then(|d| parse_date(&d))
        .or_else(|| {
            metas
                .first(&[
                    "article:published_time",
                    "og:published_time",
                    "datepublished",
                    "pubdate",
                    "publishdate",
                    "date",
                    "dc.date.issued",
                    "dc.date",
                    "sailthru.date",
                    "parsely-pub-date",
                ])
                .and_then(&parse_date)
        })
        .or_else(|| {
            doc.select(&ITEMPROP_DATE)
                .find_map(|e| e.value().attr("content").or_else(|| e.value().attr("datetime")).and_then(&parse_date))
        })
        .or_else(|| doc.select(&TIME).find_map(|t| t.value().attr("datetime").and_then(&parse_date)));
    let updated = ld.str("dateModified").and_then(|d| parse_date(&d)).or_else(|| {
        metas.first(&["article:modified_time", "og:updated_time", "datemodified", "last-modified"]).and_then(&parse_date)
    });

    let language = doc
        .select(&HTML_TAG)
        .next()
        .and_then(|h| h.value().attr("lang").or_else(|| h.value().attr("xml:lang")))
        .and_then(|l| l.parse::<Lang>().ok())
        .or_else(|| metas.first(&["og:locale", "content-language", "language", "dc.language"]).and_then(|l| l.parse().ok()))
        .or_else(|| ld.str("inLanguage").and_then(|l| l.parse().ok()))
        .or_else(|| detect_language(&blocks, &lead));

    let canonical_url = doc
        .select(&CANONICAL)
        .find_map(|l| absolutize(base, l.value().attr("href")?))
        .or_else(|| metas.first(&["og:url"]).and_then(|u| absolutize(base, u)));

    let mut categories: Vec<String> = metas.all("article:section").into_iter().map(str::to_string).collect();
    categories.extend(ld.list("articleSection", false));
    dedup(&mut categories);

    let mut tags: Vec<String> = metas.all("article:tag").into_iter().map(str::to_string).collect();
    tags.extend(ld.list("keywords", true));
    if tags.is_empty() {
        tags.extend(metas.first(&["news_keywords"]).into_iter().flat_map(|k| k.split(',')).map(collapse));
    }
    tags.retain(|t| !t.is_empty() && t.chars().count() <= 80);
    dedup(&mut tags);

    let mut places = ld.places();
    places.extend(metas.all("geo.placename").into_iter().map(str::to_string));
    dedup(&mut places);

    let mut alternates: Vec<(Lang, String)> = Vec::new();
    for link in doc.select(&HREFLANG) {
        let v = link.value();
        let (Some(lang), Some(href)) = (v.attr("hreflang"), v.attr("href")) else { continue };
        let (Ok(lang), Some(url)) = (lang.parse::<Lang>(), absolutize(base, href)) else { continue };
        if !alternates.iter().any(|(l, _)| *l == lang) {
            alternates.push((lang, url));
        }
    }

    Ok(Extracted {
        title,
        lead,
        blocks,
        author,
        published,
        updated,
        language,
        canonical_url,
        site_name,
        categories,
        places,
        tags,
        alternates,
        lead_in_body,
        body_source,
        body_reason,
    })
}

/// The body by the chain of finders: the page's `itemprop=articleBody`
/// or the scoring body finder; when that holds less than
/// [`FALLBACK_BELOW`] letters, also lenient scoring and paragraph
/// classification, the one with the most text winning; when the finder
/// found no container and read the whole page, lenient scoring's
/// container if it holds a fair part of that text.
fn body_chain(body_doc: &Html, base: Option<&Url>, title: &str) -> (Vec<Block>, BodySource, String) {
    let body_el = body_doc.select(&BODY).next().unwrap_or_else(|| body_doc.root_element());
    let itemprop_body = body_doc.select(&ITEMPROP_BODY).max_by_key(|e| e.text().map(str::len).sum::<usize>());
    // The blocks, and whether the finder found no container and read the
    // whole page instead.
    let scored = |lenient: bool| {
        let roots = match itemprop_body {
            Some(el) if !lenient && el.text().map(|t| t.trim().len()).sum::<usize>() > 200 => vec![el],
            _ => find_body_roots(body_el, lenient),
        };
        let whole_page = roots.len() == 1 && roots[0].id() == body_el.id();
        let mut writer = BlockWriter::new(base, title);
        writer.lenient = lenient;
        for root in roots {
            writer.write_root(root);
        }
        let mut blocks = writer.blocks;
        clean_blocks(&mut blocks, title);
        (blocks, whole_page)
    };
    let (main, whole_page) = scored(false);
    let main_weight = text_weight(&main);
    if main_weight >= FALLBACK_BELOW && !whole_page {
        return (main, BodySource::Finder, format!("the body finder's containers hold {main_weight} letters"));
    }
    let (lenient, lenient_whole) = scored(true);
    let lenient_weight = text_weight(&lenient);
    if whole_page && main_weight >= FALLBACK_BELOW {
        // The whole page is a poor body: a container found by lenient
        // scoring is better if it holds a fair part of the text.
        let reason = format!("the body finder found no container and read the whole page ({main_weight} letters); lenient scoring found {lenient_weight}");
        if !lenient_whole && lenient_weight >= FALLBACK_BELOW && lenient_weight * 4 >= main_weight {
            return (lenient, BodySource::LenientFinder, reason);
        }
        return (main, BodySource::Finder, reason);
    }
    let mut paragraphs = fallback::paragraph_blocks(body_el, base, title);
    clean_blocks(&mut paragraphs, title);
    let paragraphs_weight = text_weight(&paragraphs);
    let reason = format!(
        "the body finder's containers hold {main_weight} letters (fewer than {FALLBACK_BELOW}); lenient scoring found {lenient_weight}, paragraph classification {paragraphs_weight}"
    );
    if paragraphs_weight > main_weight && paragraphs_weight > lenient_weight {
        (paragraphs, BodySource::Paragraphs, reason)
    } else if lenient_weight > main_weight {
        (lenient, BodySource::LenientFinder, reason)
    } else {
        (main, BodySource::Finder, reason)
    }
}

fn dedup(v: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|s| seen.insert(s.to_lowercase()));
}

fn find_title(doc: &Html, metas: &Metas, ld: &JsonLd, site_name: Option<&str>) -> String {
    let candidates = [
        metas.first(&["og:title", "twitter:title"]).map(str::to_string),
        ld.str("headline"),
        doc.select(&H1).map(|h| collapse(&h.text().collect::<String>())).find(|t| !t.is_empty()),
        doc.select(&TITLE).next().map(|t| collapse(&t.text().collect::<String>())),
    ];
    candidates.into_iter().flatten().map(|t| strip_site_suffix(&t, site_name)).find(|t| !t.is_empty()).unwrap_or_default()
}

fn find_author(doc: &Html, metas: &Metas, ld: &JsonLd) -> Option<String> {
    let clean = |s: &str| -> Option<String> {
        let s = collapse(s);
        let s = s
            .strip_prefix("By ")
            .or_else(|| s.strip_prefix("by "))
            .or_else(|| s.strip_prefix("BY "))
            .unwrap_or(&s)
            .trim()
            .to_string();
        (!s.is_empty() && s.chars().count() <= 100 && !s.starts_with("http")).then_some(s)
    };
    ld.author()
        .or_else(|| metas.first(&["author", "article:author", "dc.creator", "sailthru.author", "parsely-author"]).and_then(clean))
        .or_else(|| doc.select(&REL_AUTHOR).chain(doc.select(&BYLINE)).find_map(|e| clean(&e.text().collect::<String>())))
}

/// Picks the standfirst and removes it from the body when the body starts
/// with it. Preference: an explicit lead element on the page, the
/// description metas, then the first paragraph.
fn find_lead(doc: &Html, metas: &Metas, ld: &JsonLd, blocks: &mut Vec<Block>) -> (String, bool) {
    let first_para = blocks.iter().position(|b| matches!(b, Block::Paragraph { .. }));
    let first_text = first_para.map(|i| blocks[i].text().to_string());

    let declared = doc
        .select(&LEAD_ELEMENT)
        .filter(|e| !matches!(e.value().name(), "meta" | "body" | "html" | "article"))
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| t.chars().count() >= 30 && t.chars().count() <= 800)
        .or_else(|| metas.first(&["og:description", "description", "twitter:description"]).map(str::to_string))
        .or_else(|| ld.str("description"))
        .filter(|t| !t.is_empty());

    if let (Some(i), Some(first)) = (first_para, first_text) {
        let first_key = norm_key(&first);
        match &declared {
            Some(lead) => {
                let lead_key = norm_key(lead.trim_end_matches(['.', '…']).trim_end_matches("..."));
                // Same text, or a description cut short from the first paragraph.
                if !lead_key.is_empty() && (lead_key == first_key || (lead_key.len() >= 40 && first_key.starts_with(&lead_key))) {
                    blocks.remove(i);
                    return (first, true);
                }
                return (lead.clone(), false);
            }
            None => {
                // Only a real paragraph, not a dateline, can stand as a lead.
                if first.chars().count() >= 40 && blocks.len() > 1 {
                    blocks.remove(i);
                    return (first, true);
                }
            }
        }
    }
    (declared.unwrap_or_default(), false)
}

fn clean_blocks(blocks: &mut Vec<Block>, title: &str) {
    let title_key = norm_key(title);
    // The headline repeated inside the body container.
    while let Some(Block::Heading { text, .. } | Block::Paragraph { text, .. }) = blocks.first() {
        if !title_key.is_empty() && norm_key(text) == title_key {
            blocks.remove(0);
        } else {
            break;
        }
    }
    // Repeated paragraphs (mobile and desktop copies of the same text).
    let mut seen = std::collections::HashSet::new();
    blocks.retain(|b| match b {
        Block::Paragraph { text, .. } if text.chars().count() > 20 => seen.insert(norm_key(text)),
        Block::Figure(f) => seen.insert(f.src.clone()),
        _ => true,
    });
    // Trailing headings introduce nothing.
    while matches!(blocks.last(), Some(Block::Heading { .. })) {
        blocks.pop();
    }
}

fn detect_language(blocks: &[Block], lead: &str) -> Option<Lang> {
    let mut sample = String::from(lead);
    for b in blocks {
        if sample.len() > 4000 {
            break;
        }
        sample.push('\n');
        sample.push_str(b.text());
    }
    let info = whatlang::detect(&sample)?;
    if info.confidence() < 0.3 {
        return None;
    }
    info.lang().code().parse().ok()
}

/// The shape the benchmark and `loa extract` print.
pub fn benchmark_json(e: &Extracted) -> serde_json::Value {
    json!({
        "title": e.title,
        "author": e.author,
        "published": e.published.map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true)),
        "lead": e.lead,
        "articleBody": e.full_text(),
        "figures": e.figures().map(|f| json!({"src": f.src, "alt": f.alt, "caption": f.caption})).collect::<Vec<_>>(),
        "language": e.language.map(|l| l.code()),
        "bodySource": e.body_source.as_str(),
        "bodyReason": e.body_reason,
    })
}

#[cfg(test)]
mod tests;
