//! The site's defences, walked from the router's own list of routes
//! (`loa_web::routes`), so a route added later cannot escape them:
//!
//! - every answer carries the security headers;
//! - the authorisation matrix: every state-changing route (and every
//!   private page) × anonymous, editor, translator, moderator and a
//!   disabled member, judged by what changed in the store, not only by the
//!   status code;
//! - CSRF: a cross-origin post with a valid editor session changes nothing;
//! - sessions: a new id at sign-in (never the one the browser brought),
//!   gone from the store at sign-out;
//! - rate limits: sign-in per address and per account, comments, search
//!   and the API per address, shared by two nodes on one store.
//!
//! Requests come as a remote reader would: through a trusted proxy on
//! loopback naming the reader in `X-Forwarded-For`, so the newsroom API's
//! "this machine" rule opens nothing.

mod common;

use std::sync::atomic::{AtomicU32, Ordering};

use axum::http::Method;
use chrono::Utc;
use loa_domain::{Block, Category, CommentStatus, Edition, EditionStatus, Lang, NewArticle, Role, User};
use loa_search::SearchIndex;
use loa_store::Store;
use loa_web::auth::{hash_password, new_session_token, token_hash};
use loa_web::client::Network;
use reqwest::header::{COOKIE, LOCATION, ORIGIN, REFERER, SET_COOKIE};
use reqwest::StatusCode;

const PASSWORD: &str = "a long newsroom password";
const NEW_PASSWORD: &str = "another long newsroom password";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Editor,
    Translator,
    Moderator,
    Disabled,
}

const EVERYONE: [Who; 5] = [Who::Anonymous, Who::Editor, Who::Translator, Who::Moderator, Who::Disabled];

/// Who may use a route.
#[derive(Debug, Clone, Copy)]
enum May {
    /// The public: readers' comments, the sign-in form.
    Anyone,
    /// Any member whose session is valid.
    Members,
    /// Editors and translators (`Role::reviews_translations`).
    Reviewers,
    /// Editors and moderators (`Role::moderates_comments`).
    Moderators,
    /// Editors only (`member::Editor`).
    Editors,
}

impl May {
    fn allows(self, who: Who) -> bool {
        match self {
            May::Anyone => true,
            May::Members => matches!(who, Who::Editor | Who::Translator | Who::Moderator),
            May::Reviewers => matches!(who, Who::Editor | Who::Translator),
            May::Moderators => matches!(who, Who::Editor | Who::Moderator),
            May::Editors => matches!(who, Who::Editor),
        }
    }
}

/// The matrix: every route that changes state or shows the newsroom, and
/// who may use it. A route of the router missing here fails the test.
const MATRIX: &[(&str, &str, May)] = &[
    ("POST", "/{lang}/article/{slug}/comments", May::Anyone),
    ("POST", "/{lang}/newsroom/sign-in", May::Anyone),
    ("POST", "/{lang}/newsroom/sign-out", May::Anyone),
    ("POST", "/{lang}/newsroom/review/{slug}/{edition}", May::Reviewers),
    ("POST", "/{lang}/newsroom/review/{slug}/{edition}/corrections", May::Reviewers),
    ("POST", "/{lang}/newsroom/comments/{id}", May::Moderators),
    ("GET", "/{lang}/newsroom/log", May::Editors),
    ("GET", "/{lang}/newsroom/story/{slug}", May::Editors),
    ("POST", "/{lang}/newsroom/story/{slug}", May::Editors),
    ("POST", "/{lang}/newsroom/story/{slug}/workflow", May::Editors),
    ("GET", "/{lang}/newsroom/schedule", May::Editors),
    ("GET", "/{lang}/newsroom/sources", May::Editors),
    ("POST", "/{lang}/newsroom/sources", May::Editors),
    ("POST", "/{lang}/newsroom/sources/{id}", May::Editors),
    ("GET", "/{lang}/newsroom/account", May::Members),
    ("POST", "/{lang}/newsroom/account/keys", May::Members),
    ("POST", "/{lang}/newsroom/account/password", May::Members),
    ("POST", "/{lang}/newsroom/account/sessions", May::Members),
    ("POST", "/{lang}/newsroom/account/keys/{id}/revoke", May::Members),
    ("GET", "/{lang}/newsroom/", May::Members),
    ("GET", "/{lang}/newsroom/review/{slug}/{edition}", May::Reviewers),
    ("GET", "/api/v1/articles/{slug}/editions", May::Reviewers),
    ("GET", "/api/v1/sources", May::Reviewers),
    ("GET", "/api/v1/review", May::Reviewers),
    ("POST", "/api/v1/articles/{slug}/editions/{lang}/decision", May::Reviewers),
    ("POST", "/api/v1/comments/{id}/decision", May::Moderators),
    ("POST", "/api/v1/articles/{slug}/workflow", May::Editors),
];

