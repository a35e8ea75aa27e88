//! robots.txt, per-host pacing and conditional GET against real HTTP/1.1
//! servers on loopback addresses (127.0.0.1 and 127.0.0.2 are distinct
//! hosts to the fetcher; two ports on one address are distinct origins),
//! for first requests and for every redirect hop.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use loa_ingest::fetch::{Conditional, FetchConfig, FetchError, Fetcher};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const ETAG: &str = "\"feed-v7\"";
const LAST_MODIFIED: &str = "Tue, 14 May 2024 08:30:00 GMT";

/// A site: what its robots.txt answers, which paths redirect, and a log of
/// the requests it got. Paths under `/slow/` answer after [`SLOW`].
struct Site {
    robots: (u16, String),
    /// Path → (status, Location) answered instead of a page.
    redirects: Vec<(String, u16, String)>,
    log: Mutex<Vec<Request>>,
}

const SLOW: Duration = Duration::from_millis(300);

#[derive(Debug, Clone)]
struct Request {
    path: String,
    if_none_match: Option<String>,
    if_modified_since: Option<String>,
}

impl Site {
    fn new(status: u16, robots: &str) -> Arc<Site> {
        Site::redirecting(status, robots, &[])
    }

    fn redirecting(status: u16, robots: &str, redirects: &[(&str, u16, &str)]) -> Arc<Site> {
        let redirects = redirects.iter().map(|(from, code, to)| (from.to_string(), *code, to.to_string())).collect();
        Arc::new(Site { robots: (status, robots.to_string()), redirects, log: Mutex::new(Vec::new()) })
    }

    fn hits(&self, path: &str) -> usize {
        self.log.lock().unwrap().iter().filter(|r| r.path == path).count()
    }

    fn last(&self, path: &str) -> Request {
        self.log.lock().unwrap().iter().rev().find(|r| r.path == path).cloned().expect("requested")
    }
}

async fn serve(ip: &str, site: Arc<Site>) -> String {
    format!("http://{}", loa_test_support::serve((ip, 0), move |sock| handle(sock, site.clone())).await)
}

async fn handle(mut sock: TcpStream, site: Arc<Site>) {
    let Some((head, _)) = loa_test_support::read_head(&mut sock).await else { return };
    let path = head.path.clone();
    let header = |name: &str| head.header(name).map(str::to_string);
    let req =
        Request { path: path.clone(), if_none_match: header("if-none-match"), if_modified_since: header("if-modified-since") };
    site.log.lock().unwrap().push(req.clone());
    let respond = |status: u16, extra: &str, body: &str| loa_test_support::answer(status, extra, body.as_bytes());
    if path.starts_with("/slow/") {
        tokio::time::sleep(SLOW).await;
    }
    let redirect = site.redirects.iter().find(|(from, ..)| *from == path);
    let out = match path.as_str() {
        _ if redirect.is_some() => {
            let (_, status, location) = redirect.unwrap();
            respond(*status, &format!("Location: {location}\r\n"), "")
        }
        "/robots.txt" => respond(site.robots.0, "Content-Type: text/plain\r\n", &site.robots.1),
        "/feed.xml" => {
            let validators = format!("ETag: {ETAG}\r\nLast-Modified: {LAST_MODIFIED}\r\n");
            // RFC 9110: If-None-Match takes precedence when present.
            let unchanged = match (&req.if_none_match, &req.if_modified_since) {
                (Some(tag), _) => tag == ETAG,
                (None, Some(since)) => since == LAST_MODIFIED,
                (None, None) => false,
            };
            if unchanged {
                format!("HTTP/1.1 304 Not Modified\r\n{validators}Connection: close\r\n\r\n").into_bytes()
            } else {
                respond(
                    200,
                    &format!("{validators}Content-Type: application/rss+xml\r\n"),
                    "<rss version=\"2.0\"><channel/></rss>",
                )
            }
        }
        _ => respond(200, "Content-Type: text/html\r\n", &format!("<p>page {path}</p>")),
    };
    let _ = sock.write_all(&out).await;
    let _ = sock.shutdown().await;
}

