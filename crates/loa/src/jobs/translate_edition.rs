//! Produces one edition (article × language) with the translation engine,
//! checks it, and stores it: published when it passes and the portal
//! publishes automatically, held for review with its reasons otherwise,
//! failed (never shown) when the engine gave nothing usable.

use chrono::Utc;
use loa_domain::{encode_reasons, translation_sources, Block, Edition, EditionStatus, Lang, Mark, Problem};
use loa_store::{Job, MAX_ATTEMPTS};
use loa_translate::Context;

use super::JobFailure;
use crate::services::Services;

pub async fn run(services: &Services, job: &Job) -> Result<(), JobFailure> {
    let loa_store::EditionJob { article_id, lang: target } = serde_json::from_value(job.payload.clone())
        .map_err(|e| JobFailure::Permanent(format!("malformed translation job payload {}: {e}", job.payload)))?;
    let editions = services.store.editions(article_id).await?;
    if let Some(existing) = editions.iter().find(|e| e.lang == target) {
        // People's work is never overwritten by a machine.
        if matches!(existing.status, EditionStatus::Original | EditionStatus::Reviewed) || existing.engine == "outlet" {
            return Ok(());
        }
    }
    let source = source_edition(services, &editions, target)
        .ok_or_else(|| JobFailure::Permanent(format!("no configured engine reaches {target} from this article's editions")))?;
    let article = services.store.article(article_id).await?;
    let ctx = Context { places: article.map(|a| a.places).unwrap_or_default() };

    let segments = source.segments();
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
    let (outcome, marks) = match services.translator.translate_marked(source.lang, target, &segments, &ctx).await {
        Ok(o) => o,
        Err(e) => {
            if e.is_retryable() && job.attempts < MAX_ATTEMPTS {
                return Err(JobFailure::Retry(e.to_string()));
            }
            // Kept as a failed edition so editors see why; readers never do.
            edition.failure = encode_reasons(&[Problem::Engine(e.to_string())]);
            services.store.save_edition(&edition).await?;
            return Err(JobFailure::Permanent(e.to_string()));
        }
    };
    edition.engine = outcome.engine.clone();
    if outcome.engine != "memory" && outcome.sentences > 0 {
        // Words the engine was really sent: the share not served from memory.
        let words: usize = segments.iter().map(|(text, _)| text.split_whitespace().count()).sum();
        let sent = words * (outcome.sentences - outcome.from_memory.min(outcome.sentences)) / outcome.sentences;
        let engine = outcome.engine.split(':').next().unwrap_or(&outcome.engine);
        services.metrics.translated_words(engine, sent as u64);
    }
    rebuild(source, &outcome.segments, &marks, &mut edition);

    let mut problems = outcome.problems.clone();
    if edition.title.trim().is_empty() && !source.title.trim().is_empty() {
        problems.push(Problem::TitleEmpty);
    }
    // Held for a reviewer, with the reasons, unless it passed every check
    // and the portal publishes machine translations itself.
    edition.status = if problems.is_empty() && services.config.auto_publish {
        EditionStatus::Published
    } else {
        EditionStatus::MachineTranslated
    };
    edition.failure = encode_reasons(&problems);
    services.store.save_edition(&edition).await?;
    Ok(())
}

/// The edition `target` is translated from: the first of
/// [`translation_sources`] an engine reaches `target` from.
pub(crate) fn source_edition<'a>(services: &Services, editions: &'a [Edition], target: Lang) -> Option<&'a Edition> {
    translation_sources(editions, target, |from, to| services.translator.can_translate(from, to)).into_iter().next()
}

/// Puts translated segments (and the marks moved onto them, one list per
/// segment) back into the source's shape.
fn rebuild(source: &Edition, translated: &[String], marks: &[Vec<Mark>], into: &mut Edition) {
    let mut it = translated.iter().cloned().zip(marks.iter().cloned().chain(std::iter::repeat(Vec::new())));
    let mut next = || it.next().unwrap_or_default();
    into.title = next().0;
    into.lead = next().0;
    into.blocks = source
        .blocks
        .iter()
        .map(|b| {
            let (text, marks) = next();
            match b.with_text_and_marks(text, marks) {
                Block::Figure(mut f) => {
                    f.alt = next().0;
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

    /// The one figure these tests translate.
    fn picture(alt: &str, caption: &str) -> Block {
        Block::Figure(Figure {
            src: "/m/a.svg".into(),
            alt: alt.into(),
            caption: caption.into(),
            width: None,
            height: None,
            renditions: Vec::new(),
        })
    }

    #[test]
    fn segments_round_trip_into_the_same_shape() {
        let bold = Mark { start: 0, end: 1, kind: loa_domain::MarkKind::Bold };
        let src = edition(vec![
            Block::Paragraph { text: "p".into(), marks: vec![bold.clone()] },
            picture("alt", "cap"),
            Block::Heading { text: "h".into(), marks: vec![] },
        ]);
        let segs = src.segments();
        let texts: Vec<&str> = segs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["T", "L", "p", "cap", "alt", "h"]);
        assert_eq!(segs[2].1, vec![bold.clone()]);
        let upper: Vec<String> = segs.iter().map(|(s, _)| s.to_uppercase()).collect();
        let marks: Vec<Vec<Mark>> = segs.iter().map(|(_, m)| m.clone()).collect();
        let mut out = edition(vec![]);
        rebuild(&src, &upper, &marks, &mut out);
        assert_eq!(out.title, "T");
        assert_eq!(
            out.blocks,
            vec![
                Block::Paragraph { text: "P".into(), marks: vec![bold] },
                picture("ALT", "CAP"),
                Block::Heading { text: "H".into(), marks: vec![] },
            ]
        );
    }

    #[test]
    fn a_segment_is_replaced_where_segments_numbers_it() {
        let mut e = edition(vec![
            Block::Paragraph { text: "p".into(), marks: vec![Mark { start: 0, end: 1, kind: loa_domain::MarkKind::Bold }] },
            picture("alt", "cap"),
            Block::Heading { text: "h".into(), marks: vec![] },
        ]);
        for (index, text) in ["t2", "l2", "p2", "cap2", "alt2", "h2"].into_iter().enumerate() {
            assert!(e.replace_segment(index, text.to_string()));
        }
        let texts: Vec<String> = e.segments().into_iter().map(|(t, _)| t).collect();
        assert_eq!(texts, ["t2", "l2", "p2", "cap2", "alt2", "h2"]);
        assert!(e.blocks[0].marks().is_empty(), "marks of the old text are dropped");
        assert!(!e.replace_segment(6, "none".into()));
    }
}
