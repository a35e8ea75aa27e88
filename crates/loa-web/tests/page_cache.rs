//! The page cache as readers and crawlers meet it, through `loa_web::serve`
//! (where kept pages are answered before the router): a kept page is the
//! same answer as a rendered one, headers included; each encoding comes
//! compressed once and revalidates with its own tag; dates revalidate too;
//! a newsroom-style clearing shows the change at once.

mod common;

use chrono::Utc;
use loa_domain::{Block, Category, Lang, NewArticle};
use loa_search::SearchIndex;
use loa_store::Store;
use reqwest::StatusCode;

struct Site {
    base: String,
    state: loa_web::AppState,
    store: Store,
    slug: String,
    _dir: tempfile::TempDir,
}

async fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loa.db")).await.unwrap();
    let story = NewArticle {
        canonical_url: "https://baohatinh.example/cache-story".into(),
        outlet: "Báo Hà Tĩnh".into(),
        source_id: None,
        lang: Lang::En,
        title: "Ferries run again on the Lam river".into(),
        lead: "Three ferry crossings reopened after the floods.".into(),
        blocks: vec![Block::Paragraph { text: "The crossings carry 4000 people a day. ".repeat(30), marks: vec![] }],
        author: Some("Kiều Minh".into()),
        category: Category::from_slug("local").unwrap(),
        places: vec!["Hà Tĩnh".into()],
        topics: vec![],
        published_at: Some(Utc::now()),
        updated_at: None,
    };
    let id = store.insert_article(&story, &[], &[]).await.unwrap().article_id();
    let slug = store.article(id).await.unwrap().unwrap().slug;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut state = common::state(store.clone(), SearchIndex::open_in_ram().unwrap(), vec![Lang::En, Lang::Vi], &base);
    state.site.page_cache = std::time::Duration::from_secs(60);
    state.page_cache = std::sync::Arc::new(loa_web::cache::PageCache::new(16 << 20));
    let serving = state.clone();
    tokio::spawn(async move { loa_web::serve(listener, serving, std::future::pending()).await.unwrap() });
    Site { base, state, store, slug, _dir: dir }
}

/// A change to an English story of the local section, as the follower reports it.
fn touched(slug: &str) -> loa_store::pages::Touched {
    loa_store::pages::Touched { slug: slug.to_string(), lang: "en".into(), category: "local".into(), author: None, video: false }
}

fn raw() -> reqwest::Client {
    reqwest::Client::builder().no_gzip().no_brotli().no_deflate().build().unwrap()
}

const SAME_EVERY_TIME: [&str; 7] =
    ["content-type", "etag", "last-modified", "cache-control", "content-security-policy", "x-content-type-options", "vary"];

