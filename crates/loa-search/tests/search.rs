//! Behaviour of the search index against real tantivy indexes, in RAM and
//! on disk.

use chrono::{TimeZone, Utc};
use loa_domain::Lang;
use loa_search::{EditionDoc, FacetRequest, SearchError, SearchIndex, SearchQuery, SearchResults, LOOSE_MATCHING_BELOW};

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
        published_at: Utc.with_ymd_and_hms(2024, 5, 1 + article_id as u32 % 20, 8, 30, 0).unwrap(),
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
    SearchQuery { text: text.into(), lang, limit: 20, ..Default::default() }
}

fn keys(results: &SearchResults) -> Vec<(i64, Lang)> {
    let mut k: Vec<_> = results.hits.iter().map(|h| (h.article_id, h.lang)).collect();
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
    assert_eq!(hit.published_at, Utc.with_ymd_and_hms(2024, 5, 2, 8, 30, 0).unwrap());
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
    let nfd = doc(6, Lang::Vi, "Bão đổ bộ Ha\u{300} Ti\u{303}nh", "", "Mưa lớn ở Ha\u{300} Ti\u{303}nh.");
    let mut docs = corpus();
    docs.push(nfd);
    let index = indexed(&docs);
    let plain = index.search(&query("Ha Tinh", Some(Lang::Vi))).unwrap();
    assert_eq!(keys(&plain), [(1, Lang::Vi), (3, Lang::Vi), (6, Lang::Vi)]);
    let decomposed_query = index.search(&query("Ha\u{300} Ti\u{303}nh", Some(Lang::Vi))).unwrap();
    assert_eq!(keys(&decomposed_query), keys(&plain));
    let hit = plain.hits.iter().find(|h| h.article_id == 6).unwrap();
    assert!(hit.snippet_html.contains("<mark>Hà</mark> <mark>Tĩnh</mark>"), "{}", hit.snippet_html);
}

#[test]
fn terms_are_combined_with_and() {
    let index = indexed(&corpus());
    let r = index.search(&query("bridge coffee", Some(Lang::En))).unwrap();
    assert_eq!(r.total, 0, "no edition mentions both");
    let r = index.search(&query("bridge OR coffee", Some(Lang::En))).unwrap();
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
    let sneaky = index.search(&query("title_en:bridge", Some(Lang::Es))).unwrap();
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
    let mut changed = doc(4, Lang::En, "Tea harvest begins", "Farmers expect rain.", "Tea leaves.");
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
    index.upsert(&doc(9, Lang::En, "Typhoon warning", "", "Storm nears the coast.")).unwrap();
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
    let before: Vec<_> = queries.iter().map(|q| keys(&index.search(&query(q, None)).unwrap())).collect();
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
    let after: Vec<_> = queries.iter().map(|q| keys(&index.search(&query(q, None)).unwrap())).collect();
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
    assert!(r.hits[0].snippet_html.contains("<mark>reopened</mark>"), "{}", r.hits[0].snippet_html);
}

#[test]
fn snippet_falls_back_to_lead() {
    let index = indexed(&corpus());
    // `Governor` is only in the Russian title; `визит` only in the lead.
    let r = index.search(&query("визит", Some(Lang::Ru))).unwrap();
    assert!(r.hits[0].snippet_html.contains("<mark>Визит</mark>"), "{}", r.hits[0].snippet_html);
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
    assert_eq!(index.search(&query("\"new bridge\"", None)).unwrap().total, 1);
    assert_eq!(index.search(&query("\"bridge new\"", None)).unwrap().total, 0);
}

