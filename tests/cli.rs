//! The command line: formats, stdin, and clear errors with their exit status.
#![cfg(feature = "cli")]

use crate::run;

use run::{stderr, stdout, tigang};

#[test]
fn tree_and_json_from_stdin() {
    let src = "一、总体要求\n（一）指导思想\n".as_bytes();
    let o = tigang(&["parse", "-"], Some(src));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "一、 总体要求  [numeral 1 @1:1]\n  （一） 指导思想  [paren_numeral 1 @2:1]\n"
    );

    let o = tigang(&["parse", "--format", "json", "-"], Some(src));
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["children"][0]["children"][0]["title"], "指导思想");
}

#[test]
fn no_check_leaves_the_diagnostics_out_and_the_outline_as_it_is() {
    let src = "一、甲\n三、乙\n（一）子\n（三）丑\n".as_bytes();
    let parse = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["parse", "--format", "json"];
        args.extend_from_slice(extra);
        args.push("-");
        serde_json::from_str(&stdout(&tigang(&args, Some(src)))).unwrap()
    };
    let mut checked = parse(&[]);
    let unchecked = parse(&["--no-check"]);
    assert_eq!(checked["diagnostics"].as_array().unwrap().len(), 2);
    assert!(unchecked.get("diagnostics").is_none(), "{unchecked}");
    checked.as_object_mut().unwrap().remove("diagnostics");
    assert_eq!(checked, unchecked);
    // --jsonl too.
    let line = stdout(&tigang(&["parse", "--jsonl", "--no-check", "-"], Some(src)));
    assert!(!line.contains("diagnostics"), "{line}");
}

