//! `min_chars` in `render::chunks_with`: short chunks merge into a
//! neighbour inside their own section and never across a heading's end;
//! every title and body character is still in exactly one chunk; merging
//! never breaks `max_chars`. On every fixture, the corpus and generated text.

use crate::common;

use proptest::prelude::*;
use tigang::render::{Chunk, ChunkOptions, chunks, chunks_with};
use tigang::{Document, Node, Span};

fn opts(max: Option<usize>, min: Option<usize>) -> ChunkOptions {
    let mut o = ChunkOptions::default();
    o.max_chars = max;
    o.min_chars = min;
    o
}

/// Whether `inner` lies in the section of `outer` (itself included).
fn within(outer: Option<Node<'_, '_>>, inner: Option<Node<'_, '_>>) -> bool {
    match (outer, inner) {
        (None, None) => true,
        (Some(o), Some(i)) => o.descendants().any(|d| d == i),
        _ => false,
    }
}

/// A heading's marker to the end of its title, as a merged heading is written.
fn label(h: &Node<'_, '_>) -> Span {
    Span::new(h.marker_span.start, h.title_span.end.max(h.marker_span.end))
}

/// The spans every character of the output must come from, in document
/// order: the preamble, then each heading's title (or its label when it was
/// merged into another heading's chunk) and body.
fn check(src: &str, doc: &Document<'_>, max: Option<usize>, min: usize) {
    let all = chunks_with(doc, opts(max, Some(min)));
    let plain = chunks(doc, max);
    assert!(all.len() <= plain.len(), "merging made more chunks");

    // 1. Every character once, in order: the concatenated pieces of all
    //    chunks tile the preamble, titles/labels and bodies.
    let merged: Vec<Node<'_, '_>> = all.iter().flat_map(|c| c.merged.iter().copied()).collect();
    let mut want: Vec<Span> = doc.preamble.iter().map(|p| p.span).collect();
    for h in doc.headings() {
        if merged.contains(&h) {
            want.push(label(&h));
        } else if !h.title_span.is_empty() {
            want.push(h.title_span);
        }
        want.extend(h.body().iter().map(|b| b.span));
    }
    let got: Vec<Span> = all.iter().flat_map(|c| c.spans.iter().copied()).collect();
    let text = |spans: &[Span]| -> String { spans.iter().map(|s| &src[s.range()]).collect() };
    assert_eq!(
        text(&got),
        text(&want),
        "the pieces are not the text, in order, once"
    );

    for (k, c) in all.iter().enumerate() {
        let what = format!(
            "chunk {k} ({:?})",
            c.text.chars().take(20).collect::<String>()
        );
        assert_eq!(c.chars, c.text.chars().count(), "{what}: chars");
        // 2. Inside its own section: every merged heading is in the chunk's.
        for m in &c.merged {
            assert!(
                within(c.heading, Some(*m)),
                "{what}: merged {} from outside",
                m.marker
            );
        }
        // 3. Merging never breaks max_chars (a title alone may).
        if let (Some(max), true) = (max, !c.merged.is_empty()) {
            assert!(
                c.chars <= max,
                "{what}: merged to {} chars over {max}",
                c.chars
            );
        }
        // 4. A short chunk had nothing to merge with forward: the next chunk
        //    lies outside its section, or would not fit.
        if c.chars < min
            && let Some(next) = all.get(k + 1)
            && within(c.heading, next.heading)
        {
            let joined = c.chars + 1 + merged_len(src, next);
            assert!(
                max.is_some_and(|max| joined > max),
                "{what}: {} chars, could have taken the next chunk ({joined} chars)",
                c.chars
            );
        }
    }
    // 5. Pieces numbered 1..n per heading.
    let mut seen: Vec<(Option<usize>, usize, usize)> = Vec::new();
    for c in &all {
        let owner = c.heading.map(|h| h.index());
        let n = seen.iter().filter(|(o, ..)| *o == owner).count();
        assert_eq!(c.piece, n + 1, "piece numbering");
        seen.push((owner, c.piece, c.pieces));
    }
    for (o, _, pieces) in &seen {
        assert_eq!(*pieces, seen.iter().filter(|(p, ..)| p == o).count());
    }
}

/// The length `next` would add after a line break if merged: its text, with
/// its heading's title written as the label when it starts that heading.
fn merged_len(src: &str, next: &Chunk<'_, '_>) -> usize {
    let Some(h) = next.heading else {
        return next.chars;
    };
    if next.span.start != h.marker_span.start {
        return next.chars;
    }
    let label = src[label(&h).range()].chars().count();
    if h.title.is_empty() {
        label + usize::from(next.chars > 0) + next.chars
    } else {
        label - h.title.chars().count() + next.chars
    }
}

#[test]
fn merges_stay_in_their_section_on_every_document() {
    for (name, src) in common::documents() {
        let doc = tigang::parse(&src);
        for max in [None, Some(7), Some(60), Some(300)] {
            for min in [2, 5, 20, 50, 1000] {
                let r = std::panic::catch_unwind(|| check(&src, &doc, max, min));
                assert!(r.is_ok(), "{name} with max {max:?}, min {min}");
            }
        }
    }
}

