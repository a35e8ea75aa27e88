//! Long CLI work with progress bars: one bar per kind of job, drawn while
//! the jobs run (indicatif hides them when stderr is not a terminal).

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use loa_store::JobKind;
use std::time::Duration;

use crate::jobs;
use crate::services::Services;

fn label(kind: JobKind) -> &'static str {
    match kind {
        JobKind::FetchArticle => "fetch",
        JobKind::TranslateEdition => "translate",
    }
}

/// Runs due jobs of `kinds` with `parallel` workers until none is due.
pub async fn drain(services: &Services, kinds: &[JobKind], parallel: usize) -> anyhow::Result<()> {
    let multi = MultiProgress::new();
    let style =
        ProgressStyle::with_template("{prefix:>10} [{bar:40}] {pos}/{len} {msg}").expect("valid template").progress_chars("=> ");
    let bars: Vec<(JobKind, ProgressBar)> =
        kinds.iter().map(|k| (*k, multi.add(ProgressBar::new(0).with_style(style.clone()).with_prefix(label(*k))))).collect();
    let work = {
        let services = services.clone();
        let kinds = kinds.to_vec();
        tokio::spawn(async move { jobs::run_until_idle(&services, &kinds, parallel).await })
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
    // Whatever the jobs changed reaches this node's search index.
    jobs::follow_changes::catch_up(services).await?;
    Ok(())
}
