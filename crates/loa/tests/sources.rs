//! Sources at newsroom depth: merged wire stories, conditional polling,
//! sitemaps, robots.txt, and the `loa sources` commands on the real binary.

mod common;

use common::{article_page, rss, Fixture, Reply, TestApp};
use loa_store::JobKind;
use std::collections::HashMap;
use std::process::Command;

const WIRE: [&str; 6] = [
    "The People's Committee of Nghệ An province approved a plan on Tuesday to build 14 new flood shelters along the Cả river before the rainy season begins in September.",
    "Each shelter will hold up to 600 people and will be built on raised ground near a school or a commune office, so that families can reach it on foot within twenty minutes.",
    "The plan costs 126 billion dong, of which the central budget provides 70 per cent and the province the rest, according to the provincial department of construction.",
    "Officials said the sites were chosen after the floods of last October, when water rose above two metres in several districts and more than 3,400 homes were damaged.",
    "Work on the first five shelters in Hưng Nguyên and Nam Đàn districts will start next month, and all fourteen are due to be finished by the end of August.",
    "The province will also train 250 volunteers from local youth unions to run the shelters, keep supplies of rice and clean water, and help older residents during evacuations.",
];

fn cli(data: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_loa"));
    cmd.arg("sources")
        .env("LOA_DATA_DIR", data)
        .env("LOA_FETCH_ALLOW_ADDRESSES", "127.0.0.0/8")
        .env("LOA_FETCH_PER_HOST_INTERVAL_MS", "0")
        .env("LOA_LANGUAGES", "en,es");
    cmd
}

#[tokio::test]
async fn two_feeds_carrying_the_same_story_yield_one_article_with_two_sources() {
    let original = article_page("Nghệ An to build 14 flood shelters", &WIRE);
    // The second outlet rewrites the headline, adds a credit line and
    // trims a phrase: the same wire story, not the same bytes.
    let mut edited = WIRE.map(str::to_string).to_vec();
    edited[0] = edited[0].replace(" on Tuesday", "");
    edited.push("Reporting by the provincial news desk.".into());
    let edited: Vec<&str> = edited.iter().map(String::as_str).collect();
    let copy = article_page("Nghệ An plans flood shelters along the Cả river", &edited);
    let mut routes = HashMap::from([
        ("/a/shelters.html".to_string(), Reply::html(&original)),
        ("/b/shelters.html".to_string(), Reply::html(&copy)),
    ]);
    let pages = Fixture::start(routes.clone()).await;
    routes.insert("/a.xml".into(), Reply::xml(&rss(&[pages.url("/a/shelters.html")])));
    routes.insert("/b.xml".into(), Reply::xml(&rss(&[pages.url("/b/shelters.html")])));
    let server = Fixture::start(routes).await;

    let app = TestApp::new().await;
    let store = &app.services.store;
    let a = store.add_source("Nghệ An Daily", &server.url("/"), &server.url("/a.xml")).await.unwrap();
    let b = store.add_source("Central Wire", &server.url("/"), &server.url("/b.xml")).await.unwrap();
    loa::ingest::poll_source(&app.services, &a).await.unwrap();
    loa::jobs::run_until_idle(&app.services, &[JobKind::FetchArticle], 1).await.unwrap();
    loa::ingest::poll_source(&app.services, &b).await.unwrap();
    loa::jobs::run_until_idle(&app.services, &[JobKind::FetchArticle], 1).await.unwrap();

    assert_eq!(store.article_count().await.unwrap(), 1, "one story, not two");
    let article = store.article(1).await.unwrap().unwrap();
    let sources: Vec<Option<i64>> = article.provenance.iter().map(|p| p.source_id).collect();
    assert_eq!(sources, vec![Some(a.id), Some(b.id)]);
    assert_eq!(store.source(b.id).await.unwrap().health.duplicates, 1);
    assert_eq!(store.source(a.id).await.unwrap().health.articles, 1);
}

