//! The search benchmark's Rust half (`bench/search/run` drives it).
//!
//! ```text
//! bench_search generate --out corpus.jsonl [--n 200000] [--seed 42] [--articles DIR]
//! bench_search queries  --corpus corpus.jsonl --out queries.tsv [--n 2000] [--seed 7]
//! bench_search index    --corpus corpus.jsonl --dir IDX
//! bench_search query    --dir IDX --queries queries.tsv [--lang en|ru|vi|all] [--limit 10]
//!                        [--slowest N]
//! ```
//!
//! `generate` writes a deterministic corpus of editions (one JSON object a
//! line) whose words follow the demo outlet's articles: a bigram chain per
//! language learnt from `crates/loa-demo/articles`, plus a Zipf-distributed
//! long tail of made-up words built from pieces of real ones, because a news
//! archive's vocabulary is far larger than thirty articles'. `queries` draws
//! reader-like queries from that corpus's own document frequencies, so every
//! query class (frequent word, rare word, two-word AND, quoted phrase) is
//! known to match. `index` and `query` time loa's `SearchIndex` on them;
//! `bench/search/fts5.py` times SQLite FTS5 on the very same files.
//!
//! `index` and `query` print one JSON object on their last stdout line, the
//! form `bench/search/run` reads.

use loa_demo::SplitMix64 as Rng;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::error::Error;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use loa_domain::{slugify, Lang};
use loa_search::{EditionDoc, SearchIndex, SearchQuery};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The languages the demo outlet writes in, with each one's share of the
/// generated editions (per mille).
const LANG_SHARES: [(Lang, u32); 3] = [(Lang::En, 400), (Lang::Ru, 300), (Lang::Vi, 300)];

/// How often a generated word comes from the made-up long tail instead of
/// the bigram chain.
const TAIL_RATE: f64 = 0.05;
/// How often the chain jumps to a word drawn by frequency instead of
/// following its successor list; keeps thirty source articles from being
/// copied out verbatim.
const JUMP_RATE: f64 = 0.15;
/// Made-up words per language in the long tail.
const TAIL_WORDS: usize = 40_000;
/// Zipf exponent of the long tail.
const TAIL_ZIPF: f64 = 1.05;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(e) = run(&args) {
        eprintln!("bench_search: {e}");
        std::process::exit(1);
    }
}

fn run(args: &[String]) -> Result<()> {
    let Some((command, rest)) = args.split_first() else {
        return Err(usage().into());
    };
    let opts = Options::parse(rest)?;
    match command.as_str() {
        "generate" => generate(&opts),
        "queries" => make_queries(&opts),
        "index" => index(&opts),
        "query" => query(&opts),
        other => Err(format!("unknown command {other:?}\n{}", usage()).into()),
    }
}

fn usage() -> &'static str {
    "usage:\n  bench_search generate --out FILE [--n 200000] [--seed 42] [--articles DIR]\n  \
     bench_search queries --corpus FILE --out FILE [--n 2000] [--seed 7]\n  \
     bench_search index --corpus FILE --dir DIR\n  \
     bench_search query --dir DIR --queries FILE [--lang en|ru|vi|all] [--limit 10] [--slowest N]"
}

/// `--key value` pairs.
struct Options(HashMap<String, String>);

impl Options {
    fn parse(args: &[String]) -> Result<Options> {
        let mut map = HashMap::new();
        let mut it = args.iter();
        while let Some(key) = it.next() {
            let Some(name) = key.strip_prefix("--") else {
                return Err(format!("expected an option like --out, got {key:?}").into());
            };
            let value = it.next().ok_or_else(|| format!("option --{name} needs a value"))?;
            map.insert(name.to_string(), value.clone());
        }
        Ok(Options(map))
    }

    fn path(&self, name: &str) -> Result<PathBuf> {
        self.0.get(name).map(PathBuf::from).ok_or_else(|| format!("missing --{name}\n{}", usage()).into())
    }

