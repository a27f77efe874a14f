//! List-number bombs (issue 23 item 1): a huge `start`, a letter or Roman
//! format, or a `lvlText` thousands of characters long once drew labels of
//! hundreds of megabytes. Labels are now bounded (letters to 780, Roman
//! numerals to 3999, then decimal; 256 characters a label) and so is the
//! text they add ([`tigang::input::max_drawn`]).

use crate::docx_kit;

use docx_kit::*;
use std::time::{Duration, Instant};
use tigang::input::{ErrorKind, Options, max_drawn};

/// A `.docx` whose level 0 is `fmt` from `start` with `text`, on `n`
/// numbered paragraphs.
fn numbered(fmt: &str, start: u32, text: &str, n: usize) -> Vec<u8> {
    Docx::new()
        .numbering(&list(1, 1, &[lvl(0, start, fmt, text)]))
        .body(&p_num(1, 0, "条文").repeat(n))
        .build()
}

#[test]
fn a_huge_ol_start_draws_decimal() {
    // Each item once drew 4,294,967,295 / 26 letters: 165 MB.
    let page = format!(
        "<html><body>{}</body></html>",
        r#"<ol type="A" start="4294967295"><li>x</ol>"#.repeat(20)
    );
    let t = Instant::now();
    let out = tigang::input::read(page.as_bytes(), &Options::default()).unwrap();
    assert!(t.elapsed() < Duration::from_secs(5));
    assert_eq!(out.text.lines().next(), Some("4294967295. x"));
    assert!(out.text.len() < 1000, "{}", out.text.len());
}

#[test]
fn a_huge_docx_start_repeated_in_lvl_text_stays_small() {
    let docx = numbered("upperLetter", u32::MAX, "%1%1%1%1%1%1%1%1%1%1.", 1);
    assert!(docx.len() < 2000);
    let out = read(&docx);
    assert_eq!(labels(&out), ["4294967295".repeat(10) + "."]);
    assert!(out.text.len() < 200, "{}", out.text.len());
}

#[test]
fn a_long_lvl_text_is_cut_to_256_characters() {
    // 30,000 characters of `%1`: 60 KB a paragraph when drawn in full.
    let docx = numbered("decimal", 1000, &"%1".repeat(15_000), 2_000);
    let t = Instant::now();
    let out = read(&docx);
    assert!(t.elapsed() < Duration::from_secs(10));
    let drawn = labels(&out);
    assert_eq!(drawn.len(), 2_000);
    assert!(drawn.iter().all(|l| l.chars().count() <= 256));
    assert_eq!(drawn[0], "1000".repeat(64));
    assert!(out.text.len() < 1_000_000, "{}", out.text.len());
}

#[test]
fn too_many_drawn_numbers_are_refused() {
    // 256-character labels on 20,000 paragraphs: 5 MB of labels from a
    // file that deflates to a few KB.
    let docx = numbered("decimal", 1000, &"%1".repeat(15_000), 20_000);
    assert!(max_drawn(docx.len()) < 5_000_000, "{}", docx.len());
    let t = Instant::now();
    let err = tigang::input::read(&docx[..], &Options::default()).unwrap_err();
    assert!(t.elapsed() < Duration::from_secs(10));
    assert_eq!(err.kind(), ErrorKind::TooManyNumbers);
    assert_eq!(err.part(), Some("word/document.xml"));
    let msg = err.to_string();
    assert!(msg.contains("numbering bomb"), "{msg}");
    assert!(msg.contains("编号炸弹"), "{msg}");
}

/// A `.docx` whose `numbering.xml` holds `n` copies of `one(i)`.
fn flood(n: usize, one: impl Fn(usize) -> String) -> Vec<u8> {
    let defs: String = (0..n).map(one).collect();
    Docx::new().numbering(&defs).body(&p("正文")).build()
}

/// What the command line may take for an input of `bytes` (issue 23).
fn bound(bytes: usize) -> u64 {
    8 * bytes as u64 + 50_000_000
}

/// `tigang parse` refuses `docx` (status 1, naming `numbering.xml`) within
/// [`bound`] of its size.
#[cfg(feature = "cli")]
fn refused_in_bounded_memory(docx: &[u8], name: &str) {
    let m = parse_measured(docx, name);
    assert_eq!(m.code, Some(1), "{}", m.stderr);
    assert!(m.stderr.contains("word/numbering.xml"), "{}", m.stderr);
    assert!(
        m.peak_rss < bound(docx.len()),
        "{} for {}",
        m.peak_rss,
        docx.len()
    );
}

/// `tigang parse FILE` on `docx`, measured.
#[cfg(feature = "cli")]
fn parse_measured(docx: &[u8], name: &str) -> crate::run::Measured {
    let dir = std::env::temp_dir().join(format!("tigang-bombs-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.docx"));
    std::fs::write(&path, docx).unwrap();
    let m = crate::run::measured(&["parse", path.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    m
}

#[test]
fn a_flood_of_abstract_numberings_is_refused_in_bounded_memory() {
    // Each `w:abstractNum` once cost nine default levels (~600 bytes): a
    // 12 MB file of them took 7.5 GB.
    let docx = flood(600_000, |i| {
        format!(r#"<w:abstractNum w:abstractNumId="{i}"></w:abstractNum>"#)
    });
    let t = Instant::now();
    let err = tigang::input::read(&docx[..], &Options::default()).unwrap_err();
    assert!(t.elapsed() < Duration::from_secs(20));
    assert_eq!(err.kind(), ErrorKind::TooManyDefinitions);
    assert_eq!(err.part(), Some("word/numbering.xml"));
    assert!(err.to_string().contains("defines more lists"), "{err}");
    #[cfg(feature = "cli")]
    refused_in_bounded_memory(&docx, "abstract");
}

#[test]
fn a_flood_of_nums_with_overrides_is_refused_in_bounded_memory() {
    // Each `w:num` once cost nine empty level overrides.
    let docx = flood(400_000, |i| {
        format!(
            r#"<w:num w:numId="{i}"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="3"><w:startOverride w:val="2"/></w:lvlOverride></w:num>"#
        )
    });
    let err = tigang::input::read(&docx[..], &Options::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooManyDefinitions);
    #[cfg(feature = "cli")]
    refused_in_bounded_memory(&docx, "num");
}

#[test]
fn thousands_of_lists_are_still_read() {
    // Documents assembled from many sources hold thousands of lists.
    let levels: Vec<String> = (0..9)
        .map(|l| {
            let text: String = (1..=l + 1).map(|k| format!("%{k}.")).collect();
            lvl(l, 1, "decimal", &text)
        })
        .collect();
    let mut defs = String::new();
    for i in 0..5_000u32 {
        defs.push_str(&list(i, i + 1, &levels));
    }
    let body = p_num(1, 0, "甲") + &p_num(5_000, 0, "乙") + &p_num(5_000, 2, "丙");
    let docx = Docx::new().numbering(&defs).body(&body).build();
    let out = read(&docx);
    assert_eq!(labels(&out), ["1.", "1.", "1.1.1."]);
}

#[test]
fn a_numbering_part_past_its_own_limit_is_refused() {
    // One `lvlText` of 40 MB: the reader would hold it whole.
    let docx = numbered("decimal", 1, &"第".repeat(14_000_000), 1);
    let err = tigang::input::read(&docx[..], &Options::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert_eq!(err.part(), Some("word/numbering.xml"));
}
