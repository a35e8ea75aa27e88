//! Numbers as a reader means them, whatever the locale wrote: `2,200`,
//! `2.200` and `2 200` are one number; `38.5` and `38,5` are another. A
//! translation that loses or changes one is wrong however fluent it reads.

/// The numbers in `text`, normalised (`1,743` → `1743`, `38,5` → `38.5`).
pub fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        if i > 0 && chars[i - 1].is_alphabetic() {
            // Digits glued to a word (`COVID19`, `A4`) are part of a name.
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            continue;
        }
        let mut integer = String::new();
        let mut fraction: Option<String> = None;
        let run_end = |from: usize| (from..chars.len()).find(|&j| !chars[j].is_ascii_digit()).unwrap_or(chars.len());
        let end = run_end(i);
        integer.extend(&chars[i..end]);
        i = end;
        loop {
            if i + 1 >= chars.len() || !is_separator(chars[i]) || !chars[i + 1].is_ascii_digit() {
                break;
            }
            let next_end = run_end(i + 1);
            let group_len = next_end - (i + 1);
            let sep = chars[i];
            // A group of exactly three digits after a separator is a
            // thousands group; anything else after `.` or `,` is a fraction.
            if group_len == 3 && fraction.is_none() {
                integer.extend(&chars[i + 1..next_end]);
                i = next_end;
            } else if (sep == '.' || sep == ',') && fraction.is_none() {
                fraction = Some(chars[i + 1..next_end].iter().collect());
                i = next_end;
            } else {
                break;
            }
        }
        let integer = integer.trim_start_matches('0');
        let integer = if integer.is_empty() { "0" } else { integer };
        out.push(match fraction {
            Some(f) => format!("{integer}.{f}"),
            None => integer.to_string(),
        });
    }
    out
}

fn is_separator(c: char) -> bool {
    matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')
}

/// Numbers of `source` that `translation` does not carry (as often as the
/// source has them).
pub fn missing_numbers(source: &str, translation: &str) -> Vec<String> {
    let mut have = numbers(translation);
    let mut missing = Vec::new();
    for n in numbers(source) {
        match have.iter().position(|h| *h == n) {
            Some(p) => {
                have.swap_remove(p);
            }
            None => missing.push(n),
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_forms_are_one_number() {
        assert_eq!(numbers("2,200 and 2.200 and 2 200 and 2\u{a0}200"), ["2200", "2200", "2200", "2200"]);
        assert_eq!(numbers("38.5 or 38,5 per cent"), ["38.5", "38.5"]);
        assert_eq!(numbers("1,234,567.25"), ["1234567.25"]);
    }

    #[test]
    fn separate_numbers_stay_separate() {
        assert_eq!(numbers("in 2023, 305 students"), ["2023", "305"]);
        assert_eq!(numbers("9 houses, 12 roads"), ["9", "12"]);
        assert_eq!(numbers("COVID19 is not a number here"), Vec::<String>::new());
    }

    #[test]
    fn detects_altered_and_dropped_numbers() {
        assert!(missing_numbers("1,743 models", "1.743 modelos").is_empty());
        assert_eq!(missing_numbers("1743 models", "1734 modelos"), ["1743"]);
        assert_eq!(missing_numbers("250 of 1743", "1743"), ["250"]);
        assert_eq!(missing_numbers("5 and 5", "5"), ["5"]);
    }
}
