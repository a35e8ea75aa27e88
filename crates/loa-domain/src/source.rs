use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub type SourceId = i64;

/// An outlet loa follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    pub outlet: String,
    pub home_url: String,
    pub feed_url: String,
    pub last_success_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed, in words an editor can act on.
    pub last_error: Option<String>,
}

/// Where an article came from. Never dropped: the reader sees it as the
/// source link, and JSON-LD carries it as `isBasedOn`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub source_id: Option<SourceId>,
    pub outlet: String,
    pub url: String,
    pub fetched_at: DateTime<Utc>,
}
