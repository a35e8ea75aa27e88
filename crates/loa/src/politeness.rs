//! The store as the fetcher's shared politeness: host turns and robots.txt
//! verdicts kept where every node (and every command on this machine)
//! sees them, so a portal on many nodes asks each outlet as one crawler.

use loa_ingest::shared::BoxFuture;
use loa_ingest::{RobotsVerdict, SharedPoliteness, SharedRobots};
use loa_store::{RobotsRecord, Store};
use std::time::{Duration, SystemTime};

#[derive(Debug)]
pub struct StorePoliteness(pub Store);

impl SharedPoliteness for StorePoliteness {
    fn book_turn<'a>(&'a self, host: &'a str, interval: Duration) -> BoxFuture<'a, Result<Duration, String>> {
        Box::pin(async move {
            let interval = chrono::Duration::from_std(interval).map_err(|e| e.to_string())?;
            let wait = self.0.book_host_turn(host, interval).await.map_err(|e| e.to_string())?;
            Ok(wait.to_std().unwrap_or(Duration::ZERO))
        })
    }

    fn robots<'a>(&'a self, origin: &'a str) -> BoxFuture<'a, Option<SharedRobots>> {
        Box::pin(async move {
            let record = match self.0.robots_verdict(origin).await {
                Ok(r) => r?,
                Err(e) => {
                    tracing::warn!(%origin, "shared robots verdicts unavailable: {e}");
                    return None;
                }
            };
            let verdict = match (record.kind.as_str(), record.body) {
                ("body", Some(body)) => RobotsVerdict::Body(body),
                ("disallow", _) => RobotsVerdict::DisallowAll,
                ("allow", _) => RobotsVerdict::AllowAll,
                _ => return None,
            };
            Some(SharedRobots { verdict, expires_at: SystemTime::from(record.expires_at) })
        })
    }

    fn keep_robots<'a>(&'a self, origin: &'a str, robots: &'a SharedRobots) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            let (kind, body) = match &robots.verdict {
                RobotsVerdict::Body(b) => ("body", Some(b.clone())),
                RobotsVerdict::DisallowAll => ("disallow", None),
                RobotsVerdict::AllowAll => ("allow", None),
            };
            let record = RobotsRecord { kind: kind.into(), body, expires_at: robots.expires_at.into() };
            if let Err(e) = self.0.keep_robots_verdict(origin, &record).await {
                tracing::warn!(%origin, "cannot share a robots verdict: {e}");
            }
        })
    }
}
