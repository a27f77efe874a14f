//! Text back to bytes, for `fmt --write`: edits of a decoded text spliced
//! into the bytes it came from, or a whole text encoded in a file's
//! encoding with its BOM.
//!
//! The public functions stay where they have always been,
//! [`decode::splice`](super::decode::splice) and
//! [`decode::encode`](super::decode::encode); they hand this module what it
//! needs of a [`Decoded`](super::decode::Decoded) as plain values, so that
//! imports point one way (`decode` uses `encode`, never the reverse).

use std::ops::Range;

use encoding_rs::{DecoderResult, Encoding, UTF_8};

/// Why edited text could not be written back in its file's encoding.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeError {
    /// A replacement holds a character the encoding cannot hold.
    Unmappable {
        /// The encoding.
        encoding: &'static str,
        /// The replacement.
        text: String,
    },
    /// An edit does not fall on character boundaries of the original bytes,
    /// or the written bytes would not read back as the edited text.
    RoundTrip {
        /// The encoding.
        encoding: &'static str,
    },
    /// The decoded text had replacement characters (`--lossy`): what they
    /// replaced cannot be written back.
    Lossy,
}

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EncodeError::Unmappable { encoding, text } => {
                write!(f, "`{text}` cannot be written in {encoding}")
            }
            EncodeError::RoundTrip { encoding } => write!(
                f,
                "the result would not read back the same in {encoding} (please report this)"
            ),
            EncodeError::Lossy => f.write_str("the text was decoded with --lossy"),
        }
    }
}

impl std::error::Error for EncodeError {}

/// Writes `edits` (byte ranges of `text`, in order, not overlapping) back
/// into `original`, the bytes `text` was decoded from in `source` (named
/// `name` in messages; `bom`: they begin with a byte order mark), changing
/// nothing else. See [`decode::splice`](super::decode::splice).
pub(super) fn splice(
    original: &[u8],
    text: &str,
    source: &'static Encoding,
    name: &'static str,
    bom: bool,
    edits: &[(Range<usize>, &str)],
) -> Result<Vec<u8>, EncodeError> {
    let round_trip = || EncodeError::RoundTrip { encoding: name };
    let skip = if bom {
        Encoding::for_bom(original).map_or(0, |(_, len)| len)
    } else {
        0
    };
    let mut positions = Vec::with_capacity(edits.len() * 2);
    for (r, _) in edits {
        if positions.last().is_some_and(|&p| r.start < p)
            || r.start > r.end
            || text.get(r.clone()).is_none()
        {
            return Err(round_trip());
        }
        positions.extend([r.start, r.end]);
    }
    let offsets = if source == UTF_8 {
        positions.iter().map(|p| p + skip).collect()
    } else {
        source_offsets(&original[skip..], source, text.len(), &positions)
            .ok_or_else(round_trip)?
            .into_iter()
            .map(|p| p + skip)
            .collect::<Vec<_>>()
    };
    let mut out = Vec::with_capacity(original.len() + edits.len() * 8);
    let mut expected = String::with_capacity(text.len() + edits.len() * 8);
    let (mut at, mut text_at) = (0, 0);
    for (i, (r, replacement)) in edits.iter().enumerate() {
        let (start, end) = (offsets[2 * i], offsets[2 * i + 1]);
        let bytes =
            encode(replacement, source, name, false).map_err(|_| EncodeError::Unmappable {
                encoding: name,
                text: replacement.to_string(),
            })?;
        out.extend_from_slice(original.get(at..start).ok_or_else(round_trip)?);
        out.extend_from_slice(&bytes);
        expected.push_str(&text[text_at..r.start]);
        expected.push_str(replacement);
        at = end;
        text_at = r.end;
    }
    out.extend_from_slice(original.get(at..).ok_or_else(round_trip)?);
    expected.push_str(&text[text_at..]);
    // The whole result must read back as the edited text, in the same
    // encoding and as strictly as it was read (no replacement).
    let back = source.decode_without_bom_handling_and_without_replacement(&out[skip..]);
    if back.as_deref() != Some(expected.as_str()) {
        return Err(round_trip());
    }
    Ok(out)
}

