//! The real binary, run as a user would.

use std::path::PathBuf;
use std::process::Command;

fn loa() -> Command {
    Command::new(env!("CARGO_BIN_EXE_loa"))
}

fn benchmark_pages() -> PathBuf {
    // Read when the test runs, not when it was built: a shared target
    // directory may hold a build made from a clone elsewhere.
    PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"))
        .join("../../../shared/benchmarks/article-extraction/html")
}

#[test]
fn every_command_has_help() {
    for cmd in [
        "serve",
        "demo",
        "ingest",
        "translate",
        "translate-text",
        "engines",
        "tm",
        "review",
        "sources",
        "extract",
        "reindex",
        "status",
        "users",
        "migrate-store",
        "demo-outlet",
    ] {
        let out = loa().args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success(), "{cmd} --help failed");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Usage: loa"), "{cmd}: {text}");
    }
}

#[test]
fn extract_prints_the_benchmark_shape_for_a_real_page() {
    let dir = benchmark_pages();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("benchmark pages missing at {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    let pages = &pages[..3];
    let out = loa().arg("extract").args(pages).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("../ground-truth.json")).unwrap()).unwrap();
    for page in pages {
        let name = page.file_name().unwrap().to_str().unwrap().trim_end_matches(".html.gz");
        let got = &json[name];
        for key in ["title", "author", "published", "lead", "articleBody", "figures", "language"] {
            assert!(got.get(key).is_some(), "{name} lacks {key}: {got}");
        }
        // The body found shares its opening words with the person-marked truth.
        let body = got["articleBody"].as_str().unwrap();
        let expected = truth[name]["articleBody"].as_str().unwrap();
        let words: Vec<&str> = expected.split_whitespace().take(40).collect();
        let found = words.iter().filter(|w| body.contains(*w)).count();
        assert!(found * 10 >= words.len() * 8, "{name}: body misses the truth's opening words");
    }
}

#[test]
fn extract_reports_unreadable_files_clearly() {
    let out = loa().args(["extract", "/nonexistent/page.html"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cannot read /nonexistent/page.html"), "{err}");
}

#[test]
fn a_bad_configuration_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = loa().args(["status", "--data"]).arg(dir.path()).env("LOA_LANGUAGES", "en,klingon").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr).unwrap().contains("LOA_LANGUAGES"));
}

#[test]
fn users_are_added_listed_and_changed_with_passwords_from_stdin() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], stdin: &str| {
        let mut child = loa()
            .args(args)
            .env("LOA_DATA_DIR", dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stdout).to_string(), String::from_utf8_lossy(&out.stderr).to_string())
    };
    let (ok, out, _) = run(&["users", "add", "lan", "--role", "translator", "--name", "Phạm Thị Lan"], "a long enough secret\n");
    assert!(ok && out.contains("added lan (Phạm Thị Lan) as translator"), "{out}");
    let (ok, _, err) = run(&["users", "add", "LAN", "--role", "editor"], "another long secret\n");
    assert!(!ok && err.contains("taken"), "{err}");
    let (ok, _, err) = run(&["users", "add", "mai", "--role", "moderator"], "short\n");
    assert!(!ok && err.contains("at least 12 characters"), "{err}");
    let (ok, _, err) = run(&["users", "add", "mai", "--role", "admin"], "a long enough secret\n");
    assert!(!ok && err.contains("unknown role \"admin\""), "{err}");
    let (ok, out, _) = run(&["users", "set", "lan", "--role", "editor", "--disable"], "");
    assert!(ok && out.contains("lan: editor, disabled"), "{out}");
    let (_, out, _) = run(&["users", "list", "--json"], "");
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(list[0]["role"], "editor");
    assert_eq!(list[0]["disabled"], true);
    assert!(!out.contains("pbkdf2"), "no hash is ever printed");
    let (ok, _, err) = run(&["users", "set", "ghost", "--enable"], "");
    assert!(!ok && err.contains("no newsroom member \"ghost\""), "{err}");
}

#[test]
fn logs_are_json_lines_by_setting() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        loa().args(["status", "--data"]).arg(dir.path()).env("LOA_LOG_FORMAT", "json").env("LOA_LOG", "debug").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "debug logging says something (the store's queries)");
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line: {line}: {e}"));
        assert!(v.get("level").is_some() && v.get("timestamp").is_some(), "{v}");
    }
}
