//! Running the `tigang` binary from the CLI tests.

#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `tigang ARGS`, feeding `stdin` if given, and waits for it. The
/// locale is neutral (messages in English) whatever the caller's is.
pub fn tigang(args: &[&str], stdin: Option<&[u8]>) -> Output {
    tigang_with(args, stdin, &[("LANG", "C.UTF-8")])
}

/// [`tigang`] with environment variables set (after the locale variables
/// and `COLUMNS` are cleared).
pub fn tigang_with(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("COLUMNS")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tigang binary runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    if let Some(bytes) = stdin {
        // A command that refuses its input may exit before reading it.
        if let Err(e) = pipe.write_all(bytes) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    }
    drop(pipe);
    child.wait_with_output().expect("tigang finishes")
}

/// Standard output, which must be UTF-8.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("output is UTF-8")
}

/// Standard error, for messages.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What a run of `tigang` cost: its exit status, its standard error, the
/// wall time and the peak resident memory of the process. Standard output
/// is discarded.
pub struct Measured {
    pub code: Option<i32>,
    pub stderr: String,
    pub seconds: f64,
    pub peak_rss: u64,
}

/// Starts `tigang` from a small Python process and reports the child's
/// `ru_maxrss`: a child started from the test process itself would count
/// that process's memory as its own (Linux keeps the high-water mark of
/// the memory a process had before `exec`).
const MEASURE: &str = r#"
import resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sys.stdout.write(f"{p.returncode} {time.monotonic() - t} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\n")
sys.stdout.buffer.write(p.stderr)
"#;

/// Runs `tigang ARGS` (English messages) and measures it; see [`Measured`].
pub fn measured(args: &[&str]) -> Measured {
    let out = Command::new("python3")
        .arg("-c")
        .arg(MEASURE)
        .arg(env!("CARGO_BIN_EXE_tigang"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("python3 runs (the memory tests measure through it)");
    let text = String::from_utf8_lossy(&out.stdout);
    let (head, stderr) = text.split_once('\n').expect("python3 reported");
    let mut fields = head.split(' ');
    let mut next = || fields.next().expect("three fields");
    let code: i32 = next().parse().unwrap();
    let seconds: f64 = next().parse().unwrap();
    let kib: u64 = next().parse().unwrap();
    Measured {
        code: (code >= 0).then_some(code),
        stderr: stderr.to_owned(),
        seconds,
        peak_rss: kib * 1024,
    }
}
