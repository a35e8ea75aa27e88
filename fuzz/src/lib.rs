//! The entry points every fuzz target calls, one per parser of outside
//! input. Each takes arbitrary bytes, must neither panic nor hang, and
//! checks what must hold of its output. `crates/loa/tests/fuzz_corpus.rs`
//! includes this file and replays the committed corpus through the same
//! functions in the normal test suite.

use loa_domain::{Block, Lang};

const BASE: &str = "https://outlet.example/news/";

/// Feeds (RSS, Atom, JSON Feed): every item link is absolute http(s).
pub fn feed(data: &[u8]) {
    if let Ok(feed) = loa_ingest::parse_feed(data, BASE) {
        for item in &feed.items {
            assert!(item.url.starts_with("http://") || item.url.starts_with("https://"), "{:?}", item.url);
        }
    }
}

/// Sitemaps (plain, index, gzip) and the reader telling feed from sitemap.
pub fn sitemap(data: &[u8]) {
    let _ = loa_ingest::parse_sitemap(data, BASE);
    let _ = loa_ingest::parse_any(data, BASE);
}

/// OPML source lists, and writing back what was read.
pub fn opml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(sources) = loa_ingest::parse_opml(text) {
        let written = loa_ingest::write_opml("fuzz", &sources);
        let again = loa_ingest::parse_opml(&written).expect("loa reads the OPML it writes");
        assert_eq!(again.len(), sources.len());
    }
}

/// Charset decoding: the first byte picks a declared charset, if any.
pub fn decode(data: &[u8]) {
    let declared = [
        "text/html",
        "text/html; charset=utf-8",
        "text/html; charset=koi8-r",
        "text/html; charset=shift_jis",
        "text/html; charset=bogus",
    ];
    let (choice, body) = data.split_first().map_or((0, data), |(c, rest)| (*c as usize, rest));
    let content_type = (choice % 6 < 5).then(|| declared[choice % 6]);
    let text = loa_ingest::decode_html(body, content_type);
    assert!(text.len() <= body.len() * 4 + 16, "decoding grew {} bytes into {}", body.len(), text.len());
}

/// The extractor: the marks it returns fit their text.
pub fn extract(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    if let Ok(e) = loa_ingest::extract(&html, Some(BASE)) {
        for block in &e.blocks {
            for m in block.marks() {
                assert!(m.start <= m.end && m.end <= block.text().len(), "mark {m:?} outside {:?}", block.text());
            }
        }
    }
}

/// The sanitiser: a page from anywhere, extracted and rendered as loa's
/// article body, holds nothing that could run script.
pub fn sanitise(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let Ok(e) = loa_ingest::extract(&html, Some(BASE)) else { return };
    let out = render(&e.title, &e.blocks);
    assert_safe(&out);
}

fn render(title: &str, blocks: &[Block]) -> String {
    use std::sync::OnceLock;
    static LOCALES: OnceLock<loa_i18n::Locales> = OnceLock::new();
    let locales = LOCALES.get_or_init(|| loa_i18n::Locales::load().expect("the locales load"));
    let site = loa_web::SiteConfig {
        languages: vec![Lang::En],
        default_lang: Lang::En,
        base_url: "http://127.0.0.1:8080".into(),
        trusted_proxies: Vec::new(),
        page_cache: std::time::Duration::ZERO,
        feed_full_text: false,
        metrics_from: Vec::new(),
    };
    let ctx = loa_web::render::Ctx { lang: Lang::En, locales, site: &site };
    loa_web::render::article::body_html(&ctx, title, blocks, "/en/article/fuzzed")
}

/// Panics on anything in `html` that could run script: a `<script>`,
/// frame other than the two video hosts, object, embed, base, style, form,
/// an event handler, or a `javascript:`/`data:`/`vbscript:` address.
pub fn assert_safe(html: &str) {
    let doc = scraper::Html::parse_fragment(html);
    let all = scraper::Selector::parse("*").expect("a selector");
    for el in doc.select(&all) {
        let v = el.value();
        let name = v.name();
        let frame_ok = name == "iframe"
            && v.attr("src").is_some_and(|s| {
                s.starts_with("https://www.youtube-nocookie.com/") || s.starts_with("https://player.vimeo.com/")
            });
        assert!(
            !matches!(name, "script" | "object" | "embed" | "base" | "style" | "form" | "frame" | "meta" | "link")
                && (name != "iframe" || frame_ok),
            "<{name}> in {html}"
        );
        for (attr, value) in v.attrs() {
            let squeezed: String =
                value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "{attr} on <{name}> in {html}");
            assert!(attr != "style" && attr != "srcdoc", "{attr} on <{name}> in {html}");
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(!squeezed.starts_with(scheme), "{attr}={value:?} on <{name}> in {html}");
            }
        }
    }
}
