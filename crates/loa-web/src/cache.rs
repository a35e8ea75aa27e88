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
//! Only what is the same for every reader is kept: `GET` answers with
//! status 200 on reader paths, without cookies or `no-store`. The key is
//! the whole URI, so each query (a search, a notice after posting a
//! comment) is its own entry.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// Entries kept at most; past that the cache starts over.
const MAX_ENTRIES: usize = 4096;
/// Bytes of pages kept at most (whatever the URIs readers make up); past
/// that the cache starts over.
const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;
/// Pages larger than this are not kept.
const MAX_BODY: usize = 2 * 1024 * 1024;
/// URIs longer than this are not kept (a reader can make up any query).
const MAX_KEY: usize = 2048;

struct Entry {
    at: Instant,
    headers: HeaderMap,
    body: Bytes,
}

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
    pages: HashMap<String, Entry>,
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

    fn get(&self, key: &str, ttl: Duration) -> Option<Response> {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        let entry = entries.pages.get(key).filter(|e| e.at.elapsed() < ttl)?;
        let mut response = (StatusCode::OK, entry.body.clone()).into_response();
        *response.headers_mut() = entry.headers.clone();
        Some(response)
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
    /// at a time: whoever waited for a render finds its page kept.
    async fn single_flight<Fut>(&self, key: String, ttl: Duration, render: impl FnOnce(u64) -> Fut) -> Response
    where
        Fut: std::future::Future<Output = Response>,
    {
        if let Some(hit) = self.get(&key, ttl) {
            return hit;
        }
        let lock = self.flight(&key);
        let answer = {
            let _turn = lock.lock().await;
            match self.get(&key, ttl) {
                Some(hit) => hit,
                None => render(self.generation()).await,
            }
        };
        self.land(&key, lock);
        answer
    }

    fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    #[cfg(test)]
    fn put(&self, key: String, headers: HeaderMap, body: Bytes) {
        self.put_if_current(None, key, headers, body);
    }

    /// Keeps a page; with `rendered_in`, only if the cache was not cleared
    /// since that generation (checked under the lock `clear` takes after
    /// counting, so no clearing slips between the check and the insert).
    fn put_if_current(&self, rendered_in: Option<u64>, key: String, headers: HeaderMap, body: Bytes) {
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        if rendered_in.is_some_and(|g| g != self.generation()) {
            return;
        }
        if entries.pages.len() >= MAX_ENTRIES || entries.bytes + key.len() + body.len() > MAX_TOTAL_BYTES {
            entries.pages.clear();
            entries.bytes = 0;
        }
        entries.bytes += key.len() + body.len();
        let key_len = key.len();
        if let Some(old) = entries.pages.insert(key, Entry { at: Instant::now(), headers, body }) {
            entries.bytes -= key_len + old.body.len();
        }
    }
}

/// Reader pages and feeds; not the newsroom, its API, health or `/`
/// (which depends on the reader's `Accept-Language`).
fn cacheable(path: &str) -> bool {
    let mut parts = path.trim_start_matches('/').split('/');
    let first = parts.next().unwrap_or("");
    let second = parts.next().unwrap_or("");
    match first {
        "" | "api" | "healthz" | "media" | "static" => false,
        "sitemap.xml" => true,
        // `/{lang}/...`: everything but the newsroom.
        lang if lang.len() == 2 => second != "newsroom",
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

/// The middleware: answers from the cache, or renders and keeps.
pub async fn micro_cache(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let ttl = state.site.page_cache;
    if ttl.is_zero() || request.method() != Method::GET || !cacheable(request.uri().path()) {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    if key.len() > MAX_KEY {
        return next.run(request).await;
    }
    let cache = state.page_cache.clone();
    let keep_as = key.clone();
    state
        .page_cache
        .single_flight(key, ttl, |generation| async move {
            let response = next.run(request).await;
            if !keepable(&response) {
                return response;
            }
            let (mut parts, body) = response.into_parts();
            match axum::body::to_bytes(body, MAX_BODY).await {
                Ok(bytes) => {
                    // Tagged once, here: every hit carries the tag unhashed.
                    let tag = crate::conditional::strong_tag(&bytes);
                    parts.headers.insert(header::ETAG, header::HeaderValue::from_str(&tag).expect("hex"));
                    cache.put_if_current(Some(generation), keep_as, parts.headers.clone(), bytes.clone());
                    Response::from_parts(parts, Body::from(bytes))
                }
                // The body failed while it was read: this reader gets an error,
                // the next one a fresh render.
                Err(e) => {
                    tracing::warn!(error = %e, "page not cached");
                    StatusCode::INTERNAL_SERVER_ERROR.into_response()
                }
            }
        })
        .await
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
                let response = cache
                    .single_flight("/en/".into(), Duration::from_secs(10), |generation| async move {
                        renders.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(30)).await;
                        keep.put_if_current(Some(generation), "/en/".into(), HeaderMap::new(), Bytes::from_static(b"front page"));
                        (StatusCode::OK, "front page").into_response()
                    })
                    .await;
                axum::body::to_bytes(response.into_body(), 100).await.unwrap()
            });
        }
        while let Some(body) = readers.join_next().await {
            assert_eq!(body.unwrap(), "front page");
        }
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert!(cache.inflight.lock().unwrap().is_empty(), "no render lock left behind");
    }

    #[test]
    fn the_cache_is_bounded_in_entries_and_bytes() {
        let cache = PageCache::default();
        let page = Bytes::from(vec![b'x'; 1024 * 1024]);
        for i in 0..63 {
            cache.put(format!("/en/search?q={i}"), HeaderMap::new(), page.clone());
        }
        assert_eq!(cache.size().0, 63);
        // Keys count too: a 64th page would pass the limit, so it starts over.
        cache.put("/en/search?q=one-more".into(), HeaderMap::new(), page.clone());
        assert_eq!(cache.size(), (1, "/en/search?q=one-more".len() + page.len()));
        cache.put("/en/search?q=one-more".into(), HeaderMap::new(), Bytes::from_static(b"small"));
        assert_eq!(cache.size(), (1, "/en/search?q=one-more".len() + 5), "a replaced page's bytes are given back");
        assert!(cache.get("/en/search?q=one-more", Duration::from_secs(10)).is_some());
        assert!(cache.get("/en/search?q=one-more", Duration::ZERO).is_none(), "expired");
        for i in 0..=MAX_ENTRIES {
            cache.put(format!("/en/?p={i}"), HeaderMap::new(), Bytes::from_static(b"p"));
        }
        assert!(cache.size().0 <= MAX_ENTRIES);
    }

    #[test]
    fn a_page_rendered_before_a_clearing_is_not_kept() {
        let cache = PageCache::default();
        let rendered_in = cache.generation();
        cache.clear();
        cache.put_if_current(Some(rendered_in), "/en/".into(), HeaderMap::new(), Bytes::from_static(b"old"));
        assert_eq!(cache.size().0, 0, "it may show the state before the decision");
        cache.put_if_current(Some(cache.generation()), "/en/".into(), HeaderMap::new(), Bytes::from_static(b"new"));
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
        for yes in ["/en/", "/en/article/x", "/vi/category/news", "/ru/search", "/en/feed.xml", "/sitemap.xml"] {
            assert!(cacheable(yes), "{yes}");
        }
        for no in [
            "/",
            "/en/newsroom/",
            "/es/newsroom/review/x/es",
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
