//! Stage 1: getting bytes over HTTP, with the limits an ingestion job needs
//! so one bad outlet cannot stall or exhaust the portal, and the manners
//! outlets expect of a crawler:
//!
//! - every request is checked against the host's robots.txt for the agent
//!   token `loa` ([`crate::robots`]; [`FetchError::DisallowedByRobots`]);
//! - requests to one host are spaced [`FetchConfig::per_host_interval`]
//!   apart, or by the host's `Crawl-delay` if that is longer; different
//!   hosts never wait for each other;
//! - [`Fetcher::get_conditional`] revalidates with `If-None-Match` /
//!   `If-Modified-Since`, so an unchanged feed costs a 304 and no body.
//!
//! Redirects (301, 302, 303, 307, 308 with a `Location`) are followed by
//! the fetcher itself, one request per hop, so every hop is a request like
//! the first: the target must be http(s), pass the address guard (literal
//! IPs here, names when the resolver connects), be allowed by its own
//! origin's robots.txt (which is read if it is not cached; a refusal names
//! the target), and wait for its host's turn, Crawl-delay included. At most
//! [`FetchConfig::max_redirects`] redirects are followed and a redirect
//! back to a URL already visited is refused at once. Every hop is a GET
//! (loa only reads, so the 303 and 301/302 method change never arises) and
//! carries the same headers: a conditional GET's validators come from the
//! answer at the end of the chain, so the last hop is the one that must
//! see them. robots.txt itself follows redirects too (RFC 9309 expects
//! it), with the guard, the limit and pacing but without a robots check.
//!
//! [`FetchConfig::total_timeout`] is shared by the hops of one fetch: each
//! request gets what the earlier hops left. Waiting for a host's turn and
//! reading robots.txt (a fetch with its own budget) are not part of it, so
//! many concurrent requests to one slow host, or a redirect chain through
//! hosts with long Crawl-delays, take longer than the timeout suggests.
//!
//! TLS is rustls with the Mozilla root certificates compiled in, so https
//! works on a machine with no CA bundle installed.
//!
//! Proxies: `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY` and their kin in the
//! environment are ignored, since through them the address guard would
//! see only the proxy. A proxy is used only when [`FetchConfig::proxy`]
//! names one; every request then goes through it, and before each hop the
//! fetcher resolves the target's name itself and refuses the hop if any of
//! its addresses is internal (the proxy could pick any of them). The proxy's
//! own address is the operator's choice and is not checked.

use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::redirect;
use url::Url;

use crate::guard::{AddressGuard, GuardedResolver, Refused};
use crate::pace::HostPacer;
use crate::robots::{Cached, RobotsCache, RobotsRules, ROBOTS_MAX_BYTES};

/// Limits and identity for outgoing requests.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub user_agent: String,
    pub connect_timeout: Duration,
    /// Network time of one fetch, from connecting to the last body byte,
    /// summed over its redirect hops (each hop gets what the earlier ones
    /// left). Waiting for a host's turn and reading robots.txt are not
    /// counted.
    pub total_timeout: Duration,
    /// Bodies larger than this are refused while streaming, never buffered.
    pub max_body_bytes: usize,
    /// Redirects followed per fetch; one more, or a redirect back to a URL
    /// already visited, is [`FetchError::TooManyRedirects`].
    pub max_redirects: usize,
    /// Address ranges that may be fetched although they are internal
    /// (loopback, private, link-local...). Empty in production; tests and
    /// the demo allow loopback explicitly.
    pub allow_addresses: Vec<String>,
    /// Read each origin's robots.txt and refuse what it disallows for
    /// `loa` (feeds, pages and images alike).
    pub obey_robots: bool,
    /// How long an origin's robots.txt is trusted before it is read again.
    pub robots_ttl: Duration,
    /// Minimum time between the starts of two requests to the same host.
    /// A robots.txt `Crawl-delay` can only lengthen it. Waiting for a turn
    /// is not counted in `total_timeout`.
    pub per_host_interval: Duration,
    /// An HTTP(S) proxy every request goes through (`http://host:port`,
    /// credentials allowed). `None`: direct connections, whatever the
    /// environment's `*_PROXY` variables say.
    pub proxy: Option<String>,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: "loa/0.1 (+https://github.com/loa-news/loa)".to_string(),
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_body_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            allow_addresses: Vec::new(),
            obey_robots: true,
            robots_ttl: Duration::from_secs(3600),
            per_host_interval: Duration::from_secs(1),
            proxy: None,
        }
    }
}

