//! A minimal LSP client over a child process's stdin/stdout: JSON-RPC
//! framed with `Content-Length`, as an editor speaks it. Shared by
//! `tests/lsp.rs` and `benches/lsp.rs` (`#[path]`).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any answer may take before a test fails (generous: debug
/// builds on a loaded 2-core machine).
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<(Instant, Value)>,
    /// When the last message returned by [`Client::next`] arrived.
    pub arrived: Instant,
    /// Server notifications read while waiting for something else.
    pub notifications: Vec<Value>,
    next_id: i64,
}

/// Reads one framed message and when its last byte arrived (before it is
/// parsed: parsing is the client's own cost); `None` at the end of the
/// stream.
fn read_message(r: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len.expect("a Content-Length header")];
    r.read_exact(&mut body).ok()?;
    let arrived = Instant::now();
    Some((
        arrived,
        serde_json::from_slice(&body).expect("the server sends JSON"),
    ))
}

impl Client {
    /// Starts `bin lsp` with extra environment variables.
    pub fn start(bin: &str, env: &[(&str, &str)]) -> Client {
        let mut cmd = Command::new(bin);
        cmd.arg("lsp")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("`tigang lsp` starts");
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            while let Some(m) = read_message(&mut stdout) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            notifications: Vec::new(),
            next_id: 0,
            arrived: Instant::now(),
        }
    }

    pub fn send(&mut self, v: &Value) {
        let body = serde_json::to_string(v).unwrap();
        let stdin = self.stdin.as_mut().expect("stdin is open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message from the server, or `None` after `wait`.
    pub fn next(&mut self, wait: Duration) -> Option<Value> {
        match self.incoming.recv_timeout(wait) {
            Ok((at, v)) => {
                self.arrived = at;
                Some(v)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Sends a request and returns the whole response (with `result` or
    /// `error`); notifications that come first are kept.
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self
                .next(left)
                .unwrap_or_else(|| panic!("no answer to {method}"));
            if m["id"] == json!(id) {
                return m;
            }
            self.notifications.push(m);
        }
    }

    /// The result of a request, which must not fail.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.request_raw(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// The next notification `method` (a kept one first).
    pub fn notification(&mut self, method: &str) -> Value {
        if let Some(i) = self
            .notifications
            .iter()
            .position(|n| n["method"] == method)
        {
            return self.notifications.remove(i)["params"].clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self
                .next(left)
                .unwrap_or_else(|| panic!("no {method} notification"));
            if m["method"] == method {
                return m["params"].clone();
            }
            self.notifications.push(m);
        }
    }

    /// `initialize` (with `extra` merged into the parameters) and
    /// `initialized`; returns the initialize result.
    pub fn initialize(&mut self, extra: Value) -> Value {
        let mut params = json!({
            "processId": null,
            "rootUri": null,
            "capabilities": {
                "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}},
                "workspace": {"workspaceEdit": {"documentChanges": true}}
            }
        });
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                p.insert(k.clone(), v.clone());
            }
        }
        let r = self.request("initialize", params);
        self.notify("initialized", json!({}));
        r
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        let doc = json!({"uri": uri, "languageId": "plaintext", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({ "textDocument": doc }));
    }

    pub fn change(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}]
            }),
        );
    }

    /// `shutdown`, `exit`, and the exit status.
    pub fn shutdown(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Closes stdin and waits for the server to end.
    pub fn wait(mut self) -> ExitStatus {
        drop(self.stdin.take());
        self.child.wait().expect("the server ends")
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
