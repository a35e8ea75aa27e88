use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Category, Lang};

pub type SourceId = i64;

/// What kind of address a source follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// RSS, Atom or JSON Feed.
    Feed,
    /// An XML sitemap, news sitemap or sitemap index.
    Sitemap,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Feed => "feed",
            SourceKind::Sitemap => "sitemap",
        }
    }

    pub fn parse(s: &str) -> Option<SourceKind> {
        match s {
            "feed" => Some(SourceKind::Feed),
            "sitemap" => Some(SourceKind::Sitemap),
            _ => None,
        }
    }
}

/// Maps what an outlet calls a story's section to loa's section. A
/// pattern starting with `/` matches the start of the article URL's path;
/// any other pattern matches a category label of the feed or page,
/// ignoring case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRule {
    pub pattern: String,
    pub category: Category,
}

impl CategoryRule {
    /// Parses `PATTERN=SLUG` (the command-line form).
    pub fn parse(text: &str) -> Result<CategoryRule, String> {
        let (pattern, slug) = text.rsplit_once('=').ok_or_else(|| format!("{text:?} is not PATTERN=CATEGORY"))?;
        let category = Category::from_slug(slug.trim())
            .ok_or_else(|| format!("{slug:?} is not a category (one of: news, political-system, local, heritage, figures, business, product, travel, video)"))?;
        if pattern.trim().is_empty() {
            return Err(format!("{text:?} has an empty pattern"));
        }
        Ok(CategoryRule { pattern: pattern.trim().to_string(), category })
    }

    pub fn matches(&self, url_path: &str, labels: &[String]) -> bool {
        if self.pattern.starts_with('/') {
            url_path.starts_with(&self.pattern)
        } else {
            labels
                .iter()
                .any(|l| l.trim().eq_ignore_ascii_case(&self.pattern) || l.trim().to_lowercase() == self.pattern.to_lowercase())
        }
    }
}

/// How loa treats one source; editors change these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceSettings {
    /// Overrides the language found on the pages.
    pub language: Option<Lang>,
    pub category_rules: Vec<CategoryRule>,
    /// CSS selectors whose matches alone make the article body.
    pub keep_selectors: Vec<String>,
    /// CSS selectors removed before extraction.
    pub drop_selectors: Vec<String>,
    /// `None`: the portal's default interval.
    pub poll_interval_secs: Option<u64>,
    pub enabled: bool,
    /// IANA zone (`Asia/Ho_Chi_Minh`) of the dates the source writes
    /// without an offset. `None`: the zone of the outlet's country domain
    /// where it has one, else UTC (`loa_ingest::timezone`).
    pub timezone: Option<String>,
}

impl Default for SourceSettings {
    fn default() -> Self {
        SourceSettings {
            language: None,
            category_rules: Vec::new(),
            keep_selectors: Vec::new(),
            drop_selectors: Vec::new(),
            poll_interval_secs: None,
            enabled: true,
            timezone: None,
        }
    }
}

impl SourceSettings {
    /// The section the rules give for an article, if any rule matches.
    pub fn category_for(&self, url: &str, labels: &[String]) -> Option<Category> {
        let path = url.split_once("://").map(|(_, rest)| rest).unwrap_or(url);
        let path = path.find('/').map(|i| &path[i..]).unwrap_or("/");
        self.category_rules.iter().find(|r| r.matches(path, labels)).map(|r| r.category)
    }
}

/// How a source has been doing, for `loa sources list` and the API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceHealth {
    pub articles: i64,
    pub failures: i64,
    pub duplicates: i64,
    /// Failed polls in a row; polling backs off with it.
    pub consecutive_failures: i64,
    pub next_poll_at: Option<DateTime<Utc>>,
}

/// An outlet loa follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    pub outlet: String,
    pub home_url: String,
    pub feed_url: String,
    pub kind: SourceKind,
    pub last_success_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed, in words an editor can act on.
    pub last_error: Option<String>,
    pub settings: SourceSettings,
    pub health: SourceHealth,
    /// Validators for conditional GET of the feed.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_paths_and_labels() {
        let settings = SourceSettings {
            category_rules: vec![
                CategoryRule::parse("/du-lich/=travel").unwrap(),
                CategoryRule::parse("Kinh tế=business").unwrap(),
            ],
            ..SourceSettings::default()
        };
        assert_eq!(settings.category_for("http://o.vn/du-lich/a.html", &[]).unwrap().slug, "travel");
        assert_eq!(settings.category_for("http://o.vn/x.html", &["kinh tế".into()]).unwrap().slug, "business");
        assert_eq!(settings.category_for("http://o.vn/x.html", &["Sport".into()]), None);
    }

    #[test]
    fn rule_parse_errors_name_the_problem() {
        assert!(CategoryRule::parse("nope").unwrap_err().contains("PATTERN=CATEGORY"));
        assert!(CategoryRule::parse("/x/=sports").unwrap_err().contains("not a category"));
        assert!(CategoryRule::parse("=travel").unwrap_err().contains("empty pattern"));
    }
}
