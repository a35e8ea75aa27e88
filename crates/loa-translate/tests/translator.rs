//! The orchestrator on real Apertium: names, numbers, glossary, memory,
//! fallback and the gate, whatever the engine.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use loa_domain::Lang;
use loa_translate::gate::Problem;
use loa_translate::glossary::parse_toml;
use loa_translate::memory::InMemory;
use loa_translate::{Apertium, Context, Engine, EngineFuture, Hints, TranslateError, Translation, Translator, DEFAULT_MODES_DIR};

fn apertium() -> Arc<dyn Engine> {
    Arc::new(Apertium::discover(Path::new(DEFAULT_MODES_DIR)).expect("Apertium must be installed (scripts/install-deps)"))
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

const STORY: [&str; 3] = [
    "Hà Tĩnh builds 2,200 solid houses",
    "The People's Committee of Hà Tĩnh province finished 2,200 solid houses in 2026.",
    "Chairman Trần Thế Dũng said that 1,743 models were built and 305 students received grants. The work will go on next year.",
];

/// A stand-in engine for a service that cannot run here: it counts calls
/// and answers with a fixed transformation (or fails).
struct Scripted {
    name: &'static str,
    calls: AtomicUsize,
    behaviour: fn(&str) -> Result<String, ()>,
}

impl Engine for Scripted {
    fn name(&self) -> &str {
        self.name
    }
    fn supports(&self, _from: Lang, _to: Lang) -> bool {
        true
    }
    fn translate<'a>(&'a self, _f: Lang, _t: Lang, segments: &'a [String], _h: &'a Hints) -> EngineFuture<'a> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move {
            let out: Result<Vec<String>, ()> = segments.iter().map(|s| (self.behaviour)(s)).collect();
            match out {
                Ok(segments) => Ok(Translation {
                    segments,
                    engine: self.name.to_string(),
                    unknown_words: 0,
                    generation_errors: 0,
                    transfer_errors: 0,
                }),
                Err(()) => Err(TranslateError::Service { engine: self.name.into(), detail: "down".into(), retryable: true }),
            }
        })
    }
}

#[tokio::test]
async fn english_to_spanish_keeps_every_name_and_number() {
    let t = Translator::new(vec![apertium()]);
    let out = t.translate(Lang::En, Lang::Es, &strings(&STORY), &Context::default()).await.unwrap();
    let text = out.segments.join("\n");
    for kept in ["Hà Tĩnh", "Trần Thế Dũng", "2,200", "1,743", "305"] {
        assert!(text.contains(kept), "{kept} lost in: {text}");
    }
    assert!(text.contains("casas"), "not Spanish: {text}");
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert!(out.engine.starts_with("apertium:eng-spa"), "{}", out.engine);
}

#[tokio::test]
async fn catalan_through_the_same_pipeline() {
    let t = Translator::new(vec![apertium()]);
    let out = t.translate(Lang::En, Lang::Ca, &strings(&STORY), &Context::default()).await.unwrap();
    let text = out.segments.join("\n");
    for kept in ["Hà Tĩnh", "Trần Thế Dũng", "2,200", "1,743", "305"] {
        assert!(text.contains(kept), "{kept} lost in: {text}");
    }
    assert!(
        out.problems.iter().all(|p| !matches!(p, Problem::MissingNumbers(_) | Problem::MissingTerms(_))),
        "{:?}",
        out.problems
    );
}

#[tokio::test]
async fn names_are_transcribed_for_cyrillic_targets() {
    // No engine here goes English → Russian; a stand-in keeps its input, so
    // what changes is what the orchestrator does around any engine.
    let keep = Arc::new(Scripted { name: "stand-in", calls: AtomicUsize::new(0), behaviour: |s| Ok(format!("{s} (ru)")) });
    let t = Translator::new(vec![keep]);
    let ctx = Context { places: vec!["Hà Tĩnh".into()] };
    let out = t.translate(Lang::En, Lang::Ru, &strings(&STORY[2..]), &ctx).await.unwrap();
    assert!(out.segments[0].contains("Чан Тхе Зунг"), "{}", out.segments[0]);
    let out = t.translate(Lang::En, Lang::Ru, &strings(&STORY[1..2]), &ctx).await.unwrap();
    assert!(out.segments[0].contains("Хатинь"), "{}", out.segments[0]);
}

