//! Keeps this node's search index in step with the store by following the
//! store's change log: every change after the index's committed position
//! is applied (public editions indexed, the rest removed) and the new
//! position committed with the documents. An index that was never built
//! from the log — a new node, a lost or outdated index — is rebuilt whole
//! first. Whichever node or command wrote a change, every node catches up.

use loa_domain::Lang;
use loa_search::EditionDoc;

use super::JobFailure;
use crate::services::Services;

/// Changes read from the store per round trip.
const BATCH: i64 = 500;

/// Applies every change not yet in the index. Returns how many changes
/// were applied (0: the index was already up to date).
pub async fn catch_up(services: &Services) -> anyhow::Result<usize> {
    Ok(follow(services).await?.0)
}

/// What a round of following changed, for the page cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// These stories, by slug (in one language or more).
    Stories(Vec<String>),
    /// Anything: the index was rebuilt whole, or a story is gone.
    Everything,
}

/// [`catch_up`], also naming what changed (`None`: nothing).
async fn follow(services: &Services) -> anyhow::Result<(usize, Option<Changed>)> {
    let _one_at_a_time = services.following.lock().await;
    let mut position = match services.search.position() {
        Some(p) => p,
        None => {
            rebuild_whole(services).await?;
            return Ok((1, Some(Changed::Everything)));
        }
    };
    let mut applied = 0;
    let mut slugs = std::collections::BTreeSet::new();
    let mut everything = false;
    loop {
        let changes = services.store.changes_since(position, BATCH).await?;
        let Some(last) = changes.last().map(|c| c.seq) else { break };
        let mut seen = std::collections::HashSet::new();
        for c in &changes {
            if seen.insert((c.article_id, c.lang)) {
                let (_, slug) =
                    sync_edition(services, c.article_id, c.lang).await.map_err(|f| anyhow::anyhow!("{}", f.reason()))?;
                match slug {
                    Some(slug) => {
                        slugs.insert(slug);
                    }
                    None => everything = true,
                }
            }
        }
        services.search.commit_at(last)?;
        applied += changes.len();
        position = last;
    }
    let changed = match (applied, everything) {
        (0, _) => None,
        (_, true) => Some(Changed::Everything),
        _ => Some(Changed::Stories(slugs.into_iter().collect())),
    };
    Ok((applied, changed))
}

/// Rebuilds the search index from the store: the store is the truth. The
/// position is read first, so changes made during the rebuild are applied
/// again afterwards (applying one twice is harmless).
pub async fn rebuild(services: &Services) -> anyhow::Result<usize> {
    let _one_at_a_time = services.following.lock().await;
    rebuild_whole(services).await
}

async fn rebuild_whole(services: &Services) -> anyhow::Result<usize> {
    let position = services.store.last_change().await?;
    services.search.clear()?;
    let mut public = 0;
    for (article_id, lang) in services.store.edition_keys().await? {
        if sync_one(services, article_id, lang).await.map_err(|f| anyhow::anyhow!("{}", f.reason()))? {
            public += 1;
        }
    }
    services.search.commit_at(position)?;
    // A bulk rebuild leaves many segments, and every query pays per segment.
    services.search.optimize()?;
    Ok(public)
}

/// Applies the store's state for one edition to the index (no commit):
/// indexed while readers may see it (`Article::shows`), else removed.
/// True when it is indexed.
pub async fn sync_one(services: &Services, article_id: i64, lang: Lang) -> Result<bool, JobFailure> {
    Ok(sync_edition(services, article_id, lang).await?.0)
}

/// [`sync_one`], also answering the story's slug (`None`: the story is gone).
async fn sync_edition(services: &Services, article_id: i64, lang: Lang) -> Result<(bool, Option<String>), JobFailure> {
    let article = services.store.article(article_id).await?;
    let edition = services.store.edition(article_id, lang).await?;
    let slug = article.as_ref().map(|a| a.slug.clone());
    let (result, indexed) = match (article, edition) {
        (Some(a), Some(e)) if a.shows(&e) => (services.search.upsert(&EditionDoc::from_edition(&a, &e)), true),
        _ => (services.search.remove(article_id, lang), false),
    };
    result.map(|()| (indexed, slug)).map_err(|e| JobFailure::Retry(format!("search index: {e}")))
}

/// The loop inside `loa serve`: catches up a few times a second and calls
/// `changed` after each batch, so the node drops cached pages that may
/// show the state before it.
pub async fn follow_forever(
    services: Services,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    changed: impl Fn(Changed) + Send + 'static,
) {
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        match follow(&services).await {
            Ok((_, None)) => {}
            Ok((_, Some(what))) => changed(what),
            Err(e) => tracing::error!("following the change log: {e:#}"),
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}
