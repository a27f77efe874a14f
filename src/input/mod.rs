//! Readers: bytes in, text out, before [`parse`](crate::parse).
//!
//! The parser takes `&str`; this module turns what is on disk into that
//! text, deciding by content, not by name: [`read`] looks at the bytes
//! ([`sniff`]) and reads a Word document ([`docx`], feature `docx`), a web
//! page ([`html`], feature `html`), a PDF converter's content list
//! ([`content_list`], feature `content-list`: MinerU's JSON, with pages) or
//! a text file ([`decode`], feature `encoding`: a BOM, valid UTF-8,
//! detection of GB18030/GBK and Big5, strict decoding that names the first
//! bad byte). A PDF, an old `.doc`, an
//! image or a program is an error that says what it is and what to do.
//!
//! The result is an [`Extracted`]: the text, its [`Source`] and a
//! [`SourceMap`] from the text back to Word's paragraphs and the labels its
//! numbering drew. Every span of the parse refers to that text.
//!
//! ```
//! # #[cfg(feature = "encoding")] {
//! let out = tigang::input::read("一、总体要求\n".as_bytes(), &Default::default()).unwrap();
//! let doc = tigang::parse(&out.text);
//! assert_eq!(doc.headings().next().unwrap().title, "总体要求");
//! # }
//! ```
//!
//! `default-features = false` leaves all readers and their dependencies out;
//! [`sniff`] and the data types stay.

#[cfg(feature = "content-list")]
pub mod content_list;
#[cfg(feature = "encoding")]
pub mod decode;
#[cfg(feature = "docx")]
pub mod docx;
#[cfg(feature = "encoding")]
mod encode;
#[cfg(feature = "encoding")]
mod error;
#[cfg(feature = "html")]
pub mod html;
#[cfg(any(feature = "docx", feature = "html"))]
mod numfmt;
pub mod sniff;
mod source;

#[cfg(feature = "encoding")]
pub use error::{ErrorKind, ReadError};
pub use source::{Extracted, Format, Label, Source, SourceMap};

#[cfg(feature = "encoding")]
use sniff::Kind;

/// The default for [`Options::max_unpacked`]: 200 MB.
pub const MAX_UNPACKED: u64 = 200_000_000;

/// The most bytes of list numbers (Word's automatic numbering, the numbers
/// a browser draws before `<ol>` items) a file of `input` bytes may draw:
/// 16 × its size + 1 MiB. A real document's numbers are a small part of it
/// (a numbered paragraph costs more bytes in the file than its label); past
/// this a `.docx` or page is refused ([`ErrorKind::TooManyNumbers`]) rather
/// than expanded to gigabytes.
///
/// ```
/// assert_eq!(tigang::input::max_drawn(1000), 16_000 + (1 << 20));
/// ```
pub const fn max_drawn(input: usize) -> usize {
    input.saturating_mul(16).saturating_add(1 << 20)
}

/// How [`read`] reads.
///
/// ```
/// use tigang::input::Options;
/// let o = Options::default().lossy(true).max_unpacked(50_000_000);
/// assert!(o.is_lossy());
/// ```
#[cfg(feature = "encoding")]
#[derive(Clone, Copy, Debug)]
pub struct Options {
    encoding: Option<&'static encoding_rs::Encoding>,
    lossy: bool,
    max_unpacked: u64,
}

#[cfg(feature = "encoding")]
impl Default for Options {
    fn default() -> Self {
        Options {
            encoding: None,
            lossy: false,
            max_unpacked: MAX_UNPACKED,
        }
    }
}

#[cfg(feature = "encoding")]
impl Options {
    /// Decode text and web pages as `encoding` instead of detecting it
    /// (a BOM of that same encoding is still dropped). Word documents are
    /// always Unicode and ignore it.
    ///
    /// ```
    /// let big5 = tigang::input::decode::encoding_for_label("big5").unwrap();
    /// let o = tigang::input::Options::default().encoding(Some(big5));
    /// ```
    pub fn encoding(mut self, encoding: Option<&'static encoding_rs::Encoding>) -> Self {
        self.encoding = encoding;
        self
    }

    /// Replace bytes that do not decode with U+FFFD (counted in
    /// [`Extracted::replaced`]) instead of failing.
    ///
    /// ```
    /// let out = tigang::input::read(b"\xE4\xB8\x80\xFF\n", &tigang::input::Options::default().lossy(true)).unwrap();
    /// assert_eq!(out.replaced, 1);
    /// ```
    pub fn lossy(mut self, lossy: bool) -> Self {
        self.lossy = lossy;
        self
    }

    /// Whether [`lossy`](Self::lossy) is on.
    ///
    /// ```
    /// assert!(!tigang::input::Options::default().is_lossy());
    /// ```
    pub fn is_lossy(&self) -> bool {
        self.lossy
    }

