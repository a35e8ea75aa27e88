//! `/media/{name}`: pictures copied from outlets, read from the store so
//! that every node serves them. Names are content addresses, so a name
//! always means the same bytes and may be cached for good.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::AppState;

pub async fn media(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let valid = !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    if !valid {
        return StatusCode::NOT_FOUND.into_response();
    }
    match state.store.media(&name).await {
        Ok(Some(m)) => {
            let mut response = m.bytes.into_response();
            let h = response.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_str(&m.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
            h.insert(
                header::ETAG,
                HeaderValue::from_str(&format!("\"{name}\"")).unwrap_or(HeaderValue::from_static("\"media\"")),
            );
            // An SVG opened on its own is a document: it may run nothing.
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'"),
            );
            response
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, %name, "media lookup failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
