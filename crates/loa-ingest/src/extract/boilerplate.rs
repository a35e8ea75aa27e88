//! Page furniture recognised by its words, in the languages loa meets:
//! ad labels, share prompts, and the headings of the boxes that follow a
//! story (related articles, comments, "read also"). Words are compared as
//! `norm_key`s (letters and digits, lower-cased), so "Mehr zum Thema",
//! "MEHR ZUM THEMA:" and "Mehr zum Thema (3)" are one phrase.

use super::text::norm_key;

/// Short lines that are page furniture in any article.
const LINES: &[&str] = &[
    // English
    "advertisement",
    "ad",
    "sponsored",
    "sharethisarticle",
    "share",
    "sharethis",
    "sharethisstory",
    "related",
    "relatedarticles",
    "readmore",
    "readmorehere",
    "clickhere",
    "signup",
    "subscribe",
    "continuereading",
    "continuereadingbelow",
    "storycontinuesbelowadvertisement",
    "storycontinuesbelow",
    "skipadvertisement",
    "advertisementcontinuereadingthemainstory",
    "loading",
    "comments",
    "leaveacomment",
    "printthisarticle",
    "emailthisarticle",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "pinterest",
    "email",
    "print",
    "tweet",
    "copylink",
    "recommendedstories",
    "morefromthisauthor",
    // German
    "anzeige",
    "werbung",
    "artikelteilen",
    "teilen",
    "drucken",
    "artikeldrucken",
    "zurstartseite",
    "mehrlesen",
    "weiterlesen",
    "weiterlesennachderanzeige",
    "lesensieauch",
    "auchinteressant",
    // French
    "publicité",
    "partager",
    "partagerlarticle",
    "lirelasuite",
    "imprimer",
    "réagir",
    // Spanish, Portuguese, Italian
    "publicidad",
    "compartir",
    "leermás",
    "compartilhar",
    "publicidade",
    "pubblicità",
    "condividi",
    // Russian, Ukrainian
    "реклама",
    "поделиться",
    "поділитися",
    "читатьдалее",
    // Vietnamese
    "quảngcáo",
    "chiasẻ",
    "xemthêm",
    "đọcthêm",
    "inbàiviết",
    // Chinese, Japanese, Korean, Indonesian
    "广告",
    "分享到",
    "分享",
    "打印",
    "広告",
    "광고",
    "iklan",
    "bacajuga",
];

/// Headings of the boxes that come after (or inside) a story and are not
/// part of it: related stories, "read also", more on the topic. A
/// container that opens with one is left out, and the heading itself never
/// becomes a block.
const RELATED_HEADINGS: &[&str] = &[
    // English
    "related",
    "relatedarticles",
    "relatedstories",
    "relatedcontent",
    "relatednews",
    "readmore",
    "readalso",
    "seealso",
    "morestories",
    "moreonthis",
    "moreonthisstory",
    "moreonthistopic",
    "recommended",
    "recommendedforyou",
    "youmightalsolike",
    "youmayalsolike",
    "mostread",
    "mostpopular",
    "trending",
    "trendingnow",
    "popular",
    "latestnews",
    "topstories",
    "moreinthissection",
    "morefrom",
    "readnext",
    "youmaylike",
    "youmightlike",
    // German
    "weitereartikel",
    "mehrzumthema",
    "zumthema",
    "lesensieauch",
    "auchinteressant",
    "dasköntesieauchinteressieren",
    "daskönntesieauchinteressieren",
    "meistgelesen",
    "empfehlungen",
    "verwandtethemen",
    "ähnlicheartikel",
    "mehrausdemressort",
    "weiterenachrichten",
    "neuesteartikel",
    "topthemen",
    "daskönntedichauchinteressieren",
    // French
    "lireaussi",
    "àlireaussi",
    "alireaussi",
    "surlemêmesujet",
    "surlemesujet",
    "articlesliés",
    "voiraussi",
    "lespluslus",
    "lesplusconsultés",
    "ànepasmanquer",
    "danslamêmerubrique",
    "nosrecommandations",
    "vouspourriezaussiaimer",
    "vousaimerezaussi",
    // Spanish, Portuguese, Italian
    "leetambién",
    "leertambién",
    "noticiasrelacionadas",
    "temasrelacionados",
    "tambiénteinteresa",
    "tepuedeinteresar",
    "lomásleído",
    "másleídas",
    "másinformación",
    "leiatambém",
    "vejatambém",
    "notíciasrelacionadas",
    "maislidas",
    "vocêpodegostar",
    "vocêtambémpodegostar",
    "tepuedegustar",
    "tambiénpuedegustarte",
    "leggianche",
    "articolicorrelati",
    "potrebbeinteressarti",
    "tipotrebbeinteressare",
    // Russian, Ukrainian, Belarusian
    "читайтетакже",
    "читайтетакож",
    "похожиеновости",
    "ещёпотеме",
    "ещепотеме",
    "новостипотеме",
    "смотритетакже",
    "популярное",
    "самоечитаемое",
    "последниеновости",
    "другиеновости",
    "повязанітеми",
    "читайцеташама",
    "похожиезаписи",
    "вамможетпонравиться",
    // Vietnamese
    "tinliênquan",
    "cùngchuyênmục",
    "tinkhác",
    "tinmớinhất",
    "tinnổibật",
    "đọcnhiều",
    "xemnhiều",
    "bàiviếtliênquan",
    "cóthểbạnquantâm",
    "bạncóthểthích",
    "xemthêm",
    "đọcthêm",
    // Chinese, Japanese, Korean, Indonesian
    "相关新闻",
    "相关阅读",
    "延伸阅读",
    "相关文章",
    "热门推荐",
    "推荐阅读",
    "猜你喜欢",
    "热点新闻",
    "相關新聞",
    "延伸閱讀",
    "関連記事",
    "관련기사",
    "beritaterkait",
    "bacajuga",
];

