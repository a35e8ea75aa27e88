//! Handlers grouped by who they serve: [`reader`] (pages, feeds, sitemaps,
//! pictures, comments), [`newsroom`] (members' pages and JSON) and [`api`]
//! (the public JSON API). What they share lives here: the page language of
//! a `/{lang}/…` URL ([`PageLang`]), the error, notice and 404 answers, and
//! paging.

pub mod api;
pub mod newsroom;
pub mod reader;

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use loa_domain::Lang;

use crate::render::layout::{self, Page};
use crate::render::Ctx;
use crate::AppState;

/// Why a page could not be built. Readers see a localised error page; the
/// log gets the cause.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PageError {
    #[error("store: {0}")]
    Store(#[from] loa_store::StoreError),
    #[error("search: {0}")]
    Search(#[from] loa_search::SearchError),
    #[error("search task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

pub(crate) type PageResult = Result<Response, PageError>;

/// A JSON 500 that tells the client nothing about the cause: store, search
/// and driver messages name tables, queries and files, so they go to the
/// log only (with `what` failed) and the answer is the API's error body
/// saying `internal error`.
pub(crate) fn internal_error(what: &str, err: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %err, "{what} failed");
    api::lists::api_error(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
}

pub(crate) fn ctx(state: &AppState, lang: Lang) -> Ctx<'_> {
    Ctx { lang, locales: &state.locales, site: &state.site }
}

pub(crate) fn html_response(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

pub(crate) fn render_page(state: &AppState, lang: Lang, status: StatusCode, page: &Page) -> Response {
    html_response(status, layout::render(&ctx(state, lang), page))
}

/// The page, or the localised error page if building it failed.
pub(crate) fn finish(state: &AppState, lang: Lang, result: PageResult) -> Response {
    match result {
        Ok(response) => response,
        Err(err) => {
            tracing::error!(error = %err, "page failed");
            notice_page(state, lang, StatusCode::INTERNAL_SERVER_ERROR, "error-title", "error-body")
        }
    }
}

/// A short page in `lang` saying why there is nothing else: a heading, a
/// sentence, and the way back to the front page.
pub(crate) fn notice_page(state: &AppState, lang: Lang, status: StatusCode, title: &str, body: &str) -> Response {
    notice(state, lang, status, title, body, "")
}

/// [`notice_page`] with `extra`, finished HTML, under the sentence.
fn notice(state: &AppState, lang: Lang, status: StatusCode, title: &str, body: &str, extra: &str) -> Response {
    let c = ctx(state, lang);
    let page = Page {
        title: c.t(title),
        main: format!(
            "<div class=\"wrap notice-page\"><h1>{}</h1><p>{}</p>{extra}<p><a href=\"{}\">{}</a></p></div>",
            c.th(title),
            c.th(body),
            c.home_path(),
            c.th("not-found-home")
        ),
        noindex: true,
        ..Page::default()
    };
    render_page(state, lang, status, &page)
}

/// The page language named by a route's `{lang}` segment, when the site
/// offers it. A URL naming any other language is answered with the 404
/// page in the site's fallback language before the handler runs.
pub(crate) struct PageLang(pub Lang);

impl FromRequestParts<AppState> for PageLang {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<PageLang, Response> {
        // The same rejection as the handler's own `Path` (a segment that is
        // not UTF-8 once decoded) comes first.
        let Path(segments) =
            Path::<Vec<(String, String)>>::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        let code = segments.iter().find(|(name, _)| name == "lang").map_or("", |(_, value)| value.as_str());
        match state.site.page_lang(code) {
            Some(lang) => Ok(PageLang(lang)),
            None => Err(not_found(state, state.site.fallback_lang(), "")),
        }
    }
}

/// A localised 404 page; `extra` is finished HTML placed under the message.
pub(crate) fn not_found(state: &AppState, lang: Lang, extra: &str) -> Response {
    notice(state, lang, StatusCode::NOT_FOUND, "not-found-title", "not-found-body", extra)
}

/// `?page=N` as a 1-based number; `None` when it is not a positive number
/// (which is a page that does not exist, not a reason for a 400).
pub(crate) fn page_number(params: &HashMap<String, String>) -> Option<i64> {
    match params.get("page").map(|p| p.trim()) {
        None | Some("") => Some(1),
        Some(p) => p.parse::<i64>().ok().filter(|n| *n >= 1 && *n <= 100_000),
    }
}

/// Number of pages for `total` items, at least one.
pub(crate) fn page_count(total: i64, per_page: i64) -> i64 {
    ((total + per_page - 1) / per_page).max(1)
}

/// `path` with `?page=N` unless N is 1.
pub(crate) fn paged_path(path: &str, page: i64) -> String {
    if page <= 1 {
        path.to_string()
    } else {
        format!("{path}?page={page}")
    }
}

/// The same path in every offered language (pages that exist in all of
/// them: the front page, sections, authors, search).
pub(crate) fn alternates_everywhere(state: &AppState, path_in: impl Fn(Lang) -> String) -> Vec<(Lang, String)> {
    state.site.offered().into_iter().map(|l| (l, path_in(l))).collect()
}
