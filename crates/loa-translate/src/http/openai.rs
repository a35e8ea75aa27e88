//! Any OpenAI-compatible chat completions server: llama.cpp's server, vLLM,
//! Ollama, or OpenAI itself.
//!
//! Protocol: `POST {base_url}/chat/completions` with
//! `{model, messages: [{role, content}], temperature}` and, when a key is
//! configured, `Authorization: Bearer KEY`; the answer is
//! `{choices: [{message: {content}, finish_reason}]}`. Errors come as
//! `{"error": {"message": ...}}`.
//!
//! The instructions go in the system message; the user message is the
//! segments as a JSON array of strings, and the model is asked for a JSON
//! array of the same length back. Models wrap JSON in code fences, think
//! aloud first, or drop a segment: the answer is parsed leniently, and a
//! wrong count is a retryable error (sampling may go better next time),
//! never a silent misalignment of paragraphs.

use loa_domain::Lang;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use reqwest::Url;
use serde::Deserialize;
use serde_json::json;

use super::{assemble, batches, endpoint, english_name, prepare, service_error, HttpOptions, ServiceClient};
use crate::engine::{Engine, Hints};
use crate::protect::{spans_to_tags, tags_to_spans};
use crate::{TranslateError, Translation};

const ENGINE: &str = "openai";

/// `Debug` leaves the key out, so configurations can be logged.
#[derive(Clone, PartialEq)]
pub struct OpenAiConfig {
    /// The API root including its version, as OpenAI's SDKs take it:
    /// `http://localhost:8080/v1` (llama.cpp), `http://localhost:11434/v1`
    /// (Ollama), `https://api.openai.com/v1`.
    pub base_url: String,
    /// Sent as `Authorization: Bearer KEY`; local servers usually need none.
    pub api_key: Option<String>,
    pub model: String,
    /// Sampling temperature; 0 keeps translations stable between runs.
    pub temperature: f32,
    /// The languages this model is trusted with, as source and target.
    pub languages: Vec<Lang>,
    /// Upper bound of generated tokens per request, when the server needs one.
    pub max_tokens: Option<u32>,
    pub http: HttpOptions,
    /// Segments per request: fewer keeps the model from losing count.
    pub max_batch_segments: usize,
    /// Characters per request, about: keeps prompt and answer in the context.
    pub max_batch_chars: usize,
}

impl std::fmt::Debug for OpenAiConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenAiConfig")
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("model", &self.model)
            .field("temperature", &self.temperature)
            .field("languages", &self.languages)
            .field("max_tokens", &self.max_tokens)
            .field("http", &self.http)
            .field("max_batch_segments", &self.max_batch_segments)
            .field("max_batch_chars", &self.max_batch_chars)
            .finish()
    }
}

impl OpenAiConfig {
    pub fn new(base_url: impl Into<String>, model: impl Into<String>, languages: Vec<Lang>) -> OpenAiConfig {
        OpenAiConfig {
            base_url: base_url.into(),
            api_key: None,
            model: model.into(),
            temperature: 0.0,
            languages,
            max_tokens: None,
            // Local models on CPU are slow: give each attempt time.
            http: HttpOptions { request_timeout: std::time::Duration::from_secs(300), max_attempts: 3, ..HttpOptions::default() },
            max_batch_segments: 16,
            max_batch_chars: 6_000,
        }
    }
}

/// A model behind an OpenAI-compatible chat completions endpoint.
pub struct OpenAiChat {
    config: OpenAiConfig,
    completions_url: Url,
    label: String,
    client: ServiceClient,
}

impl std::fmt::Debug for OpenAiChat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenAiChat")
            .field("base_url", &self.config.base_url)
            .field("model", &self.config.model)
            .field("languages", &self.config.languages)
            .finish()
    }
}

impl OpenAiChat {
    pub fn new(config: OpenAiConfig) -> Result<OpenAiChat, TranslateError> {
        if config.model.trim().is_empty() {
            return Err(service_error(ENGINE, "no model configured: set the model name the server serves".into(), false));
        }
        Ok(OpenAiChat {
            completions_url: endpoint(ENGINE, &config.base_url, "chat/completions")?,
            label: format!("{ENGINE}:{}", config.model),
            client: ServiceClient::new(ENGINE, config.http.clone())?,
            config,
        })
    }

    pub fn model(&self) -> &str {
        &self.config.model
    }

