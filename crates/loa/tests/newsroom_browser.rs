//! The newsroom in a real browser (headless Chromium over the DevTools
//! protocol): an editor signs in and follows sources on the sources page
//! against a loopback outlet: an address that is no feed is refused with
//! the address kept, a home page is followed through the feed it names,
//! and the source is paused and removed.

mod common;

use std::collections::HashMap;

use common::{article_page, rss, Fixture, Reply, TestApp};
use loa_domain::Role;
use loa_test_support::browser::Browser;

const PASSWORD: &str = "a long newsroom password";

/// Signs `user` in on the site at `base` with the sign-in form.
fn sign_in(b: &mut Browser, base: &str, user: &str) {
    b.goto(&format!("{base}/en/newsroom/sign-in"));
    b.fill("#username", user);
    b.fill("#password", PASSWORD);
    b.click_and_wait("form.newsroom-form button[type=submit]");
}

#[tokio::test]
async fn an_editor_follows_pauses_and_removes_a_source_in_the_browser() {
    let outlet = Fixture::start_with(|addr| {
        HashMap::from([
            ("/feed.xml".to_string(), Reply::xml(&rss(&[format!("http://{addr}/news/harbour.html")]))),
            (
                "/news/harbour.html".to_string(),
                Reply::html(&article_page(
                    "The harbour reopens after the storm",
                    &["Boats returned to the harbour on Monday morning after three days of closure, the port office said."],
                )),
            ),
            (
                "/".to_string(),
                Reply::html(
                    "<!doctype html><html><head><title>Fixture Times</title>\
                     <link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\"></head><body><p>Home</p></body></html>",
                ),
            ),
            ("/about.html".to_string(), Reply::html("<!doctype html><html><body><p>About us. No feed here.</p></body></html>")),
        ])
    })
    .await;
    let app = TestApp::new().await;
    let store = app.services.store.clone();
    store.create_user("lan", "Lan", Role::Editor, &loa_web::auth::hash_password(PASSWORD)).await.unwrap();
    let base = app.serve().await;
    let (home, about) = (outlet.url("/"), outlet.url("/about.html"));
    let profile = tempfile::tempdir().unwrap();
    let profile_path = profile.path().to_path_buf();

    // Each step runs the browser on a blocking thread and hands it back.
    let (refused, b) = tokio::task::spawn_blocking(move || {
        let mut b = Browser::launch(&profile_path);
        sign_in(&mut b, &base, "lan");
        assert!(b.url().ends_with("/en/newsroom/"), "signed in to the desk: {}", b.url());
        b.click_and_wait("a[href='/en/newsroom/sources']");
        b.fill("#source-url", &about);
        b.click_and_wait("form.source-add button[type=submit]");
        let refused = (
            b.text("document.querySelector('.form-error')?.textContent ?? ''"),
            b.text("document.querySelector('#source-url').value"),
            b.has(".source-table"),
        );
        (refused, b)
    })
    .await
    .unwrap();
    let (error, kept, table) = refused;
    assert!(error.contains("neither a feed nor a sitemap"), "a clear refusal: {error:?}");
    assert_eq!(kept, outlet.url("/about.html"), "the typed address stays in the field");
    assert!(!table, "nothing was added");
    assert!(store.sources().await.unwrap().is_empty());

    let ((row, state, robots), b) = tokio::task::spawn_blocking(move || {
        let mut b = b;
        b.fill("#source-url", &home);
        b.click_and_wait("form.source-add button[type=submit]");
        let row = b.text("document.querySelector('.source-table tbody tr th')?.textContent ?? ''");
        let state = b.text("document.querySelector('.source-table .source-state')?.textContent ?? ''");
        let robots = b.text("document.querySelector('.source-table .source-robots')?.textContent ?? ''");
        ((row, state, robots), b)
    })
    .await
    .unwrap();
    let sources = store.sources().await.unwrap();
    assert_eq!(sources.len(), 1, "the home page was followed through the feed it names");
    let source = &sources[0];
    assert_eq!(source.feed_url, outlet.url("/feed.xml"));
    assert!(row.contains("Fixture Times") && row.contains("/feed.xml"), "the row names the outlet and the feed: {row:?}");
    assert_eq!(state, "Following");
    assert_eq!(robots, "Allowed", "robots.txt was read when the feed was fetched");
    assert!(outlet.hits_of("/feed.xml") >= 1, "the first poll fetched the feed");
    assert!(source.last_success_at.is_some(), "the page shows the last fetch");

    let id = source.id;
    let (paused_state, b) = tokio::task::spawn_blocking(move || {
        let mut b = b;
        b.click_and_wait(&format!("#source-{id} button[value=pause]"));
        (b.text(&format!("document.querySelector('#source-{id} .source-state')?.textContent ?? ''")), b)
    })
    .await
    .unwrap();
    assert_eq!(paused_state, "Paused");
    assert!(!store.sources().await.unwrap()[0].settings.enabled, "paused in the store too");

    let (gone, notice, log) = tokio::task::spawn_blocking(move || {
        let mut b = b;
        b.click_and_wait(&format!("#source-{id} button[value=remove]"));
        let gone = !b.has(&format!("#source-{id}"));
        let notice = b.text("document.querySelector('.form-notice')?.textContent ?? ''");
        // The audit log page tells who followed, paused and removed it.
        let origin = b.url().split("/en/").next().unwrap_or_default().to_string();
        b.goto(&format!("{origin}/en/newsroom/log"));
        let log = b.eval(
            "[...document.querySelectorAll('.audit-table tbody tr')].map(r => [...r.querySelectorAll('td')].slice(1, 4).map(c => c.textContent))",
        );
        (gone, notice, log)
    })
    .await
    .unwrap();
    assert!(gone, "the removed source is no longer listed");
    assert!(notice.contains("removed"), "{notice:?}");
    assert!(store.sources().await.unwrap().is_empty());
    let lines: Vec<Vec<String>> = serde_json::from_value(log).unwrap();
    let feed = source.feed_url.clone();
    let want = |what: &str| vec!["Lan".to_string(), what.to_string(), feed.clone()];
    assert_eq!(lines, [want("Source removed"), want("Source paused"), want("Source followed")], "newest first");
    drop(profile);
}