#[tokio::test]
async fn a_kept_page_is_the_rendered_answer_compressed_once_per_encoding() {
    let s = site().await;
    let url = format!("{}/en/article/{}", s.base, s.slug);
    let client = raw();
    let first = client.get(&url).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let first_headers = first.headers().clone();
    let page = first.text().await.unwrap();
    assert!(page.contains("Ferries run again"));
    assert_eq!(s.state.page_cache.size().0, 1, "kept");
    let again = client.get(&url).send().await.unwrap();
    for name in SAME_EVERY_TIME {
        assert_eq!(again.headers().get(name), first_headers.get(name), "{name}");
    }
    assert_eq!(again.text().await.unwrap(), page);

    // Brotli and gzip: the same page, each under its own tag, and each
    // revalidated with that tag.
    let plain_tag = first_headers["etag"].to_str().unwrap().to_string();
    for (coding, suffix) in [("br", "-br\""), ("gzip", "-gzip\"")] {
        let packed = client.get(&url).header("accept-encoding", coding).send().await.unwrap();
        assert_eq!(packed.headers()["content-encoding"], coding);
        let tag = packed.headers()["etag"].to_str().unwrap().to_string();
        assert_eq!(tag, format!("{}{suffix}", &plain_tag[..plain_tag.len() - 1]));
        let bytes = packed.bytes().await.unwrap();
        assert!(bytes.len() < page.len() / 2, "{coding}: compressed");
        let mut unpacked = Vec::new();
        if coding == "br" {
            brotli_decompress(&bytes, &mut unpacked);
        } else {
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut unpacked).unwrap();
        }
        assert_eq!(String::from_utf8(unpacked).unwrap(), page, "{coding}");
        let revalidated = client.get(&url).header("accept-encoding", coding).header("if-none-match", &tag).send().await.unwrap();
        assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED, "{coding}");
        assert_eq!(revalidated.headers()["etag"], tag.as_str());
        assert!(revalidated.bytes().await.unwrap().is_empty());
    }

    // By date, for clients that keep no tag.
    let modified = first_headers.get("last-modified").map(|v| v.to_str().unwrap().to_string());
    if let Some(modified) = modified {
        let by_date = client.get(&url).header("if-modified-since", &modified).send().await.unwrap();
        assert_eq!(by_date.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(by_date.headers()["last-modified"], modified.as_str());
        let long_ago = client.get(&url).header("if-modified-since", "Mon, 01 Jan 2001 00:00:00 GMT").send().await.unwrap();
        assert_eq!(long_ago.status(), StatusCode::OK);
    } else {
        // Dated in the second after the first answer; by now it has come.
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    }

    // A comment posted elsewhere, and the change log names the story (as
    // every node's follower does): the next answer shows it, with a new
    // tag and a later date.
    let id = s.store.article_by_slug(&s.slug).await.unwrap().unwrap().id;
    s.store.add_comment(id, Lang::En, "Lan", "The ferry at Bến Thủy is running too.").await.unwrap();
    let dropped = s.state.page_cache.stories_changed(&[touched(&s.slug)]);
    assert_eq!(dropped, vec![format!("/en/article/{}", s.slug)]);
    assert_eq!(s.state.page_cache.size().0, 0);
    // Rendered again before any reader asks (the binary does this after
    // every change it reads).
    loa_web::cache::refill(loa_web::router(s.state.clone()), s.state.page_cache.clone(), dropped).await;
    assert_eq!(s.state.page_cache.size().0, 1, "kept again");
    assert_eq!(s.state.page_cache.turnover(), (1, 1));
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let changed = client.get(&url).header("if-none-match", &plain_tag).send().await.unwrap();
    assert_eq!(changed.status(), StatusCode::OK, "the old tag no longer matches");
    assert_ne!(changed.headers()["etag"], plain_tag.as_str());
    let changed_date = changed.headers()["last-modified"].to_str().unwrap().to_string();
    if let Some(first_date) = first_headers.get("last-modified") {
        let parse = |v: &str| chrono::DateTime::parse_from_rfc2822(v).unwrap();
        assert!(parse(&changed_date) > parse(first_date.to_str().unwrap()), "a later date for the new page");
    }
    assert!(changed.text().await.unwrap().contains("Bến Thủy"));
}

#[tokio::test]
async fn search_pages_and_the_newsroom_are_not_kept() {
    let s = site().await;
    let client = raw();
    for path in ["/en/search?q=ferry", "/en/newsroom/sign-in"] {
        let answer = client.get(format!("{}{path}", s.base)).send().await.unwrap();
        assert_eq!(answer.status(), StatusCode::OK, "{path}");
    }
    assert_eq!(s.state.page_cache.size().0, 0);
    // Pages that are kept still count in the metrics when answered from memory.
    let url = format!("{}/en/article/{}", s.base, s.slug);
    for _ in 0..3 {
        client.get(&url).send().await.unwrap().bytes().await.unwrap();
    }
    // Pages rendered ahead of readers are not readers' requests.
    let refill = vec![format!("/en/article/{}", s.slug)];
    loa_web::cache::refill(loa_web::router(s.state.clone()), s.state.page_cache.clone(), refill).await;
    let metrics = client.get(format!("{}/metrics", s.base)).send().await.unwrap().text().await.unwrap();
    let line = metrics
        .lines()
        .find(|l| l.starts_with("loa_http_requests_total") && l.contains("/{lang}/article/{param}") && l.contains("\"200\""))
        .unwrap_or_else(|| panic!("no article line in\n{metrics}"));
    assert!(line.ends_with(" 3"), "{line}");
}

fn brotli_decompress(bytes: &[u8], out: &mut Vec<u8>) {
    brotli::BrotliDecompress(&mut &bytes[..], out).unwrap();
}

