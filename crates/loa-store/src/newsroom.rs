//! Newsroom members, their sessions, and the moderation of readers'
//! comments. Passwords and session tokens arrive hashed: this crate never
//! sees a secret, only what it must keep to check one.

use chrono::{DateTime, Utc};
use loa_domain::{ActionKind, ArticleId, CommentStatus, Lang, Role, User, UserId};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::articles::{record_action, Action, Subject};
use crate::reads::parse_lang;
use crate::{now, parse_ts, ts, Result, Store, StoreError};

/// One of a member's sign-in sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// The SHA-256 of the session's token, as kept: tells the asking
    /// browser's session from the others.
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A comment waiting for a moderator, with what is needed to judge it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PendingComment {
    pub id: i64,
    pub article_id: ArticleId,
    pub slug: String,
    /// The article's title in the comment's language, else the original's.
    pub title: String,
    pub lang: Lang,
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

fn username_key(username: &str) -> String {
    username.trim().to_ascii_lowercase()
}

pub(crate) fn user_from(row: &AnyRow) -> Result<User> {
    let role: String = row.try_get("role")?;
    Ok(User {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role:?}")))?,
        disabled: row.try_get::<i64, _>("disabled")? != 0,
    })
}

const USER_COLUMNS: &str = "id, username, display_name, role, disabled";

impl Store {
    /// Adds a newsroom member. Fails with `Conflict` when the username is
    /// taken (whatever its case).
    pub async fn create_user(&self, username: &str, display_name: &str, role: Role, password_hash: &str) -> Result<User> {
        let username = username.trim();
        let taken = sqlx::query(&crate::sql("SELECT 1 FROM users WHERE username_key = ?"))
            .bind(username_key(username))
            .fetch_optional(&self.pool)
            .await?
            .is_some();
        if taken {
            return Err(StoreError::Conflict(format!("the username {username:?} is taken")));
        }
        let row = sqlx::query(&crate::sql(&format!(
            "INSERT INTO users (username, username_key, display_name, role, password_hash, created_at)
             VALUES (?, ?, ?, ?, ?, ?) RETURNING {USER_COLUMNS}"
        )))
        .bind(username)
        .bind(username_key(username))
        .bind(display_name.trim())
        .bind(role.as_str())
        .bind(password_hash)
        .bind(ts(now()))
        .fetch_one(&self.pool)
        .await?;
        user_from(&row)
    }

