//! `/{lang}/newsroom/story/{slug}`: one story for editors: its editions
//! with their states (each linking to its review), and the form that sets
//! its section, places and topics. Posting the form retags the story
//! (`Store::retag_article`: every edition follows, the audit log records
//! before and after); a value that cannot be kept is refused with the form
//! as typed.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use loa_domain::{Article, Category, Lang, CATEGORIES};

use super::member::{desk_path, private, Editor, Member, Posted};
use crate::handlers::{ctx, finish, not_found, render_page, PageResult};
use crate::render::layout::Page;
use crate::render::newsroom::status_word;
use crate::render::{esc, Ctx};
use crate::AppState;

/// The most places or topics one story carries.
const MAX_TAGS: usize = 20;
/// The longest place or topic name.
const MAX_TAG_CHARS: usize = 80;

/// The form's values: as stored, or as the editor typed them.
struct Typed {
    category: String,
    places: String,
    topics: String,
}

pub async fn page(
    State(state): State<AppState>,
    Editor(Member { lang, .. }): Editor,
    Path((_, slug)): Path<(String, String)>,
    axum::extract::Query(params): axum::extract::Query<HashMap<String, String>>,
) -> Response {
    let article = match state.store.article_by_slug(&slug).await {
        Ok(Some(a)) => a,
        Ok(None) => return private(not_found(&state, lang, "")),
        Err(e) => return private(finish(&state, lang, Err(e.into()))),
    };
    let typed = Typed {
        category: article.category.slug.to_string(),
        places: article.places.join("\n"),
        topics: article.topics.join("\n"),
    };
    let notice = params.contains_key("saved").then(|| ctx(&state, lang).t("story-saved"));
    private(finish(&state, lang, build(&state, lang, &article, &typed, (notice, None), StatusCode::OK).await))
}

async fn build(
    state: &AppState,
    lang: Lang,
    article: &Article,
    typed: &Typed,
    messages: (Option<String>, Option<String>),
    status: StatusCode,
) -> PageResult {
    let c = ctx(state, lang);
    let editions = state.store.editions(article.id).await?;
    let title = editions.iter().find(|e| e.lang == article.original_lang).map_or(article.slug.clone(), |e| e.title.clone());
    let mut h = format!(
        "<div class=\"wrap newsroom story-desk\"><h1 lang=\"{}\">{}</h1><p><a href=\"{}\">{}</a></p>",
        article.original_lang.code(),
        esc(&title),
        esc(&desk_path(lang)),
        c.th("newsroom-title")
    );
    let (notice, error) = messages;
    if let Some(n) = notice {
        h.push_str(&format!("<p class=\"form-notice\" role=\"status\">{}</p>", esc(&n)));
    }
    h.push_str(&format!(
        "<section aria-labelledby=\"editions-heading\"><h2 id=\"editions-heading\">{}</h2><ul class=\"editions\">",
        c.th("story-editions")
    ));
    for e in &editions {
        let name = esc(&c.locales.language_name(lang, e.lang));
        let line = if e.status == loa_domain::EditionStatus::Original {
            format!("{name} · {}", c.th("story-original"))
        } else {
            format!(
                "<a href=\"/{}/newsroom/review/{}/{}\">{name}</a> · {}",
                lang.code(),
                esc(&article.slug),
                e.lang.code(),
                esc(&status_word(&c, e.status))
            )
        };
        h.push_str(&format!("<li>{line}</li>"));
    }
    h.push_str("</ul></section>");
    h.push_str(&tags_form(&c, &article.slug, typed, error.as_deref()));
    h.push_str("</div>");
    let page = Page { title: c.t("story-title"), main: h, noindex: true, ..Page::default() };
    Ok(render_page(state, lang, status, &page))
}

