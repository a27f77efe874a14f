//! Property tests of `fmt`: idempotent, the same outline with consecutive
//! numbers afterwards, only marker bytes changed, and `check`'s suggestions
//! agreeing with it (applying all of them gives `fmt`'s output) — on
//! generated documents, the fixtures and damaged copies of the seeds.

use crate::common;

use proptest::prelude::*;
use tigang::fmt::{Style, apply, edits, format};
use tigang::{Code, Document, MarkerKind};

const CN: [&str; 13] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "二十",
];
const ENCLOSED_STOP: [&str; 9] = ["⒈", "⒉", "⒊", "⒋", "⒌", "⒍", "⒎", "⒏", "⒐"];
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
        4 => [
            CIRCLED[n % CIRCLED.len()].to_string(),
            ENCLOSED_STOP[n % 9].to_string(),
        ][form as usize % 2]
            .clone(),
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
    "4.安全生产费用",
    "1.甲",
    "会议要求，一是统一思想，二是压实责任，三是强化考核。",
    "一是一，二是二。",
    "；三是强化考核",
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
    // What fmt cannot fix without changing the outline (`二是…，三是` where
    // renumbering would move the inline heading) is reported before with no
    // suggestion; everything else it fixes.
    let unfixable: Vec<Code> = tigang::check(&doc)
        .into_iter()
        .filter(|d| d.suggestion.is_none())
        .map(|d| d.code)
        .collect();
    let left: Vec<_> = tigang::check(&new)
        .into_iter()
        .filter(|d| {
            (matches!(
                d.code,
                Code::NumberingSkip
                    | Code::NumberingDuplicate
                    | Code::NumberingOrder
                    | Code::NumberingStart
                    | Code::RedundantDelimiter
            ))
                // A second form of a kind can carry structure (`（1）` and
                // `1）`, spec §3 rule 2), so `fmt` may keep a form rather than
                // change the outline: mixed forms are not required to be gone.
                && !unfixable.contains(&d.code)
                // Renumbering a series can change how the next one counts
                // (a series carries on the count that ends where it starts),
                // so one left with no fix of its own is one fmt cannot make
                // without changing the outline.
                && d.suggestion.is_some()
        })
        .map(|d| format!("{}:{} {}", d.line, d.code, d.message(tigang::Lang::En)))
        .collect();
    // A table of contents found by titles that reappear in the body depends
    // on marker text inside those titles (`；二是…`); there `fmt` may keep
    // some numbers rather than lose the TOC, so the count is only required
    // to be right for documents without one.
    // Numbers can also carry structure (spec §3 rule 2: a list that first
    // appears numbered 1 inside another item nests in it), and `fmt` then
    // renumbers nothing rather than change the outline.
    // `--style gbt9704` unifies forms that can carry structure (`3）` and
    // `(4)` become one `（N）` series, and a `一、` between them would nest
    // under it), so it may keep numbers that `check` (which suggests what
    // the default style writes) counts as fixable: the count is required to
    // be right for the default style.
    if doc.toc.is_empty() && out != src && style == Style::Majority {
        prop_assert!(left.is_empty(), "left after fmt: {left:?}\n{src}\n→\n{out}");
    }

    // The whole outline is kept: every heading's kind, level and title, its
    // marker where there is no edit and the edit's text where there is one.
    let old_heads: Vec<_> = doc.headings().collect();
    let new_heads: Vec<_> = new.headings().collect();
    prop_assert_eq!(old_heads.len(), new_heads.len(), "{} → {}", src, out);
    for (a, b) in old_heads.iter().zip(&new_heads) {
        let marker = edits
            .iter()
            .find(|e| e.span.start == a.marker_span.start)
            .map_or(a.marker, |e| e.replacement.as_str());
        prop_assert_eq!(
            (a.kind, a.level, &*a.title, marker),
            (b.kind, b.level, &*b.title, b.marker),
            "{} → {}",
            src,
            out
        );
    }
    let toc = |d: &Document<'_>| -> Vec<(MarkerKind, String)> {
        d.toc
            .iter()
            .map(|e| (e.kind, e.title.to_string()))
            .collect()
    };
    prop_assert_eq!(toc(&doc), toc(&new));

    // Idempotent.
    prop_assert_eq!(format(&out, style), out.clone());

    if style == Style::Majority {
        agree(src)?;
    }
    Ok(())
}

