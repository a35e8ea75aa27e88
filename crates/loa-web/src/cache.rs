//! The page cache: rendered reader pages kept in memory and served again
//! instead of rebuilt from the store and the index, until what they show
//! changes. Newsroom decisions made here clear it at once; changes made
//! anywhere else (workers, the command line, other nodes) drop the pages
//! they touch when this node's change-log follower sees them, within a
//! second.
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
//! How long a page is kept depends on what changed since it was
//! rendered, not on a clock. A page that nothing has changed since (no
//! newsroom decision here, no change in the store's change log, from
//! whichever node) is exactly what a render would give, and is served for
//! as long as it stays so: pages are rendered when content changes, and a
//! read in between is a lookup. When a change comes, every page that
//! links the changed story (its text, a translation, its comments, its
//! place in the workflow) is dropped at once, so a withdrawn story leaves
//! every page that named it, and so is every list (the front page,
//! sections, authors, places, feeds, the sitemap index), which may now
//! gain it. A story's page that does not link it stays for
//! [`STORY_PAGE_LIFETIME`] after its render: its own text is never stale,
//! and its side lists (more in the section, by the author, related) may
//! lag a new story by that much. With `page_cache_secs` at 0 nothing
//! lags: a change drops those too. So a portal whose newsroom publishes
//! every few seconds still answers most of its archive from memory.
//!
//! The cache is bounded by bytes (`page_cache_mib`); when full, the
//! quarter of its pages rendered longest ago make room. With no bytes it
//! is off, and every request renders.
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

use loa_store::pages::{PageStore, StoredPage, StoryFacts, Touched};

use crate::conditional::{self, Coding};
use crate::AppState;

/// Entries kept at most; past that the oldest quarter make room.
const MAX_ENTRIES: usize = 65_536;
/// Pages larger than this are not kept.
const MAX_BODY: usize = 2 * 1024 * 1024;
/// URIs longer than this are not kept (a reader can make up any query).
const MAX_KEY: usize = 2048;
/// Smaller pages are not worth compressing.
const MIN_COMPRESSED: usize = 256;
/// Pages rendered again after one change at most: the most recently
/// rendered of those it dropped.
pub const MAX_REFILLED: usize = 64;
/// How long after its render a story page is served once a change could
/// have added to its side lists (`page_cache_secs` if longer; not at all
/// when that is 0).
pub const STORY_PAGE_LIFETIME: Duration = Duration::from_secs(300);

/// A kept page: each form of it (as rendered, and compressed with each
/// coding the first time a reader asks for it) with its headers as the
/// reader receives them, its own strong tag among them.
pub struct Entry {
    at: Instant,
    /// The cache's generation when the page's render began: while it is
    /// still the current one, nothing has changed since.
    generation: u64,
    /// The metrics label of the page's route.
    route: String,
    /// The slugs of the stories the page links to (its own among them).
    links: Box<[Box<str>]>,
    /// A story's page (kept longer), not a list.
    story_page: bool,
    /// A `Last-Modified` still to come when the page was kept: added to
    /// its answers from that second on.
    modified_later: Option<conditional::ModifiedLater>,
    identity: Form,
    gzip: OnceLock<Form>,
    brotli: OnceLock<Form>,
}

/// One form of a page: its bytes and every header a reader gets with them.
#[derive(Clone)]
struct Form {
    headers: HeaderMap,
    body: Bytes,
}

impl Entry {
    /// Whether the page may be served: nothing changed since it was
    /// rendered, or not long ago enough for what it shows.
    fn fresh(&self, ttl: Duration, generation: u64) -> bool {
        if self.generation == generation {
            return true;
        }
        let lifetime = if self.story_page && !ttl.is_zero() { ttl.max(STORY_PAGE_LIFETIME) } else { ttl };
        self.at.elapsed() < lifetime
    }

    fn links_any(&self, slugs: &std::collections::HashSet<&str>) -> bool {
        self.links.iter().any(|l| slugs.contains(&**l))
    }

