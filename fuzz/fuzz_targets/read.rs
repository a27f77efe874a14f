//! Arbitrary bytes → the readers of Word documents and web pages → never a
//! panic, and what they extract stays bounded by the input (issue 23).
//!
//! The first byte chooses the reader. Odd: the rest is cut at `\xff\xfe\xfd`
//! into `word/document.xml`, `word/numbering.xml` and `word/styles.xml`,
//! stored in a ZIP built here, so that the fuzzer mutates the XML (list
//! definitions, counters, levels, styles) and not the deflate streams.
//! Even: the rest is a web page. A text that is read is parsed, and every
//! invariant of spec §6 checked on it (`tests/common`).

#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use tigang::input::{Options, max_drawn};

#[path = "../../tests/common/mod.rs"]
mod common;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A `.docx` of the three parts, as given (each wrapped in its root
/// element when it does not start with `<`).
fn docx(parts: &[&[u8]]) -> Vec<u8> {
    let names = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];
    let roots = ["w:document", "w:numbering", "w:styles"];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (i, part) in parts.iter().enumerate().take(3) {
        zip.start_file(names[i], stored).unwrap();
        if part.first() == Some(&b'<') {
            zip.write_all(part).unwrap();
        } else {
            let root = roots[i];
            let body = if i == 0 { "<w:body>" } else { "" };
            let end = if i == 0 { "</w:body>" } else { "" };
            write!(zip, "<{root} {W}>{body}").unwrap();
            zip.write_all(part).unwrap();
            write!(zip, "{end}</{root}>").unwrap();
        }
    }
    zip.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let options = Options::default().max_unpacked(1 << 20);
    let (bytes, read) = if mode & 1 == 1 {
        let parts: Vec<&[u8]> = rest
            .split(|&b| b == 0xff)
            .flat_map(|p| p.strip_prefix(b"\xfe\xfd").or(Some(p)))
            .collect();
        let bytes = docx(&parts);
        let read = tigang::input::docx::read(&bytes, &options);
        (bytes, read)
    } else {
        let bytes = rest.to_vec();
        (bytes.clone(), tigang::input::html::read(bytes, &options))
    };
    let Ok(out) = read else {
        return;
    };
    // The text is what the input holds, plus list labels within their budget.
    let unpacked = if mode & 1 == 1 { 1 << 20 } else { bytes.len() };
    assert!(
        out.text.len() <= 4 * unpacked + max_drawn(bytes.len()),
        "{} bytes of text from {} bytes",
        out.text.len(),
        bytes.len()
    );
    let doc = tigang::parse_with(&out.text, &out.parse_options());
    common::check(&out.text, &doc);
});
