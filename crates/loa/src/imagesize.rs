//! Pixel dimensions read from an image's header, for the formats the media
//! store accepts. Reading a few bytes is enough; nothing is decoded.

/// (width, height), or `None` when the header is not understood.
pub fn dimensions(bytes: &[u8], ext: &str) -> Option<(u32, u32)> {
    match ext {
        "png" => png(bytes),
        "gif" => gif(bytes),
        "jpg" => jpeg(bytes),
        "webp" => webp(bytes),
        "svg" => svg(bytes),
        _ => None,
    }
    .filter(|(w, h)| *w > 0 && *h > 0)
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn png(b: &[u8]) -> Option<(u32, u32)> {
    if b.get(..8)? != b"\x89PNG\r\n\x1a\n" || b.get(12..16)? != b"IHDR" {
        return None;
    }
    Some((be32(b, 16)?, be32(b, 20)?))
}

fn gif(b: &[u8]) -> Option<(u32, u32)> {
    if !b.starts_with(b"GIF8") {
        return None;
    }
    let w = u16::from_le_bytes(b.get(6..8)?.try_into().ok()?);
    let h = u16::from_le_bytes(b.get(8..10)?.try_into().ok()?);
    Some((w.into(), h.into()))
}

/// Walks the JPEG segments to the first start-of-frame marker.
fn jpeg(b: &[u8]) -> Option<(u32, u32)> {
    if b.get(..2)? != [0xff, 0xd8] {
        return None;
    }
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xff {
            return None;
        }
        let marker = b[i + 1];
        if marker == 0xff {
            i += 1;
            continue;
        }
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        let is_sof = matches!(marker, 0xc0..=0xcf) && !matches!(marker, 0xc4 | 0xc8 | 0xcc);
        if is_sof {
            let h = u16::from_be_bytes([b[i + 5], b[i + 6]]);
            let w = u16::from_be_bytes([b[i + 7], b[i + 8]]);
            return Some((w.into(), h.into()));
        }
        i += 2 + len;
    }
    None
}

fn webp(b: &[u8]) -> Option<(u32, u32)> {
    if b.get(..4)? != b"RIFF" || b.get(8..12)? != b"WEBP" {
        return None;
    }
    let le24 = |at: usize| -> Option<u32> {
        Some(u32::from(*b.get(at)?) | u32::from(*b.get(at + 1)?) << 8 | u32::from(*b.get(at + 2)?) << 16)
    };
    match b.get(12..16)? {
        b"VP8 " => {
            let w = u16::from_le_bytes(b.get(26..28)?.try_into().ok()?) & 0x3fff;
            let h = u16::from_le_bytes(b.get(28..30)?.try_into().ok()?) & 0x3fff;
            Some((w.into(), h.into()))
        }
        b"VP8L" => {
            let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
            Some(((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1))
        }
        b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
        _ => None,
    }
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
        let gif_bytes = [b"GIF89a".as_slice(), &[0x20, 0x03, 0x58, 0x02]].concat();
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
    fn garbage_is_none_not_a_panic() {
        for ext in ["png", "gif", "jpg", "webp", "svg"] {
            assert_eq!(dimensions(b"", ext), None);
            assert_eq!(dimensions(&[0xff; 40], ext), None);
            assert_eq!(dimensions(b"RIFF\0\0\0\0WEBPVP8X", ext), None);
        }
    }
}
