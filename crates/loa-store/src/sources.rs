//! Outlets loa follows, and their health.

use loa_domain::{Source, SourceId};
use sqlx::Row;

use crate::{now, parse_ts, ts, Result, Store, StoreError};

impl Store {
    /// Adds an outlet, or returns the one already following `feed_url`.
    pub async fn add_source(&self, outlet: &str, home_url: &str, feed_url: &str) -> Result<Source> {
        sqlx::query(
            "INSERT INTO sources (outlet, home_url, feed_url, created_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (feed_url) DO UPDATE SET outlet = excluded.outlet, home_url = excluded.home_url",
        )
        .bind(outlet)
        .bind(home_url)
        .bind(feed_url)
        .bind(ts(now()))
        .execute(&self.pool)
        .await?;
        let row = sqlx::query(SELECT_SOURCE_BY_FEED)
            .bind(feed_url)
            .fetch_one(&self.pool)
            .await?;
        source_from_row(&row)
    }

    pub async fn sources(&self) -> Result<Vec<Source>> {
        let rows = sqlx::query(&format!("{SELECT_SOURCE} ORDER BY id")).fetch_all(&self.pool).await?;
        rows.iter().map(source_from_row).collect()
    }

    pub async fn source(&self, id: SourceId) -> Result<Source> {
        let row = sqlx::query(&format!("{SELECT_SOURCE} WHERE id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("source {id}")))?;
        source_from_row(&row)
    }

    pub async fn record_source_success(&self, id: SourceId) -> Result<()> {
        sqlx::query("UPDATE sources SET last_success_at = ?, last_error = NULL, last_error_at = NULL WHERE id = ?")
            .bind(ts(now()))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Keeps the reason on the source, where an editor looks for it.
    pub async fn record_source_error(&self, id: SourceId, reason: &str) -> Result<()> {
        sqlx::query("UPDATE sources SET last_error = ?, last_error_at = ? WHERE id = ?")
            .bind(reason)
            .bind(ts(now()))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

const SELECT_SOURCE: &str = "SELECT id, outlet, home_url, feed_url, last_success_at, last_error FROM sources";
const SELECT_SOURCE_BY_FEED: &str =
    "SELECT id, outlet, home_url, feed_url, last_success_at, last_error FROM sources WHERE feed_url = ?";

fn source_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<Source> {
    let last: Option<String> = row.try_get("last_success_at")?;
    Ok(Source {
        id: row.try_get("id")?,
        outlet: row.try_get("outlet")?,
        home_url: row.try_get("home_url")?,
        feed_url: row.try_get("feed_url")?,
        last_success_at: last.as_deref().map(parse_ts).transpose()?,
        last_error: row.try_get("last_error")?,
    })
}

