//! One engine's HTTP client: timeouts, pacing, retries with backoff and
//! `Retry-After`, and errors that say what to do.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Client, RequestBuilder, StatusCode};
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::TranslateError;

/// Timeouts, retries and pacing of one HTTP engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpOptions {
    /// Time allowed to open the TCP connection.
    pub connect_timeout: Duration,
    /// Time allowed for one attempt, from sending to the last byte of the answer.
    pub request_timeout: Duration,
    /// Attempts per request, the first included (at least 1).
    pub max_attempts: u32,
    /// Wait before the second attempt; doubled for each further one.
    pub initial_backoff: Duration,
    /// Upper bound of the computed wait between attempts.
    pub max_backoff: Duration,
    /// Longest `Retry-After` the engine waits for; a service asking for
    /// more fails the request (retryable) instead of blocking a worker.
    pub max_retry_after: Duration,
    /// Minimum time between the starts of two requests (zero: no limit).
    pub min_interval: Duration,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            max_attempts: 4,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
            min_interval: Duration::ZERO,
        }
    }
}

/// The HTTP side of one engine: client, pacing and retry policy.
pub(crate) struct ServiceClient {
    engine: &'static str,
    http: Client,
    options: HttpOptions,
    /// When the last request started; locked while waiting for the next
    /// slot, so concurrent callers queue up in order.
    last_start: Mutex<Option<Instant>>,
}

/// What went wrong with one attempt.
struct AttemptFailure {
    detail: String,
    retryable: bool,
    /// The wait the service asked for, if any.
    retry_after: Option<Duration>,
}

