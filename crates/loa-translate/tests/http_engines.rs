//! The HTTP engines against local servers that speak each service's
//! documented protocol: raw HTTP/1.1 on a loopback `TcpListener`, checking
//! each request the way the real service would (method, path, auth header,
//! JSON fields, array lengths, language codes) and answering in its shapes,
//! errors included.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use loa_domain::Lang;
use loa_translate::{
    Context, DeepL, DeepLConfig, Engine, Hints, HttpOptions, LibreTranslate, LibreTranslateConfig, OpenAiChat, OpenAiConfig,
    TranslateError, Translator,
};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

// ---------------------------------------------------------------------------
// A minimal HTTP/1.1 server

#[derive(Debug, Clone)]
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    at: Instant,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Result<Value, Answer> {
        if !self.header("content-type").is_some_and(|c| c.starts_with("application/json")) {
            return Err(reply(415, json!({"error": "expected a JSON body"})));
        }
        serde_json::from_slice(&self.body).map_err(|e| reply(400, json!({"error": format!("invalid JSON: {e}")})))
    }
}

enum Answer {
    Reply {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// Accept the request and never answer.
    Hang,
}

fn reply(status: u16, body: Value) -> Answer {
    Answer::Reply { status, headers: Vec::new(), body: body.to_string() }
}

type Handler = dyn Fn(&Request) -> Answer + Send + Sync;

struct Server {
    url: String,
    log: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    async fn start(handler: impl Fn(&Request) -> Answer + Send + Sync + 'static) -> Server {
        let log = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let server_log = log.clone();
        let addr =
            loa_test_support::serve("127.0.0.1:0", move |stream| serve_connection(stream, handler.clone(), server_log.clone()))
                .await;
        Server { url: format!("http://{addr}"), log }
    }

    fn requests(&self, method: &str, path: &str) -> Vec<Request> {
        self.log.lock().unwrap().iter().filter(|r| r.method == method && r.path == path).cloned().collect()
    }
}

async fn serve_connection(mut stream: TcpStream, handler: Arc<Handler>, log: Arc<Mutex<Vec<Request>>>) {
    let Some((head, mut body)) = loa_test_support::read_head(&mut stream).await else { return };
    let headers: Vec<(String, String)> = head.headers.iter().map(|(n, v)| (n.to_ascii_lowercase(), v.clone())).collect();
    let length: usize = head.header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut chunk = [0u8; 8192];
    while body.len() < length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => body.extend_from_slice(&chunk[..n]),
        }
    }
    let request = Request { method: head.method, path: head.path, headers, body, at: Instant::now() };
    log.lock().unwrap().push(request.clone());
    match handler(&request) {
        Answer::Hang => {
            tokio::time::sleep(Duration::from_secs(120)).await;
        }
        Answer::Reply { status, headers, body } => {
            let mut extra = "Content-Type: application/json\r\n".to_string();
            for (name, value) in headers {
                extra.push_str(&format!("{name}: {value}\r\n"));
            }
            let _ = stream.write_all(&loa_test_support::answer(status, &extra, body.as_bytes())).await;
            let _ = stream.shutdown().await;
        }
    }
}

// ---------------------------------------------------------------------------
// What the fake services "translate" with

const EN_ES: &[(&str, &str)] = &[
    ("The", "El"),
    ("minister", "ministro"),
    ("visited", "visitó"),
    ("met", "se reunió con"),
    ("with", "con"),
    ("on", "el"),
    ("Monday", "lunes"),
    ("people", "personas"),
    ("and", "y"),
    ("in", "en"),
    ("officials", "funcionarios"),
];

const EN_ZH: &[(&str, &str)] = &[("The", ""), ("minister", "部长"), ("visited", "访问了")];

/// Word by word through `dict`; unknown words (numbers, names) and the
/// spacing stay.
fn word_by_word(text: &str, dict: &[(&str, &str)]) -> String {
    text.split(' ').map(|w| dict.iter().find(|(s, _)| *s == w).map_or(w, |(_, t)| *t)).collect::<Vec<_>>().join(" ")
}

