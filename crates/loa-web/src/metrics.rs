//! `/metrics` in the Prometheus text format: what one node has served
//! (requests by route and status, latency histograms), what it fetched and
//! translated (fetch errors by host, words by engine, counted by the binary
//! through [`Metrics`]), and the cluster's job queue as the store sees it
//! (depth, age of the oldest waiting job, failures). Each node answers for
//! itself; Prometheus adds them up.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

/// Hosts and engines kept apart at most; past that they count as `other`,
/// so an outlet list cannot grow the answer without end.
const MAX_LABELS: usize = 500;

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// What one route pattern answered.
#[derive(Default)]
struct Route {
    statuses: BTreeMap<u16, u64>,
    latency: Histogram,
}

#[derive(Default)]
struct Counters {
    routes: BTreeMap<String, Route>,
    fetch_errors: BTreeMap<String, u64>,
    words: BTreeMap<String, u64>,
}

/// Counters of one process. Cheap to share behind an `Arc`.
#[derive(Default)]
pub struct Metrics {
    counters: Mutex<Counters>,
}

fn bump(map: &mut BTreeMap<String, u64>, key: &str, by: u64) {
    let key = if map.len() >= MAX_LABELS && !map.contains_key(key) { "other" } else { key };
    *map.entry(key.to_string()).or_default() += by;
}

impl Metrics {
    fn counters(&self) -> std::sync::MutexGuard<'_, Counters> {
        self.counters.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A page or feed that could not be fetched from `host`.
    pub fn fetch_error(&self, host: &str) {
        bump(&mut self.counters().fetch_errors, host, 1);
    }

    /// Words of source text an engine translated (memory hits not counted).
    pub fn translated_words(&self, engine: &str, words: u64) {
        bump(&mut self.counters().words, engine, words);
    }

    pub(crate) fn request(&self, route: &str, status: u16, seconds: f64) {
        let mut c = self.counters();
        // A known route is found by its name: no allocation per request.
        if !c.routes.contains_key(route) {
            c.routes.insert(route.to_string(), Route::default());
        }
        let r = c.routes.get_mut(route).expect("inserted above");
        *r.statuses.entry(status).or_default() += 1;
        let h = &mut r.latency;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum += seconds;
    }

    fn render(&self, out: &mut String) {
        let c = self.counters();
        out.push_str(
            "# HELP loa_http_requests_total Requests answered, by route and status.\n# TYPE loa_http_requests_total counter\n",
        );
        for (route, r) in &c.routes {
            for (status, n) in &r.statuses {
                let _ = writeln!(out, "loa_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}", label(route));
            }
        }
        out.push_str("# HELP loa_http_request_duration_seconds Time to answer, by route.\n# TYPE loa_http_request_duration_seconds histogram\n");
        for (route, r) in &c.routes {
            let (route, h) = (label(route), &r.latency);
            for (bound, n) in BUCKETS.iter().zip(h.counts) {
                let _ = writeln!(out, "loa_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {n}");
            }
            let _ = writeln!(out, "loa_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}", h.count);
            let _ = writeln!(out, "loa_http_request_duration_seconds_sum{{route=\"{route}\"}} {}", h.sum);
            let _ = writeln!(out, "loa_http_request_duration_seconds_count{{route=\"{route}\"}} {}", h.count);
        }
        out.push_str("# HELP loa_fetch_errors_total Fetches that failed, by host.\n# TYPE loa_fetch_errors_total counter\n");
        for (host, n) in &c.fetch_errors {
            let _ = writeln!(out, "loa_fetch_errors_total{{host=\"{}\"}} {n}", label(host));
        }
        out.push_str("# HELP loa_translated_words_total Source words sent to an engine, by engine.\n# TYPE loa_translated_words_total counter\n");
        for (engine, n) in &c.words {
            let _ = writeln!(out, "loa_translated_words_total{{engine=\"{}\"}} {n}", label(engine));
        }
    }
}

