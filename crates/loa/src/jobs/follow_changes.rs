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
    let _one_at_a_time = services.following.lock().await;
    let mut position = match services.search.position() {
        Some(p) => p,
        None => return rebuild_whole(services).await.map(|_| 1),
    };
    let mut applied = 0;
    loop {
        let changes = services.store.changes_since(position, BATCH).await?;
        let Some(last) = changes.last().map(|c| c.seq) else { break };
        let mut seen = std::collections::HashSet::new();
        for c in &changes {
            if seen.insert((c.article_id, c.lang)) {
                sync_one(services, c.article_id, c.lang).await.map_err(|f| anyhow::anyhow!("{}", f.reason()))?;
            }
        }
        services.search.commit_at(last)?;
        applied += changes.len();
        position = last;
    }
    Ok(applied)
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
    let article = services.store.article(article_id).await?;
    let edition = services.store.edition(article_id, lang).await?;
    let (result, indexed) = match (article, edition) {
        (Some(a), Some(e)) if a.shows(&e) => (services.search.upsert(&EditionDoc::from_edition(&a, &e)), true),
        _ => (services.search.remove(article_id, lang), false),
    };
    result.map(|()| indexed).map_err(|e| JobFailure::Retry(format!("search index: {e}")))
}

/// The loop inside `loa serve`: a few times a second, the index catches
/// up, then the page cache drops the pages the same changes may alter
/// (after the index, so that pages rendered again see it).
pub async fn follow_forever(
    services: Services,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    mut pages: super::follow_pages::PageFollower,
) {
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        if let Err(e) = catch_up(&services).await {
            tracing::error!("following the change log: {e:#}");
        }
        if let Err(e) = pages.round(&services).await {
            tracing::error!("dropping changed pages: {e:#}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}
