//! The newsroom's audit log: every decision members made (publishing,
//! withdrawing and correcting editions, moderating comments, moving and
//! retagging stories, following, pausing, resuming and removing sources),
//! newest first, filtered by member, kind and language, paged by id.

use loa_domain::{ActionKind, ArticleId, Lang, NewsroomAction, SourceId, UserId};
use sqlx::Row;

use crate::reads::parse_lang;
use crate::{parse_ts, Result, Store, StoreError};

/// Which lines of the log to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only this member's decisions (the command line's are nobody's).
    pub user_id: Option<UserId>,
    /// Only decisions of this kind.
    pub kind: Option<ActionKind>,
    /// Only decisions on editions (or comments) in this language.
    pub lang: Option<Lang>,
    /// Only lines older than this one (the next page).
    pub before_id: Option<i64>,
}

/// What a decision was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditSubject {
    /// The edition decided, or whose comment was moderated, or (for a
    /// story's workflow and tags) the story's original edition.
    Edition { article_id: ArticleId, lang: Lang, slug: String },
    /// A source, by its id and address (kept after it is removed).
    Source { id: SourceId, address: String },
}

/// One decision, with what it was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    /// What was done, by whom (`None`: the command line) and when.
    pub action: NewsroomAction,
    pub user_id: Option<UserId>,
    pub subject: AuditSubject,
    pub comment_id: Option<i64>,
    /// The value the decision changed (a status), before and after.
    pub change: Option<(String, String)>,
}

impl Store {
    /// At most `limit` lines of the log that `filter` lets through, newest first.
    pub async fn audit_log(&self, filter: &AuditFilter, limit: i64) -> Result<Vec<AuditEntry>> {
        let mut sql = String::from(
            "SELECT a.id, a.action, a.user_id, a.actor, a.article_id, ar.slug, a.lang, a.comment_id, a.count,
                    a.before_value, a.after_value, a.created_at, a.source_id
             FROM newsroom_actions a LEFT JOIN articles ar ON ar.id = a.article_id WHERE 1 = 1",
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
                let before: Option<String> = r.try_get("before_value")?;
                let after: Option<String> = r.try_get("after_value")?;
                let action = NewsroomAction {
                    kind: ActionKind::parse(&action).ok_or_else(|| StoreError::Corrupt(format!("action {action:?}")))?,
                    actor: r.try_get("actor")?,
                    count: r.try_get("count")?,
                    at: parse_ts(&r.try_get::<String, _>("created_at")?)?,
                };
                let id: i64 = r.try_get("id")?;
                let source_id: Option<SourceId> = r.try_get("source_id")?;
                let (subject, change) = match (source_id, after) {
                    (Some(source), Some(address)) => (AuditSubject::Source { id: source, address }, None),
                    (_, after) => {
                        let lang: Option<String> = r.try_get("lang")?;
                        let lang = lang.ok_or_else(|| StoreError::Corrupt(format!("audit line {id} names no language")))?;
                        let subject = AuditSubject::Edition {
                            article_id: r.try_get("article_id")?,
                            lang: parse_lang(&lang)?,
                            slug: r.try_get("slug")?,
                        };
                        (subject, before.zip(after))
                    }
                };
                Ok(AuditEntry {
                    id,
                    action,
                    user_id: r.try_get("user_id")?,
                    subject,
                    comment_id: r.try_get("comment_id")?,
                    change,
                })
            })
            .collect()
    }
}
