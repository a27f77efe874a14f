//! The command line on a PDF converter's output (docs/format.md §3 rule 3,
//! §7 "Markdown out", §8): Markdown in and out, `fmt --levels`, and
//! MinerU's `*_content_list.json` with pages.
#![cfg(feature = "cli")]

use crate::run;

use run::{stderr, stdout, tigang};

/// A folder of its own under the target dir, holding `files`.
fn folder(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("conv-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

const FLAT: &str = "# 关于做好某项工作的通知\n\n# 一、总体要求\n\n正文，**切实**做好。\n\n# （一）指导思想\n\n![](images/a.jpg)\n\n# 图1 流程图\n\n<table><tr><td>1.</td></tr></table>\n";
const LEVELLED: &str = "# 关于做好某项工作的通知\n\n## 一、总体要求\n\n正文，**切实**做好。\n\n### （一）指导思想\n\n![](images/a.jpg)\n\n图1 流程图\n\n<table><tr><td>1.</td></tr></table>\n";

#[test]
fn markdown_in_markdown_out() {
    let dir = folder("md-out", &[("a.md", FLAT)]);
    let a = dir.join("a.md");
    let o = tigang(
        &["parse", "--format", "markdown", a.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), LEVELLED);
    // Read again, the same outline.
    let outline = |src: &[u8]| -> Vec<(u64, String, String)> {
        let o = tigang(&["parse", "--format", "json", "--no-check", "-"], Some(src));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let mut out = Vec::new();
        let mut stack = vec![v];
        while let Some(n) = stack.pop() {
            for c in n["children"].as_array().unwrap().iter().rev() {
                stack.push(c.clone());
            }
            if let Some(l) = n["level"].as_u64() {
                out.push((l, n["marker"].to_string(), n["title"].to_string()));
            }
        }
        out
    };
    assert_eq!(outline(FLAT.as_bytes()), outline(LEVELLED.as_bytes()));
    assert_eq!(outline(FLAT.as_bytes()).len(), 2);
    // Text that is not Markdown is written from the tree, as before.
    let o = tigang(
        &["parse", "--format", "markdown", "-"],
        Some("一、甲\n（一）乙\n".as_bytes()),
    );
    assert_eq!(stdout(&o), "# 一、甲\n\n## （一）乙\n");
}

#[test]
fn fmt_levels_checks_diffs_and_writes_a_folder() {
    let dir = folder(
        "fmt-levels",
        &[
            ("a.md", FLAT),
            ("done.md", LEVELLED),
            ("notes.txt", "一、甲\n（一）乙\n"),
        ],
    );
    let d = dir.to_str().unwrap();
    // --check: would change (1), names the file, leaves text files alone.
    let o = tigang(&["fmt", "--levels", "--check", d], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("a.md: 3 heading lines would change"), "{out}");
    assert!(!out.contains("done.md"), "{out}");
    assert!(
        stderr(&o).contains("1 file is not Markdown and was left as it is"),
        "{}",
        stderr(&o)
    );
    // --diff shows the lines.
    let o = tigang(
        &[
            "fmt",
            "--levels",
            "--diff",
            dir.join("a.md").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let diff = stdout(&o);
    assert!(diff.contains("line 3: # → ##"), "{diff}");
    assert!(diff.contains("line 11: # removed"), "{diff}");
    // --write: in place, then nothing left to do.
    let o = tigang(&["fmt", "--levels", "--write", d], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), LEVELLED);
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "一、甲\n（一）乙\n"
    );
    let o = tigang(&["fmt", "--levels", "--check", d], None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn fmt_levels_keeps_a_gb18030_file_in_its_encoding() {
    let (gbk, _, _) = encoding_rs::GB18030.encode(FLAT);
    let dir = folder("fmt-levels-gbk", &[]);
    let path = dir.join("a.md");
    std::fs::write(&path, &gbk).unwrap();
    let o = tigang(
        &["fmt", "--levels", "--write", path.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (want, _, _) = encoding_rs::GB18030.encode(LEVELLED);
    assert_eq!(std::fs::read(&path).unwrap(), want.into_owned());
}

const CONTENT_LIST: &str = r#"[
  {"type": "text", "text": "关于做好某项工作的通知", "text_level": 1, "page_idx": 0},
  {"type": "text", "text": "一、总体要求", "text_level": 1, "page_idx": 0},
  {"type": "text", "text": "正文。", "page_idx": 0},
  {"type": "image", "img_path": "images/a.jpg", "img_caption": ["图1 流程图"], "page_idx": 1},
  {"type": "text", "text": "（一）指导思想", "text_level": 1, "page_idx": 1},
  {"type": "text", "text": "内容。", "page_idx": 2}
]"#;

#[test]
fn content_list_json_gives_pages_everywhere() {
    let dir = folder("content-list", &[("a_content_list.json", CONTENT_LIST)]);
    let path = dir.join("a_content_list.json");
    let p = path.to_str().unwrap();
    let o = tigang(&["parse", "--format", "json", p], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["source"]["format"], "content_list");
    assert_eq!(v["title"], "关于做好某项工作的通知");
    let h = &v["children"][0];
    assert_eq!((&h["marker"], &h["page"]), (&"一、".into(), &1.into()));
    assert_eq!(h["level_from"], "numbering");
    let sub = &h["children"][0];
    assert_eq!(
        (&sub["marker"], &sub["page"]),
        (&"（一）".into(), &2.into())
    );
    assert_eq!(sub["body"][0]["page"], 3);
    // The same from standard input: JSON is recognised by its content.
    let o = tigang(
        &["parse", "--format", "json", "-"],
        Some(CONTENT_LIST.as_bytes()),
    );
    let w: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(w["children"], v["children"]);
    // Chunk records say their page after their line.
    let o = tigang(&["parse", "--format", "chunks", p], None);
    let pages: Vec<(String, u64)> = stdout(&o)
        .lines()
        .map(|l| {
            let r: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                r["marker"].as_str().unwrap().to_string(),
                r["page"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pages,
        [
            ("".to_string(), 1),
            ("一、".to_string(), 1),
            ("（一）".to_string(), 2)
        ]
    );
    // A text has no pages: no `page` key at all.
    let o = tigang(
        &["parse", "--format", "chunks", "-"],
        Some("一、甲\n".as_bytes()),
    );
    assert!(!stdout(&o).contains("\"page\""), "{}", stdout(&o));
}

#[test]
fn a_broken_content_list_is_one_clear_error() {
    // Exit 1: the file failed (2 is a usage error), as for bytes that do
    // not decode.
    let o = tigang(
        &["parse", "-"],
        Some(br#"[{"type": "text", "text": "x", "page_idx": 0"#),
    );
    assert_eq!(o.status.code(), Some(1), "the file failed");
    let err = stderr(&o);
    assert!(err.contains("not well-formed JSON"), "{err}");
    assert!(err.contains("line 1"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
