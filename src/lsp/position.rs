//! Byte offsets ↔ LSP positions.
//!
//! tigang speaks byte offsets into UTF-8; LSP speaks (line, character) with
//! the character counted in UTF-16 code units unless client and server agree
//! on another encoding at `initialize`. Lines end at `\n`, `\r\n` or `\r`,
//! as LSP and tigang's own scanner both say.
//!
//! [`LineIndex`] holds each line's first byte (one memchr pass when a text
//! arrives); a conversion is a binary search plus a count over the part of
//! one line before the offset.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::document::Span;

/// What a position's `character` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: LSP's default, and the one every client supports.
    Utf16,
    /// Unicode scalar values.
    Utf32,
}

impl Encoding {
    /// The encoding to use, given what the client offers (most preferred
    /// first, LSP 3.17 `general.positionEncodings`): UTF-8 when offered,
    /// since it needs no counting, then UTF-32, else UTF-16.
    pub(crate) fn negotiate<'a>(offered: impl IntoIterator<Item = &'a str>) -> Encoding {
        let offered: Vec<&str> = offered.into_iter().collect();
        if offered.contains(&"utf-8") {
            Encoding::Utf8
        } else if offered.contains(&"utf-32") {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// The length of `s` in this encoding's units.
    fn len(self, s: &str) -> usize {
        match self {
            Encoding::Utf8 => s.len(),
            // A code point is one unit per lead byte, and a 4-byte one (lead
            // byte 0xF0 and up) is a surrogate pair: two. Counted over bytes,
            // which the compiler vectorises, rather than decoded char by char.
            Encoding::Utf16 => s
                .bytes()
                .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
                .sum(),
            Encoding::Utf32 => s.bytes().filter(|&b| b & 0xC0 != 0x80).count(),
        }
    }
}

/// The lines of one text and the conversions between its byte offsets and
/// LSP positions.
#[derive(Clone, Debug)]
pub(crate) struct LineIndex {
    /// First byte of every line; `starts[0] == 0`. A text ending in a line
    /// break has an empty last line starting at its end.
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineIndex {
    pub(crate) fn new(text: &str, encoding: Encoding) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The `\n` of a `\r\n` was counted with its `\r`.
            if bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r' {
                continue;
            }
            let crlf = bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n');
            starts.push(i + 1 + usize::from(crlf));
        }
        LineIndex { starts, encoding }
    }

    /// The 0-based line that holds byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Where line `line` starts and where its text ends (before the line
    /// break), in bytes; the last line for a line past the end.
    fn bounds(&self, text: &str, line: usize) -> (usize, usize) {
        let line = line.min(self.starts.len() - 1);
        let start = self.starts[line];
        let end = match self.starts.get(line + 1) {
            Some(&next) if text.as_bytes()[..next].ends_with(b"\r\n") => next - 2,
            Some(&next) => next - 1,
            None => text.len(),
        };
        (start, end)
    }

    /// The position of byte `offset` of `text` (the text this index was
    /// built for). An offset inside a character counts from that
    /// character's start; one past the end is the end.
    pub(crate) fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let start = self.starts[line];
        let character = self.encoding.len(&text[start..offset]);
        Position::new(to_u32(line), to_u32(character))
    }

    /// The range of `span`.
    pub(crate) fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of `pos`. As LSP says, a character past the end of
    /// its line means the line's end and a line past the end of the text
    /// the text's end; a position inside a character (half a surrogate
    /// pair, a byte inside a UTF-8 sequence) means that character's start.
    pub(crate) fn offset(&self, text: &str, pos: Position) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let (start, end) = self.bounds(text, line);
        let want = pos.character as usize;
        if self.encoding == Encoding::Utf8 {
            let mut at = (start + want).min(end);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            return at;
        }
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let next = units
                + match self.encoding {
                    Encoding::Utf16 => c.len_utf16(),
                    _ => 1,
                };
            if next > want {
                return start + i;
            }
            units = next;
        }
        end
    }
}

