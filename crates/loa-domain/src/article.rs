use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Category, Lang, Provenance};

pub type ArticleId = i64;

/// A picture in the body. `alt` describes the image; it is never the
/// headline copied (the reference page's mistake).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub src: String,
    pub alt: String,
    pub caption: String,
    /// Pixel size, recorded when loa stores the image, so pages reserve
    /// the space and do not jump while images load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

/// One typed piece of an article body. Typed blocks cannot carry scripts,
/// styles or event handlers, so stored content is safe by construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph { text: String },
    Heading { text: String },
    Quote { text: String },
    Figure(Figure),
    Video { src: String, title: String },
}

impl Block {
    /// The text a translator or an indexer sees in this block.
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph { text } | Block::Heading { text } | Block::Quote { text } => text,
            Block::Figure(f) => &f.caption,
            Block::Video { title, .. } => title,
        }
    }

    /// The same block with its text replaced (images and URLs kept).
    pub fn with_text(&self, new_text: String) -> Block {
        match self {
            Block::Paragraph { .. } => Block::Paragraph { text: new_text },
            Block::Heading { .. } => Block::Heading { text: new_text },
            Block::Quote { .. } => Block::Quote { text: new_text },
            Block::Figure(f) => Block::Figure(Figure {
                caption: new_text,
                ..f.clone()
            }),
            Block::Video { src, .. } => Block::Video {
                src: src.clone(),
                title: new_text,
            },
        }
    }
}

/// Plain text of a body, paragraphs separated by blank lines.
pub fn body_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        if matches!(b, Block::Paragraph { .. } | Block::Heading { .. } | Block::Quote { .. }) {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(b.text());
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
    pub slug: String,
}

/// Where an edition is on its way to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditionStatus {
    /// The outlet's own text, in the article's original language.
    Original,
    MachineTranslated,
    Reviewed,
    Published,
    /// The engine gave nothing usable; the reason is kept, readers never see it.
    Failed,
}

impl EditionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EditionStatus::Original => "original",
            EditionStatus::MachineTranslated => "machine_translated",
            EditionStatus::Reviewed => "reviewed",
            EditionStatus::Published => "published",
            EditionStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "original" => EditionStatus::Original,
            "machine_translated" => EditionStatus::MachineTranslated,
            "reviewed" => EditionStatus::Reviewed,
            "published" => EditionStatus::Published,
            "failed" => EditionStatus::Failed,
            _ => return None,
        })
    }

    /// Whether readers may see an edition in this state.
    pub fn is_public(self) -> bool {
        matches!(self, EditionStatus::Original | EditionStatus::Published)
    }
}

/// An article in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edition {
    pub article_id: ArticleId,
    pub lang: Lang,
    pub title: String,
    pub lead: String,
    pub blocks: Vec<Block>,
    pub status: EditionStatus,
    /// Which engine produced it (`apertium:eng-spa`, `outlet`, `original`).
    pub engine: String,
    pub failure: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A story, independent of language. Its text lives in its editions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    pub slug: String,
    pub original_lang: Lang,
    pub author: Option<Author>,
    pub category: Category,
    pub places: Vec<String>,
    pub topics: Vec<String>,
    pub published_at: DateTime<Utc>,
    pub updated_at: Option<DateTime<Utc>>,
    pub provenance: Vec<Provenance>,
}

/// What ingestion hands to the store: an extracted page, not yet an id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewArticle {
    pub canonical_url: String,
    pub outlet: String,
    pub source_id: Option<i64>,
    pub lang: Lang,
    pub title: String,
    pub lead: String,
    pub blocks: Vec<Block>,
    pub author: Option<String>,
    pub category: Category,
    pub places: Vec<String>,
    pub topics: Vec<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_text_keeps_the_image() {
        let fig = Block::Figure(Figure {
            src: "/m/1.svg".into(),
            alt: "a bridge".into(),
            caption: "The bridge".into(),
            width: None,
            height: None,
        });
        let t = fig.with_text("El puente".into());
        assert_eq!(t.text(), "El puente");
        match t {
            Block::Figure(f) => {
                assert_eq!(f.src, "/m/1.svg");
                assert_eq!(f.alt, "a bridge");
            }
            _ => panic!("kind changed"),
        }
    }

    #[test]
    fn body_text_skips_figures() {
        let blocks = vec![
            Block::Paragraph { text: "One.".into() },
            Block::Figure(Figure { src: "x".into(), alt: "".into(), caption: "cap".into(), width: None, height: None }),
            Block::Quote { text: "Two.".into() },
        ];
        assert_eq!(body_text(&blocks), "One.\n\nTwo.");
    }

    #[test]
    fn status_round_trips() {
        for s in [
            EditionStatus::Original,
            EditionStatus::MachineTranslated,
            EditionStatus::Reviewed,
            EditionStatus::Published,
            EditionStatus::Failed,
        ] {
            assert_eq!(EditionStatus::parse(s.as_str()), Some(s));
        }
        assert!(!EditionStatus::Failed.is_public());
        assert!(EditionStatus::Published.is_public());
    }
}
