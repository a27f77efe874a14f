//! The web page reader on pages written for these tests
//! (tests/fixtures/html): visible text, blocks as lines, headings as ATX
//! lines, charsets; minified and pretty pages read the same, and a seed
//! text made into a page gives the tree of the text.

#![cfg(feature = "html")]

use crate::common;

use tigang::input::{Format, Options, read};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/html/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn text_of(bytes: impl Into<Vec<u8>>) -> String {
    let x = read(bytes, &Options::default()).unwrap();
    assert_eq!(x.source.format, Format::Html);
    let doc = tigang::parse(&x.text);
    common::check(&x.text, &doc);
    x.text
}

const NOTICE: &str = "首页 > 通知公告
# 关于做好2025年春季森林防火工作的通知
发布时间：2025-03-01\u{a0}\u{a0}来源：县应急管理局
各乡镇人民政府，县直有关单位：
当前已进入春季森林防火关键期，为切实做好防火工作，现将有关事项通知如下。
一、提高思想认识
各地要充分认识森林防火工作的严峻形势，坚决克服麻痹思想。一是压实属地责任；二是落实包保措施。
二、强化火源管控
（一）严格野外用火审批。
清明期间一律禁止野外烧纸、燃放鞭炮。
（二）加强重点区域巡查。
区域\t责任单位
东山林场\t东山镇
## 三、做好应急准备
各地要完善应急预案，储备扑火物资。
县应急管理局
2025年3月1日
";

#[test]
fn a_page_reads_as_its_visible_text() {
    assert_eq!(text_of(fixture("notice_pretty.html")), NOTICE);
    let x = read(fixture("notice_pretty.html"), &Options::default()).unwrap();
    let rows: Vec<_> = (1..=17).filter(|&l| x.map.is_table_row(l)).collect();
    assert_eq!(rows, [12, 13]);
}

/// The same page with every line break and indentation between tags gone.
#[test]
fn minified_reads_the_same_as_pretty() {
    let pretty = String::from_utf8(fixture("notice_pretty.html")).unwrap();
    let minified: String = pretty.lines().map(str::trim).collect();
    assert!(!minified.contains('\n'));
    assert_eq!(text_of(minified), NOTICE);
}

#[test]
fn the_outline_of_a_page() {
    let x = read(fixture("notice_pretty.html"), &Options::default()).unwrap();
    let doc = tigang::parse(&x.text);
    // The `<h1>` after the breadcrumb is the document's title, or (as the
    // parser reads an ATX line that is not the first) a heading over the
    // rest: the numbered outline below it is the same either way.
    const H1: &str = "关于做好2025年春季森林防火工作的通知";
    let numbered: Vec<_> = doc.headings().filter(|h| !h.marker.is_empty()).collect();
    let base = numbered.iter().map(|h| h.level).min().unwrap_or(1);
    let outline: Vec<_> = numbered
        .iter()
        .map(|h| format!("{} {}{}", h.level + 1 - base, h.marker, h.title))
        .collect();
    assert_eq!(
        outline,
        [
            "1 一、提高思想认识",
            "2 一是压实属地责任",
            "2 二是落实包保措施",
            "1 二、强化火源管控",
            "2 （一）严格野外用火审批",
            "2 （二）加强重点区域巡查",
            "1 三、做好应急准备",
        ]
    );
    let title = doc.title.as_ref().map(|t| t.text.to_string());
    let first = doc.headings().next().map(|h| h.title.to_string());
    assert!(
        title.as_deref() == Some(H1) || first.as_deref() == Some(H1),
        "{title:?} {first:?}"
    );
}

#[test]
fn headings_lists_and_preformatted_text() {
    let x = read(fixture("report_lists.html"), &Options::default()).unwrap();
    assert_eq!(
        x.text,
        "# 县数据局2024年工作总结\n## 工作目标\n全年完成政务数据归集1.2亿条。\n### 主要举措\n1. 建成县级数据共享平台\n3. 开放公共数据\na. 交通数据\nb. 气象数据\n附：数据目录清单\n## 下一步打算\n\n  接口编号   名称\n  A-01       人口库\n特此报告。\n"
    );
    let drawn: Vec<_> = x
        .map
        .labels()
        .iter()
        .map(|l| &x.text[l.span.range()])
        .collect();
    assert_eq!(drawn, ["1.", "3.", "a.", "b."]);
    assert!(!x.map.has_paragraphs());
}

/// A GBK page that says so in its `<meta>`, and one that says nothing.
#[test]
fn charset_from_meta_or_detection() {
    let gbk = tigang::input::decode::encoding_for_label("gbk").unwrap();
    let page = String::from_utf8(fixture("notice_pretty.html")).unwrap();
    let declared = page
        .replace("charset=\"utf-8\"", "charset=\"gb2312\"")
        .replace("<meta charset=\"utf-8\">", "<meta charset=\"gb2312\">");
    let bytes = tigang::input::decode::encode(&declared, gbk, false).unwrap();
    let x = read(bytes, &Options::default()).unwrap();
    assert_eq!(
        (x.source.format, x.source.encoding),
        (Format::Html, Some("GB18030"))
    );
    assert_eq!(x.text, NOTICE);

    let undeclared = page.replace("<meta charset=\"utf-8\">", "");
    let bytes = tigang::input::decode::encode(&undeclared, gbk, false).unwrap();
    let x = read(bytes, &Options::default()).unwrap();
    assert_eq!(x.source.encoding, Some("GB18030"));
    assert_eq!(x.text, NOTICE);

    // A page whose meta lies (says UTF-8, is GBK) is detected instead.
    let bytes = tigang::input::decode::encode(&page, gbk, false).unwrap();
    assert_eq!(read(bytes, &Options::default()).unwrap().text, NOTICE);
}

/// The outline of a text, as compared across readers: kinds, markers,
/// levels, titles and bodies, whitespace runs as one space.
fn outline(text: &str) -> Vec<String> {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let doc = tigang::parse(text);
    let mut out = vec![format!(
        "title {:?}",
        doc.title.as_ref().map(|t| squash(&t.text))
    )];
    for h in doc.headings() {
        let body: Vec<_> = h.body().iter().map(|b| squash(b.text)).collect();
        out.push(format!(
            "{} {:?} {} {} | {}",
            h.level,
            h.kind,
            h.marker,
            squash(&h.title),
            body.join(" / ")
        ));
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Each seed text as a page of one `<p>` per line, pretty and minified,
/// gives the tree of the text.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the clone (build.rs); CI runs it"
)]
fn a_seed_text_as_html_gives_the_same_tree() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seeds");
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("no corpus at {dir}: {e}"));
    let mut seen = 0;
    for e in entries.flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        let paragraphs: Vec<String> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("<p>{}</p>", escape(l)))
            .collect();
        let pretty = format!(
            "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>t</title></head>\n<body>\n{}\n</body>\n</html>\n",
            paragraphs.join("\n")
        );
        let minified = format!("<html><body>{}</body></html>", paragraphs.concat());
        let want = outline(&text);
        for page in [pretty, minified] {
            let got = text_of(page);
            assert_eq!(outline(&got), want, "{}", e.path().display());
        }
        seen += 1;
    }
    assert!(seen > 0);
}
