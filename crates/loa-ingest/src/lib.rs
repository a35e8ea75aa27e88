//! loa's ingestion pipeline, one module per stage:
//!
//! 1. [`fetch`]: HTTP with size, time and redirect limits;
//! 2. [`decode`]: bytes to text, honouring the page's charset;
//! 3. [`feed`]: RSS/Atom/JSON Feed to article links;
//! 4. [`extract`]: an article page to title, lead, typed blocks, metadata.

pub mod decode;
pub mod extract;
pub mod feed;
pub mod fetch;
pub mod guard;

pub use decode::decode_html;
pub use extract::{benchmark_json, extract, ExtractError, Extracted};
pub use feed::{parse_feed, FeedError, FeedItem, ParsedFeed};
pub use fetch::{FetchConfig, FetchError, Fetched, Fetcher};
