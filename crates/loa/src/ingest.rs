//! The feed pass: read a source's feed and enqueue one fetch job per link
//! not seen before. Fetching and extracting happen in the jobs.

use loa_domain::Source;
use loa_ingest::{parse_feed, FeedError};
use loa_store::{JobKind, Requeue};

use crate::jobs::fetch_article::FetchArticlePayload;
use crate::services::Services;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct PollReport {
    pub items: usize,
}

/// Polls one source. A failure is recorded on the source, in words an
/// editor can act on, and returned.
pub async fn poll_source(services: &Services, source: &Source) -> anyhow::Result<PollReport> {
    match read_feed(services, source).await {
        Ok(report) => {
            services.store.record_source_success(source.id).await?;
            Ok(report)
        }
        Err(reason) => {
            services.store.record_source_error(source.id, &reason).await?;
            anyhow::bail!("{}: {reason}", source.feed_url)
        }
    }
}

async fn read_feed(services: &Services, source: &Source) -> Result<PollReport, String> {
    let fetched = services.fetcher.get(&source.feed_url).await.map_err(|e| e.to_string())?;
    let feed = parse_feed(&fetched.body, &fetched.final_url).map_err(|e: FeedError| e.to_string())?;
    for item in &feed.items {
        let payload = FetchArticlePayload {
            url: item.url.clone(),
            source_id: Some(source.id),
            outlet: source.outlet.clone(),
            categories: item.categories.clone(),
            author: item.author.clone(),
        };
        let value = serde_json::to_value(&payload).map_err(|e| e.to_string())?;
        // Keyed by URL: a link seen in an earlier poll is not fetched again.
        services
            .store
            .enqueue(JobKind::FetchArticle, &item.url, &value, Requeue::IfAbsent)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(PollReport { items: feed.items.len() })
}

/// `loa ingest URL`: a feed becomes a followed source; a single page is
/// fetched as one article.
pub async fn ingest_url(services: &Services, url: &str, outlet: Option<&str>) -> anyhow::Result<String> {
    let fetched = services.fetcher.get(url).await?;
    match parse_feed(&fetched.body, &fetched.final_url) {
        Ok(feed) => {
            let name = outlet.map(str::to_string).or(feed.title.clone()).unwrap_or_else(|| host_of(url));
            let source = services.store.add_source(&name, &home_of(url), url).await?;
            let report = poll_source(services, &source).await?;
            Ok(format!("followed {name}: {} links in the feed", report.items))
        }
        Err(FeedError::NotAFeed(_)) => {
            let payload = FetchArticlePayload {
                url: url.to_string(),
                source_id: None,
                outlet: outlet.map(str::to_string).unwrap_or_else(|| host_of(url)),
                categories: vec![],
                author: None,
            };
            services
                .store
                .enqueue(JobKind::FetchArticle, url, &serde_json::to_value(&payload)?, Requeue::Again)
                .await?;
            Ok(format!("queued the page {url}"))
        }
        Err(e) => Err(e.into()),
    }
}

fn host_of(url: &str) -> String {
    url.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or(url).to_string()
}

fn home_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}/", rest.split('/').next().unwrap_or(rest)),
        None => url.to_string(),
    }
}
