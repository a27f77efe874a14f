//! The candidates: the lines of the text, and the few positions where a
//! marker can begin (a line start of the right [`shape`], an inline ordinal,
//! a list marker after a sentence end), each confirmed by pest (via
//! [`recognise`]), which sees only those positions.

use super::candidate::{Boundary, Candidate, Line, Place};
use super::find;
use super::lookahead::Memo;
use super::lost_breaks::{accept_lost_breaks, is_list_kind, may_start_list};
use super::noise::{atx_depth, is_heading_text, noise_len};
use super::recognise::{self, Recognised};
use super::shape::shape;
use super::text::{after_break, is_space, leading, leading_space, trailing_space};
use crate::kind::MarkerKind;
use crate::numeral::class::{is_cn_numeral, is_numeral};

/// Splits `src` into lines at `\n`, `\r\n` and `\r`, and keeps those that
/// are not blank.
#[cfg(test)]
pub(crate) fn lines(src: &str) -> Vec<Line> {
    read(src, &mut Scanner::new(src)).lines
}

/// What one reading of the text gives ([`read`]).
pub(crate) struct Read {
    /// The lines, split at `\n`, `\r\n` and `\r`, the blank ones left out.
    pub lines: Vec<Line>,
    /// The offsets where `是` `要` `第` `。` `：` `；` `:` begin.
    pub marks: Vec<usize>,
    /// The marker at the head of each line that has one ([`Scanner`]).
    pub heads: Vec<Candidate>,
}

/// The text read once ([`find::positions`]): its lines, the marks for
/// [`Scanner::scan`], and each line's head marker, looked at by `scanner`
/// as the line is cut, while its bytes are still in the cache.
pub(crate) fn read<'s>(src: &'s str, scanner: &mut Scanner<'s>) -> Read {
    let bytes = src.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 40 + 1);
    let mut heads = Vec::new();
    let mut start = 0;
    let mut number = 0;
    let mut push = |start: usize, end: usize, number: usize| {
        let content = start + noise_len(&src[start..end]);
        if content < end {
            let line = Line {
                start,
                content,
                end,
                number,
            };
            if let Some(c) = scanner.line_head(lines.len(), &line) {
                heads.push(c);
            }
            lines.push(line);
        }
    };
    let marks = find::positions(bytes, |i| {
        if i < start {
            // The `\n` of a `\r\n` already consumed.
            return;
        }
        push(start, i, number);
        start = after_break(bytes, i);
        number += 1;
    });
    if start < bytes.len() {
        push(start, bytes.len(), number);
    }
    Read {
        lines,
        marks,
        heads,
    }
}

/// Numeral characters an inline `是`/`要` ordinal can carry: `一`…`十` and the
/// forms that stand for them (all 3 bytes in UTF-8).
fn is_small_numeral(c: char) -> bool {
    is_cn_numeral(c)
        && !matches!(
            c,
            '〇' | '零' | '两' | '兩' | '廿' | '卅' | '百' | '千' | '\u{F978}' | '\u{F9B2}'
        )
}

/// Whether a small numeral (3 bytes) starts at byte `at`. `是` and `要` are
/// among the most common characters: their first two bytes rule out nearly
/// every ordinary word before any character is decoded.
fn small_numeral_at(src: &str, at: usize) -> bool {
    // 一二三五七九 E4 B8-BA, 四六八十 E5 85/8D/9B, the compatibility forms
    // EF A7 and E2 BC.
    matches!(
        src.as_bytes().get(at..at + 2),
        Some([0xE4, 0xB8..=0xBA] | [0xE5, 0x85 | 0x8D | 0x9B] | [0xEF, 0xA7] | [0xE2, 0xBC])
    ) && src
        .get(at..at + 3)
        .and_then(|s| s.chars().next())
        .is_some_and(is_small_numeral)
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '〕' | '"' | '\''
    )
}

