//! The command line: formats, stdin, and clear errors with their exit status.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn tigang(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

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
