//! loa's side of `bench/translate`: the demo articles through Apertium the
//! way loa sends them (one request per article, sentence by sentence
//! through a translation memory), timed against the raw pipeline by the
//! script.
//!
//! `generate` writes the benchmark text: the demo articles of one language
//! (title, lead, paragraphs; figures left out), repeated until the word
//! target is reached, paragraphs separated by blank lines. A layout file
//! next to it records, per article, its copy number and paragraph count.
//!
//! `loa` translates that text and prints `key=value` lines. The text
//! repeats the demo corpus, so each copy gets its own memory: within the
//! first pass no sentence is found in memory just because an earlier copy
//! had it (real articles do not repeat), and the second pass over the same
//! copies is the re-translation of unchanged articles.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use loa_domain::Lang;
use loa_translate::{Apertium, Context, Engine, InMemory, Memory, Translator, DEFAULT_MODES_DIR};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The allocator the `loa` binary runs the translator with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn usage() -> ! {
    eprintln!(
        "usage:\n  bench_translate generate --articles DIR --lang CODE --words N --out FILE\n  \
         bench_translate loa --input FILE --from CODE --to CODE [--repeats N] [--pipelines N] \
         [--articles-per-request N] [--warm-passes N] [--modes DIR] [--output FILE]"
    );
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else { usage() };
    let mut options: HashMap<String, String> = HashMap::new();
    let mut rest = args[1..].iter();
    while let Some(flag) = rest.next() {
        let (Some(name), Some(value)) = (flag.strip_prefix("--"), rest.next()) else { usage() };
        options.insert(name.to_string(), value.clone());
    }
    let result = match command.as_str() {
        "generate" => generate(&options),
        "loa" => tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(BoxError::from)
            .and_then(|rt| rt.block_on(run_loa(&options))),
        _ => usage(),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn required<'a>(options: &'a HashMap<String, String>, name: &str) -> Result<&'a str, BoxError> {
    options.get(name).map(String::as_str).ok_or_else(|| format!("--{name} is required").into())
}

fn number(options: &HashMap<String, String>, name: &str, default: usize) -> Result<usize, BoxError> {
    match options.get(name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| format!("--{name} wants a number, got {v:?}").into()),
    }
}

fn lang(options: &HashMap<String, String>, name: &str) -> Result<Lang, BoxError> {
    Ok(required(options, name)?.parse()?)
}

/// The translatable paragraphs of one demo article file, if it is in `lang`.
fn article_paragraphs(text: &str, lang: Lang) -> Option<Vec<String>> {
    let (header, body) = text.split_once("\n---\n")?;
    let mut paragraphs = Vec::new();
    let mut is_lang = false;
    for line in header.lines() {
        if let Some((key, value)) = line.split_once(": ") {
            match key {
                "lang" => is_lang = value.trim().parse::<Lang>().ok() == Some(lang),
                "title" | "lead" => paragraphs.push(value.trim().to_string()),
                _ => {}
            }
        }
    }
    if !is_lang {
        return None;
    }
    for block in body.split("\n\n") {
        let block = block.trim();
        // `[figure ...]` and `[video ...]` lines are media, not text.
        if block.is_empty() || block.starts_with('[') {
            continue;
        }
        paragraphs.push(block.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    Some(paragraphs)
}

fn generate(options: &HashMap<String, String>) -> Result<(), BoxError> {
    let dir = PathBuf::from(required(options, "articles")?);
    let lang = lang(options, "lang")?;
    let target_words = number(options, "words", 50_000)?;
    let out = PathBuf::from(required(options, "out")?);

    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut articles = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file)?;
        if let Some(paragraphs) = article_paragraphs(&text, lang) {
            articles.push(paragraphs);
        }
    }
    if articles.is_empty() {
        return Err(format!("no {lang} article in {}", dir.display()).into());
    }

    let mut text = String::new();
    let mut layout = String::new();
    let (mut words, mut copies, mut count) = (0usize, 0usize, 0usize);
    'outer: loop {
        for article in &articles {
            if words >= target_words {
                break 'outer;
            }
            for paragraph in article {
                text.push_str(paragraph);
                text.push_str("\n\n");
                words += paragraph.split_whitespace().count();
            }
            layout.push_str(&format!("{copies} {}\n", article.len()));
            count += 1;
        }
        copies += 1;
    }
    std::fs::write(&out, &text)?;
    std::fs::write(layout_path(&out), layout)?;
    println!("words={words}");
    println!("articles={count}");
    println!("copies={}", copies + 1);
    println!("distinct_articles={}", articles.len());
    Ok(())
}

