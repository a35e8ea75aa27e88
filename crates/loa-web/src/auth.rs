//! Newsroom sign-in: password hashes, session tokens, the session cookie,
//! and a brake on guessing.
//!
//! Passwords are kept as PBKDF2-HMAC-SHA256 with a random salt and 600,000
//! iterations (OWASP's 2023 figure for this function), written as
//! `pbkdf2-sha256$ITERATIONS$SALT$HASH` (hex) so the cost can rise later
//! without breaking stored hashes. Session tokens are 32 random bytes; the
//! store keeps only their SHA-256, so a copy of the database signs no one
//! in. The cookie is `HttpOnly` and `SameSite=Strict`, which with the
//! `Origin` check on every form keeps other sites from posting as a member.

use std::collections::{HashMap, VecDeque};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use ring::rand::{SecureRandom, SystemRandom};
use ring::{digest, pbkdf2};

const ALGORITHM: &str = "pbkdf2-sha256";
const ITERATIONS: u32 = 600_000;
const SALT_BYTES: usize = 16;
const HASH_BYTES: usize = 32;

/// The cookie that carries a newsroom session.
pub const SESSION_COOKIE: &str = "loa_session";
/// How long a session lasts from sign-in.
pub const SESSION_HOURS: i64 = 12;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    SystemRandom::new().fill(&mut bytes).expect("the system random source works");
    bytes
}

/// A new hash of `password` to keep in the store.
pub fn hash_password(password: &str) -> String {
    let salt: [u8; SALT_BYTES] = random_bytes();
    let mut hash = [0u8; HASH_BYTES];
    let iterations = NonZeroU32::new(ITERATIONS).expect("a constant above zero");
    pbkdf2::derive(pbkdf2::PBKDF2_HMAC_SHA256, iterations, &salt, password.as_bytes(), &mut hash);
    format!("{ALGORITHM}${ITERATIONS}${}${}", hex(&salt), hex(&hash))
}

/// Whether `password` matches `stored` (a [`hash_password`] string), in
/// time that does not depend on where they differ. A malformed `stored`
/// matches nothing.
pub fn verify_password(password: &str, stored: &str) -> bool {
    let mut parts = stored.split('$');
    let (Some(ALGORITHM), Some(iterations), Some(salt), Some(hash), None) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let (Some(iterations), Some(salt), Some(hash)) =
        (iterations.parse::<u32>().ok().and_then(NonZeroU32::new), unhex(salt), unhex(hash))
    else {
        return false;
    };
    pbkdf2::verify(pbkdf2::PBKDF2_HMAC_SHA256, iterations, &salt, password.as_bytes(), &hash).is_ok()
}

/// A new session token, for the cookie.
pub fn new_session_token() -> String {
    hex(&random_bytes::<32>())
}

/// What the store keeps of a session token.
pub fn token_hash(token: &str) -> String {
    hex(digest::digest(&digest::SHA256, token.as_bytes()).as_ref())
}

/// `Set-Cookie` for a new session. `secure` adds `Secure` (sites served
/// over https).
pub fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}",
        SESSION_HOURS * 3600,
        if secure { "; Secure" } else { "" }
    )
}

/// `Set-Cookie` that ends the session in the browser.
pub fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
}

/// The value of cookie `name` in the request, if sent.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Whether a form post comes from this site: a browser names the page's
/// origin in `Origin` (or at least `Referer`); a post naming another
/// origin is refused. Requests with neither (scripts, old clients) pass:
/// the `SameSite=Strict` cookie already keeps other sites' posts unsigned.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(axum::http::header::HOST).and_then(|h| h.to_str().ok());
    let named = headers
        .get(axum::http::header::ORIGIN)
        .or_else(|| headers.get(axum::http::header::REFERER))
        .and_then(|v| v.to_str().ok());
    match (named, host) {
        (None, _) => true,
        (Some(named), Some(host)) => url::Url::parse(named).ok().is_some_and(|u| {
            let authority = match u.port() {
                Some(p) => format!("{}:{p}", u.host_str().unwrap_or_default()),
                None => u.host_str().unwrap_or_default().to_string(),
            };
            authority.eq_ignore_ascii_case(host)
        }),
        (Some(_), None) => false,
    }
}

/// At most `limit` events per key within `window`: failed sign-ins per
/// address, comments per address.
#[derive(Debug)]
pub struct Throttle {
    limit: usize,
    window: Duration,
    seen: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Throttle {
    pub fn new(limit: usize, window: Duration) -> Throttle {
        Throttle { limit, window, seen: Mutex::new(HashMap::new()) }
    }

    /// Whether `key` is still under its limit (nothing is counted).
    pub fn allows(&self, key: &str) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        match seen.get_mut(key) {
            Some(times) => {
                while times.front().is_some_and(|t| now.duration_since(*t) > self.window) {
                    times.pop_front();
                }
                times.len() < self.limit
            }
            None => true,
        }
    }

    /// Counts one event for `key`.
    pub fn record(&self, key: &str) {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        // Keys whose events are all old are dropped, so the map stays small.
        if seen.len() > 10_000 {
            let (now, window) = (Instant::now(), self.window);
            seen.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) <= window));
        }
        seen.entry(key.to_string()).or_default().push_back(Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_against_their_own_hash_only() {
        let stored = hash_password("correct horse");
        assert!(stored.starts_with("pbkdf2-sha256$600000$"));
        assert!(verify_password("correct horse", &stored));
        assert!(!verify_password("correct horsf", &stored));
        assert_ne!(hash_password("correct horse"), stored, "each hash has its own salt");
        for broken in ["", "plain", "pbkdf2-sha256$0$00$00", "md5$1$00$00", &format!("{stored}$extra")] {
            assert!(!verify_password("correct horse", broken), "{broken}");
        }
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (new_session_token(), new_session_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
        assert!(session_cookie(&a, true).contains("HttpOnly; SameSite=Strict; Secure"));
    }

    #[test]
    fn cookies_and_origins_are_read_from_headers() {
        let mut h = HeaderMap::new();
        h.insert("cookie", "theme=dark; loa_session=abc; x=1".parse().unwrap());
        h.insert("host", "news.example:8080".parse().unwrap());
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "missing"), None);
        assert!(same_origin(&h), "no Origin: allowed");
        h.insert("origin", "http://news.example:8080".parse().unwrap());
        assert!(same_origin(&h));
        h.insert("origin", "https://evil.example".parse().unwrap());
        assert!(!same_origin(&h));
    }

    #[test]
    fn the_throttle_counts_per_key_within_its_window() {
        let t = Throttle::new(2, Duration::from_millis(200));
        assert!(t.allows("a"));
        t.record("a");
        t.record("a");
        assert!(!t.allows("a") && t.allows("b"));
        std::thread::sleep(Duration::from_millis(250));
        assert!(t.allows("a"), "old events no longer count");
    }
}
