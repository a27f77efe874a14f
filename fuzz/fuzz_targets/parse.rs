//! Arbitrary bytes → `tigang::parse` (on the valid UTF-8 prefix, and on the
//! lossy decoding when the input is not UTF-8) → every invariant of spec §6
//! (byte-exact rebuild from `Document::segments`, every marker/title/body
//! text equal to the input at its span, tree shape) → every rendering, the
//! checks and both fixes.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fn run(src: &str) {
    let doc = tigang::parse(src);
    common::check(src, &doc);
    // Every output format: the tree rendering and the JSON (compact and pretty,
    // as the CLI prints it), which must be valid JSON.
    let tree = tigang::render::tree(&doc);
    assert!(tree.len() < 64 * (src.len() + 64), "tree rendering blew up");
    let json = serde_json::to_vec(&doc).expect("serialising never fails");
    let pretty = serde_json::to_vec_pretty(&doc).expect("serialising never fails");
    let back: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
    let back_pretty: serde_json::Value = serde_json::from_slice(&pretty).expect("valid JSON");
    assert_eq!(back, back_pretty);
    // The checks and both fixes, whose plans carry debug assertions (a plan
    // that settles alone must settle when planned again): never a panic,
    // and the edits are in order and apart.
    let _ = tigang::check(&doc);
    for style in [tigang::fmt::Style::Majority, tigang::fmt::Style::Gbt9704] {
        let edits = tigang::fmt::edits(&doc, style);
        assert!(edits.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    }
    // Walk the tree the same way the library's iterator does and drop it.
    let n = doc.headings().count();
    if let Some(last) = doc.headings().last() {
        assert!(last.ancestors().count() < n);
    }
}

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(s) => run(s),
        Err(e) => {
            let valid = e.valid_up_to();
            // The valid prefix, exactly as the bytes are…
            run(std::str::from_utf8(&data[..valid]).expect("valid prefix"));
            // …and the whole input as a user converting it would see it.
            run(&String::from_utf8_lossy(data));
        }
    }
});
