use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Category, Lang, Provenance};

pub type ArticleId = i64;

/// A picture in the body. `alt` describes the image; it is never the
/// headline copied (the reference page's mistake).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Smaller copies made when loa stored the picture, for `srcset`:
    /// the same picture at fewer pixels, in its own format and in WebP.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renditions: Vec<Rendition>,
}

/// One stored copy of a picture at another width.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendition {
    /// Its site path (`/media/…`).
    pub src: String,
    pub width: u32,
    /// Its media type (`image/webp`, `image/jpeg`, …).
    pub mime: String,
}

/// One typed piece of an article body. Typed blocks cannot carry scripts,
/// styles or event handlers, so stored content is safe by construction.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        marks: Vec<Mark>,
    },
    Heading {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        marks: Vec<Mark>,
    },
    Quote {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        marks: Vec<Mark>,
    },
    Figure(Figure),
    /// A player the source embedded (an HTML5 video file or a YouTube or
    /// Vimeo frame). The site never loads it until the reader asks.
    Video {
        src: String,
        title: String,
        /// The still shown before playing: a picture stored by loa (the
        /// source's `poster`), never the video host's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        poster: Option<String>,
    },
}

impl Block {
    /// The text a translator or an indexer sees in this block.
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph { text, .. } | Block::Heading { text, .. } | Block::Quote { text, .. } => text,
            Block::Figure(f) => &f.caption,
            Block::Video { title, .. } => title,
        }
    }

    /// The inline markup over `text()`; empty for figures and videos.
    pub fn marks(&self) -> &[Mark] {
        match self {
            Block::Paragraph { marks, .. } | Block::Heading { marks, .. } | Block::Quote { marks, .. } => marks,
            Block::Figure(_) | Block::Video { .. } => &[],
        }
    }

    /// The same block with its text replaced (images and URLs kept). The
    /// old marks point into the old text, so they are dropped.
    pub fn with_text(&self, new_text: String) -> Block {
        self.with_text_and_marks(new_text, Vec::new())
    }

    /// The same block with new text and marks over that text. Marks that do
    /// not fit the text are dropped (see [`valid_marks`]); figures and videos
    /// carry no marks, so theirs are ignored.
    pub fn with_text_and_marks(&self, new_text: String, marks: Vec<Mark>) -> Block {
        match self {
            Block::Paragraph { .. } => Block::Paragraph { marks: valid_marks(&new_text, marks), text: new_text },
            Block::Heading { .. } => Block::Heading { marks: valid_marks(&new_text, marks), text: new_text },
            Block::Quote { .. } => Block::Quote { marks: valid_marks(&new_text, marks), text: new_text },
            Block::Figure(f) => Block::Figure(Figure { caption: new_text, ..f.clone() }),
            Block::Video { src, poster, .. } => Block::Video { src: src.clone(), title: new_text, poster: poster.clone() },
        }
    }
}

/// Inline markup over a byte range `start..end` of a block's text. Both ends
/// lie on char boundaries; marks may nest or overlap.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: MarkKind,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MarkKind {
    Bold,
    Italic,
    /// An absolute http(s) address; renderers still check it before use.
    Link {
        href: String,
    },
}

/// The marks that fit `text`: non-empty, inside it and on char boundaries.
/// Stored or translated marks pass through here, so a bad range from an old
/// row or a confused engine is dropped instead of slicing mid-character.
pub fn valid_marks(text: &str, marks: Vec<Mark>) -> Vec<Mark> {
    marks
        .into_iter()
        .filter(|m| m.start < m.end && m.end <= text.len() && text.is_char_boundary(m.start) && text.is_char_boundary(m.end))
        .collect()
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

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
    pub slug: String,
}

/// Where an edition is on its way to readers.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

impl Edition {
    /// The texts a translation is made of, in order: title, lead, then each
    /// block's text (with its inline marks) and each figure's alt text. A
    /// translated edition has the same layout as its source, so segment `n`
    /// of one is the translation of segment `n` of the other.
    pub fn segments(&self) -> Vec<(String, Vec<Mark>)> {
        let mut s = vec![(self.title.clone(), Vec::new()), (self.lead.clone(), Vec::new())];
        for b in &self.blocks {
            s.push((b.text().to_string(), b.marks().to_vec()));
            if let Block::Figure(f) = b {
                s.push((f.alt.clone(), Vec::new()));
            }
        }
        s
    }

