//! Moving a portal from one store to another (`loa migrate-store`): every
//! table copied row by row, then compared by row count and checksum.
//!
//! The checksum of a table is the wrapping sum of one FNV-1a hash per row
//! over a canonical encoding of its values, so it does not depend on the
//! order each database returns rows in (SQLite and PostgreSQL collate
//! text differently).

use loa_domain::hash::Fnv1a;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{Backend, Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Text,
    Bytes,
}

/// A table's name, its columns with their kinds, and whether it has a
/// generated identity column named `id` or `seq` (restarted after a copy).
struct Table {
    name: &'static str,
    columns: &'static [(&'static str, Kind)],
    identity: Option<&'static str>,
}

use Kind::{Bytes as B, Int as I, Text as T};

/// Tables in an order that satisfies their foreign keys: every table that
/// holds part of the portal. `throttle` is not among them: its counters
/// cover the last minutes and start again on the new store.
const SCHEMA: &[Table] = &[
    Table {
        name: "sources",
        columns: &[
            ("id", I),
            ("outlet", T),
            ("home_url", T),
            ("feed_url", T),
            ("created_at", T),
            ("last_success_at", T),
            ("last_error", T),
            ("last_error_at", T),
            ("kind", T),
            ("settings", T),
            ("etag", T),
            ("last_modified", T),
            ("next_poll_at", T),
            ("consecutive_failures", I),
            ("failure_count", I),
            ("duplicate_count", I),
        ],
        identity: Some("id"),
    },
    Table { name: "authors", columns: &[("id", I), ("name", T), ("slug", T)], identity: Some("id") },
    Table {
        name: "users",
        columns: &[
            ("id", I),
            ("username", T),
            ("username_key", T),
            ("display_name", T),
            ("role", T),
            ("password_hash", T),
            ("disabled", I),
            ("created_at", T),
        ],
        identity: Some("id"),
    },
    Table {
        name: "articles",
        columns: &[
            ("id", I),
            ("slug", T),
            ("canonical_url", T),
            ("original_lang", T),
            ("author_id", I),
            ("category", T),
            ("places", T),
            ("topics", T),
            ("content_hash", T),
            ("published_at", T),
            ("updated_at", T),
            ("created_at", T),
            ("simhash", I),
            ("state", T),
            ("publish_at", T),
            ("embargo_until", T),
            ("has_video", I),
        ],
        identity: Some("id"),
    },
    Table {
        name: "provenance",
        columns: &[("id", I), ("article_id", I), ("source_id", I), ("outlet", T), ("url", T), ("fetched_at", T)],
        identity: Some("id"),
    },
    Table {
        name: "editions",
        columns: &[
            ("article_id", I),
            ("lang", T),
            ("title", T),
            ("lead", T),
            ("blocks", T),
            ("status", T),
            ("engine", T),
            ("failure", T),
            ("created_at", T),
            ("updated_at", T),
        ],
        identity: None,
    },
    Table {
        name: "comments",
        columns: &[
            ("id", I),
            ("article_id", I),
            ("lang", T),
            ("author_name", T),
            ("body", T),
            ("status", T),
            ("created_at", T),
            ("moderated_by", I),
            ("moderated_at", T),
        ],
        identity: Some("id"),
    },
    Table {
        name: "raw_pages",
        columns: &[("url", T), ("article_id", I), ("source_id", I), ("content_type", T), ("html", T), ("fetched_at", T)],
        identity: None,
    },
    Table {
        name: "translation_memory",
        columns: &[("engine", T), ("src_lang", T), ("tgt_lang", T), ("source", T), ("target", T), ("created_at", T)],
        identity: None,
    },
    Table {
        name: "sessions",
        columns: &[("token_hash", T), ("user_id", I), ("created_at", T), ("expires_at", T)],
        identity: None,
    },
    Table {
        name: "api_keys",
        columns: &[
            ("id", I),
            ("user_id", I),
            ("name", T),
            ("prefix", T),
            ("key_hash", T),
            ("created_at", T),
            ("last_used_at", T),
            ("revoked_at", T),
        ],
        identity: Some("id"),
    },
    Table {
        name: "newsroom_actions",
        columns: &[
            ("id", I),
            ("user_id", I),
            ("actor", T),
            ("action", T),
            ("article_id", I),
            ("lang", T),
            ("comment_id", I),
            ("count", I),
            ("created_at", T),
            ("before_value", T),
            ("after_value", T),
            ("source_id", I),
        ],
        identity: Some("id"),
    },
    Table {
        name: "jobs",
        columns: &[
            ("id", I),
            ("kind", T),
            ("key", T),
            ("payload", T),
            ("status", T),
            ("attempts", I),
            ("run_after", T),
            ("locked_until", T),
            ("last_error", T),
            ("created_at", T),
            ("updated_at", T),
        ],
        identity: Some("id"),
    },
    Table { name: "changes", columns: &[("seq", I), ("article_id", I), ("lang", T), ("created_at", T)], identity: Some("seq") },
    Table { name: "host_turns", columns: &[("host", T), ("next_turn_at", T)], identity: None },
    Table { name: "robots_verdicts", columns: &[("origin", T), ("kind", T), ("body", B), ("expires_at", T)], identity: None },
    Table { name: "media", columns: &[("name", T), ("content_type", T), ("bytes", B), ("created_at", T)], identity: None },
];

