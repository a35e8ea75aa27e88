//! `/{lang}/search?q=…`: full-text search with filters, facets and order.
//!
//! A reader searches the page's language by default: results in the
//! language they read, with the language facet showing how many stories
//! the other languages hold and linking to them, plus an "all languages"
//! link (`lang=all`), which lists the page's language first. Other
//! parameters: `category` (slug), `author` and `place` (names as shown in
//! the facets), `from` / `to` (`YYYY-MM-DD`, inclusive), `sort`
//! (`relevance` or `date`) and `page`.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use loa_domain::{Category, Lang};
use loa_search::{FacetCount, SearchQuery, SearchResults, SortOrder, MAX_RESULT_WINDOW};

use crate::handlers::{
    alternates_everywhere, ctx, finish, not_found, page_count, page_number, render_page, PageLang, PageResult,
};
use crate::render::layout::{pagination, Page};
use crate::render::{esc, Ctx};
use crate::AppState;

const PER_PAGE: usize = 10;

/// Which languages a search covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LangScope {
    /// Only this language.
    Only(Lang),
    /// Every language.
    All,
}

/// The filters and order of a search, as the URL carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Filters {
    /// `None`: the default (the page's language on the site, every
    /// language in the API).
    pub lang: Option<LangScope>,
    pub category: Option<String>,
    pub author: Option<String>,
    pub place: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sort: SortOrder,
}

/// Why a parameter was refused (the API answers 400 with it; the page
/// ignores the parameter and says so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadParam {
    pub param: &'static str,
    pub message: String,
}

fn text_param(params: &HashMap<String, String>, name: &str) -> Option<String> {
    params.get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty() && v.chars().count() <= 200)
}

impl Filters {
    /// The filters in `params`; a bad value is left out and reported.
    pub(crate) fn parse(params: &HashMap<String, String>, offered: &[Lang]) -> (Filters, Vec<BadParam>) {
        let mut bad = Vec::new();
        let mut filters = Filters {
            category: text_param(params, "category"),
            author: text_param(params, "author"),
            place: text_param(params, "place"),
            ..Filters::default()
        };
        if let Some(code) = text_param(params, "lang") {
            if code == "all" {
                filters.lang = Some(LangScope::All);
            } else if let Some(l) = offered.iter().find(|l| l.code() == code) {
                filters.lang = Some(LangScope::Only(*l));
            } else {
                let codes: Vec<&str> = offered.iter().map(|l| l.code()).collect();
                bad.push(BadParam {
                    param: "lang",
                    message: format!("lang {code:?} is not offered here; use one of {} or \"all\"", codes.join(", ")),
                });
            }
        }
        for (name, slot) in [("from", &mut filters.from), ("to", &mut filters.to)] {
            if let Some(v) = text_param(params, name) {
                match NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
                    Ok(d) => *slot = Some(d),
                    Err(_) => bad.push(BadParam {
                        param: if name == "from" { "from" } else { "to" },
                        message: format!("{name} must be a date written YYYY-MM-DD, got {v:?}"),
                    }),
                }
            }
        }
        if let (Some(from), Some(to)) = (filters.from, filters.to) {
            if from > to {
                bad.push(BadParam { param: "to", message: format!("to ({to}) is before from ({from})") });
                filters.to = None;
            }
        }
        if let Some(v) = text_param(params, "sort") {
            match v.parse::<SortOrder>() {
                Ok(sort) => filters.sort = sort,
                Err(message) => bad.push(BadParam { param: "sort", message }),
            }
        }
        (filters, bad)
    }

    /// The search these filters ask for, `default_lang` standing in for an
    /// unset `lang` (and ranked first when searching every language).
    pub(crate) fn query(&self, text: &str, default_lang: Option<Lang>, limit: usize, offset: usize) -> SearchQuery {
        let lang = match self.lang {
            Some(LangScope::Only(l)) => Some(l),
            Some(LangScope::All) => None,
            None => default_lang,
        };
        SearchQuery {
            text: text.to_string(),
            lang,
            prefer_lang: default_lang,
            category: self.category.clone(),
            author: self.author.clone(),
            place: self.place.clone(),
            from: self.from,
            to: self.to,
            sort: self.sort,
            limit,
            offset,
        }
    }

    /// Query-string pairs, in a fixed order.
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        match self.lang {
            Some(LangScope::Only(l)) => out.push(("lang", l.code().to_string())),
            Some(LangScope::All) => out.push(("lang", "all".to_string())),
            None => {}
        }
        for (name, v) in [("category", &self.category), ("author", &self.author), ("place", &self.place)] {
            if let Some(v) = v {
                out.push((name, v.clone()));
            }
        }
        if let Some(d) = self.from {
            out.push(("from", d.to_string()));
        }
        if let Some(d) = self.to {
            out.push(("to", d.to_string()));
        }
        if self.sort == SortOrder::Date {
            out.push(("sort", "date".to_string()));
        }
        out
    }
}

