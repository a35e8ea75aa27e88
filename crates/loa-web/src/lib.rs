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
mod handlers;
pub mod limits;
pub mod metrics;
pub mod openapi;
pub mod render;

use std::sync::Arc;

use axum::handler::Handler;
use axum::http::{header, HeaderValue, Method};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use loa_domain::Lang;
use loa_i18n::Locales;
use loa_search::SearchIndex;
use loa_store::Store;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
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

    /// Whether pages are served in `lang` ([`Self::offered`] contains it),
    /// without building the list.
    pub fn offers(&self, lang: Lang) -> bool {
        let configured = |l: &Lang| Locales::is_supported(*l);
        Locales::is_supported(lang)
            && (self.languages.contains(&lang) || (lang == self.default_lang && !self.languages.iter().any(configured)))
    }

    /// Whether readers see `edition` of `article`: a public edition of a
    /// published story (`Article::shows`), in a language the site offers.
    /// A failed or unreviewed translation, or any edition of a draft,
    /// scheduled or withdrawn story, does not exist for them.
    pub fn shows_edition(&self, article: &loa_domain::Article, edition: &loa_domain::Edition) -> bool {
        article.shows(edition) && self.offers(edition.lang)
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

/// Everything a handler needs, behind one shared pointer: axum clones the
/// state for every layer and handler a request passes, and copying the
/// fields themselves (the site's settings, a dozen reference counts) was a
/// fifth of a cached page's CPU. Build it from [`Shared`] with `into()`;
/// fields read through it as if it were the struct.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// Changing a field of a state already shared gives this handle a copy of
/// its own (tests set a limit or a proxy before they serve).
impl std::ops::DerefMut for AppState {
    fn deref_mut(&mut self) -> &mut Shared {
        Arc::make_mut(&mut self.0)
    }
}

impl From<Shared> for AppState {
    fn from(shared: Shared) -> AppState {
        AppState(Arc::new(shared))
    }
}

/// What [`AppState`] holds.
#[derive(Clone)]
pub struct Shared {
    pub store: Store,
    pub search: SearchIndex,
    pub locales: Arc<Locales>,
    pub site: SiteConfig,
    pub guards: Arc<Guards>,
    /// Rendered reader pages, kept for `site.page_cache`.
    pub page_cache: Arc<cache::PageCache>,
    /// When each public address last changed (its `Last-Modified`).
    pub validators: Arc<conditional::Validators>,
    /// This process's counters for `/metrics`, shared with the job side.
    pub metrics: Arc<metrics::Metrics>,
    /// Where reviewers' corrections are remembered; `None` where no
    /// translation side runs (the corrections are still saved).
    pub corrections: Option<Arc<dyn Corrections>>,
    /// Who follows a new source for the newsroom's sources page; `None`
    /// where no ingest side runs (the page then lists and pauses only).
    pub following: Option<Arc<dyn Following>>,
}

/// What the newsroom's sources page needs of the ingest side, which this
/// crate does not know: following a feed or sitemap an editor names, and
/// what robots.txt says of a source. The `loa` binary implements it.
pub trait Following: Send + Sync {
    /// Fetches `url` and follows it when it is a feed or a sitemap, or a
    /// page that names one; polls it once. Answers the new source, which
    /// the audit log says `actor` followed.
    fn follow<'a>(
        &'a self,
        url: &'a str,
        actor: &'a loa_domain::User,
    ) -> BoxFuture<'a, Result<loa_domain::Source, FollowRefusal>>;

    /// Whether robots.txt, as last read, lets loa fetch `url`; `None` when
    /// it has not been read.
    fn robots_allows<'a>(&'a self, url: &'a str) -> BoxFuture<'a, Option<bool>>;
}

/// A future the [`Following`] side answers with.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Why an address was not followed, for the editor who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowRefusal {
    /// The address answered, with neither a feed, a sitemap nor a page
    /// naming one.
    NotAFeed,
    /// The address could not be fetched (refused, unreachable, too big);
    /// the reason in the fetcher's words.
    Unreachable(String),
    /// Followed, but the store failed: a fault of loa's, logged.
    Failed(String),
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

