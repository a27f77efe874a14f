//! Reading documents: files or standard input, with errors that say what to do.

use std::io::{self, Read};
use std::path::Path;

/// Reads a file (or stdin for `-`) as UTF-8.
pub fn read_text(file: &Path) -> Result<String, String> {
    let name = file.display();
    let bytes = if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        buf
    } else {
        if file.is_dir() {
            return Err(format!("{name}: is a directory; give a text file"));
        }
        std::fs::read(file).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => format!("{name}: no such file"),
            _ => format!("{name}: cannot read: {e}"),
        })?
    };
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        format!(
            "{name}: not valid UTF-8 at byte {at} (line {line}); convert the file to UTF-8 \
             first (e.g. `iconv -f GB18030 -t UTF-8`); other encodings are not read yet"
        )
    })
}
