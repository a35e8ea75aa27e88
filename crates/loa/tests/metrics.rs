//! `/metrics`: requests by route and status, latency, fetch errors by
//! host, translated words by engine and the job queue, in the Prometheus
//! text format, for this machine only (and `metrics_from`).

mod common;

use common::{article_page, rss, Fixture, Reply, TestApp};
use std::collections::HashMap;

#[tokio::test]
async fn metrics_count_what_the_node_did() {
    let page = article_page("Hội An lights 500 lanterns", &["Hội An lit 500 lanterns along the river on Friday night."]);
    let server = Fixture::start(HashMap::from([("/lanterns.html".to_string(), Reply::html(&page))])).await;
    let app = TestApp::with(|c| {
        c.languages = vec![loa_domain::Lang::En, loa_domain::Lang::Es];
        c.trusted_proxies = vec!["127.0.0.1".into()];
    })
    .await;
    // A feed listing the story and a page that is gone.
    let feed = Fixture::start(HashMap::from([(
        "/rss.xml".to_string(),
        Reply::xml(&rss(&[server.url("/lanterns.html"), server.url("/gone.html")])),
    )]))
    .await;
    loa::ingest::ingest_url(&app.services, &feed.url("/rss.xml"), Some("Fixture Times")).await.unwrap();
    app.drain().await;
    let base = app.serve().await;
    let slug = app.services.store.article(1).await.unwrap().unwrap().slug;
    for _ in 0..3 {
        reqwest::get(format!("{base}/en/article/{slug}")).await.unwrap();
    }
    reqwest::get(format!("{base}/en/article/no-such-story")).await.unwrap();

    let resp = reqwest::get(format!("{base}/metrics")).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let text = resp.text().await.unwrap();
    assert!(text.contains("loa_http_requests_total{route=\"/{lang}/article/{param}\",status=\"200\"} 3"), "{text}");
    assert!(text.contains("loa_http_requests_total{route=\"/{lang}/article/{param}\",status=\"404\"} 1"), "{text}");
    assert!(text.contains("loa_http_request_duration_seconds_count{route=\"/{lang}/article/{param}\"} 4"), "{text}");
    let host = server.url("/").split('/').nth(2).unwrap().to_string();
    assert!(text.contains(&format!("loa_fetch_errors_total{{host=\"{host}\"}} 1")), "the 404 page: {text}");
    let words = text.lines().find(|l| l.starts_with("loa_translated_words_total{engine=\"apertium\"}")).expect(&text);
    assert!(words.rsplit(' ').next().unwrap().parse::<u64>().unwrap() >= 10, "{words}");
    assert!(text.contains("loa_jobs{kind=\"translate_edition\",state=\"done\"} 1"), "{text}");
    assert!(text.contains("loa_jobs{kind=\"fetch_article\",state=\"failed\"} 1"), "{text}");
    assert!(text.contains("loa_job_oldest_pending_seconds{kind=\"fetch_article\"} 0"), "{text}");
    assert!(text.contains("loa_store_up 1"));

    // A reader elsewhere, seen through the trusted proxy, is refused.
    let client = reqwest::Client::new();
    let outside = client.get(format!("{base}/metrics")).header("x-forwarded-for", "203.0.113.9").send().await.unwrap();
    assert_eq!(outside.status(), 403);
}