    /// Every member, by username.
    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(&crate::sql(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY username_key")))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(user_from).collect()
    }

    /// A member and their password hash, for signing in.
    pub async fn user_for_login(&self, username: &str) -> Result<Option<(User, String)>> {
        let row = sqlx::query(&crate::sql(&format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE username_key = ?")))
            .bind(username_key(username))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((user_from(&r)?, r.try_get("password_hash")?))).transpose()
    }

    /// Changes a member's password, role or standing; `None` leaves a field
    /// as it is. Changing the password or disabling the member ends their
    /// sessions, in the same transaction.
    pub async fn update_user(
        &self,
        username: &str,
        password_hash: Option<&str>,
        role: Option<Role>,
        disabled: Option<bool>,
    ) -> Result<User> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(&crate::sql(&format!(
            "UPDATE users SET password_hash = COALESCE(?, password_hash), role = COALESCE(?, role),
               disabled = COALESCE(?, disabled) WHERE username_key = ? RETURNING {USER_COLUMNS}"
        )))
        .bind(password_hash)
        .bind(role.map(Role::as_str))
        .bind(disabled.map(i64::from))
        .bind(username_key(username))
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("no newsroom member {username:?}")))?;
        let user = user_from(&row)?;
        if password_hash.is_some() || disabled == Some(true) {
            sqlx::query(&crate::sql("DELETE FROM sessions WHERE user_id = ?")).bind(user.id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(user)
    }

    /// Keeps a new session (by the hash of its token) until `expires_at`.
    pub async fn create_session(&self, user_id: UserId, token_hash: &str, expires_at: DateTime<Utc>) -> Result<()> {
        let now = now();
        // Expired sessions are cleared as new ones come, so the table stays small.
        sqlx::query(&crate::sql("DELETE FROM sessions WHERE expires_at < ?")).bind(ts(now)).execute(&self.pool).await?;
        sqlx::query(&crate::sql("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"))
            .bind(token_hash)
            .bind(user_id)
            .bind(ts(now))
            .bind(ts(expires_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The member a session token (by hash) signs in: none when the session
    /// is unknown, expired, or its member disabled.
    pub async fn session_user(&self, token_hash: &str) -> Result<Option<User>> {
        let row = sqlx::query(&crate::sql(
            "SELECT u.id, u.username, u.display_name, u.role, u.disabled FROM sessions s
             JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0",
        ))
        .bind(token_hash)
        .bind(ts(now()))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from).transpose()
    }

    /// Ends one session (signing out). Unknown tokens are ignored.
    /// A member's sessions that have not expired, newest first.
    pub async fn sessions_of(&self, user_id: UserId) -> Result<Vec<SessionInfo>> {
        let sql = crate::sql(
            "SELECT token_hash, created_at, expires_at FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC",
        );
        let rows: Vec<(String, String, String)> =
            sqlx::query_as(&sql).bind(user_id).bind(ts(now())).fetch_all(&self.pool).await?;
        let session = |(token_hash, created, expires): (String, String, String)| -> Result<SessionInfo> {
            Ok(SessionInfo { token_hash, created_at: parse_ts(&created)?, expires_at: parse_ts(&expires)? })
        };
        rows.into_iter().map(session).collect()
    }

    /// Ends every session of the member but `keep` (the one asking);
    /// answers how many ended.
    pub async fn end_other_sessions(&self, user_id: UserId, keep: &str) -> Result<u64> {
        let done = sqlx::query(&crate::sql("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?"))
            .bind(user_id)
            .bind(keep)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Sets a member's password hash and ends their other sessions, in one
    /// transaction: whoever knew the old password is signed out, the member
    /// who changed it (`keep`) is not.
    pub async fn change_password(&self, user_id: UserId, password_hash: &str, keep: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(&crate::sql("UPDATE users SET password_hash = ? WHERE id = ?"))
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("no newsroom member {user_id}")));
        }
        sqlx::query(&crate::sql("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?"))
            .bind(user_id)
            .bind(keep)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query(&crate::sql("DELETE FROM sessions WHERE token_hash = ?")).bind(token_hash).execute(&self.pool).await?;
        Ok(())
    }

    /// Keeps a reader's comment for moderation: nobody sees it until a
    /// moderator approves it.
    pub async fn add_pending_comment(&self, article_id: ArticleId, lang: Lang, author_name: &str, body: &str) -> Result<i64> {
        self.insert_comment(article_id, lang, author_name, body, CommentStatus::Pending).await
    }

    /// Comments waiting for a moderator, oldest first.
    pub async fn pending_comments(&self, limit: i64) -> Result<Vec<PendingComment>> {
        let rows = sqlx::query(&crate::sql(
            "SELECT c.id, c.article_id, a.slug, c.lang, c.author_name, c.body, c.created_at,
                    COALESCE(e.title,
                             (SELECT o.title FROM editions o WHERE o.article_id = c.article_id AND o.status = 'original' LIMIT 1))
                        AS title
             FROM comments c
             JOIN articles a ON a.id = c.article_id
             LEFT JOIN editions e ON e.article_id = c.article_id AND e.lang = c.lang
             WHERE c.status = 'pending' ORDER BY c.created_at, c.id LIMIT ?",
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PendingComment {
                    id: r.try_get("id")?,
                    article_id: r.try_get("article_id")?,
                    slug: r.try_get("slug")?,
                    title: r.try_get::<Option<String>, _>("title")?.unwrap_or_default(),
                    lang: parse_lang(&r.try_get::<String, _>("lang")?)?,
                    author_name: r.try_get("author_name")?,
                    body: r.try_get("body")?,
                    created_at: parse_ts(&r.try_get::<String, _>("created_at")?)?,
                })
            })
            .collect()
    }

    /// A moderator's decision on a pending comment: `Visible` shows it,
    /// `Rejected` keeps it hidden; the decision enters the newsroom's
    /// history in the same transaction. False when no pending comment has
    /// that id (decided already, or never there).
    pub async fn moderate_comment(&self, id: i64, decision: CommentStatus, moderator: &User) -> Result<bool> {
        let kind = match decision {
            CommentStatus::Visible => ActionKind::Approved,
            CommentStatus::Rejected => ActionKind::Rejected,
            CommentStatus::Pending => {
                return Err(StoreError::Conflict("a moderation decision is visible or rejected".into()));
            }
        };
        let mut tx = self.begin_write().await?;
        let decided = sqlx::query(&crate::sql(
            "UPDATE comments SET status = ?, moderated_by = ?, moderated_at = ? WHERE id = ? AND status = 'pending'
             RETURNING article_id, lang",
        ))
        .bind(decision.as_str())
        .bind(moderator.id)
        .bind(ts(now()))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = decided else { return Ok(false) };
        let lang = parse_lang(&row.try_get::<String, _>("lang")?)?;
        let article_id: i64 = row.try_get("article_id")?;
        let change = Some(("pending", decision.as_str()));
        let on = Subject::Edition { article_id, lang, comment_id: Some(id) };
        let action = Action { actor: Some(moderator), kind, on, count: None, change };
        record_action(&mut tx, action).await?;
        // The story's page shows its visible comments: every node's cache must drop it.
        crate::changes::record_change(&mut tx, article_id, lang).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub(crate) async fn insert_comment(
        &self,
        article_id: ArticleId,
        lang: Lang,
        author_name: &str,
        body: &str,
        status: CommentStatus,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let id = sqlx::query(&crate::sql(
            "INSERT INTO comments (article_id, lang, author_name, body, status, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        ))
        .bind(article_id)
        .bind(lang.code())
        .bind(author_name)
        .bind(body)
        .bind(status.as_str())
        .bind(ts(now()))
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        if status == CommentStatus::Visible {
            crate::changes::record_change(&mut tx, article_id, lang).await?;
        }
        tx.commit().await?;
        Ok(id)
    }
}
