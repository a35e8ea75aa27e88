//! The demo outlet's article files and their parser.
//!
//! One file per article: a `key: value` header, a line of three dashes, then
//! the body. Body blocks are separated by blank lines; a block is either a
//! paragraph (its lines are joined with spaces), a figure
//! `[figure image=harbour alt="..." caption="..."]` or an embedded video
//! `[video id=... title="..."]`. The format is ours, so the parser is small
//! and every mistake in a file is reported with the file name and what to fix.

use chrono::{DateTime, FixedOffset};
use loa_domain::{Category, Lang, CATEGORIES};

use crate::svg::Scene;

/// A picture in an article, drawn by [`crate::svg`] from its scene keyword.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoFigure {
    pub scene: Scene,
    /// Describes what the picture shows (never the headline).
    pub alt: String,
    pub caption: String,
}

/// One piece of an article body, in the order the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoBlock {
    Paragraph(String),
    Figure(DemoFigure),
    /// An embedded video player; `id` is a (fictional) YouTube video id.
    Video {
        id: String,
        title: String,
    },
}

/// An article as the outlet publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoArticle {
    pub slug: String,
    pub lang: Lang,
    pub title: String,
    /// The standfirst shown under the headline and used as the feed summary.
    pub lead: String,
    pub author: String,
    pub published: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub category: Category,
    /// Vietnamese place names, with diacritics, whatever the article's language.
    pub places: Vec<String>,
    pub tags: Vec<String>,
    pub body: Vec<DemoBlock>,
    /// For the outlet's own translations: the slug of the original. Such
    /// articles stay out of the feed and are reachable by hreflang only.
    pub translation_of: Option<String>,
}

impl DemoArticle {
    /// Root-relative URL of the article page: `/<lang>/<yyyy>/<mm>/<slug>.html`.
    pub fn path(&self) -> String {
        format!("/{}/{}/{}.html", self.lang.code(), self.published.format("%Y/%m"), self.slug)
    }

    /// Whether the outlet wrote this article itself (as opposed to its own
    /// translation of another article). Only originals go in the feed.
    pub fn is_original(&self) -> bool {
        self.translation_of.is_none()
    }

    pub fn figures(&self) -> impl Iterator<Item = &DemoFigure> {
        self.body.iter().filter_map(|b| match b {
            DemoBlock::Figure(f) => Some(f),
            _ => None,
        })
    }

    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.iter().filter_map(|b| match b {
            DemoBlock::Paragraph(p) => Some(p.as_str()),
            _ => None,
        })
    }

    /// Root-relative URL of the `n`-th figure's image (1-based).
    pub fn image_path(&self, n: usize) -> String {
        format!("/images/{}-{}.svg", self.slug, n)
    }

    /// Words in the lead and paragraphs (figure captions not counted).
    pub fn word_count(&self) -> usize {
        std::iter::once(self.lead.as_str()).chain(self.paragraphs()).map(|t| t.split_whitespace().count()).sum()
    }

    pub fn modified(&self) -> DateTime<FixedOffset> {
        self.updated.unwrap_or(self.published)
    }
}

/// Why an article file could not be read. Each message names the file and
/// says what to change in it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ArticleError {
    #[error("{file}: the header must be followed by a line of three dashes (---)")]
    MissingSeparator { file: String },
    #[error("{file}: header line {line} is not `key: value`: {text:?}")]
    BadHeaderLine { file: String, line: usize, text: String },
    #[error("{file}: unknown header field `{field}` (known: slug, lang, published, updated, author, category, places, tags, title, lead, translation-of)")]
    UnknownField { file: String, field: String },
    #[error("{file}: header field `{field}` is given twice")]
    DuplicateField { file: String, field: String },
    #[error("{file}: header field `{field}` is missing or empty")]
    MissingField { file: String, field: &'static str },
    #[error("{file}: language `{value}` is not an ISO 639-1 code loa knows (e.g. en, ru, vi)")]
    BadLang { file: String, value: String },
    #[error("{file}: date `{value}` is not RFC 3339 (write it like 2026-01-08T07:30:00+07:00)")]
    BadDate { file: String, value: String },
    #[error("{file}: category `{value}` is not one of: {known}")]
    BadCategory { file: String, value: String, known: String },
    #[error("{file}: body block {block}: {problem}")]
    BadBlock { file: String, block: usize, problem: String },
}

