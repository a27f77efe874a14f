//! The real Word files of `../shared/corpus/docx`: every label Word's
//! numbering draws is the one Word and LibreOffice show (the expected
//! labels below were read off LibreOffice 7.4's text export, paragraph by
//! paragraph), and the extracted text keeps the nothing-lost invariants.

#![cfg(feature = "docx")]

use crate::common;

use std::path::PathBuf;

/// The corpus folder. The tests that call this are ignored when there is no
/// `../shared/corpus` (build.rs), so here it must be there: under `CI` its
/// absence fails them.
fn corpus() -> PathBuf {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/docx"
    ));
    assert!(dir.is_dir(), "no corpus at {}", dir.display());
    dir
}

fn read(dir: &std::path::Path, name: &str) -> tigang::input::Extracted {
    let bytes = std::fs::read(dir.join(name)).unwrap();
    tigang::input::read(bytes, &Default::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `paragraph label|…` as LibreOffice draws them.
const LABELS: [(&str, &str); 5] = [
    (
        "d01.docx",
        "1 一、|3 二、|4 （一）|6 1.|18 2.|21 3.|23 （二）|30 三、|34 四、|35 （一）|36 1、|40 2、|43 3、|44 1)|45 2)|46 3)|47 4)|48 5)|51 6)|52 4、|54 5、|66 1|69 6、|71 7、|73 8、|75 9、|80 （二）|91 （三）|121 （四）|156 五、",
    ),
    (
        "d02.docx",
        "5 一、|18 二、|41 三、|44 1.|45 2.|46 3.|47 4.|48 5.|49 6.|54 1.|55 2.|56 四、|58 五、",
    ),
    ("d03.docx", "2 一、|5 二、|11 三、|13 四、"),
    (
        "d04.docx",
        "1 (一)|4 (二)|5 1、|8 2、|10 3、|12 (三)|14 1.1|15 1.2|16 1.3|17 1.4|18 1.5|19 (四)|20 1.1|21 1.2|23 1.3|25 1.4|27 (五)|30 (六)|34 (七)|35 (八)",
    ),
    (
        "d05.docx",
        "141 1.|152 表1|156 1.|159 2.|162 3.|165 4.|168 5.|171 6.|269 图1|271 （1）|273 （2）|275 （3）|277 （4）|283 图2|289 图3|556 表2|562 1.|567 1.1.|572 1.2.|577 1.3.|582 1.4.|587 1.5.|592 1.6.|597 1.7.|602 1.8.|607 1.9.|612 1.10.|617 1.11.|622 1.12.|627 1.13.|632 1.14.|663 表3|668 1.|672 2.|676 3.|684 4.",
    ),
];

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the clone (build.rs); CI runs it"
)]
fn every_drawn_label_is_the_one_word_shows() {
    let dir = corpus();
    for (name, want) in LABELS {
        let x = read(&dir, name);
        let got: Vec<String> = x
            .map
            .labels()
            .iter()
            .map(|l| format!("{} {}", l.paragraph, &x.text[l.span.range()]))
            .collect();
        assert_eq!(got.join("|"), want, "{name}");
    }
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the clone (build.rs); CI runs it"
)]
fn typed_numbering_draws_nothing() {
    let dir = corpus();
    for name in ["d06.docx", "d07.docx", "d08.docx", "d09.docx"] {
        assert!(read(&dir, name).map.labels().is_empty(), "{name}");
    }
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the clone (build.rs); CI runs it"
)]
fn extracted_text_keeps_the_invariants() {
    let dir = corpus();
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".docx") {
            continue;
        }
        let x = read(&dir, &name);
        let doc = tigang::parse(&x.text);
        common::check(&x.text, &doc);
        assert!(doc.headings().count() > 0, "{name} has headings");
        // Every line maps to a paragraph, in order.
        let lines = x.text.lines().count();
        let mut last = 0;
        for line in 1..=lines {
            let p = x
                .map
                .paragraph(line)
                .unwrap_or_else(|| panic!("{name}:{line}"));
            assert!(p >= last, "{name}:{line} goes back to paragraph {p}");
            last = p;
        }
        seen += 1;
    }
    assert_eq!(seen, 9);
}

/// d01 numbers its headings through the heading styles (一、 on Heading 2,
/// （一） on Heading 3) and restarts （一） under 四、 with a startOverride;
/// the outline and the JSON carry that.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the clone (build.rs); CI runs it"
)]
fn d01_outline_and_json() {
    let dir = corpus();
    let x = read(&dir, "d01.docx");
    assert!(
        x.text
            .starts_with("# 优克联集团考勤管理制度\n## 一、\t适用范围\n")
    );
    let doc = tigang::parse(&x.text);
    let top: Vec<_> = doc.children().map(|h| h.marker).collect();
    assert_eq!(top, ["一、", "二、", "三、", "四、", "五、"]);
    let json =
        serde_json::to_value(tigang::render::WithSource::new(&doc, &x.source, &x.map)).unwrap();
    assert_eq!(json["source"], serde_json::json!({"format": "docx"}));
    let first = &json["children"][0];
    assert_eq!(
        (first["numbering"].as_str(), first["paragraph"].as_u64()),
        (Some("auto"), Some(1))
    );
    let typed = &json["children"][1]["children"][1]["children"][0];
    assert_eq!(
        (typed["marker"].as_str(), typed["numbering"].as_str()),
        (Some("1、"), Some("typed"))
    );
    assert_eq!(typed["paragraph"].as_u64(), Some(24));
    // No diagnostic falls on a label Word drew.
    for d in tigang::render::check_source(&doc, &x.map) {
        assert!(!x.map.is_drawn(d.span), "{}", d.code.as_str());
    }
}
