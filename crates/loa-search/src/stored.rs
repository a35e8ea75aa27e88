//! Reading an indexed edition's stored fields back.

use chrono::{DateTime, Utc};
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use loa_domain::Lang;

use crate::fields::Fields;
use crate::SearchError;

/// The stored fields of one indexed edition.
pub(crate) struct StoredDoc {
    pub article_id: i64,
    pub lang: Lang,
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub published_at: DateTime<Utc>,
    pub category: String,
    pub author: Option<String>,
    pub places: Vec<String>,
    pub topics: Vec<String>,
}

impl StoredDoc {
    pub(crate) fn read(doc: &TantivyDocument, f: &Fields) -> Result<StoredDoc, SearchError> {
        let text = |field, name| {
            doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string).ok_or(SearchError::CorruptDocument { field: name })
        };
        let all = |field| -> Vec<String> { doc.get_all(field).filter_map(|v| v.as_str().map(str::to_string)).collect() };
        let lang: Lang = text(f.lang, "lang")?.parse().map_err(|_| SearchError::CorruptDocument { field: "lang" })?;
        let article_id =
            doc.get_first(f.article_id).and_then(|v| v.as_i64()).ok_or(SearchError::CorruptDocument { field: "article_id" })?;
        let published_at = doc
            .get_first(f.published_at)
            .and_then(|v| v.as_datetime())
            .and_then(|d| DateTime::<Utc>::from_timestamp_micros(d.into_timestamp_micros()))
            .ok_or(SearchError::CorruptDocument { field: "published_at" })?;
        Ok(StoredDoc {
            article_id,
            lang,
            slug: text(f.slug, "slug")?,
            title: text(f.title_text, "title")?,
            lead: text(f.lead_text, "lead")?,
            body: text(f.body_text, "body")?,
            published_at,
            category: text(f.category, "category")?,
            author: all(f.author).into_iter().next(),
            places: all(f.place),
            topics: all(f.topic),
        })
    }
}
