//! The orchestrator: one call translates an article's segments with
//! whatever engine the routing names, the same way for every engine:
//!
//! 1. Vietnamese names and glossary terms are swapped for placeholders the
//!    engines pass through ([`crate::protect`]); names come back transcribed
//!    for the target script ([`crate::names`]), glossary terms as forced.
//! 2. Text is cut into sentences ([`crate::segment`]); each sentence is
//!    looked up in the translation memory, and only the misses go to an
//!    engine — so editing one paragraph re-translates only what changed.
//! 3. Engines are tried in the configured order for the pair; a failure
//!    falls through to the next one.
//! 4. The result is checked ([`crate::gate`]); problems come back with it
//!    so the caller holds the edition for review instead of publishing it.

use std::collections::HashMap;
use std::sync::Arc;

use loa_domain::{valid_marks, Lang, Mark};

use crate::gate::{self, GateInput, GateLimits, Problem};
use crate::glossary::Glossary;
use crate::memory::{normalise, Memory, HUMAN};
use crate::names::{find_vietnamese_names, transcribe};
use crate::protect::{bracket, protect, restore, unbracket, Bracketed, Protected};
use crate::segment::{sentence_ranges, splice};
use crate::{Engine, Hints, TranslateError};

/// What one translation call needs beyond the text.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Place names the article is tagged with (they are written as one
    /// word in Russian and Ukrainian, unlike people's names).
    pub places: Vec<String>,
}

/// The translated segments, where they came from, and what the checks found.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub segments: Vec<String>,
    /// The engine that translated the misses (`apertium:eng-spa`, ...), or
    /// `memory` when every sentence was remembered.
    pub engine: String,
    /// Reasons to hold the result for a reviewer; empty when it may be published.
    pub problems: Vec<Problem>,
    pub sentences: usize,
    pub from_memory: usize,
}

pub struct Translator {
    engines: Vec<Arc<dyn Engine>>,
    routes: HashMap<(Lang, Lang), Vec<String>>,
    memory: Option<Arc<dyn Memory>>,
    glossary: Glossary,
    limits: GateLimits,
    /// The checks are a pure function of their inputs; an unchanged article
    /// re-translated from memory gets the same output, so its verdict is
    /// kept here (per process, bounded) instead of detecting its language
    /// again.
    verdicts: std::sync::Mutex<HashMap<u64, Vec<Problem>>>,
    /// Segments made ready for the memory and the engines (names found,
    /// terms protected, sentences cut, keys made): a pure function of the
    /// text, the pair, the article's places and the glossary, so an
    /// unchanged article does not pay for it again (per process, bounded).
    prepared: std::sync::Mutex<HashMap<u64, Arc<SegmentPrep>>>,
}

/// Verdicts kept before the cache starts over.
const MAX_VERDICTS: usize = 20_000;
/// Prepared segments kept before that cache starts over.
const MAX_PREPARED: usize = 50_000;