/// Reads that are the public's, changing nothing. A new GET route must be
/// put here or in the matrix.
const PUBLIC_READS: &[&str] = &[
    "/",
    "/healthz",
    "/sitemap.xml",
    "/sitemaps/{file}",
    "/robots.txt",
    "/static/{file}",
    "/api/v1/search",
    "/api/v1/articles/{slug}",
    "/api/openapi.json",
    "/api/docs",
    "/api/v1/articles",
    "/api/v1/categories",
    "/api/v1/authors",
    "/api/v1/places",
    "/api/v1/articles/{slug}/comments",
    "/media/{name}",
    "/{lang}",
    "/{lang}/",
    "/{lang}/{feed}",
    "/{lang}/category/{slug}",
    "/{lang}/category/{slug}/{feed}",
    "/{lang}/author/{slug}",
    "/{lang}/author/{slug}/{feed}",
    "/{lang}/place/{slug}/{feed}",
    "/{lang}/article/{slug}",
    "/{lang}/article/{slug}/video/{n}",
    "/{lang}/newsroom",
    "/{lang}/newsroom/sign-in",
    "/{lang}/search",
    // Changes nothing; answers this machine and `metrics_from` only (tests/metrics.rs in the binary).
    "/metrics",
];

struct Site {
    base: String,
    store: Store,
    slug: String,
    users: Vec<(Who, User)>,
    /// The hash of every member's [`PASSWORD`], to put it back after a trial changes it.
    password_hash: String,
    client: reqwest::Client,
    /// A fresh reader address per request, so the per-address limits of
    /// one trial do not spill into the next.
    next_address: AtomicU32,
    _dir: tempfile::TempDir,
}

fn held_translation(article_id: i64) -> Edition {
    Edition {
        article_id,
        lang: Lang::Es,
        title: "Hội An enciende 500 faroles".into(),
        lead: "Hội An encendió 500 faroles junto al río.".into(),
        blocks: vec![Block::Paragraph { text: "Los faroles brillaron el viernes.".into(), marks: vec![] }],
        status: EditionStatus::MachineTranslated,
        engine: "apertium:eng-spa".into(),
        failure: None,
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}

/// A site (en, es) behind a trusted proxy on loopback, with one English
/// story, its held Spanish translation and one member per role.
async fn site_on(store: Store, dir: tempfile::TempDir, fill: bool) -> Site {
    let password_hash = hash_password(PASSWORD);
    if fill {
        let article = NewArticle {
            canonical_url: "https://outlet.example/lanterns".into(),
            outlet: "Outlet".into(),
            source_id: None,
            lang: Lang::En,
            title: "Hội An lights 500 lanterns".into(),
            lead: "Hội An lit 500 lanterns along the river.".into(),
            blocks: vec![Block::Paragraph { text: "The lanterns shone on Friday.".into(), marks: vec![] }],
            author: Some("Lan".into()),
            category: Category::from_slug("local").unwrap(),
            places: vec![],
            topics: vec![],
            published_at: Some(Utc::now()),
            updated_at: None,
        };
        let id = store.insert_article(&article, &[], &[]).await.unwrap().article_id();
        store.save_edition(&held_translation(id)).await.unwrap();
        let hash = &password_hash;
        for (name, role) in [("lan", Role::Editor), ("tran", Role::Translator), ("mai", Role::Moderator), ("gone", Role::Editor)]
        {
            store.create_user(name, name, role, hash).await.unwrap();
        }
        store.update_user("gone", None, None, Some(true)).await.unwrap();
    }
    let all = store.users().await.unwrap();
    let user = |name: &str| all.iter().find(|u| u.username == name).unwrap().clone();
    let users = vec![
        (Who::Editor, user("lan")),
        (Who::Translator, user("tran")),
        (Who::Moderator, user("mai")),
        (Who::Disabled, user("gone")),
    ];
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut state = common::state(store.clone(), SearchIndex::open_in_ram().unwrap(), vec![Lang::En, Lang::Es], &base);
    state.site.trusted_proxies = vec![Network::parse("127.0.0.1").unwrap()];
    tokio::spawn(async move { loa_web::serve(listener, state, std::future::pending()).await.unwrap() });
    let slug = store.article(1).await.unwrap().unwrap().slug;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    Site { base, store, slug, users, password_hash, client, next_address: AtomicU32::new(1), _dir: dir }
}

async fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loa.db")).await.unwrap();
    site_on(store, dir, true).await
}

