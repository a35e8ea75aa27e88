//! The outlet's pages and feed, rendered as strings.
//!
//! Article pages are deliberately dressed like a real news site: navigation,
//! breadcrumb, share buttons, related stories, footer and a cookie banner all
//! surround the `<article>`, so that loa's extractor has boilerplate to drop.

use std::fmt::Write;

use loa_domain::{Category, Lang, CATEGORIES};

use crate::article::{DemoArticle, DemoBlock};
use crate::svg;
use crate::DemoOutlet;

/// Escapes text for HTML and XML content and attribute values.
pub use loa_domain::escape_html as escape;

/// Interface words of the outlet's page chrome, in the article's language.
struct Chrome {
    home: &'static str,
    tagline: &'static str,
    by: &'static str,
    share: &'static str,
    related: &'static str,
    read_in: &'static str,
    cookies: &'static str,
    accept: &'static str,
    about: &'static str,
    contact: &'static str,
    rights: &'static str,
    subscribe: &'static str,
    comments: &'static str,
    no_comments: &'static str,
}

fn chrome(lang: Lang) -> Chrome {
    match lang {
        Lang::Ru => Chrome {
            home: "Главная",
            tagline: "Новости центрального побережья Вьетнама",
            by: "Автор:",
            share: "Поделиться",
            related: "Читайте также",
            read_in: "Читать на английском",
            cookies: "Мы используем файлы cookie, чтобы сайт работал быстрее.",
            accept: "Принять",
            about: "О редакции",
            contact: "Контакты",
            rights: "Все права защищены.",
            subscribe: "Подписаться на рассылку",
            comments: "Комментарии",
            no_comments: "Комментариев пока нет.",
        },
        Lang::Vi => Chrome {
            home: "Trang chủ",
            tagline: "Tin tức miền Trung Việt Nam",
            by: "Tác giả:",
            share: "Chia sẻ",
            related: "Tin liên quan",
            read_in: "Đọc bằng tiếng Anh",
            cookies: "Chúng tôi sử dụng cookie để trang web hoạt động tốt hơn.",
            accept: "Đồng ý",
            about: "Giới thiệu",
            contact: "Liên hệ",
            rights: "Bảo lưu mọi quyền.",
            subscribe: "Đăng ký nhận bản tin",
            comments: "Bình luận",
            no_comments: "Chưa có bình luận nào.",
        },
        _ => Chrome {
            home: "Home",
            tagline: "News from Vietnam's central coast and beyond",
            by: "By",
            share: "Share",
            related: "Related stories",
            read_in: "Đọc bằng tiếng Việt",
            cookies: "We use cookies to keep this site fast and to count our readers.",
            accept: "Accept",
            about: "About us",
            contact: "Contact",
            rights: "All rights reserved.",
            subscribe: "Subscribe to the newsletter",
            comments: "Comments",
            no_comments: "Be the first to comment.",
        },
    }
}

/// The section's name as the outlet prints it in `lang`. These labels are
/// also what the feed's `<category>` carries.
pub fn section_label(category: Category, lang: Lang) -> &'static str {
    let i = CATEGORIES.iter().position(|c| *c == category).unwrap_or(0);
    let labels: [&str; 9] = match lang {
        Lang::Ru => [
            "Новости",
            "Политическая система",
            "Местные новости",
            "Наследие",
            "Люди",
            "Экономика",
            "Продукты",
            "Путешествия",
            "Видео",
        ],
        Lang::Vi => ["Tin tức", "Chính trị", "Địa phương", "Di sản", "Nhân vật", "Kinh doanh", "Sản phẩm", "Du lịch", "Video"],
        _ => ["News", "Political system", "Local", "Heritage", "Figures", "Business", "Products", "Travel", "Video"],
    };
    labels[i]
}

fn head_common(out: &mut String, title: &str, description: &str) {
    let _ = write!(
        out,
        "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Central Coast Herald\" href=\"/rss.xml\">\n<style>body{{font-family:Georgia,serif;margin:0;color:#222}}.site-header,.site-footer{{background:#12355b;color:#fff;padding:1em}}.site-header a,.site-footer a{{color:#fff}}main{{max-width:760px;margin:auto;padding:1em}}img{{max-width:100%;height:auto}}.lead{{font-size:1.2em;font-weight:bold}}.cookie-banner{{position:fixed;bottom:0;background:#eee;padding:1em}}</style>\n<script>window.dataLayer=window.dataLayer||[];function track(e){{dataLayer.push(e)}}</script>\n",
        escape(title),
        escape(description)
    );
}

