//! Snapshot tests: every fixture in `tests/fixtures/` (one phenomenon each,
//! see its README) pinned as the `tree` rendering and as the JSON of docs/format.md §7.

use crate::common;

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).expect("fixtures are UTF-8")
}

#[test]
fn tree_snapshots() {
    insta::glob!("fixtures/*.txt", |path| {
        let src = read(path);
        let doc = tigang::parse(&src);
        common::check(&src, &doc);
        insta::assert_snapshot!(tigang::render::tree(&doc));
    });
}

#[test]
#[cfg(feature = "serde")]
fn json_snapshots() {
    insta::glob!("fixtures/*.txt", |path| {
        let src = read(path);
        insta::assert_json_snapshot!(tigang::parse(&src));
    });
}
