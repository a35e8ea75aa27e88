//! A loa data directory holding a news archive of a chosen size, for
//! measuring the reader site as the archive grows (`bench/web/run
//! --editions N` drives it).
//!
//! ```text
//! generate_store --data DIR [--editions 100000] [--seed 42] [--until 2026-12-07T00:00:00Z]
//! ```
//!
//! Stories are written through the store's own API (`Store::insert_article`,
//! the call ingestion makes: one transaction per story with its original,
//! its outlet-supplied translations, provenance and change-log rows), then
//! the search index is built from the store the way `loa reindex` builds
//! it. `DIR` must not hold a store yet.
//!
//! The text is made up but shaped like the real thing: a bigram chain per
//! language learnt from the demo outlet's articles (English, Russian,
//! Vietnamese) and from the site's own interface messages (every offered
//! language), plus a Zipf-distributed tail of made-up words, so the
//! related-stories query sees a vocabulary far larger than thirty articles'.
//! Stories are spread over nine sections, hundreds of bylines, places and
//! topics, six years of dates and six outlets; each is published in its
//! original language and, with probability 0.85 each, in every other
//! offered language. The same seed gives the same archive.
//!
//! The last stdout line is one JSON object with the counts and timings.

use std::collections::{HashMap, HashSet};
use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use loa_demo::SplitMix64 as Rng;
use loa_domain::{slugify, Block, Category, Figure, Lang, NewArticle};
use loa_search::{EditionDoc, SearchIndex};
use loa_store::{Store, SuppliedEdition};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The languages the reader site offers by default, each with the
/// interface messages its text model also learns from.
const LANGS: [(Lang, &str); 10] = [
    (Lang::Vi, include_str!("../../loa-i18n/locales/vi.ftl")),
    (Lang::En, include_str!("../../loa-i18n/locales/en.ftl")),
    (Lang::Ru, include_str!("../../loa-i18n/locales/ru.ftl")),
    (Lang::Uk, include_str!("../../loa-i18n/locales/uk.ftl")),
    (Lang::Be, include_str!("../../loa-i18n/locales/be.ftl")),
    (Lang::Es, include_str!("../../loa-i18n/locales/es.ftl")),
    (Lang::Fr, include_str!("../../loa-i18n/locales/fr.ftl")),
    (Lang::Ca, include_str!("../../loa-i18n/locales/ca.ftl")),
    (Lang::Pt, include_str!("../../loa-i18n/locales/pt.ftl")),
    (Lang::It, include_str!("../../loa-i18n/locales/it.ftl")),
];

/// Original languages and their shares (per mille): the demo outlet's.
const ORIGINALS: [(Lang, usize); 3] = [(Lang::En, 400), (Lang::Ru, 300), (Lang::Vi, 300)];

/// The chance that a story has an edition in a given other language: most
/// stories in most languages, as on a portal that translates everything,
/// but not a uniform grid.
const TRANSLATED: f64 = 0.85;

/// Sections and their weights, so section pages differ in length.
const SECTIONS: [(&str, usize); 9] = [
    ("news", 20),
    ("political-system", 10),
    ("local", 15),
    ("heritage", 10),
    ("figures", 8),
    ("business", 15),
    ("product", 7),
    ("travel", 10),
    ("video", 5),
];

const OUTLETS: [&str; 6] = [
    "Central Coast Herald",
    "Mekong Evening Post",
    "Highlands Daily",
    "Capital Wire",
    "Red River Times",
    "Southern Port Gazette",
];

/// How often a generated word comes from the made-up tail.
const TAIL_RATE: f64 = 0.05;
/// How often the chain jumps to a word drawn by frequency instead of a
/// successor, so the few source texts are not copied out verbatim.
const JUMP_RATE: f64 = 0.15;
const TAIL_WORDS: usize = 20_000;
const TAIL_ZIPF: f64 = 1.05;
/// Years of archive before `--until`.
const YEARS: i64 = 6;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("generate_store: cannot start the async runtime: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = runtime.block_on(run(&args)) {
        eprintln!("generate_store: {e}");
        std::process::exit(1);
    }
}