#[test]
fn paging_counts_all_and_returns_a_window() {
    let docs: Vec<_> = (0..25).map(|i| doc(100 + i, Lang::En, &format!("Market report {i}"), "", "Rice prices.")).collect();
    let index = indexed(&docs);
    let mut seen = Vec::new();
    for page in 0..3 {
        let r = index
            .search(&SearchQuery { text: "rice".into(), lang: None, limit: 10, offset: page * 10, ..Default::default() })
            .unwrap();
        assert_eq!(r.total, 25);
        assert_eq!(r.hits.len(), if page < 2 { 10 } else { 5 });
        seen.extend(r.hits.iter().map(|h| h.article_id));
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 25, "pages overlap or skip");

    let count_only = index.search(&SearchQuery { text: "rice".into(), lang: None, limit: 0, ..Default::default() }).unwrap();
    assert_eq!((count_only.total, count_only.hits.len()), (25, 0));

    let too_deep =
        index.search(&SearchQuery { text: "rice".into(), lang: None, limit: 10, offset: usize::MAX, ..Default::default() });
    assert!(matches!(too_deep, Err(SearchError::WindowTooLarge { .. })), "{too_deep:?}");
}

#[test]
fn cjk_substrings_are_found() {
    let d = doc(8, Lang::Zh, "河静省新桥通车", "", "新桥连接两个县。");
    let index = indexed(&[d]);
    let r = index.search(&query("新桥", Some(Lang::Zh))).unwrap();
    assert_eq!(keys(&r), [(8, Lang::Zh)]);
    assert!(r.hits[0].snippet_html.contains("<mark>"), "{}", r.hits[0].snippet_html);
    assert_eq!(index.search(&query("桥新", Some(Lang::Zh))).unwrap().total, 0);
}

#[test]
fn results_serialize_for_the_web() {
    let index = indexed(&corpus());
    let r = index.search(&query("bridge", Some(Lang::En))).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["total"], 1);
    assert_eq!(json["hits"][0]["lang"], "en");
    assert_eq!(json["hits"][0]["slug"], "article-1");
    assert!(json["hits"][0]["snippet_html"].as_str().unwrap().contains("<mark>"));
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
        assert!(matches!(second, Err(SearchError::Locked { .. })), "{second:?}");
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

// ---- Matching as typed, typos, prefixes ----

#[test]
fn exact_diacritics_rank_above_folded_matches() {
    // Same words, same lengths; only the diacritics differ.
    let accented = doc(20, Lang::Vi, "Mưa lớn ở Hà Tĩnh", "", "Nước sông dâng cao ở Hà Tĩnh.");
    let plain = doc(21, Lang::Vi, "Mưa lớn ở Ha Tinh", "", "Nước sông dâng cao ở Ha Tinh.");
    let index = indexed(&[accented, plain]);

    let r = index.search(&query("Hà Tĩnh", Some(Lang::Vi))).unwrap();
    assert_eq!(r.total, 2, "the accented query still finds the unaccented text");
    assert_eq!(r.hits[0].article_id, 20, "{:?}", r.hits);
    assert!(r.hits[0].score > r.hits[1].score);

    let r = index.search(&query("Ha Tinh", Some(Lang::Vi))).unwrap();
    assert_eq!(r.total, 2, "the unaccented query finds Hà Tĩnh");
    assert_eq!(r.hits[0].article_id, 21, "{:?}", r.hits);
    assert!(r.hits[0].score > r.hits[1].score);

    // Quoted phrases likewise, in every search mode.
    for facets in [FacetRequest::ALL, FacetRequest::NONE] {
        for (q, first) in [("\"Hà Tĩnh\"", 20), ("\"Ha Tinh\"", 21)] {
            let r = index.search_with(&query(q, Some(Lang::Vi)), facets).unwrap();
            assert_eq!(r.total, 2, "{q}");
            assert_eq!(r.hits[0].article_id, first, "{q}: {:?}", r.hits);
            assert!(r.hits[0].score > r.hits[1].score, "{q}: {:?}", r.hits);
        }
    }
    // The words as typed but not in that order earn no bonus.
    let r = index.search(&query("\"Tĩnh Hà\"", Some(Lang::Vi))).unwrap();
    assert_eq!(r.total, 0);
}

