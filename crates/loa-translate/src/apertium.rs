//! Apertium: warm pipelines per installed direction, routing through
//! pivot languages.
//!
//! - [`Apertium::discover`] reads the names of the mode files in Apertium's
//!   modes directory and keeps plain `source-target` directions
//!   (`eng-spa`, `es-pt`), skipping variants (`es-pt_BR`) and non-language
//!   modes (`eco-es-fr`). Nothing is started yet.
//! - Routing is a breadth-first search over the installed directions, so a
//!   missing pair is bridged by the fewest pivots (English to Portuguese goes
//!   English, Spanish, Portuguese).
//! - Each direction gets a pool of long-lived pipelines (two per core), each
//!   started on first use: the mode's null-flush script run by `bash`, one
//!   request per NUL-terminated message. A request carries all the segments of a call, framed so that
//!   the reply splits back into exactly as many segments (see `stream`).
//!   A pipeline that dies, times out or answers out of frame is killed and
//!   the request fails; the next request starts a fresh one. Some Debian
//!   pairs (rus-ukr, ukr-rus, rus-bel) crash in their statistical tagger;
//!   when that happens the direction switches to the same pipeline without
//!   the tagger and the request is retried once.
//! - Apertium marks unknown words `*`, generation errors `#` and transfer
//!   errors `@`. They are removed from the text and counted in
//!   [`Translation`], for the quality gate.
//! - A translation that comes back empty, or identical to its source, is an
//!   error: such an edition must never be published.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use loa_domain::Lang;

use crate::discovery;
use crate::pipeline::Pipeline;
use crate::routing::RouteGraph;
use crate::{TranslateError, Translation};

/// Where Debian's `apertium` package installs mode files.
pub const DEFAULT_MODES_DIR: &str = "/usr/share/apertium/modes";

/// Base time allowed for one request to one pipeline; larger requests get
/// one more second per [`BYTES_PER_EXTRA_SECOND`] (Apertium manages about
/// 10k words a second on this hardware, so this leaves a wide margin).
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
const BYTES_PER_EXTRA_SECOND: usize = 10_000;

/// The installed Apertium directions and their warm pipelines.
///
/// Share one `Apertium` (e.g. in an `Arc`) across tasks: each direction has
/// one pipeline, used by one request at a time.
pub struct Apertium {
    modes_dir: PathBuf,
    pipelines: BTreeMap<(Lang, Lang), Pool>,
    graph: RouteGraph,
    request_timeout: Duration,
}

impl std::fmt::Debug for Apertium {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Apertium")
            .field("modes_dir", &self.modes_dir)
            .field("directions", &self.directions())
            .field("request_timeout", &self.request_timeout)
            .finish()
    }
}

impl Apertium {
    /// Finds the installed directions in `modes_dir`. Starts no process.
    pub fn discover(modes_dir: &Path) -> Result<Apertium, TranslateError> {
        let modes = discovery::scan_modes_dir(modes_dir)?;
        if modes.is_empty() {
            return Err(TranslateError::NoDirections { path: modes_dir.to_path_buf() });
        }
        let graph = RouteGraph::new(modes.keys().copied());
        // Two pipelines per core: a request occupies one stage of its
        // pipeline at a time, so with one pipeline per core the other
        // stages idle between requests; a second one keeps them busy.
        let size = 2 * std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        let pipelines = modes.into_iter().map(|(direction, mode)| (direction, Pool::new(mode, size))).collect();
        Ok(Apertium { modes_dir: modes_dir.to_path_buf(), pipelines, graph, request_timeout: DEFAULT_REQUEST_TIMEOUT })
    }

    /// Sets the base time one request to one pipeline may take.
    pub fn with_request_timeout(mut self, timeout: Duration) -> Apertium {
        self.request_timeout = timeout;
        self
    }

    pub fn modes_dir(&self) -> &Path {
        &self.modes_dir
    }

    /// Every installed direction, sorted.
    pub fn directions(&self) -> Vec<(Lang, Lang)> {
        self.pipelines.keys().copied().collect()
    }

    /// The Apertium mode name serving a direct direction (`es-pt`).
    pub fn mode_name(&self, from: Lang, to: Lang) -> Option<&str> {
        self.pipelines.get(&(from, to)).map(|p| p.members[0].mode.name.as_str())
    }

    /// The languages of the shortest route, both ends included, e.g.
    /// `[en, es, pt]`; `None` if unreachable or `from == to`.
    pub fn route(&self, from: Lang, to: Lang) -> Option<Vec<Lang>> {
        self.graph.route(from, to)
    }

    /// Every language `from` can be translated into, directly or by pivots.
    pub fn reachable_from(&self, from: Lang) -> Vec<Lang> {
        self.graph.reachable_from(from)
    }

    /// Process id of the running pipeline for a direct direction, if started.
    /// For diagnostics and tests.
    pub async fn pipeline_pid(&self, from: Lang, to: Lang) -> Option<u32> {
        self.pipelines.get(&(from, to))?.members[0].pid().await
    }

    /// Process ids of every started pipeline of a direct direction (each
    /// leads its own process group). For diagnostics and benchmarks.
    pub async fn pipeline_pids(&self, from: Lang, to: Lang) -> Vec<u32> {
        let mut pids = Vec::new();
        if let Some(pool) = self.pipelines.get(&(from, to)) {
            for p in &pool.members {
                if let Some(pid) = p.pid().await {
                    pids.push(pid);
                }
            }
        }
        pids
    }

