//! Word documents (`.docx`, also as written by WPS) as their readers see
//! them, Word's automatic numbering included (docs/format.md §8).
//!
//! The body's paragraphs come in order, one line each; a soft line break
//! is a line break. A paragraph that Word numbers (`w:numPr`, its own or
//! its style's) starts with the label Word draws (`一、`, `（一）`, `1.1`),
//! counted as Word counts (`docx/numbering.rs` has the rules). A paragraph in a
//! heading style (`Heading 1`…, `标题 1`…) or with an outline level is a
//! Markdown ATX line: `#` × depth, a space, the label and the text; a
//! heading-styled full sentence ending in `。` stays body text. Table rows
//! are lines of tab-separated cells. Headers, footers, footnotes, comments
//! and text boxes are left out; tracked deletions are out and insertions
//! in; a field shows its result.
//!
//! `document.xml` is streamed through the unzipper and the XML reader, so
//! memory holds the compressed file, the text and one paragraph; every part
//! is unpacked through one budget ([`Options::max_unpacked`]).
//!
//! ```
//! # fn docx() -> Vec<u8> {
//! #     use std::io::Write;
//! #     let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
//! #     let o = zip::write::SimpleFileOptions::default();
//! #     zip.start_file("[Content_Types].xml", o).unwrap();
//! #     zip.write_all(b"<Types/>").unwrap();
//! #     zip.start_file("word/document.xml", o).unwrap();
//! #     zip.write_all(r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>总则</w:t></w:r></w:p></w:body></w:document>"#.as_bytes()).unwrap();
//! #     zip.finish().unwrap().into_inner()
//! # }
//! let out = tigang::input::read(docx(), &Default::default()).unwrap();
//! assert_eq!(out.text, "总则\n");
//! assert_eq!(out.source.format, tigang::input::Format::Docx);
//! assert_eq!(out.map.paragraph(1), Some(0));
//! ```
//!
//! [`Options::max_unpacked`]: super::Options::max_unpacked

mod body;
mod numbering;
mod package;
mod styles;
mod xml;

use self::body::{Body, BodyError};
use self::numbering::Numbering;
use self::package::Package;
use self::styles::Styles;
use self::xml::{MAX_DEFINED, PartError};
use super::source::{Extracted, Format, Source};
use super::{ErrorKind, Options, ReadError};

/// Reads a `.docx` file's bytes.
///
/// ```
/// let err = tigang::input::docx::read(b"PK\x03\x04 not really", &Default::default()).unwrap_err();
/// assert_eq!(err.kind(), tigang::input::ErrorKind::BadZip);
/// ```
pub fn read(bytes: &[u8], options: &Options) -> Result<Extracted, ReadError> {
    let mut package = Package::open(bytes, options.max_unpacked)?;
    let parts = package.parts()?;
    // Styles and numbering are read as they unpack, and what they define
    // is bounded (`xml::MAX_DEFINED`): neither is held whole.
    let styles = match &parts.styles {
        Some(name) => package
            .with_small(name, |r| Ok(Styles::parse(r)))?
            .map_err(|e| part_error(name, e))?,
        None => Styles::default(),
    };
    let mut numbering = match &parts.numbering {
        Some(name) => package
            .with_small(name, |r| Ok(Numbering::parse(r)))?
            .map_err(|e| part_error(name, e))?,
        None => Numbering::default(),
    };
    numbering.link(&styles);
    let name = parts.document.as_str();
    // The text is about a third of the XML; a docx compresses ~5×.
    let capacity = bytes.len();
    let result = package.with_part(name, |r| {
        let mut reader = xml::reader(r);
        let drawn = super::max_drawn(bytes.len());
        Ok(Body::new(&styles, &mut numbering, capacity, drawn).read(&mut reader))
    })?;
    let built = result.map_err(|e| match e {
        BodyError::Xml(msg) => malformed(name, msg),
        BodyError::Io(io) => package::io_error(&io, name),
        BodyError::TooManyNumbers => {
            ReadError::too_many_numbers(Some(name), super::max_drawn(bytes.len()))
        }
    })?;
    let (text, map) = built.finish();
    Ok(Extracted {
        text,
        source: Source::new(Format::Docx, None),
        map,
        replaced: 0,
        guessed: false,
    })
}

/// Whether a ZIP archive is a Word document by its entries: some writers
/// put `word/document.xml` after media files, beyond what
/// [`sniff`](super::sniff::sniff) looks at.
pub(crate) fn is_docx_archive(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).is_ok_and(|z| {
        z.file_names()
            .any(|n| n.eq_ignore_ascii_case("word/document.xml"))
    })
}

fn part_error(part: &str, e: PartError) -> ReadError {
    match e {
        PartError::Xml(msg) => malformed(part, msg),
        PartError::Io(io) => package::io_error(&io, part),
        PartError::TooManyDefinitions => ReadError::too_many_definitions(part, MAX_DEFINED),
    }
}

fn malformed(part: &str, detail: String) -> ReadError {
    ReadError::new(ErrorKind::MalformedXml, Some(part), detail)
}
