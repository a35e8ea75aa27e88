//! The article page: the story, its provenance, comments, related stories
//! and videos, plus its JSON-LD.

use loa_domain::{valid_marks, Article, Block, Edition, Lang, Mark, MarkKind};
use loa_search::SearchHit;
use loa_store::{ArticleCard, Comment};
use serde_json::json;

use super::cards::{link_list, StoryLink};
use super::{esc, iso, url_attr, Ctx};

/// Everything the article page shows besides the frame.
pub struct ArticleView<'a> {
    pub article: &'a Article,
    pub edition: &'a Edition,
    /// Languages this article can be read in on this site.
    pub public_langs: &'a [Lang],
    pub comments: &'a [Comment],
    /// How the reader's last comment went (`thanks`, `invalid`,
    /// `throttled`), from the redirect after posting it.
    pub comment_outcome: Option<&'a str>,
    pub same_topic: &'a SameTopic,
    pub same_category: &'a [ArticleCard],
    pub same_author: &'a [ArticleCard],
    pub video_stories: &'a [ArticleCard],
}

/// Stories on the same subject: from the search index by content
/// similarity, or, when it has none, from the store by shared topics.
pub enum SameTopic {
    Similar(Vec<SearchHit>),
    SharedTopics(Vec<ArticleCard>),
}

/// Engines whose text is the outlet's own words.
fn is_human_text(engine: &str) -> bool {
    matches!(engine, "original" | "outlet")
}

/// An embeddable player URL for the video hosts the site trusts: YouTube
/// (played from its no-cookie domain) and Vimeo. Anything else is linked.
pub fn video_embed_url(src: &str) -> Option<String> {
    let url = url::Url::parse(src.trim()).ok()?;
    if !matches!(url.scheme(), "https" | "http") {
        return None;
    }
    let host = url.host_str()?.trim_start_matches("www.").trim_start_matches("m.");
    let segments: Vec<&str> = url.path_segments().map(|s| s.filter(|p| !p.is_empty()).collect()).unwrap_or_default();
    let valid_id =
        |id: &str| !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    match host {
        "youtube.com" | "youtube-nocookie.com" => {
            let id = match segments.as_slice() {
                ["watch"] => url.query_pairs().find(|(k, _)| k == "v").map(|(_, v)| v.into_owned())?,
                ["embed", id] | ["shorts", id] | ["live", id] => id.to_string(),
                _ => return None,
            };
            valid_id(&id).then(|| format!("https://www.youtube-nocookie.com/embed/{id}"))
        }
        "youtu.be" => {
            let id = segments.first()?;
            valid_id(id).then(|| format!("https://www.youtube-nocookie.com/embed/{id}"))
        }
        "vimeo.com" | "player.vimeo.com" => {
            let id = segments.iter().rev().find(|s| s.chars().all(|c| c.is_ascii_digit()))?;
            valid_id(id).then(|| format!("https://player.vimeo.com/video/{id}"))
        }
        _ => None,
    }
}

/// The host a video plays from, as readers know it (`youtube.com`), when
/// the site can show it: an embed it trusts, or a file on the web.
pub fn video_host(src: &str) -> Option<String> {
    url_attr(src)?;
    let host = url::Url::parse(src.trim()).ok()?.host_str()?.trim_start_matches("www.").to_string();
    Some(if video_embed_url(src).is_some() {
        host.trim_start_matches("m.").trim_start_matches("player.").to_string()
    } else {
        host
    })
}

/// A video in the story, click to load: its poster (or a dark frame) with
/// a play label, linking to the player page. Nothing is fetched from the
/// video host until the reader follows the link, and the caption says
/// which host that will be.
fn video_block(ctx: &Ctx<'_>, index: usize, video: (&str, &str, Option<&str>), story_path: &str) -> String {
    let (src, title, poster) = video;
    let Some(host) = video_host(src) else { return String::new() };
    let still = match poster.and_then(url_attr) {
        Some(p) => format!("<img src=\"{p}\" alt=\"\" loading=\"lazy\" decoding=\"async\">"),
        None => String::new(),
    };
    format!(
        "<figure class=\"video\" id=\"video-{index}\"><a class=\"video-poster\" href=\"{}\">{still}\
         <span class=\"video-play\">{}</span></a><figcaption>{} <small class=\"video-privacy\">{}</small></figcaption></figure>",
        esc(&watch_path(story_path, index)),
        ctx.tah("video-play", &[("title", title.into())]),
        esc(title),
        ctx.tah("video-loads-from", &[("host", host.into())])
    )
}

