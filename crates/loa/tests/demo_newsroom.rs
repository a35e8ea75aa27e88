//! The foundation's promise, end to end on real parts: the demo outlet over
//! HTTP → extraction → SQLite → Apertium → tantivy → the localised site.

mod common;

use common::TestApp;
use loa::demo::{run, DemoOptions};
use loa_domain::numbers::missing_numbers;
use loa_domain::{article::body_text, EditionStatus, Lang};
use std::collections::{HashMap, HashSet};

#[tokio::test]
async fn the_demo_newsroom_ingests_translates_indexes_and_serves() {
    let app = TestApp::new().await;
    run(app.services.clone(), DemoOptions { outlet_listen: "127.0.0.1:0".parse().unwrap(), no_serve: true }).await.unwrap();
    let store = &app.services.store;
    assert!(store.article_count().await.unwrap() >= 24);
    let base = app.serve().await;
    let http = reqwest::Client::new();

    // The sitemap lists every article with its editions as alternates.
    let sitemap = common::all_sitemaps(&base).await;
    let mut editions_per_article: HashMap<String, HashSet<String>> = HashMap::new();
    for url in sitemap.split("<url>").skip(1) {
        let loc = between(url, "<loc>", "</loc>").unwrap();
        let Some(slug) = loc.split("/article/").nth(1) else { continue };
        for link in url.split("hreflang=\"").skip(1) {
            editions_per_article.entry(slug.to_string()).or_default().insert(link[..2].to_string());
        }
    }
    assert!(editions_per_article.len() >= 24, "{} articles in the sitemap", editions_per_article.len());
    for (slug, langs) in &editions_per_article {
        assert!(langs.len() >= 3, "{slug} has editions only in {langs:?}");
    }

    // A Russian story reads in Ukrainian: real Ukrainian, every number kept.
    let mut checked = 0;
    for entry in store.sitemap().await.unwrap() {
        let article = store.article_by_slug(&entry.slug).await.unwrap().unwrap();
        if article.original_lang != Lang::Ru {
            continue;
        }
        let ru = store.edition(article.id, Lang::Ru).await.unwrap().unwrap();
        let uk = store.edition(article.id, Lang::Uk).await.unwrap().expect("a Ukrainian edition");
        assert_eq!(uk.status, EditionStatus::Published, "{}: {:?}", entry.slug, uk.failure);
        let (ru_text, uk_text) = (body_text(&ru.blocks), body_text(&uk.blocks));
        assert!(!uk_text.trim().is_empty());
        assert_ne!(ru_text, uk_text);
        assert!(uk_text.contains(['і', 'ї', 'є']), "not Ukrainian: {uk_text}");
        let missing =
            missing_numbers(&format!("{} {} {ru_text}", ru.title, ru.lead), &format!("{} {} {uk_text}", uk.title, uk.lead));
        assert!(missing.is_empty(), "{} lost numbers {missing:?}", entry.slug);
        let page = http.get(format!("{base}/uk/article/{}", entry.slug)).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("<html lang=\"uk\""));
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} Russian stories");

    // Search finds a story by a word of its body, in English.
    let footbridge = http.get(format!("{base}/api/v1/search?q=footbridge&lang=en")).send().await.unwrap().text().await.unwrap();
    let footbridge: serde_json::Value = serde_json::from_str(&footbridge).unwrap();
    let hits = footbridge["hits"].as_array().unwrap();
    assert!(!hits.is_empty(), "{footbridge}");
    assert!(hits.iter().all(|h| h["lang"] == "en"));

    // A Vietnamese original reaches Spanish through the outlet's English.
    let vi_story = store.sitemap().await.unwrap().into_iter().find(|e| e.langs.contains(&Lang::Vi)).expect("a Vietnamese story");
    assert!(vi_story.langs.contains(&Lang::En) && vi_story.langs.contains(&Lang::Es), "{vi_story:?}");

    // Images were copied into the media store and are served from it.
    let home = http.get(format!("{base}/en/")).send().await.unwrap().text().await.unwrap();
    let img = between(&home, "src=\"/media/", "\"").expect("a local image on the home page");
    let resp = http.get(format!("{base}/media/{img}")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(!home.contains("127.0.0.1:8081/images"), "hot-linked outlet image");
    assert!(home.contains(r#"width="1200" height="675""#), "image sizes recorded when stored");

    // The index is derived: rebuilt from the store it answers the same.
    let before = search_slugs(&http, &base, "bridge").await;
    let n = loa::jobs::follow_changes::rebuild(&app.services).await.unwrap();
    assert!(n >= 24 * 3);
    assert_eq!(search_slugs(&http, &base, "bridge").await, before);
}

async fn search_slugs(http: &reqwest::Client, base: &str, q: &str) -> Vec<String> {
    let text = http.get(format!("{base}/api/v1/search?q={q}&lang=en")).send().await.unwrap().text().await.unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["hits"].as_array().unwrap().iter().map(|h| h["slug"].as_str().unwrap().to_string()).collect()
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let to = s[from..].find(end)? + from;
    Some(&s[from..to])
}
