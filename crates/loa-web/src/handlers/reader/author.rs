//! `/{lang}/author/{slug}`: an author's stories in one language.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use loa_domain::Lang;

use crate::handlers::{
    alternates_everywhere, ctx, finish, not_found, page_count, page_number, paged_path, render_page, PageLang, PageResult,
};
use crate::render::cards::listing;
use crate::render::layout::Page;
use crate::AppState;

const PER_PAGE: i64 = 12;

pub async fn author(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path((_, slug)): Path<(String, String)>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(page) = page_number(&params) else {
        return not_found(&state, lang, "");
    };
    let result = build(&state, lang, &slug, page).await;
    finish(&state, lang, result)
}

async fn build(state: &AppState, lang: Lang, slug: &str, page: i64) -> PageResult {
    let c = ctx(state, lang);
    let Some(author) = state.store.author(slug).await? else {
        return Ok(not_found(state, lang, ""));
    };
    let cards = state.store.by_author(lang, &author.slug, PER_PAGE, (page - 1) * PER_PAGE).await?;
    let pages = page_count(cards.total, PER_PAGE);
    if page > pages {
        return Ok(not_found(state, lang, ""));
    }
    let base = c.author_path(&author.slug);
    let prev = (page > 1).then(|| paged_path(&base, page - 1));
    let next = (page < pages).then(|| paged_path(&base, page + 1));
    let heading = c.locales.text_args(lang, "author-heading", &[("author", author.name.as_str().into())]);
    let main = listing(&c, &heading, &cards.cards, page, pages, prev.as_deref(), next.as_deref());
    let author_slug = author.slug.clone();
    let page_html = Page {
        title: heading,
        path: paged_path(&base, page),
        alternates: alternates_everywhere(state, |l| paged_path(&format!("/{}/author/{}", l.code(), author_slug), page)),
        prev_path: prev,
        next_path: next,
        main,
        author_name: Some(author.name.clone()),
        ..Page::default()
    };
    Ok(render_page(state, lang, StatusCode::OK, &page_html))
}
