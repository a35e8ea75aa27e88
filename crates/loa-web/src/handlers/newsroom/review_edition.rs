//! `/{lang}/newsroom/review/{slug}/{edition}`: one edition beside its
//! source; posting `decision=publish|withdraw` decides it.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use loa_domain::{translation_sources, Edition, EditionStatus, Lang, User};

use super::member::{desk_path, not_allowed, private, Posted, Reviewer};
use crate::handlers::{ctx, finish, not_found, render_page, PageResult};
use crate::render::layout::Page;
use crate::render::newsroom::{review, Review};
use crate::AppState;

pub async fn page(
    State(state): State<AppState>,
    Reviewer { user, lang, edition_lang }: Reviewer,
    Path((_, slug, _)): Path<(String, String, String)>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let corrected = params.get("corrected").and_then(|n| n.parse::<usize>().ok());
    let result = build(&state, lang, &user, &slug, edition_lang, corrected).await;
    private(finish(&state, lang, result))
}

async fn build(
    state: &AppState,
    lang: Lang,
    user: &User,
    slug: &str,
    edition_lang: Lang,
    corrected: Option<usize>,
) -> PageResult {
    let c = ctx(state, lang);
    let Some(article) = state.store.article_by_slug(slug).await? else {
        return Ok(not_found(state, lang, ""));
    };
    let editions = state.store.editions(article.id).await?;
    let Some(edition) = editions.iter().find(|e| e.lang == edition_lang && e.status != EditionStatus::Original) else {
        return Ok(not_found(state, lang, ""));
    };
    let history = state.store.edition_history(article.id, edition_lang).await?;
    let page = Page {
        title: c.t("newsroom-title"),
        main: review(
            &c,
            &Review { user, slug, edition, source: source_of(state, &editions, edition), corrected, history: &history },
        ),
        noindex: true,
        ..Page::default()
    };
    Ok(render_page(state, lang, StatusCode::OK, &page))
}

/// The edition `edition` was translated from, chosen as the translation
/// job chooses it ([`translation_sources`], with the pairs the translation
/// side serves), among those with the same layout of segments.
fn source_of<'a>(state: &AppState, editions: &'a [Edition], edition: &Edition) -> Option<&'a Edition> {
    let layout = edition.segments().len();
    let serves = |from: Lang, to: Lang| state.corrections.as_ref().is_none_or(|c| c.serves(from, to));
    translation_sources(editions, edition.lang, serves).into_iter().find(|e| e.segments().len() == layout)
}

