//! The parts a command works with, opened once from the configuration.

use anyhow::Context;
use loa_ingest::{FetchConfig, Fetcher};
use loa_search::{SearchError, SearchIndex};
use loa_store::Store;
use loa_translate::{
    Apertium, DeepL, DeepLConfig, Engine, Glossary, LibreTranslate, LibreTranslateConfig, OpenAiChat, OpenAiConfig, Translator,
};
use std::sync::Arc;
use std::time::Duration;

use crate::config::Config;

#[derive(Clone)]
pub struct Services {
    pub config: Arc<Config>,
    pub store: Store,
    pub search: SearchIndex,
    pub apertium: Arc<Apertium>,
    /// Every configured engine behind routing, memory, glossary and checks.
    pub translator: Arc<Translator>,
    pub fetcher: Fetcher,
    /// Held while the search index follows the change log, so two
    /// catch-ups on one node never interleave their writes.
    pub following: Arc<tokio::sync::Mutex<()>>,
    /// Counters `/metrics` shows: the site's and the jobs'.
    pub metrics: Arc<loa_web::metrics::Metrics>,
}

impl Services {
    pub async fn open(config: Config) -> anyhow::Result<Services> {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("cannot create data directory {}", config.data_dir.display()))?;
        let url = config.database_url();
        let store = Store::connect(&url).await.with_context(|| format!("cannot open the store {}", loa_store::redact(&url)))?;
        crate::media::import_media_dir(&store, &config.media_dir()).await?;
        let search = match SearchIndex::open(&config.index_dir()) {
            Ok(index) => index,
            // The index is derived from the store, so an index from another
            // version is thrown away and rebuilt rather than refused.
            Err(SearchError::SchemaMismatch { reason, .. }) => {
                eprintln!("The search index was built by another version of loa ({reason}); rebuilding it from the store.");
                std::fs::remove_dir_all(config.index_dir())
                    .with_context(|| format!("cannot remove {}", config.index_dir().display()))?;
                SearchIndex::open(&config.index_dir())?
            }
            Err(e) => return Err(e.into()),
        };
        let apertium = Arc::new(Apertium::discover(&config.apertium_modes_dir)?);
        let translator = Arc::new(build_translator(&config, apertium.clone(), &store).await?);
        let fetcher = Fetcher::new(FetchConfig {
            user_agent: config.fetch.user_agent.clone(),
            total_timeout: Duration::from_secs(config.fetch.timeout_secs),
            max_body_bytes: config.fetch.max_page_bytes,
            allow_addresses: config.fetch.allow_addresses.clone(),
            obey_robots: config.fetch.obey_robots,
            per_host_interval: Duration::from_millis(config.fetch.per_host_interval_ms),
            proxy: Some(config.fetch.proxy.clone()).filter(|p| !p.is_empty()),
            ..FetchConfig::default()
        })?
        .with_shared(Arc::new(crate::politeness::StorePoliteness(store.clone())));
        let services = Services {
            config: Arc::new(config),
            store,
            search,
            apertium,
            translator,
            fetcher,
            following: Default::default(),
            metrics: Default::default(),
        };
        // A new or rebuilt index is built whole from the store; an index
        // that followed the change log before catches up from where it was.
        crate::jobs::follow_changes::catch_up(&services).await?;
        Ok(services)
    }

    /// Languages an article in `from` can reach: configured ones that some
    /// configured engine serves.
    pub fn targets_from(&self, from: loa_domain::Lang) -> Vec<loa_domain::Lang> {
        self.config.languages.iter().copied().filter(|l| *l != from && self.translator.can_translate(from, *l)).collect()
    }
}

/// Engines in the configured order, with their routes, the glossary and
/// the store's translation memory. An HTTP engine that cannot be reached
/// at start is left out with a warning rather than stopping loa.
async fn build_translator(config: &Config, apertium: Arc<Apertium>, store: &Store) -> anyhow::Result<Translator> {
    let t = &config.translate;
    let mut engines: Vec<Arc<dyn Engine>> = Vec::new();
    for name in &t.engines {
        let engine: anyhow::Result<Arc<dyn Engine>> = match name.as_str() {
            "apertium" => Ok(apertium.clone()),
            "libretranslate" => {
                let s = t.libretranslate.as_ref().context("engine libretranslate needs a [translate.libretranslate] section")?;
                let mut c = LibreTranslateConfig::new(&s.url);
                c.api_key = s.api_key.clone();
                LibreTranslate::connect(c).await.map(|e| Arc::new(e) as Arc<dyn Engine>).map_err(Into::into)
            }
            "openai" => {
                let s = t.openai.as_ref().context("engine openai needs a [translate.openai] section")?;
                let model = s.model.clone().context("[translate.openai] needs a model")?;
                let mut c = OpenAiConfig::new(&s.url, model, s.languages.clone());
                c.api_key = s.api_key.clone();
                OpenAiChat::new(c).map(|e| Arc::new(e) as Arc<dyn Engine>).map_err(Into::into)
            }
            "deepl" => {
                let s = t.deepl.as_ref().context("engine deepl needs a [translate.deepl] section")?;
                let key = s.api_key.clone().context("[translate.deepl] needs an api_key")?;
                let mut c = DeepLConfig::new(&s.url, key);
                if !s.languages.is_empty() {
                    c.languages = s.languages.clone();
                }
                DeepL::new(c).map(|e| Arc::new(e) as Arc<dyn Engine>).map_err(Into::into)
            }
            other => anyhow::bail!(
                "unknown translation engine {other:?} in translate.engines (apertium, libretranslate, openai, deepl)"
            ),
        };
        match engine {
            Ok(e) => engines.push(e),
            Err(e) => tracing::warn!("translation engine {name} is unavailable and left out: {e:#}"),
        }
    }
    let mut translator = Translator::new(engines).with_memory(Arc::new(crate::memory::StoreMemory(store.clone())));
    for r in &t.routes {
        translator = translator.with_route(r.from, r.to, r.engines.clone());
    }
    if let Some(path) = &t.glossary {
        translator = translator.with_glossary(Glossary::load(path).with_context(|| format!("glossary {}", path.display()))?);
    }
    Ok(translator)
}
