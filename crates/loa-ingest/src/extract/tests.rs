use super::*;

const LONG_1: &str = "The city council voted on Tuesday to reopen the old river bridge, closed since the spring floods damaged two of its piers, after engineers certified the repairs.";
const LONG_2: &str = "Traffic will return gradually, starting with buses and bicycles, while lorries heavier than twelve tonnes stay on the ring road until the end of the year.";
const LONG_3: &str = "Residents of both banks, who had faced a forty-minute detour every day, welcomed the news, although shopkeepers asked for compensation for the lost months.";

fn page(head: &str, body: &str) -> String {
    format!("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>")
}

fn paragraphs(e: &Extracted) -> Vec<&str> {
    e.blocks.iter().filter(|b| matches!(b, Block::Paragraph { .. })).map(|b| b.text()).collect()
}

#[test]
fn figures_keep_captions_and_drop_alt_equal_to_title() {
    let html = page(
        "<title>Bridge reopens after floods | City Herald</title>",
        &format!(
            "<article><h1>Bridge reopens after floods</h1><p>{LONG_1}</p>
             <figure><img src=\"/img/bridge.jpg\" alt=\"Bridge reopens after floods\"><figcaption>The repaired  piers, Tuesday.</figcaption></figure>
             <p>{LONG_2}</p>
             <figure><picture><img data-src=\"https://cdn.example.org/crowd.jpg\" src=\"data:image/gif;base64,R0lG\" alt=\"Cyclists crossing the bridge\"></picture></figure>
             <p>{LONG_3}</p></article>"
        ),
    );
    let e = extract(&html, Some("http://herald.example.org/news/bridge")).unwrap();
    assert_eq!(e.title, "Bridge reopens after floods");
    let figs: Vec<_> = e.figures().collect();
    assert_eq!(figs.len(), 2, "{:?}", e.blocks);
    assert_eq!(figs[0].src, "http://herald.example.org/img/bridge.jpg");
    assert_eq!(figs[0].alt, "", "an alt that repeats the headline must be dropped");
    assert_eq!(figs[0].caption, "The repaired piers, Tuesday.");
    assert_eq!(figs[1].src, "https://cdn.example.org/crowd.jpg");
    assert_eq!(figs[1].alt, "Cyclists crossing the bridge");
    // Figures sit between the paragraphs they were between.
    assert!(matches!(e.blocks.last(), Some(Block::Paragraph { .. })));
    assert!(!e.body_text().contains("piers, Tuesday"), "captions are not body text");
}

#[test]
fn navigation_footer_and_share_widgets_are_left_out() {
    let html = page(
        "",
        &format!(
            "<header><nav><a href=\"/\">Home</a> <a href=\"/politics\">Politics</a> <a href=\"/sport\">Sport and many other sections of this site</a></nav></header>
             <div class=\"layout\">
               <div class=\"story-body\"><p>{LONG_1}</p><div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> Share this article with your friends and family today</div><p>{LONG_2}</p><p>Advertisement</p><p>{LONG_3}</p>
                 <div class=\"related-articles\"><h3>Related</h3><ul><li><a href=\"/a\">Another story about bridges in the region and elsewhere</a></li></ul></div>
               </div>
               <aside><p>Most read: a sidebar paragraph that is long enough to look like content, with commas, yes, many.</p></aside>
             </div>
             <footer><p>Copyright City Herald 2024, all rights reserved, contact us at the newsroom.</p></footer>"
        ),
    );
    let e = extract(&html, None).unwrap();
    let text = e.full_text();
    for kept in [LONG_1, LONG_2, LONG_3] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
    for dropped in ["Politics", "Share", "Advertisement", "Another story", "Most read", "Copyright", "Related"] {
        assert!(!text.contains(dropped), "{dropped:?} leaked into {text:?}");
    }
}

#[test]
fn json_ld_metadata() {
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"City Herald"},
        {"@type":"NewsArticle","headline":"Bridge reopens","datePublished":"2024-05-14T08:30:00+02:00",
         "dateModified":"2024-05-14T10:00:00Z","author":[{"@type":"Person","name":"Ana Lima"},{"@type":"Person","name":"Bo Tran"}],
         "articleSection":"Transport","keywords":"bridges, floods, council",
         "contentLocation":{"@type":"Place","name":"Riverton"}}]}</script>"#;
    let head = format!(
        "{ld}<link rel=\"canonical\" href=\"/news/bridge\"><link rel=\"alternate\" hreflang=\"vi\" href=\"/vi/cau\">
         <link rel=\"alternate\" hreflang=\"x-default\" href=\"/\"><meta property=\"article:tag\" content=\"Infrastructure\">
         <meta name=\"geo.placename\" content=\"River County\">"
    );
    let html = page(&head, &format!("<div><p>{LONG_1}</p><p>{LONG_2}</p></div>"));
    let e = extract(&html, Some("http://herald.example.org/x?utm=1")).unwrap();
    assert_eq!(e.title, "Bridge reopens");
    assert_eq!(e.author.as_deref(), Some("Ana Lima, Bo Tran"));
    assert_eq!(e.published.unwrap().to_rfc3339(), "2024-05-14T06:30:00+00:00");
    assert_eq!(e.updated.unwrap().to_rfc3339(), "2024-05-14T10:00:00+00:00");
    assert_eq!(e.site_name.as_deref(), Some("City Herald"));
    assert_eq!(e.categories, vec!["Transport"]);
    assert_eq!(e.tags, vec!["Infrastructure", "bridges", "floods", "council"]);
    assert_eq!(e.places, vec!["Riverton", "River County"]);
    assert_eq!(e.canonical_url.as_deref(), Some("http://herald.example.org/news/bridge"));
    assert_eq!(e.alternates, vec![(Lang::Vi, "http://herald.example.org/vi/cau".to_string())]);
    assert_eq!(e.language, Some(Lang::En));
}

