//! The fetcher against a real HTTP/1.1 server on 127.0.0.1 that writes raw
//! responses, one behaviour per path.

use std::time::{Duration, Instant};

use loa_ingest::fetch::{FetchConfig, FetchError, Fetcher};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// 64 MB of zeros, gzip-compressed to about 64 KB; made once, before any
/// client clock runs.
fn gzip_bomb() -> &'static [u8] {
    static BOMB: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BOMB.get_or_init(|| {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..64 {
            gz.write_all(&zeros).unwrap();
        }
        gz.finish().unwrap()
    })
}

async fn serve() -> String {
    format!("http://{}", loa_test_support::serve("127.0.0.1:0", handle).await)
}

async fn handle(mut sock: TcpStream) {
    let Some((request, _)) = loa_test_support::read_head(&mut sock).await else { return };
    let path = request.path.clone();
    let ua = request.header("user-agent").unwrap_or("").to_string();
    if path == "/bomb" {
        let body = gzip_bomb();
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = sock.write_all(head.as_bytes()).await;
        let _ = sock.write_all(body).await;
        return;
    }
    let respond = |status: &str, ctype: &str, body: &str| {
        format!("HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
    };
    let out = match path.as_str() {
        "/robots.txt" => respond("404 Not Found", "text/plain", "no robots here"),
        "/article" => respond("200 OK", "text/html; charset=utf-8", &format!("<p>hello</p><!-- ua={ua} -->")),
        "/missing" => respond("404 Not Found", "text/html", "gone"),
        "/slow" => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            respond("200 OK", "text/html", "late")
        }
        "/trickle" => {
            // Headers at once, then a body that never finishes in time.
            let _ = sock.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\nabc").await;
            tokio::time::sleep(Duration::from_secs(5)).await;
            return;
        }
        "/huge" => {
            // 50 MB announced and streamed without a length: the client
            // must stop early instead of buffering it all.
            let _ = sock.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n").await;
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..800 {
                if sock.write_all(&chunk).await.is_err() {
                    return;
                }
            }
            return;
        }
        "/huge-declared" => "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 52428800\r\n\r\n".to_string(),
        "/loop-a" => "HTTP/1.1 302 Found\r\nLocation: /loop-b\r\nContent-Length: 0\r\n\r\n".to_string(),
        "/loop-b" => "HTTP/1.1 302 Found\r\nLocation: /loop-a\r\nContent-Length: 0\r\n\r\n".to_string(),
        "/moved" => "HTTP/1.1 301 Moved\r\nLocation: /article\r\nContent-Length: 0\r\n\r\n".to_string(),
        "/to-ftp" => "HTTP/1.1 302 Found\r\nLocation: ftp://example.org/x\r\nContent-Length: 0\r\n\r\n".to_string(),
        "/photo.jpg" => respond("200 OK", "image/jpeg", "\u{7f}JPEGDATA"),
        "/report.pdf" => respond("200 OK", "application/pdf", "%PDF-1.4"),
        "/to-metadata" => {
            "HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/meta-data/\r\nContent-Length: 0\r\n\r\n".to_string()
        }
        "/to-private" => "HTTP/1.1 302 Found\r\nLocation: http://[::ffff:10.0.0.1]/x\r\nContent-Length: 0\r\n\r\n".to_string(),
        "/blob" => respond("200 OK", "application/octet-stream", "0101"),
        _ => respond("500 Internal Server Error", "text/plain", "unexpected path"),
    };
    let _ = sock.write_all(out.as_bytes()).await;
    let _ = sock.shutdown().await;
}

fn fetcher() -> Fetcher {
    Fetcher::new(FetchConfig {
        connect_timeout: Duration::from_millis(500),
        total_timeout: Duration::from_millis(700),
        max_body_bytes: 1024 * 1024,
        max_redirects: 3,
        // The test server is on loopback, which production never fetches.
        allow_addresses: vec!["127.0.0.0/8".into()],
        // Pacing has its own tests (politeness_loopback.rs); here it
        // would only slow the timing assertions down.
        per_host_interval: Duration::ZERO,
        ..FetchConfig::default()
    })
    .unwrap()
}

#[tokio::test]
async fn internal_addresses_are_refused_unless_allowed() {
    let base = serve().await;
    let strict = Fetcher::new(FetchConfig::default()).unwrap();
    let err = strict.get_page(&format!("{base}/article")).await.unwrap_err();
    assert!(matches!(&err, FetchError::Forbidden { reason, .. } if reason.contains("loopback")), "{err:?}");
    // A name is judged by what it resolves to.
    let port = base.rsplit(':').next().unwrap();
    let err = strict.get_page(&format!("http://localhost:{port}/article")).await.unwrap_err();
    assert!(matches!(&err, FetchError::Forbidden { reason, .. } if reason.contains("localhost resolves to")), "{err:?}");
    // And the allowed fetcher still works.
    assert!(fetcher().get_page(&format!("{base}/article")).await.is_ok());
}

