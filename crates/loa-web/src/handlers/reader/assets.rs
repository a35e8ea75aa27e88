//! The embedded stylesheet, under a name made from its content
//! (`/static/style.<hash>.css`, cached for good: a new stylesheet is a new
//! name) and under its plain name for whoever linked that.

use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const STYLESHEET: &str = include_str!("../../render/style.css");

/// The stylesheet's address, with the first 16 hex digits of its SHA-256.
pub fn stylesheet_path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| {
        let digest = ring::digest::digest(&ring::digest::SHA256, STYLESHEET.as_bytes());
        let hex: String = digest.as_ref()[..8].iter().map(|b| format!("{b:02x}")).collect();
        format!("/static/style.{hex}.css")
    })
}

pub async fn static_file(Path(file): Path<String>) -> Response {
    let rule = if format!("/static/{file}") == stylesheet_path() {
        "public, max-age=31536000, immutable"
    } else if file == "style.css" {
        "public, max-age=3600"
    } else {
        return StatusCode::NOT_FOUND.into_response();
    };
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, rule)], STYLESHEET).into_response()
}