#[test]
fn meta_tag_metadata_without_json_ld() {
    let head = "<meta property=\"og:title\" content=\"Ponte reabre\"><meta name=\"author\" content=\"By Rui Sá\">
        <meta property=\"article:published_time\" content=\"2024-05-14T08:30:00-0300\"><meta property=\"article:section\" content=\"Cidade\">";
    let body = "<article><p>A câmara municipal votou na terça-feira a reabertura da velha ponte sobre o rio, fechada desde as cheias da primavera.</p>
        <p>O trânsito vai regressar aos poucos, começando pelos autocarros e pelas bicicletas, enquanto os camiões pesados continuam na circular.</p></article>";
    let html = format!("<html><head>{head}</head><body>{body}</body></html>");
    let e = extract(&html, None).unwrap();
    assert_eq!(e.title, "Ponte reabre");
    assert_eq!(e.author.as_deref(), Some("Rui Sá"));
    assert_eq!(e.published.unwrap().to_rfc3339(), "2024-05-14T11:30:00+00:00");
    assert_eq!(e.categories, vec!["Cidade"]);
    assert_eq!(e.language, Some(Lang::Pt), "detected from the text when <html lang> is missing");
}

#[test]
fn lead_is_not_duplicated_in_blocks() {
    // The description is the first paragraph cut short.
    let cut: String = LONG_1.chars().take(90).collect();
    let head = format!("<meta name=\"description\" content=\"{cut}...\">");
    let html = page(&head, &format!("<article><p>{LONG_1}</p><p>{LONG_2}</p><p>{LONG_3}</p></article>"));
    let e = extract(&html, None).unwrap();
    assert_eq!(e.lead, LONG_1);
    assert!(e.lead_in_body);
    assert_eq!(paragraphs(&e), vec![LONG_2, LONG_3]);
    assert!(e.full_text().starts_with(LONG_1));

    // A standfirst element distinct from the body is kept separately.
    let html = page("", &format!("<header><h1>Bridge</h1><p class=\"sapo\">Engineers certified the repairs; buses first.</p></header><article><p>{LONG_1}</p><p>{LONG_2}</p></article>"));
    let e = extract(&html, None).unwrap();
    assert_eq!(e.lead, "Engineers certified the repairs; buses first.");
    assert!(!e.lead_in_body);
    assert_eq!(paragraphs(&e), vec![LONG_1, LONG_2]);
}

#[test]
fn video_iframes_and_video_elements() {
    let html = page(
        "",
        &format!(
            "<article><p>{LONG_1}</p>
             <iframe src=\"//www.youtube.com/embed/abc123\" title=\"Drone view of the bridge\" data-poster=\"/img/drone.jpg\"></iframe>
             <iframe src=\"https://ads.example.com/frame\"></iframe>
             <p>{LONG_2}</p><video controls poster=\"javascript:alert(1)\"><source src=\"/media/clip.mp4\" type=\"video/mp4\"></video><p>{LONG_3}</p></article>"
        ),
    );
    let e = extract(&html, Some("http://herald.example.org/a")).unwrap();
    let videos: Vec<_> = e
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Video { src, title, poster } => Some((src.as_str(), title.as_str(), poster.as_deref())),
            _ => None,
        })
        .collect();
    assert_eq!(
        videos,
        vec![
            ("https://www.youtube.com/embed/abc123", "Drone view of the bridge", Some("http://herald.example.org/img/drone.jpg")),
            // A poster that is not a web address is no poster.
            ("http://herald.example.org/media/clip.mp4", "", None),
        ]
    );
}

#[test]
fn headings_and_quotes_are_typed() {
    let html = page(
        "",
        &format!("<article><p>{LONG_1}</p><h2>What changes for drivers</h2><p>{LONG_2}</p><blockquote><p>We waited seven months for this.</p></blockquote><p>{LONG_3}</p></article>"),
    );
    let e = extract(&html, None).unwrap();
    assert!(e.blocks.contains(&Block::Heading { text: "What changes for drivers".into(), marks: vec![] }), "{:?}", e.blocks);
    assert!(e.blocks.contains(&Block::Quote { text: "We waited seven months for this.".into(), marks: vec![] }));
    assert!(e.body_text().contains("What changes for drivers\n\n"));
}

