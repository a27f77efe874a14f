//! The command line on Word documents, web pages and files that are no
//! documents: parse, check and fmt take .docx/.html like text, folders pick
//! them up, `--format text` prints what spans refer to, and a PDF, `.doc`,
//! image or program gets one line saying what to do.

#![cfg(all(feature = "cli", feature = "docx", feature = "html"))]

use crate::docx_kit;
use crate::run;

use std::path::{Path, PathBuf};

use docx_kit::*;
use run::{stderr, stdout, tigang};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A report whose 一、二、三、 Word numbers, then a typed 四、, a typed
/// duplicate （一） and a skipped （三） under it.
fn report() -> Vec<u8> {
    Docx::new()
        .styles(&heading_styles())
        .numbering(&list(0, 1, &[lvl(0, 1, "chineseCountingThousand", "%1、")]))
        .body(
            &[
                p("县农业农村局2024年工作总结"),
                p_num(1, 0, "工作成效"),
                p("全年粮食总产稳定。"),
                p_num(1, 0, "存在问题"),
                p_num(1, 0, "下步打算"),
                p("四、保障措施"),
                p("（一）加强领导"),
                p("（三）强化考核"),
            ]
            .concat(),
        )
        .build()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn parse_reads_a_word_document_with_its_numbering() {
    let dir = scratch("readers_parse");
    let file = write(&dir, "report.docx", &report());
    let tree = tigang(&["parse", &file], None);
    assert!(tree.status.success(), "{}", stderr(&tree));
    let tree = stdout(&tree);
    assert!(
        tree.starts_with("title: 县农业农村局2024年工作总结\n一、 工作成效"),
        "{tree}"
    );
    assert!(tree.contains("四、 保障措施"), "{tree}");

    let json = tigang(&["parse", "--format", "json", &file], None);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["source"], serde_json::json!({"format": "docx"}));
    let numbering: Vec<_> = v["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["numbering"].as_str().unwrap(),
                h["paragraph"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        numbering,
        [("auto", 1), ("auto", 3), ("auto", 4), ("typed", 5)]
    );
    // The diagnostics: the skip of the typed （三）, nothing on the drawn labels.
    let codes: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["numbering-skip"]);

    let text = tigang(&["parse", "--format", "text", &file], None);
    assert_eq!(
        stdout(&text),
        "县农业农村局2024年工作总结\n一、\t工作成效\n全年粮食总产稳定。\n二、\t存在问题\n三、\t下步打算\n四、保障措施\n（一）加强领导\n（三）强化考核\n"
    );
    // Spans refer to that text.
    let span = &v["children"][3]["marker_span"];
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&stdout(&text)[s..e], "四、");
}

#[test]
fn check_reports_typed_markers_only() {
    let dir = scratch("readers_check");
    let file = write(&dir, "report.docx", &report());
    let out = tigang(&["check", &file], None);
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains("（一） is followed by （三）"), "{report}");
    assert_eq!(
        report.matches("warning[").count() + report.matches("error[").count(),
        1,
        "{report}"
    );
}

#[test]
fn fmt_never_writes_a_word_document_or_a_page() {
    let dir = scratch("readers_fmt");
    let bytes = report();
    let file = write(&dir, "report.docx", &bytes);
    let page = write(&dir, "page.html", b"<html><body><p>\xE4\xB8\x80\xE3\x80\x81x</p><p>\xE4\xB8\x89\xE3\x80\x81y</p></body></html>");
    for args in [
        vec!["fmt", "--write", &file],
        vec!["fmt", &file],
        vec!["fmt", "--write", &page],
    ] {
        let out = tigang(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let msg = stderr(&out);
        assert!(msg.contains("fmt rewrites text files only"), "{msg}");
        assert_eq!(msg.lines().count(), 1, "{msg}");
    }
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "untouched");
}