#[tokio::test]
async fn an_unchanged_feed_is_not_downloaded_again() {
    let page = article_page("Hội An lights 4,000 lanterns", &["Hội An lit 4,000 lanterns on the river on Friday night."]);
    let mut routes = HashMap::from([("/p.html".to_string(), Reply::html(&page))]);
    let pages = Fixture::start(routes.clone()).await;
    let feed = rss(&[pages.url("/p.html")]);
    routes.insert("/feed.xml".into(), Reply::Tagged { etag: "\"feed-v1\"", body: feed.into_bytes() });
    let server = Fixture::start(routes).await;
    let app = TestApp::new().await;
    let source = app.services.store.add_source("Lantern Times", &server.url("/"), &server.url("/feed.xml")).await.unwrap();
    let first = loa::ingest::poll_source(&app.services, &source).await.unwrap();
    assert_eq!((first.items, first.not_modified), (1, false));
    let source = app.services.store.source(source.id).await.unwrap();
    assert_eq!(source.etag.as_deref(), Some("\"feed-v1\""));
    let second = loa::ingest::poll_source(&app.services, &source).await.unwrap();
    assert!(second.not_modified, "the server answered 304");
    let source = app.services.store.source(source.id).await.unwrap();
    assert!(source.health.next_poll_at.unwrap() > chrono::Utc::now(), "the next poll is scheduled");
    assert!(source.last_error.is_none());
}

