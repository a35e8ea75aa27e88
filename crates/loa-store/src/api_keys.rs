//! Members' API keys. As with sessions, keys arrive hashed: the store keeps
//! the SHA-256 and a short prefix to show, never the key.

use chrono::{DateTime, Utc};
use loa_domain::{User, UserId};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::newsroom::user_from;
use crate::{now, parse_ts, ts, Result, Store, StoreError};

/// One key as its owner's account page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiKey {
    pub id: i64,
    pub user_id: UserId,
    pub name: String,
    /// The key's first characters, to tell keys apart.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

fn optional_ts(row: &AnyRow, column: &str) -> Result<Option<DateTime<Utc>>> {
    row.try_get::<Option<String>, _>(column)?.as_deref().map(parse_ts).transpose()
}

fn key_from(row: &AnyRow) -> Result<ApiKey> {
    Ok(ApiKey {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        name: row.try_get("name")?,
        prefix: row.try_get("prefix")?,
        created_at: parse_ts(&row.try_get::<String, _>("created_at")?)?,
        last_used_at: optional_ts(row, "last_used_at")?,
        revoked_at: optional_ts(row, "revoked_at")?,
    })
}

/// Keys not used for this long have `last_used_at` rewritten at most once
/// a minute: a busy program's every call is not a write.
const TOUCH_EVERY_SECS: i64 = 60;

impl Store {
    /// Keeps a new key for `user_id` by the hash of its secret.
    pub async fn create_api_key(&self, user_id: UserId, name: &str, prefix: &str, key_hash: &str) -> Result<ApiKey> {
        let row = sqlx::query(&crate::sql(
            "INSERT INTO api_keys (user_id, name, prefix, key_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *",
        ))
        .bind(user_id)
        .bind(name)
        .bind(prefix)
        .bind(key_hash)
        .bind(ts(now()))
        .fetch_one(&self.pool)
        .await
        .map_err(|e| match e {
            // Two keys with one hash: 32 random bytes make it a bug, not luck.
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict("that API key exists already".into()),
            e => e.into(),
        })?;
        key_from(&row)
    }

    /// Every key of `user_id`, newest first, revoked ones included.
    pub async fn api_keys_of(&self, user_id: UserId) -> Result<Vec<ApiKey>> {
        let rows = sqlx::query(&crate::sql("SELECT * FROM api_keys WHERE user_id = ? ORDER BY created_at DESC, id DESC"))
            .bind(user_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(key_from).collect()
    }

    /// Revokes key `id` if it is `user_id`'s and still live; whether it was.
    pub async fn revoke_api_key(&self, user_id: UserId, id: i64) -> Result<bool> {
        let done =
            sqlx::query(&crate::sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL"))
                .bind(ts(now()))
                .bind(id)
                .bind(user_id)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The member a key (by hash) acts for: none when the key is unknown,
    /// revoked, or its member disabled. Notes when the key was used.
    pub async fn api_key_user(&self, key_hash: &str) -> Result<Option<User>> {
        let row = sqlx::query(&crate::sql(
            "SELECT u.id, u.username, u.display_name, u.role, u.disabled, k.last_used_at FROM api_keys k
             JOIN users u ON u.id = k.user_id
             WHERE k.key_hash = ? AND k.revoked_at IS NULL AND u.disabled = 0",
        ))
        .bind(key_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let user = user_from(&row)?;
        let now = now();
        let stale = optional_ts(&row, "last_used_at")?.is_none_or(|t| (now - t).num_seconds() >= TOUCH_EVERY_SECS);
        if stale {
            sqlx::query(&crate::sql("UPDATE api_keys SET last_used_at = ? WHERE key_hash = ?"))
                .bind(ts(now))
                .bind(key_hash)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(user))
    }
}