/// One table after a copy: rows and checksum on each side.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableReport {
    pub table: &'static str,
    pub source_rows: i64,
    pub target_rows: i64,
    pub source_checksum: String,
    pub target_checksum: String,
}

impl TableReport {
    pub fn matches(&self) -> bool {
        self.source_rows == self.target_rows && self.source_checksum == self.target_checksum
    }
}

/// Rows read and written per round trip.
const BATCH: i64 = 500;

impl Store {
    /// Copies every table of this store into `target`, which must hold no
    /// portal yet (no article, source, member or job), then compares both
    /// sides table by table. The copy of each table is one transaction.
    pub async fn copy_into(&self, target: &Store) -> Result<Vec<TableReport>> {
        for t in ["articles", "sources", "users", "jobs", "translation_memory"] {
            if target.count_rows(t).await? > 0 {
                return Err(StoreError::Conflict(format!(
                    "the target store {} already holds data (table {t} is not empty); copy into an empty database",
                    target.shown_url
                )));
            }
        }
        for table in SCHEMA {
            self.copy_table(table, target).await?;
        }
        self.compare_with(target).await
    }

    /// Row counts and checksums of every table here and in `other`.
    pub async fn compare_with(&self, other: &Store) -> Result<Vec<TableReport>> {
        let mut reports = Vec::new();
        for table in SCHEMA {
            let (source_rows, source_sum) = self.table_checksum(table).await?;
            let (target_rows, target_sum) = other.table_checksum(table).await?;
            reports.push(TableReport {
                table: table.name,
                source_rows,
                target_rows,
                source_checksum: format!("{source_sum:016x}"),
                target_checksum: format!("{target_sum:016x}"),
            });
        }
        Ok(reports)
    }

    async fn count_rows(&self, table: &str) -> Result<i64> {
        Ok(sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}")).fetch_one(&self.pool).await?.try_get("n")?)
    }

    async fn copy_table(&self, table: &Table, target: &Store) -> Result<()> {
        let names: Vec<&str> = table.columns.iter().map(|c| c.0).collect();
        let key = key_columns(table);
        let select = format!("SELECT {} FROM {} ORDER BY {} LIMIT ? OFFSET ?", names.join(", "), table.name, key);
        let insert = format!("INSERT INTO {} ({}) VALUES ({})", table.name, names.join(", "), vec!["?"; names.len()].join(", "));
        let insert = crate::sql(&insert);
        let select = crate::sql(&select);
        let mut tx = target.begin_write().await?;
        let mut offset = 0;
        loop {
            let rows = sqlx::query(&select).bind(BATCH).bind(offset).fetch_all(&self.pool).await?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                let mut q = sqlx::query(&insert);
                for (name, kind) in table.columns {
                    q = match kind {
                        I => q.bind(row.try_get::<Option<i64>, _>(*name)?),
                        T => q.bind(row.try_get::<Option<String>, _>(*name)?),
                        B => q.bind(row.try_get::<Option<Vec<u8>>, _>(*name)?),
                    };
                }
                q.execute(&mut *tx).await?;
            }
            offset += rows.len() as i64;
        }
        if let (Some(id), Backend::Postgres) = (table.identity, target.backend) {
            // Rows came with their ids: the identity must continue past them.
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{t}', '{id}'), COALESCE((SELECT MAX({id}) FROM {t}), 0) + 1, false)",
                t = table.name
            ))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// (rows, order-independent checksum) of one table.
    async fn table_checksum(&self, table: &Table) -> Result<(i64, u64)> {
        let names: Vec<&str> = table.columns.iter().map(|c| c.0).collect();
        let select = crate::sql(&format!(
            "SELECT {} FROM {} ORDER BY {} LIMIT ? OFFSET ?",
            names.join(", "),
            table.name,
            key_columns(table)
        ))
        .into_owned();
        let (mut rows_seen, mut sum) = (0i64, 0u64);
        loop {
            let rows = sqlx::query(&select).bind(BATCH).bind(rows_seen).fetch_all(&self.pool).await?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                sum = sum.wrapping_add(row_hash(table, row)?);
            }
            rows_seen += rows.len() as i64;
        }
        Ok((rows_seen, sum))
    }
}

/// The columns that identify a row, for a stable paging order.
fn key_columns(table: &Table) -> String {
    match table.name {
        "editions" => "article_id, lang".into(),
        "translation_memory" => "engine, src_lang, tgt_lang, source".into(),
        _ => table.columns[0].0.into(),
    }
}

fn row_hash(table: &Table, row: &AnyRow) -> Result<u64> {
    let mut h = Fnv1a::default();
    for (name, kind) in table.columns {
        let value: Option<Vec<u8>> = match kind {
            I => row.try_get::<Option<i64>, _>(*name)?.map(|v| v.to_le_bytes().to_vec()),
            T => row.try_get::<Option<String>, _>(*name)?.map(String::into_bytes),
            B => row.try_get::<Option<Vec<u8>>, _>(*name)?,
        };
        match value {
            None => h.write(&[0]),
            Some(v) => {
                h.write(&[1]);
                h.write(&(v.len() as u64).to_le_bytes());
                h.write(&v);
            }
        }
    }
    Ok(h.finish())
}