#[test]
fn folders_pick_up_word_documents_and_pages() {
    let dir = scratch("readers_folder");
    write(&dir, "a.docx", &report());
    write(&dir, "~$a.docx", b"\x00\x00lock");
    write(&dir, "b.html", "<!DOCTYPE html><p>一、总则</p>".as_bytes());
    write(&dir, "c.htm", "<html><p>二、附则</p>".as_bytes());
    write(&dir, "d.pdf", b"%PDF-1.4 not picked up");
    let out = tigang(&["parse", "--jsonl", "-q", dir.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let files: Vec<(String, String)> = stdout(&out)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let name = Path::new(v["file"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, v["source"]["format"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(
        files,
        [
            ("a.docx".into(), "docx".into()),
            ("b.html".into(), "html".into()),
            ("c.htm".into(), "html".into())
        ]
    );
}

#[test]
fn files_that_are_no_documents_get_one_line_and_what_to_do() {
    let dir = scratch("readers_not_text");
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "scan.pdf",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec(),
            "pdftotext -layout",
        ),
        (
            "old.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00".to_vec(),
            "save it as .docx",
        ),
        (
            "photo.png",
            b"\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR".to_vec(),
            "OCR",
        ),
        (
            "ls",
            std::fs::read("/bin/ls")
                .unwrap_or_else(|_| b"\x7FELF\x02\x01\x01\x00\x00\x00".to_vec()),
            "executable program",
        ),
    ];
    let text = write(&dir, "ok.txt", "一、总则\n".as_bytes());
    for (name, bytes, hint) in cases {
        let file = write(&dir, name, &bytes);
        let alone = tigang(&["parse", &file], None);
        let msg = stderr(&alone);
        assert_eq!(alone.status.code(), Some(2), "{name}: {msg}");
        assert_eq!(msg.lines().count(), 1, "{name}: {msg}");
        assert!(msg.contains(name) && msg.contains(hint), "{name}: {msg}");
        assert!(
            !msg.contains("GB18030"),
            "{name}: never an encoding error: {msg}"
        );
        let batch = tigang(&["parse", "-q", &file, &text], None);
        assert_eq!(batch.status.code(), Some(1), "{name} in a batch");
        assert!(stdout(&batch).contains("总则"), "the other file is done");
    }
}

#[test]
fn a_damaged_word_document_names_the_part() {
    let dir = scratch("readers_damaged");
    let bytes = report();
    let file = write(&dir, "cut.docx", &bytes[..bytes.len() - 200]);
    let out = tigang(&["parse", &file], None);
    assert_eq!(out.status.code(), Some(1));
    let msg = stderr(&out);
    assert!(msg.contains("cut.docx: a damaged .docx"), "{msg}");
}

/// `fmt --check` and `--diff` on a folder pass over Word documents and web
/// pages, say how many, and exit by what the text files need: 1 when one
/// would change, 0 when none would (issue 26 item 1).
#[test]
fn fmt_check_on_a_folder_passes_over_documents() {
    let dir = scratch("readers_fmt_check");
    write(&dir, "report.docx", &report());
    write(
        &dir,
        "page.html",
        "<!DOCTYPE html><p>一、总则</p>".as_bytes(),
    );
    let d = dir.to_str().unwrap();
    for flag in ["--check", "--diff"] {
        let out = tigang(&["fmt", flag, d], None);
        assert_eq!(out.status.code(), Some(0), "{flag}: {}", stderr(&out));
        let msg = stderr(&out);
        assert!(
            msg.contains("2 files are Word documents, web pages"),
            "{msg}"
        );
        assert_eq!(msg.lines().count(), 1, "{msg}");
    }
    write(&dir, "notes.txt", "一、甲\n三、乙\n".as_bytes());
    for flag in ["--check", "--diff"] {
        let out = tigang(&["fmt", flag, d], None);
        assert_eq!(out.status.code(), Some(1), "{flag}: {}", stderr(&out));
        assert!(stdout(&out).contains("notes.txt"), "{}", stdout(&out));
    }
}
