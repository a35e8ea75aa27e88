use chrono::{Duration, TimeZone, Utc};
use loa_domain::{Block, Category, Edition, EditionStatus, Figure, Lang, NewArticle};
use loa_store::testing::{new_article, TestStore};
use loa_store::{InsertOutcome, JobKind, Requeue, SuppliedEdition};
use serde_json::json;

fn article(url: &str, title: &str, body: &str) -> NewArticle {
    NewArticle {
        blocks: vec![
            Block::Paragraph { text: body.into(), marks: vec![] },
            Block::Figure(Figure {
                src: "/media/a.svg".into(),
                alt: "a harbour at dawn".into(),
                caption: "The harbour".into(),
                width: None,
                height: None,
                renditions: Vec::new(),
            }),
        ],
        author: Some("Trần Thu Hà".into()),
        category: Category::from_slug("travel").unwrap(),
        places: vec!["Huế".into()],
        topics: vec!["tourism".into(), "rivers".into()],
        published_at: Some(Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap()),
        ..new_article(url, title)
    }
}

async fn insert_enqueues_translations_and_logs_the_change_in_one_go(t: TestStore) {
    let store = t.store.clone();
    let out = store
        .insert_article(
            &article("http://o/1", "Boats on the Perfume River", "Some 120 boats."),
            &[],
            &[Lang::Es, Lang::Ca, Lang::En],
        )
        .await
        .unwrap();
    let id = match out {
        InsertOutcome::Inserted(id) => id,
        other => panic!("expected insert, got {other:?}"),
    };
    // The original's language is never a translation target.
    assert_eq!(store.job_counts(JobKind::TranslateEdition).await.unwrap().pending, 2);
    // One change logged for the one edition written, for the indexes to follow.
    let changes = store.changes_since(0, 10).await.unwrap();
    assert_eq!(changes.iter().map(|c| (c.article_id, c.lang)).collect::<Vec<_>>(), vec![(id, Lang::En)]);
    assert_eq!(store.last_change().await.unwrap(), changes[0].seq);
    let a = store.article(id).await.unwrap().unwrap();
    assert_eq!(a.slug, "boats-on-the-perfume-river");
    assert_eq!(a.author.unwrap().slug, "tran-thu-ha");
    assert_eq!(a.provenance.len(), 1);
    assert_eq!(a.provenance[0].url, "http://o/1");
}

async fn same_url_and_same_text_are_duplicates_with_provenance(t: TestStore) {
    let store = t.store.clone();
    let first = store.insert_article(&article("http://o/1", "Title", "Body text here."), &[], &[]).await.unwrap();
    let again = store.insert_article(&article("http://o/1", "Title", "Body text here."), &[], &[]).await.unwrap();
    assert_eq!(again, InsertOutcome::Duplicate(first.article_id()));
    let mut other_outlet = article("http://other/9", "Title", "Body   text HERE.");
    other_outlet.outlet = "Other Daily".into();
    let copy = store.insert_article(&other_outlet, &[], &[]).await.unwrap();
    assert_eq!(copy, InsertOutcome::Duplicate(first.article_id()));
    let a = store.article(first.article_id()).await.unwrap().unwrap();
    let outlets: Vec<_> = a.provenance.iter().map(|p| p.outlet.as_str()).collect();
    assert_eq!(outlets, ["Test Herald", "Other Daily"]);
    assert_eq!(store.article_count().await.unwrap(), 1);
}

async fn slugs_stay_unique(t: TestStore) {
    let store = t.store.clone();
    let a = store.insert_article(&article("http://o/1", "Same title", "one"), &[], &[]).await.unwrap();
    let b = store.insert_article(&article("http://o/2", "Same title", "two"), &[], &[]).await.unwrap();
    let sa = store.article(a.article_id()).await.unwrap().unwrap().slug;
    let sb = store.article(b.article_id()).await.unwrap().unwrap().slug;
    assert_eq!(sa, "same-title");
    assert_eq!(sb, "same-title-2");
}