fn site_header(out: &mut String, outlet: &DemoOutlet, lang: Lang) {
    let ch = chrome(lang);
    let _ = write!(
        out,
        "<header class=\"site-header\">\n<div class=\"brand\"><a href=\"/\" class=\"logo\">{}</a> <span class=\"tagline\">{}</span></div>\n<nav class=\"main-menu\" aria-label=\"sections\"><ul>\n<li><a href=\"/\">{}</a></li>\n",
        escape(outlet.name()),
        escape(ch.tagline),
        escape(ch.home)
    );
    for c in CATEGORIES {
        let _ = writeln!(out, "<li><a href=\"/section/{}/\">{}</a></li>", c.slug, escape(section_label(c, lang)));
    }
    let _ = write!(
        out,
        "</ul></nav>\n<form class=\"search\" action=\"/search\" method=\"get\"><input type=\"search\" name=\"q\" placeholder=\"Search\"><button>Search</button></form>\n</header>\n<div class=\"ad-slot\" data-ad=\"leaderboard\">Advertisement</div>\n"
    );
}

fn site_footer(out: &mut String, outlet: &DemoOutlet, lang: Lang) {
    let ch = chrome(lang);
    let _ = write!(
        out,
        "<footer class=\"site-footer\">\n<p>© 2026 {}. {}</p>\n<ul class=\"footer-links\"><li><a href=\"/about.html\">{}</a></li><li><a href=\"/about.html#contact\">{}</a></li><li><a href=\"/rss.xml\">RSS</a></li></ul>\n<form class=\"newsletter\"><label>{} <input type=\"email\" name=\"email\"></label><button>OK</button></form>\n<p class=\"address\">12 Trần Phú, Đồng Hới, Quảng Bình · +84 232 555 0147</p>\n</footer>\n<div class=\"cookie-banner\" id=\"cookie-banner\" role=\"dialog\"><p>{}</p><button onclick=\"document.getElementById('cookie-banner').remove()\">{}</button></div>\n",
        escape(outlet.name()),
        escape(ch.rights),
        escape(ch.about),
        escape(ch.contact),
        escape(ch.subscribe),
        escape(ch.cookies),
        escape(ch.accept)
    );
}

/// Serialises JSON for a `<script>` element: `</` cannot end the element early.
fn script_json(value: &serde_json::Value) -> String {
    value.to_string().replace("</", "<\\/")
}