fn config() -> FetchConfig {
    FetchConfig {
        connect_timeout: Duration::from_millis(500),
        total_timeout: Duration::from_secs(2),
        allow_addresses: vec!["127.0.0.0/8".into()],
        per_host_interval: Duration::ZERO,
        ..FetchConfig::default()
    }
}

fn fetcher(cfg: FetchConfig) -> Fetcher {
    Fetcher::new(cfg).unwrap()
}

const NEWSROOM_ROBOTS: &str = "User-agent: *\nDisallow: /\n\nUser-agent: loa\nDisallow: /private/\nAllow: /\n\n\
Sitemap: http://news.example.org/sitemap-news.xml\n";

#[tokio::test]
async fn robots_rules_for_loa_are_obeyed_and_read_once() {
    let site = Site::new(200, NEWSROOM_ROBOTS);
    let base = serve("127.0.0.1", site.clone()).await;
    let f = fetcher(config());
    let page = f.get_page(&format!("{base}/2024/05/flood")).await.unwrap();
    assert!(String::from_utf8_lossy(&page.body).contains("/2024/05/flood"));
    let err = f.get_page(&format!("{base}/private/memo")).await.unwrap_err();
    match &err {
        FetchError::DisallowedByRobots { url, host } => {
            assert!(url.ends_with("/private/memo"));
            assert_eq!(host, "127.0.0.1");
        }
        other => panic!("expected DisallowedByRobots, got {other:?}"),
    }
    assert!(err.to_string().starts_with("robots.txt of 127.0.0.1 disallows"), "{err}");
    assert!(err.to_string().ends_with("for loa"), "{err}");
    // Feeds are checked like pages, and a clone shares the cache.
    let err = f.clone().get(&format!("{base}/private/feed.xml")).await.unwrap_err();
    assert!(matches!(err, FetchError::DisallowedByRobots { .. }), "{err:?}");
    assert!(f.get(&format!("{base}/feed.xml")).await.is_ok());
    assert_eq!(site.hits("/robots.txt"), 1, "robots.txt is cached per origin");
    assert_eq!(site.hits("/private/memo"), 0, "a disallowed URL is never requested");
    let rules = f.robots(&format!("{base}/anything")).await.unwrap();
    assert_eq!(rules.sitemaps(), ["http://news.example.org/sitemap-news.xml"]);
    assert_eq!(site.hits("/robots.txt"), 1);
}

#[tokio::test]
async fn concurrent_first_requests_read_robots_once() {
    let site = Site::new(200, "User-agent: *\nDisallow: /private/\n");
    let base = serve("127.0.0.1", site.clone()).await;
    let f = fetcher(config());
    let urls: Vec<String> = (0..6).map(|i| format!("{base}/story/{i}")).collect();
    let results = futures_util::future::join_all(urls.iter().map(|u| f.get_page(u))).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(site.hits("/robots.txt"), 1);
}

#[tokio::test]
async fn robots_can_be_ignored_by_configuration() {
    let site = Site::new(200, "User-agent: *\nDisallow: /\n");
    let base = serve("127.0.0.1", site.clone()).await;
    let f = fetcher(FetchConfig { obey_robots: false, ..config() });
    assert!(f.get_page(&format!("{base}/private/memo")).await.is_ok());
    assert_eq!(site.hits("/robots.txt"), 0);
}

#[tokio::test]
async fn unreadable_robots_txt_policies() {
    for (status, allowed) in [(404, true), (500, true), (401, false), (403, false)] {
        let site = Site::new(status, "User-agent: *\nAllow: /\n");
        let base = serve("127.0.0.1", site.clone()).await;
        let result = fetcher(config()).get_page(&format!("{base}/story")).await;
        assert_eq!(result.is_ok(), allowed, "robots.txt answering {status}: {result:?}");
        if !allowed {
            assert!(matches!(result, Err(FetchError::DisallowedByRobots { .. })));
            assert_eq!(site.hits("/story"), 0);
        }
    }
}

