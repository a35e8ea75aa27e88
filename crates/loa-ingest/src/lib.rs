//! loa's ingestion pipeline, one module per stage:
//!
//! 1. [`fetch`]: HTTP with size, time and redirect limits, robots.txt
//!    ([`robots`]), per-host pacing and conditional GET;
//! 2. [`decode`]: bytes to text, honouring the page's charset or, failing
//!    that, sniffing Cyrillic and Vietnamese legacy encodings;
//! 3. [`feed`]: RSS/Atom/JSON Feed to article links; [`sitemap`]: XML,
//!    news and index sitemaps; [`opml`]: source lists in and out;
//! 4. [`extract`]: an article page to title, lead, typed blocks, metadata.
//!
//! Around them: [`canonical`] turns URLs into identity keys,
//! [`simhash`] fingerprints texts to spot the same story told twice and
//! [`timezone`] says in which zone a source's offset-less dates are.

pub mod canonical;
pub mod decode;
pub mod extract;
pub mod feed;
pub mod fetch;
pub mod guard;
pub mod opml;
mod pace;
pub mod robots;
pub mod shared;
pub mod simhash;
pub mod sitemap;
pub mod timezone;

pub use canonical::canonical_url;
pub use decode::decode_html;
pub use extract::{benchmark_json, extract, extract_with_rules, BodySource, ExtractError, ExtractRules, Extracted};
pub use feed::{discover_feeds, parse_feed, FeedError, FeedItem, ParsedFeed};
pub use fetch::{Conditional, FetchConfig, FetchError, Fetched, Fetcher};
pub use opml::{parse_opml, write_opml, OpmlError, OpmlSource};
pub use robots::RobotsRules;
pub use shared::{RobotsVerdict, SharedPoliteness, SharedRobots};
pub use simhash::{hamming, is_near_duplicate, simhash, NEAR_DUPLICATE_BITS};
pub use sitemap::{parse_any, parse_sitemap, Discovered, NewsInfo, Sitemap, SitemapRef, SitemapUrl};
pub use timezone::{parse_timezone, source_timezone, timezone_for_host, Tz};
