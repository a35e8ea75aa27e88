//! `POST /{lang}/newsroom/sign-out`: ends the session.

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};

use super::member::{from_this_site, private, sign_in_path};
use crate::auth::{clear_session_cookie, cookie, token_hash, SESSION_COOKIE};
use crate::handlers::PageLang;
use crate::AppState;

pub async fn sign_out(State(state): State<AppState>, PageLang(lang): PageLang, headers: HeaderMap) -> Response {
    if let Err(refused) = from_this_site(&state, lang, &headers) {
        return refused;
    }
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        if let Err(e) = state.store.delete_session(&token_hash(token)).await {
            tracing::error!(error = %e, "session not deleted");
        }
    }
    let mut response = Redirect::to(&sign_in_path(lang)).into_response();
    response.headers_mut().insert(header::SET_COOKIE, clear_session_cookie().parse().expect("fixed text"));
    private(response)
}
