//! Bad input from outlets: each case ends with a clear reason on the
//! source or the job, and nothing else stops.

mod common;

use common::{article_page, rss, Fixture, Reply, TestApp};
use loa_store::JobKind;
use std::collections::HashMap;
use std::time::Duration;

#[tokio::test]
async fn every_bad_link_gets_a_reason_and_the_good_one_is_stored() {
    let good = article_page(
        "Quảng Trị opens 3 new schools",
        &[
            "The province of Quảng Trị opened 3 new schools this week for 1,250 pupils.",
            "The schools cost 48 billion dong and were finished four months early.",
            "Teachers said the new classrooms have light, fans and clean water.",
        ],
    );
    let mut routes = HashMap::new();
    routes.insert("/ok.html".to_string(), Reply::html(&good));
    routes.insert("/missing.html".to_string(), Reply::Status(404));
    routes.insert("/broken.html".to_string(), Reply::Status(500));
    routes.insert(
        "/photo.bin".to_string(),
        Reply::Ok { content_type: "application/octet-stream", body: vec![0, 159, 146, 150, 0, 1] },
    );
    routes.insert("/huge.html".to_string(), Reply::Huge { content_type: "text/html", len: 50 * 1024 * 1024 });
    routes.insert("/slow.html".to_string(), Reply::Slow { delay: Duration::from_secs(6), body: good.clone().into_bytes() });
    routes.insert(
        "/empty.html".to_string(),
        Reply::html("<html lang=\"en\"><body><nav><a href=\"/\">Home</a></nav></body></html>"),
    );
    let links = ["/ok.html", "/missing.html", "/broken.html", "/photo.bin", "/huge.html", "/slow.html", "/empty.html"];
    // The feed must list absolute links, so the server is started once
    // with a placeholder and the feed is written against its address.
    let server = Fixture::start(routes.clone()).await;
    let urls: Vec<String> = links.iter().map(|l| server.url(l)).collect();
    routes.insert("/feed.xml".to_string(), Reply::xml(&rss(&urls)));
    routes.insert(
        "/not-a-feed.xml".to_string(),
        Reply::Ok { content_type: "application/xml", body: b"<rss><channel><item>".to_vec() },
    );
    let server2 = Fixture::start(routes).await;
    // Same routes on the second server; the feed points at the first.
    let app = TestApp::new().await;
    let store = &app.services.store;

    let broken = store.add_source("Broken", &server2.url("/"), &server2.url("/not-a-feed.xml")).await.unwrap();
    let err = loa::ingest::poll_source(&app.services, &broken).await.unwrap_err();
    assert!(err.to_string().contains("not-a-feed.xml"), "{err}");
    let broken = store.source(broken.id).await.unwrap();
    let reason = broken.last_error.expect("reason kept on the source");
    assert!(reason.to_lowercase().contains("feed"), "unclear reason: {reason}");

    let fine = store.add_source("Fixture Times", &server2.url("/"), &server2.url("/feed.xml")).await.unwrap();
    let report = loa::ingest::poll_source(&app.services, &fine).await.unwrap();
    assert_eq!(report.items, links.len());
    loa::jobs::run_until_idle(&app.services, &[JobKind::FetchArticle], 2).await.unwrap();

    assert_eq!(store.article_count().await.unwrap(), 1, "only the good page is an article");
    let fine = store.source(fine.id).await.unwrap();
    assert_eq!(fine.health.failures, 4, "404, binary, huge and empty are counted on the source");
    assert!(fine.last_error.is_some(), "the latest item failure shows on the source");
    let expect = [
        ("/ok.html", "done", ""),
        ("/missing.html", "failed", "404"),
        ("/photo.bin", "failed", "not a web page"),
        ("/huge.html", "failed", "larger than"),
        ("/empty.html", "failed", "no article"),
        // Passing trouble is retried later, with the reason kept meanwhile.
        ("/broken.html", "pending", "500"),
        ("/slow.html", "pending", "did not answer"),
    ];
    for (path, status, needle) in expect {
        let key = loa_ingest::canonical_url(&server.url(path)).unwrap();
        let state = store.job_state(JobKind::FetchArticle, &key).await.unwrap().unwrap();
        assert_eq!(state.status, status, "{path}: {state:?}");
        let reason = state.last_error.unwrap_or_default();
        assert!(reason.to_lowercase().contains(needle), "{path}: reason {reason:?} lacks {needle:?}");
    }
}

#[tokio::test]
async fn a_single_page_can_be_ingested_and_a_second_copy_is_dropped() {
    let page = article_page(
        "Đà Nẵng adds 12 electric buses",
        &["Đà Nẵng put 12 electric buses on two routes on Monday.", "Each bus carries 60 passengers and charges in 90 minutes."],
    );
    let mut routes = HashMap::new();
    routes.insert("/a.html".to_string(), Reply::html(&page));
    routes.insert("/copy.html".to_string(), Reply::html(&page));
    let server = Fixture::start(routes).await;
    let app = TestApp::new().await;
    let said = loa::ingest::ingest_url(&app.services, &server.url("/a.html"), Some("Fixture Times")).await.unwrap();
    assert!(said.contains("queued the page"), "{said}");
    loa::ingest::ingest_url(&app.services, &server.url("/copy.html"), Some("Copy Daily")).await.unwrap();
    app.drain().await;
    assert_eq!(app.services.store.article_count().await.unwrap(), 1);
    let article = app.services.store.article(1).await.unwrap().unwrap();
    let outlets: Vec<&str> = article.provenance.iter().map(|p| p.outlet.as_str()).collect();
    assert_eq!(outlets.len(), 2, "both places the story appeared are kept: {outlets:?}");
    assert_eq!(article.author.unwrap().name, "Phạm Thị Lan");
}

