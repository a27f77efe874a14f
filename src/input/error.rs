//! Why a file could not be read, in words a person can act on: what the
//! file is, which part is damaged, and what to do, in English and Chinese.

use super::decode::DecodeError;
use super::sniff::Kind;

/// What kind of failure a [`ReadError`] is.
///
/// ```
/// use tigang::input::{read, ErrorKind};
/// let err = read(b"%PDF-1.7\n", &Default::default()).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::NotText);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file that holds no text tigang can read: a PDF, an old `.doc` or
    /// `.wps`, an image, an archive, a program (see [`ReadError::file_kind`]).
    NotText,
    /// Text whose bytes do not decode in the encoding found or given
    /// (see [`ReadError::decode_error`]).
    Decode,
    /// A `.docx` whose ZIP container is damaged, truncated or encrypted.
    BadZip,
    /// A `.docx` without its main document part.
    MissingPart,
    /// A part of a `.docx` that is not well-formed XML.
    MalformedXml,
    /// A `.docx` that unpacks to more than the limit (a ZIP bomb, most
    /// likely); see [`Options::max_unpacked`](super::Options::max_unpacked).
    TooLarge,
    /// A `.docx` or web page whose list numbers (Word's automatic
    /// numbering, `<ol>` items) would draw more text than
    /// [`max_drawn`](super::max_drawn) allows for its size: a crafted file
    /// (a numbering bomb), most likely.
    TooManyNumbers,
    /// A `.docx` whose styles or numbering part defines more than any
    /// document uses (16 MiB of stored definitions): a crafted file, most
    /// likely.
    TooManyDefinitions,
    /// A Word document or web page given to a build of tigang without the
    /// `docx` or `html` feature.
    Unsupported,
    /// A converter's content list (MinerU's `*_content_list.json`) that is
    /// not well-formed JSON.
    MalformedJson,
}

/// Why [`read`](super::read) failed. `Display` says what the file is and
/// what to do, e.g. `a PDF, not text: extract its text first, e.g.
/// `pdftotext -layout file.pdf`` ; callers put the file name before it.
///
/// ```
/// let err = tigang::input::read(b"\x89PNG\r\n\x1a\n\0\0", &Default::default()).unwrap_err();
/// assert!(err.to_string().starts_with("a PNG image"));
/// ```
#[derive(Debug)]
pub struct ReadError(Box<Inner>);

#[derive(Debug)]
struct Inner {
    kind: ErrorKind,
    file: Option<Kind>,
    part: Option<String>,
    detail: String,
    decode: Option<DecodeError>,
}

impl ReadError {
    pub(crate) fn new(kind: ErrorKind, part: Option<&str>, detail: impl Into<String>) -> Self {
        ReadError(Box::new(Inner {
            kind,
            file: None,
            part: part.map(str::to_owned),
            detail: detail.into(),
            decode: None,
        }))
    }

    /// The error for bytes that are `file` (a PDF, an image…), not text:
    /// its message says what to do.
    ///
    /// ```
    /// use tigang::input::{sniff::Kind, ReadError};
    /// assert!(ReadError::not_text(Kind::Ole).to_string().contains("save it as .docx"));
    /// ```
    pub fn not_text(file: Kind) -> Self {
        let mut e = ReadError::new(ErrorKind::NotText, None, "");
        e.0.file = Some(file);
        e
    }

    pub(crate) fn decode(d: DecodeError) -> Self {
        let mut e = ReadError::new(ErrorKind::Decode, None, "");
        e.0.decode = Some(d);
        e
    }

    #[cfg(feature = "docx")]
    pub(crate) fn too_large(part: &str, limit: u64) -> Self {
        ReadError::new(ErrorKind::TooLarge, Some(part), limit.to_string())
    }

    /// The error for list numbers that would draw more than `limit` bytes.
    #[cfg(any(feature = "docx", feature = "html"))]
    pub(crate) fn too_many_numbers(part: Option<&str>, limit: usize) -> Self {
        ReadError::new(ErrorKind::TooManyNumbers, part, limit.to_string())
    }

    #[cfg(feature = "docx")]
    pub(crate) fn too_many_definitions(part: &str, limit: usize) -> Self {
        ReadError::new(ErrorKind::TooManyDefinitions, Some(part), limit.to_string())
    }

    #[cfg_attr(all(feature = "docx", feature = "html"), allow(dead_code))]
    pub(crate) fn unsupported(file: Kind, feature: &str) -> Self {
        let mut e = ReadError::new(ErrorKind::Unsupported, None, feature);
        e.0.file = Some(file);
        e
    }

    /// What kind of failure this is.
    ///
    /// ```
    /// let err = tigang::input::read(b"PK\x03\x04[Content_Types].xml word/", &Default::default()).unwrap_err();
    /// assert_eq!(err.kind(), tigang::input::ErrorKind::BadZip);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// What the file is, when that is the reason (`NotText`, `Unsupported`).
    ///
    /// ```
    /// use tigang::input::sniff::Kind;
    /// let err = tigang::input::read(b"%PDF-1.4", &Default::default()).unwrap_err();
    /// assert_eq!(err.file_kind(), Some(Kind::Pdf));
    /// ```
    pub fn file_kind(&self) -> Option<Kind> {
        self.0.file
    }

