//! Numbering checks: the rendered diagnostics of every fixture (empty for the
//! clean ones, which is the false-alarm test), and the JSON shape.

use tigang::Code;

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).expect("fixtures are UTF-8")
}

#[test]
fn diagnostics_snapshots() {
    insta::glob!("fixtures/*.txt", |path| {
        let src = read(path);
        let doc = tigang::parse(&src);
        let name = format!(
            "tests/fixtures/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        insta::assert_snapshot!(tigang::render::diagnostics(
            &src,
            &name,
            &tigang::check(&doc)
        ));
    });
}

/// The fixtures that show one phenomenon of correct text must not raise a
/// numbering finding; only the forms fixtures may raise form findings.
#[test]
fn clean_fixtures_raise_no_numbering_finding() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // The mistakes fixture; a text whose lost markers really skip from
        // （一） to （五） (the explicit headings between stand for them); and
        // a summary `1.…3.` before `一、`, which reads right (spec §3 rule 2)
        // but puts `1.` above `一、` against GB/T 9704 (`level-order`).
        if matches!(
            name.as_str(),
            "numbering_mistakes.txt" | "heading_beside_series.txt" | "order_finished_list.txt"
        ) {
            continue;
        }
        let src = read(&path);
        let found: Vec<_> = tigang::check(&tigang::parse(&src))
            .into_iter()
            .filter(|d| {
                !matches!(
                    d.code,
                    Code::MixedDelimiter | Code::MixedWidth | Code::RedundantDelimiter
                )
            })
            .map(|d| format!("{}:{} {}", d.line, d.code, d.message(tigang::Lang::En)))
            .collect();
        assert!(found.is_empty(), "{name} should be clean: {found:#?}");
    }
}

#[test]
fn numbering_mistakes_fixture_reports_each_mistake() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/numbering_mistakes.txt"
    );
    let src = std::fs::read_to_string(path).unwrap();
    let got: Vec<_> = tigang::check(&tigang::parse(&src))
        .iter()
        .map(|d| (d.code, d.line))
        .collect();
    assert_eq!(
        got,
        [
            (Code::NumberingDuplicate, 7),
            (Code::NumberingSkip, 10),
            (Code::NumberingSkip, 16),
            (Code::LonelyOrdinal, 18),
        ]
    );
}

#[test]
#[cfg(feature = "serde")]
fn diagnostics_json_shape() {
    let doc = tigang::parse("一、甲\n（一）子\n（三）丑\n");
    let v = serde_json::to_value(&doc).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "numbering-skip");
    assert_eq!(d["severity"], "warning");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(
        d["message"],
        "（一） is followed by （三）; expected （二）"
    );
    assert_eq!(d["span"], serde_json::json!([23, 32]));
    assert_eq!(d["suggestion"]["replacement"], "（二）");
}

#[test]
fn parts_are_independent_documents() {
    let src = "【篇1】甲\n一、a\n二、b\n【篇2】乙\n一、c\n（一）x\n【篇3】丙\n一、d\n";
    assert!(tigang::check(&tigang::parse(src)).is_empty());
    let src = "【篇1】甲\n一、a\n(一)x\n(二)y\n【篇2】乙\n一、c\n（一）x\n（二）y\n";
    assert!(
        tigang::check(&tigang::parse(src)).is_empty(),
        "widths are per part"
    );
}

/// Articles 一 to 八, then a range `第十二至十四條` and `第十五條`.
fn range_after_gap() -> String {
    let mut src = String::from("城市绿化条例\n");
    for n in ["一", "二", "三", "四", "五", "六", "七", "八"] {
        src.push_str(&format!("第{n}條　本條規定第{n}項事務。\n"));
    }
    src.push_str("第十二至十四條　（刪除）\n第十五條　本條例自公布日施行。\n");
    src
}

/// An article range after a gap: what is missing is single articles, not
/// ranges (issue 24 item 9).
#[test]
fn a_skip_before_an_article_range_names_single_articles() {
    let src = range_after_gap();
    let doc = tigang::parse(&src);
    let d = tigang::check(&doc);
    let skip = d
        .iter()
        .find(|d| d.code == Code::NumberingSkip)
        .expect("the gap is found");
    assert_eq!(
        skip.message(tigang::Lang::En),
        "第八條 is followed by 第十二至十四條; expected 第九條"
    );
    assert!(
        skip.message(tigang::Lang::ZhHant)
            .contains("缺少“第九條”至“第十一條”"),
        "{}",
        skip.message(tigang::Lang::ZhHant)
    );
}

/// Where `fmt` leaves a series as written, the help names the heading whose
/// place renumbering would change (issue 24 item 9).
#[test]
fn an_unsafe_renumbering_names_the_heading_it_would_change() {
    let src = range_after_gap();
    let doc = tigang::parse(&src);
    let d = tigang::check(&doc);
    let help = d
        .iter()
        .find_map(|d| d.help(tigang::Lang::En))
        .expect("a help line");
    assert!(
        help.starts_with("renumbering here would change the outline at "),
        "{help}"
    );
    assert!(help.contains("(line "), "{help}");
}

/// A list that starts above 1 under a heading lost its first items: `check`
/// says so once, with advice, and `fmt` keeps the numbers (a review refers
/// to them); the skip after it expects what `fmt` writes (issue 24 item 9,
/// issue 26 item 3).
#[test]
fn a_list_that_lost_its_first_items_keeps_its_numbers() {
    let src = "工作报告\n一、主要工作\n（六）甲项工作。\n（七）乙项工作。\n（十一）丙项工作。\n";
    let doc = tigang::parse(src);
    let d = tigang::check(&doc);
    let codes: Vec<Code> = d.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::NumberingStart, Code::NumberingSkip]);
    assert!(d[0].suggestion.is_none());
    assert!(
        d[0].help(tigang::Lang::En)
            .unwrap()
            .starts_with("add the items before it if they were lost"),
    );
    assert_eq!(
        d[1].message(tigang::Lang::En),
        "（七） is followed by （十一）; expected （八）"
    );
    let edits = tigang::fmt::edits(&doc, tigang::fmt::Style::Majority);
    let fixed = tigang::fmt::apply(src, &edits);
    assert_eq!(fixed, src.replace("（十一）", "（八）"));
}

/// A document (or part) that opens with a series above 1 is an excerpt:
/// no wrong start, and the count goes on from where it starts.
#[test]
fn a_text_that_opens_above_one_is_an_excerpt() {
    let src = "（六）甲项工作。\n（七）乙项工作。\n（八）丙项工作。\n";
    let doc = tigang::parse(src);
    assert_eq!(doc.headings().count(), 3);
    assert!(tigang::check(&doc).is_empty());
    let part = "【篇1】甲\n一、总体\n（一）子。\n【篇2】乙\n三、续前\n四、再续\n";
    let doc = tigang::parse(part);
    assert!(tigang::check(&doc).is_empty(), "{:?}", tigang::check(&doc));
}
