use super::*;
use chrono::TimeZone;

fn locales() -> Locales {
    Locales::load().expect("every locale file parses")
}

/// Messages that may read the same as English in a locale, and why.
const SAME_AS_ENGLISH: &[(Lang, &str, &str)] = &[
    (Lang::Vi, "category-video", "Vietnamese borrowed the word video"),
    (Lang::It, "category-video", "Italian borrowed the word video"),
    (Lang::Fr, "date-format", "French orders day, month, year like English"),
    (Lang::It, "date-format", "Italian orders day, month, year like English"),
    (Lang::It, "newsroom-password", "Italian sign-in forms say Password"),
    (Lang::Fr, "sources-col-actions", "French tables head their buttons Actions too"),
    (Lang::Es, "audit-comment-visible", "Spanish spells visible the same"),
    (Lang::Ca, "audit-comment-visible", "Catalan spells visible the same"),
    (Lang::Fr, "audit-comment-visible", "French spells visible the same"),
    (Lang::It, "sources-kind-feed", "Italian newsrooms borrowed the word feed"),
    (Lang::Pt, "sources-kind-feed", "Portuguese newsrooms borrowed the word feed"),
];

#[test]
fn every_locale_has_exactly_the_english_messages() {
    let l = locales();
    let english: Vec<String> = l.message_ids(Lang::En);
    assert!(english.len() > 60, "English should define the whole interface, found {}", english.len());
    for &lang in Locales::supported() {
        let ids = l.message_ids(lang);
        let missing: Vec<&String> = english.iter().filter(|id| !ids.contains(id)).collect();
        let extra: Vec<&String> = ids.iter().filter(|id| !english.contains(id)).collect();
        assert!(missing.is_empty(), "locales/{lang}.ftl lacks {missing:?}");
        assert!(extra.is_empty(), "locales/{lang}.ftl has messages English lacks: {extra:?}");
    }
}

#[test]
fn no_locale_ships_english_copies() {
    let l = locales();
    let english: HashMap<String, Vec<String>> = l.message_texts(Lang::En).into_iter().collect();
    for &lang in Locales::supported().iter().filter(|&&x| x != Lang::En) {
        for (id, runs) in l.message_texts(lang) {
            let allowed = SAME_AS_ENGLISH.iter().any(|(al, aid, _)| *al == lang && *aid == id);
            if allowed {
                continue;
            }
            assert_ne!(Some(&runs), english.get(&id), "{lang}: message {id} is a copy of the English text");
        }
    }
}

#[test]
fn every_category_and_language_has_a_name() {
    let l = locales();
    for &lang in Locales::supported() {
        for c in loa_domain::CATEGORIES {
            assert!(l.has_message(lang, &format!("category-{}", c.slug)), "{lang} lacks category-{}", c.slug);
        }
        for of in Lang::ALL {
            assert!(l.has_message(lang, &format!("language-{}", of.code())), "{lang} lacks language-{of}");
        }
        for m in 1..=12 {
            assert!(l.has_message(lang, &format!("month-{m}")), "{lang} lacks month-{m}");
        }
    }
    assert_eq!(l.category_name(Lang::Ru, "heritage"), "Наследие");
    assert_eq!(l.language_name(Lang::Es, Lang::En), "inglés");
}

#[test]
fn slavic_plurals_pick_one_few_many() {
    let l = locales();
    let ru = |n: i64| l.text_args(Lang::Ru, "comments-heading", &[("count", n.into())]);
    assert_eq!(ru(0), "0 комментариев");
    assert_eq!(ru(1), "1 комментарий");
    assert_eq!(ru(3), "3 комментария");
    assert_eq!(ru(5), "5 комментариев");
    assert_eq!(ru(21), "21 комментарий");
    let uk = |n: i64| l.text_args(Lang::Uk, "comments-heading", &[("count", n.into())]);
    assert_eq!(uk(2), "2 коментарі");
    assert_eq!(uk(11), "11 коментарів");
    let be = |n: i64| l.text_args(Lang::Be, "search-results", &[("count", n.into())]);
    assert_eq!(be(1), "Знойдзены 1 артыкул");
    assert_eq!(be(4), "Знойдзена 4 артыкулы");
    assert_eq!(be(7), "Знойдзена 7 артыкулаў");
    let en = |n: i64| l.text_args(Lang::En, "comments-heading", &[("count", n.into())]);
    assert_eq!(en(1), "1 comment");
    assert_eq!(en(0), "0 comments");
}

#[test]
fn text_has_no_isolation_marks() {
    let l = locales();
    let text = l.text_args(Lang::En, "article-source", &[("outlet", "Báo Hà Tĩnh".into())]);
    assert_eq!(text, "Source: Báo Hà Tĩnh");
    assert!(!text.contains(['\u{2068}', '\u{2069}']));
}

