//! The demo outlet as loa sees it: its content rules, and its site served
//! over real HTTP on loopback.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;

use loa_demo::{outlet, serve_outlet, try_outlet, DemoArticle, DemoBlock, ARTICLE_FILES};
use loa_domain::Lang;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

fn numbers_in(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(|c| c.is_ascii_digit())).count()
}

fn body_numbers(a: &DemoArticle) -> usize {
    numbers_in(&a.lead) + a.paragraphs().map(numbers_in).sum::<usize>()
}

#[test]
fn every_embedded_file_parses_and_the_outlet_is_consistent() {
    let o = try_outlet().expect("embedded articles parse");
    assert_eq!(o.articles().len(), ARTICLE_FILES.len());
    assert_eq!(o.name(), "Central Coast Herald");
}

#[test]
fn every_file_in_the_articles_folder_is_embedded() {
    // Read when the test runs, not when it was built: a shared target
    // directory may hold a build made from a clone elsewhere.
    let dir =
        std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR")).join("articles");
    let on_disk: HashSet<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    let embedded: HashSet<String> = ARTICLE_FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, embedded, "add new article files to ARTICLE_FILES in lib.rs");
}

#[test]
fn language_mix_matches_the_brief() {
    let o = outlet();
    let originals: Vec<&DemoArticle> = o.originals().collect();
    assert!(originals.len() >= 26, "only {} originals", originals.len());
    let count = |l: Lang| originals.iter().filter(|a| a.lang == l).count();
    assert_eq!(count(Lang::En), 14);
    assert_eq!(count(Lang::Ru), 8);
    assert_eq!(count(Lang::Vi), 4);
    // Each Vietnamese original has exactly one English version by the outlet,
    // and the outlet translates nothing else.
    for a in originals.iter().filter(|a| a.lang == Lang::Vi) {
        let versions: Vec<_> = o.articles().iter().filter(|t| t.translation_of.as_deref() == Some(&a.slug)).collect();
        assert_eq!(versions.len(), 1, "{}", a.slug);
        assert_eq!(versions[0].lang, Lang::En);
        assert_eq!(versions[0].category, a.category);
        assert_eq!(versions[0].places, a.places);
        assert_eq!(o.alternates(a), vec![(Lang::En, versions[0].path())]);
        assert_eq!(o.alternates(versions[0]), vec![(Lang::Vi, a.path())]);
    }
    assert_eq!(o.articles().len() - originals.len(), 4);
}

#[test]
fn every_article_has_the_parts_a_reader_and_the_tests_need() {
    let o = outlet();
    let mut slugs = HashSet::new();
    let mut dates = HashSet::new();
    for a in o.articles() {
        let s = &a.slug;
        assert!(slugs.insert(s.clone()), "duplicate slug {s}");
        assert!(!a.title.is_empty() && !a.lead.is_empty() && !a.author.is_empty(), "{s}");
        let paragraphs = a.paragraphs().count();
        assert!((4..=7).contains(&paragraphs), "{s}: {paragraphs} paragraphs");
        let figures = a.figures().count();
        assert!((1..=2).contains(&figures), "{s}: {figures} figures");
        let words = a.word_count();
        assert!((250..=450).contains(&words), "{s}: {words} words");
        assert!(body_numbers(a) >= 3, "{s}: only {} numbers", body_numbers(a));
        assert!((1..=3).contains(&a.places.len()), "{s}: places");
        assert!(a.places.iter().any(|p| !p.is_ascii()), "{s}: places lack Vietnamese diacritics");
        assert!((2..=4).contains(&a.tags.len()), "{s}: {} tags", a.tags.len());
        assert_eq!(a.published.format("%Y").to_string(), "2026", "{s}");
        if a.is_original() {
            assert!(dates.insert(a.published.date_naive()), "{s}: two originals on one day");
        }
        for f in a.figures() {
            assert!(f.alt.split_whitespace().count() >= 5, "{s}: alt text too thin");
            assert_ne!(f.alt, a.title, "{s}: alt text copies the headline");
            assert_ne!(f.caption, a.title, "{s}: caption copies the headline");
        }
        let author_is_vietnamese = a.author.split_whitespace().count() >= 3 && !a.author.is_ascii();
        assert!(author_is_vietnamese, "{s}: author {:?}", a.author);
    }
}

#[test]
fn authors_categories_and_topics_give_related_lists_content() {
    let o = outlet();
    let mut by_author: HashMap<&str, usize> = HashMap::new();
    let mut by_category: HashMap<&str, usize> = HashMap::new();
    for a in o.originals() {
        *by_author.entry(&a.author).or_default() += 1;
        *by_category.entry(a.category.slug).or_default() += 1;
    }
    assert!(by_author.len() >= 6, "{by_author:?}");
    assert!(by_author.values().filter(|n| **n >= 3).count() >= 3, "{by_author:?}");
    assert!(by_category.len() >= 7, "{by_category:?}");
    assert!(by_category.values().all(|n| *n >= 2), "{by_category:?}");
    for a in o.articles() {
        assert!(!o.related(a, 4).is_empty(), "{} has no related story", a.slug);
    }
    let shared_tag =
        o.originals().filter(|a| o.originals().any(|b| b.slug != a.slug && b.tags.iter().any(|t| a.tags.contains(t))));
    assert!(shared_tag.count() >= 20);
    let videos: Vec<_> = o.originals().filter(|a| a.body.iter().any(|b| matches!(b, DemoBlock::Video { .. }))).collect();
    assert!((2..=3).contains(&videos.len()));
    assert!(videos.iter().all(|a| a.category.slug == "video"));
}

