//! The leading noise of a line (spec §1): what stands before its text and
//! is never content: indentation, `>` quote marks, a Markdown `#` run,
//! `**`, list bullets, HTML space entities, forum anti-copy junk.

use super::shape::shape;
use super::text::{is_space, trailing_space};
use crate::kind::MarkerKind;

/// Byte length of the leading noise of a line: whitespace, `>` quote marks,
/// Markdown `#`s, `**`, list bullets and HTML space entities.
pub(crate) fn noise_len(line: &str) -> usize {
    walk(line, |_, _| {})
}

/// One piece of a line's leading noise ([`walk`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Whitespace: indentation.
    Space,
    /// A `>` quote mark.
    Quote,
    /// A Markdown ATX `#` run.
    Hashes,
    /// `**` or `__` opening a bold run.
    Bold,
    /// A list bullet (`-`, `•`…).
    Bullet,
    /// An HTML space entity (`&nbsp;`).
    Entity,
    /// Forum anti-copy junk before a marker.
    Junk,
}

/// Walks the leading noise of `line`, calling `each` with every piece and
/// its byte range, and returns the noise's length.
pub(crate) fn walk(line: &str, mut each: impl FnMut(Piece, std::ops::Range<usize>)) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        // Most lines begin with an ideograph (lead bytes E4–EE, never
        // noise), after an indent of `　` or ` `: bytes decide those.
        match b.get(i..i + 3) {
            Some([0xE4..=0xEE, ..]) => return i,
            Some([0xE3, 0x80, 0x80]) => {
                each(Piece::Space, i..i + 3);
                i += 3;
                continue;
            }
            Some([b' ', ..]) => {
                each(Piece::Space, i..i + 1);
                i += 1;
                continue;
            }
            _ => {}
        }
        let rest = &line[i..];
        let Some(c) = rest.chars().next() else {
            return i;
        };
        let (piece, step) = match c {
            c if is_space(c) => (Piece::Space, c.len_utf8()),
            '>' | '＞' => (Piece::Quote, c.len_utf8()),
            '#' => {
                let hashes = rest.bytes().take_while(|&x| x == b'#').count();
                match rest[hashes..].chars().next() {
                    None => (Piece::Hashes, hashes),
                    Some(n) if is_space(n) => (Piece::Hashes, hashes),
                    _ => (Piece::Hashes, 0),
                }
            }
            '*' | '_' if b.get(i + 1) == Some(&(c as u8)) => (Piece::Bold, 2),
            '-' | '*' | '+' => match rest[1..].chars().next() {
                Some(n) if is_space(n) => (Piece::Bullet, 1),
                _ => (Piece::Bullet, 0),
            },
            '•' | '·' | '●' | '○' | '■' | '□' | '◆' | '◇' | '▪' | '►' | '▶' => {
                (Piece::Bullet, c.len_utf8())
            }
            '&' => (Piece::Entity, entity_len(rest)),
            _ => (Piece::Junk, 0),
        };
        if step == 0 {
            // Forum anti-copy junk glued before a marker (spec §1).
            let junk = junk_len(rest);
            if junk > 0 {
                each(Piece::Junk, i..i + junk);
            }
            return i + junk;
        }
        each(piece, i..i + step);
        i += step;
    }
}

/// Byte length of forum anti-copy junk at the start of `s`
/// (`u: g8 x9 P C" |# `4 G一、讲话…`): a run of ASCII letters, digits,
/// spaces and punctuation, with spaces and punctuation a real word or
/// number does not have, right before the first character of a marker that
/// starts with an ideograph or a bracket. 0 when there is none.
fn junk_len(s: &str) -> usize {
    let b = s.as_bytes();
    if !b.first().is_some_and(|&x| x.is_ascii_graphic()) {
        return 0;
    }
    let n = b.iter().take_while(|&&x| (0x20..0x7F).contains(&x)).count();
    if n < 6 || n == b.len() {
        return 0;
    }
    let run = &b[..n];
    let spaces = run.iter().filter(|&&x| x == b' ').count();
    let odd = run
        .iter()
        .filter(|&&x| {
            matches!(
                x,
                b'"' | b'|' | b'#' | b'`' | b'^' | b'~' | b'\\' | b':' | b'\''
            )
        })
        .count();
    let letters = run.iter().any(u8::is_ascii_alphabetic);
    let marker = shape(&s[n..]).is_some_and(|k| {
        !matches!(
            k,
            MarkerKind::Digit | MarkerKind::Dotted | MarkerKind::ParenDigit | MarkerKind::Letter
        )
    });
    if spaces >= 2 && odd >= 2 && letters && marker {
        n
    } else {
        0
    }
}

/// The number of `#` of a Markdown ATX heading, read from a line's leading
/// noise (`## `, `> ### `); 0 when the line is not one.
pub(crate) fn atx_depth(noise: &str) -> u8 {
    let b = noise.as_bytes();
    let Some(at) = memchr::memchr(b'#', b) else {
        return 0;
    };
    let hashes = b[at..].iter().take_while(|&&x| x == b'#').count();
    // `noise_len` takes `#`s only when a space or the end follows them.
    if hashes <= 6 { hashes as u8 } else { 0 }
}

/// Whether the text of an ATX line reads as a heading: something besides a
/// closing `#` run is there.
pub(crate) fn is_heading_text(text: &str) -> bool {
    let t = &text[..text.len() - trailing_space(text)];
    !t.trim_end_matches('#').trim_end().is_empty()
}

fn entity_len(s: &str) -> usize {
    const ENTITIES: [&str; 7] = [
        "&nbsp;", "&ensp;", "&emsp;", "&thinsp;", "&#160;", "&#12288;", "&#x3000;",
    ];
    ENTITIES
        .iter()
        .find(|e| s.starts_with(**e))
        .map_or(0, |e| e.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_skipped() {
        for (line, rest) in [
            (">　　一、总体", "一、总体"),
            ("## 一、总体", "一、总体"),
            ("**一、总体**", "一、总体**"),
            ("- （二）措施", "（二）措施"),
            ("&nbsp;&nbsp;(一)目标", "(一)目标"),
            ("\u{FEFF}一、", "一、"),
            ("#标签", "#标签"),
            ("-1.5", "-1.5"),
        ] {
            assert_eq!(&line[noise_len(line)..], rest, "{line}");
        }
    }
}
