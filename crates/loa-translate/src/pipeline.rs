//! One warm Apertium pipeline per direction: a `bash` running the mode's
//! null-flush script, fed requests on stdin and answering each with a NUL.

use std::collections::VecDeque;
use std::process::Stdio;
use std::sync::{Arc, Mutex as StdMutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::sync::Mutex;

use crate::discovery::ModeFile;
use crate::stream::{decode_reply, encode_request, DecodedSegment};
use crate::TranslateError;

/// How many of a pipeline's last stderr lines are kept for error messages.
const STDERR_TAIL: usize = 6;

pub(crate) struct Pipeline {
    pub mode: ModeFile,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    process: Option<Process>,
    /// `apertium-wblank-mode -z` output for the stock mode, built once.
    stock_script: Option<String>,
    /// Set once the stock pipeline crashed and the tagger-free one replaced it.
    taggerless: bool,
    /// A request was written but its reply not read (the caller's future was
    /// dropped): the pipe holds a stale reply, so the process must go.
    in_flight: bool,
}

struct Process {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    pid: u32,
    stderr_tail: Arc<StdMutex<VecDeque<String>>>,
}

impl Drop for Process {
    fn drop(&mut self) {
        // bash and every stage share a process group of which bash is the
        // leader; killing bash alone would leave the stages running.
        if let Ok(pgid) = i32::try_from(self.pid) {
            if pgid > 1 {
                // SAFETY: kill(2) has no memory-safety preconditions.
                unsafe {
                    libc::kill(-pgid, libc::SIGKILL);
                }
            }
        }
        let _ = self.child.start_kill();
    }
}

impl Process {
    fn stderr_summary(&self) -> String {
        let tail = self.stderr_tail.lock().map(|t| t.clone()).unwrap_or_default();
        if tail.is_empty() {
            String::new()
        } else {
            format!("; stderr: {}", Vec::from(tail).join(" | "))
        }
    }

    /// Writes the request and reads one NUL-terminated reply, concurrently so
    /// that a large reply cannot block the pipeline while we are still writing.
    async fn round_trip(&mut self, request: &[u8]) -> std::io::Result<Vec<u8>> {
        let stdin = &mut self.stdin;
        let stdout = &mut self.stdout;
        let write = async {
            stdin.write_all(request).await?;
            stdin.flush().await
        };
        let read = async {
            let mut reply = Vec::new();
            stdout.read_until(0, &mut reply).await?;
            if reply.pop() != Some(0) {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the pipeline closed its output before answering",
                ));
            }
            Ok(reply)
        };
        let ((), reply) = tokio::try_join!(write, read)?;
        Ok(reply)
    }
}

/// How one exchange failed.
enum Failure {
    /// Could not build or start the pipeline: retrying will not help.
    Start(TranslateError),
    Timeout,
    /// The pipeline died or answered something that is not a framed reply.
    Broken(String),
}

impl Pipeline {
    pub fn new(mode: ModeFile) -> Pipeline {
        Pipeline { mode, state: Mutex::new(State::default()) }
    }

    /// The running pipeline's process id (its `bash`), if one is running.
    /// Whether a request holds this pipeline right now.
    pub fn is_busy(&self) -> bool {
        self.state.try_lock().is_err()
    }

    pub async fn pid(&self) -> Option<u32> {
        self.state.lock().await.process.as_ref().map(|p| p.pid)
    }

