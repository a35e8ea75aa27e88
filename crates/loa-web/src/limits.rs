//! Rate limits per client address (and per account for sign-in), counted
//! in the store so that every node serving the portal shares one count:
//! a client spreading requests over the nodes behind a balancer gets no
//! more than from one. Search pages and the JSON API are limited by a
//! layer in front of the router ([`rate_limit`]); sign-in and comments by
//! their handlers, which also forgive what turned out fine.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::auth::throttle_key;
use crate::client::client_address;
use crate::AppState;

/// How much one client may ask of the public parts; 0 turns a limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Search pages (`/{lang}/search`) per address per minute.
    pub search_per_minute: u32,
    /// JSON API requests (`/api/…`) per address per minute.
    pub api_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { search_per_minute: 60, api_per_minute: 120 }
    }
}

/// What is counted, each with its own limit and window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// Failed sign-ins per address: 10 per 15 minutes.
    SignInAddress,
    /// Failed sign-ins per account, from any address: 20 per 15 minutes,
    /// so guesses spread over many addresses still meet a wall.
    SignInAccount,
    /// Comments per address: 5 per 10 minutes.
    Comments,
    Search,
    Api,
}

impl Bucket {
    const ALL: [Bucket; 5] = [Bucket::SignInAddress, Bucket::SignInAccount, Bucket::Comments, Bucket::Search, Bucket::Api];

    fn name(self) -> &'static str {
        match self {
            Bucket::SignInAddress => "sign-in",
            Bucket::SignInAccount => "sign-in-account",
            Bucket::Comments => "comments",
            Bucket::Search => "search",
            Bucket::Api => "api",
        }
    }

    /// (limit, window); a zero limit is no limit.
    fn rule(self, limits: &Limits) -> (u32, Duration) {
        const MINUTE: Duration = Duration::from_secs(60);
        match self {
            Bucket::SignInAddress => (10, 15 * MINUTE),
            Bucket::SignInAccount => (20, 15 * MINUTE),
            Bucket::Comments => (5, 10 * MINUTE),
            Bucket::Search => (limits.search_per_minute, MINUTE),
            Bucket::Api => (limits.api_per_minute, MINUTE),
        }
    }

    /// Whether the store being unreachable refuses (sign-in, comments,
    /// which need it anyway) or lets through (reading search and the API).
    fn fails_closed(self) -> bool {
        matches!(self, Bucket::SignInAddress | Bucket::SignInAccount | Bucket::Comments)
    }
}

/// The counters' side of [`crate::Guards`]: the limits and a count of
/// events, so stale keys are pruned every so often.
#[derive(Debug, Default)]
pub struct RateLimits {
    pub limits: Limits,
    taken: AtomicU64,
}

impl RateLimits {
    const PRUNE_EVERY: u64 = 1024;

    pub fn new(limits: Limits) -> RateLimits {
        RateLimits { limits, taken: AtomicU64::new(0) }
    }

    /// Counts one event of `key` in `bucket` if it is under its limit.
    pub async fn take(&self, store: &loa_store::Store, bucket: Bucket, key: &str) -> bool {
        let (limit, window) = bucket.rule(&self.limits);
        if limit == 0 {
            return true;
        }
        if self.taken.fetch_add(1, Ordering::Relaxed) % Self::PRUNE_EVERY == Self::PRUNE_EVERY - 1 {
            for b in Bucket::ALL {
                if let Err(e) = store.throttle_prune(b.name(), b.rule(&self.limits).1).await {
                    tracing::warn!(error = %e, "rate-limit counters not pruned");
                }
            }
        }
        match store.throttle_take(bucket.name(), key, limit, window).await {
            Ok(ok) => ok,
            Err(e) => {
                tracing::error!(error = %e, bucket = bucket.name(), "rate-limit counter unavailable");
                !bucket.fails_closed()
            }
        }
    }

    /// Takes back the latest event of `key` (a sign-in that succeeded).
    pub async fn forgive(&self, store: &loa_store::Store, bucket: Bucket, key: &str) {
        if let Err(e) = store.throttle_forgive(bucket.name(), key).await {
            tracing::warn!(error = %e, "rate-limit event not forgiven");
        }
    }
}

/// The bucket a request path is limited by, if any.
pub(crate) fn bucket_of(path: &str) -> Option<Bucket> {
    if path.starts_with("/api/") {
        return Some(Bucket::Api);
    }
    let mut parts = path.trim_start_matches('/').split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(lang), Some("search"), None) if lang.len() == 2 => Some(Bucket::Search),
        _ => None,
    }
}

/// The layer limiting search pages and the API per client address: over
/// the limit, `429 Too Many Requests` with `Retry-After`, as JSON for the
/// API and as a page in its language for search.
pub async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(bucket) = bucket_of(request.uri().path()) else {
        return next.run(request).await;
    };
    let address = match request.extensions().get::<ConnectInfo<std::net::SocketAddr>>() {
        Some(ConnectInfo(peer)) => client_address(*peer, request.headers(), &state.site.trusted_proxies),
        None => return next.run(request).await,
    };
    if state.guards.rate.take(&state.store, bucket, &throttle_key(address)).await {
        return next.run(request).await;
    }
    let mut response = match bucket {
        Bucket::Api => crate::handlers::api::lists::api_error(
            StatusCode::TOO_MANY_REQUESTS,
            "too many requests from this address; try again in a minute",
        ),
        _ => {
            let code = request.uri().path().trim_start_matches('/').split('/').next().unwrap_or_default();
            let lang = state.site.page_lang(code).unwrap_or_else(|| state.site.fallback_lang());
            crate::handlers::notice_page(&state, lang, StatusCode::TOO_MANY_REQUESTS, "rate-limited-title", "rate-limited-body")
        }
    };
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_pages_and_the_api_are_limited_other_pages_not() {
        assert_eq!(bucket_of("/api/v1/search"), Some(Bucket::Api));
        assert_eq!(bucket_of("/api/v1/articles/x"), Some(Bucket::Api));
        assert_eq!(bucket_of("/vi/search"), Some(Bucket::Search));
        assert_eq!(bucket_of("/vi/search/"), None);
        assert_eq!(bucket_of("/vi/article/search"), None);
        assert_eq!(bucket_of("/vi/"), None);
        assert_eq!(bucket_of("/static/style.css"), None);
    }
}
