//! Copies an outlet's images into loa's media store, so the site never
//! hot-links an outlet (the outlet may move, vanish, or track readers).

use loa_domain::{Block, Figure};
use loa_ingest::Fetcher;
use std::path::Path;

/// Image types the site serves; anything else is refused.
fn extension_for(mime: &str) -> Option<&'static str> {
    Some(match mime {
        "image/jpeg" | "image/jpg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/avif" => "avif",
        "image/svg+xml" => "svg",
        _ => return None,
    })
}

/// A name derived from the bytes: the same image from two pages is stored
/// once. SHA-256, so nobody can make an image that takes another's name
/// (a 64-bit FNV hash can be made to collide on purpose).
fn content_name(bytes: &[u8], ext: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.{ext}")
}

/// A stored image: its site path (`/media/<name>`) and pixel size if known.
pub struct StoredImage {
    pub path: String,
    pub size: Option<(u32, u32)>,
}

/// Stores one image (size-capped, type-checked, dimensions read).
pub async fn copy_image(fetcher: &Fetcher, url: &str, media_dir: &Path, max_bytes: usize) -> Result<StoredImage, String> {
    let fetched = fetcher.get_image(url, max_bytes).await.map_err(|e| e.to_string())?;
    let mime = fetched.mime().unwrap_or_default();
    let ext = extension_for(&mime).ok_or_else(|| format!("{url} is {mime}, an image type loa does not serve"))?;
    let name = content_name(&fetched.body, ext);
    let path = media_dir.join(&name);
    if !path.exists() {
        // Write then rename, so a crash never leaves half an image under the final name.
        let tmp = media_dir.join(format!(".{name}.part"));
        tokio::fs::write(&tmp, &fetched.body).await.map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        tokio::fs::rename(&tmp, &path).await.map_err(|e| format!("cannot store {}: {e}", path.display()))?;
    }
    Ok(StoredImage { path: format!("/media/{name}"), size: crate::imagesize::dimensions(&fetched.body, ext) })
}

/// Replaces every figure's source with a local copy. A figure whose image
/// cannot be copied is dropped (with a warning) rather than hot-linked.
pub async fn localise_figures(fetcher: &Fetcher, blocks: Vec<Block>, media_dir: &Path, max_bytes: usize) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Figure(f) => match copy_image(fetcher, &f.src, media_dir, max_bytes).await {
                Ok(stored) => out.push(Block::Figure(Figure {
                    src: stored.path,
                    width: stored.size.map(|s| s.0),
                    height: stored.size.map(|s| s.1),
                    ..f
                })),
                Err(reason) => tracing::warn!(src = %f.src, %reason, "figure dropped"),
            },
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_content() {
        assert_eq!(content_name(b"abc", "png"), content_name(b"abc", "png"));
        assert_ne!(content_name(b"abc", "png"), content_name(b"abd", "png"));
        // The FIPS 180-2 test vector: the name is the SHA-256 of the bytes.
        assert_eq!(content_name(b"abc", "png"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.png");
        assert_eq!(extension_for("image/svg+xml"), Some("svg"));
        assert_eq!(extension_for("image/x-icon"), None);
    }
}