async fn supplied_editions_are_published_and_not_translated_again(t: TestStore) {
    let store = t.store.clone();
    let mut vi = article("http://o/vi/1", "Cầu mới ở Hà Tĩnh", "Cây cầu dài 1.200 mét.");
    vi.lang = Lang::Vi;
    let supplied = SuppliedEdition {
        lang: Lang::En,
        url: "http://o/en/1".into(),
        title: "A new bridge in Hà Tĩnh".into(),
        lead: "".into(),
        blocks: vec![Block::Paragraph { text: "The bridge is 1,200 metres long.".into(), marks: vec![] }],
    };
    let id = store.insert_article(&vi, &[supplied], &[Lang::En, Lang::Es]).await.unwrap().article_id();
    assert_eq!(store.public_langs(id).await.unwrap(), vec![Lang::Vi, Lang::En]);
    assert_eq!(store.job_counts(JobKind::TranslateEdition).await.unwrap().pending, 1);
    assert_eq!(store.edition(id, Lang::En).await.unwrap().unwrap().engine, "outlet");
}

async fn failed_editions_are_not_public(t: TestStore) {
    let store = t.store.clone();
    let id = store.insert_article(&article("http://o/1", "T", "B"), &[], &[]).await.unwrap().article_id();
    let orig = store.edition(id, Lang::En).await.unwrap().unwrap();
    let failed = Edition {
        lang: Lang::Ca,
        status: EditionStatus::Failed,
        failure: Some("engine returned empty text".into()),
        engine: "apertium:eng-cat".into(),
        ..orig.clone()
    };
    store.save_edition(&failed).await.unwrap();
    let published = Edition { lang: Lang::Es, status: EditionStatus::Published, engine: "apertium:eng-spa".into(), ..orig };
    store.save_edition(&published).await.unwrap();
    assert_eq!(store.public_langs(id).await.unwrap(), vec![Lang::En, Lang::Es]);
    assert!(store.latest(Lang::Ca, 10, 0).await.unwrap().cards.is_empty());
    assert_eq!(store.latest(Lang::Es, 10, 0).await.unwrap().total, 1);
    let sitemap = store.sitemap().await.unwrap();
    assert_eq!(sitemap.len(), 1);
    assert_eq!(sitemap[0].langs, vec![Lang::En, Lang::Es]);
    assert_eq!(store.edition(id, Lang::Ca).await.unwrap().unwrap().failure.as_deref(), Some("engine returned empty text"));
}

async fn jobs_are_idempotent_and_survive_a_dead_worker(mut t: TestStore) {
    let store = t.store.clone();
    let payload = json!({"url": "http://o/1"});
    store.enqueue(JobKind::FetchArticle, "http://o/1", &payload, Requeue::IfAbsent).await.unwrap();
    store.enqueue(JobKind::FetchArticle, "http://o/1", &payload, Requeue::IfAbsent).await.unwrap();
    assert_eq!(store.job_counts(JobKind::FetchArticle).await.unwrap().pending, 1);

    // A worker claims it with a lease and dies without finishing.
    let job = store.claim_job(&[JobKind::FetchArticle], Duration::milliseconds(50)).await.unwrap().unwrap();
    assert_eq!(job.payload, payload);
    assert!(store.claim_job(&[JobKind::FetchArticle], Duration::seconds(60)).await.unwrap().is_none());
    store.close().await;

    // After a restart and the lease's end, the job is due again.
    tokio::time::sleep(std::time::Duration::from_millis(80)).await;
    t.reopen().await;
    let store = t.store.clone();
    let again = store.claim_job(&[JobKind::FetchArticle], Duration::seconds(60)).await.unwrap().unwrap();
    assert_eq!(again.id, job.id);
    assert_eq!(again.attempts, 2);
    store.complete_job(again.id).await.unwrap();
    assert_eq!(store.job_counts(JobKind::FetchArticle).await.unwrap().done, 1);
    // Done and enqueued IfAbsent again: nothing to do.
    store.enqueue(JobKind::FetchArticle, "http://o/1", &payload, Requeue::IfAbsent).await.unwrap();
    assert_eq!(store.job_counts(JobKind::FetchArticle).await.unwrap().pending, 0);
    // Requeue::Again brings it back.
    store.enqueue(JobKind::FetchArticle, "http://o/1", &payload, Requeue::Again).await.unwrap();
    assert_eq!(store.job_counts(JobKind::FetchArticle).await.unwrap().pending, 1);
}

