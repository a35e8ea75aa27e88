//! HTML rendering: plain functions that build strings.
//!
//! The rule that keeps this safe: text from the store, the reader or the
//! locale files is only ever put into a page through [`esc`] (or [`url_attr`]
//! for links), and functions returning `String` return finished HTML.

pub mod article;
pub mod audit;
pub mod cards;
pub mod feed;
pub mod layout;
pub mod newsroom;
pub mod sources;

use chrono::{DateTime, SecondsFormat, Utc};
use loa_domain::Lang;
use loa_i18n::{FluentValue, Locales};

use crate::SiteConfig;

/// Escapes text for HTML element content and quoted attribute values.
pub use loa_domain::escape_html as esc;

/// A URL fit for `href`/`src`, escaped; `None` for anything but `http(s)`
/// absolute URLs and same-site paths (`javascript:`, `data:` and
/// protocol-relative `//host` are refused).
pub fn url_attr(url: &str) -> Option<String> {
    let url = url.trim();
    if url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\") {
        return Some(esc(url));
    }
    let parsed = url::Url::parse(url).ok()?;
    match parsed.scheme() {
        "http" | "https" if parsed.host_str().is_some() => Some(esc(parsed.as_str())),
        _ => None,
    }
}

/// An instant as ISO 8601 / RFC 3339 for `<time datetime>` and JSON-LD.
/// ` width="W" height="H"` when the image's size is known, so the browser
/// reserves its box before it loads; nothing otherwise.
pub fn size_attrs(fig: &loa_domain::Figure) -> String {
    match (fig.width, fig.height) {
        (Some(w), Some(h)) if w > 0 && h > 0 => format!(" width=\"{w}\" height=\"{h}\""),
        _ => String::new(),
    }
}

/// How wide a picture shows, for `sizes`: the story column (70ch, about
/// 40rem) or a card of the grid.
pub const STORY_SIZES: &str = "(min-width: 44rem) 40rem, 100vw";
pub const CARD_SIZES: &str = "(min-width: 64rem) 20rem, (min-width: 40rem) 45vw, 100vw";

/// A stored picture as HTML: an `<img>` with its size and, when loa made
/// smaller copies, `srcset` and `sizes` so each screen loads what it
/// shows, with the WebP copies offered first in a `<picture>`. `lazy` for
/// pictures below the fold; the first of a page loads at once. `None`
/// when the address is not one the site serves.
pub fn picture(fig: &loa_domain::Figure, alt: &str, class: &str, sizes: &str, lazy: bool) -> Option<String> {
    let src = url_attr(&fig.src)?;
    let is_webp = |mime: &str| mime == "image/webp";
    let original_webp = fig.src.ends_with(".webp");
    let set = |webp: bool| -> Vec<String> {
        fig.renditions
            .iter()
            .filter(|r| is_webp(&r.mime) == webp)
            .filter_map(|r| url_attr(&r.src).map(|s| format!("{s} {}w", r.width)))
            .collect()
    };
    let mut own = set(original_webp);
    let loading = if lazy { " loading=\"lazy\"" } else { " fetchpriority=\"high\"" };
    let class_attr = if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") };
    if own.is_empty() {
        return Some(format!(
            "<img{class_attr} src=\"{src}\" alt=\"{}\"{}{loading} decoding=\"async\">",
            esc(alt),
            size_attrs(fig)
        ));
    }
    if let Some(w) = fig.width {
        own.push(format!("{src} {w}w"));
    }
    let img = format!(
        "<img{class_attr} src=\"{src}\" srcset=\"{}\" sizes=\"{sizes}\" alt=\"{}\"{}{loading} decoding=\"async\">",
        own.join(", "),
        esc(alt),
        size_attrs(fig)
    );
    let webp = if original_webp { Vec::new() } else { set(true) };
    if webp.is_empty() {
        return Some(img);
    }
    Some(format!("<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">{img}</picture>", webp.join(", ")))
}

pub fn iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// What every renderer needs: the page language and its strings.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub lang: Lang,
    pub locales: &'a Locales,
    pub site: &'a SiteConfig,
}

impl<'a> Ctx<'a> {
    /// A message, unescaped (for attribute or text use, escape it).
    pub fn t(&self, id: &str) -> String {
        self.locales.text(self.lang, id)
    }

    /// A message, escaped for HTML.
    pub fn th(&self, id: &str) -> String {
        esc(&self.t(id))
    }

    /// A message with arguments, escaped for HTML.
    pub fn tah(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        esc(&self.locales.text_args(self.lang, id, args))
    }

    /// A message with one argument replaced by ready HTML (a link around a
    /// name): the message is formatted with a marker, escaped, and the
    /// marker swapped for `html`, so translators control word order.
    pub fn t_with_html(&self, id: &str, arg: &str, html: &str) -> String {
        const MARK: &str = "\u{E000}";
        let text = self.locales.text_args(self.lang, id, &[(arg, MARK.into())]);
        esc(&text).replacen(MARK, html, 1)
    }

    /// A date as the page's locale writes it, in a `<time>` element.
    pub fn time(&self, at: DateTime<Utc>) -> String {
        format!("<time datetime=\"{}\">{}</time>", iso(at), esc(&self.locales.format_date(self.lang, at)))
    }

    /// A date and time of day (UTC) as the page's locale writes it, in a
    /// `<time>` element.
    pub fn moment(&self, at: DateTime<Utc>) -> String {
        format!("<time datetime=\"{}\">{}</time>", iso(at), esc(&self.locales.format_date_time(self.lang, at)))
    }

    pub fn home_path(&self) -> String {
        format!("/{}/", self.lang.code())
    }

    pub fn article_path(&self, slug: &str) -> String {
        article_path(self.lang, slug)
    }

    pub fn category_path(&self, slug: &str) -> String {
        format!("/{}/category/{}", self.lang.code(), slug)
    }

    pub fn author_path(&self, slug: &str) -> String {
        format!("/{}/author/{}", self.lang.code(), slug)
    }
}

pub fn article_path(lang: Lang, slug: &str) -> String {
    format!("/{}/article/{}", lang.code(), slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn refuses_dangerous_urls() {
        assert_eq!(url_attr("javascript:alert(1)"), None);
        assert_eq!(url_attr("data:text/html,x"), None);
        assert_eq!(url_attr("//evil.example/x"), None);
        assert_eq!(url_attr("/media/a b.jpg").as_deref(), Some("/media/a b.jpg"));
        assert_eq!(url_attr("https://baohatinh.vn/a?x=1&y=\"2\"").as_deref(), Some("https://baohatinh.vn/a?x=1&amp;y=%222%22"));
    }
}
