//! The newsroom on the real app: members sign in, translators decide held
//! editions, moderators decide readers' comments, and each role sees and
//! may do only its own part.

mod common;

use common::{article_page, Fixture, Reply, TestApp};
use loa_domain::{EditionStatus, Lang, Role};
use reqwest::header::{COOKIE, LOCATION, ORIGIN, SET_COOKIE};
use reqwest::StatusCode;
use std::collections::HashMap;

const PASSWORD: &str = "a long newsroom password";

/// A newsroom (en, es; nothing published without review) with one
/// English story translated and held, and one member of each role.
async fn newsroom() -> (Fixture, TestApp, String) {
    let page = article_page("Hội An lights 500 lanterns", &["Hội An lit 500 lanterns along the river on Friday."]);
    let server = Fixture::start(HashMap::from([("/lanterns.html".to_string(), Reply::html(&page))])).await;
    let app = TestApp::with(|c| {
        c.languages = vec![Lang::En, Lang::Es];
        c.auto_publish = false;
    })
    .await;
    loa::ingest::ingest_url(&app.services, &server.url("/lanterns.html"), None).await.unwrap();
    app.drain().await;
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

    let page = get(&base, &review_path, Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("Hội An lit 500 lanterns along the river on Friday."), "the source beside it");
    assert!(page.contains(&format!("<td lang=\"es\">{}", es.blocks[0].text())), "{page}");

    let resp = post(&base, &review_path, Some(&cookie), &[("decision", "publish")]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let desk = get(&base, resp.headers()[LOCATION].to_str().unwrap(), Some(&cookie)).await.text().await.unwrap();
    assert!(desk.contains("The Spanish edition is now published."), "{desk}");
    assert_eq!(app.services.store.edition(1, Lang::Es).await.unwrap().unwrap().status, EditionStatus::Published);
    assert_eq!(get(&base, &format!("/es/article/{}", article.slug), None).await.status(), 200);

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
    assert_eq!(post(&base, "/en/newsroom/comments/1", Some(&translator), &[("decision", "approve")]).await.status(), StatusCode::FORBIDDEN);
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

    let resp = post(&base, &format!("{story}/comments"), None, &[("name", "Minh"), ("body", "The lanterns were lovely."), ("website", "")]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let back = resp.headers()[LOCATION].to_str().unwrap().to_string();
    assert_eq!(back, format!("{story}?comment=thanks#comments"));
    let page = get(&base, &back, None).await.text().await.unwrap();
    assert!(page.contains("Your comment will appear once a moderator has read it."));
    assert!(!page.contains("The lanterns were lovely."), "not before moderation");

    // Empty text, or a filled hidden field (a robot), stores nothing.
    let resp = post(&base, &format!("{story}/comments"), None, &[("name", "Minh"), ("body", "  ")]).await;
    assert!(resp.headers()[LOCATION].to_str().unwrap().contains("comment=invalid"));
    post(&base, &format!("{story}/comments"), None, &[("name", "Bot"), ("body", "Buy now"), ("website", "http://spam.example")]).await;
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
}
