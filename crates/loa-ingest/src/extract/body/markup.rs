//! What an element's markup says about it: its tag, its class and id
//! words, whether it is hidden, whether it is a video player.

use scraper::ElementRef;

/// Elements that never hold article text.
pub(in crate::extract) const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button", "select", "input", "textarea", "svg",
    "canvas", "object", "embed", "label", "dialog", "menu", "header", "head", "title", "meta", "link", "option", "math", "map",
    "audio",
];

/// Elements that are never text, whoever chose the container: code,
/// styling, document head, controls and embedded objects.
pub(super) const NEVER_TEXT_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "button", "select", "input", "textarea",
    "option", "label", "svg", "canvas", "object", "embed", "math", "map", "audio", "dialog",
];

/// Elements that start a new block of text.
pub(super) const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "body",
    "html",
    "picture",
    "caption",
];

/// class/id words marking boilerplate containers.
const NEGATIVE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "sidebar",
    "share",
    "sharing",
    "shares",
    "social",
    "related",
    "tags",
    "comment",
    "comments",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "advertising",
    "promo",
    "sponsored",
    "sponsor",
    "newsletter",
    "subscribe",
    "subscription",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "popup",
    "modal",
    "cookie",
    "cookies",
    "banner",
    "widget",
    "toolbar",
    "pagination",
    "pager",
    "print",
    "hidden",
    "hide",
    "recommended",
    "recommendations",
    "recirc",
    "trending",
    "popular",
    "signup",
    "outbrain",
    "taboola",
    "disqus",
    "rail",
    "masthead",
    "skip",
    "dateline",
    "timestamp",
    "author",
    "bio",
    "caption",
    "credit",
    "copyright",
    "tools",
    "toc",
    "teaser",
    "follow",
    "donate",
    "paywall",
    "gdpr",
    "consent",
    "sronly",
    "visuallyhidden",
    "offscreen",
    "more",
    "readmore",
    "topics",
    "meta",
    "embed",
    "feedback",
    "rating",
    "disclaimer",
    "next",
    "prev",
    "previous",
    "nextprev",
    "prevnext",
    // German, French, Spanish, Portuguese, Italian
    "werbung",
    "anzeige",
    "kommentar",
    "kommentare",
    "teilen",
    "empfehlung",
    "empfehlungen",
    "weitere",
    "pub",
    "publicite",
    "partage",
    "commentaires",
    "publicidad",
    "comentarios",
    "relacionados",
    "relacionadas",
    "compartir",
    "publicidade",
    "commenti",
    "correlati",
    // Vietnamese, Russian and Chinese sites' ASCII spellings
    "quangcao",
    "binhluan",
    "lienquan",
    "tinlienquan",
    "cungchuyenmuc",
    "chiase",
    "tinkhac",
    "reklama",
    "kommentarii",
    "guanggao",
    "pinglun",
    "xiangguan",
    "xgxw",
];

/// class/id words marking the article body.
const POSITIVE_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "text",
    "story",
    "blog",
    "prose",
    "richtext",
    "paragraph",
    "news",
    "detail",
    "single",
    // German, French, Spanish, Portuguese, Italian
    "artikel",
    "beitrag",
    "inhalt",
    "haupttext",
    "artikeltext",
    "fliesstext",
    "textabschnitt",
    "contenu",
    "texte",
    "corps",
    "contenido",
    "noticia",
    "cuerpo",
    "texto",
    "conteudo",
    "materia",
    "testo",
    "articolo",
    // Vietnamese, Russian and Chinese sites' ASCII spellings
    "noidung",
    "chitiet",
    "baiviet",
    "statya",
    "novost",
    "tekst",
    "zhengwen",
];

/// Class names that CMSs put on the article body itself.
pub(super) const STRONG_BODY_WORDS: &[&str] = &[
    "articlebody",
    "storybody",
    "entrycontent",
    "postcontent",
    "articlecontent",
    "articletext",
    "postbody",
    "storycontent",
    "entrybody",
    "posttext",
    "storytext",
    "articlecopy",
    "bodytext",
    "newstext",
    "newsbody",
    "artikeltext",
    "beitragstext",
    "noidungchitiet",
    "corpsarticle",
    "cuerponoticia",
];

