//! The JSON API's lists: stories by cursor, categories, authors, places,
//! and a story's comments. Each answer is one of the types below, which
//! are also what the OpenAPI document ([`crate::openapi`]) describes, so
//! the document cannot say other than what is sent.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use loa_domain::{Author, Category, Lang, CATEGORIES};
use loa_store::{ArticleCard, CardCursor, CardFilter};
use serde::Serialize;
use utoipa::ToSchema;

use crate::handlers::internal_error;
use crate::AppState;

const DEFAULT_LIMIT: i64 = 20;
const MAX_LIMIT: i64 = 100;

/// Every error the API answers with: what went wrong, for people, and a
/// stable code, for programs.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    /// What went wrong, in English.
    pub error: String,
    /// `bad_request`, `unauthorized`, `forbidden`, `not_found`, `conflict`,
    /// `rate_limited` or `internal`.
    pub code: String,
}

pub(crate) fn api_error(status: StatusCode, message: impl Into<String>) -> Response {
    let code = match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::CONFLICT => "conflict",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        s if s.is_client_error() => "bad_request",
        _ => "internal",
    };
    (status, Json(ApiError { error: message.into(), code: code.into() })).into_response()
}

/// One story in one language, as lists give it: its card and its page.
#[derive(Debug, Serialize, ToSchema)]
pub struct StorySummary {
    #[serde(flatten)]
    pub card: ArticleCard,
    /// The edition's page on the reader site.
    pub url: String,
}

/// A page of stories, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoryPage {
    pub items: Vec<StorySummary>,
    /// Pass as `cursor` for the next page; absent on the last one.
    pub next_cursor: Option<String>,
}

/// A section of the site.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryOut {
    pub slug: String,
    /// Its name in the language asked for.
    pub name: String,
    /// Its page in that language.
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryList {
    pub lang: Lang,
    pub items: Vec<CategoryOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorList {
    pub items: Vec<Author>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceList {
    /// Every place stories are about, once each.
    pub items: Vec<String>,
}

/// A reader's comment that a moderator let through.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentOut {
    pub id: i64,
    pub author_name: String,
    pub body: String,
    pub lang: Lang,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentList {
    pub slug: String,
    pub items: Vec<CommentOut>,
}

/// A cursor is where the last page ended: its story's publication time
/// (milliseconds) and id. Opaque to clients; anything else is a 400.
fn encode_cursor(c: CardCursor) -> String {
    format!("{}.{}", c.published_at.timestamp_millis(), c.article_id)
}

fn decode_cursor(text: &str) -> Option<CardCursor> {
    let (millis, id) = text.split_once('.')?;
    let published_at = DateTime::from_timestamp_millis(millis.parse().ok()?)?;
    Some(CardCursor { published_at, article_id: id.parse().ok().filter(|id: &i64| *id > 0)? })
}

/// The offered language named by `lang`, the site's first when absent.
#[allow(clippy::result_large_err)]
fn offered_lang(state: &AppState, params: &HashMap<String, String>) -> Result<Lang, Response> {
    match params.get("lang").map(|l| l.trim()).filter(|l| !l.is_empty()) {
        None => Ok(state.site.fallback_lang()),
        Some(code) => state
            .site
            .page_lang(code)
            .ok_or_else(|| api_error(StatusCode::BAD_REQUEST, format!("lang {code:?} is not offered here"))),
    }
}

fn summary(state: &AppState, card: ArticleCard) -> StorySummary {
    StorySummary { url: state.site.absolute(&crate::render::article_path(card.lang, &card.slug)), card }
}

/// `GET /api/v1/articles`: public stories in `lang`, newest first, at most
/// one of `category`, `author` (slug) or `place`, `limit` per page, and
/// `cursor` from the page before.
#[utoipa::path(get, path = "/api/v1/articles", tag = "stories",
    params(
        ("lang" = Option<Lang>, Query, description = "Language of the editions; the site's first when absent"),
        ("category" = Option<String>, Query, description = "A section's slug"),
        ("author" = Option<String>, Query, description = "An author's slug"),
        ("place" = Option<String>, Query, description = "A place's name"),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 100, description = "Stories per page (20)"),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the page before"),
    ),
    responses((status = 200, body = StoryPage), (status = 400, body = ApiError)))]
