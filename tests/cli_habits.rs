//! Command-line habits (issue 16): standard input without `-`, `-o FILE`,
//! clear messages for bad numbers, `--version` on every subcommand, shell
//! completions and the manual page, plurals in summaries.
#![cfg(feature = "cli")]

use crate::run;

use std::process::{Command, Stdio};

use run::{stderr, stdout, tigang};

const SRC: &str = "工作方案\n一、目标\n（一）总体目标。到年底完成。\n二、措施\n";

#[test]
fn stdin_is_read_when_no_path_is_given() {
    for cmd in [["parse"].as_slice(), &["parse", "--format", "json"]] {
        let o = tigang(cmd, Some(SRC.as_bytes()));
        assert!(o.status.success(), "{cmd:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("目标"), "{cmd:?}: {}", stdout(&o));
    }
    let o = tigang(&["parse"], Some(SRC.as_bytes()));
    let with_dash = tigang(&["parse", "-"], Some(SRC.as_bytes()));
    assert_eq!(o.stdout, with_dash.stdout);

    let o = tigang(&["check"], Some("一、甲\n三、乙\n".as_bytes()));
    assert_eq!(
        o.status.code(),
        Some(1),
        "a warning fails check (--deny warning): {}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("numbering-skip"), "{}", stdout(&o));
    let o = tigang(&["fmt"], Some("一、甲\n三、乙\n".as_bytes()));
    assert_eq!(stdout(&o), "一、甲\n二、乙\n");
    // fmt --write never writes standard input, given or implied.
    let o = tigang(&["fmt", "--write"], Some("一、甲\n".as_bytes()));
    assert_eq!(o.status.code(), Some(2));
}

/// With a terminal on standard input and no path there is nothing to read:
/// a usage error that says what to do.
#[cfg(target_os = "linux")]
#[test]
fn no_path_on_a_terminal_is_a_usage_error() {
    use std::os::fd::FromRawFd;
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two descriptors, which are then owned here.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(r, 0, "openpty");
    // SAFETY: both descriptors come from openpty and are not used elsewhere.
    let (_master, slave) = unsafe {
        (
            std::fs::File::from_raw_fd(master),
            std::fs::File::from_raw_fd(slave),
        )
    };
    for cmd in ["parse", "check", "fmt"] {
        let o = Command::new(env!("CARGO_BIN_EXE_tigang"))
            .arg(cmd)
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        let err = stderr(&o);
        assert!(
            err.contains("give a file or folder, or pipe text"),
            "{cmd}: {err}"
        );
    }
}

#[test]
fn dash_o_file_writes_that_file() {
    let dir = std::env::temp_dir().join(format!("tigang-habits-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("a.txt");
    std::fs::write(&input, SRC).unwrap();
    let out = dir.join("out.json");
    let o = tigang(
        &[
            "parse",
            "--format",
            "json",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.is_file(), "out.json is a file, not a folder");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(json["title"], "工作方案");
    // Written again: replaced atomically, no temporary file left beside it.
    let o = tigang(
        &[
            "parse",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("title: 工作方案")
    );
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    // Standard input to a file.
    let piped = dir.join("piped.md");
    let o = tigang(
        &[
            "parse",
            "--format",
            "markdown",
            "-o",
            piped.to_str().unwrap(),
        ],
        Some(SRC.as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&piped)
            .unwrap()
            .contains("# 工作方案")
    );

    // A name ending in `/` or an existing folder is a folder.
    let sub = format!("{}/md/", dir.display());
    let o = tigang(&["parse", input.to_str().unwrap(), "-o", &sub], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.join("md/a.txt").is_file());

    // -o FILE never replaces its input.
    let o = tigang(
        &[
            "parse",
            input.to_str().unwrap(),
            "-o",
            input.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("would replace the input"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&input).unwrap(), SRC);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn zero_is_refused_with_a_clear_message() {
    let chunks = ["--format", "chunks"].as_slice();
    for (opt, extra) in [
        ("--max-chars", chunks),
        ("--min-chars", chunks),
        ("--jobs", &[]),
    ] {
        let mut args = vec!["parse", opt, "0"];
        args.extend(extra);
        args.push("-");
        let o = tigang(&args, Some(SRC.as_bytes()));
        assert_eq!(o.status.code(), Some(2), "{opt}");
        let err = stderr(&o);
        assert!(err.contains("must be at least 1"), "{opt}: {err}");
        assert!(!err.contains("non-zero type"), "{opt}: {err}");
    }
    let o = tigang(&["parse", "--max-size", "0", "-"], Some(b"x"));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("must be at least 1 byte"),
        "{}",
        stderr(&o)
    );
    let o = tigang(&["parse", "--max-chars", "ten", "-"], Some(b"x"));
    assert!(stderr(&o).contains("not a whole number"), "{}", stderr(&o));
}

#[test]
fn version_on_every_subcommand() {
    let version = env!("CARGO_PKG_VERSION");
    for cmd in [
        ["--version"].as_slice(),
        &["parse", "--version"],
        &["check", "--version"],
        &["fmt", "--version"],
        &["lsp", "--version"],
        &["completions", "--version"],
    ] {
        let o = tigang(cmd, None);
        assert!(o.status.success(), "{cmd:?}: {}", stderr(&o));
        assert!(stdout(&o).contains(version), "{cmd:?}: {}", stdout(&o));
    }
}

#[test]
fn completions_and_man_page() {
    let o = tigang(&["completions", "bash"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let script = stdout(&o);
    assert!(
        script.contains("parse") && script.contains("--max-chars"),
        "{script}"
    );
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let o = tigang(&["completions", shell], None);
        assert!(o.status.success() && !o.stdout.is_empty(), "{shell}");
    }
    let o = tigang(&["completions", "tcsh"], None);
    assert_eq!(o.status.code(), Some(2));

    let o = tigang(&["man"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(
        page.contains(".TH tigang 1") && page.contains("parse"),
        "{page}"
    );
    let o = tigang(&["man", "parse"], None);
    assert!(stdout(&o).contains(".TH tigang-parse 1") && stdout(&o).contains("max\\-chars"));
    let o = tigang(&["man", "nope"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn summaries_say_1_heading_and_2_headings() {
    let dir = std::env::temp_dir().join(format!("tigang-plurals-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("one.txt"), "一、甲\n").unwrap();
    let o = tigang(&["parse", "--jsonl", dir.to_str().unwrap()], None);
    let err = stderr(&o);
    assert!(err.contains("tigang: 1 file, 1 heading, 0 failed"), "{err}");
    std::fs::write(dir.join("two.txt"), "一、甲\n二、乙\n").unwrap();
    let o = tigang(&["parse", "--jsonl", dir.to_str().unwrap()], None);
    let err = stderr(&o);
    assert!(
        err.contains("tigang: 2 files, 3 headings, 0 failed"),
        "{err}"
    );
    std::fs::write(dir.join("none.txt"), "没有标题\n").unwrap();
    std::fs::remove_file(dir.join("one.txt")).unwrap();
    std::fs::remove_file(dir.join("two.txt")).unwrap();
    let o = tigang(&["parse", "--jsonl", dir.to_str().unwrap()], None);
    assert!(stderr(&o).contains("1 file, 0 headings"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The README's exit-status table, row by row.
#[test]
fn exit_statuses_match_the_readme_table() {
    let dir = std::env::temp_dir().join(format!("tigang-exit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("mixed")).unwrap();
    let p = |name: &str| dir.join(name).to_str().unwrap().to_string();
    std::fs::write(dir.join("skip.txt"), "一、甲\n三、乙\n").unwrap();
    std::fs::write(dir.join("clean.txt"), "一、甲\n二、乙\n").unwrap();
    std::fs::write(dir.join("bad.txt"), b"\xff\xfe\x00\xd8").unwrap();
    std::fs::write(dir.join("doc.pdf"), b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n").unwrap();
    std::fs::write(dir.join("mixed/a.txt"), "一、甲\n").unwrap();
    std::fs::write(dir.join("mixed/b.txt"), b"\xff\xfe\x00\xd8").unwrap();
    let cases: &[(&[&str], i32)] = &[
        (&["parse", &p("clean.txt")], 0),
        (&["parse", "-q", &p("mixed")], 1),
        (&["parse", &p("bad.txt")], 1),
        (&["parse", &p("doc.pdf")], 2),
        (&["parse", &p("missing.txt")], 2),
        (&["parse", "--no-such-option"], 2),
        (&["check", &p("clean.txt")], 0),
        (&["check", &p("skip.txt")], 1),
        (&["check", "--deny", "never", &p("skip.txt")], 0),
        (&["check", &p("missing.txt")], 2),
        (&["fmt", "--check", &p("clean.txt")], 0),
        (&["fmt", "--check", &p("skip.txt")], 1),
        (&["fmt", "--diff", &p("skip.txt")], 1),
        (&["fmt", &p("missing.txt")], 2),
        (&["completions", "tcsh"], 2),
        (&["man", "nope"], 2),
    ];
    for (args, want) in cases {
        let o = tigang(args, None);
        assert_eq!(o.status.code(), Some(*want), "{args:?}: {}", stderr(&o));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
