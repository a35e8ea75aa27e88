//! Stage 3, second way in: XML sitemaps. Many newsrooms publish a Google
//! News sitemap (the last two days of articles, with titles and languages)
//! that is more complete than their RSS feed.
//!
//! [`parse_sitemap`] reads `<urlset>` documents (`<loc>`, `<lastmod>`, and
//! the `news:` extension) and `<sitemapindex>` documents, whose child
//! sitemap addresses are returned for the caller to fetch in turn (so the
//! caller decides how deep and how many). Gzip-compressed sitemaps
//! (`.xml.gz`, recognised by their magic bytes, not their name) are
//! inflated up to [`MAX_SITEMAP_BYTES`]. [`parse_any`] tells a feed from a
//! sitemap for an address an editor pasted.
//!
//! URLs are resolved against the sitemap's address and only http(s) ones
//! are kept. The sitemap protocol's rule that URLs stay on the sitemap's
//! host is not enforced here: the fetcher's address guard and robots.txt
//! apply to whatever is fetched next.

use std::io::Read;

use chrono::{DateTime, Utc};
use quick_xml::events::Event;
use url::Url;

use crate::extract::text::{collapse, parse_date};
use crate::feed::{parse_feed, FeedError, ParsedFeed};

/// The sitemap protocol's own limit on an uncompressed sitemap; also the
/// cap when inflating gzip, so a small compressed file cannot expand into
/// gigabytes.
pub const MAX_SITEMAP_BYTES: usize = 50 * 1024 * 1024;

/// One parsed sitemap document.
#[derive(Debug, Clone, PartialEq)]
pub enum Sitemap {
    /// A `<urlset>`: pages, in document order.
    Urls(Vec<SitemapUrl>),
    /// A `<sitemapindex>`: further sitemaps to fetch.
    Index(Vec<SitemapRef>),
}

/// A page listed in a `<urlset>`.
#[derive(Debug, Clone, PartialEq)]
pub struct SitemapUrl {
    /// Absolute http(s) URL.
    pub url: String,
    pub lastmod: Option<DateTime<Utc>>,
    /// Present for Google News sitemap entries.
    pub news: Option<NewsInfo>,
}

/// The `<news:news>` block of a Google News sitemap entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewsInfo {
    pub title: Option<String>,
    /// `<news:publication><news:name>`.
    pub publication: Option<String>,
    /// `<news:publication><news:language>` as given (`vi`, `en`, `zh-cn`).
    pub language: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// `<news:keywords>`, split at commas.
    pub keywords: Vec<String>,
}

/// A child sitemap named by a `<sitemapindex>`.
#[derive(Debug, Clone, PartialEq)]
pub struct SitemapRef {
    /// Absolute http(s) URL of the child sitemap.
    pub url: String,
    pub lastmod: Option<DateTime<Utc>>,
}

/// What an address turned out to hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Discovered {
    Feed(ParsedFeed),
    Sitemap(Sitemap),
}