/// Parses one article file; `file` names it in error messages.
pub fn parse_article(file: &str, text: &str) -> Result<DemoArticle, ArticleError> {
    let text = text.replace("\r\n", "\n");
    let (header, body) = split_header(&text).ok_or_else(|| ArticleError::MissingSeparator { file: file.to_string() })?;

    let mut fields: Vec<(&str, &str)> = Vec::new();
    for (i, line) in header.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(ArticleError::BadHeaderLine { file: file.to_string(), line: i + 1, text: line.to_string() });
        };
        let key = key.trim();
        if !KNOWN_FIELDS.contains(&key) {
            return Err(ArticleError::UnknownField { file: file.to_string(), field: key.to_string() });
        }
        if fields.iter().any(|(k, _)| *k == key) {
            return Err(ArticleError::DuplicateField { file: file.to_string(), field: key.to_string() });
        }
        fields.push((key, value.trim()));
    }
    let get = |name: &'static str| fields.iter().find(|(k, _)| *k == name).map(|(_, v)| *v).filter(|v| !v.is_empty());
    let need = |name: &'static str| get(name).ok_or(ArticleError::MissingField { file: file.to_string(), field: name });

    let lang_text = need("lang")?;
    let lang: Lang =
        lang_text.parse().map_err(|_| ArticleError::BadLang { file: file.to_string(), value: lang_text.to_string() })?;
    let date = |value: &str| {
        DateTime::parse_from_rfc3339(value)
            .map_err(|_| ArticleError::BadDate { file: file.to_string(), value: value.to_string() })
    };
    let published = date(need("published")?)?;
    let updated = get("updated").map(date).transpose()?;
    let category_text = need("category")?;
    let category = Category::from_slug(category_text).ok_or_else(|| ArticleError::BadCategory {
        file: file.to_string(),
        value: category_text.to_string(),
        known: CATEGORIES.iter().map(|c| c.slug).collect::<Vec<_>>().join(", "),
    })?;
    let list =
        |value: &str| -> Vec<String> { value.split(';').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect() };

    Ok(DemoArticle {
        slug: need("slug")?.to_string(),
        lang,
        title: need("title")?.to_string(),
        lead: need("lead")?.to_string(),
        author: need("author")?.to_string(),
        published,
        updated,
        category,
        places: list(need("places")?),
        tags: list(need("tags")?),
        body: parse_body(file, body)?,
        translation_of: get("translation-of").map(String::from),
    })
}

const KNOWN_FIELDS: [&str; 11] =
    ["slug", "lang", "published", "updated", "author", "category", "places", "tags", "title", "lead", "translation-of"];

fn split_header(text: &str) -> Option<(&str, &str)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&text[..offset], &text[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

fn parse_body(file: &str, body: &str) -> Result<Vec<DemoBlock>, ArticleError> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut chunks: Vec<String> = Vec::new();
    for line in body.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                chunks.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        chunks.push(current.join(" "));
    }
    for (i, chunk) in chunks.into_iter().enumerate() {
        let bad = |problem: String| ArticleError::BadBlock { file: file.to_string(), block: i + 1, problem };
        if let Some(inner) = chunk.strip_prefix('[') {
            let inner = inner.strip_suffix(']').ok_or_else(|| bad("a `[` block must end with `]`".to_string()))?;
            let (kind, rest) = inner.split_once(' ').unwrap_or((inner, ""));
            let attrs = parse_attributes(rest).map_err(bad)?;
            let attr = |name: &str| -> Result<String, ArticleError> {
                attrs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .filter(|v| !v.is_empty())
                    .ok_or_else(|| bad(format!("`{kind}` needs a non-empty `{name}=` attribute")))
            };
            match kind {
                "figure" => {
                    let keyword = attr("image")?;
                    let scene = Scene::from_keyword(&keyword).ok_or_else(|| {
                        bad(format!(
                            "unknown image `{keyword}`; known: {}",
                            Scene::ALL.iter().map(|s| s.keyword()).collect::<Vec<_>>().join(", ")
                        ))
                    })?;
                    blocks.push(DemoBlock::Figure(DemoFigure { scene, alt: attr("alt")?, caption: attr("caption")? }));
                }
                "video" => blocks.push(DemoBlock::Video { id: attr("id")?, title: attr("title")? }),
                other => return Err(bad(format!("unknown block `[{other} ...]`; use `figure` or `video`"))),
            }
        } else {
            blocks.push(DemoBlock::Paragraph(chunk));
        }
    }
    Ok(blocks)
}

