//! `loa extract FILE...`: the extractor on local pages, as JSON keyed by
//! file name (the shape the extraction benchmark reads).

use anyhow::Context;
use flate2::read::GzDecoder;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `a/b/page.html.gz` → `page`.
pub fn key_of(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let name = name.strip_suffix(".html").or_else(|| name.strip_suffix(".htm")).unwrap_or(name);
    name.to_string()
}

pub fn read_page(path: &Path) -> anyhow::Result<Vec<u8>> {
    let raw = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        GzDecoder::new(&raw[..])
            .take(256 * 1024 * 1024)
            .read_to_end(&mut out)
            .with_context(|| format!("{} is not valid gzip", path.display()))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// Extracts every file; a page without an article maps to an object with
/// an `error` field so one bad page does not hide the others. The pages are
/// shared out over one thread per core (each takes the next page when it
/// is free); the output is in the order of `paths` whatever the threads.
pub fn extract_files(paths: &[impl AsRef<Path> + Sync]) -> anyhow::Result<serde_json::Map<String, serde_json::Value>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(paths.len().max(1));
    extract_files_on(paths, threads)
}

/// [`extract_files`] on `threads` threads.
pub fn extract_files_on(
    paths: &[impl AsRef<Path> + Sync],
    threads: usize,
) -> anyhow::Result<serde_json::Map<String, serde_json::Value>> {
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<anyhow::Result<serde_json::Value>>> = (0..paths.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = paths.get(i) else { break };
                        done.push((i, extract_file(path.as_ref())));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            for (i, result) in worker.join().expect("an extraction thread panicked") {
                results[i] = Some(result);
            }
        }
    });
    let mut out = serde_json::Map::new();
    for (path, result) in paths.iter().zip(results) {
        let value = result.expect("every page was taken by a thread")?;
        out.insert(key_of(path.as_ref()), value);
    }
    Ok(out)
}

fn extract_file(path: &Path) -> anyhow::Result<serde_json::Value> {
    let bytes = read_page(path)?;
    let html = loa_ingest::decode_html(&bytes, None);
    Ok(match loa_ingest::extract(&html, None) {
        Ok(e) => loa_ingest::benchmark_json(&e),
        Err(e) => serde_json::json!({ "error": e.to_string() }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_directory_and_extensions() {
        assert_eq!(key_of(Path::new("/x/y/abc.html.gz")), "abc");
        assert_eq!(key_of(Path::new("abc.html")), "abc");
        assert_eq!(key_of(Path::new("abc.txt")), "abc.txt");
    }

    #[test]
    fn threads_keep_the_order_and_the_output_of_one_thread() {
        let dir = std::env::temp_dir().join(format!("loa-extract-threads-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let para = "The council met on Tuesday and agreed, after a long debate, to repair the bridge before winter comes.";
        let paths: Vec<_> = (0..9)
            .map(|i| {
                let path = dir.join(format!("p{i}.html"));
                let body = if i == 4 { String::new() } else { format!("<article><p>{i}: {para}</p><p>{para}</p></article>") };
                std::fs::write(&path, format!("<html><body>{body}</body></html>")).unwrap();
                path
            })
            .collect();
        let one = extract_files_on(&paths, 1).unwrap();
        let four = extract_files_on(&paths, 4).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            one.keys().collect::<Vec<_>>(),
            (0..9).map(|i| format!("p{i}")).collect::<Vec<_>>().iter().collect::<Vec<_>>()
        );
        assert_eq!(serde_json::to_string(&one).unwrap(), serde_json::to_string(&four).unwrap());
        assert!(one["p4"].get("error").is_some(), "{:?}", one["p4"]);
        assert!(one["p7"]["articleBody"].as_str().unwrap().starts_with("7: "));
    }
}
