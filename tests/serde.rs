//! Pins the JSON field names of spec §7: renaming one breaks consumers.
#![cfg(feature = "serde")]

use serde_json::Value;

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

#[test]
fn json_field_names_are_the_spec() {
    let src = "工作方案\n目录\n一、目标\n二、任务\n同志们：\n一、目标。到年底完成。\n二、任务\n1.1 细化分工\n";
    let v = serde_json::to_value(tigang::parse(src)).unwrap();
    let mut root = keys(&v);
    root.sort_unstable();
    assert_eq!(
        root,
        [
            "children",
            "diagnostics",
            "preamble",
            "schema",
            "subtitle",
            "subtitle_span",
            "title",
            "title_span",
            "toc"
        ]
    );
    assert_eq!(v["schema"], 2);
    assert_eq!(v["title"], "工作方案");

    let mut toc = keys(&v["toc"][0]);
    toc.sort_unstable();
    assert_eq!(
        toc,
        [
            "column",
            "kind",
            "line",
            "marker",
            "marker_span",
            "number",
            "title",
            "title_span"
        ]
    );

    let mut para = keys(&v["preamble"][0]);
    para.sort_unstable();
    assert_eq!(para, ["span", "text"]);
    assert!(
        v["preamble"][0]["span"]
            .as_array()
            .is_some_and(|a| a.len() == 2),
        "spans are [start, end]"
    );

    let h = &v["children"][0];
    let mut heading = keys(h);
    heading.sort_unstable();
    assert_eq!(
        heading,
        [
            "body",
            "children",
            "column",
            "kind",
            "level",
            "level_from",
            "line",
            "marker",
            "marker_span",
            "number",
            "span",
            "title",
            "title_span"
        ]
    );
    assert_eq!(h["kind"], "numeral");
    assert_eq!(h["marker"], "一、");
    assert_eq!(h["body"][0]["text"], "到年底完成。");

    // Dotted markers add their path; other kinds leave it out.
    let dotted = &v["children"][1]["children"][0];
    assert_eq!(dotted["kind"], "dotted");
    assert_eq!(dotted["path"], serde_json::json!([1, 1]));
}

#[test]
fn every_kind_has_its_snake_case_name() {
    for k in tigang::MarkerKind::ALL {
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
    }
}

/// Schema 2: an explicit heading has no number and says its depth.
#[test]
fn explicit_headings_have_null_number_and_a_depth() {
    let src = "同志们：\n## 工作目标\n1.甲\n";
    let v = serde_json::to_value(tigang::parse(src)).unwrap();
    let h = &v["children"][0];
    assert_eq!(h["kind"], "heading");
    assert_eq!(h["marker"], "");
    assert!(h["number"].is_null());
    assert_eq!(h["depth"], 2);
    assert_eq!(h["children"][0]["number"], 1);
    assert!(h["children"][0].get("depth").is_none());
}
