//! Real headless Chromium, driven over the DevTools protocol, for tests
//! that click, type and submit forms as a reader or an editor does.
//!
//! The protocol runs over a pipe (`--remote-debugging-pipe`: Chromium reads
//! commands on its descriptor 3 and writes answers on 4, each message a JSON
//! text ended by a NUL byte), so no port is opened and no WebSocket client
//! is needed. The shell that starts Chromium moves our stdin/stdout pipes to
//! those descriptors. Every request the page makes is recorded, so a test
//! can say what the browser fetched (and, as important, what it did not).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long one page load or command may take before the test fails.
const WAIT: Duration = Duration::from_secs(30);

/// The Chromium binary Debian installs (scripts/install-deps).
pub fn chromium_binary() -> &'static str {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("Chromium is not installed: run scripts/install-deps")
}

/// Flags every test run of Chromium takes: headless, no sandbox (CI runs
/// as root), and nothing that phones home.
pub const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// One headless Chromium with one page open.
pub struct Browser {
    child: Child,
    to_browser: ChildStdin,
    from_browser: Receiver<Value>,
    /// Events read while waiting for an answer, not yet looked at.
    events: Vec<Value>,
    next_id: u64,
    session: String,
    /// Every URL the page asked for, in order.
    requests: Vec<String>,
    loads: usize,
}

impl Browser {
    /// Starts Chromium with a fresh profile in `profile` and opens a blank page.
    pub fn launch(profile: &Path) -> Browser {
        let mut command = Command::new("bash");
        command
            .arg("-c")
            .arg("exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>/dev/null")
            .arg(chromium_binary())
            .args(CHROMIUM_FLAGS)
            .arg("--remote-debugging-pipe")
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = command.spawn().expect("Chromium starts");
        let to_browser = child.stdin.take().expect("a pipe to Chromium");
        let mut reader = BufReader::new(child.stdout.take().expect("a pipe from Chromium"));
        let (tx, from_browser) = channel();
        std::thread::spawn(move || loop {
            let mut message = Vec::new();
            match reader.read_until(0, &mut message) {
                Ok(0) | Err(_) => return,
                Ok(_) => {
                    message.pop();
                    if let Ok(value) = serde_json::from_slice::<Value>(&message) {
                        if tx.send(value).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            to_browser,
            from_browser,
            events: Vec::new(),
            next_id: 0,
            session: String::new(),
            requests: Vec::new(),
            loads: 0,
        };
        let target = browser.command("Target.createTarget", json!({ "url": "about:blank" }));
        let target_id = target["targetId"].as_str().expect("a target id").to_string();
        let attached = browser.command("Target.attachToTarget", json!({ "targetId": target_id, "flatten": true }));
        browser.session = attached["sessionId"].as_str().expect("a session id").to_string();
        browser.page_command("Page.enable", json!({}));
        browser.page_command("Network.enable", json!({}));
        browser
    }

    /// Sends a browser-wide command and returns its result.
    pub fn command(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, None)
    }

    /// Sends a command to the open page and returns its result.
    pub fn page_command(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(method, params, Some(session))
    }

    fn send(&mut self, method: &str, params: Value, session: Option<String>) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = Value::String(session);
        }
        let mut bytes = serde_json::to_vec(&message).expect("JSON");
        bytes.push(0);
        self.to_browser.write_all(&bytes).expect("Chromium reads its pipe");
        let deadline = Instant::now() + WAIT;
        loop {
            let message = self.next_message(deadline).unwrap_or_else(|| panic!("no answer to {method} in {WAIT:?}"));
            if message["id"].as_u64() == Some(id) {
                if let Some(error) = message.get("error") {
                    panic!("{method} failed: {error}");
                }
                return message["result"].clone();
            }
            self.events.push(message);
        }
    }

    /// The next message from Chromium, with events about requests and
    /// loads counted on the way.
    fn next_message(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.from_browser.recv_timeout(left) {
            Ok(message) => {
                match message["method"].as_str() {
                    Some("Network.requestWillBeSent") => {
                        if let Some(url) = message["params"]["request"]["url"].as_str() {
                            self.requests.push(url.to_string());
                        }
                    }
                    Some("Page.loadEventFired") => self.loads += 1,
                    _ => {}
                }
                Some(message)
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Waits until `loads` page loads have finished in all.
    fn wait_for_loads(&mut self, loads: usize) {
        let deadline = Instant::now() + WAIT;
        while self.loads < loads {
            let Some(event) = self.next_message(deadline) else {
                panic!("the page did not finish loading in {WAIT:?}");
            };
            self.events.push(event);
        }
        self.events.clear();
    }

    /// Opens `url` and waits for it to load.
    pub fn goto(&mut self, url: &str) {
        let loads = self.loads + 1;
        let answer = self.page_command("Page.navigate", json!({ "url": url }));
        if let Some(error) = answer.get("errorText").and_then(Value::as_str) {
            panic!("cannot open {url}: {error}");
        }
        self.wait_for_loads(loads);
    }

    /// Runs `expression` in the page (page CSP does not apply to the
    /// DevTools) and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let answer = self
            .page_command("Runtime.evaluate", json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }));
        if let Some(exception) = answer.get("exceptionDetails") {
            panic!("{expression} threw: {exception}");
        }
        answer["result"]["value"].clone()
    }

    /// The text of `expression`'s value, or "" when it is not a string.
    pub fn text(&mut self, expression: &str) -> String {
        self.eval(expression).as_str().unwrap_or_default().to_string()
    }

    /// Whether an element matches `selector`.
    pub fn has(&mut self, selector: &str) -> bool {
        self.eval(&format!("document.querySelector({}) !== null", json!(selector))) == Value::Bool(true)
    }

    /// Types `value` into the field `selector` names.
    pub fn fill(&mut self, selector: &str, value: &str) {
        let done = self.eval(&format!(
            "(() => {{ const f = document.querySelector({}); if (!f) return false; f.value = {}; return true; }})()",
            json!(selector),
            json!(value)
        ));
        assert_eq!(done, Value::Bool(true), "no field {selector} on {}", self.url());
    }

    /// Clicks the element `selector` names and waits for the page it opens.
    pub fn click_and_wait(&mut self, selector: &str) {
        let loads = self.loads + 1;
        let clicked = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return false; e.click(); return true; }})()",
            json!(selector)
        ));
        assert_eq!(clicked, Value::Bool(true), "nothing to click at {selector} on {}", self.url());
        self.wait_for_loads(loads);
    }

    /// The address of the page now shown.
    pub fn url(&mut self) -> String {
        self.text("location.href")
    }

    /// Every URL the page has asked for so far.
    pub fn requests(&self) -> &[String] {
        &self.requests
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