#[test]
fn no_article_is_an_error() {
    let html = page("<title>Home</title>", "<nav><a href=\"/a\">A</a><a href=\"/b\">B</a></nav><footer>© 2024</footer>");
    assert_eq!(extract(&html, None), Err(ExtractError::NoArticle));
    assert_eq!(extract("   ", None), Err(ExtractError::EmptyPage));
    assert_eq!(extract("\u{0}\u{1}garbage<<<>>>", None), Err(ExtractError::NoArticle));
}

#[test]
fn hostile_html_never_reaches_blocks() {
    let html = page(
        "<script>var secret = 'tracker-code';</script>",
        &format!(
            "<article><p onclick=\"steal()\">{LONG_1}<script>document.write('injected-script')</script></p>
             <p>{LONG_2} <a href=\"javascript:alert('x')\">click</a><style>.x{{color:red}}</style></p>
             <figure><img src=\"javascript:alert(1)\" alt=\"x\" onerror=\"steal()\"></figure>
             <figure><img src=\"/ok.jpg\" onerror=\"steal()\"><figcaption>Caption <script>evil()</script>text</figcaption></figure>
             <iframe src=\"javascript:alert(2)\"></iframe><iframe src=\"https://www.youtube.com/embed/x\" onload=\"steal()\"></iframe>
             <p>{LONG_3}</p></article>"
        ),
    );
    let e = extract(&html, Some("http://herald.example.org/a")).unwrap();
    let dump = format!("{:?}", e.blocks);
    for bad in ["tracker-code", "injected-script", "javascript:", "steal", "onclick", "onerror", "color:red", "evil"] {
        assert!(!dump.contains(bad), "{bad:?} leaked: {dump}");
    }
    assert_eq!(e.figures().count(), 1);
    assert_eq!(e.figures().next().unwrap().caption, "Caption text");
    assert!(e.full_text().contains(LONG_1));
}

#[test]
fn div_and_br_pages_and_loose_text() {
    let html = page(
        "",
        &format!("<div id=\"menu\"><a href=\"/\">Home</a></div><div class=\"col\"><b>14/05/2024</b><br><br>{LONG_1}<br>{LONG_2}<br><br>{LONG_3}</div>"),
    );
    let e = extract(&html, None).unwrap();
    let text = e.full_text();
    assert!(text.contains(&format!("{LONG_1} {LONG_2}")), "single <br> is a line break: {text:?}");
    assert!(text.contains(&format!("\n\n{LONG_3}")), "double <br> splits paragraphs: {text:?}");
    assert!(!text.contains("Home"));
}

#[test]
fn json_ld_article_body_rescues_script_rendered_pages() {
    let body = format!("{LONG_1}\n{LONG_2}\n{LONG_3}");
    let ld = serde_json::json!({"@type": "NewsArticle", "headline": "Bridge", "articleBody": body});
    let html = page(
        &format!("<script type=\"application/ld+json\">{ld}</script>"),
        "<div id=\"app\"><p>Loading the story, please wait a moment...</p></div>",
    );
    let e = extract(&html, None).unwrap();
    assert_eq!(e.full_text(), format!("{LONG_1}\n\n{LONG_2}\n\n{LONG_3}"));
}

#[test]
fn benchmark_json_shape() {
    let html = page(
        "<meta property=\"og:title\" content=\"Bridge\"><meta property=\"article:published_time\" content=\"2024-05-14T06:30:00Z\">",
        &format!("<article><p>{LONG_1}</p><figure><img src=\"http://x.org/a.jpg\" alt=\"Piers\"><figcaption>Cap</figcaption></figure><p>{LONG_2}</p></article>"),
    );
    let e = extract(&html, None).unwrap();
    let v = benchmark_json(&e);
    assert_eq!(v["title"], "Bridge");
    assert_eq!(v["published"], "2024-05-14T06:30:00Z");
    assert_eq!(v["language"], "en");
    assert_eq!(v["figures"][0]["src"], "http://x.org/a.jpg");
    assert_eq!(v["figures"][0]["alt"], "Piers");
    assert_eq!(v["figures"][0]["caption"], "Cap");
    assert_eq!(v["lead"], LONG_1);
    assert_eq!(v["articleBody"], format!("{LONG_1}\n\n{LONG_2}"));
    assert!(v["author"].is_null());
}

// Extraction rules.

const OTHER_1: &str = "Elsewhere in the region, the ferry company announced new summer timetables, with extra crossings on weekends and a night service on Fridays and Saturdays.";
const OTHER_2: &str = "The harbour master said the new pontoon, paid for by the port authority and the county, would be ready before the first crossing of the season in June.";
const OTHER_3: &str = "Ticket prices stay the same for residents, while visitors will pay a small surcharge that the county says will fund maintenance of the old landing stages.";

