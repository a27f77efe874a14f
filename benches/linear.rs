//! Linear time (issue 5, §3): each adversarial family at 1/100, 1/10 and the
//! full size the issue names, the least time of 3 parses, and the ratio of
//! each size to the one 10× smaller (target ≤ 11×).
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

fn main() {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    println!(
        "{:<20} {:>9} {:>11} {:>10} {:>8} {:>9}",
        "family", "units", "bytes", "secs", "MB/s", "x prev"
    );
    for f in Family::ALL {
        if !filters.is_empty() && !filters.iter().any(|w| f.name().contains(w.as_str())) {
            continue;
        }
        let mut prev: Option<f64> = None;
        for div in [100, 10, 1] {
            let units = f.full_units() / div;
            if prev.is_some_and(|p| p * 30.0 > BUDGET_SECS) {
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
            let secs = generator::min_parse_secs(&text, 3);
            let ratio = prev.map_or("-".to_string(), |p| format!("{:.2}", secs / p));
            println!(
                "{:<20} {:>9} {:>11} {:>10.4} {:>8.1} {:>9}",
                f.name(),
                units,
                text.len(),
                secs,
                text.len() as f64 / secs / 1e6,
                ratio
            );
            prev = Some(secs);
        }
    }
    println!("target (issue 5): each x prev <= 11 (10x the input)");
}
