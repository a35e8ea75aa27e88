use std::io::Write;

use super::*;

const BASE: &str = "http://news.example.org/sitemap.xml";

const URLSET: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>http://news.example.org/2024/05/bridge-opens?id=7&amp;lang=en</loc>
    <lastmod>2024-05-14T08:30:00+02:00</lastmod>
    <changefreq>daily</changefreq>
    <image:image><image:loc>http://cdn.example.org/bridge.jpg</image:loc></image:image>
  </url>
  <url><loc> /2024/05/relative </loc><lastmod>2024-05-13</lastmod></url>
  <url><lastmod>2024-05-13</lastmod></url>
  <url><loc>mailto:desk@news.example.org</loc></url>
  <url><loc><![CDATA[http://news.example.org/cdata]]></loc></url>
</urlset>"#;

#[test]
fn urlset_with_locs_and_lastmods() {
    let Sitemap::Urls(urls) = parse_sitemap(URLSET.as_bytes(), BASE).unwrap() else { panic!("expected a urlset") };
    let locs: Vec<_> = urls.iter().map(|u| u.url.as_str()).collect();
    assert_eq!(
        locs,
        vec![
            "http://news.example.org/2024/05/bridge-opens?id=7&lang=en",
            "http://news.example.org/2024/05/relative",
            "http://news.example.org/cdata",
        ],
        "the image's <loc> is not a page, entries without an http loc are dropped"
    );
    assert_eq!(urls[0].lastmod.unwrap().to_rfc3339(), "2024-05-14T06:30:00+00:00");
    assert_eq!(urls[1].lastmod.unwrap().to_rfc3339(), "2024-05-13T00:00:00+00:00");
    assert_eq!(urls[2].lastmod, None);
    assert!(urls.iter().all(|u| u.news.is_none()));
}

#[test]
fn google_news_sitemap() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>http://news.example.org/vi/lu-mien-trung</loc>
    <news:news>
      <news:publication>
        <news:name>Báo Ví Dụ</news:name>
        <news:language>VI</news:language>
      </news:publication>
      <news:publication_date>2024-10-12T09:15:00+07:00</news:publication_date>
      <news:title>Lũ lớn ở miền Trung: 17 người thiệt mạng &amp; 11 người mất tích</news:title>
      <news:keywords>lũ lụt, Quảng Bình ,  Hà Tĩnh,</news:keywords>
    </news:news>
  </url>
  <url>
    <loc>http://news.example.org/en/flood</loc>
    <n:news xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
      <n:publication><n:name>Example News</n:name><n:language>en</n:language></n:publication>
      <n:publication_date>2024-10-12</n:publication_date>
      <n:title>Floods kill 17</n:title>
    </n:news>
  </url>
</urlset>"#;
    let Sitemap::Urls(urls) = parse_sitemap(xml.as_bytes(), BASE).unwrap() else { panic!("expected a urlset") };
    assert_eq!(urls.len(), 2);
    let news = urls[0].news.as_ref().expect("news block");
    assert_eq!(news.title.as_deref(), Some("Lũ lớn ở miền Trung: 17 người thiệt mạng & 11 người mất tích"));
    assert_eq!(news.publication.as_deref(), Some("Báo Ví Dụ"));
    assert_eq!(news.language.as_deref(), Some("vi"));
    assert_eq!(news.published.unwrap().to_rfc3339(), "2024-10-12T02:15:00+00:00");
    assert_eq!(news.keywords, vec!["lũ lụt", "Quảng Bình", "Hà Tĩnh"]);
    // Another prefix for the same namespace reads the same.
    let second = urls[1].news.as_ref().expect("news block");
    assert_eq!(second.title.as_deref(), Some("Floods kill 17"));
    assert_eq!(second.language.as_deref(), Some("en"));
    assert_eq!(second.publication.as_deref(), Some("Example News"));
    assert!(second.keywords.is_empty());
}

#[test]
fn sitemap_index_lists_children() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://news.example.org/sitemap-news.xml</loc><lastmod>2024-10-12T10:00:00Z</lastmod></sitemap>
  <sitemap><loc>sitemaps/2024-10.xml.gz</loc></sitemap>
</sitemapindex>"#;
    let Sitemap::Index(children) = parse_sitemap(xml.as_bytes(), BASE).unwrap() else { panic!("expected an index") };
    assert_eq!(children.len(), 2);
    assert_eq!(children[0].url, "http://news.example.org/sitemap-news.xml");
    assert_eq!(children[0].lastmod.unwrap().to_rfc3339(), "2024-10-12T10:00:00+00:00");
    assert_eq!(children[1].url, "http://news.example.org/sitemaps/2024-10.xml.gz");
    assert_eq!(children[1].lastmod, None);
}