struct Options {
    data: PathBuf,
    editions: usize,
    seed: u64,
    until: DateTime<Utc>,
}

const USAGE: &str = "usage: generate_store --data DIR [--editions 100000] [--seed 42] [--until 2026-12-07T00:00:00Z]";

fn parse(args: &[String]) -> Result<Options> {
    let mut map = HashMap::new();
    let mut it = args.iter();
    while let Some(key) = it.next() {
        let name = key.strip_prefix("--").ok_or_else(|| format!("unexpected {key:?}\n{USAGE}"))?;
        let value = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
        if !["data", "editions", "seed", "until"].contains(&name) {
            return Err(format!("unknown option --{name}\n{USAGE}").into());
        }
        map.insert(name.to_string(), value.clone());
    }
    let number = |name: &str, default: u64| -> Result<u64> {
        match map.get(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| format!("--{name} must be a whole number, got {v:?}").into()),
        }
    };
    let until = match map.get("until") {
        None => "2026-12-07T00:00:00Z".parse()?,
        Some(v) => v.parse().map_err(|e| format!("--until {v:?}: {e}"))?,
    };
    Ok(Options {
        data: map.get("data").map(PathBuf::from).ok_or_else(|| format!("missing --data\n{USAGE}"))?,
        editions: number("editions", 100_000)? as usize,
        seed: number("seed", 42)?,
        until,
    })
}

async fn run(args: &[String]) -> Result<()> {
    let opts = parse(args)?;
    let db = opts.data.join("loa.db");
    if db.exists() {
        return Err(format!("{} exists: give a fresh data directory", db.display()).into());
    }
    std::fs::create_dir_all(&opts.data).map_err(|e| format!("cannot create {}: {e}", opts.data.display()))?;

    let mut rng = Rng::new(opts.seed);
    let models = learn_models(&mut rng);
    let pools = Pools::new(&models, &mut rng);

    let store = Store::open(&db).await?;
    let started = Instant::now();
    let (mut stories, mut editions) = (0usize, 0usize);
    while editions < opts.editions {
        stories += 1;
        let (new, supplied) = story(stories, &models, &pools, &opts, &mut rng);
        editions += 1 + supplied.len();
        store.insert_article(&new, &supplied, &[]).await?;
        if stories % 1000 == 0 {
            eprintln!("{stories} stories, {editions} editions, {:.0} s", started.elapsed().as_secs_f64());
        }
    }
    let store_secs = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let indexed = build_index(&store, &opts.data.join("index")).await?;
    let index_secs = started.elapsed().as_secs_f64();
    let db_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "{{\"stories\":{stories},\"editions\":{editions},\"indexed\":{indexed},\"store_s\":{store_secs:.1},\"index_s\":{index_secs:.1},\"db_bytes\":{db_bytes}}}"
    );
    Ok(())
}

/// The index from the store, as `loa reindex` builds it
/// (`crates/loa/src/jobs/follow_changes.rs`): every edition readers may
/// see, the change-log position committed with the documents (so `loa
/// serve` finds nothing to catch up), merged into one segment.
async fn build_index(store: &Store, dir: &Path) -> Result<usize> {
    let index = SearchIndex::open(dir)?;
    let position = store.last_change().await?;
    index.clear()?;
    let mut indexed = 0;
    let mut current = None;
    // Keys come ordered by article, so each story is read once.
    for (article_id, lang) in store.edition_keys().await? {
        if current.as_ref().is_none_or(|a: &loa_domain::Article| a.id != article_id) {
            current = store.article(article_id).await?;
        }
        let (Some(article), Some(edition)) = (current.as_ref(), store.edition(article_id, lang).await?) else { continue };
        if article.shows(&edition) {
            index.upsert(&EditionDoc::from_edition(article, &edition))?;
            indexed += 1;
        }
    }
    index.commit_at(position)?;
    index.optimize()?;
    Ok(indexed)
}

// ------------------------------------------------------------ text models --

