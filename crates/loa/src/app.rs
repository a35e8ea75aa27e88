//! The running application: the reader site and, unless told otherwise,
//! the job worker, on one bound port (zero2prod's `Application::build`).

use anyhow::Context;
use loa_i18n::Locales;
use loa_web::{AppState, SiteConfig};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::jobs;
use crate::services::Services;

pub struct Application {
    listener: TcpListener,
    address: SocketAddr,
    services: Services,
    state: AppState,
}

impl Application {
    /// Opens the store, index and engines and binds the listen address
    /// (port 0 picks a free port; [`Application::address`] tells which).
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let services = Services::open(config).await?;
        Application::with_services(services).await
    }

    pub async fn with_services(services: Services) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(services.config.listen)
            .await
            .with_context(|| format!("cannot listen on {}", services.config.listen))?;
        let address = listener.local_addr()?;
        let state: AppState = loa_web::Shared {
            store: services.store.clone(),
            search: services.search.clone(),
            locales: Arc::new(Locales::load()?),
            site: SiteConfig {
                languages: services.config.languages.clone(),
                default_lang: services.config.default_lang,
                base_url: services.config.base_url_for(address),
                trusted_proxies: services.config.trusted_proxy_networks()?,
                page_cache: std::time::Duration::from_secs(services.config.page_cache_secs),
                feed_full_text: services.config.feed_full_text,
                metrics_from: services.config.metrics_networks()?,
            },
            guards: Arc::new(loa_web::Guards::new(loa_web::limits::Limits {
                search_per_minute: services.config.limits.search_per_minute,
                api_per_minute: services.config.limits.api_per_minute,
            })),
            page_cache: Arc::new(page_cache(&services.config, &services.config.base_url_for(address))?),
            validators: Default::default(),
            metrics: services.metrics.clone(),
            corrections: Some(Arc::new(TranslatorCorrections(services.translator.clone()))),
            following: Some(Arc::new(crate::following::NewsroomFollowing(services.clone()))),
        }
        .into();
        Ok(Application { listener, address, services, state })
    }

    /// The site's state, as its handlers see it.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// Serves until Ctrl-C / SIGTERM. With `worker`, also runs due jobs.
    pub async fn run_until_stopped(self, worker: bool) -> anyhow::Result<()> {
        let stop = Arc::new(AtomicBool::new(false));
        let mut workers = Vec::new();
        // Every node follows the store's change log, workers or not: its
        // search index catches up and the cached pages that show a changed
        // story are dropped; those readers asked for last are rendered
        // again at once, so that readers do not wait for it.
        let site = loa_web::cache::Renderer::new(self.state.clone());
        let pages = jobs::follow_pages::PageFollower::new(self.state.page_cache.clone(), site);
        workers.push(tokio::spawn(jobs::follow_changes::follow_forever(self.services.clone(), stop.clone(), pages)));
        if worker {
            for _ in 0..self.services.config.workers {
                workers.push(tokio::spawn(jobs::run_forever(self.services.clone(), stop.clone())));
            }
            workers.push(tokio::spawn(jobs::publish_scheduled::publish_forever(self.services.clone(), stop.clone())));
            if self.services.config.poll_interval_secs > 0 {
                workers.push(tokio::spawn(poll_feeds_forever(self.services.clone(), stop.clone())));
            }
        }
        loa_web::serve(self.listener, self.state, shutdown_signal()).await.context("the web server stopped with an error")?;
        stop.store(true, Ordering::Relaxed);
        for w in workers {
            let _ = w.await;
        }
        Ok(())
    }
}

/// The page cache the configuration asks for: `page_cache_mib` of memory,
/// over the stored pages in `data_dir` unless `stored_pages` is off.
fn page_cache(config: &crate::config::Config, base_url: &str) -> anyhow::Result<loa_web::cache::PageCache> {
    let cache = loa_web::cache::PageCache::new(config.page_cache_mib as usize * 1024 * 1024);
    if !config.stored_pages {
        return Ok(cache);
    }
    std::fs::create_dir_all(&config.data_dir).with_context(|| format!("cannot create {}", config.data_dir.display()))?;
    let path = config.pages_path();
    let made_by = pages_made_by(config, base_url);
    let store = loa_store::pages::PageStore::open(&path, &made_by).with_context(|| format!("cannot open {}", path.display()))?;
    Ok(cache.storing(Arc::new(store)))
}

/// What a stored page depends on besides the store: this build of loa (a
/// new one may render otherwise; its size and time stand for it) and the
/// settings that show in pages (address, languages, feeds, `s-maxage`).
/// Pages stored under anything else are dropped when the node starts.
fn pages_made_by(config: &crate::config::Config, base_url: &str) -> String {
    let build = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    format!(
        "loa {} ({build}) {base_url} {:?} {:?} full-text {} s-maxage {}",
        env!("CARGO_PKG_VERSION"),
        config.languages,
        config.default_lang,
        config.feed_full_text,
        config.page_cache_secs
    )
}

/// Polls every source whose time has come (each has its own interval,
/// jitter and backoff, see `ingest::poll_source`). A failing source keeps
/// its reason; the others are not held up.
async fn poll_feeds_forever(services: Services, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::Relaxed) {
        if let Err(e) = crate::ingest::poll_due_sources(&services).await {
            tracing::error!("polling sources: {e:#}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// The newsroom's corrections go to the translator's memory.
struct TranslatorCorrections(Arc<loa_translate::Translator>);

impl loa_web::Corrections for TranslatorCorrections {
    fn remember<'a>(
        &'a self,
        from: loa_domain::Lang,
        to: loa_domain::Lang,
        source: (&'a str, &'a [loa_domain::Mark]),
        corrected: &'a str,
        places: &'a [String],
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<usize, String>> + Send + 'a>> {
        Box::pin(async move {
            let ctx = loa_translate::Context { places: places.to_vec() };
            self.0.remember_correction(from, to, source, corrected, &ctx).await.map_err(|e| e.to_string())
        })
    }

    fn serves(&self, from: loa_domain::Lang, to: loa_domain::Lang) -> bool {
        self.0.can_translate(from, to)
    }
}
