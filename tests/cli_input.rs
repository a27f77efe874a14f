//! The command line over real-world input: the same document in UTF-8 (with
//! and without BOM), GB18030, Big5 and UTF-16 gives the same tree; damaged
//! input is a clear error; folders are converted in parallel, in order, with
//! one broken file reported and the rest done. Fixtures are re-encoded here,
//! not committed as binary files.
#![cfg(feature = "cli")]

use crate::run;

use run::{stderr, stdout, tigang};

use std::path::{Path, PathBuf};

use encoding_rs::{BIG5, Encoding, GB18030};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

/// A fresh folder under the target directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn encode(text: &str, enc: &'static Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(
        !unmappable,
        "the text must be representable in {}",
        enc.name()
    );
    bytes.into_owned()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// Parses `bytes` as a file and returns (tree, encoding from the JSON).
fn parse_file(dir: &Path, name: &str, bytes: &[u8]) -> (String, String) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let path = path.to_str().unwrap();
    let tree = tigang(&["parse", path], None);
    assert!(tree.status.success(), "{name}: {}", stderr(&tree));
    let json = tigang(&["parse", "--format", "json", path], None);
    assert!(json.status.success(), "{name}: {}", stderr(&json));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    (
        stdout(&tree),
        v["source"]["encoding"].as_str().unwrap().to_string(),
    )
}

#[test]
fn simplified_speech_in_every_encoding_gives_the_same_tree() {
    let dir = scratch("encodings_simplified");
    let text = fixture("examples/speech.txt");
    let (want, enc) = parse_file(&dir, "utf8.txt", text.as_bytes());
    assert_eq!(enc, "UTF-8");
    assert!(want.lines().count() > 10);

    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let crlf = text.replace('\n', "\r\n");
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("bom.txt", bom, "UTF-8"),
        ("gb18030.txt", encode(&text, GB18030), "GB18030"),
        ("utf16le.txt", utf16(&text, false), "UTF-16LE"),
        ("utf16be.txt", utf16(&text, true), "UTF-16BE"),
        ("gb18030-crlf.txt", encode(&crlf, GB18030), "GB18030"),
    ];
    for (name, bytes, encoding) in cases {
        let (tree, enc) = parse_file(&dir, name, &bytes);
        assert_eq!(enc, encoding, "{name} should be read as {encoding}");
        assert_eq!(tree, want, "{name} should give the same tree as UTF-8");
    }
}

#[test]
fn traditional_fixture_in_big5_gives_the_same_tree() {
    let dir = scratch("encodings_traditional");
    // Big5 has no tone-marked pinyin (`對(duì)`): drop those glosses so the
    // text is the same in both encodings.
    let text = fixture("tests/fixtures/traditional.txt");
    let text: String = text
        .chars()
        .filter(|c| !BIG5.encode(&c.to_string()).2)
        .collect();
    let (want, _) = parse_file(&dir, "utf8.txt", text.as_bytes());
    assert!(want.contains("壹、"), "{want}");
    let (tree, enc) = parse_file(&dir, "big5.txt", &encode(&text, BIG5));
    assert_eq!(enc, "Big5");
    assert_eq!(tree, want);
    let (tree, enc) = parse_file(&dir, "utf16.txt", &utf16(&text, false));
    assert_eq!(enc, "UTF-16LE");
    assert_eq!(tree, want);
}

#[test]
fn spans_refer_to_the_decoded_text() {
    let text = "关于安全生产的讲话\n一、提高认识\n";
    let o = tigang(&["parse", "-f", "json", "-"], Some(&encode(text, GB18030)));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let span = &v["children"][0]["marker_span"];
    let (a, b) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
    assert_eq!(
        &text[a as usize..b as usize],
        "一、",
        "UTF-8 offsets, not GB18030 ones"
    );
}

