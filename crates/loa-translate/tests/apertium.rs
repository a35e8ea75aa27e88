//! Tests against the real Apertium installation. CI installs Apertium, so a
//! missing installation is a failure, never a skip.

use std::path::Path;
use std::time::Duration;

use loa_domain::Lang;
use loa_translate::{Apertium, TranslateError, DEFAULT_MODES_DIR};

fn system_apertium() -> Apertium {
    let probe = Path::new(DEFAULT_MODES_DIR).join("eng-spa.mode");
    assert!(probe.is_file(), "{} is missing: install apertium and apertium-eng-spa (CI must have them)", probe.display());
    Apertium::discover(Path::new(DEFAULT_MODES_DIR)).expect("discover Apertium modes")
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn numbers_in(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == ','))
        .map(|t| t.trim_matches(','))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

#[test]
fn discovers_the_installed_debian_pairs() {
    let apertium = system_apertium();
    let directions = apertium.directions();
    for expected in [(Lang::En, Lang::Es), (Lang::Es, Lang::En), (Lang::Ru, Lang::Uk), (Lang::Es, Lang::Pt)] {
        assert!(directions.contains(&expected), "{expected:?} missing from {directions:?}");
    }
    // The plain mode wins, never a variant such as es-pt_BR.
    assert_eq!(apertium.mode_name(Lang::Es, Lang::Pt), Some("es-pt"));
    assert_eq!(apertium.mode_name(Lang::En, Lang::Es), Some("eng-spa"));
    assert_eq!(apertium.route(Lang::En, Lang::Pt), Some(vec![Lang::En, Lang::Es, Lang::Pt]));
    let from_en = apertium.reachable_from(Lang::En);
    for lang in [Lang::Es, Lang::Pt, Lang::Fr, Lang::It, Lang::Ca] {
        assert!(from_en.contains(&lang), "{lang} not reachable from en: {from_en:?}");
    }
    assert!(!from_en.contains(&Lang::Ru), "no Debian pair links English and Russian");
}

#[tokio::test]
async fn english_to_spanish_keeps_numbers_and_speaks_spanish() {
    let apertium = system_apertium();
    let source = "The ministry said that 1,743 people were evacuated and 2,200 houses were damaged by the floods.";
    let t = apertium.translate(Lang::En, Lang::Es, &strings(&[source])).await.unwrap();
    assert_eq!(t.engine, "apertium:eng-spa");
    assert_eq!(t.segments.len(), 1);
    let out = &t.segments[0];
    assert_ne!(out, source);
    assert_eq!(numbers_in(out), numbers_in(source), "numbers changed: {out}");
    let spanish = [" de ", " que ", " y ", " las ", " los ", "personas", "casas", "ministerio"];
    let found = spanish.iter().filter(|w| out.to_lowercase().contains(*w)).count();
    assert!(found >= 3, "not Spanish enough: {out}");
    assert!(!out.contains(['*', '#', '@']), "marks left in output: {out}");
}

#[tokio::test]
async fn russian_to_ukrainian_is_translated() {
    let apertium = system_apertium();
    // The stock rus-ukr pipeline crashes in its tagger on Russian input; this
    // passes only if the tagger-free fallback takes over.
    let source = "Президент сказал, что 1,743 человека и 2,200 машин были в городе.";
    let t = apertium.translate(Lang::Ru, Lang::Uk, &strings(&[source])).await.unwrap();
    assert_eq!(t.engine, "apertium:rus-ukr");
    let out = &t.segments[0];
    assert!(!out.trim().is_empty());
    assert_ne!(out, source);
    assert!(out.contains(['і', 'ї', 'є', 'ґ']), "no Ukrainian letters in {out:?}");
    assert_eq!(numbers_in(out), numbers_in(source), "numbers changed: {out}");

    // And it keeps working for the next request.
    let again = apertium.translate(Lang::Ru, Lang::Uk, &strings(&["Министр сказал, что город большой."])).await.unwrap();
    assert_ne!(again.segments[0], "Министр сказал, что город большой.");
}

#[tokio::test]
async fn english_to_portuguese_pivots_through_spanish() {
    let apertium = system_apertium();
    let source = "The people did not see the new houses in Lisbon.";
    let t = apertium.translate(Lang::En, Lang::Pt, &strings(&[source])).await.unwrap();
    assert_eq!(t.engine, "apertium:eng-spa>es-pt");
    let out = t.segments[0].to_lowercase();
    assert!(out.contains("pessoas") || out.contains("não"), "not Portuguese: {out}");
    assert!(!out.contains("personas"), "Spanish pivot leaked through: {out}");
}

