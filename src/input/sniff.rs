//! What a file is, from its first bytes rather than its name: a Word
//! document, a web page, text, or something tigang cannot read (a PDF, an
//! old `.doc`, an image, an archive, a program). Readers dispatch on it, and
//! the decoder refuses to turn a binary into "text".
//!
//! ```
//! use tigang::input::sniff::{sniff, Kind};
//! assert_eq!(sniff(b"%PDF-1.7\n..."), Kind::Pdf);
//! assert_eq!(sniff("一、总体要求\n".as_bytes()), Kind::Text);
//! assert_eq!(sniff(b"<!DOCTYPE html><html><body><p>x</p>"), Kind::Html);
//! assert!(Kind::Png.is_binary());
//! ```

/// What [`sniff`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// Plain text in some encoding (or nothing recognisably else).
    Text,
    /// An HTML page: a doctype or an `<html`/`<head`/`<body` tag near the start.
    Html,
    /// A ZIP archive holding `[Content_Types].xml` and `word/…`: Office Open
    /// XML, a `.docx` (also as written by WPS).
    Docx,
    /// Another ZIP archive (`.xlsx`, `.pptx`, `.odt`, a plain `.zip`…).
    Zip,
    /// A PDF.
    Pdf,
    /// An OLE compound file: an old Word `.doc`, a WPS `.wps`, `.xls`, `.ppt`.
    Ole,
    /// An RTF document.
    Rtf,
    /// A PNG image.
    Png,
    /// A JPEG image.
    Jpeg,
    /// A GIF image.
    Gif,
    /// A gzip, bzip2, xz, 7z or RAR archive.
    Archive,
    /// An executable or library (ELF, PE, Mach-O, WebAssembly).
    Executable,
    /// Binary data of no known kind: NUL bytes that are not UTF-16 text.
    Binary,
}

impl Kind {
    /// Whether the bytes are not text at all, so decoding them as text can
    /// only produce garbage.
    ///
    /// ```
    /// use tigang::input::sniff::Kind;
    /// assert!(Kind::Pdf.is_binary() && !Kind::Html.is_binary() && !Kind::Docx.is_binary());
    /// ```
    pub const fn is_binary(self) -> bool {
        !matches!(self, Kind::Text | Kind::Html | Kind::Docx | Kind::Rtf)
    }

    /// What it is, in words, for messages (`a PDF`, `an old Word .doc or WPS file`).
    ///
    /// ```
    /// assert_eq!(tigang::input::sniff::Kind::Pdf.describe(), "a PDF");
    /// ```
    pub const fn describe(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Html => "an HTML page",
            Kind::Docx => "a Word document (.docx)",
            Kind::Zip => "a ZIP archive (not a .docx)",
            Kind::Pdf => "a PDF",
            Kind::Ole => "an old Word .doc, WPS .wps or other OLE compound file",
            Kind::Rtf => "an RTF document",
            Kind::Png => "a PNG image",
            Kind::Jpeg => "a JPEG image",
            Kind::Gif => "a GIF image",
            Kind::Archive => "a compressed archive",
            Kind::Executable => "an executable program or library",
            Kind::Binary => "binary data",
        }
    }
}

/// Reads what `bytes` is from its first bytes (and, for a ZIP, its entry
/// names). Never fails: anything unrecognised is [`Kind::Text`], for the
/// decoder to judge.
pub fn sniff(bytes: &[u8]) -> Kind {
    const MAGIC: [(&[u8], Kind); 15] = [
        (b"%PDF-", Kind::Pdf),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", Kind::Ole),
        (b"{\\rtf", Kind::Rtf),
        (b"\x89PNG\r\n\x1A\n", Kind::Png),
        (b"\xFF\xD8\xFF", Kind::Jpeg),
        (b"GIF87a", Kind::Gif),
        (b"GIF89a", Kind::Gif),
        (b"\x1F\x8B", Kind::Archive),
        (b"BZh", Kind::Archive),
        (b"\xFD7zXZ\x00", Kind::Archive),
        (b"7z\xBC\xAF\x27\x1C", Kind::Archive),
        (b"Rar!\x1A\x07", Kind::Archive),
        (b"\x7FELF", Kind::Executable),
        (b"\x00asm", Kind::Executable),
        (b"MZ", Kind::Executable),
    ];
    const MACH_O: [[u8; 4]; 6] = [
        [0xFE, 0xED, 0xFA, 0xCE],
        [0xFE, 0xED, 0xFA, 0xCF],
        [0xCE, 0xFA, 0xED, 0xFE],
        [0xCF, 0xFA, 0xED, 0xFE],
        [0xCA, 0xFE, 0xBA, 0xBE],
        [0xBE, 0xBA, 0xFE, 0xCA],
    ];
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return if is_docx(bytes) {
            Kind::Docx
        } else {
            Kind::Zip
        };
    }
    if let Some(&(_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        // `MZ` begins some text files too ("MZ…"); a PE file has its header
        // offset at 0x3C and binary bytes right away.
        if !(kind == Kind::Executable && bytes.starts_with(b"MZ") && !has_nul(bytes)) {
            return kind;
        }
    }
    if bytes.len() >= 4 && MACH_O.iter().any(|m| bytes.starts_with(m)) {
        return Kind::Executable;
    }
    if is_html(bytes) {
        return Kind::Html;
    }
    if has_nul(bytes) && !looks_like_utf16(bytes) {
        return Kind::Binary;
    }
    Kind::Text
}