#[test]
fn explicit_and_automatic_prefixes_complete_words() {
    let index = indexed(&corpus());
    let r = index.search(&query("bridg*", Some(Lang::En))).unwrap();
    assert_eq!(keys(&r), [(1, Lang::En)]);
    // The last word of a query still being typed is completed...
    let r = index.search(&query("coff", Some(Lang::En))).unwrap();
    assert_eq!(keys(&r), [(4, Lang::En)]);
    let r = index.search(&query("harvest highl", Some(Lang::En))).unwrap();
    assert_eq!(keys(&r), [(4, Lang::En)]);
    // ...but not once a space says it is finished, nor an earlier word.
    assert_eq!(index.search(&query("coff ", Some(Lang::En))).unwrap().total, 0);
    assert_eq!(index.search(&query("coff beans", Some(Lang::En))).unwrap().total, 0);
    // Prefixes work without diacritics in Vietnamese.
    let r = index.search(&query("khanh than", Some(Lang::Vi))).unwrap();
    assert_eq!(keys(&r), [(1, Lang::Vi)]);
}

#[test]
fn typos_in_long_words_are_forgiven_and_rank_below_exact_matches() {
    let mut engineers = doc(30, Lang::En, "Engineers inspect the dam", "", "The engineers said the dam is safe.");
    engineers.published_at = Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap();
    let index = indexed(&[
        engineers,
        doc(31, Lang::En, "A bridle for the horse", "", "The bridle was made of leather."),
        doc(32, Lang::En, "A bridge for the village", "", "The bridge was made of steel."),
    ]);
    // One transposition in a six-letter word.
    let r = index.search(&query("brigde ", Some(Lang::En))).unwrap();
    assert_eq!(r.hits[0].article_id, 32, "{:?}", r.hits);
    // `bridle` is itself a word: its exact match ranks above the
    // one-letter-off `bridge`.
    let r = index.search(&query("bridle ", Some(Lang::En))).unwrap();
    assert_eq!(r.hits.iter().map(|h| h.article_id).collect::<Vec<_>>(), [31, 32]);
    // Two edits allowed from nine characters, one below.
    let r = index.search(&query("enjineerz ", Some(Lang::En))).unwrap();
    assert_eq!(keys(&r), [(30, Lang::En)]);
    assert_eq!(index.search(&query("enjineer ", Some(Lang::En))).unwrap().total, 0);
    // Short words must match exactly.
    assert_eq!(index.search(&query("dan ", Some(Lang::En))).unwrap().total, 0);
    // Quoted words are taken literally.
    assert_eq!(index.search(&query("\"brigde\"", Some(Lang::En))).unwrap().total, 0);
}

#[test]
fn typos_and_completions_only_widen_searches_that_find_little() {
    // Enough stories spelled `bridge` to answer a query on their own, and
    // one about a `bridle`, one letter away.
    let mut docs: Vec<EditionDoc> = (0..LOOSE_MATCHING_BELOW as i64)
        .map(|i| doc(100 + i, Lang::En, &format!("A bridge for village {i}"), "", "The bridge was made of steel."))
        .collect();
    docs.push(doc(110, Lang::En, "A bridle for the horse", "", "The bridle was made of leather."));
    docs.push(doc(111, Lang::En, "Bridgetown celebrates", "", "Music filled the streets of Bridgetown."));
    let index = indexed(&docs);
    let ids = |q: &str| -> Vec<i64> {
        let mut ids: Vec<i64> = index.search(&query(q, Some(Lang::En))).unwrap().hits.iter().map(|h| h.article_id).collect();
        ids.sort();
        ids
    };
    let bridges: Vec<i64> = (0..LOOSE_MATCHING_BELOW as i64).map(|i| 100 + i).collect();
    // Plenty found as typed: no `bridle` for `bridge`, no `Bridgetown`
    // for a last word that may still be typed.
    assert_eq!(ids("bridge "), bridges);
    assert_eq!(ids("bridge"), bridges);
    // Too few found as typed: the typo-tolerant search takes over, exact
    // match first.
    let r = index.search(&query("bridle ", Some(Lang::En))).unwrap();
    assert_eq!(r.hits[0].article_id, 110, "{:?}", r.hits);
    assert_eq!(r.total, 1 + LOOSE_MATCHING_BELOW, "{:?}", r.hits);
    // Nothing found as typed: the last word is completed.
    assert_eq!(ids("bridgeto"), [111]);
    // An explicit prefix is always expanded, however much the word finds.
    let mut with_prefix = bridges.clone();
    with_prefix.push(111);
    assert_eq!(ids("bridge*"), with_prefix);
}

