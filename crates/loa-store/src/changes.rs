//! The change log: one row per edition whose public face changed (its text,
//! its status, its visible comments), appended in the same transaction as
//! the change. Nodes follow it by sequence number to keep their search
//! index and page cache in step with the store, whichever node wrote.

use loa_domain::{ArticleId, Lang};
use sqlx::{AnyConnection, Row};

use crate::reads::parse_lang;
use crate::{now, ts, Result, Store};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub seq: i64,
    pub article_id: ArticleId,
    pub lang: Lang,
}

/// Appends one change inside the caller's write transaction.
pub(crate) async fn record_change(conn: &mut AnyConnection, article_id: ArticleId, lang: Lang) -> Result<()> {
    sqlx::query(&crate::sql("INSERT INTO changes (article_id, lang, created_at) VALUES (?, ?, ?)"))
        .bind(article_id)
        .bind(lang.code())
        .bind(ts(now()))
        .execute(conn)
        .await?;
    Ok(())
}

impl Store {
    /// Changes after `seq`, oldest first, at most `limit`.
    pub async fn changes_since(&self, seq: i64, limit: i64) -> Result<Vec<Change>> {
        let rows = sqlx::query(&crate::sql("SELECT seq, article_id, lang FROM changes WHERE seq > ? ORDER BY seq LIMIT ?"))
            .bind(seq)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Change {
                    seq: r.try_get("seq")?,
                    article_id: r.try_get("article_id")?,
                    lang: parse_lang(&r.try_get::<String, _>("lang")?)?,
                })
            })
            .collect()
    }

    /// The newest change's sequence number (0 before the first).
    pub async fn last_change(&self) -> Result<i64> {
        let row = sqlx::query("SELECT COALESCE(MAX(seq), 0) AS seq FROM changes").fetch_one(&self.pool).await?;
        Ok(row.try_get("seq")?)
    }
}
