//! The reader site over real HTTP: a temporary SQLite store filled through
//! the store's own API, an in-RAM tantivy index, the router served on a
//! loopback port, requests made with reqwest.

mod common;

use std::collections::HashSet;

use chrono::{DateTime, TimeZone, Utc};
use loa_domain::{Block, Category, Edition, EditionStatus, Figure, Lang, Mark, MarkKind, NewArticle};
use loa_i18n::Locales;
use loa_search::{EditionDoc, SearchIndex};
use loa_store::Store;
use loa_web::router;
use reqwest::StatusCode;

const CONFERENCE_URL: &str = "https://baohatinh.vn/tong-ket-cong-tac-dan-van-2023.html";
const CONFERENCE_TITLE: &str = "Hà Tĩnh reviews a year of mass mobilisation work";
const FIGURE_ALT: &str = "Delegates seated in rows facing a stage with a red banner";

/// The bridge story, one edition per interface language: (lang, title,
/// lead, a word of the title to search for).
const BRIDGE: [(Lang, &str, &str, &str); 10] = [
    (
        Lang::Vi,
        "Huế khánh thành cây cầu mới bắc qua sông Hương",
        "Cây cầu dành cho người đi bộ nối hai bờ sông ở trung tâm thành phố.",
        "cầu",
    ),
    (
        Lang::En,
        "Huế opens a new bridge over the Perfume River",
        "The footbridge links both banks of the river in the city centre.",
        "bridge",
    ),
    (
        Lang::Ru,
        "В Хюэ открыли новый мост через реку Ароматов",
        "Пешеходный мост соединил два берега реки в центре города.",
        "мост",
    ),
    (
        Lang::Uk,
        "У Хюе відкрили новий міст через річку Ароматів",
        "Пішохідний міст з'єднав два береги річки в центрі міста.",
        "міст",
    ),
    (Lang::Be, "У Хюэ адкрылі новы мост праз раку Араматаў", "Пешаходны мост злучыў два берагі ракі ў цэнтры горада.", "мост"),
    (
        Lang::Es,
        "Huế inaugura un nuevo puente sobre el río de los Perfumes",
        "La pasarela une las dos orillas del río en el centro de la ciudad.",
        "puente",
    ),
    (
        Lang::Fr,
        "Huế inaugure un nouveau pont sur la rivière des Parfums",
        "La passerelle relie les deux rives au centre-ville.",
        "pont",
    ),
    (
        Lang::Ca,
        "Huế inaugura un pont nou sobre el riu dels Perfums",
        "La passarel·la uneix les dues ribes del riu al centre de la ciutat.",
        "pont",
    ),
    (
        Lang::Pt,
        "Huế inaugura uma nova ponte sobre o rio dos Perfumes",
        "A passarela liga as duas margens do rio no centro da cidade.",
        "ponte",
    ),
    (
        Lang::It,
        "Huế inaugura un nuovo ponte sul fiume dei Profumi",
        "La passerella collega le due sponde del fiume nel centro della città.",
        "ponte",
    ),
];
const BRIDGE_AUTHOR: &str = "Trần Thu Hà";
const BRIDGE_OUTLET: &str = "Báo Thừa Thiên Huế";
/// The session token of the fixture's signed-in editor.
const MEMBER_TOKEN: &str = "site-test-member-session";

const XSS_TITLE: &str = "<script>alert('x')</script> Flood warning for the coast";

struct Fixture {
    base: String,
    client: reqwest::Client,
    conference_slug: String,
    bridge_slug: String,
    xss_slug: String,
    /// Every piece of article text the fixture stored, to tell content
    /// from interface text.
    content: Vec<String>,
    _dir: tempfile::TempDir,
}

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 8, 0, 0).unwrap()
}

fn new_article(lang: Lang, title: &str, lead: &str, url: &str, category: &str, author: &str) -> NewArticle {
    NewArticle {
        canonical_url: url.into(),
        outlet: "Báo Hà Tĩnh".into(),
        source_id: None,
        lang,
        title: title.into(),
        lead: lead.into(),
        blocks: vec![Block::Paragraph { text: format!("{lead} {title}."), marks: vec![] }],
        author: Some(author.into()),
        category: Category::from_slug(category).unwrap(),
        places: vec![],
        topics: vec![],
        published_at: Some(at(2023, 11, 1)),
        updated_at: None,
    }
}