#[tokio::test]
async fn segment_count_is_preserved_and_batching_matches_single_requests() {
    let apertium = system_apertium();
    let mut segments = Vec::new();
    for i in 0..20 {
        segments.push(match i % 5 {
            0 => String::new(),
            1 => format!("The council approved {i} new schools"),
            2 => "  Red  ".to_string(),
            3 => "car bombs exploded near the station".to_string(),
            _ => format!("Line one of caption {i}.\nLine two."),
        });
    }
    segments[7] = "   ".to_string();
    let t = apertium.translate(Lang::En, Lang::Es, &segments).await.unwrap();
    assert_eq!(t.segments.len(), segments.len());
    for (i, (src, out)) in segments.iter().zip(&t.segments).enumerate() {
        if src.trim().is_empty() {
            assert_eq!(out, src, "blank segment {i} changed");
        } else {
            assert!(!out.trim().is_empty(), "segment {i} lost: {src:?}");
            // Each segment, translated on its own, gives the same text: no
            // word moved across a segment boundary.
            let alone = apertium.translate(Lang::En, Lang::Es, std::slice::from_ref(src)).await;
            match alone {
                Ok(alone) => assert_eq!(out, &alone.segments[0], "segment {i}"),
                // A lone unchanged segment is refused by the failure rule;
                // then the batch must have left it unchanged as well.
                Err(TranslateError::Unchanged { .. }) => assert_eq!(out.trim(), src.trim()),
                Err(e) => panic!("segment {i}: {e}"),
            }
        }
    }
    // Whitespace around a segment is kept.
    assert!(t.segments[2].starts_with("  ") && t.segments[2].ends_with("  "));
    assert!(t.segments[4].contains('\n'), "newline inside a caption lost: {:?}", t.segments[4]);
}

#[tokio::test]
async fn stream_syntax_characters_survive() {
    let apertium = system_apertium();
    let source = r"Prices rose [sic] by 5% ^ $100 / year <b> {x} \ path @user * star # tag ~ tilde";
    let t = apertium.translate(Lang::En, Lang::Es, &strings(&[source, "Second [segment] ends here."])).await.unwrap();
    let out = &t.segments[0];
    for c in ['[', ']', '^', '$', '/', '@', '<', '>', '{', '}', '\\', '*', '#', '~', '%'] {
        assert_eq!(out.matches(c).count(), source.matches(c).count(), "{c:?} not preserved: {out}");
    }
    assert!(out.contains("100") && out.contains("5%"), "{out}");
    assert!(t.segments[1].contains("[") && t.segments[1].contains("]"), "{:?}", t.segments[1]);
}

#[tokio::test]
async fn killed_pipeline_is_restarted_on_next_call() {
    let apertium = system_apertium();
    let text = strings(&["The government opened a new hospital."]);
    let first = apertium.translate(Lang::En, Lang::Es, &text).await.unwrap();
    let pid = apertium.pipeline_pid(Lang::En, Lang::Es).await.expect("pipeline is warm after a request");

    let status = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status().unwrap();
    assert!(status.success());
    tokio::time::sleep(Duration::from_millis(100)).await;

    let second = apertium.translate(Lang::En, Lang::Es, &text).await.unwrap();
    assert_eq!(second.segments, first.segments);
    let new_pid = apertium.pipeline_pid(Lang::En, Lang::Es).await.unwrap();
    assert_ne!(new_pid, pid, "the killed pipeline was not replaced");
}

#[tokio::test]
async fn concurrent_requests_share_a_pipeline_safely() {
    let apertium = std::sync::Arc::new(system_apertium());
    let mut tasks = Vec::new();
    for i in 0..8 {
        let apertium = apertium.clone();
        tasks.push(tokio::spawn(async move {
            let source = format!("The city counted {i} new cars.");
            let t = apertium.translate(Lang::En, Lang::Es, &[source]).await.unwrap();
            (i, t.segments[0].clone())
        }));
    }
    for task in tasks {
        let (i, out) = task.await.unwrap();
        assert!(out.contains(&format!(" {i} ")), "reply for request {i} was someone else's: {out}");
    }
}

#[tokio::test]
async fn unknown_words_are_counted_and_unmarked() {
    let apertium = system_apertium();
    let t = apertium
        .translate(Lang::En, Lang::Es, &strings(&["The zorblaxian delegation arrived yesterday with Quynh."]))
        .await
        .unwrap();
    // The common word counts; the capitalised name passes through uncounted.
    assert_eq!(t.unknown_words, 1, "{t:?}");
    assert!(t.segments[0].contains("zorblaxian") && t.segments[0].contains("Quynh"), "{t:?}");
    assert!(!t.segments[0].contains('*'), "{t:?}");
}