/// Brakes on what the public can send: rate limits on guessed passwords,
/// comments, searches and API calls, counted in the store
/// ([`limits::RateLimits`]), and a bound on password hashing, which is
/// slow on purpose and must not take every core.
pub struct Guards {
    /// Sign-in, comment, search and API counters, with their limits.
    pub rate: limits::RateLimits,
    /// Password checks running at once; more are turned away.
    pub(crate) hashing: tokio::sync::Semaphore,
    decoy: Arc<std::sync::OnceLock<String>>,
}

impl Default for Guards {
    fn default() -> Guards {
        Guards::new(limits::Limits::default())
    }
}

impl Guards {
    pub fn new(limits: limits::Limits) -> Guards {
        // The decoy is hashed on a thread of its own from the start, so the
        // first unknown name costs what every later one does.
        let decoy = Arc::new(std::sync::OnceLock::new());
        let filling = Arc::clone(&decoy);
        std::thread::spawn(move || {
            filling.get_or_init(handlers::newsroom::sign_in::decoy_hash);
        });
        Guards { rate: limits::RateLimits::new(limits), hashing: tokio::sync::Semaphore::new(2), decoy }
    }

    /// A password hash that matches nothing, checked for unknown names so
    /// that a wrong name costs as long as a wrong password.
    pub(crate) fn decoy_hash(&self) -> String {
        self.decoy.get_or_init(handlers::newsroom::sign_in::decoy_hash).clone()
    }
}

/// Only what the site needs: no inline scripts run on any page (the one
/// `<script>` is JSON-LD data), styles come from `/static`, and frames only
/// from the video hosts the renderer embeds.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' https: data:; style-src 'self'; \
     script-src 'none'; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; \
     object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Headers every answer carries, whatever route, error or fallback made it:
/// no type sniffing, no full URLs sent to other sites, never framed (also
/// for browsers that predate `frame-ancestors`), no powerful features, and
/// a browsing context of its own so an opener cannot reach into the page.
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "DENY"),
    (
        "permissions-policy",
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()",
    ),
    ("cross-origin-opener-policy", "same-origin"),
];

/// The routes being registered, with the table of them kept alongside, so
/// the list tests walk ([`routes`]) is the router itself, not a copy.
struct Routes {
    router: Router<AppState>,
    table: Vec<(Method, &'static str)>,
}

impl Routes {
    fn add(mut self, method: Method, path: &'static str, route: MethodRouter<AppState>) -> Routes {
        self.table.push((method, path));
        self.router = self.router.route(path, route);
        self
    }

    fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, handler: H) -> Routes {
        self.add(Method::GET, path, get(handler))
    }

    fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, handler: H) -> Routes {
        self.add(Method::POST, path, post(handler))
    }
}

