//! The JSON Schemas in `schema/` describe what tigang really prints: checked
//! against the JSON of every fixture, the command line's additions, and the
//! chunk records.
#![cfg(feature = "serde")]

use crate::common;
#[cfg(feature = "docx")]
use crate::docx_kit;

use serde_json::Value;

fn schema(name: &str) -> jsonschema::Validator {
    let path = format!("{}/schema/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::meta::validate(&schema).expect("the schema is a valid JSON Schema");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn library_json_matches_the_schema() {
    let v = schema("tigang.schema.json");
    for (name, src) in common::documents() {
        let json = serde_json::to_value(tigang::parse(&src)).unwrap();
        assert_valid(&v, &json, &name);
    }
}

#[test]
fn schema_rejects_what_is_not_the_format() {
    let v = schema("tigang.schema.json");
    let mut json = serde_json::to_value(tigang::parse("一、甲\n（一）乙\n")).unwrap();
    json["children"][0]["children"][0]["kind"] = "chapter_or_so".into();
    assert!(!v.is_valid(&json), "an unknown kind is rejected");
    json.as_object_mut().unwrap().remove("children");
    assert!(!v.is_valid(&json), "a missing field is rejected");
}

#[cfg(feature = "cli")]
#[test]
fn command_line_output_matches_the_schemas() {
    use std::process::Command;
    let root = env!("CARGO_MANIFEST_DIR");
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_tigang"))
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let fixtures = format!("{root}/tests/fixtures");
    let speech = format!("{root}/examples/speech.txt");

    let doc = schema("tigang.schema.json");
    let pretty: Value = serde_json::from_str(&run(&["parse", "-f", "json", &speech])).unwrap();
    assert_eq!(
        pretty["source"],
        serde_json::json!({"format": "text", "encoding": "UTF-8"})
    );
    assert!(
        pretty.get("encoding").is_none(),
        "source replaces the top-level encoding"
    );
    assert_valid(&doc, &pretty, "parse --format json");
    for line in run(&["parse", "--jsonl", "-q", &fixtures]).lines() {
        let json: Value = serde_json::from_str(line).unwrap();
        assert_valid(&doc, &json, json["file"].as_str().unwrap_or("?"));
    }
    let outline: Value =
        serde_json::from_str(&run(&["parse", "-f", "json", "--no-check", &speech])).unwrap();
    assert!(outline.get("diagnostics").is_none());
    assert_valid(&doc, &outline, "parse --format json --no-check");

    let chunk = schema("chunk.schema.json");
    let out = run(&[
        "parse",
        "-f",
        "chunks",
        "--max-chars",
        "50",
        "-q",
        &fixtures,
        &speech,
    ]);
    assert!(out.lines().count() > 100);
    for line in out.lines() {
        let json: Value = serde_json::from_str(line).unwrap();
        assert_valid(&chunk, &json, line);
    }

    // `check --format json` is an array of check.schema.json's records; it
    // exits 1 on findings, so it runs without `run`'s success test.
    let entry = schema("check.schema.json");
    let o = Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(["check", "--format", "json", "--lang", "zh", &fixtures])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = report.as_array().unwrap();
    assert!(files.len() > 10);
    let mut findings = 0;
    for f in files {
        assert_valid(&entry, f, f["file"].as_str().unwrap_or("?"));
        findings += f["diagnostics"].as_array().unwrap().len();
    }
    assert!(findings > 10, "the fixtures have findings to check");
}

/// The JSON of a document with its source: a Word document (headings with
/// `numbering` and `paragraph`), a web page and a text file.
#[cfg(all(feature = "docx", feature = "html"))]
#[test]
fn json_with_source_matches_the_schema() {
    use docx_kit::*;
    let v = schema("tigang.schema.json");
    let docx = Docx::new()
        .styles(&heading_styles())
        .numbering(&list(0, 1, &[lvl(0, 1, "chineseCountingThousand", "%1、")]))
        .body(
            &[
                p_num(1, 0, "总则"),
                p("二、任务"),
                p_style("2", "工作目标"),
                p("正文。"),
            ]
            .concat(),
        )
        .build();
    let inputs: [Vec<u8>; 3] = [
        docx,
        "<html><body><h2>一、总则</h2><p>正文。</p></body></html>".into(),
        "一、总则\n正文。\n".into(),
    ];
    let mut formats = Vec::new();
    for bytes in inputs {
        let x = tigang::input::read(bytes, &Default::default()).unwrap();
        let doc = tigang::parse(&x.text);
        let mut json =
            serde_json::to_value(tigang::render::WithSource::new(&doc, &x.source, &x.map)).unwrap();
        assert_valid(&v, &json, x.source.format.as_str());
        formats.push(json["source"]["format"].clone());
        if x.source.format == tigang::input::Format::Docx {
            assert_eq!(json["children"][0]["numbering"], "auto");
            assert_eq!(json["children"][1]["numbering"], "typed");
            assert_eq!(json["children"][1]["paragraph"], 1);
            json["children"][0]["numbering"] = "drawn".into();
            assert!(!v.is_valid(&json), "an unknown numbering is rejected");
        }
    }
    assert_eq!(formats, ["docx", "html", "text"]);
}