#[tokio::test]
async fn requests_without_a_route_are_refused() {
    let apertium = system_apertium();
    let text = strings(&["Hello."]);
    assert!(matches!(apertium.translate(Lang::En, Lang::Vi, &text).await, Err(TranslateError::NoRoute { .. })));
    assert!(matches!(apertium.translate(Lang::En, Lang::En, &text).await, Err(TranslateError::SameLanguage(Lang::En))));
    assert!(matches!(apertium.translate(Lang::En, Lang::Es, &strings(&["", "  "])).await, Err(TranslateError::EmptyInput)));
}

/// A modes directory whose only mode (`en-es`) runs `script` as its pipeline.
fn fake_modes_dir(script: &str) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let script_path = dir.path().join("engine.sh");
    std::fs::write(&script_path, format!("#!/bin/bash\n{script}\n")).unwrap();
    std::fs::set_permissions(&script_path, std::fs::Permissions::from_mode(0o755)).unwrap();
    // apertium-wblank-mode appends `-z` to every command; the script ignores it.
    std::fs::write(dir.path().join("en-es.mode"), format!("{}\n", script_path.display())).unwrap();
    dir
}

#[tokio::test]
async fn an_engine_echoing_its_input_is_refused_as_unchanged() {
    let dir = fake_modes_dir("exec cat");
    let apertium = Apertium::discover(dir.path()).unwrap();
    let err = apertium.translate(Lang::En, Lang::Es, &strings(&["Hello world.", "", "Second one"])).await.unwrap_err();
    assert!(matches!(err, TranslateError::Unchanged { segments: 2, .. }), "{err}");
}

#[tokio::test]
async fn an_engine_returning_nothing_is_refused() {
    // Answers every request with an empty reply.
    let dir = fake_modes_dir(r"while IFS= read -r -d '' _; do printf '\0'; done");
    let apertium = Apertium::discover(dir.path()).unwrap();
    let err = apertium.translate(Lang::En, Lang::Es, &strings(&["Hello world."])).await.unwrap_err();
    assert!(matches!(err, TranslateError::PipelineFailed { .. }), "{err}");
    assert!(err.to_string().contains("0 segment(s) where 1 were sent"), "{err}");
}

#[tokio::test]
async fn a_hung_engine_times_out_and_is_replaced() {
    // The first process hangs; the processes started after it echo.
    let dir = tempfile::tempdir().unwrap();
    let flag = dir.path().join("started-once");
    let fake = fake_modes_dir(&format!("if [ -e '{0}' ]; then exec cat; else touch '{0}'; exec sleep 600; fi", flag.display()));
    let apertium = Apertium::discover(fake.path()).unwrap().with_request_timeout(Duration::from_millis(500));
    let text = strings(&["Hello world."]);

    let err = apertium.translate(Lang::En, Lang::Es, &text).await.unwrap_err();
    assert!(matches!(err, TranslateError::Timeout { .. }), "{err}");
    assert_eq!(apertium.pipeline_pid(Lang::En, Lang::Es).await, None, "hung pipeline kept");

    // The replacement answers (by echoing, which the failure rule refuses).
    let err = apertium.translate(Lang::En, Lang::Es, &text).await.unwrap_err();
    assert!(matches!(err, TranslateError::Unchanged { .. }), "{err}");
}

#[test]
fn a_missing_modes_dir_is_a_clear_error() {
    let err = Apertium::discover(Path::new("/nonexistent/apertium/modes")).unwrap_err();
    assert!(matches!(err, TranslateError::ModesDir { .. }));
    let empty = tempfile::tempdir().unwrap();
    let err = Apertium::discover(empty.path()).unwrap_err();
    assert!(matches!(err, TranslateError::NoDirections { .. }), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_spread_over_a_pool_sized_to_the_machine() {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let apertium = std::sync::Arc::new(system_apertium());
    let paragraph =
        "The provincial council approved a new plan for schools, roads and clinics in the mountain districts. ".repeat(40);
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let apertium = apertium.clone();
        let text = vec![paragraph.clone()];
        tasks.push(tokio::spawn(async move { apertium.translate(Lang::En, Lang::Es, &text).await.unwrap() }));
    }
    let mut outputs = Vec::new();
    for task in tasks {
        outputs.push(task.await.unwrap().segments[0].clone());
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]), "pipelines of one pool disagree");
    let started = apertium.pipelines_started(Lang::En, Lang::Es).await;
    assert!(started <= 2 * cores, "{started} pipelines for {cores} cores");
    if cores >= 2 {
        assert!(started >= 2, "concurrent requests queued behind one pipeline");
    }
}
