//! Jobs survive a restart and a kill -9 in the middle of work, and running
//! them again changes nothing.

mod common;

use common::{article_page, rss, Fixture, Reply, TestApp};
use loa_domain::{EditionStatus, Lang};
use loa_store::{JobKind, Store};
use std::collections::HashMap;
use std::process::Command;
use std::time::Duration;

fn loa(data: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_loa"));
    cmd.arg("translate").arg("--data").arg(data).env("LOA_JOB_LEASE_SECS", "1");
    cmd
}

#[tokio::test]
async fn translation_jobs_survive_kill_9_and_restart() {
    let stories = [
        ("Hà Tĩnh builds 2,200 solid houses", "The province built 2,200 solid houses in 2026 for poor families."),
        ("Huế restores 9 pavilions", "Workers restored 9 pavilions and 305 metres of wall in Huế."),
        ("Quảng Bình plants 1,743 trees", "Volunteers planted 1,743 trees along 12 kilometres of coast."),
    ];
    let mut routes = HashMap::new();
    for (i, (title, para)) in stories.iter().enumerate() {
        routes.insert(
            format!("/s{i}.html"),
            Reply::html(&article_page(title, &[para, "Officials said the work would continue next year."])),
        );
    }
    let first = Fixture::start(routes.clone()).await;
    let urls: Vec<String> = (0..stories.len()).map(|i| first.url(&format!("/s{i}.html"))).collect();
    routes.insert("/feed.xml".into(), Reply::xml(&rss(&urls)));
    let server = Fixture::start(routes).await;

    let app = TestApp::new().await;
    let data = app.services.config.data_dir.clone();
    let source = app.services.store.add_source("Fixture Times", &server.url("/"), &server.url("/feed.xml")).await.unwrap();
    loa::ingest::poll_source(&app.services, &source).await.unwrap();
    loa::jobs::run_until_idle(&app.services, &[JobKind::FetchArticle], 2).await.unwrap();
    let pending = app.services.store.job_counts(JobKind::TranslateEdition).await.unwrap().pending;
    let targets = app.services.targets_from(Lang::En);
    assert_eq!(pending as usize, stories.len() * targets.len());
    app.services.store.close().await;
    drop(app.services);

    // A worker is killed without warning in the middle of its jobs.
    let mut child = loa(&data).spawn().unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    // Its leases run out; the next run finishes everything.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let out = loa(&data).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let store = Store::open(&data.join("loa.db")).await.unwrap();
    let counts = store.job_counts(JobKind::TranslateEdition).await.unwrap();
    assert_eq!((counts.pending, counts.running, counts.failed), (0, 0, 0), "{counts:?}");
    for id in 1..=stories.len() as i64 {
        for lang in &targets {
            let e = store.edition(id, *lang).await.unwrap().unwrap_or_else(|| panic!("article {id} has no {lang}"));
            assert_eq!(e.status, EditionStatus::Published, "{id}/{lang}: {:?}", e.failure);
            assert!(!e.title.is_empty() && !e.blocks.is_empty());
        }
    }
    let before = store.editions(1).await.unwrap();
    store.close().await;

    // Running again is a no-op: nothing pending, nothing rewritten.
    let out = loa(&data).output().unwrap();
    assert!(out.status.success());
    let store = Store::open(&data.join("loa.db")).await.unwrap();
    assert_eq!(store.editions(1).await.unwrap(), before);
}

