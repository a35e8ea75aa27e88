//! `POST /{lang}/article/{slug}/comments`: a reader's comment, kept for
//! moderation. The reader is sent back to the story with the outcome.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use loa_domain::check_comment;

use crate::auth::throttle_key;
use crate::client::client_address;
use crate::handlers::newsroom::member::Posted;
use crate::handlers::{finish, not_found, PageLang};
use crate::limits::Bucket;
use crate::render::article_path;
use crate::AppState;

pub async fn post(
    State(state): State<AppState>,
    Posted(PageLang(lang)): Posted<PageLang>,
    Path((_, slug)): Path<(String, String)>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let article = match state.store.article_by_slug(&slug).await {
        Ok(Some(article)) => article,
        Ok(None) => return not_found(&state, lang, ""),
        Err(e) => return finish(&state, lang, Err(e.into())),
    };
    // Comments belong to an edition readers can see.
    match state.store.edition(article.id, lang).await {
        Ok(Some(e)) if article.shows(&e) => {}
        Ok(_) => return not_found(&state, lang, ""),
        Err(e) => return finish(&state, lang, Err(e.into())),
    }
    let back = |outcome: &str| Redirect::to(&format!("{}?comment={outcome}#comments", article_path(lang, &slug))).into_response();
    // A field people do not see: whatever fills it is a robot, which is
    // thanked and forgotten.
    if form.get("website").is_some_and(|w| !w.trim().is_empty()) {
        return back("thanks");
    }
    let name = form.get("name").map(String::as_str).unwrap_or_default();
    let body = form.get("body").map(String::as_str).unwrap_or_default();
    let Some((name, body)) = check_comment(name, body) else {
        return back("invalid");
    };
    let address = throttle_key(client_address(peer, &headers, &state.site.trusted_proxies));
    if !state.guards.rate.take(&state.store, Bucket::Comments, &address).await {
        return back("throttled");
    }
    match state.store.add_pending_comment(article.id, lang, &name, &body).await {
        Ok(_) => back("thanks"),
        Err(e) => finish(&state, lang, Err(e.into())),
    }
}