/// One HTTP/1.1 GET over a raw socket: (status, content type, body).
async fn get(addr: SocketAddr, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("header end");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut body = raw[split + 4..].to_vec();
    let status: u16 = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let header = |name: &str| {
        head.lines()
            .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_string()))
            .unwrap_or_default()
    };
    if header("transfer-encoding").eq_ignore_ascii_case("chunked") {
        let mut decoded = Vec::new();
        let mut rest = &body[..];
        loop {
            let line_end = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let size = usize::from_str_radix(std::str::from_utf8(&rest[..line_end]).unwrap().trim(), 16).unwrap();
            if size == 0 {
                break;
            }
            decoded.extend_from_slice(&rest[line_end + 2..line_end + 2 + size]);
            rest = &rest[line_end + 4 + size..];
        }
        body = decoded;
    }
    (status, header("content-type"), String::from_utf8(body).expect("utf-8 body"))
}

/// Every value of `attr="..."` in `html` on tags starting with `tag`.
fn attr_values(html: &str, tag: &str, attr: &str) -> Vec<String> {
    html.split(tag)
        .skip(1)
        .filter_map(|rest| {
            let tag_text = &rest[..rest.find('>')?];
            let start = tag_text.find(&format!(" {attr}=\""))? + attr.len() + 3;
            Some(tag_text[start..start + tag_text[start..].find('"')?].to_string())
        })
        .collect()
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open).skip(1).filter_map(|s| s.split(close).next()).collect()
}

#[tokio::test]
async fn the_site_serves_feed_pages_and_images_over_http() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let running = serve_outlet(listener).await.unwrap();
    let addr = running.addr;
    let base = format!("http://{addr}");
    assert_eq!(running.feed_url, format!("{base}/rss.xml"));
    let o = outlet();

    let (status, ctype, feed) = get(addr, "/rss.xml").await;
    assert_eq!(status, 200);
    assert!(ctype.starts_with("application/rss+xml"), "{ctype}");
    assert!(feed.starts_with("<?xml") && feed.contains("<rss version=\"2.0\""));
    let items = between(&feed, "<item>", "</item>");
    assert_eq!(items.len(), o.originals().count());
    let mut titles = HashSet::new();
    for item in &items {
        let link = between(item, "<link>", "</link>")[0];
        assert!(link.starts_with(&base), "{link}");
        assert_eq!(between(item, "<guid isPermaLink=\"true\">", "</guid>")[0], link);
        let pub_date = between(item, "<pubDate>", "</pubDate>")[0];
        assert!(chrono::DateTime::parse_from_rfc2822(pub_date).is_ok(), "{pub_date}");
        assert!(!between(item, "<dc:creator>", "</dc:creator>")[0].is_empty());
        assert!(!between(item, "<category>", "</category>")[0].is_empty());
        assert!(!between(item, "<description>", "</description>")[0].is_empty());
        titles.insert(between(item, "<title>", "</title>")[0].to_string());

        let path = &link[base.len()..];
        let (status, ctype, page) = get(addr, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(ctype.starts_with("text/html"), "{ctype}");
        assert!(page.starts_with("<!doctype html>"));
        assert!(page.contains("<article") && page.contains("</article>") && page.contains("<h1"));
        assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{link}\">")));
        assert!(page.contains("\"@type\":\"NewsArticle\""));
        assert!(page.contains("class=\"cookie-banner\"") && page.contains("<footer"));
        let images = attr_values(&page, "<img", "src");
        assert!(!images.is_empty(), "{path} has no figure");
        for src in images {
            let (status, ctype, svg) = get(addr, &src).await;
            assert_eq!(status, 200, "{src}");
            assert_eq!(ctype, "image/svg+xml");
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{src}");
        }
    }
    // The outlet's own English versions of Vietnamese articles stay out of the feed.
    for t in o.articles().iter().filter(|a| !a.is_original()) {
        assert!(!feed.contains(&t.path()), "{} is in the feed", t.slug);
        assert!(!titles.contains(&t.title));
    }

    let (_, _, home) = get(addr, "/").await;
    assert_eq!(attr_values(&home, "<h2><a", "href").len(), o.originals().count());
    assert_eq!(get(addr, "/en/2026/01/no-such-story.html").await.0, 404);
    assert_eq!(get(addr, "/images/no-such-story-1.svg").await.0, 404);
    assert_eq!(get(addr, "/section/heritage/").await.0, 200);
    running.shutdown().await;
    assert!(TcpStream::connect(addr).await.is_err(), "still listening after shutdown");
}

#[tokio::test]
async fn vietnamese_pages_link_their_english_versions_both_ways() {
    let running = serve_outlet(TcpListener::bind("127.0.0.1:0").await.unwrap()).await.unwrap();
    let addr = running.addr;
    let base = format!("http://{addr}");
    let o = outlet();
    let vietnamese: Vec<_> = o.originals().filter(|a| a.lang == Lang::Vi).collect();
    assert_eq!(vietnamese.len(), 4);
    for vi in vietnamese {
        let (status, _, page) = get(addr, &vi.path()).await;
        assert_eq!(status, 200);
        assert!(page.contains("<html lang=\"vi\">"));
        let hrefs = attr_values(&page, "<link rel=\"alternate\" hreflang=\"en\"", "href");
        assert_eq!(hrefs.len(), 1, "{}", vi.slug);
        let en_path = hrefs[0].strip_prefix(&base).expect("absolute alternate");
        let (status, _, en_page) = get(addr, en_path).await;
        assert_eq!(status, 200, "{en_path}");
        assert!(en_page.contains("<html lang=\"en\">"));
        assert!(en_page.contains(&format!("<link rel=\"alternate\" hreflang=\"vi\" href=\"{base}{}\">", vi.path())));
        // Same pictures, same story: the English version shows as many figures.
        assert_eq!(attr_values(&page, "<img", "src").len(), attr_values(&en_page, "<img", "src").len());
    }
}
