//! Stage 3: a feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed) to the list of
//! article links it announces. Sitemaps, the other way newsrooms list
//! their articles, are read by [`crate::sitemap`]; [`crate::sitemap::parse_any`]
//! accepts either. [`FeedError`] serves both.

use chrono::{DateTime, Utc};
use url::Url;

#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    /// Absolute http(s) URL of the article page.
    pub url: String,
    pub title: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub categories: Vec<String>,
    pub author: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
}

#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("not a feed: {0}")]
    NotAFeed(String),
    #[error("the feed is malformed and could not be read: {0}")]
    Malformed(String),
    #[error("invalid feed address {0:?}: it must be an absolute http(s) URL")]
    InvalidBaseUrl(String),
    #[error("the document is larger than the {limit}-byte limit (counted after decompression)")]
    TooLarge { limit: usize },
}

/// Parses a feed and resolves its links against `base_url` (the feed's own
/// address). Items without a usable http(s) link are skipped: there is
/// nothing to fetch for them.
pub fn parse_feed(bytes: &[u8], base_url: &str) -> Result<ParsedFeed, FeedError> {
    let base = Url::parse(base_url).map_err(|_| FeedError::InvalidBaseUrl(base_url.to_string()))?;
    if looks_like_html(bytes) {
        return Err(FeedError::NotAFeed(
            "this address returns an HTML page; use the page's RSS/Atom link \
             (<link rel=\"alternate\" type=\"application/rss+xml\">) instead"
                .to_string(),
        ));
    }
    let parser = feed_rs::parser::Builder::new().base_uri(Some(base_url)).build();
    let feed = parser.parse(bytes).map_err(|e| classify(bytes, e))?;
    let items = feed
        .entries
        .iter()
        .filter_map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| entry.links.first())
                .map(|l| l.href.as_str())
                // RSS guid permalinks end up as ids when there is no <link>.
                .or_else(|| Some(entry.id.as_str()).filter(|id| id.starts_with("http")))?;
            let url = resolve(&base, link)?;
            let categories = entry
                .categories
                .iter()
                .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            let author = entry.authors.iter().map(|p| p.name.trim()).find(|n| !n.is_empty()).map(str::to_string);
            Some(FeedItem {
                url,
                title: entry.title.as_ref().map(|t| collapse(&t.content)).filter(|t| !t.is_empty()),
                published: entry.published.or(entry.updated),
                categories,
                author,
            })
        })
        .collect();
    Ok(ParsedFeed { title: feed.title.map(|t| collapse(&t.content)).filter(|t| !t.is_empty()), items })
}

fn classify(bytes: &[u8], e: feed_rs::parser::ParseFeedError) -> FeedError {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    let start = start.trim_start_matches('\u{feff}').trim_start();
    match e {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) if !start.starts_with('<') && !start.starts_with('{') => {
            FeedError::NotAFeed("the content is neither XML nor JSON".to_string())
        }
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => FeedError::NotAFeed(
            "no <rss>, <feed> or JSON Feed root was found; check that the address is the feed itself".to_string(),
        ),
        ParseFeedError::ParseError(kind) => FeedError::Malformed(kind.to_string()),
        other => FeedError::Malformed(other.to_string()),
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.contains("<html") && !head.contains("<rss") && !head.contains("<feed"))
}

