//! The newsroom on the real app: members sign in, translators decide held
//! editions, moderators decide readers' comments, and each role sees and
//! may do only its own part.

mod common;

use common::{Fixture, TestApp};
use loa_domain::{EditionStatus, Lang, Role};
use reqwest::header::{COOKIE, LOCATION, ORIGIN, SET_COOKIE};
use reqwest::StatusCode;

const PASSWORD: &str = "a long newsroom password";

/// A newsroom (en, es; nothing published without review) with one
/// English story translated and held, and one member of each role.
async fn newsroom() -> (Fixture, TestApp, String) {
    let (server, app) = common::newsroom_with_a_held_translation().await;
    let hash = loa_web::auth::hash_password(PASSWORD);
    for (name, role) in [("tran", Role::Translator), ("mai", Role::Moderator), ("lan", Role::Editor)] {
        app.services.store.create_user(name, &format!("{name} display"), role, &hash).await.unwrap();
    }
    let base = app.serve().await;
    (server, app, base)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Signs `user` in and returns the `Cookie` header value for the session.
async fn sign_in(base: &str, user: &str) -> String {
    let resp = client()
        .post(format!("{base}/en/newsroom/sign-in"))
        .form(&[("username", user), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(resp.headers()[LOCATION], "/en/newsroom/");
    let cookie = resp.headers()[SET_COOKIE].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    cookie.split(';').next().unwrap().to_string()
}

async fn get(base: &str, path: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut req = client().get(format!("{base}{path}"));
    if let Some(c) = cookie {
        req = req.header(COOKIE, c);
    }
    req.send().await.unwrap()
}

async fn post(base: &str, path: &str, cookie: Option<&str>, form: &[(&str, &str)]) -> reqwest::Response {
    let mut req = client().post(format!("{base}{path}")).form(form);
    if let Some(c) = cookie {
        req = req.header(COOKIE, c);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn a_translator_reviews_and_publishes_a_held_edition() {
    let (_server, app, base) = newsroom().await;
    let article = app.services.store.article(1).await.unwrap().unwrap();
    let es = app.services.store.edition(1, Lang::Es).await.unwrap().unwrap();
    assert_eq!(es.status, EditionStatus::MachineTranslated, "held: auto_publish is off");
    assert_eq!(get(&base, &format!("/es/article/{}", article.slug), None).await.status(), 404);

    // Nobody signed in: the desk sends to the sign-in page.
    let resp = get(&base, "/en/newsroom/", None).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(resp.headers()[LOCATION], "/en/newsroom/sign-in");

    let cookie = sign_in(&base, "TRAN").await;
    let desk = get(&base, "/en/newsroom/", Some(&cookie)).await;
    assert_eq!(desk.headers()["cache-control"], "no-store");
    let desk = desk.text().await.unwrap();
    assert!(desk.contains("Translations waiting for review"), "{desk}");
    assert!(!desk.contains("Comments waiting for moderation"), "a translator does not moderate");
    let review_path = format!("/en/newsroom/review/{}/es", article.slug);
    assert!(desk.contains(&review_path), "{desk}");
    assert!(desk.contains(&format!("<span lang=\"es\">{}</span>", es.title)), "the queue names the story by its title: {desk}");

    let page = get(&base, &review_path, Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("Hội An lit 500 lanterns along the river on Friday."), "the source beside it");
    assert!(page.contains(&format!("\">{}</textarea>", es.blocks[0].text())), "the translation, to correct: {page}");

    let resp = post(&base, &review_path, Some(&cookie), &[("decision", "publish")]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let desk = get(&base, resp.headers()[LOCATION].to_str().unwrap(), Some(&cookie)).await.text().await.unwrap();
    assert!(desk.contains("The Spanish edition is now published."), "{desk}");
    assert_eq!(app.services.store.edition(1, Lang::Es).await.unwrap().unwrap().status, EditionStatus::Published);
    assert_eq!(get(&base, &format!("/es/article/{}", article.slug), None).await.status(), 200);
    // The decision is in the edition's history, with who made it.
    let page = get(&base, &review_path, Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("Published by tran display."), "{page}");

    // The Spanish desk speaks Spanish only.
    let desk_es = get(&base, "/es/newsroom/", Some(&cookie)).await.text().await.unwrap();
    assert!(desk_es.contains("<html lang=\"es\">") && !desk_es.contains("Translations waiting"), "{desk_es}");

    // Signing out ends the session on the server, not only in the browser.
    let resp = post(&base, "/en/newsroom/sign-out", Some(&cookie), &[]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert!(resp.headers()[SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(get(&base, "/en/newsroom/", Some(&cookie)).await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn roles_keep_members_to_their_part_and_forms_to_this_site() {
    let (_server, app, base) = newsroom().await;
    let slug = app.services.store.article(1).await.unwrap().unwrap().slug;
    let review_path = format!("/en/newsroom/review/{slug}/es");
    let moderator = sign_in(&base, "mai").await;
    assert_eq!(get(&base, &review_path, Some(&moderator)).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(post(&base, &review_path, Some(&moderator), &[("decision", "publish")]).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.services.store.edition(1, Lang::Es).await.unwrap().unwrap().status, EditionStatus::MachineTranslated);
    let translator = sign_in(&base, "tran").await;
    assert_eq!(
        post(&base, "/en/newsroom/comments/1", Some(&translator), &[("decision", "approve")]).await.status(),
        StatusCode::FORBIDDEN
    );
    // An editor sees both queues.
    let editor = sign_in(&base, "lan").await;
    let desk = get(&base, "/en/newsroom/", Some(&editor)).await.text().await.unwrap();
    assert!(desk.contains("Translations waiting for review") && desk.contains("Comments waiting for moderation"));

    // A form posted from another site is refused, whoever's cookie it carries.
    let resp = client()
        .post(format!("{base}{review_path}"))
        .header(COOKIE, &editor)
        .header(ORIGIN, "https://elsewhere.example")
        .form(&[("decision", "publish")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.services.store.edition(1, Lang::Es).await.unwrap().unwrap().status, EditionStatus::MachineTranslated);

    // The newsroom API answers members from anywhere, and nobody else
    // (the test client is on loopback, so only the cookie can make the
    // difference there: see the unit test for addresses).
    let api = get(&base, "/api/v1/review", Some(&editor)).await;
    assert_eq!(api.status(), 200);
    let body: serde_json::Value = serde_json::from_str(&api.text().await.unwrap()).unwrap();
    assert_eq!(body["editions"][0]["lang"], "es");

    // A disabled member's session ends at once.
    app.services.store.update_user("lan", None, None, Some(true)).await.unwrap();
    assert_eq!(get(&base, "/en/newsroom/", Some(&editor)).await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn wrong_passwords_are_refused_and_then_throttled() {
    let (_server, _app, base) = newsroom().await;
    let resp = post(&base, "/en/newsroom/sign-in", None, &[("username", "tran"), ("password", "wrong")]).await;
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert!(resp.headers().get(SET_COOKIE).is_none());
    assert!(resp.text().await.unwrap().contains("The user name or the password is wrong."));
    let unknown = post(&base, "/es/newsroom/sign-in", None, &[("username", "nobody"), ("password", "x")]).await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED, "an unknown name fails like a wrong password");
    let text = unknown.text().await.unwrap();
    assert!(text.contains("<html lang=\"es\">") && !text.contains("The user name"), "localised: {text}");
    for _ in 0..8 {
        post(&base, "/en/newsroom/sign-in", None, &[("username", "tran"), ("password", "wrong")]).await;
    }
    // Ten failures from this address: even the right password waits now.
    let resp = post(&base, "/en/newsroom/sign-in", None, &[("username", "tran"), ("password", PASSWORD)]).await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(resp.headers().get(SET_COOKIE).is_none());
}

#[tokio::test]
async fn a_readers_comment_appears_once_a_moderator_approves_it() {
    let (_server, app, base) = newsroom().await;
    let slug = app.services.store.article(1).await.unwrap().unwrap().slug;
    let story = format!("/en/article/{slug}");
    let page = get(&base, &story, None).await.text().await.unwrap();
    assert!(page.contains(&format!("action=\"{story}/comments\"")), "the story has a comment form");

    let resp = post(
        &base,
        &format!("{story}/comments"),
        None,
        &[("name", "Minh"), ("body", "The lanterns were lovely."), ("website", "")],
    )
    .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let back = resp.headers()[LOCATION].to_str().unwrap().to_string();
    assert_eq!(back, format!("{story}?comment=thanks#comments"));
    let page = get(&base, &back, None).await.text().await.unwrap();
    assert!(page.contains("Your comment will appear once a moderator has read it."));
    assert!(!page.contains("The lanterns were lovely."), "not before moderation");

    // Empty text, or a filled hidden field (a robot), stores nothing.
    let resp = post(&base, &format!("{story}/comments"), None, &[("name", "Minh"), ("body", "  ")]).await;
    assert!(resp.headers()[LOCATION].to_str().unwrap().contains("comment=invalid"));
    post(&base, &format!("{story}/comments"), None, &[("name", "Bot"), ("body", "Buy now"), ("website", "http://spam.example")])
        .await;
    assert_eq!(app.services.store.pending_comments(10).await.unwrap().len(), 1);
    // No comments on a story's edition readers cannot see (es is held).
    assert_eq!(post(&base, &format!("/es/article/{slug}/comments"), None, &[("name", "A"), ("body", "B")]).await.status(), 404);

    let moderator = sign_in(&base, "mai").await;
    let desk = get(&base, "/en/newsroom/", Some(&moderator)).await.text().await.unwrap();
    assert!(desk.contains("The lanterns were lovely.") && desk.contains("Hội An lights 500 lanterns"), "{desk}");
    let id = app.services.store.pending_comments(10).await.unwrap()[0].id;
    let resp = post(&base, &format!("/en/newsroom/comments/{id}"), Some(&moderator), &[("decision", "approve")]).await;
    assert_eq!(resp.headers()[LOCATION], "/en/newsroom/?comment=approved");
    let page = get(&base, &story, None).await.text().await.unwrap();
    assert!(page.contains("The lanterns were lovely."), "shown once approved");

    // Five comments from one address in ten minutes, then a pause.
    for i in 0..4 {
        post(&base, &format!("{story}/comments"), None, &[("name", "Minh"), ("body", &format!("Note {i}"))]).await;
    }
    let resp = post(&base, &format!("{story}/comments"), None, &[("name", "Minh"), ("body", "One more")]).await;
    assert!(resp.headers()[LOCATION].to_str().unwrap().contains("comment=throttled"));
    let pending: Vec<String> = app.services.store.pending_comments(10).await.unwrap().into_iter().map(|c| c.body).collect();
    assert_eq!(pending.len(), 4, "the throttled comment is not kept: {pending:?}");
    assert!(!pending.contains(&"One more".to_string()));
}

#[tokio::test]
async fn every_form_refuses_posts_from_another_site_and_strangers() {
    let (_server, app, base) = newsroom().await;
    let slug = app.services.store.article(1).await.unwrap().unwrap().slug;
    let editor = sign_in(&base, "lan").await;
    app.services.store.add_pending_comment(1, Lang::En, "Minh", "Pending words.").await.unwrap();
    let review_path = format!("/en/newsroom/review/{slug}/es");
    let posts: [(String, Vec<(&str, &str)>); 5] = [
        (review_path.clone(), vec![("decision", "publish")]),
        ("/en/newsroom/comments/1".into(), vec![("decision", "approve")]),
        (format!("/en/article/{slug}/comments"), vec![("name", "X"), ("body", "Y")]),
        ("/en/newsroom/sign-in".into(), vec![("username", "lan"), ("password", PASSWORD)]),
        ("/en/newsroom/sign-out".into(), vec![]),
    ];
    for (path, form) in &posts {
        for origin in ["https://elsewhere.example", "null"] {
            let resp = client()
                .post(format!("{base}{path}"))
                .header(COOKIE, &editor)
                .header(ORIGIN, origin)
                .form(form)
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), StatusCode::FORBIDDEN, "{path} from {origin}");
            assert!(resp.headers().get(SET_COOKIE).is_none(), "{path}");
            assert!(resp.text().await.unwrap().contains("sent from another site"), "a localised page: {path}");
        }
    }
    // Nothing happened: still held, still pending, still signed in, no new comment.
    assert_eq!(app.services.store.edition(1, Lang::Es).await.unwrap().unwrap().status, EditionStatus::MachineTranslated);
    assert_eq!(app.services.store.pending_comments(10).await.unwrap().len(), 1);
    assert_eq!(get(&base, "/en/newsroom/", Some(&editor)).await.status(), 200);

    // Without a session the newsroom's pages and actions send to sign-in.
    for resp in [
        get(&base, &review_path, None).await,
        post(&base, &review_path, None, &[("decision", "publish")]).await,
        post(&base, "/en/newsroom/comments/1", None, &[("decision", "approve")]).await,
        get(&base, &review_path, Some("loa_session=forged")).await,
    ] {
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
        assert_eq!(resp.headers()[LOCATION], "/en/newsroom/sign-in");
    }
    assert_eq!(app.services.store.pending_comments(10).await.unwrap().len(), 1);
    // A bad comment id is a missing page, in the page's language.
    assert_eq!(post(&base, "/en/newsroom/comments/abc", Some(&editor), &[("decision", "approve")]).await.status(), 404);
}

#[tokio::test]
async fn sessions_are_stored_as_hashes_and_a_new_sign_in_ends_the_old_one() {
    let (_server, app, base) = newsroom().await;
    let first = sign_in(&base, "tran").await;
    let token = first.trim_start_matches("loa_session=");
    assert!(app.services.store.session_user(token).await.unwrap().is_none(), "the cookie's value is not stored");
    assert!(app.services.store.session_user(&loa_web::auth::token_hash(token)).await.unwrap().is_some());
    // Signing in again from the same browser replaces the session.
    let resp = client()
        .post(format!("{base}/en/newsroom/sign-in"))
        .header(COOKIE, &first)
        .form(&[("username", "tran"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(get(&base, "/en/newsroom/", Some(&first)).await.status(), StatusCode::SEE_OTHER, "the old session ended");
}

#[tokio::test]
async fn a_failed_translation_cannot_be_published_and_the_page_offers_only_what_is_possible() {
    let (_server, app, base) = newsroom().await;
    let slug = app.services.store.article(1).await.unwrap().unwrap().slug;
    // As the job leaves an edition the engine gave nothing for: no text.
    let mut es = app.services.store.edition(1, Lang::Es).await.unwrap().unwrap();
    es.status = EditionStatus::Failed;
    es.title.clear();
    es.lead.clear();
    es.blocks.clear();
    es.failure = Some("apertium returned empty text".into());
    app.services.store.save_edition(&es).await.unwrap();
    let translator = sign_in(&base, "tran").await;
    let review_path = format!("/en/newsroom/review/{slug}/es");
    let page = get(&base, &review_path, Some(&translator)).await.text().await.unwrap();
    assert!(!page.contains("value=\"publish\""), "no Publish button for an empty failure");
    assert!(page.contains("<span lang=\"en\">apertium returned empty text</span>"), "reasons marked as English");
    let resp = post(&base, &review_path, Some(&translator), &[("decision", "publish")]).await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert!(resp.text().await.unwrap().contains("This decision is not possible"));
    assert_eq!(app.services.store.edition(1, Lang::Es).await.unwrap().unwrap().status, EditionStatus::Failed);
    // The original is not a reviewer's to withdraw.
    let resp = post(&base, &format!("/en/newsroom/review/{slug}/en"), Some(&translator), &[("decision", "withdraw")]).await;
    assert_eq!(resp.status(), 404);
    assert_eq!(app.services.store.edition(1, Lang::En).await.unwrap().unwrap().status, EditionStatus::Original);
}

#[tokio::test]
async fn the_checks_reasons_are_read_in_the_newsrooms_language() {
    use loa_domain::{encode_reasons, Problem};
    let (_server, app, base) = newsroom().await;
    let mut es = app.services.store.edition(1, Lang::Es).await.unwrap().unwrap();
    es.failure = encode_reasons(&[Problem::MissingNumbers(vec!["1743".into()]), Problem::TooManyUnknown { count: 3, limit: 2 }]);
    app.services.store.save_edition(&es).await.unwrap();
    let translator = sign_in(&base, "tran").await;
    let locales = loa_i18n::Locales::load().unwrap();
    for lang in [Lang::Es, Lang::En] {
        let desk = get(&base, &format!("/{}/newsroom/", lang.code()), Some(&translator)).await.text().await.unwrap();
        let missing = locales.text_args(lang, "problem-missing-numbers", &[("numbers", "1743".into())]);
        let unknown = locales.text_args(lang, "problem-unknown-words", &[("count", 3.into()), ("limit", 2.into())]);
        assert!(desk.contains(&missing) && desk.contains(&unknown), "{lang}: {desk}");
    }
    let desk_es = get(&base, "/es/newsroom/", Some(&translator)).await.text().await.unwrap();
    assert!(!desk_es.contains("missing or changed"), "no English reason on the Spanish desk");
    // The JSON API gives the reasons as data.
    let slug = app.services.store.article(1).await.unwrap().unwrap().slug;
    let api = get(&base, &format!("/api/v1/articles/{slug}/editions"), None).await.text().await.unwrap();
    let api: serde_json::Value = serde_json::from_str(&api).unwrap();
    let es_json = api["editions"].as_array().unwrap().iter().find(|e| e["lang"] == "es").unwrap().clone();
    assert_eq!(es_json["reasons"][0], serde_json::json!({"problem": "missing_numbers", "detail": ["1743"]}));
}

#[tokio::test]
async fn a_translator_corrects_segments_in_the_browser_and_the_memory_keeps_them() {
    let (_server, app, base) = newsroom().await;
    let slug = app.services.store.article(1).await.unwrap().unwrap().slug;
    let es = app.services.store.edition(1, Lang::Es).await.unwrap().unwrap();
    let paragraph = "Hội An lit 500 lanterns along the river on Friday.";
    let index = app
        .services
        .store
        .edition(1, Lang::En)
        .await
        .unwrap()
        .unwrap()
        .segments()
        .iter()
        .position(|(s, _)| s == paragraph)
        .unwrap();
    let translator = sign_in(&base, "tran").await;
    let review_path = format!("/en/newsroom/review/{slug}/es");
    let page = get(&base, &review_path, Some(&translator)).await.text().await.unwrap();
    assert!(page.contains(&format!("<textarea name=\"seg-{index}\" lang=\"es\"")), "{page}");
    assert!(page.contains("aria-label=\"Segment"), "each field is labelled");

    let corrected = "Hội An encendió 500 faroles a lo largo del río el viernes.";
    let unchanged_title = es.title.clone();
    let seg = format!("seg-{index}");
    let resp =
        post(&base, &format!("{review_path}/corrections"), Some(&translator), &[(&seg, corrected), ("seg-0", &unchanged_title)])
            .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let back = resp.headers()[LOCATION].to_str().unwrap().to_string();
    assert_eq!(back, format!("{review_path}?corrected=1"), "only the changed segment counts");
    let page = get(&base, &back, Some(&translator)).await.text().await.unwrap();
    assert!(page.contains("One segment was corrected and remembered."), "{page}");
    assert!(page.contains("One segment corrected by tran display."), "the history names the translator: {page}");

    let saved = app.services.store.edition(1, Lang::Es).await.unwrap().unwrap();
    assert_eq!(saved.segments()[index].0, corrected);
    assert_eq!((saved.status, saved.failure.as_deref()), (EditionStatus::Reviewed, None));
    assert_eq!(saved.title, unchanged_title);
    // The same sentence, translated anywhere now, is the translator's.
    let again =
        app.services.translator.translate(Lang::En, Lang::Es, &[paragraph.to_string()], &Default::default()).await.unwrap();
    assert_eq!(again.segments[0], corrected);
    assert_eq!(again.engine, "memory");

    // A moderator may not, and nobody may from another site.
    let moderator = sign_in(&base, "mai").await;
    let resp = post(&base, &format!("{review_path}/corrections"), Some(&moderator), &[(&seg, "x")]).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let resp = client()
        .post(format!("{base}{review_path}/corrections"))
        .header(COOKIE, &translator)
        .header(ORIGIN, "https://elsewhere.example")
        .form(&[(seg.as_str(), "Otra cosa.")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.services.store.edition(1, Lang::Es).await.unwrap().unwrap().segments()[index].0, corrected);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_reader_is_counted_apart() {
    let app = TestApp::with(|c| c.trusted_proxies = vec!["127.0.0.1".into()]).await;
    let base = app.serve().await;
    let attempt = |reader: &'static str| {
        let base = base.clone();
        async move {
            client()
                .post(format!("{base}/en/newsroom/sign-in"))
                .header("x-forwarded-for", reader)
                .form(&[("username", "nobody"), ("password", "wrong")])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for _ in 0..10 {
        assert_eq!(attempt("203.0.113.7").await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(attempt("203.0.113.7").await, StatusCode::TOO_MANY_REQUESTS, "that reader is paused");
    assert_eq!(attempt("198.51.100.20").await, StatusCode::UNAUTHORIZED, "another reader is not");
    // And the proxy's own loopback address opens no newsroom API.
    let resp = client().get(format!("{base}/api/v1/review")).header("x-forwarded-for", "203.0.113.7").send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn reader_pages_come_from_a_short_cache_that_changes_clear() {
    let (_server, app, base) = newsroom().await;
    let slug = app.services.store.article(1).await.unwrap().unwrap().slug;
    let story = format!("/en/article/{slug}");
    let first = get(&base, &story, None).await.text().await.unwrap();
    assert!(!first.contains("Written straight into the store."));
    // A change made behind the site's back (another process or node) reaches
    // it through the store's change log within a second, not at expiry.
    app.services.store.add_comment(1, Lang::En, "Direct", "Written straight into the store.").await.unwrap();
    let started = std::time::Instant::now();
    loop {
        let page = get(&base, &story, None).await.text().await.unwrap();
        if page.contains("Written straight into the store.") {
            break;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "the change did not reach the page within 2 s");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // A decision taken on the site shows at once.
    let id = app.services.store.add_pending_comment(1, Lang::En, "Minh", "Approved on the site.").await.unwrap();
    let moderator = sign_in(&base, "mai").await;
    post(&base, &format!("/en/newsroom/comments/{id}"), Some(&moderator), &[("decision", "approve")]).await;
    let third = get(&base, &story, None).await.text().await.unwrap();
    assert!(third.contains("Approved on the site.") && third.contains("Written straight into the store."), "{third}");
    // The newsroom itself is never cached.
    let desk = get(&base, "/en/newsroom/", Some(&moderator)).await;
    assert_eq!(desk.headers()["cache-control"], "no-store");
}
