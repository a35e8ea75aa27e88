//! The checks a translation passes before it may be published. Each failed
//! check is a [`Problem`] whose message tells an editor what is wrong; an
//! edition with any problem is held for review, never published silently.
//!
//! The checks are pure functions of the source, the output and the engine's
//! counts, so they judge every engine alike.

use loa_domain::Lang;
/// The findings live in the domain, so the store, the newsroom and the
/// API can carry them without knowing this crate.
pub use loa_domain::Problem;

/// What the gate looks at for one translated text (an article's segments
/// joined, or one segment).
#[derive(Debug, Clone, Copy)]
pub struct GateInput<'a> {
    pub from: Lang,
    pub to: Lang,
    pub source: &'a str,
    pub output: &'a str,
    /// Text the output must contain: the renderings of protected names and
    /// glossary targets.
    pub required_terms: &'a [String],
    /// Words the engine did not know (placeholders of protected terms
    /// already subtracted).
    pub unknown_words: usize,
    /// Forms the engine could not generate.
    pub generation_errors: usize,
    /// Words in the source.
    pub word_count: usize,
}

/// The thresholds of the gate. The defaults are documented per field.
#[derive(Debug, Clone, PartialEq)]
pub struct GateLimits {
    /// Output length / source length, in characters, for pairs of
    /// alphabetic languages: 0.5–2.0. Romance and Slavic renderings of
    /// English run 1.0–1.3, so this only catches lost or doubled text.
    pub min_ratio: f64,
    pub max_ratio: f64,
    /// Into Chinese or Japanese (far fewer characters): 0.1–1.0. Out of
    /// them the bounds are inverted (1.0–10.0). Korean, with spaces and
    /// syllable blocks, is 0.2–1.2 into and 0.8–5.0 out of.
    pub cjk_ratio: (f64, f64),
    pub korean_ratio: (f64, f64),
    /// The ratio is not judged on sources shorter than this (characters):
    /// 20. Short titles vary too much.
    pub ratio_min_source_chars: usize,
    /// The language is only judged on outputs of at least this many
    /// characters: 60. Detection on shorter text is guesswork.
    pub language_min_chars: usize,
    /// ...and only when the detector is at least this confident: 0.5.
    pub language_min_confidence: f64,
    /// Share of the source's words that may be unknown to the engine: 10%,
    /// and 25% for the weak pairs ([`GateLimits::is_weak_pair`]: Russian ↔
    /// Ukrainian, Russian ↔ Belarusian, where Apertium leaves about one news
    /// word in five unknown).
    pub max_unknown_share: f64,
    pub weak_pair_unknown_share: f64,
    /// Unknown words always allowed, whatever the length: 2.
    pub unknown_allowance: usize,
    /// Share of words with generation errors: 5%, 10% for weak pairs; at
    /// least 1 is always allowed. Measured on the demo corpus, Apertium's
    /// eng-spa leaves 1–3.5% of words with a missing form and the
    /// tagger-free rus-ukr 5–7%: readable text with small gaps. A broken
    /// pipeline leaves far more, which is what this bound is for.
    pub max_generation_error_share: f64,
    pub weak_pair_generation_error_share: f64,
}

impl Default for GateLimits {
    fn default() -> Self {
        GateLimits {
            min_ratio: 0.5,
            max_ratio: 2.0,
            cjk_ratio: (0.1, 1.0),
            korean_ratio: (0.2, 1.2),
            ratio_min_source_chars: 20,
            language_min_chars: 60,
            language_min_confidence: 0.5,
            max_unknown_share: 0.10,
            weak_pair_unknown_share: 0.25,
            unknown_allowance: 2,
            max_generation_error_share: 0.05,
            weak_pair_generation_error_share: 0.10,
        }
    }
}

impl GateLimits {
    /// Pairs whose engines are known to be rough, so more markers are
    /// tolerated before holding an edition.
    pub fn is_weak_pair(from: Lang, to: Lang) -> bool {
        matches!((from, to), (Lang::Ru, Lang::Uk) | (Lang::Uk, Lang::Ru) | (Lang::Ru, Lang::Be) | (Lang::Be, Lang::Ru))
    }

    /// The accepted output/source length ratio for a pair.
    pub fn ratio_bounds(&self, from: Lang, to: Lang) -> (f64, f64) {
        let dense = |l: Lang| matches!(l, Lang::Zh | Lang::Ja);
        match (dense(from) || from == Lang::Ko, dense(to) || to == Lang::Ko) {
            (false, true) if to == Lang::Ko => self.korean_ratio,
            (false, true) => self.cjk_ratio,
            (true, false) if from == Lang::Ko => (1.0 / self.korean_ratio.1, 1.0 / self.korean_ratio.0),
            (true, false) => (1.0 / self.cjk_ratio.1, 1.0 / self.cjk_ratio.0),
            _ => (self.min_ratio, self.max_ratio),
        }
    }

    /// How many unknown words a text of `word_count` words may have.
    pub fn unknown_limit(&self, from: Lang, to: Lang, word_count: usize) -> usize {
        let share = if Self::is_weak_pair(from, to) { self.weak_pair_unknown_share } else { self.max_unknown_share };
        self.unknown_allowance.max((word_count as f64 * share).floor() as usize)
    }

    /// How many generation errors a text of `word_count` words may have.
    pub fn generation_error_limit(&self, from: Lang, to: Lang, word_count: usize) -> usize {
        let share =
            if Self::is_weak_pair(from, to) { self.weak_pair_generation_error_share } else { self.max_generation_error_share };
        1.max((word_count as f64 * share).floor() as usize)
    }
}