/// A label value as the text format wants it.
fn label(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// The words of loa's routes; any other segment is a parameter.
const ROUTE_WORDS: &[&str] = &[
    "api",
    "v1",
    "search",
    "articles",
    "editions",
    "sources",
    "review",
    "article",
    "category",
    "author",
    "place",
    "newsroom",
    "sign-in",
    "sign-out",
    "comments",
    "corrections",
    "feed.xml",
    "rss.xml",
    "feed.json",
    "sitemap.xml",
    "sitemaps",
    "robots.txt",
    "healthz",
    "metrics",
    "static",
    "style.css",
    "media",
];

/// A request's route pattern (`/{lang}/article/{slug}`), not its path, so
/// slugs and made-up paths do not make a label each.
pub(crate) fn route_label(path: &str) -> String {
    let mut out = String::new();
    for (i, seg) in path.trim_start_matches('/').split('/').take(6).enumerate() {
        out.push('/');
        if seg.is_empty() || ROUTE_WORDS.contains(&seg) {
            out.push_str(seg);
        } else if i == 0 && seg.len() == 2 && seg.bytes().all(|b| b.is_ascii_lowercase()) {
            out.push_str("{lang}");
        } else {
            out.push_str("{param}");
        }
    }
    out
}

/// Counts every request, the page cache's answers included, by route
/// pattern and status, with how long it took.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.extensions().get::<crate::cache::RenderedAhead>().is_some() {
        return next.run(request).await;
    }
    let route = route_label(request.uri().path());
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.request(&route, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}

/// `/metrics`: for this machine and the addresses in `metrics_from`.
pub async fn metrics(State(state): State<AppState>, request: Request) -> Response {
    // A scraper on this machine asks directly; a request through the
    // proxy names its reader, who must be allowed. (Unlike the newsroom
    // API, a loopback request with no forwarded address is this machine's:
    // the counters reveal no story and no member.)
    let allowed = request.extensions().get::<ConnectInfo<SocketAddr>>().is_some_and(|ConnectInfo(addr)| {
        let ip = if request.headers().contains_key("x-forwarded-for") {
            crate::client::forwarded_client(*addr, request.headers(), &state.site.trusted_proxies)
        } else {
            Some(addr.ip())
        };
        ip.is_some_and(|ip| ip.is_loopback() || state.site.metrics_from.iter().any(|n| n.contains(ip)))
    });
    if !allowed {
        return (StatusCode::FORBIDDEN, "metrics are for this machine and metrics_from\n").into_response();
    }
    let mut out = String::with_capacity(8192);
    state.metrics.render(&mut out);
    if let Err(e) = queue(&state, &mut out).await {
        tracing::error!(error = %e, "metrics: the job queue could not be read");
        out.push_str("# the job queue could not be read\nloa_store_up 0\n");
    } else {
        out.push_str("# HELP loa_store_up Whether the store answered.\n# TYPE loa_store_up gauge\nloa_store_up 1\n");
    }
    let (pages, bytes) = state.page_cache.size();
    let (dropped, refilled) = state.page_cache.turnover();
    let _ = writeln!(out, "# HELP loa_page_cache_dropped_total Pages dropped because a story they show changed.\n# TYPE loa_page_cache_dropped_total counter\nloa_page_cache_dropped_total {dropped}");
    let _ = writeln!(out, "# HELP loa_page_cache_refilled_total Dropped pages rendered again before a reader asked.\n# TYPE loa_page_cache_refilled_total counter\nloa_page_cache_refilled_total {refilled}");
    let _ = writeln!(out, "# HELP loa_page_cache_pages Pages kept in this node's page cache.\n# TYPE loa_page_cache_pages gauge\nloa_page_cache_pages {pages}");
    let _ = writeln!(out, "# HELP loa_page_cache_bytes Bytes the kept pages count for.\n# TYPE loa_page_cache_bytes gauge\nloa_page_cache_bytes {bytes}");
    if let Some((read, dropped, pages, bytes)) = state.page_cache.stored_turnover() {
        let _ = writeln!(out, "# HELP loa_stored_pages_read_total Pages read back from this node's stored pages.\n# TYPE loa_stored_pages_read_total counter\nloa_stored_pages_read_total {read}");
        let _ = writeln!(out, "# HELP loa_stored_pages_dropped_total Stored pages dropped because a change may alter them.\n# TYPE loa_stored_pages_dropped_total counter\nloa_stored_pages_dropped_total {dropped}");
        let _ = writeln!(
            out,
            "# HELP loa_stored_pages Pages in this node's stored pages.\n# TYPE loa_stored_pages gauge\nloa_stored_pages {pages}"
        );
        let _ = writeln!(out, "# HELP loa_stored_pages_bytes Bytes of the stored pages' bodies.\n# TYPE loa_stored_pages_bytes gauge\nloa_stored_pages_bytes {bytes}");
    }
    let _ = writeln!(out, "# HELP loa_search_documents Editions in this node's search index.\n# TYPE loa_search_documents gauge\nloa_search_documents {}", state.search.num_docs());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], out)
        .into_response()
}