#[test]
fn empty_documents_are_valid() {
    assert_eq!(parse_sitemap(b"<urlset/>", BASE).unwrap(), Sitemap::Urls(vec![]));
    assert_eq!(parse_sitemap(b"<sitemapindex></sitemapindex>", BASE).unwrap(), Sitemap::Index(vec![]));
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

#[test]
fn gzipped_sitemaps_are_inflated() {
    let packed = gzip(URLSET.as_bytes());
    assert_eq!(&packed[..2], &[0x1f, 0x8b]);
    assert_eq!(parse_sitemap(&packed, BASE).unwrap(), parse_sitemap(URLSET.as_bytes(), BASE).unwrap());
}

#[test]
fn a_gzip_bomb_is_refused() {
    // A urlset padded with whitespace past the cap: tiny compressed.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"<urlset>").unwrap();
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..(MAX_SITEMAP_BYTES / spaces.len() + 1) {
        gz.write_all(&spaces).unwrap();
    }
    gz.write_all(b"</urlset>").unwrap();
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 1024 * 1024);
    let err = parse_sitemap(&bomb, BASE).unwrap_err();
    assert!(matches!(err, FeedError::TooLarge { limit: MAX_SITEMAP_BYTES }), "{err:?}");
    assert!(err.to_string().contains("limit"));
}

#[test]
fn corrupt_gzip_and_bad_xml_are_errors() {
    let mut packed = gzip(URLSET.as_bytes());
    let mid = packed.len() / 2;
    packed.truncate(mid);
    assert!(matches!(parse_sitemap(&packed, BASE), Err(FeedError::Malformed(m)) if m.contains("gzip")));
    let broken = "<urlset><url><loc>http://x.example/a</loc></wrong></urlset>";
    assert!(matches!(parse_sitemap(broken.as_bytes(), BASE), Err(FeedError::Malformed(_))));
}

#[test]
fn other_documents_are_not_sitemaps() {
    let html = "<!DOCTYPE html><html><body><p>Home</p></body></html>";
    match parse_sitemap(html.as_bytes(), BASE) {
        Err(FeedError::NotAFeed(m)) => assert!(m.contains("HTML"), "{m}"),
        other => panic!("{other:?}"),
    }
    match parse_sitemap(b"<rss version=\"2.0\"><channel/></rss>", BASE) {
        Err(FeedError::NotAFeed(m)) => assert!(m.contains("feed"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(parse_sitemap(b"", BASE), Err(FeedError::NotAFeed(_))));
    assert!(matches!(parse_sitemap(URLSET.as_bytes(), "sitemap.xml"), Err(FeedError::InvalidBaseUrl(_))));
}

#[test]
fn legacy_encodings_are_decoded() {
    let xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\
<urlset xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>http://x.example/a</loc>\
<news:news><news:title>Новости дня</news:title></news:news></url></urlset>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(xml);
    let Sitemap::Urls(urls) = parse_sitemap(&bytes, BASE).unwrap() else { panic!() };
    assert_eq!(urls[0].news.as_ref().unwrap().title.as_deref(), Some("Новости дня"));
}

#[test]
fn parse_any_tells_feeds_from_sitemaps() {
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>http://news.example.org/a</link></item></channel></rss>"#;
    match parse_any(rss.as_bytes(), BASE).unwrap() {
        Discovered::Feed(feed) => assert_eq!(feed.items[0].url, "http://news.example.org/a"),
        other => panic!("{other:?}"),
    }
    match parse_any(&gzip(URLSET.as_bytes()), BASE).unwrap() {
        Discovered::Sitemap(Sitemap::Urls(urls)) => assert_eq!(urls.len(), 3),
        other => panic!("{other:?}"),
    }
    let html = "<!DOCTYPE html><html><body>Home</body></html>";
    match parse_any(html.as_bytes(), BASE) {
        Err(FeedError::NotAFeed(m)) => {
            assert!(m.contains("HTML") && m.contains("not a sitemap either"), "{m}")
        }
        other => panic!("{other:?}"),
    }
}
