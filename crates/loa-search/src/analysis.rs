//! Text analysis per language: which tokenizer pipeline turns an edition's
//! text (and a reader's query) into index terms.
//!
//! Every main pipeline ends in ASCII folding, because place and person
//! names (`Hà Tĩnh`, `Nguyễn`) pass untranslated into every edition and
//! readers rarely type the diacritics. Folding runs *after* stemming so the
//! Snowball stemmers still see the accented suffixes they were written for.
//!
//! Each language also has an *exact* pipeline (same tokens, lowercased,
//! nothing else) for the `exact_*` fields: a query that matches there too
//! typed the diacritics the text has, and ranks above a folded-only match.
//!
//! Vietnamese is written in space-separated syllables, so the simple
//! tokenizer already yields one token per syllable. Ukrainian has no
//! Snowball stemmer; it gets [`UkrainianLightStemmer`], which strips the
//! common case and number endings of nouns and adjectives.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer, TokenizerManager,
};

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use loa_domain::Lang;

/// Tokens longer than this (in bytes) are URLs, hashes or junk, not words.
const MAX_TOKEN_BYTES: usize = 60;

/// The name under which a language's analyser is registered with tantivy.
/// The schema records these names; the pipelines behind them are rebuilt on
/// every open (tantivy does not persist them).
pub(crate) fn tokenizer_name(lang: Lang) -> String {
    format!("loa_{}", lang.code())
}

/// The name of a language's exact (lowercase-only) analyser.
pub(crate) fn exact_tokenizer_name(lang: Lang) -> String {
    format!("loa_{}_exact", lang.code())
}

/// The Snowball stemmer tantivy ships for a language, if it has one.
pub(crate) fn stemmer_language(lang: Lang) -> Option<Language> {
    match lang {
        Lang::En => Some(Language::English),
        Lang::Ru => Some(Language::Russian),
        Lang::Es => Some(Language::Spanish),
        Lang::Fr => Some(Language::French),
        Lang::Pt => Some(Language::Portuguese),
        Lang::It => Some(Language::Italian),
        Lang::Ro => Some(Language::Romanian),
        Lang::De => Some(Language::German),
        // Ukrainian, Belarusian, Catalan, Galician, Indonesian and Vietnamese
        // have no stemmer in tantivy; a wrong-language stemmer would mangle
        // them, so they get the plain lowercase + folding analyser
        // (Ukrainian adds its light stemmer, see `analyzer`).
        Lang::Vi | Lang::Uk | Lang::Be | Lang::Ca | Lang::Gl | Lang::Id | Lang::Zh | Lang::Ja | Lang::Ko => None,
    }
}

/// Languages written without spaces between words (or, for Korean, with
/// particles glued on), which the bigram tokenizer handles.
fn uses_bigrams(lang: Lang) -> bool {
    matches!(lang, Lang::Zh | Lang::Ja | Lang::Ko)
}

/// Builds the analyser for one language.
pub(crate) fn analyzer(lang: Lang) -> TextAnalyzer {
    if uses_bigrams(lang) {
        return TextAnalyzer::builder(CjkBigramTokenizer)
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build();
    }
    let base =
        TextAnalyzer::builder(SimpleTokenizer::default()).filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES)).filter(LowerCaser);
    match stemmer_language(lang) {
        Some(language) => base.filter(Stemmer::new(language)).filter(AsciiFoldingFilter).build(),
        None if lang == Lang::Uk => base.filter(UkrainianLightStemmer).filter(AsciiFoldingFilter).build(),
        None => base.filter(AsciiFoldingFilter).build(),
    }
}

/// The exact analyser: the language's tokens, lowercased, with their
/// diacritics and endings intact.
pub(crate) fn exact_analyzer(lang: Lang) -> TextAnalyzer {
    if uses_bigrams(lang) {
        return TextAnalyzer::builder(CjkBigramTokenizer)
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .build();
    }
    TextAnalyzer::builder(SimpleTokenizer::default()).filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES)).filter(LowerCaser).build()
}

