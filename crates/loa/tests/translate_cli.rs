//! The translation commands on the real binary: translate-text through
//! memory and glossary, engines, TMX export and import, review.

mod common;

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{article_page, Fixture, Reply};

fn loa(data: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(args)
        .env("LOA_DATA_DIR", data)
        .env("LOA_LANGUAGES", "en,es,ca,pt,ru,uk")
        .env("LOA_FETCH_ALLOW_ADDRESSES", "127.0.0.0/8")
        .env("LOA_FETCH_PER_HOST_INTERVAL_MS", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

const TEXT: &str = "The province of Quảng Bình built 1,743 new houses in 2026.\nChairman Nguyễn Văn An thanked 305 volunteers.\n";

#[test]
fn translate_text_remembers_and_tmx_carries_the_memory_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("a");
    let first = loa(&data, &["translate-text", "--from", "en", "--to", "es"], Some(TEXT));
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let out = String::from_utf8(first.stdout).unwrap();
    assert_eq!(out.lines().count(), 2);
    for kept in ["Quảng Bình", "Nguyễn Văn An", "1,743", "2026", "305"] {
        assert!(out.contains(kept), "{kept} lost: {out}");
    }
    assert!(String::from_utf8_lossy(&first.stderr).contains("0 from memory"));
    let again = loa(&data, &["translate-text", "--from", "en", "--to", "es"], Some(TEXT));
    assert_eq!(String::from_utf8(again.stdout).unwrap(), out);
    assert!(String::from_utf8_lossy(&again.stderr).contains("2 sentences, 2 from memory, engine memory"));

    let tmx = dir.path().join("memory.tmx");
    assert!(loa(&data, &["tm", "export", tmx.to_str().unwrap()], None).status.success());
    let text = std::fs::read_to_string(&tmx).unwrap();
    assert_eq!(text.matches("<tu>").count() + text.matches("<tu ").count(), 2, "{text}");
    let other = dir.path().join("b");
    let imported = loa(&other, &["tm", "import", tmx.to_str().unwrap()], None);
    assert!(String::from_utf8_lossy(&imported.stdout).contains("imported 2 translation units"));
    let elsewhere = loa(&other, &["translate-text", "--from", "en", "--to", "es"], Some(TEXT));
    assert_eq!(String::from_utf8(elsewhere.stdout).unwrap(), out, "the imported memory answers");
    assert!(String::from_utf8_lossy(&elsewhere.stderr).contains("2 from memory"));
}

#[test]
fn a_pair_no_engine_serves_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let out = loa(dir.path(), &["translate-text", "--from", "en", "--to", "ru"], Some("Hello."));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no configured engine translates en → ru"));
}

#[test]
fn engines_lists_apertium_and_its_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let out = loa(dir.path(), &["engines"], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("apertium — serves"), "{text}");
    assert!(text.contains("en→es") && text.contains("ru→uk") && text.contains("en→pt"), "{text}");
}

#[test]
fn an_empty_review_queue_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = loa(dir.path(), &["review", "list"], None);
    assert!(String::from_utf8(out.stdout).unwrap().contains("nothing waits for review"));
    let out = loa(dir.path(), &["review", "publish", "no-such-story", "es"], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article \"no-such-story\""));
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_corrects_a_segment_and_the_memory_keeps_the_correction() {
    let paragraph = "Chairman Nguyễn Văn An opened 3 new schools in Quảng Bình.";
    let page = article_page("Quảng Bình opens 3 schools", &[paragraph]);
    let server = Fixture::start(HashMap::from([("/schools.html".to_string(), Reply::html(&page))])).await;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stdout(&loa(&data, &["ingest", &server.url("/schools.html")], None));
    stdout(&loa(&data, &["translate"], None));

    let shown: serde_json::Value =
        serde_json::from_str(&stdout(&loa(&data, &["review", "show", "quang-binh-opens-3-schools", "es", "--json"], None)))
            .unwrap();
    assert_eq!(shown["source_lang"], "en");
    let segments = shown["segments"].as_array().unwrap();
    let body = segments.iter().position(|s| s["source"] == paragraph).expect("the paragraph is a segment");
    let machine = segments[body]["translation"].as_str().unwrap().to_string();
    let corrected = "El presidente Nguyễn Văn An inauguró 3 escuelas nuevas en Quảng Bình.";
    assert_ne!(machine, corrected);
    let plain = stdout(&loa(&data, &["review", "show", "quang-binh-opens-3-schools", "es"], None));
    assert!(
        plain.contains(&format!("[{body}] en: {paragraph}")) && plain.contains(&format!("[{body}] es: {machine}")),
        "{plain}"
    );

    let said =
        stdout(&loa(&data, &["review", "correct", "quang-binh-opens-3-schools", "es", &body.to_string()], Some(corrected)));
    assert!(said.contains("1 translation(s) remembered"), "{said}");
    let shown: serde_json::Value =
        serde_json::from_str(&stdout(&loa(&data, &["review", "show", "quang-binh-opens-3-schools", "es", "--json"], None)))
            .unwrap();
    assert_eq!(shown["segments"][body]["translation"], corrected);
    assert!(["reviewed", "published"].contains(&shown["status"].as_str().unwrap()), "{shown}");
    assert!(shown["reasons"].is_null());

    // The same sentence anywhere else now gets the reviewer's words.
    let again = loa(&data, &["translate-text", "--from", "en", "--to", "es"], Some(&format!("{paragraph}\n")));
    assert_eq!(stdout(&again).trim(), corrected);
    assert!(String::from_utf8_lossy(&again.stderr).contains("1 from memory"));

    // Bad requests are refused clearly and change nothing.
    let out = loa(&data, &["review", "correct", "quang-binh-opens-3-schools", "es", "99", "--text", "x"], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no segment 99"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = loa(&data, &["review", "correct", "quang-binh-opens-3-schools", "en", "2", "--text", "x"], None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a translation"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = loa(&data, &["review", "correct", "quang-binh-opens-3-schools", "es", "2"], Some("  \n"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the correction is empty"));
}