    /// The part of a `.docx` that is damaged (`word/document.xml`).
    ///
    /// ```
    /// let err = tigang::input::read(b"%PDF-1.4", &Default::default()).unwrap_err();
    /// assert_eq!(err.part(), None);
    /// ```
    pub fn part(&self) -> Option<&str> {
        self.0.part.as_deref()
    }

    /// The decoding failure of a text file: encoding, byte offset, line.
    ///
    /// ```
    /// let err = tigang::input::read(b"\xE4\xB8\x80\xE4\xB8", &Default::default()).unwrap_err();
    /// assert_eq!(err.decode_error().unwrap().offset(), Some(3));
    /// ```
    pub fn decode_error(&self) -> Option<&DecodeError> {
        self.0.decode.as_ref()
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let e = &*self.0;
        let part = e.part.as_deref().unwrap_or("the document");
        match e.kind {
            ErrorKind::NotText => match e.file.unwrap_or(Kind::Binary) {
                image @ (Kind::Png | Kind::Jpeg | Kind::Gif) => write!(
                    f,
                    "{}, not text: run OCR on it first, e.g. `tesseract scan.png out -l chi_sim` (图片：请先做文字识别)",
                    image.describe()
                ),
                other => f.write_str(not_text(other)),
            },
            ErrorKind::Decode => match &e.decode {
                Some(e) => e.fmt(f),
                None => f.write_str("the text does not decode"),
            },
            ErrorKind::BadZip => write!(
                f,
                "a damaged .docx: {part} cannot be unpacked ({}); open it in Word or WPS and save it again (文件已损坏，请用 Word 或 WPS 打开后另存)",
                e.detail
            ),
            ErrorKind::MissingPart => write!(
                f,
                "not a complete .docx: {part} is missing ({}); save it again from Word or WPS (缺少正文部分，请重新保存)",
                e.detail
            ),
            ErrorKind::MalformedXml => write!(
                f,
                "a damaged .docx: {part} is not well-formed XML ({}); open it in Word or WPS and save it again (XML 已损坏，请重新保存)",
                e.detail
            ),
            ErrorKind::TooLarge => {
                let mb = e.detail.parse::<u64>().unwrap_or(0) / 1_000_000;
                write!(
                    f,
                    "{part} unpacks to more than {mb} MB: refused as a possible ZIP bomb (解压后超过 {mb} MB，疑为 ZIP 炸弹，已拒绝)"
                )
            }
            ErrorKind::TooManyNumbers => {
                let mb = e.detail.parse::<u64>().unwrap_or(0) / 1_000_000;
                write!(
                    f,
                    "{part} draws more than {mb} MB of list numbers for its size: refused as a possible numbering bomb; remove its automatic numbering or save it as plain text (自动编号展开后超过 {mb} MB，疑为编号炸弹，已拒绝)"
                )
            }
            ErrorKind::TooManyDefinitions => {
                let mib = e.detail.parse::<u64>().unwrap_or(0) >> 20;
                write!(
                    f,
                    "{part} defines more lists or styles than any document uses (over {mib} MiB): refused as a possible bomb; save the document again from Word or as plain text (定义的编号或样式超过 {mib} MiB，疑为炸弹文件，已拒绝)"
                )
            }
            ErrorKind::MalformedJson => write!(
                f,
                "a converter's content list (*_content_list.json) that is not well-formed JSON ({}); convert the PDF again, or give the Markdown written beside it (内容列表 JSON 已损坏，请重新转换或改用同名 .md 文件)",
                e.detail
            ),
            ErrorKind::Unsupported => write!(
                f,
                "{}: this build of tigang reads no such files (build it with the `{}` feature)",
                e.file.map_or("this file", Kind::describe),
                e.detail
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// The one line for a file that is not text: what it is and what to do.
fn not_text(kind: Kind) -> &'static str {
    match kind {
        Kind::Pdf => {
            "a PDF, not text: extract its text first, e.g. `pdftotext -layout file.pdf` (PDF 文件：请先提取文字)"
        }
        Kind::Ole => {
            "an old Word .doc or WPS .wps file: save it as .docx in Word or WPS (旧版 .doc/.wps 文件：请另存为 .docx)"
        }
        Kind::Rtf => {
            "an RTF document: save it as .docx or plain text in Word or WPS (RTF 文件：请另存为 .docx 或纯文本)"
        }
        Kind::Zip => {
            "a ZIP archive that is not a .docx: unpack it and give the documents inside (压缩包：请先解压)"
        }
        Kind::Archive => {
            "a compressed archive: unpack it and give the documents inside (压缩文件：请先解压)"
        }
        Kind::Executable => "an executable program, not a document (程序文件，不是文档)",
        _ => {
            "binary data, not text: give a text file, a .docx or a web page (二进制数据，不是文本)"
        }
    }
}