/// The videos of a story the site shows, in order: `(src, title)`. The
/// `n`th of them (from 1) is `#video-n` on the story and has the player
/// page [`watch_path`]`(story, n)`.
pub fn shown_videos(blocks: &[Block]) -> impl Iterator<Item = (&str, &str)> {
    blocks.iter().filter_map(|b| match b {
        Block::Video { src, title, .. } if video_host(src).is_some() => Some((src.as_str(), title.as_str())),
        _ => None,
    })
}

/// The player page of a story's `index`th video (counting from 1).
pub fn watch_path(story_path: &str, index: usize) -> String {
    format!("{story_path}/video/{index}")
}

/// The player page's main column: the video from its host (a trusted
/// embed, or the file itself), its title, and the way back to the story.
pub fn watch_page_main(ctx: &Ctx<'_>, story_title: &str, story_path: &str, video: (&str, &str)) -> String {
    let (src, title) = video;
    let player = if let Some(embed) = video_embed_url(src) {
        format!(
            "<div class=\"video-frame\"><iframe src=\"{}?autoplay=1\" title=\"{}\" allow=\"autoplay; fullscreen; picture-in-picture\" \
             allowfullscreen referrerpolicy=\"strict-origin-when-cross-origin\"></iframe></div>",
            esc(&embed),
            esc(title)
        )
    } else {
        let href = url_attr(src).unwrap_or_default();
        format!(
            "<p class=\"video-link\"><a href=\"{href}\" rel=\"nofollow noopener\">{}</a></p>",
            ctx.tah("video-link", &[("title", title.into())])
        )
    };
    format!(
        "<div class=\"wrap watch\"><h1 class=\"page-title\">{}</h1><figure class=\"video\">{player}<figcaption>{}</figcaption></figure>\
         <p><a href=\"{}\">{}</a></p></div>",
        esc(if title.trim().is_empty() { story_title } else { title }),
        esc(story_title),
        esc(story_path),
        ctx.th("video-back")
    )
}

/// The story's blocks as HTML: the article page's body, and full-text
/// feeds (the fuzz targets and their corpus replay render extracted pages
/// through it).
pub fn body_html(ctx: &Ctx<'_>, title: &str, blocks: &[Block], story_path: &str) -> String {
    let mut h = String::new();
    let mut video_index = 0;
    let mut figures = 0;
    for block in blocks {
        match block {
            Block::Paragraph { text, marks } if !text.trim().is_empty() => {
                h.push_str(&format!("<p>{}</p>\n", marked_text(text, marks)))
            }
            Block::Heading { text, marks } if !text.trim().is_empty() => {
                h.push_str(&format!("<h2>{}</h2>\n", marked_text(text, marks)))
            }
            Block::Quote { text, marks } if !text.trim().is_empty() => {
                h.push_str(&format!("<blockquote><p>{}</p></blockquote>\n", marked_text(text, marks)))
            }
            Block::Figure(fig) => {
                // The reference page's fault was alt text copied from the
                // headline; a figure whose stored alt is the headline gets
                // an empty alt (its caption still describes it).
                let alt = if fig.alt.trim() == title.trim() { "" } else { fig.alt.as_str() };
                // The story's first picture is in view when the page opens.
                figures += 1;
                let Some(img) = crate::render::picture(fig, alt, "", crate::render::STORY_SIZES, figures > 1) else { continue };
                h.push_str(&format!("<figure>{img}"));
                if !fig.caption.trim().is_empty() {
                    h.push_str(&format!("<figcaption>{}</figcaption>", esc(&fig.caption)));
                }
                h.push_str("</figure>\n");
            }
            Block::Video { src, title, poster } if video_host(src).is_some() => {
                video_index += 1;
                h.push_str(&video_block(ctx, video_index, (src, title, poster.as_deref()), story_path));
                h.push('\n');
            }
            _ => {}
        }
    }
    h
}

