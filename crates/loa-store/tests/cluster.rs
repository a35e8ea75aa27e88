//! What many nodes on one store rely on: a job is claimed by one worker
//! only, the change log is complete and ordered, a portal copies from
//! SQLite to PostgreSQL row for row, and a wrong or newer database is
//! refused with a clear error before anything is written.

use chrono::Duration;
use loa_domain::{CommentStatus, Lang, NewArticle, Role};
use loa_store::testing::{new_article, TestStore};
use loa_store::{Backend, JobKind, Requeue, Store, StoreError};
use serde_json::json;
use std::collections::HashSet;

fn article(url: &str, title: &str, author: &str) -> NewArticle {
    NewArticle { author: Some(author.into()), places: vec!["Đà Nẵng".into()], ..new_article(url, title) }
}

/// Eight workers on two connections ("nodes") drain 120 jobs: each job is
/// handed to exactly one of them.
async fn every_job_is_claimed_by_one_worker_only(t: TestStore) {
    let store = t.store.clone();
    for i in 0..120 {
        store.enqueue(JobKind::FetchArticle, &format!("http://o/{i}"), &json!({"i": i}), Requeue::IfAbsent).await.unwrap();
    }
    let other_node = Store::connect(t.url()).await.unwrap();
    let mut workers = tokio::task::JoinSet::new();
    for w in 0..8 {
        let s = if w % 2 == 0 { store.clone() } else { other_node.clone() };
        workers.spawn(async move {
            let mut mine = Vec::new();
            while let Some(job) = s.claim_job(&[JobKind::FetchArticle], Duration::seconds(60)).await.unwrap() {
                mine.push(job.id);
                s.complete_job(job.id).await.unwrap();
            }
            mine
        });
    }
    let mut all = Vec::new();
    while let Some(ids) = workers.join_next().await {
        all.extend(ids.unwrap());
    }
    let distinct: HashSet<_> = all.iter().collect();
    assert_eq!(all.len(), 120, "every job claimed once");
    assert_eq!(distinct.len(), 120, "no job claimed twice");
    assert_eq!(store.job_counts(JobKind::FetchArticle).await.unwrap().done, 120);
}

/// A worker that renews its lease keeps its job; one that stopped
/// renewing loses it to the next claim, and can no longer renew it.
async fn a_renewed_lease_keeps_the_job_and_a_lapsed_one_loses_it(t: TestStore) {
    let store = t.store.clone();
    store.enqueue(JobKind::FetchArticle, "http://o/long", &json!({}), Requeue::IfAbsent).await.unwrap();
    let job = store.claim_job(&[JobKind::FetchArticle], Duration::milliseconds(300)).await.unwrap().unwrap();
    for _ in 0..3 {
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        assert!(store.extend_lease(&job, Duration::milliseconds(300)).await.unwrap());
        assert!(store.claim_job(&[JobKind::FetchArticle], Duration::seconds(60)).await.unwrap().is_none(), "still leased");
    }
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let again = store.claim_job(&[JobKind::FetchArticle], Duration::seconds(60)).await.unwrap().expect("the lapsed job is due");
    assert_eq!((again.id, again.attempts), (job.id, 2));
    assert!(!store.extend_lease(&job, Duration::seconds(60)).await.unwrap(), "the first worker no longer holds it");
}

/// Two nodes booking turns for one host get slots one interval apart;
/// another host does not wait.
async fn host_turns_queue_up_across_nodes(t: TestStore) {
    let store = t.store.clone();
    let other_node = Store::connect(t.url()).await.unwrap();
    let step = Duration::seconds(2);
    let mut waits = Vec::new();
    for i in 0..4 {
        let s = if i % 2 == 0 { &store } else { &other_node };
        waits.push(s.book_host_turn("herald.example", step).await.unwrap());
    }
    for (i, w) in waits.iter().enumerate() {
        let expected = step * i as i32;
        assert!((*w - expected).num_milliseconds().abs() < 500, "turn {i}: waits {w} instead of {expected}");
    }
    assert!(other_node.book_host_turn("other.example", step).await.unwrap() <= Duration::zero());
    // Robots verdicts are kept for the other nodes, body and expiry included.
    let kept = loa_store::RobotsRecord {
        kind: "body".into(),
        body: Some(b"User-agent: *\nDisallow: /private/\n\xff".to_vec()),
        expires_at: chrono::DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap().with_timezone(&chrono::Utc),
    };
    store.keep_robots_verdict("http://herald.example", &kept).await.unwrap();
    assert_eq!(other_node.robots_verdict("http://herald.example").await.unwrap(), Some(kept));
    assert_eq!(other_node.robots_verdict("http://nobody.example").await.unwrap(), None);
}

/// SQLite checks its own file; PostgreSQL has no such check to offer.
async fn the_store_checks_its_integrity_where_it_can(t: TestStore) {
    match (t.store.backend(), t.store.integrity_check().await.unwrap()) {
        (Backend::Sqlite, Some(verdict)) => assert_eq!(verdict, "ok"),
        (Backend::Postgres, None) => {}
        other => panic!("unexpected {other:?}"),
    }
}

