//! The parts a command works with, opened once from the configuration.

use anyhow::Context;
use loa_ingest::{FetchConfig, Fetcher};
use loa_search::{SearchError, SearchIndex};
use loa_store::Store;
use loa_translate::Apertium;
use std::sync::Arc;
use std::time::Duration;

use crate::config::Config;

#[derive(Clone)]
pub struct Services {
    pub config: Arc<Config>,
    pub store: Store,
    pub search: SearchIndex,
    pub apertium: Arc<Apertium>,
    pub fetcher: Fetcher,
}

impl Services {
    pub async fn open(config: Config) -> anyhow::Result<Services> {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("cannot create data directory {}", config.data_dir.display()))?;
        std::fs::create_dir_all(config.media_dir())?;
        let store = Store::open(&config.db_path())
            .await
            .with_context(|| format!("cannot open the store at {}", config.db_path().display()))?;
        let (search, rebuild) = match SearchIndex::open(&config.index_dir()) {
            Ok(index) => (index, false),
            // The index is derived from the store, so an index from another
            // version is thrown away and rebuilt rather than refused.
            Err(SearchError::SchemaMismatch { reason, .. }) => {
                eprintln!("The search index was built by another version of loa ({reason}); rebuilding it from the store.");
                std::fs::remove_dir_all(config.index_dir())
                    .with_context(|| format!("cannot remove {}", config.index_dir().display()))?;
                (SearchIndex::open(&config.index_dir())?, true)
            }
            Err(e) => return Err(e.into()),
        };
        let apertium = Apertium::discover(&config.apertium_modes_dir)?;
        let fetcher = Fetcher::new(FetchConfig {
            user_agent: config.fetch.user_agent.clone(),
            total_timeout: Duration::from_secs(config.fetch.timeout_secs),
            max_body_bytes: config.fetch.max_page_bytes,
            allow_addresses: config.fetch.allow_addresses.clone(),
            obey_robots: config.fetch.obey_robots,
            per_host_interval: Duration::from_millis(config.fetch.per_host_interval_ms),
            ..FetchConfig::default()
        })?;
        let services = Services { config: Arc::new(config), store, search, apertium: Arc::new(apertium), fetcher };
        if rebuild {
            crate::jobs::reindex(&services).await?;
        }
        Ok(services)
    }

    /// Languages an article in `from` can reach: configured ones with an
    /// installed route.
    pub fn targets_from(&self, from: loa_domain::Lang) -> Vec<loa_domain::Lang> {
        let reachable = self.apertium.reachable_from(from);
        self.config.languages.iter().copied().filter(|l| *l != from && reachable.contains(l)).collect()
    }
}
