//! Several nodes on one PostgreSQL store, as `scripts/cluster-demo` runs
//! them: real `loa serve` processes killed with SIGKILL in the middle of
//! translation, nodes polling the same feeds, a portal moved from SQLite,
//! and a store that cannot be used. Needs `LOA_TEST_DATABASE_URL`
//! (`./scripts/test` starts a server); without it these tests fail.

mod common;

use common::{article_page, rss, Fixture, Reply, TestApp};
use loa_store::{JobKind, Store};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn loa() -> Command {
    Command::new(env!("CARGO_BIN_EXE_loa"))
}

/// The settings every node of a test cluster shares.
fn node_env(cmd: &mut Command, database_url: &str) {
    cmd.env("LOA_DATABASE_URL", database_url)
        .env("LOA_FETCH_ALLOW_ADDRESSES", "127.0.0.0/8")
        .env("LOA_FETCH_PER_HOST_INTERVAL_MS", "0")
        .env("LOA_POLL_INTERVAL_SECS", "0")
        .env("LOA_WORKERS", "1")
        .env("LOA_JOB_LEASE_SECS", "2")
        .env("LOA_BASE_URL", "http://portal.example")
        .env_remove("LOA_CONFIG");
}

/// A `loa serve` process and the address it bound.
struct Node {
    child: Child,
    base: String,
}