/// Inflectional endings of Ukrainian nouns and adjectives, longest first so
/// `-ами` is removed whole rather than as `-и`. Verb endings are left out on
/// purpose: `-ла` (past tense) would cut `школа` to `шко` while `школи`
/// keeps `школ`, splitting one word into two stems.
const UKRAINIAN_ENDINGS: [&str; 40] = [
    "ями", "ами", "ові", "еві", "єві", "ого", "ому", "ими", "іми", "ього", "ій", "ої", "ою", "ею", "єю", "ів", "їв", "ах", "ях",
    "ам", "ям", "ом", "ем", "єм", "им", "ім", "ий", "іх", "их", "ую", "юю", "а", "я", "у", "ю", "і", "ї", "и", "о", "е",
];

/// Shortest stem, in characters, an ending may leave: short words
/// (`мир`, `час`) are more often whole stems than inflected forms.
const UKRAINIAN_MIN_STEM_CHARS: usize = 3;

/// The stem of a lowercased Ukrainian word: one ending from
/// [`UKRAINIAN_ENDINGS`] (and a trailing soft sign) removed if a long enough
/// stem remains. Crude next to a dictionary, but it makes the commonest
/// forms of a noun or adjective meet (`провінція`, `провінції`,
/// `провінцією`), and query and text are stemmed alike.
pub(crate) fn ukrainian_stem(word: &str) -> &str {
    let word = word.strip_suffix('ь').unwrap_or(word);
    if !word.chars().all(|c| matches!(c, 'а'..='я' | 'є' | 'і' | 'ї' | 'ґ' | '\'' | '’')) {
        return word;
    }
    for ending in UKRAINIAN_ENDINGS {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.chars().count() >= UKRAINIAN_MIN_STEM_CHARS {
                return stem.strip_suffix('ь').unwrap_or(stem);
            }
        }
    }
    word
}

/// Token filter applying [`ukrainian_stem`].
#[derive(Clone)]
pub(crate) struct UkrainianLightStemmer;

impl TokenFilter for UkrainianLightStemmer {
    type Tokenizer<T: Tokenizer> = UkrainianStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> UkrainianStemmerFilter<T> {
        UkrainianStemmerFilter { tokenizer }
    }
}

#[derive(Clone)]
pub(crate) struct UkrainianStemmerFilter<T> {
    tokenizer: T,
}

impl<T: Tokenizer> Tokenizer for UkrainianStemmerFilter<T> {
    type TokenStream<'a> = UkrainianStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        UkrainianStemmerStream { tail: self.tokenizer.token_stream(text) }
    }
}

pub(crate) struct UkrainianStemmerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for UkrainianStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stem = ukrainian_stem(&token.text);
        if stem.len() != token.text.len() {
            token.text = stem.to_string();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Text in composed form (NFC). The tokenizers split on combining marks,
/// so decomposed text (`a` + U+0300) would break `Hà` into pieces; every
/// indexed and stored string and every query passes through here first.
pub(crate) fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        IsNormalized::No | IsNormalized::Maybe => Cow::Owned(text.nfc().collect()),
    }
}

/// Registers every language's analyser under its [`tokenizer_name`].
pub(crate) fn register_all(manager: &TokenizerManager) {
    for lang in Lang::ALL {
        manager.register(&tokenizer_name(lang), analyzer(lang));
        manager.register(&exact_tokenizer_name(lang), exact_analyzer(lang));
    }
}

/// Whether a character belongs to a script written without word spaces
/// (Han, kana) or to Hangul, whose words carry glued-on particles.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF    // Katakana phonetic extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0x1100..=0x11FF    // Hangul jamo
        | 0x3130..=0x318F    // Hangul compatibility jamo
        | 0xFF66..=0xFF9F    // half-width Katakana
        | 0x20000..=0x2FA1F  // CJK extensions B.. and compatibility supplement
    )
}

/// Splits text like the simple tokenizer, except that runs of CJK characters
/// become overlapping character bigrams (`北京大学` → `北京`, `京大`, `大学`);
/// a lone CJK character stays a unigram. A query is analysed the same way
/// and, having several tokens at consecutive positions, becomes a phrase
/// query, so a multi-character query matches exactly where it occurs.
#[derive(Clone, Default)]
pub(crate) struct CjkBigramTokenizer;