/// The article page. `base` is the absolute origin, e.g. `http://127.0.0.1:8123`.
pub fn article_page(outlet: &DemoOutlet, article: &DemoArticle, base: &str) -> String {
    let lang = article.lang;
    let ch = chrome(lang);
    let url = format!("{base}{}", article.path());
    let section = section_label(article.category, lang);
    let first_image = article.figures().next().map(|_| format!("{base}{}", article.image_path(1)));
    let mut out = String::with_capacity(24_000);
    let _ = write!(out, "<!doctype html>\n<html lang=\"{}\">\n<head>\n", lang.code());
    head_common(&mut out, &format!("{} | {}", article.title, outlet.name()), &article.lead);
    let _ = writeln!(out, "<link rel=\"canonical\" href=\"{}\">", escape(&url));
    for (alt_lang, alt_url) in outlet.alternates(article) {
        let _ = writeln!(out, "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}{}\">", alt_lang.code(), base, escape(&alt_url));
    }
    let meta = |out: &mut String, property: &str, content: &str| {
        let _ = writeln!(out, "<meta property=\"{property}\" content=\"{}\">", escape(content));
    };
    meta(&mut out, "og:site_name", outlet.name());
    meta(&mut out, "og:type", "article");
    meta(&mut out, "og:title", &article.title);
    meta(&mut out, "og:description", &article.lead);
    meta(&mut out, "og:url", &url);
    if let Some(img) = &first_image {
        meta(&mut out, "og:image", img);
    }
    meta(&mut out, "og:locale", lang.code());
    meta(&mut out, "article:published_time", &article.published.to_rfc3339());
    meta(&mut out, "article:modified_time", &article.modified().to_rfc3339());
    meta(&mut out, "article:section", section);
    meta(&mut out, "article:author", &article.author);
    for tag in &article.tags {
        meta(&mut out, "article:tag", tag);
    }
    let json_ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.published.to_rfc3339(),
        "dateModified": article.modified().to_rfc3339(),
        "author": { "@type": "Person", "name": article.author },
        "publisher": { "@type": "NewsMediaOrganization", "name": outlet.name(), "url": format!("{base}/") },
        "articleSection": section,
        "keywords": article.tags.join(", "),
        "contentLocation": article.places.iter().map(|p| serde_json::json!({"@type": "Place", "name": p})).collect::<Vec<_>>(),
        "inLanguage": lang.code(),
        "image": first_image,
    });
    let _ = write!(
        out,
        "<script type=\"application/ld+json\">{}</script>\n</head>\n<body class=\"article-page\">\n",
        script_json(&json_ld)
    );
    site_header(&mut out, outlet, lang);
    let _ = write!(
        out,
        "<main>\n<nav class=\"breadcrumb\" aria-label=\"breadcrumb\"><a href=\"/\">{}</a> › <a href=\"/section/{}/\">{}</a></nav>\n<article class=\"story\" itemscope itemtype=\"https://schema.org/NewsArticle\">\n<header class=\"story-header\">\n<h1 itemprop=\"headline\">{}</h1>\n<div class=\"byline\">{} <a rel=\"author\" class=\"author\" href=\"/author/{}/\">{}</a> · <time datetime=\"{}\">{}</time></div>\n",
        escape(ch.home),
        article.category.slug,
        escape(section),
        escape(&article.title),
        escape(ch.by),
        loa_domain::slugify(&article.author),
        escape(&article.author),
        article.published.to_rfc3339(),
        article.published.format("%d/%m/%Y %H:%M")
    );
    if !article.places.is_empty() {
        out.push_str("<ul class=\"places\">");
        for p in &article.places {
            let _ = write!(out, "<li><a href=\"/place/{}/\">{}</a></li>", loa_domain::slugify(p), escape(p));
        }
        out.push_str("</ul>\n");
    }
    let _ = write!(
        out,
        "</header>\n<p class=\"lead\">{}</p>\n<div class=\"story-body\" itemprop=\"articleBody\">\n",
        escape(&article.lead)
    );
    let mut figure_number = 0;
    for block in &article.body {
        match block {
            DemoBlock::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", escape(text));
            }
            DemoBlock::Figure(fig) => {
                figure_number += 1;
                let _ = writeln!(
                    out,
                    "<figure class=\"story-image\"><img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\" loading=\"lazy\"><figcaption>{}</figcaption></figure>",
                    article.image_path(figure_number),
                    escape(&fig.alt),
                    svg::WIDTH,
                    svg::HEIGHT,
                    escape(&fig.caption)
                );
            }
            DemoBlock::Video { id, title } => {
                // Lazy-embed themes keep a still for the player in
                // `data-poster`; the outlet uses the story's first picture.
                let poster = article.body.iter().any(|b| matches!(b, DemoBlock::Figure(_))).then(|| article.image_path(1));
                let poster_attr = poster.map(|p| format!(" data-poster=\"{}\"", escape(&p))).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "<figure class=\"story-video\"><iframe src=\"https://www.youtube.com/embed/{}\" title=\"{}\"{poster_attr} width=\"960\" height=\"540\" frameborder=\"0\" allowfullscreen></iframe><figcaption>{}</figcaption></figure>",
                    escape(id),
                    escape(title),
                    escape(title)
                );
            }
        }
    }
    out.push_str("</div>\n");
    let alternates = outlet.alternates(article);
    if let Some((_, alt_url)) = alternates.first() {
        let _ = writeln!(out, "<p class=\"translation-link\"><a href=\"{}\">{}</a></p>", escape(alt_url), escape(ch.read_in));
    }
    out.push_str("<ul class=\"tags\">");
    for tag in &article.tags {
        let _ = write!(out, "<li><a href=\"/tag/{}/\">{}</a></li>", loa_domain::slugify(tag), escape(tag));
    }
    out.push_str("</ul>\n</article>\n");
    let enc_url = url.replace(':', "%3A").replace('/', "%2F");
    let _ = write!(
        out,
        "<aside class=\"share\"><span>{}</span> <a href=\"https://www.facebook.com/sharer/sharer.php?u={enc_url}\">Facebook</a> <a href=\"https://zalo.me/share?url={enc_url}\">Zalo</a> <a href=\"https://twitter.com/intent/tweet?url={enc_url}\">X</a> <button onclick=\"navigator.clipboard.writeText(location.href)\">Copy link</button></aside>\n<aside class=\"related\"><h2>{}</h2><ul>\n",
        escape(ch.share),
        escape(ch.related)
    );
    for other in outlet.related(article, 4) {
        let _ = writeln!(out, "<li><a href=\"{}\">{}</a></li>", other.path(), escape(&other.title));
    }
    let _ = write!(
        out,
        "</ul></aside>\n<div class=\"comments\" id=\"comments\"><h2>{} (0)</h2><p>{}</p></div>\n</main>\n",
        escape(ch.comments),
        escape(ch.no_comments)
    );
    site_footer(&mut out, outlet, lang);
    out.push_str("</body>\n</html>\n");
    out
}

