//! HTTP caching as crawlers and CDNs expect it: every public `GET` answer
//! gets a strong `ETag` (the SHA-256 of the rendered bytes, with the
//! content coding appended when compressed, so each encoding has its own;
//! the page cache keeps the tag with the page), pages, feeds and sitemaps
//! get a `Last-Modified` ([`Validators`]), a request whose `If-None-Match`
//! names the tag (or, without one, whose `If-Modified-Since` is not
//! older than the page) gets `304 Not Modified` with no body, and reader
//! pages, feeds and sitemaps get a `Cache-Control` a shared cache can use:
//! fresh for `page_cache_secs` in a CDN (`s-maxage`), served stale for a
//! minute while it revalidates, revalidated by browsers every time
//! (`max-age=0`).
//!
//! Answers that set a cookie or say how to cache themselves (the newsroom's
//! `no-store`, the stylesheet, content-addressed pictures) keep their own
//! rules; only their ETag is added.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// Larger answers pass untagged rather than being held in memory (a full
/// sitemap page, the largest answer, stays under the protocol's 50 MB).
const MAX_TAGGED_BYTES: usize = 64 * 1024 * 1024;
/// Addresses whose validators are remembered; past that they start over.
const MAX_VALIDATORS: usize = 100_000;

/// Tags an answer (inside compression): its ETag is the SHA-256 of the
/// bytes as rendered, unless it has one already, and public documents get
/// their `Cache-Control` and `Last-Modified`.
pub async fn tag(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let address = request.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let public = is_public_document(&parts.headers);
    if !parts.headers.contains_key(header::CACHE_CONTROL) && public {
        let secs = state.site.page_cache.as_secs();
        let rule = format!("public, max-age=0, s-maxage={secs}, stale-while-revalidate=60");
        parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_str(&rule).expect("ascii"));
    }
    let too_large = axum::body::HttpBody::size_hint(&body).lower() > MAX_TAGGED_BYTES as u64;
    let body = if parts.headers.contains_key(header::ETAG) || too_large {
        body
    } else {
        let bytes = match to_bytes(body, MAX_TAGGED_BYTES).await {
            Ok(b) => b,
            // Broken mid-way: the body is gone, so say so.
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
        parts.headers.insert(header::ETAG, HeaderValue::from_str(&strong_tag(&bytes)).expect("hex is a valid header value"));
        Body::from(bytes)
    };
    if public && !parts.headers.contains_key(header::LAST_MODIFIED) {
        let tag = parts.headers.get(header::ETAG).and_then(|t| t.to_str().ok()).unwrap_or_default();
        let now = SystemTime::now();
        let at = state.validators.last_modified(&address, tag, now);
        if at <= now {
            parts.headers.insert(header::LAST_MODIFIED, http_date(at));
        } else {
            parts.extensions.insert(ModifiedLater(at, http_date(at)));
        }
    }
    Response::from_parts(parts, body)
}

/// Answers revalidations (outside compression): a compressed answer's tag
/// names its encoding (`"…-br"`), so each representation has its own
/// strong tag, and a request that holds the answer already gets
/// `304 Not Modified` without a body. Answers the page cache keeps pass
/// whole: it answers those itself.
pub async fn revalidate(request: Request, next: Next) -> Response {
    let asked = request.headers().clone();
    let mut response = next.run(request).await;
    if response.status() != StatusCode::OK || response.extensions().get::<crate::cache::Kept>().is_some() {
        return response;
    }
    let Some(tag) = response.headers().get(header::ETAG).and_then(|t| t.to_str().ok()).map(str::to_string) else {
        return response;
    };
    let coding = Coding::sent(response.headers());
    let tag = HeaderValue::from_str(&coded_tag(&tag, coding)).expect("a tag and an encoding name are header-safe");
    if client_has(&asked, &tag, response.headers().get(header::LAST_MODIFIED)) {
        response.headers_mut().insert(header::ETAG, tag);
        return not_modified(response.headers());
    }
    response.headers_mut().insert(header::ETAG, tag);
    response
}

