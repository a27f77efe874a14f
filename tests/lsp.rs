//! `tigang lsp` spoken to as an editor speaks to it: JSON-RPC over the
//! binary's stdin/stdout (initialize, didOpen, publishDiagnostics,
//! documentSymbol, codeAction, formatting, foldingRange, didChange,
//! didClose, shutdown, exit).
#![cfg(all(feature = "cli", feature = "lsp"))]

use crate::lsp_client;

use std::time::Duration;

use lsp_client::Client;
use serde_json::{Value, json};

const URI: &str = "file:///tmp/tigang-lsp-test.txt";

fn start(env: &[(&str, &str)]) -> Client {
    Client::start(env!("CARGO_BIN_EXE_tigang"), env)
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("the fixture")
}

/// The LSP position of byte `at`, walked character by character: lines end
/// at `\n`, `\r\n`, `\r`; characters count UTF-16 units.
fn position(text: &str, at: usize) -> Value {
    let (mut line, mut character) = (0, 0);
    let mut chars = text[..at].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                line += 1;
                character = 0;
            }
            '\n' | '\r' => {
                line += 1;
                character = 0;
            }
            c => character += c.len_utf16(),
        }
    }
    json!({"line": line, "character": character})
}

/// The byte offset of an LSP position, the inverse of [`position`].
fn offset(text: &str, pos: &Value) -> usize {
    let (line, character) = (
        pos["line"].as_u64().unwrap(),
        pos["character"].as_u64().unwrap(),
    );
    (0..=text.len())
        // Between the `\r` and `\n` of a line break is no position.
        .filter(|&i| {
            text.is_char_boundary(i) && !(text[..i].ends_with('\r') && text[i..].starts_with('\n'))
        })
        .find(|&i| {
            let p = position(text, i);
            p["line"].as_u64() == Some(line) && p["character"].as_u64() >= Some(character)
                || p["line"].as_u64() > Some(line)
        })
        .unwrap_or(text.len())
}

/// Applies LSP text edits the way an editor does.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort();
    let mut out = text.to_string();
    for (s, e, t) in spans.into_iter().rev() {
        out.replace_range(s..e, &t);
    }
    out
}

fn fmt(text: &str) -> String {
    tigang::fmt::format(text, Default::default())
}

#[test]
fn initialize_says_what_the_server_offers() {
    let mut c = start(&[]);
    let r = c.initialize(json!({}));
    let caps = &r["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"], 1, "full sync");
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(caps["documentFormattingProvider"], true);
    assert_eq!(caps["foldingRangeProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll"])
    );
    assert_eq!(r["serverInfo"]["name"], "tigang");
    assert!(c.shutdown().success());

    // A client that offers UTF-8 positions gets them.
    let mut c = start(&[]);
    let r = c.initialize(
        json!({"capabilities": {"general": {"positionEncodings": ["utf-16", "utf-8"]}}}),
    );
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
    assert!(c.shutdown().success());
}

#[test]
fn diagnostics_on_open_are_check_in_utf16() {
    let text = fixture("numbering_mistakes.txt");
    let mut c = start(&[]);
    c.initialize(json!({}));
    c.open(URI, &text);
    let p = c.notification("textDocument/publishDiagnostics");
    assert_eq!(p["uri"], URI);
    assert_eq!(p["version"], 1);
    let got = p["diagnostics"].as_array().unwrap();
    let want = tigang::check(&tigang::parse(&text));
    assert_eq!(got.len(), want.len());
    assert!(!want.is_empty());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g["code"], w.code.as_str());
        assert_eq!(g["source"], "tigang");
        // The message, then the help line, in the server's language.
        let mut message = w.message(tigang::Lang::En);
        if let Some(help) = w.help(tigang::Lang::En) {
            message = format!("{message}\n{help}");
        }
        assert_eq!(g["message"], message);
        let severity = match w.severity {
            tigang::Severity::Error => 1,
            tigang::Severity::Warning => 2,
            _ => 3,
        };
        assert_eq!(g["severity"], severity);
        assert_eq!(g["range"]["start"], position(&text, w.span.start), "{g}");
    }
    assert!(c.shutdown().success());
}

