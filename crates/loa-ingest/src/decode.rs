//! Stage 2: bytes to text. Outlets still serve windows-1251, KOI8-R,
//! windows-1258, Shift_JIS and friends, and say so in different places, or
//! nowhere at all. Undeclared bytes are sniffed by `chardetng`, the
//! detector Firefox uses for the same job, refined for the cases loa's
//! languages need (KOI8-R against KOI8-U, windows-1258 in NFC).
//!
//! Vietnamese legacy pages: windows-1258 is supported (declared or
//! sniffed) and its text is NFC-normalised, because the encoding writes
//! most tone marks as separate combining characters that would otherwise
//! not match the precomposed letters every other source uses. VNI and TCVN3
//! (ABC) are font encodings, not registered charsets: no decoder knows them
//! and pages in them cannot be told from windows-1252 by their bytes; they
//! come out as Latin-1 mojibake and need an outlet-specific fix.

use std::borrow::Cow;

use encoding_rs::{Encoding, KOI8_R, KOI8_U, UTF_8, WINDOWS_1251, WINDOWS_1252, WINDOWS_1258};

/// Decodes an HTML page. The encoding is taken from, in order: a byte-order
/// mark (unambiguous, and browsers let it win), the `charset` parameter of
/// the Content-Type header, a `<meta charset>` or `<meta http-equiv>` in the
/// first few kilobytes. Without any declaration, valid UTF-8 is read as
/// UTF-8 and anything else is sniffed by [`sniff_legacy`].
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    let encoding = Encoding::for_bom(bytes)
        .map(|(enc, _)| enc)
        .or_else(|| content_type.and_then(charset_from_content_type))
        .or_else(|| charset_from_meta(bytes))
        .unwrap_or_else(|| if std::str::from_utf8(bytes).is_ok() { UTF_8 } else { sniff_legacy(bytes) });
    decode_with(encoding, bytes)
}

/// Decodes with a known encoding. `decode` strips a BOM matching the
/// encoding and replaces bad bytes with U+FFFD, so this never fails.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> String {
    let (text, _, _) = encoding.decode(bytes);
    if encoding == WINDOWS_1258 {
        return nfc(&text).into_owned();
    }
    text.into_owned()
}

fn nfc(text: &str) -> Cow<'_, str> {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// Guesses the encoding of undeclared, non-UTF-8 bytes.
///
/// `chardetng` makes the guess, among every legacy encoding of the web
/// (Shift_JIS, EUC-JP, GBK, Big5, EUC-KR, the windows-125x
/// and ISO-8859 families, KOI8-U, IBM866...). Two refinements follow:
///
/// Cyrillic: chardetng names KOI8-U for all KOI8, and a windows-1251 or
/// KOI8 guess is settled by which decoding reads as natural text: common
/// letter pairs (ст, но, пр...) and lower-case letters inside words. KOI8
/// and windows-1251 put lower and upper case in opposite halves, so the
/// wrong decoding is mostly capitals and rare pairs; KOI8-R is kept unless
/// the bytes where KOI8-U has Ukrainian letters appear.
///
/// Vietnamese: windows-1258 writes tones as combining bytes (0xCC, 0xD2,
/// 0xDE, 0xEC, 0xF2) right after a vowel; in windows-1252 those bytes are
/// Ì Ò Þ ì ò, which follow vowels only rarely, so a windows-1252 guess
/// with many of them is windows-1258.
pub fn sniff_legacy(bytes: &[u8]) -> &'static Encoding {
    // ISO-2022-JP is left out, as browsers leave it out for pages: its
    // escapes can make ASCII markup out of bytes that looked like none.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if guess == WINDOWS_1251 || guess == KOI8_U {
        return cyrillic_encoding(bytes);
    }
    if (guess == WINDOWS_1252 || guess == WINDOWS_1258) && looks_vietnamese_1258(bytes) {
        return WINDOWS_1258;
    }
    guess
}

/// At least this many toned vowels are needed before guessing
/// windows-1258.
const MIN_EVIDENCE: usize = 8;

