//! `loa translate-text`, `loa engines`, `loa tm`, `loa review`.

use anyhow::{bail, Context as _};
use loa_domain::{decode_reasons, reasons_text, Edition, EditionStatus, Lang};
use loa_translate::{read_tmx, write_tmx, Context, TmxUnit};
use std::io::{Read, Write};

use crate::cli::{ReviewCommand, TmCommand};
use crate::jobs::translate_edition::source_edition;
use crate::services::Services;

fn lang(code: &str, flag: &str) -> anyhow::Result<Lang> {
    code.parse::<Lang>().with_context(|| format!("{flag} {code}"))
}

/// Translates stdin paragraph by paragraph (one per line) and prints the
/// result; the checks' findings go to stderr.
pub async fn translate_text(services: &Services, from: &str, to: &str) -> anyhow::Result<()> {
    let (from, to) = (lang(from, "--from")?, lang(to, "--to")?);
    if !services.translator.can_translate(from, to) {
        bail!("no configured engine translates {from} → {to} (see `loa engines`)");
    }
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).context("cannot read standard input")?;
    let lines: Vec<String> = input.lines().map(str::to_string).collect();
    let out = services.translator.translate(from, to, &lines, &Context::default()).await?;
    let mut stdout = std::io::stdout().lock();
    for line in &out.segments {
        writeln!(stdout, "{line}")?;
    }
    eprintln!("{} sentences, {} from memory, engine {}", out.sentences, out.from_memory, out.engine);
    for p in &out.problems {
        eprintln!("check: {p}");
    }
    Ok(())
}

pub async fn engines(services: &Services) -> anyhow::Result<()> {
    let langs = &services.config.languages;
    for engine in services.translator.engines() {
        let pairs = engine.pairs(langs);
        println!("{} — serves {} pairs among the configured languages", engine.name(), pairs.len());
        let listed: Vec<String> = pairs.iter().map(|(a, b)| format!("{a}→{b}")).collect();
        for chunk in listed.chunks(12) {
            println!("    {}", chunk.join(" "));
        }
    }
    if services.translator.engines().is_empty() {
        println!("no engine is available: check [translate] engines in the configuration");
    }
    let unreachable: Vec<String> = langs
        .iter()
        .flat_map(|a| langs.iter().map(move |b| (*a, *b)))
        .filter(|(a, b)| a != b && !services.translator.can_translate(*a, *b))
        .map(|(a, b)| format!("{a}→{b}"))
        .collect();
    println!("{} configured pairs have no engine", unreachable.len());
    Ok(())
}

pub async fn tm(services: &Services, command: TmCommand) -> anyhow::Result<()> {
    match command {
        TmCommand::Export { file } => {
            let units: Vec<TmxUnit> = services
                .store
                .memory_rows()
                .await?
                .into_iter()
                .map(|r| TmxUnit {
                    engine: r.engine,
                    from: r.from,
                    to: r.to,
                    source: r.source,
                    target: r.target,
                    created_at: Some(r.created_at),
                })
                .collect();
            let text = write_tmx(&units);
            match file {
                Some(path) => {
                    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
                    println!("exported {} translation units to {}", units.len(), path.display());
                }
                None => print!("{text}"),
            }
        }
        TmCommand::Import { file, engine } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let import = read_tmx(&text)?;
            let mut by_pair: std::collections::BTreeMap<(String, Lang, Lang), Vec<(String, String)>> = Default::default();
            for u in &import.units {
                let engine = if u.engine.is_empty() { engine.clone() } else { u.engine.clone() };
                by_pair.entry((engine, u.from, u.to)).or_default().push((loa_translate::normalise(&u.source), u.target.clone()));
            }
            let mut n = 0;
            for ((engine, from, to), pairs) in by_pair {
                n += pairs.len();
                services.store.memory_store(&engine, from, to, &pairs).await?;
            }
            println!("imported {n} translation units from {}", file.display());
        }
    }
    Ok(())
}

pub async fn review(services: &Services, command: ReviewCommand) -> anyhow::Result<()> {
    match command {
        ReviewCommand::List { json } => {
            let items = services.store.review_queue(500).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&items)?);
            } else if items.is_empty() {
                println!("nothing waits for review");
            } else {
                for i in items {
                    let reasons = i.reasons.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
                    println!("{} [{}] {} ({}) “{}”: {reasons}", i.slug, i.lang, i.status.as_str(), i.engine, i.title.0);
                }
            }
        }
        ReviewCommand::Show { slug, lang: code, json } => show(services, &slug, &code, json).await?,
        ReviewCommand::Correct { slug, lang: code, segment, text } => {
            let text = match text {
                Some(t) => t,
                None => {
                    let mut t = String::new();
                    std::io::stdin().read_to_string(&mut t).context("reading the correction from standard input")?;
                    t
                }
            };
            correct(services, &slug, &code, segment, text.trim()).await?
        }
        ReviewCommand::Publish { slug, lang: code } => decide(services, &slug, &code, EditionStatus::Published).await?,
        ReviewCommand::Withdraw { slug, lang: code } => decide(services, &slug, &code, EditionStatus::Failed).await?,
    }
    Ok(())
}