#[tokio::test]
async fn robots_txt_is_read_again_after_its_ttl() {
    let site = Site::new(200, "User-agent: *\nDisallow: /private/\n");
    let base = serve("127.0.0.1", site.clone()).await;
    let f = fetcher(FetchConfig { robots_ttl: Duration::from_millis(150), ..config() });
    f.get_page(&format!("{base}/a")).await.unwrap();
    f.get_page(&format!("{base}/b")).await.unwrap();
    assert_eq!(site.hits("/robots.txt"), 1);
    tokio::time::sleep(Duration::from_millis(200)).await;
    f.get_page(&format!("{base}/c")).await.unwrap();
    assert_eq!(site.hits("/robots.txt"), 2);
}

#[tokio::test]
async fn requests_to_one_host_are_spaced() {
    let site = Site::new(404, "");
    let base = serve("127.0.0.1", site.clone()).await;
    let f = fetcher(FetchConfig { obey_robots: false, per_host_interval: Duration::from_millis(200), ..config() });
    let started = Instant::now();
    for i in 0..3 {
        f.get_page(&format!("{base}/story/{i}")).await.unwrap();
    }
    let spent = started.elapsed();
    assert!(spent >= Duration::from_millis(400), "three requests 200 ms apart took {spent:?}");
    assert!(spent < Duration::from_millis(1500), "{spent:?}");
}

#[tokio::test]
async fn different_hosts_do_not_wait_for_each_other() {
    let a = serve("127.0.0.1", Site::new(404, "")).await;
    let b = serve("127.0.0.2", Site::new(404, "")).await;
    let f = fetcher(FetchConfig { obey_robots: false, per_host_interval: Duration::from_millis(400), ..config() });
    let started = Instant::now();
    f.get_page(&format!("{a}/one")).await.unwrap();
    f.get_page(&format!("{b}/one")).await.unwrap();
    let both = started.elapsed();
    assert!(both < Duration::from_millis(300), "127.0.0.2 waited for 127.0.0.1: {both:?}");
    f.get_page(&format!("{a}/two")).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(400), "the same host must still wait");
}

#[tokio::test]
async fn crawl_delay_lengthens_the_interval() {
    let site = Site::new(200, "User-agent: *\nCrawl-delay: 0.3\n");
    let base = serve("127.0.0.1", site.clone()).await;
    let f = fetcher(FetchConfig { per_host_interval: Duration::from_millis(50), ..config() });
    let started = Instant::now();
    for i in 0..3 {
        f.get_page(&format!("{base}/story/{i}")).await.unwrap();
    }
    // robots.txt, then three pages 300 ms apart.
    let spent = started.elapsed();
    assert!(spent >= Duration::from_millis(600), "Crawl-delay 0.3 s ignored: {spent:?}");
    assert!(spent < Duration::from_millis(2000), "{spent:?}");
}

#[tokio::test]
async fn conditional_get_revalidates() {
    let site = Site::new(404, "");
    let base = serve("127.0.0.1", site.clone()).await;
    let f = fetcher(config());
    let url = format!("{base}/feed.xml");

    let Conditional::Fresh { fetched, etag, last_modified } = f.get_conditional(&url, None, None).await.unwrap() else {
        panic!("a first fetch has nothing to revalidate")
    };
    assert!(fetched.body.starts_with(b"<rss"));
    assert_eq!(etag.as_deref(), Some(ETAG));
    assert_eq!(last_modified.as_deref(), Some(LAST_MODIFIED));
    assert_eq!(site.last("/feed.xml").if_none_match, None);

    let again = f.get_conditional(&url, etag.as_deref(), last_modified.as_deref()).await.unwrap();
    assert!(matches!(again, Conditional::NotModified), "{again:?}");
    let sent = site.last("/feed.xml");
    assert_eq!(sent.if_none_match.as_deref(), Some(ETAG));
    assert_eq!(sent.if_modified_since.as_deref(), Some(LAST_MODIFIED));

    // Only the date: still a 304.
    let by_date = f.get_conditional(&url, None, Some(LAST_MODIFIED)).await.unwrap();
    assert!(matches!(by_date, Conditional::NotModified));

    // A stale tag gets the new body.
    let stale = f.get_conditional(&url, Some("\"feed-v6\""), None).await.unwrap();
    assert!(matches!(stale, Conditional::Fresh { ref fetched, .. } if fetched.status == 200), "{stale:?}");

    // A plain get never sees a 304.
    assert_eq!(f.get(&url).await.unwrap().status, 200);
}

