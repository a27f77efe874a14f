//! Bytes to text for `parse(bytes)` and `read(path)`: the one place the
//! package turns what is on disk into the text it parses, so that new
//! readers of the library (Word, HTML) reach Python by changing this file
//! only. Messages are the command line's.

use std::path::Path;

use tigang::input::decode::{self, DecodeError};
use tigang::input::sniff::{Kind, sniff};

/// Decoded text and how it was obtained.
pub struct Loaded {
    pub text: String,
    /// The JSON's `"encoding"` (`UTF-8`, `GB18030`, `Big5`, …).
    pub encoding: &'static str,
    /// U+FFFD replacements made with `lossy`.
    pub replaced: usize,
}

/// Why bytes gave no text. `Display` is the message without the file name.
#[derive(Debug)]
pub enum LoadError {
    /// `encoding=` named no encoding.
    UnknownEncoding(String),
    /// The bytes are not valid in the encoding found or given.
    Decode(DecodeError),
    /// Not text at all: a PDF, an old `.doc`, an image, an archive…
    Unsupported(Kind),
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
            LoadError::Decode(e) => e.fmt(f),
            LoadError::Unsupported(kind) => write!(
                f,
                "this is {}, not a text document; save or convert it as text (.txt) first",
                kind.describe()
            ),
            LoadError::Io(reason) => f.write_str(reason),
        }
    }
}

/// Decodes `bytes` as the command line does: a BOM, valid UTF-8, then
/// detection of GB18030/GBK and Big5, or the encoding named. A binary file
/// is refused before it is decoded into garbage.
pub fn load(bytes: Vec<u8>, encoding: Option<&str>, lossy: bool) -> Result<Loaded, LoadError> {
    let forced = match encoding {
        Some(name) => Some(
            decode::encoding_for_label(name)
                .ok_or_else(|| LoadError::UnknownEncoding(name.to_string()))?,
        ),
        None => None,
    };
    let kind = sniff(&bytes);
    if kind.is_binary() {
        return Err(LoadError::Unsupported(kind));
    }
    let d = decode::decode(bytes, forced, lossy).map_err(LoadError::Decode)?;
    Ok(Loaded {
        text: d.text,
        encoding: d.encoding,
        replaced: d.replaced,
    })
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