/// What precedes an inline marker starting at `at`: spaces and closing quotes
/// are skipped; a line break or the start of the input means no boundary.
fn boundary_before(src: &str, at: usize) -> Option<Boundary> {
    // Most candidates follow an ideograph (lead bytes E4–E9): no boundary,
    // and no need to decode it.
    if at >= 3 && matches!(src.as_bytes()[at - 3], 0xE4..=0xE9) {
        return None;
    }
    let mut closing = false;
    for c in src[..at].chars().rev() {
        match c {
            c if is_space(c) => {}
            c if is_closing(c) => closing = true,
            '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':' => {
                return Some(Boundary::Sentence);
            }
            '，' | ',' if !closing => return Some(Boundary::Comma),
            _ => return None,
        }
    }
    None
}

/// Finds every candidate marker of the input, in document order.
pub(crate) struct Scanner<'s> {
    src: &'s str,
    memo: Memo<'s>,
}

impl<'s> Scanner<'s> {
    pub fn new(src: &'s str) -> Self {
        Scanner {
            src,
            memo: Memo::default(),
        }
    }

    /// Candidates of `lines` (document line numbers start at `first`), in
    /// order: the line heads [`read`] found, inline ordinals at its
    /// `marks`, merged.
    pub fn scan(
        &mut self,
        lines: &[Line],
        first: usize,
        marks: &[usize],
        mut heads: Vec<Candidate>,
    ) -> Vec<Candidate> {
        let from = lines.get(first).map_or(self.src.len(), |l| l.start);
        // Front matter has no markers.
        heads.retain(|c| c.line >= first);
        let (inline, lost) = self.in_paragraphs(lines, from, marks);
        let inline = merge_candidates(inline, lost);
        let mut out = Vec::with_capacity(heads.len() + inline.len());
        let (mut h, mut k) = (heads.iter().peekable(), inline.iter().peekable());
        let mut last_end = 0;
        loop {
            let next = match (h.peek(), k.peek()) {
                (Some(a), Some(b)) if a.start <= b.start => h.next(),
                (Some(_), None) => h.next(),
                (_, Some(_)) => k.next(),
                (None, None) => break,
            };
            let Some(&c) = next else { break };
            if c.start < last_end {
                continue;
            }
            // A part closing its line is the whole line's marker.
            if c.boundary != Boundary::LineEnd
                && out.last().is_some_and(|p: &Candidate| {
                    p.line == c.line && p.boundary == Boundary::LineEnd
                })
            {
                continue;
            }
            if c.boundary == Boundary::LineEnd
                && out.last().is_some_and(|p: &Candidate| p.line == c.line)
            {
                continue;
            }
            last_end = c.end();
            out.push(c);
        }
        accept_lost_breaks(self.src, lines, &mut out);
        // Columns, counted once per line, left to right.
        let (mut line, mut at, mut col) = (usize::MAX, 0, 1);
        for c in &mut out {
            if c.line != line {
                line = c.line;
                at = lines[line].start;
                col = 1;
            }
            col += find::count_chars(&self.src[at..c.start]);
            at = c.start;
            c.column = col;
        }
        out
    }

    /// The marker at the start of a line, a part closing it, or, on a
    /// Markdown ATX line that holds no marker, an explicit heading.
    fn line_head(&mut self, index: usize, line: &Line) -> Option<Candidate> {
        let head = &self.src[line.content..line.end];
        let noise = &self.src[line.start..line.content];
        let explicit = atx_depth(noise);
        let found = shape(head)
            .and_then(|kind| self.memo.line_marker(kind, head))
            .or_else(|| {
                // A title line may glue its number to the title (`### 4.1信息`)
                // or set it off with a space (`## 2 设计要求`).
                (explicit > 0 && head.starts_with(|c: char| c.is_ascii_digit()))
                    .then(|| recognise::title_number(head))
                    .flatten()
            })
            .map(|rec| (rec, line.content, Boundary::LineStart))
            .or_else(|| self.trailing_part(line))
            .or_else(|| {
                (explicit > 0 && is_heading_text(head)).then_some((
                    Recognised::explicit(),
                    line.content,
                    Boundary::LineStart,
                ))
            });
        found.map(|(rec, start, boundary)| Candidate {
            rec,
            start,
            line: index,
            column: 0,
            boundary,
            explicit,
            bold: noise.ends_with("**") || noise.ends_with("__"),
            place: Place::of_line(explicit),
        })
    }

