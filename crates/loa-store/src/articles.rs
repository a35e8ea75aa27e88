//! Writing articles and editions. Every write enqueues the jobs it causes
//! in the same transaction.

use loa_domain::article::body_text;
use loa_domain::{
    slugify, ActionKind, ArticleId, Block, Category, Edition, EditionStatus, Lang, NewArticle, NewsroomAction, User,
};
use serde_json::json;
use sqlx::{AnyConnection, Row};

use crate::changes::record_change;
use crate::jobs::{enqueue, EditionJob, JobKind, Requeue};
use crate::{now, ts, Result, Store, StoreError};

/// A translation the outlet itself published beside the original (found
/// through `hreflang` alternates). It is stored as an edition, not translated.
#[derive(Debug, Clone, PartialEq)]
pub struct SuppliedEdition {
    pub lang: Lang,
    pub url: String,
    pub title: String,
    pub lead: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    Inserted(ArticleId),
    /// The same page or the same text was stored before; a provenance row
    /// was added if this is a new place where it appeared.
    Duplicate(ArticleId),
}

impl InsertOutcome {
    pub fn article_id(self) -> ArticleId {
        match self {
            InsertOutcome::Inserted(id) | InsertOutcome::Duplicate(id) => id,
        }
    }
}

/// The exact-duplicate key: SHA-256 of the normalised text (words lower-
/// cased, whitespace collapsed), so no page can be made to pass for
/// another story and be merged into it.
pub fn content_hash(title: &str, blocks: &[Block]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, normalised_text(title, blocks).as_bytes());
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// The key older versions stored (FNV-1a 64), still matched so that a story
/// stored before the change is recognised when it comes again.
fn legacy_content_hash(title: &str, blocks: &[Block]) -> String {
    format!("{:016x}", loa_domain::hash::fnv1a64(normalised_text(title, blocks).as_bytes()))
}

fn normalised_text(title: &str, blocks: &[Block]) -> String {
    let text = format!("{title}\n{}", body_text(blocks));
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        out.push_str(&word.to_lowercase());
        out.push(' ');
    }
    out
}

/// A SimHash of the article text and how many differing bits still make
/// two texts the same story (the caller owns the algorithm and threshold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub simhash: u64,
    pub max_bits: u32,
}

/// Near-duplicates are looked for among stories published this close.
const NEAR_DUPLICATE_WINDOW_DAYS: i64 = 7;

/// A page as fetched, kept so its article can be extracted again when the
/// source's rules change.
#[derive(Debug, Clone, PartialEq)]
pub struct RawPage {
    pub url: String,
    pub article_id: ArticleId,
    pub content_type: Option<String>,
    pub html: String,
}

impl Store {
    /// Stores an extracted article with its original edition, the editions
    /// its outlet supplied, and its provenance; enqueues a translation job
    /// for every language in `translate_to` that has no edition yet and an
    /// change-log entry for every edition — all in one transaction.
    pub async fn insert_article(
        &self,
        new: &NewArticle,
        supplied: &[SuppliedEdition],
        translate_to: &[Lang],
    ) -> Result<InsertOutcome> {
        self.insert_article_fingerprinted(new, supplied, translate_to, None).await
    }

