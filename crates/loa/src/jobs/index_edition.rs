//! Makes the search index agree with the store for a set of editions:
//! public ones are (re)indexed, the rest removed. One commit per batch.

use loa_domain::Lang;
use loa_search::EditionDoc;
use loa_store::Job;

use super::JobFailure;
use crate::services::Services;

pub async fn run_batch(services: &Services, jobs: &[Job]) -> Result<(), JobFailure> {
    for job in jobs {
        let (article_id, lang) = payload(job)?;
        sync_one(services, article_id, lang).await?;
    }
    services.search.commit().map_err(|e| JobFailure::Retry(format!("search commit: {e}")))
}

/// Applies the store's state for one edition to the index (no commit).
pub async fn sync_one(services: &Services, article_id: i64, lang: Lang) -> Result<(), JobFailure> {
    let article = services.store.article(article_id).await?;
    let edition = services.store.edition(article_id, lang).await?;
    let result = match (article, edition) {
        (Some(a), Some(e)) if e.status.is_public() => services.search.upsert(&EditionDoc::from_edition(&a, &e)),
        _ => services.search.remove(article_id, lang),
    };
    result.map_err(|e| JobFailure::Retry(format!("search index: {e}")))
}

fn payload(job: &Job) -> Result<(i64, Lang), JobFailure> {
    let id = job.payload["article_id"].as_i64();
    let lang = job.payload["lang"].as_str().and_then(|l| l.parse().ok());
    id.zip(lang).ok_or_else(|| JobFailure::Permanent(format!("malformed index job payload {}", job.payload)))
}
