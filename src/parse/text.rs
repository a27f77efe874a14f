//! Text helpers every stage may use: where lines break, character classes
//! (whitespace, numerals), whitespace runs, trims, and where a title
//! stops. A leaf module: it imports nothing of the crate but the span type.

use super::find::Stops;
use crate::document::Span;

/// The end of the line that holds byte `from`: its first `\n` or `\r`, or
/// the end of the text. Lines break at `\n`, `\r\n` and a lone `\r`
/// (docs/format.md §1); [`after_break`] steps over the break.
pub(crate) fn line_end(bytes: &[u8], from: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |i| from + i)
}

/// The start of the line after the one that ends at `end`.
pub(crate) fn after_break(bytes: &[u8], end: usize) -> usize {
    match bytes.get(end) {
        Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => end,
    }
}

/// Whitespace as it occurs in scraped text, including the BOM.
pub(crate) fn is_space(c: char) -> bool {
    let u = c as u32;
    // One comparison rules out ASCII letters and nearly all of CJK: this runs
    // on most characters of a title.
    if u > 0x3000 {
        return u == 0xFEFF;
    }
    matches!(
        u,
        0x09 | 0x0B | 0x0C | 0x20 | 0xA0 | 0x2000..=0x200B | 0x202F | 0x205F | 0x3000
    )
}

/// Byte length of the whitespace ([`is_space`]) at the start of `s`.
/// Whitespace is ASCII or led by 0xC2, 0xE2, 0xE3 or 0xEF, so any other
/// first byte (an ideograph's, most often) ends the run without decoding.
pub(crate) fn leading_space(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        i += match x {
            0x09 | 0x0B | 0x0C | b' ' => 1,
            0xC2 | 0xE2 | 0xE3 | 0xEF => match s[i..].chars().next() {
                Some(c) if is_space(c) => c.len_utf8(),
                _ => break,
            },
            _ => break,
        };
    }
    i
}

/// Byte length of the whitespace ([`is_space`]) at the end of `s`; see
/// [`leading_space`].
pub(crate) fn trailing_space(s: &str) -> usize {
    let b = s.as_bytes();
    let mut end = b.len();
    while let Some(&x) = end.checked_sub(1).and_then(|i| b.get(i)) {
        end -= match x {
            0x09 | 0x0B | 0x0C | b' ' => 1,
            // The last byte of a multi-byte character: its lead byte, if it
            // is three bytes back, mostly decides (U+3000 is the only space
            // led by 0xE3, and none is led by 0xE0–0xE1 or 0xE4–0xEE).
            0x80..=0xBF => match end.checked_sub(3).map(|i| &b[i..end]) {
                Some([0xE3, 0x80, 0x80]) => 3,
                Some([0xE0..=0xE1 | 0xE3..=0xEE, ..]) => break,
                _ => match s[..end].chars().next_back() {
                    Some(c) if is_space(c) => c.len_utf8(),
                    _ => break,
                },
            },
            _ => break,
        };
    }
    b.len() - end
}

/// Byte length of the characters at the start of `s` for which `f` holds.
/// (`str::trim_start_matches` goes through the generic pattern machinery,
/// which costs several times more on the one or two characters looked at.)
pub(crate) fn leading(s: &str, f: impl Fn(char) -> bool) -> usize {
    let mut n = 0;
    for c in s.chars() {
        if !f(c) {
            break;
        }
        n += c.len_utf8();
    }
    n
}

/// After a marker: whitespace and one doubled delimiter (`（四）、`, `首先，`).
pub(crate) fn skip_delimiter(src: &str, mut at: usize, limit: usize) -> usize {
    // Whitespace and these delimiters are ASCII or led by 0xC2, 0xE2, 0xE3
    // or 0xEF in UTF-8; a title usually starts with an ideograph (0xE4–0xE9).
    if at >= limit
        || !matches!(
            src.as_bytes()[at],
            0x09 | 0x0B | 0x0C | b' ' | b',' | b':' | 0xC2 | 0xE2 | 0xE3 | 0xEF
        )
    {
        return at;
    }
    let skip_spaces = |at: usize| at + leading_space(&src[at..limit]);
    at = skip_spaces(at);
    if let Some(c) = src[at..limit].chars().next() {
        if matches!(c, '、' | '，' | ',' | '：' | ':') {
            at = skip_spaces(at + c.len_utf8());
        }
    }
    at
}