/// Like [`word_by_word`], keeping inline tags (`<m0>`, `</m0>`) on the
/// words they wrap, as a chat model told to keep them does.
fn tagged_word_by_word(text: &str, dict: &[(&str, &str)]) -> String {
    text.split(' ')
        .map(|w| {
            let core_start = w.find('>').filter(|_| w.starts_with('<') && !w.starts_with("</")).map_or(0, |i| i + 1);
            let core_end = w[core_start..].find("</").map_or(w.len(), |i| core_start + i);
            let core = &w[core_start..core_end];
            let done = dict.iter().find(|(s, _)| *s == core).map_or(core, |(_, t)| *t);
            format!("{}{done}{}", &w[..core_start], &w[core_end..])
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a careless engine does to Vietnamese names: drops the diacritics.
fn fold_diacritics(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'à' | 'ầ' | 'ạ' => 'a',
            'ế' | 'ệ' => 'e',
            'ĩ' | 'ị' | 'í' => 'i',
            'ộ' | 'ọ' | 'ơ' => 'o',
            'ũ' | 'ư' => 'u',
            'đ' => 'd',
            other => other,
        })
        .collect()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn fast_http() -> HttpOptions {
    HttpOptions {
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(5),
        max_attempts: 3,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(5),
        min_interval: Duration::ZERO,
    }
}

fn service_error(err: TranslateError) -> (String, String, bool) {
    match err {
        TranslateError::Service { engine, detail, retryable } => (engine, detail, retryable),
        other => panic!("expected a service error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// LibreTranslate

#[derive(Clone, Copy, PartialEq)]
enum LibreMode {
    Translate,
    Echo,
    Empty,
    /// 429 with `Retry-After: 1` for the first /translate, then translate.
    BusyOnce,
    AlwaysFail,
}

const LT_KEY: &str = "lt-key";

fn libre_languages() -> Value {
    json!([
        {"code": "en", "name": "English", "targets": ["es", "zh-Hans", "pb"]},
        {"code": "es", "name": "Spanish", "targets": ["en"]},
        {"code": "zh-Hans", "name": "Chinese", "targets": ["en"]},
        {"code": "pb", "name": "Portuguese (Brazil)", "targets": ["en"]},
        {"code": "vi", "name": "Vietnamese", "targets": ["en"]}
    ])
}

/// LibreTranslate's `/languages` and `/translate`, as its API documents them.
fn libre_service(mode: LibreMode) -> impl Fn(&Request) -> Answer + Send + Sync + 'static {
    let translate_calls = Arc::new(Mutex::new(0usize));
    move |req: &Request| {
        match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/languages") => return reply(200, libre_languages()),
            ("POST", "/translate") => {}
            _ => return reply(404, json!({"error": "Not Found"})),
        }
        let call = {
            let mut n = translate_calls.lock().unwrap();
            *n += 1;
            *n
        };
        let body = match req.json() {
            Ok(b) => b,
            Err(answer) => return answer,
        };
        if body["api_key"] != LT_KEY {
            return reply(403, json!({"error": "Invalid API key"}));
        }
        match mode {
            LibreMode::BusyOnce if call == 1 => {
                return Answer::Reply {
                    status: 429,
                    headers: vec![("Retry-After", "1".into())],
                    body: json!({"error": "Slowdown: 10 per 1 minute"}).to_string(),
                }
            }
            LibreMode::AlwaysFail => return reply(500, json!({"error": "Cannot translate text: model crashed"})),
            _ => {}
        }
        let Some(q) = body["q"].as_array() else {
            return reply(400, json!({"error": "Invalid request: missing q parameter"}));
        };
        let texts: Vec<&str> = q.iter().filter_map(Value::as_str).collect();
        if texts.len() != q.len() || texts.iter().any(|t| t.trim().is_empty()) {
            return reply(400, json!({"error": "Invalid request: q must hold non-empty strings"}));
        }
        let html = match body["format"].as_str() {
            Some("text") => false,
            Some("html") => true,
            _ => return reply(400, json!({"error": "format must be text or html"})),
        };
        let (source, target) = (body["source"].as_str().unwrap_or(""), body["target"].as_str().unwrap_or(""));
        let languages = libre_languages();
        let Some(entry) = languages.as_array().unwrap().iter().find(|l| l["code"] == source) else {
            return reply(400, json!({"error": format!("{source} is not supported")}));
        };
        if !entry["targets"].as_array().unwrap().iter().any(|t| t == target) {
            return reply(400, json!({"error": format!("{target} is not supported")}));
        }
        let dict = if target == "zh-Hans" { EN_ZH } else { EN_ES };
        let out: Vec<String> = texts
            .iter()
            .map(|t| match mode {
                LibreMode::Echo => t.to_string(),
                LibreMode::Empty => String::new(),
                _ if html => tagged_word_by_word(t, dict),
                _ => word_by_word(t, dict),
            })
            .collect();
        reply(200, json!({"translatedText": out}))
    }
}

async fn libre(server: &Server, http: HttpOptions) -> LibreTranslate {
    let mut config = LibreTranslateConfig::new(&server.url);
    config.api_key = Some(LT_KEY.into());
    config.http = http;
    LibreTranslate::connect(config).await.expect("connect to the local LibreTranslate")
}

#[tokio::test]
async fn libretranslate_translates_a_batch_and_passes_blank_segments_through() {
    let server = Server::start(libre_service(LibreMode::Translate)).await;
    let engine = libre(&server, fast_http()).await;
    let segments = strings(&["The minister visited Hà Tĩnh", "", "  met 2 200 people on Monday\n", "   "]);
    let out = engine.translate(Lang::En, Lang::Es, &segments, &Hints::default()).await.unwrap();
    assert_eq!(out.segments, strings(&["El ministro visitó Hà Tĩnh", "", "  se reunió con 2 200 personas el lunes\n", "   "]));
    assert_eq!(out.engine, "libretranslate");
    let calls = server.requests("POST", "/translate");
    assert_eq!(calls.len(), 1, "one batch for the whole call");
    let body: Value = serde_json::from_slice(&calls[0].body).unwrap();
    assert_eq!(body["q"], json!(["The minister visited Hà Tĩnh", "met 2 200 people on Monday"]));
    assert_eq!((body["source"].as_str(), body["target"].as_str()), (Some("en"), Some("es")));
}

#[tokio::test]
async fn libretranslate_languages_drive_supports() {
    let server = Server::start(libre_service(LibreMode::Translate)).await;
    let engine = libre(&server, fast_http()).await;
    assert_eq!(server.requests("GET", "/languages").len(), 1);
    assert!(engine.supports(Lang::En, Lang::Es));
    assert!(engine.supports(Lang::Vi, Lang::En));
    assert!(!engine.supports(Lang::Es, Lang::Vi), "es lists only en as a target");
    assert!(!engine.supports(Lang::En, Lang::En));
    assert!(!engine.supports(Lang::En, Lang::Pt), "pb is not loa's Portuguese");
    assert_eq!(
        engine.pairs(&[Lang::En, Lang::Es, Lang::Vi]),
        vec![(Lang::En, Lang::Es), (Lang::Es, Lang::En), (Lang::Vi, Lang::En)]
    );

    // Chinese is served under the instance's own code.
    let out = engine.translate(Lang::En, Lang::Zh, &strings(&["The minister visited"]), &Hints::default()).await.unwrap();
    assert_eq!(out.segments, strings(&["部长 访问了"]));
    let body: Value = serde_json::from_slice(&server.requests("POST", "/translate")[0].body).unwrap();
    assert_eq!(body["target"], "zh-Hans");

    // An unsupported pair fails before anything is sent.
    let err = engine.translate(Lang::Es, Lang::Vi, &strings(&["Hola"]), &Hints::default()).await.unwrap_err();
    let (_, detail, retryable) = service_error(err);
    assert!(!retryable && detail.contains("es → vi"), "{detail}");
    assert_eq!(server.requests("POST", "/translate").len(), 1);
}

#[tokio::test]
async fn libretranslate_refused_key_is_reported_and_not_retried() {
    let server = Server::start(libre_service(LibreMode::Translate)).await;
    let mut config = LibreTranslateConfig::new(&server.url);
    config.api_key = Some("wrong".into());
    config.http = fast_http();
    let engine = LibreTranslate::connect(config).await.unwrap();
    let err = engine.translate(Lang::En, Lang::Es, &strings(&["The minister"]), &Hints::default()).await.unwrap_err();
    assert!(!err.is_retryable());
    let (engine_name, detail, _) = service_error(err);
    assert_eq!(engine_name, "libretranslate");
    assert!(detail.contains("the API key was refused"), "{detail}");
    assert!(detail.contains("Invalid API key"), "{detail}");
    assert_eq!(server.requests("POST", "/translate").len(), 1);
}

#[tokio::test]
async fn a_429_is_retried_after_the_wait_the_service_asks_for() {
    let server = Server::start(libre_service(LibreMode::BusyOnce)).await;
    let engine = libre(&server, fast_http()).await;
    let started = Instant::now();
    let out = engine.translate(Lang::En, Lang::Es, &strings(&["The minister"]), &Hints::default()).await.unwrap();
    assert_eq!(out.segments, strings(&["El ministro"]));
    let calls = server.requests("POST", "/translate");
    assert_eq!(calls.len(), 2, "one refused attempt, one that succeeded");
    let gap = calls[1].at - calls[0].at;
    // The computed backoff is 10 ms: only Retry-After explains a full second.
    assert!(gap >= Duration::from_millis(950), "retried after {gap:?}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn server_errors_are_retried_then_reported_as_retryable() {
    let server = Server::start(libre_service(LibreMode::AlwaysFail)).await;
    let engine = libre(&server, fast_http()).await;
    let err = engine.translate(Lang::En, Lang::Es, &strings(&["The minister"]), &Hints::default()).await.unwrap_err();
    assert!(err.is_retryable());
    let (_, detail, _) = service_error(err);
    assert!(detail.contains("HTTP 500") && detail.contains("model crashed"), "{detail}");
    assert!(detail.contains("3 attempt"), "{detail}");
    assert_eq!(server.requests("POST", "/translate").len(), 3);
}

#[tokio::test]
async fn echoed_or_emptied_text_is_an_error() {
    let echo = Server::start(libre_service(LibreMode::Echo)).await;
    let err = libre(&echo, fast_http())
        .await
        .translate(Lang::En, Lang::Es, &strings(&["The minister", "", "met people"]), &Hints::default())
        .await
        .unwrap_err();
    assert!(matches!(err, TranslateError::Unchanged { segments: 2, ref engine } if engine == "libretranslate"), "{err:?}");

    let empty = Server::start(libre_service(LibreMode::Empty)).await;
    let err = libre(&empty, fast_http())
        .await
        .translate(Lang::En, Lang::Es, &strings(&["The minister"]), &Hints::default())
        .await
        .unwrap_err();
    assert!(matches!(err, TranslateError::EmptyOutput { .. }), "{err:?}");
}

#[tokio::test]
async fn requests_are_spaced_by_the_rate_limit() {
    let server = Server::start(libre_service(LibreMode::Translate)).await;
    let interval = Duration::from_millis(150);
    let engine = Arc::new(libre(&server, HttpOptions { min_interval: interval, ..fast_http() }).await);
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let engine = engine.clone();
            tokio::spawn(
                async move { engine.translate(Lang::En, Lang::Es, &strings(&["The minister"]), &Hints::default()).await },
            )
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap().segments, strings(&["El ministro"]));
    }
    let mut times: Vec<Instant> = server.requests("POST", "/translate").iter().map(|r| r.at).collect();
    times.sort();
    assert_eq!(times.len(), 4);
    // Unpaced, the four would arrive within a few milliseconds; arrival
    // times carry some network jitter, hence the margins.
    for pair in times.windows(2) {
        let gap = pair[1] - pair[0];
        assert!(gap >= Duration::from_millis(100), "requests {gap:?} apart");
    }
    assert!(times[3] - times[0] >= interval * 3 - Duration::from_millis(30));
}

// ---------------------------------------------------------------------------
// OpenAI-compatible chat completions

const OA_KEY: &str = "oa-key";
const MODEL: &str = "tiny-mt";

#[derive(Clone, Copy, PartialEq)]
enum ChatMode {
    Translate,
    DropOne,
    Silent,
}

/// `/v1/chat/completions` as OpenAI documents it; the "model" translates
/// the JSON array in the user message word by word and answers it fenced,
/// as chat models like to.
fn chat_service(mode: ChatMode, prompts: Arc<Mutex<Vec<String>>>) -> impl Fn(&Request) -> Answer + Send + Sync + 'static {
    move |req: &Request| {
        if (req.method.as_str(), req.path.as_str()) != ("POST", "/v1/chat/completions") {
            return reply(404, json!({"error": {"message": "Unknown request URL", "type": "invalid_request_error"}}));
        }
        if mode == ChatMode::Silent {
            return Answer::Hang;
        }
        if req.header("authorization") != Some(&format!("Bearer {OA_KEY}")) {
            return reply(
                401,
                json!({"error": {"message": "Incorrect API key provided.", "type": "invalid_request_error", "code": "invalid_api_key"}}),
            );
        }
        let body = match req.json() {
            Ok(b) => b,
            Err(answer) => return answer,
        };
        let invalid = |m: &str| reply(400, json!({"error": {"message": m, "type": "invalid_request_error"}}));
        if body["model"] != MODEL {
            return reply(404, json!({"error": {"message": "The model does not exist", "type": "invalid_request_error"}}));
        }
        if body["temperature"].as_f64() != Some(0.0) {
            return invalid("this test expects temperature 0");
        }
        let Some(messages) = body["messages"].as_array() else {
            return invalid("'messages' is required");
        };
        let role = |i: usize| messages.get(i).and_then(|m| m["role"].as_str());
        if messages.len() != 2 || role(0) != Some("system") || role(1) != Some("user") {
            return invalid("expected a system and a user message");
        }
        prompts.lock().unwrap().push(messages[0]["content"].as_str().unwrap_or("").to_string());
        let Ok(segments) = serde_json::from_str::<Vec<String>>(messages[1]["content"].as_str().unwrap_or("")) else {
            return invalid("the test model expects a JSON array of strings");
        };
        let mut out: Vec<String> = segments.iter().map(|s| tagged_word_by_word(s, EN_ES)).collect();
        if mode == ChatMode::DropOne {
            out.pop();
        }
        let content = format!("```json\n{}\n```", serde_json::to_string_pretty(&out).unwrap());
        reply(
            200,
            json!({
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": 1_700_000_000,
                "model": MODEL,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}
            }),
        )
    }
}

