//! Keeping terms intact through any engine: each protected term is replaced
//! by a placeholder before translation and the required rendering is put in
//! its place afterwards.
//!
//! The placeholder form was chosen by running the installed Apertium pairs
//! (eng→spa, eng→cat, eng→spa→por, rus→ukr, rus→bel): a capitalised word of
//! Latin letters no dictionary knows (`Zqvab`) comes back unchanged in every
//! one of them, only marked unknown (`*`, which the engine strips). It holds
//! no digit, so the number check of the gate never sees it. Engines do
//! sometimes glue an ending onto it (eng→cat turns `Zqvab's` into
//! `Zqvabha`) or change its case at the start of a sentence, so it is found
//! case-insensitively by its fixed length, not as a whole word.
//!
//! The placeholder is an unknown word to the engine: callers that bound
//! unknown words subtract [`Protected::placeholder_count`] once per hop of
//! the route (Apertium counts it again at each pivot). An English possessive
//! glued to a protected term may come back glued to the restored term in
//! Catalan (`Hà Tĩnhha`): that is the engine's rendering of `'s`, left as
//! is, never a lost term.
//!
//! Three jobs, one file each: `terms` swaps protected terms for
//! placeholders and back ([`protect`], [`restore`]); `spans` brackets marked
//! spans with open/close placeholders and finds them again ([`bracket`],
//! [`unbracket`]); `tags` turns span placeholders into XML-style tags for
//! engines that keep markup, and back. The placeholder alphabet is here.

mod spans;
mod tags;
mod terms;

pub use spans::{bracket, unbracket, Bracketed};
pub(crate) use spans::{closing_placeholder, pieces, span_events, span_placeholder, SpanEvent};
pub(crate) use tags::{spans_to_tags, tags_to_spans};
pub use terms::{protect, restore, Protected, Slot, MAX_SLOTS};

/// The letters that encode a slot number (two per slot: 400 slots).
const DIGITS: &[u8; 20] = b"abcdefghjkmnprstuwxy";
const CODE_LEN: usize = 2;

fn placeholder(stem: &str, index: usize) -> String {
    let mut p = String::from(stem);
    p.push(DIGITS[index / DIGITS.len()] as char);
    p.push(DIGITS[index % DIGITS.len()] as char);
    p
}