/// `check`'s suggestions are `fmt`'s edits: each edit in exactly one
/// suggestion, all of them applied at once give `fmt`'s output, and after it
/// `check` suggests nothing more.
fn agree(src: &str) -> Result<(), TestCaseError> {
    let doc = tigang::parse(src);
    let diags = tigang::check(&doc);
    let mut all: Vec<tigang::fmt::Edit> = diags
        .iter()
        .filter_map(|d| d.suggestion.as_ref())
        .flat_map(|s| s.edits.iter().cloned())
        .collect();
    all.sort_by_key(|e| e.span.start);
    for w in all.windows(2) {
        prop_assert!(
            w[0].span.end <= w[1].span.start,
            "two suggestions share {:?}/{:?} in\n{}",
            w[0],
            w[1],
            src
        );
    }
    for d in &diags {
        if let Some(s) = &d.suggestion {
            prop_assert!(
                s.edits
                    .iter()
                    .any(|e| e.span == s.span && e.replacement == s.replacement)
            );
        }
    }
    let fixed = format(src, Style::Majority);
    prop_assert_eq!(
        apply(src, &all),
        fixed.clone(),
        "suggestions vs fmt on\n{}",
        src
    );
    prop_assert_eq!(all, edits(&doc, Style::Majority));
    let after: Vec<String> = tigang::check(&tigang::parse(&fixed))
        .into_iter()
        .filter(|d| d.suggestion.is_some())
        .map(|d| format!("{}:{} {}", d.line, d.code, d.message(tigang::Lang::En)))
        .collect();
    prop_assert!(
        after.is_empty(),
        "still suggested after fmt: {after:?}\n{fixed}"
    );
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

/// A few changes to a seed, chosen by `seed`: a marker's numeral replaced
/// (a skip, a duplicate or a step back), a marker deleted (a lost point), a
/// doubled delimiter added.
fn damage(src: &str, seed: u64) -> String {
    let doc = tigang::parse(src);
    let mut rng = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = |n: u64| {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (rng >> 33) % n.max(1)
    };
    let heads: Vec<_> = doc.headings().map(|h| (h.marker_span, h.marker)).collect();
    let mut edits = Vec::new();
    for (span, marker) in heads {
        if next(6) != 0 {
            continue;
        }
        let new = match next(3) {
            0 => String::new(),
            1 => format!("{marker}、"),
            _ => marker
                .chars()
                .map(|c| match "一二三四五六七八九".find(c) {
                    Some(_) => "一二三四五六七八九".chars().nth(next(9) as usize).unwrap(),
                    None if c.is_ascii_digit() => char::from(b'1' + next(9) as u8),
                    None => c,
                })
                .collect(),
        };
        edits.push(tigang::fmt::Edit::new(span, new));
    }
    apply(src, &edits)
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the clone (build.rs); CI runs it"
)]
fn damaged_seeds_agree_with_fmt() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seeds");
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("no corpus at {dir}: {e}"));
    let mut seen = 0;
    for e in entries.flatten() {
        let Ok(src) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        for seed in 0..12 {
            let damaged = if seed == 0 {
                src.clone()
            } else {
                damage(&src, seed)
            };
            if let Err(err) = agree(&damaged).and_then(|()| check_fmt(&damaged, Style::Majority)) {
                panic!("{} damaged with seed {seed}: {err}", e.path().display());
            }
            seen += 1;
        }
    }
    assert!(seen > 0, "the corpus folder holds documents");
}

/// Found by the property tests: a TOC list carrying on the count of a TOC
/// list whose last entry takes its heading's number (an excerpt's `三、`)
/// goes on from that number, and the suggestions are fmt's.
#[test]
fn a_carried_toc_count_goes_on_from_a_linked_entry() {
    let src = "目录\n一、加强领导\n三、推进改革\n第一章\u{3000}加强领导\n四、、5万人次\n三、推进改革。要求如下\n";
    agree(src).unwrap();
    check_fmt(src, Style::Majority).unwrap();
}