fn resolve(base: &Url, href: &str) -> Option<String> {
    let url = base.join(href.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Feed addresses advertised by an HTML page (`<link rel="alternate"
/// type="application/rss+xml" href=...>`), absolute, in page order. Useful
/// when an editor pastes a homepage instead of a feed.
pub fn discover_feeds(html: &str, page_url: &str) -> Vec<String> {
    let Ok(base) = Url::parse(page_url) else {
        return Vec::new();
    };
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("link[rel~=alternate][href]").expect("static selector");
    doc.select(&sel)
        .filter(|l| {
            let t = l.value().attr("type").unwrap_or("").to_ascii_lowercase();
            t.contains("rss") || t.contains("atom") || t.contains("feed+json")
        })
        .filter_map(|l| resolve(&base, l.value().attr("href")?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://news.example.org/feeds/main.xml";

    #[test]
    fn rss2_items_with_relative_links() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Example  News</title><link>http://news.example.org/</link>
<item><title>Bridge opens</title><link>/2024/05/bridge</link>
<pubDate>Tue, 14 May 2024 08:30:00 +0200</pubDate>
<category>Transport</category><category>City</category>
<dc:creator>Ana Lima</dc:creator></item>
<item><title>No link here</title><description>x</description></item>
<item><title>Absolute</title><link>http://other.example.com/a?b=1</link></item>
</channel></rss>"#;
        let feed = parse_feed(rss.as_bytes(), BASE).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Example News"));
        assert_eq!(feed.items.len(), 2, "{:?}", feed.items);
        let first = &feed.items[0];
        assert_eq!(first.url, "http://news.example.org/2024/05/bridge");
        assert_eq!(first.title.as_deref(), Some("Bridge opens"));
        assert_eq!(first.published.unwrap().to_rfc3339(), "2024-05-14T06:30:00+00:00");
        assert_eq!(first.categories, vec!["Transport", "City"]);
        assert_eq!(first.author.as_deref(), Some("Ana Lima"));
        assert_eq!(feed.items[1].url, "http://other.example.com/a?b=1");
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom site</title><id>urn:x</id>
<updated>2024-01-02T00:00:00Z</updated>
<entry><title>First</title><id>urn:1</id>
<link rel="alternate" href="posts/first.html"/><link rel="edit" href="/edit/1"/>
<updated>2024-01-02T10:00:00Z</updated><published>2024-01-01T09:00:00Z</published>
<author><name>Bo</name></author><category term="science" label="Science"/></entry>
</feed>"#;
        let feed = parse_feed(atom.as_bytes(), BASE).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Atom site"));
        assert_eq!(feed.items.len(), 1);
        let e = &feed.items[0];
        assert_eq!(e.url, "http://news.example.org/feeds/posts/first.html");
        assert_eq!(e.published.unwrap().to_rfc3339(), "2024-01-01T09:00:00+00:00");
        assert_eq!(e.author.as_deref(), Some("Bo"));
        assert_eq!(e.categories, vec!["Science"]);
    }

    #[test]
    fn json_feed_items() {
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"JSON site",
"items":[{"id":"1","url":"http://news.example.org/j/1","title":"Un","date_published":"2024-03-04T05:06:07Z",
"tags":["politics"],"authors":[{"name":"Cy"}]},
{"id":"2","url":"/j/2","title":"Deux"}]}"#;
        let feed = parse_feed(json.as_bytes(), BASE).unwrap();
        assert_eq!(feed.title.as_deref(), Some("JSON site"));
        let urls: Vec<_> = feed.items.iter().map(|i| i.url.as_str()).collect();
        assert_eq!(urls, vec!["http://news.example.org/j/1", "http://news.example.org/j/2"]);
        assert_eq!(feed.items[0].published.unwrap().to_rfc3339(), "2024-03-04T05:06:07+00:00");
        assert_eq!(feed.items[0].categories, vec!["politics"]);
        assert_eq!(feed.items[0].author.as_deref(), Some("Cy"));
    }

    #[test]
    fn html_page_is_not_a_feed() {
        let html = "<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>";
        match parse_feed(html.as_bytes(), BASE) {
            Err(FeedError::NotAFeed(msg)) => assert!(msg.contains("HTML"), "{msg}"),
            other => panic!("expected NotAFeed, got {other:?}"),
        }
        assert!(matches!(parse_feed(b"just some words", BASE), Err(FeedError::NotAFeed(_))));
    }

    #[test]
    fn malformed_xml_is_an_error() {
        let broken = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>a</item></channel>"#;
        let err = parse_feed(broken.as_bytes(), BASE).unwrap_err();
        assert!(matches!(err, FeedError::Malformed(_)), "{err:?}");
        assert!(!err.to_string().is_empty());
    }

    #[test]
    fn bad_base_url() {
        assert!(matches!(parse_feed(b"<rss/>", "feeds/main.xml"), Err(FeedError::InvalidBaseUrl(_))));
    }

    #[test]
    fn discovers_feed_links_in_html() {
        let html = r#"<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">
<link rel="alternate" hreflang="fr" href="/fr/"><link rel="stylesheet" href="/s.css"></head></html>"#;
        assert_eq!(discover_feeds(html, "http://news.example.org/"), vec!["http://news.example.org/rss.xml"]);
    }
}
