//! Resource limits of the server, against `loa_web::serve` on a loopback
//! port with raw sockets where a well-behaved client would hide the
//! problem: oversized bodies and heads, slow clients (slowloris), very long
//! and pathological search queries, huge page numbers. Each gets a clear
//! answer quickly, and the site keeps serving everyone else.

mod common;

use std::time::{Duration, Instant};

use loa_domain::{Block, Category, Lang, NewArticle};
use loa_i18n::Locales;
use loa_search::{EditionDoc, SearchIndex};
use loa_store::testing::new_article;
use loa_store::Store;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Site {
    base: String,
    addr: std::net::SocketAddr,
    client: reqwest::Client,
    slug: String,
    _dir: tempfile::TempDir,
}

async fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loa.db")).await.unwrap();
    let search = SearchIndex::open_in_ram().unwrap();
    for i in 0..30 {
        let article = NewArticle {
            lead: format!("Hội An lit {i} lanterns along the river."),
            blocks: vec![Block::Paragraph {
                text: format!("The lanterns shone on Friday number {i}, and the market stayed open."),
                marks: vec![],
            }],
            author: Some("Lan".into()),
            category: Category::from_slug("local").unwrap(),
            places: vec!["Hội An".into()],
            published_at: Some(chrono::Utc::now()),
            ..new_article(&format!("https://outlet.example/{i}"), &format!("Lanterns on the river, evening {i}"))
        };
        let id = store.insert_article(&article, &[], &[]).await.unwrap().article_id();
        let stored = store.article(id).await.unwrap().unwrap();
        let edition = store.edition(id, Lang::En).await.unwrap().unwrap();
        search.upsert(&EditionDoc::from_edition(&stored, &edition)).unwrap();
    }
    search.commit().unwrap();
    let slug = store.article(1).await.unwrap().unwrap().slug;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let base = format!("http://{addr}");
    let mut state = common::state(store, search, vec![Lang::En, Lang::Es], &base);
    state.guards = std::sync::Arc::new(loa_web::Guards::new(loa_web::limits::Limits { search_per_minute: 0, api_per_minute: 0 }));
    let _ = Locales::supported();
    tokio::spawn(async move { loa_web::serve(listener, state, std::future::pending()).await.unwrap() });
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    Site { base, addr, client, slug, _dir: dir }
}

impl Site {
    /// Status and time of a GET, with the site still answering its front
    /// page right after.
    async fn timed(&self, path: &str) -> (u16, Duration) {
        let started = Instant::now();
        let status = self.client.get(format!("{}{path}", self.base)).send().await.unwrap().status().as_u16();
        let took = started.elapsed();
        assert_eq!(
            self.client.get(format!("{}/en/", self.base)).send().await.unwrap().status(),
            200,
            "still serving after {path:.80}"
        );
        (status, took)
    }
}

/// Sends `request` raw and reads the status line of the answer.
async fn raw_status(addr: std::net::SocketAddr, request: &[u8]) -> String {
    let mut sock = TcpStream::connect(addr).await.unwrap();
    let _ = sock.write_all(request).await;
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), sock.read(&mut answer)).await.expect("an answer").unwrap_or(0);
    String::from_utf8_lossy(&answer[..n]).lines().next().unwrap_or_default().to_string()
}