/// Reads a feed or, failing that, a sitemap (either possibly gzipped).
/// When it is neither, the error says so and keeps the feed parser's hint
/// (for example that the address is an HTML page).
pub fn parse_any(bytes: &[u8], base_url: &str) -> Result<Discovered, FeedError> {
    let inflated = inflate_if_gzip(bytes)?;
    let bytes = inflated.as_deref().unwrap_or(bytes);
    match parse_feed(bytes, base_url) {
        Ok(feed) => Ok(Discovered::Feed(feed)),
        Err(FeedError::NotAFeed(why)) => match parse_sitemap(bytes, base_url) {
            Ok(sitemap) => Ok(Discovered::Sitemap(sitemap)),
            Err(FeedError::NotAFeed(_)) => Err(FeedError::NotAFeed(format!("{why}; it is not a sitemap either"))),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    }
}

/// Parses an XML sitemap or sitemap index, gzipped or not, resolving its
/// URLs against `base_url` (the sitemap's own address).
pub fn parse_sitemap(bytes: &[u8], base_url: &str) -> Result<Sitemap, FeedError> {
    let base = Url::parse(base_url).map_err(|_| FeedError::InvalidBaseUrl(base_url.to_string()))?;
    let inflated = inflate_if_gzip(bytes)?;
    let bytes = inflated.as_deref().unwrap_or(bytes);
    if bytes.len() > MAX_SITEMAP_BYTES {
        return Err(FeedError::TooLarge { limit: MAX_SITEMAP_BYTES });
    }
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    // Local names of the open elements, outermost first.
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut root: Option<Root> = None;
    let mut urls = Vec::new();
    let mut refs = Vec::new();
    let mut entry = Entry::default();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| malformed(&reader, e))?;
        match event {
            Event::Start(start) => {
                let name = local_name(start.local_name().as_ref());
                if root.is_none() {
                    root = Some(match name.as_str() {
                        "urlset" => Root::UrlSet,
                        "sitemapindex" => Root::Index,
                        other => return Err(not_a_sitemap(other)),
                    });
                }
                if matches!(name.as_str(), "url" | "sitemap") && path.len() == 1 {
                    entry = Entry::default();
                }
                if name == "news" && parent_is(&path, "url") {
                    entry.news = Some(NewsInfo::default());
                }
                path.push(name);
                text.clear();
            }
            Event::Empty(start) if root.is_none() => {
                let name = local_name(start.local_name().as_ref());
                return match name.as_str() {
                    // An empty sitemap is valid and lists nothing.
                    "urlset" => Ok(Sitemap::Urls(Vec::new())),
                    "sitemapindex" => Ok(Sitemap::Index(Vec::new())),
                    other => Err(not_a_sitemap(other)),
                };
            }
            Event::Text(t) => {
                let decoded = t.decode().map_err(|e| FeedError::Malformed(format!("bad text in the sitemap: {e}")))?;
                text.push_str(&decoded);
            }
            Event::CData(t) => {
                let decoded = t.decode().map_err(|e| FeedError::Malformed(format!("bad text in the sitemap: {e}")))?;
                text.push_str(&decoded);
            }
            Event::GeneralRef(r) => {
                if let Ok(Some(ch)) = r.resolve_char_ref() {
                    text.push(ch);
                } else if let Ok(name) = r.decode() {
                    match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(value) => text.push_str(value),
                        None => {
                            text.push('&');
                            text.push_str(&name);
                            text.push(';');
                        }
                    }
                }
            }
            Event::End(_) => {
                let Some(name) = path.pop() else { continue };
                let value = collapse(&text);
                text.clear();
                entry.take(&name, &path, value);
                if path.len() == 1 {
                    match name.as_str() {
                        "url" => {
                            if let Some(url) = entry.loc.as_deref().and_then(|l| resolve(&base, l)) {
                                urls.push(SitemapUrl { url, lastmod: entry.lastmod, news: entry.news.take() });
                            }
                        }
                        "sitemap" => {
                            if let Some(url) = entry.loc.as_deref().and_then(|l| resolve(&base, l)) {
                                refs.push(SitemapRef { url, lastmod: entry.lastmod });
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    match root {
        Some(Root::UrlSet) => Ok(Sitemap::Urls(urls)),
        Some(Root::Index) => Ok(Sitemap::Index(refs)),
        None => Err(FeedError::NotAFeed("the document has no XML root element; it is not a sitemap".to_string())),
    }
}

enum Root {
    UrlSet,
    Index,
}

/// The fields of the `<url>` or `<sitemap>` being read.
#[derive(Default)]
struct Entry {
    loc: Option<String>,
    lastmod: Option<DateTime<Utc>>,
    news: Option<NewsInfo>,
}

impl Entry {
    /// Files the text of the element `name` that just closed, whose
    /// ancestors are `path`. Parents are checked so that `<image:loc>` or
    /// `<video:title>` never pass for the page's own fields.
    fn take(&mut self, name: &str, path: &[String], value: String) {
        if value.is_empty() {
            return;
        }
        let in_entry = parent_is(path, "url") || parent_is(path, "sitemap");
        match name {
            "loc" if in_entry => return self.loc = Some(value),
            "lastmod" if in_entry => return self.lastmod = parse_date(&value),
            _ => {}
        }
        let Some(news) = self.news.as_mut() else { return };
        if parent_is(path, "news") {
            match name {
                "title" => news.title = Some(value),
                "publication_date" => news.published = parse_date(&value),
                "keywords" => {
                    news.keywords = value.split(',').map(str::trim).filter(|k| !k.is_empty()).map(str::to_string).collect();
                }
                _ => {}
            }
        } else if parent_is(path, "publication") && path.len() >= 2 && path[path.len() - 2] == "news" {
            match name {
                "name" => news.publication = Some(value),
                "language" => news.language = Some(value.to_ascii_lowercase()),
                _ => {}
            }
        }
    }
}

fn parent_is(path: &[String], name: &str) -> bool {
    path.last().is_some_and(|p| p == name)
}

fn local_name(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).to_ascii_lowercase()
}

fn resolve(base: &Url, href: &str) -> Option<String> {
    let url = base.join(href.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

fn not_a_sitemap(root: &str) -> FeedError {
    let hint = match root {
        "html" => "this address returns an HTML page".to_string(),
        "rss" | "feed" | "rdf" => format!("<{root}> is a feed, not a sitemap"),
        other => format!("the root element is <{other}>"),
    };
    FeedError::NotAFeed(format!("not a sitemap: {hint}; a sitemap starts with <urlset> or <sitemapindex>"))
}

fn malformed<R>(reader: &quick_xml::Reader<R>, e: quick_xml::Error) -> FeedError {
    FeedError::Malformed(format!("sitemap XML error near byte {}: {e}", reader.error_position()))
}

/// Inflates gzip data (recognised by its magic bytes) up to
/// [`MAX_SITEMAP_BYTES`]; `None` when the data is not gzip.
pub(crate) fn inflate_if_gzip(bytes: &[u8]) -> Result<Option<Vec<u8>>, FeedError> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(None);
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(MAX_SITEMAP_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| FeedError::Malformed(format!("the gzip data is corrupt: {e}")))?;
    if out.len() > MAX_SITEMAP_BYTES {
        return Err(FeedError::TooLarge { limit: MAX_SITEMAP_BYTES });
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests;