#[tokio::test]
async fn remembered_sentences_are_not_translated_again() {
    let memory = Arc::new(InMemory::default());
    let t = Translator::new(vec![apertium()]).with_memory(memory);
    let first = t.translate(Lang::En, Lang::Es, &strings(&STORY), &Context::default()).await.unwrap();
    assert_eq!(first.from_memory, 0);
    let again = t.translate(Lang::En, Lang::Es, &strings(&STORY), &Context::default()).await.unwrap();
    assert_eq!(again.from_memory, again.sentences);
    assert_eq!(again.engine, "memory");
    assert_eq!(again.segments, first.segments);
    // Editing one sentence sends only that sentence to the engine.
    let mut edited = strings(&STORY);
    edited[2] = edited[2].replace("next year", "in 2027");
    let after = t.translate(Lang::En, Lang::Es, &edited, &Context::default()).await.unwrap();
    assert_eq!(after.from_memory, after.sentences - 1);
    assert!(after.segments[2].contains("2027"));
}

#[tokio::test]
async fn a_reviewers_correction_wins_over_every_engine_from_then_on() {
    let memory = Arc::new(InMemory::default());
    let t = Translator::new(vec![apertium()]).with_memory(memory);
    let ctx = Context::default();
    let source = "Chairman Trần Thế Dũng opened 3 schools. The pupils sang.";
    let first = t.translate(Lang::En, Lang::Es, &strings(&[source]), &ctx).await.unwrap();
    let corrected = "El presidente Trần Thế Dũng inauguró 3 escuelas. Los alumnos cantaron.";
    assert_ne!(first.segments[0], corrected, "the machine's text differs from the reviewer's");
    let stored = t.remember_correction(Lang::En, Lang::Es, (source, &[]), corrected, &ctx).await.unwrap();
    assert_eq!(stored, 2, "two sentences, remembered one by one");
    let again = t.translate(Lang::En, Lang::Es, &strings(&[source]), &ctx).await.unwrap();
    assert_eq!(again.segments[0], corrected);
    assert_eq!((again.from_memory, again.engine.as_str()), (2, "memory"));
    // In a new paragraph, the corrected sentence is reused and only the
    // new one goes to the engine.
    let longer = "Chairman Trần Thế Dũng opened 3 schools. The market was busy.";
    let mixed = t.translate(Lang::En, Lang::Es, &strings(&[longer]), &ctx).await.unwrap();
    assert!(mixed.segments[0].starts_with("El presidente Trần Thế Dũng inauguró 3 escuelas."), "{}", mixed.segments[0]);
    assert_eq!(mixed.from_memory, 1);
    // A correction that does not split like the source is kept whole.
    let merged = "Los alumnos del presidente Trần Thế Dũng cantaron en sus 3 escuelas nuevas.";
    assert_eq!(t.remember_correction(Lang::En, Lang::Es, (source, &[]), merged, &ctx).await.unwrap(), 1);
    // ...and it wins over the sentences remembered one by one.
    let after = t.translate(Lang::En, Lang::Es, &strings(&[source]), &ctx).await.unwrap();
    assert_eq!(after.segments[0], merged);
}