/// Frequent letter pairs of Russian, Ukrainian and Belarusian text.
const CYRILLIC_PAIRS: &[&str] = &[
    "ст", "но", "то", "на", "ен", "ов", "ни", "ра", "во", "ко", "пр", "ро", "ре", "по", "ан", "ал", "ло", "ет", "ел", "ос", "ка",
    "ли", "ер", "от", "та", "не", "го", "ть", "ри", "ве", "ор", "ва", "те", "ол", "ла", "ит", "ес", "ом", "ль", "де", "да", "ин",
    "ат", "ны", "ие", "ск", "ое", "ая", "ый", "ых", "ми", "ма", "ви", "ий", "ся", "ти", "ні", "ів", "ць", "ня", "ій", "ві", "ді",
    "рі", "ці", "ўс", "ыя",
];

fn cyrillic_score(text: &str) -> i64 {
    let mut score = 0i64;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let cyr = matches!(c, '\u{400}'..='\u{4ff}');
        if cyr {
            if let Some(p) = prev {
                // A capital right after a letter is unusual in real text.
                score += if c.is_lowercase() { 1 } else { -2 };
                let pair: String = [p, c].iter().flat_map(|c| c.to_lowercase()).collect();
                if CYRILLIC_PAIRS.contains(&pair.as_str()) {
                    score += 3;
                }
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
    score
}

fn cyrillic_encoding(bytes: &[u8]) -> &'static Encoding {
    let (as_1251, _, _) = WINDOWS_1251.decode(bytes);
    let (as_koi8, _, _) = KOI8_U.decode(bytes);
    if cyrillic_score(&as_koi8) > cyrillic_score(&as_1251) {
        // KOI8-U differs from KOI8-R only where KOI8-R has box-drawing
        // signs; use it when those bytes appear, as they are then far more
        // likely Ukrainian letters.
        let ukrainian = bytes.iter().any(|b| matches!(b, 0xA4 | 0xA6 | 0xA7 | 0xAD | 0xB4 | 0xB6 | 0xB7 | 0xBD));
        if ukrainian {
            KOI8_U
        } else {
            KOI8_R
        }
    } else {
        WINDOWS_1251
    }
}

fn looks_vietnamese_1258(bytes: &[u8]) -> bool {
    const TONES: [u8; 5] = [0xCC, 0xD2, 0xDE, 0xEC, 0xF2];
    // Vowels in windows-1258: ASCII ones and Â Ê Ô Ơ Ư Ă (both cases).
    let vowel = |b: u8| {
        matches!(b.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
            || matches!(b, 0xC2 | 0xCA | 0xD4 | 0xD5 | 0xDD | 0xC3 | 0xE2 | 0xEA | 0xF4 | 0xF5 | 0xFD | 0xE3)
    };
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let toned = bytes.windows(2).filter(|w| vowel(w[0]) && TONES.contains(&w[1])).count();
    toned >= MIN_EVIDENCE && toned * 10 >= high * 3
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
        // Read as windows-1251 (the usual Cyrillic guess) they are mojibake.
        assert_ne!(decode_html(&bytes, Some("text/html; charset=windows-1251")), text);
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

    const RU: &str = "<html><head><title>Новости</title></head><body><h1>Паводок в Приморье</h1>\
<p>Во Владивостоке после двух дней сильных дождей затоплены десятки улиц, сообщили в мэрии города. \
Спасатели эвакуировали жителей прибрежных районов, а школы закрыты до конца недели. Синоптики обещают, \
что уровень воды начнёт снижаться только в четверг.</p></body></html>";

    const UK: &str = "<p>У Києві через негоду знеструмлено понад двісті будинків, повідомили в міській \
адміністрації. Рятувальники прибирають повалені дерева, а комунальні служби обіцяють відновити \
електропостачання до ранку. Синоптики попереджають про нові зливи в четвер і п'ятницю.</p>";

    const VI: &str = "<p>Người dân ở Hà Tĩnh và Quảng Bình đã được sơ tán khỏi vùng lũ trước khi nước sông \
dâng cao. Chính quyền địa phương cho biết hơn bốn mươi nghìn người đang ở tạm trong trường học và trụ sở \
ủy ban. Lực lượng cứu hộ dùng thuyền để đưa lương thực và nước uống tới những thôn bị cô lập.</p>";

    /// Encodes Vietnamese the way Windows code page 1258 does: letters the
    /// code page has precomposed stay whole, the others are written as the
    /// base letter (with its circumflex, breve or horn) plus a combining
    /// tone byte. encoding_rs's encoder does not decompose by itself.
    fn to_windows_1258(text: &str) -> Vec<u8> {
        const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let nfd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd();
        let mut spelled = String::new();
        for ch in text.chars() {
            let one = ch.to_string();
            if !WINDOWS_1258.encode(&one).2 {
                spelled.push(ch);
                continue;
            }
            let (tones, base): (String, String) = nfd.normalize(&one).chars().partition(|c| TONES.contains(c));
            spelled.push_str(&nfc(&base));
            spelled.push_str(&tones);
        }
        let (bytes, _, unmappable) = WINDOWS_1258.encode(&spelled);
        assert!(!unmappable, "fixture not representable in windows-1258: {spelled}");
        bytes.into_owned()
    }

    #[test]
    fn undeclared_windows_1251_and_koi8_r_are_sniffed() {
        for enc in [WINDOWS_1251, KOI8_R] {
            let (bytes, _, unmappable) = enc.encode(RU);
            assert!(!unmappable && std::str::from_utf8(&bytes).is_err());
            assert_eq!(sniff_legacy(&bytes), enc, "{}", enc.name());
            assert_eq!(decode_html(&bytes, None), RU, "{}", enc.name());
            // A Content-Type without charset does not stop the sniffing.
            assert_eq!(decode_html(&bytes, Some("text/html")), RU, "{}", enc.name());
        }
    }

    #[test]
    fn undeclared_ukrainian_is_sniffed() {
        let (bytes, _, unmappable) = WINDOWS_1251.encode(UK);
        assert!(!unmappable);
        assert_eq!(decode_html(&bytes, None), UK);
        let (bytes, _, unmappable) = KOI8_U.encode(UK);
        assert!(!unmappable);
        assert_eq!(sniff_legacy(&bytes), KOI8_U, "і, ї and є are where KOI8-R has box drawing");
        assert_eq!(decode_html(&bytes, None), UK);
    }

    #[test]
    fn one_short_headline_is_enough() {
        for (enc, text) in [(WINDOWS_1251, "<h1>Новости дня: курс рубля</h1>"), (KOI8_R, "<h1>Новости дня: курс рубля</h1>")]
        {
            let (bytes, _, _) = enc.encode(text);
            assert_eq!(decode_html(&bytes, None), text, "{}", enc.name());
        }
    }

    #[test]
    fn windows_1258_declared_or_sniffed_comes_out_composed() {
        let bytes = to_windows_1258(VI);
        assert!(bytes.contains(&0xF2) && bytes.contains(&0xDE), "the fixture uses combining tone bytes");
        // Plain decoding leaves combining marks: not what other sources use.
        assert_ne!(WINDOWS_1258.decode(&bytes).0, VI);
        assert_eq!(decode_html(&bytes, Some("text/html; charset=windows-1258")), VI);
        let mut with_meta = b"<meta charset=\"windows-1258\">".to_vec();
        with_meta.extend_from_slice(&bytes);
        assert!(decode_html(&with_meta, None).ends_with(VI));
        assert_eq!(sniff_legacy(&bytes), WINDOWS_1258);
        assert_eq!(decode_html(&bytes, None), VI);
    }

    #[test]
    fn western_european_text_stays_windows_1252() {
        let samples = [
            "<p>Les élèves ont déjà réussi l'épreuve à Zürich, où l'été fut très chaud ; ça a été dur.</p>",
            "<p>Die Größenordnung der Schäden überrascht: Straßen, Brücken und Häuser müssen repariert werden.</p>",
            "<p>Però la città è più bella così: può darsi che l'università riapra lunedì, perché c'è tempo.</p>",
            "<p>El año pasado, la información sobre España llegó tarde; según el ministerio, habrá más ayuda.</p>",
        ];
        for text in samples {
            let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
            assert!(!unmappable);
            assert_eq!(sniff_legacy(&bytes), WINDOWS_1252, "{text}");
            assert_eq!(decode_html(&bytes, None), text);
        }
    }

    /// Undeclared pages in the legacy encodings of other scripts, as
    /// outlets serve them: real bytes, made by each encoding's encoder.
    const WORLD: &[(&str, &str)] = &[
        (
            "Shift_JIS",
            "<html><head><title>ニュース</title></head><body><h1>東京で大雨、交通に乱れ</h1>\
<p>気象庁によると、東京都内では昨夜から激しい雨が降り続き、多くの路線で電車の運転が見合わせとなっています。\
政府は住民に対し、川の近くに近づかないよう呼びかけました。</p></body></html>",
        ),
        (
            "EUC-JP",
            "<p>大阪市は、来年の春から市内の公立小学校で給食費を無料にすると発表しました。\
市長は記者会見で、子育て世帯の負担を減らすための取り組みだと説明しています。</p>",
        ),
        (
            "GBK",
            "<html><head><title>新闻</title></head><body><h1>北京迎来今年首场大雪</h1>\
<p>据气象部门介绍，北京市区昨晚开始降雪，部分道路出现结冰现象。交通管理部门提醒市民出行注意安全，\
尽量选择公共交通工具。学校今天照常上课。</p></body></html>",
        ),
        (
            "Big5",
            "<p>台北市政府今天宣布，捷運新路線將於明年年底通車，預計每天可以載運超過十萬名乘客。\
市長表示，這條路線將大幅改善市民的通勤時間。</p>",
        ),
        (
            "EUC-KR",
            "<html><head><title>뉴스</title></head><body><h1>서울에 폭우, 도로 곳곳 통제</h1>\
<p>기상청에 따르면 서울과 경기 지역에 밤사이 많은 비가 내려 일부 도로의 통행이 통제되고 있습니다. \
정부는 주민들에게 하천 주변에 가지 말라고 당부했습니다.</p></body></html>",
        ),
        ("windows-1251", "<p>Во Владивостоке после двух дней сильных дождей затоплены десятки улиц, сообщили в мэрии.</p>"),
        ("KOI8-R", "<p>Спасатели эвакуировали жителей прибрежных районов, а школы закрыты до конца недели.</p>"),
        (
            "windows-1253",
            "<p>Σύμφωνα με την Εθνική Μετεωρολογική Υπηρεσία, η θερμοκρασία στην Αθήνα θα ξεπεράσει \
τους σαράντα βαθμούς την Παρασκευή, και οι αρχές ζητούν από τους πολίτες να μείνουν στο σπίτι.</p>",
        ),
        (
            "windows-1250",
            "<p>Według ministerstwa zdrowia w przyszłym tygodniu rozpocznie się kampania szczepień \
przeciwko grypie. Lekarze zachęcają, żeby zgłaszać się jak najwcześniej, zwłaszcza osoby starsze.</p>",
        ),
        (
            "windows-874",
            "<p>กรมอุตุนิยมวิทยาประกาศเตือนว่าจะมีฝนตกหนักในกรุงเทพมหานครและปริมณฑลตลอดสัปดาห์นี้ \
ประชาชนควรติดตามข่าวสารอย่างใกล้ชิด</p>",
        ),
    ];

    #[test]
    fn undeclared_pages_of_every_script_are_sniffed() {
        for (label, text) in WORLD {
            let enc = Encoding::for_label(label.as_bytes()).unwrap();
            let (bytes, _, unmappable) = enc.encode(text);
            assert!(!unmappable && std::str::from_utf8(&bytes).is_err(), "{label} fixture");
            assert_eq!(sniff_legacy(&bytes), enc, "{label}");
            assert_eq!(decode_html(&bytes, None), *text, "{label}");
            assert_eq!(decode_html(&bytes, Some("text/html")), *text, "{label}");
        }
    }

    #[test]
    fn declarations_still_win_over_sniffing() {
        // KOI8-R bytes declared as windows-1251 are decoded as declared.
        let (bytes, _, _) = KOI8_R.encode(RU);
        let declared = decode_html(&bytes, Some("text/html; charset=windows-1251"));
        assert_ne!(declared, RU);
        assert_eq!(declared, WINDOWS_1251.decode(&bytes).0);
    }
}
