//! The `loa` binary's library half: configuration, the wiring of the
//! crates into commands, and the background jobs. The binary (`main.rs`)
//! only parses arguments and calls in here, so tests drive the same code.

pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod extract_cmd;
pub mod following;
pub mod imagesize;
pub mod ingest;
pub mod jobs;
pub mod media;
pub mod memory;
pub mod migrate_cmd;
pub mod pages_cmd;
pub mod politeness;
pub mod progress;
pub mod renditions;
pub mod services;
pub mod sources_cmd;
pub mod translate_cmd;
pub mod users_cmd;

pub use app::Application;
pub use config::Config;
pub use services::Services;
