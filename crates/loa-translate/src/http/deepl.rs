//! DeepL API v2.
//!
//! Protocol: `POST /v2/translate` with JSON `{text: [...], source_lang,
//! target_lang, ...}` and `Authorization: DeepL-Auth-Key KEY`; the answer is
//! `{translations: [{detected_source_language, text}]}` in order. Target
//! codes name a variant where DeepL wants one (`EN-GB`, `PT-PT`, `ZH-HANS`).
//! Errors: 403 refused key, 456 quota used up, 429 too many requests, 400
//! with `{"message": ...}`.
//!
//! Protected terms: the batch is sent with `tag_handling: "xml"` and
//! `ignore_tags: ["x"]`, each protected term wrapped as `<x>term</x>` (the
//! rest of the text XML-escaped), and the tags removed and the text
//! unescaped on the way back. Marked spans (bold, italics, links) go the
//! same way as tags `<m0>`…`</m0>` that DeepL translates inside and moves
//! with their words; they come back as the caller's placeholders.
//!
//! Forced terms: a glossary (`POST /v2/glossaries`, TSV entries) per
//! language pair and set of entries, named after a hash of its content so
//! it is found again after a restart (`GET /v2/glossaries`) instead of being
//! created anew; its id is cached and passed as `glossary_id`. A pair DeepL
//! has no glossaries for is remembered and translated without one (the
//! caller's post-processing and the quality gate still check the terms).

use std::collections::HashMap;

use loa_domain::Lang;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Client, RequestBuilder, Url};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::Mutex;

use super::{assemble, batches, endpoint, prepare, service_error, xml_escape, xml_unescape, HttpOptions, ServiceClient};
use crate::engine::{Engine, Hints};
use crate::protect::{spans_to_tags, tags_to_spans};
use crate::{TranslateError, Translation};
use loa_domain::hash::fnv1a64; // stable across builds: it names glossaries kept on DeepL's side

const ENGINE: &str = "deepl";

/// The endpoint of DeepL API Free accounts (keys ending in `:fx`).
pub const DEEPL_FREE_URL: &str = "https://api-free.deepl.com";
/// The endpoint of DeepL API Pro accounts.
pub const DEEPL_PRO_URL: &str = "https://api.deepl.com";

/// The tag that marks text DeepL must leave alone.
const KEEP_TAG: &str = "x";

/// `Debug` leaves the key out, so configurations can be logged.
#[derive(Clone, PartialEq, Eq)]
pub struct DeepLConfig {
    /// [`DEEPL_FREE_URL`], [`DEEPL_PRO_URL`], or a compatible server.
    pub base_url: String,
    pub auth_key: String,
    /// The languages to use DeepL for, as source and target.
    pub languages: Vec<Lang>,
    /// Target code for English (`EN-GB` or `EN-US`).
    pub english_variant: String,
    /// Target code for Portuguese (`PT-PT` or `PT-BR`).
    pub portuguese_variant: String,
    /// `model_type` sent with each request (`quality_optimized`,
    /// `latency_optimized`); `None` leaves DeepL's default.
    pub model_type: Option<String>,
    pub http: HttpOptions,
    /// Texts per request (DeepL accepts at most 50).
    pub max_batch_segments: usize,
    /// Characters per request, about (DeepL caps a request body at 128 KiB).
    pub max_batch_chars: usize,
}

impl std::fmt::Debug for DeepLConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeepLConfig")
            .field("base_url", &self.base_url)
            .field("auth_key", &"<redacted>")
            .field("languages", &self.languages)
            .field("english_variant", &self.english_variant)
            .field("portuguese_variant", &self.portuguese_variant)
            .field("model_type", &self.model_type)
            .field("http", &self.http)
            .field("max_batch_segments", &self.max_batch_segments)
            .field("max_batch_chars", &self.max_batch_chars)
            .finish()
    }
}

impl DeepLConfig {
    /// A configuration for `auth_key` on the endpoint its account type uses
    /// (free keys end in `:fx`).
    pub fn for_key(auth_key: impl Into<String>) -> DeepLConfig {
        let auth_key = auth_key.into();
        let base = if auth_key.trim().ends_with(":fx") { DEEPL_FREE_URL } else { DEEPL_PRO_URL };
        DeepLConfig::new(base, auth_key)
    }