#[tokio::test]
async fn a_correction_names_a_person_the_way_transcription_does() {
    let memory = Arc::new(InMemory::default());
    let t = Translator::new(vec![apertium()]).with_memory(memory);
    let ctx = Context::default();
    let source = "Председатель Trần Thế Dũng открыл 3 школы.";
    let first = t.translate(Lang::Ru, Lang::Uk, &strings(&[source]), &ctx).await.unwrap();
    assert!(first.segments[0].contains("Чан Тхе Зунг"), "{}", first.segments[0]);
    let corrected = "Голова Чан Тхе Зунг відкрив 3 школи.";
    t.remember_correction(Lang::Ru, Lang::Uk, (source, &[]), corrected, &ctx).await.unwrap();
    let again = t.translate(Lang::Ru, Lang::Uk, &strings(&[source]), &ctx).await.unwrap();
    assert_eq!(again.segments[0], corrected);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
}

#[tokio::test]
async fn a_failing_engine_falls_through_to_the_next() {
    let down = Arc::new(Scripted { name: "deepl", calls: AtomicUsize::new(0), behaviour: |_| Err(()) });
    let t =
        Translator::new(vec![down.clone(), apertium()]).with_route(Lang::En, Lang::Es, vec!["deepl".into(), "apertium".into()]);
    let out = t.translate(Lang::En, Lang::Es, &strings(&STORY), &Context::default()).await.unwrap();
    assert_eq!(down.calls.load(Ordering::SeqCst), 1);
    assert!(out.engine.starts_with("apertium"));
    // A route naming only a failing engine is an error, not a silent copy.
    let t = Translator::new(vec![down.clone(), apertium()]).with_route(Lang::En, Lang::Es, vec!["deepl".into()]);
    let err = t.translate(Lang::En, Lang::Es, &strings(&STORY), &Context::default()).await.unwrap_err();
    assert!(err.is_retryable(), "{err}");
}

#[tokio::test]
async fn a_glossary_term_is_honoured_by_every_engine() {
    let glossary = parse_toml(
        r#"
[[term]]
source = "People's Committee"
target = "Comité Popular"
from = "en"
to = "es"
"#,
    )
    .unwrap();
    let t = Translator::new(vec![apertium()]).with_glossary(glossary.clone());
    let out = t.translate(Lang::En, Lang::Es, &strings(&STORY), &Context::default()).await.unwrap();
    assert!(out.segments[1].contains("Comité Popular"), "{}", out.segments[1]);
    let stand_in = Arc::new(Scripted { name: "openai", calls: AtomicUsize::new(0), behaviour: |s| Ok(format!("ES: {s}")) });
    let t = Translator::new(vec![stand_in]).with_glossary(glossary);
    let out = t.translate(Lang::En, Lang::Es, &strings(&STORY), &Context::default()).await.unwrap();
    assert!(out.segments[1].contains("Comité Popular"), "{}", out.segments[1]);
}

#[tokio::test]
async fn an_echoing_or_number_changing_engine_is_held_with_reasons() {
    let echo = Arc::new(Scripted { name: "echo", calls: AtomicUsize::new(0), behaviour: |s| Ok(s.to_string()) });
    let out = Translator::new(vec![echo]).translate(Lang::En, Lang::Es, &strings(&STORY), &Context::default()).await.unwrap();
    assert!(out.problems.contains(&Problem::Identical), "{:?}", out.problems);
    let swap = Arc::new(Scripted {
        name: "swap",
        calls: AtomicUsize::new(0),
        behaviour: |s| Ok(format!("ES {}", s.replace("1,743", "1,734"))),
    });
    let out = Translator::new(vec![swap]).translate(Lang::En, Lang::Es, &strings(&STORY), &Context::default()).await.unwrap();
    assert!(
        out.problems.iter().any(|p| matches!(p, Problem::MissingNumbers(n) if n.contains(&"1743".to_string()))),
        "{:?}",
        out.problems
    );
    let empty = Arc::new(Scripted { name: "empty", calls: AtomicUsize::new(0), behaviour: |_| Ok(String::new()) });
    let out = Translator::new(vec![empty]).translate(Lang::En, Lang::Es, &strings(&STORY), &Context::default()).await.unwrap();
    assert!(out.problems.contains(&Problem::Empty), "{:?}", out.problems);
}

