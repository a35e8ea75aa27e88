//! `/{lang}/newsroom/sign-in`: the form, and signing a member in.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{Duration, Utc};

use super::member::{desk_path, form_lang, private, signed_in};
use super::{ctx, not_found, render_page};
use crate::auth::{hash_password, new_session_token, session_cookie, token_hash, verify_password, SESSION_HOURS};
use crate::render::layout::Page;
use crate::render::newsroom::sign_in_form;
use crate::AppState;

pub async fn form(State(state): State<AppState>, Path(lang): Path<String>, headers: HeaderMap) -> Response {
    let Some(lang) = state.site.page_lang(&lang) else {
        return not_found::page(&state, state.site.fallback_lang(), "");
    };
    if signed_in(&state, &headers).await.is_some() {
        return Redirect::to(&desk_path(lang)).into_response();
    }
    page(&state, lang, StatusCode::OK, None)
}

fn page(state: &AppState, lang: loa_domain::Lang, status: StatusCode, error: Option<&str>) -> Response {
    let c = ctx(state, lang);
    let page = Page {
        title: c.t("newsroom-sign-in-heading"),
        main: sign_in_form(&c, error),
        noindex: true,
        ..Page::default()
    };
    private(render_page(state, lang, status, &page))
}

pub async fn submit(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let lang = match form_lang(&state, &lang, &headers) {
        Ok(lang) => lang,
        Err(refused) => return refused,
    };
    let address = peer.ip().to_string();
    if !state.guards.sign_in.allows(&address) {
        return page(&state, lang, StatusCode::TOO_MANY_REQUESTS, Some("newsroom-sign-in-throttled"));
    }
    let username = form.get("username").map(|s| s.trim()).unwrap_or_default();
    let password = form.get("password").map(String::as_str).unwrap_or_default();
    let found = match state.store.user_for_login(username).await {
        Ok(found) => found,
        Err(e) => {
            tracing::error!(error = %e, "sign-in lookup failed");
            return (StatusCode::INTERNAL_SERVER_ERROR, "the newsroom is unavailable").into_response();
        }
    };
    // Unknown names cost a hash too, so timing does not tell which names exist.
    let user = match found {
        Some((user, hash)) if verify_password(password, &hash) && !user.disabled => user,
        Some(_) => {
            state.guards.sign_in.record(&address);
            return page(&state, lang, StatusCode::UNAUTHORIZED, Some("newsroom-sign-in-failed"));
        }
        None => {
            verify_password(password, state.guards.decoy_hash());
            state.guards.sign_in.record(&address);
            return page(&state, lang, StatusCode::UNAUTHORIZED, Some("newsroom-sign-in-failed"));
        }
    };
    let token = new_session_token();
    if let Err(e) = state.store.create_session(user.id, &token_hash(&token), Utc::now() + Duration::hours(SESSION_HOURS)).await {
        tracing::error!(error = %e, "session not stored");
        return (StatusCode::INTERNAL_SERVER_ERROR, "the newsroom is unavailable").into_response();
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
