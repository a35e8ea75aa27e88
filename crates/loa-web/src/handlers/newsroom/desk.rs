//! `/{lang}/newsroom/`: what waits for this member, by role.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use loa_domain::{EditionStatus, Lang};

use super::member::{private, Member};
use crate::handlers::{ctx, finish, render_page, PageLang, PageResult};
use crate::render::layout::Page;
use crate::render::newsroom::{desk, status_word, Desk};
use crate::AppState;

const QUEUE: i64 = 200;

pub async fn desk_page(
    State(state): State<AppState>,
    Member { user, lang }: Member,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let result = build(&state, lang, &user, &params).await;
    private(finish(&state, lang, result))
}

async fn build(state: &AppState, lang: Lang, user: &loa_domain::User, params: &HashMap<String, String>) -> PageResult {
    let c = ctx(state, lang);
    let review = if user.role.reviews_translations() { Some(state.store.review_queue(QUEUE).await?) } else { None };
    let comments = if user.role.moderates_comments() { Some(state.store.pending_comments(QUEUE).await?) } else { None };
    let page = Page {
        title: c.t("newsroom-title"),
        main: desk(&c, &Desk { user, notice: notice(&c, params), review: review.as_deref(), comments: comments.as_deref() }),
        noindex: true,
        ..Page::default()
    };
    Ok(render_page(state, lang, StatusCode::OK, &page))
}

/// The outcome of the last action, carried in the redirect's query:
/// `decided=es.published` or `comment=approved`.
fn notice(c: &crate::render::Ctx<'_>, params: &HashMap<String, String>) -> Option<String> {
    if let Some((code, status)) = params.get("decided").and_then(|d| d.split_once('.')) {
        let edition_lang: Lang = code.parse().ok()?;
        let status = [EditionStatus::Published, EditionStatus::Failed].into_iter().find(|s| s.as_str() == status)?;
        return Some(c.locales.text_args(
            c.lang,
            "newsroom-decided",
            &[("language", c.locales.language_name(c.lang, edition_lang).into()), ("status", status_word(c, status).into())],
        ));
    }
    let decision = params.get("comment").filter(|d| matches!(d.as_str(), "approved" | "rejected"))?;
    Some(c.locales.text_args(c.lang, "newsroom-comment-decided", &[("decision", decision.as_str().into())]))
}

/// `/{lang}/newsroom` → `/{lang}/newsroom/`.
pub async fn add_slash(PageLang(lang): PageLang) -> Response {
    use axum::response::{IntoResponse, Redirect};
    Redirect::permanent(&super::member::desk_path(lang)).into_response()
}
