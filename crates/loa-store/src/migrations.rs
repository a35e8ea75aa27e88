//! Migrations embedded in the binary, so a fresh machine needs no files
//! beside it and no proc-macro (`sqlx::migrate!`) at build time. Each
//! version exists once per backend, with the same tables and columns.

use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use std::borrow::Cow;

use crate::Backend;

/// (version, name, SQLite form, PostgreSQL form).
const MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "initial",
        include_str!("../migrations/sqlite/0001_initial.sql"),
        include_str!("../migrations/postgres/0001_initial.sql"),
    ),
    (
        2,
        "sources at depth",
        include_str!("../migrations/sqlite/0002_sources_at_depth.sql"),
        include_str!("../migrations/postgres/0002_sources_at_depth.sql"),
    ),
    (
        3,
        "translation memory",
        include_str!("../migrations/sqlite/0003_translation_memory.sql"),
        include_str!("../migrations/postgres/0003_translation_memory.sql"),
    ),
    (
        4,
        "newsroom",
        include_str!("../migrations/sqlite/0004_newsroom.sql"),
        include_str!("../migrations/postgres/0004_newsroom.sql"),
    ),
    (
        5,
        "newsroom actions",
        include_str!("../migrations/sqlite/0005_newsroom_actions.sql"),
        include_str!("../migrations/postgres/0005_newsroom_actions.sql"),
    ),
    (
        6,
        "change log and media",
        include_str!("../migrations/sqlite/0006_change_log_and_media.sql"),
        include_str!("../migrations/postgres/0006_change_log_and_media.sql"),
    ),
    (
        7,
        "throttle",
        include_str!("../migrations/sqlite/0007_throttle.sql"),
        include_str!("../migrations/postgres/0007_throttle.sql"),
    ),
    (
        8,
        "host politeness",
        include_str!("../migrations/sqlite/0008_host_politeness.sql"),
        include_str!("../migrations/postgres/0008_host_politeness.sql"),
    ),
    (
        9,
        "api keys",
        include_str!("../migrations/sqlite/0009_api_keys.sql"),
        include_str!("../migrations/postgres/0009_api_keys.sql"),
    ),
    (
        10,
        "newsroom action values",
        include_str!("../migrations/sqlite/0010_action_values.sql"),
        include_str!("../migrations/postgres/0010_action_values.sql"),
    ),
    (
        11,
        "retagged action",
        include_str!("../migrations/sqlite/0011_retagged_action.sql"),
        include_str!("../migrations/postgres/0011_retagged_action.sql"),
    ),
    (
        12,
        "story workflow",
        include_str!("../migrations/sqlite/0012_story_workflow.sql"),
        include_str!("../migrations/postgres/0012_story_workflow.sql"),
    ),
    (
        13,
        "newest public stories",
        include_str!("../migrations/sqlite/0013_newest_public_stories.sql"),
        include_str!("../migrations/postgres/0013_newest_public_stories.sql"),
    ),
];

/// Whether this build has migration `version`.
pub(crate) fn knows(version: i64) -> bool {
    MIGRATIONS.iter().any(|m| m.0 == version)
}

pub(crate) fn latest_version() -> i64 {
    MIGRATIONS.iter().map(|m| m.0).max().unwrap_or(0)
}

#[derive(Debug)]
struct Embedded(Backend);

impl<'s> MigrationSource<'s> for Embedded {
    fn resolve(self) -> futures_core::future::BoxFuture<'s, Result<Vec<Migration>, BoxDynError>> {
        Box::pin(async move {
            Ok(MIGRATIONS
                .iter()
                .map(|(version, name, sqlite, postgres)| {
                    let sql = match self.0 {
                        Backend::Sqlite => *sqlite,
                        Backend::Postgres => *postgres,
                    };
                    Migration::new(*version, Cow::Borrowed(*name), MigrationType::Simple, Cow::Borrowed(sql), false)
                })
                .collect())
        })
    }
}

pub(crate) async fn migrator(backend: Backend) -> Result<Migrator, sqlx::migrate::MigrateError> {
    Migrator::new(Embedded(backend)).await
}
