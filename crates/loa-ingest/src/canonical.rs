//! URL canonicalisation: one identity key for the many spellings of one
//! article address (tracking parameters, letter case, default ports,
//! fragments, reordered queries).
//!
//! The result is a *key* for recognising the same article, not necessarily
//! an address the outlet serves: a few sites do distinguish `/a/` from
//! `/a`. Fetch the URL the feed gave and store the canonical form beside it.
//! `index.html` and `www.` are left alone, because sites serve different
//! things there often enough that merging them would lose articles.

use url::Url;

/// Query parameters that only say where a reader came from. Matched
/// case-insensitively; `utm_*` is handled as a prefix.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "ref",
    "ref_src",
    "ref_url",
    "cmpid",
    "ocid",
    "icid",
    "s_cid",
    "at_medium",
    "at_campaign",
    "at_custom1",
    "at_custom2",
    "__twitter_impression",
    "rss",
    "feature",
    "xtor",
    "ito",
    "sr_share",
    "share",
    "smid",
    "taid",
    "spm",
];

/// The canonical form of an http(s) URL, or `None` for anything else
/// (unparseable, relative, another scheme, no host):
///
/// - scheme and host lower-cased, a trailing dot on the host dropped,
///   default ports and user credentials removed;
/// - the fragment dropped;
/// - tracking parameters (`utm_*`, `fbclid`, `gclid`, ... see the list in
///   the source) removed, the rest sorted by name (values of a repeated
///   name keep their order), empty `&&` pieces dropped;
/// - empty path segments (`//`) collapsed, `.`/`..` resolved, and a
///   trailing slash removed from any path but `/`;
/// - percent-encoding normalised: escapes of unreserved characters
///   decoded (`%7E` → `~`), all other escapes in upper case.
pub fn canonical_url(url: &str) -> Option<String> {
    let mut u = Url::parse(url.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    let host = u.host_str().filter(|h| !h.is_empty())?.to_string();
    if let Some(bare) = host.strip_suffix('.').filter(|h| !h.is_empty()) {
        u.set_host(Some(bare)).ok()?;
    }
    // Credentials are never part of an article's identity.
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.set_fragment(None);

    let path = canonical_path(u.path());
    u.set_path(&path);

    let query = u.query().map(canonical_query).filter(|q| !q.is_empty());
    u.set_query(query.as_deref());
    Some(u.to_string())
}

fn canonical_path(path: &str) -> String {
    let segments: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(normalize_escapes).collect();
    format!("/{}", segments.join("/"))
}

fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(normalize_escapes)
        .filter_map(|piece| {
            let name = piece.split('=').next().unwrap_or_default();
            let decoded = percent_decode_lossy(&name.replace('+', " ")).to_ascii_lowercase();
            (!is_tracking(&decoded)).then(|| (name.to_string(), piece.clone()))
        })
        .collect();
    // Stable: repeated names (`tag=a&tag=b`) keep their relative order.
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs.into_iter().map(|(_, piece)| piece).collect::<Vec<_>>().join("&")
}

fn is_tracking(name: &str) -> bool {
    name.starts_with("utm_") || TRACKING_PARAMS.contains(&name)
}

