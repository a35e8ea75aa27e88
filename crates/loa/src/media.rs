//! Copies an outlet's images into the store, so the site never hot-links
//! an outlet (the outlet may move, vanish, or track readers) and every
//! node serves the same pictures without a shared disk.

use loa_domain::{Block, Figure, Rendition};
use loa_ingest::Fetcher;
use loa_store::Store;
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

/// A stored image: its site path (`/media/<name>`), pixel size if known,
/// and its smaller copies.
pub struct StoredImage {
    pub path: String,
    pub size: Option<(u32, u32)>,
    pub renditions: Vec<Rendition>,
}

/// What the bytes are, whatever the server said: the extension loa stores
/// them under. Raster formats are read from their header (`imagesize`);
/// SVG, which is text, from its opening tag. A type loa does not serve, or
/// no picture at all, is refused with what it is.
fn sniffed_extension(bytes: &[u8], claimed: &str) -> Result<&'static str, String> {
    use imagesize::ImageType;
    match imagesize::image_type(bytes) {
        Ok(ImageType::Jpeg) => Ok("jpg"),
        Ok(ImageType::Png) => Ok("png"),
        Ok(ImageType::Gif) => Ok("gif"),
        Ok(ImageType::Webp) => Ok("webp"),
        Ok(ImageType::Heif(imagesize::Compression::Av1)) => Ok("avif"),
        Ok(other) => Err(format!("a {other:?} picture, a type loa does not serve")),
        Err(_) if claimed == "svg" && crate::imagesize::is_svg(bytes) => Ok("svg"),
        Err(_) => Err(format!("not a picture (sent as {claimed})")),
    }
}

/// Stores one image (size-capped, type-checked by its bytes, dimensions
/// read) and its smaller copies.
pub async fn copy_image(fetcher: &Fetcher, url: &str, store: &Store, max_bytes: usize) -> Result<StoredImage, String> {
    let fetched = fetcher.get_image(url, max_bytes).await.map_err(|e| e.to_string())?;
    let mime = fetched.mime().unwrap_or_default();
    let claimed = extension_for(&mime).ok_or_else(|| format!("{url} is {mime}, an image type loa does not serve"))?;
    let ext = sniffed_extension(&fetched.body, claimed).map_err(|e| format!("{url} is {e}"))?;
    let name = content_name(&fetched.body, ext);
    store.put_media(&name, content_type_for(ext), &fetched.body).await.map_err(|e| format!("cannot store {name}: {e}"))?;
    let size = crate::imagesize::dimensions(&fetched.body, ext);
    let renditions = store_renditions(store, &name, ext, fetched.body).await;
    Ok(StoredImage { path: format!("/media/{name}"), size, renditions })
}

/// Makes and stores the copies of the picture stored as `name`, off the
/// async threads (decoding is CPU work). A picture whose copies cannot be
/// made is still served, at its own size.
async fn store_renditions(store: &Store, name: &str, ext: &str, bytes: Vec<u8>) -> Vec<Rendition> {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string();
    let ext_owned = ext.to_string();
    let made = tokio::task::spawn_blocking(move || crate::renditions::make(&bytes, &ext_owned)).await;
    let copies = match made {
        Ok(Ok(copies)) => copies,
        Ok(Err(reason)) => {
            tracing::warn!(%name, %reason, "no smaller copies of the picture");
            return Vec::new();
        }
        Err(e) => {
            tracing::warn!(%name, error = %e, "making the picture's copies failed");
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(copies.len());
    for copy in copies {
        let copy_name = format!("{stem}-{}w.{}", copy.width, copy.ext);
        if let Err(e) = store.put_media(&copy_name, copy.mime, &copy.bytes).await {
            tracing::warn!(name = %copy_name, error = %e, "a copy of the picture was not stored");
            continue;
        }
        out.push(Rendition { src: format!("/media/{copy_name}"), width: copy.width, mime: copy.mime.to_string() });
    }
    out
}

/// The type a stored picture is served with, by its extension.
fn content_type_for(ext: &str) -> &'static str {
    match ext {
        "jpg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// Pictures kept as files by earlier versions (`data_dir/media/`) move into
/// the store, so upgrading loses none. Already stored names are skipped;
/// the files are left where they are.
pub async fn import_media_dir(store: &Store, dir: &Path) -> anyhow::Result<usize> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(0) };
    let mut imported = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(ext) = name.rsplit_once('.').map(|(_, e)| e) else { continue };
        if name.starts_with('.') || content_type_for(ext) == "application/octet-stream" || store.has_media(&name).await? {
            continue;
        }
        let bytes = std::fs::read(entry.path())?;
        store.put_media(&name, content_type_for(ext), &bytes).await?;
        imported += 1;
    }
    Ok(imported)
}

/// Replaces every figure's source and every video's poster with a local
/// copy. A figure whose image cannot be copied is dropped (with a warning)
/// rather than hot-linked; a video whose poster cannot be copied is kept
/// without one.
pub async fn localise_figures(fetcher: &Fetcher, blocks: Vec<Block>, store: &Store, max_bytes: usize) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Figure(f) => match copy_image(fetcher, &f.src, store, max_bytes).await {
                Ok(stored) => out.push(Block::Figure(Figure {
                    src: stored.path,
                    width: stored.size.map(|s| s.0),
                    height: stored.size.map(|s| s.1),
                    renditions: stored.renditions,
                    ..f
                })),
                Err(reason) => tracing::warn!(src = %f.src, %reason, "figure dropped"),
            },
            Block::Video { src, title, poster: Some(poster) } => {
                let poster = match copy_image(fetcher, &poster, store, max_bytes).await {
                    Ok(stored) => Some(stored.path),
                    Err(reason) => {
                        tracing::warn!(%poster, %reason, "video poster dropped");
                        None
                    }
                };
                out.push(Block::Video { src, title, poster });
            }
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
