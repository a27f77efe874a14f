//! Issue 10, "Done means": `tigang fmt --write` keeps every non-marker byte of
//! a file in the encoding it was read in. Every fixture and every corpus
//! document (`../shared/corpus/seeds`, `../shared/corpus/real`) is written
//! in nine variants (UTF-8, UTF-8 with BOM, CRLF, CR, GB18030, GB18030 with
//! CRLF, Big5, UTF-16LE and UTF-16BE with BOMs) and fixed in both styles.
//!
//! The GB18030 and Big5 variants carry byte sequences that decode to a
//! character whose own encoding is other bytes (Big5 `A2A4` `═` encodes as
//! `F9F9`, GB18030 `80` `€` as `A2E3`; found here by trying every sequence),
//! one at the end of every third line: re-encoding the whole text would
//! change them. The expected file is built independently of the library's
//! decoder: the original bytes are assembled piece by piece, so the byte
//! range of every marker is known, and the edits `tigang::fmt::edits` makes
//! on the text replace exactly those ranges.
//!
//! Big5 holds Traditional text only: documents it cannot encode are skipped
//! and listed, and the test fails unless several documents (the Traditional
//! fixtures and real documents) were checked in Big5 with edits.
#![cfg(feature = "cli")]

use crate::run;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use encoding_rs::{BIG5, Encoding, GB18030};
use run::stderr;
use tigang::fmt::Style;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Enc {
    Utf8,
    Utf8Bom,
    Legacy(&'static Encoding),
    Utf16 { big: bool },
}

#[derive(Clone, Copy, Debug)]
struct Variant {
    name: &'static str,
    enc: Enc,
    eol: &'static str,
}

const VARIANTS: [Variant; 9] = [
    Variant {
        name: "utf8",
        enc: Enc::Utf8,
        eol: "\n",
    },
    Variant {
        name: "utf8-bom",
        enc: Enc::Utf8Bom,
        eol: "\n",
    },
    Variant {
        name: "utf8-crlf",
        enc: Enc::Utf8,
        eol: "\r\n",
    },
    Variant {
        name: "utf8-cr",
        enc: Enc::Utf8,
        eol: "\r",
    },
    Variant {
        name: "gb18030",
        enc: Enc::Legacy(GB18030),
        eol: "\n",
    },
    Variant {
        name: "gb18030-crlf",
        enc: Enc::Legacy(GB18030),
        eol: "\r\n",
    },
    Variant {
        name: "big5",
        enc: Enc::Legacy(BIG5),
        eol: "\n",
    },
    Variant {
        name: "utf16le",
        enc: Enc::Utf16 { big: false },
        eol: "\n",
    },
    Variant {
        name: "utf16be",
        enc: Enc::Utf16 { big: true },
        eol: "\n",
    },
];

/// Bytes that decode to one character which encodes back to other bytes:
/// every such sequence of `enc` among one-, two- and (GB18030, BMP) four-byte
/// sequences, as (bytes, character).
fn non_canonical(enc: &'static Encoding) -> Vec<(Vec<u8>, String)> {
    let mut seqs: Vec<Vec<u8>> = Vec::new();
    for lead in 0x80..=0xFFu8 {
        seqs.push(vec![lead]);
        for trail in (0x40..=0x7Eu8).chain(0x80..=0xFE) {
            seqs.push(vec![lead, trail]);
        }
    }
    if enc == GB18030 {
        for a in 0x81..=0x84u8 {
            for b in 0x30..=0x39u8 {
                for c in 0x81..=0xFEu8 {
                    for d in 0x30..=0x39u8 {
                        seqs.push(vec![a, b, c, d]);
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    for seq in seqs {
        let Some(text) = enc.decode_without_bom_handling_and_without_replacement(&seq) else {
            continue;
        };
        if text.chars().count() != 1 || text.chars().any(char::is_control) {
            continue;
        }
        let (back, _, unmappable) = enc.encode(&text);
        if !unmappable && *back != *seq {
            let text = text.into_owned();
            found.push((seq, text));
        }
    }
    found
}

/// A piece of the original file: text and the bytes it was written as.
struct Piece {
    text: std::ops::Range<usize>,
    bytes: std::ops::Range<usize>,
    canonical: bool,
}

/// The file for `text` in `variant`, with the pieces that map text offsets
/// to byte offsets; `None` if the encoding cannot hold the text.
struct Built {
    text: String,
    bytes: Vec<u8>,
    pieces: Vec<Piece>,
    enc: Enc,
}

fn encode_piece(enc: Enc, text: &str) -> Option<Vec<u8>> {
    match enc {
        Enc::Utf8 | Enc::Utf8Bom => Some(text.as_bytes().to_vec()),
        Enc::Legacy(e) => {
            let (b, _, unmappable) = e.encode(text);
            (!unmappable).then(|| b.into_owned())
        }
        Enc::Utf16 { big } => Some(
            text.encode_utf16()
                .flat_map(|u| {
                    if big {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                })
                .collect(),
        ),
    }
}

/// Big5 holds Traditional text: a document of which at most one character
/// in a hundred is outside Big5 (`・`, a pinyin `à`, a Japanese form from an
/// OCR) is written without those; any other is not written in Big5 (`None`).
fn for_big5(source: &str) -> Option<String> {
    let fits = |c: char| c.is_ascii() || !BIG5.encode(c.encode_utf8(&mut [0; 4])).2;
    let (all, bad) = source
        .chars()
        .filter(|c| !c.is_ascii())
        .fold((0, 0), |(a, b), c| (a + 1, b + usize::from(!fits(c))));
    (bad * 100 <= all).then(|| source.chars().filter(|&c| fits(c)).collect())
}

fn build(source: &str, variant: Variant, odd: &[(Vec<u8>, String)]) -> Option<Built> {
    let adapted;
    let source = if variant.enc == Enc::Legacy(BIG5) {
        adapted = for_big5(source)?;
        adapted.as_str()
    } else {
        source
    };
    let lf = source.replace("\r\n", "\n").replace('\r', "\n");
    let mut text = String::with_capacity(lf.len() + lf.len() / 8);
    let mut bytes = match variant.enc {
        Enc::Utf8Bom => b"\xEF\xBB\xBF".to_vec(),
        Enc::Utf16 { big: false } => vec![0xFF, 0xFE],
        Enc::Utf16 { big: true } => vec![0xFE, 0xFF],
        _ => Vec::new(),
    };
    let mut pieces = Vec::new();
    let mut push =
        |text: &mut String, bytes: &mut Vec<u8>, t: &str, raw: Option<&[u8]>| -> Option<()> {
            let encoded;
            let b = match raw {
                Some(raw) => raw,
                None => {
                    encoded = encode_piece(variant.enc, t)?;
                    &encoded
                }
            };
            pieces.push(Piece {
                text: text.len()..text.len() + t.len(),
                bytes: bytes.len()..bytes.len() + b.len(),
                canonical: raw.is_none(),
            });
            text.push_str(t);
            bytes.extend_from_slice(b);
            Some(())
        };
    let mut n = 0;
    let mut chunk = String::new();
    for line in lf.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, true),
            None => (line, false),
        };
        chunk.push_str(body);
        if !body.trim().is_empty() && !odd.is_empty() {
            n += 1;
            if n % 3 == 0 {
                let (raw, ch) = &odd[(n / 3) % odd.len()];
                push(&mut text, &mut bytes, &chunk, None)?;
                chunk.clear();
                push(&mut text, &mut bytes, ch, Some(raw))?;
            }
        }
        if nl {
            chunk.push_str(variant.eol);
        }
    }
    push(&mut text, &mut bytes, &chunk, None)?;
    Some(Built {
        text,
        bytes,
        pieces,
        enc: variant.enc,
    })
}

impl Built {
    /// The byte offset of text offset `p`, from the pieces alone.
    fn offset(&self, p: usize) -> usize {
        let piece = self
            .pieces
            .iter()
            .find(|q| q.text.start <= p && p <= q.text.end && (q.canonical || p == q.text.start))
            .expect("an edit inside a non-canonical sequence");
        let inside = &self.text[piece.text.start..p];
        piece.bytes.start + encode_piece(self.enc, inside).unwrap().len()
    }

    /// The original bytes with each edit's range replaced by its encoding.
    fn expected(&self, edits: &[tigang::fmt::Edit]) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.bytes.len());
        let mut at = 0;
        for e in edits {
            let (start, end) = (self.offset(e.span.start), self.offset(e.span.end));
            out.extend_from_slice(&self.bytes[at..start]);
            out.extend_from_slice(&encode_piece(self.enc, &e.replacement).unwrap());
            at = end;
        }
        out.extend_from_slice(&self.bytes[at..]);
        out
    }
}

fn documents() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = Vec::new();
    for dir in [
        root.join("tests/fixtures"),
        root.join("../shared/corpus/seeds"),
        root.join("../shared/corpus/real"),
    ] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (the corpus is part of this test)", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            let name = f.strip_prefix(root).unwrap_or(&f).display().to_string();
            docs.push((name, std::fs::read_to_string(&f).unwrap()));
        }
    }
    assert!(
        docs.len() >= 40,
        "fixtures and corpus: {} documents",
        docs.len()
    );
    docs
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the clone (build.rs); CI runs it"
)]
fn fmt_write_keeps_every_non_marker_byte_in_every_encoding() {
    let odd_gb = non_canonical(GB18030);
    let odd_big5 = non_canonical(BIG5);
    assert!(
        odd_gb.len() >= 10 && odd_big5.len() >= 10,
        "{} {}",
        odd_gb.len(),
        odd_big5.len()
    );
    // The ones the issue names are among them.
    assert!(odd_gb.iter().any(|(b, _)| b == &[0x80]));
    assert!(odd_big5.iter().any(|(b, s)| b == &[0xA2, 0xA4] && s == "═"));

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fmt-encodings");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut report = String::new();
    let (mut checked, mut edited, mut big5_edited) = (0, 0, Vec::new());
    let mut skipped_big5 = Vec::new();
    let mut big5_checked = Vec::new();
    let mut refused = Vec::new();
    for (name, source) in documents() {
        for variant in VARIANTS {
            let odd: &[_] = match variant.enc {
                Enc::Legacy(e) if e == GB18030 => &odd_gb,
                Enc::Legacy(_) => &odd_big5,
                _ => &[],
            };
            let Some(built) = build(&source, variant, odd) else {
                skipped_big5.push(name.clone());
                continue;
            };
            if variant.name == "big5" {
                big5_checked.push(name.clone());
            }
            for style in [Style::Majority, Style::Gbt9704] {
                let doc = tigang::parse(&built.text);
                let edits = tigang::fmt::edits(&doc, style);
                let path = dir.join(format!("{}.{}.txt", variant.name, checked));
                std::fs::write(&path, &built.bytes).unwrap();
                let mut args = vec!["fmt", "--write", path.to_str().unwrap()];
                if style == Style::Gbt9704 {
                    args.extend(["--style", "gbt9704"]);
                }
                if let Enc::Legacy(e) = variant.enc {
                    args.extend(["--encoding", e.name()]);
                }
                let o = run::tigang(&args, None);
                let after = std::fs::read(&path).unwrap();
                checked += 1;
                if !o.status.success() {
                    // fmt refused (its own check of the outline): the file
                    // must be untouched.
                    assert_eq!(
                        after, built.bytes,
                        "{name} {variant:?}: refused but changed"
                    );
                    refused.push(format!("{name} ({}): {}", variant.name, stderr(&o).trim()));
                    continue;
                }
                let want = built.expected(&edits);
                if after != want {
                    let at = after
                        .iter()
                        .zip(&want)
                        .position(|(a, b)| a != b)
                        .unwrap_or(0);
                    panic!(
                        "{name} as {} ({style:?}): byte {at} differs: got {:02X?}, want {:02X?}\n{}",
                        variant.name,
                        &after[at.saturating_sub(8)..(at + 8).min(after.len())],
                        &want[at.saturating_sub(8)..(at + 8).min(want.len())],
                        stderr(&o)
                    );
                }
                if !edits.is_empty() {
                    edited += 1;
                    if variant.name == "big5" {
                        big5_edited.push(name.clone());
                    }
                }
            }
        }
    }
    skipped_big5.dedup();
    big5_edited.dedup();
    eprintln!("not written in Big5 (Simplified text): {skipped_big5:?}");
    let _ = writeln!(
        report,
        "{checked} files checked, {edited} with edits; Big5: {} documents checked, {} with edits, {} skipped (not encodable in Big5)",
        big5_checked.len(),
        big5_edited.len(),
        skipped_big5.len()
    );
    for r in &refused {
        let _ = writeln!(report, "fmt refused: {r}");
    }
    eprintln!("{report}");
    assert!(edited >= 100, "{report}");
    assert!(
        ["traditional.txt", "marker_capital_numeral.txt"]
            .iter()
            .all(|f| big5_checked.iter().any(|n| n.ends_with(f))),
        "the Traditional fixtures are checked in Big5: {big5_checked:?}"
    );
    assert!(
        big5_edited.len() >= 3
            && big5_edited
                .iter()
                .filter(|n| n.contains("corpus/real"))
                .count()
                >= 2,
        "Big5 files with edits, among them real documents: {big5_edited:?}"
    );
}