#[test]
fn json_is_compact_into_a_pipe_and_pretty_with_the_flag() {
    let src = "一、总体要求\n（一）指导思想\n".as_bytes();
    let compact = stdout(&tigang(&["parse", "--format", "json", "-"], Some(src)));
    assert_eq!(compact.matches('\n').count(), 1, "{compact}");
    assert!(compact.contains(r#""span":[0,"#), "{compact}");
    let pretty = stdout(&tigang(
        &["parse", "--format", "json", "--pretty", "-"],
        Some(src),
    ));
    assert!(
        pretty.contains("\n      \"marker_span\": [0, 6],\n"),
        "{pretty}"
    );
    let a: serde_json::Value = serde_json::from_str(&compact).unwrap();
    let b: serde_json::Value = serde_json::from_str(&pretty).unwrap();
    assert_eq!(a, b);
    // --jsonl stays one record per line, --pretty or not.
    let lines = stdout(&tigang(&["parse", "--jsonl", "--pretty", "-"], Some(src)));
    assert_eq!(lines.matches('\n').count(), 1, "{lines}");
    let check = stdout(&tigang(
        &["check", "--format", "json", "--deny", "never", "-"],
        Some("一、甲\n三、乙\n".as_bytes()),
    ));
    assert_eq!(check.matches('\n').count(), 1, "{check}");
    let check_pretty = stdout(&tigang(
        &[
            "check", "--format", "json", "--pretty", "--deny", "never", "-",
        ],
        Some("一、甲\n三、乙\n".as_bytes()),
    ));
    assert!(
        check_pretty.contains("\"span\": [10, 16]"),
        "{check_pretty}"
    );
}

/// Files of 1 MB or more are mapped into memory, and parsed where they lie
/// when they are plain UTF-8: the same output as read from standard input,
/// for UTF-8, for text that needs decoding and for a web page.
#[test]
fn large_files_are_mapped_with_the_same_output() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_mapped");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let body = "一、总体要求\n（一）指导思想。坚持以人民为中心。\n二、主要任务\n".repeat(17_000);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(body.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let page = format!("<!DOCTYPE html><pre>{body}</pre>").into_bytes();
    for (name, bytes) in [
        ("big.txt", body.as_bytes().to_vec()),
        ("big16.txt", utf16),
        ("page.html", page),
    ] {
        assert!(bytes.len() > 1 << 20);
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        for format in ["json", "text"] {
            let file = tigang(&["parse", "--format", format, path.to_str().unwrap()], None);
            assert!(file.status.success(), "{}", stderr(&file));
            let piped = tigang(&["parse", "--format", format, "-"], Some(&bytes));
            assert!(file.stdout == piped.stdout, "{name} --format {format}");
        }
    }
    let big = dir.join("big.txt");
    let o = tigang(&["parse", "--max-size", "1M", big.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("larger than --max-size"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn example_in_readme_parses() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/speech.txt");
    let o = tigang(&["parse", path], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8(o.stdout).unwrap().lines().count() > 5);
}

#[test]
fn missing_file_is_exit_2_with_its_name() {
    let o = tigang(&["parse", "no/such/file.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such/file.txt: no such file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn several_json_documents_need_jsonl_or_a_folder() {
    let o = tigang(
        &["parse", "--format", "json", env!("CARGO_MANIFEST_DIR")],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "a usage error");
    assert!(stderr(&o).contains("--jsonl"), "{}", stderr(&o));
}

#[test]
fn damaged_utf8_names_the_byte_offset() {
    // Well-formed UTF-8, then a GBK-encoded "总体" (0xD7 0xDC 0xCC 0xE5): a
    // damaged UTF-8 file, not a GBK one.
    let mut bytes = "一、提高认识。安全是发展的前提。\n".as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(&[0xD7, 0xDC, 0xCC, 0xE5, b'\n']);
    let o = tigang(&["parse", "-"], Some(&bytes));
    assert_eq!(o.status.code(), Some(1), "the file failed");
    let err = stderr(&o);
    assert!(
        err.contains(&format!("not valid UTF-8 at byte {at} (line 2): 0xD7")),
        "{err}"
    );
    assert!(err.lines().count() == 1, "one clear line: {err}");
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A fresh copy of `src` in a directory of its own under the target dir.
fn scratch(name: &str, src: &[u8]) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("doc.txt");
    std::fs::write(&path, src).unwrap();
    path
}

#[test]
fn check_reports_rustc_style_and_exits_1() {
    let o = tigang(&["check", &fixture("numbering_mistakes.txt")], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("warning[numbering-skip]: （五） is followed by （八）; expected （六）"),
        "{out}"
    );
    assert!(out.contains("numbering_mistakes.txt:10:1"), "{out}");
    assert!(out.contains("10 | （八）秸秆"), "{out}");
    assert!(
        out.contains("   | ^^^^^^\n"),
        "a caret of display width 6: {out}"
    );
}

#[test]
fn check_clean_file_exits_0() {
    let o = tigang(&["check", &fixture("marker_numeral.txt")], None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn check_allow_and_deny() {
    let src = "一、甲\n（一）、子\n（二）丑\n".as_bytes();
    // Only an info diagnostic: not denied by default.
    let o = tigang(&["check", "-"], Some(src));
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("info[redundant-delimiter]"));
    let o = tigang(&["check", "--deny", "info", "-"], Some(src));
    assert_eq!(o.status.code(), Some(1));
    let o = tigang(
        &[
            "check",
            "--deny",
            "info",
            "--allow",
            "redundant-delimiter",
            "-",
        ],
        Some(src),
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");

    let mistakes = fixture("numbering_mistakes.txt");
    let o = tigang(
        &[
            "check",
            "--deny",
            "error",
            "--allow",
            "numbering-duplicate",
            &mistakes,
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "warnings remain, errors do not");

    let o = tigang(&["check", "--allow", "no-such-code", &mistakes], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("numbering-skip"),
        "lists the codes: {}",
        stderr(&o)
    );
}

#[test]
fn check_json() {
    let o = tigang(
        &[
            "check",
            "--format",
            "json",
            &fixture("numbering_mistakes.txt"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v[0]["diagnostics"];
    assert!(
        v[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("numbering_mistakes.txt")
    );
    assert_eq!(d.as_array().unwrap().len(), 4);
    assert_eq!(d[1]["code"], "numbering-skip");
    assert_eq!(d[1]["line"], 10);
}

#[test]
fn check_missing_file_is_exit_2_after_the_others() {
    let o = tigang(
        &["check", &fixture("numbering_mistakes.txt"), "no/such.txt"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("numbering-skip"));
    assert!(stderr(&o).contains("no/such.txt: no such file"));
}

#[test]
fn fmt_check_diff_and_stdout() {
    let mistakes = fixture("numbering_mistakes.txt");
    let o = tigang(&["fmt", "--check", &mistakes], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("5 markers would change"),
        "{}",
        stdout(&o)
    );
    let o = tigang(&["fmt", "--check", &fixture("marker_numeral.txt")], None);
    assert_eq!(o.status.code(), Some(0));

    // Something would change: exit 1, as `diff` and `rustfmt --check` do.
    let o = tigang(&["fmt", "--diff=unified", &mistakes], None);
    assert_eq!(o.status.code(), Some(1));
    let diff = stdout(&o);
    assert!(
        diff.contains("\n-（八）秸秆") && diff.contains("\n+（七）秸秆"),
        "{diff}"
    );
    assert!(
        diff.contains("\n-　　六是加强") && diff.contains("\n+　　五是加强"),
        "{diff}"
    );
    let o = tigang(&["fmt", "--diff", &mistakes], None);
    assert_eq!(o.status.code(), Some(1));
    let diff = stdout(&o);
    assert!(diff.contains("line 10: （八） → （七）\n"), "{diff}");
    let o = tigang(&["fmt", "--diff", &fixture("marker_numeral.txt")], None);
    assert_eq!((o.status.code(), o.stdout.len()), (Some(0), 0));

    let o = tigang(&["fmt", "-"], Some("一、甲\n三、乙\n".as_bytes()));
    assert_eq!(stdout(&o), "一、甲\n二、乙\n");
}

#[test]
fn fmt_write_fixes_in_place_keeping_line_endings() {
    let src = "讲话\r\n一、甲\r\n（一）、子\r\n（三）丑\r\n三、乙\r\n一是抓。二是管。四是督。\r\n";
    let path = scratch("write", src.as_bytes());
    let p = path.to_str().unwrap();
    let o = tigang(&["fmt", "--write", p], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        out,
        "讲话\r\n一、甲\r\n（一）子\r\n（二）丑\r\n二、乙\r\n一是抓。二是管。三是督。\r\n"
    );
    let o = tigang(&["check", "--deny", "info", p], None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Nothing left beside it.
    let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file remains");
    // Nothing to do: the file is not rewritten.
    let o = tigang(&["fmt", "--write", p], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
}

#[test]
fn fmt_write_refuses_stdin_and_leaves_bad_input_alone() {
    let o = tigang(&["fmt", "--write", "-"], Some(b"x"));
    assert_eq!(o.status.code(), Some(2));
    // UTF-8 cut off in the middle of a character: no encoding reads it.
    let mut bytes = "一、甲\n三、".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xE4, 0xB8]);
    let path = scratch("bad", &bytes);
    let o = tigang(&["fmt", "--write", path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the original is untouched"
    );
}

#[test]
fn fmt_style_gbt9704() {
    let o = tigang(
        &["fmt", "--style", "gbt9704", "-"],
        Some("一．甲\n(一)子\n1、天\n".as_bytes()),
    );
    assert_eq!(stdout(&o), "一、甲\n（一）子\n1.天\n");
}