impl Translator {
    /// `engines` in default order of preference.
    pub fn new(engines: Vec<Arc<dyn Engine>>) -> Translator {
        Translator {
            engines,
            routes: HashMap::new(),
            memory: None,
            glossary: Glossary::default(),
            limits: GateLimits::default(),
            verdicts: std::sync::Mutex::new(HashMap::new()),
            prepared: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// For `from → to`, try these engines (by name) in this order.
    pub fn with_route(mut self, from: Lang, to: Lang, engines: Vec<String>) -> Translator {
        self.routes.insert((from, to), engines);
        self
    }

    pub fn with_memory(mut self, memory: Arc<dyn Memory>) -> Translator {
        self.memory = Some(memory);
        self
    }

    pub fn with_glossary(mut self, glossary: Glossary) -> Translator {
        self.glossary = glossary;
        // Segments prepared under the old glossary protect other terms.
        self.prepared = Default::default();
        self
    }

    pub fn with_limits(mut self, limits: GateLimits) -> Translator {
        self.limits = limits;
        self
    }

    pub fn engines(&self) -> &[Arc<dyn Engine>] {
        &self.engines
    }

    /// The engines that will be tried for `from → to`, in order.
    pub fn engines_for(&self, from: Lang, to: Lang) -> Vec<Arc<dyn Engine>> {
        let ordered: Vec<Arc<dyn Engine>> = match self.routes.get(&(from, to)) {
            Some(names) => names.iter().filter_map(|n| self.engines.iter().find(|e| e.name() == n).cloned()).collect(),
            None => self.engines.clone(),
        };
        ordered.into_iter().filter(|e| e.supports(from, to)).collect()
    }

    pub fn can_translate(&self, from: Lang, to: Lang) -> bool {
        !self.engines_for(from, to).is_empty()
    }

    /// Translates `segments` (title, lead, paragraphs, captions...) from
    /// `from` to `to`. Errors only when no engine could produce anything;
    /// a doubtful result comes back with its problems.
    pub async fn translate(&self, from: Lang, to: Lang, segments: &[String], ctx: &Context) -> Result<Outcome, TranslateError> {
        self.translate_inner(from, to, segments, None, ctx).await.map(|(outcome, _)| outcome)
    }

    /// Like [`Translator::translate`], for segments carrying inline marks
    /// (bold, italics, links): each marked span is bracketed by placeholders
    /// the engine passes through, and the marks come back moved onto the
    /// translated words, one list per segment. A mark whose placeholders the
    /// engine lost or scrambled is dropped, never guessed. The gate sees the
    /// text without placeholders.
    pub async fn translate_marked(
        &self,
        from: Lang,
        to: Lang,
        segments: &[(String, Vec<Mark>)],
        ctx: &Context,
    ) -> Result<(Outcome, Vec<Vec<Mark>>), TranslateError> {
        let plain: Vec<String> = segments.iter().map(|(text, _)| text.clone()).collect();
        let bracketed: Vec<Bracketed> =
            segments.iter().map(|(text, marks)| bracket(text, &mark_ranges(text, marks, ctx))).collect();
        let (outcome, spans) = self.translate_inner(from, to, &plain, Some(&bracketed), ctx).await?;
        let marks = segments
            .iter()
            .zip(&outcome.segments)
            .zip(spans)
            .map(|(((_, marks), text), spans)| {
                let moved: Vec<Mark> = marks
                    .iter()
                    .zip(spans)
                    .filter_map(|(m, span)| span.map(|(start, end)| Mark { start, end, kind: m.kind.clone() }))
                    .collect();
                valid_marks(text, moved)
            })
            .collect();
        Ok((outcome, marks))
    }

    /// The shared body: `bracketed`, when given, holds `segments` with their
    /// marked spans bracketed; the returned spans are per segment, per mark.
    async fn translate_inner(
        &self,
        from: Lang,
        to: Lang,
        segments: &[String],
        bracketed: Option<&[Bracketed]>,
        ctx: &Context,
    ) -> Result<(Outcome, Vec<Vec<Option<(usize, usize)>>>), TranslateError> {
        let inputs: Vec<&str> = match bracketed {
            Some(b) => b.iter().map(|b| b.text.as_str()).collect(),
            None => segments.iter().map(String::as_str).collect(),
        };
        let engines = self.engines_for(from, to);
        if engines.is_empty() {
            return Err(TranslateError::NoRoute { from, to });
        }

        // 1. Placeholders for names and glossary terms.
        let Prepared { protected, required, hints, segments: prepared } = self.prepare(from, to, &inputs, ctx);

        // 2. Sentences; 3. memory, then engines in order until one answers
        // for the misses.
        let units = Units::from_prepared(&protected, &prepared);
        let answer = self.first_answer(&engines, from, to, &units, &hints, bracketed).await?;

        // 4. Reassemble, restore placeholders, check, remember.
        let (out_segments, out_spans, lost) = units.reassemble(&answer.translated, bracketed);
        let mut problems = self.judge(from, to, segments, &out_segments, &required, &answer);
        if !lost.is_empty() {
            problems.push(Problem::MissingTerms(lost));
        }
        // What the engine said is remembered whatever the checks found: the
        // same sentence would get the same answer, and every text, from
        // memory or not, goes through the checks again.
        self.remember(from, to, answer.to_remember).await;
        let outcome = Outcome {
            segments: out_segments,
            engine: answer.engine,
            problems,
            sentences: units.units.len(),
            from_memory: answer.from_memory,
        };
        Ok((outcome, out_spans))
    }

    /// Remembered translations under one engine's name (`HUMAN`: people's
    /// corrections); an unavailable memory remembers nothing.
    /// `keys` are normalised already (see [`Units`]).
    async fn lookup(&self, engine: &str, from: Lang, to: Lang, keys: &[String]) -> Vec<Option<String>> {
        let Some(m) = &self.memory else { return vec![None; keys.len()] };
        m.lookup_keys(engine, from, to, keys).await.unwrap_or_else(|e| {
            tracing::warn!("translation memory unavailable: {e}");
            vec![None; keys.len()]
        })
    }

    /// People's corrections, which do not depend on the engine: asked once.
    async fn corrections(&self, from: Lang, to: Lang, units: &Units<'_>) -> Corrections {
        let sentences =
            if self.memory.is_some() { self.lookup(HUMAN, from, to, &units.keys).await } else { vec![None; units.keys.len()] };
        let multi: Vec<usize> = (0..units.seg_units.len()).filter(|&si| units.seg_units[si].len() > 1).collect();
        let paragraphs: Vec<(usize, String)> = if self.memory.is_some() && !multi.is_empty() {
            let keys: Vec<String> = multi.iter().map(|&si| units.paragraph_key(si)).collect();
            let found = self.lookup(HUMAN, from, to, &keys).await;
            multi.iter().zip(found).filter_map(|(&si, hit)| hit.map(|t| (si, t))).collect()
        } else {
            Vec::new()
        };
        Corrections { sentences, paragraphs }
    }

    /// Each unit's remembered translation for `engine`: people's corrections
    /// first, then what this engine said before. A correction of a whole
    /// paragraph wins over sentences remembered one by one.
    async fn remembered(
        &self,
        engine: &str,
        from: Lang,
        to: Lang,
        units: &Units<'_>,
        corrections: &Corrections,
    ) -> Vec<Option<String>> {
        let mut remembered: Vec<Option<String>> = corrections
            .sentences
            .iter()
            .zip(self.lookup(engine, from, to, &units.keys).await)
            .map(|(h, m)| h.clone().or(m))
            .collect();
        // Only paragraphs of several sentences, some not remembered, are
        // asked whole.
        let open: Vec<usize> = (0..units.seg_units.len())
            .filter(|&si| units.seg_units[si].len() > 1 && units.seg_units[si].clone().any(|u| remembered[u].is_none()))
            .collect();
        if !open.is_empty() {
            let keys: Vec<String> = open.iter().map(|&si| units.paragraph_key(si)).collect();
            let whole = self.lookup(engine, from, to, &keys).await;
            for (&si, hit) in open.iter().zip(whole) {
                if let Some(text) = hit {
                    units.fill_whole(&mut remembered, si, text);
                }
            }
        }
        for (si, text) in &corrections.paragraphs {
            units.fill_whole(&mut remembered, *si, text.clone());
        }
        remembered
    }

    /// The engines in order, each after what the memory holds for it, until
    /// one answers for the misses; a failure falls through to the next one.
    async fn first_answer(
        &self,
        engines: &[Arc<dyn Engine>],
        from: Lang,
        to: Lang,
        units: &Units<'_>,
        hints: &Hints,
        bracketed: Option<&[Bracketed]>,
    ) -> Result<Answer, TranslateError> {
        let corrections = self.corrections(from, to, units).await;
        let mut last_error = None;
        for engine in engines {
            let remembered = self.remembered(engine.name(), from, to, units, &corrections).await;
            let misses: Vec<usize> =
                (0..units.units.len()).filter(|i| remembered[*i].is_none() && needs_engine(&units.units[*i])).collect();
            let from_memory = remembered.iter().filter(|r| r.is_some()).count();
            let mut translated: Vec<String> =
                units.units.iter().zip(&remembered).map(|(u, r)| r.clone().unwrap_or_else(|| u.clone())).collect();
            if misses.is_empty() {
                let engine = "memory".into();
                return Ok(Answer { translated, engine, from_memory, unknown_words: 0, generation_errors: 0, to_remember: None });
            }
            let items = units.items(&misses);
            let batch: Vec<String> = items.iter().map(|item| units.item_text(item)).collect();
            match engine.translate(from, to, &batch, hints).await {
                Ok(mut t) => {
                    // Placeholders are unknown words to a rule-based engine,
                    // counted again at each pivot: they are not its fault.
                    let hops = t.engine.matches('>').count() + 1;
                    let spans_sent = match bracketed {
                        Some(b) if !engine.carries_spans_as_markup() => span_placeholders_in(b, &batch),
                        _ => 0,
                    };
                    let sent = placeholders_in(units.protected, &batch) + spans_sent;
                    t.unknown_words = t.unknown_words.saturating_sub(sent * hops);
                    let pairs = units.take_answers(&items, &batch, t.segments, &mut translated, to);
                    return Ok(Answer {
                        translated,
                        engine: t.engine,
                        from_memory,
                        unknown_words: t.unknown_words,
                        generation_errors: t.generation_errors,
                        to_remember: Some((engine.name().to_string(), pairs)),
                    });
                }
                // Every sentence sent came back as it was. Alone that proves
                // little (a sentence of names and numbers); whether the whole
                // text was translated is the gate's call.
                Err(TranslateError::Unchanged { engine: name, .. }) => {
                    // Remembered as they are, so sentences an engine leaves
                    // alone (names, figures) do not go back to it each time;
                    // the checks still judge every text that uses them.
                    let pairs = batch.iter().map(|b| (b.clone(), b.clone())).collect();
                    let to_remember = Some((engine.name().to_string(), pairs));
                    return Ok(Answer {
                        translated,
                        engine: name,
                        from_memory,
                        unknown_words: 0,
                        generation_errors: 0,
                        to_remember,
                    });
                }
                Err(e) => {
                    tracing::warn!(engine = engine.name(), "{e}; trying the next engine");
                    last_error = Some(e);
                }
            }
        }
        Err(last_error.unwrap_or(TranslateError::NoRoute { from, to }))
    }

    /// The checks on the reassembled output.
    fn judge(
        &self,
        from: Lang,
        to: Lang,
        segments: &[String],
        output: &[String],
        required: &[String],
        answer: &Answer,
    ) -> Vec<Problem> {
        let source_text = segments.join("\n");
        let output_text = output.join("\n");
        let word_count = source_text.split_whitespace().count();
        let input = GateInput {
            from,
            to,
            source: &source_text,
            output: &output_text,
            required_terms: required,
            unknown_words: answer.unknown_words,
            generation_errors: answer.generation_errors,
            word_count,
        };
        self.check_cached(&input)
    }

    /// Stores what an engine said, if it said anything.
    async fn remember(&self, from: Lang, to: Lang, to_remember: Option<(String, Vec<(String, String)>)>) {
        if let (Some(m), Some((name, pairs))) = (&self.memory, to_remember) {
            if let Err(e) = m.store(&name, from, to, &pairs).await {
                tracing::warn!("translation memory not updated: {e}");
            }
        }
    }
}

/// The protected segments cut into sentences (units), as the memory and the
/// engines see them.
struct Units<'a> {
    protected: &'a [Protected],
    /// Every segment's sentences, in order.
    units: Vec<String>,
    /// Each unit as the memory keys it.
    keys: Vec<String>,
    /// Each segment's sentence ranges in its protected text.
    layout: Vec<Vec<std::ops::Range<usize>>>,
    /// Which units belong to which segment (units are contiguous per segment).
    seg_units: Vec<std::ops::Range<usize>>,
}

impl<'a> Units<'a> {
    /// The units of `protected`, cut and keyed as `segments` (one each) say.
    fn from_prepared(protected: &'a [Protected], segments: &[Arc<SegmentPrep>]) -> Units<'a> {
        let mut units: Vec<String> = Vec::new();
        let mut layout: Vec<Vec<std::ops::Range<usize>>> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for (p, s) in protected.iter().zip(segments) {
            units.extend(s.ranges.iter().map(|r| p.text[r.clone()].to_string()));
            keys.extend(s.keys.iter().cloned());
            layout.push(s.ranges.clone());
        }
        let mut seg_units: Vec<std::ops::Range<usize>> = Vec::with_capacity(protected.len());
        let mut next_unit = 0;
        for ranges in &layout {
            seg_units.push(next_unit..next_unit + ranges.len());
            next_unit += ranges.len();
        }
        Units { protected, units, keys, layout, seg_units }
    }

    /// Segment `si`'s text from its first sentence to its last.
    fn paragraph(&self, si: usize) -> &str {
        let ranges = &self.layout[si];
        &self.protected[si].text[ranges[0].start..ranges[ranges.len() - 1].end]
    }

    fn paragraph_key(&self, si: usize) -> String {
        normalise(self.paragraph(si))
    }

    /// A paragraph remembered whole (its translation did not split into
    /// as many sentences) answers for all its sentences.
    fn fill_whole(&self, remembered: &mut [Option<String>], si: usize, text: String) {
        let r = self.seg_units[si].clone();
        for u in r.clone() {
            remembered[u] = Some(String::new());
        }
        remembered[r.start] = Some(text);
    }

    /// What the engine is sent for the units `misses`: a paragraph none of
    /// whose sentences is remembered travels whole (engines translate better
    /// in context, and each segment costs a framing round in the pipeline);
    /// mixed paragraphs send only their new sentences.
    fn items(&self, misses: &[usize]) -> Vec<Vec<usize>> {
        let mut items: Vec<Vec<usize>> = Vec::new();
        for r in &self.seg_units {
            let missing: Vec<usize> = r.clone().filter(|u| misses.contains(u)).collect();
            if missing.len() > 1 && missing.len() == r.len() {
                items.push(missing);
            } else {
                items.extend(missing.into_iter().map(|u| vec![u]));
            }
        }
        items
    }

    fn item_text(&self, item: &[usize]) -> String {
        if item.len() == 1 {
            self.units[item[0]].clone()
        } else {
            let si = self.seg_units.iter().position(|r| r.start == item[0]).expect("item is a whole segment");
            self.paragraph(si).to_string()
        }
    }

    /// Puts the engine's answers to `items` (sent as `batch`) into
    /// `translated`, and says which (source, translation) pairs to remember.
    fn take_answers(
        &self,
        items: &[Vec<usize>],
        batch: &[String],
        answers: Vec<String>,
        translated: &mut [String],
        to: Lang,
    ) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for ((item, source), out) in items.iter().zip(batch).zip(answers) {
            if item.len() == 1 {
                pairs.push((self.units[item[0]].clone(), out.clone()));
                translated[item[0]] = out;
                continue;
            }
            let out_ranges = sentence_ranges(&out, to);
            if out_ranges.len() == item.len() {
                for (u, r) in item.iter().zip(&out_ranges) {
                    translated[*u] = out[r.clone()].to_string();
                    pairs.push((self.units[*u].clone(), translated[*u].clone()));
                }
            } else {
                // Sentences merged or split in translation: the
                // paragraph is kept, and remembered, whole.
                for u in item {
                    translated[*u] = String::new();
                }
                translated[item[0]] = out.trim().to_string();
                pairs.push((source.clone(), translated[item[0]].clone()));
            }
        }
        pairs
    }

