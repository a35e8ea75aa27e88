//! URL slugs that stay readable for Vietnamese and Cyrillic titles, and
//! distinct for every other script.

/// Lower-case ASCII slug: Vietnamese letters lose their diacritics
/// (`Hà Tĩnh` → `ha-tinh`, `đ` → `d`), Cyrillic is transliterated, letters
/// and digits of any other script are transliterated by `deunicode`
/// (`北京` → `bei-jing`, `서울` → `seoul`), every other run of
/// non-alphanumerics becomes one hyphen.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    let mut push = |mapped: &str, out: &mut String| {
        if mapped.is_empty() {
            pending_hyphen = !out.is_empty();
            return;
        }
        if pending_hyphen {
            out.push('-');
            pending_hyphen = false;
        }
        out.push_str(mapped);
    };
    for ch in text.chars() {
        match fold_char(ch) {
            Some(mapped) => push(mapped, &mut out),
            // A letter or digit of a script the tables do not cover: its
            // transliteration ("Bei ", "Jing ") is slugged as ASCII text.
            None => match deunicode::deunicode_char(ch).filter(|_| ch.is_alphanumeric()) {
                Some(ascii) => ascii.chars().for_each(|c| push(fold_char(c).unwrap_or(""), &mut out)),
                None => push("", &mut out),
            },
        }
        if out.len() >= 80 {
            break;
        }
    }
    out.trim_matches('-').to_string()
}

/// ASCII letters for one character, empty for separators; `None` for a
/// character the tables do not know.
fn fold_char(ch: char) -> Option<&'static str> {
    const VI: &[(&str, &str)] = &[
        ("aàáảãạăằắẳẵặâầấẩẫậ", "a"),
        ("eèéẻẽẹêềếểễệ", "e"),
        ("iìíỉĩị", "i"),
        ("oòóỏõọôồốổỗộơờớởỡợ", "o"),
        ("uùúủũụưừứửữự", "u"),
        ("yỳýỷỹỵ", "y"),
        ("đ", "d"),
        ("çćč", "c"),
        ("ñ", "n"),
        ("ß", "ss"),
        ("äàâ", "a"),
        ("ïî", "i"),
        ("öô", "o"),
        ("üû", "u"),
        ("ëê", "e"),
        ("ş", "s"),
        ("ţ", "t"),
    ];
    const CYR: &[(char, &str)] = &[
        ('а', "a"),
        ('б', "b"),
        ('в', "v"),
        ('г', "g"),
        ('ґ', "g"),
        ('д', "d"),
        ('е', "e"),
        ('ё', "e"),
        ('є', "ie"),
        ('ж', "zh"),
        ('з', "z"),
        ('и', "i"),
        ('і', "i"),
        ('ї', "i"),
        ('й', "i"),
        ('к', "k"),
        ('л', "l"),
        ('м', "m"),
        ('н', "n"),
        ('о', "o"),
        ('п', "p"),
        ('р', "r"),
        ('с', "s"),
        ('т', "t"),
        ('у', "u"),
        ('ў', "u"),
        ('ф', "f"),
        ('х', "kh"),
        ('ц', "ts"),
        ('ч', "ch"),
        ('ш', "sh"),
        ('щ', "shch"),
        ('ъ', ""),
        ('ы', "y"),
        ('ь', ""),
        ('э', "e"),
        ('ю', "iu"),
        ('я', "ia"),
    ];
    static ASCII: [&str; 128] = {
        let mut t = [""; 128];
        const LETTERS: [&str; 36] = [
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
            "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
        ];
        let mut i = 0;
        while i < 10 {
            t[b'0' as usize + i] = LETTERS[i];
            i += 1;
        }
        let mut i = 0;
        while i < 26 {
            t[b'a' as usize + i] = LETTERS[10 + i];
            t[b'A' as usize + i] = LETTERS[10 + i];
            i += 1;
        }
        t
    };
    if ch.is_ascii() {
        return Some(ASCII[ch as usize]);
    }
    let lower = ch.to_lowercase().next().unwrap_or(ch);
    if let Some((_, s)) = CYR.iter().find(|(c, _)| *c == lower) {
        return Some(s);
    }
    for (set, s) in VI {
        if set.contains(lower) {
            return Some(s);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(slugify("Hà Tĩnh: Đường mới!"), "ha-tinh-duong-moi");
        assert_eq!(slugify("Nguyễn Đình Hải"), "nguyen-dinh-hai");
    }

    #[test]
    fn transliterates_cyrillic() {
        assert_eq!(slugify("Ханой и Хюэ"), "khanoi-i-khiue");
    }

    #[test]
    fn every_script_gets_a_slug_of_its_own() {
        let names = [
            "北京",
            "上海",
            "王伟",
            "李娜",
            "東京",
            "大阪",
            "山田太郎",
            "さくら",
            "カタカナ",
            "서울",
            "부산",
            "김민준",
            "กรุงเทพ",
            "เชียงใหม่",
            "Αθήνα",
            "ירושלים",
            "القاهرة",
            "मुंबई",
            "Łódź",
            "Øresund",
        ];
        let slugs: Vec<String> = names.iter().map(|n| slugify(n)).collect();
        for (name, slug) in names.iter().zip(&slugs) {
            assert!(!slug.is_empty(), "{name} has an empty slug");
            assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{name}: {slug}");
        }
        let mut unique = slugs.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{slugs:?}");
        assert_eq!(slugify("北京"), "bei-jing");
        assert_eq!(slugify("Tin mới từ 北京!"), "tin-moi-tu-bei-jing");
    }

    #[test]
    fn symbols_are_separators_in_any_script() {
        assert_eq!(slugify("Hà Nội — «mới» ★ 🔥 2024"), "ha-noi-moi-2024");
        assert_eq!(slugify("「東京」"), slugify("東京"));
    }

    #[test]
    fn collapses_separators() {
        assert_eq!(slugify("  --A  b__c-- "), "a-b-c");
        assert_eq!(slugify("!!!"), "");
    }
}
