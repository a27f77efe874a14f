//! The Markdown and chunks renderings: Markdown reads back (pulldown-cmark)
//! as the same headings and paragraphs; chunks hold every body character
//! exactly once and never cross a heading. On every fixture, the example
//! speech and generated text.

use crate::common;

use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use tigang::render::{Chunk, chunks, markdown_outline as markdown};
use tigang::{Document, Heading, Node, Span};

/// Marker and title as the renderings write them.
fn label(h: &Heading<'_>) -> String {
    use tigang::MarkerKind::*;
    let spaced = matches!(h.kind, Part | Chapter | Section | Article | Dotted);
    let joined = !spaced || !h.marker.chars().last().unwrap().is_alphanumeric();
    let sep = if joined || h.title.is_empty() {
        ""
    } else {
        " "
    };
    format!("{}{sep}{}", h.marker, h.title)
}

// ---------------------------------------------------------------- chunks

/// Checks the chunks of `doc` cut with `max`; panics saying what broke.
fn check_chunks(src: &str, doc: &Document<'_>, max: Option<usize>) {
    let all = chunks(doc, max);
    let mut i = 0;
    // The preamble first, then one run of chunks per heading, in order.
    let mut owners: Vec<(Option<Node<'_, '_>>, Vec<Span>)> = Vec::new();
    if !doc.preamble.is_empty() {
        owners.push((None, doc.preamble.iter().map(|p| p.span).collect()));
    }
    for h in doc.headings() {
        owners.push((Some(h), h.body().iter().map(|b| b.span).collect()));
    }
    for (owner, paragraphs) in owners {
        let run_start = i;
        while i < all.len() && all[i].heading == owner {
            i += 1;
        }
        let run: &[Chunk<'_, '_>] = &all[run_start..i];
        let what = owner.map_or("the preamble".to_string(), |h| {
            format!("{} at line {}", h.marker, h.line)
        });
        assert!(!run.is_empty(), "{what} has no chunk");
        // Every body character in exactly one chunk: the non-title pieces,
        // in order, tile the paragraphs.
        let mut pieces = run
            .iter()
            .flat_map(|c| c.spans.iter().copied())
            .filter(|s| owner.is_none_or(|h| *s != h.title_span))
            .peekable();
        for p in &paragraphs {
            let mut at = p.start;
            while at < p.end {
                let s = pieces
                    .next()
                    .unwrap_or_else(|| panic!("{what}: body {p:?} not covered from {at}"));
                assert_eq!(s.start, at, "{what}: hole or overlap in body {p:?}");
                at = s.end;
            }
            assert_eq!(at, p.end, "{what}: piece runs past body {p:?}");
        }
        assert!(pieces.next().is_none(), "{what}: a piece outside the body");
        for (k, c) in run.iter().enumerate() {
            assert_eq!((c.piece, c.pieces), (k + 1, run.len()), "{what}: numbering");
            assert_eq!(c.chars, c.text.chars().count(), "{what}: chars");
            let glued: String = c.spans.iter().map(|s| &src[s.range()]).collect();
            assert_eq!(
                c.text.replace('\n', ""),
                glued.replace('\n', ""),
                "{what}: text is not its pieces"
            );
            if let Some(max) = max {
                let single = c.spans.len() == 1;
                let title_only = single && owner.is_some_and(|h| c.spans[0] == h.title_span);
                let one_grapheme = single
                    && unicode_segmentation::UnicodeSegmentation::graphemes(
                        &src[c.spans[0].range()],
                        true,
                    )
                    .count()
                        == 1;
                assert!(
                    c.chars <= max.max(1) || title_only || one_grapheme,
                    "{what}: chunk of {} chars over {max}: {:?}",
                    c.chars,
                    c.text
                );
            }
            if let Some(h) = owner {
                let path: Vec<_> = c.ancestors.iter().map(|a| label(a)).collect();
                let mut want: Vec<_> = h.ancestors().map(|a| label(&a)).collect();
                want.reverse();
                assert_eq!(path, want, "{what}: breadcrumb");
            }
        }
        if let (Some(h), Some(first)) = (owner, run.first()) {
            assert_eq!(first.line, h.line, "{what}: first chunk's line");
            assert_eq!(first.span.start, h.marker_span.start, "{what}: span");
        }
    }
    assert_eq!(i, all.len(), "chunks left over after the last heading");
}

