//! Bytes to text for `parse(bytes)` and `read(path)`: the one place the
//! package turns what is on disk into the text it parses, so that new
//! readers of the library (Word, HTML) reach Python by changing this file
//! only. Messages are the command line's.

use std::path::Path;

use tigang::input::decode::{self, Confidence, DecodeError};

/// Decoded text and how it was obtained.
pub struct Loaded {
    pub text: String,
    /// The JSON's `"encoding"` (`UTF-8`, `GB18030`, `Big5`, …).
    pub encoding: &'static str,
    /// Whether the encoding is a guess from little text (the JSON's
    /// `"encoding_confidence": "low"`).
    pub low_confidence: bool,
    /// U+FFFD replacements made with `lossy`.
    pub replaced: usize,
}

/// Why bytes gave no text. `Display` is the message without the file name.
#[derive(Debug)]
pub enum LoadError {
    /// `encoding=` named no encoding.
    UnknownEncoding(String),
    /// Not text at all (a PDF, an image…), or bytes that do not decode.
    Decode(DecodeError),
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
            // The command line's advice (`input::advice` and `not_text` of
            // `tigang parse`, which takes --lossy): the same words, so that a
            // message can be searched for whichever tool printed it.
            LoadError::Decode(DecodeError::NotText { kind }) => write!(
                f,
                "{}, not a text file; tigang reads plain text (UTF-8, GB18030, Big5, UTF-16) / 不是文本文件",
                kind.describe()
            ),
            LoadError::Decode(e @ DecodeError::Malformed(m)) if m.damage.is_some() => {
                write!(f, "{e}; --lossy replaces the bad bytes with U+FFFD")
            }
            LoadError::Decode(e) => write!(
                f,
                "{e}; use --encoding NAME to choose another encoding or --lossy to replace bad bytes"
            ),
            LoadError::Io(reason) => f.write_str(reason),
        }
    }
}

/// Decodes `bytes` as the command line does: a BOM, valid UTF-8, then
/// detection of GB18030/GBK and Big5, or the encoding named. A binary file
/// (a PDF, an image…) is refused before it is decoded into garbage.
pub fn load(bytes: Vec<u8>, encoding: Option<&str>, lossy: bool) -> Result<Loaded, LoadError> {
    let forced = match encoding {
        Some(name) => Some(
            decode::encoding_for_label(name)
                .ok_or_else(|| LoadError::UnknownEncoding(name.to_string()))?,
        ),
        None => None,
    };
    let d = decode::decode(bytes, forced, lossy).map_err(LoadError::Decode)?;
    Ok(Loaded {
        text: d.text,
        encoding: d.encoding,
        low_confidence: d.confidence == Confidence::Low,
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