impl ServiceClient {
    pub(crate) fn new(engine: &'static str, options: HttpOptions) -> Result<ServiceClient, TranslateError> {
        let http = Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.request_timeout)
            .user_agent(concat!("loa-translate/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| service_error(engine, format!("cannot build the HTTP client: {}", error_chain(&e)), false))?;
        Ok(ServiceClient { engine, http, options, last_start: Mutex::new(None) })
    }

    /// Sends the request `build` makes (once per attempt) and returns the
    /// body of the first successful answer. `what` names the call in errors,
    /// e.g. `POST /translate`.
    pub(crate) async fn send<F>(&self, what: &str, build: F) -> Result<String, TranslateError>
    where
        F: Fn(&Client) -> RequestBuilder,
    {
        let attempts = self.options.max_attempts.max(1);
        let mut attempt = 1;
        loop {
            self.wait_for_slot().await;
            let failure = match build(&self.http).send().await {
                Ok(response) => {
                    let status = response.status();
                    let retry_after = response_retry_after(response.headers());
                    match response.text().await {
                        Ok(body) if status.is_success() => return Ok(body),
                        Ok(body) => status_failure(status, &body, retry_after),
                        Err(e) => transport_failure(&e, &self.options),
                    }
                }
                Err(e) => transport_failure(&e, &self.options),
            };

            if !failure.retryable {
                return Err(service_error(self.engine, format!("{what}: {}", failure.detail), false));
            }
            if attempt >= attempts {
                return Err(service_error(
                    self.engine,
                    format!("{what}: {} (gave up after {attempt} attempt(s))", failure.detail),
                    true,
                ));
            }
            let wait = match failure.retry_after {
                Some(asked) if asked > self.options.max_retry_after => {
                    return Err(service_error(
                        self.engine,
                        format!(
                            "{what}: {}; the service asked to wait {}s before retrying, more than the {}s allowed",
                            failure.detail,
                            asked.as_secs(),
                            self.options.max_retry_after.as_secs()
                        ),
                        true,
                    ));
                }
                Some(asked) => asked,
                None => backoff(&self.options, attempt),
            };
            tracing::debug!(engine = self.engine, what, attempt, ?wait, detail = %failure.detail, "retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// Waits until `min_interval` has passed since the previous request started.
    async fn wait_for_slot(&self) {
        let mut last = self.last_start.lock().await;
        if let Some(previous) = *last {
            let ready = previous + self.options.min_interval;
            if ready > Instant::now() {
                tokio::time::sleep_until(ready).await;
            }
        }
        *last = Some(Instant::now());
    }
}

pub(crate) fn service_error(engine: &str, detail: String, retryable: bool) -> TranslateError {
    TranslateError::Service { engine: engine.to_string(), detail, retryable }
}

/// The wait before attempt `attempt + 1`: doubling from `initial_backoff`,
/// capped, plus up to a quarter more so that workers refused together do
/// not come back together.
fn backoff(options: &HttpOptions, attempt: u32) -> Duration {
    let doubled = options.initial_backoff.saturating_mul(1u32 << (attempt - 1).min(16));
    let base = doubled.min(options.max_backoff);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let jitter = base.mul_f64(f64::from(nanos % 1000) / 4000.0);
    base + jitter
}

fn status_failure(status: StatusCode, body: &str, retry_after: Option<Duration>) -> AttemptFailure {
    let code = status.as_u16();
    let explanation = service_message(body);
    let (detail, retryable) = match code {
        401 | 403 => (
            format!("the API key was refused (HTTP {code}): {explanation}; check the key configured for this engine"),
            false,
        ),
        456 => (
            format!("the account's character quota is used up (HTTP 456): {explanation}; wait for the next billing period or raise the plan"),
            false,
        ),
        429 => (format!("too many requests (HTTP 429): {explanation}"), true),
        408 => (format!("the service timed out reading the request (HTTP 408): {explanation}"), true),
        404 => (
            format!("no such endpoint (HTTP 404): {explanation}; check the engine's base URL"),
            false,
        ),
        413 => (
            format!("request too large (HTTP 413): {explanation}; lower the engine's batch size"),
            false,
        ),
        500..=599 => (format!("the service failed (HTTP {code}): {explanation}"), true),
        _ => (format!("the request was refused (HTTP {code}): {explanation}"), false),
    };
    AttemptFailure { detail, retryable, retry_after }
}

fn transport_failure(error: &reqwest::Error, options: &HttpOptions) -> AttemptFailure {
    let (detail, retryable) = if error.is_timeout() {
        (
            format!(
                "no answer within {}s (connect timeout {}s)",
                options.request_timeout.as_secs_f64(),
                options.connect_timeout.as_secs_f64()
            ),
            true,
        )
    } else if error.is_connect() {
        (format!("cannot connect: {}", error_chain(error)), true)
    } else if error.is_builder() {
        (format!("cannot build the request: {}", error_chain(error)), false)
    } else {
        // The connection broke mid-request or mid-answer: worth another try.
        (format!("the exchange failed: {}", error_chain(error)), true)
    };
    AttemptFailure { detail, retryable, retry_after: None }
}

/// An error with its causes, which is where reqwest puts the useful part.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// The explanation a service put in an error body: LibreTranslate's
/// `{"error": "..."}`, OpenAI's `{"error": {"message": "..."}}`, DeepL's
/// `{"message": "...", "detail": "..."}`, or the text itself.
pub(crate) fn service_message(body: &str) -> String {
    const MAX: usize = 300;
    let body = body.trim();
    if body.is_empty() {
        return "no explanation in the answer".to_string();
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(body) {
        let mut parts = Vec::new();
        match value.get("error") {
            Some(serde_json::Value::String(s)) => parts.push(s.clone()),
            Some(serde_json::Value::Object(o)) => {
                if let Some(m) = o.get("message").and_then(|m| m.as_str()) {
                    parts.push(m.to_string());
                }
            }
            _ => {}
        }
        for key in ["message", "detail"] {
            if let Some(m) = value.get(key).and_then(|m| m.as_str()) {
                parts.push(m.to_string());
            }
        }
        if !parts.is_empty() {
            return truncate(&parts.join(": "), MAX);
        }
    }
    truncate(body, MAX)
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// `Retry-After` as a wait: delay seconds, or an HTTP date.
fn response_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, SystemTime::now())
}

pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
    }
    let at = parse_http_date(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Parses the IMF-fixdate form of an HTTP date, `Sun, 06 Nov 1994 08:49:37 GMT`.
fn parse_http_date(value: &str) -> Option<SystemTime> {
    let fields: Vec<&str> = value.split_whitespace().collect();
    let [_weekday, day, month, year, time, zone] = fields.as_slice() else {
        return None;
    };
    if *zone != "GMT" {
        return None;
    }
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let day: i64 = day.parse().ok()?;
    let year: i64 = year.parse().ok()?;
    let mut clock = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (clock.next()??, clock.next()??, clock.next()??);
    if !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    let seconds = days * 86_400 + h * 3600 + m * 60 + s;
    Some(UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).ok()?))
}