    /// The translated units put back into segments, placeholders restored
    /// and marks unbracketed: the segments, each one's mark spans, and the
    /// protected names or terms the engine lost.
    #[allow(clippy::type_complexity)]
    fn reassemble(
        &self,
        translated: &[String],
        bracketed: Option<&[Bracketed]>,
    ) -> (Vec<String>, Vec<Vec<Option<(usize, usize)>>>, Vec<String>) {
        let mut out_segments = Vec::with_capacity(self.protected.len());
        let mut out_spans = Vec::with_capacity(self.protected.len());
        let mut lost: Vec<String> = Vec::new();
        let mut at = 0;
        for (i, (p, ranges)) in self.protected.iter().zip(&self.layout).enumerate() {
            let pieces = &translated[at..at + ranges.len()];
            at += ranges.len();
            let mut joined = splice(&p.text, ranges, pieces);
            if pieces.iter().skip(1).any(String::is_empty) {
                // A paragraph kept whole: drop the gaps its empty sentence
                // slots left, keep the segment's own trailing whitespace.
                let tail = &p.text[p.text.trim_end().len()..];
                joined = format!("{}{tail}", joined.trim_end());
            }
            let text = match restore(&joined, p) {
                Ok(text) => unglue_numbers(&text),
                Err(missing) => {
                    lost.extend(missing);
                    joined
                }
            };
            match bracketed {
                Some(b) => {
                    let (text, spans) = unbracket(&text, &b[i]);
                    out_segments.push(text);
                    out_spans.push(spans);
                }
                None => {
                    out_segments.push(text);
                    out_spans.push(Vec::new());
                }
            }
        }
        (out_segments, out_spans, lost)
    }
}

/// People's corrections of sentences (per unit) and of whole paragraphs.
struct Corrections {
    sentences: Vec<Option<String>>,
    paragraphs: Vec<(usize, String)>,
}

/// What the memory and the first engine that answered gave: the units
/// translated, who translated them, and what to remember.
struct Answer {
    translated: Vec<String>,
    engine: String,
    from_memory: usize,
    unknown_words: usize,
    generation_errors: usize,
    to_remember: Option<(String, Vec<(String, String)>)>,
}

/// Texts with names and glossary terms swapped for placeholders, what the
/// output must contain, and the hints for engines; with each segment's
/// preparation (its sentences and their memory keys).
struct Prepared {
    protected: Vec<Protected>,
    required: Vec<String>,
    hints: Hints,
    segments: Vec<Arc<SegmentPrep>>,
}

/// One segment made ready: what [`Translator::prepare`] and the sentence
/// cut compute for it, with what they were computed from.
struct SegmentPrep {
    from: Lang,
    to: Lang,
    places: Vec<String>,
    source: String,
    protected: Protected,
    /// What the output must contain for this segment, in the order found.
    required: Vec<String>,
    hints: Hints,
    /// Its sentences in the protected text, and each one's memory key.
    ranges: Vec<std::ops::Range<usize>>,
    keys: Vec<String>,
}

impl Translator {
    fn prepare(&self, from: Lang, to: Lang, inputs: &[&str], ctx: &Context) -> Prepared {
        let mut required: Vec<String> = Vec::new();
        let mut hints = Hints::default();
        let mut protected = Vec::with_capacity(inputs.len());
        let mut segments = Vec::with_capacity(inputs.len());
        for &seg in inputs {
            let prep = self.prepared_segment(from, to, seg, ctx);
            for target in &prep.required {
                if !required.contains(target) {
                    required.push(target.clone());
                }
            }
            hints.protected.extend(prep.hints.protected.iter().cloned());
            hints.forced.extend(prep.hints.forced.iter().cloned());
            protected.push(prep.protected.clone());
            segments.push(prep);
        }
        Prepared { protected, required, hints, segments }
    }

