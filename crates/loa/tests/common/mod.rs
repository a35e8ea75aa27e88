//! Test harness: a `TestApp` on a fresh store in a temp dir, and a fixture
//! HTTP server on loopback that plays well- and badly-behaved outlets.
#![allow(dead_code)]

use loa::{Application, Config, Services};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

pub struct TestApp {
    pub dir: tempfile::TempDir,
    pub services: Services,
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with(|_| {}).await
    }

    /// A fresh data dir, port 0, short fetch timeouts; `tweak` adjusts more.
    pub async fn with(tweak: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let mut config =
            Config { data_dir: dir.path().join("data"), listen: "127.0.0.1:0".parse().unwrap(), ..Config::default() };
        config.fetch.timeout_secs = 2;
        // Fixture outlets live on loopback, which production refuses.
        config.fetch.allow_addresses = vec!["127.0.0.0/8".into()];
        config.fetch.per_host_interval_ms = 0;
        tweak(&mut config);
        let services = Services::open(config).await.unwrap();
        TestApp { dir, services }
    }

    /// Starts the site (without a worker) and returns its base URL.
    pub async fn serve(&self) -> String {
        self.start(false).await
    }

    /// Starts the site with its job workers and feed poller, as `loa serve`.
    pub async fn serve_with_worker(&self) -> String {
        self.start(true).await
    }

    async fn start(&self, worker: bool) -> String {
        let app = Application::with_services(self.services.clone()).await.unwrap();
        let base = format!("http://{}", app.address());
        tokio::spawn(app.run_until_stopped(worker));
        base
    }

    /// Runs every due job.
    pub async fn drain(&self) {
        loa::jobs::run_until_idle(&self.services, &loa_store::JobKind::ALL, 2).await.unwrap();
        loa::jobs::follow_changes::catch_up(&self.services).await.unwrap();
    }
}

/// What the fixture server answers for one path.
#[derive(Clone)]
pub enum Reply {
    Ok {
        content_type: &'static str,
        body: Vec<u8>,
    },
    Status(u16),
    /// Claims and starts sending this many bytes.
    Huge {
        content_type: &'static str,
        len: usize,
    },
    /// Sends headers, then waits this long before the body.
    Slow {
        delay: Duration,
        body: Vec<u8>,
    },
    /// A feed with an ETag: 304 when the client already has it.
    Tagged {
        etag: &'static str,
        body: Vec<u8>,
    },
    /// Redirects to this location.
    Redirect(String),
}

impl Reply {
    pub fn html(body: &str) -> Reply {
        Reply::Ok { content_type: "text/html; charset=utf-8", body: body.as_bytes().to_vec() }
    }
    pub fn xml(body: &str) -> Reply {
        Reply::Ok { content_type: "application/rss+xml", body: body.as_bytes().to_vec() }
    }
}

/// A raw HTTP/1.1 server on 127.0.0.1: no framework between the test and
/// the bytes, so it can misbehave in exactly the ways outlets do.
pub struct Fixture {
    pub addr: SocketAddr,
    /// Paths requested, in order.
    pub hits: Arc<std::sync::Mutex<Vec<String>>>,
}

impl Fixture {
    pub async fn start(routes: HashMap<String, Reply>) -> Fixture {
        Fixture::start_with(|_| routes).await
    }

    /// A fixture whose routes name its own address (feeds listing its pages).
    pub async fn start_with(routes: impl FnOnce(SocketAddr) -> HashMap<String, Reply>) -> Fixture {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let routes = Arc::new(routes(addr));
        let hits = Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = hits.clone();
        loa_test_support::serve_on(listener, move |mut sock| {
            let routes = routes.clone();
            let hits = seen.clone();
            async move {
                let Some((head, _)) = loa_test_support::read_head(&mut sock).await else { return };
                let reply = routes.get(&head.path).cloned().unwrap_or(Reply::Status(404));
                let reply = match reply {
                    Reply::Tagged { etag, .. } if head.header("if-none-match").is_some_and(|v| v.contains(etag)) => {
                        Reply::Status(304)
                    }
                    other => other,
                };
                hits.lock().unwrap().push(head.path.clone());
                let _ = answer(&mut sock, reply).await;
            }
        });
        Fixture { addr, hits }
    }

