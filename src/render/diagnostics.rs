//! Diagnostics the way rustc prints them: a header, the `--> file:line:col`
//! pointer, the source line with a caret under the marker, and a help line.

use std::fmt::Write;

use unicode_width::UnicodeWidthChar;

use crate::numbering::check::Diagnostic;

/// Columns of source text shown before the marker; longer lines are cut.
const BEFORE: usize = 24;
/// Columns of source text shown from the marker on.
const AFTER: usize = 56;

/// Renders `diagnostics` of the text `src` read from `path`, one block per
/// diagnostic. Carets line up under CJK text: they count display columns
/// (an ideograph is two), not bytes or `char`s. Long lines (a whole
/// paragraph is often one line) are cut around the marker with `…`.
///
/// ```
/// let src = "一、甲\n（一）子\n（三）丑\n";
/// let doc = tigang::parse(src);
/// let out = tigang::render::diagnostics(src, "a.txt", &tigang::check(&doc));
/// assert_eq!(out, "\
/// warning[numbering-skip]: （一） is followed by （三）; expected （二）
///  --> a.txt:3:1
///   |
/// 3 | （三）丑
///   | ^^^^^^
///   = help: replace （三） with （二）
///
/// ");
/// ```
pub fn diagnostics(src: &str, path: &str, diagnostics: &[Diagnostic]) -> String {
    let gutter = diagnostics
        .iter()
        .map(|d| d.line.to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(gutter);
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(out, "{}[{}]: {}", d.severity, d.code, d.message);
        let _ = writeln!(out, "{pad}--> {path}:{}:{}", d.line, d.column);
        let _ = writeln!(out, "{pad} |");
        let (shown, caret_at, caret_len) = excerpt(src, d.span.start, d.span.end);
        let _ = writeln!(out, "{:>gutter$} | {shown}", d.line);
        let _ = writeln!(
            out,
            "{pad} | {}{}",
            " ".repeat(caret_at),
            "^".repeat(caret_len.max(1))
        );
        if let Some(s) = &d.suggestion {
            let was = src.get(s.span.range()).unwrap_or("");
            let _ = writeln!(out, "{pad} = help: replace {was} with {}", s.replacement);
        }
        out.push('\n');
    }
    out
}

fn width(c: char) -> usize {
    if c == '\t' { 1 } else { c.width().unwrap_or(0) }
}

/// The line around `start..end`, cut to fit, with the display column where
/// the marker starts and its display width.
fn excerpt(src: &str, start: usize, end: usize) -> (String, usize, usize) {
    let is_break = |c: char| c == '\n' || c == '\r';
    let start = start.min(src.len());
    let line_start = src[..start].rfind(is_break).map_or(0, |i| i + 1);
    let line_end = src[start..].find(is_break).map_or(src.len(), |i| start + i);
    let end = end.clamp(start, line_end);
    let (before, marker, after) = (
        &src[line_start..start],
        &src[start..end],
        &src[end..line_end],
    );

    // Keep the last BEFORE columns of the text before the marker.
    let mut cut = before.len();
    let mut cols = 0;
    for (i, c) in before.char_indices().rev() {
        if cols + width(c) > BEFORE {
            break;
        }
        cols += width(c);
        cut = i;
    }
    let mut shown = String::with_capacity(line_end - line_start);
    let mut caret_at = 0;
    if cut > 0 {
        shown.push('…');
        caret_at += width('…');
    }
    for c in before[cut..].chars() {
        shown.push(if c == '\t' { ' ' } else { c });
        caret_at += width(c);
    }
    let caret_len: usize = marker.chars().map(width).sum();
    shown.push_str(marker);
    let mut cols = caret_len;
    let mut rest = after.chars();
    for c in rest.by_ref() {
        if cols + width(c) > AFTER {
            shown.push('…');
            break;
        }
        cols += width(c);
        shown.push(if c == '\t' { ' ' } else { c });
    }
    (shown, caret_at, caret_len)
}
