//! The language server's round trips on a 1 MB document (issue 15: under
//! 100 ms), measured as an editor sees them: `tigang lsp` as a child
//! process, JSON-RPC over its stdin/stdout, full-text sync.
//!
//! ```sh
//! cargo bench --bench lsp                      # 1 MB, 30 rounds each
//! cargo bench --bench lsp -- 5MB 10            # another size, rounds
//! TIGANG_BIN=target/quick/tigang cargo bench --bench lsp   # another build of the server
//! ```
//!
//! - **didChange → publishDiagnostics**: the whole new text goes out, the
//!   server coalesces changes for its debounce (30 ms by default; also run
//!   with `debounceMs: 0` to show the work alone), parses, checks and
//!   publishes; the clock stops when the diagnostics of that version arrive.
//! - **documentSymbol**, **foldingRange**, **codeAction**, **formatting**:
//!   request to response, on the same text.
//!
//! Each round changes one marker, so every round is a new text to check.
//! Figures go in benches/README.md.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "gen/mod.rs"]
mod generator;
#[path = "../tests/lsp_client/mod.rs"]
mod lsp_client;

use lsp_client::Client;

const URI: &str = "file:///tmp/tigang-bench-lsp.txt";

fn size(s: &str) -> Option<usize> {
    let (n, mult) = if let Some(n) = s.strip_suffix("MB") {
        (n, 1_000_000)
    } else if let Some(n) = s.strip_suffix("KB") {
        (n, 1_000)
    } else {
        (s, 1)
    };
    n.parse::<usize>().ok().map(|n| n * mult)
}

struct Stats(Vec<Duration>);

impl Stats {
    fn ms(d: Duration) -> f64 {
        d.as_secs_f64() * 1e3
    }

    fn line(&mut self, what: &str) {
        self.0.sort();
        let n = self.0.len();
        let median = self.0[n / 2];
        let p90 = self.0[(n * 9 / 10).min(n - 1)];
        let max = self.0[n - 1];
        println!(
            "{what:<44} median {:>6.1} ms   p90 {:>6.1} ms   max {:>6.1} ms   ({n} rounds)",
            Self::ms(median),
            Self::ms(p90),
            Self::ms(max)
        );
    }
}

/// The text of round `i`: one `二、` renumbered to another number, so that
/// each version differs from the last.
fn variant(text: &str, i: usize) -> String {
    let marker = ["三、", "四、", "五、", "六、"][i % 4];
    text.replacen("二、", marker, 1)
}

fn session(bin: &str, text: &str, rounds: usize, debounce_ms: u64) {
    let mut c = Client::start(bin, &[]);
    c.initialize(json!({"initializationOptions": {"debounceMs": debounce_ms}}));

    let t = Instant::now();
    c.open(URI, text);
    let p = c.notification("textDocument/publishDiagnostics");
    let open = t.elapsed();
    println!(
        "debounceMs {debounce_ms}: didOpen → publishDiagnostics {:.1} ms ({} diagnostics)",
        Stats::ms(open),
        p["diagnostics"].as_array().map_or(0, Vec::len)
    );

    let mut change = Stats(Vec::new());
    for i in 0..rounds {
        let version = i as i32 + 2;
        let new = variant(text, i);
        let t = Instant::now();
        c.change(URI, version, &new);
        loop {
            let p = c.notification("textDocument/publishDiagnostics");
            if p["version"] == version {
                break;
            }
        }
        change.0.push(c.arrived - t);
    }
    change.line(&format!(
        "didChange → publishDiagnostics (debounce {debounce_ms} ms)"
    ));
    if debounce_ms != 0 {
        return;
    }

    let doc = json!({"textDocument": {"uri": URI}});
    let requests: [(&str, Value); 4] = [
        ("textDocument/documentSymbol", doc.clone()),
        ("textDocument/foldingRange", doc.clone()),
        (
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": []}}),
        ),
        (
            "textDocument/formatting",
            json!({"textDocument": {"uri": URI}, "options": {"tabSize": 4, "insertSpaces": true}}),
        ),
    ];
    for (method, params) in requests {
        let (mut arrived, mut parsed) = (Stats(Vec::new()), Stats(Vec::new()));
        let mut answer = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            let r = c.request(method, params.clone());
            parsed.0.push(t.elapsed());
            arrived.0.push(c.arrived - t);
            answer = serde_json::to_string(&r).map_or(0, |s| s.len());
        }
        arrived.line(&format!("{method}, answer in"));
        parsed.line(&format!(
            "  … and parsed by the client ({} KB)",
            answer / 1000
        ));
    }
    let symbols = c.request("textDocument/documentSymbol", doc);
    fn count(v: &Value) -> usize {
        v.as_array()
            .map_or(0, |a| a.iter().map(|s| 1 + count(&s["children"])).sum())
    }
    println!("  {} symbols in the outline", count(&symbols));
    assert!(c.shutdown().success());
}

fn main() {
    // `cargo bench` passes `--bench`; the rest are SIZE and ROUNDS.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let bytes = args.first().and_then(|s| size(s)).unwrap_or(1_000_000);
    let rounds = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(30);
    let bin =
        std::env::var("TIGANG_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_tigang").to_string());
    let text = generator::document(bytes, 1);
    let doc = tigang::parse(&text);
    println!(
        "{bin} lsp: a generated speech of {} bytes, {} lines, {} headings",
        text.len(),
        text.lines().count(),
        doc.headings().len()
    );
    session(&bin, &text, rounds, 0);
    session(&bin, &text, rounds, 30);
}
