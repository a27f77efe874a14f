//! Throughput of tigang on generated speech-like documents (issue 5, §1–2),
//! beside the floor (a memchr line count) and pulldown-cmark parsing a
//! Markdown rendering of the same document.
//!
//! ```sh
//! cargo bench --bench throughput              # all sizes, ~3 minutes
//! cargo bench --bench throughput -- 1MB       # one size
//! ```
//!
//! After criterion's own report, a table gives MB/s for every benchmark and
//! the same-run ratios the issue sets targets for (tigang ÷ pulldown-cmark).
//! See benches/README.md for recorded runs.

use std::hint::black_box;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};

#[path = "gen/mod.rs"]
mod generator;

/// Input sizes: name, bytes, criterion sample size.
const SIZES: [(&str, usize, usize); 3] = [
    ("10KB", 10_000, 100),
    ("1MB", 1_000_000, 30),
    ("20MB", 20_000_000, 10),
];

/// The seed of every benchmark document (change it and the figures change).
const SEED: u64 = 1;

const BENCHES: [&str; 8] = [
    "memchr_lines",
    "parse",
    "parse_json",
    "cli_json",
    "pulldown_cmark",
    "pulldown_html",
    "parse_serde_json",
    "parse_json_outline",
];

fn group_name(size: &str) -> String {
    format!("throughput_{size}")
}

/// Runs every benchmark; returns each size's input and Markdown lengths.
fn bench(c: &mut Criterion) -> Vec<(usize, usize)> {
    let mut lens = Vec::new();
    for (name, size, samples) in SIZES {
        let text = generator::document(size, SEED);
        let md = generator::markdown(&tigang::parse(&text));
        lens.push((text.len(), md.len()));
        let file = std::env::temp_dir().join(format!("tigang-bench-{name}-{SEED}.txt"));
        std::fs::write(&file, &text).expect("write the CLI's input file");

        let mut g = c.benchmark_group(group_name(name));
        g.sample_size(samples);
        if size >= 10_000_000 {
            g.sampling_mode(SamplingMode::Flat);
            g.warm_up_time(Duration::from_secs(1));
            g.measurement_time(Duration::from_secs(15));
        }
        g.throughput(Throughput::Bytes(text.len() as u64));

        g.bench_function("memchr_lines", |b| {
            b.iter(|| memchr::memchr_iter(b'\n', black_box(text.as_bytes())).count())
        });
        g.bench_function("parse", |b| b.iter(|| tigang::parse(black_box(&text))));
        // Parse + compact JSON (render::json, what the CLI prints into a pipe).
        let mut out = String::with_capacity(text.len() * 4);
        g.bench_function("parse_json", |b| {
            b.iter(|| {
                out.clear();
                let doc = tigang::parse(black_box(&text));
                tigang::render::json::Json::new(&doc)
                    .write(&mut out, tigang::render::json::Style::Compact);
                out.len()
            })
        });
        // The outline alone: no numbering checks (`parse --no-check`).
        g.bench_function("parse_json_outline", |b| {
            b.iter(|| {
                out.clear();
                let doc = tigang::parse(black_box(&text));
                tigang::render::json::Json::new(&doc)
                    .diagnostics(false)
                    .write(&mut out, tigang::render::json::Style::Compact);
                out.len()
            })
        });
        // The same value through serde_json (the `serde` feature).
        let mut buf = Vec::with_capacity(text.len() * 4);
        g.bench_function("parse_serde_json", |b| {
            b.iter(|| {
                buf.clear();
                let doc = tigang::parse(black_box(&text));
                serde_json::to_writer(&mut buf, &doc).expect("serialise");
                buf.len()
            })
        });
        // The whole CLI: process start, reading the file, parsing, compact
        // JSON written to /dev/null.
        g.bench_function("cli_json", |b| {
            b.iter(|| {
                let status = Command::new(env!("CARGO_BIN_EXE_tigang"))
                    .args(["parse", "--format", "json"])
                    .arg(&file)
                    .stdout(Stdio::null())
                    .status()
                    .expect("run target/release/tigang");
                assert!(status.success(), "tigang parse failed");
            })
        });

        // pulldown-cmark on the Markdown rendering, measured in its own bytes.
        g.throughput(Throughput::Bytes(md.len() as u64));
        g.bench_function("pulldown_cmark", |b| {
            b.iter(|| pulldown_cmark::Parser::new(black_box(&md)).count())
        });
        // pulldown-cmark parse + HTML: the comparison for parse + JSON.
        let mut html = String::with_capacity(md.len() * 2);
        g.bench_function("pulldown_html", |b| {
            b.iter(|| {
                html.clear();
                pulldown_cmark::html::push_html(
                    &mut html,
                    pulldown_cmark::Parser::new(black_box(&md)),
                );
                html.len()
            })
        });
        g.finish();
        let _ = std::fs::remove_file(&file);
    }
    lens
}