async fn queue(state: &AppState, out: &mut String) -> Result<(), loa_store::StoreError> {
    out.push_str("# HELP loa_jobs Jobs in the store's queue, by kind and state.\n# TYPE loa_jobs gauge\n");
    let mut ages = String::new();
    for kind in loa_store::JobKind::ALL {
        let c = state.store.job_counts(kind).await?;
        for (name, n) in [("pending", c.pending), ("running", c.running), ("done", c.done), ("failed", c.failed)] {
            let _ = writeln!(out, "loa_jobs{{kind=\"{}\",state=\"{name}\"}} {n}", kind.as_str());
        }
        let age = state.store.oldest_pending_age(kind).await?.map(|d| d.num_milliseconds() as f64 / 1000.0).unwrap_or(0.0);
        let _ = writeln!(ages, "loa_job_oldest_pending_seconds{{kind=\"{}\"}} {age}", kind.as_str());
    }
    out.push_str("# HELP loa_job_oldest_pending_seconds How long the oldest due job has waited.\n# TYPE loa_job_oldest_pending_seconds gauge\n");
    out.push_str(&ages);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_render_as_prometheus_text() {
        let m = Metrics::default();
        m.request(&route_label("/en/article/hoi-an-lights"), 200, 0.004);
        m.request(&route_label("/vi/article/other-story"), 200, 0.3);
        assert_eq!(route_label("/en/newsroom/review/a-b/es"), "/{lang}/newsroom/review/{param}/{param}");
        assert_eq!(route_label("/"), "/");
        assert_eq!(route_label("/a/b/c/d/e/f/g/h/i"), "/{param}/{param}/{param}/{param}/{param}/{param}");
        m.fetch_error("herald.example");
        m.translated_words("apertium", 120);
        let mut out = String::new();
        m.render(&mut out);
        assert!(out.contains("loa_http_requests_total{route=\"/{lang}/article/{param}\",status=\"200\"} 2"), "{out}");
        assert!(out.contains("loa_http_request_duration_seconds_bucket{route=\"/{lang}/article/{param}\",le=\"0.005\"} 1"));
        assert!(out.contains("loa_http_request_duration_seconds_bucket{route=\"/{lang}/article/{param}\",le=\"+Inf\"} 2"));
        assert!(out.contains("loa_fetch_errors_total{host=\"herald.example\"} 1"));
        assert!(out.contains("loa_translated_words_total{engine=\"apertium\"} 120"));
    }

    #[test]
    fn labels_are_bounded_and_escaped() {
        let m = Metrics::default();
        for i in 0..(MAX_LABELS + 10) {
            m.fetch_error(&format!("h{i}.example"));
        }
        assert_eq!(m.counters().fetch_errors.len(), MAX_LABELS + 1, "the rest count as other");
        assert_eq!(label("a\"b\\c"), "a\\\"b\\\\c");
    }
}
