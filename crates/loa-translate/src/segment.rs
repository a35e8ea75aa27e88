//! Sentence segmentation, so that translation memory works per sentence:
//! editing one sentence of a paragraph re-translates that sentence only.
//!
//! The rule is deliberately conservative, because a wrong split costs more
//! than a missed one (a split inside "Mr. Smith" hands the engine two
//! fragments; a missed split only makes one memory entry longer). A
//! sentence ends after `.`, `?`, `!` or `…` (any run of them), optionally
//! followed by closing quotes or brackets, when whitespace follows and the
//! next sentence opens with an uppercase letter, a digit, an opening quote
//! or bracket, `¿`/`¡` or a dash. A full stop does not end a sentence after
//! an abbreviation of the text's language, after an initial (`J. R. R.`),
//! or after a dotted acronym (`U.S.`, `т.е.`). A blank line always ends one.
//! Numbers never split: `2.200` and `38.5` have no whitespace after the dot.
//!
//! Two views of the same split:
//! - [`sentences`] returns pieces that concatenate back to the text exactly
//!   (each piece carries the whitespace that follows it);
//! - [`sentence_ranges`] returns the byte ranges of the sentences without
//!   that whitespace, and [`splice`] puts translated sentences back into the
//!   original whitespace.

use std::ops::Range;

use loa_domain::Lang;

/// Splits `text` into sentences. Every piece is non-empty and ends with the
/// whitespace that follows its sentence (the first also starts with the
/// text's leading whitespace), so `pieces.concat() == text`.
pub fn sentences(text: &str, lang: Lang) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for cut in cut_points(text, lang) {
        pieces.push(&text[start..cut]);
        start = cut;
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

/// Byte ranges of the sentences of `text`, trimmed of surrounding
/// whitespace, in order; whitespace-only stretches give no range.
pub fn sentence_ranges(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut offset = 0;
    for piece in sentences(text, lang) {
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let start = offset + lead;
            ranges.push(start..start + trimmed.len());
        }
        offset += piece.len();
    }
    ranges
}

/// Replaces each range of `text` by the replacement at the same index,
/// keeping everything between the ranges (the whitespace between
/// sentences) as it was. Ranges must be ordered and non-overlapping, as
/// [`sentence_ranges`] returns them; missing replacements keep the original.
pub fn splice<S: AsRef<str>>(text: &str, ranges: &[Range<usize>], replacements: &[S]) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut at = 0;
    for (i, range) in ranges.iter().enumerate() {
        // Defensive against ranges that do not come from this text: clamp
        // instead of panicking on a bad slice.
        let start = range.start.clamp(at, text.len());
        let end = range.end.clamp(start, text.len());
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..start]);
        match replacements.get(i) {
            Some(r) => out.push_str(r.as_ref()),
            None => out.push_str(&text[start..end]),
        }
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Byte offsets where a new sentence starts (never 0 or `text.len()`).
fn cut_points(text: &str, lang: Lang) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if is_terminator(c) {
            let term_start = i;
            while i < chars.len() && is_terminator(chars[i].1) {
                i += 1;
            }
            let term_end = i; // exclusive
            while i < chars.len() && is_closing(chars[i].1) {
                i += 1;
            }
            let ws_start = i;
            while i < chars.len() && chars[i].1.is_whitespace() {
                i += 1;
            }
            if i == ws_start || i == chars.len() {
                // No whitespace after the mark (`2.200`, `e.g.,`), or only
                // trailing whitespace: no new sentence here.
                continue;
            }
            let next = chars[i].1;
            let blank_line = has_blank_line(&chars[ws_start..i]);
            if blank_line
                || (opens_sentence(next)
                    && !(is_lone_full_stop(&chars[term_start..term_end])
                        && before_full_stop_is_not_an_end(text, chars[term_start].0, lang)))
            {
                cuts.push(chars[i].0);
            }
        } else if c.is_whitespace() {
            let ws_start = i;
            while i < chars.len() && chars[i].1.is_whitespace() {
                i += 1;
            }
            // A blank line ends a sentence even without punctuation (a
            // heading, a list item); not at the very start or end.
            if ws_start > 0 && i < chars.len() && has_blank_line(&chars[ws_start..i]) {
                cuts.push(chars[i].0);
            }
        } else {
            i += 1;
        }
    }
    cuts
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}')
}

/// What may start a sentence after a sentence end.
fn opens_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '\'' | '“' | '‘' | '„' | '«' | '‹' | '(' | '[' | '¿' | '¡' | '—' | '–' | '-')
}

fn has_blank_line(ws: &[(usize, char)]) -> bool {
    ws.iter().filter(|(_, c)| *c == '\n').count() >= 2
}