    /// `seg` made ready, from the cache when it was seen before with the
    /// same pair and places.
    fn prepared_segment(&self, from: Lang, to: Lang, seg: &str, ctx: &Context) -> Arc<SegmentPrep> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (from, to, &ctx.places, seg).hash(&mut h);
        let key = h.finish();
        let same = |p: &SegmentPrep| p.from == from && p.to == to && p.source == seg && p.places == ctx.places;
        if let Some(found) = self.prepared.lock().ok().and_then(|m| m.get(&key).filter(|p| same(p)).cloned()) {
            return found;
        }
        let prep = Arc::new(self.prepare_segment(from, to, seg, ctx));
        if let Ok(mut m) = self.prepared.lock() {
            if m.len() >= MAX_PREPARED {
                m.clear();
            }
            m.insert(key, prep.clone());
        }
        prep
    }

    fn prepare_segment(&self, from: Lang, to: Lang, seg: &str, ctx: &Context) -> SegmentPrep {
        let mut replacements: Vec<(String, String)> = Vec::new();
        for span in find_vietnamese_names(seg, &ctx.places) {
            let written = transcribe(&span.text, span.kind, to);
            replacements.push((span.text.clone(), written));
        }
        let glossary_hints = self.glossary.hints_for(from, to, seg);
        for term in &glossary_hints.protected {
            replacements.push((term.clone(), term.clone()));
        }
        for (source, target) in &glossary_hints.forced {
            replacements.push((source.clone(), target.clone()));
        }
        let mut required: Vec<String> = Vec::new();
        for (_, target) in &replacements {
            if !required.contains(target) {
                required.push(target.clone());
            }
        }
        let hints = glossary_hints;
        let protected = protect(seg, &replacements);
        let ranges = sentence_ranges(&protected.text, from);
        let keys = ranges.iter().map(|r| normalise(&protected.text[r.clone()])).collect();
        SegmentPrep { from, to, places: ctx.places.clone(), source: seg.to_string(), protected, required, hints, ranges, keys }
    }

