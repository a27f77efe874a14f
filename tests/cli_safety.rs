//! Issue 10 ("never lose, change or misread a user's bytes"), on real files:
//! `-o` inside the input folder, symbolic and hard links, the temporary
//! file's mode and its removal when the process is killed between write and
//! rename, full disks, FIFOs and devices, sizes, binaries, misdecoding, and
//! file names that are not safe to print. Each test failed on the code the
//! issue was filed against.
#![cfg(all(feature = "cli", unix))]

use crate::run;

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use run::{stderr, stdout, tigang};

const DOC: &str = "关于做好安全生产工作的讲话\n同志们：\n一、提高认识。安全是发展的前提，必须常抓不懈，落实到生产经营的每一个环节。\n三、压实责任。\n";
const FIXED: &str = "关于做好安全生产工作的讲话\n同志们：\n一、提高认识。安全是发展的前提，必须常抓不懈，落实到生产经营的每一个环节。\n二、压实责任。\n";

/// A fresh folder under the target directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("safety-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tigang"));
    c.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Waits for `child` at most `secs` seconds; a hang kills it and fails.
fn wait_bounded(mut child: Child, secs: u64, what: &str) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(secs) {
            child.kill().unwrap();
            panic!("{what}: still running after {secs} s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

/// Starts `tigang ARGS` paused at `step` of the atomic write and waits
/// until it is there.
fn paused_at(step: &str, args: &[&str], flag: &Path) -> Child {
    let _ = fs::remove_file(flag);
    let child = command(args)
        .env("TIGANG_TEST_PAUSE_AT", step)
        .env("TIGANG_TEST_PAUSE_FLAG", flag)
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !flag.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "tigang never reached {step}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child
}

fn kill(child: &Child, sig: i32) {
    // SAFETY: sending a signal to our own child.
    assert_eq!(unsafe { libc::kill(child.id() as i32, sig) }, 0);
}

// ---- item 1: -o inside the input folder ----------------------------------

#[test]
fn output_folder_inside_an_input_folder_is_refused() {
    let dir = scratch("o-inside");
    let d = dir.join("d");
    fs::create_dir_all(d.join("sub")).unwrap();
    fs::write(d.join("sub/a.txt"), "一、子目录里的输入\n").unwrap();
    fs::write(d.join("a.txt"), DOC).unwrap();
    // The reproduction: d/sub/a.txt used to be replaced by d/a.txt's tree.
    let o = tigang(&["parse", "-j1", s(&d), "-o", s(&d.join("sub"))], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("inside the input folder"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(d.join("sub/a.txt")).unwrap(),
        "一、子目录里的输入\n"
    );
    // The same through a symbolic link, and through `..`.
    std::os::unix::fs::symlink(d.join("sub"), dir.join("out-link")).unwrap();
    let o = tigang(&["parse", s(&d), "-o", s(&dir.join("out-link"))], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let dotdot = d.join("sub/../new");
    let o = tigang(&["parse", s(&d), "-o", s(&dotdot)], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!d.join("new").exists(), "nothing was written");
    // An output that would be an input named on its own.
    let o = tigang(&["parse", s(&d.join("a.txt")), "-o", s(&d)], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("would replace the input"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(d.join("a.txt")).unwrap(), DOC);
    // Outside the inputs it works.
    let o = tigang(&["parse", s(&d), "-o", s(&dir.join("out"))], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.join("out/sub/a.txt").exists());
}

// ---- item 7: parse -o atomic, never through a link, exit 2 ---------------

#[test]
fn outputs_never_go_through_symbolic_links() {
    let dir = scratch("o-links");
    let input = dir.join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    fs::write(input.join("sub/a.txt"), DOC).unwrap();
    fs::write(input.join("b.txt"), DOC).unwrap();
    let out = dir.join("out");
    let elsewhere = dir.join("elsewhere");
    fs::create_dir_all(&out).unwrap();
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("keep.json"), "precious").unwrap();
    // out/sub is a link out of the output folder; out/b.json a link to a file.
    std::os::unix::fs::symlink(&elsewhere, out.join("sub")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("keep.json"), out.join("b.json")).unwrap();
    let o = tigang(&["parse", "-f", "json", s(&input), "-o", s(&out)], None);
    assert_eq!(o.status.code(), Some(2), "an output not written is exit 2");
    let err = stderr(&o);
    assert!(err.contains("is a symbolic link"), "{err}");
    assert_eq!(
        listing(&elsewhere),
        ["keep.json"],
        "nothing written through out/sub"
    );
    assert_eq!(
        fs::read_to_string(elsewhere.join("keep.json")).unwrap(),
        "precious"
    );
    assert!(
        fs::symlink_metadata(out.join("b.json"))
            .unwrap()
            .is_symlink()
    );
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the write hooks exist in debug builds only"
)]
fn parse_o_writes_each_output_atomically() {
    let dir = scratch("o-atomic");
    let input = dir.join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("a.txt"), DOC).unwrap();
    let out = dir.join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("a.json"), "the previous result").unwrap();
    let flag = dir.join("flag");
    let args = ["parse", "-f", "json", s(&input), "-o", s(&out)];
    for (step, sig) in [("rename", libc::SIGTERM), ("link", libc::SIGKILL)] {
        let child = paused_at(step, &args, &flag);
        kill(&child, sig);
        let o = wait_bounded(child, 20, "killed parse -o");
        assert!(!o.status.success());
        assert_eq!(
            listing(&out),
            ["a.json"],
            "no temporary file left after {step}"
        );
        assert_eq!(
            fs::read_to_string(out.join("a.json")).unwrap(),
            "the previous result",
            "the old output is whole until the rename"
        );
    }
    let o = tigang(&args, None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("a.json")).unwrap()).unwrap();
    assert_eq!(v["children"][0]["marker"], "一、");
}

