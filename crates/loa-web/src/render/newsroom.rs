//! The newsroom's pages: sign-in, the desk (what waits for review and
//! moderation), and one edition beside its source. Forms post back to the
//! site itself; no script runs.

use loa_domain::{decode_reasons, Edition, EditionStatus, Lang, NewsroomAction, Problem, User};
use loa_i18n::FluentValue;
use loa_store::{PendingComment, ReviewItem};

use super::{esc, Ctx};

pub fn status_word(ctx: &Ctx<'_>, status: EditionStatus) -> String {
    ctx.t(&format!("newsroom-status-{}", status.as_str().replace('_', "-")))
}

fn language(ctx: &Ctx<'_>, of: Lang) -> String {
    ctx.locales.language_name(ctx.lang, of)
}

pub fn sign_in_form(ctx: &Ctx<'_>, error: Option<&str>) -> String {
    let mut h = format!("<div class=\"wrap newsroom\"><h1>{}</h1>", ctx.th("newsroom-sign-in-heading"));
    if let Some(error) = error {
        h.push_str(&format!("<p class=\"form-error\" role=\"alert\">{}</p>", ctx.th(error)));
    }
    h.push_str(&format!(
        "<form class=\"newsroom-form\" method=\"post\" action=\"/{}/newsroom/sign-in\">\
         <p><label for=\"username\">{}</label><input id=\"username\" name=\"username\" autocomplete=\"username\" required></p>\
         <p><label for=\"password\">{}</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>\
         <p><button type=\"submit\">{}</button></p></form></div>",
        ctx.lang.code(),
        ctx.th("newsroom-username"),
        ctx.th("newsroom-password"),
        ctx.th("newsroom-sign-in"),
    ));
    h
}

/// One of the checks' reasons in the page's language, as HTML. An
/// engine's own error message is English and is marked so.
fn reason(ctx: &Ctx<'_>, problem: &Problem) -> String {
    let lang_name = |l: Lang| ctx.locales.language_name(ctx.lang, l);
    let count = |n: usize| FluentValue::from(n as i64);
    match problem {
        Problem::Empty => ctx.th("problem-empty"),
        Problem::Identical => ctx.th("problem-identical"),
        Problem::MissingNumbers(numbers) => ctx.tah("problem-missing-numbers", &[("numbers", numbers.join(", ").into())]),
        Problem::MissingTerms(terms) => ctx.tah("problem-missing-terms", &[("terms", terms.join(", ").into())]),
        Problem::WrongLanguage { detected: Some(detected), expected } => ctx.tah(
            "problem-wrong-language",
            &[("detected", lang_name(*detected).into()), ("expected", lang_name(*expected).into())],
        ),
        Problem::WrongLanguage { detected: None, expected } => {
            ctx.tah("problem-unrecognised-language", &[("expected", lang_name(*expected).into())])
        }
        Problem::LengthRatio { ratio, min, max } => ctx.tah(
            "problem-length-ratio",
            &[("ratio", format!("{ratio:.2}").into()), ("min", format!("{min:.2}").into()), ("max", format!("{max:.2}").into())],
        ),
        Problem::TooManyUnknown { count: n, limit } => {
            ctx.tah("problem-unknown-words", &[("count", count(*n)), ("limit", count(*limit))])
        }
        Problem::TooManyGenerationErrors { count: n, limit } => {
            ctx.tah("problem-generation-errors", &[("count", count(*n)), ("limit", count(*limit))])
        }
        Problem::TitleEmpty => ctx.th("problem-title-empty"),
        Problem::Engine(detail) => {
            ctx.t_with_html("problem-engine", "detail", &format!("<span lang=\"en\">{}</span>", esc(detail)))
        }
    }
}

/// The reasons an edition is held, each in the page's language.
fn held_because(ctx: &Ctx<'_>, problems: &[Problem]) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let items: String = problems.iter().map(|p| format!("<li>{}</li>", reason(ctx, p))).collect();
    format!("<div class=\"reasons\"><p>{}</p><ul>{items}</ul></div>", ctx.th("newsroom-held-because"))
}

fn signed_in_bar(ctx: &Ctx<'_>, user: &User) -> String {
    let role = ctx.t(&format!("newsroom-role-{}", user.role.as_str()));
    // Editors run the sources and read the audit log (`member::Editor`).
    let sources = if user.role == loa_domain::Role::Editor {
        format!(
            "<p><a href=\"/{code}/newsroom/sources\">{}</a></p><p><a href=\"/{code}/newsroom/schedule\">{}</a></p>\
             <p><a href=\"/{code}/newsroom/log\">{}</a></p>",
            ctx.th("sources-title"),
            ctx.th("schedule-title"),
            ctx.th("audit-title"),
            code = ctx.lang.code()
        )
    } else {
        String::new()
    };
    format!(
        "<div class=\"newsroom-bar\"><p>{}</p>{sources}<p><a href=\"/{code}/newsroom/account\">{}</a></p><form method=\"post\" action=\"/{code}/newsroom/sign-out\"><button type=\"submit\">{}</button></form></div>",
        ctx.tah("newsroom-signed-in-as", &[("name", user.display_name.as_str().into()), ("role", role.into())]),
        ctx.th("account-title"),
        ctx.th("newsroom-sign-out"),
        code = ctx.lang.code()
    )
}

