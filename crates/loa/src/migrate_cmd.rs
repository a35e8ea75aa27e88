//! `loa migrate-store --to URL`: a single-machine portal moves to
//! PostgreSQL. Every table is copied, then both stores are compared table
//! by table; any difference is an error. The search index is not copied:
//! each node builds its own from the store when it starts.

use anyhow::{bail, Context};
use loa_store::Store;

use crate::config::Config;

pub async fn migrate_store(config: &Config, to: &str) -> anyhow::Result<()> {
    let from_url = config.database_url();
    if from_url == to {
        bail!("--to names the store being copied ({})", loa_store::redact(to));
    }
    let from =
        Store::connect(&from_url).await.with_context(|| format!("cannot open the store {}", loa_store::redact(&from_url)))?;
    let target = Store::connect(to).await.with_context(|| format!("cannot open the target store {}", loa_store::redact(to)))?;
    println!("copying {} into {}", from.shown_url(), target.shown_url());
    let reports = from.copy_into(&target).await.context("the copy failed; the target keeps what was committed table by table")?;
    println!("{:<20} {:>10} {:>10}  {:<16}  {:<16}", "table", "rows", "copied", "checksum", "copy's checksum");
    let mut differ = Vec::new();
    for r in &reports {
        println!(
            "{:<20} {:>10} {:>10}  {}  {}{}",
            r.table,
            r.source_rows,
            r.target_rows,
            r.source_checksum,
            r.target_checksum,
            if r.matches() { "" } else { "  DIFFERS" }
        );
        if !r.matches() {
            differ.push(r.table);
        }
    }
    if !differ.is_empty() {
        bail!("the copy differs from the original in {}", differ.join(", "));
    }
    println!("every table matches; start nodes with database_url = \"{}\"", target.shown_url());
    Ok(())
}