#[tokio::test]
async fn redirects_to_internal_addresses_are_refused() {
    let base = serve().await;
    let err = fetcher().get(&format!("{base}/to-metadata")).await.unwrap_err();
    assert!(matches!(&err, FetchError::Forbidden { reason, .. } if reason.contains("metadata")), "{err:?}");
    let err = fetcher().get(&format!("{base}/to-private")).await.unwrap_err();
    assert!(matches!(&err, FetchError::Forbidden { reason, .. } if reason.contains("private")), "{err:?}");
    assert!(err.to_string().contains("refusing to fetch"), "{err}");
}

#[tokio::test]
async fn a_gzip_bomb_is_refused_not_inflated() {
    let base = serve().await;
    let bomb_len = gzip_bomb().len();
    assert!(bomb_len < 1024 * 1024, "the compressed bomb ({bomb_len} bytes) fits under the limit");
    let started = Instant::now();
    let err = fetcher().get(&format!("{base}/bomb")).await.unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { limit: 1048576, .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn fetches_a_page_with_the_user_agent() {
    let base = serve().await;
    let got = fetcher().get_page(&format!("{base}/article")).await.unwrap();
    assert_eq!(got.status, 200);
    assert_eq!(got.mime().as_deref(), Some("text/html"));
    let body = String::from_utf8(got.body).unwrap();
    assert!(body.starts_with("<p>hello</p>"));
    assert!(body.contains("ua=loa/0.1"), "{body}");
}

#[tokio::test]
async fn follows_a_redirect_and_reports_the_final_url() {
    let base = serve().await;
    let got = fetcher().get(&format!("{base}/moved")).await.unwrap();
    assert_eq!(got.final_url, format!("{base}/article"));
}

#[tokio::test]
async fn not_found_is_an_http_error() {
    let base = serve().await;
    match fetcher().get(&format!("{base}/missing")).await {
        Err(FetchError::Http { status, url }) => {
            assert_eq!(status, 404);
            assert!(url.ends_with("/missing"));
        }
        other => panic!("expected Http 404, got {other:?}"),
    }
}

#[tokio::test]
async fn slow_server_times_out() {
    let base = serve().await;
    let f = fetcher();
    for path in ["/slow", "/trickle"] {
        let started = Instant::now();
        let err = f.get(&format!("{base}{path}")).await.unwrap_err();
        assert!(matches!(err, FetchError::Timeout { .. }), "{path}: {err:?}");
        assert!(started.elapsed() < Duration::from_secs(3), "{path} took {:?}", started.elapsed());
        assert!(err.to_string().contains("did not answer"));
    }
}

#[tokio::test]
async fn oversize_bodies_are_refused_while_streaming() {
    let base = serve().await;
    let f = fetcher();
    let started = Instant::now();
    let err = f.get(&format!("{base}/huge")).await.unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { limit: 1048576, .. }), "{err:?}");
    // 50 MB over loopback would take far longer to buffer than to refuse.
    assert!(started.elapsed() < Duration::from_millis(700));
    let err = f.get(&format!("{base}/huge-declared")).await.unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn redirect_loops_are_refused() {
    let base = serve().await;
    let err = fetcher().get(&format!("{base}/loop-a")).await.unwrap_err();
    assert!(matches!(err, FetchError::TooManyRedirects { limit: 3, .. }), "{err:?}");
    let err = fetcher().get(&format!("{base}/to-ftp")).await.unwrap_err();
    assert!(matches!(err, FetchError::BadRedirect { .. }), "{err:?}");
}

#[tokio::test]
async fn binary_types_are_refused_as_pages() {
    let base = serve().await;
    let f = fetcher();
    for path in ["/photo.jpg", "/report.pdf", "/blob"] {
        let err = f.get_page(&format!("{base}{path}")).await.unwrap_err();
        assert!(matches!(err, FetchError::NotAPage { .. }), "{path}: {err:?}");
        assert!(err.to_string().contains("not a web page"));
    }
}

#[tokio::test]
async fn images_need_an_image_type_and_their_own_limit() {
    let base = serve().await;
    let f = fetcher();
    let img = f.get_image(&format!("{base}/photo.jpg"), 1000).await.unwrap();
    assert!(img.body.ends_with(b"JPEGDATA"));
    let err = f.get_image(&format!("{base}/article"), 1000).await.unwrap_err();
    assert!(matches!(err, FetchError::NotAnImage { .. }), "{err:?}");
    let err = f.get_image(&format!("{base}/photo.jpg"), 4).await.unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { limit: 4, .. }), "{err:?}");
}

#[tokio::test]
async fn bad_addresses_fail_before_connecting() {
    let f = fetcher();
    assert!(matches!(f.get("file:///etc/passwd").await, Err(FetchError::UnsupportedScheme { .. })));
    assert!(matches!(f.get("http//broken").await, Err(FetchError::InvalidUrl { .. })));
    // Port 9 (discard) on loopback is closed on test machines.
    assert!(matches!(f.get("http://127.0.0.1:9/").await, Err(FetchError::Network { .. })));
}

/// Fetch futures cross threads in loa's job workers (`tokio::spawn`).
#[test]
fn fetch_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let f = fetcher();
    let page = f.get_page("http://127.0.0.1:9/");
    assert_send(&page);
    let conditional = f.get_conditional("http://127.0.0.1:9/", None, None);
    assert_send(&conditional);
}
