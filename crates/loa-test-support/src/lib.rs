//! Loopback HTTP servers for tests. Tests of the fetcher, the crawler and
//! the HTTP translation engines need servers that misbehave on purpose
//! (slow heads, wrong lengths, endless bodies, redirects to anywhere), so
//! they write raw HTTP/1.1 rather than use a framework. What every such
//! server repeats lives here: the accept loop, reading a request head, and
//! writing an answer. `browser` drives real headless Chromium over the
//! DevTools protocol for tests that click and submit forms.
//!
//! Architecture invariant: a dev-dependency only; nothing of loa depends on
//! it at run time, and it knows nothing of loa's types.

pub mod browser;

use std::future::Future;
use std::net::SocketAddr;

use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};

/// The longest request head read; a longer one is answered as it stands.
const MAX_HEAD: usize = 64 * 1024;

/// A request's first line and headers, as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    /// The request target, query included.
    pub path: String,
    /// Every header line, name and value trimmed, in order.
    pub headers: Vec<(String, String)>,
    /// The head as received, for tests that look at the bytes.
    pub raw: String,
}

impl Head {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Reads a request head from `sock`: the head, and whatever bytes of the
/// body came with it. `None` when the peer closes first.
pub async fn read_head(sock: &mut TcpStream) -> Option<(Head, Vec<u8>)> {
    let mut buf = Vec::with_capacity(8192);
    let mut chunk = [0u8; 8192];
    let end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p;
        }
        if buf.len() >= MAX_HEAD {
            break buf.len();
        }
        match sock.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let raw = String::from_utf8_lossy(&buf[..end]).to_string();
    let rest = buf.get(end + 4..).map(<[u8]>::to_vec).unwrap_or_default();
    let mut lines = raw.lines();
    let mut first = lines.next().unwrap_or("").split_whitespace();
    let method = first.next().unwrap_or("").to_string();
    let path = first.next().unwrap_or("/").to_string();
    let headers = lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_string(), v.trim().to_string())).collect();
    Some((Head { method, path, headers, raw }, rest))
}

/// Listens on `bind` (port 0 for any) and runs `handle` on every
/// connection, each in a task of its own, for as long as the test runs.
/// Returns the address it listens on.
pub async fn serve<F, Fut>(bind: impl ToSocketAddrs, handle: F) -> SocketAddr
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    serve_on(TcpListener::bind(bind).await.expect("a loopback port"), handle)
}

/// [`serve`] on a listener bound already: for a server whose answers name
/// its own address.
pub fn serve_on<F, Fut>(listener: TcpListener, handle: F) -> SocketAddr
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let addr = listener.local_addr().expect("a bound address");
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            tokio::spawn(handle(sock));
        }
    });
    addr
}

/// The reason phrase for the statuses tests answer with.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        // DeepL's answer when the account's quota is spent.
        456 => "Quota Exceeded",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}

/// A whole answer that closes the connection: status line, `extra` header
/// lines (each ending in `\r\n`), the length, and `body`.
pub fn answer(status: u16, extra: &str, body: &[u8]) -> Vec<u8> {
    let mut out =
        format!("HTTP/1.1 {status} {}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n", reason(status), body.len())
            .into_bytes();
    out.extend_from_slice(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    #[tokio::test]
    async fn a_head_is_read_whole_and_the_answer_goes_back() {
        let addr = serve("127.0.0.1:0", |mut sock| async move {
            let Some((head, rest)) = read_head(&mut sock).await else { return };
            let body = format!("{} {} {:?} {}", head.method, head.path, head.header("X-TEST"), String::from_utf8_lossy(&rest));
            let _ = sock.write_all(&answer(201, "Content-Type: text/plain\r\n", body.as_bytes())).await;
        })
        .await;
        let mut sock = TcpStream::connect(addr).await.unwrap();
        // The head arrives in two pieces, with part of a body after it.
        sock.write_all(b"POST /a?b=1 HTTP/1.1\r\nx-test:  yes \r\n").await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        sock.write_all(b"Host: here\r\n\r\nbody").await.unwrap();
        let mut got = String::new();
        sock.read_to_string(&mut got).await.unwrap();
        assert!(got.starts_with("HTTP/1.1 201 Created\r\n"), "{got}");
        assert!(got.contains("Content-Length: 28\r\n"), "{got}");
        assert!(got.ends_with("POST /a?b=1 Some(\"yes\") body"), "{got}");
    }

    #[tokio::test]
    async fn a_peer_that_closes_early_reads_as_none() {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let tx = std::sync::Mutex::new(Some(tx));
        let tx = std::sync::Arc::new(tx);
        let addr = serve("127.0.0.1:0", move |mut sock| {
            let tx = tx.clone();
            async move {
                let got = read_head(&mut sock).await;
                if let Some(tx) = tx.lock().unwrap().take() {
                    let _ = tx.send(got.is_none());
                }
            }
        })
        .await;
        let mut sock = TcpStream::connect(addr).await.unwrap();
        sock.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
        drop(sock);
        assert!(rx.await.unwrap());
    }
}
