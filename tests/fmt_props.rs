//! Property tests of `fmt`: idempotent, the same outline with consecutive
//! numbers afterwards, and only marker bytes changed.

mod common;

use proptest::prelude::*;
use tigang::fmt::{Style, apply, edits, format};
use tigang::{Code, Document, MarkerKind};

const CN: [&str; 13] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "二十",
];
const CIRCLED: [&str; 12] = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪", "⑫"];

/// A marker of some kind and form with the number `n` (1-based index into
/// the tables above), perhaps wrong for its place.
fn marker(kind: u8, form: u8, n: usize) -> String {
    let cn = CN[n % CN.len()];
    let d = n % CN.len() + 1;
    match kind % 9 {
        0 => [format!("{cn}、"), format!("{cn}．"), format!("{cn}、、")][form as usize % 3].clone(),
        1 => [
            format!("（{cn}）"),
            format!("({cn})"),
            format!("（{cn}）、"),
            format!("〔{cn}〕"),
        ][form as usize % 4]
            .clone(),
        2 => [
            format!("{d}."),
            format!("{d}、"),
            format!("{d}．"),
            format!("{}．", fullwidth(d)),
        ][form as usize % 4]
            .clone(),
        3 => [format!("（{d}）"), format!("({d})"), format!("{d}）")][form as usize % 3].clone(),
        4 => CIRCLED[n % CIRCLED.len()].to_string(),
        5 => format!("。{cn}是"),
        6 => format!("第{cn}条　"),
        7 => format!("第{cn}章　"),
        _ => format!("【篇{d}】"),
    }
}

fn fullwidth(n: usize) -> String {
    n.to_string()
        .chars()
        .filter_map(|c| char::from_u32(u32::from(c) - u32::from('0') + u32::from('０')))
        .collect()
}

const TEXT: &[&str] = &[
    "加强领导",
    "推进改革。要求如下",
    "5万人次",
    "二、三级医院",
    "3、4月份",
    "统一是",
    "“十四五”",
    "：一是抓落实",
    "；二是抓督查",
    "首先，",
    "",
];

/// A document of lines, each a marker (with a number near its place) and
/// text, with a line ending of one of three kinds.
fn document() -> impl Strategy<Value = String> {
    let line = (
        any::<u8>(),
        any::<u8>(),
        0usize..14,
        prop::sample::select(TEXT),
        prop::sample::select(&["", "　　"][..]),
    );
    (
        prop::collection::vec(line, 0..30),
        prop::sample::select(&["\n", "\r\n", "\r"][..]),
        any::<bool>(),
    )
        .prop_map(|(lines, eol, toc)| {
            let mut out = String::new();
            if toc {
                out.push_str("目录");
                out.push_str(eol);
                out.push_str("一、加强领导");
                out.push_str(eol);
                out.push_str("三、推进改革");
                out.push_str(eol);
            }
            for (kind, form, n, text, indent) in lines {
                out.push_str(indent);
                out.push_str(&marker(kind, form, n));
                out.push_str(text);
                out.push_str(eol);
            }
            out
        })
}

/// The outline without its numbers: (level, kind) of every heading, and the
/// kinds of the TOC entries.
fn shape(doc: &Document<'_>) -> (Vec<(usize, MarkerKind)>, Vec<MarkerKind>) {
    (
        doc.headings().map(|h| (h.level, h.kind)).collect(),
        doc.toc.iter().map(|e| e.kind).collect(),
    )
}

fn check_fmt(src: &str, style: Style) -> Result<(), TestCaseError> {
    let doc = tigang::parse(src);
    let edits = edits(&doc, style);
    let out = apply(src, &edits);

    // Only marker bytes change: each edit covers a marker, or a marker and
    // the one doubled delimiter the parser leaves after it.
    let markers: Vec<tigang::Span> = doc
        .headings()
        .map(|h| h.marker_span)
        .chain(doc.toc.iter().map(|e| e.marker_span))
        .collect();
    for e in &edits {
        let m = markers.iter().find(|m| m.start == e.span.start);
        prop_assert!(m.is_some(), "edit {:?} does not start at a marker", e.span);
        let m = m.unwrap();
        let extra = &src[m.end..e.span.end.max(m.end)];
        prop_assert!(
            e.span.end == m.end || matches!(extra, "、" | "，" | "," | "：" | ":"),
            "edit {:?} reaches past marker {:?} into {extra:?}",
            e.span,
            m
        );
    }

    // Same outline, now with consecutive numbers and one form per kind.
    let new = tigang::parse(&out);
    common::check(&out, &new);
    prop_assert_eq!(
        shape(&doc),
        shape(&new),
        "fmt changed the outline:\n{}\n→\n{}",
        src,
        out
    );
    let left: Vec<_> = tigang::check(&new)
        .into_iter()
        .filter(|d| {
            matches!(
                d.code,
                Code::NumberingSkip
                    | Code::NumberingDuplicate
                    | Code::NumberingOrder
                    | Code::NumberingStart
                    | Code::RedundantDelimiter
            )
            // A second form of a kind can carry structure (`（1）` and
            // `1）`, spec §3 rule 2), so `fmt` may keep a form rather than
            // change the outline: mixed forms are not required to be gone.
        })
        .map(|d| format!("{}:{} {}", d.line, d.code, d.message))
        .collect();
    // A table of contents found by titles that reappear in the body depends
    // on marker text inside those titles (`；二是…`); there `fmt` may keep
    // some numbers rather than lose the TOC, so the count is only required
    // to be right for documents without one.
    // Numbers can also carry structure (spec §3 rule 2: a list that first
    // appears numbered 1 inside another item nests in it), and `fmt` then
    // renumbers nothing rather than change the outline.
    if doc.toc.is_empty() && out != src {
        prop_assert!(left.is_empty(), "left after fmt: {left:?}\n{src}\n→\n{out}");
    }

    // Idempotent.
    prop_assert_eq!(format(&out, style), out.clone());
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn fmt_majority(src in document()) {
        check_fmt(&src, Style::Majority)?;
    }

    #[test]
    fn fmt_gbt9704(src in document()) {
        check_fmt(&src, Style::Gbt9704)?;
    }

    #[test]
    fn fmt_arbitrary_text(src in "\\PC{0,200}") {
        check_fmt(&src, Style::Majority)?;
    }
}

#[test]
fn fmt_fixtures() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let src = std::fs::read_to_string(e.path()).unwrap();
        for style in [Style::Majority, Style::Gbt9704] {
            if let Err(err) = check_fmt(&src, style) {
                panic!("{}: {err}", e.path().display());
            }
        }
    }
}
