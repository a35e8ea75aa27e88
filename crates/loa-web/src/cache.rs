//! A short-lived cache of rendered reader pages ("micro-caching", as news
//! sites put in front of their renderers): a page asked for again within
//! a few seconds is served from memory instead of rebuilt from the store
//! and the index. Newsroom decisions made here clear it at once; changes
//! made anywhere else (workers, the command line, other nodes) clear it
//! when this node's change-log follower sees them, within a second.
//!
//! When a page is missing or expired, one request renders it and the
//! others asking for it meanwhile wait for that render ("single flight"),
//! so a thousand readers of a page that just expired cost one render.
//!
//! A page is kept as the reader received it, every header included (the
//! security headers, `Cache-Control`, `ETag`, `Last-Modified`), and is
//! compressed once per encoding (gzip, brotli) the first time a reader
//! asks for that encoding, not on every answer. A hit is answered by
//! [`PageCache::answer`] before the request reaches the router (see
//! `serve`), so it costs no layer, no state copy and no handler; the
//! [`fill`] layer, outermost in the router, keeps what the layers inside
//! produced and answers revalidations (`304`) itself. The [`mark`] layer,
//! inside compression, flags the answers to keep, so that compression and
//! revalidation leave them whole for the cache.
//!
//! Only what is the same for every reader is kept: `GET` answers with
//! status 200 on reader paths, without cookies or `no-store`. Search
//! pages are not kept: each is rate-limited per reader, and a hit here
//! would pass the limit by. The key is the whole URI, so each query (a
//! notice after posting a comment) is its own entry.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::conditional::{self, Coding};
use crate::AppState;

/// Entries kept at most; past that the cache starts over.
const MAX_ENTRIES: usize = 4096;
/// Bytes of pages kept at most (whatever the URIs readers make up); past
/// that the cache starts over. Compressed forms count when they are made.
const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;
/// Pages larger than this are not kept.
const MAX_BODY: usize = 2 * 1024 * 1024;
/// URIs longer than this are not kept (a reader can make up any query).
const MAX_KEY: usize = 2048;
/// Smaller pages are not worth compressing.
const MIN_COMPRESSED: usize = 256;

/// A kept page: its headers as the reader receives them (the identity
/// form's strong tag among them), its bytes, and its compressed forms,
/// each made the first time someone asks for it.
pub struct Entry {
    at: Instant,
    headers: HeaderMap,
    /// The `ETag` of the identity form; compressed forms append their coding.
    tag: String,
    /// The metrics label of the page's route.
    route: String,
    body: Bytes,
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
}

impl Entry {
    fn body_for(&self, coding: Coding) -> Bytes {
        match coding {
            Coding::Identity => self.body.clone(),
            Coding::Gzip => self.gzip.get_or_init(|| conditional::gzip(&self.body)).clone(),
            Coding::Brotli => self.brotli.get_or_init(|| conditional::brotli(&self.body)).clone(),
        }
    }

    /// The answer to a request with `request` headers: the form it accepts
    /// best, or `304 Not Modified` when it holds that form already.
    fn respond(&self, request: &HeaderMap) -> Response {
        let coding = if self.body.len() >= MIN_COMPRESSED { Coding::accepted(request) } else { Coding::Identity };
        let tag = conditional::coded_tag(&self.tag, coding);
        let tag = HeaderValue::from_str(&tag).expect("a tag and a coding name are header-safe");
        if conditional::client_has(request, &tag, self.headers.get(header::LAST_MODIFIED)) {
            let mut not_modified = conditional::not_modified(&self.headers);
            not_modified.headers_mut().insert(header::ETAG, tag);
            return not_modified;
        }
        let mut response = Response::new(Body::from(self.body_for(coding)));
        let headers = response.headers_mut();
        *headers = self.headers.clone();
        headers.insert(header::ETAG, tag);
        if let Some(name) = coding.name() {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        response
    }
}

/// The flag [`mark`] puts on an answer to keep.
#[derive(Clone, Copy)]
pub struct Kept;

/// The flag [`fill`] puts on a request whose answer it may keep.
#[derive(Clone, Copy)]
struct Filling;

#[derive(Default)]
pub struct PageCache {
    entries: RwLock<Entries>,
    /// One lock per key being rendered now; removed when nobody waits.
    inflight: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Counts clearings: a page whose rendering began before the latest
    /// one may show the state before a decision, so it is not kept.
    generation: std::sync::atomic::AtomicU64,
}

#[derive(Default)]
struct Entries {
    pages: HashMap<String, Arc<Entry>>,
    bytes: usize,
}

impl PageCache {
    /// Forgets every page: after a newsroom decision.
    pub fn clear(&self) {
        self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        entries.pages.clear();
        entries.bytes = 0;
    }