    /// The page in `coding`, compressed now if no one asked for it before.
    fn form(&self, coding: Coding) -> &Form {
        match coding {
            Coding::Identity => &self.identity,
            Coding::Gzip => self.gzip.get_or_init(|| self.coded(coding, conditional::gzip(&self.identity.body))),
            Coding::Brotli => self.brotli.get_or_init(|| self.coded(coding, conditional::brotli(&self.identity.body))),
        }
    }

    /// The form of `body`, the page compressed with `coding`.
    fn coded(&self, coding: Coding, body: Bytes) -> Form {
        let mut headers = self.identity.headers.clone();
        // The identity form's tag with the coding appended.
        let identity_tag = headers.get(header::ETAG).and_then(|t| t.to_str().ok()).unwrap_or_default();
        let tag = conditional::coded_tag(identity_tag, coding);
        headers.insert(header::ETAG, HeaderValue::from_str(&tag).expect("a tag and a coding name are header-safe"));
        let name = coding.name().expect("a compressed form names its coding");
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        Form { headers, body }
    }

    /// The answer to a request with `request` headers: the form it accepts
    /// best, or `304 Not Modified` when it holds that form already.
    fn respond(&self, request: &HeaderMap) -> Response {
        let coding = if self.identity.body.len() >= MIN_COMPRESSED { Coding::accepted(request) } else { Coding::Identity };
        let form = self.form(coding);
        let tag = form.headers.get(header::ETAG).expect("every form is tagged");
        let come = self.modified_later.as_ref().filter(|later| std::time::SystemTime::now() >= later.0).map(|later| &later.1);
        let modified = form.headers.get(header::LAST_MODIFIED).or(come);
        let mut response = if conditional::client_has(request, tag, modified) {
            conditional::not_modified(&form.headers)
        } else {
            let mut response = Response::new(Body::from(form.body.clone()));
            *response.headers_mut() = form.headers.clone();
            response
        };
        if let Some(date) = come {
            response.headers_mut().insert(header::LAST_MODIFIED, date.clone());
        }
        response
    }
}

/// The flag [`mark`] puts on an answer to keep.
#[derive(Clone, Copy)]
pub struct Kept;

/// The flag [`refill`] puts on its own requests: not a reader's, so not
/// counted in the metrics.
#[derive(Clone, Copy)]
pub struct RenderedAhead;

/// The flag [`fill`] puts on a request whose answer it may keep.
#[derive(Clone, Copy)]
struct Filling;

#[derive(Default)]
pub struct PageCache {
    /// Bytes of pages kept at most (whatever the URIs readers make up);
    /// 0: the cache is off. Compressed forms count when they are made.
    max_bytes: usize,
    entries: RwLock<Entries>,
    /// One lock per key being rendered now; removed when nobody waits.
    inflight: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Counts clearings: a page whose rendering began before the latest
    /// one may show the state before a decision, so it is not kept.
    generation: std::sync::atomic::AtomicU64,
    /// Pages dropped by changes ([`PageCache::stories_changed`]).
    dropped: std::sync::atomic::AtomicU64,
    /// Pages rendered again ahead of readers ([`refill`]).
    refilled: std::sync::atomic::AtomicU64,
    /// The second level: pages kept on disk, read when memory has none.
    stored: Option<Arc<PageStore>>,
    /// Stored pages read, and dropped by changes.
    stored_read: std::sync::atomic::AtomicU64,
    stored_dropped: std::sync::atomic::AtomicU64,
    /// Counts [`PageCache::clear`]s: decisions made here, whose changes the
    /// stored pages have not seen until the follower's next round.
    clears: std::sync::atomic::AtomicU64,
    /// The clearings the stored pages have caught up with (see
    /// [`PageCache::round_done`]); while behind, they are not read.
    store_synced: std::sync::atomic::AtomicU64,
}

#[derive(Default)]
struct Entries {
    pages: HashMap<String, Arc<Entry>>,
    bytes: usize,
}

impl PageCache {
    /// A cache of at most `max_bytes` of pages; 0 is none at all (so is
    /// the default).
    pub fn new(max_bytes: usize) -> PageCache {
        PageCache { max_bytes, ..PageCache::default() }
    }