#[test]
fn dates_follow_each_locale() {
    let l = locales();
    let at = Utc.with_ymd_and_hms(2023, 12, 27, 8, 30, 0).unwrap();
    assert_eq!(l.format_date(Lang::Vi, at), "27/12/2023");
    assert_eq!(l.format_date(Lang::En, at), "27 December 2023");
    assert_eq!(l.format_date(Lang::Ru, at), "27 декабря 2023 г.");
    assert_eq!(l.format_date(Lang::Es, at), "27 de diciembre de 2023");
    let april = Utc.with_ymd_and_hms(2024, 4, 3, 0, 0, 0).unwrap();
    assert_eq!(l.format_date(Lang::Ca, april), "3 d’abril de 2024");
    assert_eq!(l.format_date(Lang::Vi, april), "03/04/2024");
}

#[test]
fn missing_message_is_visible_in_debug_builds() {
    let l = locales();
    let text = l.text(Lang::Fr, "no-such-message");
    if cfg!(debug_assertions) {
        assert_eq!(text, "⟦no-such-message⟧");
    }
    assert!(!l.has_message(Lang::Fr, "no-such-message"));
}

#[test]
fn message_texts_split_at_placeables_and_variants() {
    let l = locales();
    let texts: HashMap<String, Vec<String>> = l.message_texts(Lang::Ru).into_iter().collect();
    assert_eq!(texts["article-source"], vec!["Источник:".to_string()]);
    let comments = &texts["comments-heading"];
    assert!(comments.contains(&"комментариев".to_string()), "{comments:?}");
    assert!(comments.contains(&"комментарий".to_string()), "{comments:?}");
}

#[test]
fn locales_are_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Locales>();
}

/// The review page fills these with the checks' findings; a locale that
/// names a variable differently would show `{$…}` to the newsroom instead.
#[test]
fn held_reasons_use_every_argument_in_every_locale() {
    let l = locales();
    for &lang in Locales::supported() {
        let detected = l.language_name(lang, Lang::Es);
        let expected = l.language_name(lang, lang);
        // (message, its arguments, texts the message must show).
        type Case<'a> = (&'a str, Vec<(&'a str, FluentValue<'a>)>, Vec<String>);
        let cases: Vec<Case<'_>> = vec![
            ("problem-missing-numbers", vec![("numbers", "1743, 2024".into())], vec!["1743, 2024".into()]),
            ("problem-missing-terms", vec![("terms", "Hà Tĩnh".into())], vec!["Hà Tĩnh".into()]),
            (
                "problem-wrong-language",
                vec![("detected", detected.clone().into()), ("expected", expected.clone().into())],
                vec![detected.clone(), expected.clone()],
            ),
            ("problem-unrecognised-language", vec![("expected", expected.clone().into())], vec![expected.clone()]),
            (
                "problem-length-ratio",
                vec![("ratio", "2.40".into()), ("min", "0.50".into()), ("max", "2.00".into())],
                vec!["2.40".into(), "0.50".into(), "2.00".into()],
            ),
            ("problem-unknown-words", vec![("count", 7.into()), ("limit", 3.into())], vec!["7".into(), "3".into()]),
            ("problem-generation-errors", vec![("count", 7.into()), ("limit", 3.into())], vec!["7".into(), "3".into()]),
            ("problem-engine", vec![("detail", "connection refused".into())], vec!["connection refused".into()]),
        ];
        for (id, args, wanted) in cases {
            let text = l.text_args(lang, id, &args);
            assert!(!text.contains('{') && !text.contains('⟦'), "{lang}: {id} left a placeholder: {text}");
            for w in wanted {
                assert!(text.contains(&w), "{lang}: {id} lacks {w:?}: {text}");
            }
        }
    }
}

#[test]
fn held_reasons_count_words_by_each_plural_rule() {
    let l = locales();
    let words = |lang: Lang, n: i64| l.text_args(lang, "problem-unknown-words", &[("count", n.into()), ("limit", 3.into())]);
    assert!(words(Lang::Ru, 1).contains("1 слово;"), "{}", words(Lang::Ru, 1));
    assert!(words(Lang::Ru, 4).contains("4 слова;"), "{}", words(Lang::Ru, 4));
    assert!(words(Lang::Ru, 11).contains("11 слов;"), "{}", words(Lang::Ru, 11));
    assert!(words(Lang::Uk, 22).contains("22 слова;"), "{}", words(Lang::Uk, 22));
    assert!(words(Lang::Be, 5).contains("5 слоў;"), "{}", words(Lang::Be, 5));
    assert!(words(Lang::Es, 1).contains("1 palabra quedó"), "{}", words(Lang::Es, 1));
    assert!(words(Lang::Es, 2).contains("2 palabras quedaron"), "{}", words(Lang::Es, 2));
    let forms = |lang: Lang, n: i64| l.text_args(lang, "problem-generation-errors", &[("count", n.into()), ("limit", 3.into())]);
    assert!(forms(Lang::Ru, 21).contains("21 словоформу;"), "{}", forms(Lang::Ru, 21));
    assert!(forms(Lang::Be, 12).contains("12 словаформаў;"), "{}", forms(Lang::Be, 12));
}