fn layout_path(text: &Path) -> PathBuf {
    let mut p = text.as_os_str().to_owned();
    p.push(".layout");
    PathBuf::from(p)
}

/// One article of the benchmark text.
struct Article {
    copy: usize,
    paragraphs: Vec<String>,
}

fn read_input(path: &Path) -> Result<Vec<Article>, BoxError> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let layout = std::fs::read_to_string(layout_path(path))?;
    let mut paragraphs = text.split("\n\n").filter(|p| !p.trim().is_empty());
    let mut articles = Vec::new();
    for line in layout.lines() {
        let (copy, n) = line.split_once(' ').ok_or("bad layout line")?;
        let n: usize = n.parse()?;
        let paragraphs: Vec<String> = paragraphs.by_ref().take(n).map(str::to_string).collect();
        if paragraphs.len() != n {
            return Err("the layout file does not match the text".into());
        }
        articles.push(Article { copy: copy.parse()?, paragraphs });
    }
    Ok(articles)
}

/// What one pass did.
#[derive(Default)]
struct PassStats {
    sentences: usize,
    sent_to_engine: usize,
    requests: usize,
    engine_time: Duration,
}

/// Translates a group of articles through loa's own `Translator` (names,
/// glossary, sentence memory, paragraph batching, the checks), with the
/// given memory in front of Apertium.
async fn translate_articles(
    translator: &Translator,
    from: Lang,
    to: Lang,
    articles: &[&Article],
    out: &mut Vec<String>,
) -> Result<PassStats, BoxError> {
    let paragraphs: Vec<String> = articles.iter().flat_map(|a| a.paragraphs.iter().cloned()).collect();
    let started = Instant::now();
    let outcome = translator.translate(from, to, &paragraphs, &Context::default()).await?;
    let mut stats = PassStats { sentences: outcome.sentences, ..PassStats::default() };
    if outcome.from_memory < outcome.sentences {
        stats.engine_time += started.elapsed();
        stats.requests += 1;
        stats.sent_to_engine += outcome.sentences - outcome.from_memory;
    }
    out.extend(outcome.segments);
    Ok(stats)
}

/// One pass over every article: `pipelines` workers share loa's Apertium
/// pool and take requests in turn.
async fn pass(
    engines: &[Arc<Apertium>],
    translators: &[Arc<Translator>],
    articles: &Arc<Vec<Article>>,
    per_request: usize,
    from: Lang,
    to: Lang,
) -> Result<(Duration, PassStats, Vec<String>), BoxError> {
    let groups: Vec<Vec<usize>> =
        (0..articles.len()).collect::<Vec<_>>().chunks(per_request.max(1)).map(<[usize]>::to_vec).collect();
    let groups = Arc::new(groups);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for engine in engines {
        let (_engine, translators, articles, groups) =
            (Arc::clone(engine), translators.to_vec(), Arc::clone(articles), Arc::clone(&groups));
        let next = Arc::clone(&next);
        workers.push(tokio::spawn(async move {
            let mut stats = PassStats::default();
            let mut outputs: Vec<(usize, Vec<String>)> = Vec::new();
            loop {
                // Each worker takes the next request when it is free, as
                // loa's job workers take the next job: no worker idles at
                // the end while another still has a queue of its own.
                let g = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if g >= groups.len() {
                    break;
                }
                let group: Vec<&Article> = groups[g].iter().map(|&i| &articles[i]).collect();
                // A request's articles share a copy unless it straddles two;
                // then each copy's part goes through its own memory.
                let mut out = Vec::new();
                let mut start = 0;
                while start < group.len() {
                    let copy = group[start].copy;
                    let end = start + group[start..].iter().take_while(|a| a.copy == copy).count();
                    let s = translate_articles(&translators[copy], from, to, &group[start..end], &mut out).await?;
                    stats.sentences += s.sentences;
                    stats.sent_to_engine += s.sent_to_engine;
                    stats.requests += s.requests;
                    stats.engine_time += s.engine_time;
                    start = end;
                }
                outputs.push((g, out));
            }
            Ok::<_, BoxError>((stats, outputs))
        }));
    }
    let mut total = PassStats::default();
    let mut outputs = Vec::new();
    for worker in workers {
        let (stats, out) = worker.await??;
        total.sentences += stats.sentences;
        total.sent_to_engine += stats.sent_to_engine;
        total.requests += stats.requests;
        total.engine_time += stats.engine_time;
        outputs.extend(out);
    }
    let elapsed = started.elapsed();
    outputs.sort_by_key(|(g, _)| *g);
    Ok((elapsed, total, outputs.into_iter().flat_map(|(_, o)| o).collect()))
}

