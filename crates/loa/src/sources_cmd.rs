//! `loa sources ...`: following, listing, changing and re-extracting
//! sources; OPML import and export.

use anyhow::{bail, Context};
use loa_domain::{CategoryRule, Lang, Source, SourceSettings};
use loa_ingest::{parse_opml, write_opml, OpmlSource};

use crate::cli::{SourceSettingsArgs, SourcesCommand};
use crate::ingest;
use crate::jobs::fetch_article::extract_page;
use crate::media::localise_figures;
use crate::services::Services;

/// Applies the given flags on top of `base`.
pub fn settings_from(args: &SourceSettingsArgs, base: SourceSettings) -> anyhow::Result<SourceSettings> {
    let mut s = base;
    if let Some(l) = &args.language {
        s.language = Some(l.parse::<Lang>().with_context(|| format!("--language {l}"))?);
    }
    if !args.category_rules.is_empty() {
        s.category_rules =
            args.category_rules.iter().map(|r| CategoryRule::parse(r)).collect::<Result<_, _>>().map_err(anyhow::Error::msg)?;
    }
    if !args.keep.is_empty() {
        s.keep_selectors = args.keep.clone();
    }
    if !args.drop.is_empty() {
        s.drop_selectors = args.drop.clone();
    }
    // A selector that cannot parse is refused now, not at the next fetch.
    loa_ingest::ExtractRules { keep: s.keep_selectors.clone(), drop: s.drop_selectors.clone(), ..Default::default() }
        .validate()?;
    match args.timezone.as_deref().map(str::trim) {
        None => {}
        Some("auto") => s.timezone = None,
        Some(zone) => {
            s.timezone =
                Some(loa_ingest::parse_timezone(zone).map_err(|e| anyhow::anyhow!("--timezone: {e}"))?.name().to_string())
        }
    }
    if let Some(i) = args.interval {
        if i == 0 {
            bail!("--interval must be at least 1 second");
        }
        s.poll_interval_secs = Some(i);
    }
    if args.disabled {
        s.enabled = false;
    }
    Ok(s)
}

pub async fn run(services: &Services, command: SourcesCommand) -> anyhow::Result<()> {
    match command {
        SourcesCommand::Add { url, settings, .. } => {
            let s = settings_from(&settings, SourceSettings::default())?;
            println!("{}", ingest::follow_url(services, &url, settings.outlet.as_deref(), s).await?);
        }
        SourcesCommand::List { json } => {
            let sources = services.store.sources().await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&sources)?);
            } else {
                for s in &sources {
                    print_source(s);
                }
                if sources.is_empty() {
                    println!("no sources; add one with `loa sources add URL`");
                }
            }
        }
        SourcesCommand::Remove { id } => {
            services.store.remove_source(id, None).await?;
            println!("source {id} removed; its articles stay");
        }
        SourcesCommand::Set { id, settings, enabled } => {
            let current = services.store.source(id).await?;
            let mut s = settings_from(&settings, current.settings.clone())?;
            if enabled {
                s.enabled = true;
            }
            let updated = services.store.update_source_settings(id, &s, None).await?;
            print_source(&updated);
        }
        SourcesCommand::Reextract { id } => {
            let (changed, total) = reextract(services, id).await?;
            println!("source {id}: {changed} of {total} articles changed and were queued for translation");
        }
        SourcesCommand::ImportOpml { file } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let entries = parse_opml(&text)?;
            let (mut ok, mut failed) = (0, 0);
            for e in entries {
                let settings =
                    SourceSettings { language: e.language.as_deref().and_then(|l| l.parse().ok()), ..SourceSettings::default() };
                let home = e.html_url.clone().unwrap_or_else(|| ingest::home_of(&e.xml_url));
                let kind =
                    if e.xml_url.contains("sitemap") { loa_domain::SourceKind::Sitemap } else { loa_domain::SourceKind::Feed };
                match services.store.add_source_with(&e.title, &home, &e.xml_url, kind, &settings, None).await {
                    Ok(s) => {
                        ok += 1;
                        println!("source {}: {}", s.id, s.outlet);
                    }
                    Err(err) => {
                        failed += 1;
                        eprintln!("{}: {err}", e.xml_url);
                    }
                }
            }
            println!("imported {ok} sources ({failed} failed); `loa ingest --once` polls them");
        }
        SourcesCommand::ExportOpml { file } => {
            let sources = services.store.sources().await?;
            let entries: Vec<OpmlSource> = sources
                .iter()
                .map(|s| OpmlSource {
                    title: s.outlet.clone(),
                    xml_url: s.feed_url.clone(),
                    html_url: Some(s.home_url.clone()),
                    category: None,
                    language: s.settings.language.map(|l| l.code().to_string()),
                })
                .collect();
            let text = write_opml("loa sources", &entries);
            match file {
                Some(path) => std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?,
                None => print!("{text}"),
            }
        }
    }
    Ok(())
}