pub async fn decide(
    State(state): State<AppState>,
    Posted(Reviewer { user, lang, edition_lang }): Posted<Reviewer>,
    Path((_, slug, _)): Path<(String, String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let Some(status) = form.get("decision").and_then(|w| status_for_review_word(w)) else {
        return not_allowed(&state, lang, StatusCode::BAD_REQUEST, "newsroom-decision-not-allowed");
    };
    match decide_edition(&state, &user, &slug, edition_lang, status).await {
        Ok(_) => private(
            Redirect::to(&format!("{}?decided={}.{}", desk_path(lang), edition_lang.code(), status.as_str())).into_response(),
        ),
        Err(Undecided::NoStory | Undecided::NoTranslation) => not_found(&state, lang, ""),
        Err(Undecided::NotAllowed(_)) => not_allowed(&state, lang, StatusCode::CONFLICT, "newsroom-decision-not-allowed"),
        Err(Undecided::Store(e)) => finish(&state, lang, Err(e.into())),
    }
}

/// The status a reviewer's decision word (`publish`, `withdraw`) asks for.
pub(crate) fn status_for_review_word(word: &str) -> Option<EditionStatus> {
    match word {
        "publish" => Some(EditionStatus::Published),
        "withdraw" => Some(EditionStatus::Failed),
        _ => None,
    }
}

/// Why a decision on an edition was not carried out.
pub(crate) enum Undecided {
    NoStory,
    /// The story has no translation in that language (the original is
    /// not reviewed).
    NoTranslation,
    /// The edition's state (given) does not allow that decision.
    NotAllowed(EditionStatus),
    Store(loa_store::StoreError),
}

/// Decides the `edition_lang` translation of the story `slug` as `user`,
/// for the review page and the API alike: a translation only, a decision
/// its state allows only; written with the audit line, then every cached
/// page dropped.
pub(crate) async fn decide_edition(
    state: &AppState,
    user: &User,
    slug: &str,
    edition_lang: Lang,
    status: EditionStatus,
) -> Result<Edition, Undecided> {
    let article = state.store.article_by_slug(slug).await.map_err(Undecided::Store)?.ok_or(Undecided::NoStory)?;
    let edition = match state.store.edition(article.id, edition_lang).await.map_err(Undecided::Store)? {
        Some(edition) if edition.status != EditionStatus::Original => edition,
        _ => return Err(Undecided::NoTranslation),
    };
    if !edition.review_decision_allowed(status) {
        return Err(Undecided::NotAllowed(edition.status));
    }
    let decided = state.store.set_edition_status(article.id, edition_lang, status, Some(user)).await.map_err(Undecided::Store)?;
    state.page_cache.clear();
    tracing::info!(user = %user.username, %slug, lang = %edition_lang, status = status.as_str(), "edition decided");
    Ok(decided)
}

/// The longest text one segment may be given, in characters.
const MAX_SEGMENT_CHARS: usize = 20_000;

/// `POST …/corrections`: the reviewer's text for the segments they changed
/// (`seg-N` fields). Changed segments replace the machine's, are
/// remembered as corrections, and make a held edition reviewed (a public
/// one stays public). Blank fields leave their segment as it is.
pub async fn correct(
    State(state): State<AppState>,
    Posted(Reviewer { user, lang, edition_lang }): Posted<Reviewer>,
    Path((_, slug, _)): Path<(String, String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let (article, editions) = match state.store.article_by_slug(&slug).await {
        Ok(Some(article)) => match state.store.editions(article.id).await {
            Ok(editions) => (article, editions),
            Err(e) => return finish(&state, lang, Err(e.into())),
        },
        Ok(None) => return not_found(&state, lang, ""),
        Err(e) => return finish(&state, lang, Err(e.into())),
    };
    let Some(mut edition) = editions.iter().find(|e| e.lang == edition_lang && e.status != EditionStatus::Original).cloned()
    else {
        return not_found(&state, lang, "");
    };
    if !edition.is_reviewable() {
        return not_allowed(&state, lang, StatusCode::CONFLICT, "newsroom-decision-not-allowed");
    }
    let source = source_of(&state, &editions, &edition).cloned();
    let source_segments = source.as_ref().map(Edition::segments).unwrap_or_default();
    let current = edition.segments();
    let mut changed = 0;
    for (i, (text, _)) in current.iter().enumerate() {
        let Some(new) = form.get(&format!("seg-{i}")).map(|t| t.trim().replace("\r\n", "\n")) else { continue };
        if new.is_empty() || new == text.trim() {
            continue;
        }
        if new.chars().count() > MAX_SEGMENT_CHARS || new.chars().any(|c| c.is_control() && c != '\n') {
            return not_allowed(&state, lang, StatusCode::BAD_REQUEST, "newsroom-decision-not-allowed");
        }
        edition.replace_segment(i, new.clone());
        changed += 1;
        if let (Some(source), Some(corrections), Some((source_text, marks))) =
            (&source, &state.corrections, source_segments.get(i))
        {
            if let Err(e) = corrections.remember(source.lang, edition.lang, (source_text, marks), &new, &article.places).await {
                tracing::warn!(error = %e, %slug, segment = i, "correction saved but not remembered");
            }
        }
    }
    if changed > 0 {
        edition.mark_corrected(chrono::Utc::now());
        if let Err(e) = state.store.save_corrected_edition(&edition, changed, Some(&user)).await {
            return finish(&state, lang, Err(e.into()));
        }
        state.page_cache.clear();
        tracing::info!(user = %user.username, %slug, lang = %edition_lang, changed, "edition corrected");
    }
    private(
        Redirect::to(&format!("/{}/newsroom/review/{}/{}?corrected={changed}", lang.code(), slug, edition_lang.code()))
            .into_response(),
    )
}