/// An edition's segments beside those of the edition it was translated from.
async fn show(services: &Services, slug: &str, code: &str, json: bool) -> anyhow::Result<()> {
    let (edition, source) = edition_and_source(services, slug, code).await?;
    let translated = edition.segments();
    let original = source.as_ref().map(Edition::segments).unwrap_or_default();
    let rows: Vec<serde_json::Value> = translated
        .iter()
        .enumerate()
        .map(|(i, (text, _))| {
            serde_json::json!({"segment": i, "source": original.get(i).map(|(s, _)| s.as_str()), "translation": text})
        })
        .collect();
    if json {
        let out = serde_json::json!({
            "slug": slug,
            "lang": edition.lang,
            "source_lang": source.as_ref().map(|s| s.lang),
            "status": edition.status.as_str(),
            "engine": edition.engine,
            "reasons": edition.failure.as_deref().map(decode_reasons),
            "segments": rows,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    println!("{slug} [{}] {} ({})", edition.lang, edition.status.as_str(), edition.engine);
    if let Some(reasons) = &edition.failure {
        println!("held because: {}", reasons_text(reasons));
    }
    for (i, (text, _)) in translated.iter().enumerate() {
        if let (Some(source), Some((original_text, _))) = (&source, original.get(i)) {
            println!("[{i}] {}: {original_text}", source.lang);
        }
        println!("[{i}] {}: {text}", edition.lang);
    }
    Ok(())
}

/// A reviewer's text for one segment: into the edition, and into the
/// translation memory as a correction.
async fn correct(services: &Services, slug: &str, code: &str, segment: usize, text: &str) -> anyhow::Result<()> {
    if text.is_empty() {
        bail!("the correction is empty: give the segment's new text with --text or on standard input");
    }
    let (mut edition, source) = edition_and_source(services, slug, code).await?;
    if !edition.is_reviewable() {
        bail!("{slug} [{}] is the outlet's own text, not a translation: correct it at the source", edition.lang);
    }
    let count = edition.segments().len();
    if !edition.replace_segment(segment, text.to_string()) {
        bail!("{slug} [{}] has segments 0 to {}; there is no segment {segment}", edition.lang, count.saturating_sub(1));
    }
    let mut remembered = 0;
    if let Some(source) = &source {
        let (source_text, marks) = &source.segments()[segment];
        let article = services.store.article(edition.article_id).await?;
        let ctx = Context { places: article.map(|a| a.places).unwrap_or_default() };
        remembered = services.translator.remember_correction(source.lang, edition.lang, (source_text, marks), text, &ctx).await?;
    }
    edition.mark_corrected(chrono::Utc::now());
    services.store.save_corrected_edition(&edition, 1, None).await?;
    crate::jobs::follow_changes::catch_up(services).await?;
    println!(
        "{slug} [{}] segment {segment} corrected; {} now; {remembered} translation(s) remembered",
        edition.lang,
        edition.status.as_str()
    );
    Ok(())
}

/// The `code` edition of `slug`, and the edition it is translated from
/// (none when no engine reaches it any more).
async fn edition_and_source(services: &Services, slug: &str, code: &str) -> anyhow::Result<(Edition, Option<Edition>)> {
    let article = services.store.article_by_slug(slug).await?.with_context(|| format!("no article {slug:?}"))?;
    let l = lang(code, "LANG")?;
    let editions = services.store.editions(article.id).await?;
    let edition = editions.iter().find(|e| e.lang == l).cloned().with_context(|| format!("{slug} has no {l} edition"))?;
    let source = source_edition(services, &editions, l).filter(|s| s.lang != l).cloned();
    Ok((edition, source))
}

async fn decide(services: &Services, slug: &str, code: &str, status: EditionStatus) -> anyhow::Result<()> {
    let article = services.store.article_by_slug(slug).await?.with_context(|| format!("no article {slug:?}"))?;
    let l = lang(code, "LANG")?;
    let edition = services.store.edition(article.id, l).await?.with_context(|| format!("{slug} has no {l} edition"))?;
    if !edition.review_decision_allowed(status) {
        bail!(
            "{slug} [{l}] is {} ({}): it cannot be made {} (a failed translation has no text; originals and the outlet's own editions are the outlet's)",
            edition.status.as_str(),
            edition.engine,
            status.as_str()
        );
    }
    services.store.set_edition_status(article.id, l, status, None).await?;
    crate::jobs::follow_changes::catch_up(services).await?;
    println!("{slug} [{l}] is now {}", status.as_str());
    Ok(())
}