#[test]
fn facets_are_counted_only_when_asked_for() {
    let index = indexed(&newsroom());
    let base = SearchQuery { text: "flood".into(), lang: Some(Lang::En), limit: 2, ..Default::default() };
    let all = index.search(&base).unwrap();
    assert_eq!(index.search_with(&base, FacetRequest::ALL).unwrap(), all);
    assert_eq!(counts(&all.facets.lang), [("en", 4), ("ru", 1)]);

    // Without facets: the same total, page and snippets, and no counts.
    let bare = index.search_with(&base, FacetRequest::NONE).unwrap();
    assert_eq!(bare.total, all.total);
    assert_eq!(
        bare.hits.iter().map(|h| h.article_id).collect::<Vec<_>>(),
        all.hits.iter().map(|h| h.article_id).collect::<Vec<_>>()
    );
    assert_eq!(
        bare.hits.iter().map(|h| &h.snippet_html).collect::<Vec<_>>(),
        all.hits.iter().map(|h| &h.snippet_html).collect::<Vec<_>>()
    );
    assert_eq!(bare.facets, loa_search::Facets::default());

    // Some facets: only those.
    let places_only = FacetRequest { place: true, ..FacetRequest::NONE };
    let r = index.search_with(&base, places_only).unwrap();
    assert_eq!(r.facets.place, all.facets.place);
    assert!(r.facets.category.is_empty() && r.facets.author.is_empty() && r.facets.lang.is_empty());

    // Counting languages in a one-language search neither lets other
    // languages into the results nor changes the counts an unrestricted
    // search gives.
    let langs_only = FacetRequest { lang: true, ..FacetRequest::NONE };
    let r = index.search_with(&SearchQuery { limit: 20, ..base.clone() }, langs_only).unwrap();
    assert_eq!(r.total, 4);
    assert!(r.hits.iter().all(|h| h.lang == Lang::En), "{:?}", r.hits);
    let everywhere = index.search(&SearchQuery { lang: None, ..base.clone() }).unwrap();
    assert_eq!(r.facets.lang, everywhere.facets.lang);
    assert!(r.facets.category.is_empty());

    // A results page of nothing still counts.
    let r = index.search(&SearchQuery { limit: 0, ..base.clone() }).unwrap();
    assert_eq!((r.total, r.hits.len()), (4, 0));
    assert_eq!(r.facets, all.facets);
}

#[test]
fn optimize_merges_segments_and_keeps_everything_findable() {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open(dir.path()).unwrap();
    // One commit per story: a segment each.
    for d in corpus() {
        index.upsert(&d).unwrap();
        index.commit().unwrap();
    }
    index.remove(4, Lang::En).unwrap();
    index.commit().unwrap();
    let before = index.search(&query("bridge", None)).unwrap();
    assert!(index.num_segments() > 1, "{} segments", index.num_segments());

    index.optimize().unwrap();
    assert_eq!(index.num_segments(), 1);
    assert_eq!(index.num_docs(), corpus().len() as u64 - 1, "the removed story stays removed");
    assert_eq!(keys(&index.search(&query("bridge", None)).unwrap()), keys(&before));
    assert_eq!(index.search(&query("coffee ", None)).unwrap().total, 0);
    index.optimize().unwrap();
    assert_eq!(index.num_segments(), 1, "optimizing one segment is a no-op");

    // The merged index still carries the version stamp.
    drop(index);
    let reopened = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(reopened.num_segments(), 1);
    assert_eq!(keys(&reopened.search(&query("bridge", None)).unwrap()), keys(&before));
}