/// A bigram chain over one language's source sentences, with a made-up tail.
struct Model {
    lang: Lang,
    words: Vec<String>,
    /// Sentence openers, one entry per occurrence (uniform draws follow frequency).
    starts: Vec<u32>,
    /// Successors per word, one entry per occurrence; `END` ends a sentence.
    next: Vec<Vec<u32>>,
    unigram: Vec<u32>,
    tail: Vec<String>,
    tail_cdf: Vec<f64>,
    /// The demo's tags in this language, for topics.
    tags: Vec<String>,
}

const END: u32 = u32::MAX;

fn learn_models(rng: &mut Rng) -> Vec<Model> {
    let outlet = loa_demo::outlet();
    LANGS
        .iter()
        .map(|&(lang, ftl)| {
            let mut texts: Vec<String> = Vec::new();
            let mut tags = Vec::new();
            for a in outlet.articles().iter().filter(|a| a.lang == lang) {
                texts.push(a.title.clone());
                texts.push(a.lead.clone());
                texts.extend(a.paragraphs().map(str::to_string));
                tags.extend(a.tags.iter().cloned());
            }
            texts.extend(ftl_texts(ftl));
            Model::learn(lang, &texts, tags, rng)
        })
        .collect()
}

/// The visible text of a Fluent file: message values, attribute values and
/// variants, with placeables (`{ $count }`) dropped.
fn ftl_texts(ftl: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in ftl.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with('}') {
            continue;
        }
        // `key = value`, `.attr = value`, `[one] value`, `*[other] value`.
        let value = if let Some((_, v)) = t.split_once(" = ") {
            v
        } else if let Some((_, v)) = t.split_once("] ") {
            v
        } else if line.starts_with(char::is_whitespace) {
            t
        } else {
            continue;
        };
        let mut text = String::new();
        let mut depth = 0;
        for c in value.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth = (depth - 1).max(0),
                _ if depth == 0 => text.push(c),
                _ => {}
            }
        }
        if text.split_whitespace().count() >= 2 {
            out.push(text);
        }
    }
    out
}

/// Sentences of words, punctuation around words dropped (kept inside:
/// `2,200`, `fish-sauce`).
fn sentences(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let ends = raw.trim_end_matches(|c: char| "\"'»”’)".contains(c)).ends_with(['.', '!', '?', ':']);
        if !word.is_empty() {
            current.push(word.to_string());
        }
        if ends && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

impl Model {
    fn learn(lang: Lang, texts: &[String], tags: Vec<String>, rng: &mut Rng) -> Model {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let (mut words, mut starts, mut next, mut unigram) = (Vec::new(), Vec::new(), Vec::<Vec<u32>>::new(), Vec::new());
        for text in texts {
            for sentence in sentences(text) {
                let seq: Vec<u32> = sentence
                    .iter()
                    .map(|w| {
                        *ids.entry(w.clone()).or_insert_with(|| {
                            words.push(w.clone());
                            next.push(Vec::new());
                            (words.len() - 1) as u32
                        })
                    })
                    .collect();
                starts.push(seq[0]);
                unigram.extend(&seq);
                for pair in seq.windows(2) {
                    next[pair[0] as usize].push(pair[1]);
                }
                next[seq[seq.len() - 1] as usize].push(END);
            }
        }
        // Made-up words: the front of one real word glued to the back of
        // another, so they look like the language to its stemmer.
        let real: Vec<Vec<char>> = words
            .iter()
            .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
            .map(|w| w.to_lowercase().chars().collect())
            .collect();
        let known: HashSet<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let mut seen = HashSet::new();
        let mut tail = Vec::with_capacity(TAIL_WORDS);
        let mut attempts = 0;
        while tail.len() < TAIL_WORDS && attempts < TAIL_WORDS * 50 && !real.is_empty() {
            attempts += 1;
            let (a, b) = (rng.choose(&real), rng.choose(&real));
            let w: String = a[..rng.between(2, a.len() - 1)].iter().chain(&b[rng.between(1, b.len() - 2)..]).collect();
            if !known.contains(&w) && seen.insert(w.clone()) {
                tail.push(w);
            }
        }
        let mut total = 0.0;
        let tail_cdf = (0..tail.len())
            .map(|rank| {
                total += 1.0 / ((rank + 1) as f64).powf(TAIL_ZIPF);
                total
            })
            .collect();
        Model { lang, words, starts, next, unigram, tail, tail_cdf, tags }
    }

    fn tail_word(&self, rng: &mut Rng) -> &str {
        let target = rng.unit() * self.tail_cdf.last().copied().unwrap_or(0.0);
        let i = self.tail_cdf.partition_point(|&c| c < target);
        &self.tail[i.min(self.tail.len() - 1)]
    }

    /// A sentence of `min..=max` words, capitalised, without the full stop.
    fn sentence(&self, rng: &mut Rng, min: usize, max: usize) -> String {
        let mut out: Vec<&str> = Vec::with_capacity(max);
        let mut cur = *rng.choose(&self.starts);
        out.push(&self.words[cur as usize]);
        while out.len() < max {
            if !self.tail.is_empty() && rng.chance(TAIL_RATE) {
                out.push(self.tail_word(rng));
                continue;
            }
            let mut following =
                if rng.chance(JUMP_RATE) { *rng.choose(&self.unigram) } else { *rng.choose(&self.next[cur as usize]) };
            if following == END {
                if out.len() >= min {
                    break;
                }
                following = *rng.choose(&self.unigram);
            }
            out.push(&self.words[following as usize]);
            cur = following;
        }
        let text = out.join(" ");
        let mut chars = text.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => text,
        }
    }
}