/// Places once each, in their first order.
fn distinct_places(places: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for p in places.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if !out.iter().any(|o| o.to_lowercase() == p.to_lowercase()) {
            out.push(p);
        }
    }
    out
}

fn related_section<S: StoryLink>(ctx: &Ctx<'_>, id: &str, heading: &str, empty: &str, cards: &[S]) -> String {
    let content = if cards.is_empty() { format!("<p class=\"empty\">{}</p>", ctx.th(empty)) } else { link_list(ctx, cards) };
    format!(
        "<section id=\"{id}\" class=\"related\" aria-labelledby=\"{id}-heading\"><h2 id=\"{id}-heading\">{}</h2>{content}</section>\n",
        ctx.th(heading)
    )
}

pub fn main_html(ctx: &Ctx<'_>, v: &ArticleView<'_>) -> String {
    let a = v.article;
    let e = v.edition;
    let mut h = String::from("<div class=\"wrap article-layout\">\n<article class=\"story\">\n<header class=\"story-head\">\n");
    h.push_str(&format!(
        "<p class=\"kicker\"><a href=\"{}\">{}</a></p>\n",
        ctx.category_path(a.category.slug),
        esc(&ctx.locales.category_name(ctx.lang, a.category.slug))
    ));
    h.push_str(&format!("<h1>{}</h1>\n", esc(&e.title)));

    h.push_str("<div class=\"byline\">");
    if let Some(author) = &a.author {
        let link = format!("<a href=\"{}\" rel=\"author\">{}</a>", esc(&ctx.author_path(&author.slug)), esc(&author.name));
        h.push_str(&format!("<p class=\"author\">{}</p>", ctx.t_with_html("article-by", "author", &link)));
    }
    h.push_str(&format!(
        "<p class=\"dates\"><span class=\"published\">{} {}</span>",
        ctx.th("article-published"),
        ctx.time(a.published_at)
    ));
    if let Some(updated) = a.updated_at.filter(|u| *u > a.published_at) {
        h.push_str(&format!(" <span class=\"updated\">{} {}</span>", ctx.th("article-updated"), ctx.time(updated)));
    }
    h.push_str("</p></div>\n");

    let places = distinct_places(&a.places);
    if !places.is_empty() {
        h.push_str(&format!("<ul class=\"places\" aria-label=\"{}\">", ctx.th("article-places")));
        for p in places {
            h.push_str(&format!("<li class=\"chip\">{}</li>", esc(p)));
        }
        h.push_str("</ul>\n");
    }

    if !is_human_text(&e.engine) && e.lang != a.original_lang {
        let language = ctx.locales.language_name(ctx.lang, a.original_lang);
        let original_note = if v.public_langs.contains(&a.original_lang) {
            let code = a.original_lang.code();
            let link = format!(
                "<a href=\"{}\" hreflang=\"{code}\">{}</a>",
                esc(&super::article_path(a.original_lang, &a.slug)),
                esc(&language)
            );
            ctx.t_with_html("article-original-language", "language", &link)
        } else {
            ctx.tah("article-original-language", &[("language", language.into())])
        };
        h.push_str(&format!(
            "<p class=\"mt-notice\" role=\"note\">{} {original_note}</p>\n",
            ctx.th("article-machine-translation")
        ));
    }
    h.push_str("</header>\n");

    if !e.lead.trim().is_empty() {
        h.push_str(&format!("<p class=\"lead\">{}</p>\n", esc(&e.lead)));
    }
    h.push_str(&format!(
        "<div class=\"story-body\">\n{}</div>\n",
        body_html(ctx, &e.title, &e.blocks, &ctx.article_path(&a.slug))
    ));

    if let Some(source) = a.provenance.first() {
        if let Some(href) = url_attr(&source.url) {
            h.push_str(&format!(
                "<footer class=\"story-foot\"><p class=\"source\"><a href=\"{href}\" rel=\"nofollow noopener\">{}</a></p></footer>\n",
                ctx.tah("article-source", &[("outlet", source.outlet.as_str().into())])
            ));
        }
    }
    h.push_str("</article>\n");

    h.push_str(&comments_section(ctx, &v.article.slug, v.comments, v.comment_outcome));
    h.push_str(&match v.same_topic {
        SameTopic::Similar(hits) => related_section(ctx, "same-topic", "related-same-topic", "related-same-topic-empty", hits),
        SameTopic::SharedTopics(cards) => {
            related_section(ctx, "same-topic", "related-same-topic", "related-same-topic-empty", cards)
        }
    });
    h.push_str(&related_section(ctx, "same-category", "related-same-category", "related-same-category-empty", v.same_category));
    h.push_str(&related_section(ctx, "same-author", "related-same-author", "related-same-author-empty", v.same_author));
    h.push_str(&videos_section(ctx, &e.blocks, v.video_stories));
    h.push_str("</div>\n");
    h
}