/// The outcome of [`Fetcher::get_conditional`].
#[derive(Debug, Clone)]
pub enum Conditional {
    /// HTTP 304: what the caller has is still current.
    NotModified,
    /// A new body, with the validators to send next time.
    Fresh { fetched: Fetched, etag: Option<String>, last_modified: Option<String> },
}

/// A successful response (status 2xx) with its whole body.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects: use it as the base for relative links.
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

impl Fetched {
    /// The media type without parameters, lower-cased (`text/html`).
    pub fn mime(&self) -> Option<String> {
        self.content_type.as_deref().map(mime_of)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("refusing {url:?}: only http:// and https:// addresses can be fetched")]
    UnsupportedScheme { url: String },
    #[error("the server answered HTTP {status} for {url}")]
    Http { status: u16, url: String },
    #[error("{url} did not answer within {seconds:.1} s; the site may be down or very slow")]
    Timeout { url: String, seconds: f64 },
    #[error("the response from {url} is larger than the {limit}-byte limit")]
    TooLarge { url: String, limit: usize },
    #[error("{url} redirected too often or in a loop (more than {limit} redirects)")]
    TooManyRedirects { url: String, limit: usize },
    #[error("{url} redirected to a non-http address {target:?}, which is refused")]
    BadRedirect { url: String, target: String },
    #[error("{url} is {content_type}, not a web page; check that the link points to an article")]
    NotAPage { url: String, content_type: String },
    #[error("{url} is {content_type}, not an image")]
    NotAnImage { url: String, content_type: String },
    #[error("refusing to fetch {url}: {reason}; internal addresses are never fetched unless the configuration allows them")]
    Forbidden { url: String, reason: String },
    #[error("robots.txt of {host} disallows {url} for loa")]
    DisallowedByRobots { url: String, host: String },
    #[error("network error fetching {url}: {message}")]
    Network { url: String, message: String },
    #[error("could not set up the HTTP client: {0}")]
    Client(String),
}

/// An HTTP client with loa's limits applied. Clones share the connection
/// pool, the robots.txt cache and the per-host pacing, so build one per
/// process and clone it where needed.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    cfg: FetchConfig,
    guard: Arc<AddressGuard>,
    robots: Arc<RobotsCache>,
    pacer: Arc<HostPacer>,
    /// Pacing and robots verdicts shared with other processes, if any.
    shared: Option<Arc<dyn crate::SharedPoliteness>>,
    /// Requests go through [`FetchConfig::proxy`], so reqwest never
    /// resolves the target: [`Fetcher::check_target`] does.
    via_proxy: bool,
}

/// How one request is made and read.
struct Want<'a> {
    /// Body size limit.
    limit: usize,
    /// Keep the first `limit` bytes instead of failing (robots.txt).
    truncate: bool,
    /// Extra request headers (validators of a conditional GET).
    headers: HeaderMap,
    /// Whether a 304 answer is expected rather than an error.
    conditional: bool,
    check_type: &'a (dyn Fn(&str) -> Result<(), FetchError> + Sync),
}

