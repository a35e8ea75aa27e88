//! `/{lang}/article/{slug}/video/{n}`: the player of a story's `n`th video.
//! The story itself shows only a poster linking here, so the video host
//! learns of a reader only when the reader asks to play.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use loa_domain::Lang;

use crate::handlers::{ctx, finish, not_found, render_page, PageLang, PageResult};
use crate::render::article::{shown_videos, watch_page_main, watch_path};
use crate::render::article_path;
use crate::render::layout::Page;
use crate::AppState;

pub async fn watch(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path((_, slug, n)): Path<(String, String, String)>,
) -> Response {
    let result = build(&state, lang, &slug, &n).await;
    finish(&state, lang, result)
}

async fn build(state: &AppState, lang: Lang, slug: &str, n: &str) -> PageResult {
    let Some(index) = n.parse::<usize>().ok().filter(|i| *i >= 1) else {
        return Ok(not_found(state, lang, ""));
    };
    let Some(article) = state.store.article_by_slug(slug).await? else {
        return Ok(not_found(state, lang, ""));
    };
    let editions = state.store.editions(article.id).await?;
    let public: Vec<_> = editions.iter().filter(|e| state.site.shows_edition(&article, e)).collect();
    let Some(edition) = public.iter().find(|e| e.lang == lang) else {
        return Ok(not_found(state, lang, ""));
    };
    let Some(video) = shown_videos(&edition.blocks).nth(index - 1) else {
        return Ok(not_found(state, lang, ""));
    };
    let c = ctx(state, lang);
    let story_path = c.article_path(&article.slug);
    let title = if video.1.trim().is_empty() { edition.title.clone() } else { video.1.to_string() };
    let page = Page {
        title,
        path: watch_path(&story_path, index),
        alternates: public
            .iter()
            .filter(|e| shown_videos(&e.blocks).nth(index - 1).is_some())
            .map(|e| (e.lang, watch_path(&article_path(e.lang, &article.slug), index)))
            .collect(),
        category: Some(article.category.slug),
        main: watch_page_main(&c, &edition.title, &story_path, video),
        ..Page::default()
    };
    Ok(render_page(state, lang, StatusCode::OK, &page))
}
