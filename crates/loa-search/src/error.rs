//! What can go wrong with the index, each message saying what to do.

use std::path::PathBuf;

use chrono::NaiveDate;
use tantivy::TantivyError;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot create the search index directory {dir}: {source}")]
    CreateDir {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the search index at {dir}: {source}")]
    Open {
        dir: PathBuf,
        #[source]
        source: TantivyError,
    },
    #[error(
        "the search index at {dir} was built by a different version of loa ({reason}); \
         delete that directory or run `loa reindex` to rebuild it from the store"
    )]
    SchemaMismatch { dir: PathBuf, reason: String },
    #[error(
        "the search index{} is locked by another writer; is another loa process \
         (server or reindex) running on it?",
        .dir.as_ref().map(|d| format!(" at {}", d.display())).unwrap_or_default()
    )]
    Locked { dir: Option<PathBuf> },
    #[error(
        "search results {offset}..{} are too deep: offset + limit may be at most {max}",
        .offset.saturating_add(*.limit)
    )]
    WindowTooLarge { offset: usize, limit: usize, max: usize },
    #[error("the search index writer is unusable after a panic in another thread; restart loa")]
    WriterPoisoned,
    #[error("the date range is empty: from {from} is after to {to}")]
    EmptyDateRange { from: NaiveDate, to: NaiveDate },
    #[error("indexed document is missing its {field} field; run `loa reindex`")]
    CorruptDocument { field: &'static str },
    #[error("search index error: {0}")]
    Tantivy(#[from] TantivyError),
}
