//! `/{lang}/newsroom/story/{slug}`: one story for editors: its workflow
//! (draft, in review, scheduled, published, withdrawn, with its scheduled
//! time and embargo), its editions with their states (each linking to its
//! review), and the form that sets its section, places and topics.
//! Posting the tags retags the story (`Store::retag_article`: every
//! edition follows, the audit log records before and after); posting
//! `…/workflow` moves it (`Store::move_story`, the rules in
//! `loa_domain::Workflow::apply`). A value that cannot be kept is refused
//! with the form as typed.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{DateTime, NaiveDateTime, Utc};
use loa_domain::{Article, Category, EmbargoChange, Lang, StoryState, WorkflowRefusal, WorkflowStep, CATEGORIES};

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

/// The forms' values: as stored, or as the editor typed them.
struct Typed {
    category: String,
    places: String,
    topics: String,
    /// The scheduled time and the embargo, as `datetime-local` writes
    /// them (UTC).
    publish_at: String,
    embargo: String,
    /// The embargo the page showed when it was rendered: a step whose
    /// embargo field still says this leaves the stored embargo alone.
    embargo_was: String,
}

impl Typed {
    fn stored(article: &Article) -> Typed {
        Typed {
            category: article.category.slug.to_string(),
            places: article.places.join("\n"),
            topics: article.topics.join("\n"),
            publish_at: article.workflow.publish_at.map(local_input).unwrap_or_default(),
            embargo: article.workflow.embargo_until.map(local_input).unwrap_or_default(),
            embargo_was: article.workflow.embargo_until.map(local_input).unwrap_or_default(),
        }
    }
}

/// What the page says above its forms: a notice, or why the tags or the
/// workflow form was refused.
#[derive(Default)]
struct Messages {
    notice: Option<String>,
    tags_error: Option<String>,
    workflow_error: Option<String>,
}

/// The story `slug` names, or the page that answers instead (not found,
/// or the store's failure).
// The refusal is the answer itself: boxing it buys nothing.
#[allow(clippy::result_large_err)]
async fn stored_story(state: &AppState, lang: Lang, slug: &str) -> Result<Article, Response> {
    match state.store.article_by_slug(slug).await {
        Ok(Some(article)) => Ok(article),
        Ok(None) => Err(private(not_found(state, lang, ""))),
        Err(e) => Err(private(finish(state, lang, Err(e.into())))),
    }
}

/// A time as a `datetime-local` field shows it, in UTC.
fn local_input(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

/// A time typed in a `datetime-local` field (read as UTC) or written in
/// RFC 3339; `Ok(None)` for an empty field.
pub(crate) fn parse_time(text: &str) -> Result<Option<DateTime<Utc>>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(Some(at.with_timezone(&Utc)));
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|naive| Some(naive.and_utc()))
        .ok_or(())
}

pub async fn page(
    State(state): State<AppState>,
    Editor(Member { lang, .. }): Editor,
    Path((_, slug)): Path<(String, String)>,
    axum::extract::Query(params): axum::extract::Query<HashMap<String, String>>,
) -> Response {
    let article = match stored_story(&state, lang, &slug).await {
        Ok(article) => article,
        Err(answer) => return answer,
    };
    let c = ctx(&state, lang);
    let notice = if params.contains_key("saved") {
        Some(c.t("story-saved"))
    } else if params.contains_key("moved") {
        Some(c.t("story-workflow-saved"))
    } else {
        None
    };
    let messages = Messages { notice, ..Messages::default() };
    private(finish(&state, lang, build(&state, lang, &article, &Typed::stored(&article), messages, StatusCode::OK).await))
}

async fn build(
    state: &AppState,
    lang: Lang,
    article: &Article,
    typed: &Typed,
    messages: Messages,
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
    if let Some(n) = &messages.notice {
        h.push_str(&format!("<p class=\"form-notice\" role=\"status\">{}</p>", esc(n)));
    }
    h.push_str(&workflow_form(&c, article, typed, messages.workflow_error.as_deref()));
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
    h.push_str(&tags_form(&c, &article.slug, typed, messages.tags_error.as_deref()));
    h.push_str("</div>");
    let page = Page { title: c.t("story-title"), main: h, noindex: true, ..Page::default() };
    Ok(render_page(state, lang, status, &page))
}

/// The story's state and times, and a button for each step open to it.
fn workflow_form(c: &Ctx<'_>, article: &Article, typed: &Typed, error: Option<&str>) -> String {
    let w = &article.workflow;
    let state = c.t(&format!("story-state-{}", w.state.as_str()));
    let mut facts = format!(
        "<p class=\"story-state story-state-{}\">{}</p>",
        w.state.as_str(),
        c.tah("story-state-now", &[("state", state.into())])
    );
    if let (StoryState::Scheduled, Some(at)) = (w.state, w.publish_at) {
        facts.push_str(&format!(
            "<p class=\"story-publish-at\">{}</p>",
            c.t_with_html("story-publishes-at", "time", &c.moment(at))
        ));
    }
    if let Some(until) = w.embargo_until {
        facts.push_str(&format!(
            "<p class=\"story-embargo\">{}</p>",
            c.t_with_html("story-embargo-until", "time", &c.moment(until))
        ));
    }
    let buttons: String = w
        .next_states()
        .into_iter()
        .map(|to| {
            let step = step_name(to);
            format!("<button type=\"submit\" name=\"step\" value=\"{step}\">{}</button> ", c.th(&format!("story-step-{step}")))
        })
        .collect();
    let error = error.map(|e| format!("<p class=\"form-error\" role=\"alert\">{}</p>", esc(e))).unwrap_or_default();
    format!(
        "<section aria-labelledby=\"workflow-heading\"><h2 id=\"workflow-heading\">{}</h2>{facts}{error}\
         <form class=\"newsroom-form story-workflow\" method=\"post\" action=\"/{code}/newsroom/story/{}/workflow\">\
         <p><label for=\"story-publish-at\">{}</label> <input type=\"datetime-local\" id=\"story-publish-at\" name=\"publish_at\" value=\"{}\"></p>\
         <p><label for=\"story-embargo\">{}</label> <input type=\"datetime-local\" id=\"story-embargo\" name=\"embargo\" value=\"{}\">\
         <input type=\"hidden\" name=\"embargo_was\" value=\"{}\"></p>\
         <p class=\"hint\">{}</p><p class=\"story-steps\">{buttons}</p></form></section>",
        c.th("story-workflow-heading"),
        esc(&article.slug),
        c.th("story-publish-at-label"),
        esc(&typed.publish_at),
        c.th("story-embargo-label"),
        esc(&typed.embargo),
        esc(&typed.embargo_was),
        c.th("story-workflow-hint"),
        code = c.lang.code(),
    )
}