#[test]
fn characters_outside_the_bmp_and_every_line_break() {
    // 𠀀 (U+20000) is two UTF-16 units; the marker after it on the line is
    // an inline ordinal, so its column depends on counting them right.
    for eol in ["\n", "\r\n", "\r"] {
        let text = [
            "一、𠀀𠀀总体要求",
            "（一）𠀀工作目标。一是抓落实。三是抓督查。",
            "（三）保障措施",
        ]
        .join(eol);
        let mut c = start(&[]);
        c.initialize(json!({}));
        c.open(URI, &text);
        let p = c.notification("textDocument/publishDiagnostics");
        let d = &p["diagnostics"];
        let san = text.find("三是").unwrap();
        assert_eq!(d[0]["code"], "numbering-skip");
        assert_eq!(
            d[0]["range"]["start"],
            json!({"line": 1, "character": 16}),
            "{eol:?}"
        );
        assert_eq!(d[0]["range"]["start"], position(&text, san));
        assert_eq!(
            d[1]["range"]["start"],
            json!({"line": 2, "character": 0}),
            "{eol:?}"
        );

        let symbols = c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        );
        assert_eq!(symbols[0]["name"], "一、𠀀𠀀总体要求");
        // The selection ends after the title: 2 + 2×2 + 4 units.
        assert_eq!(
            symbols[0]["selectionRange"]["end"],
            json!({"line": 0, "character": 10})
        );

        let edits = c.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": URI}, "options": {"tabSize": 4, "insertSpaces": true}}),
        );
        assert_eq!(
            apply(&text, edits.as_array().unwrap()),
            fmt(&text),
            "{eol:?}"
        );
        assert!(c.shutdown().success());
    }
}

fn names(symbols: &Value, depth: usize, out: &mut Vec<String>) {
    for s in symbols.as_array().into_iter().flatten() {
        out.push(format!(
            "{}{}",
            "  ".repeat(depth),
            s["name"].as_str().unwrap()
        ));
        names(&s["children"], depth + 1, out);
    }
}

#[test]
fn document_symbols_are_the_outline_tree() {
    let text = fixture("numbering_mistakes.txt");
    let doc = tigang::parse(&text);
    let mut c = start(&[]);
    c.initialize(json!({}));
    c.open(URI, &text);
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let mut got = Vec::new();
    names(&symbols, 0, &mut got);
    // The title, then every heading at its level.
    let mut want = vec![doc.title.as_ref().unwrap().text.to_string()];
    want.extend(
        doc.headings()
            .map(|h| format!("{}{}{}", "  ".repeat(h.level - 1), h.marker, h.title)),
    );
    assert_eq!(got, want);
    assert_eq!(got[1], "一、反馈问题整改进展");
    assert_eq!(got[2], "  （一）城区黑臭水体治理问题");
    // Every child's range lies inside its parent's.
    let first = &symbols[1];
    let kid = &first["children"][0];
    assert_eq!(
        first["range"]["start"],
        position(&text, doc.children().next().unwrap().span.start)
    );
    assert!(kid["range"]["end"]["line"].as_u64() <= first["range"]["end"]["line"].as_u64());

    // A client without hierarchical symbols gets them flat, with containers.
    let mut c = start(&[]);
    c.initialize(json!({"capabilities": {}}));
    c.open(URI, &text);
    let flat = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let kid = flat
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "（一）城区黑臭水体治理问题")
        .unwrap();
    assert_eq!(kid["containerName"], "一、反馈问题整改进展");
    assert_eq!(kid["location"]["uri"], URI);
    assert!(c.shutdown().success());
}

fn titles(actions: &Value) -> Vec<String> {
    actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect()
}

fn edits_of(action: &Value) -> Vec<Value> {
    let changes = &action["edit"]["documentChanges"][0];
    assert_eq!(changes["textDocument"]["uri"], URI);
    changes["edits"].as_array().unwrap().clone()
}

