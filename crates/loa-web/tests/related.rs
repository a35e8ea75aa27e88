//! The article page's related lists, filled from a small newsroom: the
//! same-topic list from the search index's content similarity (never the
//! story itself or a near-copy), falling back to the store's shared topics.

mod common;

use chrono::{TimeZone, Utc};
use loa_domain::{Block, Category, Lang, NewArticle};
use loa_search::{EditionDoc, SearchIndex};
use loa_store::Store;
use loa_web::router;

struct Story {
    key: &'static str,
    title: &'static str,
    body: &'static str,
    category: &'static str,
    author: &'static str,
    topics: &'static [&'static str],
    day: u32,
    indexed: bool,
}

const YAGI_BODY: &str = "Typhoon Yagi brought heavy rain to the province. Rice fields along the river were \
    flooded and farmers lost most of the harvest. Dykes held in the lower districts.";

const STORIES: [Story; 6] = [
    Story {
        key: "yagi",
        title: "Typhoon Yagi floods rice fields in Hà Tĩnh",
        body: YAGI_BODY,
        category: "news",
        author: "Lê Văn Bình",
        topics: &["typhoon"],
        day: 10,
        indexed: true,
    },
    Story {
        key: "replant",
        title: "After typhoon Yagi, farmers replant rice",
        body: "Weeks after typhoon Yagi flooded the fields, farmers are replanting rice with seed from the province.",
        category: "news",
        author: "Lê Văn Bình",
        topics: &[],
        day: 12,
        indexed: true,
    },
    Story {
        key: "copy",
        title: "Typhoon Yagi floods rice fields in Hà Tĩnh province",
        body: "Typhoon Yagi brought heavy rain to the province. Rice fields along the river were \
        flooded and farmers lost much of the harvest. Dykes held in the lower districts.",
        category: "local",
        author: "Phạm Thu",
        topics: &[],
        day: 11,
        indexed: true,
    },
    Story {
        key: "coffee",
        title: "Coffee prices rise in the highlands",
        body: "Traders in the highlands paid more for coffee beans this week.",
        category: "news",
        author: "Phạm Thu",
        topics: &[],
        day: 9,
        indexed: true,
    },
    Story {
        key: "dykes",
        title: "Province raises river dykes before the rainy season",
        body: "Engineers will raise the dykes along the river, which held when typhoon Yagi flooded the fields.",
        category: "local",
        author: "Phạm Thu",
        topics: &["typhoon"],
        day: 8,
        indexed: true,
    },
    Story {
        key: "unindexed",
        title: "Storm season review",
        body: "A look back at the storm season.",
        category: "local",
        author: "Phạm Thu",
        topics: &["typhoon"],
        day: 13,
        indexed: false,
    },
];

async fn serve() -> (String, Vec<(&'static str, String)>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loa.db")).await.unwrap();
    let search = SearchIndex::open_in_ram().unwrap();
    let mut slugs = Vec::new();
    for s in &STORIES {
        let new = NewArticle {
            canonical_url: format!("https://outlet.example/{}.html", s.key),
            outlet: "Outlet".into(),
            source_id: None,
            lang: Lang::En,
            title: s.title.into(),
            lead: String::new(),
            blocks: vec![Block::Paragraph { text: s.body.into(), marks: vec![] }],
            author: Some(s.author.into()),
            category: Category::from_slug(s.category).unwrap(),
            places: vec![],
            topics: s.topics.iter().map(|t| t.to_string()).collect(),
            published_at: Some(Utc.with_ymd_and_hms(2024, 9, s.day, 8, 0, 0).unwrap()),
            updated_at: None,
        };
        let id = store.insert_article(&new, &[], &[]).await.unwrap().article_id();
        let article = store.article(id).await.unwrap().unwrap();
        if s.indexed {
            let edition = store.edition(id, Lang::En).await.unwrap().unwrap();
            search.upsert(&EditionDoc::from_edition(&article, &edition)).unwrap();
        }
        slugs.push((s.key, article.slug));
    }
    search.commit().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = common::state(store, search, vec![Lang::En], &base);
    tokio::spawn(async move { axum::serve(listener, router(state)).await.unwrap() });
    (base, slugs, dir)
}

fn links(html: &str, section: &str) -> Vec<String> {
    let d = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("section#{section} li a")).unwrap();
    d.select(&sel).map(|a| a.value().attr("href").unwrap().to_string()).collect()
}

#[tokio::test]
async fn related_lists_come_from_real_data() {
    let (base, slugs, _dir) = serve().await;
    let slug = |key: &str| slugs.iter().find(|(k, _)| *k == key).unwrap().1.clone();
    let path = |key: &str| format!("/en/article/{}", slug(key));
    let page = |key: &str| {
        let url = format!("{base}{}", path(key));
        async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
    };

    let started = std::time::Instant::now();
    let html = page("yagi").await;
    eprintln!("article page with related lists: {:?}", started.elapsed());
    let same_topic = links(&html, "same-topic");
    let mut found = same_topic.clone();
    found.sort();
    let mut expected = vec![path("replant"), path("dykes")];
    expected.sort();
    assert_eq!(found, expected, "the two other typhoon stories");
    assert!(!same_topic.contains(&path("yagi")), "never the story itself");
    assert!(!same_topic.contains(&path("copy")), "never a near-copy");
    assert!(!same_topic.contains(&path("coffee")), "coffee is another subject");

    // Same category, newest first; same author.
    assert_eq!(links(&html, "same-category"), [path("replant"), path("coffee")]);
    assert_eq!(links(&html, "same-author"), [path("replant")]);

    // Not in the index: the store's shared topics stand in.
    let html = page("unindexed").await;
    assert_eq!(links(&html, "same-topic"), [path("yagi"), path("dykes")]);
}
