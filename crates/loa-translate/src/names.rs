//! Vietnamese personal and place names: finding them in a text and writing
//! them in the target language's script.
//!
//! Names are transcribed, never translated. Latin-script targets keep the
//! Vietnamese spelling (diacritics included; [`fold_ascii`] is the opt-in
//! plain-ASCII form). Cyrillic targets get the Russian practical
//! transcription of Vietnamese — the 1973 ГУГК/ЦНИИГАиК rules built on
//! Mkhitaryan's table, which the issue calls the "Kontsevich system" — and
//! Ukrainian and Belarusian adaptations of it:
//!
//! - tones are not written; syllables are read with the north-central
//!   pronunciation (`d`, `gi`, `r` → з, `s` → ш, `tr` → ч, `x` → с);
//! - a personal name keeps one Cyrillic word per syllable (`Trần Thế Dũng` →
//!   `Чан Тхе Зунг`); a place name is written as one word (`Hà Tĩnh` →
//!   `Хатинь`, `Quảng Bình` → `Куангбинь`);
//! - conventional exonyms win over the rules (`Hà Nội` → `Ханой`, the city of
//!   `Hồ Chí Minh` → `Хошимин`, `Huế` → `Хюэ`).
//!
//! Two choices where sources differ, fixed here so one name is always spelt
//! one way:
//! - the diphthong `iê`/`yê` after a consonant is `ие` in personal names (the
//!   usage of Russian news and encyclopedias: `Kiều` → `Киеу`, `Thiệu` →
//!   `Тхиеу`) and `ье` in place names (the cartographic form: `Điện Biên Phủ`
//!   → `Дьенбьенфу`, `Kiên Giang` → `Кьензянг`);
//! - `r` is `з` in personal names and `р` in place names (cartography:
//!   `Rạch Giá` → `Ратьзя`, `Cam Ranh` → `Камрань`).
//!
//! Transcription is a pure function of its input: the same name gives the
//! same output in every article, which is what keeps a person spelt one way
//! across an edition.

use loa_domain::Lang;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// Whether a name designates a person or a place; the transcription differs
/// (places are written as one word).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    Person,
    Place,
}

/// A Vietnamese name found in a text: byte offsets into that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: NameKind,
}

/// Common Vietnamese surnames (covering most of the population).
const SURNAMES: &[&str] = &[
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô", "dương", "lý",
    "trương", "đinh", "đoàn", "lâm", "mai", "trịnh", "đào", "cao", "lưu", "hà", "tạ", "tô", "chu", "châu", "quách", "lương",
    "la", "thái", "kiều", "văn",
];

/// Surnames whose ASCII form is also a common word or a foreign name (`Le`,
/// `Ho`, `Mai`): without diacritics they only count in runs of 3 or more.
const AMBIGUOUS_ASCII_SURNAMES: &[&str] = &[
    "le", "ho", "ly", "do", "vo", "vu", "ha", "mai", "lam", "to", "cao", "luu", "ta", "la", "chu", "chau", "thai", "van", "dao",
    "kieu",
];