fn chat(server: &Server, key: &str, http: HttpOptions) -> OpenAiChat {
    let mut config = OpenAiConfig::new(format!("{}/v1", server.url), MODEL, vec![Lang::En, Lang::Es, Lang::Vi]);
    config.api_key = Some(key.into());
    config.http = http;
    OpenAiChat::new(config).unwrap()
}

#[tokio::test]
async fn openai_translates_segments_as_a_json_array() {
    let prompts = Arc::new(Mutex::new(Vec::new()));
    let server = Server::start(chat_service(ChatMode::Translate, prompts.clone())).await;
    let engine = chat(&server, OA_KEY, fast_http());
    assert!(engine.supports(Lang::Vi, Lang::Es) && !engine.supports(Lang::En, Lang::Ru));
    let out = engine
        .translate(Lang::En, Lang::Es, &strings(&["The minister", " ", "met 1743 people"]), &Hints::default())
        .await
        .unwrap();
    assert_eq!(out.segments, strings(&["El ministro", " ", "se reunió con 1743 personas"]));
    assert_eq!(out.engine, "openai:tiny-mt");
    assert_eq!(engine.name(), "openai");
    let prompt = prompts.lock().unwrap()[0].clone();
    assert!(prompt.contains("from English into Spanish") && prompt.contains("exactly 2 string(s)"), "{prompt}");
}