/// Where criterion writes its results (the same rules criterion follows).
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("criterion")
}

/// Mean time of one iteration in nanoseconds, from criterion's estimates.
fn mean_ns(group: &str, bench: &str) -> Option<f64> {
    let path = criterion_dir()
        .join(group)
        .join(bench)
        .join("new")
        .join("estimates.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

fn report(lens: &[(usize, usize)]) {
    println!();
    println!("== tigang throughput (MB/s = 10^6 bytes of each parser's own input per second)");
    println!(
        "{:<6} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>12} | {:>8} {:>8} {:>9} {:>9} {:>8}",
        "size",
        "memchr",
        "parse",
        "parse+json",
        "+outline",
        "+serde",
        "cli json",
        "pulldown",
        "pd+html",
        "md bytes",
        "parse/pd",
        "json/pd",
        "json/html",
        "outl/html",
        "doc-time"
    );
    for ((name, _, _), &(text_len, md_len)) in SIZES.iter().zip(lens) {
        let group = group_name(name);
        let (text_len, md_len) = (text_len as f64, md_len as f64);
        let t: Vec<Option<f64>> = BENCHES.iter().map(|b| mean_ns(&group, b)).collect();
        if t.iter().all(Option::is_none) {
            continue;
        }
        let mbps = |ns: Option<f64>, len: f64| ns.map(|ns| len / ns * 1e3);
        let fmt = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.1}"));
        let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => format!("{:.2}x", a / b),
            _ => "-".to_string(),
        };
        let memchr = mbps(t[0], text_len);
        let parse = mbps(t[1], text_len);
        let json = mbps(t[2], text_len);
        let cli = mbps(t[3], text_len);
        let pd = mbps(t[4], md_len);
        let pd_html = mbps(t[5], md_len);
        let serde = mbps(t[6], text_len);
        let outline = mbps(t[7], text_len);
        // Same document, wall time: pulldown-cmark's time ÷ tigang's time.
        let doc_time = match (t[1], t[4]) {
            (Some(p), Some(d)) => format!("{:.2}x", d / p),
            _ => "-".to_string(),
        };
        println!(
            "{:<6} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>12} | {:>8} {:>8} {:>9} {:>9} {:>8}",
            name,
            fmt(memchr),
            fmt(parse),
            fmt(json),
            fmt(outline),
            fmt(serde),
            fmt(cli),
            fmt(pd),
            fmt(pd_html),
            md_len as usize,
            ratio(parse, pd),
            ratio(json, pd),
            ratio(json, pd_html),
            ratio(outline, pd_html),
            doc_time
        );
    }
    println!(
        "targets (issue 16): parse/pd >= 1.0x, parse+json / pulldown parse+HTML >= 0.6x; +outline = parse + JSON without the checks (--no-check); doc-time = pulldown's time / tigang's time on the same document"
    );
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let lens = bench(&mut c);
    c.final_summary();
    report(&lens);
}