    /// The same cache over `store`, the stored pages read when memory
    /// has none and written with every page kept.
    pub fn storing(mut self, store: Arc<PageStore>) -> PageCache {
        self.stored = Some(store);
        // Not read before the follower's first round has applied the
        // changes made while this node was down.
        self.clears = 1.into();
        self
    }

    /// Whether pages are kept in memory.
    pub fn enabled(&self) -> bool {
        self.max_bytes > 0
    }

    /// Whether pages are kept at all, in memory or stored.
    pub fn keeps(&self) -> bool {
        self.enabled() || self.stored.is_some()
    }

    /// The stored pages, if there are any.
    pub fn stored(&self) -> Option<&Arc<PageStore>> {
        self.stored.as_ref()
    }

    /// The stored pages, while they have seen every decision made here.
    fn usable_store(&self) -> Option<&PageStore> {
        use std::sync::atomic::Ordering::SeqCst;
        self.stored.as_deref().filter(|_| self.store_synced.load(SeqCst) >= self.clears.load(SeqCst))
    }

    /// Called by the change-log follower before each round: what it
    /// passes to [`PageCache::round_done`] after.
    pub fn round_begins(&self) -> u64 {
        self.clears.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// After a round of the follower that began at `began`: every change
    /// committed before then has been applied to the stored pages, those
    /// of decisions made here (which [`PageCache::clear`]ed) among them.
    pub fn round_done(&self, began: u64) {
        self.store_synced.fetch_max(began, std::sync::atomic::Ordering::SeqCst);
    }

    /// Forgets every page in memory: after a newsroom decision. Stored
    /// pages are not read again until the follower has applied the
    /// decision's change to them.
    pub fn clear(&self) {
        self.clears.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        entries.pages.clear();
        entries.bytes = 0;
    }

    /// Drops the pages that link any of these stories, and every list
    /// (which may now gain one of them); the other story pages are served
    /// for their lifetime from now on. After changes another process or
    /// node made, read from the change log. Pages being rendered now are
    /// not kept (they may have read the state before).
    ///
    /// Answers the addresses of the pages dropped, those rendered most
    /// recently first (at most [`MAX_REFILLED`]): [`refill`] renders them
    /// again, so that their readers find them kept.
    ///
    /// Stored pages that may show something else are dropped too (see
    /// [`PageStore::drop_touched`]).
    pub fn stories_changed(&self, touched: &[Touched]) -> Vec<String> {
        use std::sync::atomic::Ordering::{Relaxed, SeqCst};
        self.generation.fetch_add(1, SeqCst);
        let slugs: std::collections::HashSet<&str> = touched.iter().map(|t| t.slug.as_str()).collect();
        let mut dropped = {
            let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
            entries.remove_where(|entry| !entry.story_page || entry.links_any(&slugs))
        };
        self.dropped.fetch_add(dropped.len() as u64, Relaxed);
        dropped.sort_by_key(|d| std::cmp::Reverse(d.0));
        let again: Vec<String> = dropped.into_iter().take(MAX_REFILLED).map(|(_, key)| key).collect();
        if let Some(store) = &self.stored {
            match store.drop_touched(touched) {
                // Only pages readers kept in memory are rendered again
                // ahead: every change drops many stored pages (the lists,
                // a section's story pages), and rendering them all at
                // once would take the cores from readers under a busy
                // newsroom. The rest are rendered when next asked for.
                Ok(keys) => {
                    self.stored_dropped.fetch_add(keys.len() as u64, Relaxed);
                }
                Err(e) => {
                    // A page that could not be dropped must not be read.
                    tracing::error!(error = %e, "stored pages not dropped; clearing them");
                    if let Err(e) = store.clear() {
                        tracing::error!(error = %e, "stored pages not cleared");
                    }
                }
            }
            // A reader who read a stored page before it was dropped above
            // must not keep it in memory as current.
            self.generation.fetch_add(1, SeqCst);
        }
        again
    }

    /// Forgets every page, stored ones too: after a change to everything.
    pub fn clear_all(&self) {
        self.clear();
        if let Some(store) = &self.stored {
            if let Err(e) = store.clear() {
                tracing::error!(error = %e, "stored pages not cleared");
            }
        }
        self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// Pages dropped by changes, and pages rendered ahead of readers,
    /// since this process started.
    pub fn turnover(&self) -> (u64, u64) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.dropped.load(Relaxed), self.refilled.load(Relaxed))
    }