fn comments_section(ctx: &Ctx<'_>, slug: &str, comments: &[Comment], outcome: Option<&str>) -> String {
    let mut h = format!(
        "<section id=\"comments\" class=\"comments\" aria-labelledby=\"comments-heading\"><h2 id=\"comments-heading\">{}</h2>",
        ctx.tah("comments-heading", &[("count", (comments.len() as i64).into())])
    );
    if comments.is_empty() {
        h.push_str(&format!("<p class=\"empty\">{}</p>", ctx.th("comments-empty")));
    } else {
        h.push_str("<ol class=\"comment-list\">");
        for c in comments {
            h.push_str(&format!(
                "<li class=\"comment\"><p class=\"comment-meta\"><span class=\"comment-author\">{}</span> {}</p><p>{}</p></li>",
                esc(&c.author_name),
                ctx.time(c.created_at),
                esc(&c.body)
            ));
        }
        h.push_str("</ol>");
    }
    h.push_str(&comment_form(ctx, slug, outcome));
    h.push_str("</section>\n");
    h
}

/// The form a reader comments with. What they send waits for a moderator;
/// the outcome of the last post is announced above the form.
fn comment_form(ctx: &Ctx<'_>, slug: &str, outcome: Option<&str>) -> String {
    let max = [("max", (loa_domain::newsroom::MAX_COMMENT_CHARS as i64).into())];
    let mut h = format!("<h3 id=\"comment-form-heading\">{}</h3>", ctx.th("comment-form-heading"));
    match outcome {
        Some("thanks") => h.push_str(&format!("<p class=\"form-notice\" role=\"status\">{}</p>", ctx.th("comment-form-thanks"))),
        Some("invalid") => {
            h.push_str(&format!("<p class=\"form-error\" role=\"alert\">{}</p>", ctx.tah("comment-form-invalid", &max)))
        }
        Some("throttled") => {
            h.push_str(&format!("<p class=\"form-error\" role=\"alert\">{}</p>", ctx.th("comment-form-throttled")))
        }
        _ => {}
    }
    h.push_str(&format!(
        "<form class=\"comment-form\" method=\"post\" action=\"{}/comments\" aria-labelledby=\"comment-form-heading\">\
         <p><label for=\"comment-name\">{}</label><input id=\"comment-name\" name=\"name\" maxlength=\"{}\" autocomplete=\"name\" required></p>\
         <p><label for=\"comment-body\">{}</label><textarea id=\"comment-body\" name=\"body\" rows=\"5\" maxlength=\"{}\" aria-describedby=\"comment-hint\" required></textarea></p>\
         <p id=\"comment-hint\" class=\"hint\">{}</p>\
         <p class=\"visually-hidden\" aria-hidden=\"true\"><label for=\"comment-website\">{}</label><input id=\"comment-website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></p>\
         <p><button type=\"submit\">{}</button></p></form>",
        esc(&ctx.article_path(slug)),
        ctx.th("comment-form-name"),
        loa_domain::newsroom::MAX_COMMENTER_NAME_CHARS,
        ctx.th("comment-form-body"),
        loa_domain::newsroom::MAX_COMMENT_CHARS,
        ctx.tah("comment-form-hint", &max),
        ctx.th("comment-form-trap"),
        ctx.th("comment-form-submit"),
    ));
    h
}