    /// `学校工作计划【第一篇】`: a bracketed part at the end of a short line.
    /// `党员干部学习的必要性篇3`: the same without brackets, when a short line
    /// with no sentence end ends in `篇` and a number.
    fn trailing_part(&self, line: &Line) -> Option<(Recognised, usize, Boundary)> {
        let text = &self.src[line.content..line.end];
        let trimmed = &text[..text.len() - trailing_space(text)];
        if trimmed.len() > 120 {
            return None;
        }
        let open = if trimmed.ends_with('】') || trimmed.ends_with('〗') {
            trimmed.rfind(['【', '〖'])?
        } else if trimmed.ends_with(|c: char| c.is_ascii_digit())
            && !trimmed.contains(['。', '！', '？', '：', ':'])
        {
            let digits =
                trimmed.len() - trimmed.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            trimmed[..trimmed.len() - digits].strip_suffix('篇')?.len()
        } else {
            return None;
        };
        if open == 0 {
            return None;
        }
        let rec = recognise::trailing_part(&text[open..])?;
        Some((rec, line.content + open, Boundary::LineEnd))
    }

    /// Inline ordinals and line-level markers inside paragraphs, from one
    /// pass over the text ([`find::positions`]); returns the two lists,
    /// each in order.
    ///
    /// - Inline ordinals after a boundary: at `是` and `要` the numerals
    ///   before them and the boundary are checked, at `第` the numerals and
    ///   delimiter after it; the grammar confirms.
    /// - Lost line breaks (spec §2): after `。`, `：`/`:` or `；`, a marker
    ///   of a kind that counts "as numeral" (and `①`). `！` and `？`, which
    ///   hardly ever come right before a list marker, are left to the line
    ///   starts. Which of them count is decided once all candidates are
    ///   known ([`accept_lost_breaks`]).
    fn in_paragraphs(
        &mut self,
        lines: &[Line],
        from: usize,
        marks: &[usize],
    ) -> (Vec<Candidate>, Vec<Candidate>) {
        let src = self.src;
        let bytes = src.as_bytes();
        let (mut inline, mut lost) = (Vec::new(), Vec::new());
        // Both lists come in order: a cursor finds each one's line.
        let mut li = 0;
        let mut line_of = |q: usize| {
            while li < lines.len() && lines[li].end <= q {
                li += 1;
            }
            li
        };
        for &p in &marks[marks.partition_point(|&p| p < from)..] {
            let (start, kind, boundary) = match bytes[p] {
                0xE6 | 0xE8 => {
                    // `是` or `要`: walk back over up to three numerals.
                    let mut q = p;
                    while q >= from + 3 && p - q < 9 && small_numeral_at(src, q - 3) {
                        q -= 3;
                    }
                    let Some(boundary) = (q < p).then(|| boundary_before(src, q)).flatten() else {
                        continue;
                    };
                    let kind = if bytes[p] == 0xE6 {
                        MarkerKind::OrdinalShi
                    } else {
                        MarkerKind::OrdinalYao
                    };
                    (q, kind, boundary)
                }
                0xE7 => {
                    // `第` + numerals + a delimiter (`，、：是要`): anything else
                    // (`第三方`, `第一次`) cannot be an ordinal.
                    let Some(boundary) = boundary_before(src, p) else {
                        continue;
                    };
                    let rest = &src[p + 3..];
                    let after = &rest[leading(rest, is_numeral)..];
                    if after.len() == rest.len()
                        || !after.starts_with(['，', ',', '、', '：', ':', '是', '要'])
                    {
                        continue;
                    }
                    (p, MarkerKind::OrdinalDi, boundary)
                }
                lead => {
                    let q = p + if lead == b':' { 1 } else { 3 };
                    let li = line_of(q);
                    if let Some(c) = self.lost_break(lines, li, q) {
                        lost.push(c);
                    }
                    continue;
                }
            };
            // The same few ordinals (`一是`, `二是` …) recur all through a
            // text: the memo asks the grammar once per distinct one.
            let Some(rec) = self.memo.line_marker(kind, &src[start..]) else {
                continue;
            };
            let line = line_of(start).min(lines.len().saturating_sub(1));
            inline.push(Candidate {
                rec,
                start,
                line,
                column: 0,
                boundary,
                explicit: 0,
                bold: false,
                place: Place::Numbering,
            });
        }
        (inline, lost)
    }

