//! HTTP caching as crawlers and CDNs expect it: every public `GET` answer
//! gets a strong `ETag` (the SHA-256 of the rendered bytes, with the
//! content coding appended when compressed, so each encoding has its own;
//! the page cache keeps the tag with the page), a request whose `If-None-Match` names it
//! gets `304 Not Modified` with no body, and reader pages, feeds and
//! sitemaps get a `Cache-Control` a shared cache can use: fresh for
//! `page_cache_secs` in a CDN (`s-maxage`), served stale for a minute
//! while it revalidates, revalidated by browsers every time (`max-age=0`).
//!
//! Answers that set a cookie or say how to cache themselves (the newsroom's
//! `no-store`, the stylesheet, content-addressed pictures) keep their own
//! rules; only their ETag is added.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// Larger answers pass untagged rather than being held in memory.
const MAX_TAGGED_BYTES: usize = 16 * 1024 * 1024;

/// Tags an answer (inside compression): its ETag is the SHA-256 of the
/// bytes as rendered, unless it has one already (the page cache tags what
/// it keeps, so a cached page is never hashed again), and public
/// documents get their `Cache-Control`.
pub async fn tag(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    if !parts.headers.contains_key(header::CACHE_CONTROL) && is_public_document(&parts.headers) {
        let secs = state.site.page_cache.as_secs();
        let rule = format!("public, max-age=0, s-maxage={secs}, stale-while-revalidate=60");
        parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_str(&rule).expect("ascii"));
    }
    if parts.headers.contains_key(header::ETAG) {
        return Response::from_parts(parts, body);
    }
    let bytes = match to_bytes(body, MAX_TAGGED_BYTES).await {
        Ok(b) => b,
        // Too large (or broken mid-way): the body is gone, so say so.
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    parts.headers.insert(header::ETAG, HeaderValue::from_str(&strong_tag(&bytes)).expect("hex is a valid header value"));
    Response::from_parts(parts, Body::from(bytes))
}

/// Answers revalidations (outside compression): a compressed answer's tag
/// names its encoding (`"…-br"`), so each representation has its own
/// strong tag, and a request whose `If-None-Match` names the tag gets
/// `304 Not Modified` without a body.
pub async fn revalidate(request: Request, next: Next) -> Response {
    let wanted = request.headers().get(header::IF_NONE_MATCH).cloned();
    let mut response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let Some(tag) = response.headers().get(header::ETAG).and_then(|t| t.to_str().ok()).map(str::to_string) else {
        return response;
    };
    let encoding = response.headers().get(header::CONTENT_ENCODING).and_then(|e| e.to_str().ok()).map(str::to_string);
    let tag = match encoding {
        Some(enc) if tag.ends_with('"') => format!("{}-{enc}\"", &tag[..tag.len() - 1]),
        _ => tag,
    };
    let value = HeaderValue::from_str(&tag).expect("a tag and an encoding name are header-safe");
    response.headers_mut().insert(header::ETAG, value);
    if wanted.as_ref().is_some_and(|w| matches_any(w, &tag)) {
        let mut not_modified = Response::new(Body::empty());
        *not_modified.status_mut() = StatusCode::NOT_MODIFIED;
        // RFC 9110 15.4.5: the fields a 200 would have carried for caching.
        for name in [header::ETAG, header::CACHE_CONTROL, header::VARY, header::CONTENT_LOCATION, header::EXPIRES] {
            if let Some(v) = response.headers().get(&name) {
                not_modified.headers_mut().insert(name, v.clone());
            }
        }
        return not_modified;
    }
    response
}

/// Pages, feeds and sitemaps; not JSON answers (the API caches its own way).
fn is_public_document(headers: &HeaderMap) -> bool {
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    ["text/html", "application/atom+xml", "application/rss+xml", "application/feed+json", "application/xml", "text/plain"]
        .iter()
        .any(|k| kind.starts_with(k))
}

pub(crate) fn strong_tag(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    let hex: String = digest.as_ref()[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// `If-None-Match`: `*`, or a list of tags (weak ones compared weakly, as
/// RFC 9110 13.1.2 asks for this header).
fn matches_any(header: &HeaderValue, tag: &str) -> bool {
    let Ok(list) = header.to_str() else { return false };
    list.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_follow_the_bytes() {
        assert_eq!(strong_tag(b"abc"), strong_tag(b"abc"));
        assert_ne!(strong_tag(b"abc"), strong_tag(b"abd"));
        assert!(strong_tag(b"").starts_with('"') && strong_tag(b"").len() == 34);
    }

    #[test]
    fn if_none_match_lists_are_read() {
        let tag = strong_tag(b"page");
        assert!(matches_any(&HeaderValue::from_str(&tag).unwrap(), &tag));
        assert!(matches_any(&HeaderValue::from_str(&format!("\"other\", W/{tag}")).unwrap(), &tag));
        assert!(matches_any(&HeaderValue::from_static("*"), &tag));
        assert!(!matches_any(&HeaderValue::from_static("\"other\""), &tag));
    }
}
