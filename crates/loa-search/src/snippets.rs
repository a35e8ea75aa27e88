//! The passage shown under each hit: the best match in the body or lead,
//! highlighted, or the story's opening words.

use std::collections::HashMap;

use tantivy::query::Query;
use tantivy::snippet::SnippetGenerator;

use loa_domain::Lang;

use crate::fields::Fields;
use crate::SearchError;

/// Longest snippet, in bytes of source text.
const SNIPPET_MAX_BYTES: usize = 300;

/// Snippet generators per language, made on first need: one results page
/// may mix languages, and each language's body field has its own terms.
pub(crate) struct Snippets<'a> {
    searcher: &'a tantivy::Searcher,
    query: &'a dyn Query,
    fields: &'a Fields,
    generators: HashMap<Lang, (SnippetGenerator, SnippetGenerator)>,
}

impl<'a> Snippets<'a> {
    pub(crate) fn new(searcher: &'a tantivy::Searcher, query: &'a dyn Query, fields: &'a Fields) -> Self {
        Snippets { searcher, query, fields, generators: HashMap::new() }
    }

    /// The best passage of the body; of the lead when the body holds no
    /// query term (the match was in the title or tags); else the lead's
    /// opening words.
    pub(crate) fn html(&mut self, lang: Lang, body: &str, lead: &str) -> Result<String, SearchError> {
        let (body_gen, lead_gen) = match self.generators.entry(lang) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let lf = self.fields.of(lang);
                let mut body_gen = SnippetGenerator::create(self.searcher, self.query, lf.body)?;
                body_gen.set_max_num_chars(SNIPPET_MAX_BYTES);
                let mut lead_gen = SnippetGenerator::create(self.searcher, self.query, lf.lead)?;
                lead_gen.set_max_num_chars(SNIPPET_MAX_BYTES);
                e.insert((body_gen, lead_gen))
            }
        };
        for (generator, text) in [(&*body_gen, body), (&*lead_gen, lead)] {
            let mut snippet = generator.snippet(text);
            if !snippet.highlighted().is_empty() {
                snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
                return Ok(snippet.to_html());
            }
        }
        let opening = if lead.trim().is_empty() { body } else { lead };
        Ok(escape_html(truncate_at_word(opening, SNIPPET_MAX_BYTES)))
    }
}

/// At most `max` bytes of `text`, cut at a char boundary and, if possible,
/// at the last space before it, with an ellipsis when anything was cut.
pub(crate) fn truncate_at_word(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &text[..end];
    let at_word_end = text[end..].starts_with(char::is_whitespace);
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if !at_word_end => &cut[..i],
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// A snippet's text, escaped (the one escaper every crate uses).
pub(crate) fn escape_html(text: String) -> String {
    loa_domain::escape_html(&text)
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn truncation_respects_chars_and_words() {
        assert_eq!(truncate_at_word("short", 10), "short");
        assert_eq!(truncate_at_word("Hà Tĩnh tỉnh miền Trung", 9), "Hà Tĩnh…");
        let cyr = "провинция провинция";
        let out = truncate_at_word(cyr, 5);
        assert!(out.ends_with('…'), "{out}");
    }

    #[test]
    fn escaping_covers_markup_characters() {
        assert_eq!(
            escape_html("<a href=\"x\">Tom & 'Jerry'</a>".into()),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }
}