async fn failures_back_off_then_stay_failed_with_reason(t: TestStore) {
    let store = t.store.clone();
    store.enqueue(JobKind::TranslateEdition, "1:es", &json!({}), Requeue::IfAbsent).await.unwrap();
    let job = store.claim_job(&[JobKind::TranslateEdition], Duration::seconds(60)).await.unwrap().unwrap();
    store.fail_job(job.id, "pipeline died", true).await.unwrap();
    // Backed off: not due right now.
    assert!(store.claim_job(&[JobKind::TranslateEdition], Duration::seconds(60)).await.unwrap().is_none());
    assert_eq!(store.job_counts(JobKind::TranslateEdition).await.unwrap().pending, 1);
    store.fail_job(job.id, "engine returned nothing", false).await.unwrap();
    let failed = store.failed_jobs(10).await.unwrap();
    assert_eq!(failed, vec![(JobKind::TranslateEdition, "1:es".to_string(), "engine returned nothing".to_string())]);
}

async fn related_lists_exclude_the_article_itself(t: TestStore) {
    let store = t.store.clone();
    let a = store.insert_article(&article("http://o/1", "Alpha", "one"), &[], &[]).await.unwrap().article_id();
    let mut other = article("http://o/2", "Beta", "two");
    other.topics = vec!["rivers".into()];
    let b = store.insert_article(&other, &[], &[]).await.unwrap().article_id();
    let mut unrelated = article("http://o/3", "Gamma", "three");
    unrelated.topics = vec!["football".into()];
    unrelated.category = Category::from_slug("business").unwrap();
    unrelated.author = Some("Lê Quang Minh".into());
    store.insert_article(&unrelated, &[], &[]).await.unwrap();
    let art = store.article(a).await.unwrap().unwrap();
    let topic: Vec<_> = store.same_topic(&art, Lang::En, 5).await.unwrap().iter().map(|c| c.article_id).collect();
    assert_eq!(topic, vec![b]);
    // The lists beside the story, read in one query.
    let beside = store.beside(&art, Lang::En, 5, 3).await.unwrap();
    let ids = |cards: &[loa_store::ArticleCard]| cards.iter().map(|c| c.article_id).collect::<Vec<_>>();
    assert_eq!(ids(&beside.same_category), vec![b]);
    assert_eq!(ids(&beside.same_author), vec![b]);
    assert!(beside.videos.is_empty());
    let unrelated = store.article_by_slug("gamma").await.unwrap().unwrap();
    let alone = store.beside(&unrelated, Lang::En, 5, 3).await.unwrap();
    assert!(alone.same_category.is_empty() && alone.same_author.is_empty(), "never the story itself: {alone:?}");
    assert_eq!(store.beside(&art, Lang::En, 1, 3).await.unwrap().same_category.len(), 1);
}

