//! The scheduler: publishes scheduled stories when their time (and their
//! embargo) has passed. It runs beside the job workers on every worker
//! node; `Store::publish_due_stories` publishes each story once, in the
//! transaction that logs its changes, so nodes cannot publish one twice
//! and the change-log follower takes the story to every index and cache.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::services::Services;

/// How often the scheduler looks: a story goes out within this long of
/// its time.
pub const TICK: std::time::Duration = std::time::Duration::from_secs(1);

/// Publishes what is due now; returns how many stories went out.
pub async fn publish_due(services: &Services) -> anyhow::Result<usize> {
    let published = services.store.publish_due_stories(chrono::Utc::now()).await?;
    for id in &published {
        tracing::info!(article_id = id, "scheduled story published");
    }
    Ok(published.len())
}

/// The loop inside `loa serve` on worker nodes.
pub async fn publish_forever(services: Services, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::Relaxed) {
        if let Err(e) = publish_due(&services).await {
            tracing::error!("publishing scheduled stories: {e:#}");
        }
        tokio::time::sleep(TICK).await;
    }
}