/// Vietnam's 63 provinces and centrally governed cities (as before the 2025
/// merger) and other major cities and places, with the Russian form where it
/// is a conventional exonym or differs from what the rules give.
const GAZETTEER: &[(&str, Option<&str>)] = &[
    // Red River delta and the north.
    ("Hà Nội", Some("Ханой")),
    ("Hải Phòng", Some("Хайфон")),
    ("Hà Giang", None),
    ("Cao Bằng", None),
    ("Bắc Kạn", None),
    ("Tuyên Quang", None),
    ("Lào Cai", None),
    ("Điện Biên", None),
    ("Lai Châu", None),
    ("Sơn La", None),
    ("Yên Bái", None),
    ("Hòa Bình", None),
    ("Thái Nguyên", None),
    ("Lạng Sơn", None),
    ("Quảng Ninh", None),
    ("Bắc Giang", None),
    ("Phú Thọ", None),
    ("Vĩnh Phúc", None),
    ("Bắc Ninh", None),
    ("Hải Dương", None),
    ("Hưng Yên", None),
    ("Thái Bình", None),
    ("Hà Nam", None),
    ("Nam Định", None),
    ("Ninh Bình", None),
    // North and south central coast, central highlands.
    ("Thanh Hóa", None),
    ("Nghệ An", None),
    ("Hà Tĩnh", None),
    ("Quảng Bình", None),
    ("Quảng Trị", None),
    ("Thừa Thiên Huế", Some("Тхыатхьен-Хюэ")),
    ("Đà Nẵng", Some("Дананг")),
    ("Quảng Nam", None),
    ("Quảng Ngãi", None),
    ("Bình Định", None),
    ("Phú Yên", None),
    ("Khánh Hòa", None),
    ("Ninh Thuận", None),
    ("Bình Thuận", None),
    ("Kon Tum", None),
    ("Gia Lai", None),
    ("Đắk Lắk", None),
    ("Đắk Nông", None),
    ("Lâm Đồng", None),
    // South east and Mekong delta.
    ("Bình Phước", None),
    ("Tây Ninh", None),
    ("Bình Dương", None),
    ("Đồng Nai", None),
    ("Bà Rịa–Vũng Tàu", Some("Бариа-Вунгтау")),
    ("Bà Rịa - Vũng Tàu", Some("Бариа-Вунгтау")),
    ("Hồ Chí Minh", Some("Хошимин")),
    ("Long An", None),
    ("Tiền Giang", None),
    ("Bến Tre", None),
    ("Trà Vinh", None),
    ("Vĩnh Long", None),
    ("Đồng Tháp", None),
    ("An Giang", None),
    ("Kiên Giang", None),
    ("Cần Thơ", None),
    ("Hậu Giang", None),
    ("Sóc Trăng", None),
    ("Bạc Liêu", None),
    ("Cà Mau", None),
    // Other cities and well-known places.
    ("Việt Nam", Some("Вьетнам")),
    ("Huế", Some("Хюэ")),
    ("Sài Gòn", Some("Сайгон")),
    ("Mê Kông", Some("Меконг")),
    ("Cửu Long", None),
    ("Vinh", None),
    ("Nha Trang", None),
    ("Đà Lạt", None),
    ("Vũng Tàu", None),
    ("Hạ Long", None),
    ("Quy Nhơn", None),
    ("Buôn Ma Thuột", Some("Буонметхуот")),
    ("Pleiku", Some("Плейку")),
    ("Biên Hòa", None),
    ("Mỹ Tho", None),
    ("Phan Thiết", None),
    ("Hội An", None),
    ("Sa Pa", None),
    ("Điện Biên Phủ", None),
    ("Phú Quốc", None),
    ("Cam Ranh", None),
    ("Rạch Giá", None),
    ("Móng Cái", None),
    ("Thủ Đức", None),
    ("Hoàn Kiếm", None),
];

/// Ukrainian conventional exonyms (keys are gazetteer names).
const EXONYMS_UK: &[(&str, &str)] = &[
    ("Hà Nội", "Ханой"),
    ("Hồ Chí Minh", "Хошимін"),
    ("Việt Nam", "В'єтнам"),
    ("Huế", "Хюе"),
    ("Đà Nẵng", "Дананг"),
    ("Hải Phòng", "Хайфон"),
    ("Sài Gòn", "Сайгон"),
    ("Mê Kông", "Меконг"),
    ("Thừa Thiên Huế", "Тхиатхьєн-Хюе"),
];

/// Belarusian conventional exonyms.
const EXONYMS_BE: &[(&str, &str)] = &[
    ("Hà Nội", "Ханой"),
    ("Hồ Chí Minh", "Хашымін"),
    ("Việt Nam", "В'етнам"),
    ("Huế", "Хюэ"),
    ("Đà Nẵng", "Дананг"),
    ("Hải Phòng", "Хайфон"),
    ("Sài Gòn", "Сайгон"),
    ("Mê Kông", "Меконг"),
];

/// Persons with a conventional spelling that the rules would not give.
const PERSON_EXONYMS: &[(&str, &str, &str, &str)] = &[
    // (Vietnamese, Russian, Ukrainian, Belarusian)
    ("Hồ Chí Minh", "Хо Ши Мин", "Хо Ші Мін", "Хо Шы Мін"),
];

/// Capitalised words that open a Vietnamese sentence or title a name
/// (`Ông`, `Theo`, `Tỉnh`) and so are not part of the name that follows.
const LEAD_WORDS: &[&str] = &[
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "theo", "tại", "tỉnh", "thành", "phố", "huyện", "xã", "quận", "thị",
    "đồng", "chí", "các", "những", "năm", "ngày", "trong", "khi", "sau", "trước", "với", "và", "của", "ở", "đến", "từ",
];

