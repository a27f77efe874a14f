//! What `fmt` would change, for a person: only the changed markers, each
//! with a little of its line ([`changes`]), or as a unified diff for
//! `patch` and review tools ([`unified_diff`]). Both walk the text once,
//! from edit to edit, so a 200 MB file costs time in proportion to its size.

use std::fmt::Write;
use std::ops::Range;

use super::diagnostics::{Report, excerpt};
use crate::numbering::fmt::Edit;
use crate::numbering::message::Lang;
use crate::parse::text::{after_break, line_end};

/// The changes `edits` make to `src` (read from `path`), one hunk per
/// changed line: `第7行：（三）→（四）`, then the line before and after, cut
/// around each marker to the report's width.
///
/// ```
/// use tigang::{Lang, render::{changes, Report}};
/// let src = "一、甲\n三、乙\n";
/// let edits = tigang::fmt::edits(&tigang::parse(src), Default::default());
/// assert_eq!(changes(src, "a.txt", &edits, &Report::new().lang(Lang::Zh)), "\
/// --- a.txt
/// 第2行：三、→二、
///   - 三、乙
///   + 二、乙
/// ");
/// ```
pub fn changes(src: &str, path: &str, edits: &[Edit], how: &Report) -> String {
    let mut out = String::new();
    if edits.is_empty() {
        return out;
    }
    paint(how, &mut out, "1", &format!("--- {path}"));
    out.push('\n');
    // A little context, not the whole paragraph: at most 72 columns.
    let room = how.width.max(40).saturating_sub(4).min(72);
    let mut lines = LineCounter::new(src);
    let mut k = 0;
    while k < edits.len() {
        let line = lines.line_of(edits[k].span.start);
        let mut j = k + 1;
        while j < edits.len() && lines.same_line(edits[j - 1].span.end, edits[j].span.start) {
            j += 1;
        }
        let group = &edits[k..j];
        let list: Vec<String> = group
            .iter()
            .map(|e| {
                // Blanks around a marker or a `#` run are not the change.
                let was = src.get(e.span.range()).unwrap_or("").trim();
                let now = e.replacement.trim();
                match (how.lang, now.is_empty()) {
                    (Lang::En, true) => format!("{was} removed"),
                    (Lang::ZhHant, true) => format!("刪去{was}"),
                    (_, true) => format!("删去{was}"),
                    (Lang::En, false) => format!("{was} → {now}"),
                    _ => format!("{was}→{now}"),
                }
            })
            .collect();
        let header = match how.lang {
            Lang::En => format!("line {line}: {}", list.join(", ")),
            Lang::ZhHant => format!("第{line}行：{}", list.join("，")),
            _ => format!("第{line}行：{}", list.join("，")),
        };
        paint(how, &mut out, "36", &header);
        out.push('\n');
        for e in group {
            let ex = excerpt(src, e.span.start, e.span.end, room);
            let new = format!(
                "{}{}{}",
                &ex.text[..ex.span.start],
                e.replacement,
                &ex.text[ex.span.end..]
            );
            paint(how, &mut out, "31", &format!("  - {}", ex.text));
            out.push('\n');
            paint(how, &mut out, "32", &format!("  + {new}"));
            out.push('\n');
        }
        k = j;
    }
    out
}

fn paint(how: &Report, out: &mut String, style: &str, text: &str) {
    if how.color {
        let _ = write!(out, "\x1b[{style}m{text}\x1b[0m");
    } else {
        out.push_str(text);
    }
}

/// Line numbers of offsets asked in increasing order, counting `\n`,
/// `\r\n` and a lone `\r` as one break each (as the parser does), by
/// scanning only the text between one offset and the next.
struct LineCounter<'a> {
    src: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(src: &'a str) -> Self {
        LineCounter {
            src: src.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, offset: usize) -> usize {
        let end = offset.min(self.src.len());
        if end > self.at {
            self.line += breaks(&self.src[self.at..end], self.src.get(end).copied());
            self.at = end;
        }
        self.line
    }

    /// Whether no line break lies between `a` and `b`.
    fn same_line(&self, a: usize, b: usize) -> bool {
        let (a, b) = (a.min(self.src.len()), b.min(self.src.len()));
        a <= b && memchr::memchr2(b'\n', b'\r', &self.src[a..b]).is_none()
    }
}