#[tokio::test]
async fn openai_prompt_carries_protected_names_and_glossary_terms() {
    let prompts = Arc::new(Mutex::new(Vec::new()));
    let server = Server::start(chat_service(ChatMode::Translate, prompts.clone())).await;
    let engine = chat(&server, OA_KEY, fast_http());
    let hints = Hints {
        protected: vec!["Trần Thế Dũng".into(), "Đà Nẵng".into()],
        forced: vec![("minister".into(), "ministra".into()), ("budget".into(), "presupuesto".into())],
    };
    engine.translate(Lang::En, Lang::Es, &strings(&["The minister visited Trần Thế Dũng"]), &hints).await.unwrap();
    let prompt = prompts.lock().unwrap()[0].clone();
    assert!(prompt.contains("\"Trần Thế Dũng\""), "{prompt}");
    assert!(prompt.contains("\"minister\" → \"ministra\""), "{prompt}");
    assert!(prompt.contains("number"), "{prompt}");
    // Terms absent from the text are not sent.
    assert!(!prompt.contains("Đà Nẵng") && !prompt.contains("presupuesto"), "{prompt}");
}

#[tokio::test]
async fn openai_answer_of_the_wrong_length_is_a_retryable_error() {
    let server = Server::start(chat_service(ChatMode::DropOne, Arc::default())).await;
    let engine = chat(&server, OA_KEY, fast_http());
    let err =
        engine.translate(Lang::En, Lang::Es, &strings(&["The minister", "met people"]), &Hints::default()).await.unwrap_err();
    assert!(err.is_retryable());
    let (name, detail, _) = service_error(err);
    assert_eq!(name, "openai");
    assert!(detail.contains("1 segment(s) for the 2 sent"), "{detail}");
}