    /// Stored pages read back, and dropped by changes, since this process
    /// started; with the pages and body bytes in the file now.
    pub fn stored_turnover(&self) -> Option<(u64, u64, i64, i64)> {
        use std::sync::atomic::Ordering::Relaxed;
        let store = self.stored.as_ref()?;
        let (pages, bytes) = store.size().unwrap_or((-1, -1));
        Some((self.stored_read.load(Relaxed), self.stored_dropped.load(Relaxed), pages, bytes))
    }

    /// Pages and bytes kept in memory now.
    pub fn size(&self) -> (usize, usize) {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        (entries.pages.len(), entries.bytes)
    }

    /// The kept answer to `request`, if there is a fresh one; counted in
    /// the metrics as the layers it skips would have.
    pub fn answer<B>(&self, state: &AppState, request: &axum::http::Request<B>) -> Option<Response> {
        let started = Instant::now();
        if !self.keeps() || request.method() != Method::GET {
            return None;
        }
        let key = key(request.uri())?;
        let entry = match self.get(key, state.site.page_cache) {
            Some(entry) => entry,
            None => self.read_stored(key)?,
        };
        let response = entry.respond(request.headers());
        state.metrics.request(&entry.route, response.status().as_u16(), started.elapsed().as_secs_f64());
        Some(response)
    }

    /// The stored page under `key`, kept in memory too from now on.
    fn read_stored(&self, key: &str) -> Option<Arc<Entry>> {
        let store = self.usable_store()?;
        // Read before the page: a change that drops it meanwhile also
        // stops it being kept in memory as current.
        let generation = self.generation();
        let page = match store.get(key) {
            Ok(page) => page?,
            Err(e) => {
                tracing::warn!(error = %e, key, "stored page not read");
                return None;
            }
        };
        self.stored_read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (headers, later) = head_from(&page.head);
        let links = if self.enabled() { linked_stories(&page.body) } else { Box::default() };
        let entry = entry_linking(key, headers, Bytes::from(page.body), page.route, generation, later, links);
        // Compressed when it was stored: readers who accept a coding cost
        // no compression here.
        if let Some(gzip) = page.gzip {
            let _ = entry.gzip.set(entry.coded(Coding::Gzip, Bytes::from(gzip)));
        }
        if let Some(brotli) = page.brotli {
            let _ = entry.brotli.set(entry.coded(Coding::Brotli, Bytes::from(brotli)));
        }
        if self.enabled() {
            self.put_if_current(Some(generation), key, entry.clone());
        }
        Some(entry)
    }

    fn get(&self, key: &str, ttl: Duration) -> Option<Arc<Entry>> {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        let generation = self.generation();
        entries.pages.get(key).filter(|e| e.fresh(ttl, generation)).cloned()
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
        self.put_if_current(None, key, entry(key, headers, body, String::new(), self.generation(), None));
    }

    /// Keeps a page; with `rendered_in`, only if the cache was not cleared
    /// since that generation (checked under the lock `clear` takes after
    /// counting, so no clearing slips between the check and the insert).
    fn put_if_current(&self, rendered_in: Option<u64>, key: &str, entry: Arc<Entry>) {
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        if rendered_in.is_some_and(|g| g != self.generation()) {
            return;
        }
        let added = cost(key, &entry);
        if added > self.max_bytes {
            return;
        }
        if let Some(old) = entries.pages.remove(key) {
            entries.bytes -= cost(key, &old);
        }
        while entries.pages.len() >= MAX_ENTRIES || entries.bytes + added > self.max_bytes {
            entries.make_room();
        }
        entries.bytes += added;
        entries.pages.insert(key.to_string(), entry);
    }
}

