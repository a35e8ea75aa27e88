//! Languages as ISO 639-1 codes, the one scheme loa routes and stores by.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language loa knows by name. Stored and shown as its ISO 639-1 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Lang {
    Vi,
    En,
    Ru,
    Uk,
    Be,
    Es,
    Fr,
    Ca,
    Pt,
    It,
    Gl,
    Ro,
    De,
    Zh,
    Ja,
    Ko,
    Id,
}

impl Lang {
    pub const ALL: [Lang; 17] = [
        Lang::Vi,
        Lang::En,
        Lang::Ru,
        Lang::Uk,
        Lang::Be,
        Lang::Es,
        Lang::Fr,
        Lang::Ca,
        Lang::Pt,
        Lang::It,
        Lang::Gl,
        Lang::Ro,
        Lang::De,
        Lang::Zh,
        Lang::Ja,
        Lang::Ko,
        Lang::Id,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Uk => "uk",
            Lang::Be => "be",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::Ca => "ca",
            Lang::Pt => "pt",
            Lang::It => "it",
            Lang::Gl => "gl",
            Lang::Ro => "ro",
            Lang::De => "de",
            Lang::Zh => "zh",
            Lang::Ja => "ja",
            Lang::Ko => "ko",
            Lang::Id => "id",
        }
    }

    /// The ISO 639-2/3 code, which Apertium's newer pairs use in mode names.
    pub fn code3(self) -> &'static str {
        match self {
            Lang::Vi => "vie",
            Lang::En => "eng",
            Lang::Ru => "rus",
            Lang::Uk => "ukr",
            Lang::Be => "bel",
            Lang::Es => "spa",
            Lang::Fr => "fra",
            Lang::Ca => "cat",
            Lang::Pt => "por",
            Lang::It => "ita",
            Lang::Gl => "glg",
            Lang::Ro => "ron",
            Lang::De => "deu",
            Lang::Zh => "zho",
            Lang::Ja => "jpn",
            Lang::Ko => "kor",
            Lang::Id => "ind",
        }
    }

    /// The language's own name for itself, for the language switcher: a
    /// reader looks for their language under its own name.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
            Lang::Ru => "Русский",
            Lang::Uk => "Українська",
            Lang::Be => "Беларуская",
            Lang::Es => "Español",
            Lang::Fr => "Français",
            Lang::Ca => "Català",
            Lang::Pt => "Português",
            Lang::It => "Italiano",
            Lang::Gl => "Galego",
            Lang::Ro => "Română",
            Lang::De => "Deutsch",
            Lang::Zh => "中文",
            Lang::Ja => "日本語",
            Lang::Ko => "한국어",
            Lang::Id => "Bahasa Indonesia",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown language code {0:?}")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts two- and three-letter codes and region or variant suffixes
    /// (`es`, `spa`, `pt_BR`, `en-US`), the shapes Apertium modes and HTML
    /// `lang` attributes come in.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let base = s.split(['-', '_']).next().unwrap_or("").trim().to_ascii_lowercase();
        let alias = match base.as_str() {
            "fre" => "fra",
            "rum" => "ron",
            "ger" => "deu",
            "chi" => "zho",
            "cmn" => "zho",
            other => other,
        };
        Lang::ALL.into_iter().find(|l| l.code() == alias || l.code3() == alias).ok_or_else(|| UnknownLang(s.to_string()))
    }
}

impl TryFrom<String> for Lang {
    type Error = UnknownLang;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Lang> for String {
    fn from(l: Lang) -> String {
        l.code().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_apertium_and_html_shapes() {
        assert_eq!("eng".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("pt_BR".parse::<Lang>(), Ok(Lang::Pt));
        assert_eq!("en-US".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("ukr".parse::<Lang>(), Ok(Lang::Uk));
        assert_eq!("fra".parse::<Lang>(), Ok(Lang::Fr));
        assert!("eco".parse::<Lang>().is_err());
        assert!("".parse::<Lang>().is_err());
    }

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(l.code().parse::<Lang>(), Ok(l));
            assert_eq!(l.code3().parse::<Lang>(), Ok(l));
        }
    }
}

/// In the API's OpenAPI document a language is its code, one of those loa
/// knows.
#[cfg(feature = "openapi")]
mod schema {
    use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
    use utoipa::openapi::RefOr;

    impl utoipa::PartialSchema for super::Lang {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some("An ISO 639-1 language code"))
                .enum_values(Some(super::Lang::ALL.iter().map(|l| l.code())))
                .into()
        }
    }

    impl utoipa::ToSchema for super::Lang {}
}
