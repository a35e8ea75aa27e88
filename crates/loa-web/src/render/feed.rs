//! Feeds of the latest public stories in one language — for the whole
//! site, a section, an author or a place — in the three formats readers
//! and aggregators use: Atom 1.0 (`feed.xml`, what loa itself follows with
//! `loa sources add`), RSS 2.0 (`rss.xml`) and JSON Feed 1.1 (`feed.json`).
//! Each entry carries its summary, or the whole story when the site is
//! set to (`feed_full_text`), and its lead picture as an enclosure.

use loa_store::ArticleCard;

use super::{esc, iso, Ctx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Atom,
    Rss,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Atom, Format::Rss, Format::Json];

    /// The file name a feed of this format has in its scope's folder.
    pub fn file(self) -> &'static str {
        match self {
            Format::Atom => "feed.xml",
            Format::Rss => "rss.xml",
            Format::Json => "feed.json",
        }
    }

    pub fn from_file(file: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.file() == file)
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Atom => "application/atom+xml",
            Format::Rss => "application/rss+xml",
            Format::Json => "application/feed+json",
        }
    }
}

/// A picture attached to an entry.
pub struct Enclosure {
    /// Absolute address.
    pub url: String,
    pub mime: String,
    pub length: i64,
}

/// One story of a feed: its card, and what the feed adds to it.
pub struct Item<'a> {
    pub card: &'a ArticleCard,
    /// The whole story as HTML with absolute addresses (full-text feeds).
    pub content_html: Option<String>,
    pub enclosure: Option<Enclosure>,
}

/// One feed: its title, its own path and the page it mirrors.
pub struct Feed<'a> {
    pub title: &'a str,
    /// Site path of the feed (`/en/feed.xml`).
    pub path: &'a str,
    /// Site path of the HTML page with the same stories.
    pub page_path: &'a str,
    pub items: &'a [Item<'a>],
}

pub fn render(ctx: &Ctx<'_>, format: Format, feed: &Feed<'_>) -> String {
    match format {
        Format::Atom => atom(ctx, feed),
        Format::Rss => rss(ctx, feed),
        Format::Json => json_feed(ctx, feed),
    }
}

fn newest(feed: &Feed<'_>) -> chrono::DateTime<chrono::Utc> {
    // A feed with no entry is still valid; it is as new as the site.
    feed.items.iter().map(|i| i.card.published_at).max().unwrap_or(chrono::DateTime::UNIX_EPOCH)
}

