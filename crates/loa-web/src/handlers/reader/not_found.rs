//! The answer for a URL no route takes: the 404 page, in the language of
//! the URL when it names one.

use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;

use crate::handlers::not_found;
use crate::AppState;

pub async fn fallback(State(state): State<AppState>, uri: Uri) -> Response {
    let first = uri.path().trim_start_matches('/').split('/').next().unwrap_or("");
    let lang = state.site.page_lang(first).unwrap_or_else(|| state.site.fallback_lang());
    not_found(&state, lang, "")
}