// ---------------------------------------------------------------- stories --

/// Bylines, places and topics the stories draw from.
struct Pools {
    authors: Vec<String>,
    places: Vec<String>,
    /// Per original language (the order of `models`).
    topics: Vec<Vec<String>>,
}

impl Pools {
    fn new(models: &[Model], rng: &mut Rng) -> Pools {
        let outlet = loa_demo::outlet();
        // Real bylines recombined (family, middle, given name): a few
        // hundred reporters, so author pages hold tens of stories each.
        let names: Vec<Vec<&str>> = outlet.articles().iter().map(|a| a.author.split(' ').collect()).collect();
        let mut authors: Vec<String> = outlet.articles().iter().map(|a| a.author.clone()).collect();
        for _ in 0..400 {
            let (f, m, g) = (rng.choose(&names), rng.choose(&names), rng.choose(&names));
            authors.push(format!("{} {} {}", f[0], m[m.len() / 2], g[g.len() - 1]));
        }
        authors.sort();
        authors.dedup();
        let mut places: Vec<String> = outlet.articles().iter().flat_map(|a| a.places.clone()).collect();
        let syllables: Vec<String> = places.iter().flat_map(|p| p.split(' ').map(str::to_string)).collect();
        for _ in 0..300 {
            places.push(format!("{} {}", rng.choose(&syllables), rng.choose(&syllables)));
        }
        places.sort();
        places.dedup();
        let topics = models
            .iter()
            .map(|m| {
                let mut t = m.tags.clone();
                // More topics than the demo's tags: two-word phrases of the
                // language's own words.
                for _ in 0..200 {
                    let w = m.sentence(rng, 2, 2).to_lowercase();
                    if w.chars().count() > 5 {
                        t.push(w);
                    }
                }
                t.sort();
                t.dedup();
                t
            })
            .collect();
        Pools { authors, places, topics }
    }
}

/// What one story's editions share: the shape of its body.
struct Shape {
    /// Sentences per paragraph, and each sentence's length range.
    paragraphs: Vec<Vec<(usize, usize)>>,
    heading_after: Option<usize>,
    quote_after: Option<usize>,
    figure: Option<(u32, u32)>,
    video: Option<String>,
}

fn weighted<'a, T>(rng: &mut Rng, items: &'a [(T, usize)]) -> &'a T {
    let total: usize = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.below(total);
    for (item, w) in items {
        if roll < *w {
            return item;
        }
        roll -= w;
    }
    &items[items.len() - 1].0
}