/// RFC 3986 §6.2.2: `%41` → `A` for unreserved characters, `%2f` → `%2F`
/// for the rest. Malformed escapes are left as they are.
fn normalize_escapes(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                let byte = hi << 4 | lo;
                if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                    out.push(char::from(byte));
                } else {
                    out.push('%');
                    out.push(char::from(bytes[i + 1].to_ascii_uppercase()));
                    out.push(char::from(bytes[i + 2].to_ascii_uppercase()));
                }
                i += 3;
                continue;
            }
        }
        // Multi-byte characters never contain '%', so copying by char
        // boundaries is safe: advance over one whole char.
        let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn percent_decode_lossy(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(u: &str) -> String {
        canonical_url(u).unwrap_or_else(|| panic!("{u} should canonicalise"))
    }

    #[test]
    fn scheme_host_and_port_case() {
        assert_eq!(canon("HTTP://News.Example.ORG:80/World/Story"), "http://news.example.org/World/Story");
        assert_eq!(canon("https://news.example.org:443/a"), "https://news.example.org/a");
        assert_eq!(canon("http://news.example.org:8080/a"), "http://news.example.org:8080/a");
        assert_eq!(canon("http://news.example.org./a"), "http://news.example.org/a");
    }

    #[test]
    fn fragments_and_credentials_go() {
        assert_eq!(canon("http://news.example.org/a#comments"), "http://news.example.org/a");
        assert_eq!(canon("http://editor:secret@news.example.org/a"), "http://news.example.org/a");
    }

    #[test]
    fn tracking_parameters_are_removed_and_the_rest_sorted() {
        assert_eq!(
            canon("http://news.example.org/story?utm_source=rss&utm_Medium=feed&id=42&fbclid=Iw123"),
            "http://news.example.org/story?id=42"
        );
        assert_eq!(
            canon("http://news.example.org/s?page=2&gclid=x&lang=vi&mc_cid=a&mc_eid=b&_ga=1.2&yclid=7&ref=home&cmpid=rss"),
            "http://news.example.org/s?lang=vi&page=2"
        );
        // Only tracking parameters: no '?' left at all.
        assert_eq!(canon("http://news.example.org/s?utm_campaign=x&UTM_TERM=y"), "http://news.example.org/s");
        // Names that merely contain a tracking word are kept.
        assert_eq!(canon("http://news.example.org/s?referrer=x&prefix=1"), "http://news.example.org/s?prefix=1&referrer=x");
    }

    #[test]
    fn repeated_names_keep_their_order_and_empty_pieces_go() {
        assert_eq!(canon("http://x.example/s?tag=b&&a=1&tag=a&"), "http://x.example/s?a=1&tag=b&tag=a");
    }

    #[test]
    fn paths_are_tidied() {
        assert_eq!(canon("http://x.example/news/story/"), "http://x.example/news/story");
        assert_eq!(canon("http://x.example/"), "http://x.example/");
        assert_eq!(canon("http://x.example"), "http://x.example/");
        assert_eq!(canon("http://x.example//news///story//"), "http://x.example/news/story");
        assert_eq!(canon("http://x.example/a/./b/../c"), "http://x.example/a/c");
        assert_eq!(canon("http://x.example/news/index.html"), "http://x.example/news/index.html");
    }

    #[test]
    fn percent_encoding_is_normalised() {
        assert_eq!(canon("http://x.example/%7Euser/caf%c3%a9"), "http://x.example/~user/caf%C3%A9");
        assert_eq!(canon("http://x.example/tin-tức/hà-nội"), "http://x.example/tin-t%E1%BB%A9c/h%C3%A0-n%E1%BB%99i");
        assert_eq!(canon("http://x.example/s?q=a%2fb&w=%41"), "http://x.example/s?q=a%2Fb&w=A");
        // A tracking name hidden behind escapes is still tracking.
        assert_eq!(canon("http://x.example/s?utm%5Fsource=x&id=1"), "http://x.example/s?id=1");
        // Malformed escapes survive untouched.
        assert_eq!(canon("http://x.example/100%25-sure%zz"), "http://x.example/100%25-sure%zz");
    }

    #[test]
    fn spellings_of_one_article_agree() {
        let spellings = [
            "http://News.example.org/2024/05/flood/?utm_source=facebook&utm_medium=social",
            "http://news.example.org:80/2024/05/flood#top",
            "http://news.example.org/2024//05/flood?fbclid=abc",
            "HTTP://NEWS.EXAMPLE.ORG/2024/05/flood/",
        ];
        let first = canon(spellings[0]);
        for s in &spellings[1..] {
            assert_eq!(canon(s), first, "{s}");
        }
        assert_ne!(canon("http://news.example.org/2024/05/flood?id=2"), first);
    }

    #[test]
    fn non_http_and_garbage_are_none() {
        for bad in ["ftp://x.example/a", "mailto:desk@x.example", "/relative/path", "", "http://", "javascript:alert(1)"] {
            assert_eq!(canonical_url(bad), None, "{bad:?}");
        }
    }
}
