//! Small text and URL helpers shared by the metadata and body extractors.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use url::Url;

/// Collapses every run of whitespace (including NBSP) to one space and trims.
pub fn collapse(s: &str) -> String {
    collapse_with(s, |_, _, _| {})
}

/// `collapse(s)` together with where each byte offset of `s` lands in it:
/// `map[i]` (for `i` in `0..=s.len()`) is the length of the output built
/// from the chars before offset `i`, so a range of `s` maps to a range of
/// the output (possibly with a space at its start, for the caller to trim).
pub fn collapse_mapped(s: &str) -> (String, Vec<usize>) {
    let mut map = vec![0usize; s.len() + 1];
    let out = collapse_with(s, |at, len, written| {
        for m in &mut map[at..at + len] {
            *m = written;
        }
    });
    map[s.len()] = out.len();
    (out, map)
}

/// The one collapsing loop: `before_char(offset, utf8_len, written)` is
/// told of each char of `s` before it is read, with the output's length
/// so far (a no-op for plain `collapse`, which the compiler then drops).
fn collapse_with(s: &str, mut before_char: impl FnMut(usize, usize, usize)) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for (i, c) in s.char_indices() {
        before_char(i, c.len_utf8(), out.len());
        if is_collapsed_space(c) {
            pending_space = !out.is_empty();
        } else if c.is_control() {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Characters `collapse` folds into single spaces between words.
fn is_collapsed_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

/// The length in chars of `collapse(text)` for text fed in pieces, without
/// building the string: the body finder measures large containers often.
#[derive(Debug, Default)]
pub struct CollapsedLen {
    pub chars: usize,
    started: bool,
    pending_space: bool,
}

impl CollapsedLen {
    pub fn push_str(&mut self, text: &str) {
        for c in text.chars() {
            self.push(c);
        }
    }

    /// Mirrors `collapse` char by char: a space is only counted when a
    /// kept char follows it and another kept char came before it.
    pub fn push(&mut self, c: char) {
        if is_collapsed_space(c) {
            self.pending_space = self.started;
        } else if !c.is_control() {
            self.chars += 1 + usize::from(self.pending_space);
            self.pending_space = false;
            self.started = true;
        }
    }
}

/// Comparison key: lower-case letters and digits only, so punctuation,
/// quotes and spacing differences do not hide a duplicate.
pub fn norm_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Resolves `href` against the page URL and keeps it only if it is an
/// http(s) address: `javascript:`, `data:` and friends never leave here.
/// Without a base, relative references are kept as they are.
pub fn absolutize(base: Option<&Url>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    match Url::parse(href) {
        Ok(u) => matches!(u.scheme(), "http" | "https").then(|| u.to_string()),
        Err(url::ParseError::RelativeUrlWithoutBase) => match base {
            Some(b) => {
                let u = b.join(href).ok()?;
                matches!(u.scheme(), "http" | "https").then(|| u.to_string())
            }
            None => (!href.contains(':') || href.starts_with('/')).then(|| href.to_string()),
        },
        Err(_) => None,
    }
}

/// [`parse_date_in`] for UTC.
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    parse_date_in(s, Tz::UTC)
}

/// Parses the date shapes found in meta tags and JSON-LD: RFC 3339,
/// offsets without a colon, naive date-times and bare dates (read in
/// `zone`, a bare date as its midnight), and RFC 2822.
pub fn parse_date_in(s: &str, zone: Tz) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S %z"] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some(d.with_timezone(&Utc));
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    let naive = s.trim_end_matches('Z');
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(naive, fmt) {
            // A trailing Z is an offset after all.
            return Some(if naive.len() < s.len() { d.and_utc() } else { in_zone(d, zone) });
        }
    }
    let day = s.get(..10).unwrap_or(s);
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(day, fmt) {
            return d.and_hms_opt(0, 0, 0).map(|d| in_zone(d, zone));
        }
    }
    None
}

/// A wall-clock time in `zone`: the earlier instant when clocks went back,
/// and an hour later when it fell in a gap as clocks went forward.
fn in_zone(local: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    use chrono::TimeZone;
    zone.from_local_datetime(&local)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(local + chrono::Duration::hours(1))).earliest())
        .map_or_else(|| local.and_utc(), |d| d.with_timezone(&Utc))
}