/// Whether the page under `key` is in `store` within two seconds (pages
/// readers caused are written off the request's thread).
async fn stored_soon(store: &loa_store::pages::PageStore, key: &str) -> bool {
    for _ in 0..100 {
        if store.get(key).unwrap().is_some() {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    false
}

/// Stored pages with no memory cache: a page is rendered once, then read
/// back from the file (so a change the cache was not told of does not show),
/// and leaves it when a change may alter it; after a decision made here it
/// is not read until the follower has caught up.
#[tokio::test]
async fn stored_pages_are_read_back_until_a_change_may_alter_them() {
    let s = site().await;
    let dir = tempfile::tempdir().unwrap();
    let store = std::sync::Arc::new(loa_store::pages::PageStore::open(&dir.path().join("pages.db"), "page_cache test").unwrap());
    let cache = std::sync::Arc::new(loa_web::cache::PageCache::new(0).storing(store.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut state = s.state.clone();
    state.page_cache = cache.clone();
    tokio::spawn(async move { loa_web::serve(listener, state, std::future::pending()).await.unwrap() });
    // The follower's first round, which makes them readable.
    cache.round_done(cache.round_begins());

    let key = format!("/en/article/{}", s.slug);
    let url = format!("{base}{key}");
    let client = raw();
    let first = client.get(&url).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let tag = first.headers()["etag"].to_str().unwrap().to_string();
    let first_body = first.text().await.unwrap();
    assert!(stored_soon(&store, &key).await, "the rendered page is stored");
    let page = store.get(&key).unwrap().unwrap();
    let facts = page.story.clone().expect("a story page carries what it shows beside");
    assert_eq!((facts.lang.as_str(), facts.category.as_str(), facts.author.as_deref()), ("en", "local", Some("kieu-minh")));

    // A comment the cache is not told of: the stored page is what comes.
    let id = s.store.article_by_slug(&s.slug).await.unwrap().unwrap().id;
    s.store.add_comment(id, Lang::En, "Lan", "The ferry at Bến Thủy is running too.").await.unwrap();
    let again = client.get(&url).send().await.unwrap();
    assert_eq!(again.headers()["etag"], tag.as_str());
    assert_eq!(again.text().await.unwrap(), first_body, "read back, not rendered");
    // Stored compressed too: a reader who accepts brotli gets the stored
    // bytes, tagged as such, which are the same page.
    assert!(page.gzip.is_some() && page.brotli.is_some(), "compressed when stored");
    let br = client.get(&url).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    assert!(br.headers()["etag"].to_str().unwrap().ends_with("-br\""), "{:?}", br.headers()["etag"]);
    let compressed = br.bytes().await.unwrap();
    assert_eq!(&compressed[..], &page.brotli.clone().unwrap()[..], "the stored bytes, not a new compression");
    let mut plain = Vec::new();
    brotli_decompress(&compressed, &mut plain);
    assert_eq!(String::from_utf8(plain).unwrap(), first_body);
    let revalidated = client.get(&url).header("if-none-match", &tag).send().await.unwrap();
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);

    // Another story of the same section changes: this page's side list
    // may gain it, so it leaves the file and the next reader gets a render.
    let mut other = touched("another-story");
    other.slug = "another-story".into();
    let dropped = cache.stories_changed(&[other.clone()]);
    assert!(dropped.is_empty(), "only pages kept in memory are rendered ahead: {dropped:?}");
    assert!(store.get(&key).unwrap().is_none());
    assert_eq!(cache.stored_turnover().unwrap().1, 1, "one stored page dropped");
    let fresh = client.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(fresh.contains("Bến Thủy"), "rendered again, with the comment");

    // A story of another section leaves it be.
    other.category = "economy".into();
    assert!(stored_soon(&store, &key).await, "the new render is stored");
    assert!(cache.stories_changed(&[other]).is_empty());
    assert!(store.get(&key).unwrap().is_some());

    // A decision made on this node: the file is not read until the
    // follower's next round, so the stale page cannot come back.
    s.store.add_comment(id, Lang::En, "Minh", "And the one at Cửa Hội.").await.unwrap();
    cache.clear();
    let began = cache.round_begins();
    let during = client.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(during.contains("Cửa Hội"), "rendered, not read from the file");
    cache.round_done(began);
}
