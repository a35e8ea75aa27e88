//! Stage 2: bytes to text. Outlets still serve windows-1251, KOI8-R,
//! Shift_JIS and friends, and say so in different places.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decodes an HTML page. The encoding is taken from, in order: a byte-order
/// mark (unambiguous, and browsers let it win), the `charset` parameter of
/// the Content-Type header, a `<meta charset>` or `<meta http-equiv>` in the
/// first few kilobytes. Without any declaration, valid UTF-8 is read as
/// UTF-8 and anything else as windows-1252, as browsers do for legacy pages.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    let encoding = Encoding::for_bom(bytes)
        .map(|(enc, _)| enc)
        .or_else(|| content_type.and_then(charset_from_content_type))
        .or_else(|| charset_from_meta(bytes))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        });
    // `decode` strips a BOM matching the encoding and replaces bad bytes
    // with U+FFFD, so this never fails.
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// The encoding named by a Content-Type value (`text/html; charset=koi8-r`).
pub fn charset_from_content_type(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if name.trim().eq_ignore_ascii_case("charset") {
            Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes())
        } else {
            None
        }
    })
}

/// Looks for a charset declaration in the `<meta>` tags of the first 4 KiB.
fn charset_from_meta(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut pos = 0;
    while let Some(off) = find(&lower[pos..], b"<meta") {
        let start = pos + off + 5;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>' | b'\t' | b'\n'))
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..len]) {
                    // A page that parsed as ASCII cannot really be UTF-16;
                    // the HTML standard maps such declarations to UTF-8.
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        return Some(UTF_8);
                    }
                    return Some(enc);
                }
            }
        }
        pos = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_windows_1251() {
        let text = "<html><head><meta charset=\"windows-1251\"></head><body><p>Привет, мир</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert!(std::str::from_utf8(&bytes).is_err(), "fixture must not be UTF-8");
        let decoded = decode_html(&bytes, Some("text/html"));
        assert!(decoded.contains("Привет, мир"), "{decoded}");
    }

    #[test]
    fn http_equiv_charset() {
        let text = "<head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=windows-1251'></head>Ёлка";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert!(decode_html(&bytes, None).contains("Ёлка"));
    }

    #[test]
    fn header_charset_koi8r_wins_over_nothing() {
        let text = "<p>Новости дня</p>";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(text);
        let decoded = decode_html(&bytes, Some("text/html; charset=KOI8-R"));
        assert_eq!(decoded, text);
        // Read with the wrong default, the same bytes are mojibake.
        assert_ne!(decode_html(&bytes, None), text);
    }

    #[test]
    fn header_beats_meta() {
        let text = "<meta charset=\"windows-1251\"><p>Новости</p>";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(text);
        assert!(decode_html(&bytes, Some("text/html;charset=\"koi8-r\"")).contains("Новости"));
    }

    #[test]
    fn bom_and_default_utf8() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<p>Tiếng Việt</p>".as_bytes());
        assert_eq!(decode_html(&bytes, Some("text/html; charset=iso-8859-1")), "<p>Tiếng Việt</p>");
        assert_eq!(decode_html("<p>日本語</p>".as_bytes(), None), "<p>日本語</p>");
    }

    #[test]
    fn undeclared_legacy_bytes_fall_back_to_windows_1252() {
        let bytes = b"<p>caf\xe9</p>";
        assert_eq!(decode_html(bytes, None), "<p>caf\u{e9}</p>");
    }
}