    fn number(&self, name: &str, default: u64) -> Result<u64> {
        match self.0.get(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| format!("--{name} must be a whole number, got {v:?}").into()),
        }
    }

    fn text(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
}

// ---------------------------------------------------------------- PRNG --

// The generator is the demo's (`loa_demo::SplitMix64`), so the corpus is
// the same on every machine and every run.

// -------------------------------------------------------- word models --

/// One demo article, as far as the model needs it.
struct SourceArticle {
    lang: Lang,
    title: String,
    lead: String,
    paragraphs: Vec<String>,
    author: Option<String>,
    category: Option<String>,
    places: Vec<String>,
    topics: Vec<String>,
}

fn read_articles(dir: &Path) -> Result<Vec<SourceArticle>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the demo articles in {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    // Directory order varies between file systems; the corpus must not.
    paths.sort();
    let mut articles = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let (header, body) =
            text.split_once("\n---\n").ok_or_else(|| format!("{} has no `---` line after its header", path.display()))?;
        let mut fields = HashMap::new();
        for line in header.lines() {
            if let Some((k, v)) = line.split_once(':') {
                fields.insert(k.trim(), v.trim().to_string());
            }
        }
        let list = |key: &str| -> Vec<String> {
            fields
                .get(key)
                .map(|v| v.split(';').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
                .unwrap_or_default()
        };
        let lang: Lang = fields
            .get("lang")
            .ok_or_else(|| format!("{} has no lang: line", path.display()))?
            .parse()
            .map_err(|_| format!("{} has an unknown lang", path.display()))?;
        let paragraphs =
            body.split("\n\n").map(str::trim).filter(|p| !p.is_empty() && !p.starts_with('[')).map(str::to_string).collect();
        articles.push(SourceArticle {
            lang,
            title: fields.get("title").cloned().unwrap_or_default(),
            lead: fields.get("lead").cloned().unwrap_or_default(),
            paragraphs,
            author: fields.get("author").cloned(),
            category: fields.get("category").cloned(),
            places: list("places"),
            topics: list("tags"),
        });
    }
    if articles.is_empty() {
        return Err(format!("no .txt articles in {}", dir.display()).into());
    }
    Ok(articles)
}