/// Headings of reader comment sections: everything after one, in the
/// same container, is comments.
const COMMENT_HEADINGS: &[&str] = &[
    "comments",
    "comment",
    "leaveacomment",
    "leaveareply",
    "discussion",
    "readercomments",
    "jointhediscussion",
    "kommentare",
    "kommentar",
    "leserkommentare",
    "diskussion",
    "commentaires",
    "réactions",
    "comentarios",
    "comentários",
    "commenti",
    "комментарии",
    "коментарі",
    "каментары",
    "bìnhluận",
    "ýkiếnbạnđọc",
    "网友评论",
    "评论",
    "发表评论",
    "網友評論",
    "コメント",
    "댓글",
    "komentar",
];

/// What a heading says about the box it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    /// Related stories, "read also", more on the topic.
    Related,
    /// Reader comments.
    Comments,
}

/// `text` as a phrase key: `norm_key` with a trailing count ("Kommentare
/// (12)") and a trailing colon dropped.
fn phrase_key(text: &str) -> Option<String> {
    if text.chars().count() > 60 {
        return None;
    }
    let key = norm_key(text);
    let key = key.trim_end_matches(|c: char| c.is_ascii_digit());
    (!key.is_empty()).then(|| key.to_string())
}

/// A line that is page furniture (an ad label, a share prompt, a box
/// heading standing alone).
pub fn is_boilerplate_line(text: &str) -> bool {
    let Some(key) = phrase_key(text) else { return false };
    LINES.contains(&key.as_str()) || section_heading(text).is_some()
}

/// The kind of box a heading (or a box's first line) opens, if it is one
/// of the boxes around a story.
pub fn section_heading(text: &str) -> Option<Heading> {
    let key = phrase_key(text)?;
    if COMMENT_HEADINGS.contains(&key.as_str()) {
        Some(Heading::Comments)
    } else if RELATED_HEADINGS.contains(&key.as_str()) {
        Some(Heading::Related)
    } else {
        None
    }
}

/// Month names (their stems) in the languages of `LINES`.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "dezembro",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "январ",
    "феврал",
    "март",
    "апрел",
    "мая",
    "май",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
    "січ",
    "лют",
    "берез",
    "квіт",
    "трав",
    "черв",
    "лип",
    "серп",
    "верес",
    "жовт",
    "листопад",
    "груд",
    "tháng",
];

