//! Before parsing: the contents of `<script>` and `<style>` elements cut
//! out of the page. They are about half the bytes of a news page and the
//! extractor never reads them (except JSON-LD, which is kept), but the HTML
//! tokenizer would walk every character. The elements themselves stay,
//! empty, so the tree is the one the full page gives.

use std::borrow::Cow;

/// `html` with the contents of every `<script>` (but JSON-LD ones) and
/// `<style>` element removed. Comments are stepped over whole, so a
/// `<script>` written inside one cuts nothing; an element whose end tag
/// never comes is left as it is.
pub fn strip_raw_text(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    // Bytes before `copied` are in `out` already (or need no change).
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let lt = at + offset;
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            match find(html, lt + 4, "-->") {
                Some(end) => {
                    at = end + 3;
                    continue;
                }
                None => break,
            }
        }
        let name: &[u8] = if starts_with_tag(rest, b"script") {
            b"script"
        } else if starts_with_tag(rest, b"style") {
            b"style"
        } else {
            at = lt + 1;
            continue;
        };
        let Some(tag_end) = html[lt..].find('>').map(|p| lt + p) else { break };
        let start_tag = &html[lt..tag_end];
        let content_start = tag_end + 1;
        let Some(close) = find_end_tag(html, content_start, name) else { break };
        let keep = name == b"script" && start_tag.to_ascii_lowercase().contains("ld+json");
        if !keep && close > content_start {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
            buf.push_str(&html[copied..content_start]);
            copied = close;
        }
        at = close + 2;
    }
    match out {
        Some(mut buf) => {
            buf.push_str(&html[copied..]);
            Cow::Owned(buf)
        }
        None => Cow::Borrowed(html),
    }
}

/// `rest` opens the element `name` (`<script>`, `<SCRIPT type=…>`, not
/// `<scripts>`).
fn starts_with_tag(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len() + 1
        && rest[1..=name.len()].eq_ignore_ascii_case(name)
        && matches!(rest[name.len() + 1], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
}

/// Where the end tag `</name` starts, at or after `from`.
fn find_end_tag(html: &str, from: usize, name: &[u8]) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(p) = find(html, at, "</") {
        let after = &bytes[p + 2..];
        if after.len() >= name.len()
            && after[..name.len()].eq_ignore_ascii_case(name)
            && after.get(name.len()).is_none_or(|b| matches!(b, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/'))
        {
            return Some(p);
        }
        at = p + 2;
    }
    None
}

/// Byte offset of `needle` in `html` at or after `from` (a char boundary).
fn find(html: &str, from: usize, needle: &str) -> Option<usize> {
    html.get(from..)?.find(needle).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_and_style_contents_go_json_ld_and_text_stay() {
        let html = "<html><head><style>p { color: red }</style><SCRIPT type=text/javascript>var a = '<p>no</p>';</SCRIPT>\
            <script type=\"application/LD+JSON\">{\"headline\": \"kept\"}</script></head>\
            <body><p>one</p><script>if (a < b) {}</script  ><p>two</p><scripts>three</scripts></body></html>";
        let out = strip_raw_text(html);
        assert_eq!(
            out,
            "<html><head><style></style><SCRIPT type=text/javascript></SCRIPT>\
            <script type=\"application/LD+JSON\">{\"headline\": \"kept\"}</script></head>\
            <body><p>one</p><script></script  ><p>two</p><scripts>three</scripts></body></html>"
        );
    }

    #[test]
    fn comments_and_unclosed_elements_cut_nothing() {
        let page = "<p>a</p><!-- <script> --><p>b</p><script>x</script><p>c</p>";
        assert_eq!(strip_raw_text(page), "<p>a</p><!-- <script> --><p>b</p><script></script><p>c</p>");
        let unclosed = "<p>a</p><script>var x = 1; <p>b</p>";
        assert!(matches!(strip_raw_text(unclosed), Cow::Borrowed(s) if s == unclosed));
        let plain = "<p>no scripts here</p>";
        assert!(matches!(strip_raw_text(plain), Cow::Borrowed(_)));
    }

    #[test]
    fn the_parsed_text_is_the_same() {
        use scraper::Html;
        let page =
            "<html><body><div>x<script>document.write('<b>y</b>')</script>z</div><style>.a{}</style><p>é ü 中</p></body></html>";
        let text = |h: &str| {
            Html::parse_document(h)
                .root_element()
                .text()
                .filter(|t| !t.contains("document") && !t.contains(".a"))
                .collect::<String>()
        };
        assert_eq!(text(page), text(&strip_raw_text(page)));
    }
}
