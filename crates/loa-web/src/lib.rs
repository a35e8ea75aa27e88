//! loa's reader site and JSON API, on axum.
//!
//! Every page is rendered in exactly one interface language, the one in
//! its URL (`/{lang}/…`); all interface text comes from `loa-i18n`, and the
//! language switcher only offers languages the page really exists in.
//! Pages are plain Rust functions that build strings (see [`render`]); every
//! piece of stored or user-supplied text goes through one HTML escaper.

pub mod auth;
pub mod cache;
pub mod client;
pub mod conditional;
pub mod metrics;
mod handlers;
pub mod render;

use std::sync::Arc;

use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use loa_domain::Lang;
use loa_i18n::Locales;
use loa_search::SearchIndex;
use loa_store::Store;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// What the site offers and where it lives.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Languages offered to readers. Only those with interface strings
    /// (see [`Locales::supported`]) are served; others are ignored.
    pub languages: Vec<Lang>,
    /// Where `/` sends a reader whose browser asks for none of `languages`.
    pub default_lang: Lang,
    /// Absolute origin without trailing slash (`http://127.0.0.1:8080`),
    /// for canonical links, hreflang alternates, JSON-LD and the sitemap.
    pub base_url: String,
    /// Reverse proxies whose `X-Forwarded-For` names the reader
    /// ([`client::client_address`]). Empty: readers connect directly.
    pub trusted_proxies: Vec<client::Network>,
    /// How long a rendered reader page is served again before it is
    /// rebuilt ([`cache`]); zero renders every request.
    pub page_cache: std::time::Duration,
    /// Feeds carry every story whole, not only its summary.
    pub feed_full_text: bool,
    /// Addresses besides this machine's that may read `/metrics`.
    pub metrics_from: Vec<client::Network>,
}

impl SiteConfig {
    /// The languages pages are actually served in, in configured order.
    pub fn offered(&self) -> Vec<Lang> {
        let mut out: Vec<Lang> = Vec::new();
        for &l in &self.languages {
            if Locales::is_supported(l) && !out.contains(&l) {
                out.push(l);
            }
        }
        if out.is_empty() && Locales::is_supported(self.default_lang) {
            out.push(self.default_lang);
        }
        out
    }

    /// The language a page in `code` is served in, if the site offers it.
    /// Only the exact two-letter code counts: `/eng/` and `/en-US/` are
    /// not pages.
    pub fn page_lang(&self, code: &str) -> Option<Lang> {
        self.offered().into_iter().find(|l| l.code() == code)
    }

    /// The language for pages with no language of their own (a 404 for an
    /// unknown prefix).
    pub fn fallback_lang(&self) -> Lang {
        let offered = self.offered();
        if offered.contains(&self.default_lang) {
            self.default_lang
        } else {
            offered.first().copied().unwrap_or(Lang::En)
        }
    }

    pub(crate) fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base_url.trim_end_matches('/'), path)
    }
}

/// Everything a handler needs. Cheap to clone (axum clones it per request).
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub search: SearchIndex,
    pub locales: Arc<Locales>,
    pub site: SiteConfig,
    pub guards: Arc<Guards>,
    /// Rendered reader pages, kept for `site.page_cache`.
    pub page_cache: Arc<cache::PageCache>,
    /// This process's counters for `/metrics`, shared with the job side.
    pub metrics: Arc<metrics::Metrics>,
    /// Where reviewers' corrections are remembered; `None` where no
    /// translation side runs (the corrections are still saved).
    pub corrections: Option<Arc<dyn Corrections>>,
}

/// What the newsroom needs of the translation side, which this crate does
/// not know: remembering a reviewer's correction of one segment so that
/// the same source text is never machine-translated again. The `loa`
/// binary implements it with its `Translator`.
pub trait Corrections: Send + Sync {
    /// `source` is the segment as translated (text and inline marks),
    /// `places` the article's place names; answers how many entries were
    /// remembered.
    fn remember<'a>(
        &'a self,
        from: Lang,
        to: Lang,
        source: (&'a str, &'a [loa_domain::Mark]),
        corrected: &'a str,
        places: &'a [String],
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<usize, String>> + Send + 'a>>;

    /// Whether `from` → `to` is translated at all, so the newsroom takes
    /// the source edition the translation was really made from.
    fn serves(&self, from: Lang, to: Lang) -> bool;
}

