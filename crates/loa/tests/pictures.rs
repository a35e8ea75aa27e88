//! Pictures at ingest and on the page: an outlet's photo is stored with
//! smaller copies (its own format and, where lighter, WebP), the story
//! offers them with `srcset` and `sizes`, and a file that only claims to
//! be a picture is refused by its bytes while the story is kept.

mod common;

use std::collections::HashMap;

use common::{article_page, Fixture, Reply, TestApp};
use loa_domain::{Block, Lang};

/// A 900 × 600 photo-like JPEG.
fn photo() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(900, 600, |x, y| {
        image::Rgb([(x * 255 / 900) as u8, (y * 255 / 600) as u8, ((x ^ y) % 256) as u8])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&picture).unwrap();
    out
}

#[tokio::test]
async fn a_photo_is_stored_with_smaller_copies_and_offered_by_srcset() {
    let page = article_page(
        "Boats return to the quay",
        &["Forty boats returned to the quay on Monday after the storm, the harbour office said in the morning."],
    )
    .replace(
        "</article>",
        "<figure><img src=\"/photo.jpg\" alt=\"Boats tied up at the quay\"><figcaption>The quay at dawn</figcaption></figure>\
         <figure><img src=\"/fake.png\" alt=\"A chart\"><figcaption>Not really a chart</figcaption></figure></article>",
    );
    let outlet = Fixture::start(HashMap::from([
        ("/quay.html".to_string(), Reply::html(&page)),
        ("/photo.jpg".to_string(), Reply::Ok { content_type: "image/jpeg", body: photo() }),
        ("/fake.png".to_string(), Reply::Ok { content_type: "image/png", body: b"<html>a page, not a picture</html>".to_vec() }),
    ]))
    .await;
    let app = TestApp::with(|c| c.languages = vec![Lang::En]).await;
    loa::ingest::ingest_url(&app.services, &outlet.url("/quay.html"), None).await.unwrap();
    app.drain().await;
    let store = &app.services.store;
    let article = store.article(1).await.unwrap().expect("the story is kept");
    let edition = store.edition(article.id, Lang::En).await.unwrap().unwrap();
    let figures: Vec<_> = edition.blocks.iter().filter_map(|b| if let Block::Figure(f) = b { Some(f) } else { None }).collect();
    assert_eq!(figures.len(), 1, "the file that is no picture is dropped, the photo kept");
    let fig = figures[0];
    assert_eq!((fig.width, fig.height), (Some(900), Some(600)));
    let jpeg_widths: Vec<u32> = fig.renditions.iter().filter(|r| r.mime == "image/jpeg").map(|r| r.width).collect();
    assert_eq!(jpeg_widths, [320, 640], "copies narrower than the photo only");
    for r in &fig.renditions {
        let stored = store.media(r.src.trim_start_matches("/media/")).await.unwrap().expect("every copy is stored");
        let copy = image::load_from_memory(&stored.bytes).unwrap();
        let height = (f64::from(r.width) * 600.0 / 900.0).round() as u32;
        assert_eq!((copy.width(), copy.height()), (r.width, height), "{}: the shape is kept", r.src);
        assert_eq!(stored.content_type, r.mime);
    }

    let base = app.serve().await;
    let html = reqwest::get(format!("{base}/en/article/{}", article.slug)).await.unwrap().text().await.unwrap();
    let doc = scraper::Html::parse_document(&html);
    let img = doc.select(&scraper::Selector::parse(".story-body figure img").unwrap()).next().expect("the photo is shown");
    let srcset = img.value().attr("srcset").expect("a srcset");
    for r in fig.renditions.iter().filter(|r| r.mime == "image/jpeg") {
        assert!(srcset.contains(&format!("{} {}w", r.src, r.width)), "{srcset}");
    }
    assert!(srcset.contains(&format!("{} 900w", fig.src)), "the original at its own width: {srcset}");
    assert_eq!(img.value().attr("sizes"), Some(loa_web::render::STORY_SIZES));
    assert_eq!((img.value().attr("width"), img.value().attr("height")), (Some("900"), Some("600")));
    assert_eq!(img.value().attr("loading"), None, "the story's first picture is in view: not lazy");
    let webp: Vec<_> = fig.renditions.iter().filter(|r| r.mime == "image/webp").collect();
    let sources: Vec<_> = doc.select(&scraper::Selector::parse("picture source[type='image/webp']").unwrap()).collect();
    assert_eq!(sources.len(), usize::from(!webp.is_empty()), "WebP copies, when lighter, come first");
    for r in webp {
        assert!(sources[0].value().attr("srcset").unwrap().contains(&r.src));
    }
}