/// Removes a trailing or leading site name from a page title
/// ("Bridge opens | City News" -> "Bridge opens").
pub fn strip_site_suffix(title: &str, site_name: Option<&str>) -> String {
    let title = collapse(title);
    const SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "];
    if let Some(site) = site_name.map(norm_key).filter(|s| !s.is_empty()) {
        for sep in SEPARATORS {
            if let Some((head, tail)) = title.rsplit_once(sep) {
                if norm_key(tail) == site || norm_key(tail).contains(&site) {
                    return head.trim().to_string();
                }
            }
            if let Some((head, tail)) = title.split_once(sep) {
                if norm_key(head) == site {
                    return tail.trim().to_string();
                }
            }
        }
    }
    // Without a known site name, drop a short last segment only when the
    // rest is clearly a headline.
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 4 {
                return head.trim().to_string();
            }
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace() {
        assert_eq!(collapse("  a \n\t b\u{a0}c  "), "a b c");
    }

    #[test]
    fn collapse_mapped_agrees_with_collapse() {
        for s in ["", "  a  b ", "\u{a0}Hà\n\tTĩnh\u{200b} x", "one\u{7}two  ", "\u{2029}x y\u{2029}"] {
            let (text, map) = collapse_mapped(s);
            assert_eq!(text, collapse(s), "{s:?}");
            assert_eq!(map.len(), s.len() + 1);
            assert!(map.iter().all(|&m| text.is_char_boundary(m)));
        }
        let s = "  the   new bridge ";
        let (text, map) = collapse_mapped(s);
        let (start, end) = (s.find("new").unwrap(), s.find("bridge").unwrap() + 6);
        assert_eq!(&text[map[start]..map[end]], " new bridge");
    }

    #[test]
    fn urls() {
        let base = Url::parse("http://ex.org/news/a.html").unwrap();
        assert_eq!(absolutize(Some(&base), "../img/x.jpg").as_deref(), Some("http://ex.org/img/x.jpg"));
        assert_eq!(absolutize(Some(&base), "//cdn.ex.org/y.png").as_deref(), Some("http://cdn.ex.org/y.png"));
        assert_eq!(absolutize(Some(&base), "javascript:alert(1)"), None);
        assert_eq!(absolutize(Some(&base), " JaVaScRiPt:alert(1)"), None);
        assert_eq!(absolutize(None, "data:image/png;base64,AAA"), None);
        assert_eq!(absolutize(None, "/rel.jpg").as_deref(), Some("/rel.jpg"));
    }

    #[test]
    fn dates_without_an_offset_are_read_in_the_sources_zone() {
        let hcm = Tz::Asia__Ho_Chi_Minh;
        let at = |s: &str, zone: Tz| parse_date_in(s, zone).map(|d| d.to_rfc3339());
        // 08:30 in Hà Nội is 01:30 UTC, not 08:30.
        assert_eq!(at("2024-05-14T08:30:00", hcm).as_deref(), Some("2024-05-14T01:30:00+00:00"));
        assert_eq!(at("2024-05-14 08:30", hcm).as_deref(), Some("2024-05-14T01:30:00+00:00"));
        assert_eq!(at("2024-05-14", hcm).as_deref(), Some("2024-05-13T17:00:00+00:00"));
        // An offset, Z included, is the page's word and wins.
        assert_eq!(at("2024-05-14T08:30:00+02:00", hcm).as_deref(), Some("2024-05-14T06:30:00+00:00"));
        assert_eq!(at("2024-05-14T08:30Z", hcm).as_deref(), Some("2024-05-14T08:30:00+00:00"));
        assert_eq!(at("Tue, 14 May 2024 08:30:00 GMT", hcm).as_deref(), Some("2024-05-14T08:30:00+00:00"));
        // Summer and winter time, and the hour that does not exist.
        let kyiv = Tz::Europe__Kyiv;
        assert_eq!(at("2024-07-01T12:00:00", kyiv).as_deref(), Some("2024-07-01T09:00:00+00:00"));
        assert_eq!(at("2024-01-15T12:00:00", kyiv).as_deref(), Some("2024-01-15T10:00:00+00:00"));
        assert_eq!(at("2024-03-31T03:30:00", kyiv).as_deref(), Some("2024-03-31T01:30:00+00:00"));
    }

    #[test]
    fn dates() {
        let want = "2019-11-19T13:00:00+00:00";
        for s in ["2019-11-19T08:00:00-05:00", "2019-11-19T08:00:00-0500", "2019-11-19T13:00:00", "Tue, 19 Nov 2019 13:00:00 GMT"]
        {
            assert_eq!(parse_date(s).map(|d| d.to_rfc3339()).as_deref(), Some(want), "{s}");
        }
        assert_eq!(parse_date("2019-11-19").unwrap().to_rfc3339(), "2019-11-19T00:00:00+00:00");
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn site_suffix() {
        assert_eq!(strip_site_suffix("Bridge opens | City News", Some("City News")), "Bridge opens");
        assert_eq!(strip_site_suffix("City News - Bridge opens", Some("City News")), "Bridge opens");
        assert_eq!(strip_site_suffix("The new bridge opens today - CNN", None), "The new bridge opens today");
        assert_eq!(strip_site_suffix("Covid - a year on", None), "Covid - a year on");
    }
}
