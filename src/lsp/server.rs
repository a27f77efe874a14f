//! The server: the open documents and one loop over the client's messages.
//!
//! One thread. Each open document is kept as its text, version and
//! [`LineIndex`]; every request parses the text again (a 1 MB document
//! parses in ~2 ms, benches/README.md), so nothing borrowed has to be kept
//! between messages. A change schedules the document's diagnostics for when
//! the text has rested for the debounce (changes that come faster replace
//! each other and are checked once); opening a document checks it at once.

use std::collections::HashMap;
use std::time::Instant;

use super::Error;
use super::actions::{self, Target};
use super::config::Config;
use super::diagnostics::diagnostics;
use super::outline;
use super::position::LineIndex;
use crate::document::Span;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Exit,
    LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, DocumentSymbolRequest, FoldingRangeRequest, Formatting, Request as _,
};
use lsp_types::{
    CodeActionKind, CodeActionParams, CodeActionResponse, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DocumentFormattingParams, DocumentSymbolParams, DocumentSymbolResponse, FoldingRange,
    FoldingRangeParams, LogMessageParams, MessageType, PublishDiagnosticsParams, ShowMessageParams,
    TextDocumentSyncKind, TextEdit, Uri,
};
use serde_json::{Value, json};

/// An open document.
struct Open {
    text: String,
    version: i32,
    lines: LineIndex,
    /// When its diagnostics are to be published, if they are out of date.
    due: Option<Instant>,
}

/// The server's state between messages.
pub(crate) struct Server<'c> {
    conn: &'c Connection,
    config: Config,
    docs: HashMap<Uri, Open>,
}

/// What the server offers; `encoding` is the one settled with the client.
/// Written as JSON rather than `lsp_types::ServerCapabilities`, whose
/// `Serialize` for every capability LSP has would be compiled in for these
/// six.
fn capabilities(config: &Config) -> Value {
    json!({
        "positionEncoding": config.encoding.kind(),
        "textDocumentSync": TextDocumentSyncKind::FULL,
        "documentSymbolProvider": true,
        "codeActionProvider": {
            "codeActionKinds": [CodeActionKind::QUICKFIX, CodeActionKind::SOURCE_FIX_ALL],
        },
        "documentFormattingProvider": true,
        "foldingRangeProvider": true,
    })
}

impl<'c> Server<'c> {
    /// Answers `initialize` and serves until `exit`.
    pub(crate) fn run(conn: &'c Connection) -> Result<(), Error> {
        let (id, params) = conn.initialize_start()?;
        if !params.is_object() {
            let msg =
                format!("tigang lsp: `initialize` parameters must be an object, not {params}");
            let resp = Response::new_err(id, ErrorCode::InvalidParams as i32, msg.clone());
            let _ = conn.sender.send(resp.into());
            return Err(Error(msg));
        }
        let config = Config::new(&params, |k| std::env::var(k).ok());
        let result = json!({
            "capabilities": capabilities(&config),
            "serverInfo": {"name": "tigang", "version": env!("CARGO_PKG_VERSION")},
        });
        conn.initialize_finish(id, result)?;
        let mut server = Server {
            conn,
            config,
            docs: HashMap::new(),
        };
        for w in std::mem::take(&mut server.config.warnings) {
            server.show(MessageType::WARNING, w)?;
        }
        server.main_loop()
    }