#[tokio::test]
async fn openai_refused_key_is_not_retried() {
    let server = Server::start(chat_service(ChatMode::Translate, Arc::default())).await;
    let engine = chat(&server, "sk-wrong", fast_http());
    let err = engine.translate(Lang::En, Lang::Es, &strings(&["The minister"]), &Hints::default()).await.unwrap_err();
    assert!(!err.is_retryable());
    let (_, detail, _) = service_error(err);
    assert!(detail.contains("the API key was refused (HTTP 401)"), "{detail}");
    assert!(detail.contains("Incorrect API key provided"), "{detail}");
    assert_eq!(server.requests("POST", "/v1/chat/completions").len(), 1);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = Server::start(chat_service(ChatMode::Silent, Arc::default())).await;
    let engine =
        chat(&server, OA_KEY, HttpOptions { request_timeout: Duration::from_millis(300), max_attempts: 2, ..fast_http() });
    let started = Instant::now();
    let err = engine.translate(Lang::En, Lang::Es, &strings(&["The minister"]), &Hints::default()).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(err.is_retryable());
    let (_, detail, _) = service_error(err);
    assert!(detail.contains("no answer within 0.3s"), "{detail}");
    assert_eq!(server.requests("POST", "/v1/chat/completions").len(), 2);
    assert!(elapsed >= Duration::from_millis(550) && elapsed < Duration::from_secs(3), "{elapsed:?}");
}

// ---------------------------------------------------------------------------
// DeepL

const DL_KEY: &str = "dl-key:fx";

/// (id, name, source_lang, target_lang, entries)
type StoredGlossary = (String, String, String, String, Vec<(String, String)>);

#[derive(Default)]
struct DeepLState {
    glossaries: Vec<StoredGlossary>,
    quota_used_up: bool,
}

const DL_SOURCES: &[&str] = &["EN", "ES", "VI", "DE", "PT", "RU", "UK", "ZH", "JA"];
const DL_TARGETS: &[&str] = &["EN-GB", "EN-US", "ES", "VI", "DE", "PT-PT", "PT-BR", "RU", "UK", "ZH-HANS", "JA"];