#[test]
fn without_min_nothing_changes() {
    for (name, src) in common::documents() {
        let doc = tigang::parse(&src);
        for max in [None, Some(30)] {
            for min in [None, Some(0), Some(1)] {
                assert_eq!(
                    chunks_with(&doc, opts(max, min)),
                    chunks(&doc, max),
                    "{name}: max {max:?} min {min:?}"
                );
            }
        }
    }
}

#[test]
#[cfg(feature = "serde")]
fn a_title_without_body_goes_with_its_first_point() {
    // （三） of seed 003: its text is all in 一是…七是.
    let src = "一、工作回顾\n（二）改革推进\n医改有序推进。\n（三）增强医疗机构服务能力，提升群众就医体验\n一是县医院通过三级综合评审验收。二是承办了全国妇幼保健院院长会议。\n（四）加强职业病防治\n完成职业病防治任务。\n";
    let doc = tigang::parse(src);
    let plain: Vec<_> = chunks(&doc, None).into_iter().map(|c| c.chars).collect();
    assert!(plain.contains(&19), "the title-only chunk: {plain:?}");
    let all = chunks_with(&doc, opts(None, Some(20)));
    let texts: Vec<_> = all.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            // 一、 (4 chars) goes forward into （二）, inside it.
            "工作回顾\n（二）改革推进\n医改有序推进。",
            // （三） takes 一是, written with its marker; 二是 (14 chars) has
            // nothing after it in its section and joins the chunk before,
            // which is inside （三） too.
            "增强医疗机构服务能力，提升群众就医体验\n一是县医院通过三级综合评审验收\n二是承办了全国妇幼保健院院长会议",
            // （四） (18 chars) is short too, but the chunk before it is （三）'s
            // section and nothing follows: it stays.
            "加强职业病防治\n完成职业病防治任务。",
        ]
    );
    assert_eq!(all[1].heading.unwrap().marker, "（三）");
    let json = serde_json::to_value(&all[1]).unwrap();
    assert_eq!(
        json["merged"],
        serde_json::json!([
            "一是县医院通过三级综合评审验收",
            "二是承办了全国妇幼保健院院长会议"
        ])
    );
    assert_eq!(json["path"], serde_json::json!(["一、工作回顾"]));
    assert!(
        serde_json::to_value(&all[2])
            .unwrap()
            .get("merged")
            .is_none()
    );
}

#[test]
fn a_short_tail_takes_sentences_from_the_piece_before() {
    let src = "一、总体要求\n要提高认识。要压实责任。要狠抓落实。好。\n";
    let doc = tigang::parse(src);
    let plain: Vec<_> = chunks(&doc, Some(12)).into_iter().map(|c| c.text).collect();
    assert_eq!(
        plain,
        ["总体要求\n要提高认识。", "要压实责任。要狠抓落实。", "好。"]
    );
    let even: Vec<_> = chunks_with(&doc, opts(Some(12), Some(5)))
        .into_iter()
        .map(|c| (c.text, c.piece, c.pieces))
        .collect();
    assert_eq!(
        even,
        [
            ("总体要求\n要提高认识。".to_string(), 1, 3),
            ("要压实责任。".to_string(), 2, 3),
            ("要狠抓落实。好。".to_string(), 3, 3),
        ]
    );
}

#[test]
fn sibling_points_are_never_merged_with_each_other() {
    let src = "一、甲\n要求如下，内容较长的一段正文。\n（一）短\n（二）也短\n";
    let doc = tigang::parse(src);
    let all = chunks_with(&doc, opts(None, Some(100)));
    // （一） and （二） are both inside 一、: they join 一、's chunk, which
    // they follow; neither starts a chunk holding the other.
    assert_eq!(all.len(), 1);
    assert_eq!(
        all[0].text,
        "甲\n要求如下，内容较长的一段正文。\n（一）短\n（二）也短"
    );
    // Under two top-level headings nothing moves between them.
    let src = "一、甲\n（一）短\n二、乙\n（一）短\n";
    let doc = tigang::parse(src);
    let texts: Vec<_> = chunks_with(&doc, opts(None, Some(100)))
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert_eq!(texts, ["甲\n（一）短", "乙\n（一）短"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500)
    ))]

    #[test]
    fn generated_merges_stay_in_their_section(
        parts in prop::collection::vec(prop::sample::select(PIECES), 0..60),
        max in prop::option::of(1usize..40),
        min in 2usize..30,
    ) {
        let src = parts.concat();
        let doc = tigang::parse(&src);
        check(&src, &doc, max, min);
    }
}

const PIECES: &[&str] = &[
    "一、",
    "二、",
    "（一）",
    "（二）",
    "1.",
    "2.",
    "一是",
    "二是",
    "第一章",
    "第一条",
    "【篇1】",
    "加强领导",
    "推进改革",
    "落实",
    "。",
    "，",
    "；",
    "\n",
    "\r\n",
    "\n\n",
    "　　",
    " ",
    "🙂",
    "e\u{301}",
    "x",
];