/// How far into a file to look for NULs and tags.
const HEAD: usize = 8 * 1024;

fn has_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(HEAD)]).is_some()
}

/// Whether NUL-holding bytes read as UTF-16 text (with or without a BOM):
/// no NUL code unit, and in one byte order nearly every unit is a character
/// of text (ASCII, CJK, other letters and punctuation), not a control code
/// or a lone surrogate.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = &bytes[..bytes.len().min(HEAD) & !1];
    let units = head.len() / 2;
    if units == 0 {
        return false;
    }
    let texty =
        |u: u16| matches!(u, 0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD);
    let score = |big: bool| {
        head.chunks_exact(2)
            .map(|c| {
                if big {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .filter(|&u| texty(u))
            .count()
    };
    score(false).max(score(true)) * 100 >= units * 98
}

/// A ZIP whose entries include `[Content_Types].xml` and `word/`: the local
/// file headers near the start name them (Word and WPS write
/// `[Content_Types].xml` first; other writers may put it later, so the
/// first 64 KB are searched for both names).
fn is_docx(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    has(b"word/") && (has(b"[Content_Types].xml") || has(b"word/document.xml"))
}

/// A doctype or an `<html`, `<head` or `<body` tag within the first bytes,
/// after a BOM, whitespace and comments: markup, not text that mentions a tag.
fn is_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEAD)];
    let mut at = 0;
    for bom in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"] {
        if head.starts_with(bom) {
            at = bom.len();
        }
    }
    // UTF-16 pages: look at the low bytes only.
    let narrow: Vec<u8>;
    let text: &[u8] = if head.len() > at + 1 && (head[at] == 0 || head[at + 1] == 0) {
        narrow = head[at..].iter().copied().filter(|&b| b != 0).collect();
        &narrow
    } else {
        &head[at..]
    };
    let mut rest = text.trim_ascii_start();
    // Leading comments and an XML declaration.
    loop {
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(rest, b"-->") {
                Some(end) => rest = rest[end + 3..].trim_ascii_start(),
                None => return false,
            }
        } else if rest.starts_with(b"<?xml") {
            match memchr::memmem::find(rest, b"?>") {
                Some(end) => rest = rest[end + 2..].trim_ascii_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let starts = |tag: &[u8]| {
        rest.len() >= tag.len() && rest[..tag.len()].eq_ignore_ascii_case(tag) && {
            rest.get(tag.len())
                .is_none_or(|&b| b == b'>' || b.is_ascii_whitespace())
        }
    };
    starts(b"<!doctype") || starts(b"<html") || starts(b"<head") || starts(b"<body") || {
        // A fragment saved as a page: `<meta charset=…>` or `<title>` first.
        starts(b"<meta") || starts(b"<title")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        for (bytes, kind) in [
            (&b"%PDF-1.4\n%\xE2\xE3"[..], Kind::Pdf),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", Kind::Ole),
            (b"\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR", Kind::Png),
            (b"\xFF\xD8\xFF\xE0\x00\x10JFIF", Kind::Jpeg),
            (b"\x7FELF\x02\x01\x01\x00", Kind::Executable),
            (b"MZ\x90\x00\x03\x00\x00\x00", Kind::Executable),
            (b"\x1F\x8B\x08\x00", Kind::Archive),
            (
                b"PK\x03\x04\x14\x00\x00\x00mimetypeapplication/vnd.oasis",
                Kind::Zip,
            ),
            (
                b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml....word/document.xml",
                Kind::Docx,
            ),
            (b"{\\rtf1\\ansi", Kind::Rtf),
        ] {
            assert_eq!(sniff(bytes), kind, "{bytes:?}");
        }
    }

    #[test]
    fn text_and_html() {
        assert_eq!(sniff("MZ是某某的缩写\n".as_bytes()), Kind::Text);
        assert_eq!(sniff(b""), Kind::Text);
        assert_eq!(
            sniff("一、总体\n<p>not a page</p>\n".as_bytes()),
            Kind::Text
        );
        assert_eq!(sniff(b"\xEF\xBB\xBF<!DOCTYPE html>\n<html>"), Kind::Html);
        assert_eq!(sniff(b"  <!-- saved -->\n<HTML lang=zh>"), Kind::Html);
        assert_eq!(sniff(b"<html>"), Kind::Html);
        assert_eq!(sniff(b"<htmlx>"), Kind::Text);
    }

    #[test]
    fn nuls_are_binary_unless_utf16() {
        let mut le = Vec::new();
        for u in "一、总体要求\nThe 1st item\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(sniff(&le), Kind::Text, "UTF-16LE without a BOM");
        let be: Vec<u8> = le.chunks(2).flat_map(|u| [u[1], u[0]]).collect();
        assert_eq!(sniff(&be), Kind::Text, "UTF-16BE without a BOM");
        assert_eq!(sniff(b"abc\x00\x00\x00def\x01\x02"), Kind::Binary);
    }
}
