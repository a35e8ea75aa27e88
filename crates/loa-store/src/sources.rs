//! Outlets loa follows: their settings, polling schedule and health.

use chrono::{DateTime, Utc};
use loa_domain::{ActionKind, Source, SourceHealth, SourceId, SourceKind, SourceSettings, User};
use sqlx::Row;

use crate::articles::{record_action, Action, Subject};
use crate::{now, parse_ts, ts, Result, Store, StoreError};

impl Store {
    /// Adds a feed, or returns the source already following `feed_url`.
    pub async fn add_source(&self, outlet: &str, home_url: &str, feed_url: &str) -> Result<Source> {
        self.add_source_with(outlet, home_url, feed_url, SourceKind::Feed, &SourceSettings::default(), None).await
    }

    /// Adds a source of any kind with its settings; an existing source at
    /// the same address keeps its id and takes the new name and settings.
    /// A new source enters the audit log as followed by `actor` (`None`:
    /// the command line), in the same transaction.
    pub async fn add_source_with(
        &self,
        outlet: &str,
        home_url: &str,
        url: &str,
        kind: SourceKind,
        settings: &SourceSettings,
        actor: Option<&User>,
    ) -> Result<Source> {
        let mut tx = self.begin_write().await?;
        let known: Option<i64> = sqlx::query_scalar(&crate::sql("SELECT id FROM sources WHERE feed_url = ?"))
            .bind(url)
            .fetch_optional(&mut *tx)
            .await?;
        sqlx::query(&crate::sql(
            "INSERT INTO sources (outlet, home_url, feed_url, kind, settings, created_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (feed_url) DO UPDATE SET outlet = excluded.outlet, home_url = excluded.home_url,
               kind = excluded.kind, settings = excluded.settings",
        ))
        .bind(outlet)
        .bind(home_url)
        .bind(url)
        .bind(kind.as_str())
        .bind(settings_json(settings)?)
        .bind(ts(now()))
        .execute(&mut *tx)
        .await?;
        let row =
            sqlx::query(&crate::sql(&format!("{SELECT_SOURCE} WHERE s.feed_url = ?"))).bind(url).fetch_one(&mut *tx).await?;
        let source = source_from_row(&row)?;
        if known.is_none() {
            record_action(
                &mut tx,
                Action {
                    actor,
                    kind: ActionKind::SourceFollowed,
                    on: Subject::Source { id: source.id, address: url },
                    count: None,
                    change: None,
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(source)
    }

    pub async fn sources(&self) -> Result<Vec<Source>> {
        let rows = sqlx::query(&crate::sql(&format!("{SELECT_SOURCE} ORDER BY s.id"))).fetch_all(&self.pool).await?;
        rows.iter().map(source_from_row).collect()
    }

    pub async fn source(&self, id: SourceId) -> Result<Source> {
        let row = sqlx::query(&crate::sql(&format!("{SELECT_SOURCE} WHERE s.id = ?")))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("source {id}")))?;
        source_from_row(&row)
    }

    /// Enabled sources whose next poll is due at `at`.
    pub async fn due_sources(&self, at: DateTime<Utc>) -> Result<Vec<Source>> {
        let rows = sqlx::query(&crate::sql(&format!(
            "{SELECT_SOURCE} WHERE s.next_poll_at IS NULL OR s.next_poll_at <= ? ORDER BY s.next_poll_at, s.id"
        )))
        .bind(ts(at))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(source_from_row).collect::<Result<Vec<_>>>()?.into_iter().filter(|s| s.settings.enabled).collect())
    }

