//! The JSON API against its OpenAPI document: every `/api/v1/` route is
//! described and nothing else is; lists page by cursor; errors share one
//! body; the docs page lists every operation.

mod common;

use chrono::{TimeZone, Utc};
use loa_domain::{Block, Category, Lang, NewArticle};
use loa_search::SearchIndex;
use loa_store::Store;
use serde_json::Value;

#[test]
fn every_api_route_is_in_the_document_and_the_document_names_no_other() {
    let routed: Vec<(String, String)> = loa_web::routes()
        .into_iter()
        .filter(|(_, p)| p.starts_with("/api/v1/"))
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    let mut described = loa_web::openapi::described();
    let mut routed_sorted = routed.clone();
    described.sort();
    routed_sorted.sort();
    assert!(routed.len() >= 10, "{routed:?}");
    assert_eq!(described, routed_sorted, "the OpenAPI document and the router disagree");
}

fn story(n: u32, category: &str, place: &str) -> NewArticle {
    NewArticle {
        lead: format!("The harbour office gave report {n}."),
        blocks: vec![Block::Paragraph { text: format!("Report {n} counted {} boats.", n * 7), marks: vec![] }],
        author: Some(if n.is_multiple_of(2) { "Lê Minh" } else { "Trần Hà" }.into()),
        category: Category::from_slug(category).unwrap(),
        places: vec![place.into()],
        published_at: Some(Utc.with_ymd_and_hms(2026, 5, 1 + n, 9, 0, 0).unwrap()),
        ..loa_store::testing::new_article(&format!("https://herald.example/{n}"), &format!("Harbour report number {n}"))
    }
}

#[tokio::test]
async fn lists_page_by_cursor_and_errors_share_one_body() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loa.db")).await.unwrap();
    for n in 1..=5 {
        store
            .insert_article(&story(n, if n <= 3 { "news" } else { "travel" }, if n == 2 { "Huế" } else { "Đà Nẵng" }), &[], &[])
            .await
            .unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = common::state(store, SearchIndex::open_in_ram().unwrap(), vec![Lang::En, Lang::Es], &base);
    tokio::spawn(async move { loa_web::serve(listener, state, std::future::pending()).await.unwrap() });
    let get = |path: String| {
        let base = base.clone();
        async move {
            let resp = reqwest::get(format!("{base}{path}")).await.unwrap();
            let status = resp.status().as_u16();
            let etag = resp.headers().get("etag").is_some();
            (status, etag, serde_json::from_str::<Value>(&resp.text().await.unwrap()).unwrap())
        }
    };

    // Two at a time, newest first, every story once, then no cursor.
    let (mut titles, mut cursor) = (Vec::new(), String::new());
    loop {
        let (status, etag, page) = get(format!("/api/v1/articles?lang=en&limit=2{cursor}")).await;
        assert_eq!(status, 200, "{page}");
        assert!(etag, "API answers carry an ETag");
        titles.extend(page["items"].as_array().unwrap().iter().map(|s| s["title"].as_str().unwrap().to_string()));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
        assert!(titles.len() < 10, "the walk ends");
    }
    let expected: Vec<String> = (1..=5).rev().map(|n| format!("Harbour report number {n}")).collect();
    assert_eq!(titles, expected);
    let (_, _, first) = get("/api/v1/articles?lang=en&limit=1".into()).await;
    assert!(first["items"][0]["url"].as_str().unwrap().starts_with(&format!("{base}/en/article/")));

    let (_, _, news) = get("/api/v1/articles?category=news".into()).await;
    assert_eq!(news["items"].as_array().unwrap().len(), 3);
    let (_, _, hue) = get("/api/v1/articles?place=Hu%E1%BA%BF".into()).await;
    assert_eq!(hue["items"][0]["title"], "Harbour report number 2");
    let (_, _, by) = get("/api/v1/articles?author=le-minh".into()).await;
    assert_eq!(by["items"].as_array().unwrap().len(), 2);
    let (_, _, spanish) = get("/api/v1/articles?lang=es".into()).await;
    assert_eq!(spanish["items"].as_array().unwrap().len(), 0, "no Spanish editions yet");

    let (_, _, cats) = get("/api/v1/categories?lang=es".into()).await;
    let travel = cats["items"].as_array().unwrap().iter().find(|c| c["slug"] == "travel").unwrap().clone();
    assert_eq!(travel["url"], format!("{base}/es/category/travel"));
    assert_ne!(travel["name"], "Travel", "named in Spanish: {travel}");
    let (_, _, authors) = get("/api/v1/authors".into()).await;
    assert_eq!(authors["items"].as_array().unwrap().len(), 2);
    let (_, _, places) = get("/api/v1/places".into()).await;
    assert_eq!(places["items"], serde_json::json!(["Huế", "Đà Nẵng"]));

    for (path, status) in [
        ("/api/v1/articles?limit=0", 400),
        ("/api/v1/articles?limit=101", 400),
        ("/api/v1/articles?lang=xx", 400),
        ("/api/v1/articles?cursor=not-ours", 400),
        ("/api/v1/articles?category=nope", 400),
        ("/api/v1/articles?category=news&place=Hu", 400),
        ("/api/v1/articles/no-such-story/comments", 404),
    ] {
        let (got, _, body) = get(path.into()).await;
        assert_eq!(got, status, "{path}: {body}");
        assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()), "{path}: {body}");
        let code = if status == 404 { "not_found" } else { "bad_request" };
        assert_eq!(body["code"], code, "{path}: {body}");
    }

    let doc: Value =
        serde_json::from_str(&reqwest::get(format!("{base}/api/openapi.json")).await.unwrap().text().await.unwrap()).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert!(doc["components"]["schemas"]["StoryPage"].is_object());
    let page = reqwest::get(format!("{base}/api/docs")).await.unwrap().text().await.unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let operation = format!("{} {path}", method.to_uppercase());
            assert!(page.contains(&operation), "the docs page lists {operation}");
        }
    }
}