#[tokio::test]
async fn a_304_without_validators_sent_is_still_an_error_for_plain_gets() {
    // Servers must not answer 304 unasked; if one does, get() reports it
    // instead of returning an empty body as if it were the content.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let mut buf = vec![0u8; 4096];
            let _ = sock.read(&mut buf).await;
            let _ = sock.write_all(b"HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n").await;
        }
    });
    let f = fetcher(FetchConfig { obey_robots: false, ..config() });
    let err = f.get(&format!("http://{addr}/feed.xml")).await.unwrap_err();
    assert!(matches!(err, FetchError::Http { status: 304, .. }), "{err:?}");
}

const NO_PRIVATE: &str = "User-agent: *\nDisallow: /private/\n";

#[tokio::test]
async fn a_redirect_into_a_disallowed_path_is_refused_without_requesting_it() {
    let site =
        Site::redirecting(200, NO_PRIVATE, &[("/old/memo", 302, "/private/memo"), ("/old/draft", 308, "../private/draft")]);
    let base = serve("127.0.0.1", site.clone()).await;
    let f = fetcher(config());
    for (from, to) in [("/old/memo", "/private/memo"), ("/old/draft", "/private/draft")] {
        let err = f.get_page(&format!("{base}{from}")).await.unwrap_err();
        match &err {
            FetchError::DisallowedByRobots { url, host } => {
                assert_eq!(url, &format!("{base}{to}"), "the refusal names the redirect target");
                assert_eq!(host, "127.0.0.1");
            }
            other => panic!("{from}: expected DisallowedByRobots, got {other:?}"),
        }
        assert_eq!(site.hits(from), 1);
        assert_eq!(site.hits(to), 0, "{to} is disallowed and must never be requested");
    }
    assert_eq!(site.hits("/robots.txt"), 1);
}

#[tokio::test]
async fn redirects_to_allowed_paths_are_followed_for_every_redirect_status() {
    let site = Site::redirecting(
        200,
        NO_PRIVATE,
        &[
            ("/r/301", 301, "/news/a"),
            ("/r/302", 302, "../news/b"),
            ("/r/303", 303, "/news/c?page=2"),
            ("/r/307", 307, "/news/d"),
            ("/r/308", 308, "/news/e#top"),
        ],
    );
    let base = serve("127.0.0.1", site.clone()).await;
    let f = fetcher(config());
    for (from, to, path) in [
        ("/r/301", "/news/a", "/news/a"),
        ("/r/302", "/news/b", "/news/b"),
        ("/r/303", "/news/c?page=2", "/news/c?page=2"),
        ("/r/307", "/news/d", "/news/d"),
        // The fragment is never sent, and final_url is what was requested.
        ("/r/308", "/news/e", "/news/e"),
    ] {
        let got = f.get_page(&format!("{base}{from}")).await.unwrap();
        assert_eq!(got.status, 200);
        assert_eq!(got.final_url, format!("{base}{to}"), "{from}: relative links resolve against the target");
        assert!(String::from_utf8_lossy(&got.body).contains(&format!("page {path}")), "{from}");
        assert_eq!(site.hits(path), 1, "{from}");
    }
    assert_eq!(site.hits("/robots.txt"), 1, "one origin, one robots.txt read");
}

