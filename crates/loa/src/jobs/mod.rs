//! Background jobs, one file per kind (crates.io style). Every handler is
//! idempotent: a job may run again after a crash or a lost lease.

pub mod fetch_article;
pub mod index_edition;
pub mod translate_edition;

use chrono::Duration;
use loa_store::{Job, JobKind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::services::Services;

/// How a job ended, when it did not succeed.
#[derive(Debug)]
pub enum JobFailure {
    /// Worth trying again later (network, a pipeline that died).
    Retry(String),
    /// Trying again will not help (404, no article on the page).
    Permanent(String),
}

impl JobFailure {
    pub fn reason(&self) -> &str {
        match self {
            JobFailure::Retry(r) | JobFailure::Permanent(r) => r,
        }
    }
}

impl From<loa_store::StoreError> for JobFailure {
    fn from(e: loa_store::StoreError) -> Self {
        JobFailure::Retry(format!("store: {e}"))
    }
}

/// Index jobs are applied together and committed once.
const INDEX_BATCH: usize = 64;

/// Runs one claimed job and records its outcome.
async fn run_claimed(services: &Services, job: Job) -> anyhow::Result<()> {
    let outcome = match job.kind {
        JobKind::FetchArticle => fetch_article::run(services, &job).await,
        JobKind::TranslateEdition => translate_edition::run(services, &job).await,
        JobKind::IndexEdition => index_edition::run_batch(services, std::slice::from_ref(&job)).await,
    };
    finish(services, &job, outcome).await
}

async fn finish(services: &Services, job: &Job, outcome: Result<(), JobFailure>) -> anyhow::Result<()> {
    match outcome {
        Ok(()) => services.store.complete_job(job.id).await?,
        Err(failure) => {
            tracing::warn!(kind = job.kind.as_str(), key = %job.key, reason = failure.reason(), "job failed");
            let retry = matches!(failure, JobFailure::Retry(_));
            services.store.fail_job(job.id, failure.reason(), retry).await?
        }
    }
    Ok(())
}

/// Claims and runs one job of `kinds` (index jobs in a batch). Returns
/// false when nothing was due.
pub async fn run_one(services: &Services, kinds: &[JobKind]) -> anyhow::Result<bool> {
    let lease = Duration::seconds(services.config.job_lease_secs as i64);
    let Some(job) = services.store.claim_job(kinds, lease).await? else {
        return Ok(false);
    };
    if job.kind == JobKind::IndexEdition {
        let mut batch = vec![job];
        while batch.len() < INDEX_BATCH {
            match services.store.claim_job(&[JobKind::IndexEdition], lease).await? {
                Some(j) => batch.push(j),
                None => break,
            }
        }
        let outcome = index_edition::run_batch(services, &batch).await;
        let shared = match &outcome {
            Ok(()) => None,
            Err(JobFailure::Retry(r)) => Some((r.clone(), true)),
            Err(JobFailure::Permanent(r)) => Some((r.clone(), false)),
        };
        for j in &batch {
            let o = match &shared {
                None => Ok(()),
                Some((r, true)) => Err(JobFailure::Retry(r.clone())),
                Some((r, false)) => Err(JobFailure::Permanent(r.clone())),
            };
            finish(services, j, o).await?;
        }
        return Ok(true);
    }
    run_claimed(services, job).await?;
    Ok(true)
}

/// Runs jobs of `kinds` with `parallel` tasks until none is due.
pub async fn run_until_idle(services: &Services, kinds: &[JobKind], parallel: usize) -> anyhow::Result<()> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..parallel.max(1) {
        let services = services.clone();
        let kinds = kinds.to_vec();
        tasks.spawn(async move {
            while run_one(&services, &kinds).await? {}
            anyhow::Ok(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    Ok(())
}

/// The long-running worker inside `loa serve`: polls for due jobs until
/// `stop` is set.
pub async fn run_forever(services: Services, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::Relaxed) {
        match run_one(&services, &JobKind::ALL).await {
            Ok(true) => {}
            Ok(false) => tokio::time::sleep(std::time::Duration::from_millis(500)).await,
            Err(e) => {
                tracing::error!("worker: {e:#}");
                tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            }
        }
    }
}

/// Rebuilds the search index from the store: the store is the truth.
pub async fn reindex(services: &Services) -> anyhow::Result<usize> {
    services.search.clear()?;
    let mut public = 0;
    for (article_id, lang) in services.store.edition_keys().await? {
        index_edition::sync_one(services, article_id, lang)
            .await
            .map_err(|f| anyhow::anyhow!("{}", f.reason()))?;
        if services.store.edition(article_id, lang).await?.is_some_and(|e| e.status.is_public()) {
            public += 1;
        }
    }
    services.search.commit()?;
    // A bulk rebuild leaves many segments, and every query pays per segment.
    services.search.optimize()?;
    Ok(public)
}