/// Where schemathesis is: `LOA_SCHEMATHESIS`, else the virtualenv
/// `scripts/install-deps` makes. Missing, the test fails: it never skips.
fn schemathesis() -> std::path::PathBuf {
    let path =
        std::env::var_os("LOA_SCHEMATHESIS").map(Into::into).unwrap_or_else(|| "/var/tmp/loa-venv/bin/schemathesis".into());
    assert!(
        std::path::Path::new(&path).exists(),
        "{} is missing: run scripts/install-deps",
        std::path::Path::new(&path).display()
    );
    path
}

/// schemathesis (from PyPI) generates requests from the document, valid
/// and not, and checks every answer: no 5xx, only statuses, content types
/// and bodies the document gives.
#[tokio::test]
async fn schemathesis_finds_every_answer_as_the_document_says() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loa.db")).await.unwrap();
    for n in 1..=4 {
        store.insert_article(&story(n, "news", "Huế"), &[], &[]).await.unwrap();
    }
    let slug = store.article(1).await.unwrap().unwrap().slug;
    store.add_comment(1, Lang::En, "Reader", "Good to know the tides.").await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut state = common::state(store, SearchIndex::open_in_ram().unwrap(), vec![Lang::En, Lang::Es], &base);
    // Every generated request reaches the handlers, not the rate limit.
    state.guards = std::sync::Arc::new(loa_web::Guards::new(loa_web::limits::Limits {
        search_per_minute: 1 << 30,
        api_per_minute: 1 << 30,
    }));
    tokio::spawn(async move { loa_web::serve(listener, state, std::future::pending()).await.unwrap() });
    let tool = schemathesis();
    let out = tokio::process::Command::new(tool)
        .args([
            "run",
            &format!("{base}/api/openapi.json"),
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            "--max-examples",
            "25",
            "--generation-deterministic",
            "--request-timeout",
            "20",
            "--no-color",
        ])
        .env("SCHEMATHESIS_HOOKS", "")
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .current_dir(dir.path())
        .output()
        .await
        .unwrap();
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    println!("{report}");
    assert!(out.status.success(), "schemathesis found answers the document does not allow (story slug {slug}):\n{report}");
    let operations = loa_web::openapi::described().len();
    assert!(report.contains(&format!("Tested: {operations}")), "it tested all {operations} operations: {report}");
}

/// A held Spanish translation of story 1.
fn held_spanish(store_edition: &loa_domain::Edition) -> loa_domain::Edition {
    loa_domain::Edition {
        lang: Lang::Es,
        title: "Informe del puerto número 1".into(),
        status: loa_domain::EditionStatus::MachineTranslated,
        engine: "apertium:eng-spa".into(),
        ..store_edition.clone()
    }
}