/// Splits text into sentences of words, dropping the punctuation around
/// words (but keeping it inside them: `2,200`, `fish-sauce`).
fn sentences(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let ends = raw.trim_end_matches(|c: char| "\"'»”’)".contains(c)).ends_with(['.', '!', '?']);
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

const END: u32 = u32::MAX;

/// The word statistics of one language: a bigram chain over the demo
/// articles, a made-up Zipf tail, and pools of metadata.
struct LangModel {
    lang: Lang,
    words: Vec<String>,
    /// Sentence openers, one entry per occurrence (so drawing uniformly
    /// draws by frequency).
    starts: Vec<u32>,
    /// Successors of each word, one entry per occurrence; `END` ends the
    /// sentence.
    next: Vec<Vec<u32>>,
    /// Every word occurrence, for frequency-weighted jumps.
    unigram: Vec<u32>,
    tail: Vec<String>,
    tail_cdf: Vec<f64>,
    authors: Vec<String>,
    categories: Vec<String>,
    places: Vec<String>,
    topics: Vec<String>,
}

impl LangModel {
    fn learn(lang: Lang, articles: &[&SourceArticle], everyone: &[SourceArticle], rng: &mut Rng) -> LangModel {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let mut starts = Vec::new();
        let mut next: Vec<Vec<u32>> = Vec::new();
        let mut unigram = Vec::new();
        let mut id_of = |w: &str, words: &mut Vec<String>, next: &mut Vec<Vec<u32>>| -> u32 {
            *ids.entry(w.to_string()).or_insert_with(|| {
                words.push(w.to_string());
                next.push(Vec::new());
                (words.len() - 1) as u32
            })
        };
        for a in articles {
            let texts = std::iter::once(&a.title).chain(std::iter::once(&a.lead)).chain(&a.paragraphs);
            for text in texts {
                for sentence in sentences(text) {
                    let seq: Vec<u32> = sentence.iter().map(|w| id_of(w, &mut words, &mut next)).collect();
                    starts.push(seq[0]);
                    unigram.extend(&seq);
                    for pair in seq.windows(2) {
                        next[pair[0] as usize].push(pair[1]);
                    }
                    next[*seq.last().expect("sentences are never empty") as usize].push(END);
                }
            }
        }

        // The long tail: the front of one real word glued to the back of
        // another, so made-up words look like the language (Cyrillic
        // endings the Russian stemmer knows, Vietnamese tone marks).
        let real: Vec<&String> = words.iter().filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic)).collect();
        let known: HashSet<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let mut seen = HashSet::new();
        let mut tail = Vec::with_capacity(TAIL_WORDS);
        let mut attempts = 0;
        while tail.len() < TAIL_WORDS && attempts < TAIL_WORDS * 50 && !real.is_empty() {
            attempts += 1;
            let a: Vec<char> = rng.choose(&real).to_lowercase().chars().collect();
            let b: Vec<char> = rng.choose(&real).to_lowercase().chars().collect();
            let cut_a = rng.between(2, a.len() - 1);
            let cut_b = rng.between(1, b.len() - 2);
            let w: String = a[..cut_a].iter().chain(&b[cut_b..]).collect();
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

        let mut authors: Vec<String> = everyone.iter().filter_map(|a| a.author.clone()).collect();
        // More bylines than thirty articles have: recombine the parts of
        // the real names (family name, middle name, given name).
        let parts: Vec<Vec<&str>> = authors.iter().map(|n| n.split(' ').collect()).collect();
        let made_up: Vec<String> = (0..200)
            .map(|_| {
                let family = rng.choose(&parts)[0];
                let middle = rng.choose(&parts);
                let given = rng.choose(&parts);
                format!("{family} {} {}", middle[middle.len() / 2], given[given.len() - 1])
            })
            .collect();
        authors.extend(made_up);
        let categories = everyone.iter().filter_map(|a| a.category.clone()).collect();
        let mut places: Vec<String> = articles.iter().flat_map(|a| a.places.clone()).collect();
        // Made-up two-syllable place names from the real places' syllables.
        let syllables: Vec<&str> = places.iter().flat_map(|p| p.split(' ')).filter(|s| !s.is_empty()).collect();
        let made_up: Vec<String> =
            (0..places.len() * 10).map(|_| format!("{} {}", rng.choose(&syllables), rng.choose(&syllables))).collect();
        places.extend(made_up);
        let topics = articles.iter().flat_map(|a| a.topics.clone()).collect();

        LangModel { lang, words, starts, next, unigram, tail, tail_cdf, authors, categories, places, topics }
    }

    fn tail_word(&self, rng: &mut Rng) -> &str {
        let target = rng.unit() * self.tail_cdf.last().copied().unwrap_or(0.0);
        let i = self.tail_cdf.partition_point(|&c| c < target);
        &self.tail[i.min(self.tail.len() - 1)]
    }

    /// One sentence of `min..=max` words, walking the chain.
    fn sentence(&self, rng: &mut Rng, min: usize, max: usize, out: &mut Vec<String>) {
        let start = out.len();
        let mut cur = *rng.choose(&self.starts);
        out.push(self.words[cur as usize].clone());
        while out.len() - start < max {
            if !self.tail.is_empty() && rng.chance(TAIL_RATE) {
                out.push(self.tail_word(rng).to_string());
                continue;
            }
            let successors = &self.next[cur as usize];
            let mut following = if rng.chance(JUMP_RATE) { *rng.choose(&self.unigram) } else { *rng.choose(successors) };
            if following == END {
                if out.len() - start >= min {
                    break;
                }
                following = *rng.choose(&self.unigram);
            }
            out.push(self.words[following as usize].clone());
            cur = following;
        }
    }

    fn sentence_text(&self, rng: &mut Rng, min: usize, max: usize) -> (String, usize) {
        let mut words = Vec::new();
        self.sentence(rng, min, max, &mut words);
        let n = words.len();
        (capitalise(&words.join(" ")), n)
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One generated edition, the line format both engines read.
#[derive(Serialize, Deserialize)]
struct CorpusDoc {
    id: i64,
    lang: Lang,
    slug: String,
    title: String,
    lead: String,
    /// Paragraphs separated by blank lines.
    body: String,
    author: String,
    category: String,
    places: Vec<String>,
    topics: Vec<String>,
    published_at: DateTime<Utc>,
}

impl CorpusDoc {
    fn generate(id: i64, model: &LangModel, rng: &mut Rng, epoch: i64) -> CorpusDoc {
        let (title, _) = model.sentence_text(rng, 6, 10);
        let (lead, _) = model.sentence_text(rng, 20, 30);
        let target = rng.between(250, 400);
        let mut written = 0;
        let mut paragraphs = Vec::new();
        while written < target {
            let mut paragraph = String::new();
            for _ in 0..rng.between(2, 5) {
                let (sentence, n) = model.sentence_text(rng, 8, 28);
                written += n;
                if !paragraph.is_empty() {
                    paragraph.push(' ');
                }
                paragraph.push_str(&sentence);
                paragraph.push('.');
            }
            paragraphs.push(paragraph);
        }
        let places = (0..rng.between(1, 2)).map(|_| rng.choose(&model.places).clone()).collect();
        let topics = if model.topics.is_empty() {
            Vec::new()
        } else {
            (0..rng.between(1, 3)).map(|_| rng.choose(&model.topics).clone()).collect()
        };
        // Six years of news, to the second.
        let published_at = Utc.timestamp_opt(epoch + rng.below(6 * 365 * 86_400) as i64, 0).single().unwrap_or_default();
        CorpusDoc {
            id,
            lang: model.lang,
            slug: format!("{}-{id}", slugify(&title)),
            title,
            lead: format!("{lead}."),
            body: paragraphs.join("\n\n"),
            author: rng.choose(&model.authors).clone(),
            category: rng.choose(&model.categories).clone(),
            places,
            topics,
            published_at,
        }
    }

    fn edition_doc(self) -> EditionDoc {
        EditionDoc {
            article_id: self.id,
            slug: self.slug,
            lang: self.lang,
            title: self.title,
            lead: self.lead,
            body: self.body,
            captions: String::new(),
            author: Some(self.author),
            category: self.category,
            places: self.places,
            topics: self.topics,
            published_at: self.published_at,
        }
    }
}

fn default_articles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../loa-demo/articles")
}

fn generate(opts: &Options) -> Result<()> {
    let out = opts.path("out")?;
    let n = opts.number("n", 200_000)?;
    let seed = opts.number("seed", 42)?;
    let dir = opts.text("articles").map(PathBuf::from).unwrap_or_else(default_articles_dir);
    let articles = read_articles(&dir)?;
    let mut rng = Rng::new(seed);
    let mut models = Vec::new();
    for (lang, share) in LANG_SHARES {
        let own: Vec<&SourceArticle> = articles.iter().filter(|a| a.lang == lang).collect();
        if own.is_empty() {
            return Err(format!("no demo articles in {} under {}", lang.code(), dir.display()).into());
        }
        models.push((LangModel::learn(lang, &own, &articles, &mut rng), share));
    }
    let epoch = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).single().ok_or("bad epoch")?.timestamp();
    let file = File::create(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut w = BufWriter::new(file);
    let started = Instant::now();
    for id in 1..=n as i64 {
        let mut roll = rng.below(1000) as u32;
        let model = models
            .iter()
            .find(|(_, share)| {
                let hit = roll < *share;
                roll = roll.saturating_sub(*share);
                hit
            })
            .map(|(m, _)| m)
            .unwrap_or(&models[0].0);
        let doc = CorpusDoc::generate(id, model, &mut rng, epoch);
        serde_json::to_writer(&mut w, &doc)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    eprintln!("generated {n} editions into {} in {:.1}s", out.display(), started.elapsed().as_secs_f64());
    Ok(())
}

fn read_corpus(path: &Path, mut each: impl FnMut(CorpusDoc) -> Result<()>) -> Result<u64> {
    let file = File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut count = 0;
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: CorpusDoc = serde_json::from_str(&line).map_err(|e| format!("{} line {}: {e}", path.display(), i + 1))?;
        each(doc)?;
        count += 1;
    }
    Ok(count)
}

// ------------------------------------------------------------ queries --

/// Lowercased words as tantivy's and FTS5's tokenizers both split them
/// (runs of letters and digits), keeping only those that are all letters
/// and long enough to be something a reader types.
fn query_words(text: &str, lang: Lang) -> Vec<String> {
    let min_chars = if lang == Lang::Vi { 2 } else { 3 };
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= min_chars && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .filter(|w| !matches!(w.as_str(), "and" | "or" | "not"))
        .collect()
}

/// Vietnamese as readers often type it: without tone marks (đ stays).
fn strip_marks(text: &str) -> String {
    text.nfd().filter(|c| !('\u{0300}'..='\u{036F}').contains(c)).nfc().collect()
}

struct LangStats {
    doc_freq: HashMap<String, u32>,
    /// Every 25th edition's words in order, for AND pairs and phrases.
    sample: Vec<Vec<String>>,
}

fn make_queries(opts: &Options) -> Result<()> {
    let corpus = opts.path("corpus")?;
    let out = opts.path("out")?;
    let n = opts.number("n", 2000)? as usize;
    let mut rng = Rng::new(opts.number("seed", 7)?);

    let mut stats: HashMap<Lang, LangStats> = HashMap::new();
    let mut seen = 0u64;
    read_corpus(&corpus, |doc| {
        seen += 1;
        let st = stats.entry(doc.lang).or_insert_with(|| LangStats { doc_freq: HashMap::new(), sample: Vec::new() });
        let text = format!("{}\n{}\n{}", doc.title, doc.lead, doc.body);
        let words = query_words(&text, doc.lang);
        let unique: HashSet<&String> = words.iter().collect();
        for w in unique {
            *st.doc_freq.entry(w.clone()).or_insert(0) += 1;
        }
        if seen.is_multiple_of(25) {
            st.sample.push(words);
        }
        Ok(())
    })?;

    struct Ranked {
        by_df: Vec<String>,
        rank: HashMap<String, usize>,
        rare: Vec<String>,
    }
    let mut ranked: HashMap<Lang, Ranked> = HashMap::new();
    for (lang, st) in &stats {
        let mut by_df: Vec<(&String, &u32)> = st.doc_freq.iter().collect();
        by_df.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let mut rare: Vec<String> = by_df.iter().filter(|(_, &df)| (2..=50).contains(&df)).map(|(w, _)| (*w).clone()).collect();
        rare.sort();
        let by_df: Vec<String> = by_df.into_iter().map(|(w, _)| w.clone()).collect();
        let rank = by_df.iter().enumerate().map(|(i, w)| (w.clone(), i)).collect();
        ranked.insert(*lang, Ranked { by_df, rank, rare });
    }

    let file = File::create(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut w = BufWriter::new(file);
    let mut written = 0;
    let mut attempts = 0;
    while written < n && attempts < n * 100 {
        attempts += 1;
        let mut roll = rng.below(1000) as u32;
        let lang = LANG_SHARES
            .iter()
            .find(|(_, share)| {
                let hit = roll < *share;
                roll = roll.saturating_sub(*share);
                hit
            })
            .map(|(l, _)| *l)
            .unwrap_or(Lang::En);
        let (Some(r), Some(st)) = (ranked.get(&lang), stats.get(&lang)) else {
            continue;
        };
        if r.by_df.len() < 50 || st.sample.is_empty() {
            continue;
        }
        // Skip the twenty commonest words (the, và, в, …): readers do not
        // search for them alone.
        let content = |word: &String| r.rank.get(word).is_some_and(|&k| (20..20_000).contains(&k));
        let kind_roll = rng.below(100);
        let (kind, text) = if kind_roll < 25 {
            let top = r.by_df.len().min(400);
            ("frequent", r.by_df[rng.between(20, top - 1)].clone())
        } else if kind_roll < 50 {
            if r.rare.is_empty() {
                continue;
            }
            ("rare", rng.choose(&r.rare).clone())
        } else if kind_roll < 80 {
            let doc = rng.choose(&st.sample);
            let candidates: Vec<&String> = doc.iter().filter(|w| content(w)).collect();
            if candidates.len() < 2 {
                continue;
            }
            let a = *rng.choose(&candidates);
            let b = *rng.choose(&candidates);
            if a == b {
                continue;
            }
            ("and", format!("{a} {b}"))
        } else {
            let doc = rng.choose(&st.sample);
            let len = rng.between(2, 3);
            if doc.len() <= len {
                continue;
            }
            let at = rng.below(doc.len() - len);
            let phrase = &doc[at..at + len];
            if !phrase.iter().any(content) {
                continue;
            }
            ("phrase", format!("\"{}\"", phrase.join(" ")))
        };
        let text = if lang == Lang::Vi && rng.chance(0.4) { strip_marks(&text) } else { text };
        writeln!(w, "{}\t{kind}\t{text}", lang.code())?;
        written += 1;
    }
    w.flush()?;
    if written < n {
        return Err(format!("could only draw {written} of {n} queries; is the corpus too small?").into());
    }
    eprintln!("wrote {written} queries to {}", out.display());
    Ok(())
}

// ------------------------------------------------------- index, query --

fn dir_size(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let meta = entry?.metadata()?;
        if meta.is_file() {
            total += meta.len();
        }
    }
    Ok(total)
}

/// Segments the index's last commit lists (each has one `.store` file).
fn segment_count(dir: &Path) -> Result<usize> {
    Ok(std::fs::read_dir(dir)?.filter_map(|e| e.ok()).filter(|e| e.path().extension().is_some_and(|x| x == "store")).count())
}

fn index(opts: &Options) -> Result<()> {
    let corpus = opts.path("corpus")?;
    let dir = opts.path("dir")?;
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("cannot clear the old index at {}: {e}", dir.display()))?;
    }
    let started = Instant::now();
    let index = SearchIndex::open(&dir)?;
    // What `loa reindex` does: upsert every edition, one commit, then
    // merge the bulk load into one segment.
    let docs = read_corpus(&corpus, |doc| Ok(index.upsert(&doc.edition_doc())?))?;
    index.commit()?;
    let loaded_s = started.elapsed().as_secs_f64();
    let loaded_segments = index.num_segments();
    index.optimize()?;
    eprintln!(
        "loaded in {loaded_s:.1}s into {loaded_segments} segments; merged into {} in {:.1}s",
        index.num_segments(),
        started.elapsed().as_secs_f64() - loaded_s
    );
    let build_s = started.elapsed().as_secs_f64();
    let indexed = index.num_docs();
    drop(index);
    let size = dir_size(&dir)?;
    let segments = segment_count(&dir)?;
    eprintln!("indexed {indexed} of {docs} editions in {build_s:.1}s: {:.1} MB, {segments} segments", size as f64 / 1e6);
    println!(
        "{}",
        serde_json::json!({
            "engine": "loa", "docs": indexed, "build_s": build_s,
            "size_bytes": size, "segments": segments,
        })
    );
    Ok(())
}