async fn near_duplicates_merge_within_the_threshold_only(t: TestStore) {
    use loa_store::Fingerprint;
    let store = t.store.clone();
    let fp = |simhash| Some(Fingerprint { simhash, max_bits: 3 });
    let a = store
        .insert_article_fingerprinted(&article("http://a/1", "Wire story", "text one"), &[], &[], fp(0b1011_0000))
        .await
        .unwrap();
    let mut copy = article("http://b/7", "Wire story, as printed elsewhere", "text one, lightly edited");
    copy.outlet = "Other Daily".into();
    let b = store.insert_article_fingerprinted(&copy, &[], &[], fp(0b1011_0111)).await.unwrap();
    assert_eq!(b, InsertOutcome::Duplicate(a.article_id()), "3 bits apart is the same story");
    let far = store
        .insert_article_fingerprinted(&article("http://c/2", "Another story", "different"), &[], &[], fp(0b0100_1111))
        .await
        .unwrap();
    assert!(matches!(far, InsertOutcome::Inserted(_)), "7 bits apart is another story");
    // Another language is never merged, however close.
    let mut ru = article("http://d/3", "Сюжет", "текст");
    ru.lang = Lang::Ru;
    assert!(matches!(
        store.insert_article_fingerprinted(&ru, &[], &[], fp(0b1011_0000)).await.unwrap(),
        InsertOutcome::Inserted(_)
    ));
    let merged = store.article(a.article_id()).await.unwrap().unwrap();
    assert_eq!(merged.provenance.len(), 2);
}

async fn editing_the_original_retranslates_and_reindexes(t: TestStore) {
    let store = t.store.clone();
    let id = store.insert_article(&article("http://o/1", "T", "Old body."), &[], &[Lang::Es]).await.unwrap().article_id();
    let job = store.claim_job(&[JobKind::TranslateEdition], Duration::seconds(60)).await.unwrap().unwrap();
    store.complete_job(job.id).await.unwrap();
    let orig = store.edition(id, Lang::En).await.unwrap().unwrap();
    assert!(!store.update_original(id, &orig.title, &orig.lead, &orig.blocks, &[Lang::Es]).await.unwrap(), "no change, no work");
    assert_eq!(store.job_counts(JobKind::TranslateEdition).await.unwrap().pending, 0);
    let blocks = vec![Block::Paragraph { text: "New body.".into(), marks: vec![] }];
    assert!(store.update_original(id, "T", "A lead.", &blocks, &[Lang::Es]).await.unwrap());
    assert_eq!(store.job_counts(JobKind::TranslateEdition).await.unwrap().pending, 1);
    assert_eq!(store.edition(id, Lang::En).await.unwrap().unwrap().blocks, blocks);
}

async fn sources_keep_settings_schedule_and_health(t: TestStore) {
    use loa_domain::{CategoryRule, SourceKind, SourceSettings};
    let store = t.store.clone();
    let settings = SourceSettings {
        language: Some(Lang::Vi),
        category_rules: vec![CategoryRule::parse("/du-lich/=travel").unwrap()],
        drop_selectors: vec![".related".into()],
        poll_interval_secs: Some(600),
        ..SourceSettings::default()
    };
    let s = store
        .add_source_with("Báo Hà Tĩnh", "http://o/", "http://o/sitemap.xml", SourceKind::Sitemap, &settings, None)
        .await
        .unwrap();
    assert_eq!(s.kind, SourceKind::Sitemap);
    assert_eq!(s.settings, settings);
    assert_eq!(store.due_sources(chrono::Utc::now()).await.unwrap().len(), 1, "never polled is due");
    store.record_poll_success(s.id, Some("\"v1\""), None, Some(chrono::Utc::now() + Duration::minutes(10))).await.unwrap();
    assert!(store.due_sources(chrono::Utc::now()).await.unwrap().is_empty());
    store.record_poll_failure(s.id, "HTTP 500", Some(chrono::Utc::now() - Duration::seconds(1))).await.unwrap();
    store.count_source_duplicate(s.id).await.unwrap();
    let s = store.source(s.id).await.unwrap();
    assert_eq!(s.etag.as_deref(), Some("\"v1\""), "validators survive a failed poll");
    assert_eq!((s.health.consecutive_failures, s.health.failures, s.health.duplicates), (1, 1, 1));
    assert_eq!(s.last_error.as_deref(), Some("HTTP 500"));
    let disabled = SourceSettings { enabled: false, ..settings };
    store.update_source_settings(s.id, &disabled, None).await.unwrap();
    assert!(store.due_sources(chrono::Utc::now()).await.unwrap().is_empty(), "disabled sources are not polled");
    store.remove_source(s.id, None).await.unwrap();
    assert!(store.sources().await.unwrap().is_empty());
    assert!(store.remove_source(s.id, None).await.is_err());
}

