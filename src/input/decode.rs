//! Bytes to text: BOM sniffing, encoding detection, and strict decoding that
//! names the first bad byte instead of inventing a U+FFFD.
//!
//! The order of evidence, strongest first:
//!
//! 1. `--encoding NAME` (a BOM of that same encoding is still dropped);
//! 2. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 3. valid UTF-8;
//! 4. UTF-8 that breaks only after a run of well-formed multi-byte characters,
//!    or only in an incomplete character at the very end: a damaged or
//!    truncated UTF-8 file, reported as such rather than guessed as GBK
//!    mojibake;
//! 5. chardetng's guess (GB18030/GBK, Big5, Shift_JIS, …).
//!
//! GBK is decoded as GB18030, its superset (encoding_rs uses the same decoder
//! for both), and reported as `GB18030`.

use encoding_rs::{
    BIG5, DecoderResult, EUC_JP, EUC_KR, Encoding, GB18030, GBK, ISO_2022_JP, SHIFT_JIS, UTF_8,
};

/// How many bytes from the first non-ASCII one chardetng sees: some two
/// thousand Chinese characters, plenty for a confident guess between GB18030
/// and Big5. chardetng runs at about 5 MB/s, ten times slower than parsing,
/// so feeding it whole files would make detection the cost of a batch. The
/// whole file is still decoded strictly with the guess.
const DETECT_PREFIX: usize = 4 * 1024;

/// Well-formed multi-byte UTF-8 characters before the first bad byte that
/// make a file "UTF-8 with damage" rather than a legacy encoding. A GBK or
/// Big5 pair is valid UTF-8 by chance well under one time in ten, so eight
/// in a row do not happen by accident.
const UTF8_EVIDENCE: usize = 8;

/// Decoded text and how it was obtained.
#[derive(Debug)]
pub struct Decoded {
    /// The text; spans in the output refer to it (a BOM is not part of it).
    pub text: String,
    /// The encoding's name as reported in the JSON (`UTF-8`, `GB18030`, `Big5`, …).
    pub encoding: &'static str,
    /// How many malformed byte sequences became U+FFFD (`--lossy` only).
    pub replaced: usize,
    /// The encoding the bytes were in, to write text back the same way.
    pub source: &'static Encoding,
    /// Whether the bytes began with a byte order mark.
    pub bom: bool,
}

/// Why bytes could not be decoded without loss.
#[derive(Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The encoding that was tried.
    pub encoding: &'static str,
    /// Byte offset of the first malformed byte in the file (BOM included).
    pub offset: usize,
    /// The malformed bytes (at most 4).
    pub bytes: Vec<u8>,
    /// 1-based line of the bad byte.
    pub line: usize,
    /// Whether the bad sequence is cut off by the end of the file.
    pub at_end: bool,
    /// The decoder that failed (for a `--lossy` retry).
    decoder: &'static Encoding,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "not valid {} at byte {} (line {}):",
            self.encoding, self.offset, self.line
        )?;
        for b in &self.bytes {
            write!(f, " 0x{b:02X}")?;
        }
        if self.at_end {
            f.write_str(" cut off at the end of the file (truncated?)")?;
        }
        f.write_str(
            "; use --encoding NAME to choose another encoding or --lossy to replace bad bytes",
        )
    }
}