pub async fn search(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let query = params.get("q").map(|q| q.trim().to_string()).unwrap_or_default();
    let page = match page_number(&params) {
        Some(p) if (p as usize) * PER_PAGE <= MAX_RESULT_WINDOW => p,
        _ => return not_found(&state, lang, ""),
    };
    let (mut filters, bad) = Filters::parse(&params, &state.site.offered());
    // The page's own language is the default; naming it is the same page.
    if filters.lang == Some(LangScope::Only(lang)) {
        filters.lang = None;
    }
    let bad_date = bad.iter().any(|b| b.param == "from" || b.param == "to");
    let result = build(&state, lang, query, filters, bad_date, page).await;
    finish(&state, lang, result)
}

/// The search crate marks matches with `<mark>` and escapes everything
/// else; this keeps that promise checked here too, so a change there can
/// never let markup through.
fn safe_snippet(snippet_html: &str) -> String {
    let mut out = String::with_capacity(snippet_html.len());
    for (i, outside) in snippet_html.split("<mark>").enumerate() {
        if i > 0 {
            out.push_str("<mark>");
        }
        for (j, piece) in outside.split("</mark>").enumerate() {
            if j > 0 {
                out.push_str("</mark>");
            }
            out.push_str(&piece.replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;"));
        }
    }
    // Unbalanced marks from a malformed snippet are closed rather than
    // left to run into the rest of the page.
    let opened = out.matches("<mark>").count();
    let closed = out.matches("</mark>").count();
    for _ in closed..opened {
        out.push_str("</mark>");
    }
    out
}

fn search_path(lang: Lang, query: &str, filters: &Filters, page: i64) -> String {
    let mut path = format!("/{}/search", lang.code());
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    if !query.is_empty() {
        serializer.append_pair("q", query);
    }
    for (name, value) in filters.pairs() {
        serializer.append_pair(name, &value);
    }
    if page > 1 {
        serializer.append_pair("page", &page.to_string());
    }
    let qs = serializer.finish();
    if !qs.is_empty() {
        path.push('?');
        path.push_str(&qs);
    }
    path
}

/// How a facet value reads on the page.
fn facet_label(c: &Ctx<'_>, facet: &str, value: &str) -> String {
    match facet {
        "category" if Category::from_slug(value).is_some() => c.locales.category_name(c.lang, value),
        "lang" => match value.parse::<Lang>() {
            Ok(l) => c.locales.language_name(c.lang, l),
            Err(_) => value.to_string(),
        },
        _ => value.to_string(),
    }
}

/// One facet as a list of links, each narrowing the search to one value
/// (or, for the value already chosen, marked current).
fn facet_html(
    c: &Ctx<'_>,
    query: &str,
    filters: &Filters,
    facet: &'static str,
    counts: &[FacetCount],
    extra: Option<String>,
) -> String {
    if counts.is_empty() && extra.is_none() {
        return String::new();
    }
    let mut h = format!(
        "<section class=\"facet\" id=\"facet-{facet}\" aria-labelledby=\"facet-{facet}-heading\"><h3 id=\"facet-{facet}-heading\">{}</h3><ul>",
        c.th(&format!("search-facet-{facet}"))
    );
    for fc in counts {
        let mut narrowed = filters.clone();
        let chosen = match facet {
            "category" => narrowed.category.replace(fc.value.clone()),
            "author" => narrowed.author.replace(fc.value.clone()),
            "place" => narrowed.place.replace(fc.value.clone()),
            _ => {
                // The page's own language is the default, so it needs no
                // parameter.
                narrowed.lang = match fc.value.parse::<Lang>() {
                    Ok(l) if l != c.lang => Some(LangScope::Only(l)),
                    _ => None,
                };
                match filters.lang {
                    Some(LangScope::Only(current)) => Some(current.code().to_string()),
                    None => Some(c.lang.code().to_string()),
                    Some(LangScope::All) => None,
                }
            }
        };
        let is_current = chosen.as_deref() == Some(fc.value.as_str());
        let label = esc(&facet_label(c, facet, &fc.value));
        let count = format!("<span class=\"facet-count\">{}</span>", fc.count);
        if is_current {
            h.push_str(&format!(
                "<li><a href=\"{}\" aria-current=\"true\">{label}</a> {count}</li>",
                esc(&search_path(c.lang, query, &narrowed, 1))
            ));
        } else {
            h.push_str(&format!("<li><a href=\"{}\">{label}</a> {count}</li>", esc(&search_path(c.lang, query, &narrowed, 1))));
        }
    }
    if let Some(extra) = extra {
        h.push_str(&extra);
    }
    h.push_str("</ul></section>");
    h
}

/// Links that each drop one active filter, and one that drops them all.
fn active_filters_html(c: &Ctx<'_>, query: &str, filters: &Filters) -> String {
    let mut chips: Vec<(String, Filters)> = Vec::new();
    if let Some(LangScope::Only(l)) = filters.lang {
        chips.push((c.locales.language_name(c.lang, l), Filters { lang: None, ..filters.clone() }));
    }
    if let Some(v) = &filters.category {
        chips.push((facet_label(c, "category", v), Filters { category: None, ..filters.clone() }));
    }
    if let Some(v) = &filters.author {
        chips.push((v.clone(), Filters { author: None, ..filters.clone() }));
    }
    if let Some(v) = &filters.place {
        chips.push((v.clone(), Filters { place: None, ..filters.clone() }));
    }
    if let Some(d) = filters.from {
        chips.push((format!("{} {}", c.t("search-date-from"), d), Filters { from: None, ..filters.clone() }));
    }
    if let Some(d) = filters.to {
        chips.push((format!("{} {}", c.t("search-date-to"), d), Filters { to: None, ..filters.clone() }));
    }
    if chips.is_empty() {
        return String::new();
    }
    let mut h = format!("<nav class=\"active-filters\" aria-label=\"{}\"><ul>", c.th("search-active-filters"));
    for (label, without) in &chips {
        h.push_str(&format!(
            "<li><a class=\"chip\" href=\"{}\">{}</a></li>",
            esc(&search_path(c.lang, query, without, 1)),
            c.tah("search-remove-filter", &[("filter", label.as_str().into())])
        ));
    }
    if chips.len() > 1 {
        let cleared = Filters { sort: filters.sort, ..Filters::default() };
        h.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>",
            esc(&search_path(c.lang, query, &cleared, 1)),
            c.th("search-clear-filters")
        ));
    }
    h.push_str("</ul></nav>");
    h
}