/// English words shaped like Vietnamese syllables that headings in
/// capitals put next to names (`BY NGUYỄN VĂN AN IN HÀ TĨNH`): in a run of
/// capitals they end a name and never start one. (`AN` is not here: it is
/// a common given name.)
const CAPS_ENGLISH_WORDS: &[&str] =
    &["at", "by", "in", "on", "to", "the", "then", "than", "so", "no", "go", "he", "we", "me", "be", "hi"];

/// Given-name syllables Vietnamese writes without any mark. In a run of
/// capitals an unmarked syllable joins a name only if it is one of these
/// or a surname: `TÔ LÂM TOP STORY` is `TÔ LÂM` and two English words.
const UNMARKED_NAME_SYLLABLES: &[&str] = &[
    "an", "anh", "chi", "duy", "giang", "hoa", "huy", "khang", "khoa", "kim", "lam", "lan", "linh", "loan", "long", "mai",
    "minh", "nam", "nga", "nhung", "ninh", "oanh", "phong", "quang", "sang", "tam", "thanh", "thu", "tin", "trang", "trinh",
    "trung", "vinh", "vy",
];

/// Words announcing that the following name is a place.
const PLACE_PREFIXES: &[&str] = &["province of", "city of", "tỉnh", "thành phố", "tp.", "huyện", "district of"];
/// Words announcing that the preceding name is a place.
const PLACE_SUFFIXES: &[&str] = &["province", "city", "district"];

/// NFC, lower case: the form names are compared in.
fn key(s: &str) -> String {
    s.nfc().collect::<String>().to_lowercase()
}

/// The name in plain ASCII: tones and vowel marks removed, `đ` → `d`
/// (`Nguyễn Đình Hải` → `Nguyen Dinh Hai`). For sites and URLs that want it.
pub fn fold_ascii(name: &str) -> String {
    name.nfd()
        .filter_map(|c| match c {
            'đ' => Some('d'),
            'Đ' => Some('D'),
            c if is_combining(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Whether `c` could be the first letter of a name syllable: an upper-case
/// letter that [`fold_ascii`] turns into an ASCII letter. A cheap range test;
/// the test below checks it against every character Unicode has.
fn may_open_name(c: char) -> bool {
    c.is_ascii_uppercase() || matches!(c, '\u{00c0}'..='\u{024f}' | '\u{1e00}'..='\u{1eff}' | '\u{2100}'..='\u{214f}')
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}')
}

/// Folded, lower-case, single-spaced, dashes as spaces: the form used to
/// compare a text's spelling with the gazetteer whatever its diacritics.
fn loose_key(s: &str) -> String {
    fold_ascii(s)
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The gazetteer with its comparison keys computed once:
/// (exact key, loose key, name, Russian form).
type GazetteerRow = (String, String, &'static str, Option<&'static str>);

fn gazetteer() -> &'static [GazetteerRow] {
    static ROWS: OnceLock<Vec<GazetteerRow>> = OnceLock::new();
    ROWS.get_or_init(|| GAZETTEER.iter().map(|&(n, ru)| (key(n), loose_key(n), n, ru)).collect())
}

/// The ASCII forms of the surnames, computed once.
fn ascii_surnames() -> &'static [(String, &'static str)] {
    static ROWS: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    ROWS.get_or_init(|| SURNAMES.iter().map(|&s| (loose_key(s), s)).collect())
}

fn gazetteer_entry(name: &str) -> Option<(&'static str, Option<&'static str>)> {
    let exact = key(name);
    if let Some(row) = gazetteer().iter().find(|row| row.0 == exact) {
        return Some((row.2, row.3));
    }
    // Without diacritics, only names of two or more syllables are trusted:
    // a bare `Vinh` or `Hue` is as likely a given name or a word.
    let loose = loose_key(name);
    if !loose.contains(' ') {
        return None;
    }
    gazetteer().iter().find(|row| row.1 == loose).map(|row| (row.2, row.3))
}

/// Letters that only Vietnamese writes: ă â đ ê ô ơ ư, and the dot-below,
/// hook-above and (on e i u y) tilde tone marks.
fn has_vietnamese_marks(word: &str) -> bool {
    word.nfd().any(|c| matches!(c, 'đ' | 'Đ' | '\u{0306}' | '\u{031b}' | '\u{0323}' | '\u{0309}'))
        || word.nfd().collect::<Vec<char>>().windows(2).any(|w| {
            (w[1] == '\u{0302}' && matches!(w[0].to_ascii_lowercase(), 'a' | 'e' | 'o'))
                || (w[1] == '\u{0303}' && matches!(w[0].to_ascii_lowercase(), 'e' | 'i' | 'u' | 'y'))
        })
}

const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r",
    "s", "t", "v", "x",
];
const CODAS: &[&str] = &["ng", "nh", "ch", "c", "k", "m", "n", "p", "t"];

