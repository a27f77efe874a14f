//! Every integration test, in one binary: each `tests/*.rs` is a module
//! here. One binary links the library and its dependencies once, where a
//! binary per file linked them some thirty times (most of the build), and
//! its tests share the test threads (issue 22).
//!
//! The files stay where they are, so their proptest regressions
//! (`tests/NAME.proptest-regressions`) and insta snapshots (`tests/snapshots/`,
//! named `all__NAME__…` after the module path) stay beside them. Cargo.toml
//! sets `autotests = false`: a new `tests/NAME.rs` is added below (the test
//! at the end fails until it is). Run one file's tests with a filter:
//!
//! ```sh
//! cargo test --test all grammar_generated
//! cargo test --test all linear:: -- --nocapture
//! ```

// What several test files share, compiled once. Each is built when a file
// that uses it is (the files gate themselves on the features they need).
#[path = "../common/mod.rs"]
mod common;
#[cfg(feature = "docx")]
#[path = "../docx_kit/mod.rs"]
mod docx_kit;
#[path = "../../benches/gen/mod.rs"]
mod generator;
#[cfg(all(feature = "cli", feature = "lsp"))]
#[path = "../lsp_client/mod.rs"]
mod lsp_client;
#[cfg(feature = "cli")]
#[path = "../run/mod.rs"]
mod run;

// The test files.
#[path = "../check.rs"]
mod check;
#[path = "../chunks_merge.rs"]
mod chunks_merge;
#[path = "../cli.rs"]
mod cli;
#[path = "../cli_converter.rs"]
mod cli_converter;
#[path = "../cli_habits.rs"]
mod cli_habits;
#[path = "../cli_input.rs"]
mod cli_input;
#[path = "../cli_readers.rs"]
mod cli_readers;
#[path = "../cli_safety.rs"]
mod cli_safety;
#[path = "../cli_writers.rs"]
mod cli_writers;
#[path = "../converter_style.rs"]
mod converter_style;
#[path = "../corpus.rs"]
mod corpus;
#[path = "../docx.rs"]
mod docx;
#[path = "../docx_corpus.rs"]
mod docx_corpus;
#[path = "../fixtures.rs"]
mod fixtures;
#[path = "../fmt_encodings.rs"]
mod fmt_encodings;
#[path = "../fmt_props.rs"]
mod fmt_props;
#[path = "../generated.rs"]
mod generated;
#[path = "../grammar_generated.rs"]
mod grammar_generated;
#[cfg(all(feature = "cli", feature = "html", unix))]
#[path = "../hostile.rs"]
mod hostile;
#[path = "../html.rs"]
mod html;
#[path = "../json.rs"]
mod json;
#[path = "../linear.rs"]
mod linear;
#[path = "../linear_check_fmt.rs"]
mod linear_check_fmt;
#[cfg(all(feature = "docx", feature = "html"))]
#[path = "../list_bombs.rs"]
mod list_bombs;
#[path = "../lossless.rs"]
mod lossless;
#[path = "../lsp.rs"]
mod lsp;
#[path = "../markdown_levels.rs"]
mod markdown_levels;
#[path = "../readers_props.rs"]
mod readers_props;
#[path = "../render.rs"]
mod render;
#[path = "../schema.rs"]
mod schema;
#[path = "../schema_derived.rs"]
mod schema_derived;
#[path = "../serde.rs"]
mod serde;

/// Every `tests/*.rs` is a module of this binary: with `autotests = false`
/// Cargo no longer builds a file that is not listed here.
#[test]
fn every_test_file_is_a_module() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
    let main = include_str!("main.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(stem) = name.strip_suffix(".rs") {
            if !main.contains(&format!("#[path = \"../{name}\"]\nmod {stem};")) {
                missing.push(name);
            }
        }
    }
    assert!(missing.is_empty(), "add to tests/all/main.rs: {missing:?}");
}