/// A line that only gives a date or time ("Montag, 14. September 2026,
/// 18:42 Uhr", "2026-09-14 18:42", "14/9/2026"): a dateline, never
/// article text. It must hold a clock time or a numeric date and few
/// words besides.
pub fn is_date_line(text: &str) -> bool {
    let chars = text.chars().count();
    if !(6..=60).contains(&chars) {
        return false;
    }
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut clock = false;
    let mut numeric_date = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b':' && i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) {
            clock = true;
        }
        if matches!(b, b'/' | b'-' | b'.') && i > 0 && digit(i - 1) && digit(i + 1) {
            numeric_date = true;
        }
    }
    let year = text.split(|c: char| !c.is_ascii_digit()).any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")));
    let lower = text.to_lowercase();
    let month = year
        && lower
            .split(|c: char| !c.is_alphabetic())
            .any(|w| MONTHS.iter().any(|m| w.starts_with(m) && w.chars().count() <= m.chars().count() + 6));
    if !(clock || (numeric_date && year) || month) || text.contains('@') || text.starts_with(['—', '–']) {
        return false;
    }
    // Words of letters: weekday, month, "Uhr", "Publié le", "GMT".
    // A sentence ends with a full stop; a dateline does not.
    if text.ends_with(['.', '!', '?', '。']) {
        return false;
    }
    let words = text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() > 1).count();
    let cjk_only = text.chars().filter(|c| c.is_alphabetic()).all(|c| (c as u32) >= 0x2E80);
    // A month name alone is weaker evidence than digits: "— Name
    // (@handle) November 18, 2019" under an embedded post is a credit.
    let most = if clock || numeric_date { 4 } else { 3 };
    words <= most || (cjk_only && text.chars().filter(|c| c.is_alphabetic()).count() <= 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_headings_in_many_languages() {
        for (text, kind) in [
            ("Weitere Artikel", Heading::Related),
            ("MEHR ZUM THEMA:", Heading::Related),
            ("Sur le même sujet", Heading::Related),
            ("Lire aussi", Heading::Related),
            ("Noticias relacionadas", Heading::Related),
            ("Читайте также", Heading::Related),
            ("Tin liên quan", Heading::Related),
            ("Cùng chuyên mục", Heading::Related),
            ("相关新闻", Heading::Related),
            ("Kommentare (12)", Heading::Comments),
            ("Commentaires", Heading::Comments),
            ("Комментарии", Heading::Comments),
            ("Bình luận", Heading::Comments),
            ("网友评论", Heading::Comments),
        ] {
            assert_eq!(section_heading(text), Some(kind), "{text}");
            assert!(is_boilerplate_line(text), "{text}");
        }
        // Story text that merely contains such words is not a heading.
        for text in [
            "Die Kommentare der Leser waren überwiegend freundlich.",
            "Tin liên quan đến vụ việc đã được công an xác minh trong ngày.",
            "Weitere Artikel des Gesetzes sollen im Herbst geändert werden, sagte die Ministerin.",
        ] {
            assert_eq!(section_heading(text), None, "{text}");
            assert!(!is_boilerplate_line(text), "{text}");
        }
    }

    #[test]
    fn ad_labels_in_many_languages() {
        for text in ["Anzeige", "ANZEIGE", "Publicité", "Publicidad", "Реклама", "Quảng cáo", "广告"] {
            assert!(is_boilerplate_line(text), "{text}");
        }
        assert!(!is_boilerplate_line("Anzeige erstattet"));
    }

    #[test]
    fn date_lines_but_not_sentences_with_dates() {
        for text in [
            "Montag, 14. September 2026, 18:42 Uhr",
            "Publié le 14 septembre 2026 à 18 h 42, 18:42",
            "14 сентября 2026, 18:42",
            "Thứ hai, 14/9/2026, 18:42 (GMT+7)",
            "2026-09-14 18:42",
            "14.09.2026",
            "Publié le 14 septembre 2026 à 18 h 42",
            "September 14, 2026",
        ] {
            assert!(is_date_line(text), "{text}");
        }
        for text in [
            "The vote on 14.09.2026 was delayed by a storm.",
            "Der Zug fährt um 18:42 Uhr vom Hauptbahnhof in Richtung Norden ab.",
            "Score: 2:1",
            "Abfahrt um 18:42 Uhr am Bahnhof.",
            "Im September 2026 beginnt der Bau",
            "Macron reçoit Scholz en mars 2026",
            "— Ada Lovelace (@ada) November 18, 2019",
            "— Digital Foundry November 18, 2019",
            "Ratio 3:2 in 2026",
        ] {
            assert!(!is_date_line(text), "{text}");
        }
    }
}
