//! Politeness that several processes share. A portal on many nodes has
//! one crawler as far as an outlet is concerned: three nodes must not ask
//! one host three times as often, nor read its robots.txt three times.
//! The fetcher books each host's turns and keeps robots.txt verdicts
//! through this trait when it is given one ([`crate::Fetcher::with_shared`]);
//! the `loa` binary implements it with the store. Without it, pacing and
//! the robots cache are per process.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What reading an origin's robots.txt decided, in a form that can be
/// kept outside the process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RobotsVerdict {
    /// The file as read (parsed again by whoever takes it).
    Body(Vec<u8>),
    /// 401/403: the site keeps crawlers out.
    DisallowAll,
    /// No file (4xx) or unreachable for now.
    AllowAll,
}

/// A verdict and until when it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedRobots {
    pub verdict: RobotsVerdict,
    pub expires_at: SystemTime,
}

pub trait SharedPoliteness: Send + Sync + std::fmt::Debug {
    /// Books the next request slot of `host`, `interval` after the slot
    /// booked before it (or now), and answers how long to wait for it.
    fn book_turn<'a>(&'a self, host: &'a str, interval: Duration) -> BoxFuture<'a, Result<Duration, String>>;

    /// The robots verdict another process kept for `origin`, if any.
    fn robots<'a>(&'a self, origin: &'a str) -> BoxFuture<'a, Option<SharedRobots>>;

    /// Keeps this process's verdict for the others.
    fn keep_robots<'a>(&'a self, origin: &'a str, robots: &'a SharedRobots) -> BoxFuture<'a, ()>;
}