pub(crate) struct CjkBigramStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for CjkBigramTokenizer {
    type TokenStream<'a> = CjkBigramStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CjkBigramStream {
        let mut tokens = Vec::new();
        let mut push = |from: usize, to: usize| {
            tokens.push(Token {
                offset_from: from,
                offset_to: to,
                position: tokens.len(),
                text: text[from..to].to_string(),
                position_length: 1,
            });
        };
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let end_of = |i: usize| chars.get(i + 1).map_or(text.len(), |&(o, _)| o);
        let mut i = 0;
        while i < chars.len() {
            let (start, c) = chars[i];
            if is_cjk(c) {
                let mut j = i;
                while j + 1 < chars.len() && is_cjk(chars[j + 1].1) {
                    j += 1;
                }
                if i == j {
                    push(start, end_of(i));
                } else {
                    for (k, &(from, _)) in chars.iter().enumerate().take(j).skip(i) {
                        push(from, end_of(k + 1));
                    }
                }
                i = j + 1;
            } else if c.is_alphanumeric() {
                let mut j = i;
                while j + 1 < chars.len() && chars[j + 1].1.is_alphanumeric() && !is_cjk(chars[j + 1].1) {
                    j += 1;
                }
                push(start, end_of(j));
                i = j + 1;
            } else {
                i += 1;
            }
        }
        CjkBigramStream { tokens, next: 0 }
    }
}

impl TokenStream for CjkBigramStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(lang: Lang, text: &str) -> Vec<String> {
        let mut analyzer = analyzer(lang);
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    #[test]
    fn vietnamese_letters_fold_to_ascii() {
        // Every vowel with every tone mark, plus đ, in both cases: the
        // folding must leave plain ASCII so unaccented queries match.
        let text = "àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ \
                    ùúủũụ ưừứửữự ỳýỷỹỵ đ Đ ÀÁẢÃẠ ƠỜỚỞỠỢ ƯỪỨỬỮỰ ĨỸ";
        for term in terms(Lang::Vi, text) {
            assert!(term.is_ascii(), "{term:?} was not folded to ASCII");
        }
        assert_eq!(terms(Lang::Vi, "Hà Tĩnh, Đà Nẵng"), ["ha", "tinh", "da", "nang"]);
        assert_eq!(terms(Lang::Vi, "Thừa Thiên Huế"), ["thua", "thien", "hue"]);
    }

    #[test]
    fn decomposed_accents_fold_like_composed_ones() {
        let decomposed = "Ha\u{300} Ti\u{303}nh";
        assert_eq!(terms(Lang::Vi, &nfc(decomposed)), ["ha", "tinh"]);
        assert!(matches!(nfc("Hà Tĩnh"), Cow::Borrowed(_)));
    }

    #[test]
    fn stemmed_languages_share_stems_across_forms() {
        assert_eq!(terms(Lang::En, "bridges"), terms(Lang::En, "bridge"));
        assert_eq!(terms(Lang::Ru, "провинции"), terms(Lang::Ru, "провинцию"));
        assert_eq!(terms(Lang::Es, "puentes"), terms(Lang::Es, "puente"));
        // Ukrainian: the light stemmer joins case forms of nouns and
        // adjectives, and leaves short words alone.
        let forms = ["провінція", "провінції", "провінцію", "провінцією", "провінціями"];
        for form in forms {
            assert_eq!(terms(Lang::Uk, form), ["провінці"], "{form}");
        }
        assert_eq!(terms(Lang::Uk, "Новий"), terms(Lang::Uk, "нового"));
        assert_eq!(terms(Lang::Uk, "Київ"), ["київ"]);
        assert_eq!(ukrainian_stem("мир"), "мир");
        assert_eq!(ukrainian_stem("містах"), "міст");
        assert_ne!(terms(Lang::Uk, "провінція"), terms(Lang::Uk, "провідник"));
    }

    #[test]
    fn exact_analyzer_keeps_diacritics_and_endings() {
        let mut exact = exact_analyzer(Lang::Vi);
        let mut stream = exact.token_stream("Hà Tĩnh");
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        assert_eq!(out, ["hà", "tĩnh"]);
    }

    #[test]
    fn cjk_runs_become_bigrams_and_latin_words_stay_whole() {
        assert_eq!(terms(Lang::Zh, "北京大学"), ["北京", "京大", "大学"]);
        assert_eq!(terms(Lang::Zh, "在 Hà Nội 的桥"), ["在", "ha", "noi", "的桥"]);
        assert_eq!(terms(Lang::Ko, "서울에서"), ["서울", "울에", "에서"]);
        assert!(terms(Lang::Ja, " 、。 ").is_empty());
    }
}