#[test]
fn code_actions_renumber_a_series_or_fix_everything() {
    let text = fixture("numbering_mistakes.txt");
    let mut c = start(&[]);
    c.initialize(json!({}));
    c.open(URI, &text);
    let p = c.notification("textDocument/publishDiagnostics");
    let skip = p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["code"] == "numbering-skip" && d["message"].as_str().unwrap().contains("（八）")
        })
        .unwrap()
        .clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": skip["range"], "context": {"diagnostics": [skip]}}),
    );
    let t = titles(&actions);
    assert!(
        t.iter().any(|t| t.starts_with("Renumber this series (")),
        "{t:?}"
    );
    assert!(
        t.iter().any(|t| t.starts_with("Fix all numbering (")),
        "{t:?}"
    );
    let series = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Renumber"))
        .unwrap();
    assert_eq!(series["kind"], "quickfix");
    assert_eq!(series["isPreferred"], true);
    assert_eq!(series["diagnostics"][0]["code"], "numbering-skip");
    assert_eq!(
        series["edit"]["documentChanges"][0]["textDocument"]["version"],
        1
    );
    // The series under 一、 is renumbered, and nothing else.
    let renumbered = apply(&text, &edits_of(series));
    let fixed = tigang::parse(&renumbered);
    let left: Vec<_> = tigang::check(&fixed)
        .iter()
        .map(|d| (d.code.as_str(), d.line))
        .collect();
    assert!(left.iter().all(|&(_, line)| line > 12), "{left:?}");
    assert!(!left.is_empty(), "the 一是…六是 series is left as it was");

    let all = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "source.fixAll")
        .unwrap();
    assert_eq!(apply(&text, &edits_of(all)), fmt(&text));

    // `only` (as VS Code's save action asks) gives just the fix-all.
    let only = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    assert_eq!(titles(&only).len(), 1);
    assert_eq!(only[0]["kind"], "source.fixAll");
    assert!(c.shutdown().success());
}

#[test]
fn formatting_is_fmt_and_folds_follow_headings() {
    let text = fixture("numbering_mistakes.txt");
    let mut c = start(&[]);
    c.initialize(json!({}));
    c.open(URI, &text);
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let edits = edits.as_array().unwrap();
    assert!(!edits.is_empty());
    assert_eq!(apply(&text, edits), fmt(&text));

    let folds = c.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": URI}}),
    );
    let doc = tigang::parse(&text);
    let first = doc.children().next().unwrap();
    assert_eq!(folds[0]["startLine"], first.line - 1);
    assert_eq!(folds[0]["collapsedText"], "一、反馈问题整改进展");
    let last_line = position(&text, first.span.end)["line"].clone();
    assert_eq!(folds[0]["endLine"], last_line);
    assert!(c.shutdown().success());
}

#[test]
fn changes_are_debounced_and_the_latest_text_wins() {
    let mut c = start(&[]);
    c.initialize(json!({"initializationOptions": {"debounceMs": 400}}));
    c.open(URI, "一、甲\n二、乙\n");
    let p = c.notification("textDocument/publishDiagnostics");
    assert_eq!(p["diagnostics"], json!([]));
    c.change(URI, 2, "一、甲\n三、乙\n");
    c.change(URI, 3, "一、甲\n二、乙\n四、丙\n");
    let p = c.notification("textDocument/publishDiagnostics");
    assert_eq!(p["version"], 3, "the second change replaced the first");
    assert_eq!(
        p["diagnostics"][0]["range"]["start"],
        json!({"line": 2, "character": 0})
    );
    // Nothing else was published in between or after.
    assert!(c.next(Duration::from_millis(600)).is_none());
    // Requests answer from the latest text even before diagnostics are due.
    c.change(URI, 4, "一、甲\n");
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(symbols.as_array().unwrap().len(), 1);
    // Closing clears the document's diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    let p = c.notification("textDocument/publishDiagnostics");
    assert_eq!(p["diagnostics"], json!([]));
    assert!(p.get("version").is_none_or(Value::is_null));
    // A closed document has no outline.
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(symbols, Value::Null);
    assert!(c.shutdown().success());
}