/// Whether a request with `asked` headers holds the answer tagged `tag`
/// and last modified at `modified` already. `If-None-Match` decides when
/// present (RFC 9110 13.1.3); otherwise `If-Modified-Since`.
pub(crate) fn client_has(asked: &HeaderMap, tag: &HeaderValue, modified: Option<&HeaderValue>) -> bool {
    if let Some(wanted) = asked.get(header::IF_NONE_MATCH) {
        return tag.to_str().is_ok_and(|tag| matches_any(wanted, tag));
    }
    let (Some(since), Some(modified)) = (asked.get(header::IF_MODIFIED_SINCE), modified) else {
        return false;
    };
    match (parse_http_date(since), parse_http_date(modified)) {
        (Some(since), Some(modified)) => modified <= since,
        _ => false,
    }
}

/// A `304 Not Modified` carrying the fields a 200 would have carried for
/// caching (RFC 9110 15.4.5), taken from `headers`.
pub(crate) fn not_modified(headers: &HeaderMap) -> Response {
    let mut not_modified = Response::new(Body::empty());
    *not_modified.status_mut() = StatusCode::NOT_MODIFIED;
    for name in
        [header::ETAG, header::CACHE_CONTROL, header::VARY, header::CONTENT_LOCATION, header::EXPIRES, header::LAST_MODIFIED]
    {
        if let Some(v) = headers.get(&name) {
            not_modified.headers_mut().insert(name, v.clone());
        }
    }
    not_modified
}

/// A content coding loa sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Identity,
    Gzip,
    Brotli,
}

impl Coding {
    /// The best coding `Accept-Encoding` allows: brotli, then gzip, then
    /// none; a coding with `q=0` is refused.
    pub(crate) fn accepted(asked: &HeaderMap) -> Coding {
        let (mut gzip, mut brotli) = (false, false);
        for value in asked.get_all(header::ACCEPT_ENCODING) {
            let Ok(list) = value.to_str() else { continue };
            for item in list.split(',') {
                let mut fields = item.split(';');
                let name = fields.next().unwrap_or("").trim();
                let refused = fields.any(|f| {
                    let f = f.trim();
                    f.strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
                });
                match name {
                    "br" => brotli = !refused,
                    "gzip" | "x-gzip" => gzip = !refused,
                    "*" if !refused => (gzip, brotli) = (true, true),
                    _ => {}
                }
            }
        }
        if brotli {
            Coding::Brotli
        } else if gzip {
            Coding::Gzip
        } else {
            Coding::Identity
        }
    }

    /// The coding an answer's `Content-Encoding` names (identity for none
    /// or one loa does not send).
    pub(crate) fn sent(headers: &HeaderMap) -> Coding {
        match headers.get(header::CONTENT_ENCODING).map(HeaderValue::as_bytes) {
            Some(b"br") => Coding::Brotli,
            Some(b"gzip") => Coding::Gzip,
            _ => Coding::Identity,
        }
    }

    /// Its `Content-Encoding` name; none for identity.
    pub(crate) fn name(self) -> Option<&'static str> {
        match self {
            Coding::Identity => None,
            Coding::Gzip => Some("gzip"),
            Coding::Brotli => Some("br"),
        }
    }
}

/// The tag of a coded form: the identity tag with the coding appended.
pub(crate) fn coded_tag(tag: &str, coding: Coding) -> String {
    match coding.name() {
        Some(name) if tag.ends_with('"') => format!("{}-{name}\"", &tag[..tag.len() - 1]),
        _ => tag.to_string(),
    }
}

pub(crate) fn gzip(bytes: &[u8]) -> Bytes {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::new(6));
    encoder.write_all(bytes).expect("writing to memory");
    Bytes::from(encoder.finish().expect("writing to memory"))
}