fn sort_html(c: &Ctx<'_>, query: &str, filters: &Filters) -> String {
    let mut h = format!("<nav class=\"sort\" aria-label=\"{}\"><ul>", c.th("search-sort-label"));
    for (sort, id) in [(SortOrder::Relevance, "search-sort-relevance"), (SortOrder::Date, "search-sort-date")] {
        let path = search_path(c.lang, query, &Filters { sort, ..filters.clone() }, 1);
        let current = if filters.sort == sort { " aria-current=\"true\"" } else { "" };
        h.push_str(&format!("<li><a href=\"{}\"{current}>{}</a></li>", esc(&path), c.th(id)));
    }
    h.push_str("</ul></nav>");
    h
}

fn form_html(c: &Ctx<'_>, query: &str, filters: &Filters) -> String {
    let mut hidden = String::new();
    for (name, value) in filters.pairs() {
        if name != "from" && name != "to" {
            hidden.push_str(&format!("<input type=\"hidden\" name=\"{name}\" value=\"{}\">", esc(&value)));
        }
    }
    let date = |name: &str, id: &str, value: Option<NaiveDate>| {
        format!(
            "<label for=\"search-{name}\">{}</label><input id=\"search-{name}\" type=\"date\" name=\"{name}\" value=\"{}\">",
            c.th(id),
            value.map(|d| d.to_string()).unwrap_or_default()
        )
    };
    format!(
        "<form class=\"search-form\" role=\"search\" action=\"/{}/search\" method=\"get\">\
         <label for=\"search-page-q\">{}</label>\
         <input id=\"search-page-q\" type=\"search\" name=\"q\" value=\"{}\" placeholder=\"{}\">\
         <button type=\"submit\">{}</button>\
         <fieldset class=\"search-dates\"><legend>{}</legend>{}{}</fieldset>{hidden}</form>",
        c.lang.code(),
        c.th("search-label"),
        esc(query),
        c.th("search-placeholder"),
        c.th("search-button"),
        c.th("search-dates-label"),
        date("from", "search-date-from", filters.from),
        date("to", "search-date-to", filters.to),
    )
}

