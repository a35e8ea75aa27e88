//! loa's domain: what a news promotion portal is made of.
//!
//! Architecture invariant: this crate does no IO. It knows nothing of SQL,
//! HTTP, tantivy or Apertium; every other crate speaks in these types.

pub mod address;
pub mod article;
pub mod category;
pub mod escape;
pub mod hash;
pub mod lang;
pub mod newsroom;
pub mod numbers;
pub mod reasons;
pub mod slug;
pub mod source;
pub mod workflow;

pub use address::AddressRange;
pub use article::{
    translation_sources, valid_marks, Article, ArticleId, Author, Block, Edition, EditionStatus, Figure, Mark, MarkKind,
    NewArticle, Rendition,
};
pub use category::{Category, CATEGORIES};
pub use escape::{escape_html, escape_text_into};
pub use lang::Lang;
pub use newsroom::{check_comment, ActionKind, CommentStatus, NewsroomAction, Role, User, UserId};
pub use reasons::{decode_reasons, encode_reasons, reasons_text, Problem};
pub use slug::slugify;
pub use source::{CategoryRule, Provenance, Source, SourceHealth, SourceId, SourceKind, SourceSettings};
pub use workflow::{EmbargoChange, StoryState, Workflow, WorkflowRefusal, WorkflowStep};
