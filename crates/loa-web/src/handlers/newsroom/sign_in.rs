//! `/{lang}/newsroom/sign-in`: the form, and signing a member in.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{Duration, Utc};

use super::member::{desk_path, private, signed_in, Posted};
use crate::auth::{
    cookie, hash_password, new_session_token, session_cookie, throttle_key, token_hash, verify_password, SESSION_COOKIE,
    SESSION_HOURS,
};
use crate::client::client_address;
use crate::handlers::{ctx, finish, render_page, PageLang};
use crate::limits::Bucket;
use crate::render::layout::Page;
use crate::render::newsroom::sign_in_form;
use crate::AppState;

pub async fn form(State(state): State<AppState>, PageLang(lang): PageLang, headers: HeaderMap) -> Response {
    if signed_in(&state, &headers).await.is_some() {
        return Redirect::to(&desk_path(lang)).into_response();
    }
    page(&state, lang, StatusCode::OK, None)
}

fn page(state: &AppState, lang: loa_domain::Lang, status: StatusCode, error: Option<&str>) -> Response {
    let c = ctx(state, lang);
    let page = Page { title: c.t("newsroom-sign-in-heading"), main: sign_in_form(&c, error), noindex: true, ..Page::default() };
    private(render_page(state, lang, status, &page))
}

pub async fn submit(
    State(state): State<AppState>,
    Posted(PageLang(lang)): Posted<PageLang>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    // Counted before the password is checked, per address and per
    // account, so guesses sent together or spread over many addresses
    // cannot all pass; a right password is forgiven below.
    let username = form.get("username").map(|s| s.trim()).unwrap_or_default().to_string();
    let password = form.get("password").cloned().unwrap_or_default();
    let address = throttle_key(client_address(peer, &headers, &state.site.trusted_proxies));
    let account: String = username.chars().take(100).collect::<String>().to_ascii_lowercase();
    let rate = &state.guards.rate;
    if !rate.take(&state.store, Bucket::SignInAddress, &address).await {
        return page(&state, lang, StatusCode::TOO_MANY_REQUESTS, Some("newsroom-sign-in-throttled"));
    }
    if !rate.take(&state.store, Bucket::SignInAccount, &account).await {
        rate.forgive(&state.store, Bucket::SignInAddress, &address).await;
        return page(&state, lang, StatusCode::TOO_MANY_REQUESTS, Some("newsroom-sign-in-throttled"));
    }
    // Hashing is slow on purpose: at most two at once, off the async
    // workers, so sign-in attempts cannot stall the reader site.
    let Ok(_permit) = state.guards.hashing.try_acquire() else {
        rate.forgive(&state.store, Bucket::SignInAddress, &address).await;
        rate.forgive(&state.store, Bucket::SignInAccount, &account).await;
        return page(&state, lang, StatusCode::TOO_MANY_REQUESTS, Some("newsroom-sign-in-throttled"));
    };
    let found = match state.store.user_for_login(&username).await {
        Ok(found) => found,
        Err(e) => return finish(&state, lang, Err(e.into())),
    };
    // Unknown names cost a hash too, so timing does not tell which exist.
    let (user, stored) = match found {
        Some((user, hash)) => (Some(user), hash),
        None => (None, state.guards.decoy_hash()),
    };
    let matches = tokio::task::spawn_blocking(move || verify_password(&password, &stored)).await.unwrap_or(false);
    let user = match user {
        Some(user) if matches && !user.disabled => user,
        _ => return page(&state, lang, StatusCode::UNAUTHORIZED, Some("newsroom-sign-in-failed")),
    };
    rate.forgive(&state.store, Bucket::SignInAddress, &address).await;
    rate.forgive(&state.store, Bucket::SignInAccount, &account).await;
    // A session this browser already had ends: one sign-in, one session.
    if let Some(old) = cookie(&headers, SESSION_COOKIE) {
        if let Err(e) = state.store.delete_session(&token_hash(old)).await {
            tracing::warn!(error = %e, "previous session not deleted");
        }
    }
    let token = new_session_token();
    if let Err(e) = state.store.create_session(user.id, &token_hash(&token), Utc::now() + Duration::hours(SESSION_HOURS)).await {
        return finish(&state, lang, Err(e.into()));
    }
    tracing::info!(user = %user.username, role = user.role.as_str(), "signed in to the newsroom");
    let secure = state.site.base_url.starts_with("https://");
    let mut response = Redirect::to(&desk_path(lang)).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(&token, secure).parse().expect("a cookie of hex and fixed text is a valid header"),
    );
    private(response)
}

/// A hash that matches no password, checked when the name is unknown.
pub(crate) fn decoy_hash() -> String {
    hash_password(&new_session_token())
}