    /// The most bytes a `.docx` may unpack to, all its parts together
    /// ([`MAX_UNPACKED`], 200 MB, by default). Past it the file is refused
    /// as a ZIP bomb ([`ErrorKind::TooLarge`]), whatever its headers claim.
    ///
    /// ```
    /// let o = tigang::input::Options::default().max_unpacked(1 << 30);
    /// ```
    pub fn max_unpacked(mut self, bytes: u64) -> Self {
        self.max_unpacked = bytes;
        self
    }
}

/// Reads a document of any kind tigang knows, deciding by its content: a
/// Word document (a ZIP holding `word/document.xml`), a web page (a doctype
/// or `<html>` near the start), or text in any encoding.
///
/// ```
/// use tigang::input::{read, ErrorKind, Format};
/// let page = read(&b"<!DOCTYPE html><title>t</title><p>\xE4\xB8\x80\xE3\x80\x81\xE6\x80\xBB\xE5\x88\x99</p>"[..], &Default::default()).unwrap();
/// assert_eq!(page.source.format, Format::Html);
/// assert_eq!(page.text, "一、总则\n");
///
/// let err = read(b"%PDF-1.7\n", &Default::default()).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::NotText);
/// assert!(err.to_string().contains("pdftotext"));
/// ```
#[cfg(feature = "encoding")]
pub fn read(bytes: impl Into<Vec<u8>>, options: &Options) -> Result<Extracted, ReadError> {
    let bytes = bytes.into();
    let kind = sniff::sniff(&bytes);
    #[cfg(feature = "docx")]
    let kind = if kind == Kind::Zip && docx::is_docx_archive(&bytes) {
        Kind::Docx
    } else {
        kind
    };
    match kind {
        Kind::Text => read_text(bytes, options),
        Kind::Docx => read_docx(&bytes, options),
        Kind::Html => read_html(bytes, options),
        other => Err(ReadError::not_text(other)),
    }
}

/// What [`read`] would give for `bytes`, with the text borrowed instead of
/// copied, when `bytes` are plain UTF-8 text that needs no decoding
/// ([`decode::as_utf8`]) and `options` force no other encoding; `None`
/// otherwise (then call [`read`]). The [`Extracted`] has an empty `text`:
/// the text is the `&str` beside it. The command line parses large files
/// where they are mapped into memory this way.
///
/// ```
/// let bytes = "一、总则\n".as_bytes();
/// let (text, x) = tigang::input::read_borrowed(bytes, &Default::default()).unwrap();
/// let read = tigang::input::read(bytes, &Default::default()).unwrap();
/// assert_eq!((text, x.source), (read.text.as_str(), read.source));
/// assert!(tigang::input::read_borrowed(b"<!DOCTYPE html><p>x", &Default::default()).is_none());
/// ```
#[cfg(feature = "encoding")]
pub fn read_borrowed<'b>(bytes: &'b [u8], options: &Options) -> Option<(&'b str, Extracted)> {
    if options.encoding.is_some_and(|e| e != encoding_rs::UTF_8) {
        return None;
    }
    let text = decode::as_utf8(bytes)?;
    // A converter's JSON is read, not parsed where it lies.
    #[cfg(feature = "content-list")]
    if content_list::is_content_list(text) {
        return None;
    }
    Some((
        text,
        Extracted::plain(String::new(), Format::Text, Some("UTF-8")),
    ))
}

#[cfg(feature = "encoding")]
fn read_text(bytes: Vec<u8>, options: &Options) -> Result<Extracted, ReadError> {
    let d = decode::decode(bytes, options.encoding, options.lossy).map_err(ReadError::decode)?;
    #[cfg(feature = "content-list")]
    if content_list::is_content_list(&d.text) {
        return content_list::read(&d.text);
    }
    let mut out = Extracted::plain(d.text, Format::Text, Some(d.encoding));
    out.replaced = d.replaced;
    out.guessed = d.confidence == decode::Confidence::Low;
    Ok(out)
}

#[cfg(feature = "docx")]
fn read_docx(bytes: &[u8], options: &Options) -> Result<Extracted, ReadError> {
    docx::read(bytes, options)
}

#[cfg(all(feature = "encoding", not(feature = "docx")))]
fn read_docx(_: &[u8], _: &Options) -> Result<Extracted, ReadError> {
    Err(ReadError::unsupported(Kind::Docx, "docx"))
}

#[cfg(feature = "html")]
fn read_html(bytes: Vec<u8>, options: &Options) -> Result<Extracted, ReadError> {
    html::read(bytes, options)
}

#[cfg(all(feature = "encoding", not(feature = "html")))]
fn read_html(_: Vec<u8>, _: &Options) -> Result<Extracted, ReadError> {
    Err(ReadError::unsupported(Kind::Html, "html"))
}
