//! The fuzz targets' corpus, replayed in the normal test suite: every file
//! under `fuzz/corpus/<target>/` (seeds, and inputs the fuzzers found
//! interesting, crashes fixed included) goes through the same entry
//! function `cargo fuzz` calls (`fuzz/src/lib.rs`), which panics on a
//! broken invariant. Each input must also finish quickly: a hang the
//! fuzzer found stays found.

#[path = "../../../fuzz/src/lib.rs"]
mod entries;

use std::time::{Duration, Instant};

#[test]
fn every_corpus_input_passes_its_target() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    // (corpus folder, the entry function its inputs go through)
    type Target = (&'static str, fn(&[u8]));
    let targets: [Target; 6] = [
        ("feed", entries::feed),
        ("sitemap", entries::sitemap),
        ("opml", entries::opml),
        ("decode", entries::decode),
        ("extract", entries::extract),
        ("sanitise", entries::sanitise),
    ];
    let mut inputs = 0;
    for (name, run) in targets {
        let dir = root.join(name);
        let mut files: Vec<_> =
            std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|f| f.unwrap().path()).collect();
        files.sort();
        assert!(!files.is_empty(), "no corpus for {name}");
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let started = Instant::now();
            run(&data);
            let took = started.elapsed();
            // Debug builds are slow; a real hang takes far longer.
            assert!(took < Duration::from_secs(10), "{name} took {took:?} on {}", file.display());
            inputs += 1;
        }
    }
    println!("fuzz corpus: {inputs} inputs replayed through 6 targets");
}

#[test]
fn the_sanitiser_check_sees_what_it_looks_for() {
    for bad in [
        "<p onclick=\"x()\">a</p>",
        "<a href=\" javascript:x()\">a</a>",
        "<script>x()</script>",
        "<iframe src=\"https://evil.example/\"></iframe>",
    ] {
        assert!(std::panic::catch_unwind(|| entries::assert_safe(bad)).is_err(), "{bad} passed the check");
    }
    entries::assert_safe("<p><strong>a</strong> <a href=\"https://outlet.example/\">b</a></p>");
}
