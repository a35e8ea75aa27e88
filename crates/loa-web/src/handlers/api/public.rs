//! The JSON API: `/api/v1/search` and `/api/v1/articles/{slug}`.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use loa_domain::Lang;
use loa_search::{SearchQuery, MAX_RESULT_WINDOW};
use serde_json::json;

use crate::handlers::internal_error;
use crate::handlers::reader::search::Filters;
use crate::openapi::{PublicEdition, StoryAnswer};
use crate::AppState;

const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: usize = 50;

fn error(status: StatusCode, message: String) -> Response {
    super::lists::api_error(status, message)
}

/// A numeric query parameter; the error is the message for a 400.
fn number(params: &HashMap<String, String>, name: &str, default: usize) -> Result<usize, String> {
    match params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => v.parse::<usize>().map_err(|_| format!("{name} must be a non-negative whole number, got {v:?}")),
    }
}

/// `/api/v1/search`: `q`, `lang` (a code, or absent / `all` for every
/// language), `prefer_lang` (with every language: this one first),
/// `category`, `author`, `place`, `from`, `to` (`YYYY-MM-DD`), `sort`
/// (`relevance` | `date`), `limit`, and `offset` or `page` (1-based).
/// Answers `{query, lang, sort, filters, total, limit, offset, page, hits,
/// facets}`; facet counts cover every matching edition, not just the page.
pub async fn search(State(state): State<AppState>, Query(params): Query<HashMap<String, String>>) -> Response {
    let query = params.get("q").map(|q| q.trim().to_string()).unwrap_or_default();
    let offered = state.site.offered();
    let (filters, bad) = Filters::parse(&params, &offered);
    if let Some(first) = bad.first() {
        return error(StatusCode::BAD_REQUEST, first.message.clone());
    }
    let prefer_lang = match params.get("prefer_lang").map(|l| l.trim()).filter(|l| !l.is_empty()) {
        None => None,
        Some(code) => match offered.iter().find(|l| l.code() == code) {
            Some(l) => Some(*l),
            None => return error(StatusCode::BAD_REQUEST, format!("prefer_lang {code:?} is not offered here")),
        },
    };
    let limit = match number(&params, "limit", DEFAULT_LIMIT) {
        Ok(n) if n <= MAX_LIMIT => n,
        Ok(n) => return error(StatusCode::BAD_REQUEST, format!("limit may be at most {MAX_LIMIT}, got {n}")),
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    let offset = match (params.contains_key("offset"), number(&params, "page", 1)) {
        (true, _) => number(&params, "offset", 0),
        (false, Ok(0)) => Err("page starts at 1".to_string()),
        (false, Ok(page)) => Ok((page - 1).saturating_mul(limit)),
        (false, Err(message)) => Err(message),
    };
    let offset = match offset {
        Ok(n) if n.saturating_add(limit) <= MAX_RESULT_WINDOW => n,
        Ok(_) => return error(StatusCode::BAD_REQUEST, format!("offset + limit may be at most {MAX_RESULT_WINDOW}")),
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    let index = state.search.clone();
    let q = filters.query(&query, None, limit, offset);
    let q = SearchQuery { prefer_lang, ..q };
    let lang = q.lang;
    let sort = q.sort;
    let echo = json!({
        "category": q.category,
        "author": q.author,
        "place": q.place,
        "from": q.from,
        "to": q.to,
    });
    match tokio::task::spawn_blocking(move || index.search(&q)).await {
        Ok(Ok(results)) => Json(json!({
            "query": query,
            "lang": lang.map(Lang::code),
            "sort": sort,
            "filters": echo,
            "total": results.total,
            "limit": limit,
            "offset": offset,
            "page": offset.checked_div(limit).map_or(1, |p| p + 1),
            "hits": results.hits,
            "facets": results.facets,
        }))
        .into_response(),
        Ok(Err(err)) => internal_error("api search", &err),
        Err(err) => internal_error("api search task", &err),
    }
}

pub async fn article(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let article = match state.store.article_by_slug(&slug).await {
        Ok(Some(a)) => a,
        Ok(None) => return error(StatusCode::NOT_FOUND, format!("no article with slug {slug:?}")),
        Err(err) => return internal_error("api article", &err),
    };
    let editions = match state.store.editions(article.id).await {
        Ok(e) => e,
        Err(err) => return internal_error("api article editions", &err),
    };
    let public: Vec<_> = editions
        .into_iter()
        .filter(|e| state.site.shows_edition(&article, e))
        .map(|edition| PublicEdition {
            url: state.site.absolute(&crate::render::article_path(edition.lang, &article.slug)),
            edition,
        })
        .collect();
    if public.is_empty() {
        return error(StatusCode::NOT_FOUND, format!("article {slug:?} has no public edition"));
    }
    let article = match serde_json::to_value(&article) {
        Ok(a) => a,
        Err(err) => return internal_error("api article", &err),
    };
    Json(StoryAnswer { article, editions: public }).into_response()
}
