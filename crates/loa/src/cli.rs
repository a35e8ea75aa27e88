//! The command line. Every command and flag has `--help`.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "loa", version, about = "loa: a multilingual news promotion platform", long_about = None)]
pub struct Cli {
    /// Configuration file (TOML). `LOA_*` environment variables override it.
    #[arg(long, global = true, env = "LOA_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone, Default)]
pub struct DataArgs {
    /// Data directory: SQLite store, search index and media [default: ./loa-data]
    #[arg(long = "data", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the reader site and the JSON API, and run background jobs.
    Serve {
        #[command(flatten)]
        data: DataArgs,
        /// Address to listen on [default: 127.0.0.1:8080]
        #[arg(long)]
        listen: Option<SocketAddr>,
        /// Serve only; leave jobs to another process (`loa translate`, ...).
        #[arg(long)]
        no_worker: bool,
    },
    /// Run the demo newsroom: ingest a local outlet, translate, serve.
    Demo {
        #[command(flatten)]
        data: DataArgs,
        /// Address to listen on [default: 127.0.0.1:8080]
        #[arg(long)]
        listen: Option<SocketAddr>,
        /// Where the demo outlet listens (any free port if taken).
        #[arg(long, default_value = "127.0.0.1:8081")]
        outlet_listen: SocketAddr,
        /// Ingest and translate, then exit without serving.
        #[arg(long)]
        no_serve: bool,
    },
    /// Follow a feed (RSS, Atom, JSON Feed) or fetch one article page.
    Ingest {
        #[command(flatten)]
        data: DataArgs,
        /// A feed URL or an article URL.
        url: String,
        /// The outlet's name (default: the feed's title or the host).
        #[arg(long)]
        outlet: Option<String>,
    },
    /// Run pending translation jobs (and the index updates they cause).
    Translate {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Extract articles from local .html or .html.gz files and print JSON.
    Extract {
        /// Pages to extract.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
        /// Accepted for compatibility; the output is always JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the search index from the store.
    Reindex {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Show sources, job queues and recent failures.
    Status {
        #[command(flatten)]
        data: DataArgs,
    },
}