#[tokio::test]
async fn russian_to_ukrainian_keeps_numbers() {
    let t = Translator::new(vec![apertium()]);
    let ru = strings(&[
        "В провинции Хатинь построили 2200 прочных домов",
        "Председатель Чан Тхе Зунг сообщил, что в 2023 году создано 1743 модели, а 305 студентов получили помощь.",
    ]);
    let out = t.translate(Lang::Ru, Lang::Uk, &ru, &Context::default()).await.unwrap();
    let text = out.segments.join(" ");
    for n in ["2200", "2023", "1743", "305"] {
        assert!(text.contains(n), "{n} lost: {text}");
    }
    assert!(text.contains(['і', 'ї', 'є']), "not Ukrainian: {text}");
    assert!(
        !out.problems.iter().any(|p| matches!(p, Problem::MissingNumbers(_) | Problem::Identical | Problem::Empty)),
        "{:?}",
        out.problems
    );
}

/// Marks over `text` for each `(word, kind)`, at the word's first occurrence.
fn marks_over(text: &str, spans: &[(&str, loa_domain::MarkKind)]) -> Vec<loa_domain::Mark> {
    spans
        .iter()
        .map(|(word, kind)| {
            let start = text.find(word).expect("the word is in the text");
            loa_domain::Mark { start, end: start + word.len(), kind: kind.clone() }
        })
        .collect()
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Runs one marked sentence through real Apertium and checks each mark
/// lands on a span containing `expected[i]`, and that the plain text is
/// the plain translation's but for at most `max_changed_words` words.
async fn marked_round_trip(
    from: Lang,
    to: Lang,
    text: &str,
    spans: &[(&str, loa_domain::MarkKind)],
    expected: &[&str],
    max_changed_words: usize,
) {
    let t = Translator::new(vec![apertium()]);
    let marks = marks_over(text, spans);
    let (outcome, out_marks) = t.translate_marked(from, to, &[(text.to_string(), marks)], &Context::default()).await.unwrap();
    let plain = t.translate(from, to, &strings(&[text]), &Context::default()).await.unwrap();
    let out = &outcome.segments[0];
    assert!(!out.to_lowercase().contains("zqj") && !out.to_lowercase().contains("zqk"), "placeholder left: {out}");
    assert_eq!(out_marks[0].len(), spans.len(), "{out:?} {:?}", out_marks[0]);
    for ((mark, (_, kind)), want) in out_marks[0].iter().zip(spans).zip(expected) {
        assert_eq!(&mark.kind, kind);
        let covered = &out[mark.start..mark.end];
        assert!(covered.to_lowercase().contains(want), "mark {kind:?} covers {covered:?}, expected {want:?} in {out:?}");
    }
    let (marked_words, plain_words) = (words(out), words(&plain.segments[0]));
    assert_eq!(marked_words.len(), plain_words.len(), "{out:?} vs {:?}", plain.segments[0]);
    let changed = marked_words.iter().zip(&plain_words).filter(|(a, b)| a != b).count();
    assert!(changed <= max_changed_words, "{out:?} vs {:?}", plain.segments[0]);
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
}

#[tokio::test]
async fn marks_follow_their_words_from_english_to_spanish() {
    use loa_domain::MarkKind;
    marked_round_trip(
        Lang::En,
        Lang::Es,
        "The new bridge opened on Monday near the market.",
        &[
            ("new bridge", MarkKind::Bold),
            ("Monday", MarkKind::Italic),
            ("the market", MarkKind::Link { href: "https://example.org/market".into() }),
        ],
        // Apertium's eng→spa dictionary renders "market" as "lonja".
        &["puente", "lunes", "lonja"],
        // Marks travel as word-bound blanks: "on Monday" is still "el lunes".
        0,
    )
    .await;
}

#[tokio::test]
async fn marks_follow_their_words_from_russian_to_ukrainian() {
    use loa_domain::MarkKind;
    marked_round_trip(
        Lang::Ru,
        Lang::Uk,
        "Новый мост открыли в понедельник возле рынка.",
        &[
            ("Новый мост", MarkKind::Bold),
            ("в понедельник", MarkKind::Italic),
            ("рынка", MarkKind::Link { href: "https://example.org/rynok".into() }),
        ],
        // rus→ukr leaves "мост" as it is.
        &["мост", "понеділок", "ринку"],
        0,
    )
    .await;
}

/// Records what it was sent; answers each item with a fixed rewrite.
struct Recorder {
    sent: std::sync::Mutex<Vec<Vec<String>>>,
    rewrite: fn(&str) -> String,
}

impl Engine for Recorder {
    fn name(&self) -> &str {
        "recorder"
    }
    fn supports(&self, _f: Lang, _t: Lang) -> bool {
        true
    }
    fn translate<'a>(&'a self, _f: Lang, _t: Lang, segments: &'a [String], _h: &'a Hints) -> EngineFuture<'a> {
        self.sent.lock().unwrap().push(segments.to_vec());
        Box::pin(async move {
            Ok(Translation {
                segments: segments.iter().map(|s| (self.rewrite)(s)).collect(),
                engine: "recorder".into(),
                unknown_words: 0,
                generation_errors: 0,
                transfer_errors: 0,
            })
        })
    }
}