/// Every public change is logged in order: a new story, a translation, a
/// publish, a visible comment.
async fn the_change_log_follows_every_public_change(t: TestStore) {
    let store = t.store.clone();
    let id =
        store.insert_article(&article("http://o/1", "Harbour reopens", "Lê Minh"), &[], &[Lang::Es]).await.unwrap().article_id();
    let mut es = store.edition(id, Lang::En).await.unwrap().unwrap();
    es.lang = Lang::Es;
    es.status = loa_domain::EditionStatus::MachineTranslated;
    es.engine = "apertium".into();
    store.save_edition(&es).await.unwrap();
    store.set_edition_status(id, Lang::Es, loa_domain::EditionStatus::Published, None).await.unwrap();
    let moderator = store.create_user("mod", "Moderator", Role::Moderator, "hash").await.unwrap();
    let comment = store.add_pending_comment(id, Lang::Es, "Ana", "¡Bien!").await.unwrap();
    let before = store.last_change().await.unwrap();
    assert!(store.moderate_comment(comment, CommentStatus::Visible, &moderator).await.unwrap());

    let log = store.changes_since(0, 100).await.unwrap();
    let what: Vec<_> = log.iter().map(|c| (c.article_id, c.lang)).collect();
    assert_eq!(what, vec![(id, Lang::En), (id, Lang::Es), (id, Lang::Es), (id, Lang::Es)]);
    assert!(log.windows(2).all(|w| w[0].seq < w[1].seq), "sequence numbers rise");
    assert_eq!(store.changes_since(before, 100).await.unwrap().len(), 1, "the approval is one change");
    assert_eq!(store.changes_since(store.last_change().await.unwrap(), 100).await.unwrap(), vec![]);
}

/// Namesakes stay apart: two authors whose names make one slug, and many
/// stories with one title.
async fn namesakes_get_slugs_of_their_own(t: TestStore) {
    let store = t.store.clone();
    let a = store.insert_article(&article("http://o/1", "Floods", "Trần Hà"), &[], &[]).await.unwrap().article_id();
    let b = store.insert_article(&article("http://o/2", "Floods!", "Tran Ha"), &[], &[]).await.unwrap().article_id();
    let c = store.insert_article(&article("http://o/3", "Floods?", "Trần Hà"), &[], &[]).await.unwrap().article_id();
    let (a, b, c) = (
        store.article(a).await.unwrap().unwrap(),
        store.article(b).await.unwrap().unwrap(),
        store.article(c).await.unwrap().unwrap(),
    );
    assert_eq!((a.slug.as_str(), b.slug.as_str(), c.slug.as_str()), ("floods", "floods-2", "floods-3"));
    let (aa, ba, ca) = (a.author.unwrap(), b.author.unwrap(), c.author.unwrap());
    assert_eq!(aa.slug, "tran-ha");
    assert_eq!(ba.slug, "tran-ha-2", "another spelling is another author, not merged");
    assert_eq!(ca, aa, "the same name is the same author");
}

async fn media_is_kept_once_by_name(t: TestStore) {
    let store = t.store.clone();
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    store.put_media("abc.png", "image/png", &bytes).await.unwrap();
    store.put_media("abc.png", "image/png", &bytes).await.unwrap();
    assert!(store.has_media("abc.png").await.unwrap());
    assert!(!store.has_media("other.png").await.unwrap());
    let got = store.media("abc.png").await.unwrap().unwrap();
    assert_eq!(got.content_type, "image/png");
    assert_eq!(got.bytes, bytes, "binary bytes come back unchanged");
    assert_eq!(store.media_count().await.unwrap(), 1);
}