/// This story's own videos (they play in the body; listed here to jump
/// to) and the newest stories of the video section.
fn videos_section(ctx: &Ctx<'_>, blocks: &[Block], stories: &[ArticleCard]) -> String {
    let own: Vec<&str> = shown_videos(blocks).map(|(_, title)| title).collect();
    let mut h = format!(
        "<section id=\"videos\" class=\"related videos\" aria-labelledby=\"videos-heading\"><h2 id=\"videos-heading\">{}</h2>",
        ctx.th("videos-heading")
    );
    if own.is_empty() && stories.is_empty() {
        h.push_str(&format!("<p class=\"empty\">{}</p>", ctx.th("videos-empty")));
    } else {
        if !own.is_empty() {
            h.push_str("<ul class=\"story-list\">");
            for (i, title) in own.iter().enumerate() {
                h.push_str(&format!("<li><a href=\"#video-{}\">{}</a></li>", i + 1, esc(title)));
            }
            h.push_str("</ul>");
        }
        if !stories.is_empty() {
            h.push_str(&link_list(ctx, stories));
        }
    }
    h.push_str("</section>\n");
    h
}

/// Schema.org NewsArticle for this edition. `<` is written as `\u003c` so
/// no text can close the script element.
pub fn json_ld(ctx: &Ctx<'_>, v: &ArticleView<'_>) -> String {
    let a = v.article;
    let e = v.edition;
    let url = ctx.site.absolute(&ctx.article_path(&a.slug));
    let modified = a.updated_at.unwrap_or(a.published_at).max(e.updated_at);
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": e.title,
        "description": e.lead,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": iso(a.published_at),
        "dateModified": iso(modified),
        "inLanguage": e.lang.code(),
        "articleSection": ctx.locales.category_name(ctx.lang, a.category.slug),
        "publisher": {"@type": "Organization", "name": ctx.t("site-name")},
    });
    let obj = doc.as_object_mut().expect("built as an object");
    if let Some(author) = &a.author {
        obj.insert(
            "author".into(),
            json!({"@type": "Person", "name": author.name, "url": ctx.site.absolute(&ctx.author_path(&author.slug))}),
        );
    }
    if let Some(source) = a.provenance.first() {
        obj.insert("isBasedOn".into(), json!(source.url));
    }
    let images: Vec<String> = e
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure(f) if url_attr(&f.src).is_some() => {
                Some(if f.src.starts_with('/') { ctx.site.absolute(&f.src) } else { f.src.clone() })
            }
            _ => None,
        })
        .collect();
    if !images.is_empty() {
        obj.insert("image".into(), json!(images));
    }
    if !places_empty(&a.places) {
        obj.insert(
            "contentLocation".into(),
            json!(distinct_places(&a.places).iter().map(|p| json!({"@type": "Place", "name": p})).collect::<Vec<_>>()),
        );
    }
    if e.lang != a.original_lang {
        obj.insert(
            "translationOfWork".into(),
            json!({
                "@type": "NewsArticle",
                "url": ctx.site.absolute(&super::article_path(a.original_lang, &a.slug)),
                "inLanguage": a.original_lang.code(),
            }),
        );
    }
    let text = serde_json::to_string(&doc).unwrap_or_else(|_| "{}".into());
    format!(
        "<script type=\"application/ld+json\">{}</script>\n",
        text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
    )
}