fn tags_form(c: &Ctx<'_>, slug: &str, typed: &Typed, error: Option<&str>) -> String {
    let options: String = CATEGORIES
        .iter()
        .map(|cat| {
            let selected = if cat.slug == typed.category { " selected" } else { "" };
            format!("<option value=\"{}\"{selected}>{}</option>", cat.slug, esc(&c.locales.category_name(c.lang, cat.slug)))
        })
        .collect();
    let error = error.map(|e| format!("<p class=\"form-error\" role=\"alert\">{}</p>", esc(e))).unwrap_or_default();
    format!(
        "<section aria-labelledby=\"tags-heading\"><h2 id=\"tags-heading\">{}</h2>{error}\
         <form class=\"newsroom-form story-tags\" method=\"post\" action=\"/{code}/newsroom/story/{}\">\
         <p><label for=\"story-category\">{}</label> <select id=\"story-category\" name=\"category\">{options}</select></p>\
         <p><label for=\"story-places\">{}</label><textarea id=\"story-places\" name=\"places\" rows=\"4\">{}</textarea></p>\
         <p><label for=\"story-topics\">{}</label><textarea id=\"story-topics\" name=\"topics\" rows=\"4\">{}</textarea></p>\
         <p class=\"hint\">{}</p><p><button type=\"submit\">{}</button></p></form></section>",
        c.th("story-tags-heading"),
        esc(slug),
        c.th("story-category"),
        c.th("story-places"),
        esc(&typed.places),
        c.th("story-topics"),
        esc(&typed.topics),
        c.th("story-tags-hint"),
        c.th("story-save"),
        code = c.lang.code(),
    )
}

/// One name a line, blank lines dropped, each name once; `None` when a
/// name is too long, has control characters, or there are too many.
fn tag_lines(text: &str) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.chars().count() > MAX_TAG_CHARS || line.chars().any(char::is_control) {
            return None;
        }
        if !out.iter().any(|o| o.to_lowercase() == line.to_lowercase()) {
            out.push(line.to_string());
        }
    }
    (out.len() <= MAX_TAGS).then_some(out)
}

/// `POST …/story/{slug}`: `category`, `places` and `topics` (one a line).
pub async fn retag(
    State(state): State<AppState>,
    Posted(Editor(Member { user, lang })): Posted<Editor>,
    Path((_, slug)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let article = match state.store.article_by_slug(&slug).await {
        Ok(Some(a)) => a,
        Ok(None) => return private(not_found(&state, lang, "")),
        Err(e) => return private(finish(&state, lang, Err(e.into()))),
    };
    let field = |k: &str| form.get(k).cloned().unwrap_or_default();
    let typed = Typed { category: field("category"), places: field("places"), topics: field("topics") };
    let c = ctx(&state, lang);
    let checked = match (Category::from_slug(typed.category.trim()), tag_lines(&typed.places), tag_lines(&typed.topics)) {
        (None, _, _) => Err(c.t("story-error-category")),
        (_, None, _) | (_, _, None) => Err(c.locales.text_args(
            lang,
            "story-error-tags",
            &[("max", (MAX_TAGS as i64).into()), ("chars", (MAX_TAG_CHARS as i64).into())],
        )),
        (Some(category), Some(places), Some(topics)) => Ok((category, places, topics)),
    };
    let (category, places, topics) = match checked {
        Ok(values) => values,
        Err(why) => {
            let page = build(&state, lang, &article, &typed, (None, Some(why)), StatusCode::UNPROCESSABLE_ENTITY).await;
            return private(finish(&state, lang, page));
        }
    };
    let tags = loa_store::StoryTags { category, places: &places, topics: &topics };
    if let Err(e) = state.store.retag_article(article.id, &tags, Some(&user)).await {
        return private(finish(&state, lang, Err(e.into())));
    }
    state.page_cache.clear();
    tracing::info!(user = %user.username, %slug, category = category.slug, "story retagged");
    private(Redirect::to(&format!("/{}/newsroom/story/{slug}?saved", lang.code())).into_response())
}