fn routed() -> Routes {
    Routes { router: Router::new(), table: Vec::new() }
        .get("/", handlers::reader::home::choose_language)
        .get("/healthz", handlers::reader::health::health)
        .get("/metrics", metrics::metrics)
        .get("/sitemap.xml", handlers::reader::sitemap::sitemap)
        .get("/sitemaps/{file}", handlers::reader::sitemap::child)
        .get("/robots.txt", handlers::reader::robots::robots)
        .get("/static/{file}", handlers::reader::assets::static_file)
        .get("/api/v1/search", handlers::api::public::search)
        .get("/api/openapi.json", openapi::openapi_json)
        .get("/api/docs", openapi::docs)
        .get("/api/v1/articles", handlers::api::lists::stories)
        .get("/api/v1/categories", handlers::api::lists::categories)
        .get("/api/v1/authors", handlers::api::lists::authors)
        .get("/api/v1/places", handlers::api::lists::places)
        .get("/api/v1/articles/{slug}", handlers::api::public::article)
        .get("/api/v1/articles/{slug}/comments", handlers::api::lists::comments)
        .get("/api/v1/articles/{slug}/editions", handlers::newsroom::api::editions)
        .get("/api/v1/sources", handlers::newsroom::api::sources)
        .post("/api/v1/articles/{slug}/editions/{lang}/decision", handlers::newsroom::decisions::edition_decision)
        .post("/api/v1/comments/{id}/decision", handlers::newsroom::decisions::comment_decision)
        .post("/api/v1/articles/{slug}/workflow", handlers::newsroom::decisions::story_workflow)
        .get("/api/v1/review", handlers::newsroom::api::review)
        .get("/media/{name}", handlers::reader::media::media)
        .get("/{lang}", handlers::reader::home::add_slash)
        .get("/{lang}/", handlers::reader::home::home)
        .get("/{lang}/{feed}", handlers::reader::feed::site_feed)
        .get("/{lang}/category/{slug}", handlers::reader::category::category)
        .get("/{lang}/category/{slug}/{feed}", handlers::reader::feed::category_feed)
        .get("/{lang}/author/{slug}", handlers::reader::author::author)
        .get("/{lang}/author/{slug}/{feed}", handlers::reader::feed::author_feed)
        .get("/{lang}/place/{slug}/{feed}", handlers::reader::feed::place_feed)
        .get("/{lang}/article/{slug}", handlers::reader::article::article)
        .post("/{lang}/article/{slug}/comments", handlers::reader::comment::post)
        .get("/{lang}/article/{slug}/video/{n}", handlers::reader::watch::watch)
        .get("/{lang}/newsroom", handlers::newsroom::desk::add_slash)
        .get("/{lang}/newsroom/", handlers::newsroom::desk::desk_page)
        .get("/{lang}/newsroom/sign-in", handlers::newsroom::sign_in::form)
        .post("/{lang}/newsroom/sign-in", handlers::newsroom::sign_in::submit)
        .post("/{lang}/newsroom/sign-out", handlers::newsroom::sign_out::sign_out)
        .get("/{lang}/newsroom/review/{slug}/{edition}", handlers::newsroom::review_edition::page)
        .post("/{lang}/newsroom/review/{slug}/{edition}", handlers::newsroom::review_edition::decide)
        .post("/{lang}/newsroom/review/{slug}/{edition}/corrections", handlers::newsroom::review_edition::correct)
        .post("/{lang}/newsroom/comments/{id}", handlers::newsroom::moderate::moderate)
        .get("/{lang}/newsroom/log", handlers::newsroom::log::log)
        .get("/{lang}/newsroom/story/{slug}", handlers::newsroom::story::page)
        .post("/{lang}/newsroom/story/{slug}", handlers::newsroom::story::retag)
        .post("/{lang}/newsroom/story/{slug}/workflow", handlers::newsroom::story::move_story)
        .get("/{lang}/newsroom/schedule", handlers::newsroom::schedule::page)
        .get("/{lang}/newsroom/sources", handlers::newsroom::sources::page)
        .post("/{lang}/newsroom/sources", handlers::newsroom::sources::add)
        .post("/{lang}/newsroom/sources/{id}", handlers::newsroom::sources::change)
        .get("/{lang}/newsroom/account", handlers::newsroom::account::page)
        .post("/{lang}/newsroom/account/keys", handlers::newsroom::account::create)
        .post("/{lang}/newsroom/account/password", handlers::newsroom::access::change_password)
        .post("/{lang}/newsroom/account/sessions", handlers::newsroom::access::end_other_sessions)
        .post("/{lang}/newsroom/account/keys/{id}/revoke", handlers::newsroom::account::revoke)
        .get("/{lang}/search", handlers::reader::search::search)
}

/// Every route the site answers, as (method, path pattern), in the order
/// [`router`] registers them. Tests walk it so a new route cannot escape
/// the authorisation matrix or the header checks.
pub fn routes() -> Vec<(Method, &'static str)> {
    routed().table
}

