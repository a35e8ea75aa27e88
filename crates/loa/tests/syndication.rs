//! One loa portal follows another through its Atom feed: the feed is
//! valid for loa's own ingestion, and the article pages extract cleanly.

mod common;

use common::{article_page, Fixture, Reply, TestApp};
use loa_domain::Lang;
use std::collections::HashMap;

#[tokio::test]
async fn a_portal_follows_another_portals_feed() {
    let paragraphs = [
        "Quảng Nam opened a 12-kilometre coastal cycle path on Sunday, linking Hội An with the Cửa Đại beach.",
        "The province spent 85 billion dong on the path, which has 14 rest stops and lighting along its whole length.",
    ];
    let page = article_page("Quảng Nam opens a coastal cycle path", &paragraphs);
    let outlet = Fixture::start(HashMap::from([("/path.html".to_string(), Reply::html(&page))])).await;
    let first = TestApp::with(|c| c.languages = vec![Lang::En, Lang::Es]).await;
    loa::ingest::ingest_url(&first.services, &outlet.url("/path.html"), None).await.unwrap();
    first.drain().await;
    let first_base = first.serve().await;

    let second = TestApp::with(|c| c.languages = vec![Lang::En, Lang::Es]).await;
    loa::ingest::ingest_url(&second.services, &format!("{first_base}/en/feed.xml"), Some("Portal One")).await.unwrap();
    second.drain().await;
    let sources = second.services.store.sources().await.unwrap();
    assert_eq!(sources.len(), 1, "the feed is followed, not read once");
    assert_eq!(sources[0].outlet, "Portal One");

    let article = second.services.store.article(1).await.unwrap().expect("the story came through the feed");
    let en = second.services.store.edition(article.id, Lang::En).await.unwrap().unwrap();
    assert_eq!(en.title, "Quảng Nam opens a coastal cycle path");
    let body: String = en.blocks.iter().map(|b| b.text().to_string()).collect::<Vec<_>>().join("\n");
    for p in paragraphs {
        assert!(body.contains(p), "paragraph lost: {p}\n{body}");
    }
    // Nothing of the first portal's page furniture came along.
    for furniture in ["Comments", "Add a comment", "On the same topic", "Skip to content"] {
        assert!(!body.contains(furniture), "{furniture:?} extracted as text: {body}");
    }
    // And the second portal translated it itself.
    let es = second.services.store.edition(article.id, Lang::Es).await.unwrap().expect("translated");
    assert!(es.status.is_public(), "{:?}", es.failure);
}
