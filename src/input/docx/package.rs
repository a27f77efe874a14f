//! The `.docx` container: a ZIP archive of XML parts. Finds the main
//! document and the parts it uses through the relationships (falling back
//! to Word's usual names), and unpacks each part through a budget, so that a
//! ZIP bomb is refused after at most the limit, whatever its headers claim.

use std::io::{self, BufRead, BufReader, Cursor, Read};

use quick_xml::events::Event;
use zip::ZipArchive;
use zip::result::ZipError;

use super::xml;
use crate::input::{ErrorKind, ReadError};

/// An opened `.docx` and what is left of its unpacking budget.
pub(super) struct Package<'b> {
    zip: ZipArchive<Cursor<&'b [u8]>>,
    budget: Budget,
}

/// The most a part other than the main document may unpack to (32 MiB):
/// relationships, styles and numbering are a few hundred kilobytes in real
/// files, and a bomb in them is refused long before the file's budget.
pub(super) const MAX_SMALL_PART: u64 = 32 << 20;

/// Bytes that may still be unpacked, shared by every part of one file.
#[derive(Clone, Copy, Debug)]
struct Budget {
    left: u64,
    limit: u64,
}

/// A part's bytes as they unpack, counted against the budget.
pub(super) struct PartReader<'p, R> {
    inner: R,
    budget: &'p mut Budget,
    name: &'p str,
}

impl<R: Read> Read for PartReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // Ask for one byte more than the budget allows, so that reaching the
        // limit exactly is not taken for going past it.
        let cap = buf
            .len()
            .min(usize::try_from(self.budget.left + 1).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..cap])?;
        if n as u64 > self.budget.left {
            return Err(io::Error::other(TooLarge {
                part: self.name.to_owned(),
                limit: self.budget.limit,
            }));
        }
        self.budget.left -= n as u64;
        Ok(n)
    }
}

/// The error a [`PartReader`] raises past the budget.
#[derive(Debug)]
pub(super) struct TooLarge {
    pub(super) part: String,
    pub(super) limit: u64,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} unpacks to more than {} bytes", self.part, self.limit)
    }
}

impl std::error::Error for TooLarge {}

/// The parts tigang reads, by name inside the archive.
#[derive(Debug, Default)]
pub(super) struct Parts {
    pub(super) document: String,
    pub(super) styles: Option<String>,
    pub(super) numbering: Option<String>,
}

impl<'b> Package<'b> {
    pub(super) fn open(bytes: &'b [u8], limit: u64) -> Result<Self, ReadError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(&e, None))?;
        Ok(Package {
            zip,
            budget: Budget { left: limit, limit },
        })
    }

    /// The main document and its styles and numbering: named by the
    /// relationships when they are there, else by Word's usual names.
    pub(super) fn parts(&mut self) -> Result<Parts, ReadError> {
        let mut document = None;
        if let Some(rels) = self.find("_rels/.rels") {
            document = self
                .with_small(&rels, |r| Ok(targets(r, "", &["/officeDocument"])))?
                .into_iter()
                .next()
                .map(|(_, target)| target);
        }
        let document = match document.filter(|d| self.find(d).is_some()) {
            Some(d) => d,
            None => match self.find("word/document.xml") {
                Some(d) => d,
                None => {
                    return Err(ReadError::new(
                        ErrorKind::MissingPart,
                        Some("word/document.xml"),
                        "the file has no main document part",
                    ));
                }
            },
        };
        let (dir, file) = document.rsplit_once('/').unwrap_or(("", &document));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let mut parts = Parts {
            document: document.clone(),
            ..Parts::default()
        };
        if let Some(rels) = self.find(&rels_name) {
            let found =
                self.with_small(&rels, |r| Ok(targets(r, dir, &["/styles", "/numbering"])))?;
            for (kind, target) in found {
                if kind.ends_with("/styles") {
                    parts.styles = Some(target);
                } else if kind.ends_with("/numbering") {
                    parts.numbering = Some(target);
                }
            }
        }
        for (slot, name) in [
            (&mut parts.styles, "styles.xml"),
            (&mut parts.numbering, "numbering.xml"),
        ] {
            let beside = if dir.is_empty() {
                name.to_owned()
            } else {
                format!("{dir}/{name}")
            };
            let named = slot.take().and_then(|n| self.find(&n));
            *slot = named.or_else(|| self.find(&beside));
        }
        Ok(parts)
    }

    /// The archive's own name for `name`, compared without case as OOXML
    /// part names are.
    fn find(&self, name: &str) -> Option<String> {
        if self.zip.index_for_name(name).is_some() {
            return Some(name.to_owned());
        }
        self.zip
            .file_names()
            .find(|n| n.eq_ignore_ascii_case(name))
            .map(str::to_owned)
    }

