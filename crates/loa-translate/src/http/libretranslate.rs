//! LibreTranslate (self-hosted or a public instance).
//!
//! Protocol: `GET /languages` lists `{code, name, targets}`; `POST /translate`
//! takes JSON `{q, source, target, format, api_key}` where `q` may be an
//! array (a batch) and answers `{"translatedText": ...}` in the same shape.
//! Errors come as `{"error": "..."}` (400 bad request, 403 refused key,
//! 429 over the instance's limit, 500 translation failure).
//!
//! A batch with marked spans (bold, italics, links) is sent with
//! `format: "html"`: the text HTML-escaped, each span a tag `<m0>`…`</m0>`
//! that the instance keeps around the translated words.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::RwLock;

use loa_domain::Lang;
use reqwest::header::CONTENT_TYPE;
use reqwest::Url;
use serde::Deserialize;
use serde_json::json;

use super::{assemble, batches, endpoint, prepare, service_error, xml_escape, xml_unescape, HttpOptions, ServiceClient};
use crate::engine::{Engine, EngineFuture, Hints};
use crate::protect::{spans_to_tags, tags_to_spans};
use crate::{TranslateError, Translation};

const ENGINE: &str = "libretranslate";

/// `Debug` leaves the key out, so configurations can be logged.
#[derive(Clone, PartialEq, Eq)]
pub struct LibreTranslateConfig {
    /// Base URL of the instance, e.g. `http://localhost:5000`.
    pub url: String,
    /// Sent as `api_key` in each request when the instance requires keys.
    pub api_key: Option<String>,
    pub http: HttpOptions,
    /// Segments per `/translate` request (instances may set a batch limit).
    pub max_batch_segments: usize,
    /// Characters per request, about (instances may set a character limit).
    pub max_batch_chars: usize,
}

impl std::fmt::Debug for LibreTranslateConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibreTranslateConfig")
            .field("url", &self.url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("http", &self.http)
            .field("max_batch_segments", &self.max_batch_segments)
            .field("max_batch_chars", &self.max_batch_chars)
            .finish()
    }
}

impl LibreTranslateConfig {
    pub fn new(url: impl Into<String>) -> LibreTranslateConfig {
        LibreTranslateConfig {
            url: url.into(),
            api_key: None,
            http: HttpOptions::default(),
            max_batch_segments: 32,
            max_batch_chars: 10_000,
        }
    }
}

/// The languages an instance serves, as loa's languages and the instance's codes.
#[derive(Debug, Default)]
struct LanguageTable {
    /// The code the instance uses for each language (`zh-Hans` for Chinese on
    /// newer versions, `zh` on older ones).
    codes: BTreeMap<Lang, String>,
    targets: BTreeMap<Lang, BTreeSet<Lang>>,
}

#[derive(Deserialize)]
struct LanguageEntry {
    code: String,
    /// Missing on old versions, where every language reaches every other.
    #[serde(default)]
    targets: Option<Vec<String>>,
}

/// A LibreTranslate instance. Build it with [`LibreTranslate::connect`],
/// which learns the instance's languages.
pub struct LibreTranslate {
    config: LibreTranslateConfig,
    languages_url: Url,
    translate_url: Url,
    client: ServiceClient,
    languages: RwLock<LanguageTable>,
}

impl std::fmt::Debug for LibreTranslate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibreTranslate").field("url", &self.config.url).field("languages", &self.languages()).finish()
    }
}

impl LibreTranslate {
    /// Connects to the instance and reads its languages (`GET /languages`).
    pub async fn connect(config: LibreTranslateConfig) -> Result<LibreTranslate, TranslateError> {
        let engine = LibreTranslate {
            languages_url: endpoint(ENGINE, &config.url, "languages")?,
            translate_url: endpoint(ENGINE, &config.url, "translate")?,
            client: ServiceClient::new(ENGINE, config.http.clone())?,
            languages: RwLock::new(LanguageTable::default()),
            config,
        };
        engine.refresh_languages().await?;
        Ok(engine)
    }

    /// Reads the instance's languages again (after models were installed).
    pub async fn refresh_languages(&self) -> Result<(), TranslateError> {
        let url = self.languages_url.clone();
        let body = self.client.send("GET /languages", |http| http.get(url.clone())).await?;
        let entries: Vec<LanguageEntry> = serde_json::from_str(&body)
            .map_err(|e| service_error(ENGINE, format!("GET /languages: the answer is not a language list: {e}"), false))?;
        let table = language_table(&entries);
        if table.codes.is_empty() {
            let codes: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
            return Err(service_error(
                ENGINE,
                format!("the instance serves none of loa's languages (it lists {codes:?}); load models for them"),
                false,
            ));
        }
        *self.languages.write().unwrap_or_else(|p| p.into_inner()) = table;
        Ok(())
    }

    /// The languages the instance translates from, as last read.
    pub fn languages(&self) -> Vec<Lang> {
        let table = self.languages.read().unwrap_or_else(|p| p.into_inner());
        table.codes.keys().copied().collect()
    }

    fn codes(&self, from: Lang, to: Lang) -> Option<(String, String)> {
        let table = self.languages.read().unwrap_or_else(|p| p.into_inner());
        if !table.targets.get(&from)?.contains(&to) {
            return None;
        }
        Some((table.codes.get(&from)?.clone(), table.codes.get(&to)?.clone()))
    }