#[test]
fn chunks_cover_every_body_character_once() {
    for (name, src) in common::documents() {
        let doc = tigang::parse(&src);
        for max in [None, Some(1), Some(7), Some(30), Some(120), Some(100_000)] {
            let r = std::panic::catch_unwind(|| check_chunks(&src, &doc, max));
            assert!(r.is_ok(), "{name} with max {max:?}");
        }
    }
}

#[test]
fn chunks_split_chinese_at_sentence_ends() {
    let doc = tigang::parse("一、总体要求\n要提高认识。要压实责任！要“狠抓落实？”还要加强督查。\n");
    let texts: Vec<_> = chunks(&doc, Some(12)).into_iter().map(|c| c.text).collect();
    assert_eq!(
        texts,
        [
            "总体要求\n要提高认识。",
            "要压实责任！",
            "要“狠抓落实？”",
            "还要加强督查。"
        ],
        "should break after 。！？ and after a closing quote that follows one"
    );
    // A sentence longer than the limit breaks after a clause mark.
    let doc = tigang::parse("一、甲\n要坚持问题导向，聚焦重点难点，逐项推动落实。\n");
    let texts: Vec<_> = chunks(&doc, Some(8)).into_iter().map(|c| c.text).collect();
    assert_eq!(
        texts,
        ["甲", "要坚持问题导向，", "聚焦重点难点，", "逐项推动落实。"]
    );
}

#[test]
#[cfg(feature = "serde")]
fn chunk_json_record() {
    let doc = tigang::parse("方案\n第一章　总则\n第一条　为了规范管理，制定本办法。适用于全县。\n");
    let c = chunks(&doc, None);
    let v = serde_json::to_value(&c[2]).unwrap();
    assert_eq!(v["document"], "方案");
    assert_eq!(v["path"], serde_json::json!(["第一章 总则"]));
    assert_eq!(v["kind"], "article");
    assert_eq!(v["text"], "为了规范管理，制定本办法\n适用于全县。");
    assert_eq!(v["line"], 3);
    assert_eq!(
        (v["piece"].as_u64(), v["pieces"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(v["chars"], 19);
}

// -------------------------------------------------------------- markdown

/// What a CommonMark reader sees: headings (level, text) and paragraphs.
#[derive(Debug, PartialEq)]
enum Block {
    Heading(usize, String),
    Paragraph(String),
}

fn read_markdown(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut text = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::Paragraph) => text.clear(),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::End(TagEnd::Heading(level)) => {
                out.push(Block::Heading(level as usize, std::mem::take(&mut text)));
            }
            Event::End(TagEnd::Paragraph) => out.push(Block::Paragraph(std::mem::take(&mut text))),
            Event::Start(other) => panic!("unexpected Markdown block {other:?} in\n{md}"),
            _ => {}
        }
    }
    out
}

/// What the Markdown of `doc` should read back as.
fn expected_blocks(doc: &Document<'_>) -> Vec<Block> {
    let trim = |s: &str| s.trim_matches([' ', '\t']).to_string();
    let mut out = Vec::new();
    let shift = usize::from(doc.title.is_some());
    if let Some(t) = &doc.title {
        out.push(Block::Heading(1, trim(&t.text)));
    }
    for p in &doc.preamble {
        if doc
            .title
            .as_ref()
            .is_none_or(|t| p.span.end <= t.span.start || p.span.start >= t.span.end)
        {
            out.push(Block::Paragraph(trim(p.text)));
        }
    }
    for h in doc.headings() {
        out.push(Block::Heading((h.level + shift).min(6), trim(&label(&h))));
        out.extend(h.body().iter().map(|b| Block::Paragraph(trim(b.text))));
    }
    out
}

fn check_markdown(src: &str) {
    let doc = tigang::parse(src);
    let md = markdown(&doc);
    let want = expected_blocks(&doc);
    // Blocks whose text is only blanks vanish in Markdown, as they should.
    let want: Vec<_> = want
        .into_iter()
        .filter(|b| !matches!(b, Block::Paragraph(t) if t.is_empty()))
        .collect();
    assert_eq!(read_markdown(&md), want, "Markdown:\n{md}");
}

#[test]
fn markdown_reads_back_as_the_outline() {
    for (name, src) in common::documents() {
        let r = std::panic::catch_unwind(|| check_markdown(&src));
        assert!(r.is_ok(), "{name}");
    }
}

