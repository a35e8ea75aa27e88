//! Behaviour of the search index against real tantivy indexes, in RAM and
//! on disk.

use chrono::{TimeZone, Utc};
use loa_domain::Lang;
use loa_search::{EditionDoc, SearchError, SearchIndex, SearchQuery, SearchResults};

fn doc(article_id: i64, lang: Lang, title: &str, lead: &str, body: &str) -> EditionDoc {
    EditionDoc {
        article_id,
        slug: format!("article-{article_id}"),
        lang,
        title: title.into(),
        lead: lead.into(),
        body: body.into(),
        captions: String::new(),
        author: None,
        category: "news".into(),
        places: Vec::new(),
        topics: Vec::new(),
        published_at: Utc
            .with_ymd_and_hms(2024, 5, 1 + article_id as u32 % 20, 8, 30, 0)
            .unwrap(),
    }
}

/// A small multilingual corpus: one bridge story in three languages, a
/// Russian province story, a Vietnamese Hà Tĩnh story and a distractor.
fn corpus() -> Vec<EditionDoc> {
    vec![
        doc(
            1,
            Lang::En,
            "New bridge opens over the Lam river",
            "Traffic crosses the river for the first time.",
            "The bridge links two districts. Engineers say the bridge will carry heavy trucks.",
        ),
        doc(
            1,
            Lang::Es,
            "Se inaugura un nuevo puente sobre el río Lam",
            "El tráfico cruza el río por primera vez.",
            "El puente une dos distritos.",
        ),
        doc(
            1,
            Lang::Vi,
            "Khánh thành cầu mới bắc qua sông Lam",
            "Lần đầu tiên xe cộ qua sông.",
            "Cây cầu nối hai huyện của tỉnh Hà Tĩnh.",
        ),
        doc(
            2,
            Lang::Ru,
            "Губернатор посетил провинцию",
            "Визит продлился два дня.",
            "Экономика провинции растёт. Жители провинции довольны.",
        ),
        doc(
            3,
            Lang::Vi,
            "Lễ hội truyền thống ở Hà Tĩnh",
            "Hàng nghìn người tham dự.",
            "Lễ hội diễn ra tại thành phố Hà Tĩnh vào mùa xuân.",
        ),
        doc(
            4,
            Lang::En,
            "Coffee harvest begins in the highlands",
            "Farmers expect a good year.",
            "Prices for coffee beans rose this spring.",
        ),
    ]
}

fn indexed(docs: &[EditionDoc]) -> SearchIndex {
    let index = SearchIndex::open_in_ram().unwrap();
    for d in docs {
        index.upsert(d).unwrap();
    }
    index.commit().unwrap();
    index
}

fn query(text: &str, lang: Option<Lang>) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        lang,
        limit: 20,
        offset: 0,
    }
}

fn keys(results: &SearchResults) -> Vec<(i64, Lang)> {
    let mut k: Vec<_> = results
        .hits
        .iter()
        .map(|h| (h.article_id, h.lang))
        .collect();
    k.sort();
    k
}

#[test]
fn english_stemming_finds_other_forms() {
    let index = indexed(&corpus());
    let r = index.search(&query("bridges", Some(Lang::En))).unwrap();
    assert_eq!(keys(&r), [(1, Lang::En)]);
    assert_eq!(r.total, 1);
    let hit = &r.hits[0];
    assert_eq!(hit.slug, "article-1");
    assert_eq!(hit.title, "New bridge opens over the Lam river");
    assert_eq!(
        hit.published_at,
        Utc.with_ymd_and_hms(2024, 5, 2, 8, 30, 0).unwrap()
    );
    assert!(hit.score > 0.0);
}

#[test]
fn russian_case_forms_match() {
    let index = indexed(&corpus());
    // Indexed as `провинцию` (title) and `провинции` (body); queried in
    // the nominative and the genitive.
    for q in ["провинция", "провинции", "Провинцией"] {
        let r = index.search(&query(q, Some(Lang::Ru))).unwrap();
        assert_eq!(keys(&r), [(2, Lang::Ru)], "query {q}");
    }
}

#[test]
fn vietnamese_without_diacritics_finds_diacritics() {
    let index = indexed(&corpus());
    let r = index.search(&query("Ha Tinh", Some(Lang::Vi))).unwrap();
    assert_eq!(keys(&r), [(1, Lang::Vi), (3, Lang::Vi)]);
    // Title matches rank above body-only matches.
    assert_eq!(r.hits[0].article_id, 3);
    // And the accented spelling finds the same editions.
    let accented = index.search(&query("Hà Tĩnh", Some(Lang::Vi))).unwrap();
    assert_eq!(keys(&accented), keys(&r));
}