/// Line breaks in `bytes`; `next` is the byte after them (a `\r` at the end
/// followed by `\n` is counted with that `\n`).
fn breaks(bytes: &[u8], next: Option<u8>) -> usize {
    let mut n = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let follows = bytes.get(i + 1).copied().or(next);
        if bytes[i] == b'\n' || follows != Some(b'\n') {
            n += 1;
        }
    }
    n
}

/// Lines of context around each change in [`unified_diff`].
const CONTEXT: usize = 3;

/// A unified diff (`diff -u`) of what `edits` do to `src`, with `a/path`
/// and `b/path` headers and three lines of context, for `patch` and review
/// tools. Lines are the parser's, split at `\n`, `\r\n` and a lone `\r`, so
/// that hunks name the lines [`changes`] and `check` name; a line's `\r`
/// stays in it (as `diff` shows a `\r\n` file, so that `patch` applies the
/// diff to it), and every diff line ends in `\n`. Edits never touch a line
/// break, so every hunk has as many lines after as before.
///
/// ```
/// let src = "一、甲\n三、乙\n";
/// let edits = tigang::fmt::edits(&tigang::parse(src), Default::default());
/// assert_eq!(tigang::render::unified_diff(src, "a.txt", &edits), "\
/// --- a/a.txt
/// +++ b/a.txt
/// @@ -1,2 +1,2 @@
///  一、甲
/// -三、乙
/// +二、乙
/// ");
/// ```
pub fn unified_diff(src: &str, path: &str, edits: &[Edit]) -> String {
    let mut out = String::new();
    if edits.is_empty() {
        return out;
    }
    let changed = changed_lines(src.as_bytes(), edits);
    let _ = writeln!(out, "--- a/{path}\n+++ b/{path}");
    let mut h = 0;
    while h < changed.len() {
        // Changed lines close enough to share their context form one hunk.
        let mut e = h + 1;
        while e < changed.len() && changed[e].line - changed[e - 1].line <= 2 * CONTEXT + 1 {
            e += 1;
        }
        hunk(&mut out, src, edits, &changed[h..e]);
        h = e;
    }
    out
}

/// A line that edits change, for [`unified_diff`].
struct Changed {
    /// Its number, from 1.
    line: usize,
    /// Where it starts.
    start: usize,
    /// Where its break begins (the end of the text for the last line).
    end: usize,
    /// Its edits, a range of the edits.
    edits: Range<usize>,
}

/// The lines `edits` change, in order, from one walk over the text.
fn changed_lines(bytes: &[u8], edits: &[Edit]) -> Vec<Changed> {
    let len = bytes.len();
    let mut changed = Vec::new();
    // `at` is the start of the first line not yet passed.
    let (mut at, mut line) = (0usize, 1usize);
    let mut k = 0;
    while k < edits.len() {
        let start = edits[k].span.start.clamp(at, len);
        let between = &bytes[at..start];
        line += breaks(between, bytes.get(start).copied());
        let first = memchr::memrchr2(b'\n', b'\r', between).map_or(at, |i| at + i + 1);
        let end = line_end(bytes, start);
        let mut j = k + 1;
        while j < edits.len() && edits[j].span.start <= end {
            j += 1;
        }
        changed.push(Changed {
            line,
            start: first,
            end,
            edits: k..j,
        });
        at = after_break(bytes, end);
        line += usize::from(end < len);
        k = j;
    }
    changed
}

/// One hunk: the `changed` lines (close enough to share their context) with
/// up to [`CONTEXT`] lines before and after.
fn hunk(out: &mut String, src: &str, edits: &[Edit], changed: &[Changed]) {
    let bytes = src.as_bytes();
    let len = src.len();
    let (first, last) = (&changed[0], &changed[changed.len() - 1]);
    // Context before: up to three whole lines.
    let mut pre_start = first.start;
    let mut pre = 0;
    while pre < CONTEXT && pre_start > 0 {
        pre_start = line_before(bytes, pre_start);
        pre += 1;
    }
    // Context after: up to three lines.
    let mut post_end = last.end;
    let mut post = 0;
    while post < CONTEXT && after_break(bytes, post_end) < len {
        post_end = line_end(bytes, after_break(bytes, post_end));
        post += 1;
    }
    let count = last.line - first.line + 1 + pre + post;
    let start_line = first.line - pre;
    let _ = writeln!(out, "@@ -{start_line},{count} +{start_line},{count} @@");
    let (mut minus, mut plus) = (Vec::new(), Vec::new());
    let mut pos = pre_start;
    let mut c = 0;
    loop {
        let end = line_end(bytes, pos);
        let nl = end < len;
        // The line as the diff shows it: with its `\r`, if its break has one.
        let text = &src[pos..end + usize::from(bytes.get(end) == Some(&b'\r'))];
        if c < changed.len() && changed[c].start == pos {
            let mut new = String::with_capacity(text.len() + 8);
            let mut from = pos;
            for ed in &edits[changed[c].edits.clone()] {
                new.push_str(&src[from..ed.span.start]);
                new.push_str(&ed.replacement);
                from = ed.span.end;
            }
            new.push_str(&text[from - pos..]);
            minus.push((text, nl));
            plus.push((new, nl));
            c += 1;
        } else {
            flush_changes(out, &mut minus, &mut plus);
            diff_line(out, ' ', text, nl);
        }
        if !nl || (end >= post_end && c >= changed.len()) {
            break;
        }
        pos = after_break(bytes, end);
    }
    flush_changes(out, &mut minus, &mut plus);
}