#[tokio::test]
async fn validators_reach_the_end_of_a_redirect_chain() {
    // A feed that moved: the validators were issued by the final URL, so
    // that is where they must arrive for the 304 to happen.
    let site = Site::redirecting(404, "", &[("/rss", 301, "/feed.xml")]);
    let base = serve("127.0.0.1", site.clone()).await;
    let f = fetcher(config());
    let url = format!("{base}/rss");
    let Conditional::Fresh { fetched, etag, last_modified } = f.get_conditional(&url, None, None).await.unwrap() else {
        panic!("a first fetch has nothing to revalidate")
    };
    assert_eq!(fetched.final_url, format!("{base}/feed.xml"));
    let again = f.get_conditional(&url, etag.as_deref(), last_modified.as_deref()).await.unwrap();
    assert!(matches!(again, Conditional::NotModified), "{again:?}");
    assert_eq!(site.last("/feed.xml").if_none_match.as_deref(), Some(ETAG));
    assert_eq!(site.last("/rss").if_none_match.as_deref(), Some(ETAG));
}

#[tokio::test]
async fn long_redirect_chains_and_loops_are_refused() {
    let site = Site::redirecting(
        404,
        "",
        &[
            ("/hop/1", 302, "/hop/2"),
            ("/hop/2", 302, "/hop/3"),
            ("/hop/3", 302, "/hop/4"),
            ("/hop/4", 302, "/end"),
            ("/loop/a", 302, "/loop/b"),
            // A fragment is not sent, so this is the same URL again.
            ("/loop/b", 301, "/loop/a#again"),
            ("/self", 307, "/self"),
        ],
    );
    let base = serve("127.0.0.1", site.clone()).await;

    // Exactly the limit is fine.
    let four = fetcher(FetchConfig { max_redirects: 4, ..config() });
    let got = four.get_page(&format!("{base}/hop/1")).await.unwrap();
    assert_eq!(got.final_url, format!("{base}/end"));

    let three = fetcher(FetchConfig { max_redirects: 3, ..config() });
    let err = three.get_page(&format!("{base}/hop/1")).await.unwrap_err();
    match &err {
        FetchError::TooManyRedirects { url, limit } => {
            assert_eq!(url, &format!("{base}/hop/1"), "the error names the URL that was asked for");
            assert_eq!(*limit, 3);
        }
        other => panic!("expected TooManyRedirects, got {other:?}"),
    }
    assert!(err.to_string().contains("redirected too often"), "{err}");
    assert_eq!(site.hits("/hop/4"), 2, "the third redirect is followed by both fetchers");
    assert_eq!(site.hits("/end"), 1, "the fourth redirect is not followed with a limit of 3");

    // Loops stop as soon as a URL comes round again, well before the limit.
    let patient = fetcher(FetchConfig { max_redirects: 20, ..config() });
    for start in ["/loop/a", "/self"] {
        let err = patient.get_page(&format!("{base}{start}")).await.unwrap_err();
        assert!(matches!(err, FetchError::TooManyRedirects { limit: 20, .. }), "{start}: {err:?}");
        assert!(err.to_string().contains("in a loop"), "{err}");
    }
    assert_eq!((site.hits("/loop/a"), site.hits("/loop/b"), site.hits("/self")), (1, 1, 1));
}

#[tokio::test]
async fn a_redirect_to_another_origin_obeys_that_origins_robots_txt() {
    // Same address, another port: another origin with its own rules.
    let other = Site::new(200, NO_PRIVATE);
    let b = serve("127.0.0.1", other.clone()).await;
    let to_private = format!("{b}/private/memo");
    let to_news = format!("{b}/news/today");
    // The first site forbids /news/ itself; its rules must not decide for
    // the second site, in either direction.
    let first = Site::redirecting(
        200,
        "User-agent: *\nDisallow: /news/\n",
        &[("/out/private", 302, &to_private), ("/out/news", 302, &to_news)],
    );
    let a = serve("127.0.0.1", first.clone()).await;
    let f = fetcher(config());

    let err = f.get_page(&format!("{a}/out/private")).await.unwrap_err();
    assert!(matches!(&err, FetchError::DisallowedByRobots { url, .. } if *url == to_private), "{err:?}");
    assert_eq!(other.hits("/private/memo"), 0);
    assert_eq!(other.hits("/robots.txt"), 1, "the target origin's robots.txt was read");

    let got = f.get_page(&format!("{a}/out/news")).await.unwrap();
    assert_eq!(got.final_url, to_news);
    assert_eq!(other.hits("/news/today"), 1);
    assert_eq!((first.hits("/robots.txt"), other.hits("/robots.txt")), (1, 1), "each origin read once");
}