/// The name reported for an encoding.
pub fn display_name(enc: &'static Encoding) -> &'static str {
    if enc == GBK || enc == GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

/// Looks up `--encoding NAME` (WHATWG labels: `gbk`, `gb18030`, `big5`,
/// `utf-16le`, `utf-8`, `shift_jis`, …).
pub fn encoding_for_label(name: &str) -> Option<&'static Encoding> {
    Encoding::for_label(name.trim().as_bytes())
}

/// Decodes `bytes`, detecting the encoding unless `forced` names one.
/// Without `lossy`, the first malformed sequence is an error.
pub fn decode(
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
    lossy: bool,
) -> Result<Decoded, DecodeError> {
    let bom = Encoding::for_bom(&bytes);
    let (enc, skip) = match (forced, bom) {
        (Some(f), Some((b, len))) if norm(f) == norm(b) => (f, len),
        (Some(f), _) => (f, 0),
        (None, Some((b, len))) => (b, len),
        (None, None) => return detect_and_decode(bytes, lossy),
    };
    if enc == UTF_8 {
        return decode_utf8(bytes, skip, lossy);
    }
    decode_with(&bytes, skip, norm(enc), lossy)
}

/// GBK decodes as GB18030 (the same decoder in encoding_rs).
fn norm(enc: &'static Encoding) -> &'static Encoding {
    if enc == GBK { GB18030 } else { enc }
}

/// Steps 3–5 of the module docs for BOM-less input.
fn detect_and_decode(bytes: Vec<u8>, lossy: bool) -> Result<Decoded, DecodeError> {
    let err = match std::str::from_utf8(&bytes) {
        Ok(_) => return decode_utf8(bytes, 0, lossy),
        Err(e) => e,
    };
    let good = &bytes[..err.valid_up_to()];
    let truncated = err.error_len().is_none();
    let multibyte = good.iter().filter(|&&b| b >= 0xC0).count();
    if (truncated && multibyte > 0) || multibyte >= UTF8_EVIDENCE {
        return decode_utf8(bytes, 0, lossy);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // Never `last = true`: a multi-byte character cut off by the end would
    // rule its encoding out, and a truncated GB18030 file would then be read
    // as windows-1252 mojibake instead of being reported.
    let first_non_ascii = bytes.iter().position(|&b| b >= 0x80).unwrap_or(0);
    det.feed(
        &bytes[..bytes.len().min(first_non_ascii + DETECT_PREFIX)],
        false,
    );
    let guess = norm(det.guess(None, chardetng::Utf8Detection::Allow));
    if MULTI_BYTE.contains(&guess) {
        return decode_with(&bytes, 0, guess, lossy);
    }
    // A single-byte guess means a bad sequence ruled the Chinese encodings
    // out, or the text is not Chinese. Either way a single-byte decoding would
    // turn Chinese into silent mojibake, so try the Chinese encodings and keep
    // the one that decodes, or report the one that got furthest.
    let mut best: Option<DecodeError> = None;
    for enc in [GB18030, BIG5] {
        match decode_with(&bytes, 0, enc, false) {
            Ok(d) => return Ok(d),
            Err(e) if best.as_ref().is_none_or(|b| e.offset > b.offset) => best = Some(e),
            Err(_) => {}
        }
    }
    let best = best.expect("two encodings were tried");
    if lossy {
        return decode_with(&bytes, 0, best.decoder, true);
    }
    Err(best)
}

/// Encodings chardetng can name that encode Chinese, Japanese or Korean in
/// several bytes; its guess among them is trusted.
const MULTI_BYTE: [&Encoding; 6] = [GB18030, BIG5, SHIFT_JIS, EUC_JP, EUC_KR, ISO_2022_JP];

fn utf8_error(bytes: &[u8], err: std::str::Utf8Error) -> DecodeError {
    let at = err.valid_up_to();
    let len = err.error_len().unwrap_or(bytes.len() - at).min(4);
    DecodeError {
        encoding: "UTF-8",
        offset: at,
        bytes: bytes[at..at + len].to_vec(),
        line: 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count(),
        at_end: err.error_len().is_none(),
        decoder: UTF_8,
    }
}

/// UTF-8 without copying when the input is valid.
fn decode_utf8(mut bytes: Vec<u8>, skip: usize, lossy: bool) -> Result<Decoded, DecodeError> {
    bytes.drain(..skip);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: "UTF-8",
            replaced: 0,
            source: UTF_8,
            bom: skip > 0,
        }),
        Err(e) if lossy => {
            let bytes = e.into_bytes();
            decode_with(&bytes, 0, UTF_8, true)
        }
        Err(e) => {
            let mut err = utf8_error(e.as_bytes(), e.utf8_error());
            err.offset += skip;
            Err(err)
        }
    }
}