impl Node {
    fn start(data: &Path, database_url: &str) -> Node {
        let mut cmd = loa();
        cmd.args(["serve", "--listen", "127.0.0.1:0", "--data"]).arg(data).stdout(Stdio::piped()).stderr(Stdio::null());
        node_env(&mut cmd, database_url);
        let mut child = cmd.spawn().expect("start loa serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let base = line.trim().strip_prefix("loa is serving ").unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        Node { child, base: base.trim_end_matches('/').to_string() }
    }

    fn kill_9(&mut self) {
        // std's kill is SIGKILL on Unix: no shutdown code runs.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    async fn health(&self) -> serde_json::Value {
        serde_json::from_str(&reqwest::get(format!("{}/healthz", self.base)).await.unwrap().text().await.unwrap()).unwrap()
    }

    async fn search(&self, q: &str) -> Vec<String> {
        let text =
            reqwest::get(format!("{}/api/v1/search?q={q}&lang=en&limit=50", self.base)).await.unwrap().text().await.unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v["hits"].as_array().unwrap().iter().map(|h| h["slug"].as_str().unwrap().to_string()).collect()
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn open_jobs(store: &Store) -> i64 {
    let mut n = 0;
    for k in JobKind::ALL {
        n += store.job_counts(k).await.unwrap().open();
    }
    n
}

/// `26 articles; editions: 26 original, 110 published` of a store.
fn summary_of(database_url: &str, data: &Path) -> String {
    let mut cmd = loa();
    cmd.args(["status", "--data"]).arg(data);
    node_env(&mut cmd, database_url);
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().nth(1).unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_killed_mid_translation_loses_and_duplicates_nothing() {
    let dirs = tempfile::tempdir().unwrap();
    let (_admin, url, _name) = loa_store::testing::new_postgres_database().await;
    let outlet = loa_demo::serve_outlet(tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap()).await.unwrap();

    // The same outlet on one machine with SQLite: what the cluster must match.
    let reference = dirs.path().join("reference");
    let out = loa()
        .args(["demo", "--no-serve", "--outlet-listen", "127.0.0.1:0", "--data"])
        .arg(&reference)
        .env_remove("LOA_DATABASE_URL")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let expected =
        String::from_utf8(out.stdout).unwrap().lines().find(|l| l.contains(" articles; editions: ")).unwrap().to_string();

    let mut a = Node::start(&dirs.path().join("a"), &url);
    let b = Node::start(&dirs.path().join("b"), &url);
    let mut add = loa();
    add.args(["sources", "--data"]).arg(dirs.path().join("cli")).args(["add", &outlet.feed_url, "--queue-only"]);
    node_env(&mut add, &url);
    assert!(add.status().unwrap().success());

    // Kill node A once translation is under way, with work still open.
    let store = Store::connect(&url).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let t = store.job_counts(JobKind::TranslateEdition).await.unwrap();
        if t.done >= 5 {
            assert!(t.open() > 0, "translation finished before the kill; the test proves nothing: {t:?}");
            break;
        }
        assert!(Instant::now() < deadline, "translation never started");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    a.kill_9();

    // Node B finishes everything, the jobs A held included once their lease ends.
    let deadline = Instant::now() + Duration::from_secs(180);
    while open_jobs(&store).await > 0 {
        assert!(Instant::now() < deadline, "jobs left open after A died");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(store.failed_jobs(10).await.unwrap(), vec![], "no job failed");
    assert_eq!(summary_of(&url, &dirs.path().join("cli")), expected, "the same stories and editions as on one machine");

    // A comes back with its old index and catches up from the change log.
    let a = Node::start(&dirs.path().join("a"), &url);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (ha, hb) = (a.health().await, b.health().await);
        if ha["search_documents"] == hb["search_documents"] && a.search("bridge").await == b.search("bridge").await {
            assert!(hb["search_documents"].as_u64().unwrap() > 26, "{hb}");
            break;
        }
        assert!(Instant::now() < deadline, "node A's index did not catch up: {ha} vs {hb}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(!b.search("bridge").await.is_empty());
    outlet.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_polling_one_feed_fetch_each_article_once() {
    // Eight stories different enough not to be merged as one wire story.
    let stories = [
        ("Ferry line opens", "A ferry line opened on Monday with twelve boats crossing the bay every hour."),
        ("Rice harvest ends early", "Farmers in the delta finished the harvest a week early after a dry spring."),
        ("Library gets a new wing", "The city library added a reading wing with four hundred seats and a garden."),
        ("Marathon draws runners", "Some 9,000 runners took part in the coastal marathon under light rain."),
        ("Bridge closed for repairs", "Engineers closed the old iron bridge to replace its worn deck plates."),
        ("Night market moves", "Stall holders moved the night market to the riverside square this weekend."),
        ("School builds a lab", "Pupils will use a new science laboratory funded by former students."),
        ("Orchestra tours the coast", "The provincial orchestra plays six concerts in fishing towns this month."),
    ];
    let articles: HashMap<String, Reply> = stories
        .iter()
        .enumerate()
        .map(|(i, (title, text))| {
            // A page of its own, lead included: pages that share most of
            // their words are one story told twice, and merged.
            let page = format!(
                r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><article><h1>{title}</h1><time datetime="2026-05-0{d}T08:00:00Z">May 2026</time>
<p class="lead">{text}</p><p>{text} {title} was reported by our desk.</p></article></body></html>"#,
                d = i + 1
            );
            (format!("/story-{i}.html"), Reply::html(&page))
        })
        .collect();
    let pages = Fixture::start(articles).await;
    let links: Vec<String> = (0..8).map(|i| pages.url(&format!("/story-{i}.html"))).collect();
    let feed = Fixture::start(HashMap::from([("/rss.xml".to_string(), Reply::xml(&rss(&links)))])).await;

    let (_admin, url, _name) = loa_store::testing::new_postgres_database().await;
    let node = |_: usize| {
        let url = url.clone();
        TestApp::with(move |c| {
            c.database_url = url;
            c.poll_interval_secs = 1;
            c.workers = 2;
        })
    };
    let (one, two) = (node(1).await, node(2).await);
    one.services
        .store
        .add_source_with(
            "Fixture Times",
            &feed.url("/"),
            &feed.url("/rss.xml"),
            loa_domain::SourceKind::Feed,
            &loa_domain::SourceSettings { poll_interval_secs: Some(1), ..Default::default() },
            None,
        )
        .await
        .unwrap();
    one.serve_with_worker().await;
    two.serve_with_worker().await;
    let started = Instant::now();
    tokio::time::sleep(Duration::from_millis(4500)).await;

    for i in 0..8 {
        assert_eq!(pages.hits_of(&format!("/story-{i}.html")), 1, "story {i} fetched once across the cluster");
    }
    let health = one.services.store.sources().await.unwrap()[0].health.clone();
    assert_eq!((one.services.store.article_count().await.unwrap(), health.duplicates), (8, 0), "{health:?}");
    // The feed is read once per interval by the cluster, not once per node.
    let polls = feed.hits_of("/rss.xml");
    let intervals = started.elapsed().as_secs_f64().ceil() as usize + 1;
    assert!(polls >= 2 && polls <= intervals, "{polls} polls in {:?}", started.elapsed());
}

/// Two nodes asking one outlet are paced as one crawler, and read its
/// robots.txt once between them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_ask_one_host_as_one_crawler() {
    let page = article_page("Tide tables", &["The harbour office printed new tide tables."]);
    let routes: HashMap<String, Reply> = (0..6).map(|i| (format!("/p{i}.html"), Reply::html(&page))).collect();
    let outlet = Fixture::start(routes).await;
    let (_admin, url, _name) = loa_store::testing::new_postgres_database().await;
    let node = || {
        let url = url.clone();
        TestApp::with(move |c| {
            c.database_url = url;
            c.fetch.per_host_interval_ms = 300;
        })
    };
    let (one, two) = (node().await, node().await);
    // The first node reads robots.txt; the second takes its verdict.
    one.services.fetcher.get_page(&outlet.url("/p0.html")).await.unwrap();
    two.services.fetcher.get_page(&outlet.url("/p1.html")).await.unwrap();
    assert_eq!(outlet.hits_of("/robots.txt"), 1, "robots.txt read once for the cluster");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let mut asks = tokio::task::JoinSet::new();
    for i in 0..6 {
        let fetcher = if i % 2 == 0 { one.services.fetcher.clone() } else { two.services.fetcher.clone() };
        let u = outlet.url(&format!("/p{i}.html"));
        asks.spawn(async move { fetcher.get_page(&u).await.map(|_| ()) });
    }
    while let Some(done) = asks.join_next().await {
        done.unwrap().unwrap();
    }
    // Six pages: six turns 300 ms apart, whichever node asked (two
    // pacers of their own would take half as long).
    let spent = started.elapsed();
    assert!(spent >= Duration::from_millis(1450), "the nodes paced apart, not as one: {spent:?}");
    assert_eq!(outlet.hits_of("/robots.txt"), 1);
}

/// A decision taken on one node shows on the other within a second, though
/// the other keeps rendered pages for ten; the other node drops only the
/// pages that show the changed story (and the lists).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_on_one_node_clears_the_other_nodes_cache() {
    let page = article_page("Hội An lights 500 lanterns", &["Hội An lit 500 lanterns along the river on Friday."]);
    let other =
        article_page("Cần Thơ dredges its port", &["Dredgers deepened the Cái Cui channel to nine metres for container ships."])
            .replace("Phạm Thị Lan", "Lê Văn Tám");
    let server = Fixture::start(HashMap::from([
        ("/lanterns.html".to_string(), Reply::html(&page)),
        ("/port.html".to_string(), Reply::html(&other)),
    ]))
    .await;
    let (_admin, url, _name) = loa_store::testing::new_postgres_database().await;
    let node = || {
        let url = url.clone();
        TestApp::with(move |c| {
            c.database_url = url;
            c.page_cache_secs = 10;
        })
    };
    let (one, two) = (node().await, node().await);
    loa::ingest::ingest_url(&one.services, &server.url("/lanterns.html"), None).await.unwrap();
    loa::ingest::ingest_url(&one.services, &server.url("/port.html"), None).await.unwrap();
    one.drain().await;
    let lanterns = one.services.store.article_by_slug("hoi-an-lights-500-lanterns").await.unwrap().unwrap();
    let port = one.services.store.article_by_slug("can-tho-dredges-its-port").await.unwrap().unwrap();
    // By another author, in a section of its own: its page does not list the lanterns.
    let business =
        loa_store::StoryTags { category: loa_domain::Category::from_slug("business").unwrap(), places: &[], topics: &[] };
    one.services.store.retag_article(port.id, &business, None).await.unwrap();
    one.drain().await;
    // Node two has followed all of that before it serves.
    two.drain().await;
    let (_a, b) = (one.serve().await, two.serve().await);
    let slug = lanterns.slug;
    let story = format!("{b}/en/article/{slug}");
    let before = reqwest::get(&story).await.unwrap().text().await.unwrap();
    assert!(before.contains("500 lanterns") && !before.contains("Seen from the other node."), "{before}");
    // Node two also keeps the front page and the other story's page, which
    // does not name the lanterns.
    let port_page = reqwest::get(format!("{b}/en/article/{}", port.slug)).await.unwrap().text().await.unwrap();
    assert!(port_page.contains("Dredgers") && !port_page.contains(&format!("/article/{slug}")), "{port_page}");
    assert!(reqwest::get(format!("{b}/en/")).await.unwrap().text().await.unwrap().contains(&slug));
    assert_eq!(kept_pages(&b).await, 3);
    let moderator = one.services.store.create_user("mai", "Mai", loa_domain::Role::Moderator, "x").await.unwrap();
    let id = one
        .services
        .store
        .add_pending_comment(lanterns.id, loa_domain::Lang::En, "Minh", "Seen from the other node.")
        .await
        .unwrap();
    assert!(one.services.store.moderate_comment(id, loa_domain::CommentStatus::Visible, &moderator).await.unwrap());
    let started = Instant::now();
    while !reqwest::get(&story).await.unwrap().text().await.unwrap().contains("Seen from the other node.") {
        assert!(started.elapsed() < Duration::from_secs(1), "node two still serves its old page after 1 s");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    // Node two dropped the two pages that link the lanterns (their page and
    // the front page), not the port's page, and rendered both again
    // without waiting for a reader.
    let started = Instant::now();
    while metric(&b, "loa_page_cache_refilled_total").await < 2 {
        assert!(started.elapsed() < Duration::from_secs(2), "the dropped pages are not rendered again");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(metric(&b, "loa_page_cache_dropped_total").await, 2, "only the pages that show the changed story are dropped");
    assert_eq!(kept_pages(&b).await, 3);
    // The same two left node two's stored pages, and came back with the render.
    assert_eq!(metric(&b, "loa_stored_pages_dropped_total").await, 2);
    assert_eq!(metric(&b, "loa_stored_pages").await, 3);
}

/// `loa_page_cache_pages` of the node serving on `base`.
async fn kept_pages(base: &str) -> u64 {
    metric(base, "loa_page_cache_pages").await
}

/// A value `/metrics` of the node serving on `base` gives without labels.
async fn metric(base: &str, name: &str) -> u64 {
    let metrics = reqwest::get(format!("{base}/metrics")).await.unwrap().text().await.unwrap();
    let line = metrics.lines().find(|l| l.starts_with(&format!("{name} "))).unwrap_or_else(|| panic!("no {name}"));
    line.rsplit(' ').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn a_portal_moved_to_postgres_serves_the_same_pages() {
    let page = article_page("Hội An lights 500 lanterns", &["Hội An lit 500 lanterns along the river on Friday."]);
    let server = Fixture::start(HashMap::from([("/lanterns.html".to_string(), Reply::html(&page))])).await;
    let single = TestApp::with(|c| c.base_url = "http://portal.example".into()).await;
    loa::ingest::ingest_url(&single.services, &server.url("/lanterns.html"), Some("Fixture Times")).await.unwrap();
    single.drain().await;
    single.services.store.put_media("abc.png", "image/png", &[0x89, b'P', b'N', b'G']).await.unwrap();
    let slug = single.services.store.article(1).await.unwrap().unwrap().slug;

    let (_admin, url, _name) = loa_store::testing::new_postgres_database().await;
    loa::migrate_cmd::migrate_store(&single.services.config, &url).await.unwrap();
    // Once more into the same database: refused, nothing changed.
    let again = loa::migrate_cmd::migrate_store(&single.services.config, &url).await.unwrap_err();
    assert!(format!("{again:#}").contains("already holds data"), "{again:#}");

    let moved = TestApp::with(|c| {
        c.base_url = "http://portal.example".into();
        c.database_url = url.clone();
    })
    .await;
    let (a, b) = (single.serve().await, moved.serve().await);
    for path in [
        format!("/en/article/{slug}"),
        "/en/".into(),
        "/sitemap.xml".into(),
        "/sitemaps/en-1.xml".into(),
        "/en/feed.xml".into(),
        "/media/abc.png".into(),
    ] {
        let x = reqwest::get(format!("{a}{path}")).await.unwrap();
        let y = reqwest::get(format!("{b}{path}")).await.unwrap();
        assert_eq!((x.status(), y.status()), (reqwest::StatusCode::OK, reqwest::StatusCode::OK), "{path}");
        assert_eq!(x.bytes().await.unwrap(), y.bytes().await.unwrap(), "{path} differs after the move");
    }
    let hits = |base: String| async move {
        let text = reqwest::get(format!("{base}/api/v1/search?q=lanterns")).await.unwrap().text().await.unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v["total"].clone()
    };
    assert_eq!(hits(a.clone()).await, hits(b.clone()).await);
}

/// A PostgreSQL server of this test's own, stopped under a running node:
/// the node answers 503 without the driver's words, loses nothing, and
/// serves again when the server is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_outlives_a_stopped_database() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let pg_dir = format!("/var/tmp/loa-pg-stop-test-{}", std::process::id());
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port().to_string()
    };
    let pg = |action: &str| {
        let out = Command::new("bash")
            .arg(repo.join("scripts/postgres"))
            .arg(action)
            .env("LOA_PG_DIR", &pg_dir)
            .env("LOA_PG_PORT", &port)
            .output()
            .unwrap();
        assert!(out.status.success(), "scripts/postgres {action}: {}", String::from_utf8_lossy(&out.stderr));
    };
    // Whatever happens, the server and its files go when the test ends.
    struct StopAtEnd(String, String, std::path::PathBuf);
    impl Drop for StopAtEnd {
        fn drop(&mut self) {
            let _ = Command::new("bash")
                .arg(self.2.join("scripts/postgres"))
                .arg("stop")
                .env("LOA_PG_DIR", &self.0)
                .env("LOA_PG_PORT", &self.1)
                .output();
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let _stop = StopAtEnd(pg_dir.clone(), port.clone(), repo.clone());
    pg("start");
    let url = format!("postgres://loa@127.0.0.1:{port}/postgres");
    let node = TestApp::with(|c| c.database_url = url.clone()).await;
    let id = node.services.store.add_source("Herald", "http://o/", "http://o/rss.xml").await.unwrap().id;
    let base = node.serve().await;
    let health = || async { reqwest::get(format!("{base}/healthz")).await.map(|r| r.status().as_u16()).unwrap_or(0) };
    assert_eq!(health().await, 200);

    pg("stop");
    let resp = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(resp.status().as_u16(), 503);
    let body = resp.text().await.unwrap();
    assert!(body.contains("store unavailable") && !body.to_lowercase().contains("connection"), "{body}");

    pg("start");
    let started = Instant::now();
    while health().await != 200 {
        assert!(started.elapsed() < Duration::from_secs(30), "the node did not come back with the database");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(node.services.store.source(id).await.is_ok(), "what was stored before the stop is still there");
}

#[test]
fn a_store_that_cannot_be_used_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let run = |url: &str| {
        let out = loa().args(["status", "--data"]).arg(dir.path()).env("LOA_DATABASE_URL", url).output().unwrap();
        assert!(!out.status.success(), "{url} was accepted");
        String::from_utf8(out.stderr).unwrap()
    };
    let err = run("mysql://loa@127.0.0.1/loa");
    assert!(err.contains("neither sqlite:PATH nor postgres://"), "{err}");
    let err = run("postgres://loa:hunter2@127.0.0.1:1/loa");
    assert!(err.contains("cannot reach the database at postgres://loa:***@127.0.0.1:1/loa"), "{err}");
    assert!(!err.contains("hunter2"), "the password is never shown: {err}");
    assert!(!dir.path().join("loa.db").exists(), "no SQLite store was made instead");
}