    pub fn hits_of(&self, path: &str) -> usize {
        self.hits.lock().unwrap().iter().filter(|p| *p == path).count()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

async fn answer(sock: &mut tokio::net::TcpStream, reply: Reply) -> std::io::Result<()> {
    use loa_test_support::answer as whole;
    match reply {
        Reply::Ok { content_type, body } => {
            sock.write_all(&whole(200, &format!("Content-Type: {content_type}\r\n"), &body)).await
        }
        Reply::Tagged { etag, body } => {
            sock.write_all(&whole(200, &format!("Content-Type: application/rss+xml\r\nETag: {etag}\r\n"), &body)).await
        }
        Reply::Redirect(to) => sock.write_all(&whole(302, &format!("Location: {to}\r\n"), b"")).await,
        Reply::Status(code) => sock.write_all(&whole(code, "", b"")).await,
        Reply::Huge { content_type, len } => {
            let head =
                format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n");
            sock.write_all(head.as_bytes()).await?;
            let chunk = vec![b'a'; 64 * 1024];
            let mut sent = 0;
            while sent < len {
                sock.write_all(&chunk).await?;
                sent += chunk.len();
            }
            Ok(())
        }
        Reply::Slow { delay, body } => {
            // The head (all but the body) first, then the body after `delay`.
            let all = whole(200, "Content-Type: text/html\r\n", &body);
            let (head, rest) = all.split_at(all.len() - body.len());
            sock.write_all(head).await?;
            tokio::time::sleep(delay).await;
            sock.write_all(rest).await
        }
    }
}

/// A plausible article page in English with numbers and a figure.
pub fn article_page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | Fixture Times</title>
<meta property="og:site_name" content="Fixture Times">
<meta name="author" content="Phạm Thị Lan"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{title}</h1><time datetime="2026-05-04T08:00:00Z">4 May 2026</time>
<p class="lead">The lead of the story says what happened in 2026.</p>
{body}
</article><footer>Copyright Fixture Times. All rights reserved.</footer></body></html>"#
    )
}

pub fn rss(items: &[String]) -> String {
    let items: String =
        items.iter().map(|u| format!("<item><title>Item</title><link>{u}</link><category>News</category></item>")).collect();
    format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture Times</title><link>http://x/</link><description>d</description>{items}</channel></rss>"#
    )
}

/// A newsroom in English and Spanish where nothing is published without
/// review, holding one English story (from its own loopback outlet,
/// returned to keep it up) translated into Spanish and held.
pub async fn newsroom_with_a_held_translation() -> (Fixture, TestApp) {
    let page = article_page("Hội An lights 500 lanterns", &["Hội An lit 500 lanterns along the river on Friday."]);
    let server = Fixture::start(HashMap::from([("/lanterns.html".to_string(), Reply::html(&page))])).await;
    let app = TestApp::with(|c| {
        c.languages = vec![loa_domain::Lang::En, loa_domain::Lang::Es];
        c.auto_publish = false;
    })
    .await;
    loa::ingest::ingest_url(&app.services, &server.url("/lanterns.html"), None).await.unwrap();
    app.drain().await;
    (server, app)
}

/// Headless Chromium with a throw-away profile and no network of its own
/// (no updates, sync or background requests), stopped after `limit_secs`
/// whatever happens (a dialog nobody answers waits forever). Tests add
/// what to load and dump.
pub fn chromium(profile: &std::path::Path, limit_secs: u32) -> std::process::Command {
    let mut command = std::process::Command::new("timeout");
    command.arg(limit_secs.to_string()).arg(loa_test_support::browser::chromium_binary());
    command.args(loa_test_support::browser::CHROMIUM_FLAGS);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// Every sitemap `/sitemap.xml` names, one after the other.
pub async fn all_sitemaps(base: &str) -> String {
    let index = reqwest::get(format!("{base}/sitemap.xml")).await.unwrap().text().await.unwrap();
    let mut all = String::new();
    for loc in index.split("<loc>").skip(1) {
        let url = &loc[..loc.find("</loc>").unwrap()];
        all.push_str(&reqwest::get(url).await.unwrap().text().await.unwrap());
    }
    all
}
