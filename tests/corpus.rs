//! The real documents of `../shared/corpus/seeds`, beside the clone: spans
//! name their text and the result rebuilds the input. Without the corpus
//! these tests are reported as ignored (build.rs); under `CI` they run, and
//! fail if it is missing.

use crate::common;

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the clone (build.rs); CI runs it"
)]
fn corpus_documents_rebuild() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seeds");
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("no corpus at {dir}: {e}"));
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

/// The seed corpus: the real mistakes are found, the clean seeds raise none.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the clone (build.rs); CI runs it"
)]
fn corpus_checks() {
    use tigang::Code;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seeds");
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("no corpus at {dir}: {e}"));
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(src) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        let got: Vec<(Code, usize)> = tigang::check(&tigang::parse(&src))
            .iter()
            .map(|d| (d.code, d.line))
            .collect();
        let expected: &[(Code, usize)] = match name.get(..3) {
            Some("000" | "002") => &[],
            // The table of contents goes （五） → （八）.
            Some("001") => &[(Code::NumberingSkip, 10)],
            // （四）、–（七）、, a second （三）, and 四是 → 六是.
            Some("003") => &[
                (Code::RedundantDelimiter, 10),
                (Code::RedundantDelimiter, 11),
                (Code::RedundantDelimiter, 12),
                (Code::RedundantDelimiter, 13),
                (Code::NumberingDuplicate, 20),
                (Code::NumberingSkip, 20),
            ],
            // PDF extraction lost the 二是: the text goes 一是 → 三是.
            Some("004") => &[(Code::NumberingSkip, 43)],
            _ => continue,
        };
        assert_eq!(got, expected, "{name}");
    }
}