/// The general path: encoding_rs's decoder without replacement, so that the
/// first malformed sequence is seen with its position.
fn decode_with(
    bytes: &[u8],
    skip: usize,
    enc: &'static Encoding,
    lossy: bool,
) -> Result<Decoded, DecodeError> {
    let src = &bytes[skip..];
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(src.len())
        .unwrap_or(src.len().saturating_mul(3));
    let mut text = String::with_capacity(cap);
    let mut pos = 0;
    let mut replaced = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&src[pos..], &mut text, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                // Only after replacement characters ate the slack.
                text.reserve(src.len() - pos + 16);
            }
            DecoderResult::Malformed(bad, extra) => {
                let end = pos - usize::from(extra);
                let start = end.saturating_sub(usize::from(bad));
                if !lossy {
                    return Err(DecodeError {
                        encoding: display_name(enc),
                        offset: skip + start,
                        bytes: src[start..end.min(start + 4)].to_vec(),
                        line: 1 + memchr::memchr_iter(b'\n', text.as_bytes()).count(),
                        at_end: end == src.len(),
                        decoder: enc,
                    });
                }
                if text.capacity() - text.len() < 3 {
                    text.reserve(src.len() - pos + 16);
                }
                text.push('\u{FFFD}');
                replaced += 1;
            }
        }
    }
    Ok(Decoded {
        text,
        encoding: display_name(enc),
        replaced,
        source: enc,
        bom: skip > 0,
    })
}

/// Encodes `text` back into the encoding a file was read in (with its BOM,
/// if it had one), for `fmt --write`. Fails rather than replace a character
/// the encoding cannot hold.
pub fn encode(text: &str, source: &'static Encoding, bom: bool) -> Result<Vec<u8>, String> {
    let name = display_name(source);
    let utf16 = |big: bool| {
        let mut out = Vec::with_capacity(text.len() * 2 + 2);
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        for u in units {
            out.extend_from_slice(&if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        out
    };
    if source == UTF_8 {
        let mut out = Vec::with_capacity(text.len() + 3);
        if bom {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        out.extend_from_slice(text.as_bytes());
        return Ok(out);
    }
    if source == encoding_rs::UTF_16LE {
        return Ok(utf16(false));
    }
    if source == encoding_rs::UTF_16BE {
        return Ok(utf16(true));
    }
    let (bytes, used, lossy) = source.encode(text);
    if lossy || used != source {
        return Err(format!(
            "the result cannot be written back in {name} without loss"
        ));
    }
    Ok(bytes.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gb(s: &str) -> Vec<u8> {
        GB18030.encode(s).0.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("一、甲\n".as_bytes().to_vec(), None, false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("一、甲\n", "UTF-8"));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("一、甲\n".as_bytes());
        let d = decode(b, None, false).unwrap();
        assert_eq!(d.text, "一、甲\n", "the BOM is not text");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "一、甲\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(le, None, false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("一、甲\n", "UTF-16LE"));
        let d = decode(be, None, false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("一、甲\n", "UTF-16BE"));
    }

    #[test]
    fn gb18030_is_detected() {
        let src = "关于做好安全生产工作的讲话\n同志们：\n一、提高认识。安全是发展的前提，必须常抓不懈。\n";
        let d = decode(gb(src), None, false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (src, "GB18030"));
    }

    #[test]
    fn truncated_gb18030_names_the_offset() {
        let mut b = gb("一、提高认识。安全是发展的前提，必须常抓不懈。\n二、压实责任");
        let n = b.len();
        b.truncate(n - 1);
        let e = decode(b, None, false).unwrap_err();
        assert_eq!(e.encoding, "GB18030");
        assert_eq!(e.offset, n - 2);
        assert!(e.at_end);
        assert_eq!(e.line, 2);
    }

    #[test]
    fn lossy_counts_replacements() {
        let mut b = gb("一、提高认识。安全是发展的前提，必须常抓不懈。\n二、压实责任");
        b.pop();
        let d = decode(b, None, true).unwrap();
        assert_eq!(d.replaced, 1);
        assert!(d.text.ends_with("压实责\u{FFFD}"));
    }

    #[test]
    fn damaged_utf8_is_not_guessed_as_gbk() {
        let mut b = "一、提高认识。安全是发展的前提。".as_bytes().to_vec();
        let at = b.len();
        b.extend_from_slice(&[0xD7, 0xDC, b'\n']);
        let e = decode(b, None, false).unwrap_err();
        assert_eq!((e.encoding, e.offset), ("UTF-8", at));
    }

    #[test]
    fn forced_encoding_wins() {
        let d = decode(gb("一、甲\n"), encoding_for_label("gbk"), false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("一、甲\n", "GB18030"));
        assert!(encoding_for_label("no-such-encoding").is_none());
    }
}
