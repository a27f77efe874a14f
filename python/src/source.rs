//! Bytes to text for `parse(bytes)` and `read(path)`: the library's one
//! reader entry point, `tigang::input::read` (text in any encoding, Word
//! `.docx`, HTML, decided by content), so that the package reads what the
//! command line reads. Messages are the command line's.

use std::path::Path;

use tigang::input::decode::{self, DecodeError};
use tigang::input::{ErrorKind, Extracted, Options, ReadError};

/// Why bytes gave no text. `Display` is the message without the file name.
#[derive(Debug)]
pub enum LoadError {
    /// `encoding=` named no encoding.
    UnknownEncoding(String),
    /// The reader's error: not a document, bytes that do not decode, a
    /// damaged `.docx`.
    Read(ReadError),
    /// The file could not be read.
    Io(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::UnknownEncoding(name) => write!(
                f,
                "unknown encoding `{name}`; try utf-8, gb18030, gbk, big5, utf-16le or utf-16be"
            ),
            // The command line's advice for text that does not decode
            // (`input::advice` of `tigang parse`, which takes --lossy, as
            // `lossy=True` here): the same words whichever tool printed them.
            LoadError::Read(e) => match e.decode_error() {
                Some(d @ DecodeError::Malformed(m)) if m.damage.is_some() => {
                    write!(f, "{d}; --lossy replaces the bad bytes with U+FFFD")
                }
                Some(d @ DecodeError::Malformed(_)) => write!(
                    f,
                    "{d}; use --encoding NAME to choose another encoding or --lossy to replace bad bytes"
                ),
                _ => e.fmt(f),
            },
            LoadError::Io(reason) => f.write_str(reason),
        }
    }
}

impl LoadError {
    /// The `tigang._errors` class for this error.
    pub fn class_name(&self) -> &'static str {
        match self {
            LoadError::UnknownEncoding(_) => "UnknownEncodingError",
            LoadError::Io(reason) if reason == "no such file" => "FileNotFound",
            LoadError::Io(_) => "ReadError",
            LoadError::Read(e) => match e.kind() {
                ErrorKind::Decode => "DecodeError",
                ErrorKind::NotText | ErrorKind::Unsupported => "UnsupportedFileError",
                _ => "DamagedFileError",
            },
        }
    }
}

/// Reads `bytes` as the command line does (`tigang::input::read`).
pub fn load(bytes: Vec<u8>, encoding: Option<&str>, lossy: bool) -> Result<Extracted, LoadError> {
    let forced = match encoding {
        Some(name) => Some(
            decode::encoding_for_label(name)
                .ok_or_else(|| LoadError::UnknownEncoding(name.to_string()))?,
        ),
        None => None,
    };
    let options = Options::default().encoding(forced).lossy(lossy);
    tigang::input::read(bytes, &options).map_err(LoadError::Read)
}

/// The default of `read(max_size=)`: the command line's `--max-size`.
pub const MAX_SIZE: u64 = 1 << 30;

/// How much of a file is read first, to refuse a binary from its first bytes.
const HEAD: u64 = 64 * 1024;

/// Reads a file's bytes as the command line does: a regular file only (a
/// FIFO, a device, `/dev/zero` are refused at once, never read), at most
/// `max` bytes, a binary refused from its first bytes. The messages are
/// the command line's for the same errors.
pub fn read_file(path: &Path, max: u64) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let io = |e: std::io::Error| {
        LoadError::Io(match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".into(),
            std::io::ErrorKind::PermissionDenied => "permission denied".into(),
            std::io::ErrorKind::IsADirectory => "is a directory; give a text file".into(),
            _ => format!("cannot read: {e}"),
        })
    };
    // Non-blocking: opening a FIFO must not wait for a writer.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(LoadError::Io("is a directory; give a text file".into()));
    }
    if !meta.is_file() {
        return Err(LoadError::Io(
            "not a regular file (a FIFO, a device or a socket); give a file, or read it into bytes and call tigang.parse".into(),
        ));
    }
    let too_big = || {
        LoadError::Io(format!(
            "larger than max_size ({max} bytes); pass a larger max_size= to read it"
        ))
    };
    if meta.len() > max {
        return Err(too_big());
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    let mut reader = file;
    (&mut reader).take(HEAD).read_to_end(&mut buf).map_err(io)?;
    let kind = tigang::input::sniff::sniff(&buf);
    // A ZIP may be a .docx: the reader looks at its entries.
    if kind.is_binary() && kind != tigang::input::sniff::Kind::Zip {
        return Err(LoadError::Read(ReadError::not_text(kind)));
    }
    // The file may have grown since it was measured.
    reader
        .take((max + 1).saturating_sub(buf.len() as u64))
        .read_to_end(&mut buf)
        .map_err(io)?;
    if buf.len() as u64 > max {
        return Err(too_big());
    }
    Ok(buf)
}