    /// Whether reviewers look after this edition: a translation, not an
    /// original or a version the outlet published itself.
    pub fn is_reviewable(&self) -> bool {
        self.status != EditionStatus::Original && self.engine != "outlet"
    }

    /// Whether a reviewer may give this edition status `to` now: publish a
    /// translation that has text (a failed job leaves none), withdraw one
    /// that is held, reviewed or public. Originals and the outlet's own
    /// editions are the outlet's to change, not a reviewer's.
    pub fn review_decision_allowed(&self, to: EditionStatus) -> bool {
        if !self.is_reviewable() {
            return false;
        }
        match to {
            EditionStatus::Published => {
                self.status != EditionStatus::Published
                    && !self.title.trim().is_empty()
                    && self.blocks.iter().any(|b| !b.text().trim().is_empty())
            }
            EditionStatus::Failed => self.status != EditionStatus::Failed,
            _ => false,
        }
    }

    /// What a reviewer's correction makes of an edition: a held or failed
    /// one becomes reviewed, a public one stays public, and the checks'
    /// reasons, which were about the machine's text, go.
    pub fn mark_corrected(&mut self, at: DateTime<Utc>) {
        if self.status != EditionStatus::Published {
            self.status = EditionStatus::Reviewed;
        }
        self.failure = None;
        self.updated_at = at;
    }

    /// Puts `text` in place of segment `index` (numbered as
    /// [`Edition::segments`] numbers them); the segment's marks are
    /// dropped, since they pointed into the old text. False when the
    /// edition has no such segment.
    pub fn replace_segment(&mut self, index: usize, text: String) -> bool {
        match index {
            0 => self.title = text,
            1 => self.lead = text,
            _ => {
                let mut at = 2;
                for block in &mut self.blocks {
                    if at == index {
                        *block = block.with_text(text);
                        return true;
                    }
                    at += 1;
                    if let Block::Figure(f) = block {
                        if at == index {
                            f.alt = text;
                            return true;
                        }
                        at += 1;
                    }
                }
                return false;
            }
        }
        true
    }
}

/// The editions `target` can be translated from, best first: the original,
/// then versions the outlet published itself (Vietnamese → its English
/// version → …), each only where `serves(from, target)`.
pub fn translation_sources(editions: &[Edition], target: Lang, serves: impl Fn(Lang, Lang) -> bool) -> Vec<&Edition> {
    let mut found: Vec<&Edition> = editions
        .iter()
        .filter(|e| e.lang != target && (e.status == EditionStatus::Original || e.engine == "outlet"))
        .filter(|e| serves(e.lang, target))
        .collect();
    found.sort_by_key(|e| e.status != EditionStatus::Original);
    found
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
    /// Draft, in review, scheduled, published or withdrawn, with its times.
    pub workflow: crate::Workflow,
}

impl Article {
    /// Whether readers see `edition` of this story: the story is
    /// published and the edition public.
    pub fn shows(&self, edition: &Edition) -> bool {
        self.workflow.state.is_public() && edition.status.is_public()
    }
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

