//! A member's own access, on the account page: the browsers signed in
//! (with "sign out everywhere else") and the password form. Changing the
//! password ends every other session in the same transaction.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use loa_store::SessionInfo;

use super::account::{account_path, build, this_session, Shown};
use super::member::{private, Member, Posted};
use crate::auth::{hash_password, verify_password, MIN_PASSWORD_CHARS};
use crate::handlers::finish;
use crate::limits::Bucket;
use crate::render::{esc, Ctx};
use crate::AppState;

/// The longest password taken: hashing a megabyte is work for nothing.
const MAX_PASSWORD_CHARS: usize = 1000;

pub(crate) fn sessions_section(c: &Ctx<'_>, sessions: &[SessionInfo], this: Option<&str>) -> String {
    let code = c.lang.code();
    let mut h = format!(
        "<section aria-labelledby=\"sessions-heading\"><h2 id=\"sessions-heading\">{}</h2><ul class=\"sessions\">",
        c.th("account-sessions-heading")
    );
    for s in sessions {
        let line = c.locales.text_args(
            c.lang,
            "account-session",
            &[
                ("since", c.locales.format_date(c.lang, s.created_at).into()),
                ("until", c.locales.format_date(c.lang, s.expires_at).into()),
            ],
        );
        let here = if this == Some(s.token_hash.as_str()) {
            format!(" <strong class=\"this-session\">{}</strong>", c.th("account-session-this"))
        } else {
            String::new()
        };
        h.push_str(&format!("<li>{}{here}</li>", esc(&line)));
    }
    h.push_str("</ul>");
    if sessions.len() > 1 {
        h.push_str(&format!(
            "<form method=\"post\" action=\"/{code}/newsroom/account/sessions\"><button type=\"submit\">{}</button></form>",
            c.th("account-end-other-sessions")
        ));
    }
    h.push_str("</section>");
    h
}

pub(crate) fn password_form(c: &Ctx<'_>, error: Option<&str>) -> String {
    let code = c.lang.code();
    let error = error.map(|e| format!("<p class=\"form-error\" role=\"alert\">{}</p>", esc(e))).unwrap_or_default();
    format!(
        "<section aria-labelledby=\"password-heading\"><h2 id=\"password-heading\">{}</h2>{error}\
         <form class=\"newsroom-form password-form\" method=\"post\" action=\"/{code}/newsroom/account/password\">\
         <p><label for=\"current-password\">{}</label><input id=\"current-password\" name=\"current\" type=\"password\" autocomplete=\"current-password\" required></p>\
         <p><label for=\"new-password\">{}</label><input id=\"new-password\" name=\"new\" type=\"password\" autocomplete=\"new-password\" minlength=\"{MIN_PASSWORD_CHARS}\" required></p>\
         <p><label for=\"repeat-password\">{}</label><input id=\"repeat-password\" name=\"repeat\" type=\"password\" autocomplete=\"new-password\" required></p>\
         <p><button type=\"submit\">{}</button></p></form></section>",
        c.th("account-password-heading"),
        c.th("account-password-current"),
        c.tah("account-password-new", &[("min", (MIN_PASSWORD_CHARS as i64).into())]),
        c.th("account-password-repeat"),
        c.th("account-password-submit"),
    )
}

/// `POST …/account/password`: `current`, `new` and `repeat`. A wrong
/// current password counts against the account like a failed sign-in.
pub async fn change_password(
    State(state): State<AppState>,
    Posted(Member { user, lang }): Posted<Member>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| form.get(k).cloned().unwrap_or_default();
    let (current, new, repeat) = (field("current"), field("new"), field("repeat"));
    let c = crate::handlers::ctx(&state, lang);
    let session = this_session(&headers);
    let refuse = |status: StatusCode, why: String| {
        let (state, user, session) = (state.clone(), user.clone(), session.clone());
        async move {
            let shown = Shown { password_error: Some(why), this_session: session, ..Shown::default() };
            private(finish(&state, lang, build(&state, lang, &user, shown, status).await))
        }
    };
    if new.chars().count() < MIN_PASSWORD_CHARS || new.chars().count() > MAX_PASSWORD_CHARS {
        let why = c.locales.text_args(lang, "account-password-short", &[("min", (MIN_PASSWORD_CHARS as i64).into())]);
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, why).await;
    }
    if new != repeat {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, c.t("account-password-mismatch")).await;
    }
    let account = user.username.to_ascii_lowercase();
    if !state.guards.rate.take(&state.store, Bucket::SignInAccount, &account).await {
        return refuse(StatusCode::TOO_MANY_REQUESTS, c.t("newsroom-sign-in-throttled")).await;
    }
    // Hashing is slow on purpose: at most two at once, off the async workers.
    let Ok(_permit) = state.guards.hashing.try_acquire() else {
        return refuse(StatusCode::TOO_MANY_REQUESTS, c.t("newsroom-sign-in-throttled")).await;
    };
    let stored = match state.store.user_for_login(&user.username).await {
        Ok(Some((_, hash))) => hash,
        Ok(None) => return private(Redirect::to(&super::member::sign_in_path(lang)).into_response()),
        Err(e) => return private(finish(&state, lang, Err(e.into()))),
    };
    let checked = tokio::task::spawn_blocking(move || verify_password(&current, &stored).then(|| hash_password(&new))).await;
    let Ok(Some(new_hash)) = checked else {
        return refuse(StatusCode::FORBIDDEN, c.t("account-password-wrong")).await;
    };
    state.guards.rate.forgive(&state.store, Bucket::SignInAccount, &account).await;
    let keep = session.unwrap_or_default();
    if let Err(e) = state.store.change_password(user.id, &new_hash, &keep).await {
        return private(finish(&state, lang, Err(e.into())));
    }
    tracing::info!(user = %user.username, "password changed; other sessions ended");
    private(Redirect::to(&format!("{}?password-changed", account_path(lang))).into_response())
}

/// `POST …/account/sessions`: signs out every browser but this one.
pub async fn end_other_sessions(
    State(state): State<AppState>,
    Posted(Member { user, lang }): Posted<Member>,
    headers: HeaderMap,
) -> Response {
    let keep = this_session(&headers).unwrap_or_default();
    match state.store.end_other_sessions(user.id, &keep).await {
        Ok(ended) => {
            tracing::info!(user = %user.username, ended, "other sessions ended");
            private(Redirect::to(&format!("{}?sessions-ended", account_path(lang))).into_response())
        }
        Err(e) => private(finish(&state, lang, Err(e.into()))),
    }
}