async fn translation_memory_finds_what_it_keeps(t: TestStore) {
    let store = t.store.clone();
    let sources: Vec<String> = (0..450).map(|i| format!("Sentence number {i}.")).collect();
    let pairs: Vec<(String, String)> = sources.iter().take(300).map(|s| (s.clone(), format!("ES {s}"))).collect();
    store.memory_store("apertium", Lang::En, Lang::Es, &pairs).await.unwrap();
    let found = store.memory_lookup("apertium", Lang::En, Lang::Es, &sources).await.unwrap();
    assert_eq!(found.len(), 450);
    assert_eq!(found[0].as_deref(), Some("ES Sentence number 0."));
    assert_eq!(found[299].as_deref(), Some("ES Sentence number 299."));
    assert!(found[300..].iter().all(Option::is_none));
    // Keyed by engine and direction.
    assert!(store.memory_lookup("deepl", Lang::En, Lang::Es, &sources[..1]).await.unwrap()[0].is_none());
    assert!(store.memory_lookup("apertium", Lang::En, Lang::Ca, &sources[..1]).await.unwrap()[0].is_none());
    store.memory_store("apertium", Lang::En, Lang::Es, &[(sources[0].clone(), "nuevo".into())]).await.unwrap();
    assert_eq!(store.memory_lookup("apertium", Lang::En, Lang::Es, &sources[..1]).await.unwrap()[0].as_deref(), Some("nuevo"));
    assert_eq!(store.memory_rows().await.unwrap().len(), 300);
}

async fn held_editions_wait_in_the_review_queue_until_a_person_decides(t: TestStore) {
    let store = t.store.clone();
    let id = store.insert_article(&article("http://o/1", "T", "B 1,743"), &[], &[]).await.unwrap().article_id();
    let orig = store.edition(id, Lang::En).await.unwrap().unwrap();
    let held = Edition {
        lang: Lang::Es,
        status: EditionStatus::MachineTranslated,
        engine: "apertium:eng-spa".into(),
        failure: loa_domain::encode_reasons(&[loa_domain::Problem::MissingNumbers(vec!["1743".into()])]),
        ..orig.clone()
    };
    store.save_edition(&held).await.unwrap();
    let queue = store.review_queue(10).await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].reasons, [loa_domain::Problem::MissingNumbers(vec!["1743".into()])]);
    assert_eq!(queue[0].title, ("T".to_string(), Lang::Es), "the edition's own title");
    assert!(!store.public_langs(id).await.unwrap().contains(&Lang::Es));
    store.set_edition_status(id, Lang::Es, EditionStatus::Published, None).await.unwrap();
    let history = store.edition_history(id, Lang::Es).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].kind, history[0].actor.as_deref()),
        (loa_domain::ActionKind::Published, None),
        "from the command line"
    );
    assert!(store.public_langs(id).await.unwrap().contains(&Lang::Es));
    assert!(store.review_queue(10).await.unwrap().is_empty());
    assert!(store.set_edition_status(id, Lang::En, EditionStatus::Failed, None).await.is_err(), "the original is not reviewed");
}