impl Entries {
    /// Drops the quarter of the pages rendered longest ago (at least one).
    fn make_room(&mut self) {
        let mut ages: Vec<Instant> = self.pages.values().map(|e| e.at).collect();
        if ages.is_empty() {
            self.bytes = 0;
            return;
        }
        let cut = (ages.len() / 4).max(1);
        let (_, newest_dropped, _) = ages.select_nth_unstable(cut - 1);
        let newest_dropped = *newest_dropped;
        self.remove_where(|entry| entry.at <= newest_dropped);
    }

    /// Removes the pages `gone` picks, giving their bytes back; answers
    /// when each was rendered, and its address.
    fn remove_where(&mut self, gone: impl Fn(&Entry) -> bool) -> Vec<(Instant, String)> {
        let mut removed = Vec::new();
        let mut freed = 0;
        self.pages.retain(|key, entry| {
            if !gone(entry) {
                return true;
            }
            freed += cost(key, entry);
            removed.push((entry.at, key.clone()));
            false
        });
        self.bytes -= freed;
        removed
    }
}

/// The bytes a page counts for: room for its compressed forms too
/// (together well under the page itself).
fn cost(key: &str, entry: &Entry) -> usize {
    key.len() + entry.identity.body.len() * 3 / 2
}

/// The slugs of the stories a page links to (`…/article/{slug}`, in
/// links, alternates, JSON-LD and feeds alike; slugs are lower-case
/// ASCII letters, digits and hyphens), sorted, once each.
fn linked_stories(body: &[u8]) -> Box<[Box<str>]> {
    const MARK: &[u8] = b"/article/";
    let mut slugs = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.windows(MARK.len()).position(|w| w == MARK) {
        rest = &rest[at + MARK.len()..];
        let len = rest.iter().take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || **b == b'-').count();
        if len > 0 {
            slugs.push(String::from_utf8_lossy(&rest[..len]).into_owned().into_boxed_str());
        }
        rest = &rest[len..];
    }
    slugs.sort_unstable();
    slugs.dedup();
    slugs.into_boxed_slice()
}

/// Whether `path` is a story's page (`/{lang}/article/{slug}`, or one of
/// its videos) rather than a list.
fn is_story_page(path: &str) -> bool {
    let mut parts = path.trim_start_matches('/').split('/');
    matches!((parts.next(), parts.next(), parts.next()), (Some(lang), Some("article"), Some(slug)) if lang.len() == 2 && !slug.is_empty())
}

fn entry(
    key: &str,
    headers: HeaderMap,
    body: Bytes,
    route: String,
    generation: u64,
    modified_later: Option<conditional::ModifiedLater>,
) -> Arc<Entry> {
    let links = linked_stories(&body);
    entry_linking(key, headers, body, route, generation, modified_later, links)
}

/// [`entry`] with the links known (or not needed: none for a page that
/// is answered once and not kept in memory).
fn entry_linking(
    key: &str,
    mut headers: HeaderMap,
    body: Bytes,
    route: String,
    generation: u64,
    modified_later: Option<conditional::ModifiedLater>,
    links: Box<[Box<str>]>,
) -> Arc<Entry> {
    // Each form has its own length and tag; hyper writes the length.
    headers.remove(header::CONTENT_LENGTH);
    if !headers.contains_key(header::ETAG) {
        headers
            .insert(header::ETAG, HeaderValue::from_str(&conditional::strong_tag(&body)).expect("hex is a valid header value"));
    }
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    let path = key.split('?').next().unwrap_or(key);
    let story_page = is_story_page(path);
    Arc::new(Entry {
        at: Instant::now(),
        generation,
        route,
        links,
        story_page,
        modified_later,
        identity: Form { headers, body },
        gzip: OnceLock::new(),
        brotli: OnceLock::new(),
    })
}

