//! Translation memory rows. Keys arrive normalised by the caller (the
//! translate crate owns normalisation); the store only keeps and finds them.

use chrono::{DateTime, Utc};
use loa_domain::Lang;
use sqlx::Row;

use crate::{now, parse_ts, reads::parse_lang, ts, Result, Store};

/// Lookups per statement: well under SQLite's and PostgreSQL's parameter limits.
const LOOKUP_CHUNK: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoryRow {
    pub engine: String,
    pub from: Lang,
    pub to: Lang,
    pub source: String,
    pub target: String,
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// The stored translation of each source segment, in order.
    pub async fn memory_lookup(&self, engine: &str, from: Lang, to: Lang, sources: &[String]) -> Result<Vec<Option<String>>> {
        let mut found = std::collections::HashMap::new();
        for chunk in sources.chunks(LOOKUP_CHUNK) {
            let placeholders = vec!["?"; chunk.len()].join(", ");
            let sql = format!(
                "SELECT source, target FROM translation_memory WHERE engine = ? AND src_lang = ? AND tgt_lang = ? AND source IN ({placeholders})"
            );
            let sql = crate::sql(&sql);
            let mut q = sqlx::query(&sql).bind(engine).bind(from.code()).bind(to.code());
            for s in chunk {
                q = q.bind(s);
            }
            for row in q.fetch_all(&self.pool).await? {
                found.insert(row.try_get::<String, _>("source")?, row.try_get::<String, _>("target")?);
            }
        }
        Ok(sources.iter().map(|s| found.get(s).cloned()).collect())
    }

    /// Keeps translations; a newer one for the same key replaces the older.
    pub async fn memory_store(&self, engine: &str, from: Lang, to: Lang, pairs: &[(String, String)]) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let at = ts(now());
        for (source, target) in pairs {
            sqlx::query(&crate::sql(
                "INSERT INTO translation_memory (engine, src_lang, tgt_lang, source, target, created_at) VALUES (?, ?, ?, ?, ?, ?)
                 ON CONFLICT (engine, src_lang, tgt_lang, source) DO UPDATE SET target = excluded.target, created_at = excluded.created_at",
            ))
            .bind(engine)
            .bind(from.code())
            .bind(to.code())
            .bind(source)
            .bind(target)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every memory row, for TMX export.
    pub async fn memory_rows(&self) -> Result<Vec<MemoryRow>> {
        let rows = sqlx::query(&crate::sql(
            "SELECT engine, src_lang, tgt_lang, source, target, created_at FROM translation_memory ORDER BY engine, src_lang, tgt_lang, source",
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MemoryRow {
                    engine: r.try_get("engine")?,
                    from: parse_lang(&r.try_get::<String, _>("src_lang")?)?,
                    to: parse_lang(&r.try_get::<String, _>("tgt_lang")?)?,
                    source: r.try_get("source")?,
                    target: r.try_get("target")?,
                    created_at: parse_ts(&r.try_get::<String, _>("created_at")?)?,
                })
            })
            .collect()
    }
}