#[tokio::test]
async fn oversized_bodies_and_heads_are_refused_with_their_status() {
    let site = site().await;
    let body = format!("name=Reader&body={}", "a".repeat(loa_web::MAX_BODY_BYTES + 10));
    let resp = site
        .client
        .post(format!("{}/en/article/{}/comments", site.base, site.slug))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 413);
    let head = format!("GET /en/ HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "b".repeat(loa_web::MAX_HEAD_BYTES));
    let status = raw_status(site.addr, head.as_bytes()).await;
    assert!(status.starts_with("HTTP/1.1 431"), "{status:?}");
    // Just under the limit is served.
    let fits = format!("GET /en/ HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "b".repeat(loa_web::MAX_HEAD_BYTES - 100));
    assert_eq!(raw_status(site.addr, fits.as_bytes()).await, "HTTP/1.1 200 OK");
    let many: String = (0..200).map(|i| format!("X-H{i}: v\r\n")).collect();
    let status = raw_status(site.addr, format!("GET /en/ HTTP/1.1\r\nHost: x\r\n{many}\r\n").as_bytes()).await;
    assert!(status.starts_with("HTTP/1.1 431"), "{status}");
    assert!(raw_status(site.addr, b"BLAH\r\n\r\n").await.starts_with("HTTP/1.1 400"));
    assert_eq!(site.timed("/en/").await.0, 200);
}

#[tokio::test]
async fn slow_clients_are_cut_off_and_do_not_stop_others() {
    let site = site().await;
    // 300 connections, each sending its head one header every second.
    let mut slow = Vec::new();
    for _ in 0..300 {
        let mut sock = TcpStream::connect(site.addr).await.unwrap();
        sock.write_all(b"GET /en/ HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        slow.push(sock);
    }
    let trickle = tokio::spawn(async move {
        let started = Instant::now();
        let mut open = slow.len();
        while open > 0 && started.elapsed() < loa_web::HEADER_READ_TIMEOUT + Duration::from_secs(8) {
            tokio::time::sleep(Duration::from_secs(1)).await;
            open = 0;
            for sock in &mut slow {
                if sock.write_all(b"X-Slow: 1\r\n").await.is_ok() {
                    open += 1;
                }
            }
        }
        // A write can still succeed once after the server closed; read to be sure.
        let mut closed = 0;
        for sock in &mut slow {
            let mut buf = [0u8; 512];
            match tokio::time::timeout(Duration::from_millis(200), sock.read(&mut buf)).await {
                Ok(Ok(_)) | Ok(Err(_)) => closed += 1,
                Err(_) => {}
            }
        }
        (closed, started.elapsed())
    });
    // Meanwhile everyone else is served, and fast.
    let mut worst = Duration::ZERO;
    for i in 0..40 {
        let started = Instant::now();
        let status = site.client.get(format!("{}/en/article/{}", site.base, site.slug)).send().await.unwrap().status();
        assert_eq!(status, 200, "request {i} while 300 slow clients hold connections");
        worst = worst.max(started.elapsed());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(worst < Duration::from_secs(2), "a reader waited {worst:?} behind slow clients");
    let (closed, took) = trickle.await.unwrap();
    assert_eq!(closed, 300, "every slow connection was closed by the server");
    assert!(took < loa_web::HEADER_READ_TIMEOUT + Duration::from_secs(8), "{took:?}");
    println!(
        "slowloris: 300 slow connections cut off after {took:?}; 40 other requests served meanwhile, the slowest in {worst:?}"
    );
}

#[tokio::test]
async fn long_and_pathological_search_queries_answer_quickly() {
    let site = site().await;
    let words: String = (0..3000).map(|i| format!("lantern{i} ")).collect();
    let long_word = "x".repeat(20_000);
    let nested = format!("{}lantern{}", "(".repeat(5000), ")".repeat(5000));
    let queries = [
        words.clone(),
        long_word.clone(),
        nested,
        "\"".repeat(3000),
        "*".repeat(3000),
        "lantern~2 ".repeat(500),
        "AND OR NOT ".repeat(1000),
        "+-&&||!(){}[]^\"~*?:\\/".repeat(300),
        "a".repeat(3) + &" a".repeat(5000),
        "Hội An ".repeat(2000),
        "\u{0301}".repeat(5000),
        "%00%ff%fe".repeat(1000),
    ];
    let mut slowest = Duration::ZERO;
    for q in &queries {
        let encoded: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
        let encoded = &encoded[..encoded.len().min(60_000)];
        for path in [format!("/en/search?q={encoded}"), format!("/api/v1/search?q={encoded}")] {
            let (status, took) = site.timed(&path).await;
            assert!(status == 200 || status == 400 || status == 414 || status == 431, "{status} for {:.60}", path);
            assert!(took < Duration::from_secs(2), "{took:?} for a query of {} bytes: {:.60}", q.len(), path);
            slowest = slowest.max(took);
        }
    }
    println!("pathological search: {} queries on two routes, the slowest answered in {slowest:?}", queries.len());
}

#[tokio::test]
async fn huge_page_numbers_and_offsets_are_clear_errors() {
    let site = site().await;
    for (path, want) in [
        ("/en/category/local?page=99999999999999999999999", 404),
        ("/en/category/local?page=9223372036854775807", 404),
        ("/en/category/local?page=-1", 404),
        ("/en/author/lan?page=100000", 404),
        ("/en/search?q=lanterns&page=9223372036854775807", 404),
        ("/api/v1/search?q=lanterns&offset=18446744073709551615", 400),
        ("/api/v1/search?q=lanterns&page=9223372036854775807", 400),
        ("/api/v1/search?q=lanterns&limit=99999999999999999999", 400),
    ] {
        let (status, took) = site.timed(path).await;
        assert_eq!(status, want, "{path}");
        assert!(took < Duration::from_secs(2), "{path}: {took:?}");
    }
}
