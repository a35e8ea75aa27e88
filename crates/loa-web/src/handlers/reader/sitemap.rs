//! Sitemaps as search engines read them. `/sitemap.xml` is a sitemap
//! index naming, per offered language, the pages of that language's
//! sitemap (`/sitemaps/{lang}-{n}.xml`: its front page, then every public
//! edition with its language alternates, `lastmod` from the edition's last
//! change and its lead picture as an image entry) and its Google News
//! sitemap (`/sitemaps/news-{lang}.xml`: the stories of the last two
//! days). A page holds at most [`URLS_PER_SITEMAP`] addresses, well under
//! the protocol's 50,000 URLs and 50 MB with ten alternates each.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use loa_domain::Lang;

use crate::handlers::PageError;
use crate::render::{esc, iso};
use crate::AppState;

/// Addresses per sitemap page: about 1.5 KB each with ten alternates and a
/// picture, so a full page stays near 30 MB.
pub const URLS_PER_SITEMAP: i64 = 20_000;
/// Google News reads at most 1,000 stories per news sitemap.
const NEWS_MAX: i64 = 1_000;

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

pub async fn sitemap(State(state): State<AppState>) -> Response {
    xml_answer(index(&state).await)
}

pub async fn child(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(stem) = file.strip_suffix(".xml") else { return StatusCode::NOT_FOUND.into_response() };
    if let Some(code) = stem.strip_prefix("news-") {
        return match state.site.page_lang(code) {
            Some(lang) => xml_answer(news(&state, lang).await),
            None => StatusCode::NOT_FOUND.into_response(),
        };
    }
    let Some((code, n)) = stem.rsplit_once('-') else { return StatusCode::NOT_FOUND.into_response() };
    let (Some(lang), Ok(n)) = (state.site.page_lang(code), n.parse::<i64>()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match pages_of(&state, lang).await {
        Ok(pages) if (1..=pages).contains(&n) => xml_answer(language_page(&state, lang, n).await),
        Ok(_) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => xml_answer(Err(e)),
    }
}

fn xml_answer(result: Result<String, PageError>) -> Response {
    match result {
        Ok(xml) => ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "sitemap failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "sitemap unavailable").into_response()
        }
    }
}

async fn pages_of(state: &AppState, lang: Lang) -> Result<i64, PageError> {
    let total = state.store.latest(lang, 0, 0).await?.total;
    Ok(((total + URLS_PER_SITEMAP - 1) / URLS_PER_SITEMAP).max(1))
}

async fn index(state: &AppState) -> Result<String, PageError> {
    let mut out = format!("{XML_HEAD}<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for lang in state.site.offered() {
        for n in 1..=pages_of(state, lang).await? {
            let loc = state.site.absolute(&format!("/sitemaps/{}-{n}.xml", lang.code()));
            out.push_str(&format!("<sitemap><loc>{}</loc></sitemap>\n", esc(&loc)));
        }
        let news = state.site.absolute(&format!("/sitemaps/news-{}.xml", lang.code()));
        out.push_str(&format!("<sitemap><loc>{}</loc></sitemap>\n", esc(&news)));
    }
    out.push_str("</sitemapindex>\n");
    Ok(out)
}

fn url_entry(out: &mut String, loc: &str, lastmod: Option<&str>, alternates: &[(Lang, String)], image: Option<&str>) {
    out.push_str("<url><loc>");
    out.push_str(&esc(loc));
    out.push_str("</loc>");
    if let Some(lastmod) = lastmod {
        out.push_str(&format!("<lastmod>{lastmod}</lastmod>"));
    }
    for (lang, href) in alternates {
        out.push_str(&format!("<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>", lang.code(), esc(href)));
    }
    if let Some(src) = image {
        out.push_str(&format!("<image:image><image:loc>{}</image:loc></image:image>", esc(src)));
    }
    out.push_str("</url>\n");
}

async fn language_page(state: &AppState, lang: Lang, n: i64) -> Result<String, PageError> {
    let offered = state.site.offered();
    let mut out = format!(
        "{XML_HEAD}<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\" \
         xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">\n"
    );
    if n == 1 {
        let homes: Vec<(Lang, String)> = offered.iter().map(|l| (*l, state.site.absolute(&format!("/{}/", l.code())))).collect();
        url_entry(&mut out, &state.site.absolute(&format!("/{}/", lang.code())), None, &homes, None);
    }
    let editions = state.store.sitemap_editions(lang, None, URLS_PER_SITEMAP, (n - 1) * URLS_PER_SITEMAP).await?;
    for e in &editions {
        let alternates: Vec<(Lang, String)> = offered
            .iter()
            .copied()
            .filter(|l| e.langs.contains(l))
            .map(|l| (l, state.site.absolute(&crate::render::article_path(l, &e.slug))))
            .collect();
        let image = e.image.as_ref().filter(|f| crate::render::url_attr(&f.src).is_some()).map(|f| {
            if f.src.starts_with('/') {
                state.site.absolute(&f.src)
            } else {
                f.src.clone()
            }
        });
        let loc = state.site.absolute(&crate::render::article_path(lang, &e.slug));
        url_entry(&mut out, &loc, Some(&iso(e.updated_at)), &alternates, image.as_deref());
    }
    out.push_str("</urlset>\n");
    Ok(out)
}

async fn news(state: &AppState, lang: Lang) -> Result<String, PageError> {
    let since = chrono::Utc::now() - chrono::Duration::hours(48);
    let c = crate::handlers::ctx(state, lang);
    let publication = esc(&c.t("site-name"));
    let mut out = format!(
        "{XML_HEAD}<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n"
    );
    for e in state.store.sitemap_editions(lang, Some(since), NEWS_MAX, 0).await? {
        let loc = esc(&state.site.absolute(&crate::render::article_path(lang, &e.slug)));
        out.push_str(&format!(
            "<url><loc>{loc}</loc><news:news><news:publication><news:name>{publication}</news:name>\
             <news:language>{}</news:language></news:publication><news:publication_date>{}</news:publication_date>\
             <news:title>{}</news:title></news:news></url>\n",
            lang.code(),
            iso(e.published_at),
            esc(&e.title)
        ));
    }
    out.push_str("</urlset>\n");
    Ok(out)
}
