//! Atom 1.0 feeds of the latest public stories in one language, for the
//! whole site or one section: what other portals, aggregators and loa
//! itself (`loa sources add …/feed.xml`) follow.

use loa_store::ArticleCard;

use super::{esc, iso, Ctx};

/// One feed: its title, its own path and the page it mirrors.
pub struct Feed<'a> {
    pub title: &'a str,
    /// Site path of the feed (`/en/feed.xml`).
    pub path: &'a str,
    /// Site path of the HTML page with the same stories.
    pub page_path: &'a str,
    pub cards: &'a [ArticleCard],
}

pub fn atom(ctx: &Ctx<'_>, feed: &Feed<'_>) -> String {
    let site = |path: &str| esc(&ctx.site.absolute(path));
    // A feed with no entry is still valid; it is as new as the site.
    let updated = feed.cards.iter().map(|c| c.published_at).max().map(iso).unwrap_or_else(|| iso(chrono::DateTime::UNIX_EPOCH));
    let mut x = String::with_capacity(4096 + feed.cards.len() * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", ctx.lang.code()));
    x.push_str(&format!("<title>{}</title>\n", esc(feed.title)));
    x.push_str(&format!("<subtitle>{}</subtitle>\n", ctx.th("site-tagline")));
    x.push_str(&format!("<id>{}</id>\n", site(feed.path)));
    x.push_str(&format!("<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", site(feed.path)));
    x.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", site(feed.page_path)));
    x.push_str(&format!("<updated>{updated}</updated>\n"));
    x.push_str("<generator>loa</generator>\n");
    // Atom wants an author for every entry: the portal answers for those
    // whose outlet named nobody.
    x.push_str(&format!("<author><name>{}</name></author>\n", ctx.th("site-name")));
    for card in feed.cards {
        let url = site(&ctx.article_path(&card.slug));
        x.push_str("<entry>\n");
        x.push_str(&format!("<title>{}</title>\n", esc(&card.title)));
        x.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"));
        // The story's address in this language: the same story in another
        // language is another entry, in that language's feed.
        x.push_str(&format!("<id>{url}</id>\n"));
        x.push_str(&format!("<published>{}</published>\n<updated>{}</updated>\n", iso(card.published_at), iso(card.published_at)));
        if let Some(author) = &card.author {
            x.push_str(&format!("<author><name>{}</name></author>\n", esc(&author.name)));
        }
        x.push_str(&format!(
            "<category term=\"{}\" label=\"{}\"/>\n",
            esc(&card.category),
            esc(&ctx.locales.category_name(ctx.lang, &card.category))
        ));
        if !card.lead.trim().is_empty() {
            x.push_str(&format!("<summary>{}</summary>\n", esc(&card.lead)));
        }
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    x
}