/// What the desk shows a member: the review queue if their role reviews
/// translations, pending comments if it moderates.
pub struct Desk<'a> {
    pub user: &'a User,
    pub notice: Option<String>,
    pub review: Option<&'a [ReviewItem]>,
    pub comments: Option<&'a [PendingComment]>,
}

pub fn desk(ctx: &Ctx<'_>, d: &Desk<'_>) -> String {
    let code = ctx.lang.code();
    let mut h = format!("<div class=\"wrap newsroom\"><h1>{}</h1>", ctx.th("newsroom-title"));
    h.push_str(&signed_in_bar(ctx, d.user));
    if let Some(notice) = &d.notice {
        h.push_str(&format!("<p class=\"form-notice\" role=\"status\">{}</p>", esc(notice)));
    }
    if let Some(items) = d.review {
        h.push_str(&format!(
            "<section aria-labelledby=\"review-heading\"><h2 id=\"review-heading\">{}</h2>",
            ctx.th("newsroom-review-heading")
        ));
        if items.is_empty() {
            h.push_str(&format!("<p class=\"empty\">{}</p>", ctx.th("newsroom-review-empty")));
        } else {
            h.push_str("<ul class=\"review-queue\">");
            for item in items {
                let (title, title_lang) = &item.title;
                h.push_str(&format!(
                    "<li><a href=\"/{code}/newsroom/review/{}/{}\"><span lang=\"{}\">{}</span> · {}</a> <span class=\"status\">{}</span>",
                    esc(&item.slug),
                    item.lang.code(),
                    title_lang.code(),
                    esc(title),
                    esc(&language(ctx, item.lang)),
                    esc(&status_word(ctx, item.status)),
                ));
                h.push_str(&held_because(ctx, &item.reasons));
                h.push_str("</li>");
            }
            h.push_str("</ul>");
        }
        h.push_str("</section>");
    }
    if let Some(comments) = d.comments {
        h.push_str(&format!(
            "<section aria-labelledby=\"moderation-heading\"><h2 id=\"moderation-heading\">{}</h2>",
            ctx.th("newsroom-comments-heading")
        ));
        if comments.is_empty() {
            h.push_str(&format!("<p class=\"empty\">{}</p>", ctx.th("newsroom-comments-empty")));
        } else {
            h.push_str("<ul class=\"moderation-queue\">");
            for c in comments {
                h.push_str(&format!(
                    "<li><p class=\"comment-on\">{}</p><p class=\"comment-meta\"><span class=\"comment-author\" lang=\"{lang}\">{}</span> {}</p>\
                     <p class=\"comment-body\" lang=\"{lang}\">{}</p>\
                     <form method=\"post\" action=\"/{code}/newsroom/comments/{id}\">\
                     <button type=\"submit\" name=\"decision\" value=\"approve\">{}</button> \
                     <button type=\"submit\" name=\"decision\" value=\"reject\">{}</button></form></li>",
                    ctx.tah(
                        "newsroom-comment-on",
                        &[("title", c.title.as_str().into()), ("language", language(ctx, c.lang).into())]
                    ),
                    esc(&c.author_name),
                    ctx.time(c.created_at),
                    esc(&c.body),
                    ctx.th("newsroom-approve"),
                    ctx.th("newsroom-reject"),
                    lang = c.lang.code(),
                    id = c.id,
                ));
            }
            h.push_str("</ul>");
        }
        h.push_str("</section>");
    }
    h.push_str("</div>");
    h
}

/// One edition beside the edition it was translated from, with the
/// reviewer's two decisions.
/// What the review page shows.
pub struct Review<'a> {
    pub user: &'a User,
    pub slug: &'a str,
    pub edition: &'a Edition,
    pub source: Option<&'a Edition>,
    /// Segments the reviewer just corrected (from the redirect).
    pub corrected: Option<usize>,
    pub history: &'a [NewsroomAction],
}