impl Site {
    /// A session of `who` made in the store (the disabled member's too: a
    /// session that outlived the disabling must open nothing).
    async fn cookie(&self, who: Who) -> Option<String> {
        let user = &self.users.iter().find(|(w, _)| *w == who)?.1;
        let token = new_session_token();
        self.store.create_session(user.id, &token_hash(&token), Utc::now() + chrono::Duration::hours(1)).await.unwrap();
        Some(format!("loa_session={token}"))
    }

    fn request(&self, method: Method, path: &str, cookie: Option<&str>) -> reqwest::RequestBuilder {
        let n = self.next_address.fetch_add(1, Ordering::Relaxed);
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("x-forwarded-for", format!("198.51.{}.{}", n / 250, n % 250 + 1));
        if let Some(c) = cookie {
            req = req.header(COOKIE, c);
        }
        req
    }

    async fn edition(&self) -> Edition {
        self.store.edition(1, Lang::Es).await.unwrap().unwrap()
    }

    async fn pending(&self) -> Vec<i64> {
        self.store.pending_comments(1000).await.unwrap().into_iter().map(|c| c.id).collect()
    }
}

/// The sample path of a route pattern on this site.
fn path_of(pattern: &str, slug: &str, comment: i64) -> String {
    pattern
        // The API decides an edition by its own language.
        .replace("/editions/{lang}", "/editions/es")
        .replace("{lang}", "en")
        .replace("{slug}", slug)
        .replace("{edition}", "es")
        .replace("{id}", &comment.to_string())
        .replace("{name}", "none.png")
}

