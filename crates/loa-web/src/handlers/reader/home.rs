//! `/` (language choice) and `/{lang}/`, the front page.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use loa_domain::{Lang, CATEGORIES};

use crate::handlers::{alternates_everywhere, ctx, finish, render_page, PageLang, PageResult};
use crate::render::cards::card_grid;
use crate::render::esc;
use crate::render::layout::Page;
use crate::AppState;

const LATEST: i64 = 12;
const PER_SECTION: i64 = 4;

/// The offered language the reader's browser prefers most, by the
/// `Accept-Language` weights; `None` if it names none of them.
pub fn negotiate(accept_language: &str, offered: &[Lang]) -> Option<Lang> {
    let mut best: Option<(f32, usize, Lang)> = None;
    for (position, item) in accept_language.split(',').enumerate() {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let q = parts.find_map(|p| p.trim().strip_prefix("q=").map(|v| v.trim().parse::<f32>().unwrap_or(0.0))).unwrap_or(1.0);
        if q <= 0.0 || tag.is_empty() || tag == "*" {
            continue;
        }
        let base = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let Some(lang) = offered.iter().copied().find(|l| l.code() == base) else { continue };
        // Higher weight wins; on equal weight, the earlier entry.
        let better = match best {
            None => true,
            Some((bq, bpos, _)) => q > bq || (q == bq && position < bpos),
        };
        if better {
            best = Some((q, position, lang));
        }
    }
    best.map(|(_, _, l)| l)
}

pub async fn choose_language(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let offered = state.site.offered();
    let lang = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| negotiate(v, &offered))
        .unwrap_or_else(|| state.site.fallback_lang());
    let location = format!("/{}/", lang.code());
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, HeaderValue::from_str(&location).unwrap_or(HeaderValue::from_static("/"))),
            (header::VARY, HeaderValue::from_static("Accept-Language")),
        ],
    )
        .into_response()
}

pub async fn add_slash(PageLang(lang): PageLang) -> Response {
    (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, format!("/{}/", lang.code()))]).into_response()
}

pub async fn home(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    let result = build(&state, lang).await;
    finish(&state, lang, result)
}

async fn build(state: &AppState, lang: Lang) -> PageResult {
    let c = ctx(state, lang);
    let (latest, sections) = state.store.front_page(lang, LATEST, &CATEGORIES, PER_SECTION).await?;
    let mut main = String::from("<div class=\"wrap home\">");
    main.push_str(&format!("<h1 class=\"visually-hidden\">{}</h1>", c.th("site-name")));
    main.push_str(&format!(
        "<section class=\"latest\" aria-labelledby=\"latest-heading\"><h2 id=\"latest-heading\" class=\"section-title\">{}</h2>",
        c.th("home-latest")
    ));
    if latest.is_empty() {
        main.push_str(&format!("<p class=\"empty\">{}</p>", c.th("home-empty")));
    } else {
        main.push_str(&card_grid(&c, &latest));
    }
    main.push_str("</section>");
    for (category, cards) in CATEGORIES.iter().zip(&sections) {
        if cards.is_empty() {
            continue;
        }
        // The video section is marked so its cards show as players.
        let kind = if category.slug == "video" { "category-block home-videos" } else { "category-block" };
        main.push_str(&format!(
            "<section class=\"{kind}\" aria-labelledby=\"block-{slug}\"><h2 id=\"block-{slug}\" class=\"section-title\"><a href=\"{}\">{}</a></h2>{}</section>",
            c.category_path(category.slug),
            esc(&c.locales.category_name(lang, category.slug)),
            card_grid(&c, cards),
            slug = category.slug,
        ));
    }
    main.push_str("</div>");
    let page = Page {
        title: c.t("site-name"),
        description: c.t("meta-description-home"),
        path: c.home_path(),
        alternates: alternates_everywhere(state, |l| format!("/{}/", l.code())),
        main,
        ..Page::default()
    };
    Ok(render_page(state, lang, StatusCode::OK, &page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_weights_and_regions() {
        let offered = [Lang::Vi, Lang::En, Lang::Ru, Lang::Es];
        assert_eq!(negotiate("ru-RU,ru;q=0.9,en;q=0.8", &offered), Some(Lang::Ru));
        assert_eq!(negotiate("de-DE,de;q=0.9,es;q=0.5,en;q=0.7", &offered), Some(Lang::En));
        assert_eq!(negotiate("fr, de", &offered), None);
        assert_eq!(negotiate("en;q=0, vi;q=0.1", &offered), Some(Lang::Vi));
        assert_eq!(negotiate("", &offered), None);
    }
}