fn facets_html(c: &Ctx<'_>, query: &str, filters: &Filters, results: &SearchResults) -> String {
    let offered = c.site.offered();
    let langs: Vec<FacetCount> =
        results.facets.lang.iter().filter(|fc| offered.iter().any(|l| l.code() == fc.value)).cloned().collect();
    let mut h = format!(
        "<aside class=\"facets\" aria-labelledby=\"refine-heading\"><h2 id=\"refine-heading\">{}</h2>",
        c.th("search-refine")
    );
    h.push_str(&sort_html(c, query, filters));
    let all_languages = Filters { lang: Some(LangScope::All), ..filters.clone() };
    let all_current = if filters.lang == Some(LangScope::All) { " aria-current=\"true\"" } else { "" };
    let all_link = format!(
        "<li class=\"all-languages\"><a href=\"{}\"{all_current}>{}</a></li>",
        esc(&search_path(c.lang, query, &all_languages, 1)),
        c.th("search-all-languages")
    );
    h.push_str(&facet_html(c, query, filters, "lang", &langs, Some(all_link)));
    h.push_str(&facet_html(c, query, filters, "category", &results.facets.category, None));
    h.push_str(&facet_html(c, query, filters, "author", &results.facets.author, None));
    h.push_str(&facet_html(c, query, filters, "place", &results.facets.place, None));
    h.push_str("</aside>");
    h
}

