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
    /// Follow a feed or sitemap, fetch one article page, or (with --once)
    /// poll every source that is due.
    Ingest {
        #[command(flatten)]
        data: DataArgs,
        /// A feed, sitemap or article URL.
        #[arg(required_unless_present = "once", conflicts_with = "once")]
        url: Option<String>,
        /// The outlet's name (default: the feed's title or the host).
        #[arg(long)]
        outlet: Option<String>,
        /// One pass over every followed source that is due, then fetch.
        #[arg(long)]
        once: bool,
    },
    /// Manage the sources loa follows.
    Sources {
        #[command(flatten)]
        data: DataArgs,
        #[command(subcommand)]
        command: SourcesCommand,
    },
    /// Run pending translation jobs (and the index updates they cause).
    Translate {
        #[command(flatten)]
        data: DataArgs,
        /// Run the pending jobs (what this command does; kept for clarity).
        #[arg(long)]
        pending: bool,
    },
    /// Translate standard input to standard output through the configured
    /// engines, glossary and translation memory (one paragraph per line).
    TranslateText {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// List translation engines, the language pairs they serve and their state.
    Engines {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Export or import the translation memory as TMX.
    Tm {
        #[command(flatten)]
        data: DataArgs,
        #[command(subcommand)]
        command: TmCommand,
    },
    /// Editions held by the checks: list them with reasons, read and correct
    /// them segment by segment, publish or withdraw.
    Review {
        #[command(flatten)]
        data: DataArgs,
        #[command(subcommand)]
        command: ReviewCommand,
    },
    /// Newsroom members: add, list, change role or password, disable.
    Users {
        #[command(flatten)]
        data: DataArgs,
        #[command(subcommand)]
        command: UsersCommand,
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
    /// Render every reader page into this node's stored pages.
    RenderPages {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Show sources, job queues and recent failures.
    Status {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Copy this portal's store (articles, editions, memory, members,
    /// comments, media, jobs) into an empty PostgreSQL database, then
    /// compare both, table by table, by row count and checksum.
    MigrateStore {
        #[command(flatten)]
        data: DataArgs,
        /// The target store, e.g. postgres://loa@db.example:5432/loa
        #[arg(long, value_name = "DATABASE_URL")]
        to: String,
    },
    /// Serve the demo outlet alone (for a cluster of nodes to follow).
    DemoOutlet {
        /// Where the outlet listens.
        #[arg(long, default_value = "127.0.0.1:8081")]
        listen: SocketAddr,
    },
}

#[derive(Debug, Args, Clone, Default)]
pub struct SourceSettingsArgs {
    /// The outlet's name.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Language of the source's pages, overriding what they declare.
    #[arg(long)]
    pub language: Option<String>,
    /// Map a URL path prefix (`/du-lich/`) or a feed category to a section:
    /// `PATTERN=SECTION`. Repeatable.
    #[arg(long = "category-rule", value_name = "PATTERN=SECTION")]
    pub category_rules: Vec<String>,
    /// CSS selector whose matches alone make the article body. Repeatable.
    #[arg(long = "keep", value_name = "SELECTOR")]
    pub keep: Vec<String>,
    /// CSS selector removed before extraction. Repeatable.
    #[arg(long = "drop", value_name = "SELECTOR")]
    pub drop: Vec<String>,
    /// Seconds between polls of this source (default: poll_interval_secs).
    #[arg(long)]
    pub interval: Option<u64>,
    /// IANA time zone of dates the source writes without an offset
    /// (`Asia/Ho_Chi_Minh`); `auto` (the default): the zone of the
    /// outlet's country domain where it has a single one, else UTC.
    #[arg(long, value_name = "ZONE")]
    pub timezone: Option<String>,
    /// Follow it but do not poll it.
    #[arg(long)]
    pub disabled: bool,
}

#[derive(Debug, Subcommand)]
pub enum SourcesCommand {
    /// Follow a feed or sitemap and poll it now.
    Add {
        url: String,
        #[command(flatten)]
        settings: SourceSettingsArgs,
        /// Leave the articles it lists to the running `loa serve` nodes
        /// instead of fetching and translating them here.
        #[arg(long)]
        queue_only: bool,
    },
    /// List sources with their settings and health.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Stop following a source (its articles stay).
    Remove { id: i64 },
    /// Change a source's settings (given flags replace the stored values).
    Set {
        id: i64,
        #[command(flatten)]
        settings: SourceSettingsArgs,
        /// Poll it again.
        #[arg(long, conflicts_with = "disabled")]
        enabled: bool,
    },
    /// Extract a source's articles again from their stored pages (after
    /// its rules changed); changed articles are translated again.
    Reextract { id: i64 },
    /// Follow every feed of an OPML file.
    ImportOpml { file: PathBuf },
    /// Write the followed sources as OPML (to stdout without a file).
    ExportOpml { file: Option<PathBuf> },
}

#[derive(Debug, Subcommand)]
pub enum TmCommand {
    /// Write every memory entry as TMX 1.4 (to stdout without a file).
    Export { file: Option<PathBuf> },
    /// Read a TMX file (from loa or another tool) into the memory.
    Import {
        file: PathBuf,
        /// Engine the imported translations are filed under.
        #[arg(long, default_value = "apertium")]
        engine: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Editions held for review or failed, with their reasons.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One edition beside the text it was translated from, segment by
    /// segment (0 the title, 1 the lead, then blocks and figure texts).
    Show {
        slug: String,
        lang: String,
        #[arg(long)]
        json: bool,
    },
    /// Replace one segment of an edition with a reviewer's text (from
    /// --text, else standard input). The correction is remembered: the same
    /// source sentence is never machine-translated again. A held edition
    /// becomes reviewed; a published one stays published.
    Correct {
        slug: String,
        lang: String,
        /// Segment number, as `review show` prints it.
        segment: usize,
        #[arg(long)]
        text: Option<String>,
    },
    /// Make an edition public.
    Publish { slug: String, lang: String },
    /// Take an edition off the site (kept as failed, with its text).
    Withdraw { slug: String, lang: String },
}

/// Passwords are read from standard input (the first line), never from
/// the command line, where other users of the machine could see them.
#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Add a member; the password is read from standard input.
    Add {
        username: String,
        /// editor, translator or moderator.
        #[arg(long)]
        role: String,
        /// The name shown in the newsroom (default: the username).
        #[arg(long)]
        name: Option<String>,
    },
    /// Every member with role and standing.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Change a member: role, password (read from standard input), standing.
    Set {
        username: String,
        #[arg(long)]
        role: Option<String>,
        /// Read a new password from standard input; ends the member's sessions.
        #[arg(long)]
        password: bool,
        /// Keep the member out (ends their sessions).
        #[arg(long, conflicts_with = "enable")]
        disable: bool,
        #[arg(long)]
        enable: bool,
    },
}
