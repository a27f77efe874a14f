//! Property tests: parsing never panics and the result rebuilds the input
//! (spec §6), on generated text and on mutations of the fixtures.

use crate::common;

use proptest::prelude::*;

/// Pieces real documents are made of: markers of every kind (and near
/// misses), CJK prose, punctuation, quotes, noise prefixes, line breaks.
const PIECES: &[&str] = &[
    "一、",
    "十一、",
    "二、三级",
    "（一）",
    "(二)",
    "〔三〕",
    "（ 四 ）、",
    "㈤",
    "1.",
    "2、",
    "１．",
    "1.5万",
    "3、4月",
    "1.1 ",
    "2.3.1",
    "33.02",
    "89.6.20",
    "（1）",
    "2)",
    "⑴",
    "①",
    "㉑",
    "❶",
    "⒈",
    "一是",
    "二是",
    "三要",
    "第一，",
    "第二是",
    "第一要务",
    "第一条",
    "第 1 章",
    "第一節",
    "第二篇",
    "【篇1】",
    "【第二篇】",
    "壹、",
    "貳、",
    "首先，",
    "其次",
    "最后",
    "统一是",
    "目录",
    "目錄/提綱:……",
    "……3",
    "加强领导",
    "推进改革",
    "“人民至上”",
    "\"引号",
    "。",
    "；",
    "：",
    "，",
    "！",
    "？",
    "、",
    "”",
    "）",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    ">",
    "> 　　",
    "## ",
    "**",
    "- ",
    "&nbsp;",
    "　　",
    " ",
    "\t",
    "\u{a0}",
    "\u{feff}",
    "---\n",
    "\u{F9D1}",
    "讲话",
    "x",
    "é",
    "🙂",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

/// A fixture with a range replaced by generated pieces, cut on char boundaries.
fn mutated() -> impl Strategy<Value = String> {
    let docs: Vec<String> = common::documents()
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    let n = docs.len().max(1);
    (
        0..n,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        document(),
    )
        .prop_map(move |(i, a, b, insert)| {
            let Some(src) = docs.get(i) else {
                return insert;
            };
            let bounds: Vec<usize> = (0..=src.len())
                .filter(|&k| src.is_char_boundary(k))
                .collect();
            let (mut x, mut y) = (bounds[a.index(bounds.len())], bounds[b.index(bounds.len())]);
            if x > y {
                std::mem::swap(&mut x, &mut y);
            }
            let y = y.min(x + 400);
            let y = (y..=src.len())
                .find(|&k| src.is_char_boundary(k))
                .unwrap_or(src.len());
            format!("{}{}{}", &src[..x], insert, &src[y..])
        })
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn generated_text_rebuilds(src in document()) {
        let doc = tigang::parse(&src);
        common::check(&src, &doc);
    }

    #[test]
    fn arbitrary_text_rebuilds(src in "\\PC{0,300}") {
        let doc = tigang::parse(&src);
        common::check(&src, &doc);
    }

    #[test]
    fn mutated_fixtures_rebuild(src in mutated()) {
        let doc = tigang::parse(&src);
        common::check(&src, &doc);
        let _ = tigang::render::tree(&doc);
        #[cfg(feature = "serde")]
        let _ = serde_json::to_string(&doc).unwrap();
    }
}

/// Inputs the fuzzer found (`tests/regressions/*.bin`, raw bytes): their
/// valid UTF-8 prefix and their lossy decoding parse with every invariant
/// kept, and are checked and fixed in both styles (the plans' debug
/// assertions hold). `fuzz-toc-page-numbers.bin`: page-number TOC lines
/// before and inside a TOC run were once taken twice.
/// `fuzz-lost-start-settles.bin`: a plan with a list that lost its first
/// items was once taken to settle alone when the edited text planned again.
#[test]
fn fuzz_regressions_rebuild() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions");
    let mut seen = 0;
    for e in std::fs::read_dir(dir).expect("the regressions folder") {
        let bytes = std::fs::read(e.expect("an entry").path()).expect("a readable file");
        let valid = match std::str::from_utf8(&bytes) {
            Ok(s) => s.to_string(),
            Err(err) => String::from_utf8_lossy(&bytes[..err.valid_up_to()]).into_owned(),
        };
        for src in [valid, String::from_utf8_lossy(&bytes).into_owned()] {
            let doc = tigang::parse(&src);
            common::check(&src, &doc);
            let _ = tigang::check(&doc);
            for style in [tigang::fmt::Style::Majority, tigang::fmt::Style::Gbt9704] {
                let _ = tigang::fmt::edits(&doc, style);
            }
        }
        seen += 1;
    }
    assert!(seen > 0, "the regressions folder holds inputs");
}
