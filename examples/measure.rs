//! A tiny driver for instruction counts (benches/callgrind.sh): reads FILE,
//! then runs one parser over it inside a function callgrind can single out
//! with `--toggle-collect`, so reading the file and starting up are not
//! counted.
//!
//! ```sh
//! cargo run --release --example measure -- tigang FILE      # tigang::parse
//! cargo run --release --example measure -- json FILE        # parse + compact JSON (render::json)
//! cargo run --release --example measure -- check FILE       # tigang::check on a parsed doc
//! cargo run --release --example measure -- serde FILE       # parse + serde_json into a Vec
//! cargo run --release --example measure -- pulldown FILE.md # pulldown-cmark, all events
//! cargo run --release --example measure -- memchr FILE      # memchr line count
//! ```

use std::hint::black_box;

#[inline(never)]
fn measured_tigang(text: &str) -> usize {
    let doc = tigang::parse(black_box(text));
    doc.headings().count()
}

#[inline(never)]
fn measured_json(text: &str) -> usize {
    let doc = tigang::parse(black_box(text));
    let mut out = String::with_capacity(text.len() * 4);
    tigang::render::json::Json::new(&doc).write(&mut out, tigang::render::json::Style::Compact);
    out.len()
}

/// Only the numbering checks: the document is parsed before the measured
/// function, so `--toggle-collect='*measured_check*'` counts `check` alone.
#[inline(never)]
fn measured_check(doc: &tigang::Document<'_>) -> usize {
    tigang::check(black_box(doc)).len()
}

#[inline(never)]
fn measured_serde(text: &str) -> usize {
    let doc = tigang::parse(black_box(text));
    let mut out = Vec::with_capacity(text.len() * 4);
    serde_json::to_writer(&mut out, &doc).expect("serialise");
    out.len()
}

#[inline(never)]
fn measured_pulldown(text: &str) -> usize {
    pulldown_cmark::Parser::new(black_box(text)).count()
}

#[inline(never)]
fn measured_memchr(text: &str) -> usize {
    memchr::memchr_iter(b'\n', black_box(text).as_bytes()).count()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(file)) = (args.first(), args.get(1)) else {
        eprintln!("usage: measure tigang|json|check|serde|pulldown|memchr FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(2);
        }
    };
    let n = match mode.as_str() {
        "tigang" => measured_tigang(&text),
        "json" => measured_json(&text),
        "check" => measured_check(&tigang::parse(&text)),
        "serde" => measured_serde(&text),
        "pulldown" => measured_pulldown(&text),
        "memchr" => measured_memchr(&text),
        _ => {
            eprintln!("unknown mode {mode}");
            std::process::exit(2);
        }
    };
    println!("{mode} {} bytes -> {n}", text.len());
}
