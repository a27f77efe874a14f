//! `render::json` (written by hand) gives the same JSON value as the
//! `serde::Serialize` impls, on every fixture, on the benchmark generator's
//! documents, on Word input and on generated text; compact and pretty are
//! the same value, and compact is one line.

#![cfg(all(feature = "serde", feature = "docx"))]

use crate::common;
use crate::docx_kit;

use crate::generator;

use proptest::prelude::*;
use serde_json::Value;
use tigang::Document;
use tigang::input::{Extracted, Format, Source, SourceMap};
use tigang::render::json::{self, Json, Style};

fn value(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// Every way the document is written agrees with serde's value.
fn same(doc: &Document<'_>, source: Option<(&Source, &SourceMap)>) {
    let (serde, ours) = match source {
        None => (serde_json::to_value(doc).unwrap(), Json::new(doc)),
        Some((s, m)) => (
            serde_json::to_value(tigang::render::WithSource::new(doc, s, m)).unwrap(),
            Json::new(doc).source(s, m),
        ),
    };
    let compact = ours.to_string(Style::Compact);
    assert!(!compact.contains('\n'), "compact JSON is one line");
    assert_eq!(value(&compact), serde);
    let pretty = ours.to_string(Style::Pretty);
    assert_eq!(value(&pretty), serde);
    // Pretty differs from compact by whitespace outside strings only.
    assert_eq!(strip_layout(&pretty), compact);
    let mut streamed = Vec::new();
    ours.to_writer(Style::Pretty, &mut streamed).unwrap();
    assert_eq!(streamed, pretty.as_bytes());
    for h in doc.headings() {
        let serde = serde_json::to_value(h).unwrap();
        assert_eq!(value(&json::heading_to_string(h, Style::Compact)), serde);
    }
    for d in tigang::check(doc) {
        for lang in [tigang::Lang::En, tigang::Lang::Zh] {
            let serde = serde_json::to_value(d.localized(lang)).unwrap();
            assert_eq!(
                value(&json::diagnostic_to_string(&d, lang, Style::Compact)),
                serde
            );
        }
    }
    for max in [None, Some(40)] {
        for c in tigang::render::chunks(doc, max) {
            let mut line = String::new();
            json::write_chunk(&mut line, &c, None, None, None, Style::Compact);
            assert_eq!(value(&line), serde_json::to_value(&c).unwrap());
        }
    }
}

/// The JSON with the whitespace outside strings removed.
fn strip_layout(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut in_str, mut escaped) = (false, false);
    for c in s.chars() {
        if in_str {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
        } else if c == '"' {
            in_str = true;
            out.push(c);
        } else if !c.is_ascii_whitespace() {
            out.push(c);
        }
    }
    out
}

#[test]
fn every_fixture_gives_serdes_value() {
    let text = Source::new(Format::Text, Some("UTF-8"));
    let map = SourceMap::default();
    for (path, src) in common::documents() {
        let doc = tigang::parse(&src);
        same(&doc, None);
        same(&doc, Some((&text, &map)));
        let word = Source::new(Format::Docx, None);
        same(&doc, Some((&word, &map)));
        let _ = path;
    }
}

#[test]
fn benchmark_documents_give_serdes_value() {
    for seed in 1..=3 {
        let src = generator::document(200_000, seed);
        let doc = tigang::parse(&src);
        same(&doc, None);
    }
}

#[test]
fn word_input_gives_serdes_value() {
    use docx_kit::*;
    let bytes = Docx::new()
        .styles(&heading_styles())
        .numbering(&list(0, 1, &[lvl(0, 1, "chineseCountingThousand", "%1、")]))
        .body(
            &[
                p("县农业农村局2024年工作总结"),
                p_num(1, 0, "工作成效"),
                p("全年粮食总产稳定。"),
                p_num(1, 0, "存在问题"),
                p("四、保障措施"),
                p("（一）加强领导"),
                p("（三）强化考核"),
            ]
            .concat(),
        )
        .build();
    let x: Extracted = tigang::input::read(bytes, &Default::default()).unwrap();
    let doc = tigang::parse_with(&x.text, &x.parse_options());
    same(&doc, Some((&x.source, &x.map)));
    let s = Json::new(&doc)
        .source(&x.source, &x.map)
        .to_string(Style::Compact);
    assert!(s.contains(r#""numbering":"auto","paragraph":1"#), "{s}");
}

#[test]
fn strings_with_every_escape_round_trip() {
    let src = "标题\"引号\\反斜杠\t制表\u{1}\u{1f}\u{7f}\n一、总则\"\\\u{0}。正文\u{8}\u{c}\r\n（一）范围\u{7}\n";
    let doc = tigang::parse(src);
    same(&doc, None);
}

const PIECES: &[&str] = &[
    "一、",
    "二、",
    "三、",
    "（一）",
    "（二）",
    "1.",
    "2.",
    "1.1 ",
    "2.3.1 ",
    "①",
    "第一章",
    "第二章",
    "第一条",
    "一是",
    "二是",
    "首先，",
    "其次，",
    "目录\n",
    "…………3\n",
    "# ",
    "## ",
    "总则",
    "范围",
    "要求。",
    "工作",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "　",
    " ",
    "\t",
    "\"",
    "\\",
    "\u{1}",
    "\u{7f}",
    "同志们：\n",
    "关于做好工作的通知\n",
    "---\ntitle: 题\n---\n",
    "x",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500)
    ))]

    #[test]
    fn generated_documents_give_serdes_value(src in document()) {
        let doc = tigang::parse(&src);
        same(&doc, None);
        let text = Source::new(Format::Text, Some("GB18030"));
        same(&doc, Some((&text, &SourceMap::default())));
    }
}
