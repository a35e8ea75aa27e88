//! `/{lang}/article/{slug}`: one edition of a story.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use loa_domain::{Article, Block, Lang};

use crate::handlers::{ctx, finish, not_found, render_page, PageError, PageLang, PageResult};
use crate::render::article::{json_ld, main_html, ArticleView, SameTopic};
use crate::render::layout::Page;
use crate::render::{article_path, esc};
use crate::AppState;

const RELATED: usize = 5;
const VIDEO_STORIES: usize = 4;

pub async fn article(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path((_, slug)): Path<(String, String)>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let result = build(&state, lang, &slug, params.get("comment").map(String::as_str)).await;
    finish(&state, lang, result)
}

/// Stories on the same subject in `lang`: the index's content similarity
/// first; the store's shared topics when the index finds nothing (the
/// edition not indexed yet, too little text) or fails.
async fn same_topic(state: &AppState, article: &Article, lang: Lang) -> Result<SameTopic, PageError> {
    let index = state.search.clone();
    let article_id = article.id;
    let started = std::time::Instant::now();
    // Remembered since the index's last commit: no need for a blocking thread.
    let answer = match index.remembered_similar(article_id, lang, RELATED) {
        Some(hits) => Ok(hits),
        None => tokio::task::spawn_blocking(move || index.similar(article_id, lang, RELATED)).await?,
    };
    match answer {
        Ok(hits) if !hits.is_empty() => {
            tracing::debug!(article_id, elapsed = ?started.elapsed(), "related stories by similarity");
            return Ok(SameTopic::Similar(hits));
        }
        Ok(_) => {}
        Err(err) => tracing::warn!(error = %err, article_id, "similar stories failed; using shared topics"),
    }
    Ok(SameTopic::SharedTopics(state.store.same_topic(article, lang, RELATED).await?))
}

async fn build(state: &AppState, lang: Lang, slug: &str, comment_outcome: Option<&str>) -> PageResult {
    let c = ctx(state, lang);
    let Some(article) = state.store.article_by_slug(slug).await? else {
        return Ok(not_found(state, lang, ""));
    };
    let offered = state.site.offered();
    let editions = state.store.editions(article.id).await?;
    let public: Vec<_> = editions.iter().filter(|e| state.site.shows_edition(&article, e)).collect();
    let public_langs: Vec<Lang> = offered.iter().copied().filter(|l| public.iter().any(|e| e.lang == *l)).collect();

    let Some(edition) = public.iter().find(|e| e.lang == lang) else {
        // Point the reader to the languages the story does exist in, each
        // named in its own language.
        let mut extra = String::new();
        if !public_langs.is_empty() {
            extra.push_str(&format!(
                "<p>{}</p><p>{}</p><ul class=\"available-in\">",
                c.th("article-unavailable"),
                c.th("article-available-in")
            ));
            for l in &public_langs {
                extra.push_str(&format!(
                    "<li><a href=\"{}\" lang=\"{code}\" hreflang=\"{code}\">{}</a></li>",
                    esc(&article_path(*l, &article.slug)),
                    esc(l.endonym()),
                    code = l.code()
                ));
            }
            extra.push_str("</ul>");
        }
        return Ok(not_found(state, lang, &extra));
    };

    let comments: Vec<_> = state.store.comments(article.id).await?.into_iter().filter(|cm| cm.lang == lang).collect();
    let same_topic = same_topic(state, &article, lang).await?;
    let beside = state.store.beside(&article, lang, RELATED, VIDEO_STORIES).await?;

    let view = ArticleView {
        article: &article,
        edition,
        public_langs: &public_langs,
        comments: &comments,
        comment_outcome,
        same_topic: &same_topic,
        same_category: &beside.same_category,
        same_author: &beside.same_author,
        video_stories: &beside.videos,
    };
    let description = if edition.lead.trim().is_empty() {
        edition
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Paragraph { text, .. } => Some(text.clone()),
                _ => None,
            })
            .unwrap_or_default()
    } else {
        edition.lead.clone()
    };
    let page = Page {
        title: edition.title.clone(),
        description,
        path: c.article_path(&article.slug),
        alternates: public_langs.iter().map(|l| (*l, article_path(*l, &article.slug))).collect(),
        head_extra: json_ld(&c, &view),
        category: Some(article.category.slug),
        main: main_html(&c, &view),
        ..Page::default()
    };
    let mut response = render_page(state, lang, StatusCode::OK, &page);
    // What the page shows beside its story, for the stored pages' drops.
    response.extensions_mut().insert(loa_store::pages::StoryFacts {
        lang: lang.code().to_string(),
        category: article.category.slug.to_string(),
        author: article.author.as_ref().map(|a| a.slug.clone()),
    });
    Ok(response)
}