/// A page's headers as stored: one `name: value` line each. The date of a
/// `Last-Modified` still to come is stored as the field itself.
fn head_bytes(entry: &Entry) -> Vec<u8> {
    let mut head = Vec::with_capacity(512);
    let later = entry.modified_later.as_ref().map(|l| (header::LAST_MODIFIED, &l.1));
    for (name, value) in entry.identity.headers.iter().chain(later.iter().map(|(n, v)| (n, *v))) {
        head.extend_from_slice(name.as_str().as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.push(b'\n');
    }
    head
}

/// The headers [`head_bytes`] stored; a `Last-Modified` whose second has
/// not come yet is answered apart, to be added once it has.
fn head_from(head: &[u8]) -> (HeaderMap, Option<conditional::ModifiedLater>) {
    let mut headers = HeaderMap::new();
    let mut later = None;
    for line in head.split(|b| *b == b'\n') {
        let Some(at) = line.windows(2).position(|w| w == b": ") else { continue };
        let (Ok(name), Ok(value)) = (header::HeaderName::from_bytes(&line[..at]), HeaderValue::from_bytes(&line[at + 2..]))
        else {
            continue;
        };
        if name == header::LAST_MODIFIED {
            let date = conditional::parse_http_date(&value).map(std::time::SystemTime::from);
            if let Some(date) = date.filter(|d| *d > std::time::SystemTime::now()) {
                later = Some(conditional::ModifiedLater(date, value));
                continue;
            }
        }
        headers.append(name, value);
    }
    (headers, later)
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
    if !state.page_cache.keeps() || request.method() != Method::GET {
        return next.run(request).await;
    }
    let Some(key) = key(request.uri()).map(str::to_string) else {
        return next.run(request).await;
    };
    let asked = request.headers().clone();
    // Rendered ahead, nobody waits: stored before the answer, so that a
    // caller rendering many pages knows them stored when it is done.
    let ahead = request.extensions().get::<RenderedAhead>().is_some();
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
                    let later = parts.extensions.get::<conditional::ModifiedLater>().cloned();
                    let entry = entry(&keep_as, parts.headers, bytes, route, generation, later);
                    if cache.enabled() {
                        cache.put_if_current(Some(generation), &keep_as, entry.clone());
                    }
                    let facts = parts.extensions.get::<StoryFacts>().cloned();
                    store(&cache, &keep_as, &entry, facts, generation, ahead);
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

/// Writes a page just rendered to the stored pages, off the request's
/// thread unless `now`, and unless a change came since its render began
/// (`generation`). Addresses with a query are not stored: readers can
/// make up any number.
fn store(cache: &Arc<PageCache>, key: &str, entry: &Entry, story: Option<StoryFacts>, generation: u64, now: bool) {
    if cache.stored.is_none() || key.contains('?') {
        return;
    }
    let mut page = StoredPage {
        story,
        route: entry.route.clone(),
        head: head_bytes(entry),
        body: entry.identity.body.to_vec(),
        gzip: None,
        brotli: None,
        links: entry.links.iter().map(|l| l.to_string()).collect(),
    };
    let (cache, key) = (cache.clone(), key.to_string());
    let mut write = move || {
        let Some(store) = &cache.stored else { return };
        // Compressed once here, off the request path, for every reader
        // who will read it back.
        if page.body.len() >= MIN_COMPRESSED {
            page.gzip = Some(conditional::gzip(&page.body).to_vec());
            page.brotli = Some(conditional::brotli(&page.body).to_vec());
        }
        if let Err(e) = store.put(&key, &page, || cache.generation() == generation) {
            tracing::warn!(error = %e, key, "page not stored");
        }
    };
    if now {
        write();
    } else {
        tokio::task::spawn_blocking(write);
    }
}

/// Renders the pages at `addresses` again and keeps them, one at a time,
/// through the whole router (so they are kept exactly as a reader's
/// request would have kept them): after a change dropped them, their next
/// readers find them ready. A page that no longer renders (a withdrawn
/// story's) is simply not kept.
/// `app` is the site's [`crate::router`] over the `cache`'s state, built
/// once by the caller rather than on every change.
/// Answers how many rendered (status 200).
pub async fn refill(app: axum::Router, cache: Arc<PageCache>, addresses: Vec<String>) -> usize {
    use tower::ServiceExt;
    if addresses.is_empty() || !cache.keeps() {
        return 0;
    }
    let mut rendered = 0;
    for address in addresses {
        let Ok(mut request) = axum::http::Request::get(&address).body(Body::empty()) else { continue };
        request.extensions_mut().insert(RenderedAhead);
        request.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 0))));
        let Ok(response) = app.clone().oneshot(request).await;
        if response.status() == StatusCode::OK {
            cache.refilled.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            rendered += 1;
        }
        // Read to the end, so that nothing is left half-sent.
        let _ = axum::body::to_bytes(response.into_body(), MAX_BODY).await;
    }
    rendered
}

