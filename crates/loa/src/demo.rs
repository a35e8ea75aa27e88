//! `loa demo`: the whole newsroom on one machine. A small outlet of our own
//! is served on loopback; loa follows its feed over real HTTP, extracts and
//! stores every article, translates each into every language the installed
//! Apertium pairs reach, indexes them, and serves the site.

use anyhow::Context;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use loa_store::JobKind;
use std::net::SocketAddr;
use std::time::Duration;

use crate::app::Application;
use crate::ingest::poll_source;
use crate::jobs;
use crate::services::Services;

/// The range the demo's own outlet is served from.
pub const LOOPBACK: &str = "127.0.0.0/8";

pub struct DemoOptions {
    /// Where the demo outlet listens; taken if free, else any free port.
    pub outlet_listen: SocketAddr,
    /// Stop after ingesting and translating instead of serving.
    pub no_serve: bool,
}

pub async fn run(services: Services, options: DemoOptions) -> anyhow::Result<()> {
    let listener = match tokio::net::TcpListener::bind(options.outlet_listen).await {
        Ok(l) => l,
        Err(_) => tokio::net::TcpListener::bind("127.0.0.1:0").await?,
    };
    let outlet = loa_demo::serve_outlet(listener).await.context("cannot start the demo outlet")?;
    let name = loa_demo::outlet().name().to_string();
    println!("Demo outlet \"{name}\" is serving {}", outlet.home_url);

    let source = services.store.add_source(&name, &outlet.home_url, &outlet.feed_url).await?;
    let report = poll_source(&services, &source).await?;
    println!("Feed {} lists {} articles", outlet.feed_url, report.items);

    let pairs: Vec<String> = services.apertium.directions().iter().map(|(a, b)| format!("{a}→{b}")).collect();
    println!("Apertium directions installed: {}", pairs.join(" "));

    drain_with_progress(&services).await?;
    summarise(&services).await?;

    if options.no_serve {
        outlet.shutdown().await;
        return Ok(());
    }
    let app = Application::with_services(services).await?;
    println!("\nloa is serving the demo newsroom at http://{}/ (Ctrl-C to stop)", app.address());
    let result = app.run_until_stopped(true).await;
    outlet.shutdown().await;
    result
}

/// Runs every due job, drawing one progress bar per kind of job.
async fn drain_with_progress(services: &Services) -> anyhow::Result<()> {
    let multi = MultiProgress::new();
    let style = ProgressStyle::with_template("{prefix:>12} [{bar:40}] {pos}/{len} {msg}")
        .expect("valid template")
        .progress_chars("=> ");
    let bars: Vec<(JobKind, ProgressBar)> = [
        (JobKind::FetchArticle, "fetch"),
        (JobKind::TranslateEdition, "translate"),
        (JobKind::IndexEdition, "index"),
    ]
    .into_iter()
    .map(|(k, label)| {
        let bar = multi.add(ProgressBar::new(0).with_style(style.clone()).with_prefix(label));
        (k, bar)
    })
    .collect();

    let work = {
        let services = services.clone();
        tokio::spawn(async move {
            // Articles first, so translations can start on a full queue.
            jobs::run_until_idle(&services, &[JobKind::FetchArticle], 2).await?;
            jobs::run_until_idle(&services, &JobKind::ALL, services.config.workers.max(2)).await?;
            // Jobs that failed for a passing reason wait out their backoff;
            // the demo waits for them too, within reason.
            let deadline = tokio::time::Instant::now() + Duration::from_secs(180);
            while tokio::time::Instant::now() < deadline && open_jobs(&services).await? > 0 {
                tokio::time::sleep(Duration::from_secs(1)).await;
                jobs::run_until_idle(&services, &JobKind::ALL, services.config.workers.max(2)).await?;
            }
            anyhow::Ok(())
        })
    };
    loop {
        for (kind, bar) in &bars {
            let c = services.store.job_counts(*kind).await?;
            bar.set_length((c.pending + c.running + c.done + c.failed) as u64);
            bar.set_position((c.done + c.failed) as u64);
            bar.set_message(if c.failed > 0 { format!("({} failed)", c.failed) } else { String::new() });
        }
        if work.is_finished() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    for (_, bar) in &bars {
        bar.finish();
    }
    work.await??;
    Ok(())
}

async fn open_jobs(services: &Services) -> anyhow::Result<i64> {
    let mut open = 0;
    for kind in JobKind::ALL {
        open += services.store.job_counts(kind).await?.open();
    }
    Ok(open)
}

async fn summarise(services: &Services) -> anyhow::Result<()> {
    let articles = services.store.article_count().await?;
    let counts = services.store.edition_counts().await?;
    let described: Vec<String> = counts.iter().map(|(s, n)| format!("{n} {}", s.as_str().replace('_', " "))).collect();
    println!("{articles} articles; editions: {}", described.join(", "));
    for (kind, key, reason) in services.store.failed_jobs(10).await? {
        println!("  failed {} {key}: {reason}", kind.as_str());
    }
    Ok(())
}
