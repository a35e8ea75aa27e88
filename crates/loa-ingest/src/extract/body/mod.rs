//! Finding the article body in a page and turning it into typed blocks.
//!
//! Readability-style: paragraphs vote for their ancestors, the container
//! with the best score (discounted by link density, boosted by semantic
//! markup) is the body, siblings that look like more of the same article are
//! added, and the result is walked into blocks while boilerplate (navigation,
//! share bars, related-article lists, comments, ads) is left out.

mod marks;
mod markup;
mod measure;
mod roots;
mod writer;

pub(super) use markup::is_hidden_or_chrome;
pub(super) use markup::SKIP_TAGS;
pub(super) use measure::{has_block_child, link_density, visible_len};
pub use roots::find_body_roots;
pub(super) use roots::{holds_article, opens_box};
pub use writer::BlockWriter;