    /// Remembers a reviewer's correction of one segment, so the same source
    /// text is never machine-translated again (for any engine: corrections
    /// are looked up first). `source` is the segment as it was translated,
    /// `corrected` the reviewer's whole text for it. Names and glossary
    /// terms are keyed the way [`Translator::translate`] keys them; the
    /// correction is remembered sentence by sentence when it has as many
    /// sentences as the source, else whole. Returns how many entries were
    /// stored (0 without a memory or without text).
    ///
    /// `marks` are the source segment's inline marks, which shape its key
    /// as [`Translator::translate_marked`] sends it; the correction is
    /// plain text, so a segment answered from it has no marks.
    pub async fn remember_correction(
        &self,
        from: Lang,
        to: Lang,
        (source, marks): (&str, &[Mark]),
        corrected: &str,
        ctx: &Context,
    ) -> Result<usize, TranslateError> {
        let Some(memory) = &self.memory else { return Ok(0) };
        if source.trim().is_empty() || corrected.trim().is_empty() {
            return Ok(0);
        }
        let bracketed = bracket(source, &mark_ranges(source, marks, ctx));
        let Prepared { protected, .. } = self.prepare(from, to, &[bracketed.text.as_str()], ctx);
        let p = &protected[0];
        // The target as the memory holds engine answers: each name or term
        // the source protected stands as its placeholder.
        let mut target = corrected.trim().to_string();
        for slot in &p.slots {
            target = target.replace(&slot.replacement, &slot.placeholder);
        }
        let source_ranges = sentence_ranges(&p.text, from);
        let target_ranges = sentence_ranges(&target, to);
        let pairs: Vec<(String, String)> = if source_ranges.len() == target_ranges.len() {
            source_ranges
                .iter()
                .zip(&target_ranges)
                .map(|(s, t)| (p.text[s.clone()].to_string(), target[t.clone()].to_string()))
                .collect()
        } else {
            vec![(p.text.trim().to_string(), target.clone())]
        };
        memory.store(HUMAN, from, to, &pairs).await.map_err(|e| TranslateError::Memory(e.to_string()))?;
        Ok(pairs.len())
    }