impl<'a> Want<'a> {
    fn plain(limit: usize, check_type: &'a (dyn Fn(&str) -> Result<(), FetchError> + Sync)) -> Want<'a> {
        Want { limit, truncate: false, headers: HeaderMap::new(), conditional: false, check_type }
    }
}

/// A response as read, before the public types are chosen.
struct Got {
    fetched: Fetched,
    etag: Option<String>,
    last_modified: Option<String>,
}

/// What one request (one hop) came back with.
enum Step {
    Done(Got),
    /// A redirect, with its `Location` resolved against the hop's URL.
    Redirect(Url),
}

/// The statuses that send the client elsewhere (RFC 9110 15.4); 300 and
/// 304 are answers, not redirects.
const REDIRECT_STATUSES: [u16; 5] = [301, 302, 303, 307, 308];

fn any_type(_: &str) -> Result<(), FetchError> {
    Ok(())
}

impl Fetcher {
    pub fn new(cfg: FetchConfig) -> Result<Fetcher, FetchError> {
        let guard = Arc::new(AddressGuard::allowing(&cfg.allow_addresses).map_err(FetchError::Client)?);
        let mut builder = reqwest::Client::builder()
            .user_agent(cfg.user_agent.clone())
            .connect_timeout(cfg.connect_timeout)
            .timeout(cfg.total_timeout)
            // `follow` makes each hop a request of its own, so robots.txt,
            // pacing and the guard apply to every one.
            .redirect(redirect::Policy::none())
            // Never the environment's proxies: the guard would check them
            // instead of the target.
            .no_proxy();
        let mut proxy_host = None;
        if let Some(proxy) = cfg.proxy.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            let url = proxy_url(proxy).map_err(FetchError::Client)?;
            proxy_host = url.host_str().map(str::to_ascii_lowercase);
            builder = builder.proxy(reqwest::Proxy::all(url).map_err(|e| FetchError::Client(format!("proxy {proxy:?}: {e}")))?);
        }
        let via_proxy = proxy_host.is_some();
        let resolver = GuardedResolver { guard: guard.clone(), exempt: proxy_host };
        let client = builder.dns_resolver(Arc::new(resolver)).build().map_err(|e| FetchError::Client(e.to_string()))?;
        Ok(Fetcher {
            client,
            cfg,
            guard,
            robots: Arc::new(RobotsCache::default()),
            pacer: Arc::new(HostPacer::default()),
            shared: None,
            via_proxy,
        })
    }

    /// Shares host turns and robots.txt verdicts with the other processes
    /// behind `shared` (the nodes of one portal). If it fails, this
    /// process paces on its own rather than stopping.
    pub fn with_shared(mut self, shared: Arc<dyn crate::SharedPoliteness>) -> Fetcher {
        self.shared = Some(shared);
        self
    }

    /// Waits for `host`'s turn, booked with the other processes when
    /// pacing is shared.
    async fn wait_turn(&self, host: &str, interval: Duration) {
        if interval.is_zero() {
            return;
        }
        if let Some(shared) = &self.shared {
            match shared.book_turn(host, interval).await {
                Ok(wait) => return tokio::time::sleep(wait).await,
                Err(e) => tracing::warn!(%host, "shared pacing unavailable, pacing alone: {e}"),
            }
        }
        self.pacer.wait_turn(host, interval).await
    }

    /// Through a proxy nothing here resolves the target, so its name is
    /// resolved now and the hop refused if any address is internal. (The
    /// proxy resolves it again; a name whose answers change between the
    /// two lookups is the one case this cannot see.)
    async fn check_target(&self, target: &Url, url: &str) -> Result<(), FetchError> {
        if !self.via_proxy {
            return Ok(());
        }
        let forbidden = |reason: String| FetchError::Forbidden { url: url.to_string(), reason };
        let host = match target.host() {
            Some(url::Host::Domain(name)) => name.to_string(),
            // Literal addresses were checked by `literal_ip_check`.
            _ => return literal_ip_check(&self.guard, target).map_err(forbidden),
        };
        let port = target.port_or_known_default().unwrap_or(80);
        let addrs = tokio::net::lookup_host((host.as_str(), port))
            .await
            .map_err(|e| FetchError::Network { url: url.to_string(), message: format!("cannot resolve {host}: {e}") })?;
        for addr in addrs {
            self.guard.check(addr.ip()).map_err(|why| forbidden(format!("{host} resolves to {why}")))?;
        }
        Ok(())
    }

    pub fn config(&self) -> &FetchConfig {
        &self.cfg
    }

