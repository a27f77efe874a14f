//! Linear time (issue 5, §3): each adversarial family at 1/100, 1/10 and the
//! full size the issue names, and the ratio of each size's time to the one
//! 10× smaller (target ≤ 11×), measured two ways:
//!
//! - **cold**: each parse in a fresh process (this binary run again with
//!   `--child`), the least of 5. Every size starts with the same empty heap
//!   and caches, which is what the ratio is meant to compare, and is how the
//!   CLI meets one file.
//! - **warm**: the least of 3 parses in one process. The small sizes' data
//!   (tens of MB for the heading-dense families) then stays in the 32 MB L3
//!   cache and in pages the allocator already has from the run before; the
//!   large sizes' cannot, so warm ratios run above 10× for them even though
//!   the work is linear (instruction counts: `bash benches/callgrind.sh
//!   --families`).
//!
//! ```sh
//! cargo bench --bench linear                  # every family, ~1–2 minutes
//! cargo bench --bench linear -- only_cr       # the families whose name contains "only_cr"
//! ```
//!
//! A size is skipped when the one before it took so long that a quadratic
//! blow-up would run for minutes; the row then says so. The CI check with
//! generous bounds is tests/linear.rs.

#[path = "gen/mod.rs"]
mod generator;

use generator::Family;

/// Never start a run predicted (at 30× the previous size's time) to take longer.
const BUDGET_SECS: f64 = 120.0;
/// Fresh processes per size for the cold time.
const COLD_RUNS: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        child(&args[1..]);
        return;
    }
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    println!(
        "{:<20} {:>9} {:>11} {:>10} {:>8} {:>9} {:>10} {:>9}",
        "family", "units", "bytes", "cold secs", "MB/s", "x prev", "warm secs", "x prev"
    );
    for f in Family::ALL {
        if !filters.is_empty() && !filters.iter().any(|w| f.name().contains(w.as_str())) {
            continue;
        }
        let mut prev: Option<(f64, f64)> = None;
        for div in [100, 10, 1] {
            let units = f.full_units() / div;
            if prev.is_some_and(|(p, _)| p * 30.0 > BUDGET_SECS) {
                println!(
                    "{:<20} {:>9} {:>11} {:>10} {:>8} {:>9}",
                    f.name(),
                    units,
                    "-",
                    "skipped",
                    "-",
                    "> budget"
                );
                break;
            }
            let text = f.input(units);
            let warm = generator::min_parse_secs(&text, 3);
            let cold = cold_secs(f, units);
            let ratio = |now: f64, before: Option<f64>| {
                before.map_or("-".to_string(), |p| format!("{:.2}", now / p))
            };
            println!(
                "{:<20} {:>9} {:>11} {:>10.4} {:>8.1} {:>9} {:>10.4} {:>9}",
                f.name(),
                units,
                text.len(),
                cold,
                text.len() as f64 / cold / 1e6,
                ratio(cold, prev.map(|p| p.0)),
                warm,
                ratio(warm, prev.map(|p| p.1)),
            );
            prev = Some((cold, warm));
        }
    }
    println!("target (issue 5): each cold x prev <= 11 (10x the input)");
}

/// The least time of [`COLD_RUNS`] parses of `units` of `f`, each in a
/// fresh process.
fn cold_secs(f: Family, units: usize) -> f64 {
    let exe = std::env::current_exe().expect("the bench binary's path");
    (0..COLD_RUNS)
        .map(|_| {
            let out = std::process::Command::new(&exe)
                .args(["--child", f.name(), &units.to_string()])
                .output()
                .expect("run the bench binary again");
            assert!(out.status.success(), "child failed: {out:?}");
            String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse::<f64>()
                .expect("the child prints seconds")
        })
        .fold(f64::INFINITY, f64::min)
}

/// `--child FAMILY UNITS`: generate the input, time one parse, print seconds.
fn child(args: &[String]) {
    let (Some(name), Some(units)) = (args.first(), args.get(1)) else {
        panic!("usage: linear --child FAMILY UNITS");
    };
    let f = Family::ALL
        .into_iter()
        .find(|f| f.name() == name)
        .expect("a family name");
    let text = f.input(units.parse().expect("a number of units"));
    println!("{}", generator::min_parse_secs(&text, 1));
}