    /// As [`Store::insert_article`], and a story whose fingerprint is close
    /// to one stored in the same language within a week is merged into it
    /// (one article, one more provenance row) — the same wire story from
    /// two outlets.
    pub async fn insert_article_fingerprinted(
        &self,
        new: &NewArticle,
        supplied: &[SuppliedEdition],
        translate_to: &[Lang],
        fingerprint: Option<Fingerprint>,
    ) -> Result<InsertOutcome> {
        // IMMEDIATE takes the write lock up front: a deferred transaction
        // that reads first cannot wait for a writer and fails as "locked".
        let mut tx = self.begin_write().await?;
        let now_s = ts(now());

        if let Some(row) = sqlx::query(&crate::sql("SELECT article_id FROM provenance WHERE url = ?"))
            .bind(&new.canonical_url)
            .fetch_optional(&mut *tx)
            .await?
        {
            return Ok(InsertOutcome::Duplicate(row.try_get("article_id")?));
        }
        let hash = content_hash(&new.title, &new.blocks);
        if let Some(row) = sqlx::query(&crate::sql("SELECT id FROM articles WHERE content_hash IN (?, ?) ORDER BY id LIMIT 1"))
            .bind(&hash)
            .bind(legacy_content_hash(&new.title, &new.blocks))
            .fetch_optional(&mut *tx)
            .await?
        {
            let id: i64 = row.try_get("id")?;
            insert_provenance(&mut tx, id, new.source_id, &new.outlet, &new.canonical_url, &now_s).await?;
            tx.commit().await?;
            return Ok(InsertOutcome::Duplicate(id));
        }

        let published = new.published_at.unwrap_or_else(now);
        if let Some(fp) = fingerprint {
            let window = chrono::Duration::days(NEAR_DUPLICATE_WINDOW_DAYS);
            let rows = sqlx::query(&crate::sql(
                "SELECT id, simhash FROM articles WHERE simhash IS NOT NULL AND original_lang = ?
                   AND published_at >= ? AND published_at <= ? ORDER BY published_at",
            ))
            .bind(new.lang.code())
            .bind(ts(published - window))
            .bind(ts(published + window))
            .fetch_all(&mut *tx)
            .await?;
            for row in rows {
                let other: i64 = row.try_get("simhash")?;
                if (other as u64 ^ fp.simhash).count_ones() <= fp.max_bits {
                    let id: i64 = row.try_get("id")?;
                    insert_provenance(&mut tx, id, new.source_id, &new.outlet, &new.canonical_url, &now_s).await?;
                    tx.commit().await?;
                    return Ok(InsertOutcome::Duplicate(id));
                }
            }
        }

        let author_id = match &new.author {
            Some(name) if !name.trim().is_empty() => Some(upsert_author(&mut tx, name.trim()).await?),
            _ => None,
        };
        let slug = free_slug(&mut tx, "articles", &new.title, "article").await?;
        let id: i64 = sqlx::query(&crate::sql(
            "INSERT INTO articles (slug, canonical_url, original_lang, author_id, category, places, topics,
               content_hash, published_at, updated_at, created_at, simhash)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        ))
        .bind(&slug)
        .bind(&new.canonical_url)
        .bind(new.lang.code())
        .bind(author_id)
        .bind(new.category.slug)
        .bind(json!(new.places).to_string())
        .bind(json!(new.topics).to_string())
        .bind(&hash)
        .bind(ts(published))
        .bind(new.updated_at.map(ts))
        .bind(&now_s)
        // Stored as the signed integer with the same bits: SQL has no u64.
        .bind(fingerprint.map(|f| f.simhash as i64))
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        insert_provenance(&mut tx, id, new.source_id, &new.outlet, &new.canonical_url, &now_s).await?;