/// Only a single `.` can belong to an abbreviation; `?`, `!`, `…`, `..`
/// and `...` always end a sentence when the next one opens.
fn is_lone_full_stop(marks: &[(usize, char)]) -> bool {
    marks.len() == 1 && marks[0].1 == '.'
}

/// Whether the word ending at the full stop at byte `dot` makes that full
/// stop part of the word: an abbreviation, an initial, a dotted acronym.
fn before_full_stop_is_not_an_end(text: &str, dot: usize, lang: Lang) -> bool {
    let word = word_before(text, dot);
    if word.is_empty() {
        return false;
    }
    let with_dot = &text[dot - word.len()..=dot];
    // An initial: one uppercase letter (`J.`, `А.`, French `M.`, Vietnamese
    // `Q.` for quận).
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        if first.is_uppercase() {
            return true;
        }
    }
    if is_dotted_acronym(with_dot) || abbreviations(lang).contains(&with_dot) {
        return true;
    }
    // Spaced forms of dotted abbreviations: `т. е.`, `т. д.`, `e. g.`
    let before = text[..dot - word.len()].trim_end_matches(' ');
    if before.len() < dot - word.len() && before.ends_with('.') {
        let prev = word_before(before, before.len() - 1);
        if !prev.is_empty() {
            let joined = format!("{prev}.{word}.");
            if abbreviations(lang).contains(&joined.as_str()) || is_dotted_acronym(&joined) {
                return true;
            }
        }
    }
    false
}

/// The run of letters and inner dots right before byte `end` (`e.g` before
/// the last dot of `e.g.`, `Mr` before `Mr.`).
fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head.char_indices().rev().take_while(|&(_, c)| c.is_alphabetic() || c == '.').last().map_or(end, |(i, _)| i);
    // A dot at the start of the run is punctuation of its own (`....Mr`).
    let word = &head[start..];
    let trimmed = word.trim_start_matches('.');
    &head[end - trimmed.len()..]
}

