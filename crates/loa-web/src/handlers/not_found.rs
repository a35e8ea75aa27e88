//! The 404 page, in the language of the URL when it names one.

use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use loa_domain::Lang;

use super::{ctx, render_page};
use crate::render::layout::Page;
use crate::AppState;

/// A localised 404 page; `extra` is finished HTML placed under the message.
pub(crate) fn page(state: &AppState, lang: Lang, extra: &str) -> Response {
    let c = ctx(state, lang);
    let page = Page {
        title: c.t("not-found-title"),
        main: format!(
            "<div class=\"wrap notice-page\"><h1>{}</h1><p>{}</p>{extra}<p><a href=\"{}\">{}</a></p></div>",
            c.th("not-found-title"),
            c.th("not-found-body"),
            c.home_path(),
            c.th("not-found-home")
        ),
        noindex: true,
        ..Page::default()
    };
    render_page(state, lang, StatusCode::NOT_FOUND, &page)
}

pub async fn fallback(State(state): State<AppState>, uri: Uri) -> Response {
    let first = uri.path().trim_start_matches('/').split('/').next().unwrap_or("");
    let lang = state.site.page_lang(first).unwrap_or_else(|| state.site.fallback_lang());
    page(&state, lang, "")
}