    async fn translate_segments(
        &self,
        from: Lang,
        to: Lang,
        segments: &[String],
        hints: &Hints,
    ) -> Result<Translation, TranslateError> {
        let sent = prepare(ENGINE, self.supports(from, to), from, to, segments)?;
        let mut translated = Vec::with_capacity(sent.len());
        for batch in batches(segments, &sent, self.config.max_batch_segments, self.config.max_batch_chars) {
            // Marked spans reach the model as tags it is told to keep.
            let tagged: Vec<(String, Vec<String>)> = batch.iter().map(|&i| spans_to_tags(segments[i].trim())).collect();
            let texts: Vec<&str> = tagged.iter().map(|(text, _)| text.as_str()).collect();
            let joined = texts.join("\n");
            let instructions = system_prompt(from, to, texts.len(), &relevant_hints(hints, &joined));
            let mut request = json!({
                "model": self.config.model,
                "temperature": self.config.temperature,
                "messages": [
                    {"role": "system", "content": instructions},
                    {"role": "user", "content": serde_json::to_string(&texts).expect("strings serialise")},
                ],
            });
            if let Some(max_tokens) = self.config.max_tokens {
                request["max_tokens"] = json!(max_tokens);
            }
            let body = serde_json::to_vec(&request).expect("a JSON value always serialises");
            let url = self.completions_url.clone();
            let answer = self
                .client
                .send("POST /chat/completions", |http| {
                    let request = http.post(url.clone()).header(CONTENT_TYPE, "application/json").body(body.clone());
                    match &self.config.api_key {
                        Some(key) => request.header(AUTHORIZATION, format!("Bearer {key}")),
                        None => request,
                    }
                })
                .await?;
            let content = completion_content(&answer)?;
            let outputs = parse_segments(&content, texts.len())
                .map_err(|detail| service_error(ENGINE, format!("model {}: {detail}", self.config.model), true))?;
            let outputs = outputs.into_iter().zip(&tagged).map(|(out, (_, spans))| tags_to_spans(&out, spans));
            translated.extend(batch.into_iter().zip(outputs));
        }
        assemble(self.label.clone(), segments, translated)
    }
}

/// Only the hints whose source term occurs in the batch: a long glossary
/// would otherwise crowd the model's context on every request.
fn relevant_hints(hints: &Hints, text: &str) -> Hints {
    // Case-insensitive, so a term at the start of a sentence still counts.
    let text = text.to_lowercase();
    let occurs = |term: &str| !term.trim().is_empty() && text.contains(&term.to_lowercase());
    Hints {
        protected: hints.protected.iter().filter(|t| occurs(t)).cloned().collect(),
        forced: hints.forced.iter().filter(|(s, _)| occurs(s)).cloned().collect(),
    }
}

fn system_prompt(from: Lang, to: Lang, count: usize, hints: &Hints) -> String {
    let (source, target) = (english_name(from), english_name(to));
    let mut rules = vec![
        format!(
            "You translate news articles from {source} into {target} for a news portal. \
             The user sends a JSON array of {count} text segment(s) of one article, in order."
        ),
        "Translate each segment faithfully and completely, in the register of a news report: \
         do not summarise, explain, add or leave anything out, and do not merge or split segments."
            .to_string(),
        "Copy every number exactly as it is written in the source, digit for digit, \
         including dates, amounts, percentages and codes; never round or convert them."
            .to_string(),
        "Keep inline markup tags (such as <m0>...</m0>) unchanged, around the translated words they mark.".to_string(),
    ];
    if !hints.protected.is_empty() {
        let names: Vec<String> = hints.protected.iter().map(|t| quoted(t)).collect();
        rules.push(format!(
            "Write these names exactly as they are in the source, without translating, \
             transliterating or changing their diacritics: {}.",
            names.join(", ")
        ));
    }
    if !hints.forced.is_empty() {
        let pairs: Vec<String> = hints.forced.iter().map(|(s, t)| format!("{} → {}", quoted(s), quoted(t))).collect();
        rules.push(format!("Translate these terms exactly as given (glossary, {source} → {target}): {}.", pairs.join("; ")));
    }
    rules.push(format!(
        "Answer with a JSON array of exactly {count} string(s): the {target} translation of each segment, \
         in the same order. Output only the JSON array, with no comments or code fences."
    ));
    rules.iter().enumerate().map(|(i, r)| if i == 0 { r.clone() } else { format!("- {r}") }).collect::<Vec<_>>().join("\n")
}

fn quoted(term: &str) -> String {
    serde_json::to_string(term).expect("strings serialise")
}

#[derive(Deserialize)]
struct Completion {
    #[serde(default)]
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: Message,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    content: Option<String>,
}

fn completion_content(body: &str) -> Result<String, TranslateError> {
    let completion: Completion = serde_json::from_str(body)
        .map_err(|e| service_error(ENGINE, format!("POST /chat/completions: the answer is not a chat completion: {e}"), false))?;
    let Some(choice) = completion.choices.into_iter().next() else {
        return Err(service_error(ENGINE, "POST /chat/completions: the answer has no choices".into(), true));
    };
    if choice.finish_reason.as_deref() == Some("length") {
        return Err(service_error(
            ENGINE,
            "the answer was cut off at the token limit; lower max_batch_chars or raise max_tokens".into(),
            false,
        ));
    }
    Ok(choice.message.content.unwrap_or_default())
}

