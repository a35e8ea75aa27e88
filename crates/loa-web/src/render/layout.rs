//! The frame every page shares: head, masthead, sections, language
//! switcher, footer.

use loa_domain::{Lang, CATEGORIES};

use super::{esc, Ctx};

/// One page's own parts; [`render`] wraps them in the frame.
#[derive(Default)]
pub struct Page {
    /// The page's own title (the site name is appended).
    pub title: String,
    pub description: String,
    /// Site path of this page (`/en/article/x`), for the canonical link.
    pub path: String,
    /// The languages this page exists in, with each one's path, this
    /// page's own language included. Empty: no switcher, no alternates.
    pub alternates: Vec<(Lang, String)>,
    pub prev_path: Option<String>,
    pub next_path: Option<String>,
    /// Finished HTML for `<head>` (JSON-LD).
    pub head_extra: String,
    /// The section to mark as current in the navigation.
    pub category: Option<&'static str>,
    /// What the search box shows.
    pub query: String,
    /// Finished HTML of `<main>`.
    pub main: String,
    /// Keep out of search engines (error pages, search results).
    pub noindex: bool,
    /// On an author's page, the author's name (their feeds are announced).
    pub author_name: Option<String>,
}

pub fn render(ctx: &Ctx<'_>, page: &Page) -> String {
    let lang = ctx.lang.code();
    let site_name = ctx.t("site-name");
    let full_title = if page.title.is_empty() || page.title == site_name {
        site_name.clone()
    } else {
        format!("{} · {}", page.title, site_name)
    };
    let mut h = String::with_capacity(16 * 1024);
    h.push_str("<!DOCTYPE html>\n");
    h.push_str(&format!("<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n"));
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str(&format!("<title>{}</title>\n", esc(&full_title)));
    if !page.description.is_empty() {
        h.push_str(&format!("<meta name=\"description\" content=\"{}\">\n", esc(&page.description)));
    }
    if page.noindex {
        h.push_str("<meta name=\"robots\" content=\"noindex\">\n");
    }
    if !page.path.is_empty() {
        h.push_str(&format!("<link rel=\"canonical\" href=\"{}\">\n", esc(&ctx.site.absolute(&page.path))));
    }
    for (alt_lang, path) in &page.alternates {
        h.push_str(&format!(
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n",
            alt_lang.code(),
            esc(&ctx.site.absolute(path))
        ));
    }
    if let Some(prev) = &page.prev_path {
        h.push_str(&format!("<link rel=\"prev\" href=\"{}\">\n", esc(&ctx.site.absolute(prev))));
    }
    if let Some(next) = &page.next_path {
        h.push_str(&format!("<link rel=\"next\" href=\"{}\">\n", esc(&ctx.site.absolute(next))));
    }
    h.push_str(&format!("<link rel=\"stylesheet\" href=\"{}\">\n", crate::handlers::reader::assets::stylesheet_path()));
    // Every page announces its language's feeds (Atom, RSS, JSON Feed); a
    // section or an author page also its own.
    let site_feed = ctx.locales.text_args(ctx.lang, "feed-title", &[("site", site_name.as_str().into())]);
    let mut feeds: Vec<(String, String)> = vec![(site_feed, format!("/{lang}/"))];
    if let Some(slug) = page.category.filter(|_| page.path.starts_with(&format!("/{lang}/category/"))) {
        let name = ctx.locales.category_name(ctx.lang, slug);
        let title = ctx.locales.text_args(
            ctx.lang,
            "feed-title-category",
            &[("site", site_name.as_str().into()), ("category", name.into())],
        );
        feeds.push((title, format!("/{lang}/category/{slug}/")));
    }
    if let (Some(slug), Some(name)) =
        (page.path.strip_prefix(&format!("/{lang}/author/")).map(|s| s.split(['/', '?']).next().unwrap_or("")), &page.author_name)
    {
        let title = ctx.locales.text_args(
            ctx.lang,
            "feed-title-author",
            &[("site", site_name.as_str().into()), ("author", name.as_str().into())],
        );
        feeds.push((title, format!("/{lang}/author/{slug}/")));
    }
    for (title, folder) in &feeds {
        for format in crate::render::feed::Format::ALL {
            h.push_str(&format!(
                "<link rel=\"alternate\" type=\"{}\" title=\"{}\" href=\"{folder}{}\">\n",
                format.mime(),
                esc(title),
                format.file()
            ));
        }
    }
    h.push_str(&page.head_extra);
    h.push_str("</head>\n<body>\n");
    h.push_str(&format!("<a class=\"skip-link\" href=\"#main\">{}</a>\n", ctx.th("skip-to-content")));
    h.push_str(&masthead(ctx, page, &site_name));
    h.push_str(&format!("<main id=\"main\" tabindex=\"-1\">\n{}\n</main>\n", page.main));
    h.push_str(&format!(
        "<footer class=\"site-footer\"><div class=\"wrap\"><p class=\"footer-name\">{}</p><p>{}</p></div></footer>\n",
        esc(&site_name),
        ctx.th("footer-text")
    ));
    h.push_str("</body>\n</html>\n");
    h
}