    /// Any 2xx response body, up to the configured size.
    pub async fn get(&self, url: &str) -> Result<Fetched, FetchError> {
        let want = Want::plain(self.cfg.max_body_bytes, &any_type);
        Ok(self.get_checked(url, want).await?.fetched)
    }

    /// A conditional GET for polling feeds and sitemaps: pass the `ETag`
    /// and `Last-Modified` values of the previous [`Conditional::Fresh`]
    /// answer (verbatim) and an unchanged resource comes back as
    /// [`Conditional::NotModified`] without a body. With neither validator
    /// this is an ordinary GET that also reports the validators.
    pub async fn get_conditional(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Conditional, FetchError> {
        let mut want = Want::plain(self.cfg.max_body_bytes, &any_type);
        want.conditional = true;
        let validators = [(reqwest::header::IF_NONE_MATCH, etag), (reqwest::header::IF_MODIFIED_SINCE, last_modified)];
        for (name, value) in validators {
            add_header(&mut want.headers, name, value);
        }
        let got = self.get_checked(url, want).await?;
        if got.fetched.status == 304 {
            return Ok(Conditional::NotModified);
        }
        Ok(Conditional::Fresh { fetched: got.fetched, etag: got.etag, last_modified: got.last_modified })
    }

    /// An article page: like [`Fetcher::get`], but refuses images, PDFs,
    /// archives and other binary types before reading their body.
    pub async fn get_page(&self, url: &str) -> Result<Fetched, FetchError> {
        let check = |ct: &str| {
            if is_page_type(ct) {
                Ok(())
            } else {
                Err(FetchError::NotAPage { url: url.to_string(), content_type: ct.to_string() })
            }
        };
        Ok(self.get_checked(url, Want::plain(self.cfg.max_body_bytes, &check)).await?.fetched)
    }

    /// An image for the media store: the response must be `image/*` and at
    /// most `max_bytes` long.
    pub async fn get_image(&self, url: &str, max_bytes: usize) -> Result<Fetched, FetchError> {
        let check = |ct: &str| {
            if mime_of(ct).starts_with("image/") {
                Ok(())
            } else {
                Err(FetchError::NotAnImage { url: url.to_string(), content_type: ct.to_string() })
            }
        };
        Ok(self.get_checked(url, Want::plain(max_bytes, &check)).await?.fetched)
    }

    /// The robots.txt rules that apply to `url`'s origin, read (or taken
    /// from the cache) exactly as a fetch of `url` would. Callers can use
    /// it to skip disallowed links early, or to find the `Sitemap:` lines.
    /// With `obey_robots` off this still reads the file.
    pub async fn robots(&self, url: &str) -> Result<Arc<RobotsRules>, FetchError> {
        let parsed = check_url(url)?;
        literal_ip_check(&self.guard, &parsed).map_err(|reason| FetchError::Forbidden { url: url.to_string(), reason })?;
        Ok(self.robots_for(&parsed).await)
    }

    async fn get_checked(&self, url: &str, want: Want<'_>) -> Result<Got, FetchError> {
        let parsed = check_url(url)?;
        literal_ip_check(&self.guard, &parsed).map_err(|reason| FetchError::Forbidden { url: url.to_string(), reason })?;
        self.follow(parsed, url, self.cfg.obey_robots, &want).await
    }

    /// Requests `first` (already checked as a URL and by the address
    /// guard) and follows its redirects one request at a time, giving each
    /// hop the robots.txt check (when `obey_robots`), pacing and guard a
    /// first request gets. `url` is `first` as the caller wrote it; errors
    /// about a later hop name that hop's URL instead.
    async fn follow(&self, first: Url, url: &str, obey_robots: bool, want: &Want<'_>) -> Result<Got, FetchError> {
        let mut current = first;
        let mut label = url.to_string();
        let mut visited = vec![without_fragment(&current)];
        let mut budget = self.cfg.total_timeout;
        loop {
            let host = current.host_str().unwrap_or_default().to_string();
            let mut interval = self.cfg.per_host_interval;
            if obey_robots {
                let rules = self.robots_for(&current).await;
                if !rules.allows(current.as_str()) {
                    return Err(FetchError::DisallowedByRobots { url: label, host });
                }
                if let Some(delay) = rules.crawl_delay() {
                    interval = interval.max(delay);
                }
            }
            self.wait_turn(&host, interval).await;
            let started = tokio::time::Instant::now();
            let step = self.request(current, &label, budget, want).await?;
            budget = budget.saturating_sub(started.elapsed());
            let target = match step {
                Step::Done(got) => return Ok(got),
                Step::Redirect(target) => target,
            };
            if !matches!(target.scheme(), "http" | "https") {
                return Err(FetchError::BadRedirect { url: label, target: target.to_string() });
            }
            if let Err(why) = literal_ip_check(&self.guard, &target) {
                return Err(FetchError::Forbidden { url: label, reason: format!("it redirects to {why}") });
            }
            let key = without_fragment(&target);
            // `visited` holds the first URL and every target followed so far.
            if visited.len() > self.cfg.max_redirects || visited.contains(&key) {
                return Err(FetchError::TooManyRedirects { url: url.to_string(), limit: self.cfg.max_redirects });
            }
            tracing::debug!(from = %label, to = %target, "following redirect");
            visited.push(key);
            label = target.to_string();
            current = target;
        }
    }

    /// The origin's robots rules from the cache, reading robots.txt when
    /// they are missing or stale. Never fails: an unreadable robots.txt
    /// becomes a policy (see [`crate::robots`]).
    ///
    /// Boxed because reading robots.txt goes through [`Fetcher::follow`],
    /// which calls this for page hops; robots.txt reads themselves never
    /// check robots, so the recursion stops there (and never takes a
    /// second origin's lock while holding this one).
    fn robots_for<'a>(&'a self, url: &'a Url) -> Pin<Box<dyn Future<Output = Arc<RobotsRules>> + Send + 'a>> {
        Box::pin(async move {
            let origin = url.origin().ascii_serialization();
            let slot = self.robots.slot(&origin);
            let mut entry = slot.lock().await;
            if let Some(cached) = entry.as_ref().filter(|c| c.fresh()) {
                return cached.rules.clone();
            }
            // Another node may have read it already.
            if let Some(shared) = &self.shared {
                if let Some(kept) = shared.robots(&origin).await {
                    if let Ok(left) = kept.expires_at.duration_since(std::time::SystemTime::now()) {
                        let rules = Arc::new(RobotsRules::from_verdict(&kept.verdict));
                        *entry = Some(Cached { rules: rules.clone(), expires: tokio::time::Instant::now() + left });
                        return rules;
                    }
                }
            }
            let robots_url = format!("{origin}/robots.txt");
            let result = match check_url(&robots_url) {
                Ok(parsed) => {
                    let mut want = Want::plain(ROBOTS_MAX_BYTES, &any_type);
                    want.truncate = true;
                    let got = self.follow(parsed, &robots_url, false, &want).await;
                    got.map(|g| g.fetched)
                }
                Err(e) => Err(e),
            };
            let (verdict, ttl) = RobotsRules::verdict_of(result, self.cfg.robots_ttl);
            tracing::debug!(%origin, ?ttl, "read robots.txt");
            if let Some(shared) = &self.shared {
                let kept = crate::SharedRobots { verdict: verdict.clone(), expires_at: std::time::SystemTime::now() + ttl };
                shared.keep_robots(&origin, &kept).await;
            }
            let rules = Arc::new(RobotsRules::from_verdict(&verdict));
            *entry = Some(Cached { rules: rules.clone(), expires: tokio::time::Instant::now() + ttl });
            rules
        })
    }

    /// Makes one request (no redirect followed) within `budget`, which
    /// covers connecting, the answer and the whole body.
    async fn request(&self, parsed: Url, url: &str, budget: Duration, want: &Want<'_>) -> Result<Step, FetchError> {
        if budget.is_zero() {
            return Err(self.timeout(url));
        }
        // reqwest's own timeout covers the body too; the outer one is a
        // guarantee that a trickling server cannot outlive the budget.
        let outer = budget + Duration::from_millis(250);
        match tokio::time::timeout(outer, self.fetch(parsed, url, budget, want)).await {
            Ok(r) => r,
            Err(_) => Err(self.timeout(url)),
        }
    }

    async fn fetch(&self, parsed: Url, url: &str, budget: Duration, want: &Want<'_>) -> Result<Step, FetchError> {
        let limit = want.limit;
        self.check_target(&parsed, url).await?;
        let mut resp = self
            .client
            .get(parsed)
            .headers(want.headers.clone())
            .timeout(budget)
            .send()
            .await
            .map_err(|e| self.map_err(url, e))?;
        let status = resp.status().as_u16();
        if REDIRECT_STATUSES.contains(&status) {
            if let Some(target) = redirect_target(resp.url(), resp.headers()) {
                return Ok(Step::Redirect(target));
            }
        }
        let final_url = resp.url().to_string();
        let header = |name: HeaderName| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(|s| s.trim().to_string());
        let content_type = header(reqwest::header::CONTENT_TYPE);
        let etag = header(reqwest::header::ETAG);
        let last_modified = header(reqwest::header::LAST_MODIFIED);
        if want.conditional && status == 304 {
            let fetched = Fetched { final_url, status, content_type, body: Vec::new() };
            return Ok(Step::Done(Got { fetched, etag, last_modified }));
        }
        if !resp.status().is_success() {
            return Err(FetchError::Http { status, url: final_url });
        }
        (want.check_type)(content_type.as_deref().unwrap_or(""))?;
        if let Some(len) = resp.content_length() {
            if len > limit as u64 && !want.truncate {
                return Err(FetchError::TooLarge { url: final_url, limit });
            }
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| self.map_err(url, e))? {
            if body.len() + chunk.len() > limit {
                if want.truncate {
                    body.extend_from_slice(&chunk[..limit - body.len()]);
                    break;
                }
                return Err(FetchError::TooLarge { url: final_url, limit });
            }
            body.extend_from_slice(&chunk);
        }
        let fetched = Fetched { final_url, status, content_type, body };
        Ok(Step::Done(Got { fetched, etag, last_modified }))
    }

    fn map_err(&self, url: &str, e: reqwest::Error) -> FetchError {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(s) = source {
            if let Some(r) = s.downcast_ref::<Refused>() {
                return FetchError::Forbidden { url: url.to_string(), reason: r.0.clone() };
            }
            if let Some(io) = s.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::TimedOut {
                    return self.timeout(url);
                }
            }
            source = s.source();
        }
        if e.is_timeout() {
            return self.timeout(url);
        }
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        FetchError::Network { url: url.to_string(), message }
    }