#[tokio::test]
async fn redirect_hops_wait_for_their_hosts_turn() {
    // Same host: the target is a second request to it and is spaced.
    let site = Site::redirecting(404, "", &[("/moved", 301, "/article")]);
    let a = serve("127.0.0.1", site.clone()).await;
    let f = fetcher(FetchConfig { obey_robots: false, per_host_interval: Duration::from_millis(300), ..config() });
    let started = Instant::now();
    f.get_page(&format!("{a}/moved")).await.unwrap();
    let spent = started.elapsed();
    assert!(spent >= Duration::from_millis(300), "the hop to /article did not wait: {spent:?}");

    // Another host's Crawl-delay applies to a hop that lands on it.
    let slow_host = Site::new(200, "User-agent: *\nCrawl-delay: 0.4\n");
    let b = serve("127.0.0.2", slow_host.clone()).await;
    let target = format!("{b}/two");
    let site = Site::redirecting(404, "", &[("/to-b", 302, &target)]);
    let a = serve("127.0.0.1", site).await;
    let f = fetcher(config());
    let started = Instant::now();
    f.get_page(&format!("{b}/one")).await.unwrap();
    f.get_page(&format!("{a}/to-b")).await.unwrap();
    let spent = started.elapsed();
    assert!(spent >= Duration::from_millis(400), "127.0.0.2's Crawl-delay was skipped on a redirect: {spent:?}");
    assert!(spent < Duration::from_millis(2000), "{spent:?}");
    assert_eq!(slow_host.hits("/two"), 1);
}

#[tokio::test]
async fn the_time_budget_is_shared_by_the_hops() {
    // Four answers of 300 ms each fit one 1 s budget per hop, not one 1 s
    // budget for the fetch.
    let site =
        Site::redirecting(404, "", &[("/slow/1", 302, "/slow/2"), ("/slow/2", 302, "/slow/3"), ("/slow/3", 302, "/slow/4")]);
    let base = serve("127.0.0.1", site.clone()).await;
    let f = fetcher(FetchConfig { total_timeout: Duration::from_secs(1), ..config() });
    let started = Instant::now();
    let err = f.get_page(&format!("{base}/slow/1")).await.unwrap_err();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err:?}");
    assert!(err.to_string().contains("1.0 s"), "{err}");
    assert!(started.elapsed() < Duration::from_millis(1800), "{:?}", started.elapsed());
    assert_eq!(site.hits("/slow/4"), 1, "the last hop started with what was left");
}

#[tokio::test]
async fn the_resolver_guard_applies_to_redirect_targets() {
    // Only 127.0.0.2 is allowed; `localhost` is a name for 127.0.0.1 or ::1.
    let site = Site::new(404, "");
    let base = serve("127.0.0.2", site.clone()).await;
    let port = base.rsplit(':').next().unwrap();
    let target = format!("http://localhost:{port}/inside");
    let site = Site::redirecting(404, "", &[("/out", 302, &target)]);
    let base = serve("127.0.0.2", site).await;
    let f = fetcher(FetchConfig { allow_addresses: vec!["127.0.0.2/32".into()], ..config() });
    let err = f.get_page(&format!("{base}/out")).await.unwrap_err();
    // `localhost` is refused by name (RFC 6761) before the hop is sent.
    match &err {
        FetchError::Forbidden { url, reason } => {
            assert_eq!(url, &format!("{base}/out"));
            assert!(reason.contains("it redirects to localhost resolves to 127.0.0.1"), "{reason}");
        }
        other => panic!("expected Forbidden, got {other:?}"),
    }
}
