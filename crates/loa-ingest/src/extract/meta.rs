//! Page metadata: `<meta>` tags (Open Graph, article:*, Dublin Core) and
//! schema.org JSON-LD.

use std::sync::LazyLock;

use scraper::{Html, Selector};
use serde_json::Value;

use super::text::collapse;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta"));
static JSON_LD: LazyLock<Selector> = LazyLock::new(|| sel(r#"script[type="application/ld+json" i]"#));

/// All `<meta>` values, by lower-cased `property`/`name`/`itemprop`.
pub struct Metas {
    entries: Vec<(String, String)>,
}

impl Metas {
    pub fn read(doc: &Html) -> Metas {
        let entries = doc
            .select(&META)
            .filter_map(|m| {
                let v = m.value();
                let key = v.attr("property").or_else(|| v.attr("name")).or_else(|| v.attr("itemprop"))?;
                let content = collapse(v.attr("content")?);
                (!content.is_empty()).then(|| (key.trim().to_ascii_lowercase(), content))
            })
            .collect();
        Metas { entries }
    }

    /// The first non-empty value among `keys`, in the order of `keys`.
    pub fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.entries.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str()))
    }

    pub fn all(&self, key: &str) -> Vec<&str> {
        self.entries.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect()
    }
}

/// The schema.org object describing the article, if the page has one.
pub struct JsonLd {
    pub article: Option<Value>,
    /// Publisher/website name found anywhere in the JSON-LD.
    pub site_name: Option<String>,
}

const ARTICLE_TYPES: [&str; 12] = [
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "SocialMediaPosting",
];

impl JsonLd {
    pub fn read(doc: &Html) -> JsonLd {
        let mut objects = Vec::new();
        for script in doc.select(&JSON_LD) {
            let raw: String = script.text().collect();
            // Some CMSs leave HTML comments or CDATA around the JSON.
            let raw = raw.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
            let raw = raw.trim_start_matches("//<![CDATA[").trim_end_matches("//]]>").trim();
            if let Ok(v) = serde_json::from_str::<Value>(raw) {
                flatten(v, &mut objects);
            }
        }
        let score = |o: &Value| -> u8 {
            let types = types_of(o);
            if types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()) || t.ends_with("Article")) {
                2
            } else if types.iter().any(|t| t == "WebPage") && o.get("headline").is_some() {
                1
            } else {
                0
            }
        };
        let best = objects.iter().map(score).max().unwrap_or(0);
        let article = (best > 0).then(|| objects.iter().find(|o| score(o) == best).cloned()).flatten();
        let site_name = article.as_ref().and_then(|a| a.get("publisher")).and_then(name_of).or_else(|| {
            objects
                .iter()
                .find(|o| types_of(o).iter().any(|t| t == "WebSite" || t == "Organization" || t == "NewsMediaOrganization"))
                .and_then(|o| o.get("name"))
                .and_then(Value::as_str)
                .map(collapse)
        });
        JsonLd { article, site_name }
    }

    pub fn str(&self, key: &str) -> Option<String> {
        let v = self.article.as_ref()?.get(key)?;
        match v {
            Value::String(s) => Some(collapse(s)).filter(|s| !s.is_empty()),
            Value::Array(a) => a.iter().find_map(Value::as_str).map(collapse).filter(|s| !s.is_empty()),
            _ => None,
        }
    }

    /// A string field as written, line breaks kept (`articleBody`).
    pub fn str_raw(&self, key: &str) -> Option<String> {
        self.article.as_ref()?.get(key)?.as_str().map(str::to_string)
    }

    /// Names of the article's authors, joined with ", ".
    pub fn author(&self) -> Option<String> {
        let v = self.article.as_ref()?.get("author")?;
        let names: Vec<String> = match v {
            Value::Array(a) => a.iter().filter_map(name_of).collect(),
            other => name_of(other).into_iter().collect(),
        };
        let mut uniq: Vec<String> = Vec::new();
        for n in names {
            if !uniq.contains(&n) {
                uniq.push(n);
            }
        }
        (!uniq.is_empty()).then(|| uniq.join(", "))
    }

    /// A string-or-list field as a list (`articleSection`, `keywords`);
    /// comma-separated strings are split when `split_commas`.
    pub fn list(&self, key: &str, split_commas: bool) -> Vec<String> {
        let Some(v) = self.article.as_ref().and_then(|a| a.get(key)) else {
            return Vec::new();
        };
        let raw: Vec<String> = match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(str::to_string).or_else(|| name_of(x))).collect(),
            other => name_of(other).into_iter().collect(),
        };
        raw.iter()
            .flat_map(|s| if split_commas { s.split(',').map(str::to_string).collect() } else { vec![s.clone()] })
            .map(|s| collapse(&s))
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// `contentLocation` / `locationCreated` place names.
    pub fn places(&self) -> Vec<String> {
        let Some(a) = self.article.as_ref() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for key in ["contentLocation", "locationCreated", "spatialCoverage"] {
            match a.get(key) {
                Some(Value::Array(items)) => out.extend(items.iter().filter_map(name_of)),
                Some(v) => out.extend(name_of(v)),
                None => {}
            }
        }
        out
    }
}

fn flatten(v: Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(items) => items.into_iter().for_each(|i| flatten(i, out)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out);
            }
            if map.contains_key("@type") {
                out.push(Value::Object(map));
            }
        }
        _ => {}
    }
}

fn types_of(o: &Value) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => {
            vec![s.trim_start_matches("http://schema.org/").trim_start_matches("https://schema.org/").to_string()]
        }
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// A person/organisation/place given either as a string or as an object
/// with a `name`.
fn name_of(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("name").and_then(|n| match n {
            Value::String(s) => Some(s.as_str()),
            Value::Array(a) => a.iter().find_map(Value::as_str),
            _ => None,
        })?,
        _ => return None,
    };
    let s = collapse(s);
    (!s.is_empty() && !s.starts_with("http")).then_some(s)
}
