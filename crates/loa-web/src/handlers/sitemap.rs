//! `/sitemap.xml`: every public edition page with its language
//! alternates, and the front page in every language.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use loa_domain::Lang;

use super::PageError;
use crate::render::{esc, iso};
use crate::AppState;

pub async fn sitemap(State(state): State<AppState>) -> Response {
    match build(&state).await {
        Ok(xml) => ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "sitemap failed");
            (axum::http::StatusCode::INTERNAL_SERVER_ERROR, "sitemap unavailable").into_response()
        }
    }
}

fn url_entry(out: &mut String, loc: &str, lastmod: Option<&str>, alternates: &[(Lang, String)]) {
    out.push_str("<url><loc>");
    out.push_str(&esc(loc));
    out.push_str("</loc>");
    if let Some(lastmod) = lastmod {
        out.push_str(&format!("<lastmod>{lastmod}</lastmod>"));
    }
    for (lang, href) in alternates {
        out.push_str(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
            lang.code(),
            esc(href)
        ));
    }
    out.push_str("</url>\n");
}

async fn build(state: &AppState) -> Result<String, PageError> {
    let offered = state.site.offered();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let homes: Vec<(Lang, String)> = offered.iter().map(|l| (*l, state.site.absolute(&format!("/{}/", l.code())))).collect();
    for (_, loc) in &homes {
        url_entry(&mut out, loc, None, &homes);
    }
    for entry in state.store.sitemap().await? {
        let langs: Vec<Lang> = offered.iter().copied().filter(|l| entry.langs.contains(l)).collect();
        let alternates: Vec<(Lang, String)> = langs
            .iter()
            .map(|l| (*l, state.site.absolute(&crate::render::article_path(*l, &entry.slug))))
            .collect();
        let lastmod = iso(entry.updated_at);
        for (_, loc) in &alternates {
            url_entry(&mut out, loc, Some(&lastmod), &alternates);
        }
    }
    out.push_str("</urlset>\n");
    Ok(out)
}