fn atom(ctx: &Ctx<'_>, feed: &Feed<'_>) -> String {
    let site = |path: &str| esc(&ctx.site.absolute(path));
    let mut x = String::with_capacity(4096 + feed.items.len() * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", ctx.lang.code()));
    x.push_str(&format!("<title>{}</title>\n", esc(feed.title)));
    x.push_str(&format!("<subtitle>{}</subtitle>\n", ctx.th("site-tagline")));
    x.push_str(&format!("<id>{}</id>\n", site(feed.path)));
    x.push_str(&format!("<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", site(feed.path)));
    x.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", site(feed.page_path)));
    x.push_str(&format!("<updated>{}</updated>\n", iso(newest(feed))));
    x.push_str("<generator>loa</generator>\n");
    // Atom wants an author for every entry: the portal answers for those
    // whose outlet named nobody.
    x.push_str(&format!("<author><name>{}</name></author>\n", ctx.th("site-name")));
    for item in feed.items {
        let card = item.card;
        let url = site(&ctx.article_path(&card.slug));
        x.push_str("<entry>\n");
        x.push_str(&format!("<title>{}</title>\n", esc(&card.title)));
        x.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"));
        // The story's address in this language: the same story in another
        // language is another entry, in that language's feed.
        x.push_str(&format!("<id>{url}</id>\n"));
        x.push_str(&format!(
            "<published>{}</published>\n<updated>{}</updated>\n",
            iso(card.published_at),
            iso(card.published_at)
        ));
        if let Some(author) = &card.author {
            x.push_str(&format!("<author><name>{}</name></author>\n", esc(&author.name)));
        }
        x.push_str(&format!(
            "<category term=\"{}\" label=\"{}\"/>\n",
            esc(&card.category),
            esc(&ctx.locales.category_name(ctx.lang, &card.category))
        ));
        if let Some(e) = &item.enclosure {
            x.push_str(&format!(
                "<link rel=\"enclosure\" type=\"{}\" length=\"{}\" href=\"{}\"/>\n",
                esc(&e.mime),
                e.length,
                esc(&e.url)
            ));
        }
        if !card.lead.trim().is_empty() {
            x.push_str(&format!("<summary>{}</summary>\n", esc(&card.lead)));
        }
        if let Some(html) = &item.content_html {
            x.push_str(&format!("<content type=\"html\">{}</content>\n", esc(html)));
        }
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

fn rss(ctx: &Ctx<'_>, feed: &Feed<'_>) -> String {
    let site = |path: &str| esc(&ctx.site.absolute(path));
    let mut x = String::with_capacity(4096 + feed.items.len() * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(
        "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n",
    );
    x.push_str(&format!("<title>{}</title>\n", esc(feed.title)));
    x.push_str(&format!("<link>{}</link>\n", site(feed.page_path)));
    x.push_str(&format!("<description>{}</description>\n", ctx.th("site-tagline")));
    x.push_str(&format!("<language>{}</language>\n", ctx.lang.code()));
    x.push_str(&format!("<lastBuildDate>{}</lastBuildDate>\n", newest(feed).to_rfc2822()));
    x.push_str(&format!("<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"{}\"/>\n", site(feed.path)));
    x.push_str("<generator>loa</generator>\n");
    for item in feed.items {
        let card = item.card;
        let url = site(&ctx.article_path(&card.slug));
        x.push_str("<item>\n");
        x.push_str(&format!(
            "<title>{}</title>\n<link>{url}</link>\n<guid isPermaLink=\"true\">{url}</guid>\n",
            esc(&card.title)
        ));
        x.push_str(&format!("<pubDate>{}</pubDate>\n", card.published_at.to_rfc2822()));
        if let Some(author) = &card.author {
            // RSS's <author> is an e-mail address; a name goes in dc:creator.
            x.push_str(&format!("<dc:creator>{}</dc:creator>\n", esc(&author.name)));
        }
        x.push_str(&format!("<category>{}</category>\n", esc(&ctx.locales.category_name(ctx.lang, &card.category))));
        if !card.lead.trim().is_empty() {
            x.push_str(&format!("<description>{}</description>\n", esc(&card.lead)));
        }
        if let Some(html) = &item.content_html {
            x.push_str(&format!("<content:encoded>{}</content:encoded>\n", esc(html)));
        }
        if let Some(e) = &item.enclosure {
            x.push_str(&format!("<enclosure url=\"{}\" length=\"{}\" type=\"{}\"/>\n", esc(&e.url), e.length, esc(&e.mime)));
        }
        x.push_str("</item>\n");
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

fn json_feed(ctx: &Ctx<'_>, feed: &Feed<'_>) -> String {
    let items: Vec<serde_json::Value> = feed
        .items
        .iter()
        .map(|item| {
            let card = item.card;
            let url = ctx.site.absolute(&ctx.article_path(&card.slug));
            let mut v = serde_json::json!({
                "id": url,
                "url": url,
                "title": card.title,
                "summary": card.lead,
                "date_published": iso(card.published_at),
                "language": ctx.lang.code(),
                "tags": [ctx.locales.category_name(ctx.lang, &card.category)],
            });
            match &item.content_html {
                Some(html) => v["content_html"] = html.clone().into(),
                // JSON Feed asks for content: the summary is it, as text.
                None => v["content_text"] = card.lead.clone().into(),
            }
            if let Some(author) = &card.author {
                v["authors"] = serde_json::json!([{ "name": author.name }]);
            }
            if let Some(e) = &item.enclosure {
                v["image"] = e.url.clone().into();
                v["attachments"] = serde_json::json!([{ "url": e.url, "mime_type": e.mime, "size_in_bytes": e.length }]);
            }
            v
        })
        .collect();
    let doc = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": ctx.site.absolute(feed.page_path),
        "feed_url": ctx.site.absolute(feed.path),
        "description": ctx.t("site-tagline"),
        "language": ctx.lang.code(),
        "authors": [{ "name": ctx.t("site-name") }],
        "items": items,
    });
    serde_json::to_string_pretty(&doc).expect("JSON values serialise")
}
