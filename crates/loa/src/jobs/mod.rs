//! Background jobs, one file per kind (crates.io style). Every handler is
//! idempotent: a job may run again after a crash or a lost lease.

pub mod fetch_article;
pub mod follow_changes;
pub mod follow_pages;
pub mod publish_scheduled;
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
    /// A lost connection or a busy database is worth another try; corrupt
    /// data or a missing row will fail the same way every time.
    fn from(e: loa_store::StoreError) -> Self {
        if e.is_transient() {
            JobFailure::Retry(format!("store: {e}"))
        } else {
            JobFailure::Permanent(format!("store: {e}"))
        }
    }
}

/// Runs one claimed job and records its outcome.
async fn run_claimed(services: &Services, job: Job) -> anyhow::Result<()> {
    let outcome = match job.kind {
        JobKind::FetchArticle => fetch_article::run(services, &job).await,
        JobKind::TranslateEdition => translate_edition::run(services, &job).await,
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

/// Claims and runs one job of `kinds`. Returns false when nothing was due.
pub async fn run_one(services: &Services, kinds: &[JobKind]) -> anyhow::Result<bool> {
    let lease = Duration::seconds(services.config.job_lease_secs as i64);
    let Some(job) = services.store.claim_job(kinds, lease).await? else {
        return Ok(false);
    };
    // While the job runs its lease is renewed, so a long job is never
    // handed to a second worker as if this one had died; a worker that
    // really dies stops renewing, and the job is due again after a lease.
    let heartbeat = async {
        let every = (lease / 3).to_std().unwrap_or(std::time::Duration::from_secs(10)).max(std::time::Duration::from_millis(100));
        loop {
            tokio::time::sleep(every).await;
            match services.store.extend_lease(&job, lease).await {
                Ok(true) => {}
                Ok(false) => {
                    tracing::warn!(kind = job.kind.as_str(), key = %job.key, "lease lost; another worker may run this job")
                }
                Err(e) => tracing::warn!("renewing a lease: {e}"),
            }
        }
    };
    tokio::select! {
        done = run_claimed(services, job.clone()) => done?,
        _ = heartbeat => unreachable!("the heartbeat never ends"),
    }
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
