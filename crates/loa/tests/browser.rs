//! The site in a real browser: headless Chromium renders an article page
//! and a screenshot of it. CI installs Chromium (scripts/install-deps).

mod common;

use common::TestApp;
use loa::demo::{run, DemoOptions};

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
}