/// Tries `route` as `who` with `origin` and answers whether the store (or
/// the page) shows it took effect. Puts the store back afterwards.
async fn attempt(site: &Site, method: &str, pattern: &str, who: Who, origin: Option<(&str, &str)>) -> (StatusCode, bool) {
    let cookie = site.cookie(who).await;
    let comment = site.store.add_pending_comment(1, Lang::En, "Reader", "A kind word about the lanterns.").await.unwrap();
    // Someone's API key: the member's own when a member asks, else an editor's.
    let owner = site.users.iter().find(|(w, _)| *w == who).map_or(&site.users[0].1, |(_, u)| u).clone();
    let keys_before = site.store.api_keys_of(owner.id).await.unwrap().len();
    let key = site.store.create_api_key(owner.id, "matrix", "loa_matrix", &format!("matrix-{comment}")).await.unwrap();
    // Another browser of the same member, which "sign out everywhere else" ends.
    let elsewhere = format!("elsewhere-{comment}");
    site.store.create_session(owner.id, &elsewhere, Utc::now() + chrono::Duration::hours(1)).await.unwrap();
    // A followed source, for the routes that change one.
    let source = site
        .store
        .add_source("Matrix Herald", "http://matrix.example/", &format!("http://matrix.example/{comment}.xml"))
        .await
        .unwrap();
    let path = if pattern.contains("/keys/{id}") {
        path_of(pattern, &site.slug, key.id)
    } else if pattern.contains("/sources/{id}") {
        path_of(pattern, &site.slug, source.id)
    } else {
        path_of(pattern, &site.slug, comment)
    };
    let mut req = site.request(if method == "GET" { Method::GET } else { Method::POST }, &path, cookie.as_deref());
    match origin {
        Some((name, value)) => req = req.header(name, value),
        // A browser posting a form of this site names its origin.
        None if method == "POST" => req = req.header(ORIGIN, &site.base),
        None => {}
    }
    let pending_before = site.pending().await.len();
    let form: Vec<(&str, &str)> = match pattern {
        p if p.ends_with("/comments") => vec![("name", "Reader"), ("body", "The matrix posts a comment here.")],
        p if p.ends_with("/sign-in") => vec![("username", "lan"), ("password", PASSWORD)],
        p if p.ends_with("/corrections") => vec![("seg-0", "Un título corregido por la matriz")],
        p if p.contains("/comments/") => vec![("decision", "approve")],
        p if p.ends_with("/keys") => vec![("name", "made by the matrix")],
        p if p.ends_with("/password") => vec![("current", PASSWORD), ("new", NEW_PASSWORD), ("repeat", NEW_PASSWORD)],
        p if p.ends_with("/sources/{id}") => vec![("action", "pause")],
        p if p.ends_with("/story/{slug}") => vec![("category", "travel"), ("places", "Huế"), ("topics", "lanterns")],
        p if p.ends_with("/workflow") => vec![("step", "withdraw")],
        p if p.ends_with("/sources") => vec![("url", "http://matrix.example/new.xml")],
        _ => vec![("decision", "publish")],
    };
    let resp = match method {
        // The API's writes take JSON.
        "POST" if pattern.starts_with("/api/") => {
            let body = match pattern {
                p if p.ends_with("/workflow") => serde_json::json!({ "step": "withdraw" }),
                p if p.contains("/comments/") => serde_json::json!({ "decision": "approve" }),
                _ => serde_json::json!({ "decision": "publish" }),
            };
            req.header("content-type", "application/json").body(body.to_string())
        }
        "POST" => req.form(&form),
        _ => req,
    }
    .send()
    .await
    .unwrap();
    let status = resp.status();
    let set_cookie = resp.headers().get(SET_COOKIE).map(|v| v.to_str().unwrap().to_string());
    let body = resp.text().await.unwrap();
    let effect = match (method, pattern) {
        ("POST", p) if p.ends_with("/article/{slug}/comments") => site.pending().await.len() > pending_before,
        ("POST", p) if p.ends_with("/sign-in") => {
            set_cookie.is_some_and(|c| c.starts_with("loa_session=") && !c.contains("Max-Age=0"))
        }
        // Sign-out ends the session it was sent with, in the store.
        ("POST", p) if p.ends_with("/sign-out") => {
            let gone = match &cookie {
                Some(c) => site.store.session_user(&token_hash(c.trim_start_matches("loa_session="))).await.unwrap().is_none(),
                None => true,
            };
            gone && status == StatusCode::SEE_OTHER && set_cookie.is_some_and(|c| c.contains("Max-Age=0"))
        }
        ("POST", p) if p.ends_with("/corrections") => site.edition().await.title.contains("matriz"),
        ("POST", p) if p.ends_with("/comments/{id}") || p.ends_with("/comments/{id}/decision") => {
            !site.pending().await.contains(&comment)
        }
        ("POST", p) if p.ends_with("/account/keys") => site.store.api_keys_of(owner.id).await.unwrap().len() > keys_before + 1,
        ("POST", p) if p.ends_with("/revoke") => {
            site.store.api_keys_of(owner.id).await.unwrap().iter().any(|k| k.id == key.id && k.revoked_at.is_some())
        }
        ("GET", p) if p.ends_with("/account") => status == StatusCode::OK && body.contains("/account/keys\""),
        ("POST", p) if p.ends_with("/account/password") => {
            let (_, hash) = site.store.user_for_login(&owner.username).await.unwrap().unwrap();
            loa_web::auth::verify_password(NEW_PASSWORD, &hash)
        }
        ("POST", p) if p.ends_with("/account/sessions") => {
            !site.store.sessions_of(owner.id).await.unwrap().iter().any(|s| s.token_hash == elsewhere)
        }
        ("GET", p) if p.ends_with("/sources") => status == StatusCode::OK && body.contains("Matrix Herald"),
        ("GET", p) if p.ends_with("/log") => status == StatusCode::OK && body.contains("audit-filter"),
        ("GET", p) if p.ends_with("/story/{slug}") => status == StatusCode::OK && body.contains("story-tags"),
        ("POST", p) if p.ends_with("/story/{slug}") => site.store.article(1).await.unwrap().unwrap().category.slug == "travel",
        ("POST", p) if p.ends_with("/workflow") => {
            site.store.article(1).await.unwrap().unwrap().workflow.state == loa_domain::StoryState::Withdrawn
        }
        ("GET", p) if p.ends_with("/schedule") => status == StatusCode::OK && body.contains("newsroom schedule"),
        ("POST", p) if p.ends_with("/sources/{id}") => {
            site.store.sources().await.unwrap().iter().any(|s| s.id == source.id && !s.settings.enabled)
        }
        // No ingest side runs here: an editor's address reaches the
        // handler, which says this node cannot follow it.
        ("POST", p) if p.ends_with("/sources") => status == StatusCode::SERVICE_UNAVAILABLE,
        ("POST", _) => site.edition().await.status == EditionStatus::Published,
        // A private page shows what only its readers may see.
        ("GET", p) if p.starts_with("/api/") => status == StatusCode::OK,
        ("GET", p) if p.ends_with("/newsroom/") => status == StatusCode::OK && body.contains("sign-out"),
        ("GET", _) => status == StatusCode::OK && body.contains("Hội An encendió"),
        _ => unreachable!(),
    };
    // Back as it was for the next trial.
    site.store.save_edition(&held_translation(1)).await.unwrap();
    site.store.remove_source(source.id, None).await.unwrap();
    let local = loa_store::StoryTags { category: Category::from_slug("local").unwrap(), places: &[], topics: &[] };
    site.store.retag_article(1, &local, None).await.unwrap();
    // Published again if a trial withdrew it (a published story refuses the step, which changes nothing).
    let now = chrono::Utc::now();
    site.store.move_story(1, loa_domain::WorkflowStep::Publish, loa_domain::EmbargoChange::Keep, None, now).await.unwrap().ok();
    if pattern.ends_with("/account/password") {
        site.store.update_user(&owner.username, Some(&site.password_hash), None, None).await.unwrap();
    }
    let editor = &site.users[0].1;
    for id in site.pending().await {
        site.store.moderate_comment(id, CommentStatus::Rejected, editor).await.unwrap();
    }
    (status, effect)
}