    /// `gate::check_with`, remembered by a hash of everything it reads.
    fn check_cached(&self, input: &GateInput) -> Vec<Problem> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (input.from, input.to, input.source, input.output, input.required_terms).hash(&mut h);
        (input.unknown_words, input.generation_errors, input.word_count).hash(&mut h);
        let key = h.finish();
        if let Some(found) = self.verdicts.lock().ok().and_then(|v| v.get(&key).cloned()) {
            return found;
        }
        let problems = gate::check_with(input, &self.limits);
        if let Ok(mut v) = self.verdicts.lock() {
            if v.len() >= MAX_VERDICTS {
                v.clear();
            }
            v.insert(key, problems.clone());
        }
        problems
    }
}

/// The ranges of `marks` to bracket. A mark that cuts through a Vietnamese
/// name (bold on one syllable of `Nguyễn Văn An`) would split the name so
/// that it is no longer found and protected: the name matters more, so such
/// a mark gets an empty range, which brackets nothing and comes back as
/// dropped. Marks around whole names, or away from them, are kept.
fn mark_ranges(text: &str, marks: &[Mark], ctx: &Context) -> Vec<(usize, usize)> {
    if marks.is_empty() {
        return Vec::new();
    }
    let names = find_vietnamese_names(text, &ctx.places);
    marks
        .iter()
        .map(|m| {
            let cuts = names.iter().any(|n| {
                let overlaps = m.start < n.end && n.start < m.end;
                let contains = m.start <= n.start && n.end <= m.end;
                overlaps && !contains
            });
            if cuts {
                (0, 0)
            } else {
                (m.start, m.end)
            }
        })
        .collect()
}