/// `key=value key="value with spaces"` pairs.
fn parse_attributes(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let eq = rest.find('=').ok_or_else(|| format!("attribute {rest:?} has no `=value`"))?;
        let key = rest[..eq].trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(format!("bad attribute name {key:?}"));
        }
        let after = &rest[eq + 1..];
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"').ok_or_else(|| format!("the value of `{key}` has no closing quote"))?;
            (&quoted[..end], &quoted[end + 1..])
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        out.push((key.to_string(), value.to_string()));
        rest = next.trim_start();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "slug: a-story\nlang: en\npublished: 2026-02-01T08:00:00+07:00\nauthor: Trần Thu Hà\ncategory: local\nplaces: Huế; Hội An\ntags: one; two\ntitle: A story\nlead: The lead.\n---\nFirst paragraph\ncontinues here.\n\n[figure image=bridge alt=\"A steel bridge over a river\" caption=\"The bridge at noon\"]\n\n[video id=abc123 title=\"A film\"]\n\nSecond paragraph.\n";

    #[test]
    fn parses_header_and_blocks() {
        let a = parse_article("sample.txt", SAMPLE).unwrap();
        assert_eq!(a.slug, "a-story");
        assert_eq!(a.lang, Lang::En);
        assert_eq!(a.places, vec!["Huế", "Hội An"]);
        assert_eq!(a.category.slug, "local");
        assert_eq!(a.path(), "/en/2026/02/a-story.html");
        assert_eq!(a.body.len(), 4);
        assert_eq!(a.body[0], DemoBlock::Paragraph("First paragraph continues here.".into()));
        assert_eq!(a.figures().next().unwrap().scene, Scene::Bridge);
        assert_eq!(a.body[2], DemoBlock::Video { id: "abc123".into(), title: "A film".into() });
        assert!(a.is_original());
    }

    #[test]
    fn reports_what_is_wrong() {
        let no_sep = SAMPLE.replace("---\n", "");
        assert!(matches!(parse_article("x", &no_sep), Err(ArticleError::MissingSeparator { .. })));
        let bad_cat = SAMPLE.replace("category: local", "category: sport");
        let err = parse_article("x", &bad_cat).unwrap_err();
        assert!(err.to_string().contains("political-system"), "{err}");
        let bad_img = SAMPLE.replace("image=bridge", "image=volcano");
        let err = parse_article("x", &bad_img).unwrap_err();
        assert!(err.to_string().contains("unknown image `volcano`"), "{err}");
        let unclosed = SAMPLE.replace("caption=\"The bridge at noon\"", "caption=\"The bridge");
        assert!(parse_article("x", &unclosed).unwrap_err().to_string().contains("closing quote"));
        let no_author = SAMPLE.replace("author: Trần Thu Hà\n", "");
        assert_eq!(parse_article("x", &no_author), Err(ArticleError::MissingField { file: "x".into(), field: "author" }));
        let bad_date = SAMPLE.replace("2026-02-01T08:00:00+07:00", "1 Feb 2026");
        assert!(matches!(parse_article("x", &bad_date), Err(ArticleError::BadDate { .. })));
    }
}