pub async fn stories(State(state): State<AppState>, Query(params): Query<HashMap<String, String>>) -> Response {
    let lang = match offered_lang(&state, &params) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let limit = match params.get("limit").map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => DEFAULT_LIMIT,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => return api_error(StatusCode::BAD_REQUEST, format!("limit must be a whole number from 1 to {MAX_LIMIT}")),
        },
    };
    let after = match params.get("cursor").map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => None,
        Some(text) => match decode_cursor(text) {
            Some(c) => Some(c),
            None => return api_error(StatusCode::BAD_REQUEST, "cursor is not one this API gave"),
        },
    };
    let named: Vec<(&str, &String)> = ["category", "author", "place"]
        .into_iter()
        .filter_map(|k| params.get(k).filter(|v| !v.trim().is_empty()).map(|v| (k, v)))
        .collect();
    let filter = match named.as_slice() {
        [] => CardFilter::All,
        [("category", slug)] => match Category::from_slug(slug.trim()) {
            Some(c) => CardFilter::Category(c),
            None => return api_error(StatusCode::BAD_REQUEST, format!("no category {slug:?}")),
        },
        [("author", slug)] => CardFilter::Author(slug.trim()),
        [("place", name)] => CardFilter::Place(name.trim()),
        _ => return api_error(StatusCode::BAD_REQUEST, "name at most one of category, author and place"),
    };
    // One more than the page tells whether there is a next one.
    let mut cards = match state.store.cards_after(lang, &filter, after, limit + 1).await {
        Ok(cards) => cards,
        Err(e) => return internal_error("api stories", &e),
    };
    let more = cards.len() as i64 > limit;
    cards.truncate(limit as usize);
    let next_cursor = more
        .then(|| cards.last().map(|c| encode_cursor(CardCursor { published_at: c.published_at, article_id: c.article_id })))
        .flatten();
    let items = cards.into_iter().map(|c| summary(&state, c)).collect();
    Json(StoryPage { items, next_cursor }).into_response()
}

/// `GET /api/v1/categories`: every section with its name in `lang`.
#[utoipa::path(get, path = "/api/v1/categories", tag = "taxonomy",
    params(("lang" = Option<Lang>, Query, description = "Language of the names; the site's first when absent")),
    responses((status = 200, body = CategoryList), (status = 400, body = ApiError)))]
pub async fn categories(State(state): State<AppState>, Query(params): Query<HashMap<String, String>>) -> Response {
    let lang = match offered_lang(&state, &params) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let items = CATEGORIES
        .iter()
        .map(|c| CategoryOut {
            slug: c.slug.to_string(),
            name: state.locales.text(lang, &format!("category-{}", c.slug)),
            url: state.site.absolute(&format!("/{}/category/{}", lang.code(), c.slug)),
        })
        .collect();
    Json(CategoryList { lang, items }).into_response()
}

/// `GET /api/v1/authors`.
#[utoipa::path(get, path = "/api/v1/authors", tag = "taxonomy", responses((status = 200, body = AuthorList)))]
pub async fn authors(State(state): State<AppState>) -> Response {
    match state.store.authors().await {
        Ok(items) => Json(AuthorList { items }).into_response(),
        Err(e) => internal_error("api authors", &e),
    }
}

/// `GET /api/v1/places`.
#[utoipa::path(get, path = "/api/v1/places", tag = "taxonomy", responses((status = 200, body = PlaceList)))]
pub async fn places(State(state): State<AppState>) -> Response {
    match state.store.place_names().await {
        Ok(items) => Json(PlaceList { items }).into_response(),
        Err(e) => internal_error("api places", &e),
    }
}

/// `GET /api/v1/articles/{slug}/comments`: the comments readers see.
#[utoipa::path(get, path = "/api/v1/articles/{slug}/comments", tag = "stories",
    params(("slug" = String, Path, description = "The story's slug")),
    responses((status = 200, body = CommentList), (status = 404, body = ApiError)))]
pub async fn comments(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let article = match state.store.article_by_slug(&slug).await {
        Ok(Some(a)) => a,
        Ok(None) => return api_error(StatusCode::NOT_FOUND, format!("no article with slug {slug:?}")),
        Err(e) => return internal_error("api comments", &e),
    };
    // A story readers do not see has no comments for them either.
    let shown = match state.store.editions(article.id).await {
        Ok(editions) => {
            editions.into_iter().filter(|e| state.site.shows_edition(&article, e)).map(|e| e.lang).collect::<Vec<_>>()
        }
        Err(e) => return internal_error("api comments", &e),
    };
    if shown.is_empty() {
        return api_error(StatusCode::NOT_FOUND, format!("article {slug:?} has no public edition"));
    }
    match state.store.comments(article.id).await {
        Ok(list) => {
            let items = list
                .into_iter()
                .filter(|c| shown.contains(&c.lang))
                .map(|c| CommentOut {
                    id: c.id,
                    author_name: c.author_name,
                    body: c.body,
                    lang: c.lang,
                    created_at: c.created_at,
                })
                .collect();
            Json(CommentList { slug: article.slug, items }).into_response()
        }
        Err(e) => internal_error("api comments", &e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_what_they_wrote_and_nothing_else() {
        let c = CardCursor { published_at: DateTime::from_timestamp_millis(1_772_352_000_123).unwrap(), article_id: 42 };
        assert_eq!(decode_cursor(&encode_cursor(c)), Some(c));
        for bad in ["", "42", "x.1", "1.x", "1.0", "1.-3", "99999999999999999999.1", "1.2.3"] {
            assert_eq!(decode_cursor(bad), None, "{bad}");
        }
    }
}
