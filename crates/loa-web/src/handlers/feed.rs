//! `/{lang}/feed.xml` and `/{lang}/category/{slug}/feed.xml`: the latest
//! public stories of one language as Atom.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use loa_domain::{Category, Lang};

use super::{ctx, finish, not_found, PageError};
use crate::render::feed::{atom, Feed};
use crate::AppState;

/// Entries per feed.
const ENTRIES: i64 = 30;

pub async fn site_feed(State(state): State<AppState>, Path(lang): Path<String>) -> Response {
    let Some(lang) = state.site.page_lang(&lang) else {
        return not_found::page(&state, state.site.fallback_lang(), "");
    };
    match build(&state, lang, None).await {
        Ok(r) => r,
        Err(e) => finish(&state, lang, Err(e)),
    }
}

pub async fn category_feed(State(state): State<AppState>, Path((lang, slug)): Path<(String, String)>) -> Response {
    let Some(lang) = state.site.page_lang(&lang) else {
        return not_found::page(&state, state.site.fallback_lang(), "");
    };
    let Some(category) = Category::from_slug(&slug) else {
        return not_found::page(&state, lang, "");
    };
    match build(&state, lang, Some(category)).await {
        Ok(r) => r,
        Err(e) => finish(&state, lang, Err(e)),
    }
}

async fn build(state: &AppState, lang: Lang, category: Option<Category>) -> Result<Response, PageError> {
    let c = ctx(state, lang);
    let site = c.t("site-name");
    let (cards, title, path, page_path) = match category {
        None => (
            state.store.latest(lang, ENTRIES, 0).await?.cards,
            c.locales.text_args(lang, "feed-title", &[("site", site.into())]),
            feed_path(lang, None),
            c.home_path(),
        ),
        Some(category) => (
            state.store.by_category(lang, category, ENTRIES, 0).await?.cards,
            c.locales.text_args(
                lang,
                "feed-title-category",
                &[("site", site.into()), ("category", c.locales.category_name(lang, category.slug).into())],
            ),
            feed_path(lang, Some(category)),
            c.category_path(category.slug),
        ),
    };
    let body = atom(&c, &Feed { title: &title, path: &path, page_path: &page_path, cards: &cards });
    Ok((StatusCode::OK, [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], body).into_response())
}

/// Where the feed of `lang` (or of one of its sections) is.
pub(crate) fn feed_path(lang: Lang, category: Option<Category>) -> String {
    match category {
        None => format!("/{}/feed.xml", lang.code()),
        Some(c) => format!("/{}/category/{}/feed.xml", lang.code(), c.slug),
    }
}