// ---- item 5: symbolic links, hard links, metadata -------------------------

#[test]
fn fmt_write_on_a_symbolic_link_writes_its_target() {
    let dir = scratch("fmt-symlink");
    let target = dir.join("real.txt");
    fs::write(&target, DOC).unwrap();
    let link = dir.join("link.txt");
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    let o = tigang(&["fmt", "--write", s(&link)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("real.txt"),
        "names the target: {}",
        stderr(&o)
    );
    assert!(
        fs::symlink_metadata(&link).unwrap().is_symlink(),
        "still a link"
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), FIXED);
    assert_eq!(listing(&dir), ["link.txt", "real.txt"]);
}

#[test]
fn fmt_write_refuses_hard_linked_files() {
    let dir = scratch("fmt-hardlink");
    let a = dir.join("a.txt");
    fs::write(&a, DOC).unwrap();
    fs::hard_link(&a, dir.join("b.txt")).unwrap();
    let o = tigang(&["fmt", "--write", s(&a)], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("hard links"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&a).unwrap(), DOC);
    assert_eq!(
        fs::metadata(&a).unwrap().nlink(),
        2,
        "the link is not split"
    );
}

fn set_xattr(path: &Path, name: &str, value: &[u8]) {
    let p = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    let n = std::ffi::CString::new(name).unwrap();
    // SAFETY: valid strings and a buffer of the given length.
    let r = unsafe {
        libc::setxattr(
            p.as_ptr(),
            n.as_ptr(),
            value.as_ptr().cast(),
            value.len(),
            0,
        )
    };
    assert_eq!(r, 0, "setxattr: {}", std::io::Error::last_os_error());
}

