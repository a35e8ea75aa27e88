//! Newsroom JSON: source health, the review queue, and every edition of an
//! article with its state and reasons. These answer requests from this
//! machine (loopback, for scripts on the server) and from newsroom
//! members, signed in or with an API key; never the public.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::member::private;
use crate::handlers::internal_error;
use crate::AppState;

/// Refused unless the reader (seen through trusted proxies: the proxy's
/// own loopback address opens nothing) is this machine.
fn refuse_unless_local(req: &Request, trusted: &[crate::client::Network]) -> Option<Response> {
    let local = req.extensions().get::<ConnectInfo<SocketAddr>>().is_some_and(|ConnectInfo(addr)| {
        crate::client::forwarded_client(*addr, req.headers(), trusted).is_some_and(|ip| ip.is_loopback())
    });
    (!local).then(|| {
        crate::handlers::api::lists::api_error(
            StatusCode::FORBIDDEN,
            "the newsroom API answers this machine and signed-in editors and translators",
        )
    })
}

/// Refused unless from this machine or from a signed-in editor or translator. Reads the
/// request before the future starts, so the future holds no borrow of it.
fn refuse_unless_newsroom<'a>(
    state: &'a AppState,
    req: &Request,
) -> impl std::future::Future<Output = Option<Response>> + Send + 'a {
    let refused = refuse_unless_local(req, &state.site.trusted_proxies);
    let headers = req.headers().clone();
    async move {
        let refused = refused?;
        // Members whose role reviews translations see what these report,
        // signed in or by one of their API keys.
        let member = match super::account::key_holder(state, &headers).await {
            Some(user) => Some(user),
            None => super::member::signed_in(state, &headers).await,
        };
        match member {
            Some(user) if user.role.reviews_translations() => None,
            _ => Some(refused),
        }
    }
}

/// `/api/v1/sources`: every source with its settings and health.
pub async fn sources(State(state): State<AppState>, req: Request) -> Response {
    if let Some(r) = refuse_unless_newsroom(&state, &req).await {
        return r;
    }
    match state.store.sources().await {
        Ok(sources) => private(Json(json!({ "sources": sources })).into_response()),
        Err(e) => internal_error("newsroom api", &e),
    }
}

/// `/api/v1/review`: editions held by the checks or failed, with reasons.
pub async fn review(State(state): State<AppState>, req: Request) -> Response {
    if let Some(r) = refuse_unless_newsroom(&state, &req).await {
        return r;
    }
    match state.store.review_queue(500).await {
        Ok(items) => private(Json(json!({ "editions": items })).into_response()),
        Err(e) => internal_error("newsroom api", &e),
    }
}

/// `/api/v1/articles/{slug}/editions`: every edition in any state.
pub async fn editions(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    if let Some(r) = refuse_unless_newsroom(&state, &req).await {
        return r;
    }
    let article = match state.store.article_by_slug(&slug).await {
        Ok(Some(a)) => a,
        Ok(None) => {
            return crate::handlers::api::lists::api_error(StatusCode::NOT_FOUND, format!("no article with slug {slug:?}"))
        }
        Err(e) => return internal_error("newsroom api", &e),
    };
    match state.store.editions(article.id).await {
        Ok(editions) => {
            let list: Vec<_> = editions
                .iter()
                .map(|e| {
                    json!({"lang": e.lang, "status": e.status, "engine": e.engine, "reasons": e.failure.as_deref().map(loa_domain::decode_reasons).unwrap_or_default(),
                           "title": e.title, "updated_at": e.updated_at})
                })
                .collect();
            private(
                Json(json!({ "slug": article.slug, "original_lang": article.original_lang, "editions": list })).into_response(),
            )
        }
        Err(e) => internal_error("newsroom api", &e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request_from(addr: Option<&str>) -> Request {
        let mut req = Request::new(axum::body::Body::empty());
        if let Some(a) = addr {
            req.extensions_mut().insert(ConnectInfo(a.parse::<SocketAddr>().unwrap()));
        }
        req
    }

    #[test]
    fn only_this_machine_is_answered() {
        assert!(refuse_unless_local(&request_from(Some("127.0.0.1:5000")), &[]).is_none());
        assert!(refuse_unless_local(&request_from(Some("[::1]:5000")), &[]).is_none());
        for other in [Some("10.0.0.7:5000"), Some("203.0.113.9:443"), None] {
            let refused = refuse_unless_local(&request_from(other), &[]).expect("refused");
            assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        }
        // Behind a trusted proxy on this machine, the reader decides.
        let proxy = [crate::client::Network::parse("127.0.0.1").unwrap()];
        let mut forwarded = request_from(Some("127.0.0.1:5000"));
        forwarded.headers_mut().insert("x-forwarded-for", "203.0.113.9".parse().unwrap());
        assert!(refuse_unless_local(&forwarded, &proxy).is_some(), "a reader from outside, through the proxy");
        let unnamed = request_from(Some("127.0.0.1:5000"));
        assert!(refuse_unless_local(&unnamed, &proxy).is_some(), "a proxy that names no reader opens nothing");
        let other_proxy = [crate::client::Network::parse("127.0.0.0/8").unwrap()];
        let mut local = request_from(Some("127.0.0.1:5000"));
        local.headers_mut().insert("x-forwarded-for", "::1".parse().unwrap());
        assert!(refuse_unless_local(&local, &other_proxy).is_none(), "a reader on this machine, through the proxy");
    }
}
