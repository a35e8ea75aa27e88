//! `/{lang}/newsroom/log`: the audit log, for editors. Filters come in
//! the query (`member`, `action`, `lang`), the next page with `before`.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use loa_domain::{ActionKind, Lang};
use loa_store::AuditFilter;

use super::member::{private, Editor, Member};
use crate::handlers::{ctx, finish, render_page, PageResult};
use crate::render::audit::{audit_page, AuditPage};
use crate::render::layout::Page;
use crate::AppState;

/// Lines on one page of the log.
const PER_PAGE: i64 = 50;

pub async fn log(
    State(state): State<AppState>,
    Editor(Member { lang, .. }): Editor,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    private(finish(&state, lang, build(&state, lang, &params).await))
}

/// The filter a query asks for; a value that names nothing is no filter.
fn filter_of(params: &HashMap<String, String>) -> AuditFilter {
    let given = |k: &str| params.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    AuditFilter {
        user_id: given("member").and_then(|v| v.parse().ok()),
        kind: given("action").and_then(ActionKind::parse),
        lang: given("lang").and_then(|v| v.parse::<Lang>().ok()),
        before_id: given("before").and_then(|v| v.parse().ok()),
    }
}

async fn build(state: &AppState, lang: Lang, params: &HashMap<String, String>) -> PageResult {
    let c = ctx(state, lang);
    let filter = filter_of(params);
    let mut entries = state.store.audit_log(&filter, PER_PAGE + 1).await?;
    let older = (entries.len() as i64 > PER_PAGE).then(|| {
        entries.truncate(PER_PAGE as usize);
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if let Some(id) = filter.user_id {
            query.append_pair("member", &id.to_string());
        }
        if let Some(kind) = filter.kind {
            query.append_pair("action", kind.as_str());
        }
        if let Some(l) = filter.lang {
            query.append_pair("lang", l.code());
        }
        query.append_pair("before", &entries.last().map_or(0, |e| e.id).to_string());
        query.finish()
    });
    let members = state.store.users().await?;
    let langs = state.site.offered();
    let main = audit_page(&c, &AuditPage { entries: &entries, members: &members, langs: &langs, filter: &filter, older });
    let page = Page { title: c.t("audit-title"), main, noindex: true, ..Page::default() };
    Ok(render_page(state, lang, StatusCode::OK, &page))
}
