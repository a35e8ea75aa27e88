//! The newsroom's sources page: every feed and sitemap loa follows, with
//! its last fetch, errors and robots.txt status, and the form that adds one.

use loa_domain::{Source, SourceKind};

use super::{esc, url_attr, Ctx};

/// What the sources page shows.
pub struct SourcesPage<'a> {
    pub sources: &'a [Source],
    /// What robots.txt says of each source's feed, in the same order.
    pub robots: &'a [Option<bool>],
    /// A line saying what was just done.
    pub notice: Option<String>,
    /// Why the address just typed was not followed, and the address, kept
    /// in the form so nothing typed is lost.
    pub refused: Option<(String, String)>,
    /// Whether this node can follow new sources.
    pub can_follow: bool,
}

pub fn sources_page(ctx: &Ctx<'_>, p: &SourcesPage<'_>) -> String {
    let code = ctx.lang.code();
    let mut h = format!("<div class=\"wrap newsroom sources\"><h1>{}</h1>", ctx.th("sources-title"));
    h.push_str(&format!("<p><a href=\"/{code}/newsroom/\">{}</a></p>", ctx.th("newsroom-title")));
    if let Some(notice) = &p.notice {
        h.push_str(&format!("<p class=\"form-notice\" role=\"status\">{}</p>", esc(notice)));
    }
    if p.can_follow {
        let (error, typed) = match &p.refused {
            Some((why, url)) => {
                (format!("<p class=\"form-error\" id=\"source-url-error\" role=\"alert\">{}</p>", esc(why)), url.as_str())
            }
            None => (String::new(), ""),
        };
        let described = if p.refused.is_some() { " aria-describedby=\"source-url-error\" aria-invalid=\"true\"" } else { "" };
        h.push_str(&format!(
            "<form class=\"source-add\" method=\"post\" action=\"/{code}/newsroom/sources\"><h2>{}</h2>{error}\
             <p><label for=\"source-url\">{}</label> <input id=\"source-url\" name=\"url\" type=\"url\" required \
             maxlength=\"2000\" value=\"{}\"{described}></p><p class=\"hint\">{}</p><button type=\"submit\">{}</button></form>",
            ctx.th("sources-add-heading"),
            ctx.th("sources-add-label"),
            esc(typed),
            ctx.th("sources-add-hint"),
            ctx.th("sources-add-submit")
        ));
    }
    if p.sources.is_empty() {
        h.push_str(&format!("<p class=\"empty\">{}</p></div>", ctx.th("sources-empty")));
        return h;
    }
    h.push_str(&format!(
        "<table class=\"source-table\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th></tr></thead><tbody>",
        ctx.th("sources-caption"),
        ctx.th("sources-col-outlet"),
        ctx.th("sources-col-state"),
        ctx.th("sources-col-last-fetch"),
        ctx.th("sources-col-error"),
        ctx.th("sources-col-robots"),
        ctx.th("sources-col-articles"),
        ctx.th("sources-col-actions"),
    ));
    for (s, robots) in p.sources.iter().zip(p.robots.iter().chain(std::iter::repeat(&None))) {
        let kind = ctx.t(match s.kind {
            SourceKind::Feed => "sources-kind-feed",
            SourceKind::Sitemap => "sources-kind-sitemap",
        });
        let feed = match url_attr(&s.feed_url) {
            Some(href) => format!("<a href=\"{href}\" rel=\"nofollow noopener\">{}</a>", esc(&s.feed_url)),
            None => esc(&s.feed_url),
        };
        let state = if s.settings.enabled { ctx.th("sources-active") } else { ctx.th("sources-paused") };
        let last = match s.last_success_at {
            Some(at) => ctx.time(at),
            None => ctx.th("sources-never"),
        };
        let error = match &s.last_error {
            Some(e) => format!(
                "<span class=\"source-error\">{}</span> {}",
                esc(e),
                ctx.tah("sources-failures-in-a-row", &[("count", s.health.consecutive_failures.into())])
            ),
            None => String::new(),
        };
        let robots = ctx.th(match robots {
            Some(true) => "sources-robots-allowed",
            Some(false) => "sources-robots-refused",
            None => "sources-robots-unknown",
        });
        let (toggle, toggle_label) = if s.settings.enabled { ("pause", "sources-pause") } else { ("resume", "sources-resume") };
        h.push_str(&format!(
            "<tr id=\"source-{id}\"><th scope=\"row\"><span class=\"source-outlet\">{}</span> <small>{}</small><br>{feed}</th>\
             <td class=\"source-state\">{state}</td><td>{last}</td><td>{error}</td><td class=\"source-robots\">{robots}</td>\
             <td>{}</td><td><form method=\"post\" action=\"/{code}/newsroom/sources/{id}\">\
             <button type=\"submit\" name=\"action\" value=\"{toggle}\">{}</button> \
             <button type=\"submit\" name=\"action\" value=\"remove\" class=\"danger\">{}</button></form></td></tr>",
            esc(&s.outlet),
            esc(&kind),
            s.health.articles,
            ctx.th(toggle_label),
            ctx.th("sources-remove"),
            id = s.id,
        ));
    }
    h.push_str("</tbody></table></div>");
    h
}
