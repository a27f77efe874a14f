//! Property tests of the readers: on generated Word documents and web
//! pages (and on arbitrary bytes) reading never panics, and the extracted
//! text keeps spec §6 (the parse rebuilds it), with a map that fits it.

#![cfg(all(feature = "docx", feature = "html"))]

use crate::common;
use crate::docx_kit;

use docx_kit::*;
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "一、总体要求",
    "（一）",
    "1.",
    "加强领导",
    "一是明确分工；二是严格考核。",
    "第一条",
    "。",
    "，",
    "&amp;",
    "&lt;",
    " ",
    "\u{3000}",
    "2024年",
];

/// One body element of a generated document.
fn element() -> impl Strategy<Value = String> {
    let text = prop::collection::vec(prop::sample::select(WORDS), 0..4).prop_map(|w| w.concat());
    prop_oneof![
        text.clone().prop_map(|t| p(&t)),
        (1u32..4, 0u8..3, text.clone()).prop_map(|(n, l, t)| p_num(n, l, &t)),
        (0u32..3, text.clone()).prop_map(|(s, t)| p_style(&s.to_string(), &t)),
        text.clone().prop_map(|t| format!("<w:p>{}<w:r><w:br/></w:r>{}</w:p>", r(&t), r("续"))),
        (text.clone(), text.clone()).prop_map(|(a, b)| format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p(&a),
            p_num(1, 1, &b)
        )),
        text.clone().prop_map(|t| format!(
            "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
            r(&t)
        )),
        text.clone().prop_map(|t| p_with("<w:rPr><w:del w:id=\"1\" w:author=\"a\"/></w:rPr>", &r(&t))),
        text.prop_map(|t| format!("<w:p><w:del w:id=\"2\"><w:r><w:delText>{t}</w:delText></w:r></w:del><w:ins w:id=\"3\">{}</w:ins></w:p>", r(&t))),
    ]
}

fn numbering() -> String {
    let levels = [
        lvl(0, 1, "chineseCountingThousand", "%1、"),
        lvl(1, 1, "chineseCountingThousand", "（%2）"),
        lvl(2, 1, "decimal", "%1.%2.%3"),
    ];
    [
        list(0, 1, &levels),
        list(1, 2, &[lvl(0, 1, "bullet", "•")]),
        list(2, 3, &[lvl(0, 1, "decimalEnclosedCircle", "%1")]),
    ]
    .concat()
}

/// The map fits the text: labels on character boundaries and in order,
/// every line with a paragraph, paragraphs never going back.
fn check_map(x: &tigang::input::Extracted) {
    let mut last = 0;
    for l in x.map.labels() {
        assert!(l.span.start >= last && l.span.end <= x.text.len());
        assert!(x.text.is_char_boundary(l.span.start) && x.text.is_char_boundary(l.span.end));
        assert!(!l.span.is_empty());
        last = l.span.end;
    }
    if x.map.has_paragraphs() {
        let mut prev = 0;
        for line in 1..=x.text.lines().count() {
            let p = x
                .map
                .paragraph(line)
                .expect("every Word line has a paragraph");
            assert!(p >= prev);
            prev = p;
        }
    }
}

const HTML_PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<h2>",
    "</h2>",
    "<ol>",
    "<li>",
    "</ol>",
    "<table><tr><td>",
    "</td><td>",
    "</tr></table>",
    "<script>var a='<p>';</script>",
    "<!-- c -->",
    "<pre>",
    "</pre>",
    "&nbsp;",
    "&#x4E00;",
    "&bogus",
    "<",
    ">",
    "一、总体要求",
    "（一）加强领导",
    "一是",
    "。",
    "\n",
    "  ",
    "<span style=\"display:none\">",
    "</span>",
    "<head>",
    "<body>",
];

proptest! {
    #[test]
    fn generated_word_documents_read_losslessly(body in prop::collection::vec(element(), 0..25)) {
        let docx = Docx::new()
            .styles(&heading_styles())
            .numbering(&numbering())
            .body(&body.concat())
            .build();
        let x = tigang::input::read(docx, &Default::default()).unwrap();
        check_map(&x);
        let doc = tigang::parse(&x.text);
        common::check(&x.text, &doc);
    }

    #[test]
    fn generated_pages_read_losslessly(pieces in prop::collection::vec(prop::sample::select(HTML_PIECES), 0..60)) {
        let page = format!("<!DOCTYPE html>{}", pieces.concat());
        let x = tigang::input::read(page, &Default::default()).unwrap();
        check_map(&x);
        let doc = tigang::parse(&x.text);
        common::check(&x.text, &doc);
    }

    /// Damaged files: any bytes after a ZIP or PDF signature, or a real
    /// document cut or with bytes flipped, give a result or an error.
    #[test]
    fn damaged_bytes_never_panic(
        cut in 0usize..4000,
        flips in prop::collection::vec((0usize..4000, any::<u8>()), 0..8),
    ) {
        let docx = Docx::new()
            .numbering(&numbering())
            .body(&[p_num(1, 0, "总则"), p("正文。")].concat())
            .stored()
            .build();
        let mut bytes = docx[..cut.min(docx.len())].to_vec();
        for (at, b) in flips {
            if let Some(x) = bytes.get_mut(at) {
                *x = b;
            }
        }
        if let Ok(x) = tigang::input::read(bytes, &Default::default()) {
            check_map(&x);
            common::check(&x.text, &tigang::parse(&x.text));
        }
    }
}