    fn timeout(&self, url: &str) -> FetchError {
        FetchError::Timeout { url: url.to_string(), seconds: self.cfg.total_timeout.as_secs_f64() }
    }
}

/// URLs naming an IP address directly never reach the resolver, so they
/// are checked here (for the first URL and each redirect target), and so
/// are `localhost` and names under it, which are this machine whatever a
/// resolver or a proxy would make of them (RFC 6761).
fn literal_ip_check(guard: &AddressGuard, url: &Url) -> Result<(), String> {
    let ip: Option<IpAddr> = match url.host() {
        Some(url::Host::Ipv4(v4)) => Some(v4.into()),
        Some(url::Host::Ipv6(v6)) => Some(v6.into()),
        Some(url::Host::Domain(name)) => crate::guard::reserved_name_address(name),
        None => None,
    };
    match ip {
        Some(ip) => guard.check(ip).map_err(|why| match url.host() {
            Some(url::Host::Domain(name)) => format!("{name} resolves to {why}"),
            _ => why,
        }),
        None => Ok(()),
    }
}

/// Where a redirect answer points, resolved against the URL that gave it.
/// A `Location` that is not UTF-8 or not a URL reference leaves the 3xx as
/// the answer, which then fails as [`FetchError::Http`].
fn redirect_target(base: &Url, headers: &HeaderMap) -> Option<Url> {
    let raw = headers.get(reqwest::header::LOCATION)?;
    let location = std::str::from_utf8(raw.as_bytes()).ok()?;
    base.join(location.trim()).ok()
}