async fn places_and_sitemaps_are_read_per_language(t: TestStore) {
    let store = t.store.clone();
    let mut a = article("http://o/1", "Boats on the Perfume River", "Some 120 boats.");
    a.places = vec!["Huế".into(), "Đà Nẵng".into()];
    let mut b = article("http://o/2", "A new bridge in Đà Nẵng", "The bridge has 6 lanes.");
    b.places = vec!["Đà Nẵng".into()];
    b.published_at = Some(Utc::now());
    let (ia, ib) = (
        store.insert_article(&a, &[], &[]).await.unwrap().article_id(),
        store.insert_article(&b, &[], &[]).await.unwrap().article_id(),
    );
    let ids = |p: loa_store::CardPage| p.cards.iter().map(|c| c.article_id).collect::<Vec<_>>();
    assert_eq!(ids(store.by_place(Lang::En, "Huế", 10, 0).await.unwrap()), vec![ia]);
    assert_eq!(ids(store.by_place(Lang::En, "Đà Nẵng", 10, 0).await.unwrap()), vec![ib, ia]);
    assert!(store.by_place(Lang::En, "Hà Nội", 10, 0).await.unwrap().cards.is_empty());
    assert!(store.by_place(Lang::En, "Đà", 10, 0).await.unwrap().cards.is_empty(), "whole names only");
    assert_eq!(store.place_names().await.unwrap(), vec!["Huế".to_string(), "Đà Nẵng".to_string()]);

    let all = store.sitemap_editions(Lang::En, None, 10, 0).await.unwrap();
    assert_eq!(
        all.iter().map(|e| e.slug.as_str()).collect::<Vec<_>>(),
        vec!["a-new-bridge-in-da-nang", "boats-on-the-perfume-river"]
    );
    assert_eq!(all[1].image.as_ref().unwrap().src, "/media/a.svg");
    assert!(all.iter().all(|e| e.langs == vec![Lang::En]), "each story's own languages: {all:?}");
    let recent = store.sitemap_editions(Lang::En, Some(Utc::now() - Duration::hours(48)), 10, 0).await.unwrap();
    assert_eq!(recent.len(), 1, "only the story of the last two days");
    assert!(store.sitemap_editions(Lang::Es, None, 10, 0).await.unwrap().is_empty());
    store.put_media("a.svg", "image/svg+xml", b"<svg/>").await.unwrap();
    assert_eq!(store.media_info("a.svg").await.unwrap(), Some(("image/svg+xml".to_string(), 6)));
    assert_eq!(store.media_info("b.svg").await.unwrap(), None);
}

async fn card_cursors_walk_every_story_once_newest_first(t: TestStore) {
    let store = t.store.clone();
    let at = |h: u32| Utc.with_ymd_and_hms(2026, 3, 1, h, 0, 0).unwrap();
    // Seven stories; three share one time, so ties are broken by id.
    for (i, hour) in [9, 8, 8, 8, 7, 6, 5].into_iter().enumerate() {
        let mut a = article(&format!("http://o/{i}"), &format!("Story {i}"), &format!("Body number {i} of the walk."));
        a.published_at = Some(at(hour));
        a.places = if i % 2 == 0 { vec!["Huế".into()] } else { vec!["Huế Xưa".into()] };
        store.insert_article(&a, &[], &[]).await.unwrap();
    }
    let walk = |filter: loa_store::CardFilter<'static>, limit: i64| {
        let store = store.clone();
        async move {
            let (mut seen, mut after, mut pages) = (Vec::new(), None, 0);
            loop {
                let page = store.cards_after(Lang::En, &filter, after, limit).await.unwrap();
                assert!(page.len() as i64 <= limit);
                let Some(last) = page.last() else { break };
                after = Some(loa_store::CardCursor { published_at: last.published_at, article_id: last.article_id });
                seen.extend(page.iter().map(|c| (c.published_at, c.article_id, c.title.clone())));
                pages += 1;
                assert!(pages < 20, "the walk ends");
            }
            seen
        }
    };
    let all = walk(loa_store::CardFilter::All, 2).await;
    assert_eq!(all.len(), 7, "{all:?}");
    let mut sorted = all.clone();
    sorted.sort_by_key(|c| std::cmp::Reverse((c.0, c.1)));
    assert_eq!(all, sorted, "newest first, ties by id, none twice");
    assert_eq!(walk(loa_store::CardFilter::All, 100).await, all, "page size does not change the order");
    // A place filter keeps exact names only, and still fills its pages.
    let hue = walk(loa_store::CardFilter::Place("Huế"), 2).await;
    assert_eq!(hue.iter().map(|c| c.2.as_str()).collect::<Vec<_>>(), ["Story 0", "Story 2", "Story 4", "Story 6"]);
    let travel = walk(loa_store::CardFilter::Category(Category::from_slug("travel").unwrap()), 3).await;
    assert_eq!(travel, all);
    assert!(walk(loa_store::CardFilter::Author("nobody"), 3).await.is_empty());
    assert!(store.cards_after(Lang::Es, &loa_store::CardFilter::All, None, 5).await.unwrap().is_empty(), "no Spanish editions");
}

