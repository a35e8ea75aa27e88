//! Rendered pages as snapshots (insta): a change of layout or wording shows
//! as a diff of `tests/snapshots/*.snap` to review, not as a silent change.
//! The store, dates and base URL are fixed so a page renders the same each
//! time; `cargo insta review` (or INSTA_UPDATE=always) accepts a new one.

mod common;

use chrono::{TimeZone, Utc};
use loa_domain::{Block, Category, Edition, EditionStatus, Figure, Lang, Mark, MarkKind, NewArticle};
use loa_search::SearchIndex;
use loa_store::Store;

fn story(n: u32, title: &str, lead: &str, category: &str) -> NewArticle {
    NewArticle {
        canonical_url: format!("https://herald.example/{n}"),
        outlet: "Coastal Herald".into(),
        source_id: None,
        lang: Lang::En,
        title: title.into(),
        lead: lead.into(),
        blocks: vec![
            Block::Paragraph {
                text: "The harbour office counted 120 boats on Monday.".into(),
                marks: vec![Mark { start: 4, end: 18, kind: MarkKind::Link { href: "https://herald.example/office".into() } }],
            },
            Block::Figure(Figure {
                src: "/media/boats.png".into(),
                alt: "Boats at the quay".into(),
                caption: "Boats at dawn".into(),
                width: Some(640),
                height: Some(360),
                renditions: Vec::new(),
            }),
            Block::Quote { text: "We have never seen so many.".into(), marks: vec![] },
        ],
        author: Some("Lê Minh".into()),
        category: Category::from_slug(category).unwrap(),
        places: vec!["Đà Nẵng".into()],
        topics: vec!["fishing".into()],
        published_at: Some(Utc.with_ymd_and_hms(2026, 5, n, 9, 30, 0).unwrap()),
        updated_at: None,
    }
}

async fn pages() -> Vec<(&'static str, String)> {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loa.db")).await.unwrap();
    let id = store
        .insert_article(&story(3, "Boats crowd the quay", "A record catch brought 120 boats home.", "news"), &[], &[])
        .await
        .unwrap()
        .article_id();
    store.insert_article(&story(2, "The night market opens", "Stalls line the river.", "news"), &[], &[]).await.unwrap();
    store.insert_article(&story(1, "Lanterns on the river", "Five hundred lanterns.", "travel"), &[], &[]).await.unwrap();
    let at = Utc.with_ymd_and_hms(2026, 5, 3, 10, 0, 0).unwrap();
    store
        .save_edition(&Edition {
            article_id: id,
            lang: Lang::Es,
            title: "Los barcos llenan el muelle".into(),
            lead: "Una pesca récord trajo 120 barcos.".into(),
            blocks: vec![Block::Paragraph { text: "La oficina del puerto contó 120 barcos el lunes.".into(), marks: vec![] }],
            status: EditionStatus::Published,
            engine: "apertium:eng-spa".into(),
            failure: None,
            created_at: at,
            updated_at: at,
        })
        .await
        .unwrap();
    let slug = store.article(id).await.unwrap().unwrap().slug;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    // Links are made from the configured base URL, not the port the test got.
    let state = common::state(store, SearchIndex::open_in_ram().unwrap(), vec![Lang::En, Lang::Es], "https://news.example");
    tokio::spawn(async move { loa_web::serve(listener, state, std::future::pending()).await.unwrap() });
    let mut out = Vec::new();
    for (name, path) in [
        ("front_page_en", "/en/".to_string()),
        ("article_en", format!("/en/article/{slug}")),
        ("article_es_machine_translated", format!("/es/article/{slug}")),
        ("category_es", "/es/category/news".to_string()),
    ] {
        let resp = reqwest::get(format!("{address}{path}")).await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        out.push((name, when_saved_redacted(&resp.text().await.unwrap())));
    }
    drop(dir);
    out
}

/// The original edition is stamped with the moment it was stored, which
/// the article page gives as `dateModified`: that one value is replaced.
fn when_saved_redacted(html: &str) -> String {
    let today = Utc::now().format("%Y-%m-%d").to_string();
    let key = "\"dateModified\":\"";
    match html.find(key) {
        Some(at) if html[at + key.len()..].starts_with(&today) => {
            let start = at + key.len();
            let end = start + html[start..].find('"').unwrap();
            format!("{}[when stored]{}", &html[..start], &html[end..])
        }
        _ => html.to_string(),
    }
}

#[tokio::test]
async fn rendered_pages_match_their_snapshots() {
    for (name, html) in pages().await {
        insta::assert_snapshot!(name, html);
    }
}

#[tokio::test]
async fn pages_render_the_same_twice() {
    let (a, b) = (pages().await, pages().await);
    assert_eq!(a, b, "a snapshot is only useful if the page does not vary from run to run");
}