/// Whether a word is shaped like a Vietnamese syllable (onset, vowels, coda).
/// Keeps `Monde`, `City` or `Hosts` out of name runs.
fn is_vietnamese_syllable(word: &str) -> bool {
    let folded = fold_ascii(word).to_lowercase();
    if folded.is_empty() || folded.len() > 7 || !folded.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    let onset = ONSETS.iter().find(|o| folded.starts_with(*o)).map_or("", |o| o);
    let mut rest = folded[onset.len()..].to_string();
    if onset == "gi" && !rest.starts_with(|c: char| "aeiouy".contains(c)) {
        rest.insert(0, 'i'); // `gìn`: the i of gi is the vowel.
    }
    let coda = CODAS.iter().find(|c| rest.ends_with(*c) && rest.len() > c.len()).map_or("", |c| c);
    let nucleus = &rest[..rest.len() - coda.len()];
    !nucleus.is_empty() && nucleus.len() <= 3 && nucleus.chars().all(|c| "aeiouy".contains(c))
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if first.is_uppercase() => {
            // An all-caps word of two or more letters is an acronym or a
            // shouted heading, not a name syllable.
            let rest: Vec<char> = chars.filter(|c| c.is_alphabetic()).collect();
            rest.is_empty() || rest.iter().any(|c| c.is_lowercase())
        }
        _ => false,
    }
}

/// A word of two or more letters, every one of them a capital.
fn is_all_caps(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && letters.all(char::is_uppercase)
}

struct Word {
    start: usize,
    end: usize,
}

/// Words: letters and combining marks.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let letter = c.is_alphabetic() || is_combining(c);
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word { start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word { start: s, end: text.len() });
    }
    out
}

/// Whether the gap between two syllables keeps them in one name: a single
/// space or a hyphen/dash (`Bà Rịa–Vũng Tàu`).
fn joins(gap: &str) -> bool {
    matches!(gap, " " | "\u{a0}" | "-" | "–" | " - " | " – ")
}

/// Finds Vietnamese personal and place names: runs of 2 to 4 capitalised
/// Vietnamese syllables with Vietnamese-only marks, or opening with a common
/// surname, or spelling (with or without diacritics) a place of the
/// gazetteer or of `known_places`. Single-syllable places (`Huế`) are found
/// when spelt exactly as in the gazetteer.
pub fn find_vietnamese_names(text: &str, known_places: &[String]) -> Vec<NameSpan> {
    // Every name opens with a capital Latin letter; text without one (all
    // of a Russian article, most of its sentences) is spared the word scan.
    if !text.chars().any(may_open_name) {
        return Vec::new();
    }
    let words = words(text);
    // Runs of syllables written alike: `Nguyễn Văn An`, or all in capitals
    // as in a heading or a byline (`NGUYỄN VĂN AN`).
    let mut runs: Vec<(Vec<&Word>, bool)> = Vec::new();
    let mut current: Vec<&Word> = Vec::new();
    let mut current_caps = false;
    for w in &words {
        let s = &text[w.start..w.end];
        let caps = is_all_caps(s);
        let fits = (caps || is_capitalised(s)) && is_vietnamese_syllable(s);
        let continues = current.last().is_some_and(|prev| joins(&text[prev.end..w.start]) && caps == current_caps);
        if fits && (current.is_empty() || continues) {
            current.push(w);
        } else {
            if !current.is_empty() {
                runs.push((std::mem::take(&mut current), current_caps));
            }
            if fits {
                current.push(w);
            }
        }
        if current.len() == 1 {
            current_caps = caps;
        }
    }
    if !current.is_empty() {
        runs.push((current, current_caps));
    }

    let known: Vec<String> = known_places.iter().map(|p| loose_key(p)).collect();
    let is_place_name = |s: &str| gazetteer_entry(s).is_some() || known.contains(&loose_key(s));

    let mut out = Vec::new();
    for (run, caps) in runs {
        let n = run.len();
        let span_of = |i: usize, len: usize| (run[i].start, run[i + len - 1].end);
        let place_at = |i: usize, min_len: usize| {
            (min_len..=4.min(n - i)).rev().find(|&len| {
                let (s, e) = span_of(i, len);
                is_place_name(&text[s..e])
            })
        };
        let mut i = 0;
        while i < n {
            if let Some(len) = place_at(i, 1) {
                let (start, end) = span_of(i, len);
                let span = &text[start..end];
                let kind = if is_person_context(text, start, end, span) { NameKind::Person } else { NameKind::Place };
                out.push(NameSpan { start, end, text: span.to_string(), kind });
                i += len;
                continue;
            }
            let english_at = |j: usize| {
                let word = &text[run[j].start..run[j].end];
                let k = key(word);
                caps && (CAPS_ENGLISH_WORDS.contains(&k.as_str())
                    || !(has_vietnamese_marks(word)
                        || UNMARKED_NAME_SYLLABLES.contains(&k.as_str())
                        || SURNAMES.contains(&k.as_str())
                        || ascii_surnames().iter().any(|(a, _)| *a == k)))
            };
            if (n - i > 1 && LEAD_WORDS.contains(&key(&text[run[i].start..run[i].end]).as_str())) || english_at(i) {
                i += 1;
                continue;
            }
            // A person: up to four syllables, ending before a place of two
            // or more syllables (`Nguyễn Văn An Hà Tĩnh` is two names).
            let mut len = 1;
            while i + len < n && len < 4 && !(len >= 2 && place_at(i + len, 2).is_some()) && !english_at(i + len) {
                len += 1;
            }
            let syllables: Vec<&str> = run[i..i + len].iter().map(|w| &text[w.start..w.end]).collect();
            // In capitals, the surnames and syllable shapes that single out
            // a name also spell English words (`AN`, `BAN`, `LONG`): only
            // Vietnamese-only marks make a capitalised run a person.
            let person = if caps {
                syllables.len() >= 2 && syllables.iter().any(|s| has_vietnamese_marks(s))
            } else {
                qualifies_as_person(&syllables)
            };
            if person {
                let (start, end) = span_of(i, len);
                let kind = if has_place_context(text, start, end) { NameKind::Place } else { NameKind::Person };
                out.push(NameSpan { start, end, text: text[start..end].to_string(), kind });
            }
            i += len;
        }
    }
    out
}