fn masthead(ctx: &Ctx<'_>, page: &Page, site_name: &str) -> String {
    let mut h = String::new();
    h.push_str("<header class=\"masthead\">\n<div class=\"wrap masthead-inner\">\n");
    h.push_str(&format!(
        "<a class=\"brand\" href=\"{}\"><span class=\"site-name\">{}</span><span class=\"tagline\">{}</span></a>\n",
        ctx.home_path(),
        esc(site_name),
        ctx.th("site-tagline")
    ));
    h.push_str(&format!(
        "<form class=\"site-search\" role=\"search\" action=\"/{}/search\" method=\"get\">\
         <label class=\"visually-hidden\" for=\"site-search-q\">{}</label>\
         <input id=\"site-search-q\" type=\"search\" name=\"q\" value=\"{}\" placeholder=\"{}\">\
         <button type=\"submit\">{}</button></form>\n",
        ctx.lang.code(),
        ctx.th("search-label"),
        esc(&page.query),
        ctx.th("search-placeholder"),
        ctx.th("search-button"),
    ));
    if page.alternates.len() > 1 {
        h.push_str(&language_switcher(ctx, &page.alternates));
    }
    h.push_str("</div>\n");
    h.push_str(&section_nav(ctx, page.category));
    h.push_str("</header>\n");
    h
}

/// Each language under its own name, marked with its `lang` so screen
/// readers pronounce it right and so it is not mistaken for interface text.
fn language_switcher(ctx: &Ctx<'_>, alternates: &[(Lang, String)]) -> String {
    let mut h = format!("<nav class=\"language-switcher\" aria-label=\"{}\"><ul>", ctx.th("language-switcher-label"));
    for (lang, path) in alternates {
        let code = lang.code();
        if *lang == ctx.lang {
            h.push_str(&format!(
                "<li><a href=\"{}\" lang=\"{code}\" hreflang=\"{code}\" aria-current=\"page\">{}</a></li>",
                esc(path),
                esc(lang.endonym())
            ));
        } else {
            h.push_str(&format!(
                "<li><a href=\"{}\" lang=\"{code}\" hreflang=\"{code}\">{}</a></li>",
                esc(path),
                esc(lang.endonym())
            ));
        }
    }
    h.push_str("</ul></nav>\n");
    h
}

fn section_nav(ctx: &Ctx<'_>, current: Option<&str>) -> String {
    let mut h = format!("<nav class=\"sections\" aria-label=\"{}\"><ul class=\"wrap\">", ctx.th("nav-label"));
    h.push_str(&format!("<li><a href=\"{}\">{}</a></li>", ctx.home_path(), ctx.th("nav-home")));
    for c in CATEGORIES {
        let current_attr = if current == Some(c.slug) { " aria-current=\"page\"" } else { "" };
        h.push_str(&format!(
            "<li><a href=\"{}\"{current_attr}>{}</a></li>",
            ctx.category_path(c.slug),
            esc(&ctx.locales.category_name(ctx.lang, c.slug))
        ));
    }
    h.push_str("</ul></nav>\n");
    h
}

/// Previous/next links and "page N of M".
pub fn pagination(ctx: &Ctx<'_>, page: i64, pages: i64, prev: Option<&str>, next: Option<&str>) -> String {
    if pages <= 1 {
        return String::new();
    }
    let mut h = format!("<nav class=\"pagination\" aria-label=\"{}\">", ctx.th("pagination-label"));
    if let Some(prev) = prev {
        h.push_str(&format!("<a rel=\"prev\" href=\"{}\">{}</a>", esc(prev), ctx.th("pagination-previous")));
    }
    h.push_str(&format!(
        "<span class=\"page-of\">{}</span>",
        ctx.tah("pagination-page-of", &[("page", page.into()), ("pages", pages.into())])
    ));
    if let Some(next) = next {
        h.push_str(&format!("<a rel=\"next\" href=\"{}\">{}</a>", esc(next), ctx.th("pagination-next")));
    }
    h.push_str("</nav>");
    h
}