    /// Translates trimmed, non-empty segments in one request.
    pub async fn translate(&self, segments: &[&str], timeout: Duration) -> Result<Vec<DecodedSegment>, TranslateError> {
        let mut state = self.state.lock().await;
        if state.in_flight {
            tracing::warn!(mode = %self.mode.name, "previous request was abandoned; restarting the pipeline");
            state.process = None;
            state.in_flight = false;
        }
        if let Some(process) = state.process.as_mut() {
            if !matches!(process.child.try_wait(), Ok(None)) {
                tracing::warn!(mode = %self.mode.name, pid = process.pid, "pipeline had exited; restarting it");
                state.process = None;
            }
        }

        let request = encode_request(segments);
        match self.exchange(&mut state, &request, segments.len(), timeout).await {
            Ok(reply) => Ok(reply),
            Err(Failure::Broken(detail)) if !state.taggerless && self.can_drop_tagger(&state) => {
                // Some pairs' statistical tagger crashes on real input
                // (rus-ukr, ukr-rus, rus-bel on Debian). Their constraint
                // grammar can pick the reading instead: weaker, but it works.
                // Expected for those pairs, so not a warning.
                tracing::info!(
                    mode = %self.mode.name,
                    %detail,
                    "pipeline broke; switching this direction to the tagger-free pipeline"
                );
                state.taggerless = true;
                match self.exchange(&mut state, &request, segments.len(), timeout).await {
                    Ok(reply) => Ok(reply),
                    Err(failure) => Err(self.error(failure, timeout)),
                }
            }
            Err(failure) => Err(self.error(failure, timeout)),
        }
    }

    fn error(&self, failure: Failure, timeout: Duration) -> TranslateError {
        match failure {
            Failure::Start(e) => e,
            Failure::Timeout => TranslateError::Timeout { mode: self.mode.name.clone(), after: timeout },
            Failure::Broken(detail) => TranslateError::PipelineFailed { mode: self.mode.name.clone(), detail },
        }
    }

    fn can_drop_tagger(&self, state: &State) -> bool {
        state.stock_script.as_deref().and_then(without_tagger).is_some()
    }

    async fn exchange(
        &self,
        state: &mut State,
        request: &str,
        expected: usize,
        timeout: Duration,
    ) -> Result<Vec<DecodedSegment>, Failure> {
        if state.process.is_none() {
            state.process = Some(self.spawn(state).await.map_err(Failure::Start)?);
        }
        let Some(process) = state.process.as_mut() else {
            return Err(Failure::Broken("pipeline did not start".into()));
        };
        state.in_flight = true;
        let outcome = tokio::time::timeout(timeout, process.round_trip(request.as_bytes())).await;
        state.in_flight = false;
        let failure = match outcome {
            Err(_elapsed) => Failure::Timeout,
            Ok(Err(io)) => Failure::Broken(format!("{io}{}", process.stderr_summary())),
            Ok(Ok(reply)) => match decode_reply(&String::from_utf8_lossy(&reply), expected) {
                Ok(segments) => return Ok(segments),
                Err(e) => Failure::Broken(format!("{e}{}", process.stderr_summary())),
            },
        };
        // Whatever went wrong, the process cannot be trusted to be in step
        // with us any more: the next request gets a fresh one.
        state.process = None;
        Err(failure)
    }

