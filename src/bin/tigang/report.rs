//! What every part of the command line says the same way: paths as
//! messages show them, I/O errors in words, counts of things, the last
//! flush of standard output and the exit status of a usage error. The
//! bottom of the command line's modules: it imports none of them, so that
//! `input`, `write` and `batch` can all use it without importing each other
//! (`.ci/modules.py`).

use std::io::{self, Write};
use std::path::Path;

/// Exit status for usage and I/O errors.
pub const EXIT_USAGE: u8 = 2;

/// A path as messages show it: control characters (an escape sequence
/// could rewrite the terminal) and bidirectional overrides (which reorder
/// what is shown) as `\x1b` / `\u{202e}`, bytes that are not UTF-8 as `\xff`.
pub fn shown(path: &Path) -> String {
    let mut out = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            let bidi = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if c.is_control() && (c as u32) < 0x80 {
                out.push_str(&format!("\\x{:02x}", c as u32));
            } else if c.is_control() || bidi {
                out.push_str(&format!("\\u{{{:04x}}}", c as u32));
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// `PATH: reason` for an I/O error, in words rather than an errno.
pub fn io_message(path: &Path, e: &io::Error) -> String {
    let name = shown(path);
    match e.kind() {
        io::ErrorKind::NotFound => format!("{name}: no such file"),
        io::ErrorKind::PermissionDenied => format!("{name}: permission denied"),
        io::ErrorKind::IsADirectory => format!("{name}: is a directory"),
        _ => format!("{name}: cannot read: {e}"),
    }
}

/// `1 heading`, `2 headings`, `0 headings`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The last write: an error here (a full disk) must not pass for success.
pub fn flush(out: &mut impl Write) -> Result<(), String> {
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("cannot write output: {e}")),
        _ => Ok(()),
    }
}