#[test]
fn chinese_from_the_client_locale_or_the_environment() {
    let text = "一、甲\n（一）子\n（三）丑\n";
    let at = json!({"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}});
    let ask = |c: &mut Client| {
        c.open(URI, text);
        titles(&c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": at, "context": {"diagnostics": []}}),
        ))
    };
    let mut c = start(&[]);
    c.initialize(json!({"locale": "zh-cn"}));
    assert_eq!(
        ask(&mut c),
        ["重新编号这一组（1 处）", "修正全部编号（1 处）"]
    );
    // The messages too, as `tigang check --lang zh` writes them.
    let p = c.notification("textDocument/publishDiagnostics");
    let doc = tigang::parse(text);
    let d = &tigang::check(&doc)[0];
    let want = format!(
        "{}\n{}",
        d.message(tigang::Lang::Zh),
        d.help(tigang::Lang::Zh).unwrap()
    );
    assert_eq!(p["diagnostics"][0]["message"], want);
    assert!(want.contains("缺少"), "{want}");
    assert!(c.shutdown().success());

    let mut c = start(&[("LANG", "zh_CN.UTF-8")]);
    c.initialize(json!({}));
    assert_eq!(ask(&mut c)[1], "修正全部编号（1 处）");
    assert!(c.shutdown().success());

    // The client's locale comes before the environment.
    let mut c = start(&[("LANG", "zh_CN.UTF-8")]);
    c.initialize(json!({"locale": "en"}));
    assert_eq!(ask(&mut c)[1], "Fix all numbering (1 change)");
    assert!(c.shutdown().success());
}

#[test]
fn bad_settings_and_requests_get_clear_answers() {
    let mut c = start(&[]);
    c.initialize(json!({"initializationOptions": {"style": "fancy"}}));
    let m = c.notification("window/showMessage");
    assert_eq!(m["type"], 2, "a warning");
    assert!(
        m["message"]
            .as_str()
            .unwrap()
            .contains("`style` is \"fancy\""),
        "{m}"
    );

    let r = c.request_raw("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("textDocument/hover")
    );
    let r = c.request_raw("textDocument/documentSymbol", json!({"textDocument": 3}));
    assert_eq!(r["error"]["code"], -32602);
    // A malformed notification is logged, and the server goes on.
    c.notify("textDocument/didOpen", json!({"textDocument": {}}));
    let m = c.notification("window/logMessage");
    assert!(
        m["message"]
            .as_str()
            .unwrap()
            .contains("textDocument/didOpen"),
        "{m}"
    );
    assert!(c.shutdown().success());
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let mut c = start(&[]);
    c.initialize(json!({}));
    c.notify("exit", Value::Null);
    assert_eq!(c.wait().code(), Some(1));
    // So is a client that goes away.
    let mut c = start(&[]);
    c.initialize(json!({}));
    assert_eq!(c.wait().code(), Some(1));
}

#[test]
fn configuration_changes_republish_in_the_new_language() {
    let mut c = start(&[]);
    c.initialize(json!({}));
    c.open(URI, "一、甲\n三、乙\n");
    c.notification("textDocument/publishDiagnostics");
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"tigang": {"style": "gbt9704"}}}),
    );
    let p = c.notification("textDocument/publishDiagnostics");
    assert_eq!(p["diagnostics"][0]["code"], "numbering-skip");
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(edits[0]["newText"], "二、");
    assert!(c.shutdown().success());
}

/// A `Content-Length` beyond any real message (or beyond `usize`) is
/// refused at once with status 1: no huge allocation, no panic (issue 23).
#[test]
fn absurd_content_lengths_are_refused() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    use std::time::Instant;
    for length in [
        "99999999999",
        "18446744073709551615",
        "99999999999999999999999",
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tigang"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The header alone; stdin stays open, as an editor's would.
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(format!("Content-Length: {length}\r\n\r\n{{").as_bytes())
            .unwrap();
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > Duration::from_secs(10) {
                child.kill().unwrap();
                panic!("Content-Length {length}: still running after 10 s");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        drop(stdin);
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{length}: {err}");
        assert!(!err.contains("panicked"), "{length}: {err}");
        assert!(err.contains("Content-Length"), "{length}: {err}");
    }
}