/// LSP positions are `u32`; a text of more than 4 G lines or units is cut.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn characters_outside_the_bmp_count_two_in_utf16() {
        let text = "𠀀一、甲\n𠀀𠀀（一）乙";
        let ix = LineIndex::new(text, Encoding::Utf16);
        let yi = text.find("一、").unwrap();
        assert_eq!(ix.position(text, yi), pos(0, 2));
        let paren = text.find("（一）").unwrap();
        assert_eq!(ix.position(text, paren), pos(1, 4));
        assert_eq!(ix.offset(text, pos(1, 4)), paren);
        // Half a surrogate pair is the character's start.
        assert_eq!(ix.offset(text, pos(1, 3)), text.find('\n').unwrap() + 1 + 4);
        let u32s = LineIndex::new(text, Encoding::Utf32);
        assert_eq!(u32s.position(text, paren), pos(1, 2));
        let u8s = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(u8s.position(text, paren), pos(1, 8));
    }

    #[test]
    fn every_line_break_lsp_knows() {
        let text = "一\n二\r\n三\r四\r\r\n";
        let ix = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(ix.starts.len(), 6);
        for (n, c) in ["一", "二", "三", "四"].iter().enumerate() {
            let at = text.find(c).unwrap();
            assert_eq!(ix.position(text, at), pos(n as u32, 0), "{c}");
            // The end of a line is before its break, whichever it is.
            assert_eq!(ix.offset(text, pos(n as u32, 99)), at + 3, "{c}");
        }
        // An empty line between `\r` and `\r\n`, then the empty last line.
        assert_eq!(ix.offset(text, pos(4, 0)), text.len() - 2);
        assert_eq!(ix.position(text, text.len()), pos(5, 0));
        assert_eq!(ix.offset(text, pos(9, 9)), text.len());
    }

    #[test]
    fn utf8_offsets_inside_a_character_round_down() {
        let text = "一、甲";
        let ix = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(ix.offset(text, pos(0, 4)), 3);
        assert_eq!(ix.position(text, 4), pos(0, 3));
    }

    #[test]
    fn negotiation_prefers_utf8_then_utf32_else_utf16() {
        assert_eq!(Encoding::negotiate([]), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(["utf-16", "utf-32"]), Encoding::Utf32);
        assert_eq!(Encoding::negotiate(["utf-16", "utf-8"]), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(["ucs-2"]), Encoding::Utf16);
        assert_eq!(Encoding::Utf8.kind(), PositionEncodingKind::UTF8);
    }

    /// The naive model: walk the text character by character.
    fn naive(text: &str, offset: usize, enc: Encoding) -> Position {
        let (mut line, mut character) = (0u32, 0u32);
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if i >= offset {
                break;
            }
            match c {
                '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {
                    chars.next();
                    line += 1;
                    character = 0;
                }
                '\n' | '\r' => {
                    line += 1;
                    character = 0;
                }
                c => {
                    character += match enc {
                        Encoding::Utf8 => c.len_utf8(),
                        Encoding::Utf16 => c.len_utf16(),
                        Encoding::Utf32 => 1,
                    } as u32
                }
            }
        }
        pos(line, character)
    }

    fn texts() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("\n"),
                Just("\r\n"),
                Just("\r"),
                Just("一、"),
                Just("𠀀"),
                Just("😀"),
                Just("a"),
                Just("é"),
                Just("（三）"),
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn offsets_and_positions_agree_with_a_walk(text in texts()) {
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let ix = LineIndex::new(&text, enc);
                for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                    // The `\n` of a `\r\n` is not a place a position can name.
                    if at > 0 && text[..at].ends_with('\r') && text[at..].starts_with('\n') {
                        continue;
                    }
                    let p = ix.position(&text, at);
                    prop_assert_eq!(p, naive(&text, at, enc));
                    prop_assert_eq!(ix.offset(&text, p), at);
                }
            }
        }
    }
}
