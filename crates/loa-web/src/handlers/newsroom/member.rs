//! Who is asking: the newsroom member a request's session cookie signs in,
//! and the answers for those who may not go on (sign in first, or not in
//! your role).

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use loa_domain::{Lang, User};

use crate::auth::{cookie, token_hash, SESSION_COOKIE};
use crate::handlers::{ctx, render_page};
use crate::render::layout::Page;
use crate::AppState;

/// The member signed in by the request's cookie, if any. A store failure
/// counts as nobody: the newsroom fails closed.
pub(crate) async fn signed_in(state: &AppState, headers: &HeaderMap) -> Option<User> {
    let token = cookie(headers, SESSION_COOKIE)?;
    match state.store.session_user(&token_hash(token)).await {
        Ok(user) => user,
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            None
        }
    }
}

pub(crate) fn sign_in_path(lang: Lang) -> String {
    format!("/{}/newsroom/sign-in", lang.code())
}

pub(crate) fn desk_path(lang: Lang) -> String {
    format!("/{}/newsroom/", lang.code())
}

/// Where someone not signed in is sent.
pub(crate) fn to_sign_in(lang: Lang) -> Response {
    Redirect::to(&sign_in_path(lang)).into_response()
}

/// A signed-in member whose role does not allow the request.
pub(crate) fn forbidden(state: &AppState, lang: Lang) -> Response {
    notice(state, lang, StatusCode::FORBIDDEN, "newsroom-forbidden")
}

/// A form posted from another site.
pub(crate) fn refused_form(state: &AppState, lang: Lang) -> Response {
    notice(state, lang, StatusCode::FORBIDDEN, "form-refused")
}

/// A newsroom request the newsroom cannot carry out as sent.
pub(crate) fn not_allowed(state: &AppState, lang: Lang, status: StatusCode, message: &str) -> Response {
    notice(state, lang, status, message)
}

/// A short page saying why a request was not carried out.
fn notice(state: &AppState, lang: Lang, status: StatusCode, message: &str) -> Response {
    let c = ctx(state, lang);
    let page = Page {
        title: c.t("newsroom-title"),
        main: format!(
            "<div class=\"wrap notice-page\"><h1>{}</h1><p>{}</p><p><a href=\"{}\">{}</a></p></div>",
            c.th("newsroom-title"),
            c.th(message),
            desk_path(lang),
            c.th("newsroom-title")
        ),
        noindex: true,
        ..Page::default()
    };
    private(render_page(state, lang, status, &page))
}

/// Nothing, or the answer for a form posted from another site (see
/// [`crate::auth::same_origin`]).
// The refusal is the answer itself, built on a cold path: boxing it buys nothing.
#[allow(clippy::result_large_err)]
pub(crate) fn from_this_site(state: &AppState, lang: Lang, headers: &HeaderMap) -> Result<(), Response> {
    if !crate::auth::same_origin(headers, &state.site.base_url) {
        return Err(refused_form(state, lang));
    }
    Ok(())
}

/// Newsroom pages are personal: never stored by a cache.
pub(crate) fn private(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}
