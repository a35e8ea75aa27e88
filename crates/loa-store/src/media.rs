//! Pictures copied from outlets, kept in the store by content address so
//! that every node serves them without a shared disk.

use sqlx::Row;

use crate::{now, ts, Result, Store};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMedia {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Store {
    /// Keeps a picture under `name`. Names are content addresses, so a name
    /// already stored holds the same bytes and is left as it is.
    pub async fn put_media(&self, name: &str, content_type: &str, bytes: &[u8]) -> Result<()> {
        sqlx::query(&crate::sql(
            "INSERT INTO media (name, content_type, bytes, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
        ))
        .bind(name)
        .bind(content_type)
        .bind(bytes)
        .bind(ts(now()))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn has_media(&self, name: &str) -> Result<bool> {
        Ok(sqlx::query(&crate::sql("SELECT 1 AS one FROM media WHERE name = ?"))
            .bind(name)
            .fetch_optional(&self.pool)
            .await?
            .is_some())
    }

    pub async fn media(&self, name: &str) -> Result<Option<StoredMedia>> {
        let row = sqlx::query(&crate::sql("SELECT content_type, bytes FROM media WHERE name = ?"))
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok(StoredMedia { content_type: r.try_get("content_type")?, bytes: r.try_get("bytes")? })).transpose()
    }

    /// A stored picture's type and size in bytes, without its bytes (for
    /// feed enclosures).
    pub async fn media_info(&self, name: &str) -> Result<Option<(String, i64)>> {
        let row = sqlx::query(&crate::sql("SELECT content_type, CAST(LENGTH(bytes) AS BIGINT) AS n FROM media WHERE name = ?"))
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get("content_type")?, r.try_get("n")?))).transpose()
    }

    /// How many pictures are stored.
    pub async fn media_count(&self) -> Result<i64> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM media").fetch_one(&self.pool).await?.try_get("n")?)
    }
}