fn translation(article_id: i64, lang: Lang, status: EditionStatus, title: &str, lead: &str, blocks: Vec<Block>) -> Edition {
    Edition {
        article_id,
        lang,
        title: title.into(),
        lead: lead.into(),
        blocks,
        status,
        engine: format!("apertium:x-{}", lang.code3()),
        failure: (status == EditionStatus::Failed).then(|| "engine produced no text".to_string()),
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}

async fn setup() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loa.db")).await.unwrap();
    let mut content: Vec<String> = Vec::new();

    // The conference story: English original, Spanish machine translation
    // published, Catalan translation failed.
    let conference_blocks = vec![
        Block::Paragraph { text: "On the morning of 27 December the committee met to review 2023.".into(), marks: vec![] },
        Block::Figure(Figure {
            src: "/media/hall.jpg".into(),
            alt: FIGURE_ALT.into(),
            caption: "The conference in the provincial hall".into(),
            width: Some(1200),
            height: Some(675),
            renditions: Vec::new(),
        }),
        Block::Heading { text: "1743 models built".into(), marks: vec![] },
        Block::Quote {
            text: "Every level must take part.".into(),
            marks: vec![
                Mark { start: 0, end: 11, kind: MarkKind::Bold },
                Mark { start: 12, end: 16, kind: MarkKind::Italic },
                Mark { start: 17, end: 26, kind: MarkKind::Link { href: "https://example.org/levels?a=1&b=2".into() } },
                // Unsafe: dropped when rendered, the words kept.
                Mark { start: 0, end: 5, kind: MarkKind::Link { href: "javascript:alert(2)".into() } },
            ],
        },
        Block::Video {
            src: "https://www.youtube.com/watch?v=dQw4w9WgXcQ".into(),
            title: "Highlights of the conference".into(),
            poster: Some("/media/hall.jpg".into()),
        },
        Block::Video { src: "javascript:alert(1)".into(), title: "Bad video".into(), poster: None },
    ];
    let conference = NewArticle {
        canonical_url: CONFERENCE_URL.into(),
        outlet: "Báo Hà Tĩnh".into(),
        source_id: None,
        lang: Lang::En,
        title: CONFERENCE_TITLE.into(),
        lead: "The province built 1743 model projects in 2023, about 250 of them exemplary.".into(),
        blocks: conference_blocks.clone(),
        author: Some("Kiều Minh".into()),
        category: Category::from_slug("local").unwrap(),
        places: vec!["Hà Tĩnh".into(), "Hà Tĩnh".into(), "Việt Nam".into()],
        topics: vec!["mass mobilisation".into()],
        published_at: Some(at(2023, 12, 27)),
        updated_at: Some(at(2023, 12, 28)),
    };
    let conference_id = store.insert_article(&conference, &[], &[]).await.unwrap().article_id();
    let es_blocks: Vec<Block> = conference_blocks.iter().map(|b| b.with_text(format!("{} (es)", b.text()))).collect();
    store
        .save_edition(&translation(
            conference_id,
            Lang::Es,
            EditionStatus::Published,
            "Hà Tĩnh repasa un año de trabajo de movilización",
            "La provincia construyó 1743 proyectos modelo en 2023.",
            es_blocks,
        ))
        .await
        .unwrap();
    store.save_edition(&translation(conference_id, Lang::Ca, EditionStatus::Failed, "", "", vec![])).await.unwrap();
    store.add_comment(conference_id, Lang::En, "Lan", "Good to read this in English.").await.unwrap();
    // The newsroom: an editor signed in (a session whose token the tests
    // send), the Catalan failure's reasons, a decision in the history and
    // a comment waiting for moderation.
    let editor = store
        .create_user("minh", "Phạm Minh", loa_domain::Role::Editor, &loa_web::auth::hash_password("a long test password"))
        .await
        .unwrap();
    store
        .create_session(editor.id, &loa_web::auth::token_hash(MEMBER_TOKEN), Utc::now() + chrono::Duration::hours(1))
        .await
        .unwrap();
    let mut ca = store.edition(conference_id, Lang::Ca).await.unwrap().unwrap();
    ca.failure = loa_domain::encode_reasons(&[
        loa_domain::Problem::MissingNumbers(vec!["1743".into()]),
        loa_domain::Problem::TooManyUnknown { count: 7, limit: 2 },
        loa_domain::Problem::Engine("engine produced no text".into()),
    ]);
    store.save_edition(&ca).await.unwrap();
    store.set_edition_status(conference_id, Lang::Es, EditionStatus::Published, Some(&editor)).await.unwrap();
    store.add_pending_comment(conference_id, Lang::En, "Quang", "Waiting for a moderator to read it.").await.unwrap();
    content.extend(["Phạm Minh", "Quang", "Waiting for a moderator to read it."].map(String::from));

    // A Russian story on the same topic by the same author.
    let mut ru = new_article(
        Lang::Ru,
        "Хатинь подвёл итоги года",
        "Провинция отчиталась о работе с населением.",
        "https://baohatinh.vn/ru/itogi.html",
        "local",
        "Kiều Minh",
    );
    ru.topics = vec!["mass mobilisation".into()];
    let ru_id = store.insert_article(&ru, &[], &[]).await.unwrap().article_id();
    store.add_comment(ru_id, Lang::Ru, "Иван", "Спасибо за статью.").await.unwrap();
    store.add_comment(ru_id, Lang::Ru, "Анна", "Очень интересно.").await.unwrap();

    // Fourteen English travel stories, for pagination.
    for n in 1..=14 {
        let a = new_article(
            Lang::En,
            &format!("Travel note number {n} from the central coast"),
            &format!("A short travel dispatch, part {n}."),
            &format!("https://baohatinh.vn/travel-{n}.html"),
            "travel",
            "Lan Anh",
        );
        store.insert_article(&a, &[], &[]).await.unwrap();
    }

    let xss = new_article(Lang::En, XSS_TITLE, "Heavy rain is expected.", "https://baohatinh.vn/flood.html", "news", "Lan Anh");
    let xss_id = store.insert_article(&xss, &[], &[]).await.unwrap().article_id();

    // The bridge story, Vietnamese original, published in every language.
    let (_, vi_title, vi_lead, _) = BRIDGE[0];
    let bridge_figure = |caption: &str| {
        Block::Figure(Figure {
            src: "/media/bridge.jpg".into(),
            alt: "A footbridge over a river".into(),
            caption: caption.into(),
            width: None,
            height: None,
            renditions: Vec::new(),
        })
    };
    let mut bridge = new_article(Lang::Vi, vi_title, vi_lead, "https://baothuathienhue.vn/cau-moi.html", "local", BRIDGE_AUTHOR);
    bridge.outlet = BRIDGE_OUTLET.into();
    bridge.places = vec!["Huế".into()];
    bridge.blocks = vec![Block::Paragraph { text: vi_lead.into(), marks: vec![] }, bridge_figure(vi_title)];
    bridge.published_at = Some(at(2024, 4, 3));
    let bridge_id = store.insert_article(&bridge, &[], &[]).await.unwrap().article_id();
    for (lang, title, lead, _) in &BRIDGE[1..] {
        let blocks = vec![Block::Paragraph { text: lead.to_string(), marks: vec![] }, bridge_figure(title)];
        store.save_edition(&translation(bridge_id, *lang, EditionStatus::Published, title, lead, blocks)).await.unwrap();
    }

    // Index every public edition, as the indexer would.
    let search = SearchIndex::open_in_ram().unwrap();
    for (article_id, lang) in store.edition_keys().await.unwrap() {
        let article = store.article(article_id).await.unwrap().unwrap();
        let edition = store.edition(article_id, lang).await.unwrap().unwrap();
        if edition.status.is_public() {
            search.upsert(&EditionDoc::from_edition(&article, &edition)).unwrap();
        }
        content.push(edition.title.clone());
        content.push(edition.lead.clone());
        for b in &edition.blocks {
            content.push(b.text().to_string());
            if let Block::Figure(f) = b {
                content.push(f.alt.clone());
            }
        }
        if let Some(author) = &article.author {
            content.push(author.name.clone());
        }
        content.extend(article.places.iter().cloned());
        content.extend(article.provenance.iter().map(|p| p.outlet.clone()));
    }
    search.commit().unwrap();
    for c in [&conference_id, &ru_id] {
        for cm in store.comments(*c).await.unwrap() {
            content.push(cm.author_name);
            content.push(cm.body);
        }
    }
    content.retain(|c| !c.trim().is_empty());
    content.sort_by_key(|c| std::cmp::Reverse(c.len()));
    content.dedup();

    store.put_media("hall.jpg", "image/jpeg", b"not really a jpeg").await.unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = common::state(store.clone(), search, Locales::supported().to_vec(), &base);
    tokio::spawn(async move {
        axum::serve(listener, router(state)).await.unwrap();
    });
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let slug = |id: i64| {
        let store = store.clone();
        async move { store.article(id).await.unwrap().unwrap().slug }
    };
    let conference_slug = slug(conference_id).await;
    content.push(conference_slug.clone());
    Fixture {
        base,
        client,
        conference_slug,
        bridge_slug: slug(bridge_id).await,
        xss_slug: slug(xss_id).await,
        content,
        _dir: dir,
    }
}

impl Fixture {
    async fn get(&self, path: &str) -> (StatusCode, String) {
        let resp = self.client.get(format!("{}{}", self.base, path)).send().await.unwrap();
        let status = resp.status();
        (status, resp.text().await.unwrap())
    }

    /// As the fixture's signed-in editor.
    async fn get_as_member(&self, path: &str) -> (StatusCode, String) {
        let resp = self
            .client
            .get(format!("{}{}", self.base, path))
            .header(reqwest::header::COOKIE, format!("loa_session={MEMBER_TOKEN}"))
            .send()
            .await
            .unwrap();
        let status = resp.status();
        (status, resp.text().await.unwrap())
    }

    async fn page(&self, path: &str) -> String {
        let (status, body) = self.get(path).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        body
    }
}

fn json_ld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("page has JSON-LD") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