#[tokio::test]
async fn sitemaps_are_sources_and_robots_txt_is_honoured() {
    let open = article_page("Phú Yên opens 2 new fishing ports", &["Phú Yên opened 2 fishing ports for 1,100 boats."]);
    let closed = article_page("Internal memo", &["This page is disallowed for crawlers by robots.txt."]);
    let mut routes = HashMap::from([
        ("/news/ports.html".to_string(), Reply::html(&open)),
        ("/private/memo.html".to_string(), Reply::html(&closed)),
        (
            "/robots.txt".to_string(),
            Reply::Ok { content_type: "text/plain", body: b"User-agent: *\nDisallow: /private/\n".to_vec() },
        ),
    ]);
    let pages = Fixture::start(routes.clone()).await;
    let sitemap = format!(
        r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{}</loc></url><url><loc>{}</loc></url></urlset>"#,
        pages.url("/news/ports.html"),
        pages.url("/private/memo.html")
    );
    routes.insert("/sitemap.xml".into(), Reply::Ok { content_type: "application/xml", body: sitemap.into_bytes() });
    let server = Fixture::start(routes).await;
    let app = TestApp::new().await;
    let said = loa::ingest::ingest_url(&app.services, &server.url("/sitemap.xml"), Some("Phú Yên News")).await.unwrap();
    assert!(said.contains("sitemap") && said.contains("2 links"), "{said}");
    loa::jobs::run_until_idle(&app.services, &[JobKind::FetchArticle], 1).await.unwrap();
    assert_eq!(app.services.store.article_count().await.unwrap(), 1);
    let memo = app
        .services
        .store
        .job_state(JobKind::FetchArticle, &loa_ingest::canonical_url(&pages.url("/private/memo.html")).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(memo.status, "failed");
    assert!(memo.last_error.unwrap().contains("robots.txt"));
    assert_eq!(pages.hits_of("/private/memo.html"), 0, "a disallowed page is never requested");
}

#[tokio::test]
async fn an_html_page_given_as_a_feed_and_redirect_loops_get_clear_reasons() {
    let mut routes = HashMap::from([
        ("/home.html".to_string(), Reply::html("<html><body><p>Welcome to our site.</p></body></html>")),
        ("/loop1".to_string(), Reply::Redirect("/loop2".into())),
        ("/loop2".to_string(), Reply::Redirect("/loop1".into())),
    ]);
    let pages = Fixture::start(routes.clone()).await;
    routes.insert("/feed.xml".into(), Reply::xml(&rss(&[pages.url("/loop1")])));
    let server = Fixture::start(routes).await;
    let app = TestApp::new().await;
    let html = app.services.store.add_source("Not a feed", &server.url("/"), &server.url("/home.html")).await.unwrap();
    let err = loa::ingest::poll_source(&app.services, &html).await.unwrap_err();
    assert!(err.to_string().to_lowercase().contains("html"), "{err}");
    let feed = app.services.store.add_source("Loops", &server.url("/"), &server.url("/feed.xml")).await.unwrap();
    loa::ingest::poll_source(&app.services, &feed).await.unwrap();
    app.drain().await;
    let state = app
        .services
        .store
        .job_state(JobKind::FetchArticle, &loa_ingest::canonical_url(&pages.url("/loop1")).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(state.status, "failed");
    assert!(state.last_error.unwrap().contains("redirect"));
    // The reason shows on the source, whose polling is not slowed: the
    // feed itself is fine, one of its links is not.
    let source = app.services.store.source(feed.id).await.unwrap();
    assert!(source.last_error.unwrap_or_default().contains("redirect"));
    assert_eq!(source.health.consecutive_failures, 0);
}

// The binary runs in a blocking child process while this runtime's other
// thread keeps the fixture server answering.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sources_commands_follow_list_change_export_and_import() {
    let page = article_page("Sơn La harvests 9,000 tonnes of plums", &["Sơn La harvested 9,000 tonnes of plums this season."]);
    let mut routes = HashMap::from([("/du-lich/plums.html".to_string(), Reply::html(&page))]);
    let pages = Fixture::start(routes.clone()).await;
    routes.insert("/feed.xml".into(), Reply::xml(&rss(&[pages.url("/du-lich/plums.html")])));
    let server = Fixture::start(routes).await;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    let out = cli(&data)
        .args([
            "add",
            &server.url("/feed.xml"),
            "--outlet",
            "Sơn La Post",
            "--category-rule",
            "/du-lich/=travel",
            "--interval",
            "600",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = cli(&data).args(["list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = &list[0];
    assert_eq!(s["outlet"], "Sơn La Post");
    assert_eq!(s["settings"]["poll_interval_secs"], 600);
    assert_eq!(s["health"]["articles"], 1, "{s}");
    // The category rule put the story in Travel.
    let store = loa_store::Store::open(&data.join("loa.db")).await.unwrap();
    assert_eq!(store.article(1).await.unwrap().unwrap().category.slug, "travel");
    store.close().await;

    let out = cli(&data).args(["set", "1", "--disabled"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("disabled"));
    let opml = dir.path().join("sources.opml");
    assert!(cli(&data).args(["export-opml"]).arg(&opml).status().unwrap().success());
    let text = std::fs::read_to_string(&opml).unwrap();
    assert!(text.contains("xmlUrl=") && text.contains("Sơn La Post"), "{text}");

    // Another portal imports that file and polls it once.
    let other = dir.path().join("other");
    let out = cli(&other).arg("import-opml").arg(&opml).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("imported 1 sources"), "{}", String::from_utf8_lossy(&out.stdout));
    let once = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["ingest", "--once"])
        .env("LOA_DATA_DIR", &other)
        .env("LOA_FETCH_ALLOW_ADDRESSES", "127.0.0.0/8")
        .env("LOA_FETCH_PER_HOST_INTERVAL_MS", "0")
        .env("LOA_LANGUAGES", "en,es")
        .output()
        .unwrap();
    assert!(once.status.success(), "{}", String::from_utf8_lossy(&once.stderr));
    assert!(String::from_utf8_lossy(&once.stdout).contains("polled 1 due sources (0 failed)"));

    let out = cli(&data).args(["remove", "1"]).output().unwrap();
    assert!(out.status.success());
    let out = cli(&data).args(["remove", "1"]).output().unwrap();
    assert!(!out.status.success(), "removing twice is an error");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changed_rules_re_extract_stored_pages_and_retranslate() {
    let page = r#"<!doctype html><html lang="en"><head><title>Gia Lai plants 3,000 coffee trees | Highland Post</title></head>
<body><article><h1>Gia Lai plants 3,000 coffee trees</h1>
<div class="story"><p>Farmers in Gia Lai planted 3,000 young coffee trees on hillsides that were bare last year.</p>
<p>The province gave each family 120 seedlings and paid for the first season of fertiliser.</p>
<p class="note">Our printed edition this week also carries 40 pages of football results from the district league.</p>
<p>Buyers from two cooperatives have already agreed to take the first harvest in three years.</p></div>
</article></body></html>"#;
    let mut routes = HashMap::from([("/coffee.html".to_string(), Reply::html(page))]);
    let pages = Fixture::start(routes.clone()).await;
    routes.insert("/feed.xml".into(), Reply::xml(&rss(&[pages.url("/coffee.html")])));
    let server = Fixture::start(routes).await;
    let app = TestApp::with(|c| c.languages = vec![loa_domain::Lang::En, loa_domain::Lang::Es]).await;
    let source = app.services.store.add_source("Highland Post", &server.url("/"), &server.url("/feed.xml")).await.unwrap();
    loa::ingest::poll_source(&app.services, &source).await.unwrap();
    app.drain().await;
    let body = |e: loa_domain::Edition| loa_domain::article::body_text(&e.blocks);
    let before = body(app.services.store.edition(1, loa_domain::Lang::En).await.unwrap().unwrap());
    assert!(before.contains("football results"), "the heuristic keeps the note: {before}");

    let mut settings = source.settings.clone();
    settings.drop_selectors = vec![".note".into()];
    app.services.store.update_source_settings(source.id, &settings, None).await.unwrap();
    let (changed, total) = loa::sources_cmd::reextract(&app.services, source.id).await.unwrap();
    assert_eq!((changed, total), (1, 1));
    let after = body(app.services.store.edition(1, loa_domain::Lang::En).await.unwrap().unwrap());
    assert!(!after.contains("football results") && after.contains("120 seedlings"), "{after}");
    // The Spanish edition is made again from the new text.
    assert_eq!(app.services.store.job_counts(JobKind::TranslateEdition).await.unwrap().pending, 1);
    app.drain().await;
    let es = body(app.services.store.edition(1, loa_domain::Lang::Es).await.unwrap().unwrap());
    assert!(!es.contains("40"), "the Spanish edition still carries the note: {es}");
    // Running it again changes nothing.
    assert_eq!(loa::sources_cmd::reextract(&app.services, source.id).await.unwrap(), (0, 1));
}

#[tokio::test]
async fn the_newsroom_api_shows_source_health_and_held_editions_to_this_machine() {
    let page = article_page("Bến Tre exports 12,000 tonnes of coconuts", &["Bến Tre exported 12,000 tonnes of coconuts in May."]);
    let mut routes = HashMap::from([("/c.html".to_string(), Reply::html(&page))]);
    let pages = Fixture::start(routes.clone()).await;
    routes.insert("/feed.xml".into(), Reply::xml(&rss(&[pages.url("/c.html"), pages.url("/gone.html")])));
    let server = Fixture::start(routes).await;
    let app = TestApp::with(|c| c.languages = vec![loa_domain::Lang::En, loa_domain::Lang::Es]).await;
    let source = app.services.store.add_source("Coconut Coast", &server.url("/"), &server.url("/feed.xml")).await.unwrap();
    loa::ingest::poll_source(&app.services, &source).await.unwrap();
    app.drain().await;
    // A reviewer withdraws the Spanish edition; it shows in the queue.
    app.services
        .store
        .set_edition_status(1, loa_domain::Lang::Es, loa_domain::EditionStatus::MachineTranslated, None)
        .await
        .unwrap();
    let base = app.serve().await;
    let get = |path: &str| {
        let url = format!("{base}{path}");
        async move { serde_json::from_str::<serde_json::Value>(&reqwest::get(url).await.unwrap().text().await.unwrap()).unwrap() }
    };
    let sources = get("/api/v1/sources").await;
    let s = &sources["sources"][0];
    assert_eq!(s["health"]["articles"], 1);
    assert_eq!(s["health"]["failures"], 1, "{s}");
    assert!(s["last_error"].as_str().unwrap().contains("404"));
    let review = get("/api/v1/review").await;
    assert_eq!(review["editions"][0]["lang"], "es");
    assert_eq!(review["editions"][0]["status"], "machine_translated");
    let slug = app.services.store.article(1).await.unwrap().unwrap().slug;
    let editions = get(&format!("/api/v1/articles/{slug}/editions")).await;
    let langs: Vec<&str> = editions["editions"].as_array().unwrap().iter().map(|e| e["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, ["en", "es"]);
}