/// DeepL's `/v2/translate` and `/v2/glossaries`, as its API reference
/// documents them. Unprotected text is "translated" word by word and loses
/// its Vietnamese diacritics, as a careless engine would do to names.
fn deepl_service(state: Arc<Mutex<DeepLState>>) -> impl Fn(&Request) -> Answer + Send + Sync + 'static {
    move |req: &Request| {
        if req.header("authorization") != Some(&format!("DeepL-Auth-Key {DL_KEY}")) {
            return reply(403, json!({"message": "Wrong endpoint. Use https://api.deepl.com"}));
        }
        let mut state = state.lock().unwrap();
        match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/v2/glossaries") => {
                let list: Vec<Value> = state
                    .glossaries
                    .iter()
                    .map(|(id, name, s, t, e)| {
                        json!({"glossary_id": id, "name": name, "ready": true, "source_lang": s, "target_lang": t,
                               "creation_time": "2025-01-01T00:00:00.000Z", "entry_count": e.len()})
                    })
                    .collect();
                reply(200, json!({"glossaries": list}))
            }
            ("POST", "/v2/glossaries") => {
                let body = match req.json() {
                    Ok(b) => b,
                    Err(answer) => return answer,
                };
                let field = |k: &str| body[k].as_str().unwrap_or("").to_string();
                let (name, source, target) = (field("name"), field("source_lang"), field("target_lang"));
                if name.is_empty() || field("entries_format") != "tsv" {
                    return reply(400, json!({"message": "Invalid glossary: name and entries_format are required"}));
                }
                // This account's glossaries cover a few pairs only, like DeepL's list.
                if source.len() != 2
                    || target.len() != 2
                    || source.to_lowercase() != source
                    || target.to_lowercase() != target
                    || source == "vi"
                {
                    return reply(400, json!({"message": "Unsupported glossary language pair"}));
                }
                let mut entries = Vec::new();
                for line in field("entries").lines() {
                    let parts: Vec<&str> = line.split('\t').collect();
                    if parts.len() != 2 || parts.iter().any(|p| p.trim().is_empty()) {
                        return reply(400, json!({"message": format!("Invalid glossary entry {line:?}")}));
                    }
                    if entries.iter().any(|(s, _): &(String, String)| s == parts[0]) {
                        return reply(400, json!({"message": "Duplicate source entry"}));
                    }
                    entries.push((parts[0].to_string(), parts[1].to_string()));
                }
                let id = format!("gl-{}", state.glossaries.len() + 1);
                let count = entries.len();
                state.glossaries.push((id.clone(), name.clone(), source.clone(), target.clone(), entries));
                reply(
                    201,
                    json!({"glossary_id": id, "name": name, "ready": true, "source_lang": source, "target_lang": target,
                           "creation_time": "2025-01-01T00:00:00.000Z", "entry_count": count}),
                )
            }
            ("POST", "/v2/translate") => {
                if state.quota_used_up {
                    return reply(456, json!({"message": "Quota exceeded. The character limit has been reached."}));
                }
                let body = match req.json() {
                    Ok(b) => b,
                    Err(answer) => return answer,
                };
                let Some(texts) = body["text"].as_array() else {
                    return reply(400, json!({"message": "Parameter 'text' not specified."}));
                };
                let texts: Vec<&str> = texts.iter().filter_map(Value::as_str).collect();
                if texts.is_empty() || texts.len() > 50 || texts.iter().any(|t| t.trim().is_empty()) {
                    return reply(400, json!({"message": "Parameter 'text' must hold 1 to 50 non-empty texts."}));
                }
                let source = body["source_lang"].as_str().unwrap_or("");
                let target = body["target_lang"].as_str().unwrap_or("");
                if !DL_SOURCES.contains(&source) {
                    return reply(400, json!({"message": "Value for 'source_lang' not supported."}));
                }
                if !DL_TARGETS.contains(&target) {
                    return reply(400, json!({"message": "Value for 'target_lang' not supported."}));
                }
                let xml = match body.get("tag_handling").map(|v| v.as_str()) {
                    None => false,
                    Some(Some("xml")) => true,
                    _ => return reply(400, json!({"message": "Value for 'tag_handling' not supported."})),
                };
                let ignored: Vec<String> = body["ignore_tags"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|t| t.as_str().map(str::to_string)).collect())
                    .unwrap_or_default();
                let glossary: Vec<(String, String)> = match body.get("glossary_id") {
                    None => Vec::new(),
                    Some(id) => match state.glossaries.iter().find(|g| id.as_str() == Some(g.0.as_str())) {
                        Some((_, _, s, t, e)) if s.to_uppercase() == source && target.starts_with(&t.to_uppercase()) => e.clone(),
                        Some(_) => return reply(400, json!({"message": "Glossary does not match the language pair."})),
                        None => return reply(404, json!({"message": "Glossary not found."})),
                    },
                };
                let mut out = Vec::new();
                for text in texts {
                    match deepl_translate(text, xml, &ignored, &glossary) {
                        Ok(t) => out.push(json!({"detected_source_language": source, "text": t})),
                        Err(m) => return reply(400, json!({"message": m})),
                    }
                }
                reply(200, json!({"translations": out}))
            }
            _ => reply(404, json!({"message": "Not found"})),
        }
    }
}

/// Translates one text the way the fake DeepL does, honouring ignored tags
/// and refusing malformed XML when tag handling is on.
fn deepl_translate(text: &str, xml: bool, ignored: &[String], glossary: &[(String, String)]) -> Result<String, String> {
    let translate_plain = |plain: &str| {
        let mut t = plain.to_string();
        for (s, g) in glossary {
            t = t.replace(s.as_str(), g);
        }
        fold_diacritics(&word_by_word(&t, EN_ES))
    };
    if !xml {
        return Ok(translate_plain(text));
    }
    // Split into text and <tag>...</tag> elements; text must be escaped XML.
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let next_tag = rest.find('<').unwrap_or(rest.len());
        let plain = &rest[..next_tag];
        if plain.contains('>') || plain.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "").contains('&') {
            return Err("Tag handling parsing failed: text is not well-formed XML".into());
        }
        let unescaped = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        let translated = translate_plain(&unescaped);
        out.push_str(&translated.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"));
        rest = &rest[next_tag..];
        if rest.is_empty() {
            break;
        }
        let Some(close) = rest.find('>') else {
            return Err("Tag handling parsing failed: unclosed tag".into());
        };
        let tag = &rest[1..close];
        let end = format!("</{tag}>");
        let Some(end_at) = rest.find(&end) else {
            return Err(format!("Tag handling parsing failed: <{tag}> is not closed"));
        };
        let inner = &rest[close + 1..end_at];
        if ignored.iter().any(|t| t == tag) {
            out.push_str(&format!("<{tag}>{inner}</{tag}>"));
        } else {
            out.push_str(&format!("<{tag}>{}</{tag}>", translate_plain(inner)));
        }
        rest = &rest[end_at + end.len()..];
    }
    Ok(out)
}

