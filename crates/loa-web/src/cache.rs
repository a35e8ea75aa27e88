//! A short-lived cache of rendered reader pages ("micro-caching", as news
//! sites put in front of their renderers): a page asked for again within
//! a few seconds is served from memory instead of rebuilt from the store
//! and the index. Newsroom decisions made here clear it at once; changes
//! made by other processes (workers, the command line) show within the
//! time-to-live.
//!
//! Only what is the same for every reader is kept: `GET` answers with
//! status 200 on reader paths, without cookies or `no-store`. The key is
//! the whole URI, so each query (a search, a notice after posting a
//! comment) is its own entry.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// Entries kept at most; past that the cache starts over.
const MAX_ENTRIES: usize = 4096;
/// Pages larger than this are not kept.
const MAX_BODY: usize = 2 * 1024 * 1024;

struct Entry {
    at: Instant,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Default)]
pub struct PageCache {
    entries: RwLock<HashMap<String, Entry>>,
}

impl PageCache {
    /// Forgets every page: after a newsroom decision.
    pub fn clear(&self) {
        self.entries.write().unwrap_or_else(|p| p.into_inner()).clear();
    }

    fn get(&self, key: &str, ttl: Duration) -> Option<Response> {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        let entry = entries.get(key).filter(|e| e.at.elapsed() < ttl)?;
        let mut response = (StatusCode::OK, entry.body.clone()).into_response();
        *response.headers_mut() = entry.headers.clone();
        Some(response)
    }

    fn put(&self, key: String, headers: HeaderMap, body: Bytes) {
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, Entry { at: Instant::now(), headers, body });
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

/// The middleware: answers from the cache, or renders and keeps.
pub async fn micro_cache(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let ttl = state.site.page_cache;
    if ttl.is_zero() || request.method() != Method::GET || !cacheable(request.uri().path()) {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    if let Some(hit) = state.page_cache.get(&key, ttl) {
        return hit;
    }
    let response = next.run(request).await;
    let keep = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && !response.headers().get(header::CACHE_CONTROL).is_some_and(|v| v.as_bytes().starts_with(b"no-store"));
    if !keep {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => {
            state.page_cache.put(key, parts.headers.clone(), bytes.clone());
            Response::from_parts(parts, Body::from(bytes))
        }
        // Too large to keep, or the body failed: this reader gets an error,
        // the next one a fresh render.
        Err(e) => {
            tracing::warn!(error = %e, "page not cached");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cacheable;

    #[test]
    fn only_reader_pages_are_kept() {
        for yes in ["/en/", "/en/article/x", "/vi/category/news", "/ru/search", "/en/feed.xml", "/sitemap.xml"] {
            assert!(cacheable(yes), "{yes}");
        }
        for no in ["/", "/en/newsroom/", "/es/newsroom/review/x/es", "/api/v1/review", "/api/v1/search", "/healthz", "/media/a.jpg", "/static/style.css"] {
            assert!(!cacheable(no), "{no}");
        }
    }
}