/// A run of changed lines: all old lines, then all new ones, as diff does.
fn flush_changes(out: &mut String, minus: &mut Vec<(&str, bool)>, plus: &mut Vec<(String, bool)>) {
    for (t, nl) in minus.drain(..) {
        diff_line(out, '-', t, nl);
    }
    for (t, nl) in plus.drain(..) {
        diff_line(out, '+', &t, nl);
    }
}

/// A line of the diff; `nl`: the text's line has a break after it.
fn diff_line(out: &mut String, sign: char, text: &str, nl: bool) {
    let _ = writeln!(out, "{sign}{text}");
    if !nl {
        out.push_str("\\ No newline at end of file\n");
    }
}

/// The start of the line before the one that starts at `start` (not 0).
fn line_before(bytes: &[u8], start: usize) -> usize {
    // The break that ends the line before: one byte, or a `\r\n`.
    let mut brk = start - 1;
    if bytes[brk] == b'\n' && brk > 0 && bytes[brk - 1] == b'\r' {
        brk -= 1;
    }
    memchr::memrchr2(b'\n', b'\r', &bytes[..brk]).map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edits(src: &str) -> Vec<Edit> {
        crate::fmt::edits(&crate::parse(src), Default::default())
    }

    #[test]
    fn line_numbers_count_every_kind_of_break() {
        let src = "一、甲\r\n\r\n三、乙\r四、丙\n";
        let mut lines = LineCounter::new(src);
        assert_eq!(lines.line_of(src.find("三、").unwrap()), 3);
        assert_eq!(lines.line_of(src.find("四、").unwrap()), 4);
    }

    #[test]
    fn hunks_have_context_and_merge() {
        let mut src = String::from("一、甲\n");
        for _ in 0..10 {
            src.push_str("文。\n");
        }
        src.push_str("三、乙\n文。\n四、丙\n");
        let d = unified_diff(&src, "x", &edits(&src));
        let want = "--- a/x\n+++ b/x\n@@ -9,6 +9,6 @@\n 文。\n 文。\n 文。\n-三、乙\n+二、乙\n 文。\n-四、丙\n+三、丙\n";
        assert_eq!(d, want);
    }

    #[test]
    fn lines_end_at_a_lone_carriage_return() {
        // Lines as the parser and `changes` count them: the hunk names
        // line 5, with three lines of context before it, not one line
        // holding the whole text.
        let src = "一、甲\r文。\r文。\r文。\r三、乙\r";
        let d = unified_diff(src, "x", &edits(src));
        let want =
            "--- a/x\n+++ b/x\n@@ -2,4 +2,4 @@\n 文。\r\n 文。\r\n 文。\r\n-三、乙\r\n+二、乙\r\n";
        assert_eq!(d, want);
        // A `\r\n` keeps its `\r` in the line, as before, for `patch`.
        let crlf = src.replace('\r', "\r\n");
        let d = unified_diff(&crlf, "x", &edits(&crlf));
        assert_eq!(d, want);
    }

    #[test]
    fn no_newline_at_the_end() {
        let src = "一、甲\n三、乙";
        let d = unified_diff(src, "x", &edits(src));
        assert!(
            d.ends_with(
                "-三、乙\n\\ No newline at end of file\n+二、乙\n\\ No newline at end of file\n"
            ),
            "{d}"
        );
    }
}