fn deepl(server: &Server) -> DeepL {
    let mut config = DeepLConfig::new(&server.url, DL_KEY);
    config.http = fast_http();
    DeepL::new(config).unwrap()
}

#[tokio::test]
async fn deepl_translates_with_its_language_codes() {
    let state = Arc::new(Mutex::new(DeepLState::default()));
    let server = Server::start(deepl_service(state.clone())).await;
    let engine = deepl(&server);
    let out = engine
        .translate(Lang::En, Lang::Pt, &strings(&["The minister", "", "met 1743 people"]), &Hints::default())
        .await
        .unwrap();
    assert_eq!(out.segments, strings(&["El ministro", "", "se reunió con 1743 personas"]));
    assert_eq!(out.engine, "deepl");
    let body: Value = serde_json::from_slice(&server.requests("POST", "/v2/translate")[0].body).unwrap();
    assert_eq!(body["text"], json!(["The minister", "met 1743 people"]));
    assert_eq!((body["source_lang"].as_str(), body["target_lang"].as_str()), (Some("EN"), Some("PT-PT")));
    assert!(body.get("tag_handling").is_none() && body.get("glossary_id").is_none(), "{body}");

    engine.translate(Lang::Es, Lang::En, &strings(&["The minister"]), &Hints::default()).await.unwrap();
    let body: Value = serde_json::from_slice(&server.requests("POST", "/v2/translate")[1].body).unwrap();
    assert_eq!(body["target_lang"], "EN-GB");
    assert!(!engine.supports(Lang::En, Lang::Ca));
}

#[tokio::test]
async fn deepl_keeps_protected_terms_in_ignored_tags() {
    let state = Arc::new(Mutex::new(DeepLState::default()));
    let server = Server::start(deepl_service(state.clone())).await;
    let engine = deepl(&server);
    let segments = strings(&["The minister met Trần Thế Dũng in Hà Tĩnh with Ernst & Young officials"]);

    // Without protection this service folds the names.
    let careless = engine.translate(Lang::En, Lang::Es, &segments, &Hints::default()).await.unwrap();
    assert!(careless.segments[0].contains("Tran The Dung"), "{careless:?}");

    let hints =
        Hints { protected: vec!["Trần Thế Dũng".into(), "Hà Tĩnh".into(), "Ernst & Young".into()], forced: Vec::new() };
    let out = engine.translate(Lang::En, Lang::Es, &segments, &hints).await.unwrap();
    assert_eq!(out.segments, strings(&["El ministro se reunió con Trần Thế Dũng en Hà Tĩnh con Ernst & Young funcionarios"]));
    let body: Value = serde_json::from_slice(&server.requests("POST", "/v2/translate")[1].body).unwrap();
    assert_eq!(body["tag_handling"], "xml");
    assert_eq!(body["ignore_tags"], json!(["x"]));
    assert_eq!(
        body["text"][0],
        "The minister met <x>Trần Thế Dũng</x> in <x>Hà Tĩnh</x> with <x>Ernst &amp; Young</x> officials"
    );
}

#[tokio::test]
async fn deepl_glossary_is_created_once_and_reused() {
    let state = Arc::new(Mutex::new(DeepLState::default()));
    let server = Server::start(deepl_service(state.clone())).await;
    let hints = Hints {
        protected: Vec::new(),
        forced: vec![("minister".into(), "ministra".into()), ("officials".into(), "autoridades".into())],
    };
    let segments = strings(&["The minister met officials"]);
    let engine = deepl(&server);
    for _ in 0..2 {
        let out = engine.translate(Lang::En, Lang::Es, &segments, &hints).await.unwrap();
        assert_eq!(out.segments, strings(&["El ministra se reunió con autoridades"]));
    }
    assert_eq!(server.requests("POST", "/v2/glossaries").len(), 1);
    assert_eq!(server.requests("GET", "/v2/glossaries").len(), 1);
    let created: Value = serde_json::from_slice(&server.requests("POST", "/v2/glossaries")[0].body).unwrap();
    assert_eq!(created["entries"], "minister\tministra\nofficials\tautoridades");
    assert_eq!((created["source_lang"].as_str(), created["target_lang"].as_str()), (Some("en"), Some("es")));
    for call in server.requests("POST", "/v2/translate") {
        let body: Value = serde_json::from_slice(&call.body).unwrap();
        assert_eq!(body["glossary_id"], "gl-1");
    }

    // After a restart the glossary is found on the account, not created again.
    let restarted = deepl(&server);
    restarted.translate(Lang::En, Lang::Es, &segments, &hints).await.unwrap();
    assert_eq!(server.requests("POST", "/v2/glossaries").len(), 1);

    // Different entries make a different glossary.
    let other = Hints { protected: Vec::new(), forced: vec![("minister".into(), "jefe".into())] };
    let out = restarted.translate(Lang::En, Lang::Es, &segments, &other).await.unwrap();
    assert_eq!(out.segments, strings(&["El jefe se reunió con funcionarios"]));
    assert_eq!(server.requests("POST", "/v2/glossaries").len(), 2);
    assert_eq!(state.lock().unwrap().glossaries.len(), 2);
}

