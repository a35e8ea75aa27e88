//! The poll pass: read a source (feed or sitemap) with a conditional GET
//! and enqueue one fetch job per link not seen before. Fetching and
//! extracting happen in the jobs; scheduling the next poll happens here.

use chrono::{DateTime, Duration, Utc};
use loa_domain::{Source, SourceKind, SourceSettings};
use loa_ingest::{canonical_url, parse_any, Conditional, Discovered, FeedError, Sitemap};
use loa_store::{JobKind, Requeue};

use crate::jobs::fetch_article::FetchArticlePayload;
use crate::services::Services;

/// Child sitemaps read from one sitemap index per poll.
const MAX_CHILD_SITEMAPS: usize = 20;
/// The longest a failing source waits between attempts.
const MAX_BACKOFF_HOURS: i64 = 24;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct PollReport {
    /// Links the source lists now.
    pub items: usize,
    /// The server said nothing changed since the last poll.
    pub not_modified: bool,
}

/// Polls one source. A failure is recorded on the source, in words an
/// editor can act on, and returned; the next poll is scheduled either way.
pub async fn poll_source(services: &Services, source: &Source) -> anyhow::Result<PollReport> {
    match read_source(services, source).await {
        Ok((report, etag, last_modified)) => {
            let next = next_poll(services, source, 0);
            services.store.record_poll_success(source.id, etag.as_deref(), last_modified.as_deref(), Some(next)).await?;
            Ok(report)
        }
        Err(reason) => {
            let next = next_poll(services, source, source.health.consecutive_failures + 1);
            services.store.record_poll_failure(source.id, &reason, Some(next)).await?;
            anyhow::bail!("{}: {reason}", source.feed_url)
        }
    }
}

/// One pass over every source that is due. Returns (polled, failed).
pub async fn poll_due_sources(services: &Services) -> anyhow::Result<(usize, usize)> {
    // Claimed, not just read: with several nodes each due source is
    // polled by one of them, once per interval across the cluster.
    let due = services.store.claim_due_sources(Utc::now(), Duration::minutes(10)).await?;
    let mut failed = 0;
    for source in &due {
        if let Err(e) = poll_source(services, source).await {
            tracing::warn!("{e:#}");
            failed += 1;
        }
    }
    Ok((due.len(), failed))
}

/// The interval (the source's own or the portal's), doubled per failure in
/// a row up to a day, with up to a tenth of jitter so sources polled
/// together drift apart instead of hitting outlets in bursts.
fn next_poll(services: &Services, source: &Source, failures: i64) -> DateTime<Utc> {
    let base = source.settings.poll_interval_secs.unwrap_or(services.config.poll_interval_secs).max(1) as i64;
    let backoff = (base.saturating_mul(1i64 << failures.clamp(0, 16))).min(MAX_BACKOFF_HOURS * 3600);
    let jitter = jitter_fraction(source.id, Utc::now().timestamp()) * backoff as f64 / 10.0;
    Utc::now() + Duration::seconds(backoff) + Duration::milliseconds((jitter * 1000.0) as i64)
}