#[tokio::test]
async fn every_route_is_in_the_matrix_and_no_role_goes_beyond_it() {
    let site = site().await;
    let routes = loa_web::routes();
    assert!(routes.len() >= 25, "the router lists its routes: {routes:?}");
    for (method, pattern) in &routes {
        let listed = MATRIX.iter().any(|(m, p, _)| *m == method.as_str() && p == pattern);
        if *method != Method::GET {
            assert!(listed, "{method} {pattern} changes state but has no entry in the authorisation matrix");
        } else {
            assert!(listed || PUBLIC_READS.contains(pattern), "GET {pattern}: put it in MATRIX or PUBLIC_READS");
        }
    }
    for (m, p, _) in MATRIX {
        assert!(routes.iter().any(|(rm, rp)| rm.as_str() == *m && rp == p), "the matrix names {m} {p}, which is no route");
    }

    let mut trials = 0;
    let mut beyond = Vec::new();
    let mut refused_allowed = Vec::new();
    for (method, pattern, may) in MATRIX {
        for who in EVERYONE {
            let (status, effect) = attempt(&site, method, pattern, who, None).await;
            trials += 1;
            if effect && !may.allows(who) {
                beyond.push(format!("{who:?} {method} {pattern} → {status}"));
            }
            if !effect && may.allows(who) {
                refused_allowed.push(format!("{who:?} {method} {pattern} → {status}"));
            }
        }
    }
    assert!(beyond.is_empty(), "allowed beyond the role: {beyond:#?}");
    assert!(refused_allowed.is_empty(), "the matrix's own check is blind (allowed but no effect): {refused_allowed:#?}");
    assert_eq!(trials, MATRIX.len() * EVERYONE.len());
    println!("authorisation matrix: {} routes × {} roles = {trials} trials, 0 beyond the role", MATRIX.len(), EVERYONE.len());
}