/// Reads the model's answer as a JSON array of `expected` strings,
/// tolerating a reasoning block, code fences, prose around the array, or an
/// object holding the array.
pub(crate) fn parse_segments(content: &str, expected: usize) -> Result<Vec<String>, String> {
    let mut text = content.trim();
    if let Some(end) = text.find("</think>") {
        text = text[end + "</think>".len()..].trim();
    }
    let candidates = [text.to_string(), strip_fences(text), outermost_array(text)];
    let mut last_error = String::from("the answer is empty");
    for candidate in candidates.iter().filter(|c| !c.is_empty()) {
        match serde_json::from_str::<serde_json::Value>(candidate) {
            Ok(value) => match string_array(&value) {
                Some(v) if v.len() == expected => return Ok(v),
                Some(v) => return Err(format!("answered {} segment(s) for the {expected} sent", v.len())),
                None => last_error = "the answer is JSON but not an array of strings".into(),
            },
            Err(e) => last_error = format!("the answer is not a JSON array of strings ({e})"),
        }
    }
    Err(last_error)
}

fn strip_fences(text: &str) -> String {
    let Some(start) = text.find("```") else {
        return String::new();
    };
    let after = &text[start + 3..];
    // Skip the info string (`json`) on the opening fence line.
    let body = after.split_once('\n').map_or("", |(_, rest)| rest);
    let body = body.rfind("```").map_or(body, |end| &body[..end]);
    body.trim().to_string()
}

fn outermost_array(text: &str) -> String {
    match (text.find('['), text.rfind(']')) {
        (Some(a), Some(b)) if a < b => text[a..=b].to_string(),
        _ => String::new(),
    }
}

fn string_array(value: &serde_json::Value) -> Option<Vec<String>> {
    match value {
        serde_json::Value::Array(items) => items.iter().map(|v| v.as_str().map(str::to_string)).collect(),
        // `{"translations": [...]}` and the like: one array member.
        serde_json::Value::Object(map) => {
            let mut arrays = map.values().filter(|v| v.is_array());
            let first = arrays.next()?;
            if arrays.next().is_some() {
                return None;
            }
            string_array(first)
        }
        _ => None,
    }
}

engine_for_listed_languages!(OpenAiChat, ENGINE);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bare_fenced_wrapped_and_reasoned_answers() {
        let want = vec!["Uno".to_string(), "Dos \"2\"".to_string()];
        assert_eq!(parse_segments(r#"["Uno","Dos \"2\""]"#, 2).unwrap(), want);
        assert_eq!(parse_segments("```json\n[\"Uno\", \"Dos \\\"2\\\"\"]\n```", 2).unwrap(), want);
        assert_eq!(parse_segments("Here you go:\n[\"Uno\",\"Dos \\\"2\\\"\"]\nDone.", 2).unwrap(), want);
        assert_eq!(parse_segments(r#"{"translations":["Uno","Dos \"2\""]}"#, 2).unwrap(), want);
        assert_eq!(parse_segments("<think>[maybe] try</think>\n[\"Uno\",\"Dos \\\"2\\\"\"]", 2).unwrap(), want);
    }

    #[test]
    fn rejects_wrong_counts_and_non_arrays() {
        let err = parse_segments(r#"["Uno"]"#, 2).unwrap_err();
        assert!(err.contains("1 segment(s) for the 2 sent"), "{err}");
        assert!(parse_segments("Lo siento, no puedo.", 1).is_err());
        assert!(parse_segments("[1, 2]", 2).is_err());
        assert!(parse_segments("", 1).is_err());
    }

    #[test]
    fn prompt_carries_numbers_names_and_glossary() {
        let hints = Hints {
            protected: vec!["Trần Thế Dũng".into()],
            forced: vec![("Bộ Tài chính".into(), "Ministry of Finance".into())],
        };
        let prompt = system_prompt(Lang::Vi, Lang::En, 3, &hints);
        assert!(prompt.contains("from Vietnamese into English"), "{prompt}");
        assert!(prompt.contains("\"Trần Thế Dũng\""), "{prompt}");
        assert!(prompt.contains("\"Bộ Tài chính\" → \"Ministry of Finance\""), "{prompt}");
        assert!(prompt.contains("exactly 3 string(s)"), "{prompt}");
        assert!(prompt.contains("digit for digit"), "{prompt}");
    }

    #[test]
    fn only_hints_present_in_the_batch_are_sent() {
        let hints = Hints {
            protected: vec!["Hà Tĩnh".into(), "Đà Nẵng".into()],
            forced: vec![("thủ tướng".into(), "Prime Minister".into()), ("bộ".into(), "ministry".into())],
        };
        let kept = relevant_hints(&hints, "Ông đến Hà Tĩnh cùng thủ tướng");
        assert_eq!(kept.protected, vec!["Hà Tĩnh".to_string()]);
        assert_eq!(kept.forced, vec![("thủ tướng".to_string(), "Prime Minister".to_string())]);
    }
}
