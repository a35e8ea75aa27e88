use anyhow::Context;
use clap::Parser;
use loa::cli::{Cli, Command, DataArgs};
use loa::{
    demo, extract_cmd, ingest, jobs, migrate_cmd, progress, sources_cmd, translate_cmd, users_cmd, Application, Config, Services,
};
use loa_store::JobKind;
use std::net::SocketAddr;

/// See the workspace manifest: glibc's malloc was a quarter of a rendered
/// page's CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_env("LOA_LOG").unwrap_or_else(|_| "warn".into());
    // One JSON object per line for log collectors (LOA_LOG_FORMAT=json);
    // human-readable lines otherwise.
    if std::env::var("LOA_LOG_FORMAT").is_ok_and(|f| f == "json") {
        tracing_subscriber::fmt().json().with_env_filter(filter).with_writer(std::io::stderr).init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
    }
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn config(cli_config: Option<&std::path::Path>, data: &DataArgs, listen: Option<SocketAddr>) -> anyhow::Result<Config> {
    let mut config = Config::load(cli_config, |k| std::env::var(k).ok())?;
    if let Some(d) = &data.data_dir {
        config.data_dir = d.clone();
    }
    if let Some(l) = listen {
        config.listen = l;
    }
    Ok(config)
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let cfg_file = cli.config.as_deref();
    match cli.command {
        Command::Serve { data, listen, no_worker } => {
            let app = Application::build(config(cfg_file, &data, listen)?).await?;
            println!("loa is serving http://{}/", app.address());
            app.run_until_stopped(!no_worker).await
        }
        Command::Demo { data, listen, outlet_listen, no_serve } => {
            let mut config = config(cfg_file, &data, listen)?;
            // The demo outlet lives on loopback, which loa otherwise refuses.
            config.fetch.allow_addresses.push(demo::LOOPBACK.to_string());
            // The outlet is loa's own, on this machine: no need to pace
            // requests to it as a stranger's site would be.
            config.fetch.per_host_interval_ms = 0;
            // A proxy elsewhere could not reach this machine's loopback.
            config.fetch.proxy.clear();
            let services = Services::open(config).await?;
            demo::run(services, demo::DemoOptions { outlet_listen, no_serve }).await
        }
        Command::Ingest { data, url, outlet, once } => {
            let services = Services::open(config(cfg_file, &data, None)?).await?;
            if once {
                let (polled, failed) = ingest::poll_due_sources(&services).await?;
                println!("polled {polled} due sources ({failed} failed)");
            } else if let Some(url) = url {
                println!("{}", ingest::ingest_url(&services, &url, outlet.as_deref()).await?);
            }
            progress::drain(&services, &[JobKind::FetchArticle], 2).await?;
            print_status(&services).await
        }
        Command::Sources { data, command } => {
            let services = Services::open(config(cfg_file, &data, None)?).await?;
            let queue_only = matches!(command, loa::cli::SourcesCommand::Add { queue_only: true, .. });
            sources_cmd::run(&services, command).await?;
            if queue_only {
                return Ok(());
            }
            // Adding a source queues fetches; re-extraction queues translations.
            progress::drain(&services, &JobKind::ALL, services.config.workers).await
        }
        Command::TranslateText { data, from, to } => {
            let services = Services::open(config(cfg_file, &data, None)?).await?;
            translate_cmd::translate_text(&services, &from, &to).await
        }
        Command::Engines { data } => {
            let services = Services::open(config(cfg_file, &data, None)?).await?;
            translate_cmd::engines(&services).await
        }
        Command::Tm { data, command } => {
            let services = Services::open(config(cfg_file, &data, None)?).await?;
            translate_cmd::tm(&services, command).await
        }
        Command::Review { data, command } => {
            let services = Services::open(config(cfg_file, &data, None)?).await?;
            translate_cmd::review(&services, command).await
        }
        Command::Users { data, command } => {
            let services = Services::open(config(cfg_file, &data, None)?).await?;
            users_cmd::users(&services, command).await
        }
        Command::Translate { data, pending: _ } => {
            let services = Services::open(config(cfg_file, &data, None)?).await?;
            let workers = services.config.workers;
            progress::drain(&services, &[JobKind::TranslateEdition], workers).await?;
            print_status(&services).await
        }
        Command::Extract { files, pretty, json: _ } => {
            let out = serde_json::Value::Object(extract_cmd::extract_files(&files)?);
            let text = if pretty { serde_json::to_string_pretty(&out)? } else { serde_json::to_string(&out)? };
            println!("{text}");
            Ok(())
        }
        Command::Reindex { data } => {
            let services = Services::open(config(cfg_file, &data, None)?).await?;
            let n = jobs::follow_changes::rebuild(&services).await.context("reindex failed")?;
            println!("reindexed {n} public editions");
            Ok(())
        }
        Command::RenderPages { data } => {
            let n = loa::pages_cmd::render_pages(config(cfg_file, &data, None)?).await.context("rendering pages failed")?;
            println!("rendered {n} pages");
            Ok(())
        }
        Command::Status { data } => {
            let services = Services::open(config(cfg_file, &data, None)?).await?;
            print_status(&services).await
        }
        Command::MigrateStore { data, to } => migrate_cmd::migrate_store(&config(cfg_file, &data, None)?, &to).await,
        Command::DemoOutlet { listen } => {
            let listener = tokio::net::TcpListener::bind(listen).await.with_context(|| format!("cannot listen on {listen}"))?;
            let outlet = loa_demo::serve_outlet(listener).await.context("cannot start the demo outlet")?;
            println!("Demo outlet \"{}\" is serving {} (feed {})", loa_demo::outlet().name(), outlet.home_url, outlet.feed_url);
            let _ = tokio::signal::ctrl_c().await;
            outlet.shutdown().await;
            Ok(())
        }
    }
}

async fn print_status(services: &Services) -> anyhow::Result<()> {
    println!("store {} ({})", services.store.shown_url(), services.store.backend().as_str());
    println!("{}", demo::edition_summary(services).await?);
    for s in services.store.sources().await? {
        let health = match (&s.last_error, s.last_success_at) {
            (Some(e), _) => format!("error: {e}"),
            (None, Some(t)) => format!("ok at {}", t.format("%Y-%m-%d %H:%M")),
            (None, None) => "never polled".into(),
        };
        println!("source {} {} — {health}", s.id, s.feed_url);
    }
    for kind in JobKind::ALL {
        let c = services.store.job_counts(kind).await?;
        println!("{:>18}: {} pending, {} running, {} done, {} failed", kind.as_str(), c.pending, c.running, c.done, c.failed);
    }
    for (kind, key, reason) in services.store.failed_jobs(20).await? {
        println!("failed {} {key}: {reason}", kind.as_str());
    }
    Ok(())
}