pub fn review(ctx: &Ctx<'_>, r: &Review<'_>) -> String {
    let Review { user, slug, edition, source, corrected, history } = *r;
    let code = ctx.lang.code();
    let mut h = format!("<div class=\"wrap newsroom\"><h1 lang=\"{}\">{}</h1>", edition.lang.code(), esc(&edition.title));
    h.push_str(&signed_in_bar(ctx, user));
    if let Some(n) = corrected {
        h.push_str(&format!(
            "<p class=\"form-notice\" role=\"status\">{}</p>",
            ctx.tah("newsroom-corrected", &[("count", (n as i64).into())])
        ));
    }
    // Editors set the story's section, places and topics on its own page.
    let story_link = if user.role == loa_domain::Role::Editor {
        format!(" · <a href=\"/{code}/newsroom/story/{}\">{}</a>", esc(slug), ctx.th("story-tags-heading"))
    } else {
        String::new()
    };
    h.push_str(&format!(
        "<p class=\"status\">{} · {}{story_link}</p>",
        esc(&language(ctx, edition.lang)),
        esc(&status_word(ctx, edition.status))
    ));
    if let Some(stored) = &edition.failure {
        h.push_str(&held_because(ctx, &decode_reasons(stored)));
    }
    let translated = edition.segments();
    let original = source.map(Edition::segments).unwrap_or_default();
    // A translation's text can be corrected in place: each segment is a
    // field of one form; the outlet's own editions are read-only.
    let editable = edition.is_reviewable();
    if editable {
        h.push_str(&format!(
            "<form class=\"corrections\" method=\"post\" action=\"/{code}/newsroom/review/{}/{}/corrections\">",
            esc(slug),
            edition.lang.code()
        ));
    }
    h.push_str("<table class=\"segments\"><thead><tr>");
    if let Some(source) = source {
        h.push_str(&format!(
            "<th scope=\"col\">{}</th>",
            ctx.tah("newsroom-segment-source", &[("language", language(ctx, source.lang).into())])
        ));
    }
    h.push_str(&format!(
        "<th scope=\"col\">{}</th></tr></thead><tbody>",
        ctx.tah("newsroom-segment-translation", &[("language", language(ctx, edition.lang).into())])
    ));
    for (i, (text, _)) in translated.iter().enumerate() {
        if text.trim().is_empty() && original.get(i).is_none_or(|(s, _)| s.trim().is_empty()) {
            continue;
        }
        h.push_str("<tr>");
        if let Some(source) = source {
            let src = original.get(i).map_or("", |(s, _)| s.as_str());
            h.push_str(&format!("<td lang=\"{}\">{}</td>", source.lang.code(), esc(src)));
        }
        if editable {
            let rows = (text.chars().count() / 60 + 1).clamp(1, 12);
            h.push_str(&format!(
                "<td><textarea name=\"seg-{i}\" lang=\"{}\" rows=\"{rows}\" aria-label=\"{}\">{}</textarea></td></tr>",
                edition.lang.code(),
                ctx.tah("newsroom-segment-label", &[("number", (i as i64 + 1).into())]),
                esc(text)
            ));
        } else {
            h.push_str(&format!("<td lang=\"{}\">{}</td></tr>", edition.lang.code(), esc(text)));
        }
    }
    h.push_str("</tbody></table>");
    if editable {
        h.push_str(&format!("<p><button type=\"submit\">{}</button></p></form>", ctx.th("newsroom-save-corrections")));
    }
    // Only the decisions this edition can take are offered.
    let mut buttons = String::new();
    for (status, value, label) in
        [(EditionStatus::Published, "publish", "newsroom-publish"), (EditionStatus::Failed, "withdraw", "newsroom-withdraw")]
    {
        if edition.review_decision_allowed(status) {
            buttons.push_str(&format!("<button type=\"submit\" name=\"decision\" value=\"{value}\">{}</button> ", ctx.th(label)));
        }
    }
    if !buttons.is_empty() {
        h.push_str(&format!(
            "<form class=\"decision\" method=\"post\" action=\"/{code}/newsroom/review/{}/{}\">{}</form>",
            esc(slug),
            edition.lang.code(),
            buttons.trim_end()
        ));
    }
    h.push_str(&history_section(ctx, history));
    h.push_str("</div>");
    h
}

/// Who did what to this edition, oldest first.
fn history_section(ctx: &Ctx<'_>, history: &[NewsroomAction]) -> String {
    let mut h = format!(
        "<section aria-labelledby=\"history-heading\"><h2 id=\"history-heading\">{}</h2>",
        ctx.th("newsroom-history-heading")
    );
    if history.is_empty() {
        h.push_str(&format!("<p class=\"empty\">{}</p>", ctx.th("newsroom-history-empty")));
    } else {
        h.push_str("<ol class=\"history\">");
        for action in history {
            let name = action.actor.clone().unwrap_or_else(|| ctx.t("newsroom-actor-command-line"));
            let message = format!("newsroom-action-{}", action.kind.as_str());
            let text = ctx.tah(&message, &[("name", name.into()), ("count", action.count.unwrap_or(0).into())]);
            h.push_str(&format!("<li>{} — {text}</li>", ctx.time(action.at)));
        }
        h.push_str("</ol>");
    }
    h.push_str("</section>");
    h
}