pub(super) fn class_words(el: &ElementRef) -> Vec<String> {
    let v = el.value();
    let mut words = Vec::new();
    for attr in [v.attr("class"), v.attr("id")].into_iter().flatten() {
        for token in attr.split_whitespace() {
            let lower = token.to_ascii_lowercase();
            // "article-body" gives "article", "body" and "articlebody".
            let parts: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()).collect();
            if parts.is_empty() {
                continue;
            }
            if parts.len() > 1 {
                words.push(parts.concat());
            }
            words.extend(parts.iter().map(|p| p.to_string()));
            // camelCase ids ("relatedStories"); the split depends only on
            // the token, so it runs once per token (this function is hot).
            let mut cur = String::new();
            for (i, c) in token.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 && !cur.is_empty() {
                    words.push(cur.to_ascii_lowercase());
                    cur.clear();
                }
                if c.is_ascii_alphanumeric() {
                    cur.push(c);
                } else if !cur.is_empty() {
                    words.push(cur.to_ascii_lowercase());
                    cur.clear();
                }
            }
            if !cur.is_empty() {
                words.push(cur.to_ascii_lowercase());
            }
        }
    }
    words.sort();
    words.dedup();
    words
}

pub(super) fn has_negative(words: &[String]) -> bool {
    words.iter().any(|w| NEGATIVE_WORDS.contains(&w.as_str()))
}

/// Words that mark boilerplate even next to a positive word
/// ("comment-content", "related-articles").
pub(super) fn has_strict_negative(words: &[String]) -> bool {
    const STRICT: &[&str] = &[
        "comment",
        "comments",
        "disqus",
        "related",
        "share",
        "sharing",
        "social",
        "footer",
        "nav",
        "navigation",
        "menu",
        "newsletter",
        "promo",
        "outbrain",
        "taboola",
        "breadcrumb",
        "breadcrumbs",
        "recommended",
        "advert",
        "advertisement",
        "byline",
        "ad",
        "ads",
    ];
    words.iter().any(|w| STRICT.contains(&w.as_str()))
}

pub(super) fn has_positive(words: &[String]) -> bool {
    words.iter().any(|w| POSITIVE_WORDS.contains(&w.as_str()))
}

/// Hidden by markup: the reader never sees it.
pub(super) fn is_hidden(el: &ElementRef) -> bool {
    let v = el.value();
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    v.attr("style").is_some_and(|style| {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Hidden by markup, or a page-structure role that is never the article.
pub(in crate::extract) fn is_hidden_or_chrome(el: &ElementRef) -> bool {
    let v = el.value();
    if is_hidden(el) {
        return true;
    }
    matches!(
        v.attr("role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo" | "menu" | "menubar" | "dialog" | "search" | "alert")
    )
}

pub(super) fn is_video_iframe(el: &ElementRef) -> bool {
    el.value().name() == "iframe" && el.value().attr("src").or_else(|| el.value().attr("data-src")).is_some_and(is_video_host)
}

pub(super) fn is_video_host(src: &str) -> bool {
    let s = src.to_ascii_lowercase();
    ["youtube.com/", "youtube-nocookie.com/", "youtu.be/", "vimeo.com/", "dailymotion.com/", "dai.ly/"]
        .iter()
        .any(|h| s.contains(h))
}

/// A cheap necessary condition for `class_words` to yield one of `words`:
/// every word it makes is a run of one class or id token's ASCII letters
/// and digits, lower-cased, so it is a substring of that token with
/// everything else removed. Saves the allocations of `class_words` on the
/// many elements `holds_article` visits.
pub(super) fn may_have_class_word(v: &scraper::node::Element, words: &[&str]) -> bool {
    let mut key = String::new();
    for attr in [v.attr("class"), v.attr("id")].into_iter().flatten() {
        for token in attr.split_whitespace() {
            key.clear();
            key.extend(token.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()));
            if words.iter().any(|w| key.contains(w)) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    //! The allocation-free shortcut must agree with the code it stands in for.
    use super::*;
    use scraper::{Html, Selector};

    #[test]
    fn class_word_prefilter_never_rejects_a_match() {
        let classes = [
            "article-body",
            "ArticleBody",
            "story__body main",
            "xArticlebody",
            "post_content",
            "entry-content-wrap",
            "c-entry-content",
            "articleText",
            "body",
            "article body",
            "news-text-2",
            "üarticleübodyü",
        ];
        let mut matches = 0;
        for class in classes {
            let html = format!("<div class=\"{class}\" id=\"{class}\">x</div>");
            let doc = Html::parse_fragment(&html);
            let div = doc.select(&Selector::parse("div").unwrap()).next().unwrap();
            let exact = class_words(&div).iter().any(|w| STRONG_BODY_WORDS.contains(&w.as_str()));
            if exact {
                matches += 1;
                assert!(may_have_class_word(div.value(), STRONG_BODY_WORDS), "{class}");
            }
        }
        assert!(matches >= 6, "only {matches} of the samples name a body class");
        let doc = Html::parse_fragment("<div class='sidebar nav' id='menu'>x</div>");
        let div = doc.select(&Selector::parse("div").unwrap()).next().unwrap();
        assert!(!may_have_class_word(div.value(), STRONG_BODY_WORDS));
    }
}