        let original = Edition {
            article_id: id,
            lang: new.lang,
            title: new.title.clone(),
            lead: new.lead.clone(),
            blocks: new.blocks.clone(),
            status: EditionStatus::Original,
            engine: "original".into(),
            failure: None,
            created_at: now(),
            updated_at: now(),
        };
        write_edition(&mut tx, &original).await?;
        let mut have = vec![new.lang];
        for s in supplied.iter().filter(|s| s.lang != new.lang) {
            let e = Edition {
                lang: s.lang,
                title: s.title.clone(),
                lead: s.lead.clone(),
                blocks: s.blocks.clone(),
                status: EditionStatus::Published,
                engine: "outlet".into(),
                ..original.clone()
            };
            write_edition(&mut tx, &e).await?;
            sqlx::query(&crate::sql("INSERT INTO provenance (article_id, source_id, outlet, url, fetched_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING"))
                .bind(id)
                .bind(new.source_id)
                .bind(&new.outlet)
                .bind(&s.url)
                .bind(&now_s)
                .execute(&mut *tx)
                .await?;
            have.push(s.lang);
        }
        for lang in translate_to.iter().filter(|l| !have.contains(l)) {
            let job = EditionJob { article_id: id, lang: *lang };
            enqueue(&mut tx, JobKind::TranslateEdition, &job.key(), &job.payload(), Requeue::Again).await?;
        }
        tx.commit().await?;
        Ok(InsertOutcome::Inserted(id))
    }

    /// Saves an edition (a translation, a review) and logs the change the
    /// search indexes follow, in one transaction.
    pub async fn save_edition(&self, edition: &Edition) -> Result<()> {
        let mut tx = self.begin_write().await?;
        write_edition(&mut tx, edition).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A reviewer's decision on an edition: `Published` makes it public,
    /// `Reviewed` approves it without publishing, `Failed` withdraws it.
    /// `actor` is the member who decided (`None`: the command line); a
    /// publish or withdrawal is written to the newsroom's history in the
    /// same transaction, and so is the change the indexes follow.
    pub async fn set_edition_status(
        &self,
        article_id: ArticleId,
        lang: Lang,
        status: EditionStatus,
        actor: Option<&User>,
    ) -> Result<Edition> {
        // Only the status changes, inside the transaction: a correction or
        // a translation saved meanwhile keeps its text.
        let mut tx = self.begin_write().await?;
        let current: Option<String> =
            sqlx::query_scalar(&crate::sql("SELECT status FROM editions WHERE article_id = ? AND lang = ?"))
                .bind(article_id)
                .bind(lang.code())
                .fetch_optional(&mut *tx)
                .await?;
        let before = match current.as_deref() {
            None => return Err(StoreError::NotFound(format!("the {lang} edition of article {article_id}"))),
            Some("original") => {
                return Err(StoreError::NotFound(format!(
                    "article {article_id} has no {lang} translation to review (it is the original)"
                )))
            }
            Some(before) => before.to_string(),
        };
        sqlx::query(&crate::sql("UPDATE editions SET status = ?, updated_at = ? WHERE article_id = ? AND lang = ?"))
            .bind(status.as_str())
            .bind(ts(now()))
            .bind(article_id)
            .bind(lang.code())
            .execute(&mut *tx)
            .await?;
        record_change(&mut tx, article_id, lang).await?;
        let kind = match status {
            EditionStatus::Published => Some(ActionKind::Published),
            EditionStatus::Failed => Some(ActionKind::Withdrawn),
            _ => None,
        };
        if let Some(kind) = kind {
            let change = Some((before.as_str(), status.as_str()));
            record_action(&mut tx, Action { actor, kind, on: Subject::edition(article_id, lang), count: None, change }).await?;
        }
        tx.commit().await?;
        self.edition(article_id, lang)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("the {lang} edition of article {article_id}")))
    }

    /// A reviewer's corrected edition (`count` segments changed), with the
    /// correction in the newsroom's history, in one transaction.
    pub async fn save_corrected_edition(&self, edition: &Edition, count: usize, actor: Option<&User>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        write_edition(&mut tx, edition).await?;
        let action = Action {
            actor,
            kind: ActionKind::Corrected,
            on: Subject::edition(edition.article_id, edition.lang),
            count: Some(count as i64),
            change: None,
        };
        record_action(&mut tx, action).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets a story's section, places and topics as an editor chose them.
    /// In one transaction: the story changes, every edition's change is
    /// logged (so every node's index, feeds and pages follow), and the
    /// decision enters the audit log with the values before and after.
    pub async fn retag_article(&self, article_id: ArticleId, tags: &StoryTags<'_>, actor: Option<&User>) -> Result<()> {
        let StoryTags { category, places, topics } = *tags;
        let mut tx = self.begin_write().await?;
        let old: Option<(String, String, String, String)> =
            sqlx::query_as(&crate::sql("SELECT category, places, topics, original_lang FROM articles WHERE id = ?"))
                .bind(article_id)
                .fetch_optional(&mut *tx)
                .await?;
        let (old_category, old_places, old_topics, original) =
            old.ok_or_else(|| StoreError::NotFound(format!("article {article_id}")))?;
        let list = |json: &str| -> Result<Vec<String>> {
            serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("article {article_id}'s places or topics: {e}")))
        };
        let described = |category: &str, places: &[String], topics: &[String]| {
            format!("{category} · {} · {}", places.join(", "), topics.join(", "))
        };
        let before = described(&old_category, &list(&old_places)?, &list(&old_topics)?);
        let lang = crate::reads::parse_lang(&original)?;
        sqlx::query(&crate::sql("UPDATE articles SET category = ?, places = ?, topics = ? WHERE id = ?"))
            .bind(category.slug)
            .bind(json!(places).to_string())
            .bind(json!(topics).to_string())
            .bind(article_id)
            .execute(&mut *tx)
            .await?;
        let langs: Vec<String> = sqlx::query_scalar(&crate::sql("SELECT lang FROM editions WHERE article_id = ?"))
            .bind(article_id)
            .fetch_all(&mut *tx)
            .await?;
        for code in langs {
            record_change(&mut tx, article_id, crate::reads::parse_lang(&code)?).await?;
        }
        let after = described(category.slug, places, topics);
        let change = Some((before.as_str(), after.as_str()));
        let on = Subject::edition(article_id, lang);
        let action = Action { actor, kind: ActionKind::Retagged, on, count: None, change };
        record_action(&mut tx, action).await?;
        tx.commit().await?;
        Ok(())
    }

    /// What people did to one edition, oldest first.
    pub async fn edition_history(&self, article_id: ArticleId, lang: Lang) -> Result<Vec<NewsroomAction>> {
        let rows = sqlx::query(&crate::sql(
            "SELECT action, actor, count, created_at FROM newsroom_actions
             WHERE article_id = ? AND lang = ? AND comment_id IS NULL ORDER BY created_at, id",
        ))
        .bind(article_id)
        .bind(lang.code())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let action: String = r.try_get("action")?;
                Ok(NewsroomAction {
                    kind: ActionKind::parse(&action).ok_or_else(|| StoreError::Corrupt(format!("action {action:?}")))?,
                    actor: r.try_get("actor")?,
                    count: r.try_get("count")?,
                    at: crate::parse_ts(&r.try_get::<String, _>("created_at")?)?,
                })
            })
            .collect()
    }

    /// Keeps the page an article was extracted from.
    pub async fn save_raw_page(
        &self,
        url: &str,
        article_id: ArticleId,
        source_id: Option<i64>,
        content_type: Option<&str>,
        html: &str,
    ) -> Result<()> {
        sqlx::query(&crate::sql(
            "INSERT INTO raw_pages (url, article_id, source_id, content_type, html, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (url) DO UPDATE SET html = excluded.html, content_type = excluded.content_type,
               fetched_at = excluded.fetched_at",
        ))
        .bind(url)
        .bind(article_id)
        .bind(source_id)
        .bind(content_type)
        .bind(html)
        .bind(ts(now()))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The stored pages of a source's articles (the originals, not the
    /// outlet's translations, which are stored under their own URLs too).
    pub async fn raw_pages_of_source(&self, source_id: i64) -> Result<Vec<RawPage>> {
        let rows = sqlx::query(&crate::sql(
            "SELECT r.url, r.article_id, r.content_type, r.html FROM raw_pages r
             JOIN articles a ON a.id = r.article_id
             WHERE r.source_id = ? AND a.canonical_url = r.url ORDER BY r.article_id",
        ))
        .bind(source_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(RawPage {
                    url: r.try_get("url")?,
                    article_id: r.try_get("article_id")?,
                    content_type: r.try_get("content_type")?,
                    html: r.try_get("html")?,
                })
            })
            .collect()
    }

    /// Replaces an article's original text (after re-extraction or an
    /// edit). When it changed, the index follows and every machine
    /// translation is made again — in the same transaction. Returns whether
    /// anything changed.
    pub async fn update_original(
        &self,
        article_id: ArticleId,
        title: &str,
        lead: &str,
        blocks: &[Block],
        translate_to: &[Lang],
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(&crate::sql(
            "SELECT lang, title, lead, blocks, created_at FROM editions WHERE article_id = ? AND status = 'original'",
        ))
        .bind(article_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("original edition of article {article_id}")))?;
        let blocks_json = serde_json::to_string(blocks).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let unchanged = row.try_get::<String, _>("title")? == title
            && row.try_get::<String, _>("lead")? == lead
            && row.try_get::<String, _>("blocks")? == blocks_json;
        if unchanged {
            return Ok(false);
        }
        let lang = crate::reads::parse_lang(&row.try_get::<String, _>("lang")?)?;
        let created = crate::parse_ts(&row.try_get::<String, _>("created_at")?)?;
        let edition = Edition {
            article_id,
            lang,
            title: title.to_string(),
            lead: lead.to_string(),
            blocks: blocks.to_vec(),
            status: EditionStatus::Original,
            engine: "original".into(),
            failure: None,
            created_at: created,
            updated_at: now(),
        };
        write_edition(&mut tx, &edition).await?;
        sqlx::query(&crate::sql("UPDATE articles SET content_hash = ?, updated_at = ? WHERE id = ?"))
            .bind(content_hash(title, blocks))
            .bind(ts(now()))
            .bind(article_id)
            .execute(&mut *tx)
            .await?;
        for l in translate_to.iter().filter(|l| **l != lang) {
            let job = EditionJob { article_id, lang: *l };
            enqueue(&mut tx, JobKind::TranslateEdition, &job.key(), &job.payload(), Requeue::Again).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Adds a comment that is visible at once (imported or seeded ones;
    /// readers' comments go through [`Store::add_pending_comment`]).
    pub async fn add_comment(&self, article_id: ArticleId, lang: Lang, author_name: &str, body: &str) -> Result<i64> {
        self.insert_comment(article_id, lang, author_name, body, loa_domain::CommentStatus::Visible).await
    }
}

async fn insert_provenance(
    conn: &mut AnyConnection,
    article_id: i64,
    source_id: Option<i64>,
    outlet: &str,
    url: &str,
    at: &str,
) -> Result<()> {
    sqlx::query(&crate::sql(
        "INSERT INTO provenance (article_id, source_id, outlet, url, fetched_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING",
    ))
    .bind(article_id)
    .bind(source_id)
    .bind(outlet)
    .bind(url)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Upserts the edition row and logs the change every node's index follows.
async fn write_edition(conn: &mut AnyConnection, e: &Edition) -> Result<()> {
    let blocks = serde_json::to_string(&e.blocks).map_err(|err| StoreError::Corrupt(err.to_string()))?;
    sqlx::query(&crate::sql(
        "INSERT INTO editions (article_id, lang, title, lead, blocks, status, engine, failure, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (article_id, lang) DO UPDATE SET title = excluded.title, lead = excluded.lead,
           blocks = excluded.blocks, status = excluded.status, engine = excluded.engine,
           failure = excluded.failure, updated_at = excluded.updated_at",
    ))
    .bind(e.article_id)
    .bind(e.lang.code())
    .bind(&e.title)
    .bind(&e.lead)
    .bind(blocks)
    .bind(e.status.as_str())
    .bind(&e.engine)
    .bind(&e.failure)
    .bind(ts(e.created_at))
    .bind(ts(e.updated_at))
    .execute(&mut *conn)
    .await?;
    // The video section lists stories by this flag, not by reading every
    // body: the original says whether the story carries a video.
    if e.status == EditionStatus::Original {
        let has_video = e.blocks.iter().any(|b| matches!(b, Block::Video { .. }));
        sqlx::query(&crate::sql("UPDATE articles SET has_video = ? WHERE id = ?"))
            .bind(i64::from(has_video))
            .bind(e.article_id)
            .execute(&mut *conn)
            .await?;
    }
    record_change(conn, e.article_id, e.lang).await
}

/// The author called exactly `name`, added if new. Two people whose names
/// make the same slug stay two authors (`tran-ha`, `tran-ha-2`).
async fn upsert_author(conn: &mut AnyConnection, name: &str) -> Result<i64> {
    if let Some(row) = sqlx::query(&crate::sql("SELECT id FROM authors WHERE name = ? ORDER BY id LIMIT 1"))
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?
    {
        return Ok(row.try_get("id")?);
    }
    let slug = free_slug(conn, "authors", name, "author").await?;
    Ok(sqlx::query(&crate::sql("INSERT INTO authors (name, slug) VALUES (?, ?) RETURNING id"))
        .bind(name)
        .bind(&slug)
        .fetch_one(&mut *conn)
        .await?
        .try_get("id")?)
}

/// A slug from `text` that no row of `table` has (`-2`, `-3`… appended),
/// found with one query however many namesakes there are.
async fn free_slug(conn: &mut AnyConnection, table: &str, text: &str, fallback: &str) -> Result<String> {
    let base = match slugify(text) {
        s if s.is_empty() => fallback.to_string(),
        s => s,
    };
    // Slugs hold only [a-z0-9-], so the base has no LIKE wildcard in it.
    let taken: std::collections::HashSet<String> =
        sqlx::query(&crate::sql(&format!("SELECT slug FROM {table} WHERE slug = ? OR slug LIKE ?")))
            .bind(&base)
            .bind(format!("{base}-%"))
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get::<String, _>("slug"))
            .collect::<std::result::Result<_, _>>()?;
    if !taken.contains(&base) {
        return Ok(base);
    }
    let n = (2..).find(|n| !taken.contains(&format!("{base}-{n}"))).unwrap_or(2);
    Ok(format!("{base}-{n}"))
}

/// A story's section, places and topics, as an editor sets them.
#[derive(Debug, Clone, Copy)]
pub struct StoryTags<'a> {
    pub category: Category,
    pub places: &'a [String],
    pub topics: &'a [String],
}

