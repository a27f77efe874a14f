//! From accepted headings to the [`Document`]: titles, bodies, preamble,
//! spans (spec §4, §6). The one place that knows the whole pipeline.

use crate::doc_title;
use crate::document::{Document, Heading, Span, Text, TocEntry};
use crate::nest::{self, Node};
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
        let end = l.content + src[l.content..l.end].trim_end_matches(scan::is_space).len();
        Text {
            text: &src[l.content..end],
            span: Span::new(l.content, end),
        }
    });

    Document {
        source: src,
        title,
        front_matter: body_from.map(|end| Span::new(0, end)),
        toc_label,
        toc: toc_entries,
        preamble,
        children: layout.headings(&nodes),
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

    /// Headings with titles, bodies and spans, nested. One pass in document
    /// order with a stack of the open headings (bounded by the number of
    /// kinds, see [`nest`]): a heading is made as it is reached and placed
    /// under its parent once its last child is in, so no recursion and no
    /// flat copy of the tree is needed.
    fn headings(&self, nodes: &[Node]) -> Vec<Heading<'s>> {
        // Children are counted first so that every list is allocated once,
        // at its size.
        let mut counts = vec![0u32; nodes.len() + 1];
        for n in nodes {
            counts[n.parent.unwrap_or(nodes.len())] += 1;
        }
        let mut roots = Vec::with_capacity(counts[nodes.len()] as usize);
        let mut open: Vec<(usize, Heading<'s>)> = Vec::new();
        let close = |open: &mut Vec<(usize, Heading<'s>)>, roots: &mut Vec<Heading<'s>>| {
            let Some((_, mut h)) = open.pop() else { return };
            if let Some(last) = h.children.last() {
                h.span.end = h.span.end.max(last.span.end);
            }
            match open.last_mut() {
                Some((_, parent)) => parent.children.push(h),
                None => roots.push(h),
            }
        };
        for (k, node) in nodes.iter().enumerate() {
            while open.last().is_some_and(|&(o, _)| Some(o) != node.parent) {
                close(&mut open, &mut roots);
            }
            let mut h = self.heading(node, nodes.get(k + 1).map(|n| &n.cand));
            h.children = Vec::with_capacity(counts[k] as usize);
            open.push((k, h));
        }
        while !open.is_empty() {
            close(&mut open, &mut roots);
        }
        roots
    }

    fn heading(&self, node: &Node, next: Option<&scan::Candidate>) -> Heading<'s> {
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
        let body = self.paragraphs(c.line, body_start, body_end);
        let start = marker_span.start.min(title_span.start);
        let end = body
            .last()
            .map_or(marker_span.end.max(title_span.end), |b| b.span.end);
        Heading {
            kind: c.rec.kind,
            marker: &self.src[marker_span.range()],
            number: node.number,
            path: c.rec.path(),
            level: node.level,
            title: &self.src[title_span.range()],
            line: self.lines[c.line].number + 1,
            column: c.column,
            span: Span::new(start, end),
            marker_span,
            title_span,
            body,
            children: Vec::new(),
        }
    }

    /// The non-blank paragraphs of `[from, to)`, one per line, without the
    /// leading noise and surrounding whitespace; `line` holds `from`.
    fn paragraphs(&self, line: usize, from: usize, to: usize) -> Vec<Text<'s>> {
        let first = line.min(self.lines.len());
        let n = self.lines[first..]
            .iter()
            .take_while(|l| l.start < to)
            .count();
        // Each line's share of `[from, to)`, without noise and whitespace.
        let mut spans = (first..first + n).filter_map(|i| {
            let l = &self.lines[i];
            if self.skip[i] || l.end <= from {
                return None;
            }
            let start = if from <= l.content { l.content } else { from };
            let end = l.end.min(to);
            (start < end)
                .then(|| (i, trim_space(self.src, start, end)))
                .filter(|(_, t)| !t.is_empty())
        });
        let text = |(_, t): (usize, Span)| Text {
            text: &self.src[t.range()],
            span: t,
        };
        let Some(head) = spans.next() else {
            return Vec::new();
        };
        // One allocation: at most one paragraph per line is left.
        let mut out = Vec::with_capacity(first + n - head.0);
        out.push(text(head));
        out.extend(spans.map(text));
        out
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
    let skip_spaces = |at: usize| at + scan::leading(&src[at..limit], scan::is_space);
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
    let start = from + scan::leading(&src[from..to], scan::is_space);
    let end = to - scan::trailing(&src[start..to], scan::is_space);
    Span::new(start, end)
}

/// `[from, to)` without surrounding whitespace, trailing `：；，、` and a
/// closing Markdown `**`.
pub(crate) fn trim(src: &str, from: usize, to: usize) -> Span {
    let start = from + scan::leading(&src[from..to], scan::is_space);
    let mut t = &src[start..to];
    loop {
        let before = t.len();
        t = &t[..t.len()
            - scan::trailing(t, |c| {
                scan::is_space(c) || matches!(c, '：' | '；' | '，' | '、' | ':' | ';' | ',')
            })];
        t = t.strip_suffix("**").unwrap_or(t);
        if t.len() == before {
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