/// Renders reader pages ahead of their readers ([`refill`] through the
/// site's router, built once), for callers outside this crate.
#[derive(Clone)]
pub struct Renderer {
    app: axum::Router,
    cache: Arc<PageCache>,
}

impl Renderer {
    pub fn new(state: AppState) -> Renderer {
        Renderer { cache: state.page_cache.clone(), app: crate::router(state) }
    }

    /// Renders and keeps the pages at `addresses`; answers how many rendered.
    pub async fn render(&self, addresses: Vec<String>) -> usize {
        refill(self.app.clone(), self.cache.clone(), addresses).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touched(slugs: &[&str]) -> Vec<Touched> {
        let story = |slug: &&str| Touched {
            slug: slug.to_string(),
            lang: "en".into(),
            category: "local".into(),
            author: None,
            video: false,
        };
        slugs.iter().map(story).collect()
    }

    #[tokio::test]
    async fn a_thousand_readers_of_a_missing_page_cost_one_render() {
        let cache = Arc::new(PageCache::new(1 << 20));
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
                        let page =
                            entry("/en/", HeaderMap::new(), Bytes::from_static(b"front page"), String::new(), generation, None);
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
        let kept = entry("/en/article/x", HeaderMap::new(), Bytes::from(page.clone()), String::new(), 0, None);
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
        let tiny = entry("/en/", HeaderMap::new(), Bytes::from_static(b"small"), String::new(), 0, None);
        let mut asks_br = HeaderMap::new();
        asks_br.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("br"));
        assert!(tiny.respond(&asks_br).headers().get(header::CONTENT_ENCODING).is_none(), "too small to compress");
    }

    #[test]
    fn the_cache_is_bounded_in_bytes_and_makes_room_from_the_oldest() {
        let page = Bytes::from(vec![b'x'; 1024 * 1024]);
        let key = |i: usize| format!("/en/category/news?p={i}");
        // A page counts half again for its compressed forms.
        let cache = PageCache::new(8 * (key(0).len() + page.len() * 3 / 2));
        for i in 0..8 {
            cache.put(&key(i), HeaderMap::new(), page.clone());
        }
        assert_eq!(cache.size().0, 8);
        // A ninth makes room: the oldest quarter (two) go, the newest stay.
        cache.put(&key(8), HeaderMap::new(), page.clone());
        let ttl = Duration::from_secs(10);
        assert_eq!(cache.size().0, 7);
        assert!(cache.get(&key(0), ttl).is_none() && cache.get(&key(1), ttl).is_none());
        assert!((2..=8).all(|i| cache.get(&key(i), ttl).is_some()));
        assert_eq!(cache.size().1, 7 * (key(0).len() + page.len() * 3 / 2));
        cache.put(&key(8), HeaderMap::new(), Bytes::from_static(b"small"));
        assert_eq!(
            cache.size().1,
            6 * (key(0).len() + page.len() * 3 / 2) + key(8).len() + 5 * 3 / 2,
            "a replaced page's bytes are given back"
        );
        let small = PageCache::new(1000);
        small.put("/en/", HeaderMap::new(), page.clone());
        assert_eq!(small.size(), (0, 0), "a page larger than the whole cache is not kept");
        let off = PageCache::default();
        assert!(!off.enabled());
        let many = PageCache::new(1 << 30);
        for i in 0..=MAX_ENTRIES {
            many.put(&format!("/en/?p={i}"), HeaderMap::new(), Bytes::from_static(b"p"));
        }
        assert!(many.size().0 <= MAX_ENTRIES);
    }