pub fn router(state: AppState) -> Router {
    routed()
        .router
        .fallback(handlers::reader::not_found::fallback)
        .layer(axum::middleware::from_fn_with_state(state.clone(), limits::rate_limit))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(axum::middleware::map_response(security_headers))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(state.clone(), conditional::tag))
        .layer(axum::middleware::from_fn(cache::mark))
        // The page cache compresses what it keeps once, itself.
        .layer(CompressionLayer::new().compress_when(DefaultPredicate::new().and(NotKept)))
        // Outside compression: each encoding's tag names it; 304s answered here.
        .layer(axum::middleware::from_fn(conditional::revalidate))
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(TraceLayer::new_for_http())
        // Outermost, so that what it keeps is the answer as sent.
        .layer(axum::middleware::from_fn_with_state(state.clone(), cache::fill))
        .with_state(state)
}

/// Compression leaves the answers the page cache keeps to the cache.
#[derive(Clone, Copy)]
struct NotKept;

impl Predicate for NotKept {
    fn should_compress<B: axum::body::HttpBody>(&self, response: &axum::http::Response<B>) -> bool {
        response.extensions().get::<cache::Kept>().is_none()
    }
}

async fn security_headers(mut response: axum::response::Response) -> axum::response::Response {
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(*name, HeaderValue::from_static(value));
    }
    response
}

/// How long a client may take to send a request's head (line and
/// headers), from the moment the connection is ready for one, idle
/// keep-alive time included. Slow clients (slowloris) are cut off after it
/// instead of holding a connection open forever.
pub const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// The most a request's head (line and headers) may take; more is
/// `431 Request Header Fields Too Large`, and so are more than 100 headers.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// The most a request's body may take (forms: comments, corrections); more
/// is `413 Payload Too Large`.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Serves the site on `listener` until `shutdown` completes, then lets the
/// requests under way finish. Peer addresses are kept for handlers that
/// answer only this machine (the newsroom API) and for the rate limits.
/// Each connection is HTTP/1.1 with [`HEADER_READ_TIMEOUT`] and
/// [`MAX_HEAD_BYTES`] (axum's own `serve` sets no timer, so hyper's header
/// timeout never fires there).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;

    let app = router(state.clone());
    let (stop, stopping) = tokio::sync::watch::channel(());
    let mut connections = tokio::task::JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of descriptors or memory: wait a little rather than spin.
                Err(e) => {
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        while connections.try_join_next().is_some() {}
        let _ = stream.set_nodelay(true);
        let (app, state) = (app.clone(), state.clone());
        let mut stopping = stopping.clone();
        connections.spawn(async move {
            let service = hyper::service::service_fn(move |mut request: axum::http::Request<hyper::body::Incoming>| {
                // A kept page is answered here, before the router and its layers.
                let hit = state.page_cache.answer(&state, &request);
                let app = app.clone();
                async move {
                    if let Some(hit) = hit {
                        return Ok(hit);
                    }
                    request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
                    app.oneshot(request.map(axum::body::Body::new)).await
                }
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(HEADER_READ_TIMEOUT).max_header_size(MAX_HEAD_BYTES);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(e) = result {
                        tracing::debug!(error = %e, %peer, "connection ended");
                    }
                }
                _ = stopping.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
    drop(listener);
    let _ = stop.send(());
    while connections.join_next().await.is_some() {}
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_agrees_with_offered() {
        let site = |languages: Vec<Lang>, default_lang: Lang| SiteConfig {
            languages,
            default_lang,
            base_url: "http://127.0.0.1:8080".into(),
            trusted_proxies: Vec::new(),
            page_cache: std::time::Duration::ZERO,
            feed_full_text: false,
            metrics_from: Vec::new(),
        };
        // Configured languages, one without a locale, and none offered at
        // all (the default language then stands in).
        for config in [site(vec![Lang::En, Lang::Es, Lang::Zh], Lang::En), site(vec![Lang::Zh], Lang::Vi), site(vec![], Lang::Ru)]
        {
            let offered = config.offered();
            assert!(!offered.is_empty());
            for lang in Lang::ALL {
                assert_eq!(config.offers(lang), offered.contains(&lang), "{lang} with {:?}", config.languages);
            }
        }
    }
}
