//! Writes a generated speech-like document (the benchmarks' input) to stdout.
//!
//! ```sh
//! cargo run --release --example gen -- 20MB 1 > /tmp/speech-20MB.txt
//! cargo run --release --example gen -- 1MB 1 --markdown > /tmp/speech-1MB.md
//! ```
//!
//! SIZE is bytes, or a number with `KB`/`MB` (powers of 1000 and 1024 are
//! both accepted as `KB`/`KiB`, `MB`/`MiB`); SEED defaults to 1. With
//! `--markdown` the Markdown rendering of the document is written instead
//! (what the pulldown-cmark comparison parses). With `--family NAME` one of
//! the linear-time families is written, SIZE counting its units.

use std::io::Write;

#[path = "../benches/gen/mod.rs"]
mod generator;

fn size(s: &str) -> Option<usize> {
    let s = s.trim();
    let (num, mult) = [
        ("KiB", 1024),
        ("MiB", 1 << 20),
        ("KB", 1000),
        ("MB", 1_000_000),
        ("K", 1000),
        ("M", 1_000_000),
    ]
    .iter()
    .find_map(|(suf, m)| s.strip_suffix(suf).map(|n| (n, *m)))
    .unwrap_or((s, 1));
    num.trim().parse::<usize>().ok().map(|n| n * mult)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let markdown = args.iter().any(|a| a == "--markdown");
    let family = args
        .iter()
        .position(|a| a == "--family")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let plain: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--family"))
        .map(|(_, a)| a)
        .collect();
    let Some(n) = plain.first().and_then(|s| size(s)) else {
        eprintln!(
            "usage: gen SIZE [SEED] [--markdown | --family NAME]   (SIZE like 1MB, 10KB, 20MB)"
        );
        std::process::exit(2);
    };
    let seed = plain.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let text = match family {
        Some(name) => {
            let Some(f) = generator::Family::ALL.iter().find(|f| f.name() == name) else {
                let names: Vec<_> = generator::Family::ALL.iter().map(|f| f.name()).collect();
                eprintln!("unknown family {name}; one of {}", names.join(", "));
                std::process::exit(2);
            };
            f.input(n)
        }
        None => generator::document(n, seed),
    };
    let out = if markdown {
        generator::markdown(&tigang::parse(&text))
    } else {
        text
    };
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(out.as_bytes()).is_err() {
        std::process::exit(1);
    }
}