#[tokio::test]
async fn serve_polls_followed_feeds_and_runs_their_jobs() {
    let page = article_page("Lào Cai opens 7 km of new road", &["The road links 7 villages and cost 95 billion dong."]);
    let mut routes = HashMap::from([("/r.html".to_string(), Reply::html(&page))]);
    let first = Fixture::start(routes.clone()).await;
    routes.insert("/feed.xml".to_string(), Reply::xml(&rss(&[first.url("/r.html")])));
    let server = Fixture::start(routes).await;
    let app = TestApp::with(|c| {
        c.poll_interval_secs = 1;
        c.languages = vec![loa_domain::Lang::En, loa_domain::Lang::Es];
    })
    .await;
    // Followed but never polled by hand: the server's poller must do it.
    app.services.store.add_source("Fixture Times", &server.url("/"), &server.url("/feed.xml")).await.unwrap();
    let base = app.serve_with_worker().await;
    let mut published = false;
    for _ in 0..100 {
        if let Some(a) = app.services.store.article(1).await.unwrap() {
            if app.services.store.public_langs(a.id).await.unwrap().contains(&loa_domain::Lang::Es) {
                let page = reqwest::get(format!("{base}/es/article/{}", a.slug)).await.unwrap();
                published = page.status() == 200;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(published, "the followed feed was not polled, translated and published");
    let source = app.services.store.source(1).await.unwrap();
    assert!(source.last_success_at.is_some() && source.last_error.is_none());
}

#[tokio::test]
async fn a_feed_pointing_at_private_addresses_is_refused_and_the_pass_goes_on() {
    let page = article_page("Bắc Ninh adds 3 factories", &["Three factories opened with 4,500 jobs."]);
    let mut routes = HashMap::from([("/ok.html".to_string(), Reply::html(&page))]);
    let first = Fixture::start(routes.clone()).await;
    let feed = rss(&[
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://10.0.0.7/intranet.html".to_string(),
        first.url("/ok.html"),
    ]);
    routes.insert("/feed.xml".to_string(), Reply::xml(&feed));
    let server = Fixture::start(routes).await;
    let app = TestApp::new().await;
    let source = app.services.store.add_source("Fixture", &server.url("/"), &server.url("/feed.xml")).await.unwrap();
    loa::ingest::poll_source(&app.services, &source).await.unwrap();
    app.drain().await;
    assert_eq!(app.services.store.article_count().await.unwrap(), 1, "the public story still lands");
    for (url, needle) in [("http://169.254.169.254/latest/meta-data/", "metadata"), ("http://10.0.0.7/intranet.html", "private")]
    {
        let key = loa_ingest::canonical_url(url).unwrap();
        let state = app.services.store.job_state(JobKind::FetchArticle, &key).await.unwrap().unwrap();
        assert_eq!(state.status, "failed", "{url}");
        let reason = state.last_error.unwrap();
        assert!(reason.contains("refusing to fetch") && reason.contains(needle), "{reason}");
    }
}

#[tokio::test]
async fn production_settings_refuse_loopback_feeds() {
    let server = Fixture::start(HashMap::from([("/feed.xml".to_string(), Reply::xml(&rss(&[])))])).await;
    let app = TestApp::with(|c| c.fetch.allow_addresses.clear()).await;
    let source = app.services.store.add_source("Local", &server.url("/"), &server.url("/feed.xml")).await.unwrap();
    let err = loa::ingest::poll_source(&app.services, &source).await.unwrap_err();
    assert!(err.to_string().contains("loopback"), "{err}");
    let reason = app.services.store.source(source.id).await.unwrap().last_error.unwrap();
    assert!(reason.contains("refusing to fetch"), "{reason}");
}

#[tokio::test]
async fn the_same_page_with_tracking_parameters_is_one_article() {
    let page = article_page("Thái Nguyên tea wins 3 awards", &["Tea from Thái Nguyên won 3 awards at a fair with 140 stalls."]);
    let server = Fixture::start(HashMap::from([
        ("/tea.html".to_string(), Reply::html(&page)),
        ("/tea.html?utm_source=rss&utm_medium=feed".to_string(), Reply::html(&page)),
    ]))
    .await;
    let app = TestApp::new().await;
    loa::ingest::ingest_url(&app.services, &server.url("/tea.html?utm_source=rss&utm_medium=feed"), Some("Tea Times"))
        .await
        .unwrap();
    loa::ingest::ingest_url(&app.services, &server.url("/tea.html"), Some("Tea Times")).await.unwrap();
    app.drain().await;
    assert_eq!(app.services.store.article_count().await.unwrap(), 1);
    let a = app.services.store.article(1).await.unwrap().unwrap();
    assert_eq!(a.provenance.len(), 1, "{:?}", a.provenance);
    assert!(!a.provenance[0].url.contains("utm_"), "{}", a.provenance[0].url);
}
