//! Keeps this node's kept pages (in memory and stored, see
//! `loa_web::cache`) in step with the store by following its change log,
//! as `follow_changes` does for the search index, from a position of its
//! own: the stored pages' (`PageStore::synced`), so that a node restarted
//! after changes made while it was down drops what they altered before it
//! reads a stored page. Each round drops the pages the changes may alter
//! and renders the ones readers asked for last again at once.

use std::collections::HashSet;
use std::sync::Arc;

use loa_domain::{Block, Category};
use loa_store::pages::Touched;
use loa_web::cache::{PageCache, Renderer};

use crate::services::Services;

/// Changes read from the store per round trip.
const BATCH: i64 = 500;
/// Past this many changes unseen, the stored pages start afresh rather
/// than replay them one by one.
const MAX_REPLAYED: i64 = 20_000;

pub struct PageFollower {
    cache: Arc<PageCache>,
    /// Renders dropped pages again.
    site: Renderer,
    /// The change-log position applied; `None` until the first round.
    position: Option<i64>,
    /// The position last recorded in the stored pages' file.
    recorded: Option<i64>,
}

impl PageFollower {
    pub fn new(cache: Arc<PageCache>, site: Renderer) -> PageFollower {
        PageFollower { cache, site, position: None, recorded: None }
    }

    /// The same follower, starting after change `position` rather than
    /// where the stored pages say.
    pub fn starting_after(mut self, position: i64) -> PageFollower {
        self.position = Some(position);
        self
    }

    /// Applies every change since the last round.
    pub async fn round(&mut self, services: &Services) -> anyhow::Result<()> {
        let began = self.cache.round_begins();
        let mut position = match self.position {
            Some(p) => p,
            None => self.start(services).await?,
        };
        let mut touched = Vec::new();
        let mut everything = false;
        loop {
            let changes = services.store.changes_since(position, BATCH).await?;
            let Some(last) = changes.last().map(|c| c.seq) else { break };
            let mut seen = HashSet::new();
            for c in changes.iter().filter(|c| seen.insert((c.article_id, c.lang))) {
                let Some(article) = services.store.article(c.article_id).await? else {
                    // A story gone from the store: its slug is unknown now.
                    everything = true;
                    continue;
                };
                let edition = services.store.edition(c.article_id, c.lang).await?;
                let has_video = edition.is_some_and(|e| e.blocks.iter().any(|b| matches!(b, Block::Video { .. })));
                touched.push(Touched {
                    slug: article.slug.clone(),
                    lang: c.lang.code().to_string(),
                    category: article.category.slug.to_string(),
                    author: article.author.as_ref().map(|a| a.slug.clone()),
                    video: has_video || article.category == Category::VIDEO,
                });
            }
            position = last;
        }
        // Dropping may delete thousands of stored rows: not on a thread
        // that serves readers.
        let cache = self.cache.clone();
        if everything {
            tokio::task::spawn_blocking(move || cache.clear_all()).await?;
        } else if !touched.is_empty() {
            let again = tokio::task::spawn_blocking(move || cache.stories_changed(&touched)).await?;
            let site = self.site.clone();
            tokio::spawn(async move { site.render(again).await });
        }
        if let Some(store) = self.cache.stored() {
            if self.recorded != Some(position) {
                store.set_synced(position)?;
                self.recorded = Some(position);
            }
        }
        self.position = Some(position);
        self.cache.round_done(began);
        Ok(())
    }

    /// Where to follow from: the stored pages' position, unless they are
    /// new, from another store, or too far behind, when they start afresh
    /// from the newest change.
    async fn start(&self, services: &Services) -> anyhow::Result<i64> {
        let head = services.store.last_change().await?;
        let Some(store) = self.cache.stored() else { return Ok(head) };
        let synced = store.synced()?;
        if synced == 0 || synced > head || head - synced > MAX_REPLAYED {
            store.clear()?;
            store.set_synced(head)?;
            return Ok(head);
        }
        Ok(synced)
    }
}