/// Why a step's name was not read.
pub(crate) enum StepUnread {
    /// `schedule` with no time.
    NoTime,
    /// No step has that name.
    Unknown,
}

/// The step a form or an API call names (`draft`, `review`, `publish`,
/// `schedule` at `publish_at`, `withdraw`): the names [`step_name`] gives.
pub(crate) fn step_named(name: &str, publish_at: Option<DateTime<Utc>>) -> Result<WorkflowStep, StepUnread> {
    Ok(match (name, publish_at) {
        ("draft", _) => WorkflowStep::Draft,
        ("review", _) => WorkflowStep::Submit,
        ("publish", _) => WorkflowStep::Publish,
        ("withdraw", _) => WorkflowStep::Withdraw,
        ("schedule", Some(at)) => WorkflowStep::Schedule(at),
        ("schedule", None) => return Err(StepUnread::NoTime),
        _ => return Err(StepUnread::Unknown),
    })
}

/// The form's name of the step that leads to `to`.
fn step_name(to: StoryState) -> &'static str {
    match to {
        StoryState::Draft => "draft",
        StoryState::InReview => "review",
        StoryState::Scheduled => "schedule",
        StoryState::Published => "publish",
        StoryState::Withdrawn => "withdraw",
    }
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
    let article = match stored_story(&state, lang, &slug).await {
        Ok(article) => article,
        Err(answer) => return answer,
    };
    let field = |k: &str| form.get(k).cloned().unwrap_or_default();
    let typed =
        Typed { category: field("category"), places: field("places"), topics: field("topics"), ..Typed::stored(&article) };
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
            let messages = Messages { tags_error: Some(why), ..Messages::default() };
            let page = build(&state, lang, &article, &typed, messages, StatusCode::UNPROCESSABLE_ENTITY).await;
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

/// `POST …/story/{slug}/workflow`: `step` (draft, review, publish,
/// schedule, withdraw), `publish_at` for a schedule and `embargo`, both
/// UTC. A refused step leaves the story as it was and shows the form as
/// typed with the reason.
pub async fn move_story(
    State(state): State<AppState>,
    Posted(Editor(Member { user, lang })): Posted<Editor>,
    Path((_, slug)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let article = match stored_story(&state, lang, &slug).await {
        Ok(article) => article,
        Err(answer) => return answer,
    };
    let field = |k: &str| form.get(k).cloned().unwrap_or_default();
    let typed = Typed {
        publish_at: field("publish_at"),
        embargo: field("embargo"),
        embargo_was: field("embargo_was"),
        ..Typed::stored(&article)
    };
    let c = ctx(&state, lang);
    let refuse = |why: String| async {
        let messages = Messages { workflow_error: Some(why), ..Messages::default() };
        let page = build(&state, lang, &article, &typed, messages, StatusCode::UNPROCESSABLE_ENTITY).await;
        private(finish(&state, lang, page))
    };
    let (Ok(publish_at), Ok(embargo)) = (parse_time(&typed.publish_at), parse_time(&typed.embargo)) else {
        return refuse(c.t("story-error-time")).await;
    };
    let step = match step_named(&field("step"), publish_at) {
        Ok(step) => step,
        Err(StepUnread::NoTime) => return refuse(c.t("story-error-no-time")).await,
        Err(StepUnread::Unknown) => return refuse(c.t("story-error-step")).await,
    };
    // Only an embargo the editor changed is changed: one a colleague set
    // after this page was rendered is kept, never lifted unseen.
    let embargo =
        if typed.embargo.trim() == typed.embargo_was.trim() { EmbargoChange::Keep } else { EmbargoChange::Set(embargo) };
    let moved = match state.store.move_story(article.id, step, embargo, Some(&user), Utc::now()).await {
        Ok(moved) => moved,
        Err(e) => return private(finish(&state, lang, Err(e.into()))),
    };
    if let Err(refusal) = moved {
        let at = |t: DateTime<Utc>| c.locales.format_date_time(lang, t);
        let why = match refusal {
            WorkflowRefusal::NotFrom { .. } => c.t("story-error-step"),
            WorkflowRefusal::InThePast(t) => c.locales.text_args(lang, "story-error-past", &[("time", at(t).into())]),
            WorkflowRefusal::Embargoed(t) => c.locales.text_args(lang, "story-error-embargoed", &[("time", at(t).into())]),
            WorkflowRefusal::BeforeEmbargo(t) => {
                c.locales.text_args(lang, "story-error-before-embargo", &[("time", at(t).into())])
            }
        };
        return refuse(why).await;
    }
    state.page_cache.clear();
    tracing::info!(user = %user.username, %slug, step = field("step"), "story moved");
    private(Redirect::to(&format!("/{}/newsroom/story/{slug}?moved", lang.code())).into_response())
}
