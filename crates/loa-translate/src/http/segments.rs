//! The segment rules every HTTP engine follows (what is sent, in which
//! batches, and how the answer is put back), endpoints and language names.

use loa_domain::Lang;
use reqwest::Url;

use crate::{TranslateError, Translation};

use super::service_error;

/// Joins an endpoint path to a configured base URL, keeping any path the
/// base has (`http://host/lt` + `translate` → `http://host/lt/translate`).
pub(crate) fn endpoint(engine: &str, base: &str, path: &str) -> Result<Url, TranslateError> {
    let joined = format!("{}/{}", base.trim().trim_end_matches('/'), path.trim_start_matches('/'));
    let url = Url::parse(&joined).map_err(|e| service_error(engine, format!("invalid base URL {base:?}: {e}"), false))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(service_error(engine, format!("invalid base URL {base:?}: the scheme must be http or https"), false));
    }
    Ok(url)
}

/// Checks a call before anything is sent; returns the indices of the
/// segments to send (the non-blank ones).
pub(crate) fn prepare(
    engine: &str,
    supported: bool,
    from: Lang,
    to: Lang,
    segments: &[String],
) -> Result<Vec<usize>, TranslateError> {
    if from == to {
        return Err(TranslateError::SameLanguage(from));
    }
    if !supported {
        return Err(service_error(engine, format!("does not translate {from} → {to}; route this pair to another engine"), false));
    }
    let sent: Vec<usize> = (0..segments.len()).filter(|&i| !segments[i].trim().is_empty()).collect();
    if sent.is_empty() {
        return Err(TranslateError::EmptyInput);
    }
    Ok(sent)
}

/// Splits the segments to send into requests of at most `max_segments`
/// segments and about `max_chars` characters; a longer segment goes alone.
pub(crate) fn batches(segments: &[String], sent: &[usize], max_segments: usize, max_chars: usize) -> Vec<Vec<usize>> {
    let max_segments = max_segments.max(1);
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut chars = 0;
    for &i in sent {
        let len = segments[i].trim().chars().count();
        if !current.is_empty() && (current.len() >= max_segments || chars + len > max_chars) {
            out.push(std::mem::take(&mut current));
            chars = 0;
        }
        current.push(i);
        chars += len;
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Builds the answer from the translated segments (`(index, text)` for each
/// segment sent) and applies the failure rule: a non-blank segment that
/// comes back empty, or every segment coming back unchanged, is an error.
pub(crate) fn assemble(
    engine: String,
    source: &[String],
    translated: Vec<(usize, String)>,
) -> Result<Translation, TranslateError> {
    let mut segments = source.to_vec();
    let mut emptied = Vec::new();
    let mut unchanged = 0;
    let count = translated.len();
    for (i, text) in translated {
        let original = &source[i];
        let text = text.trim();
        if text.is_empty() {
            emptied.push(i);
            continue;
        }
        if text == original.trim() {
            unchanged += 1;
        }
        let lead = &original[..original.len() - original.trim_start().len()];
        let tail = &original[original.trim_end().len()..];
        segments[i] = format!("{lead}{text}{tail}");
    }
    if !emptied.is_empty() {
        let detail = if emptied.len() == count {
            "every segment came back empty".to_string()
        } else {
            format!("segment(s) {emptied:?} of {} came back empty", source.len())
        };
        return Err(TranslateError::EmptyOutput { engine, detail });
    }
    if unchanged == count {
        return Err(TranslateError::Unchanged { engine, segments: count });
    }
    Ok(Translation { segments, engine, unknown_words: 0, generation_errors: 0, transfer_errors: 0 })
}

/// The language's English name, for prompts.
pub(crate) fn english_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Vietnamese",
        Lang::En => "English",
        Lang::Ru => "Russian",
        Lang::Uk => "Ukrainian",
        Lang::Be => "Belarusian",
        Lang::Es => "Spanish",
        Lang::Fr => "French",
        Lang::Ca => "Catalan",
        Lang::Pt => "Portuguese",
        Lang::It => "Italian",
        Lang::Gl => "Galician",
        Lang::Ro => "Romanian",
        Lang::De => "German",
        Lang::Zh => "Chinese (Simplified)",
        Lang::Ja => "Japanese",
        Lang::Ko => "Korean",
        Lang::Id => "Indonesian",
    }
}