fn print_source(s: &Source) {
    let state = match (&s.last_error, s.last_success_at, s.settings.enabled) {
        (_, _, false) => "disabled".to_string(),
        (Some(e), _, _) => format!("error: {e}"),
        (None, Some(t), _) => format!("ok at {}", t.format("%Y-%m-%d %H:%M")),
        (None, None, _) => "never polled".to_string(),
    };
    let zone = loa_ingest::source_timezone(s.settings.timezone.as_deref(), &s.feed_url);
    let zone_note = if s.settings.timezone.is_some() { "" } else { " (auto)" };
    println!("{:>4}  {} <{}> [{}] {}{zone_note}", s.id, s.outlet, s.feed_url, s.kind.as_str(), zone.name());
    println!(
        "      {state}; {} articles, {} failures, {} duplicates{}",
        s.health.articles,
        s.health.failures,
        s.health.duplicates,
        s.health.next_poll_at.map(|t| format!("; next poll {}", t.format("%Y-%m-%d %H:%M"))).unwrap_or_default()
    );
}

/// Extracts every stored page of a source again with its current rules.
pub async fn reextract(services: &Services, source_id: i64) -> anyhow::Result<(usize, usize)> {
    let source = services.store.source(source_id).await?;
    let pages = services.store.raw_pages_of_source(source_id).await?;
    let mut changed = 0;
    for page in &pages {
        let extracted = match extract_page(&page.html, &page.url, &source.settings) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("{}: {e}; the stored article is kept as it was", page.url);
                continue;
            }
        };
        let article = services.store.article(page.article_id).await?.context("article vanished")?;
        // Machine editions are redone; the outlet's own and reviewed ones are
        // skipped by the translation job itself.
        let mut targets = services.targets_from(article.original_lang);
        for e in services.store.editions(article.id).await? {
            if e.lang != article.original_lang && !targets.contains(&e.lang) && e.engine != "outlet" {
                targets.push(e.lang);
            }
        }
        let max_image = services.config.fetch.max_image_bytes;
        let blocks = localise_figures(&services.fetcher, extracted.blocks, &services.store, max_image).await;
        if services.store.update_original(page.article_id, &extracted.title, &extracted.lead, &blocks, &targets).await? {
            changed += 1;
        }
    }
    Ok((changed, pages.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_zone(zone: &str) -> SourceSettingsArgs {
        SourceSettingsArgs { timezone: Some(zone.to_string()), ..SourceSettingsArgs::default() }
    }

    #[test]
    fn timezones_are_checked_and_kept_by_name() {
        let s = settings_from(&with_zone("Asia/Ho_Chi_Minh"), SourceSettings::default()).unwrap();
        assert_eq!(s.timezone.as_deref(), Some("Asia/Ho_Chi_Minh"));
        // Other flags leave it alone; `auto` goes back to the domain's zone.
        assert_eq!(
            settings_from(&SourceSettingsArgs::default(), s.clone()).unwrap().timezone.as_deref(),
            Some("Asia/Ho_Chi_Minh")
        );
        assert_eq!(settings_from(&with_zone("auto"), s).unwrap().timezone, None);
        let err = settings_from(&with_zone("Asia/Hanoi"), SourceSettings::default()).unwrap_err();
        assert!(err.to_string().contains("--timezone: \"Asia/Hanoi\" is not an IANA time zone name"), "{err}");
    }

    #[test]
    fn naive_page_dates_are_read_in_the_sources_zone() {
        let html = "<html><head><title>Cầu mới</title><meta property=\"article:published_time\" content=\"2024-05-14T08:30:00\"></head>\
<body><article><h1>Cầu mới</h1><p>Cây cầu dành cho người đi bộ nối hai bờ sông ở trung tâm thành phố, sau hai năm xây dựng.</p>\
<p>Chính quyền cho biết cầu sẽ mở cửa cho người dân từ sáng thứ bảy, kèm theo các hoạt động văn hoá bên bờ sông.</p></article></body></html>";
        let published =
            |url: &str, settings: &SourceSettings| extract_page(html, url, settings).unwrap().published.unwrap().to_rfc3339();
        let auto = SourceSettings::default();
        // A .vn outlet writes Vietnamese time; a .com one is read as UTC.
        assert_eq!(published("https://baohue.vn/cau-moi.html", &auto), "2024-05-14T01:30:00+00:00");
        assert_eq!(published("https://news.example.com/cau-moi.html", &auto), "2024-05-14T08:30:00+00:00");
        let bangkok = settings_from(&with_zone("Asia/Bangkok"), SourceSettings::default()).unwrap();
        assert_eq!(published("https://news.example.com/cau-moi.html", &bangkok), "2024-05-14T01:30:00+00:00");
    }
}