/// Where a title that starts at `from` stops: the first `。！？` outside quotes
/// and brackets, else `limit`. Returns the stop and the end mark's length.
/// When quotes never close before `limit`, the first end mark counts anyway.
pub(crate) fn title_stop(src: &str, from: usize, limit: usize) -> (usize, usize) {
    let (stop, mark, _) = title_stop_within(src, from, limit, 0);
    (stop, mark)
}

/// [`title_stop`] for a title that goes on from an earlier line where
/// `depth` quotes or brackets were left open; also returns how many are
/// open at `limit` when no end mark was found (a wrapped title goes on past
/// a blank line only then).
pub(crate) fn title_stop_within(
    src: &str,
    from: usize,
    limit: usize,
    open: u32,
) -> (usize, usize, u32) {
    // Every quote, bracket and end mark is ASCII or a three-byte character
    // led by 0xE2, 0xE3 or 0xEF: only those bytes are looked at, 32 at a
    // time ([`Stops`]); every other character is passed over unread.
    let bytes = src.as_bytes();
    let stops = Stops::new();
    let mut depth = open;
    let mut ascii_quote = false;
    let mut first_end = None;
    let mut at = from;
    'scan: while at < limit {
        let mut mask = stops.mask(bytes, at, limit);
        while mask != 0 {
            let i = at + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            let c = match bytes[i] {
                b if b < 0x80 => b as char,
                // A character cut by `limit` cannot be one we look for.
                _ if i + 3 > limit => break 'scan,
                b => char::from_u32(
                    (u32::from(b & 0x0F) << 12)
                        | (u32::from(bytes[i + 1] & 0x3F) << 6)
                        | u32::from(bytes[i + 2] & 0x3F),
                )
                .unwrap_or(char::REPLACEMENT_CHARACTER),
            };
            match c {
                '“' | '‘' | '「' | '『' | '《' | '（' | '(' | '【' | '〔' | '［' | '[' | '〈' => {
                    depth += 1
                }
                '”' | '’' | '」' | '』' | '》' | '）' | ')' | '】' | '〕' | '］' | ']' | '〉' => {
                    depth = depth.saturating_sub(1)
                }
                '"' => ascii_quote = !ascii_quote,
                '。' | '！' | '？' => {
                    if depth == 0 && !ascii_quote {
                        return (i, 3, 0);
                    }
                    first_end.get_or_insert((i, 3));
                }
                _ => {}
            }
        }
        at += 32;
    }
    first_end.map_or((limit, 0, depth), |(i, len)| (i, len, 0))
}

/// `[from, to)` without surrounding whitespace.
pub(crate) fn trim_space(src: &str, from: usize, to: usize) -> Span {
    let start = from + leading_space(&src[from..to]);
    let end = to - trailing_space(&src[start..to]);
    Span::new(start, end)
}

