//! `POST /{lang}/newsroom/comments/{id}`: a moderator approves or rejects
//! a reader's comment.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use loa_domain::CommentStatus;

use super::member::{desk_path, forbidden, not_allowed, private, Member, Posted};
use crate::handlers::{finish, not_found};
use crate::AppState;

pub async fn moderate(
    State(state): State<AppState>,
    Posted(Member { user, lang }): Posted<Member>,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    if !user.role.moderates_comments() {
        return forbidden(&state, lang);
    }
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, lang, "");
    };
    let (decision, word) = match form.get("decision").map(String::as_str) {
        Some("approve") => (CommentStatus::Visible, "approved"),
        Some("reject") => (CommentStatus::Rejected, "rejected"),
        _ => return not_allowed(&state, lang, StatusCode::BAD_REQUEST, "newsroom-decision-not-allowed"),
    };
    match state.store.moderate_comment(id, decision, &user).await {
        Ok(true) => {
            state.page_cache.clear();
            tracing::info!(user = %user.username, comment = id, decision = word, "comment moderated");
            private(Redirect::to(&format!("{}?comment={word}", desk_path(lang))).into_response())
        }
        // Decided by someone else meanwhile, or no such comment.
        Ok(false) => private(Redirect::to(&desk_path(lang)).into_response()),
        Err(e) => finish(&state, lang, Err(e.into())),
    }
}
