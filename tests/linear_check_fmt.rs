//! Linear time for what `check` and `fmt --diff` print (issue 10, item 10):
//! a diagnostic's excerpt reads a bounded window around its marker, so a
//! one-line document costs no more per finding than a short one; the diffs
//! walk the text once from edit to edit. 10× the input must not take more
//! than 30× the time (a quadratic excerpt gives ~100× and more).

const MAX_RATIO: f64 = 30.0;
/// Bytes of the small input; the large one is ten times more.
const SMALL_BYTES: usize = if cfg!(debug_assertions) {
    60_000
} else {
    1_000_000
};

/// One line (no break at all) with a skip every few hundred characters.
fn one_line(bytes: usize) -> String {
    let unit = format!(
        "一是加强领导。三是压实责任。{}",
        "统一思想，强化考核。".repeat(20)
    );
    let mut s = String::from("一、总体要求\n");
    while s.len() < bytes {
        s.push_str(&unit);
    }
    s
}

/// Many lines, each series with a duplicate, so that most markers change.
fn many_lines(bytes: usize) -> String {
    let unit =
        "一、总体要求\n（一）加强领导。统一思想。\n（一）压实责任。强化考核。\n（三）严格督查。\n";
    unit.repeat(bytes / unit.len() + 1)
}

/// The least of three runs of `f`, in this thread's CPU seconds (other
/// tests of the binary run beside this one).
fn secs(f: impl Fn()) -> f64 {
    crate::generator::min_cpu_secs(3, f)
}

fn report(src: &str) {
    let doc = tigang::parse(src);
    let d = tigang::check(&doc);
    assert!(!d.is_empty());
    let how = tigang::render::Report::new().lang(tigang::Lang::Zh);
    std::hint::black_box(tigang::render::report(src, "a.txt", &d, &how));
}

fn diffs(src: &str) {
    let edits = tigang::fmt::edits(&tigang::parse(src), Default::default());
    assert!(!edits.is_empty());
    let how = tigang::render::Report::new();
    std::hint::black_box(tigang::render::changes(src, "a.txt", &edits, &how));
    std::hint::black_box(tigang::render::unified_diff(src, "a.txt", &edits));
}

/// A name, an input of about so many bytes, and what to time on it.
type Case = (&'static str, fn(usize) -> String, fn(&str));

#[test]
fn check_reports_and_diffs_take_linear_time() {
    let cases: [Case; 4] = [
        ("report, one line", one_line, report),
        ("report, many lines", many_lines, report),
        ("diffs, one line", one_line, diffs),
        ("diffs, many lines", many_lines, diffs),
    ];
    let mut failures = Vec::new();
    for (name, make, run) in cases {
        let (small, large) = (make(SMALL_BYTES), make(10 * SMALL_BYTES));
        run(&small);
        // A loaded machine (CI beside other builds) can stretch one timing:
        // the case fails only when three measurements in a row are over.
        // Quadratic work is over every time (a 10x input takes 100x).
        let mut last = String::new();
        let over = (0..3).all(|_| {
            let (a, b) = (secs(|| run(&small)), secs(|| run(&large)));
            let ratio = b / a.max(1e-3);
            last = format!(
                "{name:<20} {:>9} B {a:.4}s  {:>10} B {b:.4}s  ratio {ratio:.2}",
                small.len(),
                large.len()
            );
            eprintln!("{last}");
            ratio > MAX_RATIO
        });
        if over {
            failures.push(last);
        }
    }
    assert!(failures.is_empty(), "not linear:\n{}", failures.join("\n"));
}
