//! Decides whether the tests that read the shared corpus run.
//!
//! Some tests (tests/corpus.rs, tests/docx_corpus.rs, …) read the corpus in
//! `../shared/corpus`, beside the clone. When it is there, or when `CI` is set
//! to a true value, this emits `cfg(shared_corpus)` and those tests run (and
//! under CI a missing corpus fails them). Otherwise they are compiled with
//! `#[ignore = "…"]`, so `cargo test` reports them as ignored, with the
//! reason, instead of passing without checking anything.
//!
//! The library itself does not look at `shared_corpus`. After putting the
//! corpus beside a clone that was built without it, `touch build.rs`.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared_corpus)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CI");
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    let corpus = Path::new(&manifest).join("../shared/corpus");
    let ci = std::env::var("CI").is_ok_and(|v| truthy(&v));
    if corpus.is_dir() {
        println!("cargo::rerun-if-changed={}", corpus.display());
    }
    if corpus.is_dir() || ci {
        println!("cargo::rustc-cfg=shared_corpus");
    }
}

/// `CI=true`, `CI=1`, `CI=yes`: anything but empty, `0`, `false`, `no`, `off`.
fn truthy(v: &str) -> bool {
    !matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "" | "0" | "false" | "no" | "off"
    )
}
