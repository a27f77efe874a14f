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

/// Reads a file's bytes; the message is the command line's for the same error.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    if path.is_dir() {
        return Err(LoadError::Io("is a directory; give a text file".into()));
    }
    std::fs::read(path).map_err(|e| {
        LoadError::Io(match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".into(),
            std::io::ErrorKind::PermissionDenied => "permission denied".into(),
            std::io::ErrorKind::IsADirectory => "is a directory".into(),
            _ => format!("cannot read: {e}"),
        })
    })
}