#[tokio::test]
async fn newsroom_writes_take_an_api_key_and_answer_in_the_documents_terms() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loa.db")).await.unwrap();
    let id = store.insert_article(&story(1, "news", "Huế"), &[], &[]).await.unwrap().article_id();
    let original = store.edition(id, Lang::En).await.unwrap().unwrap();
    store.save_edition(&held_spanish(&original)).await.unwrap();
    let slug = store.article(id).await.unwrap().unwrap().slug;
    let tran = store.create_user("tran", "Trần Anh", loa_domain::Role::Translator, "x").await.unwrap();
    let mai = store.create_user("mai", "Mai", loa_domain::Role::Moderator, "x").await.unwrap();
    for (user, key) in [(&tran, "loa_translator_key"), (&mai, "loa_moderator_key")] {
        store.create_api_key(user.id, "script", "loa_", &loa_web::auth::token_hash(key)).await.unwrap();
    }
    let comment = store.add_pending_comment(id, Lang::Es, "Lectora", "Muy útil.").await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = common::state(store.clone(), SearchIndex::open_in_ram().unwrap(), vec![Lang::En, Lang::Es], &base);
    tokio::spawn(async move { loa_web::serve(listener, state, std::future::pending()).await.unwrap() });
    let client = reqwest::Client::new();
    let post = |path: String, key: Option<&'static str>, body: Value| {
        let mut req = client.post(format!("{base}{path}")).header("content-type", "application/json").body(body.to_string());
        if let Some(key) = key {
            req = req.bearer_auth(key);
        }
        async move {
            let resp = req.send().await.unwrap();
            let status = resp.status().as_u16();
            (status, serde_json::from_str::<Value>(&resp.text().await.unwrap()).unwrap())
        }
    };
    let decide = format!("/api/v1/articles/{slug}/editions/es/decision");
    let publish = serde_json::json!({"decision": "publish"});

    // Nobody, a wrong key, a role that does not review, a bad body, a bad
    // decision, the original: each refused with the error body, nothing done.
    let (status, body) = post(decide.clone(), None, publish.clone()).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")), "{body}");
    assert_eq!(post(decide.clone(), Some("loa_nobodys_key"), publish.clone()).await.0, 401);
    let (status, body) = post(decide.clone(), Some("loa_moderator_key"), publish.clone()).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")));
    let (status, body) = post(decide.clone(), Some("loa_translator_key"), serde_json::json!({"verdict": 1})).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("bad_request")), "{body}");
    assert_eq!(post(decide.clone(), Some("loa_translator_key"), serde_json::json!({"decision": "shred"})).await.0, 400);
    let original_path = format!("/api/v1/articles/{slug}/editions/en/decision");
    assert_eq!(post(original_path, Some("loa_translator_key"), publish.clone()).await.0, 404);
    assert_eq!(store.edition(id, Lang::Es).await.unwrap().unwrap().status, loa_domain::EditionStatus::MachineTranslated);

    // The translator's key publishes; the log names the translator.
    let (status, body) = post(decide.clone(), Some("loa_translator_key"), publish.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, serde_json::json!({"article_id": id, "lang": "es", "status": "published"}));
    assert_eq!(store.edition(id, Lang::Es).await.unwrap().unwrap().status, loa_domain::EditionStatus::Published);
    let log = store.audit_log(&loa_store::AuditFilter::default(), 10).await.unwrap();
    assert_eq!(log[0].action.actor.as_deref(), Some("Trần Anh"));
    // Published already: publishing again is a conflict.
    let (status, body) = post(decide, Some("loa_translator_key"), publish).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("conflict")), "{body}");

    // The moderator's key approves the comment, once.
    let moderate = format!("/api/v1/comments/{comment}/decision");
    let approve = serde_json::json!({"decision": "approve"});
    assert_eq!(post(moderate.clone(), Some("loa_translator_key"), approve.clone()).await.0, 403);
    let (status, body) = post(moderate.clone(), Some("loa_moderator_key"), approve.clone()).await;
    assert_eq!((status, body), (200, serde_json::json!({"id": comment, "status": "visible"})));
    assert_eq!(post(moderate, Some("loa_moderator_key"), approve).await.0, 404, "nothing waits any more");
    assert!(store.pending_comments(10).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_editors_key_moves_a_story_and_refusals_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loa.db")).await.unwrap();
    let id = store.insert_article(&story(1, "news", "Huế"), &[], &[]).await.unwrap().article_id();
    let slug = store.article(id).await.unwrap().unwrap().slug;
    let lan = store.create_user("lan", "Lan", loa_domain::Role::Editor, "x").await.unwrap();
    let tran = store.create_user("tran", "Trần Anh", loa_domain::Role::Translator, "x").await.unwrap();
    for (user, key) in [(&lan, "loa_editor_key"), (&tran, "loa_translator_key")] {
        store.create_api_key(user.id, "script", "loa_", &loa_web::auth::token_hash(key)).await.unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = common::state(store.clone(), SearchIndex::open_in_ram().unwrap(), vec![Lang::En], &base);
    tokio::spawn(async move { loa_web::serve(listener, state, std::future::pending()).await.unwrap() });
    let client = reqwest::Client::new();
    let path = format!("{base}/api/v1/articles/{slug}/workflow");
    let post = |key: &'static str, body: Value| {
        let req = client.post(&path).bearer_auth(key).header("content-type", "application/json").body(body.to_string());
        async move {
            let resp = req.send().await.unwrap();
            let status = resp.status().as_u16();
            (status, serde_json::from_str::<Value>(&resp.text().await.unwrap()).unwrap())
        }
    };
    let state_now = || async { store.article(id).await.unwrap().unwrap().workflow };
    let page = format!("{base}/en/article/{slug}");
    let page_status = || async { reqwest::get(&page).await.unwrap().status().as_u16() };
    assert_eq!(page_status().await, 200);

    // Only editors; a bad step or time is a 400; nothing changes.
    let (status, body) = post("loa_translator_key", serde_json::json!({"step": "withdraw"})).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")), "{body}");
    assert_eq!(post("loa_editor_key", serde_json::json!({"step": "shelve"})).await.0, 400);
    assert_eq!(post("loa_editor_key", serde_json::json!({"step": "schedule"})).await.0, 400, "schedule needs a time");
    let bad_time = serde_json::json!({"step": "schedule", "publish_at": "tomorrow morning"});
    assert_eq!(post("loa_editor_key", bad_time).await.0, 400);
    // A published story cannot go back to draft before it is withdrawn.
    let (status, body) = post("loa_editor_key", serde_json::json!({"step": "draft"})).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("conflict")), "{body}");
    assert_eq!(state_now().await.state, loa_domain::StoryState::Published);

    let (status, body) = post("loa_editor_key", serde_json::json!({"step": "withdraw"})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["workflow"]["state"], "withdrawn");
    assert_eq!(page_status().await, 404, "a withdrawn story is no page");
    // Nor are its comments, nor the page of an author with no other story.
    let status_of = |url: String| async move { reqwest::get(url).await.unwrap().status().as_u16() };
    assert_eq!(status_of(format!("{base}/api/v1/articles/{slug}/comments")).await, 404);
    let author = store.article(id).await.unwrap().unwrap().author.unwrap().slug;
    assert_eq!(status_of(format!("{base}/en/author/{author}")).await, 404, "the byline is not shown");
    assert_eq!(status_of(format!("{base}/en/author/{author}/feed.xml")).await, 404);

    // A time that has passed, and publishing under embargo: conflicts.
    let past = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339();
    let (status, body) = post("loa_editor_key", serde_json::json!({"step": "schedule", "publish_at": past})).await;
    assert_eq!(status, 409);
    assert!(body["error"].as_str().unwrap().contains("not in the future"), "{body}");
    let embargo = (chrono::Utc::now() + chrono::Duration::hours(2)).to_rfc3339();
    let (status, body) = post("loa_editor_key", serde_json::json!({"step": "publish", "embargo_until": embargo})).await;
    assert_eq!(status, 409);
    assert!(body["error"].as_str().unwrap().contains("under embargo"), "{body}");
    assert_eq!(state_now().await.state, loa_domain::StoryState::Withdrawn, "refusals change nothing");

    // Scheduled at the embargo's end; left out, the embargo then stays.
    let (status, body) =
        post("loa_editor_key", serde_json::json!({"step": "schedule", "publish_at": embargo, "embargo_until": embargo})).await;
    assert_eq!((status, body["workflow"]["state"].as_str()), (200, Some("scheduled")), "{body}");
    let (status, _) = post("loa_editor_key", serde_json::json!({"step": "publish"})).await;
    assert_eq!(status, 409, "the embargo stays when the call leaves it out");
    // Lifted with an empty value, the story is published now.
    let (status, body) = post("loa_editor_key", serde_json::json!({"step": "publish", "embargo_until": ""})).await;
    assert_eq!((status, body["workflow"]["state"].as_str()), (200, Some("published")), "{body}");
    assert_eq!(page_status().await, 200);
    assert_eq!(status_of(format!("{base}/api/v1/articles/{slug}/comments")).await, 200);
    assert_eq!(status_of(format!("{base}/en/author/{author}")).await, 200);
    let published_at = store.article(id).await.unwrap().unwrap().published_at;
    assert!((Utc::now() - published_at).num_seconds() < 60, "published from the schedule: dated then, {published_at}");
    let log = store.audit_log(&loa_store::AuditFilter::default(), 1).await.unwrap();
    assert_eq!((log[0].action.kind, log[0].action.actor.as_deref()), (loa_domain::ActionKind::Workflow, Some("Lan")));
}
