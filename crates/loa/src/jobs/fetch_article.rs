//! Fetches one page, extracts the article, copies its images, follows the
//! outlet's own translations (`hreflang` alternates), and stores it all in
//! one transaction with the translation jobs it causes.

use loa_domain::article::body_text;
use loa_domain::{Category, Lang, NewArticle, SourceSettings};
use loa_ingest::{
    canonical_url, decode_html, extract_with_rules, simhash, ExtractError, ExtractRules, Extracted, FetchError,
    NEAR_DUPLICATE_BITS,
};
use loa_store::{Fingerprint, InsertOutcome, Job, SuppliedEdition};
use serde::{Deserialize, Serialize};

use super::JobFailure;
use crate::media::localise_figures;
use crate::services::Services;

/// What the feed pass knows about a link before fetching it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FetchArticlePayload {
    pub url: String,
    pub source_id: Option<i64>,
    pub outlet: String,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub author: Option<String>,
}

pub async fn run(services: &Services, job: &Job) -> Result<(), JobFailure> {
    let payload: FetchArticlePayload = serde_json::from_value(job.payload.clone())
        .map_err(|e| JobFailure::Permanent(format!("malformed fetch job payload: {e}")))?;
    let source = match payload.source_id {
        Some(id) => services.store.source(id).await.ok(),
        None => None,
    };
    let settings = source.as_ref().map(|s| s.settings.clone()).unwrap_or_default();
    let result = ingest_page(services, &payload, &settings).await;
    if let Some(id) = payload.source_id {
        match &result {
            Ok(InsertOutcome::Duplicate(_)) => services.store.count_source_duplicate(id).await?,
            Err(JobFailure::Permanent(reason)) => services.store.count_source_failure(id, reason).await?,
            _ => {}
        }
    }
    result.map(|_| ())
}

async fn ingest_page(
    services: &Services,
    payload: &FetchArticlePayload,
    settings: &SourceSettings,
) -> Result<InsertOutcome, JobFailure> {
    let (final_url, content_type, html, page) = fetch_and_extract(services, &payload.url, settings).await?;
    let lang = settings.language.or(page.language).filter(|l| services.config.languages.contains(l)).ok_or_else(|| match page
        .language
    {
        Some(l) => JobFailure::Permanent(format!("{} is in {l}, which this portal does not publish", payload.url)),
        None => JobFailure::Permanent(format!("cannot tell which language {} is in", payload.url)),
    })?;

    let max_image = services.config.fetch.max_image_bytes;
    let mut supplied = Vec::new();
    for (alt_lang, alt_url) in &page.alternates {
        if *alt_lang == lang
            || !services.config.languages.contains(alt_lang)
            || supplied.iter().any(|s: &SuppliedEdition| s.lang == *alt_lang)
        {
            continue;
        }
        // An outlet's own translation is better than any engine's; if it
        // cannot be fetched the engines still cover the language.
        match fetch_and_extract(services, alt_url, settings).await {
            Ok((url, _, _, alt)) if alt.language.is_none_or(|l| l == *alt_lang) => supplied.push(SuppliedEdition {
                lang: *alt_lang,
                url,
                title: alt.title,
                lead: alt.lead,
                blocks: localise_figures(&services.fetcher, alt.blocks, &services.store, max_image).await,
            }),
            Ok(_) => tracing::warn!(%alt_url, "alternate is not in the language it claims; ignored"),
            Err(e) => tracing::warn!(%alt_url, reason = e.reason(), "alternate not fetched"),
        }
    }

    let mut translate_to: Vec<Lang> = services.targets_from(lang);
    for s in &supplied {
        for l in services.targets_from(s.lang) {
            if !translate_to.contains(&l) {
                translate_to.push(l);
            }
        }
    }

    let labels: Vec<String> = page.categories.iter().chain(payload.categories.iter()).cloned().collect();
    let category = settings.category_for(&final_url, &labels).unwrap_or_else(|| {
        labels
            .iter()
            .map(|c| Category::from_slug(c).unwrap_or_else(|| Category::from_label(c)))
            .next()
            .unwrap_or_else(|| Category::from_label(""))
    });
    let new = NewArticle {
        // The identity of the page: the outlet's canonical link if it gives
        // one, tracking parameters and fragments removed.
        canonical_url: {
            let url = page.canonical_url.clone().unwrap_or_else(|| final_url.clone());
            canonical_url(&url).unwrap_or(url)
        },
        outlet: page.site_name.clone().unwrap_or_else(|| payload.outlet.clone()),
        source_id: payload.source_id,
        lang,
        title: page.title.clone(),
        lead: page.lead.clone(),
        blocks: localise_figures(&services.fetcher, page.blocks.clone(), &services.store, max_image).await,
        author: page.author.clone().or(payload.author.clone()),
        category,
        places: page.places.clone(),
        topics: page.tags.clone(),
        published_at: page.published,
        updated_at: page.updated,
    };
    let fingerprint = Fingerprint {
        simhash: simhash(&format!("{}\n{}\n{}", new.title, new.lead, body_text(&new.blocks))),
        max_bits: NEAR_DUPLICATE_BITS,
    };
    let outcome = services.store.insert_article_fingerprinted(&new, &supplied, &translate_to, Some(fingerprint)).await?;
    match outcome {
        InsertOutcome::Inserted(id) => {
            // Kept so the article can be extracted again when the source's rules change.
            services.store.save_raw_page(&new.canonical_url, id, payload.source_id, content_type.as_deref(), &html).await?;
            tracing::info!(article = id, url = %payload.url, "article stored")
        }
        InsertOutcome::Duplicate(id) => tracing::info!(article = id, url = %payload.url, "duplicate of a stored article"),
    }
    Ok(outcome)
}

/// The final URL, content type, decoded HTML and extracted article.
type Page = (String, Option<String>, String, Extracted);

async fn fetch_and_extract(services: &Services, url: &str, settings: &SourceSettings) -> Result<Page, JobFailure> {
    let fetched = services.fetcher.get_page(url).await.map_err(|e| {
        if let Some(host) = url.split('/').nth(2) {
            services.metrics.fetch_error(host);
        }
        let retry = matches!(e, FetchError::Timeout { .. } | FetchError::Network { .. })
            || matches!(e, FetchError::Http { status, .. } if status >= 500 || status == 429);
        if retry {
            JobFailure::Retry(e.to_string())
        } else {
            JobFailure::Permanent(e.to_string())
        }
    })?;
    let html = decode_html(&fetched.body, fetched.content_type.as_deref());
    let page = extract_page(&html, &fetched.final_url, settings)
        .map_err(|e: ExtractError| JobFailure::Permanent(format!("{url}: {e}")))?;
    Ok((fetched.final_url, fetched.content_type, html, page))
}

/// Extraction with the source's rules (CSS selectors to keep or drop) and
/// time zone (its own, else its country's by the page's domain).
pub fn extract_page(html: &str, url: &str, settings: &SourceSettings) -> Result<Extracted, ExtractError> {
    let rules = ExtractRules {
        keep: settings.keep_selectors.clone(),
        drop: settings.drop_selectors.clone(),
        timezone: Some(loa_ingest::source_timezone(settings.timezone.as_deref(), url)),
    };
    extract_with_rules(html, Some(url), &rules)
}