#[test]
fn ukrainian_case_forms_match() {
    let index = indexed(&[doc(
        40,
        Lang::Uk,
        "Губернатор відвідав провінцію",
        "",
        "Економіка провінції зростає разом із новими дорогами.",
    )]);
    for q in ["провінція ", "провінцією ", "нова дорога "] {
        let r = index.search(&query(q, Some(Lang::Uk))).unwrap();
        assert_eq!(keys(&r), [(40, Lang::Uk)], "query {q}");
    }
}

// ---- Filters, facets, order ----

fn newsroom() -> Vec<EditionDoc> {
    let mut docs = Vec::new();
    let stories = [
        (50, Lang::En, "local", "Kiều Minh", vec!["Hà Tĩnh"], (2024, 3, 1), "Flood defences tested in Hà Tĩnh"),
        (51, Lang::En, "local", "Kiều Minh", vec!["Hà Tĩnh", "Vinh"], (2024, 3, 5), "Flood relief reaches Vinh"),
        (52, Lang::En, "news", "Lan Anh", vec!["Huế"], (2024, 4, 2), "Flood warning for Huế"),
        (53, Lang::En, "travel", "Lan Anh", vec![], (2024, 5, 9), "After the flood, tourists return"),
        (54, Lang::Ru, "local", "Kiều Minh", vec!["Hà Tĩnh"], (2024, 3, 2), "Наводнение в Хатине"),
    ];
    for (id, lang, category, author, places, (y, m, d), title) in stories {
        let mut e = doc(id, lang, title, "", &format!("{title}. Flood наводнение."));
        e.category = category.into();
        e.author = Some(author.into());
        e.places = places.into_iter().map(String::from).collect();
        e.published_at = Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap();
        docs.push(e);
    }
    docs
}

fn counts(facet: &[loa_search::FacetCount]) -> Vec<(&str, u64)> {
    facet.iter().map(|c| (c.value.as_str(), c.count)).collect()
}

#[test]
fn filters_narrow_results_and_facets_count_every_page() {
    let index = indexed(&newsroom());
    let base = SearchQuery { text: "flood".into(), lang: Some(Lang::En), limit: 1, ..Default::default() };
    let r = index.search(&base).unwrap();
    assert_eq!(r.total, 4);
    assert_eq!(r.hits.len(), 1, "one per page, but facets count all four");
    assert_eq!(counts(&r.facets.category), [("local", 2), ("news", 1), ("travel", 1)]);
    assert_eq!(counts(&r.facets.author), [("Kiều Minh", 2), ("Lan Anh", 2)]);
    assert_eq!(counts(&r.facets.place), [("Hà Tĩnh", 2), ("Huế", 1), ("Vinh", 1)]);
    // The language facet ignores the language filter: it shows what a
    // reader would find by switching.
    assert_eq!(counts(&r.facets.lang), [("en", 4), ("ru", 1)]);

    let ids = |q: &SearchQuery| -> Vec<i64> {
        let mut ids: Vec<i64> =
            index.search(&SearchQuery { limit: 20, ..q.clone() }).unwrap().hits.iter().map(|h| h.article_id).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&SearchQuery { category: Some("local".into()), ..base.clone() }), [50, 51]);
    assert_eq!(ids(&SearchQuery { author: Some("Lan Anh".into()), ..base.clone() }), [52, 53]);
    assert_eq!(ids(&SearchQuery { place: Some("Hà Tĩnh".into()), ..base.clone() }), [50, 51]);
    assert_eq!(ids(&SearchQuery { place: Some("Nowhere".into()), ..base.clone() }), Vec::<i64>::new());
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    assert_eq!(
        ids(&SearchQuery { from: Some(day(3, 5)), to: Some(day(4, 2)), ..base.clone() }),
        [51, 52],
        "both ends of the range are inclusive days"
    );
    assert_eq!(ids(&SearchQuery { from: Some(day(5, 1)), ..base.clone() }), [53]);
    assert_eq!(ids(&SearchQuery { to: Some(day(3, 1)), ..base.clone() }), [50]);
    assert_eq!(ids(&SearchQuery { lang: None, place: Some("Hà Tĩnh".into()), ..base.clone() }), [50, 51, 54]);
    let backwards = index.search(&SearchQuery { from: Some(day(5, 1)), to: Some(day(3, 1)), ..base.clone() });
    assert!(matches!(backwards, Err(SearchError::EmptyDateRange { .. })), "{backwards:?}");

    // A facet filtered on counts within the filter.
    let r = index.search(&SearchQuery { category: Some("local".into()), ..base.clone() }).unwrap();
    assert_eq!(counts(&r.facets.category), [("local", 2)]);
    assert_eq!(counts(&r.facets.lang), [("en", 2), ("ru", 1)]);
}

