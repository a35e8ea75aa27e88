//! What the reader site, the API and the indexer read.

use chrono::{DateTime, Utc};
use loa_domain::{
    decode_reasons, Article, ArticleId, Author, Block, Category, Edition, EditionStatus, Figure, Lang, Problem, Provenance,
    StoryState, Workflow,
};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{parse_ts, ts, Result, Store, StoreError};

/// Editions readers may see: public editions of published stories
/// (`Article::shows` is the same rule in Rust).
const PUBLIC: &str = "e.status IN ('original', 'published') AND a.state = 'published'";

/// One story in a list, in one language.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleCard {
    pub article_id: ArticleId,
    pub slug: String,
    pub lang: Lang,
    pub title: String,
    pub lead: String,
    pub category: String,
    pub author: Option<Author>,
    pub places: Vec<String>,
    pub topics: Vec<String>,
    pub published_at: DateTime<Utc>,
    pub image: Option<Figure>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    pub id: i64,
    pub author_name: String,
    pub body: String,
    pub lang: Lang,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SitemapEntry {
    pub slug: String,
    pub langs: Vec<Lang>,
    pub updated_at: DateTime<Utc>,
}

/// One public edition as a sitemap lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SitemapEdition {
    pub slug: String,
    pub title: String,
    pub published_at: DateTime<Utc>,
    /// When this edition last changed: a sitemap's `lastmod`.
    pub updated_at: DateTime<Utc>,
    /// The story's first picture, for image sitemaps.
    pub image: Option<Figure>,
    /// Every language the story is public in (its alternates), this one
    /// among them.
    pub langs: Vec<Lang>,
}

/// An edition waiting for a person: held by the checks or failed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    pub article_id: ArticleId,
    pub slug: String,
    pub lang: Lang,
    pub status: EditionStatus,
    pub engine: String,
    /// Why it was held or failed.
    pub reasons: Vec<Problem>,
    pub updated_at: DateTime<Utc>,
    /// What to call it, and in which language that title is.
    pub title: (String, Lang),
}

/// Which stories a list of cards holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardFilter<'a> {
    All,
    Category(Category),
    /// By the author's slug.
    Author(&'a str),
    /// Stories naming this place among theirs.
    Place(&'a str),
}

impl CardFilter<'_> {
    /// The condition on `articles a` / `authors au` that picks these
    /// stories, and the value it binds.
    fn clause(&self) -> Result<(&'static str, Option<String>)> {
        Ok(match self {
            CardFilter::All => ("1 = 1", None),
            CardFilter::Category(c) if c.gathers_videos() => ("(a.category = ? OR a.has_video = 1)", Some(c.slug.to_string())),
            CardFilter::Category(c) => ("a.category = ?", Some(c.slug.to_string())),
            CardFilter::Author(slug) => ("au.slug = ?", Some(slug.to_string())),
            CardFilter::Place(place) => ("a.places LIKE ?", Some(place_pattern(place)?)),
        })
    }
}

/// The last card of a page: the next page starts after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardCursor {
    pub published_at: DateTime<Utc>,
    pub article_id: ArticleId,
}

/// The lists beside a story ([`Store::beside`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Beside {
    pub same_category: Vec<ArticleCard>,
    pub same_author: Vec<ArticleCard>,
    pub videos: Vec<ArticleCard>,
}

/// A page of cards and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardPage {
    pub cards: Vec<ArticleCard>,
    pub total: i64,
}

const CARD_SELECT: &str = "SELECT a.id, a.slug, a.category, a.places, a.topics, a.published_at, au.name AS author_name,
    au.slug AS author_slug, e.lang, e.title, e.lead, e.blocks
  FROM articles a JOIN editions e ON e.article_id = a.id LEFT JOIN authors au ON au.id = a.author_id";

impl Store {
    /// Newest public stories in `lang`.
    pub async fn latest(&self, lang: Lang, limit: i64, offset: i64) -> Result<CardPage> {
        self.filtered_page(&CardFilter::All, lang, limit, offset).await
    }

    pub async fn by_category(&self, lang: Lang, category: Category, limit: i64, offset: i64) -> Result<CardPage> {
        self.filtered_page(&CardFilter::Category(category), lang, limit, offset).await
    }

