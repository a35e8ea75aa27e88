//! robots.txt: what an outlet lets the `loa` crawler fetch, and how often.
//!
//! The [`Fetcher`](crate::Fetcher) reads `scheme://host[:port]/robots.txt`
//! once per origin, keeps the answer for
//! [`FetchConfig::robots_ttl`](crate::FetchConfig::robots_ttl), and checks
//! every URL it is asked for
//! against the group for the agent token [`ROBOTS_AGENT`] (falling back to
//! `*`). Matching follows RFC 9309 (longest match wins, `*` and `$`
//! wildcards) through the `texting_robots` parser.
//!
//! When robots.txt cannot be read the policy is the usual crawler one:
//! 404 and other 4xx, 5xx and network errors mean "no rules" (allow all),
//! 401 and 403 mean the whole site is closed (disallow all). Note that RFC
//! 9309 asks crawlers to treat 5xx as "disallow all"; loa allows instead so
//! a broken robots.txt on an outlet's CDN does not silence the outlet, but
//! keeps such answers only briefly (see [`ERROR_TTL_DIVISOR`]) so real rules
//! are picked up soon after the server recovers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use crate::fetch::{FetchError, Fetched};

/// The product token loa looks for in `User-agent:` lines.
pub const ROBOTS_AGENT: &str = "loa";

/// robots.txt bodies are read up to this size; RFC 9309 asks crawlers to
/// parse at least 500 KiB and allows ignoring the rest.
pub const ROBOTS_MAX_BYTES: usize = 512 * 1024;

/// A `Crawl-delay` longer than this is capped: a hostile or mistaken value
/// of hours would otherwise park fetch jobs indefinitely.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// Answers that are not a real robots.txt (5xx, network errors) are kept for
/// the TTL divided by this, so a transient outage is re-checked soon.
pub const ERROR_TTL_DIVISOR: u32 = 6;

/// The rules of one origin's robots.txt for loa.
#[derive(Debug)]
pub struct RobotsRules {
    policy: Policy,
}

#[derive(Debug)]
enum Policy {
    /// No robots.txt (or an unreadable one): everything is allowed.
    AllowAll,
    /// 401/403 on robots.txt: the site is closed to crawlers.
    DisallowAll,
    Parsed(texting_robots::Robot),
}

impl RobotsRules {
    /// Parses a robots.txt body for [`ROBOTS_AGENT`]. A body the parser
    /// rejects counts as no rules at all, as crawlers conventionally do.
    pub fn parse(body: &[u8]) -> RobotsRules {
        match texting_robots::Robot::new(ROBOTS_AGENT, body) {
            Ok(robot) => RobotsRules { policy: Policy::Parsed(robot) },
            Err(e) => {
                tracing::debug!(error = %e, "unparseable robots.txt treated as allowing everything");
                RobotsRules::allow_all()
            }
        }
    }

    pub fn allow_all() -> RobotsRules {
        RobotsRules { policy: Policy::AllowAll }
    }

    pub fn disallow_all() -> RobotsRules {
        RobotsRules { policy: Policy::DisallowAll }
    }

    /// Whether loa may fetch `url` (absolute, or a path with query).
    pub fn allows(&self, url: &str) -> bool {
        match &self.policy {
            Policy::AllowAll => true,
            Policy::DisallowAll => false,
            Policy::Parsed(robot) => robot.allowed(url),
        }
    }

    /// The `Crawl-delay` for loa's group, capped at [`MAX_CRAWL_DELAY`].
    pub fn crawl_delay(&self) -> Option<Duration> {
        match &self.policy {
            Policy::Parsed(robot) => robot
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f64(f64::from(d).min(MAX_CRAWL_DELAY.as_secs_f64()))),
            _ => None,
        }
    }

    /// `Sitemap:` addresses the file announces (they apply to every agent).
    pub fn sitemaps(&self) -> &[String] {
        match &self.policy {
            Policy::Parsed(robot) => &robot.sitemaps,
            _ => &[],
        }
    }

    /// The rules a robots.txt fetch implies, and for how long to keep them.
    #[cfg(test)]
    pub(crate) fn from_fetch(result: Result<Fetched, FetchError>, ttl: Duration) -> (RobotsRules, Duration) {
        let (verdict, ttl) = RobotsRules::verdict_of(result, ttl);
        (RobotsRules::from_verdict(&verdict), ttl)
    }

    /// What a robots.txt read decides, and for how long.
    pub(crate) fn verdict_of(result: Result<Fetched, FetchError>, ttl: Duration) -> (crate::RobotsVerdict, Duration) {
        use crate::RobotsVerdict::*;
        let brief = ttl / ERROR_TTL_DIVISOR;
        match result {
            Ok(fetched) => (Body(fetched.body), ttl),
            Err(FetchError::Http { status: 401 | 403, .. }) => (DisallowAll, ttl),
            Err(FetchError::Http { status, .. }) if status < 500 => (AllowAll, ttl),
            Err(e) => {
                tracing::debug!(error = %e, "robots.txt unavailable; allowing for now");
                (AllowAll, brief)
            }
        }
    }

    /// The rules a kept verdict stands for.
    pub fn from_verdict(verdict: &crate::RobotsVerdict) -> RobotsRules {
        match verdict {
            crate::RobotsVerdict::Body(body) => RobotsRules::parse(body),
            crate::RobotsVerdict::DisallowAll => RobotsRules::disallow_all(),
            crate::RobotsVerdict::AllowAll => RobotsRules::allow_all(),
        }
    }
}