fn doc(html: &str) -> scraper::Html {
    scraper::Html::parse_document(html)
}

fn select<'a>(d: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    d.select(&scraper::Selector::parse(css).unwrap()).collect()
}

fn text_of(e: &scraper::ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

#[tokio::test]
async fn article_page_meets_the_markup_contract() {
    let f = setup().await;
    let html = f.page(&format!("/en/article/{}", f.conference_slug)).await;
    let d = doc(&html);

    assert_eq!(select(&d, "html")[0].value().attr("lang"), Some("en"));
    assert_eq!(select(&d, "article h1").len(), 1);
    assert_eq!(text_of(&select(&d, "article h1")[0]), CONFERENCE_TITLE);
    for id in ["comments", "same-topic", "same-category", "same-author", "videos"] {
        assert_eq!(select(&d, &format!("section#{id}")).len(), 1, "section #{id}");
    }
    let times = select(&d, "article time");
    assert_eq!(times.len(), 2, "published and updated");
    for t in &times {
        let dt = t.value().attr("datetime").unwrap();
        DateTime::parse_from_rfc3339(dt).unwrap_or_else(|e| panic!("{dt}: {e}"));
    }
    assert_eq!(text_of(&times[0]), "27 December 2023");

    // Places: each once, as chips, apart from the date.
    let chips: Vec<String> = select(&d, "ul.places li").iter().map(text_of).collect();
    assert_eq!(chips, vec!["Hà Tĩnh", "Việt Nam"]);
    assert!(select(&d, "ul.places time").is_empty());

    assert_eq!(select(&d, "p.lead").len(), 1);
    assert_eq!(select(&d, ".story-body h2").len(), 1);
    assert_eq!(select(&d, ".story-body blockquote").len(), 1);
    // Inline marks of the quote, as tags around the right words.
    assert_eq!(text_of(&select(&d, ".story-body blockquote strong")[0]), "Every level");
    assert_eq!(text_of(&select(&d, ".story-body blockquote em")[0]), "must");
    let quote_link = select(&d, ".story-body blockquote a");
    assert_eq!(quote_link.len(), 1, "the javascript: link is not rendered");
    assert_eq!(text_of(&quote_link[0]), "take part");
    assert_eq!(quote_link[0].value().attr("href"), Some("https://example.org/levels?a=1&b=2"));
    assert_eq!(quote_link[0].value().attr("rel"), Some("nofollow noopener"));
    assert_eq!(text_of(&select(&d, ".story-body blockquote")[0]), "Every level must take part.");
    let figures = select(&d, ".story-body figure:not(.video)");
    assert_eq!(figures.len(), 1);
    let img = select(&d, ".story-body figure:not(.video) img")[0];
    assert_eq!(img.value().attr("alt"), Some(FIGURE_ALT));
    assert_ne!(img.value().attr("alt"), Some(CONFERENCE_TITLE));
    // The first picture of the story is in view when it opens: fetched at once.
    assert_eq!((img.value().attr("loading"), img.value().attr("fetchpriority")), (None, Some("high")));
    // The recorded size reserves the image's box.
    assert_eq!((img.value().attr("width"), img.value().attr("height")), (Some("1200"), Some("675")));
    assert_eq!(select(&d, ".story-body figure figcaption").len(), 2, "picture and video captions");

    // Videos are click to load: the story shows the stored poster linking
    // to the player page and names the host; nothing of the host is on the
    // page. The javascript: video is gone.
    assert!(select(&d, "iframe").is_empty(), "no player loads with the story");
    let posters = select(&d, "figure.video a.video-poster");
    assert_eq!(posters.len(), 1);
    let watch = format!("/en/article/{}/video/1", f.conference_slug);
    assert_eq!(posters[0].value().attr("href"), Some(watch.as_str()));
    assert_eq!(select_in(&posters[0], "img")[0].value().attr("src"), Some("/media/hall.jpg"));
    assert_eq!(text_of(&select_in(&posters[0], ".video-play")[0]), "Play: Highlights of the conference");
    assert_eq!(text_of(&select(&d, "figure.video .video-privacy")[0]), "Playing loads the video from youtube.com.");
    assert!(!html.contains("javascript:"));
    assert!(!html.contains("youtube-nocookie"));

    // The player page embeds the trusted host's player and leads back.
    let player = f.page(&watch).await;
    let p = doc(&player);
    let iframes = select(&p, "figure.video iframe");
    assert_eq!(iframes.len(), 1);
    assert_eq!(iframes[0].value().attr("src"), Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"));
    assert_eq!(iframes[0].value().attr("title"), Some("Highlights of the conference"));
    assert_eq!(text_of(&select(&p, "h1")[0]), "Highlights of the conference");
    let back = format!("/en/article/{}", f.conference_slug);
    assert!(select(&p, "a").iter().any(|a| a.value().attr("href") == Some(back.as_str())));
    // Only shown videos have players: not the refused one, not 0 or words.
    for n in ["2", "0", "one"] {
        let (status, _) = f.get(&format!("/en/article/{}/video/{n}", f.conference_slug)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "video {n}");
    }

    // Author and source.
    let author = select(&d, "a[rel=author]");
    assert_eq!(author[0].value().attr("href"), Some("/en/author/kieu-minh"));
    let source = select(&d, "p.source a")[0];
    assert_eq!(source.value().attr("href"), Some(CONFERENCE_URL));
    assert_eq!(source.value().attr("rel"), Some("nofollow noopener"));
    assert_eq!(text_of(&source), "Source: Báo Hà Tĩnh");
    assert!(select(&d, ".mt-notice").is_empty(), "the original is not machine-translated");

    // Comments and related stories.
    assert_eq!(text_of(&select(&d, "#comments h2")[0]), "1 comment");
    assert_eq!(select(&d, "#comments li").len(), 1);
    assert_eq!(select(&d, "#same-category li a")[0].value().attr("href").unwrap(), format!("/en/article/{}", f.bridge_slug));
    assert_eq!(select(&d, "#same-topic p.empty").len(), 1, "the story on the same topic is only in Russian");
    assert_eq!(select(&d, "#same-author p.empty").len(), 1);
    assert_eq!(text_of(&select(&d, "#videos li a")[0]), "Highlights of the conference");

    // Language switcher: English and Spanish exist, Catalan failed.
    let switch: Vec<&str> = select(&d, "nav.language-switcher a").iter().map(|a| a.value().attr("hreflang").unwrap()).collect();
    assert_eq!(switch, vec!["en", "es"]);
    for a in select(&d, "nav.language-switcher a") {
        assert_eq!(a.value().attr("lang"), a.value().attr("hreflang"));
    }
    let alternates: Vec<&str> =
        select(&d, "link[rel=alternate][hreflang]").iter().map(|l| l.value().attr("hreflang").unwrap()).collect();
    assert_eq!(alternates, vec!["en", "es"]);
    assert_eq!(select(&d, "link[rel=alternate][type=\"application/atom+xml\"]").len(), 1, "the language's feed");
    assert_eq!(
        select(&d, "link[rel=canonical]")[0].value().attr("href").unwrap(),
        format!("{}/en/article/{}", f.base, f.conference_slug)
    );
    assert_eq!(select(&d, "nav.sections a").len(), 10, "front page + nine sections");
    assert_eq!(select(&d, "a.skip-link[href='#main']").len(), 1);

    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], CONFERENCE_TITLE);
    for key in ["description", "datePublished", "dateModified", "inLanguage", "image", "articleSection"] {
        assert!(!ld[key].is_null(), "JSON-LD lacks {key}");
    }
    assert_eq!(ld["author"]["@type"], "Person");
    assert_eq!(ld["author"]["name"], "Kiều Minh");
    assert_eq!(ld["isBasedOn"], CONFERENCE_URL);
    assert_eq!(ld["inLanguage"], "en");
    assert!(ld.get("translationOfWork").is_none());
    DateTime::parse_from_rfc3339(ld["datePublished"].as_str().unwrap()).unwrap();
}

