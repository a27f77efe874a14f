//! A text put into a PDF converter's style, `# ` before each heading line as
//! MinerU writes it, keeps its outline (docs/format.md §3 rule 3): where the
//! `#` depths tell nothing, the numbering places every heading as it does
//! in the plain text. Held on every fixture and on the shared corpus's text
//! documents that use no Markdown heading or bold line of their own (whose
//! levels would be lost with their `#` and `**`).

use crate::common;

use tigang::Document;

/// One heading as a reader compares it: level, kind, marker, title.
type Head = (usize, String, String, String);

/// Each heading's place and text, and the document title.
fn outline(doc: &Document<'_>) -> (Option<String>, Vec<Head>) {
    let title = doc.title.as_ref().map(|t| t.text.to_string());
    let heads = doc
        .headings()
        .map(|h| {
            (
                h.level,
                h.kind.as_str().to_string(),
                h.marker.to_string(),
                h.title.to_string(),
            )
        })
        .collect();
    (title, heads)
}

/// `src` with `# ` before the text of every line where a heading starts
/// (its indentation, `>` and bullets dropped, as a converter drops them).
fn converted(src: &str) -> String {
    let doc = tigang::parse(src);
    let mut starts: Vec<usize> = doc.headings().map(|h| h.span.start).collect();
    starts.sort_unstable();
    let mut out = String::with_capacity(src.len() + starts.len() * 2);
    for line in src.split_inclusive('\n') {
        let at = line.as_ptr() as usize - src.as_ptr() as usize;
        let text = line.trim_start_matches([' ', '\u{3000}', '\t', '>', '-', '•']);
        let content = at + (line.len() - text.len());
        if starts.binary_search(&content).is_ok() {
            out.push_str("# ");
            out.push_str(text);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Whether a text has levels of its own that a converter's `#` would lose:
/// Markdown headings, bold lines, or CR line ends (which `converted` does
/// not split).
fn has_own_levels(src: &str) -> bool {
    src.lines().any(|l| {
        let t = l.trim_start_matches([' ', '\u{3000}', '>']);
        t.starts_with('#') || t.starts_with("**")
    }) || src.contains('\r')
}

fn check(name: &str, src: &str) -> bool {
    if has_own_levels(src) {
        return false;
    }
    let flat = converted(src);
    let (a, b) = (tigang::parse(src), tigang::parse(&flat));
    common::check(&flat, &b);
    assert_eq!(
        outline(&a),
        outline(&b),
        "{name}: with `# ` before each heading line the outline changed:\n{flat}"
    );
    true
}

#[test]
fn fixtures_keep_their_outline_in_a_converters_style() {
    let mut checked = 0;
    for (name, src) in common::documents() {
        checked += usize::from(check(&name, &src));
    }
    assert!(checked >= 40, "only {checked} fixtures checked");
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus (build.rs decides; CI always has it)"
)]
fn corpus_texts_keep_their_outline_in_a_converters_style() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
    let mut checked = 0;
    for set in ["seeds", "real"] {
        for entry in std::fs::read_dir(format!("{root}/{set}")).expect("the shared corpus") {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "txt") {
                let src = std::fs::read_to_string(&path).unwrap();
                checked += usize::from(check(&path.display().to_string(), &src));
            }
        }
    }
    assert!(checked >= 5, "only {checked} corpus texts checked");
}
