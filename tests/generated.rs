//! The benchmark documents (benches/gen) keep every invariant of spec §6 and
//! hold every marker kind, so the throughput figures measure real work.

use crate::common;

use crate::generator;

use std::collections::HashSet;

#[test]
fn generated_documents_rebuild() {
    for seed in 1..=6 {
        let src = generator::document(60_000, seed);
        let doc = tigang::parse(&src);
        common::check(&src, &doc);
        let _ = tigang::render::tree(&doc);
        #[cfg(feature = "serde")]
        serde_json::to_string(&doc).expect("serialise");
        let md = generator::markdown(&doc);
        assert!(
            md.len() > src.len() / 2,
            "the Markdown rendering keeps the text"
        );
    }
}

#[test]
fn generated_documents_hold_every_kind() {
    let src = generator::document(1_000_000, 1);
    let doc = tigang::parse(&src);
    let kinds: HashSet<String> = doc
        .headings()
        .map(|h| format!("{:?}", h.kind.as_str()))
        .collect();
    for k in [
        "part",
        "chapter",
        "article",
        "capital_numeral",
        "numeral",
        "paren_numeral",
        "digit",
        "dotted",
        "paren_digit",
        "circled",
        "ordinal_shi",
        "ordinal_yao",
        "ordinal_di",
        "sequence",
    ] {
        assert!(
            kinds.contains(&format!("\"{k}\"")),
            "the 1 MB benchmark document has no {k} heading (found {kinds:?})"
        );
    }
    // Inline ordinals after a sentence end, not only at line starts.
    assert!(
        doc.headings()
            .any(|h| h.kind == tigang::MarkerKind::OrdinalShi && h.column > 3),
        "inline 一是 after 。；："
    );
    assert!(doc.toc.is_empty(), "unique titles: no accidental TOC");
}

#[test]
fn the_tree_borrows_the_text_never_copies_it() {
    // Issue 5, §4: every text field is a slice of the input itself (the same
    // bytes in memory), not a copy that happens to be equal.
    let src = generator::document(200_000, 3);
    let doc = tigang::parse(&src);
    let range = src.as_bytes().as_ptr_range();
    let inside = |s: &str, what: &str| {
        let p = s.as_ptr();
        assert!(
            s.is_empty() || (range.start <= p && p < range.end),
            "{what} {s:?} is not borrowed from the input"
        );
    };
    for h in doc.headings() {
        inside(h.marker, "marker");
        inside(&h.title, "title");
        for b in h.body() {
            inside(b.text, "body");
        }
    }
    for p in &doc.preamble {
        inside(p.text, "preamble");
    }
    for e in &doc.toc {
        inside(e.marker, "toc marker");
        inside(e.title, "toc title");
    }
    assert!(doc.headings().count() > 100);
}