/// Every problem of a translation under the default limits; empty means it
/// may be published.
pub fn check(input: &GateInput) -> Vec<Problem> {
    check_with(input, &GateLimits::default())
}

/// Every problem of a translation under `limits`.
pub fn check_with(input: &GateInput, limits: &GateLimits) -> Vec<Problem> {
    let output = input.output.trim();
    if output.is_empty() {
        // Nothing else can be judged on an empty text.
        return vec![Problem::Empty];
    }
    let mut problems = Vec::new();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if squash(output) == squash(input.source) {
        problems.push(Problem::Identical);
    }

    let missing = loa_domain::numbers::missing_numbers(input.source, output);
    if !missing.is_empty() {
        problems.push(Problem::MissingNumbers(missing));
    }

    let mut missing_terms: Vec<String> =
        input.required_terms.iter().filter(|t| !t.trim().is_empty() && !output.contains(t.as_str())).cloned().collect();
    missing_terms.dedup();
    if !missing_terms.is_empty() {
        problems.push(Problem::MissingTerms(missing_terms));
    }

    if let Some(problem) = language_problem(output, input.to, limits) {
        problems.push(problem);
    }

    let source_chars = input.source.trim().chars().count();
    if source_chars >= limits.ratio_min_source_chars {
        let ratio = output.chars().count() as f64 / source_chars as f64;
        let (min, max) = limits.ratio_bounds(input.from, input.to);
        if ratio < min || ratio > max {
            problems.push(Problem::LengthRatio { ratio, min, max });
        }
    }

    let limit = limits.unknown_limit(input.from, input.to, input.word_count);
    if input.unknown_words > limit {
        problems.push(Problem::TooManyUnknown { count: input.unknown_words, limit });
    }
    let limit = limits.generation_error_limit(input.from, input.to, input.word_count);
    if input.generation_errors > limit {
        problems.push(Problem::TooManyGenerationErrors { count: input.generation_errors, limit });
    }
    problems
}

/// The detector's name for a loa language; `None` for languages it does not
/// know (Galician), whose output is not language-checked.
fn to_whatlang(lang: Lang) -> Option<whatlang::Lang> {
    use whatlang::Lang as W;
    Some(match lang {
        Lang::Vi => W::Vie,
        Lang::En => W::Eng,
        Lang::Ru => W::Rus,
        Lang::Uk => W::Ukr,
        Lang::Be => W::Bel,
        Lang::Es => W::Spa,
        Lang::Fr => W::Fra,
        Lang::Ca => W::Cat,
        Lang::Pt => W::Por,
        Lang::It => W::Ita,
        Lang::Gl => return None,
        Lang::Ro => W::Ron,
        Lang::De => W::Deu,
        Lang::Zh => W::Cmn,
        Lang::Ja => W::Jpn,
        Lang::Ko => W::Kor,
        Lang::Id => W::Ind,
    })
}

fn from_whatlang(lang: whatlang::Lang) -> Option<Lang> {
    Lang::ALL.into_iter().find(|&l| to_whatlang(l) == Some(lang))
}

/// The language the text most likely is, among loa's languages, with the
/// detector's confidence (0–1); `None` if the detector cannot tell.
pub fn detect_language(text: &str) -> Option<(Lang, f64)> {
    let allow: Vec<whatlang::Lang> = Lang::ALL.into_iter().filter_map(to_whatlang).collect();
    let info = whatlang::Detector::with_allowlist(allow).detect(text)?;
    Some((from_whatlang(info.lang())?, info.confidence()))
}

/// Characters of the output the language check reads.
const LANGUAGE_SAMPLE_CHARS: usize = 1500;

fn language_problem(output: &str, expected: Lang, limits: &GateLimits) -> Option<Problem> {
    // A language the detector does not know cannot be checked.
    to_whatlang(expected)?;
    if output.chars().count() < limits.language_min_chars {
        return None;
    }
    // A few thousand characters decide the language as surely as the
    // whole text, at a fraction of the cost on long articles.
    let sample = match output.char_indices().nth(LANGUAGE_SAMPLE_CHARS) {
        Some((at, _)) => &output[..at],
        None => output,
    };
    match detect_language(sample) {
        Some((detected, confidence)) if detected != expected && confidence >= limits.language_min_confidence => {
            Some(Problem::WrongLanguage { detected: Some(detected), expected })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_bounds_per_script() {
        let l = GateLimits::default();
        assert_eq!(l.ratio_bounds(Lang::En, Lang::Es), (0.5, 2.0));
        assert_eq!(l.ratio_bounds(Lang::En, Lang::Zh), (0.1, 1.0));
        assert_eq!(l.ratio_bounds(Lang::Ja, Lang::En), (1.0, 10.0));
        assert_eq!(l.ratio_bounds(Lang::Zh, Lang::Ja), (0.5, 2.0));
    }

    #[test]
    fn limits_scale_with_length_and_pair() {
        let l = GateLimits::default();
        assert_eq!(l.unknown_limit(Lang::En, Lang::Es, 5), 2);
        assert_eq!(l.unknown_limit(Lang::En, Lang::Es, 200), 20);
        assert_eq!(l.unknown_limit(Lang::Ru, Lang::Uk, 200), 50);
        assert_eq!(l.generation_error_limit(Lang::En, Lang::Es, 10), 1);
        assert_eq!(l.generation_error_limit(Lang::En, Lang::Es, 200), 10);
        assert_eq!(l.generation_error_limit(Lang::Ru, Lang::Uk, 200), 20);
    }
}