#[tokio::test]
async fn deepl_quota_and_key_errors_are_final() {
    let state = Arc::new(Mutex::new(DeepLState { quota_used_up: true, ..DeepLState::default() }));
    let server = Server::start(deepl_service(state.clone())).await;
    let err = deepl(&server).translate(Lang::En, Lang::Es, &strings(&["The minister"]), &Hints::default()).await.unwrap_err();
    assert!(!err.is_retryable());
    let (_, detail, _) = service_error(err);
    assert!(detail.contains("quota is used up (HTTP 456)"), "{detail}");
    assert_eq!(server.requests("POST", "/v2/translate").len(), 1);

    let mut config = DeepLConfig::new(&server.url, "other-key");
    config.http = fast_http();
    let err = DeepL::new(config)
        .unwrap()
        .translate(Lang::En, Lang::Es, &strings(&["The minister"]), &Hints::default())
        .await
        .unwrap_err();
    let (_, detail, retryable) = service_error(err);
    assert!(!retryable && detail.contains("the API key was refused (HTTP 403)"), "{detail}");
}

#[tokio::test]
async fn deepl_translates_without_a_glossary_it_cannot_have() {
    let state = Arc::new(Mutex::new(DeepLState::default()));
    let server = Server::start(deepl_service(state.clone())).await;
    let engine = deepl(&server);
    let hints = Hints { protected: Vec::new(), forced: vec![("Bộ Tài chính".into(), "Ministerio de Hacienda".into())] };
    for _ in 0..2 {
        let out = engine.translate(Lang::Vi, Lang::Es, &strings(&["Bộ Tài chính họp"]), &hints).await.unwrap();
        assert_eq!(out.segments, strings(&["Bo Tai chinh hop"]), "translated, without the glossary");
    }
    // Refused once, remembered: no second attempt to create it.
    assert_eq!(server.requests("POST", "/v2/glossaries").len(), 1);
    for call in server.requests("POST", "/v2/translate") {
        let body: Value = serde_json::from_slice(&call.body).unwrap();
        assert!(body.get("glossary_id").is_none(), "{body}");
    }
}

/// A sentence with a bold word and a linked one, through the `Translator`
/// and `engine`: the marks must land on the translated words.
async fn marks_survive(engine: Arc<dyn Engine>) -> (String, Vec<loa_domain::Mark>) {
    use loa_domain::{Mark, MarkKind};
    let text = "The minister met officials on Monday";
    let marks = vec![
        Mark { start: 4, end: 12, kind: MarkKind::Bold },
        Mark { start: 30, end: 36, kind: MarkKind::Link { href: "https://example.org/monday".into() } },
    ];
    assert_eq!((&text[4..12], &text[30..36]), ("minister", "Monday"));
    let translator = Translator::new(vec![engine]);
    let (outcome, out_marks) =
        translator.translate_marked(Lang::En, Lang::Es, &[(text.to_string(), marks)], &Context::default()).await.unwrap();
    let out = outcome.segments[0].clone();
    assert_eq!(out, "El ministro se reunió con funcionarios el lunes");
    let covered: Vec<&str> = out_marks[0].iter().map(|m| &out[m.start..m.end]).collect();
    assert_eq!(covered, ["ministro", "lunes"]);
    assert_eq!(out_marks[0][0].kind, MarkKind::Bold);
    (out, out_marks[0].clone())
}

#[tokio::test]
async fn deepl_carries_marked_spans_as_tags() {
    let state = Arc::new(Mutex::new(DeepLState::default()));
    let server = Server::start(deepl_service(state.clone())).await;
    marks_survive(Arc::new(deepl(&server))).await;
    let body: Value = serde_json::from_slice(&server.requests("POST", "/v2/translate")[0].body).unwrap();
    assert_eq!(body["tag_handling"], "xml");
    assert_eq!(body["text"][0], "The <m0>minister</m0> met officials on <m1>Monday</m1>");
}

#[tokio::test]
async fn openai_carries_marked_spans_as_tags() {
    let prompts = Arc::new(Mutex::new(Vec::new()));
    let server = Server::start(chat_service(ChatMode::Translate, prompts.clone())).await;
    marks_survive(Arc::new(chat(&server, OA_KEY, fast_http()))).await;
    let body: Value = serde_json::from_slice(&server.requests("POST", "/v1/chat/completions")[0].body).unwrap();
    let sent: Vec<String> = serde_json::from_str(body["messages"][1]["content"].as_str().unwrap()).unwrap();
    assert_eq!(sent, ["The <m0>minister</m0> met officials on <m1>Monday</m1>"]);
    assert!(prompts.lock().unwrap()[0].contains("<m0>"), "the prompt tells the model to keep the tags");
}

#[tokio::test]
async fn libretranslate_carries_marked_spans_as_html() {
    let server = Server::start(libre_service(LibreMode::Translate)).await;
    marks_survive(Arc::new(libre(&server, fast_http()).await)).await;
    let body: Value = serde_json::from_slice(&server.requests("POST", "/translate")[0].body).unwrap();
    assert_eq!(body["format"], "html");
    assert_eq!(body["q"], json!(["The <m0>minister</m0> met officials on <m1>Monday</m1>"]));
}
