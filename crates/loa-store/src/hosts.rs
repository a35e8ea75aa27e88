//! Per-host politeness shared by every process on this store: the next
//! request slot of each host, and robots.txt verdicts with their expiry.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::{now, parse_ts, ts, Result, Store};

/// A robots.txt verdict as kept: `kind` is `body` (with the file),
/// `disallow` or `allow`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RobotsRecord {
    pub kind: String,
    pub body: Option<Vec<u8>>,
    pub expires_at: DateTime<Utc>,
}

impl Store {
    /// Books `host`'s next request slot, `interval` after the one booked
    /// before it or now, whichever is later; answers how long to wait for
    /// it. Bookings from every node queue up in one line per host.
    pub async fn book_host_turn(&self, host: &str, interval: chrono::Duration) -> Result<chrono::Duration> {
        let mut tx = self.begin_write().await?;
        let now_t = now();
        let booked: Option<String> = sqlx::query_scalar(&crate::sql("SELECT next_turn_at FROM host_turns WHERE host = ?"))
            .bind(host)
            .fetch_optional(&mut *tx)
            .await?;
        let slot = match booked.as_deref().map(parse_ts).transpose()? {
            Some(at) if at > now_t => at,
            _ => now_t,
        };
        sqlx::query(&crate::sql(
            "INSERT INTO host_turns (host, next_turn_at) VALUES (?, ?)
             ON CONFLICT (host) DO UPDATE SET next_turn_at = excluded.next_turn_at",
        ))
        .bind(host)
        .bind(ts(slot + interval))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(slot - now_t)
    }

    pub async fn robots_verdict(&self, origin: &str) -> Result<Option<RobotsRecord>> {
        let row = sqlx::query(&crate::sql("SELECT kind, body, expires_at FROM robots_verdicts WHERE origin = ?"))
            .bind(origin)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(RobotsRecord {
                kind: r.try_get("kind")?,
                body: r.try_get("body")?,
                expires_at: parse_ts(&r.try_get::<String, _>("expires_at")?)?,
            })
        })
        .transpose()
    }

    pub async fn keep_robots_verdict(&self, origin: &str, record: &RobotsRecord) -> Result<()> {
        sqlx::query(&crate::sql(
            "INSERT INTO robots_verdicts (origin, kind, body, expires_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (origin) DO UPDATE SET kind = excluded.kind, body = excluded.body, expires_at = excluded.expires_at",
        ))
        .bind(origin)
        .bind(&record.kind)
        .bind(record.body.as_deref())
        .bind(ts(record.expires_at))
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
