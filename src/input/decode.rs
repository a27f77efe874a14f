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
//!
//! The way back, text to bytes ([`splice`], [`encode`]), is answered here,
//! where callers have always found it, and done in `input::encode`.

use std::ops::Range;

use encoding_rs::{
    BIG5, DecoderResult, EUC_JP, EUC_KR, Encoding, GB18030, GBK, ISO_2022_JP, SHIFT_JIS, UTF_8,
    UTF_16BE, UTF_16LE,
};

pub use super::encode::EncodeError;
use super::sniff::{self, Kind};

/// How many bytes from the first non-ASCII one chardetng sees: some two
/// thousand Chinese characters, plenty for a confident guess between GB18030
/// and Big5. chardetng runs at about 5 MB/s, ten times slower than parsing,
/// so feeding it whole files would make detection the cost of a batch. The
/// whole file is still decoded strictly with the guess.
const DETECT_PREFIX: usize = 4 * 1024;

/// Non-ASCII bytes below which a detected encoding is only a guess: some
/// thirty Chinese characters. `附件` is four bytes and valid GBK, Big5 and
/// EUC-KR alike.
const EVIDENCE: usize = 64;

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
    /// How sure the choice of encoding is.
    pub confidence: Confidence,
}

/// How the encoding was chosen, and so how far to trust it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Confidence {
    /// A byte order mark or `--encoding` said, or the bytes are valid UTF-8.
    Certain,
    /// Detected from enough text: the detector's guess decodes without error
    /// and reads as Chinese text, or UTF-16 without a BOM from its NULs.
    Detected,
    /// A guess from little text (a few characters are often valid GBK,
    /// Big5 and EUC-KR alike) or among encodings that all decode: to be
    /// reported (`encoding guessed: GB18030 (low confidence)`), and not to
    /// write back on.
    Low,
}

/// Why bytes could not be decoded without loss.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The bytes are not text at all ([`sniff`] found a PDF,
    /// an image, an archive, a program, NUL bytes…): never decoded.
    NotText {
        /// What they are.
        kind: Kind,
    },
    /// A byte sequence that does not decode.
    Malformed(Malformed),
}

impl DecodeError {
    /// The byte offset of the first bad byte, when there is one.
    pub fn offset(&self) -> Option<usize> {
        match self {
            DecodeError::NotText { .. } => None,
            DecodeError::Malformed(m) => Some(m.offset),
        }
    }
}

/// Where and how the bytes stopped decoding.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Malformed {
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
    /// For UTF-8 that is valid but for a few bad sequences: how many.
    pub damage: Option<Damage>,
    /// The decoder that failed (for a `--lossy` retry).
    decoder: &'static Encoding,
}

