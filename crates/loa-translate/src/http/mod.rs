//! Translation engines reached over HTTP, for the pairs Apertium cannot
//! serve (Vietnamese above all): LibreTranslate, any OpenAI-compatible chat
//! completions server, and DeepL.
//!
//! What they share lives here:
//! - one `reqwest` client per engine with a connect timeout and a total
//!   timeout per attempt;
//! - a client-side rate limit: a minimum interval between the starts of two
//!   requests of the same engine (retries included), so a batch job does not
//!   trip the service's own limiter;
//! - retries with exponential backoff (and a little jitter) on timeouts,
//!   connection failures, 408, 429 and 5xx, honouring `Retry-After`;
//! - errors as [`TranslateError::Service`] whose detail says what to do
//!   (a refused key, a used-up quota, the service's own explanation of a 400);
//! - the segment rules every engine follows: blank segments are not sent and
//!   come back as given, a segment's surrounding whitespace is kept, an empty
//!   answer for a non-blank segment is [`TranslateError::EmptyOutput`], and an
//!   answer identical to the source in every segment is
//!   [`TranslateError::Unchanged`].
//!
//! The client is built from the workspace's `reqwest`; `https://` endpoints
//! need a TLS feature of `reqwest` enabled somewhere in the build.//!
//! `client` is the client and its retries, `segments` the segment rules,
//! `xml` the text escaping of the engines that send markup.

/// The [`crate::Engine`] of an HTTP engine whose config lists the languages
/// it may be asked for and whose `translate_segments` takes the hints:
/// DeepL and OpenAI-compatible servers. Spans travel as markup.
macro_rules! engine_for_listed_languages {
    ($engine:ty, $name:expr) => {
        impl crate::Engine for $engine {
            fn carries_spans_as_markup(&self) -> bool {
                true
            }

            fn name(&self) -> &str {
                $name
            }

            fn supports(&self, from: Lang, to: Lang) -> bool {
                from != to && self.config.languages.contains(&from) && self.config.languages.contains(&to)
            }

            fn translate<'a>(
                &'a self,
                from: Lang,
                to: Lang,
                segments: &'a [String],
                hints: &'a crate::Hints,
            ) -> crate::EngineFuture<'a> {
                Box::pin(self.translate_segments(from, to, segments, hints))
            }
        }
    };
}

mod client;
mod deepl;
mod libretranslate;
mod openai;
mod segments;
mod xml;

pub use client::HttpOptions;
pub(crate) use client::{service_error, ServiceClient};
pub use deepl::{DeepL, DeepLConfig, DEEPL_FREE_URL, DEEPL_PRO_URL};
pub use libretranslate::{LibreTranslate, LibreTranslateConfig};
pub use openai::{OpenAiChat, OpenAiConfig};
pub(crate) use segments::{assemble, batches, endpoint, english_name, prepare};
use xml::{xml_escape, xml_unescape};

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use loa_domain::Lang;

    use super::client::{parse_retry_after, service_message};
    use super::*;
    use crate::TranslateError;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn retry_after_takes_seconds_and_http_dates() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("0.5", now), Some(Duration::from_millis(500)));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now), Some(Duration::from_secs(30)));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-4", now), None);
    }

    #[test]
    fn service_messages_are_found_in_each_services_shape() {
        assert_eq!(service_message(r#"{"error":"Invalid API key"}"#), "Invalid API key");
        assert_eq!(
            service_message(r#"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}"#),
            "Incorrect API key provided"
        );
        assert_eq!(
            service_message(r#"{"message":"Value for 'target_lang' not supported."}"#),
            "Value for 'target_lang' not supported."
        );
        assert_eq!(service_message("  "), "no explanation in the answer");
        assert!(service_message(&"x".repeat(1000)).chars().count() <= 301);
    }

    #[test]
    fn batches_respect_counts_and_sizes() {
        let segs = strings(&["aaaa", "", "bbbb", "cccc", "dddddddddddd", "e"]);
        let sent = prepare("t", true, Lang::En, Lang::Es, &segs).unwrap();
        assert_eq!(sent, vec![0, 2, 3, 4, 5]);
        assert_eq!(batches(&segs, &sent, 2, 100), vec![vec![0, 2], vec![3, 4], vec![5]]);
        assert_eq!(batches(&segs, &sent, 10, 8), vec![vec![0, 2], vec![3], vec![4], vec![5]]);
    }

    #[test]
    fn assemble_keeps_whitespace_and_applies_the_failure_rule() {
        let src = strings(&["  Hello ", "", "World"]);
        let ok = assemble("t".into(), &src, vec![(0, "Hola".into()), (2, "Mundo".into())]).unwrap();
        assert_eq!(ok.segments, strings(&["  Hola ", "", "Mundo"]));
        let empty = assemble("t".into(), &src, vec![(0, "Hola".into()), (2, " ".into())]).unwrap_err();
        assert!(matches!(empty, TranslateError::EmptyOutput { .. }), "{empty}");
        let same = assemble("t".into(), &src, vec![(0, "Hello".into()), (2, "World".into())]).unwrap_err();
        assert!(matches!(same, TranslateError::Unchanged { segments: 2, .. }), "{same}");
    }

    #[test]
    fn endpoints_keep_the_base_path() {
        assert_eq!(endpoint("t", "http://h:5000/lt/", "translate").unwrap().as_str(), "http://h:5000/lt/translate");
        assert!(endpoint("t", "ftp://h", "x").is_err());
        assert!(endpoint("t", "not a url", "x").is_err());
    }
}
