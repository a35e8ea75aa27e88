//! loa's translation engines and the orchestrator in front of them.
//!
//! Architecture invariant: only this crate runs translation engines; it knows
//! nothing of the store, HTTP serving or search. Callers hand it text
//! segments (title, lead, paragraphs, captions) and get text segments back.
//!
//! The map:
//! - [`engine`]: the [`Engine`] trait every service implements, and the
//!   [`Translation`] it answers; [`error`]: [`TranslateError`].
//! - [`apertium`]: [`Apertium`], warm pipelines per installed direction
//!   (`discovery` reads mode names, `routing` bridges missing pairs through
//!   pivots, `pipeline` runs one null-flush process, `stream` frames many
//!   segments into one request).
//! - [`http`]: LibreTranslate, OpenAI-compatible chat and DeepL.
//! - [`translator`]: [`Translator`], which protects names ([`names`]) and
//!   glossary terms ([`glossary`], [`protect`]), looks sentences
//!   ([`segment`]) up in the translation [`memory`], tries the engines in
//!   order and judges the result ([`gate`]); [`tmx`] moves the memory in and
//!   out.

pub mod apertium;
mod discovery;
pub mod engine;
pub mod error;
pub mod gate;
pub mod glossary;
pub mod http;
pub mod memory;
pub mod names;
mod pipeline;
pub mod protect;
mod routing;
pub mod segment;
mod stream;
pub mod tmx;
pub mod translator;

pub use apertium::{Apertium, DEFAULT_MODES_DIR, DEFAULT_REQUEST_TIMEOUT};
pub use discovery::{parse_mode_name, ModeNameRejection};
pub use engine::{Engine, EngineFuture, Hints, Translation};
pub use error::TranslateError;
pub use gate::{GateInput, GateLimits, Problem};
pub use glossary::{Glossary, GlossaryEntry, GlossaryError};
pub use http::{
    DeepL, DeepLConfig, HttpOptions, LibreTranslate, LibreTranslateConfig, OpenAiChat, OpenAiConfig, DEEPL_FREE_URL,
    DEEPL_PRO_URL,
};
pub use memory::{normalise, InMemory, Memory, MemoryError, MemoryFuture, HUMAN};
pub use names::{find_vietnamese_names, fold_ascii, transcribe, NameKind, NameSpan};
pub use protect::{protect, restore, Protected};
pub use segment::{sentence_ranges, sentences, splice};
pub use tmx::{read_tmx, read_tmx_bytes, write_tmx, TmxError, TmxImport, TmxUnit};
pub use translator::{Context, Outcome, Translator};