#[test]
fn decomposed_accents_are_normalised() {
    // The same place name, once typed with combining marks (NFD).
    let nfd = doc(
        6,
        Lang::Vi,
        "Bão đổ bộ Ha\u{300} Ti\u{303}nh",
        "",
        "Mưa lớn ở Ha\u{300} Ti\u{303}nh.",
    );
    let mut docs = corpus();
    docs.push(nfd);
    let index = indexed(&docs);
    let plain = index.search(&query("Ha Tinh", Some(Lang::Vi))).unwrap();
    assert_eq!(keys(&plain), [(1, Lang::Vi), (3, Lang::Vi), (6, Lang::Vi)]);
    let decomposed_query = index
        .search(&query("Ha\u{300} Ti\u{303}nh", Some(Lang::Vi)))
        .unwrap();
    assert_eq!(keys(&decomposed_query), keys(&plain));
    let hit = plain.hits.iter().find(|h| h.article_id == 6).unwrap();
    assert!(
        hit.snippet_html
            .contains("<mark>Hà</mark> <mark>Tĩnh</mark>"),
        "{}",
        hit.snippet_html
    );
}

#[test]
fn terms_are_combined_with_and() {
    let index = indexed(&corpus());
    let r = index
        .search(&query("bridge coffee", Some(Lang::En)))
        .unwrap();
    assert_eq!(r.total, 0, "no edition mentions both");
    let r = index
        .search(&query("bridge OR coffee", Some(Lang::En)))
        .unwrap();
    assert_eq!(keys(&r), [(1, Lang::En), (4, Lang::En)]);
}

#[test]
fn lang_filter_excludes_other_languages() {
    let index = indexed(&corpus());
    // `Lam` is in the en, es and vi editions of article 1.
    let all = index.search(&query("Lam", None)).unwrap();
    assert_eq!(keys(&all), [(1, Lang::Vi), (1, Lang::En), (1, Lang::Es)]);
    let es = index.search(&query("Lam", Some(Lang::Es))).unwrap();
    assert_eq!(keys(&es), [(1, Lang::Es)]);
    // Naming another language's field does not escape the filter.
    let sneaky = index
        .search(&query("title_en:bridge", Some(Lang::Es)))
        .unwrap();
    assert_eq!(sneaky.total, 0);
    // Spanish stemming: `puentes` finds `puente`, only in Spanish.
    let es = index.search(&query("puentes", None)).unwrap();
    assert_eq!(keys(&es), [(1, Lang::Es)]);
}

#[test]
fn tags_and_captions_are_searchable() {
    let mut d = doc(7, Lang::En, "Harvest report", "A lead.", "A body.");
    d.captions = "Workers on the pier at dawn".into();
    d.places = vec!["Quảng Bình".into()];
    d.topics = vec!["agriculture".into()];
    d.author = Some("Nguyễn Văn An".into());
    let index = indexed(&[d]);
    for q in ["pier", "Quang Binh", "agriculture", "nguyen van an"] {
        let r = index.search(&query(q, Some(Lang::En))).unwrap();
        assert_eq!(keys(&r), [(7, Lang::En)], "query {q}");
    }
}

#[test]
fn upsert_replaces_instead_of_duplicating() {
    let index = indexed(&corpus());
    let mut changed = doc(
        4,
        Lang::En,
        "Tea harvest begins",
        "Farmers expect rain.",
        "Tea leaves.",
    );
    changed.slug = "tea-harvest".into();
    index.upsert(&changed).unwrap();
    index.upsert(&changed).unwrap();
    index.commit().unwrap();

    let r = index.search(&query("harvest", None)).unwrap();
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].slug, "tea-harvest");
    assert_eq!(r.hits[0].title, "Tea harvest begins");
    assert_eq!(index.search(&query("coffee", None)).unwrap().total, 0);
    assert_eq!(index.num_docs(), corpus().len() as u64);
}

#[test]
fn changes_are_invisible_until_commit() {
    let index = indexed(&corpus());
    index
        .upsert(&doc(
            9,
            Lang::En,
            "Typhoon warning",
            "",
            "Storm nears the coast.",
        ))
        .unwrap();
    assert_eq!(index.search(&query("typhoon", None)).unwrap().total, 0);
    index.commit().unwrap();
    assert_eq!(index.search(&query("typhoon", None)).unwrap().total, 1);
}

