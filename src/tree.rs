//! From accepted headings to the [`Document`]: titles, bodies, preamble,
//! spans (spec §4, §6). The one place that knows the whole pipeline.

use crate::doc_title;
use crate::document::{Document, Heading, NO_PARENT, Span, Text, TocEntry};
use crate::nest::{self, Node};
use crate::recognise::MAX_PATH;
use crate::scan::{self, Boundary, Line, Scanner};
use crate::toc;

/// Parses `src` into a [`Document`].
pub(crate) fn build(src: &str) -> Document<'_> {
    let lines = scan::lines(src);
    let body_from = scan::front_matter(src, &lines);
    let first_line = body_from.map_or(0, |at| lines.partition_point(|l| l.start < at));

    let mut cands = Scanner::new(src).scan(&lines, first_line);

    let found = toc::detect(src, &lines[first_line..], first_line, &cands);
    let mut skip = vec![false; lines.len()];
    for s in skip.iter_mut().take(first_line) {
        *s = true;
    }
    for &i in found.label.iter().chain(&found.lines) {
        skip[i] = true;
    }
    cands.retain(|c| !skip[c.line]);
    let nodes = nest::nest(&cands);
    // Candidates are copied into the nodes: free them before the tree grows.
    drop(cands);

    let layout = Layout {
        src,
        lines: &lines,
        skip: &skip,
    };
    let first_start = nodes
        .first()
        .map_or(src.len(), |n| layout.own_start(&n.cand));
    let preamble = layout.paragraphs(
        first_line,
        lines.get(first_line).map_or(src.len(), |l| l.start),
        first_start,
    );
    let title = if nodes
        .first()
        .is_some_and(|n| n.cand.rec.kind == crate::MarkerKind::Part)
        && preamble.is_empty()
    {
        None
    } else {
        doc_title::pick(&preamble)
    };

    let toc_entries = found.entries.iter().map(|c| layout.toc_entry(c)).collect();
    let toc_label = found.label.map(|i| {
        let l = &lines[i];
        let end = l.end - scan::trailing_space(&src[l.content..l.end]);
        Text {
            text: &src[l.content..end],
            span: Span::new(l.content, end),
        }
    });

    let (headings, paragraphs) = layout.headings(&nodes);
    Document {
        source: src,
        title,
        front_matter: body_from.map(|end| Span::new(0, end)),
        toc_label,
        toc: toc_entries,
        preamble,
        headings,
        paragraphs,
    }
}

struct Layout<'s, 'l> {
    src: &'s str,
    lines: &'l [Line],
    skip: &'l [bool],
}

