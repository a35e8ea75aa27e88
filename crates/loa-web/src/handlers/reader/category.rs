//! `/{lang}/category/{slug}?page=N`: one section, newest first.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use loa_domain::{Category, Lang};

use crate::handlers::{
    alternates_everywhere, ctx, finish, not_found, page_count, page_number, paged_path, render_page, PageLang, PageResult,
};
use crate::render::cards::listing;
use crate::render::layout::Page;
use crate::AppState;

pub const PER_PAGE: i64 = 12;

pub async fn category(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path((_, slug)): Path<(String, String)>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let (Some(category), Some(page)) = (Category::from_slug(&slug), page_number(&params)) else {
        return not_found(&state, lang, "");
    };
    let result = build(&state, lang, category, page).await;
    finish(&state, lang, result)
}

async fn build(state: &AppState, lang: Lang, category: Category, page: i64) -> PageResult {
    let c = ctx(state, lang);
    let cards = state.store.by_category(lang, category, PER_PAGE, (page - 1) * PER_PAGE).await?;
    let pages = page_count(cards.total, PER_PAGE);
    if page > pages {
        return Ok(not_found(state, lang, ""));
    }
    let name = c.locales.category_name(lang, category.slug);
    let base = c.category_path(category.slug);
    let prev = (page > 1).then(|| paged_path(&base, page - 1));
    let next = (page < pages).then(|| paged_path(&base, page + 1));
    let main = listing(&c, &name, &cards.cards, page, pages, prev.as_deref(), next.as_deref());
    let title = if page > 1 {
        format!("{name} — {}", c.locales.text_args(lang, "pagination-page-of", &[("page", page.into()), ("pages", pages.into())]))
    } else {
        name
    };
    let page_html = Page {
        title,
        path: paged_path(&base, page),
        alternates: alternates_everywhere(state, |l| paged_path(&format!("/{}/category/{}", l.code(), category.slug), page)),
        prev_path: prev,
        next_path: next,
        category: Some(category.slug),
        main,
        ..Page::default()
    };
    Ok(render_page(state, lang, StatusCode::OK, &page_html))
}