fn get_xattr(path: &Path, name: &str) -> Option<Vec<u8>> {
    let p = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    let n = std::ffi::CString::new(name).unwrap();
    let mut buf = vec![0u8; 256];
    // SAFETY: as above.
    let r = unsafe { libc::getxattr(p.as_ptr(), n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    (r >= 0).then(|| {
        buf.truncate(r as usize);
        buf
    })
}

#[test]
fn fmt_write_keeps_mode_owner_and_extended_attributes() {
    let dir = scratch("fmt-meta");
    let a = dir.join("a.txt");
    fs::write(&a, DOC).unwrap();
    fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap();
    set_xattr(&a, "user.tigang.test", "审阅中".as_bytes());
    // SAFETY: plain getters.
    let root = unsafe { libc::geteuid() } == 0;
    let (uid, gid) = if root {
        std::os::unix::fs::chown(&a, Some(4321), Some(8765)).unwrap();
        (4321, 8765)
    } else {
        let m = fs::metadata(&a).unwrap();
        (m.uid(), m.gid())
    };
    let ino = fs::metadata(&a).unwrap().ino();
    let o = tigang(&["fmt", "--write", s(&a)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let m = fs::metadata(&a).unwrap();
    assert_ne!(m.ino(), ino, "replaced by a new file (atomic rename)");
    assert_eq!(fs::read_to_string(&a).unwrap(), FIXED);
    assert_eq!(m.mode() & 0o7777, 0o640);
    assert_eq!((m.uid(), m.gid()), (uid, gid));
    assert_eq!(
        get_xattr(&a, "user.tigang.test").unwrap(),
        "审阅中".as_bytes()
    );
}

// ---- item 6: the temporary file --------------------------------------------

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the write hooks exist in debug builds only"
)]
fn the_temporary_file_is_private_and_removed_when_killed() {
    let dir = scratch("fmt-kill");
    let a = dir.join("a.txt");
    let flag = Path::new(env!("CARGO_TARGET_TMPDIR")).join("safety-fmt-kill.flag");
    for (step, sig) in [
        ("rename", libc::SIGTERM),
        ("rename", libc::SIGINT),
        ("rename", libc::SIGHUP),
        ("link", libc::SIGKILL),
    ] {
        fs::write(&a, DOC).unwrap();
        fs::set_permissions(&a, fs::Permissions::from_mode(0o600)).unwrap();
        let child = paused_at(step, &["fmt", "--write", s(&a)], &flag);
        if step == "rename" {
            // Named now: readable by its owner only, as the 0600 original.
            let tmp: Vec<_> = listing(&dir).into_iter().filter(|n| n != "a.txt").collect();
            assert_eq!(tmp.len(), 1, "{tmp:?}");
            assert!(tmp[0].starts_with(".a.txt.tigang-"), "{tmp:?}");
            let mode = fs::metadata(dir.join(&tmp[0])).unwrap().mode() & 0o777;
            assert_eq!(mode, 0o600, "temporary file mode {mode:o}");
        } else {
            assert_eq!(listing(&dir), ["a.txt"], "unnamed until written");
        }
        kill(&child, sig);
        let o = wait_bounded(child, 20, "killed fmt --write");
        assert!(!o.status.success(), "signal {sig}");
        assert_eq!(
            listing(&dir),
            ["a.txt"],
            "temporary file left after signal {sig}"
        );
        assert_eq!(
            fs::read_to_string(&a).unwrap(),
            DOC,
            "the original is intact"
        );
    }
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the write hooks exist in debug builds only"
)]
fn an_error_before_the_rename_removes_the_temporary_file() {
    let dir = scratch("fmt-fail");
    let a = dir.join("a.txt");
    fs::write(&a, DOC).unwrap();
    let o = command(&["fmt", "--write", s(&a)])
        .env("TIGANG_TEST_FAIL_AT", "rename")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the file is unchanged"),
        "{}",
        stderr(&o)
    );
    assert_eq!(listing(&dir), ["a.txt"]);
    assert_eq!(fs::read_to_string(&a).unwrap(), DOC);
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the write hooks exist in debug builds only"
)]
fn a_file_changed_during_the_write_is_not_replaced() {
    let dir = scratch("fmt-race");
    let a = dir.join("a.txt");
    fs::write(&a, DOC).unwrap();
    let flag = dir.with_extension("flag");
    let child = paused_at("link", &["fmt", "--write", s(&a)], &flag);
    // Someone saves the file meanwhile.
    fs::write(&a, format!("{DOC}四、新加的一段\n")).unwrap();
    fs::remove_file(&flag).unwrap();
    let o = wait_bounded(child, 20, "fmt --write");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("changed while tigang"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(&a).unwrap(),
        format!("{DOC}四、新加的一段\n")
    );
    assert_eq!(listing(&dir), ["a.txt"]);
}

/// An edit that keeps the size and restores the mtime (`touch -r`,
/// `cp -p`) still changes the ctime, which the write checks (issue 23).
#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the write hooks exist in debug builds only"
)]
fn a_same_size_edit_that_restores_the_mtime_is_not_replaced() {
    let dir = scratch("fmt-race-mtime");
    let a = dir.join("a.txt");
    fs::write(&a, DOC).unwrap();
    let mtime = fs::metadata(&a).unwrap().modified().unwrap();
    let flag = dir.with_extension("flag");
    let child = paused_at("link", &["fmt", "--write", s(&a)], &flag);
    // Someone saves the same number of bytes and puts the mtime back.
    let edited = DOC.replace("讲话", "发言");
    assert_eq!(edited.len(), DOC.len());
    fs::write(&a, &edited).unwrap();
    fs::File::options()
        .write(true)
        .open(&a)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(fs::metadata(&a).unwrap().modified().unwrap(), mtime);
    fs::remove_file(&flag).unwrap();
    let o = wait_bounded(child, 20, "fmt --write");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("changed while tigang"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&a).unwrap(), edited);
    assert_eq!(listing(&dir), ["a.txt"]);
}

