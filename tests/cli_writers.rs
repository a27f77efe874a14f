//! `check` and `fmt` for the people who write the documents: messages in
//! their language (the locale or `--lang`), colour, the terminal's width,
//! folders, and diffs that show only what changes, with their exit status.
#![cfg(feature = "cli")]

use crate::run;

use run::{stderr, stdout, tigang, tigang_with};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A fresh folder under the target directory for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn chinese_from_the_locale_english_on_request() {
    let mistakes = fixture("numbering_mistakes.txt");
    let zh = [("LANG", "zh_CN.UTF-8")];
    let o = tigang_with(&["check", &mistakes], None, &zh);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("错误[numbering-duplicate]：（三）重复\n"),
        "{out}"
    );
    assert!(
        out.contains("警告[numbering-skip]：（五）之后是（八），缺少（六）（七）\n"),
        "{out}"
    );
    assert!(out.contains("“一是”之后没有“二是”"), "{out}");
    assert!(
        out.contains("= 建议：将（三）改为（四），其后2处依次顺延"),
        "{out}"
    );
    assert!(out.ends_with("1 个错误，3 个警告，0 个提示\n"), "{out}");

    let o = tigang_with(&["check", "--lang", "en", &mistakes], None, &zh);
    let out = stdout(&o);
    assert!(
        out.contains("warning[numbering-skip]: （五） is followed by （八）"),
        "{out}"
    );
    assert!(out.ends_with("1 error, 3 warnings, 0 info\n"), "{out}");

    // LC_ALL wins over LANG; an empty one does not count.
    let o = tigang_with(
        &["check", &mistakes],
        None,
        &[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN")],
    );
    assert!(stdout(&o).contains("1 error, 3 warnings"));
    let o = tigang_with(
        &["check", &mistakes],
        None,
        &[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW.UTF-8")],
    );
    assert!(stdout(&o).contains("（五）之後是（八）"), "{}", stdout(&o));
}

#[test]
fn json_codes_stay_messages_follow_the_language() {
    let mistakes = fixture("numbering_mistakes.txt");
    let o = tigang(
        &["check", "--format", "json", "--lang", "zh", &mistakes],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v[0]["diagnostics"];
    assert_eq!(d[0]["code"], "numbering-duplicate");
    assert_eq!(d[0]["message"], "（三）重复");
    assert_eq!(d[1]["code"], "numbering-skip");
    assert_eq!(d[1]["message"], "（五）之后是（八），缺少（六）（七）");
    let edits = d[0]["suggestion"]["edits"].as_array().unwrap();
    assert_eq!(edits.len(), 3, "（三）→（四） and the two after it");
    let o = tigang(&["check", "--format", "json", &mistakes], None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["diagnostics"][0]["code"], "numbering-duplicate");
    assert_eq!(
        v[0]["diagnostics"][0]["message"],
        "（三） is followed by another （三）; expected （四）"
    );
}

#[test]
fn a_traditional_document_gets_traditional_messages() {
    let src = "一、總則\n（一）為了規範醫療機構管理\n（三）適用範圍\n".as_bytes();
    let o = tigang(&["check", "--lang", "zh", "-"], Some(src));
    let out = stdout(&o);
    assert!(
        out.contains("警告[numbering-skip]：（一）之後是（三），缺少（二）"),
        "{out}"
    );
    assert!(out.contains("0 個錯誤，1 個警告"), "{out}");
    let o = tigang(&["check", "--lang", "zh-hans", "-"], Some(src));
    assert!(stdout(&o).contains("之后是"));
}

#[test]
fn colour_when_asked_or_on_a_terminal_only() {
    let mistakes = fixture("numbering_mistakes.txt");
    let o = tigang(&["check", "--color", "always", &mistakes], None);
    let out = stdout(&o);
    assert!(
        out.contains("\x1b[1;31merror[numbering-duplicate]\x1b[0m"),
        "{out}"
    );
    assert!(
        out.contains("\x1b[1;33m^^^^^^\x1b[0m"),
        "carets in the level's colour: {out}"
    );
    // Auto: standard output is a pipe here.
    let o = tigang(&["check", &mistakes], None);
    assert!(!stdout(&o).contains('\x1b'));
    let o = tigang(&["check", "--color", "never", &mistakes], None);
    assert!(!stdout(&o).contains('\x1b'));
    let o = tigang(&["fmt", "--diff", "--color", "always", &mistakes], None);
    assert!(stdout(&o).contains("\x1b[32m  + （四）"), "{}", stdout(&o));
}

#[test]
fn lines_are_cut_to_the_width() {
    let mistakes = fixture("numbering_mistakes.txt");
    for cols in [50usize, 80] {
        let c = cols.to_string();
        let o = tigang_with(&["check", &mistakes], None, &[("COLUMNS", &c)]);
        for line in stdout(&o).lines().filter(|l| l.contains(" | ")) {
            let w = unicode_width::UnicodeWidthStr::width(line);
            assert!(w <= cols, "{w} > {cols}: {line}");
        }
    }
}

#[test]
fn check_and_fmt_walk_folders() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let bad = "一、甲\n（一）子\n（三）丑\n";
    std::fs::write(dir.join("a.txt"), bad).unwrap();
    std::fs::write(dir.join("sub/b.md"), bad).unwrap();
    std::fs::write(dir.join("clean.txt"), "一、甲\n二、乙\n").unwrap();
    std::fs::write(dir.join("notes.rtf"), bad).unwrap();
    std::fs::write(dir.join(".hidden.txt"), bad).unwrap();
    let d = dir.to_str().unwrap();

    let o = tigang(&["check", d], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("a.txt:3:1") && out.contains("b.md:3:1"),
        "{out}"
    );
    assert!(!out.contains("rtf") && !out.contains("hidden"), "{out}");
    assert!(out.ends_with("0 errors, 2 warnings, 0 info\n"), "{out}");

    let o = tigang(&["fmt", "--check", d], None);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("a.txt: 1 marker would change"), "{out}");

    // Printing the text of a folder makes no sense: say what to do.
    let o = tigang(&["fmt", d], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--check, --diff or --write"),
        "{}",
        stderr(&o)
    );

    let o = tigang(&["fmt", "--write", d], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("sub/b.md")).unwrap(),
        "一、甲\n（一）子\n（二）丑\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.rtf")).unwrap(),
        bad,
        "not a text file name"
    );
    let o = tigang(&["check", d], None);
    assert_eq!((o.status.code(), o.stdout.len()), (Some(0), 0));
}