    /// How many pipelines of a direct direction have been started (at most
    /// the pool size, the number of cores).
    pub async fn pipelines_started(&self, from: Lang, to: Lang) -> usize {
        let Some(pool) = self.pipelines.get(&(from, to)) else { return 0 };
        let mut n = 0;
        for p in &pool.members {
            if p.pid().await.is_some() {
                n += 1;
            }
        }
        n
    }

    /// Translates each text segment (title, lead, paragraphs, captions)
    /// from `from` to `to`, through pivots when needed. Returns exactly one
    /// segment per input segment; blank ones stay as given.
    pub async fn translate(&self, from: Lang, to: Lang, segments: &[String]) -> Result<Translation, TranslateError> {
        if from == to {
            return Err(TranslateError::SameLanguage(from));
        }
        let route = self.route(from, to).ok_or(TranslateError::NoRoute { from, to })?;
        if segments.iter().all(|s| s.trim().is_empty()) {
            return Err(TranslateError::EmptyInput);
        }

        let mut current: Vec<String> = segments.to_vec();
        let mut modes = Vec::with_capacity(route.len() - 1);
        let (mut unknown_words, mut generation_errors, mut transfer_errors) = (0, 0, 0);
        for hop in route.windows(2) {
            let pipeline = self.pipelines.get(&(hop[0], hop[1])).ok_or(TranslateError::NoRoute { from, to })?.pick();
            modes.push(pipeline.mode.name.clone());

            // Only non-blank segments travel, trimmed; their surrounding
            // whitespace is put back afterwards.
            let sent: Vec<usize> = (0..current.len()).filter(|&i| !current[i].trim().is_empty()).collect();
            let texts: Vec<&str> = sent.iter().map(|&i| current[i].trim()).collect();
            if texts.is_empty() {
                break;
            }
            let bytes: usize = texts.iter().map(|t| t.len()).sum();
            let timeout = self.request_timeout + Duration::from_secs((bytes / BYTES_PER_EXTRA_SECOND) as u64);
            let decoded = pipeline.translate(&texts, timeout).await?;

            let mut next = current.clone();
            for (&i, out) in sent.iter().zip(decoded) {
                let source = &current[i];
                let lead = &source[..source.len() - source.trim_start().len()];
                let tail = &source[source.trim_end().len()..];
                next[i] = format!("{lead}{}{tail}", out.text);
                unknown_words += out.unknown_words;
                generation_errors += out.generation_errors;
                transfer_errors += out.transfer_errors;
            }
            current = next;
        }

        let engine = format!("apertium:{}", modes.join(">"));
        check_output(segments, &current, &engine)?;
        Ok(Translation { segments: current, engine, unknown_words, generation_errors, transfer_errors })
    }
}

/// Warm pipelines of one direction, two per core, so
/// concurrent jobs in the same direction do not queue behind one process.
/// Members start on first use; an idle machine runs one per direction.
struct Pool {
    members: Vec<Pipeline>,
    next: std::sync::atomic::AtomicUsize,
}

impl Pool {
    fn new(mode: discovery::ModeFile, size: usize) -> Pool {
        Pool {
            members: (0..size.max(1)).map(|_| Pipeline::new(mode.clone())).collect(),
            next: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// A pipeline no request holds (started ones first), else the next in
    /// turn, whose queue the request then joins.
    fn pick(&self) -> &Pipeline {
        if let Some(free) = self.members.iter().find(|p| !p.is_busy()) {
            return free;
        }
        let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        &self.members[i % self.members.len()]
    }
}

/// The failure rule: text lost or left untranslated is an error.
fn check_output(source: &[String], output: &[String], engine: &str) -> Result<(), TranslateError> {
    let non_blank: Vec<usize> = (0..source.len()).filter(|&i| !source[i].trim().is_empty()).collect();
    let emptied: Vec<usize> = non_blank.iter().copied().filter(|&i| output.get(i).is_none_or(|o| o.trim().is_empty())).collect();
    if output.len() != source.len() || !emptied.is_empty() {
        let detail = if output.len() != source.len() {
            format!("{} segment(s) came back for {} sent", output.len(), source.len())
        } else if emptied.len() == non_blank.len() {
            "every segment came back empty".to_string()
        } else {
            format!("segment(s) {emptied:?} of {} came back empty", source.len())
        };
        return Err(TranslateError::EmptyOutput { engine: engine.to_string(), detail });
    }
    if non_blank.iter().all(|&i| output[i].trim() == source[i].trim()) {
        return Err(TranslateError::Unchanged { engine: engine.to_string(), segments: non_blank.len() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn failure_rule() {
        let src = strings(&["Hello", "", "World"]);
        assert!(check_output(&src, &strings(&["Hola", "", "Mundo"]), "e").is_ok());
        // One segment unchanged is fine (a name, a number).
        assert!(check_output(&src, &strings(&["Hola", "", "World"]), "e").is_ok());
        assert!(matches!(
            check_output(&src, &strings(&["Hello", "", " World "]), "e"),
            Err(TranslateError::Unchanged { segments: 2, .. })
        ));
        assert!(matches!(check_output(&src, &strings(&["", "", " "]), "e"), Err(TranslateError::EmptyOutput { .. })));
        let err = check_output(&src, &strings(&["Hola", "", ""]), "e").unwrap_err();
        assert!(err.to_string().contains("[2]"), "{err}");
        assert!(matches!(check_output(&src, &strings(&["Hola"]), "e"), Err(TranslateError::EmptyOutput { .. })));
    }
}
