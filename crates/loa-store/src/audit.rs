//! The newsroom's audit log: every decision members made (publishing,
//! withdrawing and correcting editions, moderating comments), newest
//! first, filtered by member, kind and language, paged by id.

use chrono::{DateTime, Utc};
use loa_domain::{ActionKind, ArticleId, Lang, UserId};
use sqlx::Row;

use crate::reads::parse_lang;
use crate::{parse_ts, Result, Store, StoreError};

/// Which lines of the log to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub user_id: Option<UserId>,
    pub kind: Option<ActionKind>,
    pub lang: Option<Lang>,
    /// Only lines older than this one (the next page).
    pub before_id: Option<i64>,
}

/// One decision, with the story it was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub kind: ActionKind,
    pub user_id: Option<UserId>,
    /// The member's name when they acted; `None` for the command line.
    pub actor: Option<String>,
    pub article_id: ArticleId,
    pub slug: String,
    pub lang: Lang,
    pub comment_id: Option<i64>,
    /// Segments a correction changed.
    pub count: Option<i64>,
    /// The value the decision changed (a status), before and after.
    pub before: Option<String>,
    pub after: Option<String>,
    pub at: DateTime<Utc>,
}

impl Store {
    /// At most `limit` lines of the log that `filter` lets through, newest first.
    pub async fn audit_log(&self, filter: &AuditFilter, limit: i64) -> Result<Vec<AuditEntry>> {
        let mut sql = String::from(
            "SELECT a.id, a.action, a.user_id, a.actor, a.article_id, ar.slug, a.lang, a.comment_id, a.count,
                    a.before_value, a.after_value, a.created_at
             FROM newsroom_actions a JOIN articles ar ON ar.id = a.article_id WHERE 1 = 1",
        );
        for (present, clause) in [
            (filter.user_id.is_some(), " AND a.user_id = ?"),
            (filter.kind.is_some(), " AND a.action = ?"),
            (filter.lang.is_some(), " AND a.lang = ?"),
            (filter.before_id.is_some(), " AND a.id < ?"),
        ] {
            if present {
                sql.push_str(clause);
            }
        }
        sql.push_str(" ORDER BY a.id DESC LIMIT ?");
        let sql = crate::sql(&sql);
        let mut query = sqlx::query(&sql);
        if let Some(user) = filter.user_id {
            query = query.bind(user);
        }
        if let Some(kind) = filter.kind {
            query = query.bind(kind.as_str());
        }
        if let Some(lang) = filter.lang {
            query = query.bind(lang.code());
        }
        if let Some(id) = filter.before_id {
            query = query.bind(id);
        }
        let rows = query.bind(limit).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let action: String = r.try_get("action")?;
                Ok(AuditEntry {
                    id: r.try_get("id")?,
                    kind: ActionKind::parse(&action).ok_or_else(|| StoreError::Corrupt(format!("action {action:?}")))?,
                    user_id: r.try_get("user_id")?,
                    actor: r.try_get("actor")?,
                    article_id: r.try_get("article_id")?,
                    slug: r.try_get("slug")?,
                    lang: parse_lang(&r.try_get::<String, _>("lang")?)?,
                    comment_id: r.try_get("comment_id")?,
                    count: r.try_get("count")?,
                    before: r.try_get("before_value")?,
                    after: r.try_get("after_value")?,
                    at: parse_ts(&r.try_get::<String, _>("created_at")?)?,
                })
            })
            .collect()
    }
}
