//! The real documents of `../shared/corpus/seeds` (when present beside the
//! repository): spans name their text and the result rebuilds the input.

mod common;

#[test]
fn corpus_documents_rebuild() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("no corpus at {dir}; skipped");
        return;
    };
    let mut seen = 0;
    for e in entries.flatten() {
        let Ok(src) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        let doc = tigang::parse(&src);
        common::check(&src, &doc);
        assert!(
            doc.headings().count() > 0,
            "{}: a real document has headings",
            e.path().display()
        );
        seen += 1;
    }
    assert!(seen > 0, "the corpus folder holds documents");
}
