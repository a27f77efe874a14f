//! Replacing a file atomically: the new bytes go to a temporary file beside
//! it, which is flushed to disk and renamed over the original. On any error
//! the temporary file is removed and the original is left as it was.
//!
//! The function takes the bytes to write, already encoded, so that a file read
//! in another encoding can be written back in it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces `path` with `bytes`, keeping its permissions.
pub fn replace_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = path.display();
    let meta = fs::metadata(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| format!("{name}: not a file name"))?
        .to_string_lossy();
    let (tmp, mut file) = create_temp(&dir, &file_name).map_err(|e| {
        format!(
            "{name}: cannot create a temporary file in {}: {e}",
            dir.display()
        )
    })?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.set_permissions(meta.permissions()))
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            fs::rename(&tmp, path)
        });
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(format!("{name}: cannot write (the file is unchanged): {e}"));
    }
    // Make the rename itself durable; not every platform can open a directory.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new file `.{name}.tigang-{pid}-{n}.tmp` in `dir`, never an existing one.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut last = None;
    for n in 0..100 {
        let tmp = dir.join(format!(".{name}.tigang-{pid}-{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}