/// CPU seconds (user + system) used so far by this process and by every
/// process of the given process groups (a pipeline's bash and its stages).
/// Read from /proc because the stages are not our children: their usage
/// never reaches `getrusage(RUSAGE_CHILDREN)`.
fn cpu_secs(groups: &[u32]) -> f64 {
    // SAFETY: sysconf has no memory-safety preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    let stat = |path: &Path| -> Option<(u64, u64)> {
        let text = std::fs::read_to_string(path).ok()?;
        // Fields after the parenthesised command name (which may contain spaces).
        let rest = text.rsplit_once(')')?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        // state=0 ppid=1 pgrp=2 ... utime=11 stime=12
        Some((fields.get(2)?.parse().ok()?, fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?))
    };
    let mut total = stat(Path::new("/proc/self/stat")).map_or(0, |(_, t)| t);
    if !groups.is_empty() {
        if let Ok(entries) = std::fs::read_dir("/proc") {
            for entry in entries.flatten() {
                if !entry.file_name().to_string_lossy().bytes().all(|b| b.is_ascii_digit()) {
                    continue;
                }
                if let Some((pgrp, t)) = stat(&entry.path().join("stat")) {
                    if groups.iter().any(|&g| u64::from(g) == pgrp) {
                        total += t;
                    }
                }
            }
        }
    }
    total as f64 / ticks
}