#[test]
fn remove_deletes_one_edition_and_remove_article_all() {
    let index = indexed(&corpus());
    index.remove(1, Lang::Es).unwrap();
    index.commit().unwrap();
    let r = index.search(&query("Lam", None)).unwrap();
    assert_eq!(keys(&r), [(1, Lang::Vi), (1, Lang::En)]);

    index.remove_article(1).unwrap();
    index.commit().unwrap();
    assert_eq!(index.search(&query("Lam", None)).unwrap().total, 0);
    // Other articles are untouched.
    assert_eq!(index.search(&query("coffee", None)).unwrap().total, 1);
    // Removing what is not there is not an error.
    index.remove(999, Lang::Ru).unwrap();
    index.commit().unwrap();
}

#[test]
fn clear_then_readd_gives_same_results() {
    let index = indexed(&corpus());
    let queries = ["bridges", "провинции", "Ha Tinh", "Lam", "coffee"];
    let before: Vec<_> = queries
        .iter()
        .map(|q| keys(&index.search(&query(q, None)).unwrap()))
        .collect();
    assert!(before.iter().all(|k| !k.is_empty()));

    index.clear().unwrap();
    index.commit().unwrap();
    assert_eq!(index.num_docs(), 0);
    assert_eq!(index.search(&query("Lam", None)).unwrap().total, 0);

    // Staged clear + re-adds in one commit: the rebuild path.
    for d in corpus() {
        index.upsert(&d).unwrap();
    }
    index.commit().unwrap();
    index.clear().unwrap();
    for d in corpus() {
        index.upsert(&d).unwrap();
    }
    // Before the commit the old documents are still served.
    assert_eq!(index.num_docs(), corpus().len() as u64);
    index.commit().unwrap();
    assert_eq!(index.num_docs(), corpus().len() as u64);
    let after: Vec<_> = queries
        .iter()
        .map(|q| keys(&index.search(&query(q, None)).unwrap()))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn snippet_highlights_and_escapes() {
    let hostile = doc(
        5,
        Lang::En,
        "Harbour reopens",
        "The lead mentions nothing special.",
        "Officials said <script>alert('x')</script> the harbour & docks reopened on Monday.",
    );
    let index = indexed(&[hostile]);
    let r = index.search(&query("docks", None)).unwrap();
    let html = &r.hits[0].snippet_html;
    assert!(html.contains("<mark>docks</mark>"), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(html.contains("&amp;"), "{html}");

    // A stemmed match highlights the surface form in the text.
    let r = index.search(&query("reopening", None)).unwrap();
    assert!(
        r.hits[0].snippet_html.contains("<mark>reopened</mark>"),
        "{}",
        r.hits[0].snippet_html
    );
}

#[test]
fn snippet_falls_back_to_lead() {
    let index = indexed(&corpus());
    // `Governor` is only in the Russian title; `визит` only in the lead.
    let r = index.search(&query("визит", Some(Lang::Ru))).unwrap();
    assert!(
        r.hits[0].snippet_html.contains("<mark>Визит</mark>"),
        "{}",
        r.hits[0].snippet_html
    );
    // A title-only match has no highlight in body or lead: the lead's
    // opening is shown, escaped, without marks.
    let r = index.search(&query("губернатор", Some(Lang::Ru))).unwrap();
    assert_eq!(r.hits[0].snippet_html, "Визит продлился два дня.");
}

#[test]
fn vietnamese_snippet_marks_accented_word_for_unaccented_query() {
    let index = indexed(&corpus());
    let r = index.search(&query("le hoi", Some(Lang::Vi))).unwrap();
    assert_eq!(keys(&r), [(3, Lang::Vi)]);
    let html = &r.hits[0].snippet_html;
    assert!(html.contains("<mark>Lễ</mark> <mark>hội</mark>"), "{html}");
}

#[test]
fn hostile_queries_do_not_error() {
    let index = indexed(&corpus());
    for q in [
        "\"unclosed",
        "title:",
        "(((",
        ")))",
        "",
        "   ",
        ":",
        "*",
        "-",
        "AND OR NOT",
        "bridge^",
        "bridge~",
        "[a TO",
        "published_at:[* TO",
        "article_id:abc",
        "lang:",
        "\\",
        "{}",
        "+-+-",
        "\u{0}",
        "<script>alert(1)</script>",
    ] {
        for lang in [None, Some(Lang::En), Some(Lang::Vi)] {
            let result = index.search(&query(q, lang));
            assert!(result.is_ok(), "query {q:?} lang {lang:?}: {result:?}");
        }
    }
    // Empty input is no results, not everything.
    assert_eq!(index.search(&query("", None)).unwrap().total, 0);
    // Lenient parsing keeps what it can: a stray quote still finds words.
    let r = index.search(&query("\"bridge", Some(Lang::En))).unwrap();
    assert_eq!(keys(&r), [(1, Lang::En)]);
}

#[test]
fn phrases_respect_word_order() {
    let index = indexed(&corpus());
    assert_eq!(
        index.search(&query("\"new bridge\"", None)).unwrap().total,
        1
    );
    assert_eq!(
        index.search(&query("\"bridge new\"", None)).unwrap().total,
        0
    );
}

#[test]
fn paging_counts_all_and_returns_a_window() {
    let docs: Vec<_> = (0..25)
        .map(|i| {
            doc(
                100 + i,
                Lang::En,
                &format!("Market report {i}"),
                "",
                "Rice prices.",
            )
        })
        .collect();
    let index = indexed(&docs);
    let mut seen = Vec::new();
    for page in 0..3 {
        let r = index
            .search(&SearchQuery {
                text: "rice".into(),
                lang: None,
                limit: 10,
                offset: page * 10,
            })
            .unwrap();
        assert_eq!(r.total, 25);
        assert_eq!(r.hits.len(), if page < 2 { 10 } else { 5 });
        seen.extend(r.hits.iter().map(|h| h.article_id));
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 25, "pages overlap or skip");

    let count_only = index
        .search(&SearchQuery {
            text: "rice".into(),
            lang: None,
            limit: 0,
            offset: 0,
        })
        .unwrap();
    assert_eq!((count_only.total, count_only.hits.len()), (25, 0));

    let too_deep = index.search(&SearchQuery {
        text: "rice".into(),
        lang: None,
        limit: 10,
        offset: usize::MAX,
    });
    assert!(
        matches!(too_deep, Err(SearchError::WindowTooLarge { .. })),
        "{too_deep:?}"
    );
}

#[test]
fn cjk_substrings_are_found() {
    let d = doc(8, Lang::Zh, "河静省新桥通车", "", "新桥连接两个县。");
    let index = indexed(&[d]);
    let r = index.search(&query("新桥", Some(Lang::Zh))).unwrap();
    assert_eq!(keys(&r), [(8, Lang::Zh)]);
    assert!(
        r.hits[0].snippet_html.contains("<mark>"),
        "{}",
        r.hits[0].snippet_html
    );
    assert_eq!(
        index.search(&query("桥新", Some(Lang::Zh))).unwrap().total,
        0
    );
}

#[test]
fn results_serialize_for_the_web() {
    let index = indexed(&corpus());
    let r = index.search(&query("bridge", Some(Lang::En))).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["total"], 1);
    assert_eq!(json["hits"][0]["lang"], "en");
    assert_eq!(json["hits"][0]["slug"], "article-1");
    assert!(json["hits"][0]["snippet_html"]
        .as_str()
        .unwrap()
        .contains("<mark>"));
}

#[test]
fn on_disk_index_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search");
    {
        let index = SearchIndex::open(&path).unwrap();
        for d in corpus() {
            index.upsert(&d).unwrap();
        }
        index.commit().unwrap();
        // A second writer on the same directory is refused clearly.
        let second = SearchIndex::open(&path);
        assert!(
            matches!(second, Err(SearchError::Locked { .. })),
            "{second:?}"
        );
    }
    let reopened = SearchIndex::open(&path).unwrap();
    assert_eq!(reopened.num_docs(), corpus().len() as u64);
    let r = reopened.search(&query("Ha Tinh", Some(Lang::Vi))).unwrap();
    assert_eq!(keys(&r), [(1, Lang::Vi), (3, Lang::Vi)]);
    let r = reopened.search(&query("bridges", Some(Lang::En))).unwrap();
    assert_eq!(keys(&r), [(1, Lang::En)]);
}

#[test]
fn fresh_on_disk_index_reopens_before_any_document() {
    let dir = tempfile::tempdir().unwrap();
    drop(SearchIndex::open(dir.path()).unwrap());
    let reopened = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(reopened.num_docs(), 0);
}

#[test]
fn foreign_index_is_a_schema_mismatch() {
    let dir = tempfile::tempdir().unwrap();
    // An index some other program (or an older loa) left in the directory.
    {
        let mut builder = tantivy_schema_builder();
        builder.add_text_field("something_else", tantivy::schema::TEXT);
        let index = tantivy::Index::create_in_dir(dir.path(), builder.build()).unwrap();
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        writer.commit().unwrap();
    }
    let err = SearchIndex::open(dir.path()).unwrap_err();
    assert!(matches!(err, SearchError::SchemaMismatch { .. }), "{err:?}");
    assert!(err.to_string().contains("loa reindex"), "{err}");
}

fn tantivy_schema_builder() -> tantivy::schema::SchemaBuilder {
    tantivy::schema::Schema::builder()
}
