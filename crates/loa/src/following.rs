//! The newsroom's sources page follows new sources through here: the web
//! crate knows no fetcher or feed parser, so the binary answers its
//! [`loa_web::Following`] with the ingest side's.

use loa_domain::{Source, SourceKind, SourceSettings, User};
use loa_ingest::{discover_feeds, parse_any, Discovered, FeedError, RobotsRules, SharedPoliteness};
use loa_web::{BoxFuture, FollowRefusal};

use crate::ingest::{home_of, host_of, poll_source};
use crate::politeness::StorePoliteness;
use crate::services::Services;

pub struct NewsroomFollowing(pub Services);

impl loa_web::Following for NewsroomFollowing {
    fn follow<'a>(&'a self, url: &'a str, actor: &'a User) -> BoxFuture<'a, Result<Source, FollowRefusal>> {
        Box::pin(follow_feed(&self.0, url, Some(actor)))
    }

    fn robots_allows<'a>(&'a self, url: &'a str) -> BoxFuture<'a, Option<bool>> {
        Box::pin(async move {
            // The verdict the fetcher kept for every node, read as it reads it.
            let origin = url::Url::parse(url).ok()?.origin().ascii_serialization();
            let kept = StorePoliteness(self.0.store.clone()).robots(&origin).await?;
            Some(RobotsRules::from_verdict(&kept.verdict).allows(url))
        })
    }
}

/// Follows `url` when it is a feed or a sitemap, or an HTML page that
/// names its feed (autodiscovery), and polls it once. An address already
/// followed answers its source as it is, settings untouched. Nothing is
/// stored for an address that is none of these.
pub async fn follow_feed(services: &Services, url: &str, actor: Option<&User>) -> Result<Source, FollowRefusal> {
    let fetched = services.fetcher.get(url).await.map_err(|e| FollowRefusal::Unreachable(e.to_string()))?;
    let (feed_url, kind, title) = match parse_any(&fetched.body, &fetched.final_url) {
        Ok(Discovered::Feed(feed)) => (url.to_string(), SourceKind::Feed, feed.title),
        Ok(Discovered::Sitemap(_)) => (url.to_string(), SourceKind::Sitemap, None),
        Err(FeedError::NotAFeed(_)) => {
            let html = String::from_utf8_lossy(&fetched.body);
            let Some(named) = discover_feeds(&html, &fetched.final_url).into_iter().next() else {
                return Err(FollowRefusal::NotAFeed);
            };
            let feed = services.fetcher.get(&named).await.map_err(|e| FollowRefusal::Unreachable(e.to_string()))?;
            match parse_any(&feed.body, &feed.final_url) {
                Ok(Discovered::Feed(f)) => (named, SourceKind::Feed, f.title),
                Ok(Discovered::Sitemap(_)) => (named, SourceKind::Sitemap, None),
                Err(_) => return Err(FollowRefusal::NotAFeed),
            }
        }
        // Malformed XML and the like: not a feed loa can read.
        Err(_) => return Err(FollowRefusal::NotAFeed),
    };
    let store = &services.store;
    let known = store.sources().await.map_err(|e| FollowRefusal::Failed(e.to_string()))?;
    if let Some(existing) = known.into_iter().find(|s| s.feed_url == feed_url) {
        return Ok(existing);
    }
    let name = title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| host_of(&feed_url));
    let source = store
        .add_source_with(&name, &home_of(&feed_url), &feed_url, kind, &SourceSettings::default(), actor)
        .await
        .map_err(|e| FollowRefusal::Failed(e.to_string()))?;
    // A failed first poll is the source's own last error, shown on the page.
    if let Err(e) = poll_source(services, &source).await {
        tracing::warn!(source = source.id, error = %e, "first poll of a new source failed");
    }
    store.source(source.id).await.map_err(|e| FollowRefusal::Failed(e.to_string()))
}
