//! Byte offsets into the UTF-8 text (what the library's spans are) to
//! character offsets into the Python `str` (what `text[start:end]` takes).
//!
//! Python indexes a `str` by code point, which is a Rust `char`, so the
//! character offset of a byte offset is the number of UTF-8 lead bytes
//! before it. [`CharMap`] counts them once per document, in one pass, per
//! 64-byte block; a lookup adds the lead bytes of at most 63 bytes.

/// Bytes per block of the prefix table: small enough that a lookup is a few
/// instructions, large enough that the table is 1/8 of the text (64-bit).
const BLOCK: usize = 64;

/// Character offsets for every byte offset of one text.
pub struct CharMap {
    /// `None` for ASCII text, where the two offsets are equal.
    blocks: Option<Vec<usize>>,
}

/// Whether `b` starts a character (is not a UTF-8 continuation byte).
#[inline]
fn is_lead(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl CharMap {
    /// Counts the characters before each block of `text`.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharMap { blocks: None };
        }
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 2);
        let mut before = 0;
        for block in bytes.chunks(BLOCK) {
            blocks.push(before);
            before += block.iter().filter(|&&b| is_lead(b)).count();
        }
        // The end of a text whose length is a multiple of BLOCK.
        blocks.push(before);
        CharMap {
            blocks: Some(blocks),
        }
    }

    /// The character offset of byte offset `at` (a character boundary, or
    /// the end of the text).
    #[inline]
    pub fn char_at(&self, text: &str, at: usize) -> usize {
        let Some(blocks) = &self.blocks else {
            return at;
        };
        let block = at / BLOCK;
        blocks[block]
            + text.as_bytes()[block * BLOCK..at]
                .iter()
                .filter(|&&b| is_lead(b))
                .count()
    }
}

#[cfg(test)]
mod tests {
    use super::CharMap;

    #[test]
    fn every_boundary_maps_to_its_char_index() {
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(["一", "a", "🙂", "é", "\u{3000}"][i % 5]);
        }
        let map = CharMap::new(&text);
        for (chars, (at, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_at(&text, at), chars, "byte {at}");
        }
        assert_eq!(map.char_at(&text, text.len()), 300);
        let ascii = "abc".repeat(100);
        assert_eq!(CharMap::new(&ascii).char_at(&ascii, 150), 150);
        // A length that is a multiple of the block size.
        let exact = "一".repeat(64);
        assert_eq!(CharMap::new(&exact).char_at(&exact, exact.len()), 64);
    }
}