    pub fn new(base_url: impl Into<String>, auth_key: impl Into<String>) -> DeepLConfig {
        DeepLConfig {
            base_url: base_url.into(),
            auth_key: auth_key.into(),
            // Every language loa knows but Belarusian, Catalan and Galician,
            // which DeepL does not translate.
            languages: Lang::ALL.into_iter().filter(|l| !matches!(l, Lang::Be | Lang::Ca | Lang::Gl)).collect(),
            english_variant: "EN-GB".into(),
            portuguese_variant: "PT-PT".into(),
            // Vietnamese is served by DeepL's newer models only.
            model_type: Some("quality_optimized".into()),
            http: HttpOptions::default(),
            max_batch_segments: 50,
            max_batch_chars: 30_000,
        }
    }
}

/// What is known of the glossary for one language pair and set of entries.
#[derive(Debug, Clone, PartialEq, Eq)]
enum GlossaryState {
    Ready(String),
    /// DeepL refused to create it (no glossaries for this pair).
    Unavailable,
}

/// The DeepL API.
pub struct DeepL {
    config: DeepLConfig,
    translate_url: Url,
    glossaries_url: Url,
    client: ServiceClient,
    /// By glossary name, which carries the pair and the content hash.
    glossaries: Mutex<HashMap<String, GlossaryState>>,
}

impl std::fmt::Debug for DeepL {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeepL").field("base_url", &self.config.base_url).field("languages", &self.config.languages).finish()
    }
}

#[derive(Deserialize)]
struct TranslateAnswer {
    translations: Vec<TranslatedText>,
}

#[derive(Deserialize)]
struct TranslatedText {
    text: String,
}

#[derive(Deserialize)]
struct GlossaryInfo {
    glossary_id: String,
    name: String,
    #[serde(default = "ready_by_default")]
    ready: bool,
}

fn ready_by_default() -> bool {
    true
}

#[derive(Deserialize)]
struct GlossaryList {
    glossaries: Vec<GlossaryInfo>,
}

impl DeepL {
    pub fn new(config: DeepLConfig) -> Result<DeepL, TranslateError> {
        if config.auth_key.trim().is_empty() {
            return Err(service_error(ENGINE, "no auth key configured: DeepL needs one".into(), false));
        }
        Ok(DeepL {
            translate_url: endpoint(ENGINE, &config.base_url, "v2/translate")?,
            glossaries_url: endpoint(ENGINE, &config.base_url, "v2/glossaries")?,
            client: ServiceClient::new(ENGINE, config.http.clone())?,
            glossaries: Mutex::new(HashMap::new()),
            config,
        })
    }

    fn authorised(&self, request: RequestBuilder) -> RequestBuilder {
        request.header(AUTHORIZATION, format!("DeepL-Auth-Key {}", self.config.auth_key.trim()))
    }

    fn post_json(&self, http: &Client, url: &Url, body: &[u8]) -> RequestBuilder {
        self.authorised(http.post(url.clone())).header(CONTENT_TYPE, "application/json").body(body.to_vec())
    }