#[test]
fn date_order_is_newest_first_and_preferred_language_leads() {
    let index = indexed(&newsroom());
    let by_date = index
        .search(&SearchQuery {
            text: "flood".into(),
            lang: Some(Lang::En),
            sort: loa_search::SortOrder::Date,
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    let dates: Vec<_> = by_date.hits.iter().map(|h| h.published_at).collect();
    assert_eq!(dates.len(), 4);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(by_date.hits[0].article_id, 53);
    assert!(by_date.hits.iter().all(|h| h.score > 0.0), "scores are kept");

    // Every language, Russian first.
    let r = index
        .search(&SearchQuery {
            text: "наводнение OR flood".into(), prefer_lang: Some(Lang::Ru), limit: 10, ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total, 5);
    assert_eq!(r.hits[0].lang, Lang::Ru, "{:?}", r.hits);
    assert!(r.hits[1..].iter().all(|h| h.lang == Lang::En));
    // Hits carry their metadata.
    assert_eq!(r.hits[0].category, "local");
    assert_eq!(r.hits[0].author.as_deref(), Some("Kiều Minh"));
    assert_eq!(r.hits[0].places, ["Hà Tĩnh"]);
}

// ---- Related stories ----

#[test]
fn similar_finds_the_same_subject_but_never_itself_or_copies() {
    let typhoon = doc(
        60,
        Lang::En,
        "Typhoon Yagi floods rice fields in Hà Tĩnh",
        "Farmers count losses after the storm.",
        "Typhoon Yagi brought heavy rain to the province. Rice fields along the river were flooded \
         and farmers lost most of the harvest. Dykes held in the lower districts.",
    );
    // The same wire story under another article id, one word changed.
    let mut copy = typhoon.clone();
    copy.article_id = 61;
    copy.slug = "article-61".into();
    copy.body = copy.body.replace("most of", "much of");
    let aftermath = doc(
        62,
        Lang::En,
        "After typhoon Yagi, farmers replant rice",
        "Seed is handed out in flooded districts.",
        "Weeks after typhoon Yagi flooded the fields, farmers are replanting rice with seed from \
         the province.",
    );
    let dykes = doc(
        63,
        Lang::En,
        "Province to raise river dykes before the rainy season",
        "",
        "Engineers will raise the dykes along the river, which held during the typhoon.",
    );
    let unrelated = doc(
        64,
        Lang::En,
        "Coffee prices rise in the highlands",
        "",
        "Traders in the highlands paid more for coffee beans this week.",
    );
    let russian = doc(65, Lang::Ru, "Тайфун Яги затопил рисовые поля", "", "Тайфун Яги принёс дожди.");
    let mut topical = doc(66, Lang::En, "Weather service reorganised", "", "The weather office moves.");
    topical.topics = vec!["typhoon".into(), "weather".into()];
    let mut source = typhoon;
    source.topics = vec!["typhoon".into(), "weather".into()];
    let index = indexed(&[source, copy, aftermath, dykes, unrelated, russian, topical]);

    let related = index.similar(60, Lang::En, 5).unwrap();
    let ids: Vec<i64> = related.iter().map(|h| h.article_id).collect();
    assert!(!ids.contains(&60), "never the story itself: {ids:?}");
    assert!(!ids.contains(&61), "never a near-copy: {ids:?}");
    assert!(!ids.contains(&64), "coffee is not related: {ids:?}");
    assert!(!ids.contains(&65), "only the edition's language: {ids:?}");
    assert_eq!(ids.first(), Some(&62), "the aftermath story is the closest: {ids:?}");
    assert!(ids.contains(&63), "{ids:?}");
    assert!(ids.contains(&66), "shared topics relate stories: {ids:?}");
    assert!(related.iter().all(|h| h.lang == Lang::En && !h.title.is_empty()));

    assert_eq!(index.similar(60, Lang::En, 1).unwrap().len(), 1);
    assert!(index.similar(60, Lang::Vi, 5).unwrap().is_empty(), "no such edition");
    assert!(index.similar(999, Lang::En, 5).unwrap().is_empty());
    // The Russian edition has no other Russian story to relate to.
    assert!(index.similar(65, Lang::Ru, 5).unwrap().is_empty());

    // Answers are remembered per commit: a story removed (withdrawn) leaves
    // the list at the next commit, one added joins it.
    assert_eq!(index.similar(60, Lang::En, 5).unwrap(), related, "the same answer again");
    assert_eq!(index.remembered_similar(60, Lang::En, 5), Some(related.clone()));
    assert_eq!(index.remembered_similar(63, Lang::En, 5), None, "not asked yet");
    index.remove(62, Lang::En).unwrap();
    assert_eq!(index.similar(60, Lang::En, 5).unwrap(), related, "not committed yet");
    index.commit().unwrap();
    assert_eq!(index.remembered_similar(60, Lang::En, 5), None, "forgotten at the commit");
    let after: Vec<i64> = index.similar(60, Lang::En, 5).unwrap().iter().map(|h| h.article_id).collect();
    assert!(!after.contains(&62) && after.contains(&63), "{after:?}");
    index
        .upsert(&doc(
            67,
            Lang::En,
            "Typhoon Yagi: farmers count the flooded rice fields",
            "",
            "Typhoon Yagi flooded rice fields; farmers replant.",
        ))
        .unwrap();
    index.commit().unwrap();
    let joined: Vec<i64> = index.similar(60, Lang::En, 5).unwrap().iter().map(|h| h.article_id).collect();
    assert!(joined.contains(&67), "{joined:?}");
}

#[test]
fn search_and_similar_timings_on_a_thousand_editions() {
    let words = [
        "flood", "rice", "harvest", "bridge", "school", "market", "festival", "typhoon", "road", "hospital", "coffee", "fishing",
        "port", "train", "tourism", "election", "budget", "river",
    ];
    let docs: Vec<EditionDoc> = (0..1000)
        .map(|i| {
            let pick = |k: usize| words[(i * 7 + k * 13) % words.len()];
            let body: Vec<String> = (0..60).map(|k| pick(k).to_string()).collect();
            let mut d = doc(1000 + i as i64, Lang::En, &format!("{} and {} news {i}", pick(1), pick(2)), "", &body.join(" "));
            d.category = ["local", "news", "travel"][i % 3].into();
            d
        })
        .collect();
    let index = indexed(&docs);
    let start = std::time::Instant::now();
    let r = index.search(&SearchQuery { text: "flood harvst".into(), ..Default::default() }).unwrap();
    let search_time = start.elapsed();
    assert!(r.total > 0);
    let start = std::time::Instant::now();
    let related = index.similar(1000, Lang::En, 5).unwrap();
    let similar_time = start.elapsed();
    assert!(!related.iter().any(|h| h.article_id == 1000));
    eprintln!("1000 editions: search {search_time:?}, similar {similar_time:?}");
}

#[test]
fn the_change_log_position_is_committed_with_the_documents() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(index.position(), None, "a new index was never built from the log");
        index.commit().unwrap();
        assert_eq!(index.position(), None);
        index.commit_at(41).unwrap();
        index.commit().unwrap();
        assert_eq!(index.position(), Some(41), "a plain commit keeps the position");
    }
    let reopened = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(reopened.position(), Some(41), "the position survives a restart");
}