/// The URL as far as a server sees it: fragments are never sent, so
/// `/a#x` and `/a#y` are the same hop for loop detection.
fn without_fragment(url: &Url) -> Url {
    let mut url = url.clone();
    url.set_fragment(None);
    url
}

/// Adds a validator header; a value that cannot be a header (a stored
/// validator with control characters) is left out, which only costs a full
/// download instead of a 304.
fn add_header(headers: &mut HeaderMap, name: HeaderName, value: Option<&str>) {
    if let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) {
        match HeaderValue::from_str(value) {
            Ok(v) => {
                headers.insert(name, v);
            }
            Err(_) => tracing::debug!(header = %name, "unusable validator not sent"),
        }
    }
}

/// Whether `proxy` can be [`FetchConfig::proxy`]; the error says why not.
pub fn check_proxy(proxy: &str) -> Result<(), String> {
    proxy_url(proxy.trim()).map(|_| ())
}

/// [`FetchConfig::proxy`], checked: an http(s) URL with a host.
fn proxy_url(proxy: &str) -> Result<Url, String> {
    let url = Url::parse(proxy).map_err(|e| format!("proxy {proxy:?} is not a URL ({e}); write it as http://HOST:PORT"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(format!("proxy {proxy:?} must be an http:// or https:// URL with a host"));
    }
    Ok(url)
}

fn check_url(url: &str) -> Result<Url, FetchError> {
    let parsed = Url::parse(url.trim()).map_err(|e| FetchError::InvalidUrl { url: url.to_string(), reason: e.to_string() })?;
    match parsed.scheme() {
        "http" | "https" => {}
        _ => return Err(FetchError::UnsupportedScheme { url: url.to_string() }),
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::InvalidUrl { url: url.to_string(), reason: "no host".into() });
    }
    Ok(parsed)
}