    /// DeepL's target code for `lang`.
    fn target_code(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.config.english_variant.trim().to_ascii_uppercase(),
            Lang::Pt => self.config.portuguese_variant.trim().to_ascii_uppercase(),
            Lang::Zh => "ZH-HANS".into(),
            other => other.code().to_ascii_uppercase(),
        }
    }

    async fn translate_segments(
        &self,
        from: Lang,
        to: Lang,
        segments: &[String],
        hints: &Hints,
    ) -> Result<Translation, TranslateError> {
        let sent = prepare(ENGINE, self.supports(from, to), from, to, segments)?;
        let glossary_id = match glossary_entries(&hints.forced) {
            Some(tsv) => self.glossary(from, to, &tsv).await?,
            None => None,
        };
        let protected: Vec<&str> = hints.protected.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();

        let mut translated = Vec::with_capacity(sent.len());
        for batch in batches(segments, &sent, self.config.max_batch_segments, self.config.max_batch_chars) {
            let texts: Vec<&str> = batch.iter().map(|&i| segments[i].trim()).collect();
            // Protected terms in ignored tags, marked spans as tags DeepL
            // moves with the words they hold; plain text when neither occurs.
            let tagged: Vec<(String, Vec<String>)> =
                texts.iter().map(|t| spans_to_tags(&wrap_protected(t, &protected))).collect();
            let xml = tagged.iter().any(|(text, spans)| !spans.is_empty() || text.contains(&format!("<{KEEP_TAG}>")));
            let mut request = json!({
                "source_lang": from.code().to_ascii_uppercase(),
                "target_lang": self.target_code(to),
            });
            if xml {
                request["text"] = json!(tagged.iter().map(|(text, _)| text).collect::<Vec<_>>());
                request["tag_handling"] = json!("xml");
                request["ignore_tags"] = json!([KEEP_TAG]);
            } else {
                request["text"] = json!(texts);
            }
            if let Some(id) = &glossary_id {
                request["glossary_id"] = json!(id);
            }
            if let Some(model_type) = &self.config.model_type {
                request["model_type"] = json!(model_type);
            }
            let body = serde_json::to_vec(&request).expect("a JSON value always serialises");
            let answer = self.client.send("POST /v2/translate", |http| self.post_json(http, &self.translate_url, &body)).await?;
            let answer: TranslateAnswer = serde_json::from_str(&answer).map_err(|e| {
                service_error(ENGINE, format!("POST /v2/translate: the answer has no usable translations: {e}"), false)
            })?;
            if answer.translations.len() != texts.len() {
                return Err(service_error(
                    ENGINE,
                    format!(
                        "POST /v2/translate: {} translation(s) came back for {} text(s)",
                        answer.translations.len(),
                        texts.len()
                    ),
                    false,
                ));
            }
            let outputs = answer.translations.into_iter().zip(&tagged).map(|(t, (_, spans))| {
                if xml {
                    unwrap_protected(&tags_to_spans(&t.text, spans))
                } else {
                    t.text
                }
            });
            translated.extend(batch.into_iter().zip(outputs));
        }
        assemble(ENGINE.to_string(), segments, translated)
    }

    /// The id of the glossary holding `tsv` for `from` → `to`: cached,
    /// found among the account's glossaries, or created.
    async fn glossary(&self, from: Lang, to: Lang, tsv: &str) -> Result<Option<String>, TranslateError> {
        let name = format!("loa {}-{} {:016x}", from.code(), to.code(), fnv1a64(tsv.as_bytes()));
        // Held across the requests so that concurrent translations of the
        // same pair create one glossary, not several.
        let mut cache = self.glossaries.lock().await;
        if let Some(state) = cache.get(&name) {
            return Ok(match state {
                GlossaryState::Ready(id) => Some(id.clone()),
                GlossaryState::Unavailable => None,
            });
        }

        let list = self.client.send("GET /v2/glossaries", |http| self.authorised(http.get(self.glossaries_url.clone()))).await?;
        let existing = serde_json::from_str::<GlossaryList>(&list)
            .map_err(|e| service_error(ENGINE, format!("GET /v2/glossaries: unexpected answer: {e}"), false))?
            .glossaries
            .into_iter()
            .find(|g| g.name == name && g.ready);
        if let Some(found) = existing {
            cache.insert(name, GlossaryState::Ready(found.glossary_id.clone()));
            return Ok(Some(found.glossary_id));
        }

        let body = serde_json::to_vec(&json!({
            "name": name,
            "source_lang": from.code(),
            "target_lang": to.code(),
            "entries": tsv,
            "entries_format": "tsv",
        }))
        .expect("a JSON value always serialises");
        match self.client.send("POST /v2/glossaries", |http| self.post_json(http, &self.glossaries_url, &body)).await {
            Ok(created) => {
                let info: GlossaryInfo = serde_json::from_str(&created)
                    .map_err(|e| service_error(ENGINE, format!("POST /v2/glossaries: unexpected answer: {e}"), false))?;
                cache.insert(name, GlossaryState::Ready(info.glossary_id.clone()));
                Ok(Some(info.glossary_id))
            }
            // A refused pair or entry set (400): translate without the
            // glossary rather than not at all; a refused key or an outage
            // still fails the request.
            Err(TranslateError::Service { detail, retryable: false, .. }) if detail.contains("(HTTP 400)") => {
                tracing::warn!(%from, %to, %detail, "DeepL refused the glossary; translating without it");
                cache.insert(name, GlossaryState::Unavailable);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// The glossary's entries as TSV, sorted and with one entry per source term
/// (DeepL refuses duplicates); `None` when there is no usable entry. Terms
/// containing tabs or line breaks cannot be expressed in TSV and are left out.
fn glossary_entries(forced: &[(String, String)]) -> Option<String> {
    let mut entries: Vec<(&str, &str)> = forced
        .iter()
        .map(|(s, t)| (s.trim(), t.trim()))
        .filter(|(s, t)| !s.is_empty() && !t.is_empty())
        .filter(|(s, t)| !s.contains(['\t', '\n', '\r']) && !t.contains(['\t', '\n', '\r']))
        .collect();
    // Stable sort by source term: the first rendering given for a term wins.
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries.dedup_by(|later, earlier| later.0 == earlier.0);
    if entries.is_empty() {
        return None;
    }
    Some(entries.iter().map(|(s, t)| format!("{s}\t{t}")).collect::<Vec<_>>().join("\n"))
}

/// XML-escapes `text` and wraps each whole-word occurrence of a protected
/// term in `<x>…</x>`; the longest term wins where several start together.
fn wrap_protected(text: &str, protected: &[&str]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut plain_start = 0;
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let at_word_start = !text[..pos].chars().next_back().is_some_and(char::is_alphanumeric);
        let hit = at_word_start
            .then(|| {
                protected
                    .iter()
                    .filter(|term| rest.starts_with(**term))
                    .filter(|term| !rest[term.len()..].chars().next().is_some_and(char::is_alphanumeric))
                    .max_by_key(|term| term.len())
            })
            .flatten();
        match hit {
            Some(term) => {
                xml_escape(&text[plain_start..pos], &mut out);
                out.push_str(&format!("<{KEEP_TAG}>"));
                xml_escape(term, &mut out);
                out.push_str(&format!("</{KEEP_TAG}>"));
                pos += term.len();
                plain_start = pos;
            }
            None => pos += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    xml_escape(&text[plain_start..], &mut out);
    out
}

/// Removes the keep tags and resolves XML character references.
fn unwrap_protected(text: &str) -> String {
    let open = format!("<{KEEP_TAG}>");
    let close = format!("</{KEEP_TAG}>");
    let stripped = text.replace(&open, "").replace(&close, "");
    xml_unescape(&stripped)
}

engine_for_listed_languages!(DeepL, ENGINE);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_whole_protected_words_and_escapes_the_rest() {
        let wrapped = wrap_protected("Ernst & Young met Hà Tĩnh officials <today> in Hà Tĩnhx", &["Hà Tĩnh", "Ernst & Young"]);
        assert_eq!(wrapped, "<x>Ernst &amp; Young</x> met <x>Hà Tĩnh</x> officials &lt;today&gt; in Hà Tĩnhx");
        assert_eq!(wrap_protected("Trần Thế Dũng and Trần", &["Trần", "Trần Thế Dũng"]), "<x>Trần Thế Dũng</x> and <x>Trần</x>");
        assert_eq!(wrap_protected("no names", &[]), "no names");
    }

    #[test]
    fn unwrap_restores_the_text() {
        let original = "Ernst & Young met \"Hà Tĩnh\" officials <today>";
        let wrapped = wrap_protected(original, &["Hà Tĩnh", "Ernst & Young"]);
        assert_eq!(unwrap_protected(&wrapped), original);
        assert_eq!(xml_unescape("a &#233; &#xE9; &apos; &unknown; & b"), "a é é ' &unknown; & b");
    }

    #[test]
    fn glossary_entries_are_stable_and_deduplicated() {
        let a = glossary_entries(&[
            ("thủ tướng".into(), "Prime Minister".into()),
            ("Bộ Tài chính".into(), "Ministry of Finance".into()),
            ("thủ tướng".into(), "premier".into()),
            ("bad\tterm".into(), "x".into()),
            ("".into(), "x".into()),
        ])
        .unwrap();
        assert_eq!(a, "Bộ Tài chính\tMinistry of Finance\nthủ tướng\tPrime Minister");
        assert_eq!(glossary_entries(&[]), None);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn debug_output_leaves_the_key_out() {
        let shown = format!("{:?}", DeepLConfig::for_key("secret-key:fx"));
        assert!(!shown.contains("secret-key") && shown.contains("<redacted>"), "{shown}");
    }

    #[test]
    fn free_keys_go_to_the_free_endpoint() {
        assert_eq!(DeepLConfig::for_key("abc:fx").base_url, DEEPL_FREE_URL);
        assert_eq!(DeepLConfig::for_key("abc").base_url, DEEPL_PRO_URL);
    }
}