fn listing(out: &mut String, articles: &[&DemoArticle]) {
    out.push_str("<ul class=\"story-list\">\n");
    for a in articles {
        let thumb = if a.figures().next().is_some() {
            format!("<img src=\"{}\" alt=\"\" width=\"240\" height=\"135\">", a.image_path(1))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<li class=\"teaser\" lang=\"{}\">{thumb}<h2><a href=\"{}\">{}</a></h2><p class=\"meta\"><span class=\"section\">{}</span> · <time datetime=\"{}\">{}</time> · {}</p><p>{}</p></li>",
            a.lang.code(),
            a.path(),
            escape(&a.title),
            escape(section_label(a.category, a.lang)),
            a.published.to_rfc3339(),
            a.published.format("%d/%m/%Y"),
            escape(&a.author),
            escape(&a.lead)
        );
    }
    out.push_str("</ul>\n");
}

/// A listing page: the home page (`category` none) or one section.
pub fn index_page(outlet: &DemoOutlet, category: Option<Category>) -> String {
    let mut articles: Vec<&DemoArticle> =
        outlet.articles().iter().filter(|a| a.is_original() && category.is_none_or(|c| a.category == c)).collect();
    articles.sort_by_key(|a| std::cmp::Reverse(a.published));
    let title = match category {
        Some(c) => format!("{} | {}", section_label(c, Lang::En), outlet.name()),
        None => format!("{} | {}", outlet.name(), chrome(Lang::En).tagline),
    };
    let mut out = String::from("<!doctype html>\n<html lang=\"en\">\n<head>\n");
    head_common(&mut out, &title, chrome(Lang::En).tagline);
    out.push_str("</head>\n<body class=\"index\">\n");
    site_header(&mut out, outlet, Lang::En);
    let _ = writeln!(out, "<main>\n<h1>{}</h1>", escape(&title));
    listing(&mut out, &articles);
    out.push_str("</main>\n");
    site_footer(&mut out, outlet, Lang::En);
    out.push_str("</body>\n</html>\n");
    out
}

pub fn about_page(outlet: &DemoOutlet) -> String {
    let mut out = String::from("<!doctype html>\n<html lang=\"en\">\n<head>\n");
    head_common(&mut out, &format!("About us | {}", outlet.name()), "Who we are");
    out.push_str("</head>\n<body>\n");
    site_header(&mut out, outlet, Lang::En);
    let _ = writeln!(
        out,
        "<main><h1>About the {0}</h1><p>The {0} is a fictional provincial newspaper. It exists only inside loa's demo, so that the platform can show its whole pipeline on content it is free to publish.</p><h2 id=\"contact\">Contact</h2><p>newsroom@herald.invalid</p></main>",
        escape(outlet.name())
    );
    site_footer(&mut out, outlet, Lang::En);
    out.push_str("</body>\n</html>\n");
    out
}

/// RSS 2.0 with every original article; links are absolute under `base`.
pub fn rss(outlet: &DemoOutlet, base: &str) -> String {
    let mut articles: Vec<&DemoArticle> = outlet.articles().iter().filter(|a| a.is_original()).collect();
    articles.sort_by_key(|a| std::cmp::Reverse(a.published));
    let mut out = String::with_capacity(32_000);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n<title>{}</title>\n<link>{base}/</link>\n<atom:link href=\"{base}/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n<description>{}</description>\n<language>en</language>\n",
        escape(outlet.name()),
        escape(chrome(Lang::En).tagline)
    );
    if let Some(latest) = articles.first() {
        let _ = writeln!(out, "<lastBuildDate>{}</lastBuildDate>", latest.modified().to_rfc2822());
    }
    for a in articles {
        let link = format!("{base}{}", a.path());
        let _ = write!(
            out,
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"true\">{}</guid>\n<pubDate>{}</pubDate>\n<dc:creator>{}</dc:creator>\n<category>{}</category>\n<description>{}</description>\n",
            escape(&a.title),
            escape(&link),
            escape(&link),
            a.published.to_rfc2822(),
            escape(&a.author),
            escape(section_label(a.category, a.lang)),
            escape(&a.lead)
        );
        if let Some(fig) = a.figures().next() {
            let bytes = svg::render(fig.scene, &a.slug, 1, &fig.alt).len();
            let _ = writeln!(out, "<enclosure url=\"{base}{}\" length=\"{bytes}\" type=\"image/svg+xml\"/>", a.image_path(1));
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a<b>&\"c\"'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;");
    }

    #[test]
    fn section_labels_map_back_to_their_section() {
        // loa files feed items by their <category> label, in any language.
        for lang in [Lang::En, Lang::Ru, Lang::Vi] {
            for c in CATEGORIES {
                assert_eq!(Category::from_label(section_label(c, lang)), c, "{lang} {}", c.slug);
            }
        }
    }

    #[test]
    fn json_in_script_cannot_close_the_element() {
        let v = serde_json::json!({"headline": "a </script><script>alert(1)"});
        assert!(!script_json(&v).contains("</script>"));
    }
}