/// `U.S.`, `e.g.`, `J.R.R.`, `т.е.`: two or more single letters, each followed by a dot.
fn is_dotted_acronym(token: &str) -> bool {
    let Some(body) = token.strip_suffix('.') else {
        return false;
    };
    let parts: Vec<&str> = body.split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// Abbreviations that end with a full stop without ending the sentence,
/// written as they appear in text, dot included.
fn abbreviations(lang: Lang) -> &'static [&'static str] {
    const EN: &[&str] = &[
        "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Mt.", "Gen.", "Sen.", "Rep.", "Gov.", "Jr.", "Sr.", "No.", "Nos.", "vs.",
        "approx.", "e.g.", "i.e.", "U.S.", "U.K.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.",
        "Oct.", "Nov.", "Dec.",
    ];
    const EAST_SLAVIC: &[&str] = &[
        "г.",
        "гг.",
        "т.е.",
        "т.д.",
        "т.п.",
        "ул.",
        "им.",
        "тыс.",
        "млн.",
        "млрд.",
        "руб.",
        "грн.",
        "коп.",
        "проф.",
        "акад.",
        "обл.",
        "р-н.",
        "пр.",
        "см.",
        "рис.",
        "стр.",
        "п.",
        "д.",
        "кв.",
        "вул.",
        "м.",
        "с.",
        "р.",
        "ім.",
        "пл.",
        "напр.",
        "др.",
        "ср.",
    ];
    const ROMANCE: &[&str] = &[
        "Sr.", "Sra.", "Srta.", "Sres.", "Dr.", "Dra.", "Dña.", "Dª.", "Prof.", "Profa.", "etc.", "núm.", "Núm.", "pág.",
        "págs.", "art.", "Av.", "Avda.", "pl.", "Sig.", "Dott.", "Ing.", "Avv.", "MM.", "Mme.", "Mlle.", "Me.", "St.", "Ste.",
        "av.", "env.", "cf.", "p.ex.", "Exmo.", "Excmo.", "Sto.", "Sta.", "Jan.", "jan.", "fev.", "fév.", "ene.", "abr.", "ago.",
        "sept.", "oct.", "nov.", "dic.", "dez.", "déc.",
    ];
    const VI: &[&str] = &["TP.", "Tp.", "tp.", "ThS.", "TS.", "PGS.", "GS.", "BS.", "KS.", "NXB.", "TT."];
    const NONE: &[&str] = &[];
    match lang {
        Lang::En => EN,
        Lang::Ru | Lang::Uk | Lang::Be => EAST_SLAVIC,
        Lang::Es | Lang::Ca | Lang::Pt | Lang::It | Lang::Fr | Lang::Gl | Lang::Ro => ROMANCE,
        Lang::Vi => VI,
        _ => NONE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, lang: Lang) -> Vec<&str> {
        sentence_ranges(text, lang).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn english() {
        assert_eq!(
            split("Mr. Smith went to Washington. He met Dr. Jones at St. Paul's. Was it late? Yes!", Lang::En),
            ["Mr. Smith went to Washington.", "He met Dr. Jones at St. Paul's.", "Was it late?", "Yes!"]
        );
        assert_eq!(
            split("The U.S. Army left in Jan. 2025. Prices rose 38.5 per cent to 2.200 dong. No. 5 won.", Lang::En),
            ["The U.S. Army left in Jan. 2025.", "Prices rose 38.5 per cent to 2.200 dong.", "No. 5 won."]
        );
        assert_eq!(
            split("J. R. R. Tolkien wrote it, i.e. The Hobbit, e.g. Chapter 1. Then he wrote more.", Lang::En),
            ["J. R. R. Tolkien wrote it, i.e. The Hobbit, e.g. Chapter 1.", "Then he wrote more."]
        );
        // Quotes and brackets after the mark belong to the sentence.
        assert_eq!(
            split("\"Everyone saw the list.\" That is why. (It was posted.) Then \"what?\" came.", Lang::En),
            ["\"Everyone saw the list.\"", "That is why.", "(It was posted.)", "Then \"what?\" came."]
        );
        // An ellipsis before a lowercase word stays inside; before a capital it ends.
        assert_eq!(
            split("He waited... and waited… Nothing came. Wait...", Lang::En),
            ["He waited... and waited…", "Nothing came.", "Wait..."]
        );
        // A lowercase start is not a new sentence.
        assert_eq!(split("It rose to 5 p.m. and stopped.", Lang::En), ["It rose to 5 p.m. and stopped."]);
    }

    #[test]
    fn russian_ukrainian_belarusian() {
        assert_eq!(
            split(
                "В 2025 г. Порт обработал 32 млн. тонн. Это рекорд, т.е. Больше, чем в 2024 г. Так сказал А. С. Иванов.",
                Lang::Ru
            ),
            ["В 2025 г. Порт обработал 32 млн. тонн.", "Это рекорд, т.е. Больше, чем в 2024 г. Так сказал А. С. Иванов."]
        );
        assert_eq!(
            split("Улица им. Ленина, ул. Мира и т. д. Всё это здесь. Сколько? 1,6 млрд. Долларов!", Lang::Ru),
            ["Улица им. Ленина, ул. Мира и т. д. Всё это здесь.", "Сколько?", "1,6 млрд. Долларов!"]
        );
        assert_eq!(
            split("Порт у м. Вунгань. Він працює з 1999 р. Зараз там 3 тис. працівників.", Lang::Uk),
            ["Порт у м. Вунгань.", "Він працює з 1999 р. Зараз там 3 тис. працівників."]
        );
        assert_eq!(split("Гэта горад. Ён вялікі.", Lang::Be), ["Гэта горад.", "Ён вялікі."]);
        // Dialogue dashes open a sentence.
        assert_eq!(split("Он кивнул. — Да.", Lang::Ru), ["Он кивнул.", "— Да."]);
    }

    #[test]
    fn romance() {
        assert_eq!(
            split(
                "El Sr. García y la Sra. López llegaron. ¿Dónde están? ¡Aquí! Trajeron frutas, verduras, etc. Y más.",
                Lang::Es
            ),
            ["El Sr. García y la Sra. López llegaron.", "¿Dónde están?", "¡Aquí!", "Trajeron frutas, verduras, etc. Y más."]
        );
        assert_eq!(split("La Dra. Puig ho va dir. Ara en té 2.200.", Lang::Ca), ["La Dra. Puig ho va dir.", "Ara en té 2.200."]);
        assert_eq!(split("O Sr. Silva chegou. Ele ficou.", Lang::Pt), ["O Sr. Silva chegou.", "Ele ficou."]);
        assert_eq!(split("Il Dott. Rossi è qui. Arriva.", Lang::It), ["Il Dott. Rossi è qui.", "Arriva."]);
        assert_eq!(
            split("M. Dupont est venu. « Bonjour », dit-il. Mme. Roy, etc. Elle part.", Lang::Fr),
            ["M. Dupont est venu.", "« Bonjour », dit-il.", "Mme. Roy, etc. Elle part."]
        );
    }

    #[test]
    fn vietnamese() {
        assert_eq!(
            split("TP. Hồ Chí Minh có 9 triệu dân. ThS. Nguyễn Văn An nói vậy. Tp. Huế đẹp. Ông Đức về nhà.", Lang::Vi),
            ["TP. Hồ Chí Minh có 9 triệu dân.", "ThS. Nguyễn Văn An nói vậy.", "Tp. Huế đẹp.", "Ông Đức về nhà."]
        );
        assert_eq!(
            split("Dự án trị giá 1,6 tỷ USD. Ước tính 38.5% hoàn thành. Ổn định chưa? Rồi!", Lang::Vi),
            ["Dự án trị giá 1,6 tỷ USD.", "Ước tính 38.5% hoàn thành.", "Ổn định chưa?", "Rồi!"]
        );
        // Decomposed (NFD) text: the capital is still a capital.
        let nfd = "Xong rồi. O\u{302}ng ấy đi.";
        assert_eq!(split(nfd, Lang::Vi), ["Xong rồi.", "O\u{302}ng ấy đi."]);
    }

    #[test]
    fn abbreviations_are_per_language() {
        // "г." is only an abbreviation in East Slavic languages; "Sr." not in Russian.
        assert_eq!(split("Es el Sr. Pérez.", Lang::Es).len(), 1);
        assert_eq!(split("Это было в 2020 г. Теперь нет.", Lang::Ru).len(), 1);
        assert_eq!(split("Вот TP. Город.", Lang::Ru).len(), 2);
        assert_eq!(split("This is TP. Another.", Lang::Vi).len(), 1);
        assert_eq!(split("This is TP. Another.", Lang::En).len(), 2);
    }

    #[test]
    fn blank_lines_and_whitespace() {
        assert_eq!(split("A heading\n\nThe body. More", Lang::En), ["A heading", "The body.", "More"]);
        assert_eq!(split("  Padded.  ", Lang::En), ["Padded."]);
        assert!(split("   ", Lang::En).is_empty());
        assert!(sentences("", Lang::En).is_empty());
        assert_eq!(sentences("One. Two.\n", Lang::En), ["One. ", "Two.\n"]);
    }

    #[test]
    fn splice_keeps_the_whitespace_between_sentences() {
        let text = "  One.  Two?\n\nThree! ";
        let ranges = sentence_ranges(text, Lang::En);
        assert_eq!(ranges.len(), 3);
        assert_eq!(splice(text, &ranges, &["Uno.", "¿Dos?", "¡Tres!"]), "  Uno.  ¿Dos?\n\n¡Tres! ");
        // Fewer replacements keep the rest as it was.
        assert_eq!(splice(text, &ranges, &["1."]), "  1.  Two?\n\nThree! ");
    }

    /// A small deterministic generator (xorshift) for the property tests.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[(self.next() % items.len() as u64) as usize]
        }
    }

    #[test]
    fn joining_the_pieces_reproduces_any_text() {
        let fragments = [
            "Mr.", "Dr", ".", "...", "…", "?", "!", "?!", "\"", "”", "»", "«", ")", "(", " ", "  ", "\n", "\n\n", "\t", "\u{a0}",
            "word", "Word", "2.200", "38.5", "1,6", "U.S.", "e.g.", "J.", "г.", "Порт", "т. е.", "TP.", "Hồ", "Ổn", "O\u{302}",
            "¿", "¡", "—", "etc.", "a", "Z", "9", "'", "’", "[", "]", "中文", "ß", "İ",
        ];
        let langs = [Lang::En, Lang::Ru, Lang::Uk, Lang::Es, Lang::Fr, Lang::Vi, Lang::De];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for case in 0..5000 {
            let len = (rng.next() % 40) as usize;
            let text: String = (0..len).map(|_| rng.pick(&fragments)).collect();
            let lang = langs[case % langs.len()];

            let pieces = sentences(&text, lang);
            assert_eq!(pieces.concat(), text, "pieces of {text:?}");
            assert!(pieces.iter().all(|p| !p.is_empty()), "empty piece in {text:?}");

            let ranges = sentence_ranges(&text, lang);
            let mut last_end = 0;
            for r in &ranges {
                assert!(r.start >= last_end && r.start < r.end, "{ranges:?} for {text:?}");
                let s = &text[r.clone()];
                assert_eq!(s, s.trim(), "untrimmed sentence in {text:?}");
                last_end = r.end;
            }
            // Nothing but whitespace lies outside the ranges.
            let originals: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(splice(&text, &ranges, &originals), text);
            let outside = splice(&text, &ranges, &vec![""; ranges.len()]);
            assert!(outside.chars().all(char::is_whitespace), "{outside:?} left of {text:?}");
        }
    }
}