/// How damaged a file that is mostly UTF-8 is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Damage {
    /// Malformed byte sequences.
    pub bad: usize,
    /// Well-formed multi-byte characters.
    pub good: usize,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let m = match self {
            DecodeError::NotText { kind } => {
                return write!(f, "{}, not a text file", kind.describe());
            }
            DecodeError::Malformed(m) => m,
        };
        write!(
            f,
            "not valid {} at byte {} (line {}):",
            m.encoding, m.offset, m.line
        )?;
        for b in &m.bytes {
            write!(f, " 0x{b:02X}")?;
        }
        if m.at_end {
            f.write_str(" cut off at the end of the file (truncated?)")?;
        }
        if let Some(d) = m.damage {
            write!(
                f,
                "; the rest is UTF-8 ({} bad sequence{} among {} characters): a damaged UTF-8 file",
                d.bad,
                if d.bad == 1 { "" } else { "s" },
                d.good
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

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
/// Without `lossy`, the first malformed sequence is an error. Bytes that are
/// not text ([`sniff`]) are never decoded.
///
/// ```
/// use tigang::input::decode::{decode, Confidence, DecodeError};
/// let d = decode("一、总体要求\n".as_bytes().to_vec(), None, false).unwrap();
/// assert_eq!((d.text.as_str(), d.encoding, d.confidence), ("一、总体要求\n", "UTF-8", Confidence::Certain));
/// assert!(matches!(decode(b"%PDF-1.7\n".to_vec(), None, false), Err(DecodeError::NotText { .. })));
/// ```
pub fn decode(
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
    lossy: bool,
) -> Result<Decoded, DecodeError> {
    let kind = sniff::sniff(&bytes);
    if kind.is_binary() || kind == Kind::Docx {
        return Err(DecodeError::NotText { kind });
    }
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
    decode_with(&bytes, skip, norm(enc), lossy, Confidence::Certain)
}

/// GBK decodes as GB18030 (the same decoder in encoding_rs).
fn norm(enc: &'static Encoding) -> &'static Encoding {
    if enc == GBK { GB18030 } else { enc }
}

/// Detection for BOM-less input, strongest evidence first: UTF-16 from its
/// NUL bytes (valid UTF-8 only with a NUL in most code units); valid UTF-8; UTF-8 with a little damage (an error, not a GBK
/// guess); chardetng's guess, checked against GB18030 and Big5 when the
/// text is short or does not read as Chinese.
fn detect_and_decode(bytes: Vec<u8>, lossy: bool) -> Result<Decoded, DecodeError> {
    if let Some(enc) = utf16_without_bom(&bytes) {
        // Valid UTF-8 with a stray NUL stays UTF-8: UTF-16 that is also
        // valid UTF-8 is mostly ASCII, so NULs fill every other byte.
        if utf16_nul_pattern(&bytes, enc) || std::str::from_utf8(&bytes).is_err() {
            return decode_with(&bytes, 0, enc, lossy, Confidence::Detected);
        }
    }
    // One pass: valid UTF-8 becomes the text without a copy, and otherwise
    // the bytes come back.
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(utf8_text(text, false)),
        Err(e) => e.into_bytes(),
    };
    if let Some(damage) = utf8_damage(&bytes) {
        if lossy {
            return decode_with(&bytes, 0, UTF_8, true, Confidence::Certain);
        }
        let Err(DecodeError::Malformed(mut m)) = decode_utf8(bytes, 0, false) else {
            unreachable!("the bytes are not valid UTF-8");
        };
        m.damage = Some(damage);
        return Err(DecodeError::Malformed(m));
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
    let evidence = bytes.iter().filter(|&&b| b >= 0x80).count() >= EVIDENCE;
    if has_controls(&bytes) {
        return Err(DecodeError::NotText { kind: Kind::Binary });
    }
    let trusted = MULTI_BYTE.contains(&guess).then(|| {
        decode_with(&bytes, 0, guess, false, Confidence::Detected)
            .ok()
            .map(|d| {
                let s = Score::of(&d.text);
                (d, s)
            })
    });
    let mut best: Option<(Decoded, Score)> = None;
    if let Some(Some((d, s))) = trusted {
        if evidence && s.chinese() {
            return Ok(d);
        }
        best = Some((d, s));
    }
    // A short text, a single-byte guess (a bad sequence ruled the Chinese
    // encodings out, or the text is not Chinese) or a decoding that does not
    // read as Chinese: try GB18030 and Big5 and keep the one that reads
    // best, the guess on a tie. A silent single-byte decoding is never the
    // right answer for Chinese documents.
    let mut furthest: Option<Malformed> = None;
    for enc in [GB18030, BIG5] {
        if enc == guess && best.is_some() {
            continue;
        }
        match decode_with(&bytes, 0, enc, false, Confidence::Low) {
            Ok(d) => {
                let s = Score::of(&d.text);
                if best.as_ref().is_none_or(|(_, b)| s.value() > b.value()) {
                    best = Some((d, s));
                }
            }
            Err(DecodeError::Malformed(e))
                if furthest.as_ref().is_none_or(|b| e.offset > b.offset) =>
            {
                furthest = Some(e);
            }
            Err(_) => {}
        }
    }
    if let Some((mut d, _)) = best {
        // A few bytes that decode only to rare characters are more likely
        // binary than a short text (random bytes are valid GB18030 one time
        // in four).
        if !evidence && !mostly_common(&d.text, d.source) {
            return Err(DecodeError::NotText { kind: Kind::Binary });
        }
        d.confidence = Confidence::Low;
        return Ok(d);
    }
    let furthest = furthest.expect("two encodings were tried");
    if lossy {
        return decode_with(&bytes, 0, furthest.decoder, true, Confidence::Low);
    }
    Err(DecodeError::Malformed(furthest))
}

/// Encodings chardetng can name that encode Chinese, Japanese or Korean in
/// several bytes; its guess among them is trusted given enough text.
const MULTI_BYTE: [&Encoding; 6] = [GB18030, BIG5, SHIFT_JIS, EUC_JP, EUC_KR, ISO_2022_JP];

/// How Chinese a decoding reads: characters of Chinese text against
/// characters a wrong decoding produces (private use, Hangul, kana, rare
/// extension ideographs, accented Latin, C1 controls).
#[derive(Clone, Copy, Debug, Default)]
struct Score {
    chinese: usize,
    odd: usize,
}

impl Score {
    fn of(text: &str) -> Score {
        let mut s = Score::default();
        for c in text.chars().filter(|c| !c.is_ascii()) {
            match c as u32 {
                0x4E00..=0x9FFF
                | 0x3000..=0x303F
                | 0xFF01..=0xFFEF
                | 0x2010..=0x206F
                | 0x2150..=0x27BF
                | 0x3200..=0x33FF
                | 0xF900..=0xFAFF
                | 0x00A0..=0x00BF
                | 0x00D7
                | 0x00F7 => s.chinese += 1,
                0xE000..=0xF8FF
                | 0x1100..=0x11FF
                | 0x3130..=0x318F
                | 0xAC00..=0xD7AF
                | 0x3040..=0x30FF
                | 0x3400..=0x4DBF
                | 0x20000..
                | 0x00C0..=0x024F
                | 0x0080..=0x009F
                | 0xFFFD => s.odd += 1,
                _ => {}
            }
        }
        s
    }

    /// At most one odd character in a hundred.
    fn chinese(self) -> bool {
        self.odd * 100 <= self.chinese
    }

    fn value(self) -> i64 {
        self.chinese as i64 - 4 * self.odd as i64
    }
}

/// C0 control characters that text files do not hold (all but tab, line
/// feed, vertical tab, form feed, carriage return, SUB, the DOS end of file,
/// and ESC) in the first 64 KB.
fn has_controls(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(64 * 1024)]
        .iter()
        .any(|&b| matches!(b, 0x00..=0x08 | 0x0E..=0x19 | 0x1C..=0x1F | 0x7F))
}

/// Whether at least two thirds of the non-ASCII characters of a short text are
/// common ones: in GB2312 (its symbols and both levels of hanzi) when read
/// as GB18030, in Big5's symbols and frequent hanzi when read as Big5.
fn mostly_common(text: &str, enc: &'static Encoding) -> bool {
    let (mut all, mut common) = (0usize, 0usize);
    let mut buf = [0u8; 4];
    for c in text.chars().filter(|c| !c.is_ascii()) {
        all += 1;
        let (bytes, _, unmappable) = enc.encode(c.encode_utf8(&mut buf));
        let [lead, trail] = *bytes else {
            continue;
        };
        let is_common = !unmappable
            && if enc == BIG5 {
                let code = u16::from_be_bytes([lead, trail]);
                matches!(code, 0xA140..=0xA3BF | 0xA440..=0xC67E)
            } else {
                matches!((lead, trail), (0xA1..=0xA9 | 0xB0..=0xF7, 0xA1..=0xFE))
            };
        common += usize::from(is_common);
    }
    common * 3 >= all * 2
}

/// UTF-16 without a byte order mark, when the first bytes hold NULs: the
/// byte order in which many more code units are line breaks, tabs, spaces,
/// CJK punctuation (`、。“”`) and full-width forms (`，：（）`). Swapped,
/// those read as U+0A00, U+0130, U+0CFF…; ideographs read as ideographs
/// either way, so they tell nothing.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8 * 1024) & !1];
    memchr::memchr(0, head)?;
    let structural =
        |u: u16| matches!(u, 0x09 | 0x0A | 0x0D | 0x20 | 0x3000..=0x303F | 0xFF00..=0xFFEF);
    let (mut le, mut be) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        le += usize::from(structural(u16::from_le_bytes([pair[0], pair[1]])));
        be += usize::from(structural(u16::from_be_bytes([pair[0], pair[1]])));
    }
    if le >= 2 && le >= 4 * be {
        Some(UTF_16LE)
    } else if be >= 2 && be >= 4 * le {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether at least a quarter of the first code units in `enc` (UTF-16LE or
/// BE) have a NUL high byte: the mark of mostly-ASCII UTF-16, the only UTF-16
/// likely to be valid UTF-8 too. One NUL, or a few, is not the pattern.
fn utf16_nul_pattern(bytes: &[u8], enc: &'static Encoding) -> bool {
    let head = &bytes[..bytes.len().min(8 * 1024) & !1];
    let high = usize::from(enc == UTF_16LE);
    let nuls = head
        .iter()
        .skip(high)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    nuls * 4 >= head.len() / 2
}

/// Whether bytes that are not valid UTF-8 are a damaged UTF-8 file: at
/// least four well-formed multi-byte characters for every bad sequence, or
/// a single bad sequence cut off at the very end after well-formed ones. A
/// GBK or Big5 pair is valid UTF-8 by chance well under one time in three,
/// so the damage budget is never met by a file in those encodings.
fn utf8_damage(bytes: &[u8]) -> Option<Damage> {
    let mut d = Damage { bad: 0, good: 0 };
    for chunk in bytes.utf8_chunks() {
        d.good += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        d.bad += usize::from(!chunk.invalid().is_empty());
    }
    // The only bad sequence is a character cut off by the end.
    let truncated = d.bad == 1
        && std::str::from_utf8(bytes).is_err_and(|e| e.error_len().is_none())
        && d.good > 0;
    (truncated || (d.good >= 4 && d.good >= 4 * d.bad)).then_some(d)
}

fn utf8_error(bytes: &[u8], err: std::str::Utf8Error) -> Malformed {
    let at = err.valid_up_to();
    let len = err.error_len().unwrap_or(bytes.len() - at).min(4);
    Malformed {
        encoding: "UTF-8",
        offset: at,
        bytes: bytes[at..at + len].to_vec(),
        line: 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count(),
        at_end: err.error_len().is_none(),
        damage: None,
        decoder: UTF_8,
    }
}

/// Valid UTF-8 text, as it is.
fn utf8_text(text: String, bom: bool) -> Decoded {
    Decoded {
        text,
        encoding: "UTF-8",
        replaced: 0,
        source: UTF_8,
        bom,
        confidence: Confidence::Certain,
    }
}

/// `bytes` as text when [`decode`] would take them as they are, unforced:
/// valid UTF-8 without a BOM that is not UTF-16 without one (no NUL among
/// its first bytes) nor binary. Validated by SIMD (`simdutf8`), and
/// borrowed: a memory-mapped file is parsed where it lies.
///
/// ```
/// use tigang::input::decode::{as_utf8, decode};
/// let b = "一、总则\n".as_bytes();
/// assert_eq!(as_utf8(b), Some(decode(b.to_vec(), None, false).unwrap().text.as_str()));
/// assert_eq!(as_utf8(b"\xEF\xBB\xBF\xE4\xB8\x80"), None); // a BOM
/// assert_eq!(as_utf8(b"\xB5\xDA\xD2\xBB"), None); // GB18030
/// ```
pub fn as_utf8(bytes: &[u8]) -> Option<&str> {
    let head = &bytes[..bytes.len().min(8 * 1024)];
    if memchr::memchr(0, head).is_some() || Encoding::for_bom(bytes).is_some() {
        return None;
    }
    if sniff::sniff(bytes) != Kind::Text {
        return None;
    }
    simdutf8::basic::from_utf8(bytes).ok()
}

/// UTF-8 without copying when the input is valid.
fn decode_utf8(mut bytes: Vec<u8>, skip: usize, lossy: bool) -> Result<Decoded, DecodeError> {
    bytes.drain(..skip);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(utf8_text(text, skip > 0)),
        Err(e) if lossy => {
            let bytes = e.into_bytes();
            let mut d = decode_with(&bytes, 0, UTF_8, true, Confidence::Certain)?;
            d.bom = skip > 0;
            Ok(d)
        }
        Err(e) => {
            let mut err = utf8_error(e.as_bytes(), e.utf8_error());
            err.offset += skip;
            Err(DecodeError::Malformed(err))
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
    confidence: Confidence,
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
                    return Err(DecodeError::Malformed(Malformed {
                        encoding: display_name(enc),
                        offset: skip + start,
                        bytes: src[start..end.min(start + 4)].to_vec(),
                        line: 1 + memchr::memchr_iter(b'\n', text.as_bytes()).count(),
                        at_end: end == src.len(),
                        damage: None,
                        decoder: enc,
                    }));
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
        confidence,
    })
}

/// Writes edits of a decoded text back into the bytes it was decoded from,
/// changing nothing else: each edit's byte range in `original` is found by
/// decoding up to it, the replacement is encoded in the file's encoding,
/// and every other byte is copied as it was (a GB18030 `0x80` or a Big5
/// `A2A4` that would encode back to other bytes is never re-encoded). The
/// result is decoded once more and must read as the edited text.
///
/// `edits` are byte ranges of `decoded.text` in order, not overlapping.
///
/// ```
/// use tigang::input::decode::{decode, splice};
/// let gb = |s: &str| encoding_rs::GB18030.encode(s).0.into_owned();
/// let mut original = gb("一、总体要求。安全生产是发展的前提，必须常抓不懈，落实到每一个环节。\n三、压实责任\n");
/// original.insert(0, 0x80); // a byte that decodes (€) but encodes back as A2 E3
/// let d = decode(original.clone(), Some(encoding_rs::GB18030), false).unwrap();
/// let at = d.text.find("三、").unwrap();
/// let out = splice(&original, &d, [(at..at + "三、".len(), "二、")]).unwrap();
/// assert_eq!(out[0], 0x80);
/// assert_eq!(out.len(), original.len());
/// assert!(encoding_rs::GB18030.decode(&out).0.contains("二、压实责任"));
/// ```
pub fn splice<'e>(
    original: &[u8],
    decoded: &Decoded,
    edits: impl IntoIterator<Item = (Range<usize>, &'e str)>,
) -> Result<Vec<u8>, EncodeError> {
    if decoded.replaced > 0 {
        return Err(EncodeError::Lossy);
    }
    let edits: Vec<(Range<usize>, &str)> = edits.into_iter().collect();
    let source = decoded.source;
    let name = display_name(source);
    super::encode::splice(original, &decoded.text, source, name, decoded.bom, &edits)
}

/// Encodes `text` back into the encoding a file was read in (with its BOM,
/// if it had one), for `fmt --write`. Fails rather than replace a character
/// the encoding cannot hold.
pub fn encode(text: &str, source: &'static Encoding, bom: bool) -> Result<Vec<u8>, String> {
    super::encode::encode(text, source, display_name(source), bom)
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
        let Err(DecodeError::Malformed(e)) = decode(b, None, false) else {
            panic!("a truncated file is an error");
        };
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
        let Err(DecodeError::Malformed(e)) = decode(b, None, false) else {
            panic!("damaged UTF-8 is an error");
        };
        assert_eq!((e.encoding, e.offset), ("UTF-8", at));
    }

    #[test]
    fn one_bad_byte_near_the_start_is_damaged_utf8() {
        let mut b = "一".as_bytes().to_vec();
        b.push(0xB1);
        b.extend_from_slice("、总体要求。安全是发展的前提，必须常抓不懈。\n".as_bytes());
        let Err(DecodeError::Malformed(e)) = decode(b.clone(), None, false) else {
            panic!("damaged UTF-8 is an error");
        };
        assert_eq!((e.encoding, e.offset, e.line), ("UTF-8", 3, 1));
        assert_eq!(e.damage, Some(Damage { bad: 1, good: 23 }));
        let shown = DecodeError::Malformed(e).to_string();
        assert!(shown.contains("a damaged UTF-8 file"), "{shown}");
        // --lossy then replaces the one byte, it does not read GB18030 mojibake.
        let d = decode(b, None, true).unwrap();
        assert_eq!((d.encoding, d.replaced), ("UTF-8", 1));
        assert!(d.text.starts_with("一\u{FFFD}、总体要求"), "{}", d.text);
    }

    #[test]
    fn gbk_text_is_not_damaged_utf8() {
        // Chance UTF-8 pairs in GBK (`D0 B9`) do not make it UTF-8.
        let src = "中国共产党第二十次全国代表大会报告学习体会：一、深刻领会主题。";
        let d = decode(gb(src), None, false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (src, "GB18030"));
    }

    #[test]
    fn short_texts_are_low_confidence_guesses() {
        for (bytes, text, enc) in [
            (gb("附件"), "附件", "GB18030"),
            (gb("讲话"), "讲话", "GB18030"),
            (BIG5.encode("一、總則").0.into_owned(), "一、總則", "Big5"),
        ] {
            let d = decode(bytes, None, false).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, enc));
            assert_eq!(d.confidence, Confidence::Low, "{text}");
        }
        let long = "关于做好安全生产工作的讲话\n同志们：\n一、提高认识。安全是发展的前提，必须常抓不懈，落实到生产经营的每一个环节。\n";
        assert_eq!(
            decode(gb(long), None, false).unwrap().confidence,
            Confidence::Detected
        );
    }

    #[test]
    fn binaries_are_not_text() {
        for bytes in [
            &b"PK\x03\x04\x14\x00\x00\x00\x08\x00abc"[..],
            b"%PDF-1.4\n%\xE2\xE3\xCF\xD3",
            b"\x7FELF\x02\x01\x01\x00\x00\x00",
            b"\x89PNG\r\n\x1A\n\x00\x00",
            b"\xB1\x03\xC7\xE8\x11\xA0\xF3",
        ] {
            assert!(
                matches!(
                    decode(bytes.to_vec(), None, false),
                    Err(DecodeError::NotText { .. })
                ),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn utf16_without_bom_from_its_nuls() {
        let text = "一、总体要求\nThe 1st item\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode(le, None, false).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            (text, "UTF-16LE", false)
        );
        let d = decode(be, None, false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16BE"));
    }

    #[test]
    fn a_stray_nul_leaves_utf8_utf8() {
        // `（2020）` puts three `0` bytes where UTF-16LE would have U+30xx
        // (CJK punctuation), which with the NUL looked like UTF-16. Odd and
        // even lengths: neither is UTF-16 ("truncated" or wordless).
        for text in [
            "一、总则\n正文\0。\n二、任务\n",
            "一、总则\n正文\0。\n二、任务\n（2020）\n",
            "一、总则\n正文\0。\n二、任务\n（2020）\n\n",
            "一、总则\n正文\0。\n二、任务\n 2010年\n",
        ] {
            let e = crate::input::read(text.as_bytes(), &Default::default()).unwrap();
            assert_eq!((e.text.as_str(), e.source.encoding), (text, Some("UTF-8")));
            let d = crate::parse(&e.text);
            assert_eq!(d.headings().count(), 2, "{text:?}");
        }
        // UTF-16 that is also valid UTF-8 (mostly ASCII) is still UTF-16.
        let text = "1. Scope\n2. Tasks\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert!(std::str::from_utf8(&le).is_ok());
        assert_eq!(decode(le, None, false).unwrap().encoding, "UTF-16LE");
        assert_eq!(decode(be, None, false).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn forced_encoding_wins() {
        let d = decode(gb("一、甲\n"), encoding_for_label("gbk"), false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("一、甲\n", "GB18030"));
        assert!(encoding_for_label("no-such-encoding").is_none());
    }
}