    async fn spawn(&self, state: &mut State) -> Result<Process, TranslateError> {
        if state.stock_script.is_none() {
            state.stock_script = Some(self.null_flush_script().await?);
        }
        let stock = state.stock_script.clone().unwrap_or_default();
        let script = if state.taggerless { without_tagger(&stock).unwrap_or(stock) } else { stock };

        let spawn_err = |source| TranslateError::Spawn { mode: self.mode.name.clone(), source };
        // `$1` is the generator's option: `-g` keeps the `*`/`#`/`@` marks
        // we count. `$2` is the tagger's extra option: none.
        let mut child = Command::new("bash")
            .arg("-c")
            .arg(&script)
            .arg(format!("loa-apertium-{}", self.mode.name))
            .arg("-g")
            .arg("")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .map_err(spawn_err)?;
        let missing = |what: &str| spawn_err(std::io::Error::other(format!("child has no {what} pipe")));
        let pid = child.id().ok_or_else(|| missing("pid"))?;
        let stdin = child.stdin.take().ok_or_else(|| missing("stdin"))?;
        let stdout = BufReader::new(child.stdout.take().ok_or_else(|| missing("stdout"))?);
        let stderr = child.stderr.take().ok_or_else(|| missing("stderr"))?;

        let stderr_tail = Arc::new(StdMutex::new(VecDeque::new()));
        let tail = Arc::clone(&stderr_tail);
        let mode = self.mode.name.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(stderr).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                tracing::warn!(%mode, stderr = %line, "Apertium pipeline said");
                if let Ok(mut tail) = tail.lock() {
                    if tail.len() == STDERR_TAIL {
                        tail.pop_front();
                    }
                    tail.push_back(line);
                }
            }
        });

        tracing::debug!(mode = %self.mode.name, pid, taggerless = state.taggerless, "Apertium pipeline started");
        Ok(Process { child, stdin, stdout, pid, stderr_tail })
    }

    /// Asks Apertium to turn the mode into its null-flush (`-z`) form.
    async fn null_flush_script(&self) -> Result<String, TranslateError> {
        let failed = |detail: String| TranslateError::ModeScript { mode: self.mode.name.clone(), detail };
        let output = Command::new("apertium-wblank-mode")
            .arg("-z")
            .arg(&self.mode.path)
            .stdin(Stdio::null())
            .output()
            .await
            .map_err(|e| failed(format!("cannot run apertium-wblank-mode (is the apertium package installed?): {e}")))?;
        let script = String::from_utf8_lossy(&output.stdout).trim().to_string();
        if !output.status.success() || script.is_empty() {
            return Err(failed(format!(
                "apertium-wblank-mode exited with {}: {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        Ok(script)
    }
}

/// The pipeline without its statistical tagger: `cg-proc X | apertium-tagger Y`
/// becomes `cg-proc -1 -n X` (constraint grammar keeps the first remaining
/// reading, without surface forms, which is the shape the tagger emits).
/// `None` when the script has no tagger right after a constraint grammar stage.
pub(crate) fn without_tagger(script: &str) -> Option<String> {
    let stages: Vec<&str> = script.trim().split(" | ").map(str::trim).collect();
    let tagger = stages.iter().position(|s| s.starts_with("apertium-tagger "))?;
    let cg = stages.get(tagger.checked_sub(1)?)?;
    if !cg.starts_with("cg-proc ") {
        return None;
    }
    let grammar_arg = cg.rfind(" '")?;
    let patched_cg = format!("{} -1 -n{}", &cg[..grammar_arg], &cg[grammar_arg..]);
    let mut out: Vec<String> = stages[..tagger - 1].iter().map(|s| s.to_string()).collect();
    out.push(patched_cg);
    out.extend(stages[tagger + 1..].iter().map(|s| s.to_string()));
    Some(out.join(" | "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagger_stage_is_replaced_by_first_reading() {
        let script = "lt-proc -z -w '/d/rus-ukr.automorf.bin' | apertium-wblank-attach | \
                      cg-proc -z -w '/d/rus-ukr.rlx.bin' | apertium-tagger -z -g $2 '/d/rus-ukr.prob' | \
                      apertium-pretransfer -z | lt-proc -z $1 '/d/rus-ukr.autogen.bin'";
        assert_eq!(
            without_tagger(script).unwrap(),
            "lt-proc -z -w '/d/rus-ukr.automorf.bin' | apertium-wblank-attach | \
             cg-proc -z -w -1 -n '/d/rus-ukr.rlx.bin' | \
             apertium-pretransfer -z | lt-proc -z $1 '/d/rus-ukr.autogen.bin'"
        );
    }

    #[test]
    fn scripts_without_cg_then_tagger_are_left_alone() {
        // eng-spa: the tagger follows the analyser directly.
        let script = "lt-proc -z '/d/eng-spa.automorf.bin' | apertium-wblank-attach | \
                      apertium-tagger -z -g $2 '/d/eng-spa.prob' | apertium-pretransfer -z";
        assert_eq!(without_tagger(script), None);
        assert_eq!(without_tagger("cat -z"), None);
    }
}
