//! `loa extract FILE...`: the extractor on local pages, as JSON keyed by
//! file name (the shape the extraction benchmark reads).

use anyhow::Context;
use flate2::read::GzDecoder;
use std::io::Read;
use std::path::Path;

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
/// an `error` field so one bad page does not hide the others.
pub fn extract_files(paths: &[impl AsRef<Path>]) -> anyhow::Result<serde_json::Map<String, serde_json::Value>> {
    let mut out = serde_json::Map::new();
    for path in paths {
        let path = path.as_ref();
        let bytes = read_page(path)?;
        let html = loa_ingest::decode_html(&bytes, None);
        let value = match loa_ingest::extract(&html, None) {
            Ok(e) => loa_ingest::benchmark_json(&e),
            Err(e) => serde_json::json!({ "error": e.to_string() }),
        };
        out.insert(key_of(path), value);
    }
    Ok(out)
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
}