/// A person-name run needs Vietnamese-only marks, or a surname first
/// (ambiguous ASCII surnames only in runs of three or more).
fn qualifies_as_person(syllables: &[&str]) -> bool {
    if syllables.len() < 2 {
        return false;
    }
    if syllables.iter().any(|s| has_vietnamese_marks(s)) {
        return true;
    }
    let first = key(syllables[0]);
    if SURNAMES.contains(&first.as_str()) {
        return true;
    }
    let folded = loose_key(syllables[0]);
    let ascii_surname = ascii_surnames().iter().any(|(a, _)| *a == folded);
    ascii_surname && (syllables.len() >= 3 || !AMBIGUOUS_ASCII_SURNAMES.contains(&folded.as_str()))
}

fn has_place_context(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end().to_lowercase();
    let after = text[end..].trim_start().to_lowercase();
    PLACE_PREFIXES
        .iter()
        .any(|p| before.ends_with(p) && before[..before.len() - p.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
        || PLACE_SUFFIXES
            .iter()
            .any(|s| after.starts_with(s) && after[s.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

/// `Hồ Chí Minh` is both a city and a person: it is the city only when the
/// text says so (`Ho Chi Minh City`, `thành phố Hồ Chí Minh`).
fn is_person_context(text: &str, start: usize, end: usize, span: &str) -> bool {
    loose_key(span) == "ho chi minh" && !has_place_context(text, start, end)
}

/// Writes a Vietnamese name for readers of `target`. Cyrillic targets (ru,
/// uk, be) get the practical transcription; other targets keep the name as
/// written (see [`fold_ascii`] for a plain-ASCII form).
pub fn transcribe(name: &str, kind: NameKind, target: Lang) -> String {
    match target {
        Lang::Ru | Lang::Uk | Lang::Be => {}
        _ => return name.to_string(),
    }
    let name = name.nfc().collect::<String>();
    let name = name.trim();
    if name.is_empty() {
        return String::new();
    }
    // A name in capitals is transcribed as written normally, then put back
    // in capitals, so a heading stays a heading.
    if name.split_whitespace().all(is_all_caps) {
        let titled: Vec<String> = name
            .split_whitespace()
            .map(|syllable| {
                let mut chars = syllable.chars();
                chars.next().map_or(String::new(), |first| first.to_string() + &chars.as_str().to_lowercase())
            })
            .collect();
        return transcribe(&titled.join(" "), kind, target).to_uppercase();
    }
    if kind == NameKind::Person {
        if let Some(&(_, ru, uk, be)) = PERSON_EXONYMS.iter().find(|(v, ..)| loose_key(v) == loose_key(name)) {
            return match target {
                Lang::Uk => uk,
                Lang::Be => be,
                _ => ru,
            }
            .to_string();
        }
    }
    let gazetteer = if kind == NameKind::Place { gazetteer_entry(name) } else { None };
    if let Some((canonical, _)) = gazetteer {
        let table = match target {
            Lang::Uk => EXONYMS_UK,
            Lang::Be => EXONYMS_BE,
            _ => &[],
        };
        if let Some(&(_, exonym)) = table.iter().find(|(n, _)| *n == canonical) {
            return exonym.to_string();
        }
    }
    let russian = match gazetteer {
        Some((_, Some(ru))) => ru.to_string(),
        // A diacritic-less spelling of a gazetteer place is read with the
        // gazetteer's diacritics (`Ha Tinh` → `Hà Tĩnh`).
        Some((canonical, None)) => russian_name(canonical, kind),
        None => russian_name(name, kind),
    };
    match target {
        Lang::Uk => to_ukrainian(&russian),
        Lang::Be => to_belarusian(&russian),
        _ => russian,
    }
}

/// The Russian form of a name by the rules (no exonym lookup).
fn russian_name(name: &str, kind: NameKind) -> String {
    match kind {
        NameKind::Person => name
            .split_whitespace()
            .map(|w| w.split('-').map(|s| capitalise(&russian_syllable(&restore_surname(s), kind))).collect::<Vec<_>>().join("-"))
            .collect::<Vec<_>>()
            .join(" "),
        NameKind::Place => name
            .split(['-', '–'])
            .map(|part| {
                let word: String = part.split_whitespace().map(|s| russian_syllable(s, kind)).collect();
                capitalise(&word)
            })
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-"),
    }
}

/// Puts the diacritics back on an ASCII surname (`Nguyen` → `Nguyễn`) when
/// only one surname folds to it, so `Nguyen` and `Nguyễn` are spelt alike.
fn restore_surname(syllable: &str) -> String {
    if has_vietnamese_marks(syllable) {
        return syllable.to_string();
    }
    let folded = loose_key(syllable);
    let matches: Vec<&str> = ascii_surnames().iter().filter(|(a, _)| *a == folded).map(|(_, s)| *s).collect();
    match matches.as_slice() {
        [one] if key(syllable) == folded => one.to_string(),
        _ => syllable.to_string(),
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Removes tone marks but keeps vowel quality (ă â ê ô ơ ư), lower case.
fn strip_tones(syllable: &str) -> String {
    syllable
        .to_lowercase()
        .nfd()
        .filter(|c| !matches!(c, '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'))
        .nfc()
        .collect()
}

/// Onsets that soften the vowel after them (written ть, нь, з + я/ё/ю).
#[derive(Clone, Copy, PartialEq)]
enum Onset {
    None,
    Hard(&'static str),
    Soft(&'static str),
}

fn russian_onset(onset: &str, kind: NameKind) -> Onset {
    Onset::Hard(match onset {
        "" => return Onset::None,
        "ch" => return Onset::Soft("т"),
        "nh" => return Onset::Soft("н"),
        "gi" => return Onset::Soft("з"),
        "b" => "б",
        "c" | "k" | "q" => "к",
        "d" => "з",
        "đ" => "д",
        "g" | "gh" => "г",
        "h" => "х",
        "kh" => "кх",
        "l" => "л",
        "m" => "м",
        "n" => "н",
        "ng" | "ngh" => "нг",
        "p" => "п",
        "ph" | "f" => "ф",
        "r" if kind == NameKind::Place => "р",
        "r" | "z" => "з",
        "s" => "ш",
        "t" => "т",
        "th" => "тх",
        "tr" => "ч",
        "v" | "w" => "в",
        "x" => "с",
        "j" => "дж",
        _ => "",
    })
}

/// The Russian vowels of a nucleus (after a hard consonant).
fn russian_nucleus(nucleus: &str, onset: &str, coda: &str, kind: NameKind) -> String {
    let ie = if kind == NameKind::Place { "ье" } else { "ие" };
    let s = match nucleus {
        "a" | "ă" | "â" => "а",
        "ai" | "ay" => "ай",
        "ây" if onset == "t" && coda.is_empty() => "эй",
        "ây" => "ай",
        "ao" => "ао",
        "au" | "âu" => "ау",
        "e" | "ê" => "е",
        "eo" => "ео",
        "êu" => "еу",
        "i" | "y" => "и",
        "ia" | "ya" => "иа",
        "iu" | "yu" => "иу",
        "iê" | "yê" => ie,
        "iêu" | "yêu" => return format!("{ie}у"),
        "o" | "ô" | "ơ" | "oo" | "ôô" => "о",
        "oi" | "ôi" | "ơi" => "ой",
        "oa" | "oă" => "оа",
        "oe" => "оэ",
        "oai" | "oay" => "оай",
        "u" => "у",
        "ua" | "uâ" | "uă" => "уа",
        "uây" | "uay" => "уай",
        "uê" | "ue" => "уэ",
        "ui" => "уй",
        "uô" | "uơ" | "uo" => "уо",
        "uôi" => "уой",
        "uy" => "уи",
        "uya" => "уиа",
        "uyê" => "уе",
        "uyu" => "уиу",
        "ư" => "ы",
        "ưa" => "ыа",
        "ưi" => "ый",
        "ưu" => "ыу",
        "ươ" => "ыо",
        "ươi" => "ыой",
        "ươu" => "ыоу",
        other => {
            // Outside the standard inventory (loanwords, minority names):
            // letter by letter.
            return other
                .chars()
                .map(|c| match c {
                    'a' | 'ă' | 'â' => 'а',
                    'e' | 'ê' => 'е',
                    'i' | 'y' => 'и',
                    'o' | 'ô' | 'ơ' => 'о',
                    'u' => 'у',
                    'ư' => 'ы',
                    c => c,
                })
                .collect();
        }
    };
    s.to_string()
}

fn russian_coda(coda: &str) -> &'static str {
    match coda {
        "c" | "k" => "к",
        "ch" => "ть",
        "m" => "м",
        "n" => "н",
        "ng" => "нг",
        "nh" => "нь",
        "p" => "п",
        "t" => "т",
        _ => "",
    }
}

/// One syllable in Russian, lower case.
fn russian_syllable(syllable: &str, kind: NameKind) -> String {
    let s = strip_tones(syllable);
    if s.is_empty() {
        return s;
    }
    const ALL_ONSETS: &[&str] = &[
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q",
        "r", "s", "t", "v", "x", "f", "j", "w", "z",
    ];
    let onset = ALL_ONSETS.iter().find(|o| s.starts_with(*o)).map_or("", |o| o);
    let mut rest = s[onset.len()..].to_string();
    if onset == "gi" && !rest.starts_with(|c: char| "aăâeêioôơuưy".contains(c)) {
        rest.insert(0, 'i'); // `gìn`: the i of gi is the vowel.
    }
    let coda = CODAS.iter().find(|c| rest.ends_with(*c) && rest.len() > c.len()).map_or("", |c| c);
    let nucleus = &rest[..rest.len() - coda.len()];

    let mut out = String::new();
    let vowels = russian_nucleus(nucleus, onset, coda, kind);
    match russian_onset(onset, kind) {
        Onset::None => {
            // A syllable opening with a vowel: e/ê is э, iê/yê is йе.
            if let Some(rest) = vowels.strip_prefix("ье").or_else(|| vowels.strip_prefix("ие")) {
                out.push_str("йе");
                out.push_str(rest);
            } else if let Some(rest) = vowels.strip_prefix('е') {
                out.push('э');
                out.push_str(rest);
            } else {
                out.push_str(&vowels);
            }
        }
        Onset::Hard(c) => {
            out.push_str(c);
            out.push_str(&vowels);
        }
        Onset::Soft(c) => {
            out.push_str(c);
            out.push_str(&soften(&vowels, c == "з"));
        }
    }
    out.push_str(russian_coda(coda));
    out
}

/// Vowels after ть, нь, зь: а → я, у → ю, о → ё; the soft sign stays before ы.
fn soften(vowels: &str, after_z: bool) -> String {
    let mut chars = vowels.chars();
    let first = chars.next();
    let rest: String = chars.collect();
    let head = match first {
        Some('а') => "я".to_string(),
        Some('у') => "ю".to_string(),
        Some('о') => "ё".to_string(),
        Some('э') | Some('е') => "е".to_string(),
        Some('и') => {
            // ие/ье after a soft consonant is just е (Chiêc → Тьек).
            if let Some(r) = rest.strip_prefix('е') {
                let soft = if after_z { "е" } else { "ье" };
                return format!("{soft}{r}");
            }
            "и".to_string()
        }
        Some('ь') => return vowels.to_string(),
        Some('ы') if after_z => "ы".to_string(),
        Some('ы') => "ьы".to_string(),
        Some(c) => c.to_string(),
        None => String::new(),
    };
    head + &rest
}

fn is_cyrillic_vowel(c: char) -> bool {
    "аеёиоуыэюяієїАЕЁИОУЫЭЮЯІЄЇ".contains(c)
}

fn is_labial(c: char) -> bool {
    "бпвмфБПВМФ".contains(c)
}

/// Ukrainian letters for a Russian transcription: и → і, ы → и, э → е,
/// е → є after a vowel or at the start, ё → ьо/йо, soft sign before a vowel
/// after a labial → apostrophe.
fn to_ukrainian(russian: &str) -> String {
    let chars: Vec<char> = russian.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let word_start = prev.is_none_or(|p| !p.is_alphabetic());
        let after_vowel = prev.is_some_and(is_cyrillic_vowel);
        let upper = c.is_uppercase();
        let lower = c.to_lowercase().next().unwrap_or(c);
        let mapped: String = match lower {
            'и' => "і".into(),
            'ы' => "и".into(),
            'э' => "е".into(),
            'е' if word_start || after_vowel => "є".into(),
            'е' if prev == Some('ь') => "є".into(),
            'ё' if word_start || after_vowel => "йо".into(),
            'ё' => "ьо".into(),
            'ь' if chars.get(i + 1).is_some_and(|n| "еяюё".contains(*n)) && prev.is_some_and(is_labial) => "'".into(),
            other => other.to_string(),
        };
        if upper {
            out.push_str(&capitalise(&mapped));
        } else {
            out.push_str(&mapped);
        }
    }
    // Vietnamese iê keeps its soft sign after non-labials (`Дьєнб'єнфу`):
    // Ukrainian `дє` would read as a plain d.
    out
}

/// Belarusian letters for a Russian transcription: и → і, т/д before a soft
/// vowel or ь → ц/дз, non-syllabic у after a vowel → ў, щ never occurs.
fn to_belarusian(russian: &str) -> String {
    let chars: Vec<char> = russian.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let next = chars.get(i + 1).map(|n| n.to_lowercase().next().unwrap_or(*n));
        let upper = c.is_uppercase();
        let lower = c.to_lowercase().next().unwrap_or(c);
        let softening = next.is_some_and(|n| "ьеёиюя".contains(n));
        let mapped: String = match lower {
            'и' => "і".into(),
            'т' if softening => "ц".into(),
            'д' if softening => "дз".into(),
            'у' if prev.is_some_and(is_cyrillic_vowel) && next.is_none_or(|n| !n.is_alphabetic() || !is_cyrillic_vowel(n)) => {
                "ў".into()
            }
            'ь' if next.is_some_and(|n| "еёюя".contains(n)) && prev.is_some_and(is_labial) => "'".into(),
            other => other.to_string(),
        };
        if upper {
            out.push_str(&capitalise(&mapped));
        } else {
            out.push_str(&mapped);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_name_filter_lets_every_possible_first_letter_through() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let folds_to_ascii = fold_ascii(&c.to_string()).chars().next().is_some_and(|f| f.is_ascii_alphabetic());
            if c.is_uppercase() && folds_to_ascii {
                assert!(may_open_name(c), "{c:?} ({:04x}) can open a name", c as u32);
            }
        }
        assert!(!may_open_name('Ж') && !may_open_name('a'));
        assert!(find_vietnamese_names("Президент Ханоя встретился с делегацией.", &[]).is_empty());
    }

    #[test]
    fn syllable_shapes() {
        for ok in ["Nguyễn", "nghiêng", "Quảng", "gìn", "Hải", "Minh", "Ha", "Tinh"] {
            assert!(is_vietnamese_syllable(ok), "{ok}");
        }
        for bad in ["Monde", "City", "Hosts", "Gogh", "Street", "José"] {
            assert!(!is_vietnamese_syllable(bad), "{bad}");
        }
    }

    #[test]
    fn vietnamese_only_marks() {
        assert!(has_vietnamese_marks("Nguyễn"));
        assert!(has_vietnamese_marks("Đình"));
        assert!(has_vietnamese_marks("Tĩnh"));
        assert!(!has_vietnamese_marks("José"));
        assert!(!has_vietnamese_marks("Hà"));
        assert!(!has_vietnamese_marks("São"));
    }
}
