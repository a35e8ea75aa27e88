//! Rate limits kept in the store, so every node serving one portal counts
//! the same events: a client that spreads its requests over the nodes
//! behind a balancer gets no more than from one.
//!
//! Each (bucket, key) row holds the events of the current fixed window and
//! of the window before; the estimate is the current count plus the
//! previous one weighted by how much of it still lies within one window
//! of now (a sliding window, without a row per event). Counting and
//! reading are one statement, so requests sent together cannot all slip
//! under the limit.

use std::time::Duration;

use sqlx::Row;

use crate::{now, Result, Store};

impl Store {
    /// Counts one event for `key` in `bucket` if fewer than `limit` fall
    /// within the last `window`; false (and nothing counted) when not.
    pub async fn throttle_take(&self, bucket: &str, key: &str, limit: u32, window: Duration) -> Result<bool> {
        let window_ms = i64::try_from(window.as_millis()).unwrap_or(i64::MAX).max(1);
        let now_ms = now().timestamp_millis();
        let start = now_ms - now_ms.rem_euclid(window_ms);
        let row = sqlx::query(&crate::sql(
            "INSERT INTO throttle (bucket, key, window_start, count, prev_count) VALUES (?, ?, ?, 1, 0)
             ON CONFLICT (bucket, key) DO UPDATE SET
               prev_count = CASE WHEN throttle.window_start = excluded.window_start THEN throttle.prev_count
                                 WHEN throttle.window_start = excluded.window_start - ? THEN throttle.count
                                 ELSE 0 END,
               count = CASE WHEN throttle.window_start = excluded.window_start THEN throttle.count + 1 ELSE 1 END,
               window_start = excluded.window_start
             RETURNING count, prev_count",
        ))
        .bind(bucket)
        .bind(key)
        .bind(start)
        .bind(window_ms)
        .fetch_one(&self.pool)
        .await?;
        let count: i64 = row.try_get("count")?;
        let prev: i64 = row.try_get("prev_count")?;
        let left_of_prev = 1.0 - (now_ms - start) as f64 / window_ms as f64;
        let estimate = count as f64 + prev as f64 * left_of_prev;
        if estimate <= f64::from(limit) {
            return Ok(true);
        }
        self.throttle_forgive(bucket, key).await?;
        Ok(false)
    }

    /// Takes back one event of `key` in the current window (a sign-in that
    /// succeeded was not a failure after all; a refused event).
    pub async fn throttle_forgive(&self, bucket: &str, key: &str) -> Result<()> {
        sqlx::query(&crate::sql("UPDATE throttle SET count = count - 1 WHERE bucket = ? AND key = ? AND count > 0"))
            .bind(bucket)
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Forgets the keys of `bucket` with no event within the last two
    /// windows (they count for nothing any more); answers how many.
    pub async fn throttle_prune(&self, bucket: &str, window: Duration) -> Result<u64> {
        let window_ms = i64::try_from(window.as_millis()).unwrap_or(i64::MAX).max(1);
        let before = now().timestamp_millis().saturating_sub(window_ms.saturating_mul(2));
        let done = sqlx::query(&crate::sql("DELETE FROM throttle WHERE bucket = ? AND window_start < ?"))
            .bind(bucket)
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