async fn build(state: &AppState, lang: Lang, query: String, filters: Filters, bad_date: bool, page: i64) -> PageResult {
    let c: Ctx<'_> = ctx(state, lang);
    let mut main = format!("<div class=\"wrap listing search-page\"><h1 class=\"page-title\">{}</h1>", c.th("search-heading"));
    main.push_str(&form_html(&c, &query, &filters));
    if bad_date {
        main.push_str(&format!("<p class=\"notice\" role=\"alert\">{}</p>", c.th("search-bad-date")));
    }
    let mut prev = None;
    let mut next = None;
    if query.is_empty() {
        main.push_str(&format!("<p class=\"empty\">{}</p>", c.th("search-prompt")));
    } else {
        let index = state.search.clone();
        let q = filters.query(&query, Some(lang), PER_PAGE, (page as usize - 1) * PER_PAGE);
        // tantivy searches block; keep them off the async workers.
        let results = tokio::task::spawn_blocking(move || index.search(&q)).await??;
        let pages = page_count(results.total as i64, PER_PAGE as i64);
        if results.total > 0 && page > pages {
            return Ok(not_found(state, lang, ""));
        }
        main.push_str("<div class=\"search-layout\">");
        main.push_str(&facets_html(&c, &query, &filters, &results));
        main.push_str("<div class=\"search-results\">");
        main.push_str(&active_filters_html(&c, &query, &filters));
        if results.total == 0 {
            main.push_str(&format!("<p class=\"empty\">{}</p>", c.th("search-no-results")));
        } else {
            main.push_str(&format!(
                "<p class=\"result-count\" role=\"status\">{}</p><ol class=\"results\">",
                c.tah("search-results", &[("count", (results.total as i64).into())])
            ));
            for hit in &results.hits {
                // A result in another language links to that language's
                // page and says which language it is in.
                let (href, lang_attr) = if hit.lang == lang {
                    (c.article_path(&hit.slug), String::new())
                } else {
                    let code = hit.lang.code();
                    (crate::render::article_path(hit.lang, &hit.slug), format!(" lang=\"{code}\" hreflang=\"{code}\""))
                };
                main.push_str(&format!(
                    "<li class=\"result\"><h2><a href=\"{}\"{lang_attr}>{}</a></h2><p class=\"snippet\"{}>{}</p><p class=\"card-meta\">{}{}</p></li>",
                    esc(&href),
                    esc(&hit.title),
                    if hit.lang == lang { String::new() } else { format!(" lang=\"{}\"", hit.lang.code()) },
                    safe_snippet(&hit.snippet_html),
                    c.time(hit.published_at),
                    if hit.lang == lang {
                        String::new()
                    } else {
                        format!(" · <span class=\"result-lang\">{}</span>", esc(&c.locales.language_name(lang, hit.lang)))
                    }
                ));
            }
            main.push_str("</ol>");
            prev = (page > 1).then(|| search_path(lang, &query, &filters, page - 1));
            next = (page < pages).then(|| search_path(lang, &query, &filters, page + 1));
            main.push_str(&pagination(&c, page, pages, prev.as_deref(), next.as_deref()));
        }
        main.push_str("</div></div>");
    }
    main.push_str("</div>");
    let page_html = Page {
        title: if query.is_empty() { c.t("search-heading") } else { format!("{query} — {}", c.t("search-heading")) },
        path: search_path(lang, &query, &filters, page),
        alternates: alternates_everywhere(state, |l| search_path(l, &query, &filters, page)),
        prev_path: prev,
        next_path: next,
        query: query.clone(),
        main,
        noindex: true,
        ..Page::default()
    };
    Ok(render_page(state, lang, StatusCode::OK, &page_html))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_keep_marks_and_nothing_else() {
        assert_eq!(safe_snippet("a <mark>b</mark> &amp; c"), "a <mark>b</mark> &amp; c");
        assert_eq!(safe_snippet("<script>x</script><mark>y"), "&lt;script&gt;x&lt;/script&gt;<mark>y</mark>");
    }

    #[test]
    fn search_paths_encode_the_query() {
        let none = Filters::default();
        assert_eq!(
            search_path(Lang::Ru, "Хатинь & co", &none, 2),
            "/ru/search?q=%D0%A5%D0%B0%D1%82%D0%B8%D0%BD%D1%8C+%26+co&page=2"
        );
        assert_eq!(search_path(Lang::En, "", &none, 1), "/en/search");
        let some =
            Filters { lang: Some(LangScope::All), place: Some("Hà Tĩnh".into()), sort: SortOrder::Date, ..Filters::default() };
        assert_eq!(search_path(Lang::En, "flood", &some, 1), "/en/search?q=flood&lang=all&place=H%C3%A0+T%C4%A9nh&sort=date");
    }

    #[test]
    fn filters_parse_and_report_bad_values() {
        let params: HashMap<String, String> =
            [("lang", "ru"), ("category", " local "), ("from", "2024-03-01"), ("to", "yesterday"), ("sort", "date")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let (filters, bad) = Filters::parse(&params, &[Lang::En, Lang::Ru]);
        assert_eq!(filters.lang, Some(LangScope::Only(Lang::Ru)));
        assert_eq!(filters.category.as_deref(), Some("local"));
        assert_eq!(filters.from, NaiveDate::from_ymd_opt(2024, 3, 1));
        assert_eq!(filters.to, None);
        assert_eq!(filters.sort, SortOrder::Date);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].param, "to");
        let q = filters.query("x", Some(Lang::En), 10, 0);
        assert_eq!((q.lang, q.prefer_lang), (Some(Lang::Ru), Some(Lang::En)));
    }
}
