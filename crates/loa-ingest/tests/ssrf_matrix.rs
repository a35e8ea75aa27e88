//! The SSRF matrix: every spelling of an internal address a hostile feed
//! could name, fetched directly, through a redirect, and through a
//! configured proxy, against recording servers on loopback. Nothing may
//! reach them (each counts every connection it accepts) unless the
//! configuration allows the range; with loopback allowed, the same URLs do
//! reach them, so the recorders would have seen a leak.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use loa_ingest::fetch::{FetchConfig, FetchError, Fetcher};
use tokio::io::AsyncWriteExt;

/// A server that counts the connections it accepts and answers each with
/// a page, or with a redirect to `redirect_to` + the request's path.
struct Recorder {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
}

async fn recorder(bind: &str, redirect_to: Option<Arc<std::sync::Mutex<String>>>) -> Recorder {
    let connections = Arc::new(AtomicUsize::new(0));
    let count = connections.clone();
    let redirects = redirect_to.is_some();
    let addr = loa_test_support::serve(bind.to_string(), move |mut sock| {
        // Counted on connect, before a byte is read: reaching it is the finding.
        count.fetch_add(1, Ordering::SeqCst);
        async move {
            let path = loa_test_support::read_head(&mut sock).await.map(|(h, _)| h.path).unwrap_or_default();
            let reply = if redirects {
                // `/to/<url>`: a redirect to that URL.
                loa_test_support::answer(302, &format!("Location: {}\r\n", path.trim_start_matches("/to/")), b"")
            } else {
                loa_test_support::answer(200, "Content-Type: text/html\r\n", b"<html><body><p>internal secret</p></body></html>")
            };
            let _ = sock.write_all(&reply).await;
        }
    })
    .await;
    Recorder { addr, connections }
}

fn config(allow: &[&str]) -> FetchConfig {
    FetchConfig {
        obey_robots: false,
        per_host_interval: Duration::ZERO,
        total_timeout: Duration::from_secs(3),
        connect_timeout: Duration::from_secs(2),
        allow_addresses: allow.iter().map(|s| s.to_string()).collect(),
        ..FetchConfig::default()
    }
}

/// Every way of naming this machine on `port`: dotted, short, decimal,
/// octal, hex, IPv6 loopback, IPv4 in IPv6 (mapped, compatible, NAT64,
/// 6to4), the unspecified address (which Linux connects to loopback) and
/// names that resolve to loopback.
fn loopback_spellings(port: u16) -> Vec<String> {
    [
        "127.0.0.1",
        "127.1",
        "127.0.1",
        "2130706433",
        "0177.0.0.1",
        "0x7f.1",
        "0x7f000001",
        "017700000001",
        "0x7f.0.0.1",
        "0177.1",
        "[::1]",
        "[0:0:0:0:0:0:0:1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]",
        "[0:0:0:0:0:ffff:127.0.0.1]",
        "[::127.0.0.1]",
        "[64:ff9b::127.0.0.1]",
        "[2002:7f00:1::]",
        "0.0.0.0",
        "0",
        "[::]",
        "localhost",
        "LOCALHOST",
        "localhost.",
        "loa.localhost",
        "a.b.LocalHost.",
        "127.0.0.1.",
        "%31%32%37.0.0.1",
    ]
    .iter()
    .map(|h| format!("http://{h}:{port}/secret"))
    .collect()
}

/// Internal ranges no test server listens on: refused before any
/// connection, so the answer comes at once and says why.
const INTERNAL: &[&str] = &[
    "http://10.0.0.1/",
    "http://10.255.255.254/",
    "http://172.16.0.1/",
    "http://172.31.0.1/",
    "http://192.168.0.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://169.254.1.1/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[fd00:ec2::254]/",
    "http://100.100.100.200/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://2852039166/",
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://0251.0376.0251.0376/",
    "http://[::ffff:10.0.0.1]/",
    "http://[64:ff9b::a00:1]/",
    "http://[2002:a00:1::]/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://198.18.0.1/",
    "http://192.0.0.192/",
    "http://[ff02::1]/",
    "http://[fec0::1]/",
    "http://240.0.0.1/",
];