/// Brakes on what the public can send: guessed passwords and comments,
/// counted per address in this process, and a bound on password hashing,
/// which is slow on purpose and must not take every core.
pub struct Guards {
    /// Sign-in attempts (a successful one is forgiven).
    pub sign_in: auth::Throttle,
    /// Comments sent.
    pub comments: auth::Throttle,
    /// Password checks running at once; more are turned away.
    pub(crate) hashing: tokio::sync::Semaphore,
    decoy: Arc<std::sync::OnceLock<String>>,
}

impl Default for Guards {
    fn default() -> Guards {
        // The decoy is hashed on a thread of its own from the start, so the
        // first unknown name costs what every later one does.
        let decoy = Arc::new(std::sync::OnceLock::new());
        let filling = Arc::clone(&decoy);
        std::thread::spawn(move || {
            filling.get_or_init(handlers::sign_in::decoy_hash);
        });
        Guards {
            sign_in: auth::Throttle::new(10, std::time::Duration::from_secs(15 * 60)),
            comments: auth::Throttle::new(5, std::time::Duration::from_secs(10 * 60)),
            hashing: tokio::sync::Semaphore::new(2),
            decoy,
        }
    }
}

impl Guards {
    /// A password hash that matches nothing, checked for unknown names so
    /// that a wrong name costs as long as a wrong password.
    pub(crate) fn decoy_hash(&self) -> String {
        self.decoy.get_or_init(handlers::sign_in::decoy_hash).clone()
    }
}

/// Only what the site needs: no inline scripts run on any page (the one
/// `<script>` is JSON-LD data), styles come from `/static`, and frames only
/// from the video hosts the renderer embeds.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' https: data:; style-src 'self'; \
     script-src 'none'; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; \
     object-src 'none'; base-uri 'self'; form-action 'self'";

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(handlers::home::choose_language))
        .route("/healthz", get(handlers::health::health))
        .route("/metrics", get(metrics::metrics))
        .route("/sitemap.xml", get(handlers::sitemap::sitemap))
        .route("/sitemaps/{file}", get(handlers::sitemap::child))
        .route("/robots.txt", get(handlers::robots::robots))
        .route("/static/style.css", get(handlers::assets::stylesheet))
        .route("/api/v1/search", get(handlers::api::search))
        .route("/api/v1/articles/{slug}", get(handlers::api::article))
        .route("/api/v1/articles/{slug}/editions", get(handlers::newsroom::editions))
        .route("/api/v1/sources", get(handlers::newsroom::sources))
        .route("/api/v1/review", get(handlers::newsroom::review))
        .route("/media/{name}", get(handlers::media::media))
        .route("/{lang}", get(handlers::home::add_slash))
        .route("/{lang}/", get(handlers::home::home))
        .route("/{lang}/{feed}", get(handlers::feed::site_feed))
        .route("/{lang}/category/{slug}", get(handlers::category::category))
        .route("/{lang}/category/{slug}/{feed}", get(handlers::feed::category_feed))
        .route("/{lang}/author/{slug}", get(handlers::author::author))
        .route("/{lang}/author/{slug}/{feed}", get(handlers::feed::author_feed))
        .route("/{lang}/place/{slug}/{feed}", get(handlers::feed::place_feed))
        .route("/{lang}/article/{slug}", get(handlers::article::article))
        .route("/{lang}/article/{slug}/comments", post(handlers::comment::post))
        .route("/{lang}/newsroom", get(handlers::desk::add_slash))
        .route("/{lang}/newsroom/", get(handlers::desk::desk_page))
        .route("/{lang}/newsroom/sign-in", get(handlers::sign_in::form).post(handlers::sign_in::submit))
        .route("/{lang}/newsroom/sign-out", post(handlers::sign_out::sign_out))
        .route(
            "/{lang}/newsroom/review/{slug}/{edition}",
            get(handlers::review_edition::page).post(handlers::review_edition::decide),
        )
        .route("/{lang}/newsroom/review/{slug}/{edition}/corrections", post(handlers::review_edition::correct))
        .route("/{lang}/newsroom/comments/{id}", post(handlers::moderate::moderate))
        .route("/{lang}/search", get(handlers::search::search))
        .fallback(handlers::not_found::fallback)
        .layer(axum::middleware::from_fn_with_state(state.clone(), cache::micro_cache))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(CompressionLayer::new())
        // Outside compression: each encoding gets an ETag of its own bytes.
        .layer(axum::middleware::from_fn_with_state(state.clone(), conditional::etag))
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves the site on `listener` until `shutdown` completes. Peer addresses
/// are kept for handlers that answer only this machine (the newsroom API).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}