/// One line of the query file: language, kind, query text.
struct BenchQuery {
    lang: Lang,
    kind: String,
    text: String,
}

fn read_queries(path: &Path, only: Option<Lang>) -> Result<Vec<BenchQuery>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut queries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut parts = line.splitn(3, '\t');
        let (Some(lang), Some(kind), Some(q)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!("{} line {}: expected lang<TAB>kind<TAB>query", path.display(), i + 1).into());
        };
        let lang: Lang = lang.parse().map_err(|_| format!("{} line {}: unknown language {lang:?}", path.display(), i + 1))?;
        if only.is_none_or(|l| l == lang) {
            queries.push(BenchQuery { lang, kind: kind.to_string(), text: q.to_string() });
        }
    }
    if queries.is_empty() {
        return Err(format!("no queries to run from {}", path.display()).into());
    }
    Ok(queries)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    // Nearest rank: the smallest value with at least p of the samples at
    // or below it.
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn query(opts: &Options) -> Result<()> {
    let dir = opts.path("dir")?;
    let only = match opts.text("lang") {
        None | Some("all") => None,
        Some(code) => Some(code.parse::<Lang>().map_err(|_| format!("--lang: unknown language {code:?}"))?),
    };
    let limit = opts.number("limit", 10)? as usize;
    let slowest = opts.number("slowest", 0)? as usize;
    let queries = read_queries(&opts.path("queries")?, only)?;
    let index = SearchIndex::open(&dir)?;
    let request =
        |q: &BenchQuery| SearchQuery { text: q.text.clone(), lang: Some(q.lang), limit, offset: 0, ..Default::default() };

    // Warm-up: one untimed pass pages the index in and fills caches.
    for q in &queries {
        index.search(&request(q))?;
    }

    let mut latencies_ms = Vec::with_capacity(queries.len());
    let mut by_kind: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let mut hits = 0usize;
    let mut matched = 0usize;
    let mut zero = 0usize;
    let mut each: Vec<(f64, usize, usize)> = Vec::new();
    let started = Instant::now();
    for (i, q) in queries.iter().enumerate() {
        let request = request(q);
        let t = Instant::now();
        let results = index.search(&request)?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        latencies_ms.push(ms);
        by_kind.entry(&q.kind).or_default().push(ms);
        hits += results.hits.len();
        matched += results.total;
        zero += usize::from(results.hits.is_empty());
        each.push((ms, i, results.total));
    }
    let wall = started.elapsed().as_secs_f64();
    latencies_ms.sort_by(f64::total_cmp);
    // The tail by name, to tell slow queries from a busy machine.
    each.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, i, total) in each.iter().take(slowest) {
        let q = &queries[*i];
        eprintln!("{ms:8.2} ms  {:<2} {:<8} {total:>7} found  {}", q.lang.code(), q.kind, q.text);
    }
    let mut kinds = serde_json::Map::new();
    let mut summary = String::new();
    for (name, v) in by_kind.iter_mut() {
        v.sort_by(f64::total_cmp);
        let p50 = percentile(v, 0.5);
        let p99 = percentile(v, 0.99);
        let _ = write!(summary, " {name}: p50 {p50:.2} p99 {p99:.2};");
        kinds.insert(name.to_string(), serde_json::json!({"n": v.len(), "p50_ms": p50, "p99_ms": p99}));
    }
    let n = queries.len();
    eprintln!("loa: {n} queries in {wall:.2}s, {} with no hit;{summary}", zero);
    println!(
        "{}",
        serde_json::json!({
            "engine": "loa", "queries": n, "qps": n as f64 / wall,
            "p50_ms": percentile(&latencies_ms, 0.5),
            "p99_ms": percentile(&latencies_ms, 0.99),
            "mean_hits": hits as f64 / n as f64,
            "mean_total": matched as f64 / n as f64,
            "no_hit": zero, "kinds": kinds,
        })
    );
    Ok(())
}