    /// Runs `f` over a part other than the main document (styles,
    /// numbering, relationships), which may unpack to [`MAX_SMALL_PART`]
    /// at most, within the file's budget.
    pub(super) fn with_small<T>(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut dyn BufRead) -> io::Result<T>,
    ) -> Result<T, ReadError> {
        let outer = self.budget;
        if outer.left > MAX_SMALL_PART {
            self.budget = Budget {
                left: MAX_SMALL_PART,
                limit: MAX_SMALL_PART,
            };
        }
        let result = self.with_part(name, |r| f(r));
        let used = self.budget.limit.min(outer.left) - self.budget.left;
        self.budget = Budget {
            left: outer.left - used,
            limit: outer.limit,
        };
        result
    }

    /// Runs `f` over the part's unpacked bytes. I/O errors from the reader
    /// (a damaged deflate stream, a bad checksum, the budget) come back as
    /// [`ReadError`]s that name the part; other errors of `f` pass through.
    pub(super) fn with_part<T>(
        &mut self,
        name: &str,
        f: impl FnOnce(
            &mut BufReader<PartReader<'_, zip::read::ZipFile<'_, Cursor<&'b [u8]>>>>,
        ) -> io::Result<T>,
    ) -> Result<T, ReadError> {
        let file = self
            .zip
            .by_name(name)
            .map_err(|e| zip_error(&e, Some(name)))?;
        let mut reader = BufReader::with_capacity(
            64 * 1024,
            PartReader {
                inner: file,
                budget: &mut self.budget,
                name,
            },
        );
        f(&mut reader).map_err(|e| io_error(&e, name))
    }
}

/// A ZIP-level failure as the error the user sees.
fn zip_error(e: &ZipError, part: Option<&str>) -> ReadError {
    let detail = match e {
        ZipError::Io(io) => io.to_string(),
        ZipError::InvalidArchive(why) => why.to_string(),
        ZipError::UnsupportedArchive(why) => {
            return ReadError::new(
                ErrorKind::BadZip,
                part,
                format!("unsupported ZIP feature: {why}"),
            );
        }
        ZipError::FileNotFound => "part not found".into(),
        ZipError::InvalidPassword => "the file is encrypted".into(),
        _ => e.to_string(),
    };
    ReadError::new(ErrorKind::BadZip, part, detail)
}

/// An error while unpacking or reading a part.
pub(super) fn io_error(e: &io::Error, part: &str) -> ReadError {
    if let Some(big) = e.get_ref().and_then(|i| i.downcast_ref::<TooLarge>()) {
        return ReadError::too_large(&big.part, big.limit);
    }
    ReadError::new(ErrorKind::BadZip, Some(part), e.to_string())
}

/// `(type, target)` of each internal relationship in a `.rels` part whose
/// type ends with one of `kinds`, targets resolved against the folder
/// `base` of the part they belong to.
fn targets(rels: impl BufRead, base: &str, kinds: &[&str]) -> Vec<(String, String)> {
    let mut reader = xml::reader(rels);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    // A damaged relationships part is not fatal: Word's usual names remain.
    while let Ok(event) = reader.read_event_into(&mut buf) {
        match event {
            Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                let external = xml::attr(&e, b"TargetMode").is_some_and(|m| m == "External");
                let kind =
                    xml::attr(&e, b"Type").filter(|k| kinds.iter().any(|want| k.ends_with(want)));
                if let (Some(kind), Some(target), false) =
                    (kind, xml::attr(&e, b"Target"), external)
                {
                    out.push((kind.into_owned(), resolve(base, &target)));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// A relationship target as a part name: absolute (`/word/styles.xml`) or
/// relative to `base`, with `..` and `.` applied.
fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let rooted = target.strip_prefix('/');
    if rooted.is_none() {
        parts.extend(base.split('/').filter(|p| !p.is_empty()));
    }
    for piece in rooted.unwrap_or(target).split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_folder() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word", "/word/numbering.xml"), "word/numbering.xml");
        assert_eq!(resolve("word/sub", "../styles.xml"), "word/styles.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }

    #[test]
    fn relationships_are_read() {
        let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://x/hyperlink" Target="http://example.com" TargetMode="External"/></Relationships>"#;
        let t = targets(&rels[..], "", &["/officeDocument"]);
        assert_eq!(t.len(), 1);
        assert!(t[0].0.ends_with("/officeDocument"));
        assert_eq!(t[0].1, "word/document.xml");
    }
}