fn mime_of(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// Whether a Content-Type can be an article page. A missing type is given
/// the benefit of the doubt (many small sites omit it); binary types are not.
pub fn is_page_type(content_type: &str) -> bool {
    let mime = mime_of(content_type);
    if mime.is_empty() {
        return true;
    }
    mime.starts_with("text/") || mime == "application/xhtml+xml" || mime == "application/xml" || mime.ends_with("+xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_types() {
        assert!(is_page_type("text/html; charset=utf-8"));
        assert!(is_page_type("application/xhtml+xml"));
        assert!(is_page_type(""));
        assert!(!is_page_type("image/jpeg"));
        assert!(!is_page_type("application/pdf"));
        assert!(!is_page_type("application/octet-stream"));
    }

    #[test]
    fn urls_are_checked_before_any_request() {
        assert!(matches!(check_url("ftp://example.org/x"), Err(FetchError::UnsupportedScheme { .. })));
        assert!(matches!(check_url("javascript:alert(1)"), Err(FetchError::UnsupportedScheme { .. })));
        assert!(matches!(check_url("not a url"), Err(FetchError::InvalidUrl { .. })));
        assert!(check_url("https://example.org/").is_ok());
        assert!(check_url("http://127.0.0.1:8080/a").is_ok());
    }

    #[test]
    fn proxies_must_be_http_urls() {
        assert!(proxy_url("http://127.0.0.1:3128").is_ok());
        assert!(proxy_url("https://user:pw@proxy.example.org:8443").is_ok());
        assert!(proxy_url("socks5://127.0.0.1:1080").unwrap_err().contains("http://"));
        assert!(proxy_url("127.0.0.1:3128").is_err());
        let err = Fetcher::new(FetchConfig { proxy: Some("ftp://p".into()), ..FetchConfig::default() }).unwrap_err();
        assert!(err.to_string().contains("proxy \"ftp://p\""), "{err}");
    }
}