    pub async fn by_author(&self, lang: Lang, author_slug: &str, limit: i64, offset: i64) -> Result<CardPage> {
        self.filtered_page(&CardFilter::Author(author_slug), lang, limit, offset).await
    }

    async fn filtered_page(&self, filter: &CardFilter<'_>, lang: Lang, limit: i64, offset: i64) -> Result<CardPage> {
        let (clause, arg) = filter.clause()?;
        self.card_page(clause, arg.as_deref(), lang, limit, offset).await
    }

    async fn card_page(&self, filter: &str, arg: Option<&str>, lang: Lang, limit: i64, offset: i64) -> Result<CardPage> {
        let sql = format!(
            "{CARD_SELECT} WHERE e.lang = ? AND {PUBLIC} AND {filter} ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?"
        );
        let sql = crate::sql(&sql);
        let mut q = sqlx::query(&sql).bind(lang.code());
        if let Some(a) = arg {
            q = q.bind(a);
        }
        let rows = q.bind(limit).bind(offset).fetch_all(&self.pool).await?;
        let count_sql = format!(
            "SELECT COUNT(*) AS n FROM articles a JOIN editions e ON e.article_id = a.id LEFT JOIN authors au ON au.id = a.author_id
             WHERE e.lang = ? AND {PUBLIC} AND {filter}"
        );
        let count_sql = crate::sql(&count_sql);
        let mut cq = sqlx::query(&count_sql).bind(lang.code());
        if let Some(a) = arg {
            cq = cq.bind(a);
        }
        let total: i64 = cq.fetch_one(&self.pool).await?.try_get("n")?;
        Ok(CardPage { cards: rows.iter().map(card_from_row).collect::<Result<_>>()?, total })
    }

    /// The front page's lists in one query (one round trip to the
    /// database instead of one per list): the newest `latest` public
    /// stories in `lang`, then the newest `per_section` of each section in
    /// `sections`, in that order.
    pub async fn front_page(
        &self,
        lang: Lang,
        latest: i64,
        sections: &[Category],
        per_section: i64,
    ) -> Result<(Vec<ArticleCard>, Vec<Vec<ArticleCard>>)> {
        let lists: Vec<(CardFilter, i64)> = std::iter::once((CardFilter::All, latest))
            .chain(sections.iter().map(|c| (CardFilter::Category(*c), per_section)))
            .collect();
        let mut blocks = self.card_lists(lang, &lists).await?;
        let latest = blocks.remove(0);
        Ok((latest, blocks))
    }

    /// The lists beside a story, in one query: at most `limit` other
    /// public stories in `lang` in its section and by its author, and at
    /// most `videos` in the video section, each newest first.
    pub async fn beside(&self, article: &Article, lang: Lang, limit: usize, videos: usize) -> Result<Beside> {
        let mut lists = vec![
            (CardFilter::Category(article.category), limit as i64 + 1),
            (CardFilter::Category(Category::VIDEO), videos as i64 + 1),
        ];
        if let Some(author) = &article.author {
            lists.push((CardFilter::Author(&author.slug), limit as i64 + 1));
        }
        let mut found = self.card_lists(lang, &lists).await?.into_iter();
        let mut next = |n: usize| -> Vec<ArticleCard> {
            found.next().unwrap_or_default().into_iter().filter(|c| c.article_id != article.id).take(n).collect()
        };
        let (same_category, videos) = (next(limit), next(videos));
        Ok(Beside { same_category, videos, same_author: next(limit) })
    }

