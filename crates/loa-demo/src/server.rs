//! Serving the outlet over HTTP on a listener the caller binds (normally
//! loopback, port 0), so loa ingests it exactly as it would a real site.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use loa_domain::Category;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::{outlet, site, svg, DemoOutlet};

struct AppState {
    outlet: DemoOutlet,
    /// `http://<bound address>`: feed links and canonical URLs are absolute.
    base: String,
}

/// The outlet, running. Dropping it stops the server; [`RunningOutlet::shutdown`]
/// stops it gracefully and waits.
#[derive(Debug)]
pub struct RunningOutlet {
    pub addr: SocketAddr,
    pub feed_url: String,
    pub home_url: String,
    handle: Option<JoinHandle<()>>,
    stop: Option<oneshot::Sender<()>>,
}

impl RunningOutlet {
    /// Stops accepting connections, lets open requests finish, and waits.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(handle) = self.handle.take() {
            let _ = handle.await;
        }
    }
}

impl Drop for RunningOutlet {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.abort();
        }
    }
}

/// Serves the demo outlet on `listener` in a background task.
///
/// Routes: `/` (home), `/rss.xml`, `/<lang>/<yyyy>/<mm>/<slug>.html`,
/// `/images/<slug>-<n>.svg`, `/section/<category>/` and `/about.html`.
pub async fn serve_outlet(listener: tokio::net::TcpListener) -> std::io::Result<RunningOutlet> {
    let addr = listener.local_addr()?;
    let base = format!("http://{addr}");
    let state = Arc::new(AppState { outlet: outlet(), base: base.clone() });
    let app = router(state);
    let (stop, stopped) = oneshot::channel::<()>();
    let handle = tokio::spawn(async move {
        let server = axum::serve(listener, app).with_graceful_shutdown(async move {
            let _ = stopped.await;
        });
        if let Err(e) = server.await {
            eprintln!("demo outlet on {addr} stopped: {e}");
        }
    });
    Ok(RunningOutlet {
        addr,
        feed_url: format!("{base}/rss.xml"),
        home_url: format!("{base}/"),
        handle: Some(handle),
        stop: Some(stop),
    })
}

fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/rss.xml", get(feed))
        .route("/about.html", get(about))
        .route("/section/{slug}/", get(section))
        .route("/images/{file}", get(image))
        .route("/{lang}/{year}/{month}/{file}", get(article))
        .fallback(not_found)
        .with_state(state)
}

const HTML: &str = "text/html; charset=utf-8";

fn html(body: String) -> Response {
    ([(header::CONTENT_TYPE, HTML)], body).into_response()
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, HTML)],
        "<!doctype html><html lang=\"en\"><head><title>Not found | Central Coast Herald</title></head><body><h1>Page not found</h1><p><a href=\"/\">Back to the front page</a></p></body></html>",
    )
        .into_response()
}

async fn home(State(state): State<Arc<AppState>>) -> Response {
    html(site::index_page(&state.outlet, None))
}

async fn about(State(state): State<Arc<AppState>>) -> Response {
    html(site::about_page(&state.outlet))
}

async fn section(State(state): State<Arc<AppState>>, Path(slug): Path<String>) -> Response {
    match Category::from_slug(&slug) {
        Some(c) => html(site::index_page(&state.outlet, Some(c))),
        None => not_found().await,
    }
}

async fn feed(State(state): State<Arc<AppState>>) -> Response {
    ([(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")], site::rss(&state.outlet, &state.base)).into_response()
}

async fn article(
    State(state): State<Arc<AppState>>,
    Path((lang, year, month, file)): Path<(String, String, String, String)>,
) -> Response {
    let path = format!("/{lang}/{year}/{month}/{file}");
    match state.outlet.articles().iter().find(|a| a.path() == path) {
        Some(a) => html(site::article_page(&state.outlet, a, &state.base)),
        None => not_found().await,
    }
}

async fn image(State(state): State<Arc<AppState>>, Path(file): Path<String>) -> Response {
    let found = file
        .strip_suffix(".svg")
        .and_then(|stem| stem.rsplit_once('-'))
        .and_then(|(slug, n)| Some((state.outlet.find(slug)?, n.parse::<usize>().ok()?)))
        .and_then(|(a, n)| Some((a, n, a.figures().nth(n.checked_sub(1)?)?)));
    match found {
        Some((a, n, fig)) => (
            [(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")],
            svg::render(fig.scene, &a.slug, n, &fig.alt),
        )
            .into_response(),
        None => not_found().await,
    }
}