fn decode(code: &str) -> Option<usize> {
    let digit = |c: u8| DIGITS.iter().position(|d| *d == c);
    let bytes = code.as_bytes();
    Some(digit(bytes[0])? * DIGITS.len() + digit(bytes[1])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_placeholders_become_tags_and_back() {
        let b = bracket("The new bridge opened on Monday, near x<y.", &[(4, 14), (25, 31), (25, 31)]);
        assert_eq!(b.text, "The  Zqjaa new bridge Zqkaa  opened on  Zqjab  Zqjac Monday Zqkac  Zqkab , near x<y.");
        let (tagged, opens) = spans_to_tags(&b.text);
        assert_eq!(tagged, "The <m0>new bridge</m0> opened on <m1><m2>Monday</m2></m1>, near x<y.");
        assert_eq!(opens.len(), 3);
        let answer = "El <m0>puente nuevo</m0> abrió el <m1><m2>lunes</m2></m1>, cerca de x<y.";
        let (text, spans) = unbracket(&tags_to_spans(answer, &opens), &b);
        assert_eq!(text, "El puente nuevo abrió el lunes, cerca de x<y.");
        let covered: Vec<&str> = spans.iter().map(|s| s.map_or("", |(a, z)| &text[a..z])).collect();
        assert_eq!(covered, ["puente nuevo", "lunes", "lunes"]);
        // Tags the text did not send are left as text; a lost tag loses its span only.
        let (text, spans) = unbracket(&tags_to_spans("<m7>El</m7> <m0>puente</m0> abrió el lunes", &opens), &b);
        assert_eq!(text, "<m7>El</m7> puente abrió el lunes");
        assert_eq!(spans, [Some((12, 18)), None, None]);
        // Crossing spans cannot both be markup: the one closed out of turn
        // is left out, not broken.
        let crossed = bracket("one two three four", &[(0, 7), (4, 13)]);
        let (tagged, opens) = spans_to_tags(&crossed.text);
        assert_eq!((tagged.as_str(), opens.len()), ("one <m0>two three</m0> four", 1));
        // A span cut by a sentence end: no tag left open, no stray close.
        let whole = bracket("The man came. He sat.", &[(8, 16)]);
        let (first, second) = whole.text.split_at(whole.text.find("He").unwrap());
        assert_eq!(spans_to_tags(first).0, "The man came. ");
        assert_eq!(spans_to_tags(second).0, "He sat.");
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn whole_words_longest_first() {
        let p = protect(
            "Ho Chi Minh City honours Ho Chi Minh; Hochiminh is not a match, nor HoChi.",
            &pairs(&[("Ho Chi Minh", "Хо Ши Мин"), ("Ho Chi Minh City", "Хошимин"), ("Chi", "X")]),
        );
        assert_eq!(p.slots.len(), 2, "{p:?}");
        assert_eq!(p.slots[0].term, "Ho Chi Minh City");
        assert!(!p.text.contains("Ho Chi Minh"), "{}", p.text);
        assert!(p.text.contains("Hochiminh") && p.text.contains("HoChi"));
        assert!(!p.text.chars().any(|c| c.is_ascii_digit()));
        let back = restore(&p.text, &p).unwrap();
        assert_eq!(back, "Хошимин honours Хо Ши Мин; Hochiminh is not a match, nor HoChi.");
    }

    #[test]
    fn case_changes_and_glued_endings_still_restore() {
        let p = protect("Nguyễn Văn An met Trần Bình.", &pairs(&[("Nguyễn Văn An", "A"), ("Trần Bình", "B")]));
        let engine_output =
            p.text.to_uppercase().replace(&p.slots[1].placeholder.to_uppercase(), &format!("{}ha", p.slots[1].placeholder));
        let back = restore(&engine_output, &p).unwrap();
        assert!(back.starts_with('A') && back.contains("Bha"), "{back}");
    }

    #[test]
    fn lost_placeholders_are_reported() {
        let p = protect("Lê Lợi and Lê Lợi met Hà Tĩnh", &pairs(&[("Lê Lợi", "L"), ("Hà Tĩnh", "H")]));
        assert_eq!(p.placeholder_count(), 3);
        let le_loi = p.slots.iter().find(|s| s.term == "Lê Lợi").unwrap();
        assert_eq!(le_loi.occurrences, 2);
        let one_dropped = p.text.replacen(&le_loi.placeholder, "someone", 1);
        assert_eq!(restore(&one_dropped, &p), Err(vec!["Lê Lợi".to_string()]));
        let all_dropped = "nothing left";
        assert_eq!(restore(all_dropped, &p).unwrap_err().len(), 2);
    }

    #[test]
    fn stem_avoids_text_that_already_has_it() {
        let p = protect("Zqvab and Hà Tĩnh", &pairs(&[("Hà Tĩnh", "Хатинь")]));
        assert!(!p.slots[0].placeholder.starts_with("Zqv"), "{:?}", p.slots);
        assert_eq!(restore(&p.text, &p).unwrap(), "Zqvab and Хатинь");
    }

    #[test]
    fn nothing_to_protect() {
        let p = protect("plain text", &pairs(&[("absent", "x"), ("", "y")]));
        assert!(p.slots.is_empty());
        assert_eq!(p.text, "plain text");
        assert_eq!(restore("texto", &p).unwrap(), "texto");
    }

    #[test]
    fn brackets_round_trip_with_nesting_and_tidy_spaces() {
        let text = "The new bridge opened on Monday near the market.";
        let spans = [(4, 14), (25, 31), (37, 47), (0, 14)];
        let b = bracket(text, &spans);
        assert_eq!(b.spans, 4);
        assert!(!b.text.chars().any(|c| c.is_ascii_digit()));
        let (back, ranges) = unbracket(&b.text, &b);
        assert_eq!(back, text);
        let ranges: Vec<(usize, usize)> = ranges.into_iter().map(Option::unwrap).collect();
        assert_eq!(ranges, spans);
    }

    #[test]
    fn a_lost_or_doubled_placeholder_drops_only_its_span() {
        let text = "one two three four";
        let b = bracket(text, &[(0, 3), (8, 13), (4, 4)]);
        assert_eq!(b.spans, 2, "the empty span gets no placeholders");
        let close_first = placeholder(&b.close_stem, 0);
        let lost = b.text.replace(&close_first, "");
        let (back, ranges) = unbracket(&lost, &b);
        assert_eq!(back, text);
        assert_eq!(ranges, vec![None, Some((8, 13)), None]);
        // An engine that upper-cases the sentence still gives the span back.
        let (back, ranges) = unbracket(&b.text.to_uppercase(), &b);
        assert_eq!(back, text.to_uppercase());
        assert_eq!(ranges[1], Some((8, 13)));
    }

    #[test]
    fn bracket_stems_avoid_the_text_and_protect_keeps_its_own() {
        let text = "Zqjab says Hà Tĩnh";
        let b = bracket(text, &[(11, 20)]);
        assert!(!b.open_stem.eq_ignore_ascii_case("Zqj"));
        let p = protect(&b.text, &pairs(&[("Hà Tĩnh", "Хатинь")]));
        let restored = restore(&p.text, &p).unwrap();
        let (back, ranges) = unbracket(&restored, &b);
        assert_eq!(back, "Zqjab says Хатинь");
        let (s, e) = ranges[0].unwrap();
        assert_eq!(&back[s..e], "Хатинь");
    }
}
