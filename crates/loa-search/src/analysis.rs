//! Text analysis per language: which tokenizer pipeline turns an edition's
//! text (and a reader's query) into index terms.
//!
//! Every pipeline ends in ASCII folding, because place and person names
//! (`Hà Tĩnh`, `Nguyễn`) pass untranslated into every edition and readers
//! rarely type the diacritics. Folding runs *after* stemming so the Snowball
//! stemmers still see the accented suffixes they were written for.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager,
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
        // them, so they get the plain lowercase + folding analyser.
        Lang::Vi
        | Lang::Uk
        | Lang::Be
        | Lang::Ca
        | Lang::Gl
        | Lang::Id
        | Lang::Zh
        | Lang::Ja
        | Lang::Ko => None,
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
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser);
    match stemmer_language(lang) {
        Some(language) => base
            .filter(Stemmer::new(language))
            .filter(AsciiFoldingFilter)
            .build(),
        None => base.filter(AsciiFoldingFilter).build(),
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
                while j + 1 < chars.len()
                    && chars[j + 1].1.is_alphanumeric()
                    && !is_cjk(chars[j + 1].1)
                {
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
        assert_eq!(
            terms(Lang::Vi, "Hà Tĩnh, Đà Nẵng"),
            ["ha", "tinh", "da", "nang"]
        );
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
        // Ukrainian has no stemmer: forms stay distinct but are lowercased.
        assert_eq!(terms(Lang::Uk, "Київ"), ["київ"]);
    }

    #[test]
    fn cjk_runs_become_bigrams_and_latin_words_stay_whole() {
        assert_eq!(terms(Lang::Zh, "北京大学"), ["北京", "京大", "大学"]);
        assert_eq!(
            terms(Lang::Zh, "在 Hà Nội 的桥"),
            ["在", "ha", "noi", "的桥"]
        );
        assert_eq!(terms(Lang::Ko, "서울에서"), ["서울", "울에", "에서"]);
        assert!(terms(Lang::Ja, " 、。 ").is_empty());
    }
}