    async fn translate_segments(&self, from: Lang, to: Lang, segments: &[String]) -> Result<Translation, TranslateError> {
        let codes = self.codes(from, to);
        let sent = prepare(ENGINE, codes.is_some(), from, to, segments)?;
        let (source, target) = codes.unwrap_or_default();
        let mut translated = Vec::with_capacity(sent.len());
        for batch in batches(segments, &sent, self.config.max_batch_segments, self.config.max_batch_chars) {
            let texts: Vec<&str> = batch.iter().map(|&i| segments[i].trim()).collect();
            // Marked spans travel as HTML tags, which LibreTranslate keeps
            // around the words they hold; plain text when there are none.
            let tagged: Vec<(String, Vec<String>)> = texts
                .iter()
                .map(|t| {
                    let mut escaped = String::with_capacity(t.len());
                    xml_escape(t, &mut escaped);
                    spans_to_tags(&escaped)
                })
                .collect();
            let html = tagged.iter().any(|(_, spans)| !spans.is_empty());
            let mut request = json!({
                "q": if html { json!(tagged.iter().map(|(text, _)| text).collect::<Vec<_>>()) } else { json!(texts) },
                "source": source,
                "target": target,
                "format": if html { "html" } else { "text" },
            });
            if let Some(key) = &self.config.api_key {
                request["api_key"] = json!(key);
            }
            let body = serde_json::to_vec(&request).expect("a JSON value always serialises");
            let url = self.translate_url.clone();
            let answer = self
                .client
                .send("POST /translate", |http| {
                    http.post(url.clone()).header(CONTENT_TYPE, "application/json").body(body.clone())
                })
                .await?;
            let outputs = parse_translated(&answer, texts.len())?;
            let outputs =
                outputs.into_iter().zip(&tagged).map(
                    |(out, (_, spans))| {
                        if html {
                            xml_unescape(&tags_to_spans(&out, spans))
                        } else {
                            out
                        }
                    },
                );
            translated.extend(batch.into_iter().zip(outputs));
        }
        assemble(ENGINE.to_string(), segments, translated)
    }
}

fn language_table(entries: &[LanguageEntry]) -> LanguageTable {
    let mut table = LanguageTable::default();
    // Code per language: the exact ISO 639-1 code wins over a variant, and a
    // Traditional Chinese variant never stands for loa's Chinese.
    for entry in entries {
        let Some(lang) = lang_of(&entry.code) else {
            continue;
        };
        let exact = entry.code == lang.code();
        match table.codes.get(&lang) {
            Some(existing) if existing == lang.code() || !exact => {}
            _ => {
                table.codes.insert(lang, entry.code.clone());
            }
        }
    }
    let all: BTreeSet<Lang> = table.codes.keys().copied().collect();
    for entry in entries {
        let Some(lang) = lang_of(&entry.code) else {
            continue;
        };
        if table.codes.get(&lang) != Some(&entry.code) {
            continue;
        }
        let targets = match &entry.targets {
            Some(codes) => codes.iter().filter_map(|c| lang_of(c)).filter(|t| *t != lang && all.contains(t)).collect(),
            None => all.iter().copied().filter(|t| *t != lang).collect(),
        };
        table.targets.insert(lang, targets);
    }
    table
}

fn lang_of(code: &str) -> Option<Lang> {
    let lower = code.to_ascii_lowercase();
    if lower.ends_with("-hant") || lower == "zt" {
        return None;
    }
    code.parse().ok()
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TranslatedText {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct TranslateAnswer {
    #[serde(rename = "translatedText")]
    translated_text: TranslatedText,
}

fn parse_translated(body: &str, expected: usize) -> Result<Vec<String>, TranslateError> {
    let answer: TranslateAnswer = serde_json::from_str(body)
        .map_err(|e| service_error(ENGINE, format!("POST /translate: the answer has no usable translatedText: {e}"), false))?;
    let outputs = match answer.translated_text {
        TranslatedText::Many(v) => v,
        TranslatedText::One(s) => vec![s],
    };
    if outputs.len() != expected {
        return Err(service_error(
            ENGINE,
            format!(
                "POST /translate: {} translation(s) came back for {expected} segment(s); is the instance older than batch support?",
                outputs.len()
            ),
            false,
        ));
    }
    Ok(outputs)
}

impl Engine for LibreTranslate {
    fn carries_spans_as_markup(&self) -> bool {
        true
    }

    fn name(&self) -> &str {
        ENGINE
    }

    fn supports(&self, from: Lang, to: Lang) -> bool {
        from != to && self.codes(from, to).is_some()
    }

    fn translate<'a>(&'a self, from: Lang, to: Lang, segments: &'a [String], _hints: &'a Hints) -> EngineFuture<'a> {
        Box::pin(self.translate_segments(from, to, segments))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_table_prefers_exact_codes_and_skips_traditional_chinese() {
        let entries: Vec<LanguageEntry> = serde_json::from_str(
            r#"[
                {"code":"en","name":"English","targets":["es","zh-Hant","zh-Hans","pb","vi"]},
                {"code":"zh-Hant","name":"Chinese (traditional)","targets":["en"]},
                {"code":"zh-Hans","name":"Chinese","targets":["en"]},
                {"code":"pb","name":"Portuguese (Brazil)","targets":["en"]},
                {"code":"es","name":"Spanish"}
            ]"#,
        )
        .unwrap();
        let table = language_table(&entries);
        assert_eq!(table.codes.get(&Lang::Zh).map(String::as_str), Some("zh-Hans"));
        assert_eq!(table.codes.len(), 3, "{:?}", table.codes);
        assert_eq!(table.targets[&Lang::En], [Lang::Es, Lang::Zh].into_iter().collect::<BTreeSet<_>>());
        // No `targets`: an old instance, every listed language is a target.
        assert_eq!(table.targets[&Lang::Es], [Lang::En, Lang::Zh].into_iter().collect::<BTreeSet<_>>());
    }
}