/// A block's text as HTML with its inline marks: every piece of text goes
/// through `esc`, links through `url_attr` (a mark whose address fails it
/// is dropped). Marks that overlap without nesting are closed and reopened
/// at each other's edges, so the tags always nest.
fn marked_text(text: &str, marks: &[Mark]) -> String {
    // (mark, opening tag, closing tag), for the marks that fit and are safe.
    let tags: Vec<(Mark, String, &str)> = valid_marks(text, marks.to_vec())
        .into_iter()
        .filter_map(|m| {
            let (open, close) = match &m.kind {
                MarkKind::Bold => ("<strong>".to_string(), "</strong>"),
                MarkKind::Italic => ("<em>".to_string(), "</em>"),
                MarkKind::Link { href } => (format!("<a href=\"{}\" rel=\"nofollow noopener\">", url_attr(href)?), "</a>"),
            };
            Some((m, open, close))
        })
        .collect();
    if tags.is_empty() {
        return esc(text);
    }
    let mut edges: Vec<usize> = tags.iter().flat_map(|(m, _, _)| [m.start, m.end]).chain([0, text.len()]).collect();
    edges.sort_unstable();
    edges.dedup();
    let mut out = String::with_capacity(text.len() + tags.len() * 24);
    // Indices into `tags` of the elements currently open, outermost first.
    let mut open: Vec<usize> = Vec::new();
    for pair in edges.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let active = |i: usize| tags[i].0.start <= from && to <= tags[i].0.end;
        // Close back to the deepest element that stays open throughout.
        let keep = open.iter().position(|&i| !active(i)).unwrap_or(open.len());
        for &i in open[keep..].iter().rev() {
            out.push_str(tags[i].2);
        }
        open.truncate(keep);
        // Open what this piece needs, the longest-running outermost, so
        // fewer elements are split later.
        let mut starting: Vec<usize> = (0..tags.len()).filter(|&i| active(i) && !open.contains(&i)).collect();
        starting.sort_by_key(|&i| (std::cmp::Reverse(tags[i].0.end), tags[i].0.start, i));
        for i in starting {
            out.push_str(&tags[i].1);
            open.push(i);
        }
        out.push_str(&esc(&text[from..to]));
    }
    for &i in open.iter().rev() {
        out.push_str(tags[i].2);
    }
    out
}

fn places_empty(places: &[String]) -> bool {
    places.iter().all(|p| p.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_only_trusted_video_hosts() {
        assert_eq!(
            video_embed_url("https://www.youtube.com/watch?v=abc_DEF-123").as_deref(),
            Some("https://www.youtube-nocookie.com/embed/abc_DEF-123")
        );
        assert_eq!(video_embed_url("https://youtu.be/abc123").as_deref(), Some("https://www.youtube-nocookie.com/embed/abc123"));
        assert_eq!(video_embed_url("https://vimeo.com/76979871").as_deref(), Some("https://player.vimeo.com/video/76979871"));
        assert_eq!(video_embed_url("https://evil.example/embed/x"), None);
        assert_eq!(video_embed_url("https://www.youtube.com/watch?v=\"><script>"), None);
        assert_eq!(video_embed_url("javascript:alert(1)"), None);
    }

    fn mark(start: usize, end: usize, kind: MarkKind) -> Mark {
        Mark { start, end, kind }
    }

    #[test]
    fn marks_become_nested_tags_around_escaped_text() {
        let text = "The new bridge opened on Monday near <script>the market</script>.";
        let bold = (text.find("new").unwrap(), text.find(" opened").unwrap());
        let link_start = text.find("<script>").unwrap();
        let html = marked_text(
            text,
            &[
                mark(bold.0, bold.1, MarkKind::Bold),
                mark(text.find("Monday").unwrap(), text.find(" near").unwrap(), MarkKind::Italic),
                mark(link_start, text.len() - 1, MarkKind::Link { href: "https://example.org/m?a=1&b=\"2\"".into() }),
                mark(bold.0, bold.0 + 3, MarkKind::Italic),
            ],
        );
        assert_eq!(
            html,
            "The <strong><em>new</em> bridge</strong> opened on <em>Monday</em> near \
             <a href=\"https://example.org/m?a=1&amp;b=%222%22\" rel=\"nofollow noopener\">\
             &lt;script&gt;the market&lt;/script&gt;</a>."
        );
    }

    #[test]
    fn overlapping_marks_are_split_and_unsafe_links_dropped() {
        let text = "one two three";
        let html = marked_text(
            text,
            &[
                mark(0, 7, MarkKind::Bold),
                mark(4, 13, MarkKind::Italic),
                mark(0, 3, MarkKind::Link { href: "javascript:alert(1)".into() }),
                mark(8, 99, MarkKind::Bold),
            ],
        );
        assert_eq!(html, "<strong>one <em>two</em></strong><em> three</em>");
        assert_eq!(marked_text("a < b", &[]), "a &lt; b");
    }

    #[test]
    fn places_are_listed_once() {
        let places = vec!["Hà Tĩnh".to_string(), "hà tĩnh".to_string(), " ".to_string(), "Huế".to_string()];
        assert_eq!(distinct_places(&places), vec!["Hà Tĩnh", "Huế"]);
    }
}