fn refused(err: &FetchError) -> bool {
    matches!(err, FetchError::Forbidden { .. } | FetchError::InvalidUrl { .. })
}

#[tokio::test]
async fn no_spelling_of_an_internal_address_is_fetched_directly_or_through_a_redirect() {
    let target = recorder("127.0.0.1:0", None).await;
    let target_v6 = recorder(&format!("[::1]:{}", target.addr.port()), None).await;
    let fetcher = Fetcher::new(config(&[])).unwrap();
    let mut failures = Vec::new();
    let mut tried = 0;
    for url in
        loopback_spellings(target.addr.port()).iter().chain(INTERNAL.iter().map(|s| s.to_string()).collect::<Vec<_>>().iter())
    {
        tried += 1;
        let started = std::time::Instant::now();
        match fetcher.get(url).await {
            Ok(_) => failures.push(format!("{url}: fetched")),
            Err(e) if !refused(&e) && !e.to_string().contains("cannot resolve") && !matches!(e, FetchError::Network { .. }) => {
                failures.push(format!("{url}: {e}"))
            }
            Err(e) if !refused(&e) && url.contains("localhost") => failures.push(format!("{url}: not refused as a name: {e}")),
            Err(_) if started.elapsed() > Duration::from_secs(1) => {
                failures.push(format!("{url}: refused only after a connection attempt"))
            }
            Err(_) => {}
        }
    }

    // Redirects: an allowed host (127.0.0.2 only) sends the fetcher to each.
    let redirector = recorder("127.0.0.2:0", Some(Default::default())).await;
    let via = Fetcher::new(config(&["127.0.0.2/32"])).unwrap();
    for to in
        loopback_spellings(target.addr.port()).iter().chain(INTERNAL.iter().map(|s| s.to_string()).collect::<Vec<_>>().iter())
    {
        tried += 1;
        let url = format!("http://{}/to/{to}", redirector.addr);
        match via.get(&url).await {
            Ok(_) => failures.push(format!("redirect to {to}: fetched")),
            Err(e) if !refused(&e) && !matches!(e, FetchError::Network { .. } | FetchError::BadRedirect { .. }) => {
                failures.push(format!("redirect to {to}: {e}"))
            }
            Err(_) => {}
        }
    }
    assert!(redirector.connections.load(Ordering::SeqCst) > 0, "the redirector was reached");
    assert!(failures.is_empty(), "{failures:#?}");
    let reached = target.connections.load(Ordering::SeqCst) + target_v6.connections.load(Ordering::SeqCst);
    assert_eq!(reached, 0, "internal requests reached the recording server");
    println!("SSRF matrix: {tried} URLs (direct and by redirect), 0 reached the recorders");

    // The control: with loopback allowed, the recorder is reached.
    let open = Fetcher::new(config(&["127.0.0.0/8", "::1/128"])).unwrap();
    for url in [format!("http://127.0.0.1:{}/", target.addr.port()), format!("http://2130706433:{}/", target.addr.port())] {
        let page = open.get(&url).await.unwrap();
        assert!(String::from_utf8_lossy(&page.body).contains("internal secret"), "{url}");
    }
    assert_eq!(target.connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_configured_proxy_carries_no_internal_target_in_any_spelling() {
    let proxy = recorder("127.0.0.1:0", None).await;
    let cfg = FetchConfig { proxy: Some(format!("http://{}", proxy.addr)), ..config(&[]) };
    let via = Fetcher::new(cfg).unwrap();
    let mut failures = Vec::new();
    for url in loopback_spellings(80).iter().chain(INTERNAL.iter().map(|s| s.to_string()).collect::<Vec<_>>().iter()) {
        match via.get(url).await {
            Ok(_) => failures.push(format!("{url}: fetched through the proxy")),
            Err(e) if !refused(&e) && !e.to_string().contains("cannot resolve") => failures.push(format!("{url}: {e}")),
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(proxy.connections.load(Ordering::SeqCst), 0, "an internal target was sent to the proxy");
}
