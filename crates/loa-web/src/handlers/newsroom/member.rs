//! Who is asking: the newsroom member a request's session cookie signs in,
//! and the answers for those who may not go on (sign in first, or not in
//! your role).

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use loa_domain::{Lang, User};

use crate::auth::{cookie, token_hash, SESSION_COOKIE};
use crate::handlers::{ctx, not_found, render_page, PageLang};
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

/// A signed-in member on a newsroom page in a language the site offers.
/// Whoever is not signed in is sent to sign in before the handler runs.
pub(crate) struct Member {
    pub user: User,
    pub lang: Lang,
}

impl FromRequestParts<AppState> for Member {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Member, Response> {
        let PageLang(lang) = PageLang::from_request_parts(parts, state).await?;
        match signed_in(state, &parts.headers).await {
            Some(user) => Ok(Member { user, lang }),
            None => Err(to_sign_in(lang)),
        }
    }
}

/// A signed-in [`Member`] who is an editor (sources, the audit log); any
/// other member gets the page saying their role does not allow it.
pub(crate) struct Editor(pub Member);

impl FromRequestParts<AppState> for Editor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Editor, Response> {
        Member::from_request_parts(parts, state).await?.into_editor(state)
    }
}

impl Member {
    /// This member as an [`Editor`], or the page saying their role does not allow it.
    // The refusal is the answer itself: boxing it buys nothing.
    #[allow(clippy::result_large_err)]
    fn into_editor(self, state: &AppState) -> Result<Editor, Response> {
        if self.user.role.edits_stories() {
            Ok(Editor(self))
        } else {
            Err(forbidden(state, self.lang))
        }
    }
}

/// A member who reviews translations, on the review route of the edition
/// in `{edition}`'s language. Every refusal is private, the 404 page for
/// a language the site does not offer included.
pub(crate) struct Reviewer {
    pub user: User,
    pub lang: Lang,
    pub edition_lang: Lang,
}

impl FromRequestParts<AppState> for Reviewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Reviewer, Response> {
        let Member { user, lang } = Member::from_request_parts(parts, state).await.map_err(private)?;
        if !user.role.reviews_translations() {
            return Err(forbidden(state, lang));
        }
        let Path(segments) =
            Path::<Vec<(String, String)>>::from_request_parts(parts, state).await.map_err(|e| private(e.into_response()))?;
        let code = segments.iter().find(|(name, _)| name == "edition").map_or("", |(_, value)| value.as_str());
        match code.parse::<Lang>() {
            Ok(edition_lang) => Ok(Reviewer { user, lang, edition_lang }),
            Err(_) => Err(private(not_found(state, lang, ""))),
        }
    }
}

/// What `T` extracts, from a form posted from this site only: a form from
/// another site is refused before anyone is looked up (see
/// [`crate::auth::same_origin`]).
pub(crate) struct Posted<T>(pub T);

impl<T> FromRequestParts<AppState> for Posted<T>
where
    T: FromRequestParts<AppState, Rejection = Response> + Send,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Posted<T>, Response> {
        let PageLang(lang) = PageLang::from_request_parts(parts, state).await.map_err(private)?;
        from_this_site(state, lang, &parts.headers)?;
        Ok(Posted(T::from_request_parts(parts, state).await?))
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