/// A schema written by a newer loa is refused, and the refusal writes nothing.
async fn a_newer_schema_is_refused_untouched(t: TestStore) {
    let store = t.store.clone();
    store.insert_article(&article("http://o/1", "Kept", "Lê Minh"), &[], &[]).await.unwrap();
    store.pretend_schema_version_for_tests(99).await.unwrap();
    store.close().await;
    match Store::connect(t.url()).await {
        Err(StoreError::SchemaTooNew { found: 99, known }) => assert!(known < 99),
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
    let again = Store::connect_without_migrating_for_tests(t.url()).await.unwrap();
    assert_eq!(again.article_count().await.unwrap(), 1, "nothing was lost or rewritten");
}

loa_store::on_both_backends!(
    every_job_is_claimed_by_one_worker_only,
    a_renewed_lease_keeps_the_job_and_a_lapsed_one_loses_it,
    the_change_log_follows_every_public_change,
    namesakes_get_slugs_of_their_own,
    media_is_kept_once_by_name,
    a_newer_schema_is_refused_untouched,
    a_due_source_is_polled_by_one_node,
    host_turns_queue_up_across_nodes,
    the_store_checks_its_integrity_where_it_can,
);

#[tokio::test]
async fn a_portal_copies_from_sqlite_to_postgres_row_for_row() {
    let from = TestStore::sqlite().await;
    let s = &from.store;
    let id =
        s.insert_article(&article("http://o/1", "Night market opens", "Lê Minh"), &[], &[Lang::Es]).await.unwrap().article_id();
    s.insert_article(&article("http://o/2", "Bridge repaired", "Nguyễn Văn An"), &[], &[]).await.unwrap();
    let editor = s.create_user("editor", "Editor", Role::Editor, "pbkdf2$hash").await.unwrap();
    let c = s.add_pending_comment(id, Lang::En, "Reader", "Good news.").await.unwrap();
    s.moderate_comment(c, CommentStatus::Visible, &editor).await.unwrap();
    s.memory_store("apertium", Lang::En, Lang::Es, &[("Good news.".into(), "Buenas noticias.".into())]).await.unwrap();
    s.put_media("pic.jpg", "image/jpeg", &[0xff, 0xd8, 0xff, 0x00, 0x01]).await.unwrap();
    s.add_source("Herald", "http://o/", "http://o/rss.xml").await.unwrap();

    let to = TestStore::postgres().await;
    let report = s.copy_into(&to.store).await.unwrap();
    for t in &report {
        assert!(t.matches(), "{t:?}");
    }
    let rows = |name: &str| report.iter().find(|t| t.table == name).unwrap().target_rows;
    assert_eq!((rows("articles"), rows("editions"), rows("comments"), rows("media"), rows("jobs")), (2, 2, 1, 1, 1));
    assert_eq!(to.store.article(id).await.unwrap(), s.article(id).await.unwrap());
    assert_eq!(to.store.media("pic.jpg").await.unwrap(), s.media("pic.jpg").await.unwrap());
    // Identities continue past the copied rows.
    let next = to.store.insert_article(&article("http://o/3", "Third", "Lê Minh"), &[], &[]).await.unwrap().article_id();
    assert!(next > id + 1, "new id {next} after copied ids");
    // A second copy into a portal that has data is refused.
    match s.copy_into(&to.store).await {
        Err(StoreError::Conflict(m)) => assert!(m.contains("already holds data"), "{m}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    // A change to one side shows in the comparison.
    s.add_comment(id, Lang::En, "Late", "One more.").await.unwrap();
    let again = s.compare_with(&to.store).await.unwrap();
    assert!(!again.iter().find(|t| t.table == "comments").unwrap().matches());
}

#[tokio::test]
async fn wrong_database_urls_get_clear_errors() {
    for url in ["mysql://loa@localhost/loa", "loa.db", "sqlite:"] {
        match Store::connect(url).await {
            Err(StoreError::BadUrl(m)) => assert!(m.contains("sqlite") && !m.is_empty(), "{m}"),
            other => panic!("{url}: expected BadUrl, got {other:?}"),
        }
    }
    // Nothing listens on port 1: refused at once, with the address and no password.
    let started = std::time::Instant::now();
    match Store::connect("postgres://loa:s3cret@127.0.0.1:1/loa").await {
        Err(e @ StoreError::Unreachable { .. }) => {
            let m = e.to_string();
            assert!(m.contains("127.0.0.1:1") && !m.contains("s3cret"), "{m}");
        }
        other => panic!("expected Unreachable, got {other:?}"),
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
    // A database that does not exist on a running server.
    let admin = loa_store::testing::postgres_admin_url();
    let missing = admin.rsplit_once('/').map(|(root, _)| format!("{root}/loa_no_such_database")).unwrap();
    match Store::connect(&missing).await {
        Err(e @ StoreError::Unreachable { .. }) => assert!(e.to_string().contains("loa_no_such_database"), "{e}"),
        other => panic!("expected Unreachable, got {other:?}"),
    }
    assert_eq!(TestStore::postgres().await.store.backend(), Backend::Postgres);
}

/// Two pollers asking at once: each due source goes to one of them.
async fn a_due_source_is_polled_by_one_node(t: TestStore) {
    let store = t.store.clone();
    for i in 0..6 {
        store.add_source("Herald", "http://o/", &format!("http://o/{i}/rss.xml")).await.unwrap();
    }
    let other_node = Store::connect(t.url()).await.unwrap();
    let now = chrono::Utc::now();
    let (a, b) =
        tokio::join!(store.claim_due_sources(now, Duration::minutes(5)), other_node.claim_due_sources(now, Duration::minutes(5)));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.len() + b.len(), 6, "every source taken once: {} + {}", a.len(), b.len());
    let ids: HashSet<_> = a.iter().chain(&b).map(|s| s.id).collect();
    assert_eq!(ids.len(), 6);
    assert!(store.claim_due_sources(now, Duration::minutes(5)).await.unwrap().is_empty(), "leased, not due again");
    // When the lease ends they are due again.
    assert_eq!(store.claim_due_sources(now + Duration::minutes(6), Duration::minutes(5)).await.unwrap().len(), 6);
}