#[tokio::test]
async fn decisions_made_in_the_browser_show_in_the_audit_log_with_what_they_changed() {
    let (_outlet, app) = common::newsroom_with_a_held_translation().await;
    let store = app.services.store.clone();
    let hash = loa_web::auth::hash_password(PASSWORD);
    store.create_user("lan", "Lan Editor", Role::Editor, &hash).await.unwrap();
    let mai = store.create_user("mai", "Mai Moderator", Role::Moderator, &hash).await.unwrap();
    let article = store.article(1).await.unwrap().unwrap();
    let comment = store.add_pending_comment(article.id, loa_domain::Lang::Es, "Lectora", "¡Qué bonito!").await.unwrap();
    // Someone else's decision, made before: the filters must leave it out.
    assert!(store.moderate_comment(comment, loa_domain::CommentStatus::Rejected, &mai).await.unwrap());
    let base = app.serve().await;
    let profile = tempfile::tempdir().unwrap();
    let profile_path = profile.path().to_path_buf();
    let slug = article.slug.clone();

    let (all_rows, published_rows, lan_rows, b) = tokio::task::spawn_blocking(move || {
        let mut b = Browser::launch(&profile_path);
        sign_in(&mut b, &base, "lan");
        // The held Spanish edition, from the desk's queue, published.
        b.click_and_wait(&format!(".review-queue a[href='/en/newsroom/review/{slug}/es']"));
        b.click_and_wait("button[name=decision][value=publish]");
        b.click_and_wait("a[href='/en/newsroom/log']");
        let rows = |b: &mut Browser| {
            b.eval(
                "[...document.querySelectorAll('.audit-table tbody tr')].map(r => \
                 [r.querySelector('.audit-what').textContent, r.children[1].textContent, r.querySelector('.audit-change').textContent])",
            )
        };
        let all_rows = rows(&mut b);
        // Filter by decision, then by member, with the page's own form.
        b.eval("document.querySelector('#audit-action').value = 'published'");
        b.click_and_wait("form.audit-filter button[type=submit]");
        let published_rows = rows(&mut b);
        b.eval("document.querySelector('#audit-action').value = ''");
        b.eval("document.querySelector('#audit-member').value = [...document.querySelectorAll('#audit-member option')].find(o => o.textContent === 'Lan Editor').value");
        b.click_and_wait("form.audit-filter button[type=submit]");
        let lan_rows = rows(&mut b);
        (all_rows, published_rows, lan_rows, b)
    })
    .await
    .unwrap();
    let published = serde_json::json!(["Published", "Lan Editor", "held for review → published"]);
    let rejected = serde_json::json!(["Comment rejected", "Mai Moderator", "awaiting moderation → rejected"]);
    assert_eq!(all_rows, serde_json::json!([published.clone(), rejected]), "newest first, with what each changed");
    assert_eq!(published_rows, serde_json::json!([published.clone()]));
    assert_eq!(lan_rows, serde_json::json!([published]));
    assert_eq!(
        store.edition(article.id, loa_domain::Lang::Es).await.unwrap().unwrap().status,
        loa_domain::EditionStatus::Published
    );
    drop(b);
    drop(profile);
}

