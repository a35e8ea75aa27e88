//! `/{lang}/newsroom/account`: a member's sessions, password and API keys.
//! A key is shown once, on the page that answers its creation; the store
//! keeps its SHA-256 and its first characters only. Programs send it as
//! `Authorization: Bearer <key>` to the newsroom's JSON. Changing the
//! password, or asking for it, signs out every other browser.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use loa_domain::{Lang, User};

use super::member::{not_allowed, private, Member, Posted};
use crate::auth::{new_session_token, token_hash};
use crate::handlers::{ctx, finish, not_found, render_page, PageResult};
use crate::render::esc;
use crate::render::layout::Page;
use crate::AppState;

/// Every key starts so, to be recognised in a leaked file or a log.
const KEY_PREFIX: &str = "loa_";
/// How many characters of a key the account page shows.
const SHOWN: usize = KEY_PREFIX.len() + 8;
const MAX_NAME_CHARS: usize = 80;

pub(crate) fn account_path(lang: Lang) -> String {
    format!("/{}/newsroom/account", lang.code())
}

/// The member an `Authorization: Bearer` API key acts for, if it names a
/// live key of an enabled member. A store failure counts as nobody.
pub(crate) async fn key_holder(state: &AppState, headers: &HeaderMap) -> Option<User> {
    let value = headers.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?;
    let key = value.strip_prefix("Bearer ")?.trim();
    if !key.starts_with(KEY_PREFIX) {
        return None;
    }
    match state.store.api_key_user(&token_hash(key)).await {
        Ok(user) => user,
        Err(e) => {
            tracing::error!(error = %e, "API key lookup failed");
            None
        }
    }
}

pub async fn page(
    State(state): State<AppState>,
    Member { user, lang }: Member,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let notice = [
        ("revoked", "account-key-revoked"),
        ("password-changed", "account-notice-password-changed"),
        ("sessions-ended", "account-notice-sessions-ended"),
    ]
    .into_iter()
    .find(|(k, _)| params.contains_key(*k))
    .map(|(_, message)| ctx(&state, lang).t(message));
    let shown = Shown { notice, this_session: this_session(&headers), ..Shown::default() };
    private(finish(&state, lang, build(&state, lang, &user, shown, StatusCode::OK).await))
}

/// What the account page shows besides the member's sessions and keys.
#[derive(Default)]
pub(crate) struct Shown<'a> {
    pub notice: Option<String>,
    /// A key just made, shown this once.
    pub new_key: Option<&'a str>,
    /// Why the password was not changed.
    pub password_error: Option<String>,
    /// The asking browser's session (its token's hash).
    pub this_session: Option<String>,
}

/// The hash of the session token the request carries.
pub(crate) fn this_session(headers: &HeaderMap) -> Option<String> {
    crate::auth::cookie(headers, crate::auth::SESSION_COOKIE).map(token_hash)
}

pub(crate) async fn build(state: &AppState, lang: Lang, user: &User, shown: Shown<'_>, status: StatusCode) -> PageResult {
    let c = ctx(state, lang);
    let keys = state.store.api_keys_of(user.id).await?;
    let sessions = state.store.sessions_of(user.id).await?;
    let code = lang.code();
    let mut h = format!("<div class=\"wrap newsroom account\"><h1>{}</h1>", c.th("account-title"));
    if let Some(n) = shown.notice {
        h.push_str(&format!("<p class=\"form-notice\" role=\"status\">{}</p>", esc(&n)));
    }
    h.push_str(&super::access::sessions_section(&c, &sessions, shown.this_session.as_deref()));
    h.push_str(&super::access::password_form(&c, shown.password_error.as_deref()));
    if let Some(key) = shown.new_key {
        h.push_str(&format!(
            "<div class=\"form-notice\" role=\"status\"><p>{}</p><p><code class=\"api-key\">{}</code></p></div>",
            c.th("account-key-created"),
            esc(key)
        ));
    }
    h.push_str(&format!(
        "<section aria-labelledby=\"keys-heading\"><h2 id=\"keys-heading\">{}</h2>",
        c.th("account-keys-heading")
    ));
    if keys.is_empty() {
        h.push_str(&format!("<p class=\"empty\">{}</p>", c.th("account-no-keys")));
    } else {
        h.push_str("<ul class=\"api-keys\">");
        for k in &keys {
            let used = match k.last_used_at {
                Some(at) => c.locales.text_args(lang, "account-key-used", &[("date", c.locales.format_date(lang, at).into())]),
                None => c.t("account-key-never-used"),
            };
            h.push_str(&format!(
                "<li><strong>{}</strong> <code>{}…</code> · {} · {}",
                esc(&k.name),
                esc(&k.prefix),
                esc(&c.locales.text_args(
                    lang,
                    "account-key-made",
                    &[("date", c.locales.format_date(lang, k.created_at).into())]
                )),
                esc(&used)
            ));
            match k.revoked_at {
                Some(_) => h.push_str(&format!(" <span class=\"status\">{}</span>", c.th("account-key-revoked-label"))),
                None => h.push_str(&format!(
                    " <form method=\"post\" action=\"/{code}/newsroom/account/keys/{}/revoke\"><button type=\"submit\">{}</button></form>",
                    k.id,
                    c.th("account-revoke")
                )),
            }
            h.push_str("</li>");
        }
        h.push_str("</ul>");
    }
    h.push_str(&format!(
        "<form method=\"post\" action=\"/{code}/newsroom/account/keys\"><label for=\"key-name\">{}</label> \
         <input id=\"key-name\" name=\"name\" required maxlength=\"{MAX_NAME_CHARS}\"> <button type=\"submit\">{}</button></form></section>",
        c.th("account-key-name"),
        c.th("account-create-key")
    ));
    h.push_str(&format!("<p><a href=\"{}\">{}</a></p></div>", super::member::desk_path(lang), c.th("newsroom-title")));
    let page = Page { title: c.t("account-title"), main: h, noindex: true, ..Page::default() };
    Ok(render_page(state, lang, status, &page))
}

/// `POST …/account/keys`: a new key named `name`, shown once.
pub async fn create(
    State(state): State<AppState>,
    Posted(Member { user, lang }): Posted<Member>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let name = form.get("name").map(|n| n.trim()).unwrap_or_default();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return not_allowed(&state, lang, StatusCode::BAD_REQUEST, "account-key-name-bad");
    }
    let key = format!("{KEY_PREFIX}{}", new_session_token());
    if let Err(e) = state.store.create_api_key(user.id, name, &key[..SHOWN], &token_hash(&key)).await {
        return private(finish(&state, lang, Err(e.into())));
    }
    tracing::info!(user = %user.username, key = &key[..SHOWN], "API key created");
    let shown = Shown { new_key: Some(&key), ..Shown::default() };
    private(finish(&state, lang, build(&state, lang, &user, shown, StatusCode::OK).await))
}

/// `POST …/account/keys/{id}/revoke`: only the key's owner revokes it.
pub async fn revoke(
    State(state): State<AppState>,
    Posted(Member { user, lang }): Posted<Member>,
    Path((_, id)): Path<(String, String)>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, lang, "");
    };
    match state.store.revoke_api_key(user.id, id).await {
        Ok(true) => {
            tracing::info!(user = %user.username, key = id, "API key revoked");
            private(Redirect::to(&format!("{}?revoked", account_path(lang))).into_response())
        }
        Ok(false) => not_found(&state, lang, ""),
        Err(e) => private(finish(&state, lang, Err(e.into()))),
    }
}