    fn edition(status: EditionStatus, engine: &str, text: &str) -> Edition {
        Edition {
            article_id: 1,
            lang: Lang::Es,
            title: text.into(),
            lead: String::new(),
            blocks: vec![Block::Paragraph { text: text.into(), marks: vec![] }],
            status,
            engine: engine.into(),
            failure: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn translations_come_from_the_original_first_then_the_outlets_versions() {
        let mut vi = edition(EditionStatus::Original, "original", "Xin chào");
        vi.lang = Lang::Vi;
        let mut en = edition(EditionStatus::Published, "outlet", "Hello");
        en.lang = Lang::En;
        let mut es = edition(EditionStatus::Published, "apertium:eng-spa", "Hola");
        es.lang = Lang::Es;
        let all = [en.clone(), es, vi.clone()];
        let langs = |v: Vec<&Edition>| v.into_iter().map(|e| e.lang).collect::<Vec<_>>();
        assert_eq!(
            langs(translation_sources(&all, Lang::Ca, |_, _| true)),
            [Lang::Vi, Lang::En],
            "machine translations are no source"
        );
        assert_eq!(langs(translation_sources(&all, Lang::Ca, |from, _| from != Lang::Vi)), [Lang::En], "only pairs served");
        assert_eq!(langs(translation_sources(&all, Lang::En, |_, _| true)), [Lang::Vi], "not itself");
    }

    #[test]
    fn reviewers_decide_translations_with_text_only() {
        use EditionStatus::*;
        let held = edition(MachineTranslated, "apertium:eng-spa", "Hola");
        assert!(held.review_decision_allowed(Published) && held.review_decision_allowed(Failed));
        assert!(!held.review_decision_allowed(Reviewed), "only publish or withdraw");
        let empty_failure = edition(Failed, "none", "");
        assert!(!empty_failure.review_decision_allowed(Published), "nothing to publish");
        let withdrawn = edition(Failed, "apertium:eng-spa", "Hola");
        assert!(withdrawn.review_decision_allowed(Published), "a withdrawn translation can come back");
        assert!(!withdrawn.review_decision_allowed(Failed));
        assert!(edition(Published, "apertium:eng-spa", "Hola").review_decision_allowed(Failed));
        assert!(!edition(Published, "outlet", "Hola").review_decision_allowed(Failed), "the outlet's own text");
        assert!(!edition(Original, "original", "Hola").review_decision_allowed(Failed));
    }

    #[test]
    fn with_text_keeps_the_image() {
        let fig = Block::Figure(Figure {
            src: "/m/1.svg".into(),
            alt: "a bridge".into(),
            caption: "The bridge".into(),
            width: None,
            height: None,
            renditions: Vec::new(),
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
            Block::Paragraph { text: "One.".into(), marks: vec![] },
            Block::Figure(Figure {
                src: "x".into(),
                alt: "".into(),
                caption: "cap".into(),
                width: None,
                height: None,
                renditions: Vec::new(),
            }),
            Block::Quote { text: "Two.".into(), marks: vec![] },
        ];
        assert_eq!(body_text(&blocks), "One.\n\nTwo.");
    }

    #[test]
    fn stored_blocks_without_marks_still_parse() {
        let b: Block = serde_json::from_str(r#"{"type":"paragraph","text":"Old row."}"#).unwrap();
        assert_eq!(b, Block::Paragraph { text: "Old row.".into(), marks: vec![] });
        // And an unmarked block is stored exactly as before.
        assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"type":"paragraph","text":"Old row."}"#);
    }

    #[test]
    fn marks_round_trip_through_json() {
        let b = Block::Quote {
            text: "Read the report.".into(),
            marks: vec![
                Mark { start: 0, end: 4, kind: MarkKind::Bold },
                Mark { start: 5, end: 15, kind: MarkKind::Link { href: "https://example.org/r".into() } },
            ],
        };
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(serde_json::from_str::<Block>(&json).unwrap(), b);
    }

    #[test]
    fn with_text_drops_marks_and_with_text_and_marks_checks_them() {
        let b = Block::Paragraph { text: "Hello world".into(), marks: vec![Mark { start: 0, end: 5, kind: MarkKind::Bold }] };
        assert!(b.with_text("Hola mundo".into()).marks().is_empty());
        let fresh = b.with_text_and_marks(
            "Hola mundo".into(),
            vec![Mark { start: 0, end: 4, kind: MarkKind::Italic }, Mark { start: 5, end: 40, kind: MarkKind::Bold }],
        );
        assert_eq!(fresh.marks(), &[Mark { start: 0, end: 4, kind: MarkKind::Italic }]);
    }

    #[test]
    fn valid_marks_drops_empty_out_of_range_and_split_characters() {
        let text = "Hà Tĩnh";
        let marks = vec![
            Mark { start: 0, end: 3, kind: MarkKind::Bold },    // "Hà": ok ("à" is 2 bytes)
            Mark { start: 0, end: 2, kind: MarkKind::Bold },    // splits "à"
            Mark { start: 3, end: 3, kind: MarkKind::Italic },  // empty
            Mark { start: 4, end: 99, kind: MarkKind::Italic }, // past the end
        ];
        assert_eq!(valid_marks(text, marks), vec![Mark { start: 0, end: 3, kind: MarkKind::Bold }]);
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