/// Applies a unified diff of one file to `old`, checking every context and
/// removed line against it.
fn patch(old: &str, diff: &str) -> String {
    let lines: Vec<&str> = old.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut at = 0;
    let mut it = diff.lines().skip(2).peekable();
    while let Some(h) = it.next() {
        assert!(h.starts_with("@@ -"), "hunk header: {h}");
        let start: usize = h[4..].split(',').next().unwrap().parse().unwrap();
        while at + 1 < start {
            out.push_str(lines[at]);
            at += 1;
        }
        while let Some(l) = it.peek().filter(|l| !l.starts_with("@@")) {
            let (tag, text) = l.split_at(1);
            match tag {
                " " | "-" => {
                    assert_eq!(
                        lines[at].trim_end_matches('\n'),
                        text,
                        "context at line {}",
                        at + 1
                    );
                    if tag == " " {
                        out.push_str(lines[at]);
                    }
                    at += 1;
                }
                "+" => {
                    out.push_str(text);
                    out.push('\n');
                }
                _ => panic!("unexpected diff line {l}"),
            }
            it.next();
        }
    }
    for l in &lines[at..] {
        out.push_str(l);
    }
    out
}

#[test]
fn diffs_show_what_changes_and_exit_1() {
    let seed = format!(
        "{}/../shared/corpus/seeds/003_e649172dc2529449.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let path = if std::path::Path::new(&seed).exists() {
        seed
    } else {
        fixture("numbering_mistakes.txt")
    };
    let src = std::fs::read_to_string(&path).unwrap();
    let fixed = tigang::fmt::format(&src, Default::default());
    assert_ne!(src, fixed);

    let o = tigang(&["fmt", "--diff", "--lang", "zh", &path], None);
    assert_eq!(o.status.code(), Some(1));
    let short = stdout(&o);
    // Only the changed markers, each with a little of its line.
    for line in short.lines().skip(1) {
        assert!(
            line.starts_with('第') || line.starts_with("  - ") || line.starts_with("  + "),
            "{line}"
        );
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 100, "{line}");
    }
    let edits = tigang::fmt::edits(&tigang::parse(&src), Default::default());
    assert_eq!(
        short.lines().filter(|l| l.starts_with("  + ")).count(),
        edits.len()
    );

    let o = tigang(&["fmt", "--diff=unified", &path], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        patch(&src, &stdout(&o)),
        fixed,
        "the unified diff applies to fmt's output"
    );

    let o = tigang(&["fmt", "--diff", &fixture("marker_numeral.txt")], None);
    assert_eq!((o.status.code(), o.stdout.len()), (Some(0), 0));
}

#[test]
fn help_says_a_lost_point_is_likelier() {
    let src = "一、主要做法\n一是抓落实。\n三是抓督查。\n四是抓考核。\n".as_bytes();
    let o = tigang(&["check", "--lang", "zh", "-"], Some(src));
    let out = stdout(&o);
    assert!(
        out.contains("= 建议：很可能漏掉了“二是”：请补上；若是有意删去，将“三是”改为“二是”"),
        "{out}"
    );
}