fn rules(keep: &[&str], drop: &[&str]) -> ExtractRules {
    ExtractRules {
        keep: keep.iter().map(|s| s.to_string()).collect(),
        drop: drop.iter().map(|s| s.to_string()).collect(),
        ..ExtractRules::default()
    }
}

#[test]
fn drop_rules_remove_a_box_the_heuristics_keep() {
    let see_also = "See also: how the county paid for the emergency repairs on the two damaged piers, and what the audit found.";
    let html = page(
        "<title>Bridge reopens</title>",
        &format!(
            "<article><p>{LONG_1}</p><p>{LONG_2}</p><div class=\"see-also-box\"><p>{see_also}</p></div><p>{LONG_3}</p></article>"
        ),
    );
    // The premise: nothing in the box's markup marks it as furniture.
    let plain = extract(&html, None).unwrap();
    assert!(plain.full_text().contains(see_also), "heuristics were expected to keep the box: {:?}", plain.blocks);

    let pruned = extract_with_rules(&html, None, &rules(&[], &[".see-also-box"])).unwrap();
    let text = pruned.full_text();
    assert!(!text.contains("See also"), "dropped box leaked: {text:?}");
    assert_eq!(text, format!("{LONG_1}\n\n{LONG_2}\n\n{LONG_3}"));
    assert_eq!(pruned.title, plain.title);
}

#[test]
fn keep_rules_take_exactly_the_chosen_container() {
    let html = page(
        "<title>Bridge reopens</title>",
        &format!(
            "<div class=\"layout\">
               <div class=\"story-body\"><p>{LONG_1}</p><h2>What changes for drivers</h2><p>{LONG_2}</p></div>
               <div class=\"content\"><p>{OTHER_1}</p><p>{OTHER_2}</p><p>{OTHER_3}</p></div>
             </div>"
        ),
    );
    // The premise: scoring reads the second container too.
    let plain = extract(&html, None).unwrap();
    assert!(plain.full_text().contains(OTHER_1), "heuristics were expected to read .content: {:?}", plain.blocks);

    let kept = extract_with_rules(&html, None, &rules(&[".story-body"], &[])).unwrap();
    assert_eq!(kept.lead, LONG_1);
    assert!(kept.lead_in_body);
    assert_eq!(
        kept.blocks,
        vec![
            Block::Heading { text: "What changes for drivers".into(), marks: vec![] },
            Block::Paragraph { text: LONG_2.into(), marks: vec![] }
        ]
    );
    assert_eq!(kept.title, "Bridge reopens");
}

#[test]
fn keep_rules_read_matches_in_document_order_once_and_trust_their_contents() {
    // `aside`, a "related" class and a link-only paragraph are all things
    // the heuristics discard; inside a kept element the editor chose them.
    let html = page(
        "",
        &format!(
            "<div class=\"part-a\"><p>{LONG_1}</p><aside class=\"related\"><p>{OTHER_1}</p></aside></div>
             <nav>Home</nav>
             <div class=\"part-b\"><p>{LONG_2}</p><p><a href=\"/report.pdf\">The full engineering report on the bridge repairs</a></p>
               <script>tracker()</script><p style=\"display: none\">hidden text</p></div>"
        ),
    );
    // ".part-a p" matches inside ".part-a" and must not repeat it.
    let e = extract_with_rules(&html, None, &rules(&[".part-b", ".part-a p", ".part-a"], &[])).unwrap();
    let text = e.full_text();
    assert_eq!(text, format!("{LONG_1}\n\n{OTHER_1}\n\n{LONG_2}\n\nThe full engineering report on the bridge repairs"));
    assert!(!text.contains("Home") && !text.contains("tracker") && !text.contains("hidden"), "{text:?}");
}

#[test]
fn keep_and_drop_combine_and_metadata_comes_from_the_whole_page() {
    let html = page(
        "<title>Home | City Herald</title><meta property=\"article:published_time\" content=\"2024-05-14T06:30:00Z\">",
        &format!(
            "<div class=\"story\"><h1>Bridge reopens after floods</h1><p class=\"byline\">By Ana Lima</p>
               <p>{LONG_1}</p><div class=\"promo-inline\"><p>{OTHER_1}</p></div><p>{LONG_2}</p></div>"
        ),
    );
    let e = extract_with_rules(&html, None, &rules(&[".story"], &["h1", ".byline", ".promo-inline"])).unwrap();
    // Title and author are read from elements the rules dropped from the body.
    assert_eq!(e.title, "Bridge reopens after floods");
    assert_eq!(e.author.as_deref(), Some("Ana Lima"));
    assert_eq!(e.published.unwrap().to_rfc3339(), "2024-05-14T06:30:00+00:00");
    assert_eq!(e.full_text(), format!("{LONG_1}\n\n{LONG_2}"));
}