/// The byte offset in `src` at which decoding has produced each of
/// `positions` (ascending byte offsets of the decoded text, `len` long), or
/// `None` if one falls inside what a single byte sequence decodes to.
///
/// The decoder is fed in steps that cannot overshoot the next position (a
/// byte never yields more than four bytes of UTF-8), then a byte at a time
/// over the last few: linear in the input.
fn source_offsets(
    src: &[u8],
    enc: &'static Encoding,
    len: usize,
    positions: &[usize],
) -> Option<Vec<usize>> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut scratch = vec![0u8; 64 * 1024];
    let (mut read, mut made) = (0usize, 0usize);
    let mut out = Vec::with_capacity(positions.len());
    let mut feed = |n: usize, read: &mut usize, made: &mut usize| -> Option<usize> {
        let chunk = &src[*read..*read + n];
        let before = *made;
        let mut pos = 0;
        loop {
            let (result, r, w) =
                decoder.decode_to_utf8_without_replacement(&chunk[pos..], &mut scratch, false);
            pos += r;
            *made += w;
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(..) => return None,
            }
        }
        *read += n;
        Some(*made - before)
    };
    for &p in positions {
        if p == len {
            out.push(src.len());
            continue;
        }
        while made < p {
            let d = p - made;
            if read >= src.len() {
                return None;
            }
            let step = if d >= 8 { d / 4 - 1 } else { 0 };
            if step > 0 {
                feed(step.min(src.len() - read), &mut read, &mut made)?;
            } else {
                feed(1, &mut read, &mut made)?;
            }
        }
        if made != p {
            return None;
        }
        out.push(read);
    }
    Some(out)
}

/// Encodes `text` in `source` (named `name` in the message), with its BOM
/// when `bom`. See [`decode::encode`](super::decode::encode).
pub(super) fn encode(
    text: &str,
    source: &'static Encoding,
    name: &str,
    bom: bool,
) -> Result<Vec<u8>, String> {
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
    use super::EncodeError;
    use crate::input::decode::{decode, splice};
    use encoding_rs::{BIG5, Encoding, GB18030, UTF_8, UTF_16LE};

    fn gb(s: &str) -> Vec<u8> {
        GB18030.encode(s).0.into_owned()
    }

    fn edit_marker(original: Vec<u8>, enc: &'static Encoding, from: &str, to: &str) -> Vec<u8> {
        let d = decode(original.clone(), Some(enc), false).unwrap();
        let at = d.text.find(from).unwrap();
        splice(&original, &d, [(at..at + from.len(), to)]).unwrap()
    }

    #[test]
    fn splice_keeps_bytes_that_do_not_round_trip() {
        // Big5 A2A4 (═) encodes back as F9F9; GB18030 0x80 (€) as A2E3.
        let mut big5 = BIG5.encode("一、總則\n三、附則").0.into_owned();
        big5.splice(8..8, [0xA2, 0xA4]);
        let out = edit_marker(big5.clone(), BIG5, "三、", "二、");
        assert_eq!(&out[..11], &big5[..11]);
        assert_eq!(&out[15..], &big5[15..]);
        assert_eq!(BIG5.decode(&out).0, "一、總則═\n二、附則");

        let mut gbk = gb("一、总则\n三、附则");
        gbk.insert(8, 0x80);
        let out = edit_marker(gbk.clone(), GB18030, "三、", "二、");
        assert_eq!(out.len(), gbk.len());
        assert_eq!(out[8], 0x80);
    }

    #[test]
    fn splice_in_utf16_and_utf8_with_bom() {
        let text = "一、甲\n三、乙\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let out = edit_marker(le, UTF_16LE, "三、", "二、");
        assert_eq!(UTF_16LE.decode(&out).0, "一、甲\n二、乙\n");
        let mut u8bom = b"\xEF\xBB\xBF".to_vec();
        u8bom.extend_from_slice(text.as_bytes());
        let out = edit_marker(u8bom, UTF_8, "三、", "二、");
        assert_eq!(out, "\u{FEFF}一、甲\n二、乙\n".as_bytes());
    }

    #[test]
    fn splice_refuses_what_it_cannot_write() {
        let original = BIG5.encode("一、總則\n三、附則").0.into_owned();
        let d = decode(original.clone(), Some(BIG5), false).unwrap();
        let at = d.text.find("三、").unwrap();
        let e = splice(&original, &d, [(at..at + 6, "𠀀、")]).unwrap_err();
        assert!(matches!(e, EncodeError::Unmappable { .. }), "{e:?}");
        // An edit that does not fall on a character boundary.
        let e = splice(&original, &d, [(at + 1..at + 6, "二、")]).unwrap_err();
        assert!(matches!(e, EncodeError::RoundTrip { .. }), "{e:?}");
    }
}
