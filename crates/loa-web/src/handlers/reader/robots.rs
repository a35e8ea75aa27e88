//! `/robots.txt`: crawlers are welcome on the reader site, kept out of the
//! newsroom and the API, and pointed at the sitemap.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::AppState;

pub async fn robots(State(state): State<AppState>) -> Response {
    let mut text = String::from("User-agent: *\nDisallow: /api/\n");
    for lang in state.site.offered() {
        text.push_str(&format!("Disallow: /{}/newsroom/\n", lang.code()));
    }
    text.push_str(&format!("\nSitemap: {}\n", state.site.absolute("/sitemap.xml")));
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}
