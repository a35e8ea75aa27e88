//! The newsroom's audit log page: every decision, who made it, when, and
//! what it changed, with filters by member, kind and language.

use loa_domain::{ActionKind, EditionStatus, Lang, StoryState, User};
use loa_store::{AuditEntry, AuditFilter, AuditSubject};

use super::newsroom::status_word;
use super::{esc, Ctx};

/// What the audit log page shows.
pub struct AuditPage<'a> {
    pub entries: &'a [AuditEntry],
    pub members: &'a [User],
    pub langs: &'a [Lang],
    pub filter: &'a AuditFilter,
    /// The query of the next (older) page, if there is one.
    pub older: Option<String>,
}

/// A changed value in words: an edition's or a comment's status, or a
/// story's state (with its scheduled time, see `loa_store::workflow_value`).
fn value_word(ctx: &Ctx<'_>, kind: ActionKind, value: &str) -> String {
    if kind == ActionKind::Workflow {
        return workflow_words(ctx, value).unwrap_or_else(|| value.to_string());
    }
    if matches!(kind, ActionKind::Approved | ActionKind::Rejected) {
        return match value {
            "pending" | "visible" | "rejected" => ctx.t(&format!("audit-comment-{value}")),
            other => other.to_string(),
        };
    }
    match EditionStatus::parse(value) {
        Some(EditionStatus::Original) | None => value.to_string(),
        Some(status) => status_word(ctx, status),
    }
}

/// A story's workflow as `loa_store::workflow_value` keeps it (`state
/// [time] [embargo time]`), in words; `None` for a value it did not write.
fn workflow_words(ctx: &Ctx<'_>, value: &str) -> Option<String> {
    let mut parts = value.split(' ');
    let state = StoryState::parse(parts.next()?)?;
    let moment = |text: &str| {
        chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| ctx.locales.format_date_time(ctx.lang, t.with_timezone(&chrono::Utc)))
    };
    let mut words = ctx.t(&format!("story-state-{}", state.as_str()));
    while let Some(part) = parts.next() {
        if part == "embargo" {
            let until = moment(parts.next()?)?;
            words.push_str(", ");
            words.push_str(&ctx.locales.text_args(ctx.lang, "audit-embargo", &[("time", until.into())]));
        } else {
            words.push_str(&format!(" ({})", moment(part)?));
        }
    }
    Some(words)
}

fn option(value: &str, label: &str, selected: bool) -> String {
    format!("<option value=\"{}\"{}>{}</option>", esc(value), if selected { " selected" } else { "" }, esc(label))
}

pub fn audit_page(ctx: &Ctx<'_>, p: &AuditPage<'_>) -> String {
    let code = ctx.lang.code();
    let any = ctx.t("audit-filter-any");
    let mut members = option("", &any, p.filter.user_id.is_none());
    for m in p.members {
        members.push_str(&option(&m.id.to_string(), &m.display_name, p.filter.user_id == Some(m.id)));
    }
    let mut kinds = option("", &any, p.filter.kind.is_none());
    for k in ActionKind::ALL {
        kinds.push_str(&option(k.as_str(), &ctx.t(&format!("audit-kind-{}", k.as_str())), p.filter.kind == Some(k)));
    }
    let mut langs = option("", &any, p.filter.lang.is_none());
    for l in p.langs {
        langs.push_str(&option(l.code(), &ctx.locales.language_name(ctx.lang, *l), p.filter.lang == Some(*l)));
    }
    let mut h = format!(
        "<div class=\"wrap newsroom audit\"><h1>{}</h1><p><a href=\"/{code}/newsroom/\">{}</a></p>\
         <form class=\"audit-filter\" method=\"get\" action=\"/{code}/newsroom/log\">\
         <p><label for=\"audit-member\">{}</label> <select id=\"audit-member\" name=\"member\">{members}</select></p>\
         <p><label for=\"audit-action\">{}</label> <select id=\"audit-action\" name=\"action\">{kinds}</select></p>\
         <p><label for=\"audit-lang\">{}</label> <select id=\"audit-lang\" name=\"lang\">{langs}</select></p>\
         <p><button type=\"submit\">{}</button></p></form>",
        ctx.th("audit-title"),
        ctx.th("newsroom-title"),
        ctx.th("audit-filter-member"),
        ctx.th("audit-filter-action"),
        ctx.th("audit-filter-lang"),
        ctx.th("audit-filter-submit"),
    );
    if p.entries.is_empty() {
        h.push_str(&format!("<p class=\"empty\">{}</p></div>", ctx.th("audit-empty")));
        return h;
    }
    h.push_str(&format!(
        "<table class=\"audit-table\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        ctx.th("audit-caption"),
        ctx.th("audit-col-when"),
        ctx.th("audit-col-who"),
        ctx.th("audit-col-what"),
        ctx.th("audit-col-story"),
        ctx.th("audit-col-change"),
    ));
    for e in p.entries {
        let kind = e.action.kind;
        // Nobody's workflow move is the scheduler's; other lines by nobody
        // come from the command line.
        let nobody = if kind == ActionKind::Workflow { "audit-actor-schedule" } else { "newsroom-actor-command-line" };
        let who = e.action.actor.clone().unwrap_or_else(|| ctx.t(nobody));
        let what = ctx.t(&format!("audit-kind-{}", kind.as_str()));
        let subject = match &e.subject {
            AuditSubject::Edition { lang, slug, .. } => {
                let link = match kind {
                    ActionKind::Approved | ActionKind::Rejected => format!("/{}/article/{slug}#comments", lang.code()),
                    ActionKind::Retagged | ActionKind::Workflow => format!("/{code}/newsroom/story/{slug}"),
                    _ => format!("/{code}/newsroom/review/{slug}/{}", lang.code()),
                };
                format!(
                    "<a href=\"{}\">{}</a> <small>{}</small>",
                    esc(&link),
                    esc(slug),
                    esc(&ctx.locales.language_name(ctx.lang, *lang))
                )
            }
            // A removed source has no row on the sources page any more.
            AuditSubject::Source { id, address } if kind != ActionKind::SourceRemoved => {
                format!("<a href=\"/{code}/newsroom/sources#source-{id}\">{}</a>", esc(address))
            }
            AuditSubject::Source { address, .. } => esc(address),
        };
        let change = match (&e.change, e.action.count) {
            (Some((before, after)), _) => {
                format!("{} → {}", esc(&value_word(ctx, kind, before)), esc(&value_word(ctx, kind, after)))
            }
            (None, Some(count)) => ctx.tah("audit-segments", &[("count", count.into())]),
            (None, None) => String::new(),
        };
        h.push_str(&format!(
            "<tr class=\"audit-{}\"><td>{}</td><td>{}</td><td class=\"audit-what\">{}</td>\
             <td class=\"audit-subject\">{subject}</td><td class=\"audit-change\">{change}</td></tr>",
            kind.as_str(),
            ctx.time(e.action.at),
            esc(&who),
            esc(&what),
        ));
    }
    h.push_str("</tbody></table>");
    if let Some(query) = &p.older {
        h.push_str(&format!("<p><a rel=\"next\" href=\"/{code}/newsroom/log?{}\">{}</a></p>", esc(query), ctx.th("audit-older")));
    }
    h.push_str("</div>");
    h
}
