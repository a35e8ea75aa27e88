//! Migrations embedded in the binary, so a fresh machine needs no files
//! beside it and no proc-macro (`sqlx::migrate!`) at build time.

use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use std::borrow::Cow;

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("../migrations/0001_initial.sql")),
    (2, "sources at depth", include_str!("../migrations/0002_sources_at_depth.sql")),
    (3, "translation memory", include_str!("../migrations/0003_translation_memory.sql")),
    (4, "newsroom", include_str!("../migrations/0004_newsroom.sql")),
    (5, "newsroom actions", include_str!("../migrations/0005_newsroom_actions.sql")),
];

#[derive(Debug)]
struct Embedded;

impl<'s> MigrationSource<'s> for Embedded {
    fn resolve(self) -> futures_core::future::BoxFuture<'s, Result<Vec<Migration>, BoxDynError>> {
        Box::pin(async {
            Ok(MIGRATIONS
                .iter()
                .map(|(version, name, sql)| {
                    Migration::new(*version, Cow::Borrowed(*name), MigrationType::Simple, Cow::Borrowed(*sql), false)
                })
                .collect())
        })
    }
}

pub(crate) async fn migrator() -> Result<Migrator, sqlx::migrate::MigrateError> {
    Migrator::new(Embedded).await
}