fn story(n: usize, models: &[Model], pools: &Pools, opts: &Options, rng: &mut Rng) -> (NewArticle, Vec<SuppliedEdition>) {
    let lang = *weighted(rng, &ORIGINALS);
    let category = Category::from_slug(weighted::<&str>(rng, &SECTIONS)).expect("the sections are loa's");
    let shape = Shape {
        paragraphs: (0..rng.between(4, 8))
            .map(|_| (0..rng.between(2, 4)).map(|_| (rng.between(8, 14), rng.between(15, 26))).collect())
            .collect(),
        heading_after: rng.chance(0.3).then(|| rng.between(1, 3)),
        quote_after: rng.chance(0.2).then(|| rng.between(1, 3)),
        figure: rng.chance(0.7).then(|| (1200, *rng.choose(&[675u32, 800, 900]))),
        video: (category == Category::VIDEO || rng.chance(0.02)).then(|| format!("{:011x}", rng.next_u64() >> 20)),
    };
    let outlet = rng.choose(&OUTLETS);
    let host = format!("{}.example", slugify(outlet));
    let seconds = rng.below((YEARS * 365 * 86_400) as usize) as i64;
    let published = opts.until - Duration::seconds(seconds);
    let updated = rng.chance(0.2).then(|| published + Duration::minutes(rng.between(10, 4 * 24 * 60) as i64));
    let url = |l: Lang| format!("https://{host}/{}/{}/{n}.html", l.code(), published.format("%Y/%m"));
    let model_of = |l: Lang| models.iter().position(|m| m.lang == l).expect("every language has a model");

    let original = edition(&models[model_of(lang)], &shape, n, rng);
    let mut supplied = Vec::new();
    for &(other, _) in &LANGS {
        if other != lang && rng.chance(TRANSLATED) {
            let (title, lead, blocks) = edition(&models[model_of(other)], &shape, n, rng);
            supplied.push(SuppliedEdition { lang: other, url: url(other), title, lead, blocks });
        }
    }
    let topics = &pools.topics[model_of(lang)];
    let (title, lead, blocks) = original;
    let new = NewArticle {
        canonical_url: url(lang),
        outlet: outlet.to_string(),
        source_id: None,
        lang,
        title,
        lead,
        blocks,
        author: rng.chance(0.9).then(|| rng.choose(&pools.authors).clone()),
        category,
        places: (0..rng.between(1, 2)).map(|_| rng.choose(&pools.places).clone()).collect(),
        topics: (0..rng.between(1, 3)).map(|_| rng.choose(topics).clone()).collect(),
        published_at: Some(published),
        updated_at: updated,
    };
    (new, supplied)
}

/// One language's title, lead and body of a story of `shape`.
fn edition(model: &Model, shape: &Shape, n: usize, rng: &mut Rng) -> (String, String, Vec<Block>) {
    let title = model.sentence(rng, 6, 11);
    let lead = format!("{}.", model.sentence(rng, 18, 30));
    let mut blocks = Vec::new();
    for (i, sentences) in shape.paragraphs.iter().enumerate() {
        let text: Vec<String> = sentences.iter().map(|&(min, max)| format!("{}.", model.sentence(rng, min, max))).collect();
        blocks.push(Block::Paragraph { text: text.join(" "), marks: vec![] });
        if i == 0 {
            if let Some((width, height)) = shape.figure {
                blocks.push(Block::Figure(Figure {
                    src: format!("https://images.loa-bench.example/{n}.jpg"),
                    alt: model.sentence(rng, 5, 9),
                    caption: format!("{}.", model.sentence(rng, 8, 16)),
                    width: Some(width),
                    height: Some(height),
                    renditions: vec![],
                }));
            }
            if let Some(id) = &shape.video {
                blocks.push(Block::Video {
                    src: format!("https://www.youtube.com/embed/{id}"),
                    title: model.sentence(rng, 4, 8),
                    poster: None,
                });
            }
        }
        if shape.heading_after == Some(i) {
            blocks.push(Block::Heading { text: model.sentence(rng, 3, 7), marks: vec![] });
        }
        if shape.quote_after == Some(i) {
            blocks.push(Block::Quote { text: format!("{}.", model.sentence(rng, 10, 20)), marks: vec![] });
        }
    }
    (title, lead, blocks)
}