/// One line of the newsroom's history, as written.
pub(crate) struct Action<'a> {
    pub actor: Option<&'a User>,
    pub kind: ActionKind,
    pub on: Subject<'a>,
    pub count: Option<i64>,
    /// The value the decision changed, before and after it.
    pub change: Option<(&'a str, &'a str)>,
}

/// What a line of the newsroom's history is about.
#[derive(Clone, Copy)]
pub(crate) enum Subject<'a> {
    /// An edition, or (with `comment_id`) a comment on it.
    Edition { article_id: ArticleId, lang: Lang, comment_id: Option<i64> },
    /// A source. Its address is kept as the line's value after, so the
    /// line still says which source once the source is gone.
    Source { id: i64, address: &'a str },
}

impl<'a> Subject<'a> {
    /// The edition `article_id` in `lang` itself, not a comment on it.
    pub fn edition(article_id: ArticleId, lang: Lang) -> Subject<'a> {
        Subject::Edition { article_id, lang, comment_id: None }
    }
}

/// Writes one line of the newsroom's history inside the caller's
/// transaction, so the history never misses a change nor tells of one
/// that did not happen.
pub(crate) async fn record_action(conn: &mut AnyConnection, action: Action<'_>) -> Result<()> {
    let (article_id, lang, comment_id, source_id) = match action.on {
        Subject::Edition { article_id, lang, comment_id } => (Some(article_id), Some(lang.code()), comment_id, None),
        Subject::Source { id, .. } => (None, None, None, Some(id)),
    };
    let (before, after) = match (action.on, action.change) {
        (Subject::Source { address, .. }, _) => (None, Some(address)),
        (Subject::Edition { .. }, change) => (change.map(|c| c.0), change.map(|c| c.1)),
    };
    sqlx::query(&crate::sql(
        "INSERT INTO newsroom_actions (user_id, actor, action, article_id, lang, comment_id, source_id, count, created_at,
           before_value, after_value)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ))
    .bind(action.actor.map(|u| u.id))
    .bind(action.actor.map(|u| u.display_name.as_str()))
    .bind(action.kind.as_str())
    .bind(article_id)
    .bind(lang)
    .bind(comment_id)
    .bind(source_id)
    .bind(action.count)
    .bind(ts(now()))
    .bind(before)
    .bind(after)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hashes_are_sha256_of_the_normalised_text() {
        let blocks = vec![Block::Paragraph { text: "Some  120\nboats.".into(), marks: vec![] }];
        let same = vec![Block::Paragraph { text: "some 120 BOATS.".into(), marks: vec![] }];
        let h = content_hash("Boats", &blocks);
        assert_eq!(h.len(), 64);
        assert!(h.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(h, content_hash("boats", &same), "case and spacing do not make another story");
        assert_ne!(h, content_hash("Boats", &[Block::Paragraph { text: "Some 121 boats.".into(), marks: vec![] }]));
    }

    #[test]
    fn the_legacy_key_is_what_earlier_versions_stored() {
        // The FNV-1a stream of lower-cased words, each followed by a space.
        let blocks = vec![Block::Paragraph { text: "Some 120 boats.".into(), marks: vec![] }];
        let mut h = loa_domain::hash::Fnv1a::default();
        for word in format!("Boats\n{}", body_text(&blocks)).split_whitespace() {
            h.write(word.to_lowercase().as_bytes());
            h.write(b" ");
        }
        assert_eq!(legacy_content_hash("Boats", &blocks), format!("{:016x}", h.finish()));
    }
}
