//! Per-host politeness: requests to one host are spaced at least an
//! interval apart, while different hosts never wait for each other.
//!
//! This is a small "next allowed instant" map rather than the `governor`
//! crate: loa needs a *different* interval per host (the configured minimum
//! or the host's own robots.txt `Crawl-delay`, whichever is longer), and
//! governor fixes one quota per limiter, so it would need a limiter per host
//! plus its dashmap/quanta dependencies for what is a dozen lines here.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// Hands out request slots per host. Cheap to share behind an `Arc`.
#[derive(Debug, Default)]
pub(crate) struct HostPacer {
    /// Host → the earliest instant its next request may start.
    next: Mutex<HashMap<String, Instant>>,
}

/// Above this many remembered hosts, hosts whose slot lies in the past are
/// forgotten (they would not wait anyway).
const PRUNE_ABOVE: usize = 4096;

impl HostPacer {
    /// Waits until a request to `host` may start, and books the slot after
    /// it `interval` later. Callers queue up in the order they call: the
    /// n-th concurrent caller for one host waits about n intervals.
    pub(crate) async fn wait_turn(&self, host: &str, interval: Duration) {
        if interval.is_zero() {
            return;
        }
        let slot = {
            let mut next = self.next.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let now = Instant::now();
            if next.len() > PRUNE_ABOVE {
                next.retain(|_, at| *at > now);
            }
            let slot = next.get(host).copied().filter(|at| *at > now).unwrap_or(now);
            next.insert(host.to_string(), slot + interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Real time with short intervals: tokio's paused clock needs the
    // `test-util` feature, which would rebuild tokio and everything on it.
    #[tokio::test]
    async fn one_host_is_spaced_and_others_are_not() {
        let pacer = HostPacer::default();
        let step = Duration::from_millis(120);
        let start = Instant::now();
        for _ in 0..3 {
            pacer.wait_turn("a.example", step).await;
        }
        let spent = start.elapsed();
        assert!(spent >= step * 2, "the first request goes at once, then one step each: {spent:?}");
        let before_b = Instant::now();
        pacer.wait_turn("b.example", step).await;
        assert!(before_b.elapsed() < Duration::from_millis(60), "b.example queued behind a.example");
        // A longer interval (a Crawl-delay) booked by one request pushes
        // the following slot further: 120 ms after the first b request,
        // then 300 ms more.
        pacer.wait_turn("b.example", Duration::from_millis(300)).await;
        pacer.wait_turn("b.example", step).await;
        assert!(before_b.elapsed() >= Duration::from_millis(420), "{:?}", before_b.elapsed());
    }

    #[tokio::test]
    async fn zero_interval_never_waits_or_books() {
        let pacer = HostPacer::default();
        let start = Instant::now();
        for _ in 0..5 {
            pacer.wait_turn("a.example", Duration::ZERO).await;
        }
        assert!(start.elapsed() < Duration::from_millis(50));
        assert!(pacer.next.lock().unwrap().is_empty());
    }
}