#[test]
fn markdown_escapes_what_it_would_misread() {
    let src = "通知\n一、要求 #\n- 不是列表\n1. 成立小组\n正文 *强调* [链接](x) <b> a_b `c` 1 | 2 ~~删~~ &amp; \\\n";
    check_markdown(src);
    // A dotted title number on a `#` line keeps the blanks after it out of
    // its marker, as every marker does (proptest found `# 1. \t`).
    check_markdown("# 1. \t\n（1）");
    // Level 7 and deeper stay at ######.
    let deep = "标题\n一、a\n（一）b\n1.c\n（1）d\n①e\n一是f。\n";
    let md = markdown(&tigang::parse(deep));
    assert!(md.contains("\n###### ①e\n"), "{md}");
    assert!(md.contains("\n###### 一是f\n"), "{md}");
    assert!(md.contains("\n###### ①e\n"), "{md}");
}

// ------------------------------------------------------------ generated

const PIECES: &[&str] = &[
    "一、",
    "（一）",
    "1.",
    "（1）",
    "①",
    "一是",
    "二是",
    "第一条",
    "第一章",
    "【篇1】",
    "首先，",
    "其次",
    "目录\n",
    "加强领导",
    "推进改革",
    "。",
    "！",
    "？",
    "，",
    "；",
    "“",
    "”",
    "\n",
    "\r\n",
    "\n\n",
    "　　",
    " ",
    "\t",
    "#",
    "# ",
    "-",
    "- ",
    "+ ",
    "1. ",
    "2)",
    "*",
    "_",
    "`",
    "[",
    "]",
    "<",
    ">",
    "&",
    "~",
    "|",
    "\\",
    "=",
    "---",
    "é",
    "e\u{301}",
    "🙂",
    "1.5",
    "x",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000)
    ))]

    #[test]
    fn generated_chunks_cover_bodies(src in document(), max in prop::option::of(1usize..40)) {
        let doc = tigang::parse(&src);
        check_chunks(&src, &doc, max);
    }

    #[test]
    fn generated_markdown_reads_back(src in document()) {
        check_markdown(&src);
    }
}

// ------------------------------------------------------------- snapshots

#[test]
#[cfg(feature = "serde")]
fn speech_snapshots() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/speech.txt"))
        .unwrap();
    let doc = tigang::parse(&src);
    insta::assert_snapshot!("speech_markdown", markdown(&doc));
    let records: String = chunks(&doc, Some(120))
        .iter()
        .map(|c| serde_json::to_string(c).unwrap() + "\n")
        .collect();
    insta::assert_snapshot!("speech_chunks_max_120", records);
}

// ------------------------------------------- what reaches a terminal

/// A document's control characters (an OSC that sets the window title, a
/// CSI that clears the screen or colours the rest) never reach a person's
/// terminal raw: the tree and `check`'s report show them as escapes, and
/// the carets still point at the marker.
#[test]
fn controls_in_the_text_are_escaped_for_people() {
    let src = "一、总则\u{1b}]0;PWNED\u{7}\n正文。\n三、乙\u{1b}[2J\u{202e}红\n";
    let doc = tigang::parse(src);
    let tree = tigang::render::tree(&doc);
    assert!(!tree.contains('\u{1b}') && !tree.contains('\u{7}') && !tree.contains('\u{202e}'));
    assert!(tree.contains("\\x1b]0;PWNED\\x07"), "{tree}");
    assert!(tree.contains("乙\\x1b[2J\\u{202e}红"), "{tree}");

    let diags = tigang::check(&doc);
    assert!(!diags.is_empty());
    let how = tigang::render::Report::new().width(200);
    let report = tigang::render::report(src, "a.txt", &diags, &how);
    assert!(
        !report.contains('\u{1b}') && !report.contains('\u{202e}'),
        "{report}"
    );
    let line = report
        .lines()
        .find(|l| l.contains(" | ") && l.contains("三、"))
        .unwrap();
    assert!(line.ends_with("三、乙\\x1b[2J\\u{202e}红"), "{line}");
    // The carets start under the marker, right after the gutter.
    let carets = report.lines().find(|l| l.contains('^')).unwrap();
    assert_eq!(carets.find('^'), line.find('三'));
}