async fn the_video_section_gathers_every_story_with_a_video(t: TestStore) {
    let store = t.store.clone();
    let video = Block::Video { src: "https://www.youtube.com/embed/x1".into(), title: "The race".into(), poster: None };
    let with_video = NewArticle {
        blocks: vec![Block::Paragraph { text: "Boats race on the river.".into(), marks: vec![] }, video],
        ..new_article("https://o.example/race", "Dragon boats race")
    };
    let filed_under_video =
        NewArticle { category: Category::VIDEO, ..new_article("https://o.example/clip", "A clip of the harbour") };
    let plain = new_article("https://o.example/plain", "A council meets");
    for a in [&with_video, &filed_under_video, &plain] {
        store.insert_article(a, &[], &[]).await.unwrap();
    }
    let titles = |page: loa_store::CardPage| {
        let mut t: Vec<String> = page.cards.into_iter().map(|c| c.title).collect();
        t.sort();
        (t, page.total)
    };
    let videos = titles(store.by_category(Lang::En, Category::VIDEO, 10, 0).await.unwrap());
    assert_eq!(videos, (vec!["A clip of the harbour".to_string(), "Dragon boats race".to_string()], 2));
    let news = titles(store.by_category(Lang::En, Category::from_slug("news").unwrap(), 10, 0).await.unwrap());
    assert_eq!(news, (vec!["A council meets".to_string(), "Dragon boats race".to_string()], 2), "it stays in its own section");
    let keyset = store.cards_after(Lang::En, &loa_store::CardFilter::Category(Category::VIDEO), None, 10).await.unwrap();
    assert_eq!(keyset.len(), 2, "the cursor pages agree");

    // The front page's lists in one query say what the lists one by one say.
    let sections = [Category::from_slug("news").unwrap(), Category::VIDEO, Category::from_slug("travel").unwrap()];
    let (latest, blocks) = store.front_page(Lang::En, 2, &sections, 1).await.unwrap();
    let ids = |cards: &[loa_store::ArticleCard]| cards.iter().map(|c| c.article_id).collect::<Vec<_>>();
    assert_eq!(ids(&latest), ids(&store.latest(Lang::En, 2, 0).await.unwrap().cards));
    assert_eq!(blocks.len(), 3);
    for (section, cards) in sections.iter().zip(&blocks) {
        assert_eq!(ids(cards), ids(&store.by_category(Lang::En, *section, 1, 0).await.unwrap().cards), "{}", section.slug);
    }
    assert_eq!(blocks[1].len(), 1, "the video section gathers here too");
    assert!(blocks[2].is_empty());
    let (none, empty) = store.front_page(Lang::Es, 2, &sections, 1).await.unwrap();
    assert!(none.is_empty() && empty.iter().all(Vec::is_empty), "no Spanish editions");
}

loa_store::on_both_backends!(
    the_video_section_gathers_every_story_with_a_video,
    places_and_sitemaps_are_read_per_language,
    insert_enqueues_translations_and_logs_the_change_in_one_go,
    same_url_and_same_text_are_duplicates_with_provenance,
    slugs_stay_unique,
    supplied_editions_are_published_and_not_translated_again,
    failed_editions_are_not_public,
    failures_back_off_then_stay_failed_with_reason,
    related_lists_exclude_the_article_itself,
    editing_the_original_retranslates_and_reindexes,
    translation_memory_finds_what_it_keeps,
    held_editions_wait_in_the_review_queue_until_a_person_decides,
    jobs_are_idempotent_and_survive_a_dead_worker,
    near_duplicates_merge_within_the_threshold_only,
    sources_keep_settings_schedule_and_health,
    card_cursors_walk_every_story_once_newest_first
);