    /// Pages and bytes kept now.
    pub fn size(&self) -> (usize, usize) {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        (entries.pages.len(), entries.bytes)
    }

    /// The kept answer to `request`, if there is a fresh one; counted in
    /// the metrics as the layers it skips would have.
    pub fn answer<B>(&self, state: &AppState, request: &axum::http::Request<B>) -> Option<Response> {
        let started = Instant::now();
        let ttl = state.site.page_cache;
        if ttl.is_zero() || request.method() != Method::GET {
            return None;
        }
        let entry = self.get(key(request.uri())?, ttl)?;
        let response = entry.respond(request.headers());
        state.metrics.request(&entry.route, response.status().as_u16(), started.elapsed().as_secs_f64());
        Some(response)
    }

    fn get(&self, key: &str, ttl: Duration) -> Option<Arc<Entry>> {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        entries.pages.get(key).filter(|e| e.at.elapsed() < ttl).cloned()
    }

    /// The render lock of `key`, shared by everyone asking for it now.
    fn flight(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut inflight = self.inflight.lock().unwrap_or_else(|p| p.into_inner());
        inflight.entry(key.to_string()).or_default().clone()
    }

    /// Gives the render lock back; the last one out removes it.
    fn land(&self, key: &str, lock: Arc<tokio::sync::Mutex<()>>) {
        let mut inflight = self.inflight.lock().unwrap_or_else(|p| p.into_inner());
        // The map's own reference and ours: nobody else is waiting.
        if Arc::strong_count(&lock) <= 2 {
            inflight.remove(key);
        }
    }

    /// The page under `key`, or `render`'s answer, rendered by one caller
    /// at a time: whoever waited for a render finds its page kept. `render`
    /// answers the entry it kept, or the response it did not keep.
    async fn single_flight<Fut>(&self, key: &str, ttl: Duration, render: impl FnOnce(u64) -> Fut) -> Result<Arc<Entry>, Response>
    where
        Fut: std::future::Future<Output = Result<Arc<Entry>, Response>>,
    {
        if let Some(hit) = self.get(key, ttl) {
            return Ok(hit);
        }
        let lock = self.flight(key);
        let answer = {
            let _turn = lock.lock().await;
            match self.get(key, ttl) {
                Some(hit) => Ok(hit),
                None => render(self.generation()).await,
            }
        };
        self.land(key, lock);
        answer
    }

    fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    #[cfg(test)]
    fn put(&self, key: &str, headers: HeaderMap, body: Bytes) {
        self.put_if_current(None, key, entry(headers, body, String::new()));
    }