#[test]
fn truncated_gb18030_is_a_clear_error() {
    let dir = scratch("encodings_truncated");
    let mut bytes = encode(&fixture("examples/speech.txt"), GB18030);
    // Cut inside the last two-byte character.
    while bytes.last().is_some_and(|&b| b < 0x80) {
        bytes.pop();
    }
    bytes.pop();
    let at = bytes.len() - 1;
    let path = dir.join("cut.txt");
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_str().unwrap();

    let o = tigang(&["parse", path], None);
    assert_eq!(o.status.code(), Some(1), "the file failed");
    let err = stderr(&o);
    assert!(err.contains(path), "names the file: {err}");
    assert!(
        err.contains(&format!("not valid GB18030 at byte {at}")),
        "names the first bad byte: {err}"
    );
    assert!(o.stdout.is_empty(), "no output from a file that failed");

    let o = tigang(&["parse", "--lossy", "-f", "json", path], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 undecodable byte sequence"),
        "{}",
        stderr(&o)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["replacements"], 1);
}

#[test]
fn encoding_can_be_forced() {
    let text = "一、提高認識\n";
    let o = tigang(
        &["parse", "--encoding", "big5", "-f", "json", "-"],
        Some(&encode(text, BIG5)),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["source"]["encoding"], "Big5");
    assert_eq!(v["children"][0]["title"], "提高認識");

    let o = tigang(&["parse", "--encoding", "klingon", "-"], Some(b"x"));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown encoding `klingon`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn folder_batch_goes_on_past_a_broken_file() {
    let dir = scratch("batch");
    let src = dir.join("in");
    std::fs::create_dir_all(src.join("sub")).unwrap();
    let speech = fixture("examples/speech.txt");
    std::fs::write(src.join("a.txt"), &speech).unwrap();
    std::fs::write(src.join("sub/b.txt"), encode(&speech, GB18030)).unwrap();
    let mut broken = encode(&speech, GB18030);
    broken.truncate(broken.len() - 1);
    broken.push(0xD6);
    std::fs::write(src.join("broken.txt"), broken).unwrap();
    std::fs::write(src.join("c.md"), "一、甲\n（一）乙\n").unwrap();
    std::fs::write(src.join("image.png"), [0x89, b'P', b'N', b'G']).unwrap();
    std::fs::write(src.join(".hidden.txt"), "一、甲\n").unwrap();
    let src_s = src.to_str().unwrap();

    // --jsonl: one line per document, in path order, the broken one left out.
    let o = tigang(&["parse", "--jsonl", src_s], None);
    assert_eq!(o.status.code(), Some(1), "some files failed");
    let out = stdout(&o);
    let files: Vec<String> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let f = v["file"].as_str().unwrap();
            f.strip_prefix(src_s).unwrap().to_string()
        })
        .collect();
    assert_eq!(files, ["/a.txt", "/c.md", "/sub/b.txt"]);
    let err = stderr(&o);
    assert!(
        err.contains("broken.txt: not valid GB18030 at byte"),
        "{err}"
    );
    let summary = err.lines().last().unwrap();
    assert!(
        summary.starts_with("tigang: 4 files,") && summary.contains("1 failed"),
        "one summary line: {summary}"
    );
    assert!(
        !err.contains('\x1b'),
        "no colour when stderr is not a terminal: {err}"
    );

    // -o DIR: the same relative paths with the format's extension.
    let out_dir = dir.join("out");
    let o = tigang(
        &[
            "parse",
            "-f",
            "markdown",
            src_s,
            "-o",
            out_dir.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let md = std::fs::read_to_string(out_dir.join("sub/b.md")).unwrap();
    assert!(
        md.starts_with("# 在全县文化旅游产业发展大会上的讲话\n"),
        "{md}"
    );
    assert!(out_dir.join("a.md").exists() && out_dir.join("c.md").exists());
    assert!(!out_dir.join("broken.md").exists());

    // Results on stdout keep input order whatever the number of workers.
    let one = tigang(&["parse", "-f", "chunks", "-j", "1", src_s], None);
    let many = tigang(&["parse", "-f", "chunks", "-j", "4", src_s], None);
    assert_eq!(stdout(&one), stdout(&many));
}

#[test]
fn an_empty_folder_is_a_usage_error() {
    let dir = scratch("empty");
    let o = tigang(&["parse", dir.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no text files (*.txt"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn stdin_and_stdout_dashes() {
    let o = tigang(
        &["parse", "-f", "markdown", "-o", "-", "-"],
        Some("一、甲\n".as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "# 一、甲\n");
    assert!(
        o.stderr.is_empty(),
        "no summary for a single document on stdout"
    );
}

#[test]
fn one_output_file_per_input_never_over_the_input() {
    let dir = scratch("overwrite");
    std::fs::write(dir.join("a.txt"), "一、甲\n").unwrap();
    std::fs::write(dir.join("a.md"), "一、乙\n").unwrap();
    let d = dir.to_str().unwrap();
    let o = tigang(&["parse", "-f", "json", d, "-o", d], None);
    assert_eq!(o.status.code(), Some(2), "two inputs, one output file");
    assert!(
        stderr(&o).contains("would both be written to"),
        "{}",
        stderr(&o)
    );

    let a = dir.join("a.txt");
    let o = tigang(&["parse", a.to_str().unwrap(), "-o", d], None);
    assert_eq!(o.status.code(), Some(2), "refused before any work");
    assert!(
        stderr(&o).contains("would replace the input"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "一、甲\n");
}

#[test]
fn chunks_on_the_command_line() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/speech.txt");
    let o = tigang(&["parse", "-f", "chunks", "--max-chars", "80", path], None);
    assert!(o.status.success(), "{}", stderr(&o));
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["file"], path);
        let title_only = v["piece"] == 1 && v["text"] == v["title"];
        assert!(v["chars"].as_u64().unwrap() <= 80 || title_only, "{line}");
    }
    let o = tigang(&["parse", "--max-chars", "80", path], None);
    assert_eq!(
        o.status.code(),
        Some(2),
        "--max-chars needs --format chunks"
    );
}

#[test]
fn help_has_examples() {
    let o = tigang(&["parse", "--help"], None);
    let help = stdout(&o);
    assert!(
        help.contains("Examples:") && help.contains("--jsonl"),
        "{help}"
    );
    assert!(help.contains("Exit status"), "{help}");
}

/// Decodes a written file back to text, checking what it must keep.
type ReadBack = Box<dyn Fn(&[u8]) -> String>;

#[test]
fn fmt_write_keeps_the_encoding_and_check_reads_it() {
    let dir = scratch("fmt_encodings");
    let text = fixture("tests/fixtures/numbering_mistakes.txt").replace('\n', "\r\n");
    let cases: [(&str, Vec<u8>, ReadBack); 3] = [
        (
            "gb18030.txt",
            encode(&text, GB18030),
            Box::new(|b: &[u8]| {
                GB18030
                    .decode_without_bom_handling_and_without_replacement(b)
                    .unwrap()
                    .into_owned()
            }),
        ),
        (
            "utf16le.txt",
            utf16(&text, false),
            Box::new(|b: &[u8]| {
                assert_eq!(&b[..2], [0xFF, 0xFE], "the BOM is kept");
                let units: Vec<u16> = b[2..]
                    .chunks(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16(&units).unwrap()
            }),
        ),
        (
            "bom.txt",
            [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            Box::new(|b: &[u8]| {
                assert_eq!(&b[..3], [0xEF, 0xBB, 0xBF], "the BOM is kept");
                String::from_utf8(b[3..].to_vec()).unwrap()
            }),
        ),
    ];
    for (name, bytes, read_back) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let p = path.to_str().unwrap();
        let before = tigang(&["check", p], None);
        assert_eq!(before.status.code(), Some(1), "{name}: {}", stderr(&before));
        assert!(
            stdout(&before).contains("numbering-skip"),
            "{name}: check reads the file"
        );

        let o = tigang(&["fmt", "--write", p], None);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let written = std::fs::read(&path).unwrap();
        let back = read_back(&written);
        assert!(
            back.contains("\r\n") && !back.replace("\r\n", "").contains('\n'),
            "{name}: CRLF kept"
        );
        assert_ne!(back, text, "{name}: fmt changed the markers");

        let after = tigang(&["check", p], None);
        let out = stdout(&after);
        assert!(
            !out.contains("numbering-skip") && !out.contains("numbering-duplicate"),
            "{name}: {out}"
        );
    }
}