#[test]
fn bad_selectors_are_named() {
    for (r, bad) in [
        (rules(&[".story-body", "div.story-body >"], &[]), "div.story-body >"),
        (rules(&["p:bogus-state"], &[]), "p:bogus-state"),
        (rules(&[], &["p", ""]), ""),
        (rules(&[], &["a >> b"]), "a >> b"),
    ] {
        let err = r.validate().expect_err(bad);
        match &err {
            ExtractError::BadSelector { selector, reason } => {
                assert_eq!(selector, bad);
                assert!(!reason.is_empty() && !reason.contains('\n'), "{reason:?}");
                if bad == "p:bogus-state" {
                    assert!(reason.contains("pseudo-class") && reason.contains("bogus-state"), "{reason:?}");
                }
            }
            other => panic!("expected BadSelector for {bad:?}, got {other:?}"),
        }
        assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
        // Extraction refuses the same rules rather than ignoring the bad one.
        let html = page("", &format!("<article><p>{LONG_1}</p><p>{LONG_2}</p></article>"));
        assert_eq!(extract_with_rules(&html, None, &r), Err(err));
    }
    assert_eq!(rules(&["article .story-body > p:first-child"], &["[data-ad]", "div.related, aside"]).validate(), Ok(()));
}

#[test]
fn keep_rules_matching_nothing_say_so() {
    let html = page("", &format!("<article><p>{LONG_1}</p><p>{LONG_2}</p></article>"));
    let err = extract_with_rules(&html, None, &rules(&[".story-body", "#main-text"], &[])).unwrap_err();
    assert_eq!(err, ExtractError::KeepMatchedNothing { selectors: ".story-body, #main-text".into() });
    assert!(err.to_string().contains(".story-body, #main-text"));
    // Kept elements with no text are not an article either.
    let html = page("", &format!("<div class=\"story-body\"><img src=\"/a.jpg\"></div><article><p>{LONG_1}</p></article>"));
    assert_eq!(extract_with_rules(&html, None, &rules(&[".story-body"], &[])), Err(ExtractError::NoArticle));
}

#[test]
fn dropping_the_document_element_is_harmless() {
    let html = page("<title>Bridge</title>", &format!("<article><p>{LONG_1}</p><p>{LONG_2}</p></article>"));
    assert_eq!(extract_with_rules(&html, None, &rules(&[], &["html"])), extract(&html, None));
    assert_eq!(extract_with_rules(&html, None, &rules(&[], &["body"])), Err(ExtractError::NoArticle));
}

#[test]
fn empty_rules_are_plain_extraction() {
    let empty = ExtractRules::default();
    assert!(empty.is_empty());
    assert!(!rules(&[], &[".ad"]).is_empty());
    assert!(!rules(&["article"], &[]).is_empty());
    let pages = [
        page(
            "<meta name=\"description\" content=\"Engineers certified the repairs.\"><link rel=\"canonical\" href=\"/a\">",
            &format!("<header><nav><a href=\"/\">Home</a></nav></header><div class=\"story-body\"><h1>Bridge</h1><p>{LONG_1}</p><figure><img src=\"/i.jpg\" alt=\"Piers\"></figure><p>{LONG_2}</p><div class=\"related\"><a href=\"/b\">Other story</a></div></div>"),
        ),
        page("", &format!("<div class=\"col\">{LONG_1}<br><br>{LONG_3}</div>")),
        page("<title>Home</title>", "<nav><a href=\"/a\">A</a></nav>"),
        String::from("  "),
    ];
    for html in &pages {
        assert_eq!(
            extract_with_rules(html, Some("http://herald.example.org/x"), &empty),
            extract(html, Some("http://herald.example.org/x"))
        );
    }
}