    fn main_loop(&mut self) -> Result<(), Error> {
        loop {
            self.publish_due()?;
            let next = self.docs.values().filter_map(|d| d.due).min();
            let msg = match next {
                None => self.conn.receiver.recv().ok(),
                Some(at) => match self.conn.receiver.recv_deadline(at) {
                    Ok(m) => Some(m),
                    Err(e) if e.is_timeout() => continue,
                    Err(_) => None,
                },
            };
            let Some(msg) = msg else {
                return Err(Error(super::CLOSED.into()));
            };
            match msg {
                Message::Request(req) => {
                    if self.conn.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    let resp = self.request(req);
                    self.send(resp.into())?;
                }
                Message::Notification(n) => {
                    if n.method == Exit::METHOD {
                        return Err(Error("`exit` came before `shutdown`".into()));
                    }
                    self.notification(n)?;
                }
                // The server sends no requests, so expects no responses.
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, msg: Message) -> Result<(), Error> {
        self.conn
            .sender
            .send(msg)
            .map_err(|_| Error("the connection to the client is closed".into()))
    }

    fn notify<N: lsp_types::notification::Notification>(
        &self,
        params: N::Params,
    ) -> Result<(), Error> {
        self.send(Notification::new(N::METHOD.to_string(), params).into())
    }

    fn show(&self, typ: MessageType, message: String) -> Result<(), Error> {
        self.notify::<ShowMessage>(ShowMessageParams { typ, message })
    }

    /// A malformed notification gets no answer (LSP); it is logged instead.
    fn log(&self, message: String) -> Result<(), Error> {
        self.notify::<LogMessage>(LogMessageParams {
            typ: MessageType::ERROR,
            message,
        })
    }

    // Requests.

    fn request(&mut self, req: Request) -> Response {
        match req.method.as_str() {
            DocumentSymbolRequest::METHOD => {
                self.handle::<DocumentSymbolRequest>(req, Self::symbols)
            }
            CodeActionRequest::METHOD => self.handle::<CodeActionRequest>(req, Self::code_actions),
            Formatting::METHOD => self.handle::<Formatting>(req, Self::formatting),
            FoldingRangeRequest::METHOD => self.handle::<FoldingRangeRequest>(req, Self::folding),
            _ => Response::new_err(
                req.id,
                ErrorCode::MethodNotFound as i32,
                format!("tigang lsp does not handle `{}`", req.method),
            ),
        }
    }

    fn handle<R: lsp_types::request::Request>(
        &mut self,
        req: Request,
        f: fn(&Self, R::Params) -> R::Result,
    ) -> Response {
        match serde_json::from_value::<R::Params>(req.params) {
            Ok(p) => Response::new_ok(req.id, f(self, p)),
            Err(e) => Response::new_err(
                req.id,
                ErrorCode::InvalidParams as i32,
                format!("bad `{}` parameters: {e}", R::METHOD),
            ),
        }
    }

    // A document the client has not opened has no answer (`null`).

    fn symbols(&self, p: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
        let uri = p.text_document.uri;
        let open = self.docs.get(&uri)?;
        let doc = crate::parse(&open.text);
        let lang = self.config.settings.lang;
        Some(if self.config.hierarchical_symbols {
            DocumentSymbolResponse::Nested(outline::document_symbols(&doc, &open.lines, lang))
        } else {
            DocumentSymbolResponse::Flat(outline::symbol_information(&doc, &open.lines, lang, &uri))
        })
    }

    fn code_actions(&self, p: CodeActionParams) -> Option<CodeActionResponse> {
        let uri = &p.text_document.uri;
        let open = self.docs.get(uri)?;
        let doc = crate::parse(&open.text);
        let range = Span::new(
            open.lines.offset(&open.text, p.range.start),
            open.lines.offset(&open.text, p.range.end),
        );
        let target = Target {
            uri,
            version: open.version,
            document_changes: self.config.document_changes,
        };
        let only = p.context.only.as_deref();
        Some(actions::code_actions(
            &doc,
            &open.lines,
            &self.config.settings,
            &target,
            range,
            only,
        ))
    }

    fn formatting(&self, p: DocumentFormattingParams) -> Option<Vec<TextEdit>> {
        let open = self.docs.get(&p.text_document.uri)?;
        let doc = crate::parse(&open.text);
        Some(actions::formatting(
            &doc,
            &open.lines,
            self.config.settings.style,
        ))
    }

    fn folding(&self, p: FoldingRangeParams) -> Option<Vec<FoldingRange>> {
        let open = self.docs.get(&p.text_document.uri)?;
        let doc = crate::parse(&open.text);
        Some(outline::folding_ranges(&doc, &open.lines))
    }

    // Notifications.

    fn notification(&mut self, n: Notification) -> Result<(), Error> {
        let encoding = self.config.encoding;
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p = match params::<DidOpenTextDocumentParams>(n) {
                    Ok(p) => p,
                    Err(e) => return self.log(e),
                };
                let d = p.text_document;
                let lines = LineIndex::new(&d.text, encoding);
                self.docs.insert(
                    d.uri.clone(),
                    Open {
                        text: d.text,
                        version: d.version,
                        lines,
                        due: None,
                    },
                );
                self.publish(&d.uri)?;
            }
            DidChangeTextDocument::METHOD => {
                let p = match params::<DidChangeTextDocumentParams>(n) {
                    Ok(p) => p,
                    Err(e) => return self.log(e),
                };
                let debounce = self.config.settings.debounce;
                let Some(open) = self.docs.get_mut(&p.text_document.uri) else {
                    return Ok(());
                };
                for change in p.content_changes {
                    match change.range {
                        // Full sync is what the server asks for; a range is
                        // applied all the same.
                        Some(r) => {
                            let start = open.lines.offset(&open.text, r.start);
                            let end = open.lines.offset(&open.text, r.end).max(start);
                            open.text.replace_range(start..end, &change.text);
                        }
                        None => open.text = change.text,
                    }
                    open.lines = LineIndex::new(&open.text, encoding);
                }
                open.version = p.text_document.version;
                open.due = Some(Instant::now() + debounce);
            }
            DidCloseTextDocument::METHOD => {
                let p = match params::<DidCloseTextDocumentParams>(n) {
                    Ok(p) => p,
                    Err(e) => return self.log(e),
                };
                let uri = p.text_document.uri;
                if self.docs.remove(&uri).is_some() {
                    self.notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(
                        uri,
                        Vec::new(),
                        None,
                    ))?;
                }
            }
            DidChangeConfiguration::METHOD => {
                let p = match params::<DidChangeConfigurationParams>(n) {
                    Ok(p) => p,
                    Err(e) => return self.log(e),
                };
                let settings = p.settings.get("tigang").unwrap_or(&p.settings);
                for w in self.config.settings.apply(settings) {
                    self.show(MessageType::WARNING, w)?;
                }
                // Messages may now be in another language.
                let now = Instant::now();
                for d in self.docs.values_mut() {
                    d.due = Some(now);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn publish(&mut self, uri: &Uri) -> Result<(), Error> {
        let Some(open) = self.docs.get_mut(uri) else {
            return Ok(());
        };
        open.due = None;
        let doc = crate::parse(&open.text);
        let diags = diagnostics(&doc, &open.lines, self.config.settings.lang);
        let params = PublishDiagnosticsParams::new(uri.clone(), diags, Some(open.version));
        self.notify::<PublishDiagnostics>(params)
    }

    fn publish_due(&mut self) -> Result<(), Error> {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            self.publish(&uri)?;
        }
        Ok(())
    }
}

/// The parameters of a notification, or the reason they do not parse.
fn params<P: serde::de::DeserializeOwned>(n: Notification) -> Result<P, String> {
    serde_json::from_value::<P>(n.params)
        .map_err(|e| format!("tigang lsp: bad `{}` parameters: {e}", n.method))
}