    /// Keeps a page; with `rendered_in`, only if the cache was not cleared
    /// since that generation (checked under the lock `clear` takes after
    /// counting, so no clearing slips between the check and the insert).
    fn put_if_current(&self, rendered_in: Option<u64>, key: &str, entry: Arc<Entry>) {
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        if rendered_in.is_some_and(|g| g != self.generation()) {
            return;
        }
        // Room for the compressed forms too (together well under the page).
        let cost = key.len() + entry.body.len() * 3 / 2;
        if entries.pages.len() >= MAX_ENTRIES || entries.bytes + cost > MAX_TOTAL_BYTES {
            entries.pages.clear();
            entries.bytes = 0;
        }
        entries.bytes += cost;
        if let Some(old) = entries.pages.insert(key.to_string(), entry) {
            entries.bytes -= key.len() + old.body.len() * 3 / 2;
        }
    }
}

fn entry(mut headers: HeaderMap, body: Bytes, route: String) -> Arc<Entry> {
    // Each form has its own length and tag; hyper writes the length.
    headers.remove(header::CONTENT_LENGTH);
    let tag = headers.remove(header::ETAG).and_then(|t| t.to_str().ok().map(str::to_string));
    let tag = tag.unwrap_or_else(|| conditional::strong_tag(&body));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    Arc::new(Entry { at: Instant::now(), headers, tag, route, body, gzip: OnceLock::new(), brotli: OnceLock::new() })
}

/// The key of a URI: its path and query as the reader sent them.
fn key(uri: &axum::http::Uri) -> Option<&str> {
    let key = uri.path_and_query()?.as_str();
    (key.len() <= MAX_KEY && cacheable(uri.path())).then_some(key)
}

/// Reader pages and feeds; not the newsroom, its API, health, `/` (which
/// depends on the reader's `Accept-Language`) or search (limited per reader).
fn cacheable(path: &str) -> bool {
    let mut parts = path.trim_start_matches('/').split('/');
    let first = parts.next().unwrap_or("");
    let second = parts.next().unwrap_or("");
    match first {
        "" | "api" | "healthz" | "media" | "static" => false,
        "sitemap.xml" => true,
        // `/{lang}/...`: everything but the newsroom and search.
        lang if lang.len() == 2 => second != "newsroom" && crate::limits::bucket_of(path).is_none(),
        _ => false,
    }
}

/// Whether an answer is the same for every reader and small enough to
/// keep. Only bodies of known, modest size are read into memory; a large
/// one (a big sitemap) goes to the reader as it is, uncached.
fn keepable(response: &Response) -> bool {
    let small = axum::body::HttpBody::size_hint(response.body()).upper().is_some_and(|n| n <= MAX_BODY as u64);
    small
        && response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && !response.headers().get(header::CACHE_CONTROL).is_some_and(|v| v.as_bytes().starts_with(b"no-store"))
}

/// The layer inside compression: flags the answers [`fill`] will keep, so
/// that compression and revalidation pass them on whole.
pub async fn mark(request: Request, next: Next) -> Response {
    let filling = request.extensions().get::<Filling>().is_some();
    let mut response = next.run(request).await;
    if filling && keepable(&response) {
        response.extensions_mut().insert(Kept);
    }
    response
}

/// The outermost layer: answers from the cache, or renders and keeps.
pub async fn fill(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let ttl = state.site.page_cache;
    if ttl.is_zero() || request.method() != Method::GET {
        return next.run(request).await;
    }
    let Some(key) = key(request.uri()).map(str::to_string) else {
        return next.run(request).await;
    };
    let asked = request.headers().clone();
    request.extensions_mut().insert(Filling);
    let cache = state.page_cache.clone();
    let route = crate::metrics::route_label(request.uri().path());
    let keep_as = key.clone();
    let kept = state
        .page_cache
        .single_flight(&key, ttl, |generation| async move {
            let response = next.run(request).await;
            if response.extensions().get::<Kept>().is_none() {
                return Err(response);
            }
            let (parts, body) = response.into_parts();
            match axum::body::to_bytes(body, MAX_BODY).await {
                Ok(bytes) => {
                    let entry = entry(parts.headers, bytes, route);
                    cache.put_if_current(Some(generation), &keep_as, entry.clone());
                    Ok(entry)
                }
                // The body failed while it was read: this reader gets an error,
                // the next one a fresh render.
                Err(e) => {
                    tracing::warn!(error = %e, "page not cached");
                    Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
                }
            }
        })
        .await;
    match kept {
        Ok(entry) => entry.respond(&asked),
        Err(response) => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_thousand_readers_of_a_missing_page_cost_one_render() {
        let cache = Arc::new(PageCache::default());
        let renders = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut readers = tokio::task::JoinSet::new();
        for _ in 0..1000 {
            let (cache, renders) = (cache.clone(), renders.clone());
            readers.spawn(async move {
                let keep = cache.clone();
                let kept = cache
                    .single_flight("/en/", Duration::from_secs(10), |generation| async move {
                        renders.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(30)).await;
                        let page = entry(HeaderMap::new(), Bytes::from_static(b"front page"), String::new());
                        keep.put_if_current(Some(generation), "/en/", page.clone());
                        Ok(page)
                    })
                    .await;
                let Ok(entry) = kept else { panic!("kept") };
                axum::body::to_bytes(entry.respond(&HeaderMap::new()).into_body(), 100).await.unwrap()
            });
        }
        while let Some(body) = readers.join_next().await {
            assert_eq!(body.unwrap(), "front page");
        }
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert!(cache.inflight.lock().unwrap().is_empty(), "no render lock left behind");
    }

    #[tokio::test]
    async fn each_encoding_is_made_once_and_revalidates_with_its_own_tag() {
        let page = "<p>a page long enough to be worth compressing</p>".repeat(20);
        let kept = entry(HeaderMap::new(), Bytes::from(page.clone()), String::new());
        let ask = |pairs: &[(&'static str, &str)]| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.insert(*name, HeaderValue::from_str(value).unwrap());
            }
            kept.respond(&headers)
        };
        let plain = ask(&[]);
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let plain_tag = plain.headers()[header::ETAG].clone();
        let zipped = ask(&[("accept-encoding", "gzip, deflate, br")]);
        assert_eq!(zipped.headers()[header::CONTENT_ENCODING], "br", "brotli preferred");
        assert_eq!(zipped.headers()[header::VARY], "accept-encoding");
        let br_tag = zipped.headers()[header::ETAG].to_str().unwrap().to_string();
        assert!(br_tag.ends_with("-br\"") && br_tag != plain_tag, "{br_tag}");
        let bytes = axum::body::to_bytes(zipped.into_body(), usize::MAX).await.unwrap();
        let mut unpacked = Vec::new();
        brotli::BrotliDecompress(&mut &bytes[..], &mut unpacked).unwrap();
        assert_eq!(unpacked, page.as_bytes());
        assert!(kept.brotli.get().is_some() && kept.gzip.get().is_none(), "made on demand");
        let gzipped = ask(&[("accept-encoding", "br;q=0, gzip")]);
        assert_eq!(gzipped.headers()[header::CONTENT_ENCODING], "gzip", "a refused coding is not sent");
        let bytes = axum::body::to_bytes(gzipped.into_body(), usize::MAX).await.unwrap();
        let mut unpacked = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut unpacked).unwrap();
        assert_eq!(unpacked, page);
        assert_eq!(ask(&[("accept-encoding", "br"), ("if-none-match", &br_tag)]).status(), StatusCode::NOT_MODIFIED);
        assert_eq!(ask(&[("if-none-match", &br_tag)]).status(), StatusCode::OK, "the brotli tag does not name the plain form");
        let tiny = entry(HeaderMap::new(), Bytes::from_static(b"small"), String::new());
        let mut asks_br = HeaderMap::new();
        asks_br.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("br"));
        assert!(tiny.respond(&asks_br).headers().get(header::CONTENT_ENCODING).is_none(), "too small to compress");
    }

    #[test]
    fn the_cache_is_bounded_in_entries_and_bytes() {
        let cache = PageCache::default();
        let page = Bytes::from(vec![b'x'; 1024 * 1024]);
        // A page counts half again for its compressed forms: 42 fit in 64 MiB.
        for i in 0..42 {
            cache.put(&format!("/en/category/news?p={i}"), HeaderMap::new(), page.clone());
        }
        assert_eq!(cache.size().0, 42);
        // A 43rd would pass the limit, so it starts over.
        let key = "/en/category/news?p=one-more";
        cache.put(key, HeaderMap::new(), page.clone());
        assert_eq!(cache.size(), (1, key.len() + page.len() * 3 / 2));
        cache.put(key, HeaderMap::new(), Bytes::from_static(b"small"));
        assert_eq!(cache.size(), (1, key.len() + 5 * 3 / 2), "a replaced page's bytes are given back");
        assert!(cache.get(key, Duration::from_secs(10)).is_some());
        assert!(cache.get(key, Duration::ZERO).is_none(), "expired");
        for i in 0..=MAX_ENTRIES {
            cache.put(&format!("/en/?p={i}"), HeaderMap::new(), Bytes::from_static(b"p"));
        }
        assert!(cache.size().0 <= MAX_ENTRIES);
    }

    #[test]
    fn a_page_rendered_before_a_clearing_is_not_kept() {
        let cache = PageCache::default();
        let rendered_in = cache.generation();
        cache.clear();
        cache.put_if_current(Some(rendered_in), "/en/", entry(HeaderMap::new(), Bytes::from_static(b"old"), String::new()));
        assert_eq!(cache.size().0, 0, "it may show the state before the decision");
        cache.put_if_current(
            Some(cache.generation()),
            "/en/",
            entry(HeaderMap::new(), Bytes::from_static(b"new"), String::new()),
        );
        assert_eq!(cache.size().0, 1);
    }

    #[test]
    fn only_small_public_answers_are_kept() {
        assert!(keepable(&"a page".into_response()));
        assert!(!keepable(&"x".repeat(MAX_BODY + 1).into_response()), "a large sitemap passes through");
        assert!(!keepable(&(StatusCode::NOT_FOUND, "gone").into_response()));
        assert!(!keepable(&([(header::SET_COOKIE, "a=b")], "personal").into_response()));
        assert!(!keepable(&([(header::CACHE_CONTROL, "no-store")], "private").into_response()));
    }

    #[test]
    fn only_reader_pages_are_kept() {
        for yes in ["/en/", "/en/article/x", "/vi/category/news", "/en/feed.xml", "/sitemap.xml"] {
            assert!(cacheable(yes), "{yes}");
        }
        for no in [
            "/",
            "/en/newsroom/",
            "/es/newsroom/review/x/es",
            "/ru/search",
            "/api/v1/review",
            "/api/v1/search",
            "/healthz",
            "/media/a.jpg",
            "/static/style.css",
        ] {
            assert!(!cacheable(no), "{no}");
        }
    }
}
