//! `/healthz`: the store answers, the index is open.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::AppState;

pub async fn health(State(state): State<AppState>) -> Response {
    match state.store.article_count().await {
        Ok(articles) => {
            (StatusCode::OK, Json(json!({"status": "ok", "articles": articles, "search_documents": state.search.num_docs()})))
                .into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "health check: store failed");
            // The cause stays in the log: driver messages name files and queries.
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({"status": "error", "error": "store unavailable"}))).into_response()
        }
    }
}