#[tokio::test]
async fn a_cross_origin_post_with_a_valid_session_changes_nothing() {
    let site = site().await;
    let posts: Vec<_> = loa_web::routes().into_iter().filter(|(m, _)| *m == Method::POST).collect();
    let mut trials = 0;
    for (_, pattern) in &posts {
        for origin in [
            (ORIGIN.as_str(), "https://evil.example"),
            (ORIGIN.as_str(), "null"),
            (ORIGIN.as_str(), &site.base.replace("127.0.0.1", "localhost")),
            (REFERER.as_str(), "https://evil.example/page"),
        ] {
            let (status, effect) = attempt(&site, "POST", pattern, Who::Editor, Some(origin)).await;
            trials += 1;
            assert!(!effect, "POST {pattern} from {origin:?} with an editor's session took effect ({status})");
            assert_eq!(status, StatusCode::FORBIDDEN, "POST {pattern} from {origin:?}");
        }
    }
    println!("CSRF: {} POST routes × 4 foreign origins = {trials} trials, 0 took effect", posts.len());
}

#[tokio::test]
async fn sign_in_rotates_the_session_and_sign_out_ends_it_in_the_store() {
    let site = site().await;
    // Fixation: an id the browser brings (valid or made up) is never kept.
    let old = site.cookie(Who::Editor).await.unwrap();
    for brought in [old.clone(), "loa_session=chosen-by-an-attacker".to_string()] {
        let resp = site
            .request(Method::POST, "/en/newsroom/sign-in", Some(&brought))
            .header(ORIGIN, &site.base)
            .form(&[("username", "lan"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
        let new = resp.headers()[SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
        assert_ne!(new, brought, "a new id at sign-in");
        assert!(site.store.session_user(&token_hash(new.trim_start_matches("loa_session="))).await.unwrap().is_some());
        let brought_token = brought.trim_start_matches("loa_session=");
        assert!(site.store.session_user(&token_hash(brought_token)).await.unwrap().is_none(), "the old id is dead");
        // Sign-out removes the session from the store, not just the cookie.
        let resp =
            site.request(Method::POST, "/en/newsroom/sign-out", Some(&new)).header(ORIGIN, &site.base).send().await.unwrap();
        assert!(resp.headers()[SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
        assert!(site.store.session_user(&token_hash(new.trim_start_matches("loa_session="))).await.unwrap().is_none());
        let desk = site.request(Method::GET, "/en/newsroom/", Some(&new)).send().await.unwrap();
        assert_eq!(desk.headers()[LOCATION], "/en/newsroom/sign-in", "the old cookie opens nothing");
    }
}

async fn sign_in_from(site: &Site, address: &str, user: &str, password: &str) -> StatusCode {
    site.client
        .post(format!("{}/en/newsroom/sign-in", site.base))
        .header("x-forwarded-for", address)
        .form(&[("username", user), ("password", password)])
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn sign_in_is_throttled_per_address_and_per_account() {
    let site = site().await;
    // Per address: 10 failures, then even the right password waits.
    for _ in 0..10 {
        assert_eq!(sign_in_from(&site, "203.0.113.1", "nobody", "wrong password").await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(sign_in_from(&site, "203.0.113.1", "lan", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    // Per account: 20 failures spread over 20 addresses, then the account
    // waits, from any address, while other accounts do not.
    for i in 0..20 {
        assert_eq!(
            sign_in_from(&site, &format!("203.0.113.{}", 100 + i), "LAN", "wrong password").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(sign_in_from(&site, "203.0.113.200", "lan", "wrong password").await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(sign_in_from(&site, "203.0.113.201", "lan", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(sign_in_from(&site, "203.0.113.202", "tran", PASSWORD).await, StatusCode::SEE_OTHER);
}

/// Two nodes on one store (the SQLite file opened twice): a client going
/// back and forth between them meets the same limits as on one.
#[tokio::test]
async fn rate_limits_per_address_are_shared_between_nodes() {
    let one = site().await;
    let store = Store::open(&one._dir.path().join("loa.db")).await.unwrap();
    let two = site_on(store, tempfile::tempdir().unwrap(), false).await;
    let nodes = [&one, &two];
    let get = |n: usize, path: String, address: &'static str| {
        let node = nodes[n % 2];
        node.client.get(format!("{}{path}", node.base)).header("x-forwarded-for", address).send()
    };
    // API: 120 a minute per address.
    for i in 0..120 {
        assert_eq!(
            get(i, "/api/v1/search?q=lanterns".into(), "203.0.113.5").await.unwrap().status(),
            StatusCode::OK,
            "API call {i}"
        );
    }
    let refused = get(0, "/api/v1/articles/x".into(), "203.0.113.5").await.unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.headers()["retry-after"], "60");
    assert!(refused.text().await.unwrap().contains("too many requests"));
    assert_eq!(get(1, "/api/v1/search?q=x".into(), "203.0.113.6").await.unwrap().status(), StatusCode::OK, "another address");
    // Search pages: 60 a minute per address, the refusal in the page's language.
    for i in 0..60 {
        assert_eq!(
            get(i, format!("/es/search?q=faroles{i}"), "203.0.113.7").await.unwrap().status(),
            StatusCode::OK,
            "search {i}"
        );
    }
    let refused = get(1, "/es/search?q=faroles".into(), "203.0.113.7").await.unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.text().await.unwrap().contains("Demasiadas solicitudes"));
    assert_eq!(
        get(0, format!("/es/article/{}", one.slug), "203.0.113.7").await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "other pages are not limited (and the held edition is not public)"
    );
    // Comments: 5 per 10 minutes per address, across both nodes.
    for i in 0..6 {
        let node = nodes[i % 2];
        let resp = node
            .client
            .post(format!("{}/en/article/{}/comments", node.base, one.slug))
            .header("x-forwarded-for", "203.0.113.8")
            .form(&[("name", "Reader"), ("body", "Another word about the lanterns.")])
            .send()
            .await
            .unwrap();
        let outcome = resp.headers()[LOCATION].to_str().unwrap().to_string();
        assert_eq!(outcome.contains("comment=throttled"), i == 5, "comment {i}: {outcome}");
    }
    assert_eq!(one.pending().await.len(), 5);
}

const HEADERS: &[(&str, &str)] = &[
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
];

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let site = site().await;
    site.store.put_media("pic.png", "image/png", b"\x89PNG").await.unwrap();
    let mut checked = 0;
    let mut paths: Vec<(Method, String)> =
        loa_web::routes().into_iter().map(|(m, p)| (m, path_of(p, &site.slug, 1).replace("none.png", "pic.png"))).collect();
    // Errors, fallbacks, refusals and other methods too.
    paths.extend([
        (Method::GET, "/zz/nothing".to_string()),
        (Method::GET, "/media/missing.png".to_string()),
        (Method::DELETE, "/en/".to_string()),
        (Method::PUT, "/api/v1/search".to_string()),
        (Method::GET, "/api/v1/search?limit=9999".to_string()),
    ]);
    for (method, path) in &paths {
        let resp = site.request(method.clone(), path, None).header(ORIGIN, "https://evil.example").send().await.unwrap();
        let h = resp.headers();
        for (name, value) in HEADERS {
            assert_eq!(h.get(*name).map(|v| v.to_str().unwrap()), Some(*value), "{method} {path} ({}): {name}", resp.status());
        }
        assert!(h["permissions-policy"].to_str().unwrap().contains("camera=()"), "{method} {path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{method} {path}: {csp}");
        assert!(csp.contains("script-src 'none'") || csp.contains("default-src 'none'"), "{method} {path}: {csp}");
        checked += 1;
    }
    assert!(checked > 30);
}

#[tokio::test]
async fn api_keys_open_the_newsroom_reads_for_their_role_until_revoked() {
    let site = site().await;
    let key_of = |who: Who| site.users.iter().find(|(w, _)| *w == who).unwrap().1.clone();
    let read = |key: String| {
        let req = site.request(Method::GET, "/api/v1/review", None).header("authorization", format!("Bearer {key}"));
        async move { req.send().await.unwrap().status() }
    };
    let translator = key_of(Who::Translator);
    let secret = "loa_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let key = site.store.create_api_key(translator.id, "script", &secret[..12], &token_hash(secret)).await.unwrap();
    assert_eq!(read(secret.into()).await, StatusCode::OK, "a translator's key, from outside this machine");
    let moderator_secret = "loa_fedcba9876543210fedcba9876543210fedcba9876543210fedcba98765432";
    site.store
        .create_api_key(key_of(Who::Moderator).id, "mod", &moderator_secret[..12], &token_hash(moderator_secret))
        .await
        .unwrap();
    assert_eq!(read(moderator_secret.into()).await, StatusCode::FORBIDDEN, "moderators do not review translations");
    assert_eq!(read("loa_not-a-key".into()).await, StatusCode::FORBIDDEN);
    assert!(site.store.revoke_api_key(translator.id, key.id).await.unwrap());
    assert_eq!(read(secret.into()).await, StatusCode::FORBIDDEN, "a revoked key opens nothing");
}

#[tokio::test]
async fn a_new_key_is_shown_once_and_kept_only_hashed() {
    let site = site().await;
    let cookie = site.cookie(Who::Editor).await.unwrap();
    let resp = site
        .request(Method::POST, "/en/newsroom/account/keys", Some(&cookie))
        .header(ORIGIN, &site.base)
        .form(&[("name", "wire desk")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    let body = resp.text().await.unwrap();
    let start = body.find("<code class=\"api-key\">").expect("the key is shown") + "<code class=\"api-key\">".len();
    let secret = &body[start..start + body[start..].find('<').unwrap()];
    assert!(secret.starts_with("loa_") && secret.len() > 60, "{secret}");
    let editor = &site.users[0].1;
    let kept = site.store.api_keys_of(editor.id).await.unwrap();
    assert_eq!(kept.len(), 1);
    assert!(secret.starts_with(&kept[0].prefix) && kept[0].prefix.len() < 16, "only a prefix is kept to show");
    assert_eq!(site.store.api_key_user(&token_hash(secret)).await.unwrap().map(|u| u.id), Some(editor.id));
    // The account page lists it without the secret.
    let page = site.request(Method::GET, "/en/newsroom/account", Some(&cookie)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("wire desk") && !page.contains(secret), "listed, never shown again");
    for bad in ["", &"x".repeat(81)] {
        let resp = site
            .request(Method::POST, "/en/newsroom/account/keys", Some(&cookie))
            .header(ORIGIN, &site.base)
            .form(&[("name", bad)])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "name {bad:?}");
    }
    assert_eq!(site.store.api_keys_of(editor.id).await.unwrap().len(), 1);
}