/// A repeatable pseudo-random number in [0, 1) from the source and time.
fn jitter_fraction(source_id: i64, at: i64) -> f64 {
    let mut x = (source_id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (at as u64);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

type Validators = (PollReport, Option<String>, Option<String>);

async fn read_source(services: &Services, source: &Source) -> Result<Validators, String> {
    let answer = services
        .fetcher
        .get_conditional(&source.feed_url, source.etag.as_deref(), source.last_modified.as_deref())
        .await
        .map_err(|e| e.to_string())?;
    let (fetched, etag, last_modified) = match answer {
        Conditional::NotModified => return Ok((PollReport { items: 0, not_modified: true }, None, None)),
        Conditional::Fresh { fetched, etag, last_modified } => (fetched, etag, last_modified),
    };
    let mut links: Vec<(String, Vec<String>, Option<String>)> = Vec::new();
    match parse_any(&fetched.body, &fetched.final_url).map_err(|e: FeedError| e.to_string())? {
        Discovered::Feed(feed) => {
            links.extend(feed.items.into_iter().map(|i| (i.url, i.categories, i.author)));
        }
        Discovered::Sitemap(Sitemap::Urls(urls)) => {
            links.extend(urls.into_iter().map(|u| (u.url, u.news.map(|n| n.keywords).unwrap_or_default(), None)));
        }
        Discovered::Sitemap(Sitemap::Index(children)) => {
            for child in children.into_iter().take(MAX_CHILD_SITEMAPS) {
                let body = services.fetcher.get(&child.url).await.map_err(|e| e.to_string())?;
                if let Ok(Discovered::Sitemap(Sitemap::Urls(urls))) = parse_any(&body.body, &body.final_url) {
                    links.extend(urls.into_iter().map(|u| (u.url, u.news.map(|n| n.keywords).unwrap_or_default(), None)));
                }
            }
        }
    }
    let items = links.len();
    for (url, categories, author) in links {
        enqueue_link(services, Some(source), &url, categories, author).await.map_err(|e| e.to_string())?;
    }
    Ok((PollReport { items, not_modified: false }, etag, last_modified))
}

/// Queues one link for fetching, keyed by its canonical form so the same
/// story linked with tracking parameters is fetched once.
async fn enqueue_link(
    services: &Services,
    source: Option<&Source>,
    url: &str,
    categories: Vec<String>,
    author: Option<String>,
) -> anyhow::Result<()> {
    let key = canonical_url(url).unwrap_or_else(|| url.to_string());
    let payload = FetchArticlePayload {
        url: url.to_string(),
        source_id: source.map(|s| s.id),
        outlet: source.map(|s| s.outlet.clone()).unwrap_or_else(|| host_of(url)),
        categories,
        author,
    };
    services.store.enqueue(JobKind::FetchArticle, &key, &serde_json::to_value(&payload)?, Requeue::IfAbsent).await?;
    Ok(())
}

/// `loa ingest URL` and `loa sources add`: a feed or sitemap becomes a
/// followed source and is polled at once; a single page is fetched as
/// one article.
pub async fn ingest_url(services: &Services, url: &str, outlet: Option<&str>) -> anyhow::Result<String> {
    follow_url(services, url, outlet, SourceSettings::default()).await
}

pub async fn follow_url(
    services: &Services,
    url: &str,
    outlet: Option<&str>,
    settings: SourceSettings,
) -> anyhow::Result<String> {
    let fetched = services.fetcher.get(url).await?;
    let (kind, title) = match parse_any(&fetched.body, &fetched.final_url) {
        Ok(Discovered::Feed(feed)) => (SourceKind::Feed, feed.title),
        Ok(Discovered::Sitemap(_)) => (SourceKind::Sitemap, None),
        Err(FeedError::NotAFeed(_)) => {
            let payload = FetchArticlePayload {
                url: url.to_string(),
                source_id: None,
                outlet: outlet.map(str::to_string).unwrap_or_else(|| host_of(url)),
                categories: vec![],
                author: None,
            };
            let key = canonical_url(url).unwrap_or_else(|| url.to_string());
            services.store.enqueue(JobKind::FetchArticle, &key, &serde_json::to_value(&payload)?, Requeue::Again).await?;
            return Ok(format!("queued the page {url}"));
        }
        Err(e) => return Err(e.into()),
    };
    let name = outlet.map(str::to_string).or(title).unwrap_or_else(|| host_of(url));
    let source = services.store.add_source_with(&name, &home_of(url), url, kind, &settings, None).await?;
    let report = poll_source(services, &source).await?;
    Ok(format!("source {}: following {name} ({}), {} links listed", source.id, kind.as_str(), report.items))
}

pub fn host_of(url: &str) -> String {
    url.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or(url).to_string()
}

pub fn home_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}/", rest.split('/').next().unwrap_or(rest)),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_is_a_fraction_and_varies() {
        let a: Vec<f64> = (0..50).map(|i| jitter_fraction(i, 1_700_000_000)).collect();
        assert!(a.iter().all(|x| (0.0..1.0).contains(x)));
        let distinct: std::collections::HashSet<u64> = a.iter().map(|x| (x * 1000.0) as u64).collect();
        assert!(distinct.len() > 40, "jitter barely varies: {distinct:?}");
    }

    #[test]
    fn homes_and_hosts() {
        assert_eq!(home_of("http://o.vn:8080/rss.xml"), "http://o.vn:8080/");
        assert_eq!(host_of("http://o.vn/a/b"), "o.vn");
    }
}
