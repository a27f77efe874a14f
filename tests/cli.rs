//! The command line: formats, stdin, and the clear errors of exit status 2.
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
fn directory_is_exit_2() {
    let o = tigang(&["parse", env!("CARGO_MANIFEST_DIR")], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a directory"), "{}", stderr(&o));
}

#[test]
fn non_utf8_names_the_byte_offset() {
    // "一、" then a GBK-encoded "总体" (0xD7 0xDC 0xCC 0xE5).
    let mut bytes = "一、".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xD7, 0xDC, 0xCC, 0xE5, b'\n']);
    let o = tigang(&["parse", "-"], Some(&bytes));
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("not valid UTF-8 at byte 6"), "{err}");
    assert!(err.lines().count() == 1, "one clear line: {err}");
}