#[tokio::test]
async fn a_member_changes_the_password_and_other_browsers_are_signed_out() {
    let app = TestApp::new().await;
    let store = app.services.store.clone();
    let mai = store.create_user("mai", "Mai", Role::Moderator, &loa_web::auth::hash_password(PASSWORD)).await.unwrap();
    // Mai is also signed in on another machine.
    store.create_session(mai.id, "elsewhere", chrono::Utc::now() + chrono::Duration::hours(1)).await.unwrap();
    let base = app.serve().await;
    let profile = tempfile::tempdir().unwrap();
    let profile_path = profile.path().to_path_buf();
    const NEW: &str = "a new and longer newsroom password";
    let (before, wrong, mismatch, changed, after) = tokio::task::spawn_blocking(move || {
        let mut b = Browser::launch(&profile_path);
        sign_in(&mut b, &base, "mai");
        b.click_and_wait("a[href='/en/newsroom/account']");
        let sessions = "[...document.querySelectorAll('ul.sessions li')].map(li => li.textContent)";
        let before = b.eval(sessions);
        let error = "document.querySelector('.form-error')?.textContent ?? ''";
        let submit = |b: &mut Browser, current: &str, new: &str, repeat: &str| {
            b.fill("#current-password", current);
            b.fill("#new-password", new);
            b.fill("#repeat-password", repeat);
            b.click_and_wait("form.password-form button[type=submit]");
        };
        submit(&mut b, "not the password at all", NEW, NEW);
        let wrong = b.text(error);
        submit(&mut b, PASSWORD, NEW, "a different new password here");
        let mismatch = b.text(error);
        submit(&mut b, PASSWORD, NEW, NEW);
        let changed = b.text("document.querySelector('.form-notice')?.textContent ?? ''");
        let after = b.eval(sessions);
        (before, wrong, mismatch, changed, after)
    })
    .await
    .unwrap();
    assert_eq!(before.as_array().unwrap().len(), 2, "this browser and the other: {before}");
    assert!(before.to_string().contains("this browser"), "{before}");
    assert!(wrong.contains("current password is not right"), "{wrong:?}");
    assert!(mismatch.contains("differ"), "{mismatch:?}");
    assert!(changed.contains("password is changed"), "{changed:?}");
    assert_eq!(after.as_array().unwrap().len(), 1, "the other browser is signed out: {after}");
    let (_, hash) = store.user_for_login("mai").await.unwrap().unwrap();
    assert!(loa_web::auth::verify_password(NEW, &hash) && !loa_web::auth::verify_password(PASSWORD, &hash));
    assert!(store.session_user("elsewhere").await.unwrap().is_none());
    drop(profile);
}