/// Some engines lose the space before a number (`desde640 metres`); a
/// number glued to the end of a lower-case word gets its space back.
/// Names with digits (`COVID19`, `A4`) are upper-case and left alone.
fn unglue_numbers(text: &str) -> String {
    // Most sentences have no digit right after a lower-case letter: a byte
    // scan finds that out without looking at every character's class.
    let bytes = text.as_bytes();
    let glued =
        (1..bytes.len()).any(|i| bytes[i].is_ascii_digit() && text[..i].chars().next_back().is_some_and(char::is_lowercase));
    if !glued {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    let mut word_has_upper = false;
    for c in text.chars() {
        if let Some(p) = prev {
            if c.is_ascii_digit() && p.is_lowercase() && !word_has_upper {
                out.push(' ');
            }
        }
        if !c.is_alphanumeric() {
            word_has_upper = false;
        } else if c.is_uppercase() {
            word_has_upper = true;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

fn placeholders_in(protected: &[Protected], batch: &[String]) -> usize {
    let slots: Vec<&str> = protected.iter().flat_map(|p| p.slots.iter().map(|s| s.placeholder.as_str())).collect();
    batch.iter().map(|unit| slots.iter().map(|ph| unit.matches(ph).count()).sum::<usize>()).sum()
}

fn span_placeholders_in(bracketed: &[Bracketed], batch: &[String]) -> usize {
    // A unit holds only its own segment's placeholders; segments whose text
    // forced other stems count nothing in it, so the largest count is right.
    batch.iter().map(|unit| bracketed.iter().map(|b| b.placeholders_in(unit)).max().unwrap_or(0)).sum()
}

/// Sentences with nothing to translate (numbers, punctuation, a lone
/// placeholder) are kept as they are instead of troubling an engine, which
/// would rightly answer "unchanged".
fn needs_engine(unit: &str) -> bool {
    unit.chars().filter(|c| c.is_alphabetic()).take(2).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prepared_segment_is_reused_only_for_the_same_text_pair_and_places() {
        let translator = Translator::new(Vec::new());
        let text = "Ông Nguyễn Văn An đến Hà Tĩnh. Ông ở lại ba ngày.";
        let plain = Context::default();
        let first = translator.prepared_segment(Lang::Vi, Lang::Ru, text, &plain);
        assert!(Arc::ptr_eq(&first, &translator.prepared_segment(Lang::Vi, Lang::Ru, text, &plain)), "remembered");
        assert_eq!(first.ranges.len(), 2);
        assert_eq!(first.keys, first.ranges.iter().map(|r| normalise(&first.protected.text[r.clone()])).collect::<Vec<_>>());
        // What the preparation depends on makes another one: the pair
        // (names are written per target), the places, the text itself.
        let other_pair = translator.prepared_segment(Lang::Vi, Lang::En, text, &plain);
        let with_places = Context { places: vec!["Hà Tĩnh".into()] };
        let placed = translator.prepared_segment(Lang::Vi, Lang::Ru, text, &with_places);
        let edited = translator.prepared_segment(Lang::Vi, Lang::Ru, "Ông Nguyễn Văn An đến Huế.", &plain);
        for other in [&other_pair, &placed, &edited] {
            assert!(!Arc::ptr_eq(&first, other));
        }
        assert_eq!(placed.places, with_places.places);
        // And each is what a fresh preparation gives.
        let fresh = Translator::new(Vec::new()).prepare_segment(Lang::Vi, Lang::Ru, text, &with_places);
        assert_eq!((&fresh.protected, &fresh.required, &fresh.keys), (&placed.protected, &placed.required, &placed.keys));
    }

    #[test]
    fn numbers_glued_to_words_get_their_space_back() {
        assert_eq!(unglue_numbers("un trencaonadesde640 metres"), "un trencaonadesde 640 metres");
        assert_eq!(unglue_numbers("COVID19 and A4 paper, 2,200 houses"), "COVID19 and A4 paper, 2,200 houses");
        assert_eq!(unglue_numbers("в 2023 году"), "в 2023 году");
        assert_eq!(unglue_numbers("річ2023"), "річ 2023");
    }
}