impl<'s> Layout<'s, '_> {
    /// The first byte a heading owns: its marker, or for a part closing its
    /// line, the title before it.
    fn own_start(&self, c: &scan::Candidate) -> usize {
        match c.boundary {
            Boundary::LineEnd => self.lines[c.line].content,
            _ => c.start,
        }
    }

    /// Headings with titles, bodies and spans, in document order, and all
    /// their body paragraphs. Document order is the tree's depth-first order,
    /// so the tree is the list plus, per heading, its parent and the end of
    /// its descendants, set with a stack of the open headings (bounded by the
    /// number of kinds, see [`nest`]) in one pass.
    fn headings(&self, nodes: &[Node]) -> (Vec<Heading<'s>>, Vec<Text<'s>>) {
        let mut headings: Vec<Heading<'s>> = Vec::with_capacity(nodes.len());
        let mut paragraphs = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        // Closes the innermost open heading before heading `at`: its
        // descendants end there, and its parent's span reaches its end.
        let close = |open: &mut Vec<usize>, headings: &mut [Heading<'s>], at: usize| {
            let Some(o) = open.pop() else { return };
            headings[o].end = at;
            let end = headings[o].span.end;
            if let Some(&p) = open.last() {
                let parent = &mut headings[p].span;
                parent.end = parent.end.max(end);
            }
        };
        for (k, node) in nodes.iter().enumerate() {
            while open.last().is_some_and(|&o| Some(o) != node.parent) {
                close(&mut open, &mut headings, k);
            }
            let next = nodes.get(k + 1).map(|n| &n.cand);
            let h = self.heading(node, next, &mut paragraphs);
            headings.push(h);
            open.push(k);
        }
        while !open.is_empty() {
            close(&mut open, &mut headings, nodes.len());
        }
        (headings, paragraphs)
    }

    /// One heading; its body paragraphs are appended to `paragraphs`.
    fn heading(
        &self,
        node: &Node,
        next: Option<&scan::Candidate>,
        paragraphs: &mut Vec<Text<'s>>,
    ) -> Heading<'s> {
        let c = &node.cand;
        let line = &self.lines[c.line];
        let marker_span = Span::new(c.start, c.end());
        let (title_span, body_start) = if c.boundary == Boundary::LineEnd {
            let t = trim(self.src, line.content, c.start);
            (t, c.end())
        } else {
            let limit = match next {
                Some(n) if n.line == c.line => self.own_start(n),
                _ => line.end,
            };
            let from = skip_delimiter(self.src, c.end(), limit);
            let (stop, mark) = title_stop(self.src, from, limit);
            (trim(self.src, from, stop), stop + mark)
        };
        let body_end = next.map_or(self.src.len(), |n| self.own_start(n));
        let body_from = paragraphs.len();
        self.paragraphs_into(c.line, body_start, body_end, paragraphs);
        let start = marker_span.start.min(title_span.start);
        let end = paragraphs[body_from..]
            .last()
            .map_or(marker_span.end.max(title_span.end), |b| b.span.end);
        let dotted = c.rec.path();
        let mut path = [0u16; MAX_PATH];
        path[..dotted.len()].copy_from_slice(dotted);
        Heading {
            kind: c.rec.kind,
            marker: &self.src[marker_span.range()],
            number: node.number,
            level: node.level,
            title: &self.src[title_span.range()],
            line: self.lines[c.line].number + 1,
            column: c.column,
            span: Span::new(start, end),
            marker_span,
            title_span,
            path,
            depth: dotted.len() as u8,
            parent_index: node.parent.unwrap_or(NO_PARENT),
            end: 0,
            body_range: (body_from, paragraphs.len()),
        }
    }

    /// The non-blank paragraphs of `[from, to)`; see [`Self::paragraphs_into`].
    fn paragraphs(&self, line: usize, from: usize, to: usize) -> Vec<Text<'s>> {
        let mut out = Vec::new();
        self.paragraphs_into(line, from, to, &mut out);
        out
    }

    /// The non-blank paragraphs of `[from, to)`, one per line, without the
    /// leading noise and surrounding whitespace; `line` holds `from`.
    fn paragraphs_into(&self, line: usize, from: usize, to: usize, out: &mut Vec<Text<'s>>) {
        // Each line's share of `[from, to)`, without noise and whitespace.
        for (i, l) in self.lines.iter().enumerate().skip(line) {
            if l.start >= to {
                break;
            }
            if self.skip[i] || l.end <= from {
                continue;
            }
            let start = if from <= l.content { l.content } else { from };
            let end = l.end.min(to);
            if start < end {
                let t = trim_space(self.src, start, end);
                if !t.is_empty() {
                    out.push(Text {
                        text: &self.src[t.range()],
                        span: t,
                    });
                }
            }
        }
    }

    fn toc_entry(&self, c: &scan::Candidate) -> TocEntry<'s> {
        let line = &self.lines[c.line];
        let from = skip_delimiter(self.src, c.end(), line.end);
        let title_span = toc::strip_page_number(self.src, trim(self.src, from, line.end));
        TocEntry {
            kind: c.rec.kind,
            marker: &self.src[c.start..c.end()],
            number: c.rec.number,
            title: &self.src[title_span.range()],
            line: self.lines[c.line].number + 1,
            column: c.column,
            marker_span: Span::new(c.start, c.end()),
            title_span,
        }
    }
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
    let skip_spaces = |at: usize| at + scan::leading_space(&src[at..limit]);
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
    let mut depth = 0u32;
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
                    return (i, 3);
                }
                first_end.get_or_insert((i, 3));
            }
            _ => {}
        }
        i += if bytes[i] < 0x80 { 1 } else { 3 };
    }
    first_end.unwrap_or((limit, 0))
}

/// `[from, to)` without surrounding whitespace.
fn trim_space(src: &str, from: usize, to: usize) -> Span {
    let start = from + scan::leading_space(&src[from..to]);
    let end = to - scan::trailing_space(&src[start..to]);
    Span::new(start, end)
}

/// `[from, to)` without surrounding whitespace, trailing `：；，、` and a
/// closing Markdown `**`.
pub(crate) fn trim(src: &str, from: usize, to: usize) -> Span {
    let start = from + scan::leading_space(&src[from..to]);
    // Most titles end in an ideograph (a three-byte character led by
    // 0xE4–0xE9): nothing to take off.
    if to >= start + 3 && matches!(src.as_bytes()[to - 3], 0xE4..=0xE9) {
        return Span::new(start, to);
    }
    let mut t = &src[start..to];
    // One character at a time from the end: most titles end in none of
    // these, so this looks at one character.
    while let Some(c) = t.chars().next_back() {
        if scan::is_space(c) || matches!(c, '：' | '；' | '，' | '、' | ':' | ';' | ',') {
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
