//! The job queue.
//!
//! Jobs are rows, enqueued in the same transaction as the write that causes
//! them, so a crash can never leave an article without its translation jobs
//! or a job pointing at nothing. A worker claims a job with a lease; if the
//! worker dies (kill -9 included) the lease runs out and another claim picks
//! the job up again. Handlers must therefore be idempotent.

use chrono::Duration;
use serde_json::Value;
use sqlx::{AnyConnection, Row};

use crate::{now, ts, Backend, Result, Store, StoreError};

/// Attempts after which a job stays failed until someone re-enqueues it.
pub const MAX_ATTEMPTS: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Fetch one page, extract the article, store it.
    FetchArticle,
    /// Produce one edition (article × language) with a translation engine.
    TranslateEdition,
}

impl JobKind {
    pub const ALL: [JobKind; 2] = [JobKind::FetchArticle, JobKind::TranslateEdition];

    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::FetchArticle => "fetch_article",
            JobKind::TranslateEdition => "translate_edition",
        }
    }

    pub fn parse(s: &str) -> Option<JobKind> {
        JobKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: i64,
    pub kind: JobKind,
    pub key: String,
    pub payload: Value,
    /// Including the current one.
    pub attempts: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct JobCounts {
    pub pending: i64,
    pub running: i64,
    pub done: i64,
    pub failed: i64,
}

impl JobCounts {
    pub fn open(&self) -> i64 {
        self.pending + self.running
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JobState {
    /// `pending`, `running`, `done` or `failed`.
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
}

/// The payload of a translation job: the edition to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EditionJob {
    pub article_id: loa_domain::ArticleId,
    pub lang: loa_domain::Lang,
}

impl EditionJob {
    /// The job's key: one job per edition, however often it is asked for.
    pub fn key(&self) -> String {
        format!("{}:{}", self.article_id, self.lang)
    }

    pub(crate) fn payload(&self) -> Value {
        serde_json::to_value(self).expect("two plain fields serialise")
    }
}

/// What to do when a job with the same kind and key already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requeue {
    /// Leave the existing job alone, whatever its state.
    IfAbsent,
    /// Run it again unless it is already waiting or running (the work it
    /// does has changed, e.g. the article was edited).
    Again,
}

pub(crate) async fn enqueue(conn: &mut AnyConnection, kind: JobKind, key: &str, payload: &Value, requeue: Requeue) -> Result<()> {
    let now = ts(now());
    let sql = match requeue {
        Requeue::IfAbsent => {
            "INSERT INTO jobs (kind, key, payload, run_after, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (kind, key) DO NOTHING"
        }
        Requeue::Again => {
            "INSERT INTO jobs (kind, key, payload, run_after, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (kind, key) DO UPDATE SET status = 'pending', attempts = 0, payload = excluded.payload,
               run_after = excluded.run_after, last_error = NULL, locked_until = NULL, updated_at = excluded.updated_at
             WHERE jobs.status IN ('done', 'failed')"
        }
    };
    sqlx::query(&crate::sql(sql))
        .bind(kind.as_str())
        .bind(key)
        .bind(payload.to_string())
        .bind(&now)
        .bind(&now)
        .bind(&now)
        .execute(conn)
        .await?;
    Ok(())
}

impl Store {
    /// Enqueues one job on its own (when no other write causes it).
    pub async fn enqueue(&self, kind: JobKind, key: &str, payload: &Value, requeue: Requeue) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        enqueue(&mut conn, kind, key, payload, requeue).await
    }

    /// Takes the next due job of one of `kinds`, leasing it for `lease`.
    /// A job whose lease ran out (its worker died) is due again.
    pub async fn claim_job(&self, kinds: &[JobKind], lease: Duration) -> Result<Option<Job>> {
        if kinds.is_empty() {
            return Ok(None);
        }
        let now_t = now();
        let placeholders = vec!["?"; kinds.len()].join(", ");
        // On PostgreSQL many workers on many nodes claim at once: a row one
        // of them is taking is passed over, not waited for and taken twice.
        // SQLite runs one write at a time, so the plain form is enough.
        let skip_locked = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = ?, updated_at = ?
             WHERE id = (
               SELECT id FROM jobs
               WHERE kind IN ({placeholders})
                 AND ((status = 'pending' AND run_after <= ?) OR (status = 'running' AND locked_until < ?))
               ORDER BY run_after, id LIMIT 1{skip_locked})
             RETURNING id, kind, key, payload, attempts"
        );
        let sql = crate::sql(&sql);
        let mut q = sqlx::query(&sql).bind(ts(now_t + lease)).bind(ts(now_t));
        for k in kinds {
            q = q.bind(k.as_str());
        }
        let row = q.bind(ts(now_t)).bind(ts(now_t)).fetch_optional(&self.pool).await?;
        let Some(row) = row else { return Ok(None) };
        let kind: String = row.try_get("kind")?;
        let payload: String = row.try_get("payload")?;
        Ok(Some(Job {
            id: row.try_get("id")?,
            kind: JobKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("unknown job kind {kind:?}")))?,
            key: row.try_get("key")?,
            payload: serde_json::from_str(&payload).map_err(|e| StoreError::Corrupt(format!("job payload: {e}")))?,
            attempts: row.try_get("attempts")?,
        }))
    }

    /// Keeps a running job's lease for another `lease`, while its worker is
    /// alive and still holds it (the same attempt). False when the job was
    /// handed to another worker meanwhile, or has ended.
    pub async fn extend_lease(&self, job: &Job, lease: Duration) -> Result<bool> {
        let done = sqlx::query(&crate::sql(
            "UPDATE jobs SET locked_until = ?, updated_at = ? WHERE id = ? AND status = 'running' AND attempts = ?",
        ))
        .bind(ts(now() + lease))
        .bind(ts(now()))
        .bind(job.id)
        .bind(job.attempts)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn complete_job(&self, id: i64) -> Result<()> {
        sqlx::query(&crate::sql(
            "UPDATE jobs SET status = 'done', locked_until = NULL, last_error = NULL, updated_at = ? WHERE id = ?",
        ))
        .bind(ts(now()))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records why a job failed. A retryable failure runs again after an
    /// exponential backoff until [`MAX_ATTEMPTS`]; then, or when the failure
    /// is permanent, the job stays failed with its reason.
    pub async fn fail_job(&self, id: i64, reason: &str, retryable: bool) -> Result<()> {
        let row = sqlx::query(&crate::sql("SELECT attempts FROM jobs WHERE id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("job {id}")))?;
        let attempts: i64 = row.try_get("attempts")?;
        let now_t = now();
        if retryable && attempts < MAX_ATTEMPTS {
            let backoff = Duration::seconds(5 * (1i64 << attempts.clamp(0, 10))).min(Duration::hours(1));
            sqlx::query(&crate::sql(
                "UPDATE jobs SET status = 'pending', run_after = ?, locked_until = NULL, last_error = ?, updated_at = ? WHERE id = ?",
            ))
            .bind(ts(now_t + backoff))
            .bind(reason)
            .bind(ts(now_t))
            .bind(id)
            .execute(&self.pool)
            .await?;
        } else {
            sqlx::query(&crate::sql(
                "UPDATE jobs SET status = 'failed', locked_until = NULL, last_error = ?, updated_at = ? WHERE id = ?",
            ))
            .bind(reason)
            .bind(ts(now_t))
            .bind(id)
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    /// Counts of jobs by state, for one kind.
    pub async fn job_counts(&self, kind: JobKind) -> Result<JobCounts> {
        let rows = sqlx::query(&crate::sql("SELECT status, COUNT(*) AS n FROM jobs WHERE kind = ? GROUP BY status"))
            .bind(kind.as_str())
            .fetch_all(&self.pool)
            .await?;
        let mut c = JobCounts::default();
        for row in rows {
            let status: String = row.try_get("status")?;
            let n: i64 = row.try_get("n")?;
            match status.as_str() {
                "pending" => c.pending = n,
                "running" => c.running = n,
                "done" => c.done = n,
                "failed" => c.failed = n,
                _ => {}
            }
        }
        Ok(c)
    }

    /// How long the oldest due job of `kind` has waited (none waiting: `None`).
    pub async fn oldest_pending_age(&self, kind: JobKind) -> Result<Option<Duration>> {
        let oldest: Option<String> = sqlx::query_scalar(&crate::sql(
            "SELECT MIN(run_after) FROM jobs WHERE kind = ? AND status = 'pending' AND run_after <= ?",
        ))
        .bind(kind.as_str())
        .bind(ts(now()))
        .fetch_one(&self.pool)
        .await?;
        Ok(oldest.as_deref().map(crate::parse_ts).transpose()?.map(|t| now() - t))
    }

    /// One job's state, attempts and last error, if it exists.
    pub async fn job_state(&self, kind: JobKind, key: &str) -> Result<Option<JobState>> {
        let row = sqlx::query(&crate::sql("SELECT status, attempts, last_error FROM jobs WHERE kind = ? AND key = ?"))
            .bind(kind.as_str())
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(JobState { status: r.try_get("status")?, attempts: r.try_get("attempts")?, last_error: r.try_get("last_error")? })
        })
        .transpose()
    }

    /// The reasons of failed jobs, newest first.
    pub async fn failed_jobs(&self, limit: i64) -> Result<Vec<(JobKind, String, String)>> {
        let rows = sqlx::query(&crate::sql(
            "SELECT kind, key, COALESCE(last_error, '') AS reason FROM jobs WHERE status = 'failed' ORDER BY updated_at DESC LIMIT ?",
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                Ok((
                    JobKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(kind.clone()))?,
                    r.try_get("key")?,
                    r.try_get("reason")?,
                ))
            })
            .collect()
    }
}
