//! The site in a real browser: headless Chromium renders an article page
//! and a screenshot of it, and a reader plays a video. CI installs
//! Chromium (scripts/install-deps).

mod common;

use common::TestApp;
use loa::demo::{run, DemoOptions};
use loa_domain::Lang;
use loa_test_support::browser::Browser;

/// Hosts a story's video may come from; none may be asked before the
/// reader clicks play.
const VIDEO_HOSTS: &[&str] = &["youtube.com", "youtube-nocookie.com", "youtu.be", "vimeo.com", "ytimg.com"];

fn chromium(args: &[&str], profile: &std::path::Path) -> std::process::Output {
    common::chromium(profile, 120).arg("--hide-scrollbars").args(args).output().unwrap()
}

#[tokio::test]
async fn chromium_renders_an_article_page_with_its_figures() {
    let app = TestApp::new().await;
    run(app.services.clone(), DemoOptions { outlet_listen: "127.0.0.1:0".parse().unwrap(), no_serve: true }).await.unwrap();
    let base = app.serve().await;
    let entry =
        app.services.store.sitemap().await.unwrap().into_iter().find(|e| e.langs.contains(&loa_domain::Lang::Uk)).unwrap();
    let url = format!("{base}/uk/article/{}", entry.slug);
    let profile = tempfile::tempdir().unwrap();

    let dom = tokio::task::spawn_blocking({
        let (url, p) = (url.clone(), profile.path().to_path_buf());
        move || chromium(&["--dump-dom", &url], &p)
    })
    .await
    .unwrap();
    let html = String::from_utf8_lossy(&dom.stdout);
    assert!(html.contains("<article"), "rendered DOM lacks the article: {}", String::from_utf8_lossy(&dom.stderr));
    assert!(html.contains("<figcaption"));
    assert!(html.contains("lang=\"uk\""));

    let shot = app.dir.path().join("article.png");
    let out = tokio::task::spawn_blocking({
        let (url, p, shot) = (url.clone(), profile.path().to_path_buf(), shot.clone());
        move || chromium(&[&format!("--screenshot={}", shot.display()), "--window-size=1280,1600", &url], &p)
    })
    .await
    .unwrap();
    let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // A blank page compresses to a few kilobytes; a rendered story does not.
    assert!(png.len() > 30_000, "screenshot is suspiciously small ({} bytes)", png.len());
    if let Ok(keep) = std::env::var("LOA_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }

    // The same demo newsroom (building it translates every story, so it
    // is built once): a reader plays a video.
    a_video_loads_only_when_the_reader_clicks_play(&app, &base).await;
}

async fn a_video_loads_only_when_the_reader_clicks_play(app: &TestApp, base: &str) {
    let store = &app.services.store;
    let mut story: Option<(String, Lang)> = None;
    'stories: for entry in store.sitemap().await.unwrap() {
        let article = store.article_by_slug(&entry.slug).await.unwrap().unwrap();
        for lang in entry.langs.iter().copied().filter(|l| *l != Lang::En) {
            let Some(edition) = store.edition(article.id, lang).await.unwrap() else { continue };
            if edition.status.is_public() && loa_web::render::article::shown_videos(&edition.blocks).next().is_some() {
                story = Some((entry.slug.clone(), lang));
                break 'stories;
            }
        }
    }
    let (slug, lang) = story.expect("the demo has a public edition, other than English, of a story with a video");
    let article_path = format!("/{}/article/{slug}", lang.code());
    let article_url = format!("{base}{article_path}");
    let profile = tempfile::tempdir().unwrap();
    let (before, poster_img, after, player_src, back_href) = tokio::task::spawn_blocking(move || {
        let mut browser = Browser::launch(profile.path());
        browser.goto(&article_url);
        let before: Vec<String> = browser.requests().to_vec();
        let poster_img = browser.text("document.querySelector('figure.video a.video-poster img')?.src ?? ''");
        browser.click_and_wait("figure.video a.video-poster");
        let after: Vec<String> = browser.requests()[before.len()..].to_vec();
        let player_src = browser.text("document.querySelector('figure.video iframe')?.src ?? ''");
        let back_href = browser.text("document.querySelector('.watch p a')?.getAttribute('href') ?? ''");
        (before, poster_img, after, player_src, back_href)
    })
    .await
    .unwrap();
    assert!(before.iter().any(|u| u.ends_with(&article_path)), "the story was loaded: {before:?}");
    let asked_host = |urls: &[String]| urls.iter().any(|u| VIDEO_HOSTS.iter().any(|h| u.contains(h)));
    assert!(!asked_host(&before), "the story asked a video host before play: {before:?}");
    assert!(poster_img.contains("/media/"), "the poster is the site's own copy: {poster_img}");
    assert!(after.iter().any(|u| u.ends_with(&format!("{article_path}/video/1"))), "play opened the player page: {after:?}");
    assert!(player_src.starts_with("https://www.youtube-nocookie.com/embed/"), "the player page embeds the video: {player_src}");
    assert!(asked_host(&after), "the player asked the video host once the reader chose to play: {after:?}");
    assert_eq!(back_href, article_path);
}
