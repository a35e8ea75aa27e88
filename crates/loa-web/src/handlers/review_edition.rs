//! `/{lang}/newsroom/review/{slug}/{edition}`: one edition beside its
//! source; posting `decision=publish|withdraw` decides it.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use loa_domain::{Edition, EditionStatus, Lang, User};

use super::member::{desk_path, forbidden, not_allowed, private, refused_form, signed_in, to_sign_in};
use super::{ctx, finish, not_found, render_page, PageResult};
use crate::auth::same_origin;
use crate::render::layout::Page;
use crate::render::newsroom::review;
use crate::AppState;

/// The member, the page language and the edition's language, or the
/// answer for those who may not review.
async fn reviewer(state: &AppState, lang: &str, code: &str, headers: &HeaderMap) -> Result<(User, Lang, Lang), Response> {
    let Some(lang) = state.site.page_lang(lang) else {
        return Err(not_found::page(state, state.site.fallback_lang(), ""));
    };
    let Some(user) = signed_in(state, headers).await else {
        return Err(to_sign_in(lang));
    };
    if !user.role.reviews_translations() {
        return Err(forbidden(state, lang));
    }
    let Ok(edition_lang) = code.parse::<Lang>() else {
        return Err(not_found::page(state, lang, ""));
    };
    Ok((user, lang, edition_lang))
}

pub async fn page(
    State(state): State<AppState>,
    Path((lang, slug, code)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Response {
    let (user, lang, edition_lang) = match reviewer(&state, &lang, &code, &headers).await {
        Ok(found) => found,
        Err(response) => return private(response),
    };
    let result = build(&state, lang, &user, &slug, edition_lang).await;
    private(finish(&state, lang, result))
}

async fn build(state: &AppState, lang: Lang, user: &User, slug: &str, edition_lang: Lang) -> PageResult {
    let c = ctx(state, lang);
    let Some(article) = state.store.article_by_slug(slug).await? else {
        return Ok(not_found::page(state, lang, ""));
    };
    let editions = state.store.editions(article.id).await?;
    let Some(edition) = editions.iter().find(|e| e.lang == edition_lang && e.status != EditionStatus::Original) else {
        return Ok(not_found::page(state, lang, ""));
    };
    let page = Page {
        title: c.t("newsroom-title"),
        main: review(&c, user, slug, edition, source_of(&editions, edition)),
        noindex: true,
        ..Page::default()
    };
    Ok(render_page(state, lang, StatusCode::OK, &page))
}

/// The edition `edition` was translated from: the original, or a version
/// the outlet published itself, with the same layout of segments.
fn source_of<'a>(editions: &'a [Edition], edition: &Edition) -> Option<&'a Edition> {
    let layout = edition.segments().len();
    editions
        .iter()
        .filter(|e| e.lang != edition.lang && (e.status == EditionStatus::Original || e.engine == "outlet"))
        .filter(|e| e.segments().len() == layout)
        .min_by_key(|e| e.status != EditionStatus::Original)
}

pub async fn decide(
    State(state): State<AppState>,
    Path((lang, slug, code)): Path<(String, String, String)>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let (user, lang, edition_lang) = match reviewer(&state, &lang, &code, &headers).await {
        Ok(found) => found,
        Err(response) => return private(response),
    };
    if !same_origin(&headers, &state.site.base_url) {
        return refused_form(&state, lang);
    }
    let status = match form.get("decision").map(String::as_str) {
        Some("publish") => EditionStatus::Published,
        Some("withdraw") => EditionStatus::Failed,
        _ => return not_allowed(&state, lang, StatusCode::BAD_REQUEST, "newsroom-decision-not-allowed"),
    };
    let article = match state.store.article_by_slug(&slug).await {
        Ok(Some(article)) => article,
        Ok(None) => return not_found::page(&state, lang, ""),
        Err(e) => return finish(&state, lang, Err(e.into())),
    };
    let edition = match state.store.edition(article.id, edition_lang).await {
        Ok(Some(edition)) => edition,
        Ok(None) => return not_found::page(&state, lang, ""),
        Err(e) => return finish(&state, lang, Err(e.into())),
    };
    if edition.status == EditionStatus::Original {
        return not_found::page(&state, lang, "");
    }
    if !edition.review_decision_allowed(status) {
        return not_allowed(&state, lang, StatusCode::CONFLICT, "newsroom-decision-not-allowed");
    }
    if let Err(e) = state.store.set_edition_status(article.id, edition_lang, status).await {
        return finish(&state, lang, Err(e.into()));
    }
    tracing::info!(user = %user.username, %slug, lang = %edition_lang, status = status.as_str(), "edition decided");
    private(Redirect::to(&format!("{}?decided={}.{}", desk_path(lang), edition_lang.code(), status.as_str())).into_response())
}
