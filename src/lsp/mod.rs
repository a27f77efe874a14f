//! A language server (feature `lsp`): the outline and the numbering checks
//! inside any editor that speaks the Language Server Protocol.
//!
//! `tigang lsp` runs [`stdio`]. It offers, for every text document the
//! editor opens:
//!
//! - **diagnostics** from [`check`](crate::check), published when a document
//!   is opened and again once a change has rested for the debounce (30 ms),
//!   with the stable code (`numbering-skip`), severity and message;
//! - **document symbols**: the outline tree (`一、` › `（一）` › `1.`, titled),
//!   for the editor's Outline view and breadcrumbs;
//! - **code actions**: a diagnostic's own fix, "renumber this series" and
//!   "fix all numbering" (`source.fixAll`), all made of
//!   [`fmt::edits`](crate::fmt::edits);
//! - **formatting** = `tigang fmt`, and **folding ranges** per heading.
//!
//! Positions count UTF-16 code units, as LSP requires, unless the client
//! offers UTF-8 or UTF-32 (LSP 3.17); lines end at `\n`, `\r\n` or `\r`.
//! The documents are synchronised whole (a 1 MB document is parsed and
//! checked in a few milliseconds). Messages and action titles are in
//! Chinese or English: the `lang` initialization option, else the client's
//! `locale`, else `LC_ALL`/`LC_MESSAGES`/`LANG`. The README ("Editors") shows
//! how to set it up in VS Code and Neovim.
//!
//! ```
//! use tigang::lsp::{Connection, serve};
//! use lsp_server::{Message, Notification, Request};
//! use serde_json::json;
//!
//! let (server, client) = Connection::memory();
//! let thread = std::thread::spawn(move || serve(&server));
//!
//! let send = |m: Message| client.sender.send(m).unwrap();
//! send(Request::new(1.into(), "initialize".into(), json!({"capabilities": {}})).into());
//! let Message::Response(init) = client.receiver.recv().unwrap() else { panic!() };
//! assert_eq!(init.response_result.unwrap()["capabilities"]["positionEncoding"], "utf-16");
//! send(Notification::new("initialized".into(), json!({})).into());
//!
//! let text = "一、甲\n（一）子\n（三）丑\n";
//! let doc = json!({"uri": "file:///a.txt", "languageId": "plaintext", "version": 1, "text": text});
//! send(Notification::new("textDocument/didOpen".into(), json!({"textDocument": doc})).into());
//! let Message::Notification(n) = client.receiver.recv().unwrap() else { panic!() };
//! assert_eq!(n.method, "textDocument/publishDiagnostics");
//! assert_eq!(n.params["diagnostics"][0]["code"], "numbering-skip");
//! assert_eq!(n.params["diagnostics"][0]["range"]["start"], json!({"line": 2, "character": 0}));
//!
//! send(Request::new(2.into(), "shutdown".into(), json!(null)).into());
//! send(Notification::new("exit".into(), json!(null)).into());
//! thread.join().unwrap().unwrap();
//! ```

mod actions;
mod config;
mod diagnostics;
mod outline;
mod position;
mod server;
mod stdio;

pub use stdio::MAX_MESSAGE;

pub use lsp_server::Connection;

/// Why the server stopped other than by `shutdown` then `exit`: the
/// connection broke, the client misbehaved, or it sent `exit` first (LSP
/// then wants exit status 1).
///
/// ```
/// let (server, client) = tigang::lsp::Connection::memory();
/// drop(client); // the editor goes away before `initialize`
/// let e = tigang::lsp::serve(&server).unwrap_err();
/// assert!(e.to_string().contains("closed"), "{e}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

/// What the server says when its input ends: the editor went away, or sent
/// what is not LSP (every message is a `Content-Length` header and JSON).
const CLOSED: &str = "the connection closed before `exit`: the client went away, or sent something that is not an LSP message (a Content-Length header, a blank line, then JSON)";

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<lsp_server::ProtocolError> for Error {
    fn from(e: lsp_server::ProtocolError) -> Error {
        if e.channel_is_disconnected() {
            Error(CLOSED.into())
        } else {
            Error(e.to_string())
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error(format!("reading or writing the connection: {e}"))
    }
}

/// Serves one client over standard input and output until it says
/// `shutdown` and `exit`: what `tigang lsp` runs.
///
/// ```no_run
/// fn main() -> Result<(), tigang::lsp::Error> {
///     tigang::lsp::stdio()
/// }
/// ```
pub fn stdio() -> Result<(), Error> {
    let (conn, io) = stdio::transport();
    let served = serve(&conn);
    // The writer thread ends when the last sender is gone.
    drop(conn);
    match served {
        // The reader stopped: a framing error says more than "closed". It
        // has dropped its sender, so it is ending and the join is brief.
        Err(Error(e)) if e == CLOSED => {
            io.reader.join().unwrap_or(Ok(()))?;
            Err(Error(e))
        }
        Err(e) => Err(e),
        Ok(()) => io.join(),
    }
}

/// Serves one client on `connection` (from [`Connection::stdio`], a socket,
/// or [`Connection::memory`] in tests): answers `initialize`, then every
/// message until `shutdown` and `exit`. See the [module](self) example.
pub fn serve(connection: &Connection) -> Result<(), Error> {
    server::Server::run(connection)
}