#[test]
fn rules_deserialize_with_either_list_missing() {
    let r: ExtractRules = serde_json::from_str(r#"{"drop": [".ad", "aside"]}"#).unwrap();
    assert_eq!(r, rules(&[], &[".ad", "aside"]));
    let back: ExtractRules = serde_json::from_value(serde_json::to_value(&r).unwrap()).unwrap();
    assert_eq!(back, r);
}

/// The marked substrings of a block, with their kinds.
fn marked(b: &Block) -> Vec<(&str, loa_domain::MarkKind)> {
    b.marks().iter().map(|m| (&b.text()[m.start..m.end], m.kind.clone())).collect()
}

#[test]
fn inline_bold_italics_and_links_become_marks() {
    use loa_domain::MarkKind;
    let html = page(
        "<title>Bridge</title>",
        &format!(
            "<article><h1>Bridge</h1><p>{LONG_1}</p>
             <p>The   <b>new\n bridge</b> opened on <em>Monday</em>,
             near <a href=\"/markets/central\">the <strong>old</strong> market</a>.
             Engineers certified the repairs after <a href=\"javascript:alert(1)\">two inspections</a>.</p>
             <h2>What changes for <i>drivers</i></h2><p>{LONG_2}</p></article>"
        ),
    );
    let e = extract(&html, Some("http://herald.example.org/news/bridge")).unwrap();
    let p = e.blocks.iter().find(|b| b.text().starts_with("The new bridge")).expect("the marked paragraph");
    assert_eq!(
        p.text(),
        "The new bridge opened on Monday, near the old market. Engineers certified the repairs after two inspections."
    );
    assert_eq!(
        marked(p),
        vec![
            ("new bridge", MarkKind::Bold),
            ("Monday", MarkKind::Italic),
            ("the old market", MarkKind::Link { href: "http://herald.example.org/markets/central".into() }),
            ("old", MarkKind::Bold),
        ],
        "a javascript: link gets no mark"
    );
    let h = e.blocks.iter().find(|b| matches!(b, Block::Heading { .. })).unwrap();
    assert_eq!(marked(h), vec![("drivers", MarkKind::Italic)]);
    // Unmarked paragraphs stay unmarked.
    assert!(e.blocks.iter().find(|b| b.text() == LONG_2).unwrap().marks().is_empty());
}

#[test]
fn marks_split_at_paragraph_breaks_and_survive_quotes() {
    use loa_domain::MarkKind;
    let html = page(
        "<title>Bridge</title>",
        &format!(
            "<article><h1>Bridge</h1><p>{LONG_1}</p>
             <div><b>First part of the bold<br><br>second part</b> and plain after it in the same paragraph.</div>
             <blockquote><p>We waited <i>seven months</i>.</p><p>Now <b>we cross</b>.</p></blockquote>
             <p>{LONG_2}</p></article>"
        ),
    );
    let e = extract(&html, Some("http://herald.example.org/news/bridge")).unwrap();
    let first = e.blocks.iter().find(|b| b.text() == "First part of the bold").expect("split paragraph");
    assert_eq!(marked(first), vec![("First part of the bold", MarkKind::Bold)]);
    let second = e.blocks.iter().find(|b| b.text().starts_with("second part")).unwrap();
    assert_eq!(marked(second), vec![("second part", MarkKind::Bold)]);
    let quote = e.blocks.iter().find(|b| matches!(b, Block::Quote { .. })).unwrap();
    assert_eq!(quote.text(), "We waited seven months.\nNow we cross.");
    assert_eq!(marked(quote), vec![("seven months", MarkKind::Italic), ("we cross", MarkKind::Bold)]);
}

#[test]
fn page_dates_without_an_offset_follow_the_rules_zone() {
    let html = "<html><head><title>Cầu mới</title><meta property=\"article:published_time\" content=\"2024-05-14 08:30:00\">\
<meta property=\"article:modified_time\" content=\"2024-05-14T09:00:00\"></head><body><article><h1>Cầu mới</h1>\
<p>Cây cầu dành cho người đi bộ nối hai bờ sông ở trung tâm thành phố, sau hai năm xây dựng và nhiều tháng chờ đợi.</p>\
<p>Chính quyền cho biết cầu sẽ mở cửa cho người dân từ sáng thứ bảy, kèm theo các hoạt động văn hoá bên bờ sông.</p></article></body></html>";
    let utc = extract_with_rules(html, Some("https://baohue.vn/a.html"), &ExtractRules::default()).unwrap();
    assert_eq!(utc.published.unwrap().to_rfc3339(), "2024-05-14T08:30:00+00:00");
    let rules = ExtractRules { timezone: Some(chrono_tz::Tz::Asia__Ho_Chi_Minh), ..ExtractRules::default() };
    let local = extract_with_rules(html, Some("https://baohue.vn/a.html"), &rules).unwrap();
    assert_eq!(local.published.unwrap().to_rfc3339(), "2024-05-14T01:30:00+00:00");
    assert_eq!(local.updated.unwrap().to_rfc3339(), "2024-05-14T02:00:00+00:00");
}

// German, Russian and Vietnamese story sentences for the layout tests.
const DE_1: &str =
    "Die Gemeinde hat am Montag ihre neue Fähre in Betrieb genommen, die Pendler in acht Minuten über den Fluss bringt.";
const DE_2: &str =
    "Bisher mussten Berufstätige einen Umweg von fast zwanzig Kilometern über die Autobahnbrücke fahren, auch im Winter.";
const DE_3: &str = "Kritik kam vom Naturschutzbund, der befürchtet, dass der neue Anleger die Brutplätze der Seeschwalben stört.";
const RU_1: &str =
    "Власти города вывели на маршрут первый электробус, который будет курсировать между вокзалом и новым микрорайоном.";
const RU_2: &str = "Машина рассчитана на восемьдесят пассажиров и проходит без подзарядки около двухсот километров по городу.";
const VI_1: &str =
    "Sau hai mùa khô liên tiếp bị nước mặn xâm nhập, hơn ba trăm hộ dân trong xã đã chuyển sang giống lúa chịu mặn.";
const VI_2: &str = "Giống lúa mới do viện nghiên cứu của tỉnh lai tạo, có thể chịu được độ mặn gấp đôi giống cũ, theo các kỹ sư.";

#[test]
fn story_split_across_sibling_sections_is_read_whole_but_comments_and_related_boxes_are_not() {
    let html = page(
        "",
        &format!(
            "<main><section><h1>Fähre</h1><p>{DE_1}</p><p>{LONG_1}</p></section>
             <section><p>{DE_2}</p><p>{DE_3}</p></section>
             <section><h2>Weitere Artikel</h2><p>Ein ganz anderer Bericht über den Busbahnhof, mit vielen Einzelheiten zum Umbau des Platzes.</p></section>
             <section><h2>Kommentare (2)</h2><div><b>gast</b><p>Endlich! Ich fahre jeden Tag zur Arbeit und habe auf diese Verbindung seit Jahren gewartet.</p></div></section></main>"
        ),
    );
    let e = extract(&html, None).unwrap();
    let text = e.full_text();
    for kept in [DE_1, LONG_1, DE_2, DE_3] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
    for gone in ["Busbahnhof", "Endlich", "Weitere Artikel", "Kommentare"] {
        assert!(!text.contains(gone), "{gone:?} leaked into {text:?}");
    }
    assert_eq!(e.body_source, BodySource::Finder);
}

#[test]
fn comments_after_their_heading_in_the_story_container_are_cut() {
    let html = page(
        "",
        &format!("<article><p>{RU_1}</p><p>{RU_2}</p><h3>Комментарии</h3><p>Наконец-то! Старые автобусы на этом маршруте ломались каждую неделю, а зимой особенно.</p><p>Посмотрим, как этот электробус поедет в январе при минус тридцати градусах.</p></article>"),
    );
    let text = extract(&html, None).unwrap().full_text();
    assert!(text.contains(RU_1) && text.contains(RU_2), "{text:?}");
    assert!(!text.contains("Наконец") && !text.contains("Посмотрим") && !text.contains("Комментарии"), "{text:?}");
}

#[test]
fn read_also_boxes_and_ad_labels_between_paragraph_blocks_are_left_out() {
    for (read_also, ad) in
        [("Читайте также", "Реклама"), ("Tin liên quan", "Quảng cáo"), ("Mehr zum Thema", "Anzeige"), ("相关新闻", "广告")]
    {
        let html = page(
            "",
            &format!(
                "<div class=\"topic-body\"><div class=\"block\"><p>{VI_1}</p></div>
                 <div class=\"box\"><h3>{read_also}</h3><a href=\"/a\">Một bài khác</a></div>
                 <div class=\"block\"><p>{VI_2}</p></div><div><span>{ad}</span></div><div class=\"block\"><p>{RU_1}</p></div></div>"
            ),
        );
        let text = extract(&html, None).unwrap().full_text();
        assert!(text.contains(VI_1) && text.contains(VI_2) && text.contains(RU_1), "{read_also}: {text:?}");
        assert!(!text.contains(read_also) && !text.contains(ad) && !text.contains("Một bài khác"), "{read_also}: {text:?}");
    }
}

#[test]
fn teaser_before_the_body_opens_the_story() {
    let html = page(
        "",
        &format!(
            "<div class=\"col\"><h1>Fähre</h1><div class=\"article-teaser\"><p>{DE_1}</p></div>
             <div class=\"article-text\"><p>{DE_2}</p><p>{DE_3}</p><p>{LONG_1}</p></div>
             <div class=\"teaser-list\"><a href=\"/x\">Stadtrat streitet über den neuen Busbahnhof am Marktplatz und vieles mehr</a></div></div>"
        ),
    );
    let text = extract(&html, None).unwrap().full_text();
    assert!(text.starts_with(DE_1), "{text:?}");
    assert!(text.contains(DE_3) && !text.contains("Busbahnhof"), "{text:?}");
}

#[test]
fn table_layout_cell_is_the_body_not_its_row() {
    let html = page(
        "",
        &format!(
            "<table><tr><td class=\"main\" width=\"70%\"><b>Fähre</b><br><br>{DE_1}<br><br>{DE_2}<br><br>{DE_3}</td>
             <td width=\"30%\"><a href=\"/1\">Eine Schlagzeile</a><br><p>Melden Sie sich für unseren täglichen Newsletter an und erhalten Sie jeden Morgen die Nachrichten.</p></td></tr></table>"
        ),
    );
    let e = extract(&html, None).unwrap();
    assert_eq!(paragraphs(&e).len() + usize::from(e.lead_in_body), 4, "{:?}", e.blocks);
    assert!(!e.full_text().contains("Newsletter"), "{:?}", e.full_text());
}

#[test]
fn lists_and_tables_inside_the_story_are_kept() {
    let html = page(
        "",
        &format!("<article><p>{DE_1}</p><ul><li>Die erste Fähre legt um fünf Uhr ab.</li><li>Am Wochenende fährt sie seltener.</li></ul><p>{DE_2}</p><table><tr><th>Strecke</th><th>Preis</th></tr><tr><td>Westufer</td><td>2 Euro</td></tr></table><p>{DE_3}</p></article>"),
    );
    let text = extract(&html, None).unwrap().full_text();
    for kept in ["Die erste Fähre legt um fünf Uhr ab.", "Am Wochenende fährt sie seltener.", "Westufer", "2 Euro", DE_3] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
}

#[test]
fn datelines_are_not_body_text() {
    let html =
        page("", &format!("<article><div>Montag, 14. September 2026, 18:42 Uhr</div><p>{DE_1}</p><p>{DE_2}</p></article>"));
    let text = extract(&html, None).unwrap().full_text();
    assert!(!text.contains("18:42") && text.contains(DE_1), "{text:?}");
}

#[test]
fn fallback_chain_reads_a_story_hidden_behind_boilerplate_classes_and_says_why() {
    // Utility classes that read as boilerplate on every container: the
    // body finder keeps nothing, a fallback must.
    let html = page(
        "",
        &format!(
            "<div class=\"col-8 hidden-print widget-area\"><div class=\"no-ads sidebar-fix\"><h1>Fähre</h1>
             <p>{DE_1}</p><p>{DE_2}</p><p>{DE_3}</p><p>{LONG_1}</p></div></div>
             <div class=\"col-4\"><div><p>Meistgelesen heute bei uns, mit allen Schlagzeilen.</p></div></div>
             <footer><p>Copyright Abendpost 2026, alle Rechte vorbehalten, Impressum und Datenschutz.</p></footer>"
        ),
    );
    let e = extract(&html, None).unwrap();
    let text = e.full_text();
    for kept in [DE_1, DE_2, DE_3, LONG_1] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
    assert!(!text.contains("Copyright"), "{text:?}");
    assert_ne!(e.body_source, BodySource::Finder, "{}", e.body_reason);
    assert!(e.body_reason.contains("fewer than 250"), "{}", e.body_reason);
    let json = benchmark_json(&e);
    assert_eq!(json["bodySource"], e.body_source.as_str());
    assert_eq!(json["bodyReason"], e.body_reason.as_str());
}

#[test]
fn fallbacks_keep_prose_and_drop_link_lists_wherever_they_sit() {
    // Prose spread over unrelated containers, none of them a body.
    let html = page(
        "",
        &format!(
            "<div class=\"ad-wrap\"><span class=\"promo\"><p>{VI_1} {VI_2}</p></span></div>
             <div class=\"share-zone\"><p>{RU_1} {RU_2}</p><ul><li><a href=\"/1\">Tin khác một</a></li><li><a href=\"/2\">Tin khác hai</a></li></ul></div>
             <div class=\"social-area\"><p>{LONG_2} {LONG_3}</p></div>
             <div class=\"col-4\"><div><p>Đọc nhiều nhất hôm nay trên trang của chúng tôi.</p></div></div>"
        ),
    );
    let e = extract(&html, None).unwrap();
    let text = e.full_text();
    for kept in [VI_1, VI_2, RU_1, RU_2, LONG_2, LONG_3] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?} ({})", e.body_reason);
    }
    assert!(!text.contains("Tin khác"), "{text:?}");
    assert_ne!(e.body_source, BodySource::Finder, "{}", e.body_reason);
}

