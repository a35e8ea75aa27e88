//! The newsroom's JSON writes: publishing or withdrawing a translated
//! edition, approving or rejecting a reader's comment, and moving a story
//! in its workflow. A member's
//! program calls them with one of the member's API keys
//! (`Authorization: Bearer loa_…`); a page of this site may call them with
//! the member's session. Each write does what the same button on the
//! newsroom's pages does, and enters the audit log the same way.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use loa_domain::{EmbargoChange, Lang, Role, User, Workflow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::moderate::{moderate_comment, status_for_moderation_word};
use super::review_edition::{decide_edition, status_for_review_word, Undecided};
use crate::handlers::api::lists::{api_error, ApiError};
use crate::handlers::internal_error;
use crate::AppState;

/// A decision on a translated edition.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EditionDecision {
    /// `publish` or `withdraw`.
    pub decision: String,
}

/// The edition as the decision left it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EditionDecided {
    pub article_id: i64,
    pub lang: Lang,
    /// The edition's status now (`published`, or `failed` once withdrawn).
    pub status: String,
}

/// A moderation decision on a reader's comment.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CommentDecision {
    /// `approve` or `reject`.
    pub decision: String,
}

/// The comment as the decision left it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentDecided {
    pub id: i64,
    /// `visible` or `rejected`.
    pub status: String,
}

/// A step in a story's workflow.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StoryStep {
    /// `draft`, `review`, `schedule`, `publish` or `withdraw`.
    pub step: String,
    /// For `schedule`: when the scheduler publishes the story (RFC 3339).
    #[serde(default)]
    pub publish_at: Option<String>,
    /// The story's embargo from now on (RFC 3339); `""` lifts it; left out,
    /// the embargo stays as it is.
    #[serde(default)]
    pub embargo_until: Option<String>,
}

/// The story as the step left it.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoryMoved {
    pub article_id: i64,
    pub slug: String,
    pub workflow: Workflow,
}

/// The member a write is made for: the holder of the API key sent, or the
/// member signed in, when the call comes from a page of this site (a
/// session cookie rides along with another site's requests too).
async fn writer(state: &AppState, headers: &HeaderMap) -> Result<User, Response> {
    if let Some(user) = super::account::key_holder(state, headers).await {
        return Ok(user);
    }
    if !crate::auth::same_origin(headers, &state.site.base_url) {
        return Err(api_error(StatusCode::FORBIDDEN, "a newsroom session is accepted from this site's pages only"));
    }
    match super::member::signed_in(state, headers).await {
        Some(user) => Ok(user),
        None => Err(api_error(StatusCode::UNAUTHORIZED, "send one of your API keys as `Authorization: Bearer …`")),
    }
}

/// Who calls and what they sent, when their role may make the call
/// (`may`); else the answer that refuses it (401, 403 with `refusal`, or
/// 400 for a body that is not the JSON expected).
// The refusal is the answer itself, built on a cold path: boxing it buys nothing.
#[allow(clippy::result_large_err)]
async fn authorised<T>(
    state: &AppState,
    headers: &HeaderMap,
    sent: Result<Json<T>, JsonRejection>,
    may: fn(Role) -> bool,
    refusal: &str,
) -> Result<(User, T), Response> {
    let user = writer(state, headers).await?;
    if !may(user.role) {
        return Err(api_error(StatusCode::FORBIDDEN, refusal.to_string()));
    }
    Ok((user, body(sent)?))
}

/// The body as sent, or the error that says why it is not one.
// The refusal is the answer itself, built on a cold path: boxing it buys nothing.
#[allow(clippy::result_large_err)]
fn body<T>(sent: Result<Json<T>, JsonRejection>) -> Result<T, Response> {
    sent.map(|Json(body)| body).map_err(|e| api_error(StatusCode::BAD_REQUEST, format!("the body is not the JSON expected: {e}")))
}

