//! The translation commands on the real binary: translate-text through
//! memory and glossary, engines, TMX export and import, review.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn loa(data: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(args)
        .env("LOA_DATA_DIR", data)
        .env("LOA_LANGUAGES", "en,es,ca,pt,ru,uk")
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
