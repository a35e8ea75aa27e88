//! Crash safety on one node (SQLite): the real `loa` binary ingests and
//! translates the demo outlet and is killed with SIGKILL at a random
//! moment, then started again. After each trial every job has finished
//! (none failed), no article or edition is lost or duplicated (the store
//! matches an uninterrupted reference run), `PRAGMA integrity_check` is
//! `ok`, and the search index holds exactly the public editions
//! (`/healthz`). Each trial starts from an empty data directory, so every
//! kill lands in a fresh ingest.
//!
//! `LOA_CRASH_TRIALS` sets the number of trials (5 here; 100 in
//! `bench/reliability/crash`), `LOA_CRASH_SEED` the random moments.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use loa_store::{JobKind, Store};

const LOA: &str = env!("CARGO_BIN_EXE_loa");

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn loa(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(LOA);
    c.args(args)
        .env("LOA_DATA_DIR", data)
        .env("LOA_LANGUAGES", "vi,en,ru,uk,es")
        .env("LOA_WORKERS", "2")
        .env("LOA_JOB_LEASE_SECS", "3")
        .env("LOA_POLL_INTERVAL_SECS", "0")
        .env("LOA_PAGE_CACHE_MIB", "0")
        .env("LOA_FETCH_ALLOW_ADDRESSES", "127.0.0.0/8")
        .env("LOA_FETCH_PER_HOST_INTERVAL_MS", "0")
        .env("LOA_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn serve(data: &Path, port: u16) -> Child {
    loa(data, &["serve", "--listen", &format!("127.0.0.1:{port}")]).spawn().unwrap()
}

/// A small xorshift, so a failing trial can be replayed with its seed.
struct Moments(u64);

impl Moments {
    fn next_ms(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// What must come out of every trial the same.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    articles: i64,
    /// (canonical slug, public languages), every article.
    public: BTreeSet<(String, Vec<String>)>,
    /// Editions by status.
    editions: Vec<(String, i64)>,
}

async fn outcome(store: &Store) -> Outcome {
    let public = store
        .sitemap()
        .await
        .unwrap()
        .into_iter()
        .map(|e| {
            let mut langs: Vec<String> = e.langs.iter().map(|l| l.code().to_string()).collect();
            langs.sort();
            (e.slug, langs)
        })
        .collect();
    let mut editions: Vec<(String, i64)> =
        store.edition_counts().await.unwrap().into_iter().map(|(s, n)| (s.as_str().to_string(), n)).collect();
    editions.sort();
    Outcome { articles: store.article_count().await.unwrap(), public, editions }
}

/// Waits until no job is pending or running, and the search index holds
/// every public edition; answers the healthz figures, and when the jobs
/// were first seen done (the index catches up after them).
async fn settle(store: &Store, port: u16) -> (i64, u64, Instant) {
    let started = Instant::now();
    let client = reqwest::Client::new();
    let mut jobs_done = None;
    loop {
        assert!(started.elapsed() < Duration::from_secs(600), "jobs did not finish within 10 minutes");
        let mut open = 0;
        for kind in JobKind::ALL {
            let c = store.job_counts(kind).await.unwrap();
            assert_eq!(c.failed, 0, "{kind:?} jobs failed: {c:?}");
            open += c.pending + c.running;
        }
        if open == 0 {
            let jobs_took = *jobs_done.get_or_insert_with(Instant::now);
            let public: usize = store.sitemap().await.unwrap().iter().map(|e| e.langs.len()).sum();
            if let Ok(resp) = client.get(format!("http://127.0.0.1:{port}/healthz")).send().await {
                let health: serde_json::Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
                let docs = health["search_documents"].as_u64().unwrap_or(0);
                if docs == public as u64 {
                    return (health["articles"].as_i64().unwrap(), docs, jobs_took);
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn integrity(data: &Path) -> String {
    // Through the store: only loa-store speaks SQL.
    let store = loa_store::Store::open(&data.join("loa.db")).await.unwrap();
    let verdict = store.integrity_check().await.unwrap().expect("a SQLite store checks itself");
    store.close().await;
    verdict
}

/// One trial: a fresh data directory, the outlet's articles queued, `loa
/// serve` killed after `kill_after` (none: the reference run), started
/// again and left to finish.
async fn trial(outlet: &str, kill_after: Option<Duration>) -> (Outcome, Duration, (i64, i64)) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let status = loa(&data, &["sources", "add", &format!("{outlet}/rss.xml"), "--queue-only"]).status().unwrap();
    assert!(status.success(), "sources add failed");
    let port = free_port();
    let mut server = serve(&data, port);
    let mut served_at = Instant::now();
    if let Some(after) = kill_after {
        tokio::time::sleep(after).await;
        server.kill().unwrap(); // SIGKILL
        server.wait().unwrap();
    }
    // Where the kill found the work: jobs done of those known then.
    let store = Store::open(&data.join("loa.db")).await.unwrap();
    let mut done = 0;
    let mut known = 0;
    for kind in JobKind::ALL {
        let c = store.job_counts(kind).await.unwrap();
        done += c.done;
        known += c.done + c.pending + c.running + c.failed;
    }
    let progress = (done, known);
    if kill_after.is_some() {
        server = serve(&data, port);
        served_at = Instant::now();
    }
    // How long the jobs took from the server's start: the window the kills
    // aim at (not the index's catch-up after them).
    let (articles, docs, jobs_done) = settle(&store, port).await;
    let took = jobs_done - served_at;
    let got = outcome(&store).await;
    assert_eq!(articles, got.articles, "healthz counts the store's articles");
    assert!(docs > 0);
    store.close().await;
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(integrity(&data).await, "ok");
    (got, took, progress)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_at_random_moments_loa_loses_and_duplicates_nothing() {
    let trials: usize = std::env::var("LOA_CRASH_TRIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let seed: u64 = std::env::var("LOA_CRASH_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x10a_c4a5);
    let outlet_port = free_port();
    let mut outlet = Command::new(LOA)
        .args(["demo-outlet", "--listen", &format!("127.0.0.1:{outlet_port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let outlet_url = format!("http://127.0.0.1:{outlet_port}");
    let up = Instant::now();
    while reqwest::get(format!("{outlet_url}/rss.xml")).await.is_err() {
        assert!(up.elapsed() < Duration::from_secs(20), "the demo outlet did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let (reference, first, _) = trial(&outlet_url, None).await;
    assert!(reference.articles >= 26, "{reference:?}");
    // The first run pays for cold caches (binary, Apertium's data); the
    // second shows how long a run takes once warm, as the trials are.
    let (again, warm, _) = trial(&outlet_url, None).await;
    assert_eq!(again, reference, "two uninterrupted runs agree");
    let full = first.min(warm);
    // Kill anywhere within the time an uninterrupted run's jobs take, after
    // the first 200 ms (the server starting).
    let mut window = (full.as_millis() as u64).saturating_sub(200).max(300);
    let mut moments = Moments(seed);
    let mut mid_work = 0;
    for n in 1..=trials {
        let after = Duration::from_millis(200 + moments.next_ms(window));
        let (got, _, progress) = trial(&outlet_url, Some(after)).await;
        let (done, known) = progress;
        assert_eq!(got, reference, "trial {n} (seed {seed}), killed after {after:?} with {done} of {known} jobs done");
        mid_work += usize::from(done < known);
        // A kill that found every job done shows the work now takes less
        // than the calibration runs did (they may have shared the cores
        // with other work): later kills come within that shorter time.
        if done == known {
            window = window.min((after.as_millis() as u64).saturating_sub(200)).max(300);
        }
        println!("crash trial {n}/{trials}: killed after {after:?} with {done} of {known} jobs done; nothing lost or duplicated");
    }
    outlet.kill().unwrap();
    let _ = outlet.wait();
    assert!(mid_work * 2 >= trials, "most kills should land while jobs are open ({mid_work} of {trials})");
    println!(
        "crash safety: {trials} kills -9 during ingest and translation ({mid_work} with jobs open), {} articles and {} editions each time, 0 lost, 0 duplicated, integrity ok",
        reference.articles,
        reference.editions.iter().map(|(_, n)| n).sum::<i64>()
    );
}