/// Newsroom: publishes or withdraws one translated edition (members who
/// review translations).
#[utoipa::path(post, path = "/api/v1/articles/{slug}/editions/{lang}/decision", tag = "newsroom",
    params(("slug" = String, Path, description = "The story's slug"), ("lang" = Lang, Path, description = "The edition's language")),
    request_body = EditionDecision,
    responses((status = 200, body = EditionDecided), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn edition_decision(
    State(state): State<AppState>,
    Path((slug, code)): Path<(String, String)>,
    headers: HeaderMap,
    sent: Result<Json<EditionDecision>, JsonRejection>,
) -> Response {
    let (user, decision) =
        match authorised(&state, &headers, sent, Role::reviews_translations, "your role does not review translations").await {
            Ok(call) => call,
            Err(refused) => return refused,
        };
    let Some(status) = status_for_review_word(&decision.decision) else {
        return api_error(StatusCode::BAD_REQUEST, "`decision` is `publish` or `withdraw`");
    };
    let Ok(lang) = code.parse::<Lang>() else {
        return api_error(StatusCode::NOT_FOUND, "no such language");
    };
    match decide_edition(&state, &user, &slug, lang, status).await {
        Ok(decided) => Json(EditionDecided { article_id: decided.article_id, lang, status: decided.status.as_str().to_string() })
            .into_response(),
        Err(Undecided::NoStory) => api_error(StatusCode::NOT_FOUND, "no such story"),
        Err(Undecided::NoTranslation) => api_error(StatusCode::NOT_FOUND, "the story has no translation in that language"),
        Err(Undecided::NotAllowed(now)) => {
            api_error(StatusCode::CONFLICT, format!("an edition that is {} cannot be decided so", now.as_str()))
        }
        Err(Undecided::Store(e)) => internal_error("api edition decision", &e),
    }
}

/// Newsroom: approves or rejects one comment waiting for moderation
/// (members who moderate comments).
#[utoipa::path(post, path = "/api/v1/comments/{id}/decision", tag = "newsroom",
    params(("id" = i64, Path, description = "The comment's id")),
    request_body = CommentDecision,
    responses((status = 200, body = CommentDecided), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn comment_decision(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    sent: Result<Json<CommentDecision>, JsonRejection>,
) -> Response {
    let (user, decision) =
        match authorised(&state, &headers, sent, Role::moderates_comments, "your role does not moderate comments").await {
            Ok(call) => call,
            Err(refused) => return refused,
        };
    let Some(status) = status_for_moderation_word(&decision.decision) else {
        return api_error(StatusCode::BAD_REQUEST, "`decision` is `approve` or `reject`");
    };
    let Ok(id) = id.parse::<i64>() else {
        return api_error(StatusCode::NOT_FOUND, "no such comment");
    };
    match moderate_comment(&state, &user, id, status).await {
        Ok(true) => Json(CommentDecided { id, status: status.as_str().to_string() }).into_response(),
        Ok(false) => api_error(StatusCode::NOT_FOUND, "no comment with that id is waiting for moderation"),
        Err(e) => internal_error("api comment decision", &e),
    }
}

/// Newsroom: moves a story in its workflow (editors): to a draft, to
/// review, scheduled, published now or withdrawn, with its embargo. A step
/// the story's state or embargo does not allow, or a scheduled time that
/// has passed, is a 409 that changes nothing.
#[utoipa::path(post, path = "/api/v1/articles/{slug}/workflow", tag = "newsroom",
    params(("slug" = String, Path, description = "The story's slug")),
    request_body = StoryStep,
    responses((status = 200, body = StoryMoved), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn story_workflow(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    sent: Result<Json<StoryStep>, JsonRejection>,
) -> Response {
    use super::story::{parse_time, step_named, StepUnread};
    let (user, sent) = match authorised(&state, &headers, sent, Role::edits_stories, "only editors move stories").await {
        Ok(call) => call,
        Err(refused) => return refused,
    };
    let time = |value: Option<&str>| parse_time(value.unwrap_or_default());
    let (publish_at, embargo) = match (time(sent.publish_at.as_deref()), time(sent.embargo_until.as_deref())) {
        (Ok(publish_at), Ok(embargo)) => (publish_at, embargo),
        (Err(()), _) => return api_error(StatusCode::BAD_REQUEST, "`publish_at` is not an RFC 3339 time"),
        (_, Err(())) => return api_error(StatusCode::BAD_REQUEST, "`embargo_until` is not an RFC 3339 time"),
    };
    let step = match step_named(&sent.step, publish_at) {
        Ok(step) => step,
        Err(StepUnread::NoTime) => return api_error(StatusCode::BAD_REQUEST, "`schedule` needs `publish_at`"),
        Err(StepUnread::Unknown) => {
            return api_error(StatusCode::BAD_REQUEST, "`step` is `draft`, `review`, `schedule`, `publish` or `withdraw`")
        }
    };
    let article = match state.store.article_by_slug(&slug).await {
        Ok(Some(a)) => a,
        Ok(None) => return api_error(StatusCode::NOT_FOUND, "no such story"),
        Err(e) => return internal_error("api story workflow", &e),
    };
    // Left out, the embargo stays (as stored when the step is taken); sent
    // empty, it is lifted.
    let embargo = if sent.embargo_until.is_none() { EmbargoChange::Keep } else { EmbargoChange::Set(embargo) };
    match state.store.move_story(article.id, step, embargo, Some(&user), chrono::Utc::now()).await {
        Ok(Ok(workflow)) => {
            state.page_cache.clear();
            Json(StoryMoved { article_id: article.id, slug, workflow }).into_response()
        }
        Ok(Err(refusal)) => api_error(StatusCode::CONFLICT, refusal.to_string()),
        Err(e) => internal_error("api story workflow", &e),
    }
}
