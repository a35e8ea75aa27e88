//! A story's workflow (draft, in review, scheduled, published, withdrawn)
//! as editors move it and as the scheduler publishes it. The decision is
//! `loa_domain::Workflow::apply`, taken inside the write transaction on
//! the stored state, so two editors (or an editor and the scheduler on
//! another node) cannot both act on a state that is gone.

use chrono::{DateTime, Utc};
use loa_domain::{ActionKind, ArticleId, EmbargoChange, Lang, StoryState, User, Workflow, WorkflowRefusal, WorkflowStep};
use sqlx::{AnyConnection, Row};

use crate::articles::{record_action, Action, Subject};
use crate::changes::record_change;
use crate::reads::{parse_lang, workflow_from_row};
use crate::{ts, Result, Store, StoreError};

/// A story readers do not see, as the schedule page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpublishedStory {
    pub slug: String,
    /// Its original's title, in `lang`.
    pub title: String,
    pub lang: Lang,
    pub workflow: Workflow,
}

/// How the audit log keeps a workflow: the state's name, for a scheduled
/// story its time after a space, and an embargo after the word `embargo`
/// (`scheduled 2026-12-08T09:00:00.000Z embargo 2026-12-08T09:00:00.000Z`).
pub fn workflow_value(w: &Workflow) -> String {
    let mut value = w.state.as_str().to_string();
    if let (StoryState::Scheduled, Some(at)) = (w.state, w.publish_at) {
        value.push(' ');
        value.push_str(&ts(at));
    }
    if let Some(until) = w.embargo_until {
        value.push_str(" embargo ");
        value.push_str(&ts(until));
    }
    value
}

impl Store {
    /// Takes `step` on a story, with its embargo changed as `embargo`
    /// says (resolved against the stored one inside the transaction), for
    /// `actor` (`None`: the command line). In one transaction: the story's
    /// state, a change for every edition when readers' view of it changes
    /// (so indexes, feeds and caches on every node follow), and a
    /// `workflow` line in the audit log. A refused step changes nothing
    /// and says why.
    pub async fn move_story(
        &self,
        article_id: ArticleId,
        step: WorkflowStep,
        embargo: EmbargoChange,
        actor: Option<&User>,
        now: DateTime<Utc>,
    ) -> Result<std::result::Result<Workflow, WorkflowRefusal>> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(&crate::sql("SELECT state, publish_at, embargo_until, original_lang FROM articles WHERE id = ?"))
            .bind(article_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("article {article_id}")))?;
        let before = workflow_from_row(&row)?;
        let lang = parse_lang(&row.try_get::<String, _>("original_lang")?)?;
        let after = match before.apply(step, embargo.resolve(before.embargo_until), now) {
            Ok(after) => after,
            Err(refusal) => return Ok(Err(refusal)),
        };
        write_workflow(&mut tx, article_id, lang, (&before, &after), actor, now).await?;
        tx.commit().await?;
        Ok(Ok(after))
    }

    /// Publishes every scheduled story whose time has come at `now` (and
    /// whose embargo has passed), in one transaction, each with its
    /// changes and an audit line by nobody; returns their ids. Any node
    /// may call it at any time: a story is published once, by whichever
    /// transaction comes first.
    pub async fn publish_due_stories(&self, now: DateTime<Utc>) -> Result<Vec<ArticleId>> {
        // Most ticks find nothing: a read first, so they take no write lock.
        let any_due: Option<i64> =
            sqlx::query_scalar(&crate::sql("SELECT id FROM articles WHERE state = 'scheduled' AND publish_at <= ? LIMIT 1"))
                .bind(ts(now))
                .fetch_optional(&self.pool)
                .await?;
        if any_due.is_none() {
            return Ok(Vec::new());
        }
        let mut tx = self.begin_write().await?;
        let rows = sqlx::query(&crate::sql(
            "SELECT id, state, publish_at, embargo_until, original_lang FROM articles
             WHERE state = 'scheduled' AND publish_at <= ? ORDER BY publish_at, id",
        ))
        .bind(ts(now))
        .fetch_all(&mut *tx)
        .await?;
        let mut published = Vec::new();
        for row in &rows {
            let before = workflow_from_row(row)?;
            if !before.is_due(now) {
                continue;
            }
            let id: ArticleId = row.try_get("id")?;
            let lang = parse_lang(&row.try_get::<String, _>("original_lang")?)?;
            let after = Workflow { state: StoryState::Published, publish_at: None, ..before };
            write_workflow(&mut tx, id, lang, (&before, &after), None, now).await?;
            published.push(id);
        }
        tx.commit().await?;
        Ok(published)
    }

    /// Stories readers do not see, for the newsroom's schedule page:
    /// scheduled ones first (soonest first), then those in review, drafts
    /// and withdrawn ones, newest first within each.
    pub async fn unpublished_stories(&self, limit: i64) -> Result<Vec<UnpublishedStory>> {
        let rows = sqlx::query(&crate::sql(
            "SELECT a.slug, a.original_lang, a.state, a.publish_at, a.embargo_until,
                    (SELECT o.title FROM editions o WHERE o.article_id = a.id AND o.status = 'original' LIMIT 1) AS title
             FROM articles a WHERE a.state <> 'published'
             ORDER BY CASE a.state WHEN 'scheduled' THEN 0 WHEN 'in_review' THEN 1 WHEN 'draft' THEN 2 ELSE 3 END,
                      a.publish_at, a.id DESC
             LIMIT ?",
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let slug: String = r.try_get("slug")?;
                let title: Option<String> = r.try_get("title")?;
                Ok(UnpublishedStory {
                    title: title.unwrap_or_else(|| slug.clone()),
                    slug,
                    lang: parse_lang(&r.try_get::<String, _>("original_lang")?)?,
                    workflow: workflow_from_row(r)?,
                })
            })
            .collect()
    }
}