// ---- item 7: a full disk ---------------------------------------------------

#[test]
fn output_to_a_full_disk_fails() {
    let dir = scratch("full");
    let a = dir.join("a.txt");
    fs::write(&a, DOC).unwrap();
    for args in [
        &["fmt", s(&a)][..],
        &["fmt", "--diff", s(&a)],
        &["check", s(&a)],
        &["check", "--format", "json", s(&a)],
        &["parse", s(&a)],
        &["parse", "--jsonl", s(&a), s(&a)],
    ] {
        let o = command(args)
            .stdout(
                fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("cannot write output"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

// ---- item 9: FIFOs, devices, sizes ---------------------------------------

#[test]
fn fifos_and_devices_are_refused_without_blocking() {
    let dir = scratch("fifo");
    let fifo = dir.join("pipe.txt");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    for args in [
        &["parse", s(&fifo)][..],
        &["check", s(&fifo)],
        &["fmt", s(&fifo)],
        &["fmt", "--write", s(&fifo)],
        &["parse", "/dev/zero"],
        &["check", "/dev/zero"],
    ] {
        let o = wait_bounded(command(args).spawn().unwrap(), 10, &format!("{args:?}"));
        assert!(!o.status.success(), "{args:?}");
        assert!(
            stderr(&o).contains("not a regular file"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // A folder holding a FIFO with a text name: the FIFO is left out.
    fs::write(dir.join("a.txt"), DOC).unwrap();
    let o = wait_bounded(
        command(&["parse", "--jsonl", s(&dir)]).spawn().unwrap(),
        10,
        "parse DIR",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn endless_and_oversized_inputs_stop() {
    // /dev/zero on stdin is binary from its first bytes.
    let o = wait_bounded(
        command(&["parse", "-"])
            .stdin(fs::File::open("/dev/zero").unwrap())
            .spawn()
            .unwrap(),
        20,
        "parse - < /dev/zero",
    );
    // No document at all, and the only input: a usage error (issue 13).
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("binary data"), "{}", stderr(&o));
    // Text beyond --max-size, from stdin and from a file.
    let big = DOC.repeat(100);
    let o = tigang(&["parse", "--max-size", "4K", "-"], Some(big.as_bytes()));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("larger than --max-size 4 KiB"),
        "{}",
        stderr(&o)
    );
    let dir = scratch("max-size");
    fs::write(dir.join("big.txt"), &big).unwrap();
    for cmd in ["parse", "check", "fmt"] {
        let o = tigang(&[cmd, "--max-size", "4K", s(&dir.join("big.txt"))], None);
        assert!(!o.status.success(), "{cmd}");
        assert!(stderr(&o).contains("--max-size"), "{cmd}: {}", stderr(&o));
    }
    let o = tigang(
        &["parse", "--max-size", "1M", s(&dir.join("big.txt"))],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = tigang(&["parse", "--max-size", "lots", "-"], Some(b""));
    assert_eq!(o.status.code(), Some(2), "a usage error");
}

// ---- item 8: decoding ------------------------------------------------------

fn gb(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

#[test]
fn damaged_utf8_is_not_read_as_gb18030() {
    let mut bytes = "一".as_bytes().to_vec();
    bytes.push(0xB1);
    bytes.extend_from_slice(&DOC.as_bytes()[3..]);
    let o = tigang(&["parse", "-"], Some(&bytes));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("not valid UTF-8 at byte 3 (line 1): 0xB1"),
        "{err}"
    );
    assert!(err.contains("a damaged UTF-8 file"), "{err}");
    // --lossy replaces that one byte; the rest reads as written.
    let o = tigang(&["parse", "--lossy", "-f", "json", "-"], Some(&bytes));
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v["source"]["encoding"].as_str(), v["replacements"].as_u64()),
        (Some("UTF-8"), Some(1))
    );
    assert_eq!(v["children"][0]["title"], "提高认识");
}

#[test]
fn short_legacy_texts_are_reported_as_guesses() {
    let dir = scratch("guess");
    let a = dir.join("a.txt");
    fs::write(&a, gb("一、附件\n三、讲话\n")).unwrap();
    let o = tigang(&["parse", "-f", "json", s(&a)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("encoding guessed: GB18030 (low confidence)"),
        "{}",
        stderr(&o)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["encoding_confidence"], "low");
    assert_eq!(v["children"][1]["title"], "讲话");
    let o = tigang(&["check", s(&a)], None);
    assert!(stderr(&o).contains("low confidence"), "{}", stderr(&o));
    // --write does not write back on a guess, but does with --encoding.
    let o = tigang(&["fmt", "--write", s(&a)], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--encoding"), "{}", stderr(&o));
    assert_eq!(fs::read(&a).unwrap(), gb("一、附件\n三、讲话\n"));
    let o = tigang(&["fmt", "--write", "--encoding", "gbk", s(&a)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(fs::read(&a).unwrap(), gb("一、附件\n二、讲话\n"));
    // A long text is detected without a note.
    let o = tigang(&["parse", "-"], Some(&gb(DOC)));
    assert!(o.status.success());
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn binaries_are_never_decoded() {
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x1c\x8b\x9bZ".to_vec();
    let o = tigang(&["parse", "-"], Some(&zip));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("a ZIP archive"), "{}", stderr(&o));
    // Random 10-byte files: none may come out as "text".
    let mut seed = 0x2545F4914F6CDD1Du64;
    let mut accepted = Vec::new();
    for _ in 0..100 {
        let bytes: Vec<u8> = (0..10)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect();
        if tigang::input::decode::decode(bytes.clone(), None, false).is_ok() {
            accepted.push(bytes);
        }
    }
    assert!(
        accepted.len() <= 2,
        "{} of 100 accepted: {accepted:x?}",
        accepted.len()
    );
}

#[test]
fn utf16_without_bom_is_read_and_written_back_without_bom() {
    let dir = scratch("utf16");
    let a = dir.join("a.txt");
    let le: Vec<u8> = DOC.encode_utf16().flat_map(u16::to_le_bytes).collect();
    fs::write(&a, &le).unwrap();
    let o = tigang(&["parse", "-f", "json", s(&a)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["source"]["encoding"], "UTF-16LE");
    let o = tigang(&["fmt", "--write", s(&a)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let want: Vec<u8> = FIXED.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(fs::read(&a).unwrap(), want);
}

#[test]
fn check_and_fmt_take_encoding_and_lossy_and_advise_only_what_they_take() {
    let dir = scratch("options");
    let a = dir.join("a.txt");
    let mut bytes = gb(DOC);
    bytes.push(0xD6); // a GB18030 character cut off at the end
    fs::write(&a, &bytes).unwrap();
    for cmd in ["check", "fmt"] {
        let o = tigang(&[cmd, s(&a)], None);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        assert!(stderr(&o).contains("--lossy"), "{cmd}: {}", stderr(&o));
        let o = tigang(&[cmd, "--lossy", s(&a)], None);
        assert_ne!(o.status.code(), Some(2), "{cmd}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("replaced with U+FFFD"),
            "{cmd}: {}",
            stderr(&o)
        );
    }
    let o = tigang(&["fmt", "--lossy", s(&a)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("二、压实责任"));
    // --write takes no --lossy, so its messages do not suggest it.
    let o = tigang(&["fmt", "--write", s(&a)], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains("--lossy"), "{}", stderr(&o));
    let o = tigang(&["fmt", "--write", "--lossy", s(&a)], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read(&a).unwrap(), bytes);
    // --encoding is taken by check and fmt.
    let big5 = dir.join("b.txt");
    fs::write(&big5, encoding_rs::BIG5.encode("一、總則\n三、附則\n").0).unwrap();
    let o = tigang(&["check", "--encoding", "big5", s(&big5)], None);
    assert!(stdout(&o).contains("expected 二、"), "{}", stdout(&o));
    let o = tigang(&["fmt", "--encoding", "big5", s(&big5)], None);
    assert_eq!(stdout(&o), "一、總則\n二、附則\n");
}

// ---- item 10: threads, names ---------------------------------------------

#[test]
fn a_huge_job_count_is_capped() {
    let dir = scratch("jobs");
    for i in 0..3 {
        fs::write(dir.join(format!("{i}.txt")), DOC).unwrap();
    }
    let start = Instant::now();
    let o = wait_bounded(
        command(&["parse", "-j", "100000", "--jsonl", s(&dir)])
            .spawn()
            .unwrap(),
        30,
        "-j 100000",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 3);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn file_names_are_never_printed_raw() {
    let dir = scratch("names");
    let evil = dir.join("a\x1b[31mred\u{202e}txt.txt");
    fs::write(&evil, gb("一、甲\n三、乙\n")).unwrap();
    for args in [
        &["parse", s(&evil)][..],
        &["check", s(&evil)],
        &["fmt", "--check", s(&evil)],
    ] {
        let o = tigang(args, None);
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(
            !all.contains('\x1b') && !all.contains('\u{202e}'),
            "{args:?}: {all:?}"
        );
        assert!(
            all.contains("a\\x1b[31mred\\u{202e}txt.txt"),
            "{args:?}: {all}"
        );
    }
    // The JSON keeps the name exactly.
    let o = tigang(&["parse", "--jsonl", "--encoding", "gbk", s(&evil)], None);
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["file"], s(&evil));
}

#[test]
fn non_utf8_file_names_survive_in_jsonl() {
    let dir = scratch("non-utf8");
    // `报告.txt` in GBK, as an old archive unpacks it.
    let mut raw = dir.as_os_str().as_bytes().to_vec();
    raw.extend_from_slice(b"/\xB1\xA8\xB8\xE6.txt");
    let path = PathBuf::from(OsStr::from_bytes(&raw));
    fs::write(&path, DOC).unwrap();
    let o = tigang(&["parse", "--jsonl", s(&dir)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let hex = v["file_hex"].as_str().unwrap();
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    assert_eq!(bytes, raw, "file_hex gives the name back byte for byte");
    assert!(v["file"].as_str().unwrap().ends_with("\u{FFFD}.txt"));
    let o = command(&["parse", "-f", "chunks"])
        .arg(&path)
        .output()
        .unwrap();
    let first: serde_json::Value =
        serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(first["file_hex"], hex);
    // Messages show the bytes escaped.
    let o = command(&["check"]).arg(&path).output().unwrap();
    assert!(
        stdout(&o).contains("\\xb1\\xa8\\xb8\\xe6.txt"),
        "{}",
        stdout(&o)
    );
}

// ---- batches: new outputs take their name at once, old ones are renamed over

#[test]
fn a_batch_writes_new_outputs_whole_and_replaces_old_ones() {
    let dir = scratch("batch-fresh");
    let (inp, out) = (dir.join("in"), dir.join("out"));
    fs::create_dir_all(inp.join("sub")).unwrap();
    fs::write(inp.join("a.txt"), DOC).unwrap();
    fs::write(inp.join("sub/b.txt"), "一、甲\n二、乙\n").unwrap();
    let run = || tigang(&["parse", "-q", "-j2", s(&inp), "-o", s(&out)], None);
    let o = run();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(listing(&out), ["a.txt", "sub"]);
    assert_eq!(listing(&out.join("sub")), ["b.txt"]);
    let tree = |p: &Path| fs::read_to_string(p).unwrap();
    assert!(tree(&out.join("sub/b.txt")).contains("乙"));
    assert_eq!(fs::metadata(out.join("a.txt")).unwrap().nlink(), 1);

    // A second run replaces what the first wrote, and leaves nothing beside it.
    fs::write(inp.join("sub/b.txt"), "一、丙\n二、丁\n").unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(tree(&out.join("sub/b.txt")).contains("丁"));
    assert!(!tree(&out.join("sub/b.txt")).contains("乙"));
    assert_eq!(listing(&out), ["a.txt", "sub"]);
    assert_eq!(listing(&out.join("sub")), ["b.txt"]);

    // A link put where an output goes is still refused, not written through.
    let elsewhere = dir.join("elsewhere.txt");
    fs::write(&elsewhere, "keep").unwrap();
    fs::remove_file(out.join("a.txt")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("a.txt")).unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&elsewhere).unwrap(), "keep");
}
