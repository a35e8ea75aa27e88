//! `/{lang}/newsroom/schedule`: the stories readers do not see yet, for
//! editors: scheduled ones with the time the scheduler publishes them and
//! their embargo, then those in review, drafts and withdrawn ones. Each
//! links to its story page, where it moves on.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use loa_domain::{Lang, StoryState};

use super::member::{private, Editor, Member};
use crate::handlers::{ctx, finish, render_page, PageResult};
use crate::render::layout::Page;
use crate::render::{esc, Ctx};
use crate::AppState;

/// The most stories the page lists.
const MAX_LISTED: i64 = 500;

pub async fn page(State(state): State<AppState>, Editor(Member { lang, .. }): Editor) -> Response {
    private(finish(&state, lang, build(&state, lang).await))
}

async fn build(state: &AppState, lang: Lang) -> PageResult {
    let c = ctx(state, lang);
    let stories = state.store.unpublished_stories(MAX_LISTED).await?;
    let mut h = format!(
        "<div class=\"wrap newsroom schedule\"><h1>{}</h1><p><a href=\"/{}/newsroom/\">{}</a></p>",
        c.th("schedule-title"),
        lang.code(),
        c.th("newsroom-title")
    );
    if stories.is_empty() {
        h.push_str(&format!("<p class=\"empty\">{}</p>", c.th("schedule-empty")));
    }
    for state_listed in [StoryState::Scheduled, StoryState::InReview, StoryState::Draft, StoryState::Withdrawn] {
        let rows: String = stories
            .iter()
            .filter(|s| s.workflow.state == state_listed)
            .map(|s| {
                format!(
                    "<tr><td><a lang=\"{}\" href=\"/{}/newsroom/story/{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
                    s.lang.code(),
                    lang.code(),
                    esc(&s.slug),
                    esc(&s.title),
                    moment_or_nothing(&c, s.workflow.publish_at),
                    moment_or_nothing(&c, s.workflow.embargo_until),
                )
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let id = format!("schedule-{}", state_listed.as_str());
        h.push_str(&format!(
            "<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{}</h2><table class=\"schedule-table\"><thead><tr>\
             <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>{rows}</tbody></table></section>",
            c.th(&format!("story-state-{}", state_listed.as_str())),
            c.th("schedule-col-story"),
            c.th("schedule-col-publish-at"),
            c.th("schedule-col-embargo"),
        ));
    }
    h.push_str("</div>");
    let page = Page { title: c.t("schedule-title"), main: h, noindex: true, ..Page::default() };
    Ok(render_page(state, lang, StatusCode::OK, &page))
}

fn moment_or_nothing(c: &Ctx<'_>, at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    at.map(|t| c.moment(t)).unwrap_or_default()
}
