//! `POST /{lang}/newsroom/comments/{id}`: a moderator approves or rejects
//! a reader's comment.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use loa_domain::{CommentStatus, User};

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
    let Some(decision) = form.get("decision").and_then(|w| status_for_moderation_word(w)) else {
        return not_allowed(&state, lang, StatusCode::BAD_REQUEST, "newsroom-decision-not-allowed");
    };
    match moderate_comment(&state, &user, id, decision).await {
        Ok(true) => private(Redirect::to(&format!("{}?comment={}", desk_path(lang), decided_word(decision))).into_response()),
        // Decided by someone else meanwhile, or no such comment.
        Ok(false) => private(Redirect::to(&desk_path(lang)).into_response()),
        Err(e) => finish(&state, lang, Err(e.into())),
    }
}

/// The status a moderator's decision word (`approve`, `reject`) asks for.
pub(crate) fn status_for_moderation_word(word: &str) -> Option<CommentStatus> {
    match word {
        "approve" => Some(CommentStatus::Visible),
        "reject" => Some(CommentStatus::Rejected),
        _ => None,
    }
}

/// How the desk's notice names a decision.
fn decided_word(decision: CommentStatus) -> &'static str {
    if decision == CommentStatus::Visible {
        "approved"
    } else {
        "rejected"
    }
}

/// Moderates comment `id` as `user`, for the desk and the API alike;
/// `false` when no comment with that id waits. Every cached page is
/// dropped after a decision (the story's page shows its comments).
pub(crate) async fn moderate_comment(
    state: &AppState,
    user: &User,
    id: i64,
    decision: CommentStatus,
) -> Result<bool, loa_store::StoreError> {
    let decided = state.store.moderate_comment(id, decision, user).await?;
    if decided {
        state.page_cache.clear();
        tracing::info!(user = %user.username, comment = id, decision = decided_word(decision), "comment moderated");
    }
    Ok(decided)
}
