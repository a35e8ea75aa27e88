//! What readers and API clients see when the store fails: a generic,
//! localised answer, never the store's or the driver's own words. The
//! router is served on a loopback port over a real store whose connection
//! pool is then closed, so every store call fails as it would with the
//! database gone.

mod common;

use std::sync::Arc;

use loa_domain::Lang;
use loa_i18n::Locales;
use loa_search::SearchIndex;
use loa_store::Store;
use reqwest::StatusCode;

struct Broken {
    base: String,
    /// What the store says when asked now: the text that must not leak.
    store_error: String,
    locales: Arc<Locales>,
    _dir: tempfile::TempDir,
}

async fn broken_site() -> Broken {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loa.db")).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = common::state(store.clone(), SearchIndex::open_in_ram().unwrap(), Locales::supported().to_vec(), &base);
    let locales = state.locales.clone();
    tokio::spawn(async move {
        loa_web::serve(listener, state, std::future::pending()).await.unwrap();
    });
    store.close().await;
    let store_error = store.sources().await.expect_err("a closed store fails").to_string();
    Broken { base, store_error, locales, _dir: dir }
}

impl Broken {
    async fn get(&self, path: &str) -> (StatusCode, String) {
        let resp = reqwest::get(format!("{}{path}", self.base)).await.unwrap();
        (resp.status(), resp.text().await.unwrap())
    }

    /// The body says nothing of the store, its driver or its files.
    fn assert_no_leak(&self, path: &str, body: &str) {
        let lower = body.to_lowercase();
        for word in ["pool", "sqlx", "sqlite", "database", "store:", "loa.db", "select ", "table"] {
            assert!(!lower.contains(word), "{path} leaks {word:?}: {body}");
        }
        assert!(!body.contains(&self.store_error), "{path} leaks the store error: {body}");
    }
}

#[tokio::test]
async fn api_failures_answer_internal_error_and_nothing_else() {
    let site = broken_site().await;
    assert!(site.store_error.to_lowercase().contains("pool"), "the store error is the driver's: {}", site.store_error);
    // The newsroom endpoints answer loopback peers, so these reach the store.
    for path in [
        "/api/v1/articles/some-story",
        "/api/v1/sources",
        "/api/v1/review",
        "/api/v1/articles/some-story/editions",
        "/api/v1/articles",
        "/api/v1/authors",
        "/api/v1/places",
        "/api/v1/articles/some-story/comments",
    ] {
        let (status, body) = site.get(path).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{path}: {body}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json, serde_json::json!({"error": "internal error", "code": "internal"}), "{path}");
        site.assert_no_leak(path, &body);
    }
    let (status, body) = site.get("/healthz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&body).unwrap()["error"], "store unavailable");
    site.assert_no_leak("/healthz", &body);
}

#[tokio::test]
async fn page_failures_show_the_localised_error_page() {
    let site = broken_site().await;
    for lang in [Lang::En, Lang::Vi, Lang::Ru] {
        let code = lang.code();
        for path in [
            format!("/{code}/"),
            format!("/{code}/article/some-story"),
            format!("/{code}/category/news"),
            format!("/{code}/author/some-one"),
            format!("/{code}/feed.xml"),
        ] {
            let (status, body) = site.get(&path).await;
            assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{path}: {body}");
            site.assert_no_leak(&path, &body);
            let title = site.locales.text(lang, "error-title");
            assert!(body.contains(&title), "{path} is not the {code} error page: {body}");
        }
    }
    let (status, body) = site.get("/sitemap.xml").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    site.assert_no_leak("/sitemap.xml", &body);
}
