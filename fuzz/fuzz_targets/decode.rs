//! Arbitrary bytes → `tigang::input::decode` (detected, or forced to one of
//! the encodings `fmt --write` writes back) → never a panic; a text that
//! decodes is fixed by `tigang::fmt` and the edits spliced back into the
//! bytes with `decode::splice`, which must read back as the edited text and
//! keep every byte outside the edits; splicing no edits gives the input back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tigang::input::decode::{self, Confidence};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let forced = match mode % 8 {
        0 | 1 | 2 => None,
        3 => Some(encoding_rs::GB18030),
        4 => Some(encoding_rs::BIG5),
        5 => Some(encoding_rs::UTF_16LE),
        6 => Some(encoding_rs::UTF_16BE),
        _ => Some(encoding_rs::UTF_8),
    };
    let lossy = mode & 0x80 != 0;
    let Ok(d) = decode::decode(bytes.to_vec(), forced, lossy) else {
        return;
    };
    if forced.is_some() || d.bom {
        assert_ne!(d.confidence, Confidence::Low);
    }
    if d.replaced > 0 {
        assert!(decode::splice(bytes, &d, []).is_err(), "lossy text is never written back");
        return;
    }
    assert_eq!(decode::splice(bytes, &d, []).expect("no edits"), bytes);
    let doc = tigang::parse(&d.text);
    for style in [tigang::fmt::Style::Majority, tigang::fmt::Style::Gbt9704] {
        let edits = tigang::fmt::edits(&doc, style);
        let spans = edits.iter().map(|e| (e.span.range(), e.replacement.as_str()));
        let Ok(out) = decode::splice(bytes, &d, spans) else {
            continue;
        };
        // Read back in the same encoding, the bytes give the edited text.
        let skip = if d.bom { encoding_rs::Encoding::for_bom(&out).map_or(0, |(_, n)| n) } else { 0 };
        let (back, had_errors) = d.source.decode_without_bom_handling(&out[skip..]);
        assert!(!had_errors);
        assert_eq!(back, tigang::fmt::apply(&d.text, &edits));
        // Bytes before the first edit are the input's.
        if let Some(first) = edits.first() {
            let prefix = d.text[..first.span.start].len();
            if d.source == encoding_rs::UTF_8 {
                assert_eq!(out[..skip + prefix], bytes[..skip + prefix]);
            }
        } else {
            assert_eq!(out, bytes);
        }
    }
});