/// Quality 6: most of brotli's gain at a few times gzip's cost (11, the
/// best, takes some milliseconds per page, paid on every render).
pub(crate) fn brotli(bytes: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let params = brotli::enc::BrotliEncoderParams { quality: 6, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    Bytes::from(out)
}

/// When each address's page last changed, as this node saw it: the
/// `Last-Modified` of pages, feeds and sitemaps, whose content comes from
/// many rows (a story, its translations, its comments, the lists beside
/// it) rather than one dated record. The date is that of the first answer
/// with the current tag, in whole seconds, and a new tag always gets a
/// later second than the tag before it, so a reader holding an older
/// answer never has an `If-Modified-Since` as late as the current one's
/// date. While that second is still to come, the answer goes without the
/// field. Several nodes date the same page each by their own sight of it;
/// the `ETag` is the validator that holds across nodes.
#[derive(Default)]
pub struct Validators {
    seen: Mutex<Seen>,
}

#[derive(Default)]
struct Seen {
    /// Address → (tag, Unix second it was first answered).
    dates: HashMap<String, (String, u64)>,
    /// No date is given before this second: set when the map starts over,
    /// so a forgotten page's new date is later than any given before.
    floor: u64,
}

impl Validators {
    /// The `Last-Modified` of the answer tagged `tag` at `address`. It may
    /// be up to a second ahead of `now` (a page changed twice within one
    /// second): such a date is not sent before it has come.
    pub fn last_modified(&self, address: &str, tag: &str, now: SystemTime) -> SystemTime {
        let now = now.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let date = match seen.dates.get(address) {
            Some((known, date)) if known == tag => *date,
            _ => {
                if seen.dates.len() >= MAX_VALIDATORS {
                    seen.dates.clear();
                    seen.floor = now + 1;
                }
                let after = seen.dates.get(address).map(|(_, date)| date + 1).unwrap_or(0);
                let date = now.max(after).max(seen.floor);
                seen.dates.insert(address.to_string(), (tag.to_string(), date));
                date
            }
        };
        UNIX_EPOCH + std::time::Duration::from_secs(date)
    }
}

/// The `Last-Modified` of an answer whose date had not come when it was
/// made (see [`Validators::last_modified`]): the page cache adds the field
/// to the kept page's answers once it has.
#[derive(Debug, Clone)]
pub struct ModifiedLater(pub SystemTime, pub HeaderValue);

pub(crate) fn http_date(at: SystemTime) -> HeaderValue {
    let at: chrono::DateTime<chrono::Utc> = at.into();
    HeaderValue::from_str(&at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()).expect("ascii")
}

pub(crate) fn parse_http_date(value: &HeaderValue) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    chrono::DateTime::parse_from_rfc2822(value.to_str().ok()?).ok()
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
    fn a_changed_page_is_dated_after_every_date_given_for_its_older_forms() {
        let at = |s: u64| UNIX_EPOCH + std::time::Duration::from_millis(s);
        let v = Validators::default();
        assert_eq!(v.last_modified("/en/", "\"a\"", at(100_300)), at(100_000));
        assert_eq!(v.last_modified("/en/", "\"a\"", at(105_000)), at(100_000), "unchanged, same date");
        // Changed within the same second as its first answer: dated the next
        // second (which `tag` does not send before it has come).
        let v = Validators::default();
        assert_eq!(v.last_modified("/en/", "\"a\"", at(100_300)), at(100_000));
        assert_eq!(v.last_modified("/en/", "\"b\"", at(100_800)), at(101_000));
        assert_eq!(v.last_modified("/en/", "\"b\"", at(101_200)), at(101_000));
        assert_eq!(v.last_modified("/en/", "\"c\"", at(250_000)), at(250_000));
        assert_eq!(v.last_modified("/vi/", "\"c\"", at(250_000)), at(250_000), "each address its own");
    }

    #[test]
    fn if_modified_since_answers_only_without_if_none_match() {
        let tag = HeaderValue::from_static("\"t\"");
        let modified = http_date(UNIX_EPOCH + std::time::Duration::from_secs(1_800_000_000));
        let mut asked = HeaderMap::new();
        asked.insert(header::IF_MODIFIED_SINCE, modified.clone());
        assert!(client_has(&asked, &tag, Some(&modified)));
        let earlier = http_date(UNIX_EPOCH + std::time::Duration::from_secs(1_799_999_999));
        assert!(!client_has(&asked, &tag, None), "no date, no 304 by date");
        asked.insert(header::IF_MODIFIED_SINCE, earlier);
        assert!(!client_has(&asked, &tag, Some(&modified)), "changed since");
        asked.insert(header::IF_MODIFIED_SINCE, modified.clone());
        asked.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert!(!client_has(&asked, &tag, Some(&modified)), "the tag decides");
    }

    #[test]
    fn accept_encoding_picks_the_best_coding_allowed() {
        let pick = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
            Coding::accepted(&h)
        };
        assert_eq!(pick("gzip, deflate, br, zstd"), Coding::Brotli);
        assert_eq!(pick("gzip;q=0.5, br;q=0"), Coding::Gzip);
        assert_eq!(pick("identity"), Coding::Identity);
        assert_eq!(pick("*"), Coding::Brotli);
        assert_eq!(Coding::accepted(&HeaderMap::new()), Coding::Identity);
        assert_eq!(coded_tag("\"ab\"", Coding::Gzip), "\"ab-gzip\"");
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