#[tokio::test]
async fn an_editor_retags_a_story_and_the_site_and_the_log_follow() {
    let (_outlet, app) = common::newsroom_with_a_held_translation().await;
    let store = app.services.store.clone();
    store.create_user("lan", "Lan Editor", Role::Editor, &loa_web::auth::hash_password(PASSWORD)).await.unwrap();
    let article = store.article(1).await.unwrap().unwrap();
    let base = app.serve().await;
    let profile = tempfile::tempdir().unwrap();
    let profile_path = profile.path().to_path_buf();
    let (slug, page_base) = (article.slug.clone(), base.clone());
    let (refused, kept, saved, log_row) = tokio::task::spawn_blocking(move || {
        let mut b = Browser::launch(&profile_path);
        sign_in(&mut b, &page_base, "lan");
        // From the review page of the held translation to the story's page.
        b.goto(&format!("{page_base}/en/newsroom/review/{slug}/es"));
        b.click_and_wait(&format!("a[href='/en/newsroom/story/{slug}']"));
        // A place name that is too long is refused, the form kept as typed.
        b.eval("document.querySelector('#story-category').value = 'heritage'");
        b.fill("#story-places", &format!("Hội An\n{}", "x".repeat(200)));
        b.click_and_wait("form.story-tags button[type=submit]");
        let refused = b.text("document.querySelector('.form-error')?.textContent ?? ''");
        let kept = b.text("document.querySelector('#story-places').value");
        b.fill("#story-places", "Hội An\nQuảng Nam");
        b.fill("#story-topics", "lanterns\nfestivals");
        b.click_and_wait("form.story-tags button[type=submit]");
        let saved = b.text("document.querySelector('.form-notice')?.textContent ?? ''");
        b.goto(&format!("{page_base}/en/newsroom/log"));
        let log_row = b.eval(
            "[...document.querySelectorAll('.audit-table tbody tr')].map(r => [r.querySelector('.audit-what').textContent, r.querySelector('.audit-change').textContent])[0]",
        );
        (refused, kept, saved, log_row)
    })
    .await
    .unwrap();
    assert!(refused.contains("Nothing was changed"), "{refused:?}");
    assert!(kept.starts_with("Hội An\n") && kept.len() > 200, "the form keeps what was typed");
    assert!(saved.contains("saved"), "{saved:?}");
    let now = store.article(1).await.unwrap().unwrap();
    assert_eq!(now.category.slug, "heritage");
    assert_eq!(now.places, ["Hội An", "Quảng Nam"]);
    assert_eq!(now.topics, ["lanterns", "festivals"]);
    assert_eq!(log_row[0], "Retagged");
    assert!(log_row[1].as_str().unwrap().ends_with("→ heritage · Hội An, Quảng Nam · lanterns, festivals"), "{log_row}");
    // The reader's page shows the new section.
    let html = reqwest::get(format!("{base}/en/article/{}", article.slug)).await.unwrap().text().await.unwrap();
    assert!(html.contains("href=\"/en/category/heritage\""), "the story page links its new section");
    drop(profile);
}

