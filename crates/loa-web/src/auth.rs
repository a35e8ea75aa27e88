//! Newsroom sign-in: password hashes, session tokens, the session cookie
//! and the origin check (the brake on guessing is in [`crate::limits`]).
//!
//! Passwords are kept as PBKDF2-HMAC-SHA256 with a random salt and 600,000
//! iterations (OWASP's 2023 figure for this function), written as
//! `pbkdf2-sha256$ITERATIONS$SALT$HASH` (hex) so the cost can rise later
//! without breaking stored hashes. Session tokens are 32 random bytes; the
//! store keeps only their SHA-256, so a copy of the database signs no one
//! in. The cookie is `HttpOnly` and `SameSite=Strict`, which with the
//! `Origin` check on every form keeps other sites from posting as a member.

use std::num::NonZeroU32;

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
    if !text.len().is_multiple_of(2) {
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
/// The shortest password a member may choose, here or on the command line.
pub const MIN_PASSWORD_CHARS: usize = 12;

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
/// origin in `Origin` (or at least `Referer`), which must be the site's own
/// (`site_origin`, from its configured base URL) or, for a site reached by
/// another name, the `Host` the request was sent to under the site's
/// scheme. `Origin: null` and foreign origins are refused. Requests naming
/// no origin (scripts, old clients) pass: the `SameSite=Strict` cookie
/// already keeps other sites' posts unsigned.
pub fn same_origin(headers: &HeaderMap, site_origin: &str) -> bool {
    let named = match headers.get(axum::http::header::ORIGIN) {
        Some(origin) => origin.to_str().ok(),
        None => headers.get(axum::http::header::REFERER).and_then(|v| v.to_str().ok()),
    };
    let Some(named) = named else { return true };
    let Some(named) = url::Url::parse(named).ok().map(|u| u.origin()) else { return false };
    let Ok(site) = url::Url::parse(site_origin).map(|u| u.origin()) else { return false };
    if named == site {
        return true;
    }
    let host = headers.get(axum::http::header::HOST).and_then(|h| h.to_str().ok());
    let scheme = url::Url::parse(site_origin).map(|u| u.scheme().to_string()).unwrap_or_default();
    host.and_then(|h| url::Url::parse(&format!("{scheme}://{h}")).ok()).is_some_and(|u| u.origin() == named)
}

/// The key a throttle counts an address under: IPv4 as is, IPv6 by its
/// /64 network, since one machine commonly holds a whole /64.
pub fn throttle_key(address: std::net::IpAddr) -> String {
    match address {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
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
        assert!(session_cookie(&a, true).contains("HttpOnly; SameSite=Strict; Secure"));
    }

    #[test]
    fn cookies_and_origins_are_read_from_headers() {
        let site = "http://news.example:8080";
        let mut h = HeaderMap::new();
        h.insert("cookie", "theme=dark; loa_session=abc; x=1".parse().unwrap());
        h.insert("host", "news.example:8080".parse().unwrap());
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "missing"), None);
        assert!(same_origin(&h, site), "no Origin: allowed");
        for (origin, ok) in [
            ("http://news.example:8080", true),
            ("https://news.example:8080", false),
            ("http://news.example:8081", false),
            ("https://evil.example", false),
            ("http://news.example:8080.evil.example", false),
            ("null", false),
        ] {
            h.insert("origin", origin.parse().unwrap());
            assert_eq!(same_origin(&h, site), ok, "{origin}");
        }
        // Reached under another name: the Host it was sent to, same scheme.
        h.insert("host", "127.0.0.1:8080".parse().unwrap());
        h.insert("origin", "http://127.0.0.1:8080".parse().unwrap());
        assert!(same_origin(&h, site));
        h.insert("host", "[::1]:8080".parse().unwrap());
        h.insert("origin", "http://[::1]:8080".parse().unwrap());
        assert!(same_origin(&h, site));
        // Referer counts when Origin is absent.
        h.remove("origin");
        h.insert("referer", "https://evil.example/page".parse().unwrap());
        assert!(!same_origin(&h, site));
        h.insert("referer", "http://news.example:8080/en/article/x".parse().unwrap());
        assert!(same_origin(&h, site));
    }

    #[test]
    fn token_hashes_are_sha256() {
        assert_eq!(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn addresses_are_counted_by_host_or_ipv6_network() {
        let key = |s: &str| throttle_key(s.parse().unwrap());
        assert_eq!(key("203.0.113.7"), "203.0.113.7");
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:bbbb::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:203.0.113.7"), "203.0.113.7");
    }
}