    /// Takes the enabled sources due at `at` for one poller: each is
    /// marked as being polled until `at + lease`, in one write, so pollers
    /// on other nodes pass it by. The poll then sets its real next time; a
    /// poller that dies gives the source back when the lease ends.
    pub async fn claim_due_sources(&self, at: DateTime<Utc>, lease: chrono::Duration) -> Result<Vec<Source>> {
        let mut tx = self.begin_write().await?;
        let rows = sqlx::query(&crate::sql(&format!(
            "{SELECT_SOURCE} WHERE s.next_poll_at IS NULL OR s.next_poll_at <= ? ORDER BY s.next_poll_at, s.id"
        )))
        .bind(ts(at))
        .fetch_all(&mut *tx)
        .await?;
        let due: Vec<Source> =
            rows.iter().map(source_from_row).collect::<Result<Vec<_>>>()?.into_iter().filter(|s| s.settings.enabled).collect();
        for source in &due {
            sqlx::query(&crate::sql("UPDATE sources SET next_poll_at = ? WHERE id = ?"))
                .bind(ts(at + lease))
                .bind(source.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(due)
    }

    /// Sets a source's settings for `actor` (`None`: the command line).
    /// Pausing or resuming it enters the audit log in the same transaction.
    pub async fn update_source_settings(&self, id: SourceId, settings: &SourceSettings, actor: Option<&User>) -> Result<Source> {
        let mut tx = self.begin_write().await?;
        let before = source_in(&mut tx, id).await?;
        sqlx::query(&crate::sql("UPDATE sources SET settings = ? WHERE id = ?"))
            .bind(settings_json(settings)?)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if before.settings.enabled != settings.enabled {
            let kind = if settings.enabled { ActionKind::SourceResumed } else { ActionKind::SourcePaused };
            record_action(
                &mut tx,
                Action { actor, kind, on: Subject::Source { id, address: &before.feed_url }, count: None, change: None },
            )
            .await?;
        }
        tx.commit().await?;
        self.source(id).await
    }

    /// Stops following a source for `actor` (`None`: the command line),
    /// with its line in the audit log. Its articles stay, with their
    /// provenance.
    pub async fn remove_source(&self, id: SourceId, actor: Option<&User>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let source = source_in(&mut tx, id).await?;
        sqlx::query(&crate::sql("DELETE FROM sources WHERE id = ?")).bind(id).execute(&mut *tx).await?;
        record_action(
            &mut tx,
            Action {
                actor,
                kind: ActionKind::SourceRemoved,
                on: Subject::Source { id, address: &source.feed_url },
                count: None,
                change: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn record_source_success(&self, id: SourceId) -> Result<()> {
        self.record_poll_success(id, None, None, None).await
    }

    /// A successful poll: clears the error and the failure streak, keeps the
    /// feed's validators for the next conditional GET, schedules the next poll.
    pub async fn record_poll_success(
        &self,
        id: SourceId,
        etag: Option<&str>,
        last_modified: Option<&str>,
        next_poll_at: Option<DateTime<Utc>>,
    ) -> Result<()> {
        sqlx::query(&crate::sql(
            "UPDATE sources SET last_success_at = ?, last_error = NULL, last_error_at = NULL, consecutive_failures = 0,
               etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified), next_poll_at = ? WHERE id = ?",
        ))
        .bind(ts(now()))
        .bind(etag)
        .bind(last_modified)
        .bind(next_poll_at.map(ts))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn record_source_error(&self, id: SourceId, reason: &str) -> Result<()> {
        self.record_poll_failure(id, reason, None).await
    }

    /// Keeps the reason on the source, where an editor looks for it, and
    /// lengthens the failure streak the poller backs off with.
    pub async fn record_poll_failure(&self, id: SourceId, reason: &str, next_poll_at: Option<DateTime<Utc>>) -> Result<()> {
        sqlx::query(&crate::sql(
            "UPDATE sources SET last_error = ?, last_error_at = ?, consecutive_failures = consecutive_failures + 1,
               failure_count = failure_count + 1, next_poll_at = ? WHERE id = ?",
        ))
        .bind(reason)
        .bind(ts(now()))
        .bind(next_poll_at.map(ts))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// One of the source's links could not be turned into an article: the
    /// reason shows on the source until its next successful poll, without
    /// slowing its polling down (the feed itself is fine).
    pub async fn count_source_failure(&self, id: SourceId, reason: &str) -> Result<()> {
        sqlx::query(&crate::sql(
            "UPDATE sources SET failure_count = failure_count + 1, last_error = ?, last_error_at = ? WHERE id = ?",
        ))
        .bind(reason)
        .bind(ts(now()))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// One of the source's links carried a story loa already had.
    pub async fn count_source_duplicate(&self, id: SourceId) -> Result<()> {
        sqlx::query(&crate::sql("UPDATE sources SET duplicate_count = duplicate_count + 1 WHERE id = ?"))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

const SELECT_SOURCE: &str = "SELECT s.id, s.outlet, s.home_url, s.feed_url, s.kind, s.settings, s.last_success_at, s.last_error,
    s.etag, s.last_modified, s.next_poll_at, s.consecutive_failures, s.failure_count, s.duplicate_count,
    (SELECT COUNT(DISTINCT p.article_id) FROM provenance p WHERE p.source_id = s.id) AS article_count
  FROM sources s";

fn settings_json(settings: &SourceSettings) -> Result<String> {
    serde_json::to_string(settings).map_err(|e| StoreError::Corrupt(format!("source settings: {e}")))
}

fn source_from_row(row: &sqlx::any::AnyRow) -> Result<Source> {
    let last: Option<String> = row.try_get("last_success_at")?;
    let next: Option<String> = row.try_get("next_poll_at")?;
    let kind: String = row.try_get("kind")?;
    let settings: String = row.try_get("settings")?;
    Ok(Source {
        id: row.try_get("id")?,
        outlet: row.try_get("outlet")?,
        home_url: row.try_get("home_url")?,
        feed_url: row.try_get("feed_url")?,
        kind: SourceKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("source kind {kind:?}")))?,
        last_success_at: last.as_deref().map(parse_ts).transpose()?,
        last_error: row.try_get("last_error")?,
        settings: serde_json::from_str(&settings).map_err(|e| StoreError::Corrupt(format!("source settings: {e}")))?,
        health: SourceHealth {
            articles: row.try_get("article_count")?,
            failures: row.try_get("failure_count")?,
            duplicates: row.try_get("duplicate_count")?,
            consecutive_failures: row.try_get("consecutive_failures")?,
            next_poll_at: next.as_deref().map(parse_ts).transpose()?,
        },
        etag: row.try_get("etag")?,
        last_modified: row.try_get("last_modified")?,
    })
}

/// One source read inside a write transaction.
async fn source_in(conn: &mut sqlx::AnyConnection, id: SourceId) -> Result<Source> {
    let row = sqlx::query(&crate::sql(&format!("{SELECT_SOURCE} WHERE s.id = ?")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("source {id}")))?;
    source_from_row(&row)
}