#[tokio::test]
async fn an_editor_withdraws_schedules_and_the_scheduler_publishes_a_story() {
    let (_outlet, app) = common::newsroom_with_a_held_translation().await;
    let store = app.services.store.clone();
    store.create_user("lan", "Lan Editor", Role::Editor, &loa_web::auth::hash_password(PASSWORD)).await.unwrap();
    let article = store.article(1).await.unwrap().unwrap();
    // With workers: the scheduler and the change-log follower run as in `loa serve`.
    let base = app.serve_with_worker().await;
    let reader_page = format!("{base}/en/article/{}", article.slug);
    let status = |url: String| async move { reqwest::get(url).await.unwrap().status().as_u16() };
    assert_eq!(status(reader_page.clone()).await, 200);
    let feed = || async { reqwest::get(format!("{base}/en/feed.xml")).await.unwrap().text().await.unwrap() };
    assert!(feed().await.contains(&article.slug), "a published story is in the feed");

    let minute = |offset: chrono::Duration| (chrono::Utc::now() + offset).format("%Y-%m-%dT%H:%M").to_string();
    let (past, soon, later) =
        (minute(chrono::Duration::hours(-1)), minute(chrono::Duration::hours(2)), minute(chrono::Duration::hours(3)));
    let profile = tempfile::tempdir().unwrap();
    let profile_path = profile.path().to_path_buf();
    let (slug, page_base, typed_past) = (article.slug.clone(), base.clone(), past.clone());
    let seen = tokio::task::spawn_blocking(move || {
        let past = typed_past;
        let mut b = Browser::launch(&profile_path);
        sign_in(&mut b, &page_base, "lan");
        let error =
            "document.querySelector('.story-workflow')?.closest('section').querySelector('.form-error')?.textContent ?? ''";
        let state = "document.querySelector('.story-state')?.textContent ?? ''";
        let buttons = "[...document.querySelectorAll('.story-steps button')].map(b => b.value).join(' ')";
        let mut seen = HashMap::new();
        b.goto(&format!("{page_base}/en/newsroom/story/{slug}"));
        seen.insert("published state", b.text(state));
        seen.insert("published buttons", b.text(buttons));
        b.click_and_wait("button[value=withdraw]");
        seen.insert("withdrawn notice", b.text("document.querySelector('.form-notice')?.textContent ?? ''"));
        seen.insert("withdrawn buttons", b.text(buttons));
        // A time that has passed: refused, the field kept as typed.
        b.fill("#story-publish-at", &past);
        b.click_and_wait("button[value=schedule]");
        seen.insert("past error", b.text(error));
        seen.insert("past kept", b.text("document.querySelector('#story-publish-at').value"));
        // An embargo that ends after the time: refused; publishing now under it too.
        b.fill("#story-publish-at", &soon);
        b.fill("#story-embargo", &later);
        b.click_and_wait("button[value=schedule]");
        seen.insert("embargo error", b.text(error));
        b.click_and_wait("button[value=publish]");
        seen.insert("embargoed error", b.text(error));
        // At the embargo's end: scheduled.
        b.fill("#story-publish-at", &later);
        b.click_and_wait("button[value=schedule]");
        seen.insert("scheduled state", b.text(state));
        b.goto(&format!("{page_base}/en/newsroom/schedule"));
        seen.insert(
            "schedule page",
            b.text("document.querySelector('#schedule-scheduled')?.closest('section').textContent ?? ''"),
        );
        seen
    })
    .await
    .unwrap();
    assert_eq!(seen["published state"], "State: Published");
    assert_eq!(seen["published buttons"], "withdraw", "a public story is withdrawn before anything else");
    assert!(seen["withdrawn notice"].contains("state was saved"), "{:?}", seen["withdrawn notice"]);
    assert_eq!(seen["withdrawn buttons"], "draft review schedule publish");
    assert!(seen["past error"].contains("has already passed"), "{:?}", seen["past error"]);
    assert_eq!(seen["past kept"], past);
    assert!(seen["embargo error"].contains("before the embargo ends"), "{:?}", seen["embargo error"]);
    assert!(seen["embargoed error"].contains("under embargo until"), "{:?}", seen["embargoed error"]);
    assert_eq!(seen["scheduled state"], "State: Scheduled");
    assert!(seen["schedule page"].contains("Hội An lights 500 lanterns"), "{:?}", seen["schedule page"]);
    let workflow = store.article(1).await.unwrap().unwrap().workflow;
    assert_eq!(workflow.state, loa_domain::StoryState::Scheduled);
    assert_eq!(workflow.publish_at, workflow.embargo_until, "scheduled at the embargo's end");
    assert_eq!(status(reader_page.clone()).await, 404, "withdrawn and scheduled stories are no page for readers");
    assert!(!feed().await.contains(&article.slug), "nor in a feed");

    // The scheduler publishes it when its time comes (here: moved a second
    // ahead, embargo lifted, as an editor would by hand).
    let now = chrono::Utc::now();
    let soon = now + chrono::Duration::seconds(1);
    let lan = store.user_for_login("lan").await.unwrap().unwrap().0;
    store
        .move_story(1, loa_domain::WorkflowStep::Draft, loa_domain::EmbargoChange::Set(None), Some(&lan), now)
        .await
        .unwrap()
        .unwrap();
    store
        .move_story(1, loa_domain::WorkflowStep::Schedule(soon), loa_domain::EmbargoChange::Keep, Some(&lan), now)
        .await
        .unwrap()
        .unwrap();
    let mut waited = 0;
    while status(reader_page.clone()).await != 200 {
        waited += 1;
        assert!(waited < 100, "the scheduler did not publish the story within 10 s");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let lines = store.audit_log(&loa_store::AuditFilter::default(), 1).await.unwrap();
    assert_eq!((lines[0].action.kind, lines[0].action.actor.as_deref()), (loa_domain::ActionKind::Workflow, None));
    drop(profile);
}