#[test]
fn a_full_body_never_consults_the_fallbacks() {
    let html = page("", &format!("<article><p>{LONG_1}</p><p>{LONG_2}</p><p>{LONG_3}</p></article>"));
    let e = extract(&html, None).unwrap();
    assert_eq!(e.body_source, BodySource::Finder);
    assert!(!e.body_reason.contains("fewer than"), "{}", e.body_reason);
}

#[test]
fn whole_page_read_for_want_of_a_container_gives_way_to_lenient_scoring() {
    // The story's container has state classes that read as boilerplate and
    // nothing else votes: the finder reads the whole page, side teasers
    // included; lenient scoring finds the container.
    let html = page(
        "",
        &format!(
            "<div class=\"grid\"><div class=\"post-body share-enabled comments-open\"><p>{LONG_1}</p><p>{LONG_2}</p><p>{LONG_3}</p></div>
             <div class=\"col-side\"><div><p>Bus station row.</p></div><div><p>Dike raised.</p></div></div></div>"
        ),
    );
    let e = extract(&html, None).unwrap();
    let text = e.full_text();
    assert!(text.contains(LONG_1) && text.contains(LONG_3), "{text:?}");
    assert!(!text.contains("Bus station") && !text.contains("Dike"), "{text:?} ({})", e.body_reason);
    assert_eq!(e.body_source, BodySource::LenientFinder, "{}", e.body_reason);
    assert!(e.body_reason.contains("read the whole page"), "{}", e.body_reason);
}
