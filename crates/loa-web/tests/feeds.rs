//! Full-text feeds: with `feed_full_text` each entry carries the whole
//! story, its pictures at absolute addresses, in all three formats.

mod common;

use loa_domain::{Block, Category, Figure, Lang, NewArticle};
use loa_search::SearchIndex;
use loa_store::Store;

#[tokio::test]
async fn full_text_feeds_carry_the_whole_story() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loa.db")).await.unwrap();
    let story = NewArticle {
        canonical_url: "https://herald.example/tides".into(),
        outlet: "Herald".into(),
        source_id: None,
        lang: Lang::En,
        title: "New tide tables".into(),
        lead: "The harbour office printed new tide tables.".into(),
        blocks: vec![
            Block::Paragraph { text: "High water comes at 06:40 on Monday, the office said.".into(), marks: vec![] },
            Block::Figure(Figure {
                src: "/media/tide.png".into(),
                alt: "A tide gauge".into(),
                caption: "The gauge".into(),
                width: None,
                height: None,
                renditions: Vec::new(),
            }),
            Block::Paragraph { text: "Fishing boats plan their trips around it.".into(), marks: vec![] },
        ],
        author: Some("Lê Minh".into()),
        category: Category::from_slug("news").unwrap(),
        places: vec![],
        topics: vec![],
        published_at: None,
        updated_at: None,
    };
    store.insert_article(&story, &[], &[]).await.unwrap();
    store.put_media("tide.png", "image/png", &[0x89, b'P', b'N', b'G', 1, 2]).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut state = common::state(store, SearchIndex::open_in_ram().unwrap(), vec![Lang::En], &base);
    state.site.feed_full_text = true;
    tokio::spawn(async move { loa_web::serve(listener, state, std::future::pending()).await.unwrap() });

    let get = |path: &'static str| {
        let base = base.clone();
        async move { reqwest::get(format!("{base}{path}")).await.unwrap().text().await.unwrap() }
    };
    let json: serde_json::Value = serde_json::from_str(&get("/en/feed.json").await).unwrap();
    let html = json["items"][0]["content_html"].as_str().unwrap();
    assert!(html.contains("06:40") && html.contains("Fishing boats plan"), "{html}");
    assert!(html.contains(&format!("src=\"{base}/media/tide.png\"")), "absolute picture address: {html}");
    let atom = feed_rs::parser::parse(get("/en/feed.xml").await.as_bytes()).unwrap();
    let body = atom.entries[0].content.as_ref().and_then(|c| c.body.clone()).unwrap();
    assert!(body.contains("Fishing boats plan"), "{body}");
    let rss = get("/en/rss.xml").await;
    assert!(rss.contains("<content:encoded>") && rss.contains("Fishing boats plan"), "{rss}");
    assert!(rss.contains("length=\"6\" type=\"image/png\""), "{rss}");
}
