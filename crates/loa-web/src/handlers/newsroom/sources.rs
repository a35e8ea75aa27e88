//! `/{lang}/newsroom/sources`: the feeds and sitemaps loa follows, for
//! editors. Posting `url` follows a new one (through [`crate::Following`]);
//! posting `action=pause|resume|remove` to `…/sources/{id}` changes one.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use loa_domain::Lang;

use super::member::{not_allowed, private, Editor, Member, Posted};
use crate::handlers::{ctx, finish, not_found, render_page, PageResult};
use crate::render::layout::Page;
use crate::render::sources::{sources_page, SourcesPage};
use crate::{AppState, FollowRefusal};

/// The longest address an editor may type.
const MAX_URL_CHARS: usize = 2000;

fn sources_path(lang: Lang) -> String {
    format!("/{}/newsroom/sources", lang.code())
}

pub async fn page(
    State(state): State<AppState>,
    Editor(Member { lang, .. }): Editor,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let c = ctx(&state, lang);
    let notice = ["added", "paused", "resumed", "removed"]
        .into_iter()
        .find(|k| params.contains_key(*k))
        .map(|k| c.t(&format!("sources-notice-{k}")));
    private(finish(&state, lang, build(&state, lang, notice, None, StatusCode::OK).await))
}

async fn build(
    state: &AppState,
    lang: Lang,
    notice: Option<String>,
    refused: Option<(String, String)>,
    status: StatusCode,
) -> PageResult {
    let c = ctx(state, lang);
    let sources = state.store.sources().await?;
    let mut robots = Vec::with_capacity(sources.len());
    for s in &sources {
        robots.push(match &state.following {
            Some(f) => f.robots_allows(&s.feed_url).await,
            None => None,
        });
    }
    let main = sources_page(
        &c,
        &SourcesPage { sources: &sources, robots: &robots, notice, refused, can_follow: state.following.is_some() },
    );
    let page = Page { title: c.t("sources-title"), main, noindex: true, ..Page::default() };
    Ok(render_page(state, lang, status, &page))
}

/// `POST …/sources`: follows the address in `url`. An address that is
/// not a web address, not a feed or not reachable is refused with the
/// page again, the address still in its field.
pub async fn add(
    State(state): State<AppState>,
    Posted(Editor(Member { user, lang })): Posted<Editor>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let Some(following) = state.following.clone() else {
        return not_allowed(&state, lang, StatusCode::SERVICE_UNAVAILABLE, "sources-cannot-follow-here");
    };
    let c = ctx(&state, lang);
    let typed = form.get("url").map(|u| u.trim()).unwrap_or_default().to_string();
    let is_web_address = typed.chars().count() <= MAX_URL_CHARS
        && url::Url::parse(&typed).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
    let (status, why) = if !is_web_address {
        (StatusCode::UNPROCESSABLE_ENTITY, c.t("sources-error-not-an-address"))
    } else {
        match following.follow(&typed, &user).await {
            Ok(source) => {
                tracing::info!(user = %user.username, source = source.id, url = %typed, "source followed");
                return private(
                    Redirect::to(&format!("{}?added={}#source-{}", sources_path(lang), source.id, source.id)).into_response(),
                );
            }
            Err(FollowRefusal::NotAFeed) => (StatusCode::UNPROCESSABLE_ENTITY, c.t("sources-error-not-a-feed")),
            Err(FollowRefusal::Unreachable(reason)) => {
                (StatusCode::BAD_GATEWAY, c.locales.text_args(lang, "sources-error-unreachable", &[("reason", reason.into())]))
            }
            Err(FollowRefusal::Failed(reason)) => {
                tracing::error!(url = %typed, %reason, "following a source failed");
                (StatusCode::INTERNAL_SERVER_ERROR, c.t("sources-error-failed"))
            }
        }
    };
    private(finish(&state, lang, build(&state, lang, None, Some((why, typed)), status).await))
}

/// `POST …/sources/{id}`: pauses, resumes or removes one source.
pub async fn change(
    State(state): State<AppState>,
    Posted(Editor(Member { user, lang })): Posted<Editor>,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let Some(id) = id.parse::<i64>().ok() else {
        return private(not_found(&state, lang, ""));
    };
    let source = match state.store.source(id).await {
        Ok(source) => source,
        Err(loa_store::StoreError::NotFound(_)) => return private(not_found(&state, lang, "")),
        Err(e) => return private(finish(&state, lang, Err(e.into()))),
    };
    let done = match form.get("action").map(String::as_str) {
        Some(action @ ("pause" | "resume")) => {
            let mut settings = source.settings.clone();
            settings.enabled = action == "resume";
            if let Err(e) = state.store.update_source_settings(source.id, &settings, Some(&user)).await {
                return private(finish(&state, lang, Err(e.into())));
            }
            if action == "pause" {
                "paused"
            } else {
                "resumed"
            }
        }
        Some("remove") => {
            if let Err(e) = state.store.remove_source(source.id, Some(&user)).await {
                return private(finish(&state, lang, Err(e.into())));
            }
            "removed"
        }
        _ => return not_allowed(&state, lang, StatusCode::BAD_REQUEST, "sources-error-action"),
    };
    tracing::info!(user = %user.username, source = source.id, done, "source changed");
    let anchor = if done == "removed" { String::new() } else { format!("#source-{}", source.id) };
    private(Redirect::to(&format!("{}?{done}={}{anchor}", sources_path(lang), source.id)).into_response())
}
