//! Feeds of one language's latest public stories, in Atom (`feed.xml`),
//! RSS 2.0 (`rss.xml`) and JSON Feed (`feed.json`), for four scopes:
//! the site (`/{lang}/…`), a section (`/{lang}/category/{slug}/…`), an
//! author (`/{lang}/author/{slug}/…`) and a place (`/{lang}/place/{slug}/…`,
//! the place's name as a slug).

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use loa_domain::{slugify, Category, Lang};
use loa_store::CardPage;

use crate::handlers::{ctx, finish, not_found, PageError, PageLang};
use crate::render::feed::{render, Enclosure, Feed, Format, Item};
use crate::AppState;

/// Entries per feed.
const ENTRIES: i64 = 30;

/// What a feed is about.
#[derive(Debug, Clone)]
pub(crate) enum Scope {
    Site,
    Category(Category),
    Author(String),
    Place(String),
}

pub async fn site_feed(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path((_, file)): Path<(String, String)>,
) -> Response {
    answer(&state, lang, &file, async { Some(Scope::Site) }).await
}

pub async fn category_feed(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path((_, slug, file)): Path<(String, String, String)>,
) -> Response {
    answer(&state, lang, &file, async move { Category::from_slug(&slug).map(Scope::Category) }).await
}

pub async fn author_feed(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path((_, slug, file)): Path<(String, String, String)>,
) -> Response {
    let store = state.store.clone();
    answer(&state, lang, &file, async move { store.author(&slug).await.ok().flatten().map(|a| Scope::Author(a.slug)) }).await
}

pub async fn place_feed(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path((_, slug, file)): Path<(String, String, String)>,
) -> Response {
    let store = state.store.clone();
    answer(&state, lang, &file, async move {
        store.place_names().await.ok()?.into_iter().find(|p| slugify(p) == slug).map(Scope::Place)
    })
    .await
}

/// The feed in `file`'s format for the scope `scope` finds, or the 404 page
/// when either is unknown.
async fn answer(state: &AppState, lang: Lang, file: &str, scope: impl std::future::Future<Output = Option<Scope>>) -> Response {
    let (Some(format), Some(scope)) = (Format::from_file(file), scope.await) else {
        return not_found(state, lang, "");
    };
    match build(state, lang, format, &scope).await {
        Ok(r) => r,
        Err(e) => finish(state, lang, Err(e)),
    }
}

async fn build(state: &AppState, lang: Lang, format: Format, scope: &Scope) -> Result<Response, PageError> {
    let c = ctx(state, lang);
    let site = c.t("site-name");
    let store = &state.store;
    let (page, title, page_path): (CardPage, String, String) = match scope {
        Scope::Site => (
            store.latest(lang, ENTRIES, 0).await?,
            c.locales.text_args(lang, "feed-title", &[("site", site.into())]),
            c.home_path(),
        ),
        Scope::Category(category) => (
            store.by_category(lang, *category, ENTRIES, 0).await?,
            c.locales.text_args(
                lang,
                "feed-title-category",
                &[("site", site.into()), ("category", c.locales.category_name(lang, category.slug).into())],
            ),
            c.category_path(category.slug),
        ),
        Scope::Author(slug) => {
            let page = store.by_author(lang, slug, ENTRIES, 0).await?;
            let name = store.author(slug).await?.map(|a| a.name).unwrap_or_else(|| slug.clone());
            (
                page,
                c.locales.text_args(lang, "feed-title-author", &[("site", site.into()), ("author", name.into())]),
                c.author_path(slug),
            )
        }
        Scope::Place(name) => (
            store.by_place(lang, name, ENTRIES, 0).await?,
            c.locales.text_args(lang, "feed-title-place", &[("site", site.into()), ("place", name.clone().into())]),
            format!(
                "/{}/search?place={}",
                lang.code(),
                url::form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>()
            ),
        ),
    };
    let mut items = Vec::with_capacity(page.cards.len());
    for card in &page.cards {
        let content_html = if state.site.feed_full_text {
            match store.edition(card.article_id, lang).await? {
                Some(e) => Some(absolute_sources(
                    state,
                    &crate::render::article::body_html(&c, &e.title, &e.blocks, &c.article_path(&card.slug)),
                )),
                None => None,
            }
        } else {
            None
        };
        let enclosure = match &card.image {
            Some(fig) => enclosure(state, fig).await?,
            None => None,
        };
        items.push(Item { card, content_html, enclosure });
    }
    let path = feed_path(lang, scope, format);
    let body = render(&c, format, &Feed { title: &title, path: &path, page_path: &page_path, items: &items });
    let mime = format!("{}; charset=utf-8", format.mime());
    Ok((StatusCode::OK, [(header::CONTENT_TYPE, mime)], body).into_response())
}

/// A stored picture as an enclosure (feeds need its size); pictures that
/// are not stored here are left out rather than hot-linked.
async fn enclosure(state: &AppState, fig: &loa_domain::Figure) -> Result<Option<Enclosure>, PageError> {
    let Some(name) = fig.src.strip_prefix("/media/") else { return Ok(None) };
    // The type the picture was stored with, as `/media/` serves it.
    let Some((mime, length)) = state.store.media_info(name).await? else { return Ok(None) };
    Ok(Some(Enclosure { url: state.site.absolute(&fig.src), mime, length }))
}

/// Site-relative addresses (pictures, video players) made absolute: a feed
/// is read elsewhere.
fn absolute_sources(state: &AppState, html: &str) -> String {
    let base = state.site.base_url.trim_end_matches('/');
    html.replace("src=\"/", &format!("src=\"{base}/")).replace("href=\"/", &format!("href=\"{base}/"))
}

/// Where the feed of `lang` in one format and scope is.
pub(crate) fn feed_path(lang: Lang, scope: &Scope, format: Format) -> String {
    let file = format.file();
    match scope {
        Scope::Site => format!("/{}/{file}", lang.code()),
        Scope::Category(c) => format!("/{}/category/{}/{file}", lang.code(), c.slug),
        Scope::Author(slug) => format!("/{}/author/{slug}/{file}", lang.code()),
        Scope::Place(name) => format!("/{}/place/{}/{file}", lang.code(), slugify(name)),
    }
}