/// A newsroom whose only engine (en → es) is `script`, with one English
/// story from a fixture outlet ingested and every job run.
async fn newsroom_with_engine(script: &str, title: &str, paragraph: &str) -> (tempfile::TempDir, Fixture, TestApp) {
    use std::os::unix::fs::PermissionsExt;
    let modes = tempfile::tempdir().unwrap();
    let path = modes.path().join("engine.sh");
    std::fs::write(&path, format!("#!/bin/bash\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(modes.path().join("en-es.mode"), format!("{}\n", path.display())).unwrap();
    let page = article_page(title, &[paragraph]);
    let server = Fixture::start(HashMap::from([("/a.html".to_string(), Reply::html(&page))])).await;
    let modes_dir = modes.path().to_path_buf();
    let app = TestApp::with(move |c| {
        c.apertium_modes_dir = modes_dir;
        c.languages = vec![Lang::En, Lang::Es];
    })
    .await;
    loa::ingest::ingest_url(&app.services, &server.url("/a.html"), None).await.unwrap();
    app.drain().await;
    (modes, server, app)
}

#[tokio::test]
async fn an_engine_that_echoes_its_input_is_held_and_never_reaches_readers() {
    let (_modes, _server, app) =
        newsroom_with_engine("exec cat", "Cần Thơ opens 4 bridges", "Cần Thơ opened 4 bridges over 2 canals this week.").await;
    let es = app.services.store.edition(1, Lang::Es).await.unwrap().expect("the held edition is kept");
    assert_eq!(es.status, EditionStatus::MachineTranslated, "held for review, not published");
    assert!(
        loa_domain::reasons_text(es.failure.as_deref().unwrap_or("")).contains("identical to the source"),
        "{:?}",
        es.failure
    );
    assert!(loa_domain::decode_reasons(es.failure.as_deref().unwrap()).contains(&loa_domain::Problem::Identical));
    let base = app.serve().await;
    let article = app.services.store.article(1).await.unwrap().unwrap();
    let resp = reqwest::get(format!("{base}/es/article/{}", article.slug)).await.unwrap();
    assert_eq!(resp.status(), 404);
    let sitemap = common::all_sitemaps(&base).await;
    assert!(!sitemap.contains("/es/article/"), "a held edition is in the sitemap");
}

#[tokio::test]
async fn an_engine_that_answers_nothing_is_retried_and_never_reaches_readers() {
    // Answers every request with an empty reply.
    let (_modes, _server, app) = newsroom_with_engine(
        "while IFS= read -r -d '' _; do printf '\\0'; done",
        "Vĩnh Phúc opens 6 clinics",
        "Vĩnh Phúc opened 6 clinics for 40,000 people.",
    )
    .await;
    // The engine's failure is retried (it may be passing), so the job waits.
    let state = app.services.store.job_state(JobKind::TranslateEdition, "1:es").await.unwrap().unwrap();
    assert_eq!(state.status, "pending");
    assert!(state.last_error.unwrap().contains("0 segment(s)"));
    assert!(!app.services.store.public_langs(1).await.unwrap().contains(&Lang::Es));
}

#[tokio::test]
async fn an_engine_that_answers_empty_text_leaves_a_failed_edition_with_the_reason() {
    // Keeps the framing of every request (its segment ends) and drops the text.
    let (_modes, _server, app) = newsroom_with_engine(
        r#"while IFS= read -r -d '' req; do printf '%s' "$req" | grep -o '\[loa:seg\]' | tr -d '\n'; printf '\n\0'; done"#,
        "Quảng Trị opens 3 schools",
        "Quảng Trị opened 3 schools for 1,200 pupils.",
    )
    .await;
    let es = app.services.store.edition(1, Lang::Es).await.unwrap().expect("the failed edition is kept");
    assert_eq!(es.status, EditionStatus::Failed);
    assert!(loa_domain::reasons_text(es.failure.as_deref().unwrap_or("")).contains("returned empty text"), "{:?}", es.failure);
    let queue = app.services.store.review_queue(50).await.unwrap();
    assert!(
        queue.iter().any(|item| item.lang == Lang::Es && item.reasons.iter().any(|r| r.to_string().contains("empty text"))),
        "the reviewer sees it with its reason: {queue:?}"
    );
    let base = app.serve().await;
    let article = app.services.store.article(1).await.unwrap().unwrap();
    let resp = reqwest::get(format!("{base}/es/article/{}", article.slug)).await.unwrap();
    assert_eq!(resp.status(), 404);
}

/// Stored pages outlive the process, and a node started after changes made
/// while it was down first drops the pages those changes alter: the stale
/// page is never served, the untouched one is read back, not rendered.
#[tokio::test]
async fn stored_pages_written_before_a_restart_never_show_what_changed_meanwhile() {
    let lanterns = article_page("Hội An lights 500 lanterns", &["Hội An lit 500 lanterns along the river on Friday."]);
    let port = article_page("Cần Thơ dredges its port", &["Dredgers deepened the Cái Cui channel to nine metres."])
        .replace("Phạm Thị Lan", "Lê Văn Tám");
    let server = Fixture::start(HashMap::from([
        ("/lanterns.html".to_string(), Reply::html(&lanterns)),
        ("/port.html".to_string(), Reply::html(&port)),
    ]))
    .await;
    // Pages name the portal's address, which must not change with the port.
    let app = TestApp::with(|c| {
        c.page_cache_mib = 0;
        c.base_url = "http://portal.example".into();
    })
    .await;
    loa::ingest::ingest_url(&app.services, &server.url("/lanterns.html"), None).await.unwrap();
    loa::ingest::ingest_url(&app.services, &server.url("/port.html"), None).await.unwrap();
    app.drain().await;
    let store = &app.services.store;
    let lit = store.article_by_slug("hoi-an-lights-500-lanterns").await.unwrap().unwrap();
    let dredged = store.article_by_slug("can-tho-dredges-its-port").await.unwrap().unwrap();
    // In a section and by an author of its own: the lanterns are not beside it.
    let business =
        loa_store::StoryTags { category: loa_domain::Category::from_slug("business").unwrap(), places: &[], topics: &[] };
    store.retag_article(dredged.id, &business, None).await.unwrap();
    app.drain().await;

    // Every page rendered ahead by the command, which (like `loa reindex`)
    // runs while no node holds the data directory.
    let TestApp { dir, services } = app;
    let config = (*services.config).clone();
    drop(services);
    let rendered = loa::pages_cmd::render_pages(config.clone()).await.unwrap();
    assert!(rendered >= 4, "two stories and the lists: {rendered}");

    // While no node runs, a comment appears on the lanterns.
    let store = Store::connect(&config.database_url()).await.unwrap();
    store.add_comment(lit.id, Lang::En, "Minh", "Seen while the node was down.").await.unwrap();

    let app = TestApp { dir, services: loa::services::Services::open(config).await.unwrap() };
    let base = app.serve().await;
    let metric = |name: &'static str| {
        let base = base.clone();
        async move {
            let metrics = reqwest::get(format!("{base}/metrics")).await.unwrap().text().await.unwrap();
            let line = metrics.lines().find(|l| l.starts_with(&format!("{name} "))).unwrap_or_else(|| panic!("no {name}"));
            line.rsplit(' ').next().unwrap().parse::<u64>().unwrap()
        }
    };
    // At once, before the node has followed anything: never the stale page.
    let lanterns_page = format!("{base}/en/article/{}", lit.slug);
    let page = reqwest::get(&lanterns_page).await.unwrap().text().await.unwrap();
    assert!(page.contains("Seen while the node was down."), "a stale stored page was served:\n{page}");
    // Once it has, the port's page comes from the file, not a render.
    let started = std::time::Instant::now();
    loop {
        let other = reqwest::get(format!("{base}/en/article/{}", dredged.slug)).await.unwrap().text().await.unwrap();
        assert!(other.contains("Dredgers"));
        if metric("loa_stored_pages_read_total").await >= 1 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(3), "the stored pages are never read");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(metric("loa_stored_pages_dropped_total").await >= 2, "the lanterns' page and the lists were dropped");
    let page = reqwest::get(&lanterns_page).await.unwrap().text().await.unwrap();
    assert!(page.contains("Seen while the node was down."), "{page}");
}