/// Writes `after` over `before` inside the caller's transaction at `now`:
/// the columns, the change log when the story enters or leaves readers'
/// view, and the audit line. A story published for the first time (from
/// the desk or the schedule) is dated `now`, so it leads the lists and
/// the news sitemap; a withdrawn one put back keeps its date.
async fn write_workflow(
    conn: &mut AnyConnection,
    article_id: ArticleId,
    lang: Lang,
    (before, after): (&Workflow, &Workflow),
    actor: Option<&User>,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(&crate::sql("UPDATE articles SET state = ?, publish_at = ?, embargo_until = ? WHERE id = ?"))
        .bind(after.state.as_str())
        .bind(after.publish_at.map(ts))
        .bind(after.embargo_until.map(ts))
        .bind(article_id)
        .execute(&mut *conn)
        .await?;
    let first_publication = after.state == StoryState::Published
        && matches!(before.state, StoryState::Draft | StoryState::InReview | StoryState::Scheduled);
    if first_publication {
        sqlx::query(&crate::sql("UPDATE articles SET published_at = ? WHERE id = ?"))
            .bind(ts(now))
            .bind(article_id)
            .execute(&mut *conn)
            .await?;
    }
    if before.state.is_public() != after.state.is_public() {
        let langs: Vec<String> = sqlx::query_scalar(&crate::sql("SELECT lang FROM editions WHERE article_id = ?"))
            .bind(article_id)
            .fetch_all(&mut *conn)
            .await?;
        for code in langs {
            record_change(&mut *conn, article_id, parse_lang(&code)?).await?;
        }
    }
    let (from, to) = (workflow_value(before), workflow_value(after));
    let change = Some((from.as_str(), to.as_str()));
    record_action(
        &mut *conn,
        Action { actor, kind: ActionKind::Workflow, on: Subject::edition(article_id, lang), count: None, change },
    )
    .await
}
