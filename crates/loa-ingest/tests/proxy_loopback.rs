//! Proxies and the address guard, against a real HTTP proxy on 127.0.0.1
//! that records every request it is sent and answers them all itself.
//!
//! This file is its own test process because it sets `HTTP_PROXY` and
//! friends in the environment, which reqwest would read for any client
//! built without `no_proxy`.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use loa_ingest::fetch::{FetchConfig, FetchError, Fetcher};

/// The proxy: its address and the request lines it has received. One per
/// process, on a thread of its own, so every test (each with its own
/// runtime) can reach it; tests tell their requests apart by path.
struct Proxy {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
}

fn proxy() -> &'static Proxy {
    static PROXY: OnceLock<Proxy> = OnceLock::new();
    PROXY.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for sock in listener.incoming() {
                let Ok(mut sock) = sock else { continue };
                let log = log.clone();
                std::thread::spawn(move || {
                    let _ = sock.set_read_timeout(Some(Duration::from_secs(5)));
                    let mut buf = vec![0u8; 8192];
                    let mut read = 0;
                    while !buf[..read].windows(4).any(|w| w == b"\r\n\r\n") && read < buf.len() {
                        match sock.read(&mut buf[read..]) {
                            Ok(0) | Err(_) => return,
                            Ok(n) => read += n,
                        }
                    }
                    let request = String::from_utf8_lossy(&buf[..read]).to_string();
                    log.lock().unwrap().push(request.lines().next().unwrap_or("").to_string());
                    let body = "<p>answered by the proxy</p>";
                    let _ = write!(
                        sock,
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                });
            }
        });
        // Every proxy variable reqwest (or curl's conventions) would honour,
        // with nothing exempted.
        for name in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
            std::env::set_var(name, &url);
        }
        std::env::remove_var("NO_PROXY");
        std::env::remove_var("no_proxy");
        Proxy { url, seen }
    })
}

fn seen_with(path: &str) -> Vec<String> {
    proxy().seen.lock().unwrap().iter().filter(|l| l.contains(path)).cloned().collect()
}

fn config() -> FetchConfig {
    FetchConfig {
        obey_robots: false,
        per_host_interval: Duration::ZERO,
        total_timeout: Duration::from_secs(5),
        ..FetchConfig::default()
    }
}

const LOOPBACK: [&str; 2] = ["127.0.0.0/8", "::1/128"];

/// A direct target on loopback that says who answered.
async fn target() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        loop {
            let Ok((mut sock, _)) = listener.accept().await else { return };
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let _ = sock.read(&mut buf).await;
                let body = "<p>answered by the target</p>";
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = sock.write_all(format!("{head}{body}").as_bytes()).await;
            });
        }
    });
    format!("http://127.0.0.1:{port}")
}

#[tokio::test]
async fn environment_proxies_are_ignored_so_the_guard_sees_the_target() {
    proxy();
    // `localhost` is a name, so only the resolver can refuse it: through an
    // environment proxy it would never be resolved here at all.
    let strict = Fetcher::new(config()).unwrap();
    let err = strict.get("http://localhost:9/env-secret").await.unwrap_err();
    assert!(matches!(err, FetchError::Forbidden { .. }), "{err}");
    assert!(err.to_string().contains("loopback"), "{err}");
    assert_eq!(seen_with("/env-secret"), Vec::<String>::new(), "the request reached the environment's proxy");

    // Allowed targets are reached directly, not through the proxy.
    let direct = Fetcher::new(FetchConfig { allow_addresses: LOOPBACK.map(String::from).to_vec(), ..config() }).unwrap();
    let base = target().await;
    let got = direct.get(&format!("{base}/env-direct")).await.unwrap();
    assert!(String::from_utf8_lossy(&got.body).contains("answered by the target"));
    assert_eq!(seen_with("/env-direct"), Vec::<String>::new());
}

#[tokio::test]
async fn a_configured_proxy_never_carries_requests_to_internal_targets() {
    let p = proxy();
    let via = Fetcher::new(FetchConfig { proxy: Some(p.url.clone()), ..config() }).unwrap();
    for url in ["http://localhost:9/conf-secret-name", "http://127.0.0.1:9/conf-secret-v4", "http://[::1]:9/conf-secret-v6"] {
        let err = via.get(url).await.unwrap_err();
        assert!(matches!(err, FetchError::Forbidden { .. }), "{url}: {err}");
    }
    let err = via.get("http://localhost:9/conf-secret-name").await.unwrap_err();
    assert!(err.to_string().contains("localhost resolves to"), "{err}");
    assert_eq!(seen_with("/conf-secret"), Vec::<String>::new(), "an internal target went to the proxy");
}

#[tokio::test]
async fn a_configured_proxy_carries_allowed_targets() {
    let p = proxy();
    let cfg = FetchConfig { proxy: Some(p.url.clone()), allow_addresses: LOOPBACK.map(String::from).to_vec(), ..config() };
    let via = Fetcher::new(cfg).unwrap();
    let got = via.get_page("http://localhost:9/conf-allowed").await.unwrap();
    assert!(String::from_utf8_lossy(&got.body).contains("answered by the proxy"));
    assert_eq!(seen_with("/conf-allowed"), vec!["GET http://localhost:9/conf-allowed HTTP/1.1".to_string()]);
}
