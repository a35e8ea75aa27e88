//! What can go wrong, for every engine and the orchestrator alike.

use std::path::PathBuf;
use std::time::Duration;

use loa_domain::Lang;

#[derive(Debug, thiserror::Error)]
pub enum TranslateError {
    #[error("cannot read the Apertium modes directory {path}: {source} (is Apertium installed, or is the modes directory misconfigured?)")]
    ModesDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no usable translation direction in {path}: install Apertium language pairs (e.g. apertium-eng-spa)")]
    NoDirections { path: PathBuf },
    #[error("source and target are both {0}: nothing to translate")]
    SameLanguage(Lang),
    #[error("no installed Apertium route from {from} to {to}: install a language pair connecting them")]
    NoRoute { from: Lang, to: Lang },
    #[error("nothing to translate: every segment is empty")]
    EmptyInput,
    #[error("cannot build the null-flush pipeline for Apertium mode {mode}: {detail}")]
    ModeScript { mode: String, detail: String },
    #[error("cannot start the Apertium pipeline {mode}: {source}")]
    Spawn {
        mode: String,
        #[source]
        source: std::io::Error,
    },
    #[error("Apertium pipeline {mode} gave no answer within {after:?}; it was killed and will be restarted on the next request")]
    Timeout { mode: String, after: Duration },
    #[error("Apertium pipeline {mode} failed: {detail}; it was killed and will be restarted on the next request")]
    PipelineFailed { mode: String, detail: String },
    #[error("{engine} returned empty text: {detail}; do not publish this edition")]
    EmptyOutput { engine: String, detail: String },
    /// An HTTP engine's service failed or refused; `retryable` says whether
    /// the same request may succeed later (timeouts, 429, 5xx).
    #[error("{engine}: {detail}")]
    Service { engine: String, detail: String, retryable: bool },
    #[error("the translation memory failed: {0}")]
    Memory(String),
    #[error("{engine} returned every segment unchanged ({segments} segment(s)): the text was not translated; do not publish this edition")]
    Unchanged { engine: String, segments: usize },
}

impl TranslateError {
    /// Whether the same request may succeed later, so a job should be
    /// retried rather than its edition marked failed.
    pub fn is_retryable(&self) -> bool {
        match self {
            TranslateError::Timeout { .. } | TranslateError::PipelineFailed { .. } | TranslateError::Spawn { .. } => true,
            TranslateError::Service { retryable, .. } => *retryable,
            _ => false,
        }
    }
}