    /// A list marker right after the boundary that ends at `q` (on line
    /// `li`, the first that ends after `q`), spaces between.
    fn lost_break(&mut self, lines: &[Line], li: usize, q: usize) -> Option<Candidate> {
        let src = self.src;
        let bytes = src.as_bytes();
        // What follows a boundary is nearly always an ideograph (lead bytes
        // E6–E9) or a letter: one byte rules those out before any call.
        if !matches!(bytes.get(q)?, b'0'..=b'9' | b'(' | b' ' | b'\t' | 0xE2..=0xE5 | 0xEF) {
            return None;
        }
        let s = q + leading_space(&src[q..]);
        if !may_start_list(bytes, s) {
            return None;
        }
        let line = lines.get(li)?;
        if q <= line.content || s >= line.end {
            return None;
        }
        let head = &src[s..line.end];
        let kind = shape(head).filter(|&k| is_list_kind(k))?;
        let rec = self.memo.line_marker(kind, head)?;
        Some(Candidate {
            rec,
            start: s,
            line: li,
            column: 0,
            boundary: Boundary::Sentence,
            explicit: 0,
            bold: false,
            place: Place::Numbering,
        })
    }
}

/// Two candidate lists sorted by position, merged.
fn merge_candidates(a: Vec<Candidate>, b: Vec<Candidate>) -> Vec<Candidate> {
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].start <= b[j].start {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_of_every_kind() {
        let src = "a\nb\r\nc\rd";
        let got: Vec<_> = lines(src).iter().map(|l| &src[l.start..l.end]).collect();
        assert_eq!(got, ["a", "b", "c", "d"]);
        assert_eq!(lines("a\n").len(), 1);
        assert_eq!(lines("\r\r").len(), 0);
        // Blank lines are counted, not kept.
        let src = "a\n\n  \r\n>\nb";
        let got: Vec<_> = lines(src)
            .iter()
            .map(|l| (l.number, &src[l.start..l.end]))
            .collect();
        assert_eq!(got, [(0, "a"), (4, "b")]);
    }

    fn inline_markers(src: &str) -> Vec<(&str, Boundary)> {
        let mut scanner = Scanner::new(src);
        let r = read(src, &mut scanner);
        scanner
            .scan(&r.lines, 0, &r.marks, r.heads)
            .iter()
            .map(|c| (&src[c.start..c.end()], c.boundary))
            .collect()
    }

    #[test]
    fn inline_boundaries() {
        use Boundary::*;
        assert_eq!(
            inline_markers("要求如下。一是甲；二是乙，三是丙。”四是丁，统一是戊"),
            [
                ("一是", Sentence),
                ("二是", Sentence),
                ("三是", Comma),
                ("四是", Sentence)
            ]
        );
        assert_eq!(
            inline_markers("一是甲。第二，乙"),
            [("一是", LineStart), ("第二，", Sentence)]
        );
    }

    #[test]
    fn columns_count_chars() {
        let src = "前言\n>　　一、甲。一是乙";
        let mut scanner = Scanner::new(src);
        let r = read(src, &mut scanner);
        let cols: Vec<_> = scanner
            .scan(&r.lines, 0, &r.marks, r.heads)
            .iter()
            .map(|c| (c.line, c.column))
            .collect();
        assert_eq!(cols, [(1, 4), (1, 8)]);
    }
}
