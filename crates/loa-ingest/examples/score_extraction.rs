//! Scores `loa_ingest::extract` on the article-extraction benchmark, with
//! the metric its README describes (4-token shingles, per-page precision
//! and recall averaged over pages, F1 of the averages).
//!
//! cargo run -p loa-ingest --example score_extraction [-- --worst N] [-- --show ID]
//! BENCH_DIR overrides /work/shared/benchmarks/article-extraction.

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

fn tokens(text: &str) -> Vec<&str> {
    // `\w+` with Unicode semantics: letters, digits and underscore.
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let toks = tokens(text);
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    if toks.len() < 4 {
        *out.entry(toks).or_insert(0) += 1;
        return out;
    }
    for w in toks.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// (precision, recall) of one page.
fn score(truth: &str, predicted: &str) -> (f64, f64) {
    let t = shingles(truth);
    let p = shingles(predicted);
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for (k, &tc) in &t {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += tc.min(pc);
        fneg += tc.saturating_sub(pc);
    }
    for (k, &pc) in &p {
        let tc = t.get(k).copied().unwrap_or(0);
        fp += pc.saturating_sub(tc);
    }
    let precision = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
    let recall = if tp + fneg == 0 { 0.0 } else { tp as f64 / (tp + fneg) as f64 };
    (precision, recall)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let worst: usize =
        args.iter().position(|a| a == "--worst").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok()).unwrap_or(10);
    let show: Option<&String> = args.iter().position(|a| a == "--show").and_then(|i| args.get(i + 1));
    let dir = PathBuf::from(std::env::var("BENCH_DIR").unwrap_or_else(|_| "/work/shared/benchmarks/article-extraction".into()));
    let truth_raw = std::fs::read_to_string(dir.join("ground-truth.json")).expect("ground-truth.json");
    let truth: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&truth_raw).expect("ground truth is JSON");
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();

    let mut results = Vec::new();
    let mut extract_time = std::time::Duration::ZERO;
    for id in ids {
        if show.is_some_and(|s| !id.starts_with(s.as_str())) {
            continue;
        }
        let entry = &truth[id];
        let expected = entry["articleBody"].as_str().unwrap_or("");
        let url = entry["url"].as_str();
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let Ok(file) = std::fs::File::open(&path) else {
            eprintln!("missing {}", path.display());
            continue;
        };
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).expect("gzip");
        let html = loa_ingest::decode_html(&bytes, None);
        let started = Instant::now();
        let predicted = match loa_ingest::extract(&html, url) {
            Ok(e) => {
                if show.is_some() {
                    println!("{}", serde_json::to_string_pretty(&loa_ingest::benchmark_json(&e)).unwrap());
                    println!("--- truth ---\n{expected}");
                }
                e.full_text()
            }
            Err(err) => {
                if show.is_some() {
                    println!("error: {err}");
                }
                String::new()
            }
        };
        extract_time += started.elapsed();
        let (p, r) = score(expected, &predicted);
        results.push((id.clone(), p, r));
    }
    let n = results.len().max(1) as f64;
    let precision = results.iter().map(|r| r.1).sum::<f64>() / n;
    let recall = results.iter().map(|r| r.2).sum::<f64>() / n;
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    results.sort_by(|a, b| (a.1 + a.2).partial_cmp(&(b.1 + b.2)).unwrap());
    if show.is_none() {
        println!("worst pages (precision, recall):");
        for (id, p, r) in results.iter().take(worst) {
            println!("  {p:.3} {r:.3}  {}  {}", &id[..12], truth[id]["url"].as_str().unwrap_or(""));
        }
    }
    println!(
        "pages {}  F1 {f1:.4}  precision {precision:.4}  recall {recall:.4}  ({:.1} pages/s)",
        results.len(),
        results.len() as f64 / extract_time.as_secs_f64().max(1e-9)
    );
}