/// Per-origin cache of robots rules. Each origin has its own async lock so
/// concurrent requests to a new host read its robots.txt once, while other
/// hosts proceed.
#[derive(Debug, Default)]
pub(crate) struct RobotsCache {
    slots: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Option<Cached>>>>>,
}

#[derive(Debug)]
pub(crate) struct Cached {
    pub rules: Arc<RobotsRules>,
    pub expires: Instant,
}

impl Cached {
    pub fn fresh(&self) -> bool {
        self.expires > Instant::now()
    }
}

impl RobotsCache {
    /// The lock guarding `origin`'s entry (created empty on first use).
    pub fn slot(&self, origin: &str) -> Arc<tokio::sync::Mutex<Option<Cached>>> {
        let mut slots = self.slots.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        slots.entry(origin.to_string()).or_default().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEWS_ROBOTS: &str = "\
# Example newsroom
User-agent: *
Disallow: /search
Disallow: /*?print=
Allow: /search/about

User-agent: loa
User-agent: otherbot
Disallow: /drafts/
Disallow: /*.pdf$
Crawl-delay: 2.5

User-agent: BadBot
Disallow: /

Sitemap: https://news.example.org/sitemap-news.xml
Sitemap: https://news.example.org/sitemap-index.xml
";

    #[test]
    fn loa_uses_its_own_group() {
        let rules = RobotsRules::parse(NEWS_ROBOTS.as_bytes());
        assert!(!rules.allows("http://news.example.org/drafts/budget"));
        assert!(!rules.allows("http://news.example.org/files/report.pdf"));
        assert!(rules.allows("http://news.example.org/files/report.pdf?download=1"), "$ anchors the end");
        // The `*` group does not apply once loa has its own group.
        assert!(rules.allows("http://news.example.org/search?q=flood"));
        assert!(rules.allows("http://news.example.org/2024/05/flood"));
        assert_eq!(rules.crawl_delay(), Some(Duration::from_millis(2500)));
        assert_eq!(rules.sitemaps().len(), 2);
        assert!(rules.sitemaps()[0].ends_with("sitemap-news.xml"));
    }

    #[test]
    fn star_group_applies_when_loa_is_not_named() {
        let rules = RobotsRules::parse(b"User-agent: *\nDisallow: /search\nAllow: /search/about\nDisallow: /*?print=\n");
        assert!(!rules.allows("http://news.example.org/search?q=x"));
        assert!(rules.allows("http://news.example.org/search/about"), "the longer Allow wins");
        assert!(!rules.allows("http://news.example.org/story?print=1"));
        assert!(rules.allows("http://news.example.org/story"));
        assert_eq!(rules.crawl_delay(), None);
    }

    #[test]
    fn agent_names_match_case_insensitively() {
        let rules = RobotsRules::parse(b"User-agent: LOA\nDisallow: /\n\nUser-agent: *\nAllow: /\n");
        assert!(!rules.allows("/anything"));
    }

    #[test]
    fn crawl_delay_is_capped() {
        let rules = RobotsRules::parse(b"User-agent: *\nCrawl-delay: 86400\n");
        assert_eq!(rules.crawl_delay(), Some(MAX_CRAWL_DELAY));
    }

    #[test]
    fn fetch_outcomes_map_to_policies() {
        let ttl = Duration::from_secs(3600);
        let http = |status| Err(FetchError::Http { status, url: "http://x/robots.txt".into() });
        let (r, t) = RobotsRules::from_fetch(http(404), ttl);
        assert!(r.allows("/x") && t == ttl);
        let (r, _) = RobotsRules::from_fetch(http(403), ttl);
        assert!(!r.allows("/x"));
        let (r, _) = RobotsRules::from_fetch(http(401), ttl);
        assert!(!r.allows("/x"));
        let (r, t) = RobotsRules::from_fetch(http(503), ttl);
        assert!(r.allows("/x"));
        assert_eq!(t, Duration::from_secs(600), "server errors are re-checked sooner");
        let net = Err(FetchError::Network { url: "http://x/robots.txt".into(), message: "refused".into() });
        let (r, t) = RobotsRules::from_fetch(net, ttl);
        assert!(r.allows("/x") && t < ttl);
        let ok = Ok(Fetched {
            final_url: "http://x/robots.txt".into(),
            status: 200,
            content_type: Some("text/plain".into()),
            body: b"User-agent: *\nDisallow: /private".to_vec(),
        });
        let (r, t) = RobotsRules::from_fetch(ok, ttl);
        assert!(!r.allows("/private/a") && r.allows("/public") && t == ttl);
    }
}
