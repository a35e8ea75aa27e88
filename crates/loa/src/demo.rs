//! `loa demo`: the whole newsroom on one machine. A small outlet of our own
//! is served on loopback; loa follows its feed over real HTTP, extracts and
//! stores every article, translates each into every language the installed
//! Apertium pairs reach, indexes them, and serves the site.

use anyhow::Context;
use loa_store::JobKind;
use std::net::SocketAddr;
use std::time::Duration;

use crate::app::Application;
use crate::ingest::poll_source;
use crate::progress;
use crate::services::Services;

/// The range the demo's own outlet is served from.
pub const LOOPBACK: &str = "127.0.0.0/8";

pub struct DemoOptions {
    /// Where the demo outlet listens; taken if free, else any free port.
    pub outlet_listen: SocketAddr,
    /// Stop after ingesting and translating instead of serving.
    pub no_serve: bool,
}

pub async fn run(services: Services, options: DemoOptions) -> anyhow::Result<()> {
    let listener = match tokio::net::TcpListener::bind(options.outlet_listen).await {
        Ok(l) => l,
        Err(_) => tokio::net::TcpListener::bind("127.0.0.1:0").await?,
    };
    let outlet = loa_demo::serve_outlet(listener).await.context("cannot start the demo outlet")?;
    let name = loa_demo::outlet().name().to_string();
    println!("Demo outlet \"{name}\" is serving {}", outlet.home_url);

    let source = services.store.add_source(&name, &outlet.home_url, &outlet.feed_url).await?;
    let report = poll_source(&services, &source).await?;
    println!("Feed {} lists {} articles", outlet.feed_url, report.items);

    let pairs: Vec<String> = services.apertium.directions().iter().map(|(a, b)| format!("{a}→{b}")).collect();
    println!("Apertium directions installed: {}", pairs.join(" "));

    drain_with_progress(&services).await?;
    summarise(&services).await?;

    if options.no_serve {
        outlet.shutdown().await;
        return Ok(());
    }
    let password = demo_editor(&services).await?;
    let app = Application::with_services(services).await?;
    println!("\nloa is serving the demo newsroom at http://{}/ (Ctrl-C to stop)", app.address());
    println!("Newsroom: http://{}/en/newsroom/ — sign in as \"{DEMO_EDITOR}\" with the password {password}", app.address());
    let result = app.run_until_stopped(true).await;
    outlet.shutdown().await;
    result
}

/// The demo's newsroom member.
pub const DEMO_EDITOR: &str = "editor";

/// Gives the demo an editor to sign in as, with a new random password each
/// run (a stored password cannot be shown again, so a rerun resets it).
async fn demo_editor(services: &Services) -> anyhow::Result<String> {
    let password: String = loa_web::auth::new_session_token().chars().take(16).collect();
    let hash = loa_web::auth::hash_password(&password);
    let exists = services.store.user_for_login(DEMO_EDITOR).await?.is_some();
    if exists {
        services.store.update_user(DEMO_EDITOR, Some(&hash), Some(loa_domain::Role::Editor), Some(false)).await?;
    } else {
        services.store.create_user(DEMO_EDITOR, "Demo editor", loa_domain::Role::Editor, &hash).await?;
    }
    Ok(password)
}

/// Runs every due job, drawing one progress bar per kind of job; waits
/// for jobs backing off after a passing failure, within reason.
async fn drain_with_progress(services: &Services) -> anyhow::Result<()> {
    // Articles first, so translations can start on a full queue.
    progress::drain(services, &[JobKind::FetchArticle], 2).await?;
    progress::drain(services, &JobKind::ALL, services.config.workers.max(2)).await?;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(180);
    while tokio::time::Instant::now() < deadline && open_jobs(services).await? > 0 {
        tokio::time::sleep(Duration::from_secs(1)).await;
        progress::drain(services, &JobKind::ALL, services.config.workers.max(2)).await?;
    }
    Ok(())
}

async fn open_jobs(services: &Services) -> anyhow::Result<i64> {
    let mut open = 0;
    for kind in JobKind::ALL {
        open += services.store.job_counts(kind).await?.open();
    }
    Ok(open)
}

/// `26 articles; editions: 26 original, 110 published`.
pub async fn edition_summary(services: &Services) -> anyhow::Result<String> {
    let articles = services.store.article_count().await?;
    let counts = services.store.edition_counts().await?;
    let described: Vec<String> = counts.iter().map(|(s, n)| format!("{n} {}", s.as_str().replace('_', " "))).collect();
    Ok(format!("{articles} articles; editions: {}", described.join(", ")))
}

async fn summarise(services: &Services) -> anyhow::Result<()> {
    println!("{}", edition_summary(services).await?);
    for (kind, key, reason) in services.store.failed_jobs(10).await? {
        println!("  failed {} {key}: {reason}", kind.as_str());
    }
    Ok(())
}