    /// Several lists of cards in one query (a UNION ALL of each list's
    /// newest): each `(filter, limit)` gives the newest `limit` public
    /// stories in `lang` it picks, in the order asked. Not for place
    /// filters, whose pattern needs the rows checked (see [`Self::cards_after`]).
    async fn card_lists(&self, lang: Lang, lists: &[(CardFilter<'_>, i64)]) -> Result<Vec<Vec<ArticleCard>>> {
        let mut parts = Vec::with_capacity(lists.len());
        let mut binds: Vec<(Option<String>, i64)> = Vec::with_capacity(lists.len());
        let columns = CARD_SELECT.strip_prefix("SELECT ").expect("a SELECT");
        for (block, (filter, limit)) in lists.iter().enumerate() {
            debug_assert!(!matches!(filter, CardFilter::Place(_)), "place filters need their rows checked");
            let (clause, arg) = filter.clause()?;
            parts.push(format!(
                "SELECT * FROM (SELECT {block} AS block, {columns} WHERE e.lang = ? AND {PUBLIC} AND {clause}
                 ORDER BY a.published_at DESC, a.id DESC LIMIT ?) AS block{block}"
            ));
            binds.push((arg, *limit));
        }
        let union = parts.join(" UNION ALL ");
        let sql = crate::sql(&union);
        let mut q = sqlx::query(&sql);
        for (arg, limit) in binds {
            q = q.bind(lang.code());
            if let Some(a) = arg {
                q = q.bind(a);
            }
            q = q.bind(limit);
        }
        let mut blocks: Vec<Vec<ArticleCard>> = vec![Vec::new(); lists.len()];
        for row in q.fetch_all(&self.pool).await? {
            let block: i64 = row.try_get("block")?;
            if let Some(list) = usize::try_from(block).ok().and_then(|b| blocks.get_mut(b)) {
                list.push(card_from_row(&row)?);
            }
        }
        // UNION ALL promises no order; each list is newest first.
        for list in &mut blocks {
            list.sort_by(|a, b| b.published_at.cmp(&a.published_at).then(b.article_id.cmp(&a.article_id)));
        }
        Ok(blocks)
    }

    /// Public stories in `lang` matching `filter`, newest first, starting
    /// after `after` (the last card of the page before): a page costs the
    /// same however deep it is, and a story published meanwhile neither
    /// repeats nor skips one. Ties in time are broken by id.
    pub async fn cards_after(
        &self,
        lang: Lang,
        filter: &CardFilter<'_>,
        after: Option<CardCursor>,
        limit: i64,
    ) -> Result<Vec<ArticleCard>> {
        let (clause, arg) = filter.clause()?;
        let mut cards = Vec::new();
        let mut after = after;
        // A place pattern can match a longer name too; those rows are
        // dropped and the page filled from further on.
        loop {
            let keyset = if after.is_some() { "AND (a.published_at < ? OR (a.published_at = ? AND a.id < ?))" } else { "" };
            let sql = format!(
                "{CARD_SELECT} WHERE e.lang = ? AND {PUBLIC} AND {clause} {keyset}
                 ORDER BY a.published_at DESC, a.id DESC LIMIT ?"
            );
            let sql = crate::sql(&sql);
            let mut q = sqlx::query(&sql).bind(lang.code());
            if let Some(a) = &arg {
                q = q.bind(a.clone());
            }
            if let Some(c) = after {
                q = q.bind(ts(c.published_at)).bind(ts(c.published_at)).bind(c.article_id);
            }
            let wanted = limit - cards.len() as i64;
            let rows = q.bind(wanted).fetch_all(&self.pool).await?;
            for row in &rows {
                let card = card_from_row(row)?;
                after = Some(CardCursor { published_at: card.published_at, article_id: card.article_id });
                let kept = match filter {
                    CardFilter::Place(place) => card.places.iter().any(|p| p == place),
                    _ => true,
                };
                if kept {
                    cards.push(card);
                }
            }
            if (rows.len() as i64) < wanted || cards.len() as i64 >= limit {
                return Ok(cards);
            }
        }
    }

    /// Newest public stories in `lang` that name `place` among their places.
    pub async fn by_place(&self, lang: Lang, place: &str, limit: i64, offset: i64) -> Result<CardPage> {
        let page = self.filtered_page(&CardFilter::Place(place), lang, limit, offset).await?;
        let cards: Vec<ArticleCard> = page.cards.into_iter().filter(|c| c.places.iter().any(|p| p == place)).collect();
        Ok(CardPage { total: page.total.max(cards.len() as i64), cards })
    }

    /// Every author of a published story, by slug.
    pub async fn authors(&self) -> Result<Vec<Author>> {
        let rows = sqlx::query(
            "SELECT name, slug FROM authors au
             WHERE EXISTS (SELECT 1 FROM articles a WHERE a.author_id = au.id AND a.state = 'published') ORDER BY slug",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(Author { name: r.try_get("name")?, slug: r.try_get("slug")? })).collect()
    }

    /// Every place name published stories are about, once each.
    pub async fn place_names(&self) -> Result<Vec<String>> {
        let rows = sqlx::query("SELECT DISTINCT places FROM articles WHERE state = 'published'").fetch_all(&self.pool).await?;
        let mut names = std::collections::BTreeSet::new();
        for r in &rows {
            names.extend(json_list(r, "places")?);
        }
        Ok(names.into_iter().collect())
    }

    /// Public editions in `lang`, newest first; with `since`, only stories
    /// published from then on (a news sitemap's two days).
    pub async fn sitemap_editions(
        &self,
        lang: Lang,
        since: Option<DateTime<Utc>>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<SitemapEdition>> {
        let sql = crate::sql(&format!(
            "SELECT a.id, a.slug, a.published_at, e.title, e.blocks, e.updated_at FROM articles a JOIN editions e ON e.article_id = a.id
             WHERE e.lang = ? AND {PUBLIC} AND a.published_at >= ? ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?"
        ))
        .into_owned();
        let floor = since.map(crate::ts).unwrap_or_default();
        let rows = sqlx::query(&sql).bind(lang.code()).bind(floor).bind(limit).bind(offset).fetch_all(&self.pool).await?;
        let ids = rows.iter().map(|r| r.try_get::<i64, _>("id")).collect::<std::result::Result<Vec<_>, _>>()?;
        let mut langs = self.public_langs_of(&ids).await?;
        rows.iter()
            .zip(&ids)
            .map(|(r, id)| {
                let image = first_figure(blocks_from(&r.try_get::<String, _>("blocks")?)?);
                Ok(SitemapEdition {
                    slug: r.try_get("slug")?,
                    title: r.try_get("title")?,
                    published_at: parse_ts(&r.try_get::<String, _>("published_at")?)?,
                    updated_at: parse_ts(&r.try_get::<String, _>("updated_at")?)?,
                    image,
                    langs: langs.remove(id).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The languages each of these stories is public in: a sitemap page's
    /// alternates, read for its own stories only (not the whole archive).
    async fn public_langs_of(&self, ids: &[ArticleId]) -> Result<std::collections::HashMap<ArticleId, Vec<Lang>>> {
        // Well under SQLite's and PostgreSQL's limits on bound values.
        const CHUNK: usize = 1000;
        let mut out: std::collections::HashMap<ArticleId, Vec<Lang>> = std::collections::HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let sql = crate::sql(&format!(
                "SELECT e.article_id, e.lang FROM articles a JOIN editions e ON e.article_id = a.id
                 WHERE {PUBLIC} AND a.id IN ({marks}) ORDER BY e.article_id, e.lang"
            ))
            .into_owned();
            let mut q = sqlx::query(&sql);
            for id in chunk {
                q = q.bind(*id);
            }
            for r in q.fetch_all(&self.pool).await? {
                out.entry(r.try_get("article_id")?).or_default().push(parse_lang(&r.try_get::<String, _>("lang")?)?);
            }
        }
        Ok(out)
    }

    /// The author `slug` names, if a published story carries their byline.
    pub async fn author(&self, slug: &str) -> Result<Option<Author>> {
        let row = sqlx::query(&crate::sql(
            "SELECT name, slug FROM authors au
             WHERE slug = ? AND EXISTS (SELECT 1 FROM articles a WHERE a.author_id = au.id AND a.state = 'published')",
        ))
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok(Author { name: r.try_get("name")?, slug: r.try_get("slug")? })).transpose()
    }

    pub async fn article_by_slug(&self, slug: &str) -> Result<Option<Article>> {
        let row =
            sqlx::query(&crate::sql(&format!("{ARTICLE_SELECT} WHERE a.slug = ?"))).bind(slug).fetch_optional(&self.pool).await?;
        match row {
            Some(r) => Ok(Some(self.article_from_row(&r).await?)),
            None => Ok(None),
        }
    }

    pub async fn article(&self, id: ArticleId) -> Result<Option<Article>> {
        let row =
            sqlx::query(&crate::sql(&format!("{ARTICLE_SELECT} WHERE a.id = ?"))).bind(id).fetch_optional(&self.pool).await?;
        match row {
            Some(r) => Ok(Some(self.article_from_row(&r).await?)),
            None => Ok(None),
        }
    }

    /// One edition in any state (the site checks [`EditionStatus::is_public`]).
    pub async fn edition(&self, article_id: ArticleId, lang: Lang) -> Result<Option<Edition>> {
        let row = sqlx::query(&crate::sql(&format!("{EDITION_SELECT} WHERE article_id = ? AND lang = ?")))
            .bind(article_id)
            .bind(lang.code())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(edition_from_row).transpose()
    }

    /// Every edition of an article in any state, original first.
    pub async fn editions(&self, article_id: ArticleId) -> Result<Vec<Edition>> {
        let rows = sqlx::query(&crate::sql(&format!(
            "{EDITION_SELECT} WHERE article_id = ? ORDER BY CASE status WHEN 'original' THEN 0 ELSE 1 END, lang"
        )))
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(edition_from_row).collect()
    }

    /// Languages readers can read this article in (none while it is not
    /// published).
    pub async fn public_langs(&self, article_id: ArticleId) -> Result<Vec<Lang>> {
        let Some(article) = self.article(article_id).await? else { return Ok(Vec::new()) };
        Ok(self.editions(article_id).await?.into_iter().filter(|e| article.shows(e)).map(|e| e.lang).collect())
    }

    pub async fn comments(&self, article_id: ArticleId) -> Result<Vec<Comment>> {
        let rows = sqlx::query(&crate::sql(
            "SELECT id, author_name, body, lang, created_at FROM comments WHERE article_id = ? AND status = 'visible' ORDER BY created_at",
        ))
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let lang: String = r.try_get("lang")?;
                let at: String = r.try_get("created_at")?;
                Ok(Comment {
                    id: r.try_get("id")?,
                    author_name: r.try_get("author_name")?,
                    body: r.try_get("body")?,
                    lang: parse_lang(&lang)?,
                    created_at: parse_ts(&at)?,
                })
            })
            .collect()
    }

    /// Other public stories in `lang` that share a topic with `article`,
    /// most shared topics first, then newest.
    pub async fn same_topic(&self, article: &Article, lang: Lang, limit: usize) -> Result<Vec<ArticleCard>> {
        if article.topics.is_empty() {
            return Ok(Vec::new());
        }
        // Topic overlap is scored here rather than in SQL so the query stays
        // portable (no json_each); the window of recent stories bounds the cost.
        let recent = self.card_page("a.id <> CAST(? AS BIGINT)", Some(&article.id.to_string()), lang, 500, 0).await?;
        let mut scored: Vec<(usize, ArticleCard)> = recent
            .cards
            .into_iter()
            .map(|c| (c.topics.iter().filter(|t| article.topics.contains(t)).count(), c))
            .filter(|(n, _)| *n > 0)
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.published_at.cmp(&a.1.published_at)));
        Ok(scored.into_iter().take(limit).map(|(_, c)| c).collect())
    }

    /// Every article with at least one public edition, for `/sitemap.xml`.
    pub async fn sitemap(&self) -> Result<Vec<SitemapEntry>> {
        let rows = sqlx::query(&crate::sql(&format!(
            "SELECT a.slug, a.id, e.lang, e.updated_at FROM articles a JOIN editions e ON e.article_id = a.id
             WHERE {PUBLIC} ORDER BY a.published_at DESC, a.id DESC, e.lang"
        )))
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<SitemapEntry> = Vec::new();
        let mut last_id = None;
        for r in rows {
            let id: i64 = r.try_get("id")?;
            let lang = parse_lang(&r.try_get::<String, _>("lang")?)?;
            let updated = parse_ts(&r.try_get::<String, _>("updated_at")?)?;
            if last_id == Some(id) {
                let e = out.last_mut().expect("pushed below");
                e.langs.push(lang);
                e.updated_at = e.updated_at.max(updated);
            } else {
                out.push(SitemapEntry { slug: r.try_get("slug")?, langs: vec![lang], updated_at: updated });
                last_id = Some(id);
            }
        }
        Ok(out)
    }

    /// Every (article, language) pair that has an edition, for `loa reindex`.
    pub async fn edition_keys(&self) -> Result<Vec<(ArticleId, Lang)>> {
        let rows = sqlx::query(&crate::sql("SELECT article_id, lang FROM editions ORDER BY article_id, lang"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok((r.try_get("article_id")?, parse_lang(&r.try_get::<String, _>("lang")?)?))).collect()
    }

    /// Editions held for review or failed, newest first.
    pub async fn review_queue(&self, limit: i64) -> Result<Vec<ReviewItem>> {
        let rows = sqlx::query(&crate::sql(
            "SELECT a.id, a.slug, e.lang, e.status, e.engine, e.failure, e.updated_at, e.title,
                    (SELECT o.title FROM editions o WHERE o.article_id = a.id AND o.status = 'original' LIMIT 1) AS original_title,
                    a.original_lang
             FROM editions e
             JOIN articles a ON a.id = e.article_id
             WHERE e.status IN ('machine_translated', 'failed') ORDER BY e.updated_at DESC, a.id, e.lang LIMIT ?",
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let status: String = r.try_get("status")?;
                Ok(ReviewItem {
                    article_id: r.try_get("id")?,
                    slug: r.try_get("slug")?,
                    lang: parse_lang(&r.try_get::<String, _>("lang")?)?,
                    status: EditionStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("status {status:?}")))?,
                    engine: r.try_get("engine")?,
                    reasons: r.try_get::<Option<String>, _>("failure")?.as_deref().map(decode_reasons).unwrap_or_default(),
                    updated_at: parse_ts(&r.try_get::<String, _>("updated_at")?)?,
                    title: {
                        // The edition's own title; a failure has none, so the original's.
                        let own: String = r.try_get("title")?;
                        if own.trim().is_empty() {
                            let lang = parse_lang(&r.try_get::<String, _>("original_lang")?)?;
                            (r.try_get::<Option<String>, _>("original_title")?.unwrap_or_default(), lang)
                        } else {
                            (own, parse_lang(&r.try_get::<String, _>("lang")?)?)
                        }
                    },
                })
            })
            .collect()
    }

    /// How many articles and editions by state: the demo's progress line.
    pub async fn edition_counts(&self) -> Result<Vec<(EditionStatus, i64)>> {
        let rows = sqlx::query(&crate::sql("SELECT status, COUNT(*) AS n FROM editions GROUP BY status ORDER BY status"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let s: String = r.try_get("status")?;
                Ok((EditionStatus::parse(&s).ok_or_else(|| StoreError::Corrupt(format!("status {s:?}")))?, r.try_get("n")?))
            })
            .collect()
    }

    pub async fn article_count(&self) -> Result<i64> {
        Ok(sqlx::query(&crate::sql("SELECT COUNT(*) AS n FROM articles")).fetch_one(&self.pool).await?.try_get("n")?)
    }

    async fn article_from_row(&self, r: &AnyRow) -> Result<Article> {
        let id: i64 = r.try_get("id")?;
        let prov_rows = sqlx::query(&crate::sql(
            "SELECT source_id, outlet, url, fetched_at FROM provenance WHERE article_id = ? ORDER BY id",
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let provenance = prov_rows
            .iter()
            .map(|p| {
                Ok(Provenance {
                    source_id: p.try_get("source_id")?,
                    outlet: p.try_get("outlet")?,
                    url: p.try_get("url")?,
                    fetched_at: parse_ts(&p.try_get::<String, _>("fetched_at")?)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let category: String = r.try_get("category")?;
        let updated: Option<String> = r.try_get("updated_at")?;
        Ok(Article {
            id,
            slug: r.try_get("slug")?,
            original_lang: parse_lang(&r.try_get::<String, _>("original_lang")?)?,
            author: author_from_row(r)?,
            category: Category::from_slug(&category).unwrap_or_else(|| Category::from_label(&category)),
            places: json_list(r, "places")?,
            topics: json_list(r, "topics")?,
            published_at: parse_ts(&r.try_get::<String, _>("published_at")?)?,
            updated_at: updated.as_deref().map(parse_ts).transpose()?,
            provenance,
            workflow: workflow_from_row(r)?,
        })
    }
}

const ARTICLE_SELECT: &str = "SELECT a.id, a.slug, a.original_lang, a.category, a.places, a.topics, a.published_at,
    a.updated_at, a.state, a.publish_at, a.embargo_until, au.name AS author_name, au.slug AS author_slug
  FROM articles a LEFT JOIN authors au ON au.id = a.author_id";

const EDITION_SELECT: &str =
    "SELECT article_id, lang, title, lead, blocks, status, engine, failure, created_at, updated_at FROM editions";

/// A story's workflow from the `state`, `publish_at` and `embargo_until`
/// columns of a row.
pub(crate) fn workflow_from_row(r: &AnyRow) -> Result<Workflow> {
    let state: String = r.try_get("state")?;
    let time = |column: &str| -> Result<Option<DateTime<Utc>>> {
        r.try_get::<Option<String>, _>(column)?.as_deref().map(parse_ts).transpose()
    };
    Ok(Workflow {
        state: StoryState::parse(&state).ok_or_else(|| StoreError::Corrupt(format!("story state {state:?}")))?,
        publish_at: time("publish_at")?,
        embargo_until: time("embargo_until")?,
    })
}

pub(crate) fn parse_lang(s: &str) -> Result<Lang> {
    s.parse().map_err(|_| StoreError::Corrupt(format!("language {s:?}")))
}

fn json_list(r: &AnyRow, col: &str) -> Result<Vec<String>> {
    let raw: String = r.try_get(col)?;
    serde_json::from_str(&raw).map_err(|e| StoreError::Corrupt(format!("{col}: {e}")))
}

fn author_from_row(r: &AnyRow) -> Result<Option<Author>> {
    let name: Option<String> = r.try_get("author_name")?;
    let slug: Option<String> = r.try_get("author_slug")?;
    Ok(name.zip(slug).map(|(name, slug)| Author { name, slug }))
}

fn blocks_from(raw: &str) -> Result<Vec<Block>> {
    serde_json::from_str(raw).map_err(|e| StoreError::Corrupt(format!("blocks: {e}")))
}

/// A story's first picture: what cards, feeds and sitemaps show of it.
fn first_figure(blocks: Vec<Block>) -> Option<Figure> {
    blocks.into_iter().find_map(|b| match b {
        Block::Figure(f) => Some(f),
        _ => None,
    })
}

/// A LIKE pattern for stories naming `place`. Places are a JSON list of
/// strings; the name as a JSON string is a whole element (serde_json writes
/// both the same way). LIKE's `_` and `%` are taken out, so the pattern may
/// match more: callers keep exact matches only.
fn place_pattern(place: &str) -> Result<String> {
    let needle = serde_json::to_string(place).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(format!("%{}%", needle.replace(['%', '_'], "")))
}

fn card_from_row(r: &AnyRow) -> Result<ArticleCard> {
    let image = first_figure(blocks_from(&r.try_get::<String, _>("blocks")?)?);
    Ok(ArticleCard {
        article_id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        lang: parse_lang(&r.try_get::<String, _>("lang")?)?,
        title: r.try_get("title")?,
        lead: r.try_get("lead")?,
        category: r.try_get("category")?,
        author: author_from_row(r)?,
        places: json_list(r, "places")?,
        topics: json_list(r, "topics")?,
        published_at: parse_ts(&r.try_get::<String, _>("published_at")?)?,
        image,
    })
}

fn edition_from_row(r: &AnyRow) -> Result<Edition> {
    let status: String = r.try_get("status")?;
    Ok(Edition {
        article_id: r.try_get("article_id")?,
        lang: parse_lang(&r.try_get::<String, _>("lang")?)?,
        title: r.try_get("title")?,
        lead: r.try_get("lead")?,
        blocks: blocks_from(&r.try_get::<String, _>("blocks")?)?,
        status: EditionStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("status {status:?}")))?,
        engine: r.try_get("engine")?,
        failure: r.try_get("failure")?,
        created_at: parse_ts(&r.try_get::<String, _>("created_at")?)?,
        updated_at: parse_ts(&r.try_get::<String, _>("updated_at")?)?,
    })
}