#[tokio::test]
async fn translated_edition_says_so_and_points_to_the_original() {
    let f = setup().await;
    let html = f.page(&format!("/es/article/{}", f.conference_slug)).await;
    let d = doc(&html);
    assert_eq!(select(&d, "html")[0].value().attr("lang"), Some("es"));
    let notice = text_of(&select(&d, ".mt-notice")[0]);
    assert!(notice.contains("traducido automáticamente"), "{notice}");
    assert!(notice.contains("Idioma original: inglés"), "{notice}");
    assert_eq!(text_of(&select(&d, "p.source a")[0]), "Fuente: Báo Hà Tĩnh");
    assert_eq!(text_of(&select(&d, "article time")[0]), "27 de diciembre de 2023");
    assert_eq!(text_of(&select(&d, "#comments h2")[0]), "0 comentarios", "the English comment stays on the English page");
    let ld = json_ld(&html);
    assert_eq!(ld["inLanguage"], "es");
    assert_eq!(ld["isBasedOn"], CONFERENCE_URL);
    assert_eq!(ld["translationOfWork"]["@type"], "NewsArticle");
    assert_eq!(ld["translationOfWork"]["inLanguage"], "en");
    assert_eq!(ld["translationOfWork"]["url"], format!("{}/en/article/{}", f.base, f.conference_slug).as_str());
}

#[tokio::test]
async fn russian_page_uses_russian_plurals() {
    let f = setup().await;
    let (_, body) = f.get("/ru/category/local").await;
    let d = doc(&body);
    let href = select(&d, ".card-title a")
        .into_iter()
        .find(|a| text_of(a) == "Хатинь подвёл итоги года")
        .and_then(|a| a.value().attr("href"))
        .expect("the Russian story is listed")
        .to_string();
    let html = f.page(&href).await;
    let d = doc(&html);
    assert_eq!(text_of(&select(&d, "#comments h2")[0]), "2 комментария");
    assert_eq!(select(&d, "#same-author li").len(), 0, "the English story is not listed on a Russian page");
    assert!(text_of(&select(&d, "#videos")[0]).contains("Видео нет."));
}