    #[test]
    fn a_page_rendered_before_a_clearing_is_not_kept() {
        let cache = PageCache::new(1 << 20);
        let rendered_in = cache.generation();
        cache.clear();
        cache.put_if_current(
            Some(rendered_in),
            "/en/",
            entry("/en/", HeaderMap::new(), Bytes::from_static(b"old"), String::new(), rendered_in, None),
        );
        assert_eq!(cache.size().0, 0, "it may show the state before the decision");
        cache.put_if_current(
            Some(cache.generation()),
            "/en/",
            entry("/en/", HeaderMap::new(), Bytes::from_static(b"new"), String::new(), cache.generation(), None),
        );
        assert_eq!(cache.size().0, 1);
    }

    #[test]
    fn a_change_drops_the_pages_that_link_the_story_and_every_list() {
        let cache = PageCache::new(1 << 20);
        let page = |links: &[&str]| {
            let body: String = links.iter().map(|l| format!("<a href=\"https://x.example/vi/article/{l}\">t</a>")).collect();
            Bytes::from(body)
        };
        cache.put("/en/article/ferry", HeaderMap::new(), page(&["ferry", "bridge"]));
        cache.put("/vi/article/ferry", HeaderMap::new(), page(&["ferry"]));
        cache.put("/en/article/rice?notice=sent", HeaderMap::new(), page(&["rice", "harvest"]));
        cache.put("/en/article/port/video/1", HeaderMap::new(), page(&["port"]));
        cache.put("/en/", HeaderMap::new(), page(&["rice"]));
        cache.put("/en/category/local/feed.xml", HeaderMap::new(), page(&[]));
        // Nothing changed since: served whatever page_cache_secs says.
        assert!(cache.get("/en/", Duration::ZERO).is_some());
        let generation = cache.generation();
        cache.stories_changed(&touched(&["bridge"]));
        assert!(cache.generation() > generation, "renders under way are not kept");
        let kept = |key: &str, ttl: u64| cache.get(key, Duration::from_secs(ttl)).is_some();
        assert!(!kept("/en/article/ferry", 10), "links the changed story");
        assert!(!kept("/en/", 10) && !kept("/en/category/local/feed.xml", 10), "lists may gain the story");
        assert!(
            kept("/vi/article/ferry", 10) && kept("/en/article/rice?notice=sent", 10) && kept("/en/article/port/video/1", 10)
        );
        assert!(!kept("/vi/article/ferry", 0), "page_cache_secs 0: nothing lags");
        // Twenty seconds on, the story page is still served.
        let twenty_seconds_ago = {
            let kept = cache.entries.read().unwrap().pages.get("/en/article/port/video/1").unwrap().clone();
            let at = Instant::now().checked_sub(Duration::from_secs(20)).unwrap();
            let (identity, links) = (kept.identity.clone(), kept.links.clone());
            Entry {
                at,
                gzip: OnceLock::new(),
                brotli: OnceLock::new(),
                identity,
                route: String::new(),
                links,
                modified_later: None,
                ..*kept
            }
        };
        assert!(twenty_seconds_ago.fresh(Duration::from_secs(10), cache.generation()));
        assert!(twenty_seconds_ago.fresh(Duration::ZERO, twenty_seconds_ago.generation), "unchanged since: exact");
        cache.stories_changed(&touched(&["ferry", "harvest"]));
        assert_eq!(cache.size().0, 1, "only the port's video page is left");
        let left = cache.size().1;
        assert_eq!(left, "/en/article/port/video/1".len() + page(&["port"]).len() * 3 / 2, "bytes given back");
    }

    #[test]
    fn links_to_stories_are_read_from_the_page() {
        let body = br#"<link rel="alternate" hreflang="vi" href="/vi/article/ha-tinh-2024"><a href="/en/article/ferry-2">x</a>
            "url":"https://loa.example/en/article/ferry-2" <a href="/en/article/">empty</a> /article/Upper"#;
        let links = linked_stories(body);
        let links: Vec<&str> = links.iter().map(|l| &**l).collect();
        assert_eq!(links, ["ferry-2", "ha-tinh-2024"]);
        assert!(is_story_page("/en/article/ferry") && is_story_page("/en/article/ferry/video/2"));
        assert!(!is_story_page("/en/") && !is_story_page("/en/category/article") && !is_story_page("/en/article/"));
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
