//! What callers hand the index and get back: documents, queries, results.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use loa_domain::{article::body_text, Article, Block, Edition, Lang};

use crate::facets::Facets;

/// One edition as the index sees it: text in one language plus the
/// article's metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionDoc {
    pub article_id: i64,
    pub slug: String,
    pub lang: Lang,
    pub title: String,
    pub lead: String,
    /// Body text, paragraphs separated by blank lines.
    pub body: String,
    /// Figure captions, searchable but not shown in snippets.
    pub captions: String,
    pub author: Option<String>,
    /// The category slug.
    pub category: String,
    pub places: Vec<String>,
    pub topics: Vec<String>,
    pub published_at: DateTime<Utc>,
}

impl EditionDoc {
    /// The index's view of one edition of an article.
    pub fn from_edition(article: &Article, edition: &Edition) -> EditionDoc {
        let captions: Vec<&str> = edition
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Figure(f) if !f.caption.trim().is_empty() => Some(f.caption.as_str()),
                _ => None,
            })
            .collect();
        EditionDoc {
            article_id: article.id,
            slug: article.slug.clone(),
            lang: edition.lang,
            title: edition.title.clone(),
            lead: edition.lead.clone(),
            body: body_text(&edition.blocks),
            captions: captions.join("\n"),
            author: article.author.as_ref().map(|a| a.name.clone()),
            category: article.category.slug.to_string(),
            places: article.places.clone(),
            topics: article.topics.clone(),
            published_at: article.published_at,
        }
    }
}

/// The order of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first (ties: best match first).
    Date,
}

impl std::str::FromStr for SortOrder {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "relevance" => Ok(SortOrder::Relevance),
            "date" => Ok(SortOrder::Date),
            other => Err(format!("sort must be \"relevance\" or \"date\", got {other:?}")),
        }
    }
}

/// What a reader asked for. Build it with struct update syntax over
/// [`Default`] (`SearchQuery { text: "bridge".into(), ..Default::default() }`)
/// or with [`SearchQuery::new`]: new filters then never break callers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// Free text in the query syntax; anything is accepted.
    pub text: String,
    /// Only editions in this language; `None` searches every language.
    pub lang: Option<Lang>,
    /// When searching every language, editions in this one come first
    /// (each group in the requested order). Ignored when `lang` is set.
    pub prefer_lang: Option<Lang>,
    /// Only stories in this category (slug, e.g. `local`).
    pub category: Option<String>,
    /// Only stories by this author (the name as stored, e.g. `Kiều Minh`).
    pub author: Option<String>,
    /// Only stories about this place (the name as stored).
    pub place: Option<String>,
    /// Only stories published on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Only stories published on or before this day (UTC).
    pub to: Option<NaiveDate>,
    pub sort: SortOrder,
    pub limit: usize,
    pub offset: usize,
}

/// Results per page when a caller does not say.
pub const DEFAULT_LIMIT: usize = 10;

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            lang: None,
            prefer_lang: None,
            category: None,
            author: None,
            place: None,
            from: None,
            to: None,
            sort: SortOrder::Relevance,
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

impl SearchQuery {
    /// `text` in every language, first page, by relevance.
    pub fn new(text: impl Into<String>) -> SearchQuery {
        SearchQuery { text: text.into(), ..SearchQuery::default() }
    }
}

/// Which facets a search counts ([`SearchIndex::search_with`]).
/// [`SearchIndex::search`] counts them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FacetRequest {
    pub category: bool,
    pub author: bool,
    pub place: bool,
    /// Counted over every language even when the query asks for one, which
    /// makes a one-language search run its text against every language's
    /// fields.
    pub lang: bool,
}

impl FacetRequest {
    /// Every facet.
    pub const ALL: FacetRequest = FacetRequest { category: true, author: true, place: true, lang: true };
    /// No facet: the total and the page only.
    pub const NONE: FacetRequest = FacetRequest { category: false, author: false, place: false, lang: false };
}

impl Default for FacetRequest {
    fn default() -> Self {
        FacetRequest::ALL
    }
}

/// A search whose words, matched as typed, find fewer editions than this
/// is run again with typos forgiven and the last word completed. Below a
/// handful of results the reader likely mistyped or is still typing; above
/// it, loose matches would rank below the exact ones anyway and cost a
/// dictionary walk per word per segment to find.
pub const LOOSE_MATCHING_BELOW: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// How many editions match in all (not just this page).
    pub total: usize,
    pub hits: Vec<SearchHit>,
    /// Value counts over all matching editions.
    pub facets: Facets,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub article_id: i64,
    pub slug: String,
    pub lang: Lang,
    pub title: String,
    /// A passage of the body (or the lead) with matched words wrapped in
    /// `<mark>`; everything else is HTML-escaped, so it can be inserted into
    /// a page as is.
    pub snippet_html: String,
    /// The relevance score (also computed when sorting by date).
    pub score: f32,
    pub published_at: DateTime<Utc>,
    /// The category slug.
    pub category: String,
    pub author: Option<String>,
    pub places: Vec<String>,
}