/// `[from, to)` without surrounding whitespace, trailing `：；，、` and a
/// closing Markdown `**`.
pub(crate) fn trim(src: &str, from: usize, to: usize) -> Span {
    let start = from + leading_space(&src[from..to]);
    // Most titles end in an ideograph (a three-byte character led by
    // 0xE4–0xE9): nothing to take off.
    if to >= start + 3 && matches!(src.as_bytes()[to - 3], 0xE4..=0xE9) {
        return Span::new(start, to);
    }
    let mut t = &src[start..to];
    // One character at a time from the end: most titles end in none of
    // these, so this looks at one character.
    while let Some(c) = t.chars().next_back() {
        if is_space(c) || matches!(c, '：' | '；' | '，' | '、' | ':' | ';' | ',') {
            t = &t[..t.len() - c.len_utf8()];
        } else if t.ends_with("**") {
            t = &t[..t.len() - 2];
        } else {
            break;
        }
    }
    Span::new(start, start + t.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scalar scan `title_stop_within` had before [`Stops`]: byte by
    /// byte, every character stepped over whole.
    fn title_stop_reference(
        src: &str,
        from: usize,
        limit: usize,
        open: u32,
    ) -> (usize, usize, u32) {
        // How far to step from each byte: every quote, bracket and end mark is
        // ASCII or a three-byte character led by 0xE2, 0xE3 or 0xEF, so these
        // stop the scan (0); every other character is stepped over whole without
        // decoding (Chinese text: one step per three bytes).
        const fn steps() -> [u8; 256] {
            let mut t = [1u8; 256];
            let mut b = 0xC0;
            while b < 0x100 {
                t[b] = match b {
                    0xC0..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    _ => 4,
                };
                b += 1;
            }
            let mut i = 0;
            while i < 5 {
                t[b"()[]\""[i] as usize] = 0;
                i += 1;
            }
            t[0xE2] = 0;
            t[0xE3] = 0;
            t[0xEF] = 0;
            t
        }
        const STEP: [u8; 256] = steps();
        let bytes = &src.as_bytes()[..limit];
        let mut depth = open;
        let mut ascii_quote = false;
        let mut first_end = None;
        let mut i = from;
        while i < limit {
            // Ideographs first, by a branch rather than the table: the next
            // position is then known before the byte is loaded, so the loop is
            // not one long chain of dependent loads.
            if matches!(bytes[i], 0xE4..=0xE9) {
                i += 3;
                continue;
            }
            let step = STEP[bytes[i] as usize] as usize;
            if step != 0 {
                i += step;
                continue;
            }
            let c = match bytes[i] {
                b if b < 0x80 => b as char,
                // A character cut by `limit` cannot be one we look for.
                _ if i + 3 > limit => break,
                b => char::from_u32(
                    (u32::from(b & 0x0F) << 12)
                        | (u32::from(bytes[i + 1] & 0x3F) << 6)
                        | u32::from(bytes[i + 2] & 0x3F),
                )
                .unwrap_or(char::REPLACEMENT_CHARACTER),
            };
            match c {
                '“' | '‘' | '「' | '『' | '《' | '（' | '(' | '【' | '〔' | '［' | '[' | '〈' => {
                    depth += 1
                }
                '”' | '’' | '」' | '』' | '》' | '）' | ')' | '】' | '〕' | '］' | ']' | '〉' => {
                    depth = depth.saturating_sub(1)
                }
                '"' => ascii_quote = !ascii_quote,
                '。' | '！' | '？' => {
                    if depth == 0 && !ascii_quote {
                        return (i, 3, 0);
                    }
                    first_end.get_or_insert((i, 3));
                }
                _ => {}
            }
            i += if bytes[i] < 0x80 { 1 } else { 3 };
        }
        first_end.map_or((limit, 0, depth), |(i, len)| (i, len, 0))
    }

    proptest::proptest! {
        /// The 32-byte steps find the same stop, mark and depth as the
        /// scalar scan, from every start, to every limit, at any depth.
        #[test]
        fn title_stops_agree_with_the_scalar_scan(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "甲", "“", "”", "（", "）", "(", ")", "[", "]", "\"", "。", "！", "？",
                    "，", "、", "《", "》", "【", "】", "〔", "〕", "「", "」", "a", " ",
                    "é", "😀", "\u{3000}", "：", "—",
                ]),
                0..80,
            ),
            cut in 0usize..80,
            open in 0u32..3,
        ) {
            let s: String = parts.concat();
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            let from = bounds[cut % bounds.len()];
            for &limit in bounds.iter().filter(|&&l| l >= from) {
                proptest::prop_assert_eq!(
                    title_stop_within(&s, from, limit, open),
                    title_stop_reference(&s, from, limit, open),
                    "{:?} from {} to {}", s, from, limit
                );
            }
        }
    }

    /// The byte shortcuts of `leading_space` / `trailing_space` agree with
    /// decoding every character, for each whitespace and for characters that
    /// share its lead byte.
    #[test]
    fn space_runs_match_is_space() {
        let pieces = [
            " ", "\t", "\u{A0}", "\u{2003}", "\u{200B}", "\u{202F}", "\u{3000}", "\u{FEFF}", "。",
            "、", "“", "—", "，", "甲", "a", "é", "\u{E000}", "𠀀", "\u{3001}",
        ];
        let reference = |s: &str, rev: bool| -> usize {
            let cs: Vec<char> = if rev {
                s.chars().rev().collect()
            } else {
                s.chars().collect()
            };
            cs.iter()
                .take_while(|&&c| is_space(c))
                .map(|c| c.len_utf8())
                .sum()
        };
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(leading_space(&s), reference(&s, false), "{s:?}");
                    assert_eq!(trailing_space(&s), reference(&s, true), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn title_stops_outside_quotes() {
        let s = "深刻领会其\"人民至上。\"的立场。正文";
        let (stop, len) = title_stop(s, 0, s.len());
        assert_eq!(&s[..stop], "深刻领会其\"人民至上。\"的立场");
        assert_eq!(len, 3);
        let s = "提出“要加强。后面没有闭合";
        assert_eq!(&s[..title_stop(s, 0, s.len()).0], "提出“要加强");
    }

    #[test]
    fn trim_strips_trailing_punctuation_and_bold() {
        let s = "  总体要求：** ";
        assert_eq!(&s[trim(s, 0, s.len()).range()], "总体要求");
    }
}