#[tokio::test]
async fn new_paragraphs_travel_whole_and_are_remembered_by_sentence_or_whole() {
    let memory = Arc::new(InMemory::default());
    let para = "The bridge opened on Monday. It carries 4,000 people a day.".to_string();
    // An engine that keeps the sentences apart.
    let keeps = Arc::new(Recorder { sent: Default::default(), rewrite: |s| s.replace("bridge", "puente") });
    // The stand-ins do not really translate: the language check is off here.
    let no_language_check = || loa_translate::GateLimits { language_min_chars: usize::MAX, ..Default::default() };
    let t = Translator::new(vec![keeps.clone()]).with_memory(memory.clone()).with_limits(no_language_check());
    t.translate(Lang::En, Lang::Es, std::slice::from_ref(&para), &Context::default()).await.unwrap();
    assert_eq!(keeps.sent.lock().unwrap()[0], vec![para.clone()], "the paragraph went as one item");
    // Its sentences were remembered one by one: editing one resends only it.
    let edited = para.replace("Monday", "Tuesday");
    let out = t.translate(Lang::En, Lang::Es, &[edited], &Context::default()).await.unwrap();
    assert_eq!(keeps.sent.lock().unwrap()[1], vec!["The bridge opened on Tuesday.".to_string()]);
    assert_eq!(out.segments[0], "The puente opened on Tuesday. It carries 4,000 people a day.");

    // An engine that merges the two sentences into one.
    let memory = Arc::new(InMemory::default());
    let merges =
        Arc::new(Recorder { sent: Default::default(), rewrite: |s| s.replace(". It", ", and it").replace("bridge", "puente") });
    let t = Translator::new(vec![merges.clone()]).with_memory(memory).with_limits(no_language_check());
    let first = t.translate(Lang::En, Lang::Es, std::slice::from_ref(&para), &Context::default()).await.unwrap();
    assert_eq!(first.segments[0], "The puente opened on Monday, and it carries 4,000 people a day.");
    let again = t.translate(Lang::En, Lang::Es, std::slice::from_ref(&para), &Context::default()).await.unwrap();
    assert_eq!(again.segments, first.segments, "the whole paragraph was remembered");
    assert_eq!(again.engine, "memory");
    assert_eq!(merges.sent.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_remembered_translation_is_checked_again() {
    let memory = Arc::new(InMemory::default());
    let swap = Arc::new(Scripted {
        name: "swap",
        calls: AtomicUsize::new(0),
        behaviour: |s| Ok(format!("ES {}", s.replace("1,743", "1,734"))),
    });
    let t = Translator::new(vec![swap.clone()]).with_memory(memory.clone());
    let first = t.translate(Lang::En, Lang::Es, &strings(&STORY), &Context::default()).await.unwrap();
    assert!(first.problems.iter().any(|p| matches!(p, Problem::MissingNumbers(_))));
    let again = t.translate(Lang::En, Lang::Es, &strings(&STORY), &Context::default()).await.unwrap();
    assert_eq!(again.engine, "memory");
    assert_eq!(swap.calls.load(Ordering::SeqCst), 1, "the engine is not asked twice");
    assert_eq!(again.problems, first.problems, "held from memory for the same reasons");
}

#[tokio::test]
async fn a_correction_of_a_marked_paragraph_is_found_when_it_comes_back_marked() {
    use loa_domain::MarkKind;
    let memory = Arc::new(InMemory::default());
    let t = Translator::new(vec![apertium()]).with_memory(memory);
    let ctx = Context::default();
    let source = "The new bridge opened on Monday.";
    let marks = marks_over(source, &[("new bridge", MarkKind::Bold)]);
    let segment = [(source.to_string(), marks.clone())];
    t.translate_marked(Lang::En, Lang::Es, &segment, &ctx).await.unwrap();
    let corrected = "El puente nuevo se abrió el lunes.";
    t.remember_correction(Lang::En, Lang::Es, (source, &marks), corrected, &ctx).await.unwrap();
    let (again, again_marks) = t.translate_marked(Lang::En, Lang::Es, &segment, &ctx).await.unwrap();
    assert_eq!(again.segments[0], corrected);
    assert!(again_marks[0].is_empty(), "a plain correction carries no marks");
}

#[tokio::test]
async fn marks_beside_punctuation_leave_the_spacing_alone() {
    use loa_domain::MarkKind;
    let t = Translator::new(vec![apertium()]);
    for (text, word) in [("He said \"hello\" to me.", "hello"), ("The fund (see the annex) grew.", "see the annex")] {
        let marks = marks_over(text, &[(word, MarkKind::Bold)]);
        let (marked, out_marks) =
            t.translate_marked(Lang::En, Lang::Es, &[(text.to_string(), marks)], &Context::default()).await.unwrap();
        let plain = t.translate(Lang::En, Lang::Es, &strings(&[text]), &Context::default()).await.unwrap();
        assert_eq!(marked.segments[0], plain.segments[0], "a mark changes nothing in the text");
        assert_eq!(out_marks[0].len(), 1, "{:?}", marked.segments[0]);
    }
}

#[tokio::test]
async fn a_mark_cutting_through_a_name_is_dropped_so_the_name_stays_whole() {
    use loa_domain::MarkKind;
    let t = Translator::new(vec![apertium()]);
    let text = "Mr Nguyễn Văn An met the mayor in Huế.";
    let marks = marks_over(text, &[("Văn", MarkKind::Bold), ("the mayor", MarkKind::Italic)]);
    let (out, out_marks) =
        t.translate_marked(Lang::En, Lang::Es, &[(text.to_string(), marks)], &Context::default()).await.unwrap();
    assert!(out.segments[0].contains("Nguyễn Văn An"), "{}", out.segments[0]);
    assert_eq!(out_marks[0].len(), 1, "only the mark away from the name survives: {:?}", out_marks[0]);
    assert_eq!(out_marks[0][0].kind, MarkKind::Italic);
    // A mark around the whole name is kept, and the name too.
    let marks = marks_over(text, &[("Nguyễn Văn An", MarkKind::Bold)]);
    let (out, out_marks) =
        t.translate_marked(Lang::En, Lang::Es, &[(text.to_string(), marks)], &Context::default()).await.unwrap();
    let m = &out_marks[0][0];
    assert_eq!(&out.segments[0][m.start..m.end], "Nguyễn Văn An");
}
