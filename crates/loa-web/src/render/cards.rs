//! Story cards and link lists.

use chrono::{DateTime, Utc};
use loa_search::SearchHit;
use loa_store::ArticleCard;

use super::layout::pagination;
use super::{esc, Ctx};

/// A grid of story cards.
/// A listing page's main column: its heading (plain text), the cards or a
/// line saying there are none, and the links to the other pages.
pub fn listing(
    ctx: &Ctx<'_>,
    heading: &str,
    cards: &[ArticleCard],
    page: i64,
    pages: i64,
    prev: Option<&str>,
    next: Option<&str>,
) -> String {
    let mut main = format!("<div class=\"wrap listing\"><h1 class=\"page-title\">{}</h1>", esc(heading));
    if cards.is_empty() {
        main.push_str(&format!("<p class=\"empty\">{}</p>", ctx.th("list-empty")));
    } else {
        main.push_str(&card_grid(ctx, cards));
    }
    main.push_str(&pagination(ctx, page, pages, prev, next));
    main.push_str("</div>");
    main
}

pub fn card_grid(ctx: &Ctx<'_>, cards: &[ArticleCard]) -> String {
    let mut h = String::from("<div class=\"card-grid\">");
    for c in cards {
        h.push_str(&card(ctx, c));
    }
    h.push_str("</div>");
    h
}

pub fn card(ctx: &Ctx<'_>, c: &ArticleCard) -> String {
    let href = ctx.article_path(&c.slug);
    let mut h = String::from("<article class=\"card\">");
    if let Some(fig) = &c.image {
        // The picture's own description, never the headline: the
        // headline follows as the link text.
        let alt = if fig.alt.trim() == c.title.trim() { "" } else { fig.alt.as_str() };
        if let Some(img) = crate::render::picture(fig, alt, "card-image", crate::render::CARD_SIZES, true) {
            h.push_str(&img);
        }
    }
    h.push_str(&format!("<h3 class=\"card-title\"><a href=\"{}\">{}</a></h3>", esc(&href), esc(&c.title)));
    if !c.lead.trim().is_empty() {
        h.push_str(&format!("<p class=\"card-lead\">{}</p>", esc(&c.lead)));
    }
    h.push_str(&format!("<p class=\"card-meta\">{}</p>", ctx.time(c.published_at)));
    h.push_str("</article>");
    h
}

/// What a link to a story needs, from the store (a card) or from the
/// search index (a hit).
pub trait StoryLink {
    fn slug(&self) -> &str;
    fn title(&self) -> &str;
    fn published_at(&self) -> DateTime<Utc>;
}

// Both kinds of story carry the three fields under the same names.
macro_rules! story_link_by_fields {
    ($($kind:ty),*) => {$(
        impl StoryLink for $kind {
            fn slug(&self) -> &str {
                &self.slug
            }
            fn title(&self) -> &str {
                &self.title
            }
            fn published_at(&self) -> DateTime<Utc> {
                self.published_at
            }
        }
    )*};
}

story_link_by_fields!(ArticleCard, SearchHit);

/// A compact list of links to stories (related articles).
pub fn link_list<S: StoryLink>(ctx: &Ctx<'_>, stories: &[S]) -> String {
    let mut h = String::from("<ul class=\"story-list\">");
    for c in stories {
        h.push_str(&format!(
            "<li><a href=\"{}\">{}</a> {}</li>",
            esc(&ctx.article_path(c.slug())),
            esc(c.title()),
            ctx.time(c.published_at())
        ));
    }
    h.push_str("</ul>");
    h
}
