//! Pixel dimensions of a stored picture, read from its header; nothing is
//! decoded. Raster formats (JPEG, PNG, GIF, WebP, AVIF and the rest) by the
//! `imagesize` crate; SVG, which is text, from its root element here.

/// (width, height), or `None` when the header is not understood.
pub fn dimensions(bytes: &[u8], ext: &str) -> Option<(u32, u32)> {
    let size = if ext == "svg" {
        svg(bytes)
    } else {
        let s = imagesize::blob_size(bytes).ok()?;
        Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?))
    };
    size.filter(|(w, h)| *w > 0 && *h > 0)
}

/// Whether `bytes` open as an SVG document (after an XML declaration,
/// comments or a doctype).
pub fn is_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    head.trim_start_matches('\u{feff}').trim_start().starts_with('<') && head.contains("<svg")
}

/// `width`/`height` attributes of the root element, else its `viewBox`.
fn svg(b: &[u8]) -> Option<(u32, u32)> {
    let text = std::str::from_utf8(b.get(..b.len().min(4096))?).ok()?;
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| -> Option<f64> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let value = &tag[at..at + tag[at..].find('"')?];
        value.trim_end_matches("px").parse().ok()
    };
    if let (Some(w), Some(h)) = (attr("width"), attr("height")) {
        return Some((w.round() as u32, h.round() as u32));
    }
    let at = tag.find(" viewBox=\"")? + 10;
    let parts: Vec<f64> = tag[at..at + tag[at..].find('"')?].split([' ', ',']).filter_map(|p| p.parse().ok()).collect();
    match parts[..] {
        [_, _, w, h] => Some((w.round() as u32, h.round() as u32)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_png_gif_and_svg_headers() {
        let mut png_bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png_bytes.extend(640u32.to_be_bytes());
        png_bytes.extend(480u32.to_be_bytes());
        assert_eq!(dimensions(&png_bytes, "png"), Some((640, 480)));
        let gif_bytes = [b"GIF89a".as_slice(), &[0x20, 0x03, 0x58, 0x02, 0xf7, 0, 0]].concat();
        assert_eq!(dimensions(&gif_bytes, "gif"), Some((800, 600)));
        assert_eq!(dimensions(br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 675">"#, "svg"), Some((1200, 675)));
        assert_eq!(
            dimensions(br#"<?xml version="1.0"?><svg width="300px" height="150" viewBox="0 0 1 1">"#, "svg"),
            Some((300, 150))
        );
    }

    #[test]
    fn reads_a_jpeg_frame_header() {
        // SOI, an APP0 segment of 16 bytes, then SOF0 with height 90, width 160.
        let mut j = vec![0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10];
        j.extend([0u8; 14]);
        j.extend([0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x5a, 0x00, 0xa0, 0x03]);
        j.extend([0u8; 12]);
        assert_eq!(dimensions(&j, "jpg"), Some((160, 90)));
    }

    #[test]
    fn svg_is_told_from_other_text() {
        assert!(is_svg(br#"<?xml version="1.0"?><!-- drawn --><svg viewBox="0 0 1 1"/>"#));
        assert!(!is_svg(b"<html><body>a page</body></html>"));
        assert!(!is_svg(b"\x89PNG"));
    }

    #[test]
    fn garbage_is_none_not_a_panic() {
        for ext in ["png", "gif", "jpg", "webp", "svg"] {
            assert_eq!(dimensions(b"", ext), None);
            assert_eq!(dimensions(&[0xff; 40], ext), None);
            assert_eq!(dimensions(b"RIFF\0\0\0\0WEBPVP8X", ext), None);
        }
    }
}