#[tokio::test]
async fn failed_edition_is_absent_everywhere() {
    let f = setup().await;
    let (status, body) = f.get(&format!("/ca/article/{}", f.conference_slug)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let d = doc(&body);
    assert_eq!(select(&d, "html")[0].value().attr("lang"), Some("ca"));
    let offered: Vec<&str> = select(&d, "ul.available-in a").iter().map(|a| a.value().attr("hreflang").unwrap()).collect();
    assert_eq!(offered, vec!["en", "es"]);
    assert!(!body.contains("engine produced no text"));

    let en = f.page(&format!("/en/article/{}", f.conference_slug)).await;
    assert!(!en.contains(&format!("/ca/article/{}", f.conference_slug)));

    let sitemap = all_sitemaps(&f).await;
    assert!(sitemap.contains(&format!("/es/article/{}", f.conference_slug)));
    assert!(!sitemap.contains(&format!("/ca/article/{}", f.conference_slug)));

    let api = f.page(&format!("/api/v1/articles/{}", f.conference_slug)).await;
    let v: serde_json::Value = serde_json::from_str(&api).unwrap();
    let langs: Vec<&str> = v["editions"].as_array().unwrap().iter().map(|e| e["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, vec!["en", "es"]);
    assert_eq!(v["article"]["slug"], f.conference_slug.as_str());
}

#[tokio::test]
async fn sitemap_lists_every_edition_with_alternates() {
    let f = setup().await;
    let resp = f.client.get(format!("{}/sitemaps/en-1.xml", f.base)).send().await.unwrap();
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("application/xml"));
    assert!(resp.text().await.unwrap().contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let xml = all_sitemaps(&f).await;
    let en_loc = format!("<loc>{}/en/article/{}</loc>", f.base, f.conference_slug);
    let start = xml.find(&en_loc).expect("English edition listed");
    let entry = &xml[start..start + xml[start..].find("</url>").unwrap()];
    assert!(entry.contains("<lastmod>"));
    for lang in ["en", "es"] {
        assert!(
            entry.contains(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}/{lang}/article/{}\"/>",
                f.base, f.conference_slug
            )),
            "{entry}"
        );
    }
    // The bridge story has an edition page in all ten languages.
    assert_eq!(xml.matches(&format!("/article/{}</loc>", f.bridge_slug)).count(), 10);
    for lang in Locales::supported() {
        assert!(xml.contains(&format!("<loc>{}/{}/</loc>", f.base, lang.code())), "home page {lang}");
    }
}

/// Every sitemap the index names, one after the other.
async fn all_sitemaps(f: &Fixture) -> String {
    let index = f.page("/sitemap.xml").await;
    assert!(index.contains("<sitemapindex"), "{index}");
    let mut all = String::new();
    for loc in index.split("<loc>").skip(1) {
        let url = &loc[..loc.find("</loc>").unwrap()];
        let resp = f.client.get(url).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{url}");
        all.push_str(&resp.text().await.unwrap());
    }
    all
}

#[tokio::test]
async fn sitemaps_split_by_language_with_pictures_and_news() {
    let f = setup().await;
    let index = f.page("/sitemap.xml").await;
    for lang in Locales::supported() {
        assert!(index.contains(&format!("<loc>{}/sitemaps/{}-1.xml</loc>", f.base, lang.code())), "{lang}");
        assert!(index.contains(&format!("<loc>{}/sitemaps/news-{}.xml</loc>", f.base, lang.code())), "{lang}");
    }
    let en = f.page("/sitemaps/en-1.xml").await;
    // The lead picture of the conference story, at an absolute address.
    let start = en.find(&format!("/en/article/{}</loc>", f.conference_slug)).unwrap();
    let entry = &en[start..start + en[start..].find("</url>").unwrap()];
    assert!(entry.contains(&format!("<image:image><image:loc>{}/media/hall.jpg</image:loc></image:image>", f.base)), "{entry}");
    // Pages past the last, other languages and other names are not sitemaps.
    for path in ["/sitemaps/en-2.xml", "/sitemaps/en-0.xml", "/sitemaps/xx-1.xml", "/sitemaps/news-xx.xml", "/sitemaps/en.txt"] {
        assert_eq!(f.get(path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    // The news sitemap: stories of the last two days only, with the news fields.
    let news = f.page("/sitemaps/news-en.xml").await;
    assert!(news.contains("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""));
    for story in news.split("<url>").skip(1) {
        let date = &story[story.find("<news:publication_date>").unwrap() + 23..];
        let date = chrono::DateTime::parse_from_rfc3339(&date[..date.find('<').unwrap()]).unwrap();
        assert!(Utc::now().signed_duration_since(date) <= chrono::Duration::hours(48), "{story}");
        assert!(story.contains("<news:language>en</news:language>") && story.contains("<news:title>"), "{story}");
    }
}

#[tokio::test]
async fn root_redirects_by_accept_language() {
    let f = setup().await;
    for (accept, expected) in [
        ("ru-RU,ru;q=0.9,en;q=0.8", "/ru/"),
        ("de-DE,de;q=0.9,pt-BR;q=0.4", "/pt/"),
        ("en;q=0.2, uk;q=0.7", "/uk/"),
        ("zh-CN", "/en/"),
    ] {
        let resp = f.client.get(format!("{}/", f.base)).header("accept-language", accept).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::SEE_OTHER, "{accept}");
        assert_eq!(resp.headers()["location"], expected, "{accept}");
    }
    let resp = f.client.get(format!("{}/", f.base)).send().await.unwrap();
    assert_eq!(resp.headers()["location"], "/en/");
    let (status, _) = f.get("/vi").await;
    assert_eq!(status, StatusCode::PERMANENT_REDIRECT);
}

#[tokio::test]
async fn category_pages_paginate() {
    let f = setup().await;
    let first = f.page("/en/category/travel").await;
    let d = doc(&first);
    assert_eq!(select(&d, ".card").len(), 12);
    assert_eq!(select(&d, "link[rel=next]")[0].value().attr("href").unwrap(), format!("{}/en/category/travel?page=2", f.base));
    assert!(select(&d, "link[rel=prev]").is_empty());
    assert_eq!(text_of(&select(&d, ".page-of")[0]), "Page 1 of 2");
    assert_eq!(select(&d, "nav.sections a[aria-current]").len(), 1);

    let second = f.page("/en/category/travel?page=2").await;
    let d = doc(&second);
    assert_eq!(select(&d, ".card").len(), 2);
    assert_eq!(select(&d, "a[rel=prev]")[0].value().attr("href"), Some("/en/category/travel"));
    assert!(select(&d, "link[rel=next]").is_empty());
    // Newest first across pages: nothing on page 2 is on page 1.
    let titles = |html: &str| -> HashSet<String> { select(&doc(html), ".card-title").iter().map(text_of).collect() };
    assert!(titles(&first).is_disjoint(&titles(&second)));

    for path in [
        "/en/category/travel?page=3",
        "/en/category/travel?page=abc",
        "/en/category/sport",
        "/xx/",
        "/de/",
        "/eng/category/travel",
    ] {
        let (status, body) = f.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.contains("Page not found") || body.contains("<html lang=\"en\">"), "{path}");
    }
    let (status, body) = f.get("/ru/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("<html lang=\"ru\">") && body.contains("Страница не найдена"));
}

#[tokio::test]
async fn author_home_and_search_pages_render() {
    let f = setup().await;
    let author = f.page("/en/author/lan-anh").await;
    assert!(author.contains("Stories by Lan Anh"));
    assert_eq!(select(&doc(&author), ".card").len(), 12);
    let (status, _) = f.get("/en/author/nobody").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let home = f.page("/en/").await;
    let d = doc(&home);
    assert_eq!(select(&d, ".latest .card").len(), 12);
    let blocks: Vec<String> = select(&d, ".category-block h2").iter().map(text_of).collect();
    // The video section gathers the story with a video, filed under Provinces.
    assert_eq!(blocks, vec!["News", "Provinces", "Travel", "Video"]);
    let videos: Vec<String> = select(&d, ".home-videos .card h3").iter().map(text_of).collect();
    assert_eq!(videos, [CONFERENCE_TITLE]);
    let provinces: Vec<String> = select(&d, "section[aria-labelledby='block-local'] .card h3").iter().map(text_of).collect();
    assert!(provinces.contains(&CONFERENCE_TITLE.to_string()), "it stays in its own section too: {provinces:?}");

    let search = f.page("/en/search?q=bridge").await;
    let d = doc(&search);
    assert_eq!(text_of(&select(&d, ".result-count")[0]), "1 story found");
    assert_eq!(select(&d, ".result h2 a")[0].value().attr("href").unwrap(), format!("/en/article/{}", f.bridge_slug));
    assert_eq!(select(&d, "#site-search-q")[0].value().attr("value"), Some("bridge"));
    let none = f.page("/en/search?q=zzzqqq").await;
    assert!(none.contains("No stories match your search."));
}

#[tokio::test]
async fn api_search_returns_json() {
    let f = setup().await;
    let body = f.page("/api/v1/search?q=pasarela&lang=es&limit=5").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["query"], "pasarela");
    assert_eq!(v["lang"], "es");
    assert_eq!(v["total"], 1);
    let hit = &v["hits"][0];
    assert_eq!(hit["slug"], f.bridge_slug.as_str());
    assert_eq!(hit["lang"], "es");
    assert!(hit["snippet_html"].as_str().unwrap().contains("<mark>pasarela</mark>"), "{hit}");

    let all: serde_json::Value = serde_json::from_str(&f.page("/api/v1/search?q=travel&limit=3&offset=0").await).unwrap();
    assert_eq!(all["lang"], serde_json::Value::Null);
    assert_eq!(all["total"], 14);
    assert_eq!(all["hits"].as_array().unwrap().len(), 3);

    for bad in ["/api/v1/search?q=x&lang=xx", "/api/v1/search?q=x&limit=500", "/api/v1/search?q=x&offset=-1"] {
        let (status, body) = f.get(bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(serde_json::from_str::<serde_json::Value>(&body).unwrap()["error"].is_string());
    }
    let (status, _) = f.get("/api/v1/articles/no-such-story").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn health_static_and_media() {
    let f = setup().await;
    let health: serde_json::Value = serde_json::from_str(&f.page("/healthz").await).unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["articles"], 18);
    let resp = f.client.get(format!("{}/static/style.css", f.base)).send().await.unwrap();
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/css"));
    let css = resp.text().await.unwrap();
    assert!(css.contains(":focus-visible"));
    // Pages link the stylesheet by a name made from its content, cached for good.
    let home = f.page("/en/").await;
    let hashed = home.split("rel=\"stylesheet\" href=\"").nth(1).and_then(|r| r.split('"').next()).unwrap().to_string();
    assert!(
        hashed.starts_with("/static/style.") && hashed.ends_with(".css") && hashed.len() == "/static/style..css".len() + 16,
        "{hashed}"
    );
    let resp = f.client.get(format!("{}{hashed}", f.base)).send().await.unwrap();
    assert!(resp.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    assert_eq!(resp.text().await.unwrap(), css);
    assert_eq!(f.get("/static/style.0000000000000000.css").await.0, StatusCode::NOT_FOUND);
    assert_eq!(f.page("/media/hall.jpg").await, "not really a jpeg");
    let resp = f.client.get(format!("{}/media/hall.jpg", f.base)).send().await.unwrap();
    assert_eq!(resp.headers()["content-type"], "image/jpeg");
    assert!(resp.headers()["cache-control"].to_str().unwrap().contains("immutable"), "content-addressed names never change");
    let (status, _) = f.get("/media/missing.jpg").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = f.get("/media/../loa.db").await;
    assert_ne!(status, StatusCode::OK);
}

#[tokio::test]
async fn stored_markup_is_escaped() {
    let f = setup().await;
    let html = f.page(&format!("/en/article/{}", f.xss_slug)).await;
    assert!(!html.contains("<script>alert"), "raw script tag in page");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Flood warning"));
    assert_eq!(html.matches("</script>").count(), 1, "only the JSON-LD element closes a script");
    assert_eq!(json_ld(&html)["headline"], XSS_TITLE);
    let d = doc(&html);
    assert_eq!(text_of(&select(&d, "h1")[0]), XSS_TITLE);
    let home = f.page("/en/").await;
    assert!(!home.contains("<script>alert"));
    let search = f.page("/en/search?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert!(!search.contains("<script>alert(1)"));
}

/// Interface text a reader of `page_lang` can see: text nodes and the
/// labelling attributes, outside scripts and outside anything explicitly
/// marked as another language (the language switcher's own names), and
/// without the stored article text: a node that is exactly a piece of
/// content is left out, and long content strings (titles, outlet names)
/// are cut out of the nodes that embed them ("Source: {outlet}").
/// Short content such as a place name is not cut from other text, so it
/// cannot break up an interface sentence that happens to contain it.
fn visible_interface_text(html: &str, page_lang: &str, content: &[String]) -> String {
    let d = doc(html);
    let mut out = String::new();
    let mut push = |raw: &str| {
        let trimmed = raw.trim();
        if trimmed.is_empty() || content.iter().any(|c| c.trim() == trimmed) {
            return;
        }
        let mut text = raw.to_string();
        for c in content.iter().filter(|c| c.chars().count() >= 12) {
            text = text.replace(c.as_str(), "\n");
        }
        out.push_str(&text);
        out.push('\n');
    };
    for node in d.tree.root().descendants() {
        let ancestors_ok = node.ancestors().chain(std::iter::once(node)).all(|a| match a.value().as_element() {
            Some(e) => {
                !matches!(e.name(), "script" | "style")
                    && e.attr("lang").is_none_or(|l| l == page_lang)
                    && !e.attr("class").is_some_and(|c| c.split(' ').any(|c| c == "snippet"))
            }
            None => true,
        });
        if !ancestors_ok {
            continue;
        }
        if let Some(text) = node.value().as_text() {
            push(text);
        } else if let Some(e) = node.value().as_element() {
            for attr in ["placeholder", "aria-label", "title", "alt"] {
                if let Some(v) = e.attr(attr) {
                    push(v);
                }
            }
        }
    }
    out
}

/// `needle` as whole words; an apostrophe joins words ("d’abril" is one
/// Catalan word and does not contain the Spanish "abril").
fn contains_word(haystack: &str, needle: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '’' || c == '\'';
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// The reference page shows Vietnamese and English interface text on a
/// Russian page. Here every locale's pages are searched for every other
/// locale's interface text.
#[tokio::test]
async fn no_interface_text_of_another_locale_on_any_page() {
    let f = setup().await;
    let locales = Locales::load().unwrap();
    let runs = |lang: Lang| -> HashSet<String> { locales.message_texts(lang).into_iter().flat_map(|(_, r)| r).collect() };
    let mut checked_pages = 0;
    for &(lang, _, _, query) in &BRIDGE {
        let own = runs(lang);
        let foreign: Vec<(Lang, String)> = Locales::supported()
            .iter()
            .filter(|&&other| other != lang)
            .flat_map(|&other| runs(other).into_iter().map(move |r| (other, r)))
            .filter(|(_, r)| r.chars().count() >= 4 && !own.contains(r))
            .collect();
        let code = lang.code();
        let pages = [
            (format!("/{code}/"), StatusCode::OK),
            (format!("/{code}/category/local"), StatusCode::OK),
            (format!("/{code}/article/{}", f.bridge_slug), StatusCode::OK),
            (format!("/{code}/search?q={query}"), StatusCode::OK),
            (format!("/{code}/no-such-page"), StatusCode::NOT_FOUND),
            (format!("/{code}/newsroom/sign-in"), StatusCode::OK),
            (format!("/{code}/newsroom/"), StatusCode::OK),
            (format!("/{code}/newsroom/review/{}/ca", f.conference_slug), StatusCode::OK),
        ];
        for (path, expected) in pages {
            let (status, html) = if path.contains("/newsroom/") && !path.ends_with("sign-in") {
                f.get_as_member(&path).await
            } else {
                f.get(&path).await
            };
            assert_eq!(status, expected, "GET {path}");
            assert!(html.contains(&format!("<html lang=\"{code}\">")), "{path}");
            let text = visible_interface_text(&html, code, &f.content);
            assert!(!text.contains('⟦'), "{path}: a message is missing: {text}");
            for (other, run) in &foreign {
                assert!(!contains_word(&text, run), "{path}: {other} interface text {run:?} on a {code} page");
            }
            // The page's own interface is there (not an empty page).
            assert!(text.contains(&locales.text(lang, "nav-home")), "{path}");
            checked_pages += 1;
        }
        let search = f.page(&format!("/{code}/search?q={query}")).await;
        assert!(
            search.contains(&locales.text_args(lang, "search-results", &[("count", 1.into())])),
            "{code}: search found the bridge story"
        );
    }
    assert_eq!(checked_pages, 80);
}

#[tokio::test]
async fn search_page_shows_facets_sort_highlights_and_filters() {
    let f = setup().await;
    let html = f.page("/en/search?q=note%20OR%20flood").await;
    let d = doc(&html);
    assert_eq!(text_of(&select(&d, ".result-count")[0]), "15 stories found");
    assert_eq!(select(&d, ".result").len(), 10, "first page of two");
    assert!(select(&d, ".result .snippet mark").len() >= 10, "matches are highlighted");
    // Facet counts cover all fifteen results, not just this page.
    let facet = |d: &scraper::Html, id: &str| -> Vec<(String, String)> {
        select(d, &format!("#facet-{id} li"))
            .iter()
            .filter(|li| !select_in(li, ".facet-count").is_empty())
            .map(|li| (text_of(&select_in(li, "a")[0]), text_of(&select_in(li, ".facet-count")[0])))
            .collect()
    };
    assert_eq!(facet(&d, "category"), [("Travel".to_string(), "14".to_string()), ("News".into(), "1".into())]);
    assert_eq!(facet(&d, "author"), [("Lan Anh".to_string(), "15".to_string())]);
    assert_eq!(facet(&d, "lang"), [("English".to_string(), "15".to_string())]);
    assert_eq!(text_of(&select(&d, "#refine-heading")[0]), "Refine the results");
    let sort: Vec<String> = select(&d, "nav.sort a").iter().map(text_of).collect();
    assert_eq!(sort, ["Best match", "Newest first"]);
    assert_eq!(select(&d, "nav.sort a[aria-current]").len(), 1);
    assert_eq!(select(&d, "a[rel=next]")[0].value().attr("href"), Some("/en/search?q=note+OR+flood&page=2"));

    // Following the News facet narrows to the flood story.
    let news = select(&d, "#facet-category a").into_iter().find(|a| text_of(a) == "News").unwrap();
    let href = news.value().attr("href").unwrap().to_string();
    assert_eq!(href, "/en/search?q=note+OR+flood&category=news");
    let narrowed = doc(&f.page(&href).await);
    assert_eq!(text_of(&select(&narrowed, ".result-count")[0]), "1 story found");
    assert_eq!(select(&narrowed, ".result h2 a")[0].value().attr("href").unwrap(), format!("/en/article/{}", f.xss_slug));
    let chip = select(&narrowed, ".active-filters a")[0];
    assert_eq!(text_of(&chip), "Remove filter: News");
    assert_eq!(chip.value().attr("href"), Some("/en/search?q=note+OR+flood"));
    // The filter survives in the form, so a new query keeps it.
    assert_eq!(select(&narrowed, "form.search-form input[name=category]")[0].value().attr("value"), Some("news"));

    // Newest first.
    let by_date = doc(&f.page("/en/search?q=bridge%20OR%20conference&sort=date").await);
    let links: Vec<&str> = select(&by_date, ".result h2 a").iter().map(|a| a.value().attr("href").unwrap()).collect();
    assert_eq!(links, [format!("/en/article/{}", f.bridge_slug), format!("/en/article/{}", f.conference_slug)]);
    let date_range = doc(&f.page("/en/search?q=bridge%20OR%20conference&from=2024-01-01&to=2024-12-31").await);
    assert_eq!(select(&date_range, ".result").len(), 1);
    assert_eq!(select(&date_range, "input[name=from]")[0].value().attr("value"), Some("2024-01-01"));
    let bad_date = f.page("/en/search?q=bridge&from=soon").await;
    assert!(bad_date.contains("That date could not be read"));
}

#[tokio::test]
async fn search_starts_in_the_page_language_and_offers_the_others() {
    let f = setup().await;
    // `Huế` is in the bridge story's title in seven languages.
    let d = doc(&f.page("/en/search?q=Hu%E1%BA%BF").await);
    assert_eq!(text_of(&select(&d, ".result-count")[0]), "1 story found", "English only by default");
    let langs: Vec<String> = select(&d, "#facet-lang li a").iter().map(text_of).collect();
    assert!(langs.contains(&"English".to_string()) && langs.contains(&"Vietnamese".to_string()), "{langs:?}");
    assert!(langs.contains(&"All languages".to_string()));
    let vi = select(&d, "#facet-lang a").into_iter().find(|a| text_of(a) == "Vietnamese").unwrap();
    assert_eq!(vi.value().attr("href"), Some("/en/search?q=Hu%E1%BA%BF&lang=vi"));

    let all = doc(&f.page("/en/search?q=Hu%E1%BA%BF&lang=all").await);
    let results = select(&all, ".result h2 a");
    assert!(results.len() > 1);
    // The page's language first, the others marked with their language.
    assert_eq!(results[0].value().attr("href").unwrap(), format!("/en/article/{}", f.bridge_slug));
    assert_eq!(results[0].value().attr("lang"), None);
    for a in &results[1..] {
        let code = a.value().attr("lang").expect("foreign results carry lang");
        assert_eq!(a.value().attr("href").unwrap(), format!("/{code}/article/{}", f.bridge_slug));
    }
}

#[tokio::test]
async fn api_search_has_filters_facets_and_paging() {
    let f = setup().await;
    let get = |path: String| {
        let f = &f;
        async move { serde_json::from_str::<serde_json::Value>(&f.page(&path).await).unwrap() }
    };
    let v = get("/api/v1/search?q=note%20OR%20flood&lang=en&limit=3".into()).await;
    assert_eq!(v["total"], 15);
    assert_eq!(v["hits"].as_array().unwrap().len(), 3);
    assert_eq!(v["sort"], "relevance");
    assert_eq!(v["facets"]["category"][0], serde_json::json!({"value": "travel", "count": 14}));
    assert_eq!(v["facets"]["category"][1], serde_json::json!({"value": "news", "count": 1}));
    assert_eq!(v["facets"]["author"][0]["count"], 15);
    assert_eq!(v["facets"]["lang"][0]["value"], "en");
    assert!(v["hits"][0]["snippet_html"].as_str().unwrap().contains("<mark>"));

    let news = get("/api/v1/search?q=note%20OR%20flood&category=news".into()).await;
    assert_eq!(news["total"], 1);
    assert_eq!(news["filters"]["category"], "news");
    assert_eq!(news["hits"][0]["category"], "news");
    let page2 = get("/api/v1/search?q=note&lang=en&page=2&limit=10".into()).await;
    assert_eq!((page2["offset"].as_u64(), page2["page"].as_u64()), (Some(10), Some(2)));
    assert_eq!(page2["hits"].as_array().unwrap().len(), 4);
    let dated = get("/api/v1/search?q=bridge%20OR%20conference&lang=en&sort=date&from=2023-12-01&to=2023-12-31".into()).await;
    assert_eq!(dated["total"], 1);
    assert_eq!(dated["hits"][0]["slug"], f.conference_slug.as_str());
    let place = get("/api/v1/search?q=conference&lang=en&place=H%C3%A0%20T%C4%A9nh".into()).await;
    assert_eq!(place["total"], 1);
    assert_eq!(place["facets"]["place"][0], serde_json::json!({"value": "Hà Tĩnh", "count": 1}));

    for bad in ["/api/v1/search?q=x&sort=best", "/api/v1/search?q=x&from=2024-13-01", "/api/v1/search?q=x&page=0"] {
        let (status, body) = f.get(bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(serde_json::from_str::<serde_json::Value>(&body).unwrap()["error"].is_string(), "{bad}");
    }
}

fn select_in<'a>(e: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    e.select(&scraper::Selector::parse(css).unwrap()).collect()
}

#[tokio::test]
async fn each_language_and_section_has_an_atom_feed_of_its_public_stories() {
    let f = setup().await;
    let resp = f.client.get(format!("{}/en/feed.xml", f.base)).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
    let feed = feed_rs::parser::parse(resp.bytes().await.unwrap().as_ref()).expect("a valid Atom feed");
    assert_eq!(feed.title.unwrap().content, "Latest stories from Loa — News from Vietnam");
    assert!(!feed.entries.is_empty());
    for e in &feed.entries {
        assert!(e.links[0].href.starts_with(&format!("{}/en/article/", f.base)), "{:?}", e.links);
    }
    let titles: Vec<String> = feed.entries.iter().map(|e| e.title.clone().unwrap().content).collect();
    assert!(titles.contains(&XSS_TITLE.to_string()), "markup in a title is escaped, not dropped: {titles:?}");
    let (_, bridge_en, _, _) = BRIDGE.iter().find(|(l, ..)| *l == Lang::En).unwrap();
    assert!(titles.contains(&bridge_en.to_string()));

    // Catalan: the bridge story is public there, the conference story failed.
    let ca = feed_rs::parser::parse(f.page("/ca/feed.xml").await.as_bytes()).unwrap();
    let ca_links: Vec<String> = ca.entries.iter().map(|e| e.links[0].href.clone()).collect();
    assert!(ca_links.iter().any(|l| l.ends_with(&format!("/ca/article/{}", f.bridge_slug))), "{ca_links:?}");
    assert!(
        !ca_links.iter().any(|l| l.ends_with(&format!("/ca/article/{}", f.conference_slug))),
        "a failed edition is in the feed"
    );

    // A section's feed holds that section only; the pages announce their feeds.
    let local = feed_rs::parser::parse(f.page("/en/category/local/feed.xml").await.as_bytes()).unwrap();
    assert!(!local.entries.is_empty());
    assert!(local.entries.iter().all(|e| e.categories.iter().any(|c| c.term == "local")));
    let section = f.page("/en/category/local").await;
    assert!(section.contains("href=\"/en/category/local/feed.xml\"") && section.contains("href=\"/en/feed.xml\""));
    let article = f.page(&format!("/en/article/{}", f.bridge_slug)).await;
    assert_eq!(article.matches("feed.xml").count(), 1, "an article announces only its language's feed");
    assert_eq!(f.get("/en/category/nope/feed.xml").await.0, StatusCode::NOT_FOUND);
    assert_eq!(f.get("/xx/feed.xml").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn robots_txt_keeps_crawlers_out_of_the_newsroom_and_names_the_sitemap() {
    let f = setup().await;
    let text = f.page("/robots.txt").await;
    assert!(text.starts_with("User-agent: *\n"));
    assert!(
        text.contains("Disallow: /api/\n")
            && text.contains("Disallow: /en/newsroom/\n")
            && text.contains("Disallow: /vi/newsroom/\n")
    );
    assert!(text.contains(&format!("Sitemap: {}/sitemap.xml", f.base)));
    assert!(!text.contains("Disallow: /\n"), "the reader site stays open");
}

#[tokio::test]
async fn pages_feeds_and_sitemaps_revalidate_with_etags() {
    let f = setup().await;
    let article = format!("/en/article/{}", f.bridge_slug);
    for path in [article.as_str(), "/en/", "/en/feed.xml", "/sitemap.xml"] {
        let first = f.client.get(format!("{}{path}", f.base)).send().await.unwrap();
        assert_eq!(first.status(), StatusCode::OK, "{path}");
        let tag = first.headers()["etag"].to_str().unwrap().to_string();
        assert!(tag.starts_with('"') && tag.ends_with('"') && tag.len() >= 34, "{path}: a strong tag, {tag}");
        let rule = first.headers()["cache-control"].to_str().unwrap().to_string();
        assert!(rule.contains("s-maxage=") && rule.contains("stale-while-revalidate=60"), "{path}: {rule}");
        let body = first.text().await.unwrap();
        assert!(!body.is_empty());
        // The same tag back: 304, no body, the tag repeated.
        let again = f.client.get(format!("{}{path}", f.base)).header("if-none-match", &tag).send().await.unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.headers()["etag"], tag.as_str());
        assert!(again.text().await.unwrap().is_empty());
        // Another tag: the whole answer.
        let other = f.client.get(format!("{}{path}", f.base)).header("if-none-match", "\"stale\"").send().await.unwrap();
        assert_eq!(other.status(), StatusCode::OK);
        assert_eq!(other.text().await.unwrap(), body, "{path}");
    }
    // Each encoding is its own representation, with its own tag.
    let raw = reqwest::Client::builder().no_gzip().no_brotli().no_deflate().build().unwrap();
    let plain = raw.get(format!("{}{article}", f.base)).send().await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let zipped = raw.get(format!("{}{article}", f.base)).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(zipped.headers()["content-encoding"], "br", "brotli for who asks");
    let zipped_tag = zipped.headers()["etag"].to_str().unwrap().to_string();
    assert_ne!(plain.headers()["etag"], zipped_tag.as_str());
    assert!(zipped_tag.ends_with("-br\""), "{zipped_tag}");
    let again = raw
        .get(format!("{}{article}", f.base))
        .header("accept-encoding", "br")
        .header("if-none-match", &zipped_tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "the brotli form revalidates with its own tag");
    // The newsroom keeps its own rule.
    let sign_in = f.client.get(format!("{}/en/newsroom/sign-in", f.base)).send().await.unwrap();
    assert_eq!(sign_in.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn feeds_come_in_three_formats_for_sites_sections_authors_and_places() {
    let f = setup().await;
    // Atom and RSS parse as feeds; JSON Feed as JSON Feed 1.1.
    for (path, mime) in [
        ("/en/feed.xml", "application/atom+xml"),
        ("/en/rss.xml", "application/rss+xml"),
        ("/en/category/local/rss.xml", "application/rss+xml"),
        ("/en/author/kieu-minh/feed.xml", "application/atom+xml"),
        ("/en/place/ha-tinh/rss.xml", "application/rss+xml"),
    ] {
        let resp = f.client.get(format!("{}{path}", f.base)).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{path}");
        assert!(resp.headers()["content-type"].to_str().unwrap().starts_with(mime), "{path}");
        let parsed = feed_rs::parser::parse(resp.bytes().await.unwrap().as_ref()).unwrap_or_else(|e| panic!("{path}: {e}"));
        let links: Vec<String> = parsed.entries.iter().flat_map(|e| e.links.iter().map(|l| l.href.clone())).collect();
        assert!(links.iter().any(|l| l.ends_with(&format!("/en/article/{}", f.conference_slug))), "{path}: {links:?}");
    }
    let json: serde_json::Value = serde_json::from_str(&f.page("/en/author/kieu-minh/feed.json").await).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    let item = &json["items"][0];
    assert_eq!(item["authors"][0]["name"], "Kiều Minh");
    assert!(item["content_text"].as_str().unwrap().contains("1743"), "summary-only by default: {item}");
    assert!(item.get("content_html").is_none());
    // The lead picture is attached, with its size, at an absolute address.
    assert_eq!(item["attachments"][0]["url"], format!("{}/media/hall.jpg", f.base));
    assert_eq!(item["attachments"][0]["size_in_bytes"], "not really a jpeg".len());
    let rss = f.page("/en/rss.xml").await;
    assert!(rss.contains(&format!("<enclosure url=\"{}/media/hall.jpg\" length=\"17\" type=\"image/jpeg\"/>", f.base)), "{rss}");
    // A place's feed holds that place's stories only.
    let hue = f.page("/en/place/hue/feed.json").await;
    assert!(hue.contains(&f.bridge_slug) && !hue.contains(&f.conference_slug), "{hue}");
    // Unknown formats, authors and places are pages that do not exist.
    for path in ["/en/feed.yaml", "/en/author/nobody/rss.xml", "/en/place/atlantis/feed.xml", "/en/category/local/feed.txt"] {
        assert_eq!(f.get(path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    // Every page announces its feeds; a section and an author page theirs too.
    let home = f.page("/en/").await;
    for file in ["feed.xml", "rss.xml", "feed.json"] {
        assert!(home.contains(&format!("href=\"/en/{file}\"")), "home announces {file}");
    }
    assert!(f.page("/en/category/local").await.contains("href=\"/en/category/local/feed.json\""));
    assert!(f.page("/en/author/kieu-minh").await.contains("type=\"application/rss+xml\" title=\"Kiều Minh on"));
}