/// Process groups of every pipeline on the route, in every engine.
async fn pipeline_groups(engines: &[Arc<Apertium>], from: Lang, to: Lang) -> Vec<u32> {
    let mut groups = Vec::new();
    for engine in engines {
        let route = engine.route(from, to).unwrap_or_default();
        for hop in route.windows(2) {
            for pid in engine.pipeline_pids(hop[0], hop[1]).await {
                if !groups.contains(&pid) {
                    groups.push(pid);
                }
            }
        }
    }
    groups
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

async fn run_loa(options: &HashMap<String, String>) -> Result<(), BoxError> {
    let input = PathBuf::from(required(options, "input")?);
    let from = lang(options, "from")?;
    let to = lang(options, "to")?;
    let repeats = number(options, "repeats", 3)?.max(1);
    // The second pass takes milliseconds, where one scheduler hiccup is a
    // large error: each repeat times it this many times and keeps the median.
    let warm_passes = number(options, "warm-passes", 5)?.max(1);
    let pipelines = number(options, "pipelines", 1)?.max(1);
    let per_request = number(options, "articles-per-request", 1)?;
    let modes = options.get("modes").map_or(DEFAULT_MODES_DIR, String::as_str);

    let articles = Arc::new(read_input(&input)?);
    let words: usize = articles.iter().flat_map(|a| &a.paragraphs).map(|p| p.split_whitespace().count()).sum();
    let copies = articles.iter().map(|a| a.copy).max().unwrap_or(0) + 1;

    // One `Apertium`, as in loa: its pool (one warm pipeline per core per
    // direction) serves `pipelines` concurrent workers, like loa's job
    // workers. Every member is started and warmed before timing, with as
    // many concurrent whole-article requests (so a tagger that crashes on
    // real input, rus-ukr, has been replaced before timing).
    let apertium = Arc::new(Apertium::discover(Path::new(modes))?);
    let mut warming = Vec::new();
    for _ in 0..pipelines {
        let (a, paragraphs) = (Arc::clone(&apertium), articles[0].paragraphs.clone());
        warming.push(tokio::spawn(async move { a.translate(from, to, &paragraphs).await }));
    }
    for w in warming {
        let warm = w.await??;
        eprintln!("warm-up via {}: {:?}", warm.engine, warm.segments[0].chars().take(60).collect::<String>());
    }
    let engines: Vec<Arc<Apertium>> = (0..pipelines).map(|_| Arc::clone(&apertium)).collect();

    let mut first = Vec::new();
    let mut first_cpu = Vec::new();
    let mut second = Vec::new();
    let mut restarted = Vec::new();
    let mut last = None;
    for _ in 0..repeats {
        // One Translator per copy of the text, each with its own memory, kept
        // for both passes as a long-running loa worker keeps its own.
        let engine: Arc<dyn Engine> = Arc::clone(&engines[0]) as Arc<dyn Engine>;
        let stores: Vec<Arc<InMemory>> = (0..copies).map(|_| Arc::new(InMemory::new())).collect();
        let over = |stores: &[Arc<InMemory>]| -> Vec<Arc<Translator>> {
            stores
                .iter()
                .map(|m| Arc::new(Translator::new(vec![Arc::clone(&engine)]).with_memory(Arc::clone(m) as Arc<dyn Memory>)))
                .collect()
        };
        let memories = over(&stores);
        let groups = pipeline_groups(&engines, from, to).await;
        let cpu_before = cpu_secs(&groups);
        let (cold, cold_stats, output) = pass(&engines, &memories, &articles, per_request, from, to).await?;
        if pipeline_groups(&engines, from, to).await != groups {
            eprintln!("warning: a pipeline was restarted during the pass; its CPU time is partly lost");
        }
        first_cpu.push(cpu_secs(&groups) - cpu_before);
        let mut warm_times = Vec::new();
        for _ in 0..warm_passes {
            let (warm, warm_stats, again) = pass(&engines, &memories, &articles, per_request, from, to).await?;
            if again != output {
                return Err("the second pass (from memory) differs from the first".into());
            }
            if warm_stats.sent_to_engine != 0 {
                return Err(format!("{} sentences missed the memory on the second pass", warm_stats.sent_to_engine).into());
            }
            warm_times.push(warm.as_secs_f64());
        }
        // As after a restart: new translators (nothing prepared, no
        // verdicts) over the same memory.
        let mut restarted_times = Vec::new();
        for _ in 0..warm_passes {
            let fresh = over(&stores);
            let (restarted, restarted_stats, again) = pass(&engines, &fresh, &articles, per_request, from, to).await?;
            if again != output || restarted_stats.sent_to_engine != 0 {
                return Err("the pass over the same memory by new translators differs from the first".into());
            }
            restarted_times.push(restarted.as_secs_f64());
        }
        restarted.push(median(restarted_times));
        first.push(cold.as_secs_f64());
        second.push(median(warm_times));
        last = Some((cold_stats, output));
    }
    let (stats, output) = last.ok_or("no pass ran")?;
    if let Some(path) = options.get("output") {
        std::fs::write(path, output.join("\n\n") + "\n")?;
    }
    let out_words: usize = output.iter().map(|p| p.split_whitespace().count()).sum();
    let cold = median(first);
    let warm = median(second);
    println!("words={words}");
    println!("output_words={out_words}");
    println!("articles={}", articles.len());
    println!("pipelines={pipelines}");
    println!("articles_per_request={per_request}");
    println!("sentences={}", stats.sentences);
    println!("sentences_sent={}", stats.sent_to_engine);
    println!("requests={}", stats.requests);
    println!("engine_secs={:.3}", stats.engine_time.as_secs_f64());
    println!("first_pass_secs={cold:.3}");
    println!("first_pass_words_per_sec={:.0}", words as f64 / cold);
    let cpu = median(first_cpu);
    println!("first_pass_cpu_secs={cpu:.3}");
    println!("first_pass_words_per_cpu_sec={:.0}", words as f64 / cpu);
    println!("second_pass_secs={warm:.6}");
    println!("second_pass_words_per_sec={:.0}", words as f64 / warm);
    println!("retranslation_speedup={:.0}", cold / warm);
    let restarted = median(restarted);
    println!("restarted_pass_secs={restarted:.6}");
    println!("restarted_pass_words_per_sec={:.0}", words as f64 / restarted);
    println!("restarted_speedup={:.0}", cold / restarted);
    Ok(())
}
