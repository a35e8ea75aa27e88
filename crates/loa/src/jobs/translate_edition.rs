//! Produces one edition (article × language) with the translation engine,
//! checks it, and stores it: published when it passes and the portal
//! publishes automatically, held for review with its reasons otherwise,
//! failed (never shown) when the engine gave nothing usable.

use chrono::Utc;
use loa_domain::{Block, Edition, EditionStatus, Lang};
use loa_store::{Job, MAX_ATTEMPTS};
use loa_translate::Context;

use super::JobFailure;
use crate::services::Services;

pub async fn run(services: &Services, job: &Job) -> Result<(), JobFailure> {
    let article_id = job.payload["article_id"].as_i64();
    let lang = job.payload["lang"].as_str().and_then(|l| l.parse::<Lang>().ok());
    let (Some(article_id), Some(target)) = (article_id, lang) else {
        return Err(JobFailure::Permanent(format!("malformed translation job payload {}", job.payload)));
    };
    let editions = services.store.editions(article_id).await?;
    if let Some(existing) = editions.iter().find(|e| e.lang == target) {
        // People's work is never overwritten by a machine.
        if matches!(existing.status, EditionStatus::Original | EditionStatus::Reviewed) || existing.engine == "outlet" {
            return Ok(());
        }
    }
    // Translate from the original when an engine reaches the target from
    // it, else from a version the outlet published itself (Vietnamese →
    // its English version → …).
    let source = editions
        .iter()
        .filter(|e| e.lang != target && (e.status == EditionStatus::Original || e.engine == "outlet"))
        .filter(|e| services.translator.can_translate(e.lang, target))
        .min_by_key(|e| e.status != EditionStatus::Original)
        .ok_or_else(|| JobFailure::Permanent(format!("no configured engine reaches {target} from this article's editions")))?;
    let article = services.store.article(article_id).await?;
    let ctx = Context { places: article.map(|a| a.places).unwrap_or_default() };

    let segments = segments_of(source);
    let now = Utc::now();
    let mut edition = Edition {
        article_id,
        lang: target,
        title: String::new(),
        lead: String::new(),
        blocks: Vec::new(),
        status: EditionStatus::Failed,
        engine: "none".into(),
        failure: None,
        created_at: now,
        updated_at: now,
    };
    let outcome = match services.translator.translate(source.lang, target, &segments, &ctx).await {
        Ok(o) => o,
        Err(e) => {
            if e.is_retryable() && job.attempts < MAX_ATTEMPTS {
                return Err(JobFailure::Retry(e.to_string()));
            }
            // Kept as a failed edition so editors see why; readers never do.
            edition.failure = Some(e.to_string());
            services.store.save_edition(&edition).await?;
            return Err(JobFailure::Permanent(e.to_string()));
        }
    };
    edition.engine = outcome.engine.clone();
    rebuild(source, &outcome.segments, &mut edition);

    let mut problems: Vec<String> = outcome.problems.iter().map(|p| p.to_string()).collect();
    if edition.title.trim().is_empty() && !source.title.trim().is_empty() {
        problems.push("the title came back empty".to_string());
    }
    // Held for a reviewer, with the reasons, unless it passed every check
    // and the portal publishes machine translations itself.
    edition.status = if problems.is_empty() && services.config.auto_publish {
        EditionStatus::Published
    } else {
        EditionStatus::MachineTranslated
    };
    edition.failure = (!problems.is_empty()).then(|| problems.join("; "));
    services.store.save_edition(&edition).await?;
    Ok(())
}

/// Title, lead, then each block's text and each figure's alt text.
fn segments_of(e: &Edition) -> Vec<String> {
    let mut s = vec![e.title.clone(), e.lead.clone()];
    for b in &e.blocks {
        s.push(b.text().to_string());
        if let Block::Figure(f) = b {
            s.push(f.alt.clone());
        }
    }
    s
}

fn rebuild(source: &Edition, translated: &[String], into: &mut Edition) {
    let mut it = translated.iter().cloned();
    into.title = it.next().unwrap_or_default();
    into.lead = it.next().unwrap_or_default();
    into.blocks = source
        .blocks
        .iter()
        .map(|b| {
            let text = it.next().unwrap_or_default();
            match b.with_text(text) {
                Block::Figure(mut f) => {
                    f.alt = it.next().unwrap_or_default();
                    Block::Figure(f)
                }
                other => other,
            }
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use loa_domain::Figure;

    fn edition(blocks: Vec<Block>) -> Edition {
        Edition {
            article_id: 1,
            lang: Lang::En,
            title: "T".into(),
            lead: "L".into(),
            blocks,
            status: EditionStatus::Original,
            engine: "original".into(),
            failure: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn segments_round_trip_into_the_same_shape() {
        let src = edition(vec![
            Block::Paragraph { text: "p".into() },
            Block::Figure(Figure { src: "/m/a.svg".into(), alt: "alt".into(), caption: "cap".into(), width: None, height: None }),
            Block::Heading { text: "h".into() },
        ]);
        let segs = segments_of(&src);
        assert_eq!(segs, ["T", "L", "p", "cap", "alt", "h"]);
        let upper: Vec<String> = segs.iter().map(|s| s.to_uppercase()).collect();
        let mut out = edition(vec![]);
        rebuild(&src, &upper, &mut out);
        assert_eq!(out.title, "T");
        assert_eq!(
            out.blocks,
            vec![
                Block::Paragraph { text: "P".into() },
                Block::Figure(Figure { src: "/m/a.svg".into(), alt: "ALT".into(), caption: "CAP".into(), width: None, height: None }),
                Block::Heading { text: "H".into() },
            ]
        );
    }
}
