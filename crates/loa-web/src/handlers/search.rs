//! `/{lang}/search?q=&page=`: full-text search in the page's language.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use loa_domain::Lang;
use loa_search::{SearchQuery, MAX_RESULT_WINDOW};

use super::{alternates_everywhere, ctx, finish, not_found, page_count, page_number, render_page, PageResult};
use crate::render::layout::{pagination, Page};
use crate::render::{esc, Ctx};
use crate::AppState;

const PER_PAGE: usize = 10;

pub async fn search(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(lang) = state.site.page_lang(&lang) else {
        return not_found::page(&state, state.site.fallback_lang(), "");
    };
    let query = params.get("q").map(|q| q.trim().to_string()).unwrap_or_default();
    let page = match page_number(&params) {
        Some(p) if (p as usize) * PER_PAGE <= MAX_RESULT_WINDOW => p,
        _ => return not_found::page(&state, lang, ""),
    };
    let result = build(&state, lang, query, page).await;
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

fn search_path(lang: Lang, query: &str, page: i64) -> String {
    let mut path = format!("/{}/search", lang.code());
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    if !query.is_empty() {
        serializer.append_pair("q", query);
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

async fn build(state: &AppState, lang: Lang, query: String, page: i64) -> PageResult {
    let c: Ctx<'_> = ctx(state, lang);
    let mut main = format!("<div class=\"wrap listing search-page\"><h1 class=\"page-title\">{}</h1>", c.th("search-heading"));
    main.push_str(&format!(
        "<form class=\"search-form\" role=\"search\" action=\"/{}/search\" method=\"get\">\
         <label for=\"search-page-q\">{}</label>\
         <input id=\"search-page-q\" type=\"search\" name=\"q\" value=\"{}\" placeholder=\"{}\">\
         <button type=\"submit\">{}</button></form>",
        lang.code(),
        c.th("search-label"),
        esc(&query),
        c.th("search-placeholder"),
        c.th("search-button")
    ));
    let mut prev = None;
    let mut next = None;
    if query.is_empty() {
        main.push_str(&format!("<p class=\"empty\">{}</p>", c.th("search-prompt")));
    } else {
        let index = state.search.clone();
        let q = SearchQuery {
            text: query.clone(),
            lang: Some(lang),
            limit: PER_PAGE,
            offset: (page as usize - 1) * PER_PAGE,
        };
        // tantivy searches block; keep them off the async workers.
        let results = tokio::task::spawn_blocking(move || index.search(&q)).await??;
        let pages = page_count(results.total as i64, PER_PAGE as i64);
        if results.total == 0 {
            main.push_str(&format!("<p class=\"empty\">{}</p>", c.th("search-no-results")));
        } else if page > pages {
            return Ok(not_found::page(state, lang, ""));
        } else {
            main.push_str(&format!(
                "<p class=\"result-count\" role=\"status\">{}</p><ol class=\"results\">",
                c.tah("search-results", &[("count", (results.total as i64).into())])
            ));
            for hit in &results.hits {
                main.push_str(&format!(
                    "<li class=\"result\"><h2><a href=\"{}\">{}</a></h2><p class=\"snippet\">{}</p><p class=\"card-meta\">{}</p></li>",
                    esc(&c.article_path(&hit.slug)),
                    esc(&hit.title),
                    safe_snippet(&hit.snippet_html),
                    c.time(hit.published_at)
                ));
            }
            main.push_str("</ol>");
            prev = (page > 1).then(|| search_path(lang, &query, page - 1));
            next = (page < pages).then(|| search_path(lang, &query, page + 1));
            main.push_str(&pagination(&c, page, pages, prev.as_deref(), next.as_deref()));
        }
    }
    main.push_str("</div>");
    let page_html = Page {
        title: if query.is_empty() { c.t("search-heading") } else { format!("{query} — {}", c.t("search-heading")) },
        path: search_path(lang, &query, page),
        alternates: alternates_everywhere(state, |l| search_path(l, &query, page)),
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
        assert_eq!(search_path(Lang::Ru, "Хатинь & co", 2), "/ru/search?q=%D0%A5%D0%B0%D1%82%D0%B8%D0%BD%D1%8C+%26+co&page=2");
        assert_eq!(search_path(Lang::En, "", 1), "/en/search");
    }
}
