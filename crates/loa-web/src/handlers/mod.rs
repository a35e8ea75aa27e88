//! One module per page or endpoint.

pub mod account;
pub mod api;
pub mod api_lists;
pub mod article;
pub mod assets;
pub mod author;
pub mod category;
pub mod comment;
pub mod desk;
pub mod feed;
pub mod health;
pub mod home;
pub mod media;
pub(crate) mod member;
pub mod moderate;
pub mod newsroom;
pub mod not_found;
pub mod review_edition;
pub mod robots;
pub mod search;
pub mod sign_in;
pub mod sign_out;
pub mod sitemap;

use std::collections::HashMap;

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
    api_lists::api_error(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
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
    let c = ctx(state, lang);
    let page = Page {
        title: c.t(title),
        main: format!(
            "<div class=\"wrap notice-page\"><h1>{}</h1><p>{}</p><p><a href=\"{}\">{}</a></p></div>",
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
