//! Escaping text for HTML and XML, written once for every crate that
//! builds markup (the reader site, search snippets, the demo outlet, the
//! HTTP translation engines).

/// Escapes `text` for HTML or XML element content and quoted attribute
/// values: `&`, `<`, `>`, `"` and `'`.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => push_text_char(c, &mut out),
        }
    }
    out
}

/// Appends `text` to `out` escaped for element content only: `&`, `<` and
/// `>`, the three characters XML and HTML text cannot hold as they are.
pub fn escape_text_into(text: &str, out: &mut String) {
    for c in text.chars() {
        push_text_char(c, out);
    }
}

fn push_text_char(c: char, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        other => out.push(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_escaped_once() {
        assert_eq!(
            escape_html("<a href=\"x\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(escape_html("&amp;"), "&amp;amp;");
        assert_eq!(escape_html("Hà Tĩnh"), "Hà Tĩnh");
        let mut out = String::from(">");
        escape_text_into("a<b & \"c\" 'd'", &mut out);
        assert_eq!(out, ">a&lt;b &amp; \"c\" 'd'");
    }
}
